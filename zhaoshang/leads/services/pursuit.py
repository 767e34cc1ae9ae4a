"""Duplicate pursuit (重复招商) and duplicate signing (重复签约): found, told, decided.

A firm is pursued by a unit when the unit has an open lead for it (new or qualified; a converted
lead is represented by its project) or a project that is not dropped. When two districts, counties
or zones pursue one firm, both units' officers and the city admins are told at once; the notice a
unit gets names only the firm and the other units — never the other unit's lead or project, which
may be confidential. The city admin decides: one owner, or joint with attribution shares; when
projects were entered, which one counts in the target accounting.

A signing repeated at a second event (same investor, a similar project name, the same site or
unit, an amount within ±10 %) is a 重复签约 conflict, so that a signing is counted once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from rapidfuzz import fuzz

from zhaoshang.core.errors import BusinessError
from zhaoshang.organizations.models import Unit

from ..enums import ConflictDecision, ConflictKind, ConflictStatus, LeadStatus
from ..models import ConflictParty, ConflictRecord, Lead, ProjectPursuitScan, PursuitConflict
from .common import branch_unit_id, city_admins, unit_staff
from .common import notify as send_notice

ACTIVE_LEAD_STATUSES = (LeadStatus.NEW, LeadStatus.QUALIFIED)
#: 重复签约: how alike two signed projects of one investor must be to be one signing twice.
SIGNING_NAME_SIMILARITY = 80
SIGNING_AMOUNT_TOLERANCE = Decimal("0.10")
HUNDRED = Decimal(100)


def _projects():
    from zhaoshang.projects.models import Project

    return Project.objects


def _dropped() -> str:
    from zhaoshang.projects.enums import Stage

    return Stage.DROPPED


# --- finding the firm of a record -------------------------------------------------------------------

def project_firm(project, *, user=None):
    """The firm of a project's investor: linked, or resolved from its name (and then linked)."""
    from zhaoshang.firms.services import firm_link_project, firm_resolve, live_firm

    if project.investor_id:
        firm = live_firm(project.investor)
        if firm.pk != project.investor_id:
            firm_link_project(project=project, firm=firm, user=user)
        return firm
    if not project.investor_name.strip():
        return None
    firm = firm_resolve(name=project.investor_name, is_demo=project.is_demo)
    firm_link_project(project=project, firm=firm, user=user)
    return firm


def _mark_scanned(project_ids: Iterable[int], *, signing: bool | None = None) -> None:
    now = timezone.now()
    ids = list(project_ids)
    have = set(ProjectPursuitScan.objects.filter(project_id__in=ids).values_list("project_id", flat=True))
    ProjectPursuitScan.objects.bulk_create([ProjectPursuitScan(project_id=pk, scanned_at=now,
                                                               signing_checked=bool(signing))
                                            for pk in ids if pk not in have], ignore_conflicts=True)
    updates = {"scanned_at": now} if signing is None else {"scanned_at": now, "signing_checked": signing}
    ProjectPursuitScan.objects.filter(project_id__in=[pk for pk in ids if pk in have]).update(**updates)


# --- duplicate pursuit --------------------------------------------------------------------------------

def _active(firm_ids: list[int]) -> tuple[dict[int, list[Lead]], dict[int, list]]:
    leads: dict[int, list[Lead]] = defaultdict(list)
    projects: dict[int, list] = defaultdict(list)
    for lead in Lead.objects.filter(firm_id__in=firm_ids, status__in=ACTIVE_LEAD_STATUSES, project__isnull=True) \
            .select_related("unit").order_by("id"):
        leads[lead.firm_id].append(lead)
    for project in _projects().filter(investor_id__in=firm_ids).exclude(stage=_dropped()).select_related("unit") \
            .order_by("id"):
        projects[project.investor_id].append(project)
    return leads, projects


def _unit_names(units: Iterable[Unit]) -> str:
    return "、".join(u.display_name for u in units)


def _records_of(conflict: PursuitConflict) -> tuple[set[int], set[int]]:
    rows = conflict.records.values_list("lead_id", "project_id")
    return {lead for lead, _ in rows if lead}, {p for _, p in rows if p}


