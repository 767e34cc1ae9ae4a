"""Pages of targets, counting rules, progress, scores, 红黑榜 and briefings: parse, one selector or service, render."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.organizations.models import Unit

from . import presenters, selectors, services
from .enums import BriefingKind, BriefingStatus, CountingUnitKind, SchemeRuleKind
from .forms import BriefingForm, ClearFlagForm, FlagForm, SchemeCreateForm, SchemeRuleAddForm, ShareForm
from .indicators import Period
from .policy import KIND_LABELS, recognise


def _business(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def _city_level(request: HttpRequest) -> None:
    if not request.user.sees_cockpit:
        raise PermissionDenied


def _manager(request: HttpRequest) -> None:
    if not request.user.manages_assessment:
        raise PermissionDenied


def as_of_param(request: HttpRequest) -> date:
    """?as_of=2026-10-31 (never after today); today when absent or unreadable."""
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return today
    return min(day, today)


def _year_param(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def _fail(request: HttpRequest, exc: BusinessError) -> None:
    if exc.status == 403:
        raise PermissionDenied from exc
    if exc.status == 404:
        raise NotVisible() from exc
    messages.error(request, exc.message)


# ------------------------------------------------------------------------------------------ progress

def progress(request: HttpRequest) -> HttpResponse:
    """The city's indicators, and the districts and zones ranked separately on one indicator.

    Officers of a unit are taken to their own unit's page (they see their progress, not the city's).
    """
    _business(request)
    if not request.user.sees_cockpit:
        unit = selectors.assessed_unit_of(user=request.user)
        if unit is None:
            raise PermissionDenied
        return redirect("assessment:unit", id=unit.pk)
    board = services.board_for(as_of=as_of_param(request), allow_stale=True)
    code = request.GET.get("indicator") or "signed_count"
    if code not in board.indicators:
        code = "signed_count"
    ctx = {"board": board, "cards": presenters.city_cards(board, tuple(board.indicators)), "code": code,
           "indicator": board.indicators[code], "districts": presenters.group_rows(board, code, "district"),
           "zones": presenters.group_rows(board, code, "zone"),
           "chart": {"district": presenters.ranking_chart(board, code, "district"),
                     "zone": presenters.ranking_chart(board, code, "zone"),
                     "monthly": presenters.monthly_chart(board, board.city_id, code)},
           "as_of": board.as_of, "rules": selectors.rules_for(board.year)}
    return render(request, "assessment/progress.html", ctx)


def unit_progress(request: HttpRequest, id: int) -> HttpResponse:
    """One unit: every indicator against its target, the month-by-month line, and each project's part
    of the chosen indicator — counted or refused, with the rule that decided."""
    _business(request)
    unit = selectors.unit_visible(user=request.user, unit_id=id)
    board = services.board_for(as_of=as_of_param(request))
    code = request.GET.get("indicator") or "signed_count"
    if code not in board.indicators:
        code = "signed_count"
    ind, contributions, facts = services.unit_contributions(unit_id=unit.pk, code=code, as_of=board.as_of)
    visible = selectors.visible_project_ids(user=request.user,
                                            ids=[c.project_id for c in contributions if c.project_id])
    rows = []
    for c in sorted(contributions, key=lambda c: (not c.counted, c.on or date.min), reverse=False):
        p = facts.project(c.project_id) if c.project_id else None
        shown = p is not None and p.id in visible
        rows.append({"counted": c.counted, "on": c.on, "value": ind.format(c.value) if c.counted else "—",
                     "rule": c.rule, "project": p if shown else None, "hidden": p is not None and not shown,
                     "ref": c.ref})
    ctx = {"unit": unit, "board": board, "rows_ind": presenters.unit_rows(board, unit.pk) if (unit.pk, code) in
           board.cells else [], "code": code, "indicator": ind, "contributions": rows,
           "counted": sum(1 for r in rows if r["counted"]), "refused": sum(1 for r in rows if not r["counted"]),
           "chart": presenters.monthly_chart(board, unit.pk, code) if (unit.pk, code) in board.cells else None,
           "as_of": board.as_of}
    return render(request, "assessment/unit_progress.html", ctx)


@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    _manager(request)
    from .tasks import snapshot_refresh_task

    day = as_of_param(request)
    snapshot_refresh_task(day.isoformat())
    messages.success(request, f"已重新计算 {day:%Y-%m-%d} 的指标和预测。")
    return redirect(request.POST.get("next") or reverse("assessment:progress"))


# ------------------------------------------------------------------------------------------ one project

def project_recognition(request: HttpRequest, id: int) -> HttpResponse:
    """How the project is counted this year: the recognition verdict and each indicator's, with the rules."""
    _business(request)
    data = selectors.project_recognition_get(user=request.user, id=id)
    project = data["project"]
    year = _year_param(request)
    as_of = min(date(year, 12, 31), timezone.localdate())
    rules = selectors.rules_for(year)
    facts = selectors.facts_load(project_ids=[project.pk])
    fact = facts.project(project.pk)
    period = Period(year, as_of)
    verdicts = []
    for ind in selectors.indicator_catalog().values():
        if ind.code == "outbound_visits":
            continue
        found = ind.evaluate(fact, period, rules) if fact is not None and ind.matches(fact) else []
        verdicts.append({"indicator": ind, "items": [{"counted": c.counted, "value": ind.format(c.value),
                                                      "rule": c.rule, "unit": facts.units.get(c.unit_id)}
                                                     for c in found]})
    ctx = {**data, "year": year, "as_of": as_of, "verdict": recognise(fact, rules) if fact else None,
           "verdicts": verdicts, "rules": rules, "flag_form": FlagForm(), "clear_form": ClearFlagForm(),
           "share_form": ShareForm(initial={"outside_percent": data["recognition"].outside_share * 100
                                            if data["recognition"] else None}),
           "units": Unit.objects.filter(kind__in=["district", "zone", "department"], is_active=True,
                                        parent__parent__isnull=True, parent__isnull=False).order_by("kind", "sort_order"),
           "editable": request.user.manages_assessment,
           "threshold_list": [(KIND_LABELS.get(k, k), v) for k, v in rules.thresholds.items()]}
    return render(request, "assessment/project_recognition.html", ctx)


