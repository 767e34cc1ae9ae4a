"""The 信息挖掘 pages through the real URLs, as the named personas."""

from __future__ import annotations

import pytest

from zhaoshang.leads.models import Lead
from zhaoshang.textmining.enums import ReviewStatus
from zhaoshang.textmining.models import SourceDocument

from .factories import SIGNING, TWO_PROJECTS, paste, upload_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_pasting_a_text_opens_its_review_page_with_the_values_highlighted(
    client, xuwei_officer, django_capture_on_commit_callbacks
):
    client.force_login(xuwei_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mining/new/", {"text": SIGNING, "title": ""})
    doc = SourceDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mining/documents/{doc.pk}/"

    page = client.get(response["Location"]).content.decode()
    assert (
        'data-testid="hl-company" title="项目1·投资企业">江苏华宏新材料有限公司</mark>' not in page
    )  # evidence is the brand
    assert 'data-testid="hl-company" title="项目1·投资企业">华宏</mark>' in page
    assert 'data-testid="hl-amount" title="项目1·金额">50亿元</mark>' in page
    assert "年产30万吨高性能聚酰胺新材料项目" in page
    assert 'data-testid="accept-form"' in page
    assert "系统中没有该企业的企业档案、线索或项目" in page


def test_the_list_shows_only_the_units_own_documents(client, lianyun_officer, xuwei_officer):
    paste(user=lianyun_officer, text=SIGNING, title="连云区的文档")
    other = paste(user=xuwei_officer, text=TWO_PROJECTS, title="徐圩新区的文档")
    client.force_login(lianyun_officer)
    page = client.get("/mining/").content.decode()
    assert "连云区的文档" in page and "徐圩新区的文档" not in page
    assert "共 1 篇文档" in page
    assert client.get(f"/mining/documents/{other.pk}/").status_code == 404


def test_accepting_from_the_page_creates_the_lead_and_a_second_post_is_refused(client, xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    row = doc.projects.get()
    client.force_login(xuwei_officer)
    form = {
        f"p{row.pk}-firm_name": "江苏华宏新材料有限公司",
        f"p{row.pk}-amount_wan": "500000",
        f"p{row.pk}-unit": str(xuwei_officer.unit_id),
    }

    response = client.post(f"/mining/projects/{row.pk}/accept/", form, follow=True)

    lead = Lead.objects.get()
    assert (lead.channel_kind, lead.firm_name) == ("news", "江苏华宏新材料有限公司")
    page = response.content.decode()
    assert f"已生成线索 {lead.code}（江苏华宏新材料有限公司）。" in page
    assert f'data-testid="lead-link">{lead.code}</a>' in page

    again = client.post(f"/mining/projects/{row.pk}/accept/", form, follow=True).content.decode()
    assert f"该项目已生成线索（{lead.code}），不能重复生成。" in again
    assert Lead.objects.count() == 1


def test_dismissing_from_the_page(client, xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    row = doc.projects.get()
    client.force_login(xuwei_officer)
    client.post(f"/mining/projects/{row.pk}/dismiss/", {f"d{row.pk}-reason": "不是投资项目"})
    row.refresh_from_db()
    assert (row.status, row.dismiss_reason) == (ReviewStatus.DISMISSED, "不是投资项目")


def test_the_matches_panel_names_only_the_unit_of_another_units_lead(client, lianyun_officer, xuwei_officer):
    from zhaoshang.leads.services import lead_create

    lead_create(
        user=lianyun_officer,
        unit=lianyun_officer.unit,
        firm_name="江苏华宏新材料有限公司",
        summary="连云区内部线索：拟投资聚酰胺",
        channel_kind="fair",
        notify=False,
    )
    doc = paste(user=xuwei_officer, text=SIGNING)
    client.force_login(xuwei_officer)
    panel = client.get(
        f"/mining/projects/{doc.projects.get().pk}/matches/", {"firm_name": "华宏新材料"}
    ).content.decode()
    assert "其他单位已在跟进该企业：连云区" in panel
    assert "连云区内部线索" not in panel and "XS-" not in panel


def test_a_leader_reads_but_cannot_upload_or_accept(client, world, xuwei_officer):
    doc = paste(user=xuwei_officer, text=SIGNING)
    client.force_login(world.user("leader"))
    assert client.get("/mining/new/").status_code == 403
    page = client.get(f"/mining/documents/{doc.pk}/").content.decode()
    assert "年产30万吨高性能聚酰胺新材料项目" in page and 'data-testid="accept-form"' not in page
    assert client.post(f"/mining/projects/{doc.projects.get().pk}/accept/", {}).status_code == 403
    assert Lead.objects.count() == 0


def test_bad_uploads_give_clear_messages_not_errors(client, lianyun_officer, settings):
    client.force_login(lianyun_officer)
    # nothing at all
    response = client.post("/mining/new/", {"text": ""})
    assert response.status_code == 400 and "请粘贴文字或选择要上传的文件。" in response.content.decode()
    # only a file that is refused
    response = client.post("/mining/new/", {"files": [upload_file("空.txt", b"")]}, follow=True)
    assert "“空.txt”是空文件，没有可分析的文字，未收下。" in response.content.decode()
    # a paste larger than the request limit
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/mining/new/", {"text": "字" * 2000})
    assert response.status_code == 400
    assert "提交的内容过大" in response.content.decode()
    assert SourceDocument.objects.count() == 0


def test_the_original_file_is_downloaded_never_rendered(client, lianyun_officer):
    doc = paste(user=lianyun_officer, text="<script>alert(1)</script>" + SIGNING)
    client.force_login(lianyun_officer)
    response = client.get(f"/mining/documents/{doc.pk}/original/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    page = client.get(f"/mining/documents/{doc.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page


def test_several_files_open_the_batch_page_with_the_refused_ones_noted(
    client, lianyun_officer, django_capture_on_commit_callbacks
):
    client.force_login(lianyun_officer)
    files = [
        upload_file("签约.txt", SIGNING.encode("utf-8")),
        upload_file("开工.txt", TWO_PROJECTS.encode("gbk")),
        upload_file("图片.png", b"\x89PNG\r\n\x1a\n"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mining/new/", {"files": files})
    batch_url = response["Location"]
    assert batch_url.startswith("/mining/batches/")
    page = client.get(batch_url).content.decode()
    assert "分析完成：共 2 篇文档。" in page
    assert "“图片.png”的类型不支持" in page
    assert page.count("“图片.png”的类型不支持") == 1
