"""A synthetic firm universe for the demo and the benchmarks: deterministic from the seed,
generated batch by batch with numpy (5,000,000 firms without holding them all), flagged demo.

Distributions, chosen to look like a registry extract of eastern China:

* provinces weighted to 江苏, 浙江, 上海, 山东, 广东, 安徽 …; a share of the firms is in 连云港
  itself (local), spread over its districts and zones;
* a share of firms works in one of the three chains: its business scope is composed from a
  node's keywords with a verb (生产、研发、销售…), one or two standard items of the trade and
  ordinary items, and it usually carries one of the node's GB/T codes; the others carry codes
  and scopes of unrelated trades (catering, software, retail, construction …);
* registered capital log-normal (median about 300万元, chain firms larger), revenue band and
  employees correlated with it, founding dates over forty years with more young firms;
* flags rare: listed 0.5 %, Fortune Global 500 subsidiaries 0.05 %, high-tech and 专精特新
  more frequent among chain firms;
* credit codes valid (GB 32100 check character) and unique: the 9-character body is a
  bijection of the row number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from zhaoshang.firms.credit_code import CREDIT_CODE_CHARSET

from .catalog import ChainSpec, load_chains
from .classifier import BACKGROUND_FILE

SCALES = {"demo": 3_000, "city": 50_000, "province": 5_000_000}
#: (local share, in-chain share) per scale: the demo shows a dense map, the province a real mix.
SHARES = {"demo": (0.20, 0.45), "city": (0.12, 0.30), "province": (0.01, 0.20)}

PROVINCES: list[tuple[str, str, float, list[tuple[str, str]]]] = [
    # (province, GB/T 2260 code, weight, [(city, city code)])
    ("江苏省", "32", 0.20, [("南京市", "3201"), ("无锡市", "3202"), ("徐州市", "3203"), ("常州市", "3204"),
                           ("苏州市", "3205"), ("南通市", "3206"), ("淮安市", "3208"), ("盐城市", "3209"),
                           ("扬州市", "3210"), ("镇江市", "3211"), ("泰州市", "3212"), ("宿迁市", "3213")]),
    ("浙江省", "33", 0.12, [("杭州市", "3301"), ("宁波市", "3302"), ("温州市", "3303"), ("嘉兴市", "3304"),
                           ("绍兴市", "3306"), ("台州市", "3310")]),
    ("上海市", "31", 0.08, [("上海市", "3101")]),
    ("山东省", "37", 0.10, [("济南市", "3701"), ("青岛市", "3702"), ("淄博市", "3703"), ("东营市", "3705"),
                           ("烟台市", "3706"), ("潍坊市", "3707"), ("日照市", "3711"), ("临沂市", "3713")]),
    ("广东省", "44", 0.11, [("广州市", "4401"), ("深圳市", "4403"), ("佛山市", "4406"), ("惠州市", "4413"),
                           ("东莞市", "4419")]),
    ("安徽省", "34", 0.05, [("合肥市", "3401"), ("芜湖市", "3402"), ("安庆市", "3408")]),
    ("北京市", "11", 0.05, [("北京市", "1101")]),
    ("河南省", "41", 0.04, [("郑州市", "4101"), ("洛阳市", "4103")]),
    ("福建省", "35", 0.04, [("福州市", "3501"), ("厦门市", "3502"), ("泉州市", "3505")]),
    ("湖北省", "42", 0.03, [("武汉市", "4201"), ("宜昌市", "4205")]),
    ("四川省", "51", 0.03, [("成都市", "5101")]),
    ("天津市", "12", 0.03, [("天津市", "1201")]),
    ("河北省", "13", 0.03, [("石家庄市", "1301"), ("沧州市", "1309")]),
    ("湖南省", "43", 0.02, [("长沙市", "4301")]),
    ("辽宁省", "21", 0.02, [("大连市", "2102"), ("盘锦市", "2111")]),
    ("陕西省", "61", 0.02, [("西安市", "6101")]),
    ("江西省", "36", 0.015, [("南昌市", "3601")]),
    ("重庆市", "50", 0.015, [("重庆市", "5001")]),
    ("广西壮族自治区", "45", 0.01, [("南宁市", "4501"), ("钦州市", "4507")]),
]
LOCAL_DISTRICTS: list[tuple[str, str, float]] = [
    ("海州区", "320706", 0.20), ("连云区", "320703", 0.10), ("赣榆区", "320707", 0.14), ("东海县", "320722", 0.13),
    ("灌云县", "320723", 0.09), ("灌南县", "320724", 0.09), ("连云港经济技术开发区", "320791", 0.12),
    ("徐圩新区", "320793", 0.06), ("连云港高新技术产业开发区", "320792", 0.07),
]
BRAND = "华恒瑞金鑫盛天海宏泰康德源新兴达通远佳嘉利丰永长安昌隆顺创力信诚和润森美凯博联宇航星光明东方益祥福荣庆富实成汇" \
        "鼎正万中亿豪晨辉煌建元吉祺锦春阳云龙凤鹏飞腾翔越卓优尚志伟晶洋蓝绿青紫银铭铂钰璟琪瀚沃灏泽涛澜江河湖峰岭石岩川"
CHAIN_WORDS = {"PC": ["石化", "化工", "化学", "新材料", "石油化工", "精细化工", "能源"],
               "BP": ["医药", "药业", "生物", "制药", "生物医药", "医疗器械", "生物科技"],
               "NM": ["新材料", "材料科技", "复合材料", "硅材料", "石英", "光伏", "纤维"]}
OTHER_WORDS = ["商贸", "餐饮管理", "信息技术", "建设工程", "物流", "贸易", "房地产开发", "文化传媒", "食品", "服饰",
               "物业管理", "软件", "装饰工程", "电子商务", "汽车销售", "农业", "网络科技", "机械设备", "五金", "家具"]
OTHER_CODES = ["5610", "6513", "5191", "7010", "4710", "5212", "7281", "5810", "5181", "6421", "5261", "4813",
               "7212", "1713", "3130", "3484", "5011", "5123", "7020", "8391"]
FORMS = ["有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司", "科技有限公司", "集团有限公司"]
VERBS = ["生产", "的生产与销售", "研发、生产、销售", "制造", "生产、加工", "研发", "销售", "批发"]
VERB_WEIGHTS = [0.25, 0.2, 0.2, 0.12, 0.08, 0.06, 0.06, 0.03]
TRADE_ITEMS = {
    "PC": ["化工产品生产（不含许可类化工产品）", "化工产品销售（不含许可类化工产品）", "危险化学品生产",
           "专用化学产品制造（不含危险化学品）", "合成材料制造（不含危险化学品）"],
    "BP": ["药品生产", "药品批发", "第二类医疗器械生产", "医学研究和试验发展", "药品委托生产"],
    "NM": ["高性能纤维及复合材料制造", "电子专用材料制造", "石墨及碳素制品制造", "技术玻璃制品制造",
           "非金属矿及制品销售"],
}
BOILER_A = "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以审批结果为准）"
BOILER_B = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
BANDS = ["lt5m", "5m-20m", "20m-100m", "100m-1b", "1b-10b", "gt10b"]
_CHARSET = np.frombuffer(CREDIT_CODE_CHARSET.encode(), dtype=np.uint8)
_WEIGHTS = np.array((1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), dtype=np.int64)
_BODY_MOD = 31 ** 9
_BODY_STEP = 1_000_003  # coprime with 31: row → body is a bijection


def _seed(seed: int, scale: str, batch: int) -> np.random.Generator:
    digest = hashlib.sha256(f"{seed}-chains-{scale}-{batch}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def credit_codes(rows: np.ndarray, divisions: Sequence[str], salt: int) -> list[str]:
    """Valid, unique credit codes: '91' + division + base-31 body of the row number + check char."""
    body = (rows.astype(np.int64) * _BODY_STEP + salt) % _BODY_MOD
    digits = np.zeros((len(rows), 9), dtype=np.int64)
    for k in range(8, -1, -1):
        digits[:, k] = body % 31
        body //= 31
    prefix = np.frombuffer("".join(f"91{d}" for d in divisions).encode(), dtype=np.uint8).reshape(-1, 8)
    lookup = np.full(256, -1, dtype=np.int64)
    lookup[_CHARSET] = np.arange(31)
    values = np.concatenate([lookup[prefix], digits], axis=1)
    check = (31 - (values * _WEIGHTS).sum(axis=1) % 31) % 31
    chars = np.concatenate([prefix, _CHARSET[digits], _CHARSET[check][:, None]], axis=1)
    return chars.astype(np.uint8).view("S18").ravel().astype(str).tolist()


class UniverseGenerator:
    """Batches of registry rows (polars frames with the import's Chinese headers)."""

    def __init__(self, *, scale: str, seed: int, today: date, chains: Sequence[ChainSpec] | None = None,
                 total: int | None = None):
        self.scale, self.seed, self.today = scale, seed, today
        self.total = total if total is not None else SCALES[scale]
        self.local_share, self.chain_share = SHARES.get(scale, SHARES["city"])
        chains = list(load_chains() if chains is None else chains)
        self.nodes = [n for c in chains for n in c.nodes if n.placeable and n.keywords]
        self.node_chain = [n.chain_code for n in self.nodes]
        # level-3 products are more numerous than segment-level firms
        w = np.array([3.0 if n.level == 3 else 1.0 for n in self.nodes])
        self.node_weights = w / w.sum()
        self.background = [line.strip() for line in BACKGROUND_FILE.read_text(encoding="utf-8").splitlines()
                           if line.strip() and not line.startswith("#")]
        pw = np.array([p[2] for p in PROVINCES])
        self.province_weights = pw / pw.sum()
        dw = np.array([d[2] for d in LOCAL_DISTRICTS])
        self.district_weights = dw / dw.sum()
        self.salt = int(hashlib.sha256(f"{seed}".encode()).hexdigest()[:8], 16) % _BODY_MOD

    def frames(self, batch_rows: int = 50_000) -> Iterator[tuple[pl.DataFrame, int]]:
        for b, start in enumerate(range(0, self.total, batch_rows)):
            n = min(batch_rows, self.total - start)
            yield self.frame(b, start, n), start + 2

    def frame(self, batch: int, start: int, n: int) -> pl.DataFrame:
        rng = _seed(self.seed, self.scale, batch)
        rows = np.arange(start, start + n)
        local = rng.random(n) < self.local_share
        in_chain = rng.random(n) < (self.chain_share * (1.6 if self.scale == "province" else 1.0))
        in_chain &= ~local | (rng.random(n) < 0.8)
        prov = rng.choice(len(PROVINCES), size=n, p=self.province_weights)
        dist = rng.choice(len(LOCAL_DISTRICTS), size=n, p=self.district_weights)
        node = rng.choice(len(self.nodes), size=n, p=self.node_weights)
        city_pick = rng.random(n)
        brand_a = rng.integers(0, len(BRAND), n)
        brand_b = rng.integers(0, len(BRAND), n)
        form = rng.integers(0, len(FORMS), n)
        word_pick = rng.integers(0, 7, n)
        other_word = rng.integers(0, len(OTHER_WORDS), n)
        other_code = rng.integers(0, len(OTHER_CODES), n)
        code_known = rng.random(n) < 0.72
        n_items = rng.integers(2, 8, n)
        kw_pick = rng.integers(0, 1 << 30, (n, 3))
        verb = rng.choice(len(VERBS), size=(n, 3), p=VERB_WEIGHTS)
        bg = rng.integers(0, len(self.background), (n, 8))
        trade = rng.integers(0, 5, n)
        log_cap = rng.normal(np.log(300.0), 1.45, n) + np.where(in_chain, 0.9, 0.0)
        capital = np.clip(np.round(np.exp(log_cap), 2), 3.0, 5_000_000.0)
        band = np.clip(np.floor(np.log10(capital) - 0.6 + rng.normal(0, 0.6, n)), 0, 5).astype(int)
        employees = np.clip(np.round(np.exp(1.2 + 0.45 * np.log(capital) + rng.normal(0, 0.7, n))), 1, 200_000)
        age_days = np.minimum(rng.exponential(8.0 * 365, n), 40 * 365).astype(int)
        big = capital > 50_000
        listed = rng.random(n) < np.where(big, 0.06, 0.003)
        global500 = rng.random(n) < np.where(big, 0.006, 0.0002)
        high_tech = rng.random(n) < np.where(in_chain, 0.12, 0.02)
        specialized = rng.random(n) < np.where(in_chain, 0.05, 0.005)
        with_band = rng.random(n) < 0.8
        with_emp = rng.random(n) < 0.85

        names, provinces, cities, districts, divisions, codes, scopes = [], [], [], [], [], [], []
        for i in range(n):
            if local[i]:
                d_name, d_code, _ = LOCAL_DISTRICTS[dist[i]]
                provinces.append("江苏省")
                cities.append("连云港市")
                districts.append(d_name)
                divisions.append(d_code)
                region = "连云港"
            else:
                p_name, p_code, _, p_cities = PROVINCES[prov[i]]
                c_name, c_code = p_cities[int(city_pick[i] * len(p_cities))]
                provinces.append(p_name)
                cities.append(c_name)
                districts.append("")
                divisions.append(c_code + "00")
                region = c_name.rstrip("市") if city_pick[i] < 0.8 else p_name[:2]
            brand = BRAND[brand_a[i]] + BRAND[brand_b[i]]
            if in_chain[i]:
                spec = self.nodes[node[i]]
                word = CHAIN_WORDS[spec.chain_code][word_pick[i]]
                kws = spec.keywords
                items = [kws[kw_pick[i, k] % len(kws)] + VERBS[verb[i, k]] for k in range(1 + kw_pick[i, 2] % 3)]
                items.append(TRADE_ITEMS[spec.chain_code][trade[i]])
                items += [self.background[j] for j in bg[i, : max(0, n_items[i] - 2)]]
                codes.append(spec.industry_codes[kw_pick[i, 0] % len(spec.industry_codes)]
                             if spec.industry_codes and code_known[i] else "")
            else:
                word = OTHER_WORDS[other_word[i]]
                items = [self.background[j] for j in bg[i, : n_items[i]]]
                codes.append(OTHER_CODES[other_code[i]] if code_known[i] else "")
            items = list(dict.fromkeys(items))
            names.append(f"{region}{brand}{word}{FORMS[form[i]]}")
            scopes.append(f"许可项目：{items[0]}{BOILER_A}一般项目：{'；'.join(items[1:])}{BOILER_B}"
                          if len(items) > 1 and i % 3 else "；".join(items) + "。")
        founded = (np.datetime64(self.today) - age_days.astype("timedelta64[D]")).astype(str).tolist()
        yes_no = np.array(["否", "是"])
        return pl.DataFrame({
            "企业名称": names,
            "统一社会信用代码": credit_codes(rows, divisions, self.salt),
            "省份": provinces, "城市": cities, "区县": districts, "行业代码": codes, "经营范围": scopes,
            "注册资本（万元）": [f"{c:.2f}" for c in capital.tolist()],
            "成立日期": founded,
            "上市企业": yes_no[listed.astype(int)].tolist(), "高新技术企业": yes_no[high_tech.astype(int)].tolist(),
            "专精特新": yes_no[specialized.astype(int)].tolist(), "世界500强": yes_no[global500.astype(int)].tolist(),
            "营收规模": [BANDS[b] if w else "" for b, w in zip(band.tolist(), with_band.tolist(), strict=True)],
            "从业人数": [str(int(e)) if w else "" for e, w in zip(employees.tolist(), with_emp.tolist(), strict=True)],
        })


def write_parquet(path: str | Path, *, scale: str, seed: int, today: date, total: int | None = None,
                  batch_rows: int = 50_000) -> int:
    """Write the universe as a folder of Parquet parts (one per batch, bounded memory), which
    ``universe.read_batches`` reads as one file; returns the number of rows."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    gen = UniverseGenerator(scale=scale, seed=seed, today=today, total=total)
    rows = 0
    for i, (df, _) in enumerate(gen.frames(batch_rows)):
        df.write_parquet(folder / f"part-{i:05d}.parquet", row_group_size=batch_rows)
        rows += df.height
    return rows
