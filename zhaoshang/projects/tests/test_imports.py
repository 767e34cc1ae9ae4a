"""Importing projects from Excel: preview with every row's errors, all-or-nothing apply,
idempotent re-import, scoping, optimistic locking, and the export → import round trip.

Every file is a real .xlsx built with openpyxl and read back by the pipeline.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from zhaoshang.core.errors import BusinessError
from zhaoshang.dataio.enums import ImportStatus
from zhaoshang.dataio.importers import NOT_XLSX
from zhaoshang.dataio.models import ImportJob
from zhaoshang.dataio.services import import_job_apply, import_job_create
from zhaoshang.dataio.workbooks import template_bytes
from zhaoshang.projects.imports import COLUMNS, ProjectImporter
from zhaoshang.projects.models import Project, ProjectEvent, StageTransition
from zhaoshang.projects.services import project_advance_stage, project_update
from zhaoshang.projects.tests.factories import make_project

HEADERS = ["项目编号", "项目名称", "项目类型", "投资方", "所属单位", "产业链", "阶段", "总投资（万元）", "签约日期",
           "协议类型", "签约金额（万元）", "联系电话"]
# a made-up code that passes GB 32100’s check character
CREDIT = "91320703MA1N2B3C4A"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def xlsx(rows: list[list], headers: list[str] = HEADERS, title: str | None = "项目导入",
         name: str = "projects.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def good_rows() -> list[list]:
    return [
        ["", "连云区港口物流园项目", "新引进项目", "上海港航物流有限公司", "连云区", "其他", "洽谈", 52000, None, None, None,
         "13812345678"],
        ["", "连云区碳纤维复材项目", "增资扩产", "中复神鹰碳纤维股份有限公司", "连云区", "新材料", "签约", "120000",
         "2026-03-01", "正式合同", 120000, ""],
        ["LY-2026-7", "连云区生物医药中试基地", "", "江苏某某医药有限公司", "连云区", "生物医药", "已签约", 8000.5,
         date(2026, 2, 14), "框架协议", "7000", None],
    ]


def upload(user, rows, **kw) -> ImportJob:
    return import_job_create(user=user, kind="projects", upload=xlsx(rows, **kw))


def errors_of(job: ImportJob) -> dict[int, list[str]]:
    return {e["row"]: e["errors"] for e in job.errors}


# --- the two tests the issue asks for ---------------------------------------------------------------

def test_a_file_with_good_and_bad_rows_writes_nothing_and_reports_every_error(world):
    # given a file with two good rows (3, 4) and eight bad ones (5–12; row 5 only shares its code with row 12)
    officer = world.user("lianyun")
    before = (Project.objects.count(), ProjectEvent.objects.count(), Project.history.count())
    bad = [
        ["", "花果山文旅项目", "新引进项目", "某文旅集团", "花果山区", "其他", "洽谈", 30000, None, None, None, ""],
        ["", "连云区某储能项目", "新引进项目", "某储能公司", "连云区", "其他", "已签", 30000, None, None, None, ""],
        ["", "连云区某签约项目", "新引进项目", "某签约公司", "连云区", "其他", "签约", 30000, None, None, None, ""],
        ["", "连云区某金额项目", "新引进项目", "某金额公司", "连云区", "其他", "洽谈", "三亿", None, None, None, ""],
        ["", "连云区某日期项目", "新引进项目", "某日期公司", "连云区", "其他", "签约", 30000, "2026-13-01", "正式合同",
         30000, ""],
        ["", "徐圩新区烯烃项目", "新引进项目", "某石化公司", "徐圩新区", "石化", "洽谈", 900000, None, None, None, ""],
        ["LY-2026-7", "", "新引进项目", "某重复公司", "连云区", "其他", "洽谈", 100, None, None, None, ""],
    ]

    # when the 连云区 officer uploads it
    job = upload(officer, good_rows() + bad)

    # then every bad row is reported with its reasons in Chinese, and the good rows are not
    assert (job.status, job.total_rows, job.valid_rows, job.invalid_rows) == (ImportStatus.PREVIEW, 10, 2, 8)
    assert errors_of(job) == {
        5: ["项目编号“LY-2026-7”与第 12 行相同，同一项目只能出现一次"],
        6: ["所属单位：“花果山区”不存在，请填写单位全称或简称（见“说明”工作表）"],
        7: ["阶段：“已签”无法识别，可填：洽谈、签约、注册落地、开工、投产、暂缓、终止"],
        8: ["进入“签约”阶段需要填写：签约日期、协议类型、签约金额（万元）"],
        9: ["总投资（万元）：“三亿”不是有效金额，请只填数字"],
        10: ["签约日期：“2026-13-01”不是存在的日期"],
        11: ["所属单位：您不能导入“徐圩新区”的项目（只能导入本单位及下级单位的项目）"],
        12: ["项目名称：必填", "项目编号“LY-2026-7”与第 5 行相同，同一项目只能出现一次"],
    }
    assert job.can_apply is False

    # and confirming is refused; nothing at all was written
    with pytest.raises(BusinessError, match="文件中还有错误行"):
        import_job_apply(user=officer, job=job)
    assert (Project.objects.count(), ProjectEvent.objects.count(), Project.history.count()) == before


def test_good_rows_are_all_written_and_importing_the_same_file_again_changes_nothing(world):
    officer = world.user("lianyun")
    today = timezone.localdate()

    # when the officer imports three good rows and confirms
    job = upload(officer, good_rows())
    assert (job.invalid_rows, job.to_create, job.to_update, job.unchanged_rows) == (0, 3, 0, 0)
    job = import_job_apply(user=officer, job=job)

    # then all three are written, exactly as typed
    assert (job.status, job.created_rows, job.updated_rows) == (ImportStatus.APPLIED, 3, 0)
    projects = {p.name: p for p in Project.objects.all()}
    assert len(projects) == 3
    port = projects["连云区港口物流园项目"]
    assert port.code.startswith(f"LYG-{today.year}-") and port.unit == officer.unit
    assert (port.stage, port.total_investment, port.negotiation_started_on, port.contact_phone) == (
        "negotiating", Decimal("52000"), today, "13812345678")
    fibre = projects["连云区碳纤维复材项目"]
    assert (fibre.kind, fibre.stage, fibre.signed_on, fibre.agreement_kind, fibre.contracted_amount, fibre.tier) == (
        "expansion", "signed", date(2026, 3, 1), "formal", Decimal("120000"), "10亿元以上")
    pharma = projects["连云区生物医药中试基地"]
    assert (pharma.code, pharma.kind, pharma.total_investment, pharma.negotiation_started_on) == (
        "LY-2026-7", "new", Decimal("8000.5"), date(2026, 2, 14))
    # each with its history row, timeline event and stage transitions
    assert Project.history.filter(history_type="+").count() == 3
    assert ProjectEvent.objects.filter(kind="imported").count() == 3
    assert list(StageTransition.objects.filter(project=fibre).values_list("from_stage", "to_stage", "happened_on")) \
        == [("negotiating", "signed", date(2026, 3, 1))]
    versions = dict(Project.objects.values_list("code", "version"))
    history = Project.history.count()

    # when the same file is imported again
    again = upload(officer, good_rows())
    assert (again.invalid_rows, again.to_create, again.to_update, again.unchanged_rows) == (0, 0, 0, 3)
    again = import_job_apply(user=officer, job=again)

    # then nothing is created, nothing changes, no history is written
    assert (again.status, again.created_rows, again.updated_rows, again.unchanged_rows) == (
        ImportStatus.APPLIED, 0, 0, 3)
    assert Project.objects.count() == 3
    assert dict(Project.objects.values_list("code", "version")) == versions
    assert Project.history.count() == history


def test_a_reimport_updates_only_the_rows_whose_values_changed(world):
    officer = world.user("lianyun")
    import_job_apply(user=officer, job=upload(officer, good_rows()))
    port = Project.objects.get(name="连云区港口物流园项目")
    rows = good_rows()
    rows[0][7] = "56000.25"  # 总投资 changed
    signed = timezone.localdate()
    rows[0][6], rows[0][8], rows[0][9], rows[0][10] = "签约", f"{signed:%Y/%m/%d}", "框架协议", 50000  # and signed

    job = upload(officer, rows)
    assert (job.to_create, job.to_update, job.unchanged_rows) == (0, 1, 2)
    assert job.preview["rows"][0]["changes"] == ["阶段", "总投资（万元）", "签约日期", "协议类型", "签约金额（万元）"]
    job = import_job_apply(user=officer, job=job)

    port.refresh_from_db()
    assert (job.created_rows, job.updated_rows, job.unchanged_rows) == (0, 1, 2)
    assert (port.stage, port.total_investment, port.signed_on, port.stage_changed_on, port.version) == (
        "signed", Decimal("56000.2500"), signed, signed, 2)
    event = ProjectEvent.objects.filter(project=port).first()
    assert event.text == f"{officer} 通过 Excel 导入修改了阶段、总投资（万元）、签约日期、协议类型、签约金额（万元）"
    assert port.history.first().history_type == "~" and port.history.first().history_user == officer
    assert list(port.transitions.values_list("from_stage", "to_stage")) == [("negotiating", "signed")]


# --- scope, rules, locking --------------------------------------------------------------------------

def test_a_district_officer_cannot_import_into_another_unit_or_touch_its_projects(world):
    xuwei_project = make_project(user=world.user("xuwei"), name="徐圩新区烯烃项目")
    officer = world.user("lianyun")
    rows = [
        ["", "徐圩新区新项目", "新引进项目", "某公司", "徐圩新区", "石化", "洽谈", 1000, None, None, None, ""],
        [xuwei_project.code, "改名", "新引进项目", "某公司", "连云区", "石化", "洽谈", 1000, None, None, None, ""],
        ["", "市商务局项目", "新引进项目", "某公司", "市商务局", "石化", "洽谈", 1000, None, None, None, ""],
    ]
    job = upload(officer, rows)
    assert errors_of(job) == {
        3: ["所属单位：您不能导入“徐圩新区”的项目（只能导入本单位及下级单位的项目）"],
        4: [f"项目编号：“{xuwei_project.code}”已被其他单位的项目使用，您不能修改该项目"],
        5: ["所属单位：“市商务局”是部门，不能作为项目的所属单位"],
    }
    xuwei_project.refresh_from_db()
    assert (xuwei_project.name, Project.objects.count()) == ("徐圩新区烯烃项目", 1)


def test_stage_evidence_is_checked_like_the_lifecycle(world):
    officer = world.user("lianyun")
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    headers = ["项目名称", "投资方", "所属单位", "阶段", "总投资（万元）", "洽谈开始日期", "签约日期", "协议类型",
               "签约金额（万元）", "注册日期", "落地公司名称", "统一社会信用代码", "项目选址", "开工日期"]
    rows = [
        ["A 落地项目", "甲", "连云区", "注册落地", 1000, "2025-01-01", "2025-06-01", "正式合同", 900, "2025-08-01",
         "连云港甲有限公司", "91320703MA1N2B3C4X", "连云区某路", None],
        ["B 倒序项目", "乙", "连云区", "签约", 1000, "2025-07-01", "2025-06-01", "正式合同", 900, None, None, None,
         None, None],
        ["C 未来项目", "丙", "连云区", "签约", 1000, None, future, "正式合同", 900, None, None, None, None, None],
        ["D 提前项目", "丁", "连云区", "签约", 1000, None, "2025-06-01", "正式合同", 900, None, None, None, None,
         "2025-09-01"],
        ["E 合格项目", "戊", "连云区", "注册落地", "1,000", "2025-01-01", "2025年6月1日", "正式", 900, "2025.8.1",
         "连云港戊有限公司", CREDIT, "连云区某路", None],
    ]
    job = upload(officer, rows, headers=headers)
    assert errors_of(job) == {
        3: ["统一社会信用代码：校验位（第18位）应为“A”，实际为“X”，请核对是否录入有误"],
        4: ["签约日期（2025-06-01）不能早于上一阶段的日期（2025-07-01）"],
        5: ["签约日期不能晚于今天"],
        6: ["阶段为“签约”，不应填写开工日期（属于后续阶段）"],
    }
    assert job.valid_rows == 1


def test_moving_a_stage_back_needs_the_city_admin(world):
    officer = world.user("lianyun")
    import_job_apply(user=officer, job=upload(officer, good_rows()))
    rows = good_rows()[1:2]
    rows[0][6], rows[0][8], rows[0][9], rows[0][10] = "洽谈", None, None, None

    job = upload(officer, rows)
    assert errors_of(job) == {3: ["阶段不能由“签约”回退到“洽谈”：只有市级招商管理员可以回退阶段"]}

    admin_job = upload(world.user("city_admin"), rows)
    assert admin_job.invalid_rows == 0
    import_job_apply(user=world.user("city_admin"), job=admin_job)
    fibre = Project.objects.get(name="连云区碳纤维复材项目")
    assert (fibre.stage, fibre.signed_on) == ("negotiating", None)
    assert fibre.transitions.last().is_backward is True


def test_a_project_changed_after_the_preview_stops_the_whole_import(world):
    officer = world.user("lianyun")
    import_job_apply(user=officer, job=upload(officer, good_rows()))
    rows = good_rows()
    rows[0][7], rows[1][7] = 1, 2
    job = upload(officer, rows)
    assert job.to_update == 2
    # someone saves one of the projects between the preview and the confirmation
    port = Project.objects.get(name="连云区港口物流园项目")
    project_update(user=world.user("city_admin"), project=port, version=port.version, data={"industry": "物流"})

    job = import_job_apply(user=officer, job=job)

    assert job.status == ImportStatus.FAILED
    assert "在预览后已被他人修改" in job.message
    assert sorted(Project.objects.values_list("total_investment", flat=True)) == [
        Decimal("8000.5"), Decimal("52000"), Decimal("120000")]


def test_amounts_in_yi_yuan_are_converted_exactly(world):
    officer = world.user("lianyun")
    headers = ["项目名称", "所属单位", "阶段", "总投资 (亿元)"]
    job = upload(officer, [["亿元项目", "连云区", "洽谈", 5.2], ["亿元项目二", "连云区", "洽谈", "0.00015"]],
                 headers=headers)
    assert job.notices == ["“总投资 (亿元)”按亿元读取，已换算为万元"]
    import_job_apply(user=officer, job=job)
    assert sorted(Project.objects.values_list("total_investment", flat=True)) == [Decimal("1.5"), Decimal("52000")]


# --- export → import ----------------------------------------------------------------------------------

def _export(client, user, query: str = "") -> Workbook:
    client.force_login(user)
    response = client.get(f"/projects/export.xlsx{query}")
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def test_the_ledger_has_the_template_columns_and_reimports_unchanged(world, client):
    officer = world.user("lianyun")
    project = make_project(user=officer, name="连云区冷链物流项目", total_investment="65000.1234",
                           negotiation_started_on=date(2026, 1, 5))
    project_advance_stage(user=officer, project=project, today=date(2026, 5, 1), evidence={
        "signed_on": date(2026, 4, 20), "agreement_kind": "formal", "contracted_amount": Decimal("60000")})
    make_project(user=officer, name="连云区海上风电运维基地", total_investment="12000")

    wb = _export(client, officer)
    ws = wb.active
    headers = [c.value for c in ws[2]]
    template = load_workbook(BytesIO(template_bytes(ProjectImporter(user=officer))))["项目"]
    template_headers = [c.value for c in template[2] if c.value]
    # the template's columns appear in the ledger in the same order, with the same headers
    assert [h for h in headers if h in template_headers] == template_headers
    assert headers == [c.title for c in COLUMNS]
    assert ws["A1"].value.startswith("连云区项目台账")
    assert ws.freeze_panes == "C3"
    total_row = [c.value for c in ws[5]]
    assert total_row[0] == "合计（2 条）" and total_row[headers.index("总投资（万元）")] == 77000.1234

    # when the exported file is imported as it is
    buf = BytesIO()
    wb.save(buf)
    job = import_job_create(user=officer, kind="projects", upload=SimpleUploadedFile("台账.xlsx", buf.getvalue()))
    assert (job.invalid_rows, job.to_create, job.to_update, job.unchanged_rows, job.skipped_rows) == (0, 0, 0, 2, 1)

    # and after editing one amount in it
    row = next(r for r in ws.iter_rows(min_row=3) if r[1].value == "连云区冷链物流项目")
    row[headers.index("总投资（万元）")].value = 70000
    buf = BytesIO()
    wb.save(buf)
    job = import_job_create(user=officer, kind="projects", upload=SimpleUploadedFile("台账.xlsx", buf.getvalue()))
    job = import_job_apply(user=officer, job=job)
    project.refresh_from_db()
    assert (job.updated_rows, job.unchanged_rows, project.total_investment, project.version) == (
        1, 1, Decimal("70000"), 3)


def test_an_old_export_cannot_overwrite_a_later_change(world, client):
    officer = world.user("lianyun")
    project = make_project(user=officer, name="连云区冷链物流项目")
    wb = _export(client, officer)
    project_update(user=officer, project=project, version=1, data={"industry": "冷链"})
    ws = wb.active
    headers = [c.value for c in ws[2]]
    ws.cell(row=3, column=headers.index("总投资（万元）") + 1, value=1)
    buf = BytesIO()
    wb.save(buf)
    job = import_job_create(user=officer, kind="projects", upload=SimpleUploadedFile("台账.xlsx", buf.getvalue()))
    assert errors_of(job) == {3: ["版本：该项目在您导出台账后已被修改（导出时版本 1，现为 2），为避免覆盖他人的修改，请重新导出后再修改"]}


def test_phones_are_masked_for_roles_without_personal_data_and_a_masked_phone_is_not_imported(world, client):
    officer = world.user("lianyun")
    project = make_project(user=officer, name="连云区冷链物流项目")
    project_update(user=officer, project=project, version=1, data={"contact_phone": "13812345678"})
    phone_column = [c.title for c in COLUMNS].index("联系电话")
    assert _export(client, world.user("leader")).active.cell(row=3, column=phone_column + 1).value == "138****5678"
    assert _export(client, officer).active.cell(row=3, column=phone_column + 1).value == "13812345678"

    headers = ["项目编号", "项目名称", "投资方", "所属单位", "阶段", "总投资（万元）", "联系电话"]
    project.refresh_from_db()
    rows = [[project.code, project.name, project.investor_name, "连云区", "洽谈", 50000, "138****5678"],
            ["", "新项目", "", "连云区", "洽谈", 100, "139****0000"]]
    job = upload(officer, rows, headers=headers)
    assert errors_of(job) == {4: ["联系电话：“139****0000”是脱敏后的号码，请填写完整号码或留空"]}
    assert job.preview["rows"][0]["action"] == "无变化"


def test_the_export_reads_a_constant_number_of_queries(world, client, django_assert_max_num_queries):
    officer = world.user("lianyun")
    for i in range(6):
        make_project(user=officer, name=f"连云区项目{i}")
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        assert client.get("/projects/export.xlsx").status_code == 200


def test_a_large_export_becomes_a_job_with_a_progress_page(world, client, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    import zhaoshang.projects.exports as exports

    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 1)
    officer = world.user("lianyun")
    make_project(user=officer, name="连云区项目甲")
    make_project(user=officer, name="连云区项目乙")
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/projects/export.xlsx?q=连云区")
    assert response.status_code == 302 and response.url.startswith("/dataio/exports/")
    page = client.get(response.url)
    assert page.status_code == 200 and "已生成，共 2 行" in page.content.decode()
    download = client.get(f"{response.url}download/")
    wb = load_workbook(BytesIO(b"".join(download.streaming_content)))
    assert sorted(r[1] for r in wb.active.iter_rows(min_row=3, max_row=4, values_only=True)) == ["连云区项目乙",
                                                                                                 "连云区项目甲"]
    # nobody else sees the job
    client.force_login(world.user("xuwei"))
    assert client.get(response.url).status_code == 404


# --- pages ------------------------------------------------------------------------------------------

def test_upload_preview_confirm_through_the_pages(world, client):
    officer = world.user("lianyun")
    client.force_login(officer)
    assert client.get("/projects/import/").status_code == 200
    assert client.get("/projects/import/template.xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats")

    response = client.post("/projects/import/", {"file": xlsx(good_rows())})
    assert response.status_code == 302
    preview = client.get(response.url).content.decode()
    assert "确认导入" in preview and "新增 3、更新 0" in preview

    job = ImportJob.objects.get()
    done = client.post(f"/dataio/imports/{job.id}/apply/", follow=True).content.decode()
    assert "新增 3 个、更新 0 个" in done
    assert Project.objects.count() == 3
    # a second confirmation is refused with a reason, not a 500
    again = client.post(f"/dataio/imports/{job.id}/apply/", follow=True)
    assert again.status_code == 200 and "不能再次导入" in again.content.decode()


@pytest.mark.parametrize("content, name, message", [
    (b"not a spreadsheet", "projects.xlsx", NOT_XLSX),
    (None, "empty.xlsx", "没有找到表头"),
    ("header-only", "header.xlsx", "文件中没有数据行"),
    ("missing", "missing.xlsx", "缺少必填列：所属单位、阶段"),
    (b"a,b\n1,2", "projects.csv", "只支持 .xlsx 文件"),
])
def test_bad_files_get_a_clear_message_never_a_500(world, client, content, name, message):
    if content is None:
        buf = BytesIO()
        Workbook().save(buf)
        content = buf.getvalue()
    elif content == "header-only":
        content = xlsx([]).read()
    elif content == "missing":
        content = xlsx([["甲项目", 100]], headers=["项目名称", "总投资（万元）"]).read()
    client.force_login(world.user("lianyun"))
    response = client.post("/projects/import/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Project.objects.count() == 0


def test_a_leader_cannot_import(world, client):
    client.force_login(world.user("leader"))
    assert client.get("/projects/import/").status_code == 403
    assert client.post("/projects/import/", {"file": xlsx(good_rows())}).status_code == 403
    assert ImportJob.objects.count() == 0


def test_the_template_lists_the_allowed_values_for_the_officer(world):
    lianyun = load_workbook(BytesIO(template_bytes(ProjectImporter(user=world.user("lianyun")))))
    notes = lianyun["说明"]
    lists = {notes.cell(row=3, column=c).value: [notes.cell(row=r, column=c).value for r in range(4, 40)
                                                 if notes.cell(row=r, column=c).value]
             for c in range(5, 12)}
    assert lists["所属单位可填"] == ["连云区"]
    assert lists["阶段可填"] == ["洽谈", "签约", "注册落地", "开工", "投产", "暂缓", "终止"]
    assert lists["保密可填"] == ["是", "否"]
    assert lianyun["项目"]["A3"].value == "示例（本行不导入）"
    city = load_workbook(BytesIO(template_bytes(ProjectImporter(user=world.user("city_admin")))))["说明"]
    units = [city.cell(row=r, column=5).value for r in range(4, 60) if city.cell(row=r, column=5).value]
    assert "徐圩新区" in units and "中华药港" in units and "市商务局" not in units
