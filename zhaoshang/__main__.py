"""`zhaoshang` / `python -m zhaoshang`: Django's management commands, with readable start-up errors."""

from __future__ import annotations

import os
import sys


def _take_database_url(argv: list[str]) -> list[str]:
    """`--database-url URL` works on every command: settings are read before commands parse options."""
    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--database-url":
            os.environ["DATABASE_URL"] = next(it, "")
        elif arg.startswith("--database-url="):
            os.environ["DATABASE_URL"] = arg.split("=", 1)[1]
        else:
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "zhaoshang"
    argv = _take_database_url(argv)
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"配置错误：{exc}\n")
        sys.exit(2)
    except OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        sys.stderr.write(f"无法连接数据库（请检查 DATABASE_URL）：{first}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
