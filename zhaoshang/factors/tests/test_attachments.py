"""Attachments: office documents and pictures only (by name and content), 20 MB at most, served only in scope."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhaoshang.core.errors import BusinessError
from zhaoshang.factors import services
from zhaoshang.factors.attachments import MAX_ATTACHMENT_BYTES
from zhaoshang.factors.models import Attachment, FactorRequest
from zhaoshang.factors.workdays import at

from .factories import PDF, PNG, make_request, pdf


def _ooxml(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}/document.xml", "<x/>")
    return buf.getvalue()


def _stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_good_files_are_stored_under_a_random_name(routed, lianyun_officer, lianyun_project, media):
    files = [pdf("可研报告.pdf"), SimpleUploadedFile("现场照片.PNG", PNG),
             SimpleUploadedFile("平面图.docx", _ooxml("word")), SimpleUploadedFile("测算表.xlsx", _ooxml("xl"))]
    request = make_request(user=lianyun_officer, project=lianyun_project, files=files)
    stored = list(request.attachments.order_by("id").values_list("original_name", "extension", "size"))
    assert stored == [("可研报告.pdf", ".pdf", len(PDF)), ("现场照片.PNG", ".png", len(PNG)),
                      ("平面图.docx", ".docx", len(_ooxml("word"))), ("测算表.xlsx", ".xlsx", len(_ooxml("xl")))]
    names = [a.file.name for a in request.attachments.all()]
    assert all(n.startswith("factors/") and n.count("/") == 2 for n in names)
    assert not any("可研" in n or "照片" in n for n in names)
    assert len(_stored_files(media)) == 4
    assert request.steps.get().attachments.count() == 4


@pytest.mark.parametrize(("name", "content", "message"), [
    ("setup.exe", b"MZ\x90\x00", "附件“setup.exe”的类型不允许，只能上传 PDF、Word（doc/docx）、Excel（xls/xlsx）、JPG、PNG 文件"),
    ("报告.pdf", b"MZ\x90\x00 pretending", "附件“报告.pdf”的内容与扩展名.pdf不符，可能已损坏或被改名，未上传"),
    ("合同.docx", _ooxml("xl"), "附件“合同.docx”的内容与扩展名.docx不符"),
    ("照片.jpg", PNG, "附件“照片.jpg”的内容与扩展名.jpg不符"),
    ("空.pdf", b"", "附件“空.pdf”是空文件"),
    ("../../etc/passwd", b"root", "类型不允许"),
])
def test_bad_files_are_refused_and_nothing_is_stored(routed, lianyun_officer, lianyun_project, media, name, content,
                                                     message):
    with pytest.raises(BusinessError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_request(user=lianyun_officer, project=lianyun_project, files=[pdf(), SimpleUploadedFile(name, content)])
    assert (FactorRequest.objects.count(), Attachment.objects.count(), _stored_files(media)) == (0, 0, [])


def test_a_file_over_20_mb_is_refused(routed, lianyun_officer, lianyun_project, media):
    big = SimpleUploadedFile("扫描件.pdf", PDF + b"0" * (MAX_ATTACHMENT_BYTES + 1 - len(PDF)))
    with pytest.raises(BusinessError, match="附件“扫描件.pdf”大小为 20.0 MB，超过 20 MB 的上限"):
        make_request(user=lianyun_officer, project=lianyun_project, files=[big])
    assert (FactorRequest.objects.count(), _stored_files(media)) == (0, [])


def test_a_refused_file_on_a_step_leaves_the_request_as_it_was(routed, lianyun_officer, lianyun_project, land_dept,
                                                               media):
    request = make_request(user=lianyun_officer, project=lianyun_project)
    with pytest.raises(BusinessError, match="类型不允许"):
        services.factor_request_accept(user=land_dept, request=request, now=at(date(2026, 3, 3)),
                                       files=[SimpleUploadedFile("宏.xlsm", b"PK\x03\x04")])
    request.refresh_from_db()
    assert (request.status, request.steps.count(), _stored_files(media)) == ("submitted", 1, [])


def test_downloads_go_through_the_scope_and_come_as_attachments(client, routed, lianyun_officer, lianyun_project,
                                                                world):
    request = make_request(user=lianyun_officer, project=lianyun_project, files=[pdf("可研报告.pdf")])
    attachment = request.attachments.get()
    url = reverse("factors:attachment", args=[request.id, attachment.id])
    client.force_login(world.user("land_dept"))
    response = client.get(url)
    assert response.status_code == 200
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == ("application/pdf", "nosniff")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    for username in ("xuwei", "approval_dept"):
        client.force_login(world.user(username))
        assert client.get(url).status_code == 404
    client.force_login(world.user("auditor"))
    assert client.get(url).status_code == 403


def test_an_attachment_of_another_request_is_not_served_under_this_one(client, routed, lianyun_officer,
                                                                       lianyun_project):
    first = make_request(user=lianyun_officer, project=lianyun_project, files=[pdf()])
    second = make_request(user=lianyun_officer, project=lianyun_project)
    client.force_login(lianyun_officer)
    url = reverse("factors:attachment", args=[second.id, first.attachments.get().id])
    assert client.get(url).status_code == 404
