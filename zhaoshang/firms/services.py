"""Writes to firms. Names are normalised here so every path stores the same key."""

from __future__ import annotations

from django.db import models, transaction

from zhaoshang.core.errors import BusinessError

from .models import Firm, FirmAlias


def firm_name_key(name: str) -> str:
    """The normalised key of a firm name (the matcher's, once it is there)."""
    try:
        from .names import normalize_firm_name
    except ImportError:  # pragma: no cover - the normaliser lands with the leads issue
        return "".join(name.split())
    return normalize_firm_name(name).key


@transaction.atomic
def firm_ensure(*, name: str, credit_code: str | None = None, short_name: str = "",
                aliases: tuple[str, ...] = (), **fields) -> Firm:
    """Find the firm by credit code or exact name, else create it; update given fields in place."""
    firm = None
    if credit_code:
        firm = Firm.objects.filter(credit_code=credit_code).first()
    if firm is None:
        firm = Firm.objects.filter(name=name).first()
    if firm is None:
        firm = Firm(name=name, credit_code=credit_code or None, short_name=short_name,
                    name_key=firm_name_key(name), **fields)
        firm.full_clean()
        firm.save()
    else:
        from zhaoshang.core.services import model_update

        data = {"short_name": short_name, **fields}
        if credit_code and firm.credit_code and firm.credit_code != credit_code:
            raise BusinessError(f"企业“{name}”已登记信用代码 {firm.credit_code}，与 {credit_code} 不一致")
        if credit_code:
            data["credit_code"] = credit_code
        firm, _ = model_update(instance=firm, fields=list(data), data=data)
    for alias in aliases:
        FirmAlias.objects.get_or_create(firm=firm, name=alias,
                                        defaults={"name_key": firm_name_key(alias),
                                                  "kind": FirmAlias.Kind.SHORT})
    return firm


# ---------------------------------------------------------------------------
# Firm identity on the Django side: resolving names to firms, merging, review candidates
# ---------------------------------------------------------------------------

