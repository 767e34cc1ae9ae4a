"""Keep the derived columns (tier, three scores, warning count) of projects up to date."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from ..models import Project, ScoreRule, TierThreshold
from ..scoring import ProjectFacts, RuleSpec, score_project, tier_for


def active_rules() -> list[RuleSpec]:
    return [RuleSpec(r.score, r.code, r.label, r.points, r.params)
            for r in ScoreRule.objects.filter(is_active=True).order_by("score", "sort_order", "id")]


def tier_thresholds() -> list[tuple[str, object]]:
    return list(TierThreshold.objects.values_list("label", "min_investment"))


def project_facts(project: Project, *, today: date | None = None) -> ProjectFacts:
    today = today or timezone.localdate()
    investor = project.investor
    return ProjectFacts(
        total_investment=project.total_investment, stage=project.stage, chain=project.chain,
        fixed_asset_investment=project.fixed_asset_investment, land_mu=project.land_mu,
        foreign_investment_usd=project.foreign_investment_usd,
        expected_annual_output=project.expected_annual_output, expected_annual_tax=project.expected_annual_tax,
        agreement_kind=project.agreement_kind, site=project.site,
        investor_listed=bool(investor and investor.is_listed),
        investor_chain_leader=bool(investor and investor.is_chain_leader),
        days_since_follow_up=(today - project.last_follow_up_on).days if project.last_follow_up_on else None,
        has_leader=project.responsible_leader_id is not None,
        has_task_force=_has_active_task_force(project),
    )


def _has_active_task_force(project: Project) -> bool:
    """A closed (撤销) task force no longer serves the project, so it earns no maturity points."""
    try:
        return project.task_force.is_active
    except Project.task_force.RelatedObjectDoesNotExist:
        return False


def project_scores(project: Project, *, today: date | None = None):
    """The explained scores of one project (for its page)."""
    return score_project(project_facts(project, today=today), active_rules())


def project_refresh_derived(*, project: Project, today: date | None = None) -> Project:
    """Recompute tier and scores of one project after a change (a derived cache: no history row)."""
    scores = project_scores(project, today=today)
    values = {"tier": tier_for(project.total_investment, tier_thresholds()),
              "scale_score": scores["scale"].value, "tier_score": scores["tier"].value,
              "maturity_score": scores["maturity"].value}
    Project.objects.filter(pk=project.pk).update(**values)
    for k, v in values.items():
        setattr(project, k, v)
    return project


def projects_refresh_all(*, today: date | None = None, batch_size: int = 2000) -> int:
    """Recompute every project's derived columns (the nightly job; scores age with follow-up recency)."""
    today = today or timezone.localdate()
    rules, thresholds = active_rules(), tier_thresholds()
    qs = (Project.objects.select_related("investor")
          .annotate(has_tf=Count("task_force", filter=Q(task_force__is_active=True)), open_warnings=Count("warnings", filter=Q(warnings__resolved_on=None)))
          .order_by("pk"))
    changed, batch = 0, []
    for project in qs.iterator(chunk_size=batch_size):
        facts = project_facts(project, today=today)
        facts = ProjectFacts(**{**facts.__dict__, "has_task_force": bool(project.has_tf)})
        scores = score_project(facts, rules)
        new = (tier_for(project.total_investment, thresholds), scores["scale"].value, scores["tier"].value,
               scores["maturity"].value, project.open_warnings)
        old = (project.tier, project.scale_score, project.tier_score, project.maturity_score, project.warning_count)
        if new != old:
            (project.tier, project.scale_score, project.tier_score, project.maturity_score,
             project.warning_count) = new
            batch.append(project)
        if len(batch) >= batch_size:
            changed += _flush(batch)
    return changed + _flush(batch)


def _flush(batch: list[Project]) -> int:
    if batch:
        Project.objects.bulk_update(batch, ["tier", "scale_score", "tier_score", "maturity_score", "warning_count"])
    n = len(batch)
    batch.clear()
    return n


def project_rules_ensure_defaults(apps=None) -> None:
    """Put the default tiers, drop reasons, scoring and health rules in place where missing.

    The seed migration calls it with its historical ``apps``; tests that flush tables and the
    demo call it without.
    """
    from decimal import Decimal

    from django.apps import apps as current_apps

    from ..health import DEFAULT_HEALTH_RULES
    from ..scoring import DEFAULT_RULES

    get = (apps or current_apps).get_model
    tiers = [("亿元以上", 10000), ("10亿元以上", 100000), ("50亿元以上", 500000), ("100亿元以上", 1000000)]
    for label, amount in tiers:
        get("projects", "TierThreshold").objects.get_or_create(
            label=label, defaults={"min_investment": Decimal(amount)})
    reasons = ["企业战略调整", "资金不到位", "用地指标不足", "能耗指标不足", "环评未通过", "被其他地区引走",
               "政策条件未谈拢", "市场环境变化", "其他"]
    for i, name in enumerate(reasons):
        get("projects", "DropReason").objects.get_or_create(name=name, defaults={"sort_order": i})
    for i, r in enumerate(DEFAULT_RULES):
        get("projects", "ScoreRule").objects.get_or_create(
            code=r.code, defaults={"score": r.score, "label": r.label, "points": r.points, "params": r.params,
                                   "sort_order": i})
    for r in DEFAULT_HEALTH_RULES:
        get("projects", "HealthRule").objects.get_or_create(
            code=r.code, defaults={"label": r.label, "severity": r.severity, "params": r.params})
