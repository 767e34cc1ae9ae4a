"""Duplicate candidates among a million firm names: time, peak memory and recall.

    cd /work/main && .venv/bin/python bench/firms_dedupe_scale.py [--names 1000000] [--seed 20240601]

Generates the names deterministically from the seed (registry-style: region + 字号 +
行业表述 + 组织形式, branches, firms sharing a 字号, the same 字号 and industry in several
places) and injects variants of existing firms with known truth: traditional characters,
full-width and blanks, another organisation form, the region dropped, added or bracketed,
short forms, a typo in the organisation form, a typo in a long 字号, and exact repeats.

The matcher runs in a fresh child process that reads the names from a file, as the CLI
would, so its time and peak RSS are the matcher's alone (plus the list of names).

Reported:
* time and peak RSS of ``find_duplicate_candidates`` (which includes the grouping);
* grouping quality (``match_names``' groups) against the truth: pairwise precision and recall;
* recall on the injected variants: share linked to their firm by the groups (auto) and by
  the candidates (same or maybe, i.e. found for review), per variant kind.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BRAND_CHARS = (
    "华恒瑞金鑫盛天海宏泰康德源新兴达通远佳嘉利丰永长安昌隆顺创力信诚和润森林美凯博联宇航星光明"
    "东方益祥福荣庆富实成汇鼎正大万中亿豪晨辉煌建国家民众合亨元吉祺锦绣春秋阳云龙凤鹏飞腾翔越"
    "卓越优品尚志伟业晶洋蓝绿青紫银铭铂钰璟琪瑾瀚沃灏泽涛波澜江河湖山峰岭石岩川田园农牧渔港湾"
    "舟船桥路楼阁亭台苑府堂轩斋坊庄村乡城镇都邦泛环球宝盈聚鸿运乐康宁静雅致精诚恒久立勤"
)
INDUSTRIES = (
    "医药 药业 制药 生物医药 医疗器械 化工 化学 石化 精细化工 新材料 复合材料 碳纤维 石英 硅材料 "
    "新能源 光伏 电力 热电 电子 电气 机械 装备 重工 汽车零部件 船舶 钢铁 金属 建材 建设工程 "
    "建筑 物流 供应链 国际贸易 商贸 进出口 食品 粮油 水产 农业 纺织 服饰 包装 印刷 环保 环境 "
    "信息技术 软件 网络 数据 智能 传媒 文化 旅游 酒店 餐饮 咨询 管理 物业 置业 房地产 投资 "
    "港口 港务 航运 船务 仓储 检测 设计 安防 照明 五金 模具 塑业 橡胶 玻璃 陶瓷 纸业 家具"
).split()
GENERIC = ("科技", "实业", "发展", "技术", "控股")
PROVINCES = ("江苏", "浙江", "山东", "安徽", "上海", "北京", "广东", "河南", "湖北", "四川", "福建")
CITIES = {
    "连云港": "江苏", "南京": "江苏", "苏州": "江苏", "无锡": "江苏", "徐州": "江苏", "南通": "江苏",
    "盐城": "江苏", "淮安": "江苏", "宿迁": "江苏", "常州": "江苏", "杭州": "浙江", "宁波": "浙江",
    "济南": "山东", "青岛": "山东", "临沂": "山东", "日照": "山东", "合肥": "安徽", "深圳": "广东",
    "广州": "广东", "郑州": "河南", "武汉": "湖北", "成都": "四川", "厦门": "福建",
}
DISTRICTS = ("海州区", "连云区", "赣榆区", "东海县", "灌云县", "灌南县")
FORMS = (("有限公司", 60), ("股份有限公司", 10), ("有限责任公司", 12), ("集团有限公司", 5),
         ("科技有限公司", 0), ("厂", 2), ("有限公司", 0))
BRANCH_CITIES = ("上海", "南京", "北京", "苏州", "徐州", "杭州", "深圳", "连云港")

VARIANT_KINDS = ("trad", "fullwidth", "org_form", "region_drop", "region_bracket", "region_add",
                 "short", "brand_only", "form_typo", "brand_typo", "repeat")


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def _brand(rng: random.Random) -> str:
    """A 字号 as the registry allows it: no place name of county level or above inside it,
    and not an industry word itself (企业名称登记管理规定)."""
    from zhaoshang.firms.names import _ALL_WORDS, _REGIONS

    while True:
        n = _weighted(rng, (("2", 58), ("3", 30), ("4", 12)))
        brand = "".join(rng.choice(BRAND_CHARS) for _ in range(int(n)))
        if brand in _ALL_WORDS or any(brand[i:j] in _REGIONS for i in range(len(brand))
                                      for j in range(i + 2, len(brand) + 1)):
            continue
        return brand


def _place(rng: random.Random) -> tuple[str, str, tuple[str, ...]]:
    """(prefix, bracket, truth path) for one firm's place of registration."""
    r = rng.random()
    city = rng.choice(tuple(CITIES)) if rng.random() < 0.7 else "连云港"
    if r < 0.45:
        return city + rng.choice(("", "市")), "", (CITIES[city], city)
    if r < 0.70:
        province = rng.choice(PROVINCES)
        suffix = "市" if province in ("上海", "北京") else "省"
        return province + rng.choice(("", suffix)), "", (province,)
    if r < 0.80:
        district = rng.choice(DISTRICTS)
        return rng.choice(("", "连云港市")) + district, "", ("江苏", "连云港", district[:2])
    if r < 0.97:
        return "", city, (CITIES[city], city)
    return "", "", ()