def _add_records(conflict: PursuitConflict, records: list, units: dict[int, Unit]) -> list[Unit]:
    """Add the records (and their units as parties); returns the units that joined as new parties."""
    parties = {p.unit_id: p for p in conflict.parties.all()}
    joined = []
    have_leads, have_projects = _records_of(conflict)
    for record in records:
        branch = branch_unit_id(record.unit)
        party = parties.get(branch)
        if party is None:
            party = parties[branch] = ConflictParty.objects.create(conflict=conflict, unit=units[branch])
            joined.append(units[branch])
        if isinstance(record, Lead):
            if record.pk not in have_leads:
                ConflictRecord.objects.create(conflict=conflict, party=party, lead=record)
        elif record.pk not in have_projects:
            ConflictRecord.objects.create(conflict=conflict, party=party, project=record)
    return joined


def _tell_pursuit(conflict: PursuitConflict, *, joined: list[Unit], all_units: list[Unit], records: list) -> None:
    """Each unit learns the firm's name and the other units' names — nothing of their records."""
    firm = conflict.firm.name
    url = reverse("leads:conflict_detail", args=[conflict.pk])
    record_units = defaultdict(list)
    for record in records:
        record_units[branch_unit_id(record.unit)].append(record.unit)
    for unit in all_units:
        others = [u for u in all_units if u.pk != unit.pk]
        if unit in joined:
            text = (f"重复招商提醒：您单位录入的“{firm}”，{_unit_names(others)}也在跟进。"
                    "市级招商管理员将裁定归属，裁定前请勿作出排他性承诺。")
        else:
            newcomers = [u for u in joined if u.pk != unit.pk]
            if not newcomers:
                continue
            text = (f"重复招商提醒：您单位跟进的“{firm}”，{_unit_names(newcomers)}也录入了该企业。"
                    "市级招商管理员将裁定归属。")
        send_notice(recipients=unit_staff([unit, *record_units.get(unit.pk, [])]), text=text, url=url,
               kind="leads.pursuit")
    send_notice(recipients=city_admins(), url=url, kind="leads.pursuit",
           text=f"发现重复招商：“{firm}”同时由{_unit_names(all_units)}跟进，请裁定归属。")


def _check_firm(firm, leads: list[Lead], projects: list, *, notify_units: bool, is_demo: bool = False):
    records = [*leads, *projects]
    units = {}
    for record in records:
        branch = branch_unit_id(record.unit)
        if branch not in units:
            units[branch] = record.unit if record.unit.pk == branch else Unit.objects.get(pk=branch)
    if len(units) < 2:
        return None
    conflicts = list(PursuitConflict.objects.select_for_update().filter(
        firm=firm, kind=ConflictKind.DUPLICATE_PURSUIT).prefetch_related("parties").order_by("-id"))
    recorded_leads: set[int] = set()
    recorded_projects: set[int] = set()
    for c in conflicts:
        ls, ps = _records_of(c)
        recorded_leads |= ls
        recorded_projects |= ps
    new = [r for r in records if r.pk not in (recorded_leads if isinstance(r, Lead) else recorded_projects)]
    if not new:
        return None
    open_ = next((c for c in conflicts if c.status == ConflictStatus.OPEN), None)
    decided = next((c for c in conflicts if c.status == ConflictStatus.DECIDED), None)
    if open_ is None and decided is not None and set(units) <= {p.unit_id for p in decided.parties.all()}:
        # The same units as an arbitration already made: the decision stands for the new record too.
        _add_records(decided, new, units)
        return decided
    created = open_ is None
    conflict = open_ or PursuitConflict(firm=firm, kind=ConflictKind.DUPLICATE_PURSUIT, is_demo=is_demo,
                                        detected_reason=f"同一企业（{firm.name}）由{_unit_names(units.values())}分别录入线索或项目")
    if created:
        conflict.full_clean()
        conflict.save()
    joined = _add_records(conflict, records if created else new, units)
    if joined and notify_units:
        _tell_pursuit(conflict, joined=joined, all_units=list(units.values()), records=records)
    return conflict


@transaction.atomic
def pursuit_check(*, lead: Lead | None = None, project=None, user=None, notify: bool = True):
    """Is another unit already pursuing this record's firm? Records, parties and notices, at once.

    Returns the conflict the record is now part of (None when there is none)."""
    if lead is not None:
        firm = lead.firm
        if firm is None:
            return None
        from zhaoshang.firms.services import live_firm

        firm = live_firm(firm)
    else:
        firm = project_firm(project, user=user)
        _mark_scanned([project.pk])
        if firm is None:
            return None
    leads, projects = _active([firm.pk])
    record = lead or project
    return _check_firm(firm, leads[firm.pk], projects[firm.pk], notify_units=notify,
                       is_demo=getattr(record, "is_demo", False))


