"""Upload → analysis → review → lead: the services of 信息挖掘."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.leads.models import Lead
from zhaoshang.textmining import selectors
from zhaoshang.textmining.enums import BatchStatus, DocumentSource, DocumentStatus, ReviewStatus
from zhaoshang.textmining.models import ExtractedProject, SourceDocument, UploadBatch
from zhaoshang.textmining.services import (
    document_upload,
    evidence_sentence,
    extracted_project_accept,
    extracted_project_dismiss,
)

from .factories import AGGREGATE_ONLY, SIGNING, TWO_PROJECTS, paste, upload_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_pasted_signing_text_becomes_a_document_with_one_extracted_project(
    xuwei_officer, django_capture_on_commit_callbacks
):
    # when the 徐圩新区 officer pastes a signing-ceremony text
    doc = paste(user=xuwei_officer, text=SIGNING, capture=django_capture_on_commit_callbacks)

    # then the document is stored, analysed right away and holds the one project found
    assert (doc.unit, doc.uploaded_by, doc.source, doc.status) == (
        xuwei_officer.unit,
        xuwei_officer,
        DocumentSource.PASTE,
        DocumentStatus.DONE,
    )
    assert doc.title == "徐圩新区举行项目签约仪式 年产30万吨聚酰胺新材料项目落户"
    assert doc.text == SIGNING  # already normal: simplified, half-width digits, one space between words
    assert doc.original.read() == SIGNING.encode("utf-8")
    assert doc.original.name.startswith("textmining/") and "pasted" not in doc.original.name
    assert doc.batch.status == BatchStatus.DONE and (doc.batch.total, doc.batch.done) == (1, 1)
    row = doc.projects.get()
    assert (row.index, row.status, row.name, row.firm_name) == (
        1,
        ReviewStatus.PENDING,
        "年产30万吨高性能聚酰胺新材料项目",
        "江苏华宏新材料有限公司",
    )
    assert (row.data["amount_wan_cny"], row.data["stage"], row.data["location"]) == (
        500000,
        "签约",
        "连云港石化产业基地",
    )
    span = row.evidence["amount"]["span"]
    assert doc.text[span[0] : span[1]] == "50亿元"
    assert doc.aggregates == []


def test_an_aggregate_only_text_gives_no_project_but_its_aggregate(lianyun_officer):
    doc = paste(user=lianyun_officer, text=AGGREGATE_ONLY)
    assert doc.projects.count() == 0
    assert [(a["count"], a["amount_wan_cny"]) for a in doc.aggregates] == [(46, 6120000)]


def test_the_same_document_uploaded_twice_by_one_unit_is_stored_once(lianyun_officer):
    first = paste(user=lianyun_officer, text=SIGNING)

    # when the same text comes again, once pasted and once as a file with the same bytes
    again = document_upload(user=lianyun_officer, text=SIGNING)
    as_file = document_upload(user=lianyun_officer, files=[upload_file("签约.txt", SIGNING.encode("utf-8"))])

    # then nothing new is stored and the existing document is returned
    assert (again.batch, again.created, again.duplicates) == (None, [], [first])
    assert (as_file.batch, as_file.created, as_file.duplicates) == (None, [], [first])
    assert SourceDocument.objects.count() == 1 and ExtractedProject.objects.count() == 1
    assert UploadBatch.objects.count() == 1


def test_another_unit_may_upload_the_same_document_for_itself(lianyun_officer, xuwei_officer):
    paste(user=lianyun_officer, text=SIGNING)
    doc = paste(user=xuwei_officer, text=SIGNING)
    assert doc.unit == xuwei_officer.unit
    assert SourceDocument.objects.count() == 2


def test_a_batch_of_files_goes_on_past_bad_ones(lianyun_officer, django_capture_on_commit_callbacks):
    files = [
        upload_file("签约.txt", SIGNING.encode("gb18030")),
        upload_file(
            "开工.html",
            f"<html><body><h1>赣榆区两个项目开工</h1><p>{TWO_PROJECTS.split(chr(10))[1]}</p></body></html>".encode(),
        ),
        upload_file("空文件.txt", b""),
        upload_file("乱码.txt", bytes(range(256)) * 40),
        upload_file("照片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        upload_file("重复.txt", SIGNING.encode("gb18030")),
    ]
    # when six files are uploaded at once (queued: the test queue runs at once)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = document_upload(user=lianyun_officer, files=files)

    # then the empty file and the picture are refused with a reason, the repeat is taken once
    assert outcome.refused == [
        "“空文件.txt”是空文件，没有可分析的文字，未收下。",
        "“照片.png”的类型不支持，只能上传 TXT、HTML（.html/.htm）、RSS/Atom（.xml） 文件，未收下。",
    ]
    batch = UploadBatch.objects.get()
    assert (batch.status, batch.total, batch.done) == (BatchStatus.DONE, 3, 3)
    docs = {d.filename: d for d in SourceDocument.objects.all()}
    assert sorted(docs) == ["乱码.txt", "开工.html", "签约.txt"]
    # and the binary junk says why it could not be read; the others were analysed
    assert (docs["乱码.txt"].status, docs["乱码.txt"].error) == (
        DocumentStatus.FAILED,
        "文件不是文本（疑似二进制内容，如图片、压缩包或 Office 文件），请另存为 TXT 或 HTML 后再上传。",
    )
    assert (docs["签约.txt"].status, docs["签约.txt"].encoding) == (DocumentStatus.DONE, "gb18030")
    assert docs["签约.txt"].projects.count() == 1
    assert [p.firm_name for p in docs["开工.html"].projects.all()] == [
        "江苏新海石化有限公司",
        "连云港华泰纺织有限公司",
    ]


def test_a_10_mb_text_file_is_analysed_in_its_first_300000_characters(
    lianyun_officer, django_capture_on_commit_callbacks
):
    big = (SIGNING + "\n") * (10 * 1024 * 1024 // len((SIGNING + "\n").encode("utf-8")) + 1)
    with django_capture_on_commit_callbacks(execute=True):
        document_upload(user=lianyun_officer, files=[upload_file("很长.txt", big.encode("utf-8"))])
    doc = SourceDocument.objects.get()
    assert doc.status == DocumentStatus.DONE
    assert doc.warnings == ["文本过长，只分析了前 300000 个字符。"]
    assert len(doc.text) <= 300_000


def test_an_rss_file_gives_one_document_per_entry(lianyun_officer, django_capture_on_commit_callbacks):
    body = TWO_PROJECTS.split("\n")[1]
    rss = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>连云港发布</title>
    <item><title>华宏新材料项目签约</title><description>{SIGNING.split(chr(10))[1]}</description></item>
    <item><title>赣榆区两个项目开工</title><description>{body}</description></item></channel></rss>"""
    with django_capture_on_commit_callbacks(execute=True):
        outcome = document_upload(user=lianyun_officer, files=[upload_file("feed.xml", rss.encode("utf-8"))])
    assert [d.source for d in outcome.created] == [DocumentSource.FEED, DocumentSource.FEED]
    titles = sorted(SourceDocument.objects.values_list("title", flat=True))
    assert titles == ["华宏新材料项目签约", "赣榆区两个项目开工"]
    assert ExtractedProject.objects.count() == 3


