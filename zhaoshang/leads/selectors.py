"""Reads of channels, leads, conflicts and transfers, always scoped to what the user may see."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from zhaoshang.core.errors import NotVisible
from zhaoshang.organizations.selectors import scope_by_unit, sees_all_units, visible_unit_ids

from .enums import ChannelKind, ConflictStatus, DeadlineKind, LeadStatus, TransferStatus
from .models import Channel, ConflictParty, ConflictRecord, Contact, Lead, PursuitConflict, Transfer

# --- channels and contacts --------------------------------------------------------------------------


def channel_queryset(*, user) -> QuerySet[Channel]:
    """City-wide channels, and the channels of the user's unit and the units under it."""
    if not user.is_authenticated or not user.sees_business_data:
        return Channel.objects.none()
    if sees_all_units(user=user):
        return Channel.objects.all()
    return Channel.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=visible_unit_ids(user=user)))


CHANNEL_SORTS = {"name", "kind", "region", "leads", "converted"}


def channel_list(*, user, filters: dict | None = None, sort: str | None = None) -> QuerySet[Channel]:
    """Channels with the number of the user's visible leads each brought (and how many were converted)."""
    filters = filters or {}
    qs = channel_queryset(user=user).select_related("unit")
    lead_scope = Q() if sees_all_units(user=user) else Q(leads__unit_id__in=visible_unit_ids(user=user))
    qs = qs.annotate(leads_count=Count("leads", filter=lead_scope, distinct=True),
                     converted_count=Count("leads", filter=lead_scope & Q(leads__status=LeadStatus.CONVERTED),
                                           distinct=True),
                     contacts_count=Count("contacts", distinct=True))
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(region__icontains=q) | Q(contacts__name__icontains=q)).distinct()
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if origin := filters.get("origin"):
        qs = qs.filter(origin=origin)
    owner = filters.get("owner")
    if owner == "city":
        qs = qs.filter(unit__isnull=True)
    elif owner and str(owner).isdigit():
        qs = qs.filter(unit_id=int(owner))
    if filters.get("active") == "0":
        qs = qs.filter(is_active=False)
    elif filters.get("active") != "all":
        qs = qs.filter(is_active=True)
    key = (sort or "").lstrip("-")
    if key in CHANNEL_SORTS:
        order = {"leads": "leads_count", "converted": "converted_count"}.get(key, key)
        return qs.order_by(f"-{order}" if sort.startswith("-") else order, "id")
    return qs.order_by("kind", "name", "id")


def channel_get(*, user, id: int) -> Channel:
    channel = channel_queryset(user=user).select_related("unit", "created_by").filter(id=id).first()
    if channel is None:
        raise NotVisible()
    return channel


def contact_list(*, user, channel: Channel) -> QuerySet[Contact]:
    if not channel_queryset(user=user).filter(pk=channel.pk).exists():
        raise NotVisible()
    return channel.contacts.order_by("-is_active", "name", "id")


def contact_get(*, user, id: int) -> Contact:
    contact = Contact.objects.select_related("channel").filter(
        id=id, channel__in=channel_queryset(user=user)).first()
    if contact is None:
        raise NotVisible()
    return contact


def contact_reveal_list(*, user, contact: Contact, limit: int = 20):
    """Who saw this contact's personal data: the city admin sees the log."""
    if not user.is_city_admin:
        return contact.reveals.none()
    return contact.reveals.select_related("user").order_by("-revealed_at", "-id")[:limit]


# --- leads ---------------------------------------------------------------------------------------------

def lead_overdue_q(today: date) -> Q:
    """A lead is overdue when a step is not done by its due date: 受理 and 研判 while open, feedback always."""
    open_ = (LeadStatus.NEW, LeadStatus.QUALIFIED)
    return (Q(acknowledged_at__isnull=True, acknowledge_due_on__lt=today, status__in=open_)
            | Q(assessed_at__isnull=True, assess_due_on__lt=today, status=LeadStatus.NEW)
            | Q(feedback_at__isnull=True, feedback_due_on__lt=today))


