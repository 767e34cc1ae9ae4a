"""Reads of lead mining, scoped to the uploader's unit subtree (the city sees everything).

``firm_matches`` looks across ALL units for firms, leads and projects of the investor a
project names — so nothing is entered twice — but shows the names of only those leads and
projects the user may see; of the others it says which units follow the firm, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.enums import UnitKind
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import scope_by_unit, visible_unit_ids

from .enums import DocumentStatus, ReviewStatus
from .models import ExtractedProject, SourceDocument, UploadBatch

#: candidates read per kind before the matcher judges them; a brand this common is not one firm
MAX_CANDIDATES = 200


def document_list(*, user, filters: dict | None = None) -> QuerySet[SourceDocument]:
    qs = scope_by_unit(SourceDocument.objects.all(), user=user).select_related("unit", "uploaded_by")
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(filename__icontains=q))
    if status := filters.get("status"):
        if status in DocumentStatus.values:
            qs = qs.filter(status=status)
    if filters.get("pending") == "1":
        qs = qs.filter(projects__status=ReviewStatus.PENDING).distinct()
    return (
        qs.annotate(
            project_count=Count("projects", distinct=True),
            pending_count=Count("projects", filter=Q(projects__status=ReviewStatus.PENDING), distinct=True),
            accepted_count=Count("projects", filter=Q(projects__status=ReviewStatus.ACCEPTED), distinct=True),
        )
        .defer("text")
        .order_by("-created_at", "-id")
    )


def document_get(*, user, id: int) -> SourceDocument:
    doc = (
        scope_by_unit(SourceDocument.objects.all(), user=user)
        .select_related("unit", "uploaded_by")
        .filter(id=id)
        .first()
    )
    if doc is None:
        raise NotVisible()
    return doc


def batch_get(*, user, id: int) -> UploadBatch:
    batch = scope_by_unit(UploadBatch.objects.all(), user=user).select_related("unit").filter(id=id).first()
    if batch is None:
        raise NotVisible()
    return batch


def extracted_project_get(*, user, id: int) -> ExtractedProject:
    row = (
        scope_by_unit(ExtractedProject.objects.all(), user=user, field="document__unit")
        .select_related("document", "document__unit", "lead")
        .filter(id=id)
        .first()
    )
    if row is None:
        raise NotVisible()
    return row


def lead_units(*, user) -> QuerySet[Unit]:
    """Units a mined lead may be given to: the user's own and those under it (not departments)."""
    return (
        Unit.objects.filter(id__in=visible_unit_ids(user=user), is_active=True)
        .exclude(kind=UnitKind.DEPARTMENT)
        .order_by("path")
    )


def suggested_unit(*, user, extracted: ExtractedProject) -> Unit:
    """The unit a lead is offered to: the document's unit, except that a document of the city
    about a 连云港 district or zone offers that district or zone (city news about 徐圩 → 徐圩新区)."""
    from . import lexicon as lx

    doc_unit = extracted.document.unit
    if doc_unit.parent_id is not None:
        return doc_unit
    location = extracted.data.get("location") or ""
    name = lx.LYG_PARENT.get(location, location)
    unit = (
        lead_units(user=user).filter(name=name, kind__in=[UnitKind.DISTRICT, UnitKind.ZONE]).first()
        if name
        else None
    )
    return unit or doc_unit


@dataclass
class FirmMatches:
    """Existing records for the firm a project names."""

    name: str
    firms: list = field(default_factory=list)  # [(Firm, PairJudgement)]
    leads: list = field(default_factory=list)  # visible leads
    projects: list = field(default_factory=list)  # visible projects
    other_units: list[str] = field(default_factory=list)  # units following the firm that the user may not see

    @property
    def any(self) -> bool:
        return bool(self.firms or self.leads or self.projects or self.other_units)


def _judge(name_key, other: str):
    from zhaoshang.firms.matching import Verdict, pair_score

    judgement = pair_score(name_key, other)
    return judgement if judgement.verdict in (Verdict.SAME, Verdict.MAYBE) else None


def firm_matches(*, user, name: str) -> FirmMatches:
    """Firms, leads and projects of ANY unit that name this firm (same or maybe, by the firms matcher)."""
    from zhaoshang.firms.models import Firm, FirmAlias
    from zhaoshang.firms.names import normalize_firm_name
    from zhaoshang.leads.models import Lead
    from zhaoshang.projects.models import Project
    from zhaoshang.projects.selectors import project_queryset

    name = (name or "").strip()
    out = FirmMatches(name=name)
    if not name:
        return out
    key = normalize_firm_name(name)
    brand = key.brand if len(key.brand) >= 2 else key.key
    if not brand:
        return out
    firm_ids = set(
        FirmAlias.objects.filter(name_key=key.key).values_list("firm_id", flat=True)[:MAX_CANDIDATES]
    )
    firms = Firm.objects.filter(
        Q(name_key=key.key) | Q(name_key__startswith=brand) | Q(id__in=firm_ids), merged_into=None
    )
    for firm in firms.order_by("name")[:MAX_CANDIDATES]:
        judgement = _judge(key, firm.name)
        if judgement is not None or firm.pk in firm_ids:
            out.firms.append((firm, judgement))
    matched = [f.pk for f, _ in out.firms]

    leads = [
        lead
        for lead in Lead.objects.filter(Q(firm_id__in=matched) | Q(firm_name__contains=brand))
        .select_related("unit")
        .order_by("-received_on", "-id")[:MAX_CANDIDATES]
        if lead.firm_id in matched or _judge(key, lead.firm_name)
    ]
    projects = [
        p
        for p in Project.objects.filter(
            Q(investor_id__in=matched)
            | Q(investor_name__contains=brand)
            | Q(investors__firm_id__in=matched)
            | Q(investors__name__contains=brand)
        )
        .distinct()
        .select_related("unit")
        .prefetch_related("investors")
        .order_by("-updated_at", "-id")[:MAX_CANDIDATES]
        if p.investor_id in matched
        or (p.investor_name and _judge(key, p.investor_name))
        or any(i.firm_id in matched or _judge(key, i.name) for i in p.investors.all())
    ]
    visible_leads = set(
        scope_by_unit(Lead.objects.filter(id__in=[x.pk for x in leads]), user=user).values_list(
            "id", flat=True
        )
    )
    visible_projects = set(
        project_queryset(user=user).filter(id__in=[x.pk for x in projects]).values_list("id", flat=True)
    )
    others: dict[int, str] = {}
    # a confidential record of another unit is not even hinted at
    for lead in leads:
        if lead.pk in visible_leads:
            out.leads.append(lead)
        elif not lead.is_confidential:
            others.setdefault(lead.unit_id, lead.unit.display_name)
    for project in projects:
        if project.pk in visible_projects:
            out.projects.append(project)
        elif not project.is_confidential:
            others.setdefault(project.unit_id, project.unit.display_name)
    out.other_units = sorted(set(others.values()))
    return out