def test_nothing_to_upload_and_department_officers_are_refused(world, lianyun_officer):
    with pytest.raises(BusinessError, match="请粘贴文字或选择要上传的文件"):
        document_upload(user=lianyun_officer, text="   ")
    with pytest.raises(BusinessError, match="您的角色不能进行信息挖掘"):
        document_upload(user=world.user("land_dept"), text=SIGNING)
    with pytest.raises(BusinessError, match="您的角色不能进行信息挖掘"):
        document_upload(user=world.user("leader"), text=SIGNING)
    assert SourceDocument.objects.count() == 0


def test_accepting_a_project_creates_one_news_lead_linked_to_it(xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    row = doc.projects.get()

    lead = extracted_project_accept(user=xuwei_officer, extracted=row)

    assert Lead.objects.count() == 1
    assert (lead.channel_kind, lead.firm_name, lead.unit, lead.planned_investment, lead.industry) == (
        "news",
        "江苏华宏新材料有限公司",
        xuwei_officer.unit,
        Decimal("500000"),
        "新材料",
    )
    assert "《徐圩新区举行项目签约仪式 年产30万吨聚酰胺新材料项目落户》" in lead.summary
    assert (
        "原文：“华宏新材料将投资50亿元，在连云港石化产业基地建设年产30万吨高性能聚酰胺新材料项目，项目预计明年开工。”"
        in lead.summary
    )
    row.refresh_from_db()
    assert (row.status, row.lead, row.reviewed_by) == (ReviewStatus.ACCEPTED, lead, xuwei_officer)
    assert lead.mined_from == row
    assert row.history.first().status == ReviewStatus.ACCEPTED


def test_the_officer_may_correct_firm_amount_and_unit_before_accepting(world, xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    park = world.unit("xuwei-petrochem")
    lead = extracted_project_accept(
        user=xuwei_officer,
        extracted=doc.projects.get(),
        firm_name="江苏华宏新材料股份有限公司",
        amount_wan="480000",
        unit=park,
    )
    assert (lead.firm_name, lead.planned_investment, lead.unit) == (
        "江苏华宏新材料股份有限公司",
        Decimal("480000"),
        park,
    )


def test_accepting_twice_is_refused_in_chinese_and_creates_nothing(xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    row = doc.projects.get()
    lead = extracted_project_accept(user=xuwei_officer, extracted=row)

    with pytest.raises(BusinessError) as exc:
        extracted_project_accept(user=xuwei_officer, extracted=row)

    assert exc.value.message == f"该项目已生成线索（{lead.code}），不能重复生成。"
    assert Lead.objects.count() == 1


def test_a_lead_goes_only_to_a_unit_the_officer_may_see(world, lianyun_officer):
    doc = paste(user=lianyun_officer, text=SIGNING)
    with pytest.raises(BusinessError, match="只能把线索分配给本单位或下级单位"):
        extracted_project_accept(user=lianyun_officer, extracted=doc.projects.get(), unit=world.unit("xuwei"))
    assert Lead.objects.count() == 0
    assert doc.projects.get().status == ReviewStatus.PENDING


def test_a_project_without_a_firm_needs_a_name(xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    with pytest.raises(BusinessError, match="没有识别到投资企业"):
        extracted_project_accept(user=xuwei_officer, extracted=doc.projects.get(), firm_name="  ")
    assert Lead.objects.count() == 0


def test_dismissing_sets_a_project_aside_and_it_may_still_be_accepted_later(xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    row = extracted_project_dismiss(user=xuwei_officer, extracted=doc.projects.get(), reason="已在跟进")
    assert (row.status, row.dismiss_reason, row.reviewed_by) == (
        ReviewStatus.DISMISSED,
        "已在跟进",
        xuwei_officer,
    )
    with pytest.raises(BusinessError, match="该项目已忽略"):
        extracted_project_dismiss(user=xuwei_officer, extracted=row)

    lead = extracted_project_accept(user=xuwei_officer, extracted=row)
    row.refresh_from_db()
    assert (row.status, row.lead) == (ReviewStatus.ACCEPTED, lead)
    with pytest.raises(BusinessError, match="已生成线索，不能忽略"):
        extracted_project_dismiss(user=xuwei_officer, extracted=row)


def test_documents_are_scoped_to_the_uploaders_unit_subtree(
    world, lianyun_officer, xuwei_officer, city_admin
):
    own = paste(user=lianyun_officer, text=SIGNING)
    other = paste(user=xuwei_officer, text=TWO_PROJECTS)

    assert list(selectors.document_list(user=lianyun_officer)) == [own]
    assert list(selectors.document_list(user=xuwei_officer)) == [other]
    assert set(selectors.document_list(user=city_admin)) == {own, other}
    assert set(selectors.document_list(user=world.user("leader"))) == {own, other}
    assert list(selectors.document_list(user=world.user("land_dept"))) == []
    with pytest.raises(BusinessError):
        selectors.document_get(user=lianyun_officer, id=other.pk)
    with pytest.raises(BusinessError):
        selectors.extracted_project_get(user=lianyun_officer, id=other.projects.first().pk)
    with pytest.raises(BusinessError):
        selectors.batch_get(user=lianyun_officer, id=other.batch_id)


def test_matches_name_visible_records_and_only_the_unit_of_others(world, xuwei_officer, lianyun_officer):
    from zhaoshang.leads.services import lead_create

    # given a 连云区 lead and a 徐圩新区 lead for the same firm, written differently
    lead_create(
        user=lianyun_officer,
        unit=lianyun_officer.unit,
        firm_name="江苏华宏新材料有限公司",
        summary="拟投资聚酰胺项目",
        channel_kind="fair",
        notify=False,
    )
    own = lead_create(
        user=xuwei_officer,
        unit=xuwei_officer.unit,
        firm_name="华宏新材料",
        summary="洽谈中",
        channel_kind="fair",
        notify=False,
    )

    # when the 徐圩新区 officer looks for the firm of the extracted project
    matches = selectors.firm_matches(user=xuwei_officer, name="江苏华宏新材料有限公司")

    # then the own lead is named, the other unit's only by the unit's name
    assert [lead.pk for lead in matches.leads] == [own.pk]
    assert matches.other_units == ["连云区"]
    assert [f.name for f, _ in matches.firms] == ["江苏华宏新材料有限公司"]  # both leads resolved to one firm
    assert own.firm == matches.firms[0][0]


def test_the_evidence_sentence_is_the_sentence_around_a_span():
    text = "标题\n第一句。华宏新材料将投资50亿元建设项目；第三句。"
    start = text.index("50亿元")
    assert evidence_sentence(text, (start, start + 5)) == "华宏新材料将投资50亿元建设项目；"


def test_a_city_document_offers_the_district_or_zone_it_is_about(city_admin, xuwei_officer):
    # the location read is the park 连云港石化产业基地, which reports under 徐圩新区
    city_doc = paste(user=city_admin, text=SIGNING)
    assert selectors.suggested_unit(user=city_admin, extracted=city_doc.projects.get()).name == "徐圩新区"
    # a unit's own document stays with the unit
    own = paste(user=xuwei_officer, text=SIGNING)
    assert selectors.suggested_unit(user=xuwei_officer, extracted=own.projects.get()) == xuwei_officer.unit


def test_an_upload_of_many_files_goes_to_the_queue_and_reports_progress(
    lianyun_officer, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    files = [upload_file(f"新闻{n}.txt", (SIGNING + f"\n第{n}篇。").encode("utf-8")) for n in range(12)]
    # when twelve documents are uploaded (more than are analysed in the request); the test queue runs at once
    with django_capture_on_commit_callbacks(execute=True):
        outcome = document_upload(user=lianyun_officer, files=files)
    batch = UploadBatch.objects.get(pk=outcome.batch.pk)
    assert (batch.status, batch.total, batch.done, batch.percent) == (BatchStatus.DONE, 12, 12, 100)
    assert SourceDocument.objects.filter(status=DocumentStatus.DONE).count() == 12
    # a batch left queued for minutes says the queue is probably not running
    batch.status = BatchStatus.QUEUED
    batch.created_at = timezone.now() - timedelta(minutes=3)
    assert batch.is_stalled