def home_region() -> tuple[str, ...] | None:
    """The ``HOME_REGION`` setting as a place path ((江苏, 连云港)); None when switched off.

    Names without a place that fit firms in several places go to the one local firm."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from .names import parse_region_path

    try:
        return parse_region_path(settings.HOME_REGION) or None
    except ValueError as exc:
        raise ImproperlyConfigured(f"HOME_REGION 配置错误：{exc}") from exc


#: Above this many firms the candidate search looks at the pursued firms (those of leads and
#: projects) and the firms sharing their keys, not the whole universe (5M firms at province scale).
CANDIDATE_SCAN_LIMIT = 200_000


def live_firm(firm: Firm) -> Firm:
    """The firm a merged firm now lives on as (a merge keeps the old row pointing on)."""
    seen = 0
    while firm.merged_into_id and seen < 10:
        firm = Firm.objects.get(pk=firm.merged_into_id)
        seen += 1
    return firm


def _valid_code(credit_code: str | None) -> str | None:
    from .credit_code import credit_code_error, normalize_credit_code

    if not credit_code or not credit_code.strip():
        return None
    code = normalize_credit_code(credit_code)
    error = credit_code_error(code)
    if error:
        raise BusinessError(error, field="credit_code")
    return code


def _same_firm(key, firm_name: str, code: str | None, firm_code: str | None) -> bool:
    from .matching import pair_score

    return pair_score(key, firm_name, credit_code_a=code, credit_code_b=firm_code).is_same


def _pick(key, code: str | None, firms: list[Firm], alias_firms: list[tuple[str, Firm]]) -> Firm | None:
    """Of the firms sharing the name's key (directly or through an alias), the one it names.

    An alias (former name, stock short name) counts like the firm's own name, but cannot move
    the firm to another place: 上海卫星石化 is not 卫星化学 because 卫星石化 is its former name
    when 卫星化学 is registered in 浙江. A name written exactly as a known alias is that firm."""
    from .names import normalize_firm_name, region_paths_compatible

    fits = [f for f in firms if _same_firm(key, f.name, code, f.credit_code)]
    exact = [f for f in fits if f.name == key.name]
    for alias, firm in alias_firms:
        if not _same_firm(key, alias, code, firm.credit_code):
            continue
        if not region_paths_compatible(key.region_path, normalize_firm_name(firm.name).region_path):
            continue
        if firm not in fits:
            fits.append(firm)
        if alias == key.name and firm not in exact:
            exact.append(firm)
    if not fits:
        return None
    return (exact or sorted(fits, key=lambda f: (not f.is_chain_leader, f.pk)))[0]


#: A short form (恒瑞, 恒远新材料) is looked for among at most this many firms of its 字号.
SHORT_FORM_SCAN = 200


def _short_form_of(key, code: str | None) -> Firm | None:
    """The one firm a short form names (恒远新材料 → 上海恒远新材料科技有限公司), as the matcher groups
    them: only when exactly one firm of the 字号 fits; several fits stay apart for review.

    A prefix query on the indexed key (PostgreSQL has a pattern index for it)."""
    if len(key.brand) < 2 or (key.industry and key.generic) or key.branch:
        return None
    firms = Firm.objects.filter(name_key__startswith=key.brand, merged_into=None).exclude(name_key=key.key)
    fits = [f for f in firms[:SHORT_FORM_SCAN] if _same_firm(key, f.name, code, f.credit_code)]
    return fits[0] if len(fits) == 1 else None


@transaction.atomic
def firm_resolve(*, name: str, credit_code: str | None = None, create: bool = True,
                 is_demo: bool = False) -> Firm | None:
    """The one Firm a written name (and credit code, when known) stands for; created when new.

    The credit code decides; otherwise the normalised key (or an alias's) and the matcher's
    judgement (a branch is not its head office, 上海恒瑞医药 is not 江苏恒瑞医药). Short forms
    that could name several firms are not guessed: they get their own firm and show up on
    the merge-candidates page for a person to decide.
    """
    from .names import normalize_firm_name

    name = (name or "").strip()
    if not name:
        return None
    code = _valid_code(credit_code)
    if code:
        firm = Firm.objects.filter(credit_code=code).first()
        if firm is not None:
            return live_firm(firm)
    key = normalize_firm_name(name)
    firms = list(Firm.objects.filter(name_key=key.key, merged_into=None))
    alias_firms = [(a.name, live_firm(a.firm)) for a in FirmAlias.objects.filter(name_key=key.key).select_related("firm")]
    firm = _pick(key, code, firms, alias_firms) or _short_form_of(key, code)
    if firm is not None:
        if code and not firm.credit_code:
            firm.credit_code = code
            firm.full_clean()
            firm.save(update_fields=["credit_code", "updated_at"])
        return firm
    if not create:
        return None
    firm = Firm(name=name[:200], name_key=key.key[:200], credit_code=code, is_demo=is_demo)
    firm.full_clean()
    firm.save()
    return firm


def firm_resolve_many(*, names: list[str], user=None, is_demo: bool = False) -> list[Firm | None]:
    """``firm_resolve`` for many names at once (demo, imports, scans): a few queries per thousand names."""
    from simple_history.utils import bulk_create_with_history

    from .names import normalize_many

    cleaned = [(n or "").strip()[:200] for n in names]
    keys = normalize_many([n or "-" for n in cleaned])
    wanted = sorted({k.key for n, k in zip(cleaned, keys, strict=True) if n})
    by_key: dict[str, list[Firm]] = {}
    alias_by_key: dict[str, list[tuple[str, Firm]]] = {}
    live: dict[int, Firm] = {}
    for i in range(0, len(wanted), 2000):
        chunk = wanted[i:i + 2000]
        for firm in Firm.objects.filter(name_key__in=chunk, merged_into=None):
            by_key.setdefault(firm.name_key, []).append(firm)
        for alias in FirmAlias.objects.filter(name_key__in=chunk).select_related("firm"):
            firm = alias.firm
            if firm.merged_into_id:  # an alias kept back on a merged firm names the firm it lives on as
                firm = live.setdefault(firm.pk, live_firm(firm))
            alias_by_key.setdefault(alias.name_key, []).append((alias.name, firm))
    out: list[Firm | None] = []
    new: dict[tuple, Firm] = {}
    for name, key in zip(cleaned, keys, strict=True):
        if not name:
            out.append(None)
            continue
        firm = _pick(key, None, by_key.get(key.key, []), alias_by_key.get(key.key, []))
        if firm is None:
            ident = (key.key, key.branch, key.region_path)
            firm = new.get(ident)
            if firm is None:
                firm = new[ident] = Firm(name=name, name_key=key.key[:200], is_demo=is_demo)
                by_key.setdefault(key.key, []).append(firm)
        out.append(firm)
    if new:
        with transaction.atomic():
            bulk_create_with_history(list(new.values()), Firm, batch_size=2000, default_user=user)
    return out  # SQLite ≥ 3.35 and PostgreSQL return the new ids, so the created firms carry their pk


def firm_link_project(*, project, firm: Firm, user=None) -> bool:
    """Point a project's investor at its firm (a derived link: the project's own version is not bumped)."""
    if firm is None or project.investor_id == firm.pk:
        return False
    project.investor = firm
    project._history_user = user
    project.save(update_fields=["investor"])
    return True


def firm_link_projects_bulk(*, pairs: list[tuple[object, Firm]], user=None) -> int:
    """``firm_link_project`` for many projects (scans, demo), one history row each, in batches."""
    from simple_history.utils import bulk_update_with_history

    from zhaoshang.projects.models import Project

    changed = []
    for project, firm in pairs:
        if firm is not None and project.investor_id != firm.pk:
            project.investor = firm
            changed.append(project)
    if changed:
        with transaction.atomic():
            bulk_update_with_history(changed, Project, ["investor"], batch_size=2000, default_user=user)
    return len(changed)


def _firm_relations() -> list[tuple[type, str]]:
    """Every (model, field) that points at a Firm, other apps' included, except identity bookkeeping."""
    from simple_history.models import HistoricalChanges

    from .models import FirmMerge, FirmMergeCandidate

    out = []
    for rel in Firm._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        model = rel.related_model
        if model in (Firm, FirmMerge, FirmMergeCandidate) or issubclass(model, HistoricalChanges):
            continue
        out.append((model, rel.field.name))
    return out


