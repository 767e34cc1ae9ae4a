"""Pages of the chains app: one view per operation — parse, call one selector or service, render.

Every page needs ``sees_business_data``; writing needs the capability the service checks
(``is_city_admin`` for the chain map itself, ``writes_business_data`` for placements, signals,
outcomes and leads). BusinessError becomes a message or a form error, never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.core.htmx import is_htmx, template_for
from zhaoshang.firms.enums import RevenueBand
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import unit_list

from . import selectors, services, tasks
from .enums import CorrectionAction, GapKind, NeedDirection, OutcomeStatus, SignalKind
from .forms import (
    CorrectionForm,
    EdgeForm,
    NeedForm,
    NodeAddForm,
    NodeEditForm,
    OutcomeForm,
    SignalForm,
    UploadForm,
)
from .models import ChainNode, FirmImport, LeaderNeed, SupplyEdge
from .targeting import COMPONENTS


def _business(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def _admin(request: HttpRequest) -> None:
    if not (request.user.sees_business_data and request.user.is_city_admin):
        raise PermissionDenied


def _writer(request: HttpRequest) -> None:
    if not request.user.writes_business_data:
        raise PermissionDenied


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename={filename}"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------------------- chains


def chain_index(request: HttpRequest) -> HttpResponse:
    _business(request)
    ctx = {"rows": selectors.chain_overview(user=request.user), "run": selectors.last_target_run(),
           "gap_kinds": GapKind.choices, "upload": UploadForm()}
    return render(request, "chains/index.html", ctx)


@require_POST
def chains_load_reference(request: HttpRequest) -> HttpResponse:
    _admin(request)
    stats = services.chains_load_reference(user=request.user)
    changed = sum(stats.values())
    messages.success(request, f"已加载内置产业链（石化、生物医药、新材料）：{changed} 处更新" if changed
                     else "内置产业链已是最新，无需更新")
    return redirect("chains:index")


@require_POST
def chains_import(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要导入的 .json 或 .xlsx 文件")
        return redirect("chains:index")
    upload = form.cleaned_data["file"]
    try:
        stats = services.chains_import_file(user=request.user, name=upload.name, data=upload.read())
    except services.ChainImportError as exc:
        for error in exc.errors[:30]:
            messages.error(request, error)
        messages.error(request, f"导入失败，未做任何修改（共 {len(exc.errors)} 处错误）")
        return redirect("chains:index")
    messages.success(request, f"导入成功：节点 {stats['nodes']} 处、供应关系 {stats['edges']} 处、"
                              f"链主企业 {stats['leaders']} 处、供需 {stats['needs']} 处更新")
    return redirect("chains:index")


def chain_export_json(request: HttpRequest, code: str) -> HttpResponse:
    _business(request)
    chain = selectors.chain_get(user=request.user, code=code)
    return _download(services.chain_export_json(chain), f"chain-{chain.code}.json", "application/json")


def chain_export_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    _business(request)
    chain = selectors.chain_get(user=request.user, code=code)
    return _download(services.chain_export_xlsx(chain), f"chain-{chain.code}.xlsx", XLSX)


def chain_map(request: HttpRequest, code: str) -> HttpResponse:
    _business(request)
    chain = selectors.chain_get(user=request.user, code=code)
    data = selectors.chain_map(user=request.user, chain=chain)
    chart = {"nodes": data["nodes"], "edges": data["edges"], "cross": data["cross_edges"],
             "node_url": reverse("chains:node", args=["XX0"]).replace("XX0", "__code__")}
    return render(request, "chains/map.html", {"chain": chain, "data": data, "chart": chart,
                                               "chains": selectors.chain_list()})


def gap_list(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The gaps of one chain, or of all chains (精准招商)."""
    _business(request)
    chain = selectors.chain_get(user=request.user, code=code) if code else None
    rows = selectors.gap_list(user=request.user, chain=chain)
    kind = request.GET.get("kind")
    if kind in GapKind.values:
        rows = [r for r in rows if r["gap"].kind == kind]
    return render(request, "chains/gaps.html", {"chain": chain, "rows": rows, "kinds": GapKind.choices,
                                                "run": selectors.last_target_run(),
                                                "chains": selectors.chain_list()})


