"""Run the health checks over every open project and keep ProjectWarning rows in step."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from ..enums import Stage
from ..health import HealthFacts, HealthRuleSpec, examine
from ..models import CapitalEntry, HealthRule, Project, ProjectMilestone, ProjectWarning

CHECKED_STAGES = [Stage.NEGOTIATING, Stage.SIGNED, Stage.REGISTERED, Stage.UNDER_CONSTRUCTION, Stage.IN_PRODUCTION]
FIELDS = ["id", "stage", "total_investment", "contracted_amount", "signed_on", "registered_on",
          "construction_started_on", "production_started_on", "last_follow_up_on", "negotiation_started_on"]


def active_health_rules() -> list[HealthRuleSpec]:
    return [HealthRuleSpec(r.code, r.label, r.severity, r.params) for r in HealthRule.objects.filter(is_active=True)]


@transaction.atomic
def health_run(*, today: date | None = None, project_ids: list[int] | None = None, chunk: int = 5000) -> dict:
    """Examine projects; open new warnings, confirm old ones, resolve those that no longer hold."""
    today = today or timezone.localdate()
    rules = active_health_rules()
    qs = Project.objects.filter(stage__in=CHECKED_STAGES)
    if project_ids is not None:
        qs = qs.filter(id__in=project_ids)
    opened = confirmed = resolved = 0
    ids = list(qs.values_list("id", flat=True).order_by("id"))
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        rows = Project.objects.filter(id__in=part).values(*FIELDS)
        capital: dict[int, list] = defaultdict(list)
        for pid, day, amount in CapitalEntry.objects.filter(project_id__in=part).values_list(
                "project_id", "entry_date", "amount"):
            capital[pid].append((day, amount))
        overdue: dict[int, list] = defaultdict(list)
        for pid, name, planned in ProjectMilestone.objects.filter(
                project_id__in=part, done_on=None, planned_on__lt=today).values_list("project_id", "name", "planned_on"):
            overdue[pid].append((name, planned))
        open_now = {(w.project_id, w.rule_code): w for w in ProjectWarning.objects.filter(
            project_id__in=part, resolved_on=None)}
        found: set[tuple[int, str]] = set()
        new, seen = [], []
        for row in rows:
            pid = row.pop("id")
            entries = capital.get(pid, [])
            facts = HealthFacts(**row, capital_total=sum((a for _, a in entries), Decimal(0)),
                                capital_dates=tuple(d for d, _ in entries),
                                overdue_milestones=tuple(sorted(overdue.get(pid, []), key=lambda x: x[1])))
            for finding in examine(facts, rules, today):
                key = (pid, finding.code)
                found.add(key)
                if key in open_now:
                    w = open_now[key]
                    w.last_seen_on, w.message, w.severity = today, finding.message, finding.severity
                    seen.append(w)
                else:
                    new.append(ProjectWarning(project_id=pid, rule_code=finding.code, severity=finding.severity,
                                              message=finding.message, first_seen_on=today, last_seen_on=today))
        ProjectWarning.objects.bulk_create(new, batch_size=2000)
        ProjectWarning.objects.bulk_update(seen, ["last_seen_on", "message", "severity"], batch_size=2000)
        gone = [w.pk for key, w in open_now.items() if key not in found]
        ProjectWarning.objects.filter(pk__in=gone).update(resolved_on=today)
        opened, confirmed, resolved = opened + len(new), confirmed + len(seen), resolved + len(gone)
    # Projects that left the checked stages keep no open warning.
    if project_ids is None:
        resolved += ProjectWarning.objects.filter(resolved_on=None).exclude(
            project__stage__in=CHECKED_STAGES).update(resolved_on=today)
    _refresh_counts(project_ids)
    return {"opened": opened, "confirmed": confirmed, "resolved": resolved}


def _refresh_counts(project_ids: list[int] | None) -> None:
    """warning_count is a derived column for list filters (no history row)."""
    qs = Project.objects.all() if project_ids is None else Project.objects.filter(id__in=project_ids)
    counted = qs.annotate(n=Count("warnings", filter=Q(warnings__resolved_on=None))).exclude(warning_count=F("n"))
    batch = []
    for p in counted.only("id", "warning_count").iterator(chunk_size=5000):
        p.warning_count = p.n
        batch.append(p)
    Project.objects.bulk_update(batch, ["warning_count"], batch_size=2000)