def _project_for_write(request: HttpRequest, id: int):
    _business(request)
    return selectors.project_recognition_get(user=request.user, id=id)["project"]


@require_POST
def flag_set(request: HttpRequest, id: int) -> HttpResponse:
    project = _project_for_write(request, id)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("assessment:project", id=project.pk)
    duplicate = None
    code = form.cleaned_data["duplicate_code"].strip()
    try:
        if code:
            from zhaoshang.projects.models import Project

            duplicate = Project.objects.filter(code=code.upper()).first() or Project.objects.filter(code=code).first()
            if duplicate is None:
                raise BusinessError(f"项目编号“{code}”不存在", field="duplicate_code")
        services.recognition_flag_set(user=request.user, project=project, category=form.cleaned_data["category"].code,
                                      reason=form.cleaned_data["reason"], duplicate_of=duplicate)
        messages.success(request, f"已认定为“{form.cleaned_data['category'].label}”，该项目不再计入。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:project", id=project.pk)


@require_POST
def flag_clear(request: HttpRequest, id: int) -> HttpResponse:
    _business(request)
    from .models import ProjectFlag

    flag = ProjectFlag.objects.select_related("project", "category").filter(id=id).first()
    if flag is None:
        raise NotVisible()
    _project_for_write(request, flag.project_id)
    form = ClearFlagForm(request.POST)
    try:
        if not form.is_valid():
            raise BusinessError("请填写撤销理由")
        services.recognition_flag_clear(user=request.user, flag=flag, reason=form.cleaned_data["reason"])
        messages.success(request, f"已撤销“{flag.category.label}”认定。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:project", id=flag.project_id)


@require_POST
def share_set(request: HttpRequest, id: int) -> HttpResponse:
    project = _project_for_write(request, id)
    form = ShareForm(request.POST)
    try:
        if not form.is_valid():
            raise BusinessError("省外资金占比必须是 0 到 100 之间的数字")
        pct = form.cleaned_data["outside_percent"]
        services.project_outside_share_set(user=request.user, project=project,
                                           share=None if pct is None else (pct / 100).quantize(Decimal("0.0001")),
                                           note=form.cleaned_data["note"])
        messages.success(request, "已保存资金来源。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:project", id=project.pk)