# ---------------------------------------------------------------------------- nodes


def node_detail(request: HttpRequest, code: str) -> HttpResponse:
    _business(request)
    node = selectors.node_get(user=request.user, code=code)
    ctx = selectors.node_detail(user=request.user, node=node)
    ctx["edges_in"] = SupplyEdge.objects.filter(target=node).select_related("source")
    ctx["edges_out"] = SupplyEdge.objects.filter(source=node).select_related("target")
    return render(request, template_for(request, "chains/node.html", "panel"), ctx)


def node_edit(request: HttpRequest, code: str) -> HttpResponse:
    _admin(request)
    node = selectors.node_get(user=request.user, code=code)
    initial = {"name": node.name, "stage": node.stage, "keywords": "；".join(node.keywords),
               "industry_codes": "；".join(node.industry_codes), "description": node.description}
    form = NodeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.node_update(user=request.user, node=node, **form.cleaned_data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已保存节点 {node.code}。企业节点将在下次“重新识别”后按新关键词更新。")
            return redirect("chains:node", code=node.code)
    return render(request, "chains/node_edit.html", {"node": node, "form": form, "add_form": NodeAddForm(),
                                                     "edge_form": EdgeForm(initial={"target": node.code})})


@require_POST
def node_add(request: HttpRequest, code: str) -> HttpResponse:
    _admin(request)
    parent = selectors.node_get(user=request.user, code=code)
    form = NodeAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写新节点的编码和名称")
        return redirect("chains:node_edit", code=code)
    try:
        node = services.node_create(user=request.user, parent=parent, **form.cleaned_data)
    except BusinessError as exc:
        messages.error(request, exc.message)
        return redirect("chains:node_edit", code=code)
    messages.success(request, f"已新增节点 {node.code} {node.name}")
    return redirect("chains:node", code=node.code)


@require_POST
def node_deactivate(request: HttpRequest, code: str) -> HttpResponse:
    _admin(request)
    node = selectors.node_get(user=request.user, code=code)
    services.node_deactivate(user=request.user, node=node)
    messages.success(request, f"已停用节点 {node.code} 及其下级节点（修正记录和跟进结果保留）")
    return redirect("chains:map", code=node.chain.code)


@require_POST
def edge_add(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = EdgeForm(request.POST)
    back = request.POST.get("back") or reverse("chains:index")
    if not form.is_valid():
        messages.error(request, "请填写供应节点和需求节点的编码")
        return redirect(back)
    try:
        source = selectors.node_get(user=request.user, code=form.cleaned_data["source"].strip())
        target = selectors.node_get(user=request.user, code=form.cleaned_data["target"].strip())
        services.edge_create(user=request.user, source=source, target=target,
                             material=form.cleaned_data["material"], note=form.cleaned_data["note"])
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已新增供应关系 {source.code} → {target.code}")
    return redirect(back)


@require_POST
def edge_delete(request: HttpRequest, id: int) -> HttpResponse:
    _admin(request)
    edge = SupplyEdge.objects.select_related("source", "target").filter(id=id).first()
    if edge is None:
        raise NotVisible()
    services.edge_delete(user=request.user, edge=edge)
    messages.success(request, f"已删除供应关系 {edge.source.code} → {edge.target.code}")
    return redirect("chains:node", code=edge.target.code)


# ---------------------------------------------------------------------------- targets


def _target_context(request: HttpRequest, node: ChainNode) -> dict:
    scores = list(selectors.target_list(user=request.user, node=node, filters=request.GET))
    return {
        "node": node, "rows": selectors.target_rows(user=request.user, node=node, scores=scores),
        "provinces": selectors.target_provinces(node=node), "sizes": RevenueBand.choices,
        "flags": [("listed", "上市"), ("high_tech", "高新技术"), ("specialized", "专精特新"), ("global500", "世界500强")],
        "components": COMPONENTS, "outcome_statuses": [c for c in OutcomeStatus.choices if c[0] != "lead"],
        "units": unit_list(user=request.user).exclude(kind="department") if request.user.is_city_level else [],
        "gap": next((g for g in selectors.gaps_current(chain_code=node.chain.code) if g.node == node.code), None),
        "run": selectors.last_target_run(), "today": timezone.localdate(),
    }


def target_list(request: HttpRequest, code: str) -> HttpResponse:
    _business(request)
    node = selectors.node_get(user=request.user, code=code)
    return render(request, template_for(request, "chains/targets.html", "results"), _target_context(request, node))


def _target_row(request: HttpRequest, node: ChainNode, firm_id: int) -> HttpResponse:
    score = selectors.target_list(user=request.user, node=node, filters={}, limit=None).filter(firm_id=firm_id)
    rows = selectors.target_rows(user=request.user, node=node, scores=list(score))
    ctx = {"node": node, "row": rows[0] if rows else None, "components": COMPONENTS,
           "outcome_statuses": [c for c in OutcomeStatus.choices if c[0] != "lead"], "today": timezone.localdate()}
    return render(request, "chains/targets.html#row", ctx)


@require_POST
def target_make_lead(request: HttpRequest, code: str, firm_id: int) -> HttpResponse:
    _writer(request)
    node = selectors.node_get(user=request.user, code=code)
    firm = selectors.firm_get(user=request.user, id=firm_id)
    unit = Unit.objects.filter(id=request.POST.get("unit") or 0).first() if request.user.is_city_level else None
    try:
        lead = services.target_make_lead(user=request.user, node=node, firm=firm, unit=unit,
                                         note=request.POST.get("note", ""))
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已生成线索 {lead.code}（{lead.unit}）：{firm.name}")
    if is_htmx(request):
        return _target_row(request, node, firm.id)
    return redirect(reverse("chains:targets", args=[node.code]) + f"#firm-{firm.id}")


@require_POST
def target_outcome(request: HttpRequest, code: str, firm_id: int) -> HttpResponse:
    _writer(request)
    node = selectors.node_get(user=request.user, code=code)
    firm = selectors.firm_get(user=request.user, id=firm_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.target_outcome_set(user=request.user, node=node, firm=firm, **form.cleaned_data)
        except BusinessError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已记录：{firm.name} {OutcomeStatus(form.cleaned_data['status']).label}")
    else:
        messages.error(request, "请选择进展")
    if is_htmx(request):
        return _target_row(request, node, firm.id)
    return redirect(reverse("chains:targets", args=[node.code]) + f"#firm-{firm.id}")


@require_POST
def targets_rescore(request: HttpRequest) -> HttpResponse:
    _admin(request)
    transaction.on_commit(lambda: tasks.rescore_targets())
    messages.success(request, "已提交目标企业重新计算，完成后列表自动更新")
    return redirect("chains:index")


@require_POST
def firms_reclassify(request: HttpRequest) -> HttpResponse:
    _admin(request)
    transaction.on_commit(lambda: tasks.classify_firms())
    messages.success(request, "已提交企业节点重新识别（人工修正的企业不变），完成后重新计算目标企业")
    return redirect("chains:index")


# ---------------------------------------------------------------------------- supply matching and leaders


def supply(request: HttpRequest) -> HttpResponse:
    _business(request)
    ctx: dict = {"leaders": selectors.leader_list()}
    project_id, firm_id = request.GET.get("project"), request.GET.get("firm")
    if project_id and project_id.isdigit():
        ctx["match"] = selectors.project_supply(user=request.user, project_id=int(project_id))
    elif firm_id and firm_id.isdigit():
        ctx["match"] = selectors.firm_supply(user=request.user,
                                             firm=selectors.firm_get(user=request.user, id=int(firm_id)))
    return render(request, "chains/supply.html", ctx)


def leader_list(request: HttpRequest) -> HttpResponse:
    _business(request)
    return render(request, "chains/leaders.html", {"leaders": selectors.leader_list()})


def leader_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business(request)
    profile = selectors.leader_get(user=request.user, id=id)
    ctx = {"profile": profile, "match": selectors.leader_matches(user=request.user, profile=profile),
           "form": NeedForm(), "nodes": selectors.node_choices(), "directions": NeedDirection.choices}
    return render(request, "chains/leader.html", ctx)


@require_POST
def need_add(request: HttpRequest, id: int) -> HttpResponse:
    _writer(request)
    profile = selectors.leader_get(user=request.user, id=id)
    form = NeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择节点和方向")
        return redirect("chains:leader", id=id)
    data = form.cleaned_data
    try:
        node = selectors.node_get(user=request.user, code=data.pop("node"))
        services.leader_need_save(user=request.user, profile=profile, node=node, **data)
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已登记：{profile} {NeedDirection(data['direction']).label} {node.name}")
    return redirect("chains:leader", id=id)


@require_POST
def need_delete(request: HttpRequest, id: int) -> HttpResponse:
    _writer(request)
    need = LeaderNeed.objects.select_related("profile", "node").filter(id=id).first()
    if need is None:
        raise NotVisible()
    try:
        services.leader_need_delete(user=request.user, need=need)
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已删除该供需登记")
    return redirect("chains:leader", id=need.profile_id)


# ---------------------------------------------------------------------------- clusters


def clusters(request: HttpRequest) -> HttpResponse:
    _business(request)
    code = request.GET.get("chain")
    chain = selectors.chain_get(user=request.user, code=code) if code else None
    data = selectors.cluster_table(user=request.user, chain=chain)
    return render(request, "chains/clusters.html", {"data": data, "chain": chain, "chains": selectors.chain_list()})


# ---------------------------------------------------------------------------- firms


def firm_search(request: HttpRequest) -> HttpResponse:
    _business(request)
    firms = selectors.firm_search(user=request.user, q=request.GET.get("q", ""))
    return render(request, template_for(request, "chains/firms.html", "results"), {"firms": firms})


def _firm_context(request: HttpRequest, firm, **forms) -> dict:
    return {"firm": firm, **selectors.firm_chain_view(user=request.user, firm=firm),
            "nodes": selectors.node_choices(), "actions": CorrectionAction.choices,
            "signal_form": forms.get("signal_form") or SignalForm(initial={"happened_on": timezone.localdate()}),
            "signal_kinds": SignalKind.choices}


def firm_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business(request)
    firm = selectors.firm_get(user=request.user, id=id)
    return render(request, "chains/firm.html", _firm_context(request, firm))


@require_POST
def firm_correct(request: HttpRequest, id: int) -> HttpResponse:
    _writer(request)
    firm = selectors.firm_get(user=request.user, id=id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择修正操作")
        return redirect("chains:firm", id=id)
    data = form.cleaned_data
    node = ChainNode.objects.filter(code=data["node"], is_active=True).first() if data["node"] else None
    try:
        services.placement_correct(user=request.user, firm=firm, action=data["action"], node=node, note=data["note"])
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存修正。修正永久保留，并用于改进企业节点识别。")
    return redirect("chains:firm", id=id)


@require_POST
def signal_add(request: HttpRequest, id: int) -> HttpResponse:
    _writer(request)
    firm = selectors.firm_get(user=request.user, id=id)
    form = SignalForm(request.POST)
    if form.is_valid():
        try:
            services.signal_create(user=request.user, firm=firm, **form.cleaned_data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已登记企业动态")
            return redirect("chains:firm", id=id)
    return render(request, "chains/firm.html", _firm_context(request, firm, signal_form=form), status=400)


def firm_import(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.firm_import_create(user=request.user, upload=upload)
        except BusinessError as exc:
            form.add_error("file", exc.message)
        else:
            transaction.on_commit(lambda: tasks.run_firm_import(record.pk))
            messages.success(request, f"已提交导入“{upload.name}”，可在下方查看进度和结果")
            return redirect("chains:firm_import")
    return render(request, "chains/firm_import.html", {"form": form, "imports": selectors.firm_import_list()})


def firm_import_rejected(request: HttpRequest, id: int) -> HttpResponse:
    _admin(request)
    record = FirmImport.objects.filter(id=id).first()
    if record is None or not record.rejected_file:
        raise NotVisible()
    return _download(record.rejected_file.read(), f"rejected-{record.pk}.xlsx", XLSX)
