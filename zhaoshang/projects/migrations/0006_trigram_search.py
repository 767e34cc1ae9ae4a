"""Chinese substring search on PostgreSQL: trigram GIN indexes make `icontains` an index scan.

SQLite has no such index; there the same query scans, which is fine at a county's volume.
Creating the extension needs a role allowed to (the superuser in CI and on a fresh server);
without it the migration says so and search still works, only slower.
"""

from django.db import migrations

INDEXES = [
    ("project_name_trgm", "projects_project", "name"),
    ("project_investor_trgm", "projects_project", "investor_name"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                cursor.execute("SAVEPOINT trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("RELEASE SAVEPOINT trgm")
            except Exception:  # no privilege: keep going without the index
                cursor.execute("ROLLBACK TO SAVEPOINT trgm")
                print("\n  未能创建 pg_trgm 扩展（需要数据库管理员权限）：名称搜索不使用索引，仍可正常使用。")
                return
        for name, table, column in INDEXES:
            cursor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}) gin_trgm_ops)')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _, _ in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_list_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