def pursuit_scan(*, lead_ids: Iterable[int] = (), project_ids: Iterable[int] = (), notify: bool = True,
                 batch: int = 500) -> int:
    """Check many records at once (bulk entries, the periodic scan of new projects, a merge): a couple of
    queries per few hundred firms, one transaction per firm that is pursued twice. Returns conflicts touched."""
    from zhaoshang.firms.services import firm_link_projects_bulk, firm_resolve_many

    firm_ids: set[int] = set(Lead.objects.filter(pk__in=list(lead_ids)).exclude(firm=None)
                             .values_list("firm_id", flat=True))
    project_ids = list(project_ids)
    for i in range(0, len(project_ids), 2000):
        chunk = list(_projects().filter(pk__in=project_ids[i:i + 2000]))
        unlinked = [p for p in chunk if p.investor_id is None and p.investor_name.strip()]
        if unlinked:
            firms = firm_resolve_many(names=[p.investor_name for p in unlinked],
                                      is_demo=all(p.is_demo for p in unlinked))
            firm_link_projects_bulk(pairs=list(zip(unlinked, firms, strict=True)))
        firm_ids |= {p.investor_id for p in chunk if p.investor_id}
        _mark_scanned([p.pk for p in chunk])
    return pursuit_scan_firms(firm_ids=sorted(firm_ids), notify=notify, batch=batch)


def pursuit_scan_firms(*, firm_ids: list[int], notify: bool = True, batch: int = 500) -> int:
    from zhaoshang.firms.models import Firm

    touched = 0
    for i in range(0, len(firm_ids), batch):
        chunk = firm_ids[i:i + batch]
        leads, projects = _active(chunk)
        for firm_id in chunk:
            records = [*leads[firm_id], *projects[firm_id]]
            if len({branch_unit_id(r.unit) for r in records}) < 2:
                continue
            with transaction.atomic():
                firm = Firm.objects.get(pk=firm_id)
                if _check_firm(firm, leads[firm_id], projects[firm_id], notify_units=notify,
                               is_demo=all(r.is_demo for r in records)):
                    touched += 1
    return touched


# --- duplicate signing -------------------------------------------------------------------------------

def _amount(project) -> Decimal:
    return project.contracted_amount or project.total_investment or Decimal(0)


def signing_similarity(a, b) -> tuple[bool, str]:
    """Are two signed projects of one investor one signing told twice? And why, in Chinese."""
    name_score = max(fuzz.ratio(a.name, b.name),
                     fuzz.partial_ratio(a.name, b.name) if min(len(a.name), len(b.name)) >= 6 else 0)
    if name_score < SIGNING_NAME_SIMILARITY:
        return False, ""
    same_site = bool(a.site and b.site and fuzz.ratio(a.site, b.site) >= SIGNING_NAME_SIMILARITY)
    if not (same_site or a.unit_id == b.unit_id):
        return False, ""
    x, y = _amount(a), _amount(b)
    top = max(x, y)
    if top <= 0 or abs(x - y) > top * SIGNING_AMOUNT_TOLERANCE:
        return False, ""
    gap = (abs(x - y) / top * HUNDRED).quantize(Decimal("0.1"))
    where = "选址相同" if same_site else "同一单位"
    return True, f"同一投资方，项目名称相似度 {name_score:.0f}%，{where}，签约金额相差 {gap}%"