@transaction.atomic
def firm_merge(*, user, keep: Firm, merge: Firm, reason: str = ""):
    """Merge ``merge`` into ``keep``: every record pointing at it (leads, projects, their investors,
    aliases, chain placements …) moves, its name becomes an alias, and a FirmMerge records it all.

    Rows that cannot move (the kept firm already has the same row, e.g. a score per chain node)
    stay on the merged firm, which keeps existing and points on to ``keep``.
    """
    from django.db import IntegrityError

    from .credit_code import credit_code_is_valid
    from .models import FirmMerge, FirmMergeCandidate

    if not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以合并企业", status=403)
    keep = Firm.objects.select_for_update().get(pk=keep.pk)
    merge = Firm.objects.select_for_update().get(pk=merge.pk)
    if keep.pk == merge.pk:
        raise BusinessError("不能把企业与自己合并")
    if keep.merged_into_id or merge.merged_into_id:
        raise BusinessError("其中一家企业已被合并，请刷新后重试", status=409)
    if (keep.credit_code and merge.credit_code and keep.credit_code != merge.credit_code
            and credit_code_is_valid(keep.credit_code) and credit_code_is_valid(merge.credit_code)):
        raise BusinessError(f"两家企业的统一社会信用代码不同（{keep.credit_code} / {merge.credit_code}），"
                            "是不同的登记主体，不能合并")
    moved: dict[str, int] = {}
    kept_back: dict[str, int] = {}
    for model, field in _firm_relations():
        label = str(model._meta.verbose_name)
        for row in model._default_manager.filter(**{field: merge}):
            setattr(row, field, keep)
            row._history_user = user
            try:
                with transaction.atomic():
                    row.save(update_fields=[field])
            except IntegrityError:
                kept_back[label] = kept_back.get(label, 0) + 1
            else:
                moved[label] = moved.get(label, 0) + 1
    if merge.name != keep.name and not FirmAlias.objects.filter(firm=keep, name=merge.name).exists():
        alias = FirmAlias(firm=keep, name=merge.name, name_key=firm_name_key(merge.name), kind=FirmAlias.Kind.OTHER)
        alias.full_clean()
        alias.save()
    code = merge.credit_code
    merge.merged_into = keep
    merge.credit_code = None
    merge._history_user = user
    merge.save(update_fields=["merged_into", "credit_code", "updated_at"])
    if code and not keep.credit_code:
        keep.credit_code = code
        keep._history_user = user
        keep.save(update_fields=["credit_code", "updated_at"])
    record = FirmMerge(kept=keep, merged=merge, merged_name=merge.name, merged_credit_code=code or "",
                       moved={"moved": moved, "kept_back": kept_back}, reason=reason[:500], merged_by=user)
    record.full_clean()
    record.save()
    a, b = sorted((keep.pk, merge.pk))
    from django.utils import timezone

    for cand in FirmMergeCandidate.objects.filter(firm_a_id=a, firm_b_id=b, status=FirmMergeCandidate.Status.OPEN):
        cand.status, cand.reviewed_by, cand.reviewed_at = FirmMergeCandidate.Status.MERGED, user, timezone.now()
        cand._history_user = user
        cand.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    # Open pairs with the merged firm are stale (the next search finds them against the kept one).
    FirmMergeCandidate.objects.filter(status=FirmMergeCandidate.Status.OPEN).filter(
        models.Q(firm_a=merge) | models.Q(firm_b=merge)).delete()
    # Two units may now turn out to pursue one firm: look again once this is committed.
    from zhaoshang.leads.tasks import pursuit_check_firm_task

    transaction.on_commit(lambda: pursuit_check_firm_task(keep.pk))
    return record


@transaction.atomic
def firm_candidate_dismiss(*, user, candidate, note: str = ""):
    """A person decided the two firms are different: the pair is not offered again."""
    from django.utils import timezone

    from .models import FirmMergeCandidate

    if not user.is_city_admin:
        raise BusinessError("只有市级招商管理员可以审核疑似重复企业", status=403)
    if candidate.status != FirmMergeCandidate.Status.OPEN:
        raise BusinessError("该候选已处理", status=409)
    candidate.status = FirmMergeCandidate.Status.DISMISSED
    candidate.reviewed_by, candidate.reviewed_at = user, timezone.now()
    candidate._history_user = user
    candidate.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return candidate


