"""Chain maps in and out: the shipped reference, JSON and Excel import/export, node and edge edits.

A chain document (format ``zhaoshang.chain/1``, see catalog.py) is the unit of import: it is
checked whole by the catalog's validator (Chinese messages) and applied in one transaction, so a
file with one error changes nothing. Applying is idempotent and keyed by codes: loading the same
document twice writes nothing the second time. Nodes missing from a new version are deactivated,
not deleted, because corrections and outcomes point at them forever.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook

from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.models import Firm, FirmAlias
from zhaoshang.firms.services import firm_ensure, firm_name_key
from zhaoshang.organizations.models import Unit

from ..catalog import CHAIN_FILES, DATA_DIR, FORMAT, STAGES, chain_to_document, validate_chain_document
from ..enums import ROLE_FROM_DOCUMENT, NeedDirection, NodeStage
from ..models import Chain, ChainLeaderProfile, ChainNode, LeaderNeed, SupplyEdge
from ..selectors_specs import chain_specs


class ChainImportError(BusinessError):
    """A chain file failed validation; ``errors`` lists every Chinese reason."""

    def __init__(self, errors: list[str]):
        shown = "；".join(errors[:10]) + (f"；……共 {len(errors)} 处错误" if len(errors) > 10 else "")
        super().__init__(f"导入失败，未做任何修改：{shown}")
        self.errors = errors


def _require_admin(user) -> None:
    if user is not None and not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以维护产业链图谱", status=403)


def _clean(obj) -> None:
    """Field checks without a query per foreign key (the related rows were just read or written)."""
    fks = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    obj.full_clean(exclude=fks, validate_unique=False, validate_constraints=False)


def _differs(obj, name: str, value: Any) -> bool:
    """Compare a foreign key by id, so checking an unchanged row costs no query."""
    field = obj._meta.get_field(name)
    if field.many_to_one:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class _Writer:
    """Writes a document's rows: new ones in bulk (each with its history row), changed ones one by
    one with ``update_fields``, unchanged ones not at all."""

    def __init__(self, user):
        self.user = user
        self.pending: dict[type, list] = defaultdict(list)

    def save(self, obj, fields: Mapping[str, Any]) -> bool:
        """Queue a new object or save the fields that differ; True when something is (to be) written."""
        if obj.pk is None:
            for k, v in fields.items():
                setattr(obj, k, v)
            _clean(obj)
            self.pending[type(obj)].append(obj)
            return True
        changed = [k for k, v in fields.items() if _differs(obj, k, v)]
        if not changed:
            return False
        for k in changed:
            setattr(obj, k, fields[k])
        _clean(obj)
        obj._history_user = self.user
        obj.save(update_fields=[*changed, "updated_at"] if hasattr(obj, "updated_at") else changed)
        return True

    def flush(self) -> None:
        from simple_history.utils import bulk_create_with_history

        for model, objs in list(self.pending.items()):
            bulk_create_with_history(objs, model, batch_size=500, default_user=self.user)
        self.pending.clear()


def _save(obj, user, fields: Mapping[str, Any]) -> bool:
    """One object: set the fields that differ and save (with the acting user for the history row)."""
    writer = _Writer(user)
    written = writer.save(obj, fields)
    writer.flush()
    return written


def _units_by_name() -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for u in Unit.objects.filter(kind__in=["district", "zone"]):
        out.setdefault(u.name, u)
        if u.short_name:
            out[u.short_name] = u
    return out


def _depths(nodes: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    parents = {n["code"]: n.get("parent") for n in nodes}
    out: dict[str, int] = {}
    for code in parents:
        d, cur = 1, parents[code]
        while cur is not None and cur in parents:
            d, cur = d + 1, parents[cur]
        out[code] = d
    return out


def chains_validate_documents(documents: Sequence[Any]) -> list[str]:
    """Every reason the documents cannot be applied, against the chains already stored."""
    errors: list[str] = []
    docs = list(documents)
    codes_here = [d.get("code") for d in docs if isinstance(d, Mapping)]
    for code in {c for c in codes_here if isinstance(c, str) and codes_here.count(c) > 1}:
        errors.append(f"产业链编码重复：{code}")
    known = set(ChainNode.objects.filter(is_active=True).exclude(chain__code__in=[c for c in codes_here if c])
                .values_list("code", flat=True))
    for d in docs:
        if isinstance(d, Mapping):
            known |= {n["code"] for n in d.get("nodes") or [] if isinstance(n, Mapping) and isinstance(n.get("code"), str)}
    taken = {c.name: c.code for c in Chain.objects.all()}
    owner: dict[str, str] = dict(ChainNode.objects.values_list("code", "chain__code"))
    for d in docs:
        label = d.get("name", "?") if isinstance(d, Mapping) else "?"
        found = validate_chain_document(d, known_codes=known)
        errors.extend(f"{label}：{e}" for e in found)
        if found or not isinstance(d, Mapping):
            continue
        if taken.get(d["name"], d["code"]) != d["code"]:
            errors.append(f"{label}：产业链名称“{d['name']}”已被产业链 {taken[d['name']]} 使用")
        for n in d["nodes"]:
            if owner.get(n["code"], d["code"]) != d["code"]:
                errors.append(f"{label}：节点编码 {n['code']} 已属于产业链 {owner[n['code']]}")
    return errors


@transaction.atomic
def chains_apply_documents(*, user, documents: Sequence[Any]) -> dict[str, int]:
    """Validate and apply chain documents, all or nothing; returns counts of what changed."""
    _require_admin(user)
    errors = chains_validate_documents(documents)
    if errors:
        raise ChainImportError(errors)
    stats = {"chains": 0, "nodes": 0, "deactivated": 0, "edges": 0, "leaders": 0, "needs": 0, "firms": 0}
    w = _Writer(user)
    chains: dict[str, Chain] = {}
    next_order = (Chain.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    for doc in documents:
        chain = Chain.objects.filter(code=doc["code"]).first() or Chain(code=doc["code"], sort_order=next_order)
        next_order += 1
        stats["chains"] += w.save(chain, {"name": doc["name"].strip(), "name_en": doc.get("name_en") or "",
                                          "description": doc.get("description") or ""})
        chains[doc["code"]] = chain
    w.flush()

    nodes = {n.code: n for n in ChainNode.objects.all()}
    depths = {doc["code"]: _depths(doc["nodes"]) for doc in documents}
    levels = sorted({d for doc in documents for d in depths[doc["code"]].values()})
    for level in levels:  # parents are written before their children
        for doc in documents:
            depth = depths[doc["code"]]
            for position, raw in enumerate(doc["nodes"]):
                if depth[raw["code"]] == level:
                    stats["nodes"] += _write_node(w, nodes, chains[doc["code"]], raw, depth[raw["code"]], position)
        w.flush()
    for doc in documents:
        for raw in doc["nodes"]:
            alias = nodes.get(raw["alias_of"]) if raw.get("alias_of") else None
            stats["nodes"] += w.save(nodes[raw["code"]], {"alias_of": alias})
        listed = {raw["code"] for raw in doc["nodes"]}
        for node in ChainNode.objects.filter(chain=chains[doc["code"]], is_active=True).exclude(code__in=listed):
            stats["deactivated"] += w.save(node, {"is_active": False})

    for doc in documents:
        chain = chains[doc["code"]]
        existing = {(e.source.code, e.target.code): e for e in chain.edges.select_related("source", "target")}
        wanted = set()
        for raw in doc.get("edges") or []:
            key = (raw["from"], raw["to"])
            wanted.add(key)
            edge = existing.get(key) or SupplyEdge.objects.filter(source__code=key[0], target__code=key[1]).first() \
                or SupplyEdge(source=nodes[key[0]], target=nodes[key[1]])
            stats["edges"] += w.save(edge, {"chain": chain, "material": raw.get("material") or "",
                                            "note": raw.get("note") or ""})
        for key, edge in existing.items():
            if key not in wanted:
                edge._history_user = user
                edge.delete()
                stats["edges"] += 1
    w.flush()
    for doc in documents:
        _apply_leaders(w, chains[doc["code"]], doc.get("leaders") or [], nodes, stats)
    return stats


def _write_node(w: _Writer, nodes: dict[str, ChainNode], chain: Chain, raw: Mapping[str, Any], level: int,
                position: int) -> bool:
    code = raw["code"]
    node = nodes.get(code) or ChainNode(code=code)
    parent = nodes[raw["parent"]] if raw.get("parent") else None
    nodes[code] = node
    return w.save(node, {
        "chain": chain, "name": raw["name"].strip(), "name_en": raw.get("name_en") or "", "parent": parent,
        "level": level, "stage": raw["stage"], "path": (parent.path if parent else "/") + code + "/",
        "keywords": [k.strip() for k in raw.get("keywords") or []],
        "industry_codes": list(raw.get("industry_codes") or []), "description": raw.get("description") or "",
        "see_also": list(raw.get("see_also") or []), "sort_order": position, "is_active": True,
    })


def _leader_firm(name: str, short: str, unit: Unit, stats: dict[str, int]) -> Firm:
    """The firm of a leader, matched by its normalised name (then its short name among local firms)."""
    key = firm_name_key(name)
    firm = Firm.objects.filter(name_key=key).order_by("-is_chain_leader", "id").first()
    if firm is None:
        alias = FirmAlias.objects.filter(name_key=key).select_related("firm").first()
        firm = alias.firm if alias else None
    if firm is None and short:
        short_key = firm_name_key(short)
        firm = Firm.objects.filter(name_key=short_key, is_local=True).order_by("id").first()
        if firm is None:
            alias = FirmAlias.objects.filter(name_key=short_key, firm__is_local=True).select_related("firm").first()
            firm = alias.firm if alias else None
    if firm is None:
        stats["firms"] += 1
        firm = firm_ensure(name=name, short_name=short[:60], aliases=(short,) if short and short != name else (),
                           unit=unit, is_local=True, is_chain_leader=True, province="江苏省", city="连云港市",
                           district=unit.short_name or unit.name)
    elif not firm.is_chain_leader:
        firm.is_chain_leader = True
        firm.save(update_fields=["is_chain_leader", "updated_at"])
    return firm


def _apply_leaders(w: _Writer, chain: Chain, leaders: Sequence[Mapping[str, Any]], nodes: dict[str, ChainNode],
                   stats: dict[str, int]) -> None:
    user = w.user
    units = _units_by_name()
    existing = {p.firm_id: p for p in ChainLeaderProfile.objects.filter(chain=chain).prefetch_related("nodes", "needs")}
    profiles = []
    for position, raw in enumerate(leaders):
        unit = units[raw["unit"]]
        firm = _leader_firm(raw["firm"].strip(), (raw.get("short") or "").strip(), unit, stats)
        profile = existing.get(firm.id) or ChainLeaderProfile(firm=firm, chain=chain)
        stats["leaders"] += w.save(profile, {
            "role": ROLE_FROM_DOCUMENT[raw["role"]], "unit": unit, "short_name": (raw.get("short") or "")[:60],
            "is_active": bool(raw.get("active", True)), "note": (raw.get("note") or "")[:300], "sort_order": position,
        })
        profiles.append((profile, raw))
    w.flush()
    kept = {p.id for p, _ in profiles}
    for profile, raw in profiles:
        wanted_nodes = {nodes[c].id for c in raw.get("nodes") or []}
        if {n.id for n in profile.nodes.all()} != wanted_nodes:
            profile._history_user = user
            profile.nodes.set(wanted_nodes)
            stats["leaders"] += 1
        current = {(n.node_id, n.direction): n for n in profile.needs.all()}
        detail = {(d.get("node"), d.get("direction")): d for d in raw.get("needs") or [] if isinstance(d, Mapping)}
        wanted: set[tuple[int, str]] = set()
        for direction in (NeedDirection.BUYS, NeedDirection.SUPPLIES):
            for order, code in enumerate(raw.get(direction.value) or []):
                node = nodes[code]
                wanted.add((node.id, direction.value))
                need = current.get((node.id, direction.value)) \
                    or LeaderNeed(profile=profile, node=node, direction=direction)
                extra = detail.get((code, direction.value), {})
                fields: dict[str, Any] = {"sort_order": order}
                for key in ("products", "quantity", "note"):
                    if key in extra:
                        fields[key] = str(extra[key] or "")[:200 if key == "products" else 100 if key == "quantity" else 300]
                stats["needs"] += w.save(need, fields)
        for key, need in current.items():
            if key not in wanted:
                need._history_user = user
                need.delete()
                stats["needs"] += 1
    w.flush()
    for profile in chain.leaders.exclude(id__in=kept).filter(is_active=True):
        stats["leaders"] += w.save(profile, {"is_active": False})


def reference_documents() -> list[dict[str, Any]]:
    return [json.loads((DATA_DIR / name).read_text(encoding="utf-8")) for name in CHAIN_FILES]


def chains_load_reference(*, user=None) -> dict[str, int]:
    """Load the three shipped chains of 连云港 (石化, 生物医药, 新材料); idempotent, keyed by code."""
    return chains_apply_documents(user=user, documents=reference_documents())


# ---------------------------------------------------------------------------- export


def chain_document(chain: Chain) -> dict[str, Any]:
    """The export form of a stored chain (catalog format, plus leaders' need details)."""
    spec = next(s for s in chain_specs(chain_ids=[chain.id]))
    doc = chain_to_document(spec)
    details: dict[str, list[dict[str, str]]] = {}
    for need in LeaderNeed.objects.filter(profile__chain=chain).select_related("profile__firm", "node"):
        if need.products or need.quantity or need.note:
            details.setdefault(need.profile.firm.name, []).append(
                {"node": need.node.code, "direction": need.direction, "products": need.products,
                 "quantity": need.quantity, "note": need.note})
    for leader in doc["leaders"]:
        if leader["firm"] in details:
            leader["needs"] = details[leader["firm"]]
    return doc


def chain_export_json(chain: Chain) -> bytes:
    return json.dumps(chain_document(chain), ensure_ascii=False, indent=1).encode("utf-8")


NODE_HEADERS = ["编码", "名称", "英文名称", "上级节点", "环节", "层级", "关键词", "行业代码", "说明", "关联节点", "相关节点"]
EDGE_HEADERS = ["起点节点", "终点节点", "物料", "备注"]
LEADER_HEADERS = ["企业名称", "简称", "所在县区", "其他县区", "所在节点", "采购节点", "供应节点", "角色", "在营", "备注"]
CHAIN_HEADERS = ["编码", "名称", "英文名称", "说明"]
_SEP = "；"


def _join(values: Sequence[str]) -> str:
    return _SEP.join(values)


def _split(value: Any) -> list[str]:
    text = "" if value is None else str(value)
    for sep in (";", "，", ",", "、", "\n"):
        text = text.replace(sep, _SEP)
    return [v.strip() for v in text.split(_SEP) if v.strip()]


def chain_export_xlsx(chain: Chain) -> bytes:
    """The same document as four sheets (产业链、节点、供应关系、链主企业); lists joined with “；”."""
    doc = chain_document(chain)
    wb = Workbook()
    ws = wb.active
    ws.title = "产业链"
    ws.append(CHAIN_HEADERS)
    ws.append([doc["code"], doc["name"], doc["name_en"], doc["description"]])
    ws = wb.create_sheet("节点")
    ws.append(NODE_HEADERS)
    for n in doc["nodes"]:
        ws.append([n["code"], n["name"], n["name_en"], n["parent"] or "", STAGES[n["stage"]], n["level"],
                   _join(n["keywords"]), _join(n["industry_codes"]), n["description"], n["alias_of"] or "",
                   _join(n["see_also"])])
    ws = wb.create_sheet("供应关系")
    ws.append(EDGE_HEADERS)
    for e in doc["edges"]:
        ws.append([e["from"], e["to"], e["material"], e["note"]])
    ws = wb.create_sheet("链主企业")
    ws.append(LEADER_HEADERS)
    roles = {"chain leader": "链主企业", "leading firm": "龙头企业"}
    for r in doc["leaders"]:
        ws.append([r["firm"], r["short"], r["unit"], _join(r["other_units"]), _join(r["nodes"]), _join(r["buys"]),
                   _join(r["supplies"]), roles[r["role"]], "是" if r["active"] else "否", r["note"]])
    for sheet in wb.worksheets:
        sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def chain_document_from_xlsx(data: bytes) -> dict[str, Any]:
    """Read a workbook written by :func:`chain_export_xlsx` (or by hand in its shape) into a
    chain document; missing sheets or headers raise ChainImportError with the reason."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a non-xlsx file
        raise ChainImportError(["文件不是有效的 Excel（.xlsx）文件"]) from exc
    errors: list[str] = []

    def rows(sheet: str, headers: list[str], required: bool = True) -> list[dict[str, Any]]:
        if sheet not in wb.sheetnames:
            if required:
                errors.append(f"缺少工作表“{sheet}”")
            return []
        it = wb[sheet].iter_rows(values_only=True)
        head = [str(h).strip() if h is not None else "" for h in next(it, ())]
        missing = [h for h in headers[:2] if h not in head]
        if missing:
            errors.append(f"工作表“{sheet}”缺少列：{'、'.join(missing)}")
            return []
        out = []
        for values in it:
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            out.append({h: values[i] if i < len(values) else None for i, h in enumerate(head)})
        return out

    def text(value: Any) -> str:
        return "" if value is None else str(value).strip()

    chain_rows = rows("产业链", CHAIN_HEADERS)
    node_rows = rows("节点", NODE_HEADERS)
    edge_rows = rows("供应关系", EDGE_HEADERS, required=False)
    leader_rows = rows("链主企业", LEADER_HEADERS, required=False)
    if errors:
        raise ChainImportError(errors)
    if not chain_rows:
        raise ChainImportError(["工作表“产业链”没有数据行"])
    stage_codes = {label: code for code, label in STAGES.items()} | {c: c for c in STAGES}
    role_codes = {"链主企业": "chain leader", "龙头企业": "leading firm", "chain leader": "chain leader",
                  "leading firm": "leading firm"}
    head = chain_rows[0]
    doc: dict[str, Any] = {"format": FORMAT, "code": text(head.get("编码")), "name": text(head.get("名称")),
                           "name_en": text(head.get("英文名称")), "description": text(head.get("说明")), "nodes": [],
                           "edges": [], "leaders": []}
    for r in node_rows:
        level = r.get("层级")
        node: dict[str, Any] = {
            "code": text(r.get("编码")), "name": text(r.get("名称")), "name_en": text(r.get("英文名称")),
            "parent": text(r.get("上级节点")) or None, "stage": stage_codes.get(text(r.get("环节")), text(r.get("环节"))),
            "keywords": _split(r.get("关键词")), "industry_codes": _split(r.get("行业代码")),
            "description": text(r.get("说明")), "alias_of": text(r.get("关联节点")) or None,
            "see_also": _split(r.get("相关节点")),
        }
        if level not in (None, ""):
            try:
                node["level"] = int(level)
            except (TypeError, ValueError):
                node["level"] = text(level)
        doc["nodes"].append(node)
    for r in edge_rows:
        doc["edges"].append({"from": text(r.get("起点节点")), "to": text(r.get("终点节点")),
                             "material": text(r.get("物料")), "note": text(r.get("备注"))})
    for r in leader_rows:
        doc["leaders"].append({
            "firm": text(r.get("企业名称")), "short": text(r.get("简称")), "unit": text(r.get("所在县区")),
            "other_units": _split(r.get("其他县区")), "nodes": _split(r.get("所在节点")),
            "buys": _split(r.get("采购节点")), "supplies": _split(r.get("供应节点")),
            "role": role_codes.get(text(r.get("角色")), text(r.get("角色"))),
            "active": text(r.get("在营")) not in ("否", "0", "false", "False"), "note": text(r.get("备注")),
        })
    return doc


def chain_documents_from_upload(*, name: str, data: bytes) -> list[dict[str, Any]]:
    """A .json file (one document or a list of them) or an .xlsx workbook → documents."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return [chain_document_from_xlsx(data)]
    if lower.endswith(".json"):
        try:
            payload = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ChainImportError([f"JSON 文件无法解析：{exc}"]) from exc
        return payload if isinstance(payload, list) else [payload]
    raise ChainImportError(["只支持 .json 或 .xlsx 文件"])


@transaction.atomic
def chains_import_file(*, user, name: str, data: bytes) -> dict[str, int]:
    """The city admin's upload: parse, validate against the stored chains, apply all or nothing."""
    _require_admin(user)
    return chains_apply_documents(user=user, documents=chain_documents_from_upload(name=name, data=data))


# ---------------------------------------------------------------------------- editing


def _check_node_fields(keywords: Sequence[str], industry_codes: Sequence[str], stage: str) -> None:
    if stage not in NodeStage.values:
        raise BusinessError("环节必须是上游、中游、下游或配套之一", field="stage")
    bad = [c for c in industry_codes if not (len(c) == 4 and c.isdigit())]
    if bad:
        raise BusinessError(f"行业代码“{bad[0]}”无效，应为4位数字（GB/T 4754-2017）", field="industry_codes")
    if any(not k.strip() for k in keywords):
        raise BusinessError("关键词不能为空", field="keywords")


@transaction.atomic
def node_update(*, user, node: ChainNode, name: str, stage: str, keywords: Sequence[str],
                industry_codes: Sequence[str], description: str = "") -> ChainNode:
    """Edit a node's name, stage, keywords and codes (the classifier refits on the next run)."""
    _require_admin(user)
    _check_node_fields(keywords, industry_codes, stage)
    if not name.strip():
        raise BusinessError("节点名称不能为空", field="name")
    _save(node, user, {"name": name.strip(), "stage": stage, "keywords": [k.strip() for k in keywords],
                       "industry_codes": list(industry_codes), "description": description})
    return node


@transaction.atomic
def node_create(*, user, parent: ChainNode, code: str, name: str, keywords: Sequence[str] = (),
                industry_codes: Sequence[str] = (), description: str = "") -> ChainNode:
    """Add a child node under ``parent`` (same chain and stage)."""
    _require_admin(user)
    code = code.strip()
    if not code.startswith(parent.chain.code) or not code[len(parent.chain.code):].replace(".", "").isdigit():
        raise BusinessError(f"节点编码“{code}”格式无效，应以 {parent.chain.code} 开头，如 {parent.code}.9", field="code")
    if ChainNode.objects.filter(code=code).exists():
        raise BusinessError(f"节点编码 {code} 已存在", field="code")
    if not name.strip():
        raise BusinessError("节点名称不能为空", field="name")
    _check_node_fields(keywords, industry_codes, parent.stage)
    node = ChainNode(chain=parent.chain, code=code, parent=parent, level=parent.level + 1,
                     path=parent.path + code + "/", sort_order=parent.sort_order)
    _save(node, user, {"name": name.strip(), "stage": parent.stage, "keywords": [k.strip() for k in keywords],
                       "industry_codes": list(industry_codes), "description": description})
    return node


@transaction.atomic
def node_deactivate(*, user, node: ChainNode) -> ChainNode:
    """Hide a node and its subtree from maps, placement and targeting (corrections are kept)."""
    _require_admin(user)
    for n in ChainNode.objects.filter(path__startswith=node.path, is_active=True):
        _save(n, user, {"is_active": False})
    node.refresh_from_db()
    return node


@transaction.atomic
def edge_create(*, user, source: ChainNode, target: ChainNode, material: str = "", note: str = "") -> SupplyEdge:
    _require_admin(user)
    if source.pk == target.pk:
        raise BusinessError("供应关系的起点与终点不能相同")
    if SupplyEdge.objects.filter(source=source, target=target).exists():
        raise BusinessError(f"供应关系已存在：{source.code} → {target.code}")
    edge = SupplyEdge(chain=target.chain, source=source, target=target)
    _save(edge, user, {"material": material.strip(), "note": note.strip()})
    return edge


@transaction.atomic
def edge_delete(*, user, edge: SupplyEdge) -> None:
    _require_admin(user)
    edge._history_user = user
    edge.delete()