@transaction.atomic
def signing_check(*, project, user=None, notify: bool = True):
    """A signed project: was the same investment already signed (at another event)?"""
    if not project.signed_on or project.stage == _dropped():
        return None
    firm = project_firm(project, user=user)
    _mark_scanned([project.pk], signing=True)
    if firm is None:
        return None
    twins = []
    # Projects not linked to their firm yet (the periodic scan links them) are found by the same name.
    names = {project.investor_name, firm.name}
    same_investor = Q(investor=firm) | Q(investor__isnull=True, investor_name__in=names - {""})
    for other in _projects().filter(same_investor, signed_on__isnull=False).exclude(pk=project.pk) \
            .exclude(stage=_dropped()).select_related("unit"):
        same, why = signing_similarity(project, other)
        if same:
            twins.append((other, why))
    if not twins:
        return None
    records_of = ConflictRecord.objects.filter(project__in=[project, *[t for t, _ in twins]]).values("conflict_id")
    existing = PursuitConflict.objects.select_for_update().filter(
        firm=firm, kind=ConflictKind.DUPLICATE_SIGNING, pk__in=records_of).order_by("-id").first()
    records = [project, *[t for t, _ in twins]]
    if existing is not None:
        _, have = _records_of(existing)
        if all(r.pk in have for r in records):
            return existing
    conflict = existing if existing is not None and existing.status == ConflictStatus.OPEN else None
    if conflict is None:
        conflict = PursuitConflict(firm=firm, kind=ConflictKind.DUPLICATE_SIGNING, detected_reason=twins[0][1][:500],
                                   is_demo=project.is_demo)
        conflict.full_clean()
        conflict.save()
    units = {}
    for record in records:
        branch = branch_unit_id(record.unit)
        units.setdefault(branch, record.unit if record.unit.pk == branch else Unit.objects.get(pk=branch))
    _add_records(conflict, records, units)
    if notify:
        url = reverse("leads:conflict_detail", args=[conflict.pk])
        for unit in units.values():
            notify_units = [r.unit for r in records if branch_unit_id(r.unit) == unit.pk]
            notify_text = (f"重复签约提醒：“{firm.name}”的签约项目与{_unit_names(units.values())}已签约的项目高度相似，"
                           "可能是同一项目在不同活动中重复签约，市级招商管理员将确认只计一次。")
            send_notice(recipients=unit_staff([unit, *notify_units]), text=notify_text, url=url, kind="leads.signing")
        send_notice(recipients=city_admins(), url=url, kind="leads.signing",
               text=f"疑似重复签约：“{firm.name}”有 {len(records)} 个相似的签约项目（{twins[0][1]}），请确认计入考核的项目。")
    return conflict


def signing_scan(*, limit: int = 2000, notify: bool = True) -> int:
    """Signed projects not yet checked for a repeated signing (the periodic job)."""
    ids = list(_projects().filter(signed_on__isnull=False).exclude(stage=_dropped())
               .filter(Q(pursuit_scan__isnull=True) | Q(pursuit_scan__signing_checked=False))
               .order_by("id").values_list("pk", flat=True)[:limit])
    found = 0
    for project in _projects().filter(pk__in=ids).select_related("unit"):
        if signing_check(project=project, notify=notify):
            found += 1
    return found


def new_projects_scan(*, limit: int = 2000, notify: bool = True) -> int:
    """Projects never looked at (entered anywhere: the form, an import, another app): duplicate pursuit."""
    ids = list(_projects().filter(pursuit_scan__isnull=True).order_by("id").values_list("pk", flat=True)[:limit])
    return pursuit_scan(project_ids=ids, notify=notify) if ids else 0


# --- the decision ------------------------------------------------------------------------------------

def _parse_shares(parties: list[ConflictParty], decision: str, owner_unit_id: int | None,
                  shares: dict[int, Decimal] | None) -> dict[int, Decimal]:
    units = {p.unit_id for p in parties}
    if decision == ConflictDecision.ONE_OWNER:
        if owner_unit_id not in units:
            raise BusinessError("请选择归属单位（须为涉及的单位之一）", field="owner_unit")
        return {u: (HUNDRED if u == owner_unit_id else Decimal(0)) for u in units}
    if decision != ConflictDecision.JOINT:
        raise BusinessError("请选择裁定方式", field="decision")
    shares = {int(k): Decimal(v) for k, v in (shares or {}).items() if v is not None}
    missing = units - set(shares)
    if missing:
        raise BusinessError("联合招商须为每个涉及单位填写计算比例", field="shares")
    if any(v < 0 or v > HUNDRED for v in shares.values()):
        raise BusinessError("计算比例应在 0 至 100 之间", field="shares")
    total = sum(shares[u] for u in units)
    if total != HUNDRED:
        raise BusinessError(f"各单位计算比例合计应为 100%，现为 {total.normalize():f}%", field="shares")
    if sum(1 for u in units if shares[u] > 0) < 2:
        raise BusinessError("联合招商至少两个单位的比例大于 0；只有一个单位请选择“归属一方”", field="shares")
    return {u: shares[u] for u in units}


