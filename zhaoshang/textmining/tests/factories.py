"""Test helpers for lead mining: documents go in through the upload service, like every other write."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from zhaoshang.textmining.models import SourceDocument
from zhaoshang.textmining.services import document_upload

SIGNING = (
    "徐圩新区举行项目签约仪式 年产30万吨聚酰胺新材料项目落户\n"
    "6月18日，徐圩新区管委会与江苏华宏新材料有限公司举行项目签约仪式。华宏新材料将投资50亿元，"
    "在连云港石化产业基地建设年产30万吨高性能聚酰胺新材料项目，项目预计明年开工。"
)
AGGREGATE_ONLY = (
    "一季度全市重大项目集中签约\n3月28日，全市一季度重大项目集中签约活动举行，共签约项目46个，总投资612亿元。"
)
TWO_PROJECTS = (
    "赣榆区两个项目开工\n"
    "9月28日，江苏新海石化有限公司年产60万吨高端聚丙烯项目开工，投资45亿元；"
    "连云港华泰纺织有限公司智能化纺纱项目同日开工，投资6亿元。"
)


def upload_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def paste(*, user, text: str = SIGNING, title: str = "", capture=None) -> SourceDocument:
    """Paste a text as ``user`` and run its analysis (the on-commit callback) at once."""
    if capture is None:
        outcome = document_upload(user=user, text=text, title=title)
        from zhaoshang.textmining.services import batch_process

        assert outcome.batch is not None
        batch_process(batch_id=outcome.batch.pk)
    else:
        with capture(execute=True):
            outcome = document_upload(user=user, text=text, title=title)
    doc = outcome.created[0]
    doc.refresh_from_db()
    return doc


def matrix_objects(*, world) -> dict[str, int]:
    """A 连云区 document with one extracted project, for tests/test_permission_matrix.py."""
    doc = paste(user=world.user("lianyun"), text=TWO_PROJECTS.replace("赣榆区", "连云区"))
    first = doc.projects.order_by("index").first()
    assert doc.batch_id is not None and first is not None
    return {"mining_batch": doc.batch_id, "mining_document": doc.pk, "mined_project": first.pk}
