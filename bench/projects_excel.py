"""Time the projects' Excel export and import at the province scale of the demo generator.

    .venv/bin/python bench/demo_load.py --scale province --database-url postgres://postgres@127.0.0.1:5432/zs_bench_excel
    .venv/bin/python bench/projects_excel.py --database-url postgres://postgres@127.0.0.1:5432/zs_bench_excel

Export: the city admin exports a filtered list through the export job (the path a >5,000-row
export takes: selector, 台账 streamed by dataio.xlsxstream, file stored), once for a filter
of about 10,000 projects and once for exactly the first 10,000 rows of the whole list.
Import: a 连云区 officer uploads 10,000 new rows (checked, previewed) and confirms them; then the
same file again (all 无变化); then the file with every amount changed and a third of the rows
advanced one stage (10,000 updates with history, events and transitions). The database must
already hold the province demo (``bench/demo_load.py``); each run adds its 10,000 projects under
a fresh name tag and leaves them there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["TASKS_IMMEDIATE"] = "true"  # the export job runs in this process, timed
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="zs-bench-media-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhaoshang.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def rows_file(n: int, tag: str, *, unit: str, changed: bool = False) -> bytes:
    """n valid project rows: 洽谈, 签约 and 注册落地 with their evidence; ``changed`` alters every
    amount and moves each third row one stage on."""
    from openpyxl import Workbook

    from zhaoshang.firms.credit_code import credit_code_check_char

    headers = ["项目编号", "项目名称", "项目类型", "投资方", "所属单位", "产业链", "行业", "阶段", "总投资（万元）",
               "固定资产投资（万元）", "洽谈开始日期", "签约日期", "协议类型", "签约金额（万元）", "注册日期",
               "落地公司名称", "统一社会信用代码", "项目选址", "项目联系人", "联系电话", "保密"]
    chains = ["石化", "生物医药", "新材料", "其他"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("项目")
    ws.append([f"基准导入 {tag}"])
    ws.append(headers)
    start = date(2025, 1, 6)
    for i in range(n):
        stage = ("洽谈", "签约", "注册落地")[i % 3]
        if changed and i % 3 == 0:
            stage = "签约"
        amount = 1000 + (i * 37) % 500000 + (7 if changed else 0)
        began = start + timedelta(days=i % 200)
        signed = began + timedelta(days=30) if stage != "洽谈" else None
        registered = signed + timedelta(days=40) if stage == "注册落地" else None
        body = f"9132070{i % 10}MA{i:07d}"[:17]
        code = body + credit_code_check_char(body) if registered else None
        ws.append(["", f"基准导入项目{tag}-{i:05d}", "新引进项目", f"基准投资企业{i % 997}有限公司", unit,
                   chains[i % 4], "制造业", stage, amount, amount // 2, began, signed,
                   "正式合同" if signed else None, amount if signed else None, registered,
                   f"连云港基准{tag}{i:05d}有限公司" if registered else None, code,
                   "连云区某工业园" if registered else None, "张三", f"138{i:08d}", "否"])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def timed(label: str, fn, rows: int):
    """Wall time, rows/s, this process's CPU time and the load average: the development machine
    is shared, so the CPU time says what the code costs when the wall time is inflated by others."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    load = os.getloadavg()[0]
    print(f"{label:<58} {rows:>7,} rows {seconds:7.2f} s {rows / seconds:7,.0f} rows/s  cpu {cpu:6.2f} s"
          f"  load {load:4.1f}", flush=True)
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    setup(args.database_url)

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from zhaoshang.accounts.models import User
    from zhaoshang.dataio.services import export_job_create, import_job_apply, import_job_create
    from zhaoshang.organizations.models import Unit
    from zhaoshang.projects.exports import ledger_queryset, project_ledger_xlsx
    from zhaoshang.projects.models import Project
    from zhaoshang.projects.selectors import project_list

    admin = User.objects.select_related("unit").get(username="city_admin")
    officer = User.objects.select_related("unit").get(username="lianyun")
    total = Project.objects.count()
    print(f"database={connection.vendor} projects={total:,} cpu={os.cpu_count()}", flush=True)

    # --- export -------------------------------------------------------------------------------------
    unit = Unit.objects.get(code="haizhou")  # the import below writes to 连云区, so this count stays put
    params = {"unit": str(unit.pk)}
    n = project_list(user=admin, filters=params).count()
    job, _ = timed("export job, filter 单位=海州区 (job page path)", lambda: export_job_create(
        user=admin, kind="projects", params=params), n)
    job.refresh_from_db()
    assert job.status == "done" and job.total_rows == n, (job.status, job.message)
    size = job.file.size

    def first_rows() -> bytes:
        qs = ledger_queryset(project_list(user=admin, filters={}))[: args.rows]
        return project_ledger_xlsx(qs.iterator(chunk_size=2000), title="基准", user=admin)

    content, _ = timed(f"export first {args.rows:,} of all projects (in-request path)", first_rows, args.rows)
    print(f"  file sizes: {size / 1e6:.1f} MB ({n:,} rows), {len(content) / 1e6:.1f} MB ({args.rows:,} rows)")

    # --- import -------------------------------------------------------------------------------------
    tag = time.strftime("%m%d%H%M%S")
    data = rows_file(args.rows, tag, unit="连云区")
    changed = rows_file(args.rows, tag, unit="连云区", changed=True)
    print(f"  import file: {len(data) / 1e6:.1f} MB, {args.rows:,} rows × 21 columns")

    def upload(content: bytes):
        job = import_job_create(user=officer, kind="projects", upload=SimpleUploadedFile("bench.xlsx", content))
        assert job.invalid_rows == 0, job.errors[:3]
        return job

    def apply(job):
        job = import_job_apply(user=officer, job=job)
        assert job.status == "applied", job.message
        return job

    results = {}
    for label, content in (("new", data), ("same file again", data), ("changed", changed)):
        job, check_s = timed(f"import {label}: upload + check every row + preview", lambda c=content: upload(c),
                             args.rows)
        job, apply_s = timed(f"import {label}: 确认导入 (re-check + write)", lambda j=job: apply(j), args.rows)
        results[label] = (job.created_rows, job.updated_rows, job.unchanged_rows, check_s + apply_s)
        print(f"  → 新增 {job.created_rows:,}、更新 {job.updated_rows:,}、无变化 {job.unchanged_rows:,}; "
              f"total {check_s + apply_s:.2f} s", flush=True)
    assert results["new"][0] == args.rows and results["same file again"][2] == args.rows
    assert results["changed"][1] == args.rows


if __name__ == "__main__":
    main()