@require_POST
def attribution_save(request: HttpRequest, id: int) -> HttpResponse:
    project = _project_for_write(request, id)
    try:
        shares = []
        for unit_id, pct in zip(request.POST.getlist("unit"), request.POST.getlist("percent"), strict=False):
            if not unit_id and not pct.strip():
                continue
            unit = Unit.objects.filter(id=unit_id).first() if unit_id.isdigit() else None
            if unit is None:
                raise BusinessError("请选择计入单位")
            try:
                share = (Decimal(pct) / 100).quantize(Decimal("0.0001"))
            except InvalidOperation as exc:
                raise BusinessError(f"“{pct}”不是有效的百分比") from exc
            shares.append((unit, share))
        services.attribution_set(user=request.user, project=project, shares=shares,
                                 note=request.POST.get("note", ""))
        messages.success(request, "已保存联合项目计入比例。" if shares else f"已恢复为全部计入{project.unit}。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:project", id=project.pk)


def flag_list(request: HttpRequest) -> HttpResponse:
    _city_level(request)
    ctx = {"flags": selectors.flag_list(user=request.user, filters=request.GET),
           "joint": selectors.joint_project_list(user=request.user),
           "categories": selectors.exclusion_categories()}
    return render(request, "assessment/flags.html", ctx)


# ------------------------------------------------------------------------------------------ rules

def _decimal(text: str, label: str) -> Decimal | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise BusinessError(f"“{label}”必须是数字") from exc


def rules(request: HttpRequest) -> HttpResponse:
    """The year's counting rules (认定口径) and the definition of every indicator; the city admin edits."""
    _business(request)
    year = _year_param(request)
    policy = selectors.policy_for(year)
    thresholds = selectors.counting_thresholds(policy) if policy else {}
    ctx = {"year": year, "policy": policy, "own_year": policy is not None and policy.year == year,
           "thresholds": [(k, label, thresholds.get(k)) for k, label in CountingUnitKind.choices],
           "categories": selectors.exclusion_categories(),
           "excluded": {c.code for c in policy.excluded.all()} if policy else set(),
           "indicators": selectors.indicator_catalog(include_inactive=True).values(),
           "customs": selectors.custom_indicator_list(),
           "bases": [("signed_count", "签约项目数"), ("contracted_investment", "签约额"),
                     ("capital_in_place", "实际到位资金"), ("fdi_utilised", "实际使用外资"),
                     ("started_count", "新开工项目数"), ("production_count", "竣工投产项目数")],
           "editable": request.user.manages_assessment, "policies": selectors.policy_list()}
    return render(request, "assessment/rules.html", ctx)