def _candidate_names() -> tuple[list[str], list[str | None], list[int]]:
    """Names to compare, their codes, and the firm each belongs to: firms, and the names leads and
    projects were written with (a short form typed on a lead may reveal two firms are one)."""
    from django.apps import apps

    Lead = apps.get_model("leads", "Lead")
    Project = apps.get_model("projects", "Project")
    names: list[str] = []
    codes: list[str | None] = []
    owners: list[int] = []
    firms = Firm.objects.filter(merged_into=None)
    if firms.count() > CANDIDATE_SCAN_LIMIT:
        pursued = set(Lead.objects.exclude(firm=None).values_list("firm_id", flat=True))
        pursued |= set(Project.objects.exclude(investor=None).values_list("investor_id", flat=True))
        keys = set(Firm.objects.filter(pk__in=pursued).values_list("name_key", flat=True))
        firms = firms.filter(models.Q(pk__in=pursued) | models.Q(name_key__in=keys))
    for pk, name, code in firms.values_list("pk", "name", "credit_code").iterator(chunk_size=10000):
        names.append(name)
        codes.append(code)
        owners.append(pk)
    seen = set(zip(owners, names, strict=True))
    # Former names and stock short names: a firm row written with another firm's alias is that firm.
    owned = set(owners)
    for pk, name in FirmAlias.objects.filter(firm__merged_into=None).values_list("firm_id", "name").iterator(
            chunk_size=10000):
        if pk in owned and (pk, name) not in seen:
            seen.add((pk, name))
            names.append(name)
            codes.append(None)
            owners.append(pk)
    for model, field, name_field in ((Lead, "firm_id", "firm_name"), (Project, "investor_id", "investor_name")):
        rows = (model.objects.exclude(**{f"{field[:-3]}": None}).exclude(**{name_field: ""})
                .filter(**{f"{field[:-3]}__merged_into": None})
                .values_list(field, name_field).distinct())
        for pk, name in rows.iterator(chunk_size=10000):
            if (pk, name) not in seen:
                seen.add((pk, name))
                names.append(name)
                codes.append(None)
                owners.append(pk)
    return names, codes, owners


def firm_candidates_refresh(*, user=None) -> dict[str, int]:
    """Run the matcher over the firms and keep the pairs of two different Firm rows for review.

    Pairs already reviewed (merged or dismissed) are not offered again."""
    from simple_history.utils import bulk_create_with_history

    from .matching import Verdict, find_duplicate_candidates
    from .models import FirmMergeCandidate

    names, codes, owners = _candidate_names()
    code_of = {owner: code for owner, code in zip(owners, codes, strict=True) if code}
    best: dict[tuple[int, int], tuple] = {}
    for c in find_duplicate_candidates(names, credit_codes=codes, home_region=home_region()):
        a, b = owners[c.i], owners[c.j]
        if a == b or (code_of.get(a) and code_of.get(b) and code_of[a] != code_of[b]):
            continue  # two firms with their own credit codes are two firms, however alike the names
        pair = (min(a, b), max(a, b))
        rank = (c.verdict is Verdict.SAME, c.score)
        if pair not in best or rank > best[pair][0]:
            best[pair] = (rank, c)
    existing = set(FirmMergeCandidate.objects.values_list("firm_a_id", "firm_b_id"))
    new = [FirmMergeCandidate(firm_a_id=a, firm_b_id=b, verdict=c.verdict.value, score=c.score, reason=c.reason[:300])
           for (a, b), (_, c) in sorted(best.items()) if (a, b) not in existing]
    with transaction.atomic():
        bulk_create_with_history(new, FirmMergeCandidate, batch_size=2000, default_user=user)
    return {"pairs": len(best), "new": len(new)}


@transaction.atomic
def firm_alias_add(*, user, firm: Firm, name: str, kind: str = FirmAlias.Kind.OTHER) -> FirmAlias:
    """A former name, stock short name or common spelling the matcher cannot derive (卫星石化 → 卫星化学)."""
    if not user.writes_business_data:
        raise BusinessError("您的角色不能修改企业信息", status=403)
    name = name.strip()
    if not name:
        raise BusinessError("请填写别名", field="name")
    if name == firm.name or FirmAlias.objects.filter(firm=firm, name=name).exists():
        raise BusinessError(f"“{name}”已是该企业的名称或别名", field="name")
    alias = FirmAlias(firm=firm, name=name[:200], name_key=firm_name_key(name), kind=kind)
    alias.full_clean()
    alias._history_user = user
    alias.save()
    return alias