def generate(n_names: int, seed: int) -> tuple[list[str], list[int], list[str]]:
    """Names, their true firm ids and the kind of each name ('base' or a variant kind)."""
    from opencc import OpenCC

    s2t = OpenCC("s2t")
    rng = random.Random(seed)
    n_base = int(n_names * 0.72)
    names: list[str] = []
    truth: list[int] = []
    kinds: list[str] = []
    firms: list[dict] = []
    # Registration rules keep one name per place: the same 字号 and industry may be
    # registered again only in a place that does not contain the other (苏州 and 连云港,
    # not 江苏 and 连云港), and a name without a place (national) only when unique.
    places: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)

    while len(firms) < n_base:
        if firms and rng.random() < 0.03:
            # The same 字号 and industry registered in another place: a different firm.
            other = firms[rng.randrange(len(firms))]
            brand, industry, generic = other["brand"], other["industry"], other["generic"]
        else:
            brand, industry = _brand(rng), rng.choice(INDUSTRIES)
            generic = rng.choice(GENERIC) if rng.random() < 0.25 else ""
            if generic and industry.endswith(generic):
                generic = ""
        prefix, bracket, path = _place(rng)
        taken = places[(brand, industry + generic)]
        if any(all(x == y for x, y in zip(path, other, strict=False)) for other in taken):
            continue
        taken.append(path)
        form = _weighted(rng, FORMS)
        core = brand + industry + generic
        name = f"{prefix}{core}({bracket}){form}" if bracket else f"{prefix}{core}{form}"
        fid = len(firms)
        firm = {"id": fid, "brand": brand, "industry": industry, "generic": generic, "prefix": prefix,
                "bracket": bracket, "form": form, "name": name, "path": path}
        firms.append(firm)
        names.append(name)
        truth.append(fid)
        kinds.append("base")
        if rng.random() < 0.03 and not form.endswith("厂"):
            # A branch: a registered entity of its own.
            branch_name = name + rng.choice(BRANCH_CITIES) + "分公司"
            names.append(branch_name)
            truth.append(len(firms) + 10_000_000)
            kinds.append("base")

    # Variants of existing firms (the duplicates to find).
    while len(names) < n_names:
        firm = firms[rng.randrange(len(firms))]
        kind = rng.choice(VARIANT_KINDS)
        core = firm["brand"] + firm["industry"] + firm["generic"]
        prefix, bracket, form = firm["prefix"], firm["bracket"], firm["form"]
        place = f"({bracket})" if bracket else ""
        if kind == "trad":
            variant = s2t.convert(firm["name"])
        elif kind == "fullwidth":
            variant = firm["name"].replace("(", "（").replace(")", "）")
            variant = " ".join((prefix, core + place, form)) if rng.random() < 0.5 else variant
            variant = variant.replace("有限", "有限 ") if "（" not in variant else variant
        elif kind == "org_form":
            new_form = rng.choice([f for f, _ in FORMS[:4] if f != form] + [""])
            variant = f"{prefix}{core}{place}{new_form}"
        elif kind == "region_drop":
            if not (prefix or bracket):
                continue
            variant = f"{core}{form}"
        elif kind == "region_bracket":
            if not prefix or len(firm["path"]) < 2:
                continue
            variant = f"{core}({firm['path'][1]}){form}"
        elif kind == "region_add":
            if len(firm["path"]) < 2 or not (prefix or bracket):
                continue
            variant = f"{firm['path'][0]}省{firm['path'][1]}市{core}{form}"
        elif kind == "short":
            variant = core if not firm["generic"] or rng.random() < 0.5 else firm["brand"] + firm["industry"]
        elif kind == "brand_only":
            if len(firm["brand"]) < 3:
                continue
            variant = firm["brand"]
        elif kind == "form_typo":
            if "有限公司" not in form:
                continue
            variant = firm["name"].replace("有限公司", rng.choice(("有限公可", "有眼公司", "有线公司", "有限公")))
        elif kind == "brand_typo":
            if len(firm["brand"]) < 4:
                continue
            pos = rng.randrange(len(firm["brand"]))
            typo = firm["brand"][:pos] + rng.choice(BRAND_CHARS) + firm["brand"][pos + 1:]
            if typo == firm["brand"]:
                continue
            variant = firm["name"].replace(firm["brand"], typo, 1)
        else:  # repeat
            variant = firm["name"]
        names.append(variant)
        truth.append(firm["id"])
        kinds.append(kind)
    return names, truth, kinds