@require_POST
def rules_save(request: HttpRequest) -> HttpResponse:
    _business(request)
    try:
        year = int(request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    try:
        data = {
            "count_once": request.POST.get("count_once") == "on",
            "count_local_money": request.POST.get("count_local_money") == "on",
            "note": request.POST.get("note", "").strip(),
        }
        for field in ("start_window_years", "production_window_years", "capital_window_years"):
            value = request.POST.get(field, "").strip()
            if not value.isdigit() or int(value) > 10:
                raise BusinessError("跨年窗口必须是 0–10 的整数（年）")
            data[field] = int(value)
        for field, label in (("default_outside_share", "默认省外资金占比"), ("green_at", "绿灯界限"),
                             ("amber_at", "黄灯界限"), ("major_min_investment", "重大项目门槛")):
            value = _decimal(request.POST.get(field, ""), label)
            if value is None:
                raise BusinessError(f"请填写{label}")
            data[field] = value
        thresholds = {k: _decimal(request.POST.get(f"threshold_{k}", ""), f"{label}认定门槛")
                      for k, label in CountingUnitKind.choices}
        services.policy_save(user=request.user, year=year, data=data, thresholds=thresholds,
                             excluded=request.POST.getlist("excluded"))
        messages.success(request, f"已保存 {year} 年认定口径，驾驶舱和通报将按新口径计算。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect(f"{reverse('assessment:rules')}?year={year}")


@require_POST
def category_add(request: HttpRequest) -> HttpResponse:
    _business(request)
    try:
        c = services.category_add(user=request.user, code=request.POST.get("code", ""),
                                  label=request.POST.get("label", ""), description=request.POST.get("description", ""))
        messages.success(request, f"已添加不计入类别“{c.label}”（在口径中勾选后生效）。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:rules")


@require_POST
def custom_indicator_add(request: HttpRequest) -> HttpResponse:
    _business(request)
    try:
        params = {}
        if request.POST.get("chain"):
            params["chain"] = request.POST["chain"]
        if request.POST.get("kind"):
            params["kind"] = request.POST["kind"]
        for field in ("min_investment", "max_investment"):
            value = _decimal(request.POST.get(field, ""), "投资额")
            if value is not None:
                params[field] = int(value * 10000)  # the form asks in 亿元
        ind = services.custom_indicator_create(user=request.user, code=request.POST.get("code", ""),
                                               label=request.POST.get("label", ""), base=request.POST.get("base", ""),
                                               params=params)
        messages.success(request, f"已添加指标“{ind.label}”，可在年度目标中下达。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:rules")


# ------------------------------------------------------------------------------------------ targets

def targets(request: HttpRequest) -> HttpResponse:
    _business(request)
    year = _year_param(request)
    units, values = selectors.target_table(year=year)
    indicators = selectors.indicator_catalog()
    rows = [{"unit": u, "cells": [(code, ind, values.get((u.pk, code))) for code, ind in indicators.items()]}
            for u in units]
    years = sorted(set(selectors.target_years()) | {timezone.localdate().year, year}, reverse=True)
    ctx = {"year": year, "years": years, "rows": rows, "indicators": indicators,
           "editable": request.user.manages_assessment}
    return render(request, "assessment/targets.html", ctx)


@require_POST
def targets_save(request: HttpRequest) -> HttpResponse:
    _business(request)
    year = int(request.POST.get("year") or timezone.localdate().year)
    try:
        values = {}
        for key, raw in request.POST.items():
            if not key.startswith("t_"):
                continue
            _, unit_id, code = key.split("_", 2)
            raw = raw.strip()
            values[(int(unit_id), code)] = None if raw == "" else services._parse_value(raw)
        result = services.targets_set(user=request.user, year=year, values=values)
        messages.success(request, f"已保存 {year} 年目标：新增 {result['created']} 项，修改 {result['updated']} 项，"
                                  f"删除 {result['deleted']} 项。")
    except (BusinessError, ValueError) as exc:
        if isinstance(exc, BusinessError):
            _fail(request, exc)
        else:
            messages.error(request, "目标表格式不正确")
    return redirect(f"{reverse('assessment:targets')}?year={year}")


def target_export(request: HttpRequest) -> HttpResponse:
    """The target table as .xlsx, in the import layout (edit and import it back)."""
    _business(request)
    from zhaoshang.dataio.views import xlsx_response
    from zhaoshang.dataio.workbooks import LedgerColumn, ledger_bytes

    from .imports import indicator_columns

    year = _year_param(request)
    units, values = selectors.target_table(year=year)
    indicators = selectors.indicator_catalog()
    columns = [LedgerColumn("年度", 8, "int"), LedgerColumn("单位", 16)] + [
        LedgerColumn(c.title, c.width, c.kind, True) for c in indicator_columns(indicators)]
    rows = [[year, u.display_name] + [values.get((u.pk, code)) for code in indicators] for u in units]
    content = ledger_bytes(title=f"{year}年度招商引资目标任务表", columns=columns, rows=rows, sheet="年度目标")
    return xlsx_response(content, f"{year}年度招商引资目标任务表.xlsx")


def target_import(request: HttpRequest) -> HttpResponse:
    _manager(request)
    from zhaoshang.dataio.views import upload_page

    return upload_page(request, kind="assessment.targets", title="导入年度目标",
                       template_url=reverse("assessment:target_import_template"))


def target_import_template(request: HttpRequest) -> HttpResponse:
    _manager(request)
    from zhaoshang.dataio.views import template_download

    return template_download(request, kind="assessment.targets", filename="年度目标导入模板.xlsx")


# ------------------------------------------------------------------------------------------ schemes and scores

def schemes(request: HttpRequest) -> HttpResponse:
    _city_level(request)
    return render(request, "assessment/schemes.html", {"schemes": selectors.scheme_list(),
                                                       "form": SchemeCreateForm(initial={"year": timezone.localdate().year}),
                                                       "editable": request.user.manages_assessment})


@require_POST
def scheme_create(request: HttpRequest) -> HttpResponse:
    _city_level(request)
    form = SchemeCreateForm(request.POST)
    try:
        if not form.is_valid():
            raise BusinessError("请填写有效的年度")
        year = form.cleaned_data["year"]
        previous = selectors.scheme_for(year - 1)
        scheme = services.scheme_create(user=request.user, year=year, name=form.cleaned_data["name"],
                                        copy_from=previous)
        messages.success(request, f"已建立“{scheme.name}”" + (f"（沿用 {year - 1} 年规则）" if previous else "（默认规则）"))
        return redirect("assessment:scheme", id=scheme.pk)
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:schemes")


def scheme_detail(request: HttpRequest, id: int) -> HttpResponse:
    _city_level(request)
    scheme = selectors.scheme_get(user=request.user, id=id)
    run = selectors.latest_run(scheme=scheme)
    scores = selectors.run_scores(run=run) if run else []
    ctx = {"scheme": scheme, "rules": [(r, json.dumps(r.params, ensure_ascii=False)) for r in scheme.rules.all()],
           "run": run, "districts": [s for s in scores if s.group == "district"],
           "zones": [s for s in scores if s.group == "zone"], "add_form": SchemeRuleAddForm(),
           "kinds": SchemeRuleKind.choices, "editable": request.user.manages_assessment,
           "today": min(timezone.localdate(), date(scheme.year, 12, 31))}
    return render(request, "assessment/scheme_detail.html", ctx)


@require_POST
def scheme_rules_save(request: HttpRequest, id: int) -> HttpResponse:
    scheme = selectors.scheme_get(user=request.user, id=id)
    try:
        rows = []
        for rule in scheme.rules.all():
            try:
                params = json.loads(request.POST.get(f"params_{rule.id}") or "{}")
            except json.JSONDecodeError as exc:
                raise BusinessError(f"“{rule.label}”的参数不是有效的 JSON：{exc.msg}") from exc
            if not isinstance(params, dict):
                raise BusinessError(f"“{rule.label}”的参数必须是 JSON 对象（{{…}}）")
            points = _decimal(request.POST.get(f"points_{rule.id}", ""), f"{rule.label}的分值")
            rows.append({"id": rule.id, "label": request.POST.get(f"label_{rule.id}", rule.label),
                         "points": points if points is not None else rule.points, "params": params,
                         "is_active": request.POST.get(f"active_{rule.id}") == "on"})
        new = None
        if request.POST.get("new_label", "").strip():
            form = SchemeRuleAddForm({k.removeprefix("new_"): v for k, v in request.POST.items() if k.startswith("new_")})
            if not form.is_valid():
                raise BusinessError("新规则填写不完整：" + "；".join(e for errs in form.errors.values() for e in errs))
            new = {**form.cleaned_data, "params": form.cleaned_data["params"] or {}}
        n = services.scheme_rules_save(user=request.user, scheme=scheme, rows=rows, new=new)
        messages.success(request, f"已保存考核规则（修改 {n} 条）；重新计算得分后生效。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:scheme", id=scheme.pk)


@require_POST
def score_run(request: HttpRequest, id: int) -> HttpResponse:
    scheme = selectors.scheme_get(user=request.user, id=id)
    try:
        as_of = date.fromisoformat(request.POST.get("as_of") or timezone.localdate().isoformat())
        run = services.score_run_create(user=request.user, scheme=scheme, as_of=as_of)
        messages.success(request, f"已按截至 {run.as_of:%Y-%m-%d} 的数据计算得分。")
    except ValueError:
        messages.error(request, "截至日期格式不正确")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:scheme", id=scheme.pk)


def score_unit(request: HttpRequest, run_id: int, unit_id: int) -> HttpResponse:
    """Every point of one unit's score, with the rule, the reason and the projects: “why we lost 0.4”."""
    _business(request)
    run = selectors.score_run_get(user=request.user, id=run_id)
    lines = selectors.run_unit_lines(user=request.user, run=run, unit_id=unit_id)
    ids = sorted({pid for line in lines for pid in line.project_ids})
    visible = selectors.visible_project_ids(user=request.user, ids=ids)
    from zhaoshang.projects.models import Project

    names = dict(Project.objects.filter(id__in=visible).values_list("id", "name"))
    score = run.unit_scores.select_related("unit").filter(unit_id=unit_id).first()
    rows = [{"line": line, "lost": (line.full_points - line.points) if line.full_points is not None else None,
             "projects": [(pid, names.get(pid)) for pid in line.project_ids]} for line in lines]
    return render(request, "assessment/score_unit.html", {"run": run, "score": score, "rows": rows,
                                                          "unit": Unit.objects.get(pk=unit_id)})


def red_black(request: HttpRequest) -> HttpResponse:
    """The monthly 红黑榜: published to every unit; the city admin computes it."""
    _business(request)
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in (request.GET.get("month") or f"{today.year}-{today.month}").split("-"))
        month_end = services.briefing_period(kind=BriefingKind.RED_BLACK, year=year, number=month)[1]
    except (ValueError, BusinessError):
        year, month = today.year, today.month
        month_end = services.briefing_period(kind=BriefingKind.RED_BLACK, year=year, number=month)[1]
    as_of = min(month_end, today)
    scheme = selectors.scheme_for(year)
    run = selectors.latest_run(scheme=scheme, as_of=as_of) if scheme else None
    groups = []
    if run:
        from .documents import lost_text, red_black_counts

        scores = selectors.run_scores(run=run)
        lines: dict[int, list] = {}
        for line in run.lines.order_by("unit_id", "id"):
            lines.setdefault(line.unit_id, []).append(line)
        for kind, label in (("district", "县区"), ("zone", "功能板块")):
            group = [s for s in scores if s.group == kind and s.rank]
            k_red, k_black = red_black_counts(len(group), scheme)
            groups.append({"label": label, "red": group[:k_red], "black": group[len(group) - k_black:] if k_black else [],
                           "all": [(s, lost_text(lines.get(s.unit_id, []))) for s in group]})
    ctx = {"year": year, "month": month, "as_of": as_of, "scheme": scheme, "run": run, "groups": groups,
           "editable": request.user.manages_assessment,
           "months": [f"{year}-{m}" for m in range(1, (today.month if year == today.year else 12) + 1)]}
    return render(request, "assessment/red_black.html", ctx)


# ------------------------------------------------------------------------------------------ briefings

def briefings(request: HttpRequest) -> HttpResponse:
    _city_level(request)
    items = selectors.briefing_list(user=request.user)
    return render(request, "assessment/briefings.html", {"briefings": items[:100], "form": BriefingForm(),
                                                         "editable": request.user.manages_assessment})


@require_POST
def briefing_create(request: HttpRequest) -> HttpResponse:
    _city_level(request)
    form = BriefingForm(request.POST)
    try:
        if not form.is_valid():
            raise BusinessError("请选择通报类型并填写年度和月份（季度）")
        b = services.briefing_request(user=request.user, **form.cleaned_data)
        messages.success(request, f"已开始生成《{b.title}》第{b.number}期，完成后可在下方下载。")
    except BusinessError as exc:
        _fail(request, exc)
    return redirect("assessment:briefings")


def briefing_status(request: HttpRequest, id: int) -> JsonResponse:
    _city_level(request)
    b = selectors.briefing_get(user=request.user, id=id)
    return JsonResponse({"status": b.status, "done": b.status == BriefingStatus.DONE, "message": b.message})


def briefing_download(request: HttpRequest, id: int, fmt: str) -> HttpResponse:
    _city_level(request)
    b = selectors.briefing_get(user=request.user, id=id)
    field = {"docx": b.docx, "xlsx": b.xlsx}.get(fmt)
    if field is None or not field:
        raise NotVisible("文件不存在或尚未生成")
    name = f"{b.title}（第{b.number}期）.{fmt}"
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    response["Content-Disposition"] = f"attachment; filename=briefing.{fmt}; filename*=UTF-8''{quote(name)}"
    return response
