"""Reads of firm identity: firms with their aliases, leads and projects; merge candidates and merges.

Firms are shared reference data, but a firm first written on another unit's (perhaps confidential)
lead must not reveal that lead: a unit sees the firms that have no lead or project at all (the
reference universe) and the firms of its own visible leads and projects. City-level users see all.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.selectors import sees_all_units, visible_unit_ids

from .models import Firm, FirmMerge, FirmMergeCandidate


def _lead_model():
    from zhaoshang.leads.models import Lead

    return Lead


def _project_model():
    from zhaoshang.projects.models import Project

    return Project


def firm_queryset(*, user) -> QuerySet[Firm]:
    if not user.is_authenticated or not user.sees_business_data:
        return Firm.objects.none()
    qs = Firm.objects.filter(merged_into__isnull=True)
    if user.is_city_level or sees_all_units(user=user):
        return qs
    from zhaoshang.projects.selectors import project_queryset

    Lead, Project = _lead_model(), _project_model()
    ids = visible_unit_ids(user=user)
    any_lead = Lead.objects.filter(firm=OuterRef("pk"))
    any_project = Project.objects.filter(investor=OuterRef("pk"))
    own_lead = any_lead.filter(unit_id__in=ids)
    own_project = project_queryset(user=user).filter(investor=OuterRef("pk"))
    return qs.filter((~Exists(any_lead) & ~Exists(any_project)) | Exists(own_lead) | Exists(own_project))


def firm_list(*, user, filters: dict | None = None) -> QuerySet[Firm]:
    """Without a search: the firms being pursued (with leads or projects the user sees); with one: any
    visible firm whose name, key or credit code matches."""
    filters = filters or {}
    qs = firm_queryset(user=user)
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(name_key__startswith=q) | Q(credit_code=q.upper())
                       | Q(aliases__name__contains=q)).distinct()
    else:
        from zhaoshang.leads.selectors import lead_list
        from zhaoshang.projects.selectors import project_queryset

        leads = lead_list(user=user).filter(firm=OuterRef("pk")).values("pk")
        projects = project_queryset(user=user).filter(investor=OuterRef("pk")).values("pk")
        qs = qs.filter(Exists(leads) | Exists(projects))
    if filters.get("local") == "1":
        qs = qs.filter(is_local=True)
    return qs.order_by("name", "id")


def firm_get(*, user, id: int) -> Firm:
    firm = Firm.objects.filter(pk=id).first()
    if firm is not None and firm.merged_into_id:
        from .services import live_firm

        firm = live_firm(firm)
    if firm is None or not firm_queryset(user=user).filter(pk=firm.pk).exists():
        raise NotVisible()
    return firm


def firm_counts(*, user, firm_ids: list[int]) -> dict[int, dict[str, int]]:
    """Visible leads and projects per firm, for the list (two grouped queries)."""
    from zhaoshang.leads.selectors import lead_list
    from zhaoshang.projects.selectors import project_queryset

    out = {pk: {"leads": 0, "projects": 0} for pk in firm_ids}
    for row in lead_list(user=user).filter(firm_id__in=firm_ids).order_by().values("firm_id").annotate(n=Count("id")):
        out[row["firm_id"]]["leads"] = row["n"]
    for row in project_queryset(user=user).filter(investor_id__in=firm_ids).order_by().values("investor_id") \
            .annotate(n=Count("id")):
        out[row["investor_id"]]["projects"] = row["n"]
    return out


def firm_merges(*, firm: Firm) -> QuerySet[FirmMerge]:
    return FirmMerge.objects.filter(Q(kept=firm) | Q(merged=firm)).select_related("merged_by", "kept", "merged") \
        .order_by("-merged_at")


def candidate_list(*, user, status: str = FirmMergeCandidate.Status.OPEN, verdict: str | None = None
                   ) -> QuerySet[FirmMergeCandidate]:
    """The review queue: the city admin's (firm identity is kept city-wide)."""
    if not user.is_city_admin:
        raise NotVisible()
    qs = FirmMergeCandidate.objects.select_related("firm_a", "firm_b", "reviewed_by")
    if status in FirmMergeCandidate.Status.values:
        qs = qs.filter(status=status)
    if verdict in ("same", "maybe"):
        qs = qs.filter(verdict=verdict)
    return qs.order_by("-verdict", "-score", "id")  # "same" before "maybe"


def candidate_get(*, user, id: int) -> FirmMergeCandidate:
    if not user.is_city_admin:
        raise NotVisible()
    found = FirmMergeCandidate.objects.select_related("firm_a", "firm_b").filter(pk=id).first()
    if found is None:
        raise NotVisible()
    return found


def record_counts(*, firm_ids: list[int]) -> dict[int, dict[str, int]]:
    """All leads and projects per firm (the review page is the city admin's, who sees everything)."""
    Lead, Project = _lead_model(), _project_model()
    out = {pk: {"leads": 0, "projects": 0} for pk in firm_ids}
    for row in Lead.objects.filter(firm_id__in=firm_ids).order_by().values("firm_id").annotate(n=Count("id")):
        out[row["firm_id"]]["leads"] = row["n"]
    for row in Project.objects.filter(investor_id__in=firm_ids).order_by().values("investor_id").annotate(n=Count("id")):
        out[row["investor_id"]]["projects"] = row["n"]
    return out