def lead_overdue_steps(lead: Lead, today: date) -> list[tuple[str, date]]:
    """The steps of a lead that are overdue, with their due dates (for badges and reminders)."""
    steps = []
    if lead.is_open and lead.acknowledged_at is None and lead.acknowledge_due_on and lead.acknowledge_due_on < today:
        steps.append((DeadlineKind.ACKNOWLEDGE.value, lead.acknowledge_due_on))
    if lead.status == LeadStatus.NEW and lead.assessed_at is None and lead.assess_due_on and lead.assess_due_on < today:
        steps.append((DeadlineKind.ASSESS.value, lead.assess_due_on))
    if lead.feedback_at is None and lead.feedback_due_on and lead.feedback_due_on < today:
        steps.append((DeadlineKind.FEEDBACK.value, lead.feedback_due_on))
    return steps


LEAD_SORTS = {"code", "firm_name", "received_on", "planned_investment", "status", "unit"}


def lead_list(*, user, filters: dict | None = None, sort: str | None = None, today: date | None = None
              ) -> QuerySet[Lead]:
    today = today or timezone.localdate()
    qs = scope_by_unit(Lead.objects.all(), user=user).select_related("unit", "channel")
    qs = qs.annotate(overdue=ExpressionWrapper(lead_overdue_q(today), output_field=BooleanField()))
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(firm_name__icontains=q) | Q(summary__icontains=q) | Q(code__icontains=q))
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if kind := filters.get("channel_kind"):
        qs = qs.filter(channel_kind=kind)
    if (channel := filters.get("channel")) and str(channel).isdigit():
        qs = qs.filter(channel_id=int(channel))
    if (firm := filters.get("firm")) and str(firm).isdigit():
        qs = qs.filter(firm_id=int(firm))
    if (unit := filters.get("unit")) and str(unit).isdigit():
        from zhaoshang.organizations.models import Unit

        found = Unit.objects.filter(id=int(unit)).first()
        qs = qs.filter(unit__path__startswith=found.path) if found else qs.none()
    if filters.get("overdue") in ("1", "true", True):
        qs = qs.filter(lead_overdue_q(today))
    if filters.get("received_from"):
        qs = qs.filter(received_on__gte=filters["received_from"])
    if filters.get("received_to"):
        qs = qs.filter(received_on__lte=filters["received_to"])
    key = (sort or "").lstrip("-")
    if key in LEAD_SORTS:
        order = "unit__path" if key == "unit" else key
        return qs.order_by(f"-{order}" if sort.startswith("-") else order, "-id")
    return qs.order_by("-received_on", "-id")


def lead_get(*, user, id: int) -> Lead:
    lead = scope_by_unit(Lead.objects.all(), user=user).select_related(
        "unit", "channel", "contact", "firm", "project", "created_by", "assessed_by").filter(id=id).first()
    if lead is None:
        raise NotVisible()
    return lead


def lead_timeline(*, lead: Lead, limit: int = 100):
    return lead.events.select_related("actor").order_by("-happened_at", "-id")[:limit]


# --- conflicts ---------------------------------------------------------------------------------------

def conflict_queryset(*, user) -> QuerySet[PursuitConflict]:
    """City-level users see every conflict; a unit sees those it is a party to (or has a record in)."""
    if not user.is_authenticated or not user.sees_business_data:
        return PursuitConflict.objects.none()
    if user.is_city_level or sees_all_units(user=user):
        return PursuitConflict.objects.all()
    ids = visible_unit_ids(user=user)
    mine = ConflictRecord.objects.filter(Q(lead__unit_id__in=ids) | Q(project__unit_id__in=ids)).values("conflict_id")
    parties = ConflictParty.objects.filter(unit_id__in=ids).values("conflict_id")
    return PursuitConflict.objects.filter(Q(pk__in=mine) | Q(pk__in=parties))


def conflict_list(*, user, filters: dict | None = None) -> QuerySet[PursuitConflict]:
    filters = filters or {}
    qs = conflict_queryset(user=user).select_related("firm", "decided_by").prefetch_related("parties__unit")
    status = filters.get("status", ConflictStatus.OPEN)
    if status in ConflictStatus.values:
        qs = qs.filter(status=status)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(firm__name__icontains=q)
    return qs.order_by("-created_at", "-id")


def conflict_get(*, user, id: int) -> PursuitConflict:
    conflict = conflict_queryset(user=user).select_related("firm", "decided_by", "counted_project").filter(id=id).first()
    if conflict is None:
        raise NotVisible()
    return conflict