@transaction.atomic
def conflict_decide(*, user, conflict: PursuitConflict, decision: str, reason: str,
                    owner_unit_id: int | None = None, shares: dict[int, Decimal] | None = None,
                    counted_project_id: int | None = None) -> PursuitConflict:
    """The city admin decides: one owner (100 %) or joint with shares; of several projects entered for the
    same investment, the one that counts. Attribution shares are written for the target accounting."""
    if not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以裁定重复招商", status=403)
    conflict = PursuitConflict.objects.select_for_update().select_related("firm").get(pk=conflict.pk)
    if conflict.status != ConflictStatus.OPEN:
        raise BusinessError("该重复招商已裁定", status=409)
    if not reason.strip():
        raise BusinessError("请填写裁定说明", field="reason")
    parties = list(conflict.parties.select_related("unit"))
    result = _parse_shares(parties, decision, owner_unit_id, shares)
    project_ids = [p for p in conflict.records.exclude(project=None).values_list("project_id", flat=True)]
    if project_ids:
        if counted_project_id is None and len(project_ids) == 1:
            counted_project_id = project_ids[0]
        if counted_project_id not in project_ids:
            raise BusinessError("请选择计入考核的项目（同一投资只计一次）", field="counted_project")
    elif counted_project_id is not None:
        raise BusinessError("该重复招商没有涉及项目", field="counted_project")
    owners = [u for u, s in result.items() if s == HUNDRED]
    for party in parties:
        party.share = result[party.unit_id]
        party.is_owner = party.unit_id in owners or (decision == ConflictDecision.JOINT and party.share > 0)
        party.full_clean()
        party._history_user = user
        party.save(update_fields=["share", "is_owner"])
    conflict.status, conflict.decision, conflict.decision_reason = ConflictStatus.DECIDED, decision, reason.strip()[:500]
    conflict.counted_project_id = counted_project_id
    conflict.decided_by, conflict.decided_at = user, timezone.now()
    conflict.full_clean()
    conflict._history_user = user
    conflict.save()
    _attribution_write(conflict, parties, project_ids, user=user)
    _tell_decision(conflict, parties)
    return conflict


def decision_text(conflict: PursuitConflict, parties: list[ConflictParty]) -> str:
    if conflict.decision == ConflictDecision.ONE_OWNER:
        owner = next(p.unit for p in parties if p.share == HUNDRED)
        return f"由{owner.display_name}负责跟进，考核全部计入{owner.display_name}"
    shares = "、".join(f"{p.unit.display_name} {p.share.normalize():f}%" for p in parties if p.share)
    return f"联合招商，考核按 {shares} 计算"


def _tell_decision(conflict: PursuitConflict, parties: list[ConflictParty]) -> None:
    text = f"{conflict.get_kind_display()}裁定：“{conflict.firm.name}”{decision_text(conflict, parties)}。"
    url = reverse("leads:conflict_detail", args=[conflict.pk])
    record_units = [r.lead.unit if r.lead_id else r.project.unit
                    for r in conflict.records.select_related("lead__unit", "project__unit")]
    send_notice(recipients=unit_staff([p.unit for p in parties] + record_units) + city_admins(), text=text, url=url,
           kind="leads.decided")


def _attribution_write(conflict: PursuitConflict, parties: list[ConflictParty], project_ids: list[int], *, user) -> None:
    """Target accounting, through the assessment app's services: the counted project is attributed to
    the units by share (联合招商按比例计入; 100 % to its own district needs no rows), and every other
    project of the same investment is recognised as a duplicate of it (重复统计, counted once).

    The shares also stay on the conflict's parties (``selectors.project_attribution`` reads them)."""
    if conflict.counted_project_id is None:
        return
    try:
        from zhaoshang.assessment.models import ExclusionCategory, ProjectFlag
        from zhaoshang.assessment.services import attribution_set, recognition_flag_set
    except ImportError:  # the assessment app not installed: the shares on the parties are the record
        return
    from zhaoshang.projects.models import Project

    counted = Project.objects.select_related("unit").get(pk=conflict.counted_project_id)
    note = f"{conflict.get_kind_display()}裁定 #{conflict.pk}：{conflict.decision_reason}"[:300]
    rows = [(p.unit, (p.share / HUNDRED).quantize(Decimal("0.0001"))) for p in parties if p.share]
    if len(rows) == 1 and rows[0][0].pk == branch_unit_id(counted.unit):
        rows = []  # all of it to the project's own district: the default, no attribution rows
    attribution_set(user=user, project=counted, shares=rows, note=note)
    if not ExclusionCategory.objects.filter(code="duplicate").exists():
        return
    for project in Project.objects.filter(pk__in=project_ids).exclude(pk=counted.pk):
        if ProjectFlag.objects.filter(project=project, category__code="duplicate", cleared_on=None).exists():
            continue
        recognition_flag_set(user=user, project=project, category="duplicate", duplicate_of=counted,
                             reason=f"{conflict.get_kind_display()}裁定：与 {counted.code} 为同一投资，只计一次")