def _child(names_file: str, out_file: str) -> None:
    """Run in a fresh process: read names, find candidates and groups, save what the parent scores."""
    from zhaoshang.firms.matching import find_duplicate_candidates, match_names

    names = Path(names_file).read_text(encoding="utf-8").split("\n")
    t0, c0 = time.perf_counter(), time.process_time()
    candidates = find_duplicate_candidates(names)
    t_candidates, c_candidates = time.perf_counter() - t0, time.process_time() - c0
    rss_candidates = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    groups = [r.group for r in match_names(names)]
    t_match, c_match = time.perf_counter() - t0, time.process_time() - c0
    verdicts = Counter(c.verdict.value for c in candidates)
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump({
            "seconds_candidates": round(t_candidates, 1),
            "cpu_seconds_candidates": round(c_candidates, 1),
            "seconds_match": round(t_match, 1),
            "cpu_seconds_match": round(c_match, 1),
            "peak_rss_mib_after_candidates": round(rss_candidates / 1024),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "candidates": len(candidates),
            "verdicts": dict(verdicts),
            "edges": [(c.i, c.j) for c in candidates],
            "groups": groups,
        }, f)


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, x: int) -> int:
        p = self.p
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[rb] = ra


def _pair_counts(groups: list[int], truth: list[int]) -> dict[str, float]:
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    predicted = pairs(Counter(groups))
    true = pairs(Counter(truth))
    both = pairs(Counter(zip(groups, truth, strict=True)))
    precision = both / predicted if predicted else 1.0
    recall = both / true if true else 1.0
    return {"true_pairs": true, "predicted_pairs": predicted, "correct_pairs": both,
            "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--child", nargs=2, metavar=("NAMES", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--keep", metavar="FILE", help="also save the generated names to FILE")
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0

    t0 = time.perf_counter()
    names, truth, kinds = generate(args.names, args.seed)
    t_gen = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        names_file, out_file = Path(tmp) / "names.txt", Path(tmp) / "out.json"
        names_file.write_text("\n".join(names), encoding="utf-8")
        if args.keep:
            Path(args.keep).write_text("\n".join(names) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, __file__, "--child", str(names_file), str(out_file)], check=True)
        result = json.loads(out_file.read_text(encoding="utf-8"))

    # Recall on the injected variants: linked to a base name of their firm?
    base_of: dict[int, int] = {}
    for i, (t, k) in enumerate(zip(truth, kinds, strict=True)):
        if k == "base":
            base_of.setdefault(t, i)
    uf = _UF(len(names))
    for i, j in result["edges"]:
        uf.union(i, j)
    groups = result["groups"]
    per_kind: dict[str, Counter] = defaultdict(Counter)
    for i, (t, k) in enumerate(zip(truth, kinds, strict=True)):
        if k == "base":
            continue
        base = base_of[t]
        per_kind[k]["n"] += 1
        per_kind[k]["grouped"] += groups[i] == groups[base]
        per_kind[k]["found"] += uf.find(i) == uf.find(base)
    total = Counter()
    for c in per_kind.values():
        total.update(c)

    print(f"names: {len(names):,} ({kinds.count('base'):,} registered names, "
          f"{len(names) - kinds.count('base'):,} injected variants); seed {args.seed}; "
          f"generated in {t_gen:.1f} s")
    print(f"find_duplicate_candidates: {result['seconds_candidates']} s wall "
          f"({result['cpu_seconds_candidates']} s CPU), "
          f"peak RSS {result['peak_rss_mib_after_candidates']} MiB; "
          f"{result['candidates']:,} candidate pairs {result['verdicts']}")
    print(f"match_names (grouping only): {result['seconds_match']} s wall "
          f"({result['cpu_seconds_match']} s CPU); "
          f"peak RSS of the child overall {result['peak_rss_mib']} MiB")
    print(f"grouping vs truth (pairs): {_pair_counts(groups, truth)}")
    print("\n| variant | n | grouped (auto) | found (same or maybe) |\n|---|---|---|---|")
    for k in VARIANT_KINDS:
        c = per_kind.get(k)
        if c:
            print(f"| {k} | {c['n']:,} | {c['grouped'] / c['n']:.3f} | {c['found'] / c['n']:.3f} |")
    print(f"| all | {total['n']:,} | {total['grouped'] / total['n']:.3f} | {total['found'] / total['n']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