def conflict_parties(*, user, conflict: PursuitConflict) -> list[dict]:
    """Each party with the records the user may see. A unit sees its own records; of the other units
    it sees only their names (their leads and projects may be confidential). City level sees all."""
    full = user.is_city_level or sees_all_units(user=user)
    ids = set(visible_unit_ids(user=user))
    records = defaultdict(list)
    for r in conflict.records.select_related("lead__unit", "project__unit", "lead__channel"):
        unit = r.lead.unit if r.lead_id else r.project.unit
        if full or unit.pk in ids:
            records[r.party_id].append(r)
    out = []
    for party in conflict.parties.select_related("unit").order_by("id"):
        own = full or party.unit_id in ids or bool(records[party.pk])
        out.append({"party": party, "unit": party.unit, "records": records[party.pk], "is_own": own,
                    "hidden": not full and not records[party.pk]})
    return out


def conflicts_for(*, user, lead: Lead | None = None, project=None) -> QuerySet[PursuitConflict]:
    """The conflicts a lead or project is part of (its page shows them as a banner)."""
    rows = ConflictRecord.objects.filter(lead=lead) if lead is not None else ConflictRecord.objects.filter(project=project)
    return conflict_queryset(user=user).filter(pk__in=rows.values("conflict_id")).select_related("firm") \
        .prefetch_related("parties__unit").order_by("-created_at")


def project_attribution(*, project_ids: list[int]) -> dict[int, list[tuple[int, Decimal]]]:
    """Target accounting after duplicate-pursuit decisions: project id → [(unit id, share %)].

    A project in no decided conflict is not listed (it counts 100 % for its own unit). The counted
    project of a decision is shared by the parties' shares; the other projects of the same
    investment count 0 for their units."""
    out: dict[int, list[tuple[int, Decimal]]] = {}
    rows = ConflictRecord.objects.filter(project_id__in=project_ids, conflict__status=ConflictStatus.DECIDED) \
        .select_related("conflict", "project").order_by("conflict__decided_at", "id")
    for r in rows:
        conflict = r.conflict
        if conflict.counted_project_id == r.project_id:
            out[r.project_id] = [(p.unit_id, p.share) for p in conflict.parties.all() if p.share]
        else:
            out[r.project_id] = [(r.project.unit_id, Decimal(0))]
    return out


# --- transfers -----------------------------------------------------------------------------------------

def transfer_queryset(*, user) -> QuerySet[Transfer]:
    if not user.is_authenticated or not user.sees_business_data:
        return Transfer.objects.none()
    if sees_all_units(user=user):
        return Transfer.objects.all()
    ids = visible_unit_ids(user=user)
    return Transfer.objects.filter(Q(from_unit_id__in=ids) | Q(to_unit_id__in=ids))


def transfer_list(*, user, box: str = "incoming", status: str | None = None) -> QuerySet[Transfer]:
    qs = transfer_queryset(user=user).select_related("lead", "project", "from_unit", "to_unit", "requested_by",
                                                     "decided_by")
    if not sees_all_units(user=user):
        ids = visible_unit_ids(user=user)
        if box == "incoming":
            qs = qs.filter(to_unit_id__in=ids)
        elif box == "outgoing":
            qs = qs.filter(from_unit_id__in=ids)
    if status in TransferStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def transfer_get(*, user, id: int) -> Transfer:
    transfer = transfer_queryset(user=user).select_related("lead", "project", "from_unit", "to_unit").filter(id=id).first()
    if transfer is None:
        raise NotVisible()
    return transfer


def transfers_for(*, lead: Lead | None = None, project=None) -> QuerySet[Transfer]:
    qs = Transfer.objects.filter(lead=lead) if lead is not None else Transfer.objects.filter(project=project)
    return qs.select_related("from_unit", "to_unit", "requested_by", "decided_by").order_by("-created_at", "-id")


def pending_incoming_count(*, user) -> int:
    if not user.writes_business_data:
        return 0
    return transfer_list(user=user, box="incoming", status=TransferStatus.PENDING).count()


# --- channel yield ----------------------------------------------------------------------------------------

YIELD_MEASURES = ("leads", "qualified", "converted", "signed", "signed_amount")


