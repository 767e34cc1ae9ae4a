"""The generic pipeline with a small importer of its own: header finding, skipped rows, unit
conversion, duplicate keys, all-or-nothing apply, failed-rows file, template, jobs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.dataio import selectors
from zhaoshang.dataio.cells import money, parse_date, text
from zhaoshang.dataio.enums import ExportStatus, ImportStatus
from zhaoshang.dataio.importers import ApplyResult, Column, FileError, Importer, check, read, register
from zhaoshang.dataio.models import ExportJob
from zhaoshang.dataio.services import (
    export_job_purge,
    import_job_apply,
    import_job_cancel,
    import_job_create,
)
from zhaoshang.dataio.workbooks import LedgerColumn, LedgerWriter, errors_bytes, template_bytes
from zhaoshang.projects.models import DropReason


@register
class SampleImporter(Importer):
    """Imports drop reasons (any small model will do) to exercise the pipeline."""

    kind = "dataio_sample"
    label = "示例"
    columns = (
        Column("名称", "name", text(20), required=True, help="必填"),
        Column("注册资本", "capital", money(), unit="万元", kind="money"),
        Column("成立日期", "founded", parse_date, kind="date"),
        Column("得分", "score", read_only=True),
    )
    fail_with: str = ""

    def key(self, cleaned):
        return cleaned.get("name")

    def allowed_values(self):
        return [("名称", ["甲", "乙"])]

    def example_row(self):
        return {"name": "示例", "capital": 100, "founded": date(2026, 1, 1)}

    def apply(self, rows, *, job):
        for row in rows:
            DropReason.objects.create(name=row.cleaned["name"])
        if self.fail_with:
            raise BusinessError(self.fail_with)
        return ApplyResult(created=len(rows))

    def upload_url(self):
        return "/"

    def done_url(self):
        return "/"


def book(rows: list[list]) -> BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_the_header_is_found_under_a_title_and_total_and_example_rows_are_skipped(world):
    f = book([["2026年示例台账"], [], ["序号", "名称", "注册资本（亿元）", "成立日期", "得分"],
              [1, "示例（不导入）", 1, "2026-01-01", 9], [2, "甲", 1.5, "2026/2/1", 9], [None, None, None],
              [3, "乙", "0.25", "2026年3月1日", 8], ["合计", None, 1.75, None, None]])
    parsed = check(SampleImporter(user=world.user("lianyun")), f)
    assert (parsed.header_row, parsed.sheet, parsed.skipped) == (3, "数据", 2)
    assert [(r.number, r.cleaned, r.errors) for r in parsed.rows] == [
        (5, {"name": "甲", "capital": Decimal("15000.0000"), "founded": date(2026, 2, 1)}, []),
        (7, {"name": "乙", "capital": Decimal("2500.0000"), "founded": date(2026, 3, 1)}, []),
    ]
    assert parsed.notices == ["“注册资本（亿元）”按亿元读取，已换算为万元", "以下列由系统生成，导入时忽略：得分",
                              "以下列不在模板中，已忽略：序号"]


def test_duplicate_keys_and_required_cells_are_reported_on_every_row(world):
    f = book([["名称", "注册资本"], ["甲", 1], ["", 2], ["甲", 3], ["乙", "x"]])
    parsed = check(SampleImporter(user=world.user("lianyun")), f)
    assert [(r.number, r.errors) for r in parsed.rows] == [
        (2, ["与第 4 行重复"]),
        (3, ["名称：必填"]),
        (4, ["与第 2 行重复"]),
        (5, ["注册资本（万元）：“x”不是有效金额，请只填数字"]),
    ]


@pytest.mark.parametrize("rows, message", [
    ([["名称", "名称"], ["甲"]], "表头“名称”与“名称”是同一列，重复出现，请删除其中一列"),
    ([["名称", "注册资本（美元）"], ["甲", 1]], "“注册资本（美元）”的单位“美元”无法识别，本列可用单位：万元、亿元、元"),
    ([["注册资本", "成立日期"], [1, 2]], "缺少必填列：名称（请使用导入模板的表头）"),
    ([["随便", "什么"], [1, 2]], "没有找到表头：请使用“示例导入模板”，表头须包含 名称"),
    ([["名称", "注册资本"]], "文件中没有数据行：请在表头下方逐行填写（示例行不会导入）"),
])
def test_files_that_cannot_be_imported_say_why(world, rows, message):
    with pytest.raises(FileError) as exc:
        check(SampleImporter(user=world.user("lianyun")), book(rows))
    assert exc.value.message == message


def test_apply_is_all_or_nothing(world, monkeypatch):
    officer = world.user("lianyun")
    before = DropReason.objects.count()
    upload = SimpleUploadedFile("a.xlsx", book([["名称"], ["新原因甲"], ["新原因乙"]]).read())
    job = import_job_create(user=officer, kind="dataio_sample", upload=upload)
    assert (job.status, job.valid_rows, job.to_create, job.can_apply) == (ImportStatus.PREVIEW, 2, 2, True)

    # when the write fails half-way, nothing stays and the job says why
    monkeypatch.setattr(SampleImporter, "fail_with", "第二行写入失败")
    job = import_job_apply(user=officer, job=job)
    assert (job.status, job.message) == (ImportStatus.FAILED, "第二行写入失败")
    assert DropReason.objects.count() == before

    # and a failed job cannot be applied again
    monkeypatch.setattr(SampleImporter, "fail_with", "")
    with pytest.raises(BusinessError, match="不能再次导入"):
        import_job_apply(user=officer, job=job)


def test_a_job_belongs_to_its_uploader(world):
    officer = world.user("lianyun")
    upload = SimpleUploadedFile("a.xlsx", book([["名称"], ["丙"]]).read())
    job = import_job_create(user=officer, kind="dataio_sample", upload=upload)
    with pytest.raises(NotVisible):
        selectors.import_job_get(user=world.user("city_admin"), id=job.id)
    with pytest.raises(BusinessError, match="只有上传人可以确认导入"):
        import_job_apply(user=world.user("city_admin"), job=job)
    assert import_job_cancel(user=officer, job=job).status == ImportStatus.CANCELLED
    assert list(selectors.import_job_list(user=officer)) == [job]
    assert job.history.count() == 2


def test_the_failed_rows_file_has_an_error_reason_column(world):
    f = book([["名称", "注册资本", "备注"], ["甲", 1, "a"], ["", 2, "b"], ["乙", "x", "c"]])
    importer = SampleImporter(user=world.user("lianyun"))
    parsed = check(importer, f)
    errors = {r.number: r.errors for r in parsed.rows if r.errors}
    only = load_workbook(BytesIO(errors_bytes(read(importer, f), errors, only_errors=True))).active
    assert [list(r) for r in only.iter_rows(values_only=True)] == [
        ["名称", "注册资本", "备注", "错误原因"],
        [None, 2, "b", "名称：必填"],
        ["乙", "x", "c", "注册资本（万元）：“x”不是有效金额，请只填数字"],
    ]
    every = load_workbook(BytesIO(errors_bytes(read(importer, f), errors, only_errors=False))).active
    assert [r[0] for r in every.iter_rows(min_row=2, values_only=True)] == ["甲", None, "乙"]


def test_the_template_has_headers_an_example_row_rules_and_drop_downs(world):
    wb = load_workbook(BytesIO(template_bytes(SampleImporter(user=world.user("lianyun")))))
    assert wb.sheetnames == ["导入数据", "说明"]
    ws = wb["导入数据"]
    assert [c.value for c in ws[2]] == ["名称", "注册资本（万元）", "成立日期"]
    assert [c.value for c in ws[3]][:2] == ["示例", 100]
    assert ws["A2"].comment.text == "必填"
    assert [(str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation] == [
        ("A3:A5000", "'说明'!$E$4:$E$5")]
    assert [wb["说明"]["E3"].value, wb["说明"]["E4"].value, wb["说明"]["E5"].value] == ["名称可填", "甲", "乙"]


def test_the_ledger_writer_formats_cells_and_adds_a_total_row():
    columns = [LedgerColumn("名称", kind="text"), LedgerColumn("金额（万元）", kind="money", total=True),
               LedgerColumn("日期", kind="date")]
    buf = BytesIO()
    writer = LedgerWriter(buf, title="测试台账", columns=columns)
    writer.row(["甲", Decimal("1.5"), date(2026, 3, 1)])
    writer.row(["乙", None, None])
    writer.row(["丙", Decimal("2.25"), None])
    writer.close()
    ws = load_workbook(buf).active
    excel_day = datetime(2026, 3, 1)  # noqa: DTZ001 (Excel dates carry no time zone)
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [
        ["测试台账", None, None], ["名称", "金额（万元）", "日期"], ["甲", 1.5, excel_day],
        ["乙", None, None], ["丙", 2.25, None], ["合计（3 条）", 3.75, None]]
    assert (ws["B3"].number_format, ws["C3"].number_format, ws.freeze_panes) == ("#,##0.00##", "yyyy-mm-dd", "C3")


def test_old_export_files_are_purged(world):
    job = ExportJob.objects.create(kind="projects", requested_by=world.user("lianyun"), status=ExportStatus.DONE,
                                   finished_at=timezone.now() - timedelta(days=8))
    job.file.save("old.xlsx", ContentFile(b"x"))
    fresh = ExportJob.objects.create(kind="projects", requested_by=world.user("lianyun"), status=ExportStatus.DONE,
                                     finished_at=timezone.now())
    fresh.file.save("new.xlsx", ContentFile(b"x"))
    path = job.file.path

    assert export_job_purge() >= 1  # jobs left by other (transactional) tests may be purged too
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert (job.file.name, job.message, bool(fresh.file)) == ("", "文件已过期清理，请重新导出", True)
    import os

    assert not os.path.exists(path)
