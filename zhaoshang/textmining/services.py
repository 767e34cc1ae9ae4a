"""Writes of lead mining: documents in, extraction rows out, reviewed projects handed to leads.

Uploading stores each document (original bytes under a random name, its SHA-1) and queues
the analysis; the analysis writes the normalised text and one ExtractedProject per project
found. Accepting a project creates the lead through the leads app's own service, so its
checks (duplicate pursuit, numbering, deadlines) apply exactly as to a lead typed by hand.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zhaoshang.core.errors import BusinessError

from .enums import BatchStatus, DocumentSource, DocumentStatus, ReviewStatus
from .models import ExtractedProject, SourceDocument, UploadBatch

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".xml", ".rss", ".atom")
ALLOWED_TEXT = "TXT、HTML（.html/.htm）、RSS/Atom（.xml）"
MAX_UPLOAD_BYTES = (
    20 * 1024 * 1024
)  # a 10 MB text is analysed (its first 300,000 characters); a dump is refused
MAX_FILES = 50
MAX_PASTE_CHARS = 300_000
#: an upload up to these sizes is analysed right after it is saved (about 10 ms a document); larger
#: uploads go to the queue and the officer watches their progress
INLINE_MAX_DOCUMENTS = 10
INLINE_MAX_BYTES = 1024 * 1024
PLACEHOLDER_TITLE = "（粘贴的文字）"

ERR_NOT_MINER = "您的角色不能进行信息挖掘。"
ERR_NOTHING = "请粘贴文字或选择要上传的文件。"
ERR_TOO_MANY = f"一次最多上传 {MAX_FILES} 个文件。"
ERR_INTERNAL = "分析这篇文档时出错，已跳过；请把原文件发给管理员。"
ERR_ALREADY_ACCEPTED = "该项目已生成线索（{code}），不能重复生成。"
ERR_ALREADY_DISMISSED = "该项目已忽略，不能再次忽略。"
ERR_DISMISS_ACCEPTED = "该项目已生成线索，不能忽略。"
ERR_NOT_ANALYSED = "文档尚未分析完成，请稍后再试。"
ERR_NO_FIRM = "没有识别到投资企业，请填写企业名称后再生成线索。"
ERR_UNIT = "只能把线索分配给本单位或下级单位。"


@dataclass
class UploadOutcome:
    """What an upload did: the batch (None when nothing new was taken), and why some files were not."""

    batch: UploadBatch | None
    created: list[SourceDocument] = field(default_factory=list)
    duplicates: list[SourceDocument] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@dataclass
class _Item:
    source: str
    title: str
    filename: str
    data: bytes


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _is_html(text: str) -> bool:
    from .normalize import looks_like_html

    return looks_like_html(text)


def _first_line(text: str, limit: int = 100) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:limit]
    return ""


def _items_from_file(upload: UploadedFile, refused: list[str]) -> list[_Item]:
    from .sources import DocumentError, feed_entries, is_feed

    shown = PurePath(upload.name or "").name or "（未命名）"
    suffix = PurePath(shown).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        refused.append(f"“{shown}”的类型不支持，只能上传 {ALLOWED_TEXT} 文件，未收下。")
        return []
    if not upload.size:
        refused.append(f"“{shown}”是空文件，没有可分析的文字，未收下。")
        return []
    if upload.size > MAX_UPLOAD_BYTES:
        refused.append(
            f"“{shown}”大小为 {upload.size / 1024 / 1024:.1f} MB，超过 "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB 的上限，未收下。"
        )
        return []
    upload.seek(0)
    data = upload.read()
    if suffix in (".xml", ".rss", ".atom") or (suffix not in (".html", ".htm") and is_feed(data)):
        items: list[_Item] = []
        for n, (_ident, payload) in enumerate(feed_entries(data, shown), start=1):
            if isinstance(payload, DocumentError):
                refused.append(f"“{shown}”：{payload.message}")
                continue
            items.append(_Item(DocumentSource.FEED, f"{shown} 第 {n} 条", shown, payload.encode("utf-8")))
        if items or any(m.startswith(f"“{shown}”：") for m in refused):
            return items
    return [_Item(DocumentSource.FILE, PurePath(shown).stem[:200] or shown, shown, data)]


@transaction.atomic
def document_upload(
    *, user, text: str = "", title: str = "", files: list[UploadedFile] | tuple = ()
) -> UploadOutcome:
    """Take a pasted text and/or files into the user's unit and queue their analysis.

    A file of the wrong type, empty or too large is refused with its reason and the others go
    on; an RSS/Atom file gives one document per entry; a document the unit already has (same
    SHA-1 of its bytes) is not stored again but returned in ``duplicates``.
    """
    if not user.mines_leads:
        raise BusinessError(ERR_NOT_MINER, status=403)
    if len(files) > MAX_FILES:
        raise BusinessError(ERR_TOO_MANY, field="files")
    refused: list[str] = []
    items: list[_Item] = []
    text = (text or "").strip()
    if text:
        if len(text) > MAX_PASTE_CHARS:
            raise BusinessError(
                f"粘贴的文字有 {len(text):,} 个字符，超过 {MAX_PASTE_CHARS:,} 个字符的上限；"
                "请保存为 .txt 文件后上传。",
                field="text",
            )
        items.append(
            _Item(
                DocumentSource.PASTE,
                ((title or "").strip() or ("" if _is_html(text) else _first_line(text)))[:200],
                "",
                text.encode("utf-8"),
            )
        )
    for upload in files:
        items.extend(_items_from_file(upload, refused))
    if not items and not refused:
        raise BusinessError(ERR_NOTHING, field="text")
    outcome = UploadOutcome(batch=None, refused=refused)
    by_sha: dict[str, _Item] = {}
    for item in items:
        by_sha.setdefault(_sha1(item.data), item)  # the same file twice in one upload is one document
    existing = {d.sha1: d for d in SourceDocument.objects.filter(unit=user.unit, sha1__in=list(by_sha))}
    outcome.duplicates = [existing[s] for s in by_sha if s in existing]
    fresh = [(s, item) for s, item in by_sha.items() if s not in existing]
    if not fresh:
        return outcome
    batch = UploadBatch(
        uploaded_by=user,
        unit=user.unit,
        total=len(fresh),
        notes=refused + [f"“{d.title}”已上传过，未重复保存。" for d in outcome.duplicates],
    )
    batch.full_clean()
    batch.save()
    for sha1, item in fresh:
        doc = SourceDocument(
            batch=batch,
            unit=user.unit,
            uploaded_by=user,
            source=item.source,
            title=item.title or PLACEHOLDER_TITLE,
            filename=item.filename[:255],
            size=len(item.data),
            sha1=sha1,
        )
        doc.original.save(item.filename or "pasted.txt", ContentFile(item.data), save=False)
        doc.full_clean()
        doc._history_user = user
        doc.save()
        outcome.created.append(doc)
    outcome.batch = batch
    batch_id = batch.pk
    if len(fresh) <= INLINE_MAX_DOCUMENTS and sum(len(item.data) for _, item in fresh) <= INLINE_MAX_BYTES:
        # a few documents: analysed right after the commit, so the officer lands on the results
        transaction.on_commit(lambda: batch_process(batch_id=batch_id))
    else:
        from .tasks import batch_process_task

        transaction.on_commit(lambda: batch_process_task(batch_id))
    return outcome


def batch_process(*, batch_id: int) -> UploadBatch:
    """Analyse each queued document of a batch, counting progress; one failure never stops the rest."""
    batch = UploadBatch.objects.get(pk=batch_id)
    if batch.status == BatchStatus.DONE:
        return batch
    UploadBatch.objects.filter(pk=batch_id).update(status=BatchStatus.RUNNING)
    for doc_id in (
        batch.documents.filter(status=DocumentStatus.QUEUED).order_by("id").values_list("id", flat=True)
    ):
        try:
            document_process(document_id=doc_id)
        except Exception:  # noqa: BLE001 - the batch must go on; the document says it failed
            log.exception("textmining: document %s failed", doc_id)
            SourceDocument.objects.filter(pk=doc_id, status=DocumentStatus.QUEUED).update(
                status=DocumentStatus.FAILED, error=ERR_INTERNAL, processed_at=timezone.now()
            )
        UploadBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
    UploadBatch.objects.filter(pk=batch_id).update(status=BatchStatus.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch


@transaction.atomic
def document_process(*, document_id: int) -> SourceDocument:
    """Run the extractor on a stored document and record its text, projects and aggregates."""
    from .extract import extract_document

    doc = SourceDocument.objects.select_for_update().get(pk=document_id)
    if doc.status != DocumentStatus.QUEUED:
        return doc
    with doc.original.open("rb") as fh:
        data = fh.read()
    html = True if doc.source == DocumentSource.FEED else None
    result = extract_document(data, doc=doc.title, html=html)
    doc.text = result.text
    doc.encoding = result.encoding or ""
    doc.warnings = list(result.warnings)
    doc.aggregates = [a.to_json() for a in result.aggregates]
    doc.error = (result.error or "")[:500]
    doc.status = DocumentStatus.FAILED if result.error else DocumentStatus.DONE
    doc.processed_at = timezone.now()
    if doc.source == DocumentSource.FEED or doc.title == PLACEHOLDER_TITLE:
        doc.title = _first_line(result.text) or doc.title  # the headline of a feed entry or a pasted page
    doc.full_clean()
    doc._history_user = doc.uploaded_by
    doc.save()
    for index, project in enumerate(result.projects, start=1):
        row = ExtractedProject(document=doc, index=index, data=project.to_json())
        row.full_clean()
        row._history_user = doc.uploaded_by
        row.save()
    return doc


# --- review --------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def evidence_sentence(text: str, span: tuple[int, int] | list[int], *, limit: int = 200) -> str:
    """The sentence of ``text`` around a span: what the lead's summary cites as its evidence."""
    start, end = int(span[0]), int(span[1])
    if not 0 <= start <= end <= len(text):
        return ""
    left = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, start - limit), start)),
        default=max(0, start - limit),
    )
    m = _SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    sentence = text[left:right].strip()
    if len(sentence) > limit:  # a sentence the length of a paragraph: keep the part around the value
        lo = max(0, start - left - limit // 2)
        sentence = "…" + sentence[lo : lo + limit] + "…"
    return sentence


def _evidence_span(extracted: ExtractedProject) -> list[int] | None:
    ev = extracted.evidence
    for key in ("amount", "name", "companies", "stage"):
        value = ev.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value and value.get("span"):
            return value["span"]
    return None


def lead_summary(*, extracted: ExtractedProject) -> str:
    """The lead's 投资意向: what was found, the evidence sentence and the document it came from."""
    doc = extracted.document
    data = extracted.data
    span = _evidence_span(extracted)
    sentence = evidence_sentence(doc.text, span) if span else ""
    facts = []
    if data.get("name"):
        facts.append(data["name"])
    if data.get("amount_raw"):
        facts.append(f"投资{data['amount_raw']}")
    if data.get("stage"):
        facts.append(f"阶段：{data['stage']}")
    if data.get("location"):
        facts.append(f"地点：{data['location']}")
    head = "；".join(facts)
    source = f"来源：《{doc.title}》（信息挖掘文档 #{doc.pk}）"
    parts = [p for p in (head, f"原文：“{sentence}”" if sentence else "", source) if p]
    return "。".join(parts)


def _wan(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise BusinessError("拟投资额应为数字（万元）。", field="amount_wan") from exc
    if amount < 0:
        raise BusinessError("拟投资额不能为负数。", field="amount_wan")
    return amount


@transaction.atomic
def extracted_project_accept(
    *,
    user,
    extracted: ExtractedProject,
    firm_name: str | None = None,
    amount_wan: Decimal | int | str | None = None,
    unit=None,
    received_on: date | None = None,
):
    """Make an extracted project a lead (channel 新闻信息挖掘) and link the two.

    ``firm_name``, ``amount_wan`` and ``unit`` are the officer's corrections; without them the
    extracted firm and amount and the document's unit are used. The lead is created by
    ``leads.services.lead_create``, which resolves the firm (firms.firm_resolve) and runs the
    duplicate-pursuit checks.
    """
    from zhaoshang.leads.enums import ChannelKind
    from zhaoshang.leads.services import lead_create
    from zhaoshang.organizations.selectors import visible_unit_ids

    if not user.mines_leads:
        raise BusinessError(ERR_NOT_MINER, status=403)
    extracted = (
        ExtractedProject.objects.select_for_update(of=("self",))
        .select_related("document", "lead")
        .get(pk=extracted.pk)
    )
    if extracted.status == ReviewStatus.ACCEPTED:
        code = extracted.lead.code if extracted.lead else "已删除"
        raise BusinessError(ERR_ALREADY_ACCEPTED.format(code=code), status=409)
    doc = extracted.document
    if doc.status != DocumentStatus.DONE:
        raise BusinessError(ERR_NOT_ANALYSED)
    name = (firm_name if firm_name is not None else extracted.firm_name).strip()
    if not name:
        raise BusinessError(ERR_NO_FIRM, field="firm_name")
    if len(name) > 200:
        raise BusinessError("企业名称不能超过 200 个字。", field="firm_name")
    data = extracted.data
    amount = _wan(amount_wan) if amount_wan not in (None, "") else _wan(data.get("amount_wan_cny"))
    target = unit or doc.unit
    if target.pk not in visible_unit_ids(user=user):
        raise BusinessError(ERR_UNIT, field="unit")
    lead = lead_create(
        user=user,
        unit=target,
        firm_name=name,
        channel_kind=ChannelKind.NEWS,
        summary=lead_summary(extracted=extracted),
        industry=(data.get("chain") or data.get("industry") or "")[:60],
        planned_investment=amount,
        received_on=received_on or timezone.localdate(),
    )
    extracted.status = ReviewStatus.ACCEPTED
    extracted.lead = lead
    extracted.reviewed_by = user
    extracted.reviewed_at = timezone.now()
    extracted._history_user = user
    try:
        extracted.save(update_fields=["status", "lead", "reviewed_by", "reviewed_at", "updated_at"])
    except IntegrityError as exc:  # pragma: no cover - guarded by the row lock above
        raise BusinessError(ERR_ALREADY_ACCEPTED.format(code=lead.code), status=409) from exc
    return lead


@transaction.atomic
def extracted_project_dismiss(*, user, extracted: ExtractedProject, reason: str = "") -> ExtractedProject:
    """Set an extracted project aside (not an investment, already known, wrong reading)."""
    if not user.mines_leads:
        raise BusinessError(ERR_NOT_MINER, status=403)
    extracted = ExtractedProject.objects.select_for_update().get(pk=extracted.pk)
    if extracted.status == ReviewStatus.ACCEPTED:
        raise BusinessError(ERR_DISMISS_ACCEPTED, status=409)
    if extracted.status == ReviewStatus.DISMISSED:
        raise BusinessError(ERR_ALREADY_DISMISSED, status=409)
    extracted.status = ReviewStatus.DISMISSED
    extracted.dismiss_reason = (reason or "").strip()[:300]
    extracted.reviewed_by = user
    extracted.reviewed_at = timezone.now()
    extracted._history_user = user
    extracted.save(update_fields=["status", "dismiss_reason", "reviewed_by", "reviewed_at", "updated_at"])
    return extracted