def channel_yield(*, user, year: int, unit_id: int | None = None, kind: str | None = None) -> dict:
    """What the channels brought, by the month leads were received (a cohort view): leads, how many were
    qualified (研判通过, including those converted later), converted into projects, signed, and the
    signed investment (签约金额, else total investment, in 万元) — per channel, per kind and per unit."""
    qs = scope_by_unit(Lead.objects.all(), user=user).filter(received_on__year=year)
    if unit_id:
        from zhaoshang.organizations.models import Unit

        unit = Unit.objects.filter(id=unit_id).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if kind:
        qs = qs.filter(channel_kind=kind)
    qualified = Q(status__in=[LeadStatus.QUALIFIED, LeadStatus.CONVERTED]) | Q(assessed_at__isnull=False)
    signed = Q(project__signed_on__isnull=False)
    measures = {
        "leads": Count("id"),
        "qualified": Count("id", filter=qualified),
        "converted": Count("id", filter=Q(project__isnull=False)),
        "signed": Count("id", filter=signed),
        "signed_amount": Sum("project__contracted_amount", filter=signed),
        "signed_total": Sum("project__total_investment", filter=signed & Q(project__contracted_amount__isnull=True)),
    }
    qs = qs.order_by().annotate(month=TruncMonth("received_on"))

    def table(key_fields: list[str]) -> list[dict]:
        rows = list(qs.values(*key_fields).annotate(**measures))
        for row in rows:
            row["signed_amount"] = (row["signed_amount"] or Decimal(0)) + (row.pop("signed_total") or Decimal(0))
        return rows

    by_kind = _pivot(table(["channel_kind", "month"]), "channel_kind")
    kinds = dict(ChannelKind.choices)
    for row in by_kind:
        row["label"] = kinds.get(row["key"], row["key"])
    by_channel = _pivot(table(["channel_id", "channel__name", "channel__kind", "month"]), "channel_id",
                        label="channel__name")
    for row in by_channel:
        row["label"] = row["label"] or "（未登记具体渠道）"
    by_unit = _pivot(table(["unit_id", "unit__name", "unit__short_name", "unit__path", "month"]), "unit_id",
                     label="unit__short_name", fallback="unit__name", order="unit__path")
    by_month = _months(table(["month"]))
    return {"year": year, "by_kind": by_kind, "by_channel": by_channel, "by_unit": by_unit, "by_month": by_month,
            "totals": _sum_rows(by_month)}


def _empty() -> dict:
    return {m: (Decimal(0) if m == "signed_amount" else 0) for m in YIELD_MEASURES}


def _sum_rows(rows) -> dict:
    total = _empty()
    for row in rows:
        for m in YIELD_MEASURES:
            total[m] += row[m]
    total["rate"] = _rate(total)
    return total


def _rate(row: dict) -> Decimal | None:
    """Conversion rate: converted / leads, in %."""
    return (Decimal(row["converted"] * 100) / row["leads"]).quantize(Decimal("0.1")) if row["leads"] else None


def _month_index(month) -> int:
    return (month.month if hasattr(month, "month") else int(str(month)[5:7])) - 1


def _pivot(rows: list[dict], key: str, *, label: str | None = None, fallback: str | None = None,
           order: str | None = None) -> list[dict]:
    """One row per key: totals and the twelve months (each month a dict of the measures)."""
    out: dict = {}
    for row in rows:
        k = row[key]
        entry = out.get(k)
        if entry is None:
            entry = out[k] = {"key": k, "label": (row.get(label) or row.get(fallback or "", "")) if label else k,
                              "months": [_empty() for _ in range(12)], "order": row.get(order) if order else None,
                              **_empty()}
            if "channel__kind" in row:
                entry["kind"] = row["channel__kind"]
        month = entry["months"][_month_index(row["month"])]
        for m in YIELD_MEASURES:
            month[m] += row[m]
            entry[m] += row[m]
    result = list(out.values())
    for entry in result:
        entry["rate"] = _rate(entry)
    if order:
        return sorted(result, key=lambda e: e["order"] or "")
    return sorted(result, key=lambda e: (-e["leads"], str(e["label"])))


def _months(rows: list[dict]) -> list[dict]:
    months = [{"month": i + 1, **_empty()} for i in range(12)]
    for row in rows:
        month = months[_month_index(row["month"])]
        for m in YIELD_MEASURES:
            month[m] += row[m]
    for month in months:
        month["rate"] = _rate(month)
    return months
