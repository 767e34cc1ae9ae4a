"""Channel yield (渠道成效) and the Excel import of channels, contacts and leads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from zhaoshang.dataio.enums import ImportStatus
from zhaoshang.dataio.services import import_job_apply, import_job_create
from zhaoshang.leads.models import Channel, Contact, Lead
from zhaoshang.leads.selectors import channel_yield
from zhaoshang.leads.services import lead_assess, lead_convert
from zhaoshang.projects.services import project_advance_stage

from .factories import make_channel, make_contact, make_lead
from .test_leads import ALL_GOOD


def test_channel_yield_counts_each_step_per_channel_kind_unit_and_month(world):
    lianyun = world.user("lianyun")
    chamber = make_channel(user=lianyun)
    make_lead(user=lianyun, channel=chamber, firm_name="甲公司", received_on=date(2026, 3, 3))
    qualified = make_lead(user=lianyun, channel=chamber, firm_name="乙公司", received_on=date(2026, 3, 9))
    lead_assess(user=lianyun, lead=qualified, ratings=ALL_GOOD, conclusion="有效")
    signed = make_lead(user=lianyun, channel=chamber, firm_name="丙公司", received_on=date(2026, 4, 1))
    lead_assess(user=lianyun, lead=signed, ratings=ALL_GOOD, conclusion="有效")
    signed = lead_convert(user=lianyun, lead=signed, name="丙公司项目", total_investment=Decimal("90000"))
    project_advance_stage(user=lianyun, project=signed.project, evidence={
        "signed_on": timezone.localdate(), "agreement_kind": "formal", "contracted_amount": Decimal("85000")})
    make_lead(user=lianyun, channel_kind="news", firm_name="丁公司", received_on=date(2026, 4, 2))
    make_lead(user=world.user("xuwei"), channel_kind="news", firm_name="戊公司", received_on=date(2026, 4, 2))
    make_lead(user=lianyun, channel_kind="news", firm_name="己公司", received_on=date(2025, 4, 2))  # another year

    data = channel_yield(user=lianyun, year=2026)

    kinds = {r["key"]: {m: r[m] for m in ("leads", "qualified", "converted", "signed", "signed_amount")}
             for r in data["by_kind"]}
    assert kinds == {"business_association": {"leads": 3, "qualified": 2, "converted": 1, "signed": 1,
                                              "signed_amount": Decimal("85000")},
                     "news": {"leads": 1, "qualified": 0, "converted": 0, "signed": 0, "signed_amount": Decimal(0)}}
    chamber_row = next(r for r in data["by_channel"] if r["key"] == chamber.pk)
    assert chamber_row["label"] == "上海连云港商会" and chamber_row["rate"] == Decimal("33.3")
    assert [m["leads"] for m in chamber_row["months"]] == [0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert [(r["label"], r["leads"]) for r in data["by_unit"]] == [("连云区", 4)]
    assert data["totals"]["leads"] == 4 and data["totals"]["signed_amount"] == Decimal("85000")
    # the city sees 徐圩新区's lead too
    assert channel_yield(user=world.user("city_admin"), year=2026)["totals"]["leads"] == 5


def _xlsx(header: list[str], rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("upload.xlsx", buf.getvalue())


LEAD_HEADER = ["企业名称", "所属单位", "渠道类型", "来源渠道", "推荐人", "投资意向", "拟投资额（亿元）", "收到日期"]


def test_a_lead_file_with_a_bad_row_imports_nothing_and_says_why(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lianyun = world.user("lianyun")
    upload = _xlsx(LEAD_HEADER, [["甲新材料有限公司", "连云区", "商协会", "", "", "碳纤维", 5, "2026-03-01"],
                                 ["乙医药有限公司", "徐圩新区", "", "", "", "创新药", 1, "2026-13-01"]])
    job = import_job_create(user=lianyun, kind="leads", upload=upload)
    assert job.status == ImportStatus.PREVIEW and job.invalid_rows == 1
    assert job.errors == [{"row": 3, "errors": [
        "收到日期：“2026-13-01”不是存在的日期",
        "所属单位：您不能导入“徐圩新区”的数据（只能导入本单位及下级单位的数据）",
        "渠道类型：未填写来源渠道时，须填写渠道类型"]}]
    assert job.can_apply is False
    assert Lead.objects.count() == 0


def test_importing_leads_twice_creates_them_once(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lianyun = world.user("lianyun")
    channel = make_channel(user=lianyun)
    make_contact(user=lianyun, channel=channel)
    rows = [["甲新材料有限公司", "连云区", "", "上海连云港商会", "王会长", "碳纤维", 5, "2026-03-01"],
            ["乙医药有限公司", "连云区", "新闻", "", "", "创新药", 1.5, "2026/3/2"]]
    first = import_job_apply(user=lianyun, job=import_job_create(user=lianyun, kind="leads",
                                                                 upload=_xlsx(LEAD_HEADER, rows)))
    assert (first.status, first.created_rows) == (ImportStatus.APPLIED, 2)
    lead = Lead.objects.get(firm_name="甲新材料有限公司")
    assert (lead.channel, lead.contact.name, lead.planned_investment) == (channel, "王会长", Decimal("50000.0000"))
    assert lead.firm is not None and lead.events.get().kind == "created"
    second = import_job_apply(user=lianyun, job=import_job_create(user=lianyun, kind="leads",
                                                                  upload=_xlsx(LEAD_HEADER, rows)))
    assert (second.status, second.created_rows, second.updated_rows, second.unchanged_rows) == \
        (ImportStatus.APPLIED, 0, 0, 2)
    assert Lead.objects.count() == 2


def test_channels_and_contacts_import_with_masked_values_kept(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lianyun = world.user("lianyun")
    channels = _xlsx(["渠道名称", "渠道类型", "所属单位", "所在地区", "境内/境外"],
                     [["深圳连云港商会", "商会", "连云区", "深圳", ""], ["红杉中国", "投资机构", "连云区", "北京", "境内"]])
    job = import_job_apply(user=lianyun, job=import_job_create(user=lianyun, kind="leads.channels", upload=channels))
    assert (job.status, job.created_rows) == (ImportStatus.APPLIED, 2)
    assert Channel.objects.get(name="红杉中国").origin == "domestic"

    contacts = [["深圳连云港商会", "刘秘书长", "秘书长", "13800001111", "liu@example.com"]]
    header = ["渠道名称", "姓名", "职务", "手机", "电子邮箱"]
    import_job_apply(user=lianyun, job=import_job_create(user=lianyun, kind="leads.contacts",
                                                         upload=_xlsx(header, contacts)))
    # the exported (masked) phone imported back keeps the number; a new title is an update
    masked = [["深圳连云港商会", "刘秘书长", "常务副会长", "138****1111", "lie****.com"]]
    job = import_job_apply(user=lianyun, job=import_job_create(user=lianyun, kind="leads.contacts",
                                                               upload=_xlsx(header, masked)))
    assert (job.status, job.updated_rows) == (ImportStatus.APPLIED, 1)
    contact = Contact.objects.get()
    assert (contact.title, contact.phone, contact.email) == ("常务副会长", "13800001111", "liu@example.com")
