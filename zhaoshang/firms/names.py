"""Chinese company-name normalisation: one key per firm, and the parts that were stripped.

A registered Chinese enterprise name reads 行政区划 + 字号 + 行业表述 + 组织形式, e.g.
江苏 | 恒瑞 | 医药 | 股份有限公司; a branch appends its own name (…有限公司上海分公司). The
same firm is written many ways — traditional characters, full-width brackets, with or
without 江苏/连云港, as 恒瑞医药 or just 恒瑞 — while two firms can share a 字号 (恒瑞医药 and
恒瑞新材料, 盛虹炼化 and 盛虹石化). So the normaliser does not just delete words: it
splits the name into its parts and keeps every part the matcher needs to tell firms apart.

- ``key`` = 字号 + 行业表述 (恒瑞医药): what is left after region, organisation form and
  bracketed parts are removed. Industry words stay — they are part of a firm's identity.
- ``brand`` (恒瑞), ``industry`` (specific words: 医药, 碳纤维) and ``generic`` (words that
  say little: 科技, 实业, 控股) let the matcher recognise short forms (中复神鹰 for
  中复神鹰碳纤维) without merging 恒瑞医药 with 恒瑞新材料.
- ``region_path`` ((江苏, 连云港, 海州)) tells 上海恒瑞医药 from 江苏恒瑞医药.
- ``branch`` (上海分公司) keeps a branch apart from its head office.
- ``is_group`` (集团) keeps a group apart from its subsidiaries' short forms.

When the name has no 字号 of its own after the region is removed (连云港港口, 中国石化), the
region is the 字号 and is put back.
"""

from __future__ import annotations

import gc
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = [
    "NameKey",
    "clean_name",
    "gc_paused",
    "normalize_firm_name",
    "normalize_many",
    "parse_region_path",
    "region_paths_compatible",
]


# ---------------------------------------------------------------------------
# Reference tables
# ---------------------------------------------------------------------------

#: Province-level divisions: short form → other written forms.
_PROVINCES: dict[str, tuple[str, ...]] = {
    "北京": ("北京市",), "天津": ("天津市",), "上海": ("上海市",), "重庆": ("重庆市",),
    "河北": ("河北省",), "山西": ("山西省",), "辽宁": ("辽宁省",), "吉林": ("吉林省",),
    "黑龙江": ("黑龙江省",), "江苏": ("江苏省",), "浙江": ("浙江省",), "安徽": ("安徽省",),
    "福建": ("福建省",), "江西": ("江西省",), "山东": ("山东省",), "河南": ("河南省",),
    "湖北": ("湖北省",), "湖南": ("湖南省",), "广东": ("广东省",), "海南": ("海南省",),
    "四川": ("四川省",), "贵州": ("贵州省",), "云南": ("云南省",), "陕西": ("陕西省",),
    "甘肃": ("甘肃省",), "青海": ("青海省",), "台湾": ("台湾省",),
    "内蒙古": ("内蒙古自治区",), "广西": ("广西壮族自治区", "广西自治区"),
    "西藏": ("西藏自治区",), "宁夏": ("宁夏回族自治区", "宁夏自治区"),
    "新疆": ("新疆维吾尔自治区", "新疆自治区"), "香港": ("香港特别行政区",),
    "澳门": ("澳门特别行政区",),
}

#: Prefecture-level cities: short form → province. All of Jiangsu, the neighbours that
#: trade with 连云港, and the large cities firms come from. Cities whose names are common
#: 字号 (金华, 中山, 台州 …) are left out on purpose: stripping them would cut brands.
_CITIES: dict[str, str] = {
    # 江苏 (all 13)
    "南京": "江苏", "无锡": "江苏", "徐州": "江苏", "常州": "江苏", "苏州": "江苏",
    "南通": "江苏", "连云港": "江苏", "淮安": "江苏", "盐城": "江苏", "扬州": "江苏",
    "镇江": "江苏", "泰州": "江苏", "宿迁": "江苏",
    # 浙江, 安徽, 福建, 江西
    "杭州": "浙江", "宁波": "浙江", "温州": "浙江", "绍兴": "浙江", "嘉兴": "浙江", "湖州": "浙江",
    "合肥": "安徽", "芜湖": "安徽", "蚌埠": "安徽", "福州": "福建", "厦门": "福建", "泉州": "福建",
    "南昌": "江西",
    # 山东, 河南, 河北, 山西
    "济南": "山东", "青岛": "山东", "烟台": "山东", "潍坊": "山东", "淄博": "山东", "临沂": "山东",
    "日照": "山东", "威海": "山东", "济宁": "山东", "枣庄": "山东", "郑州": "河南", "洛阳": "河南",
    "石家庄": "河北", "唐山": "河北", "保定": "河北", "太原": "山西",
    # 湖北, 湖南, 广东, 广西, 海南
    "武汉": "湖北", "宜昌": "湖北", "长沙": "湖南", "株洲": "湖南", "广州": "广东", "深圳": "广东",
    "东莞": "广东", "佛山": "广东", "珠海": "广东", "惠州": "广东", "南宁": "广西", "海口": "海南",
    # 西部, 东北
    "成都": "四川", "贵阳": "贵州", "昆明": "云南", "西安": "陕西", "兰州": "甘肃", "西宁": "青海",
    "银川": "宁夏", "乌鲁木齐": "新疆", "呼和浩特": "内蒙古", "包头": "内蒙古", "拉萨": "西藏",
    "沈阳": "辽宁", "大连": "辽宁", "长春": "吉林", "哈尔滨": "黑龙江", "大庆": "黑龙江",
}

#: 连云港's districts and counties (and its former 新浦区 and the 徐圩新区 zone):
#: short form → written forms.
_LYG_DISTRICTS: dict[str, tuple[str, ...]] = {
    "海州": ("海州区",), "连云": ("连云区",), "赣榆": ("赣榆区", "赣榆县"), "东海": ("东海县",),
    "灌云": ("灌云县",), "灌南": ("灌南县",), "新浦": ("新浦区",), "徐圩": ("徐圩新区",),
}

#: Names that mean "the whole country": they carry no place, so they conflict with none.
_NATIONAL = ("中国", "中华人民共和国", "全国")


@dataclass(frozen=True, slots=True)
class _Region:
    short: str
    path: tuple[str, ...]  # (province, city, district), as deep as known


def _build_regions() -> dict[str, _Region]:
    table: dict[str, _Region] = {}
    for short, forms in _PROVINCES.items():
        for form in (short, *forms):
            table[form] = _Region(short, (short,))
    for short, province in _CITIES.items():
        region = _Region(short, (province, short))
        table[short] = region
        table[short + "市"] = region
    for short, forms in _LYG_DISTRICTS.items():
        for form in (short, *forms):
            table[form] = _Region(short, ("江苏", "连云港", short))
    for form in _NATIONAL:
        table[form] = _Region("中国", ())
    return table


_REGIONS = _build_regions()
_REGION_LENGTHS = sorted({len(t) for t in _REGIONS}, reverse=True)
_REGION_STARTS = frozenset(t[:2] for t in _REGIONS)

#: Organisation forms, stripped from the end (longest first) until none is left.
_ORG_FORMS = (
    "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司",
    "股份合作公司", "个人独资企业", "普通合伙企业", "有限合伙企业", "特殊普通合伙", "专业合作社",
    "有限公司", "股份公司", "合伙企业", "有限合伙", "普通合伙", "总公司", "合作社",
    "公司", "集团", "股份", "厂",
)
#: Forms that may carry one wrong character (有眼公司, 股分有限公司) and still be stripped.
#: (Not 集团有限公司: 乐团/剧团有限公司 are real names one character away from it.)
_FUZZY_ORG_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
_ENGLISH_FORMS = re.compile(
    r"[\s,.]*(?:co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|inc\.?|incorporated|"
    r"corporation|corp\.?|llc|plc|gmbh|group|holdings?|company|co\.?)\s*$"
)

#: Branch markers that end a branch's name. The unambiguous ones mark a branch even without
#: an organisation form before them (恒瑞医药上海分公司); 工厂 only after one (…有限公司连云港工厂).
_BRANCH_MARKERS = ("分公司", "支公司", "分厂", "营业部", "办事处", "代表处", "分店", "分行", "支行",
                   "分理处", "储蓄所", "项目部", "分中心", "分所", "分部")
_BRANCH_MARKERS_AFTER_FORM = ("工厂", "经营部", "门市部", "销售部", "服务部")
_ANY_BRANCH_MARKER = _BRANCH_MARKERS + _BRANCH_MARKERS_AFTER_FORM
_BRANCH_HEAD_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "总公司", "集团", "公司")

#: Specific industry words (行业表述): part of a firm's identity. Longest match wins, so
#: compounds are listed where splitting them would change the meaning.
_INDUSTRY_WORDS = frozenset("""
医药 药业 制药 药品 药物 中药 中药饮片 原料药 生物 生物医药 生物工程 生物制药 医疗 医疗器械 医疗器材 器械
医学 健康 大健康 药用包装 包装 制品 石英制品 卫生材料 卫材 诊断 基因 疫苗 保健品
化工 化学 石化 石油化工 石油 炼化 炼油 石油化学 精细化工 化肥 农化 农药 涂料 树脂 塑胶 塑业 塑料 橡胶
氨纶 聚酯 氯碱 油脂 化纤 纤维 碳纤维 新材料 材料 功能材料 复合材料 高分子 高分子材料 碳素 石墨 稀土 锆钛
能源 新能源 天然气 油气 热电 电力 发电 风电 核电 光伏 光电 光能 太阳能 电池 储能 锂电 氢能 风能 动力 燃气 水务
半导体 集成电路 微电子 电子 电子材料 电器 电气 电机 电缆 线缆 仪器 仪表 通信 电信 光学 显示
机械 机电 装备 设备 重工 精密 精密机械 汽车 汽车零部件 零部件 汽配 船舶 造船 海洋工程 纺机 纺织机械
钢铁 特钢 钢管 钢结构 冶金 金属 有色金属 铝业 铜业 矿业 矿产 石英 硅材料 硅业 硅微粉 玻璃 陶瓷 耐火材料
建材 水泥 建设 建筑 工程 建工 路桥 市政 园林 装饰 房地产 置业 地产 物业 物业管理 城建 城投 交通
物流 供应链 运输 航运 海运 港口 港务 码头 仓储 国际物流 货运 快递 船务 集装箱
贸易 商贸 进出口 国际贸易 经贸 外贸 电子商务 电商 商业 百货 超市 商务
食品 营养食品 营养 粮油 饮料 酒业 乳业 农业 农牧 牧业 林业 渔业 水产 海洋 种业 农产品 食品科技 茶业 果蔬 饲料
纺织 服饰 服装 家纺 印染 鞋业 皮革 造纸 纸业 印刷 家具 木业 工艺品 灯具 照明 五金 模具 工具
环保 环境 节能 低碳 水处理 固废 再生资源 循环经济
信息 信息技术 网络 软件 数据 大数据 数字 数码 智能 智造 自动化 机器人 人工智能 云计算 互联网 物联网 电子信息
传媒 文化 文化传媒 广告 影视 教育 培训 旅游 文旅 酒店 餐饮 管理 咨询 服务 人力资源 会展 体育
金融 投资 资产管理 基金 创业投资 融资租赁 租赁 担保 银行 证券 保险 信托 小额贷款
检测 检验 认证 设计 规划 测绘 安全 安防 消防 研究院 研究所 实验室
保鲜膜 薄膜 胶膜 膜材料 碱业 盐业 糖业 煤业 煤炭 焦化 煤化工 合金 不锈钢 铸造 锻造 铸业 机床 轴承 阀门
泵业 管业 管道 管桩 钢构 门窗 幕墙 石材 混凝土 商砼 砂浆 针织 织造 制衣 纸品 彩印 印务 纸箱 家居 酿造 饮品
米业 面粉 肥业 农资 园艺 苗木 花卉 茶叶 种植 养殖 冷链 海产 大药房 药房 医院 门诊 诊所 劳务 保安 家政 热力
供水 货代 报关 涤纶 锦纶 腈纶 化学纤维 农村商业银行 村镇银行 农村信用合作联社 典当 拍卖 房产 置地
新药
""".split())

#: Generic words (经营特点 that say little about what the firm does). They never decide
#: an identity on their own: 盛虹控股 is 盛虹; but 华瑞科技 and 华瑞实业 are two firms.
_GENERIC_WORDS = frozenset("科技 技术 实业 发展 产业 工业 控股 企业 创新 高新技术 高科技 高科 新技术 科学技术 国际 特种 开发".split())

#: Written variants of one industry word: the short form used in stock names and the
#: long one in registered names.
_CANONICAL_WORD = {
    "新材": "新材料", "石油化工": "石化", "通讯": "通信", "高新技术": "科技", "高科技": "科技",
    "高科": "科技", "科学技术": "科技", "新技术": "技术",
    "农商银行": "农村商业银行", "农商行": "农村商业银行",
}


def _drop_compounds(words: frozenset[str]) -> frozenset[str]:
    """Compounds of listed words are parsed as their parts (生物医药 → 生物 + 医药), so that
    生物 / 生物医药 and 医药 / 医药包装 compare word by word."""

    def splits(word: str, depth: int) -> bool:
        if not word:
            return depth >= 2
        return any(word[:n] in words and splits(word[n:], depth + 1) for n in range(1, len(word) + 1))

    return frozenset(w for w in words if w in _CANONICAL_WORD or not splits(w, 0))


_ALL_WORDS = _drop_compounds(_INDUSTRY_WORDS | _GENERIC_WORDS | frozenset(_CANONICAL_WORD))
_WORD_LENGTHS = sorted({len(w) for w in _ALL_WORDS}, reverse=True)

_PREPARING = ("筹", "筹建", "筹备", "筹建处", "筹备组")

_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")",
                           "{": "(", "}": ")", "<": "(", ">": ")", "《": "", "》": "",
                           "「": "", "」": "", "『": "", "』": ""})
_DROP = re.compile(r"[^\w()]|_")
_BRACKET_PART = re.compile(r"\(([^()]*)\)")


# ---------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameKey:
    """One firm name taken apart. ``key`` is what identical firms share."""

    name: str
    #: simplified, half-width, lower-case, no blanks or punctuation (brackets kept)
    cleaned: str
    #: 字号 + 行业表述: the identity core, e.g. 恒瑞医药
    key: str
    #: 字号, e.g. 恒瑞 (the region when the name has no 字号 of its own: 连云港港口 → 连云港)
    brand: str
    #: specific industry words in order, e.g. ("医药",)
    industry: tuple[str, ...] = ()
    #: generic words in order, e.g. ("科技",)
    generic: tuple[str, ...] = ()
    #: all industry and generic words in the key's order (key = brand + "".join(words))
    words: tuple[str, ...] = ()
    #: the regions stripped, short forms, in order of appearance
    regions: tuple[str, ...] = ()
    #: (province, city, district) as deep as the regions tell; () = anywhere
    region_path: tuple[str, ...] = ()
    #: the organisation forms stripped, outermost last (集团, 有限公司)
    org_form: str = ""
    is_group: bool = False
    #: a branch's own part (上海分公司); "" for a legal entity
    branch: str = ""
    #: bracketed parts dropped that are neither a region nor a form, e.g. ("原名…",)
    brackets: tuple[str, ...] = ()
    #: the name of an entity in preparation (筹)
    is_preparing: bool = False

    @property
    def is_short_form(self) -> bool:
        """Brand only (恒瑞, 中复神鹰): could be the short form of several firms."""
        return not self.industry and not self.generic

    @property
    def is_parent_like(self) -> bool:
        """A group or holding (盛虹集团, 盛虹控股): its brand alone does not name a subsidiary."""
        return self.is_group or "控股" in self.generic

    @property
    def identity(self) -> tuple[str, str]:
        """What identical names share exactly: the key and the branch."""
        return (self.key, self.branch)


def region_paths_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True unless the two places differ at a level both name (江苏 ~ 连云港, not 上海 ~ 江苏)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def parse_region_path(parts: Iterable[str]) -> tuple[str, ...]:
    """A place written as parts (江苏省, 连云港市; or 连云港 alone) as a region path
    ((江苏, 连云港)), for the home region setting. Unknown or inconsistent places raise ValueError."""
    text = "".join("".join(p.split()) for p in parts)
    if not text:
        return ()
    regions, rest = _region_chain(text + "\0")
    if rest != "\0":
        raise ValueError(f"无法识别的地区：{text}")
    path: tuple[str, ...] = ()
    for region in regions:
        if len(region.path) > len(path):
            path = region.path
    return path


# ---------------------------------------------------------------------------
# Cleaning: script, width, case, blanks and punctuation
# ---------------------------------------------------------------------------

_converter = None
_converter_lock = threading.Lock()


def _t2s():
    """The one OpenCC converter (loading its dictionaries costs milliseconds)."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


def _clean_after_t2s(text: str) -> str:
    text = text.lower().translate(_BRACKETS)
    last = text.rstrip()[-1:]
    if last and last.isascii() and (last.isalpha() or last == "."):
        while True:
            stripped = _ENGLISH_FORMS.sub("", text)
            if stripped == text or not stripped.strip():
                break
            text = stripped
    return _DROP.sub("", text)


def clean_name(name: str) -> str:
    """Simplified, half-width, lower-case, without blanks or punctuation; brackets as ( )."""
    return _clean_after_t2s(_t2s().convert(unicodedata.normalize("NFKC", name or "")))


def _clean_many(names: Sequence[str]) -> list[str]:
    """`clean_name` for many names; OpenCC converts chunks joined by newlines (2× faster)."""
    converter = _t2s()
    out: list[str] = []
    chunk = 4096
    for start in range(0, len(names), chunk):
        part = [unicodedata.normalize("NFKC", n or "").replace("\n", " ") for n in names[start:start + chunk]]
        converted = converter.convert("\n".join(part)).split("\n")
        if len(converted) != len(part):  # pragma: no cover - defensive: never seen
            converted = [converter.convert(p) for p in part]
        out.extend(_clean_after_t2s(t) for t in converted)
    return out


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _strip_region_suffix_forms(text: str) -> str:
    """Inside a branch's part: 上海市分公司 → 上海分公司, so both spellings agree."""
    for length in _REGION_LENGTHS:
        for i in range(0, max(len(text) - length + 1, 0)):
            region = _REGIONS.get(text[i:i + length])
            if region is not None and text[i:i + length] != region.short:
                return text[:i] + region.short + _strip_region_suffix_forms(text[i + length:])
    return text


def _branch_part(text: str) -> str:
    """A branch's own part with its place written one way: 上海市分公司 → 上海分公司, and a
    province before a place inside it dropped (江苏连云港销售分公司 → 连云港销售分公司: the
    province adds nothing to the city). 江苏分公司 and 连云港分公司 stay two branches, and the
    city before a district stays (连云港海州支行: there is a 海州 in 阜新 too)."""
    text = _strip_region_suffix_forms(text)
    regions, rest = _region_chain(text)
    if len(regions) >= 2 and rest and len(regions[0].path) == 1:
        for length in _REGION_LENGTHS:
            if _REGIONS.get(text[:length]) == regions[0]:
                return text[length:]
    return text


def _split_branch(text: str) -> tuple[str, str]:
    """(head, branch part) — "" when the name is not a branch's."""
    if not text.endswith(_ANY_BRANCH_MARKER):
        return text, ""
    marker = next((m for m in _BRANCH_MARKERS if text.endswith(m)), None)
    after_form_only = False
    if marker is None:
        marker = next((m for m in _BRANCH_MARKERS_AFTER_FORM if text.endswith(m)), None)
        after_form_only = True
        if marker is None:
            return text, ""
    body = text[: -len(marker)]
    # The head ends at its last organisation form: …股份有限公司 | 上海分公司
    cut = -1
    for form in _BRANCH_HEAD_FORMS:
        pos = body.rfind(form)
        if pos > 0:
            cut = max(cut, pos + len(form))
    if cut > 0:
        head, own = body[:cut], body[cut:] + marker
        return head, _branch_part(own)
    if after_form_only or len(body) < 2:
        return text, ""
    # No form: 恒瑞医药上海分公司 — the branch's own part is a place or an ordinal.
    m = re.search(r"第[一二三四五六七八九十百\d]+$", body)
    if m and m.start() >= 2:
        return body[: m.start()], m.group(0) + marker
    # The first place after the head's first two characters starts the branch's own part
    # (中国石化江苏连云港石油分公司 → 中国石化 | 江苏连云港石油分公司).
    for start in range(2, len(body)):
        for length in _REGION_LENGTHS:
            if start + length <= len(body) and body[start:start + length] in _REGIONS:
                return body[:start], _branch_part(body[start:] + marker)
    return body, marker


def _fix_form_typo(text: str) -> str:
    """One wrong character in a long form (有眼公司, 股分有限公司) is a typo, not a name; so is
    the last character cut off (有限责任公) or typed twice (有限公司司)."""
    if text.endswith("公司司") and len(text) > 5:
        text = text[:-1]
    elif text.endswith(("有限公", "责任公")) and len(text) > 5:
        text += "司"
    if text.endswith("有限公司"):  # the common case, checked without a loop
        pre = text[-6:-4]
        if len(text) > 7 and pre != "股份" and (pre[:1] == "股" or pre[1:] == "份"):
            return text[:-6] + "股份有限公司"
        return text
    if text.endswith("责任公司"):
        pre = text[-6:-4]
        if len(text) > 7 and pre != "有限" and (pre[:1] == "有" or pre[1:] == "限"):
            return text[:-6] + "有限责任公司"
        return text
    for form in _FUZZY_ORG_FORMS:
        tail = text[-len(form):]
        if len(text) > len(form) + 1 and sum(x != y for x, y in zip(tail, form, strict=True)) == 1:
            return text[: -len(form)] + form
    return text


_ORG_FORM_SET = frozenset(_ORG_FORMS)
_ORG_FORM_LENGTHS = sorted({len(f) for f in _ORG_FORMS}, reverse=True)


def _strip_org_forms(text: str) -> tuple[str, list[str]]:
    """Organisation forms from the end (longest first), outermost first in the list."""
    text = _fix_form_typo(text)
    forms: list[str] = []
    while text:
        for length in _ORG_FORM_LENGTHS:
            tail = text[-length:]
            if len(text) > length and tail in _ORG_FORM_SET and (tail != "厂" or len(text) >= 4):
                text = text[:-length]
                forms.append(tail)
                break
        else:
            break
    return text, forms


_MUNICIPALITIES = frozenset(("北京", "上海", "天津", "重庆"))
#: Development zones after a place (连云港经济技术开发区, 南京江宁开发区): where a firm sits,
#: not a division it is registered in, so they are dropped without deepening the place.
_ZONE = re.compile(r"[\u4e00-\u9fa5]{0,4}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|工业园区|自贸区|保税区)")
#: A division the place tables do not list, after one they do: a district or county of a city
#: (南京市江宁区, 上海市浦东新区), a county-level city of a province (江苏省昆山市). Two or three
#: characters and the division's suffix (not 市 after a city: 东方夜市 is a name). Towns are
#: not places: a company name's place is of county level or above, so 海头镇鑫旺 is a 字号.
_DIVISION = {
    1: re.compile(r"([\u4e00-\u9fa5]{2,3}?)(?:区|县|市)(?!场)"),  # after a province
    2: re.compile(r"([\u4e00-\u9fa5]{2,3}?)(?:新区|区|县)"),  # after a city
}


def _unlisted_division(text: str, path: tuple[str, ...]) -> tuple[str, int] | None:
    """(short form, length) of a zone ("" short: no place) or an unlisted division at the start
    of ``text``, below ``path``; None when there is none or nothing would be left after it."""
    zone = _ZONE.match(text)
    if zone and len(text) - zone.end() >= 2:
        return "", zone.end()
    depth = 2 if len(path) == 1 and path[0] in _MUNICIPALITIES else len(path)
    pattern = _DIVISION.get(depth)
    found = pattern.match(text) if pattern else None
    if found and len(text) - found.end() >= 2 and found.group(1)[:2] not in _REGION_STARTS:
        return found.group(1), found.end()
    return None


def _region_chain(text: str) -> tuple[list[_Region], str]:
    """Leading regions that form one consistent place (江苏省连云港市海州区…), with divisions
    and zones the tables do not list when they follow one they do (南京市江宁区…)."""
    regions: list[_Region] = []
    path: tuple[str, ...] = ()
    while text:
        found = None
        if text[:2] in _REGION_STARTS:
            for length in _REGION_LENGTHS:
                if length < len(text):
                    region = _REGIONS.get(text[:length])
                    if region is not None:
                        found = (region, length)
                        break
        if found is None:
            unlisted = _unlisted_division(text, path) if path else None
            if unlisted is None:
                break
            short, length = unlisted
            if short:
                path = (*path, short)
                regions.append(_Region(short, path))
            text = text[length:]
            continue
        region, length = found
        if not region_paths_compatible(path, region.path):
            break  # 江苏金华… : 金华 is not in 江苏, so it is part of the name
        regions.append(region)
        if len(region.path) > len(path):
            path = region.path
        text = text[length:]
    return regions, text


def _bracket_region(content: str) -> list[_Region] | None:
    """The regions of a bracketed part made only of regions ((连云港), (中国)); else None."""
    regions: list[_Region] = []
    rest = content
    while rest:
        region = None
        for length in _REGION_LENGTHS:
            region = _REGIONS.get(rest[:length])
            if region is not None:
                rest = rest[length:]
                break
        if region is None:
            return None
        regions.append(region)
    return regions or None


def _drop_group_infix(core: str) -> str:
    """A group member's name carries the group's 字号 before its own: 横店集团东磁 is written
    横店东磁, 徐工集团工程机械 徐工工程机械. The 集团 inside the name is dropped (a name that
    ends in 集团 had it stripped as its organisation form before)."""
    pos = core.find("集团", 2)
    if pos >= 2 and len(core) - pos - 2 >= 2:
        return core[:pos] + core[pos + 2:]
    return core


def _split_words(core: str) -> tuple[str, list[str]]:
    """Industry and generic words from the end of the core; returns (brand, words in order)."""
    words: list[str] = []
    while core:
        for length in _WORD_LENGTHS:
            if length <= len(core) and core[-length:] in _ALL_WORDS:
                words.append(core[-length:])
                core = core[:-length]
                break
        else:
            break
    words.reverse()
    return core, words


def _parse(name: str, cleaned: str) -> NameKey:
    head, branch = _split_branch(cleaned)

    regions: list[_Region] = []
    brackets: list[str] = []
    bracket_forms: list[str] = []
    is_group = preparing = False
    bracket_path: tuple[str, ...] | None = None
    for content in _BRACKET_PART.findall(head) if "(" in head else ():
        if not content:
            continue
        found = _bracket_region(content)
        if found is not None:
            regions.extend(found)
            deepest = max((r.path for r in found), key=len)
            if bracket_path is None or len(deepest) > len(bracket_path):
                bracket_path = deepest
        elif content in ("集团", "控股集团"):
            is_group = True
            bracket_forms.append(content)
        elif content in ("普通合伙", "有限合伙", "特殊普通合伙", "股份", "控股"):
            bracket_forms.append(content)
        elif content in _PREPARING:
            preparing = True
        else:
            brackets.append(content)
    body = _BRACKET_PART.sub("", head).replace("(", "").replace(")", "") if "(" in head or ")" in head else head
    if body.endswith(_PREPARING[0]) and len(body) > 4 and body[:-1].endswith(("公司", "集团")):
        preparing, body = True, body[:-1]

    body, forms = _strip_org_forms(body)
    forms = bracket_forms + forms[::-1]
    is_group = is_group or any("集团" in f for f in forms)

    prefix, rest = _region_chain(body)
    rest = _drop_group_infix(rest)
    stripped, words = _split_words(rest)
    if not stripped and prefix:
        # No 字号 of its own: the region is the 字号 (连云港港口, 中国石化, 东海证券, and the
        # many state firms named after their place: 连云港城建投资).
        stripped = prefix.pop().short
    else:
        # A 字号 is at least two characters: 晶海洋半导体材料 is 晶海洋 + 半导体 + 材料, not
        # 晶 + 海洋 + …; a name made only of industry words (石英) keeps the first as 字号.
        while len(stripped) < 2 and words:
            stripped += words.pop(0)
    words = [_CANONICAL_WORD.get(w, w) for w in words]
    brand = stripped
    key = brand + "".join(words)

    path: tuple[str, ...] = ()
    for region in prefix:
        if len(region.path) > len(path):
            path = region.path
    if bracket_path is not None:
        # The bracket names the place of registration: it wins a conflict, deepens a match.
        if not region_paths_compatible(path, bracket_path) or len(bracket_path) > len(path):
            path = bracket_path
    all_regions = tuple([r.short for r in prefix] + [r.short for r in regions])
    if words:
        industry = tuple([w for w in words if w not in _GENERIC_WORDS])
        generic = tuple([w for w in words if w in _GENERIC_WORDS])
    else:
        industry = generic = ()
    return NameKey(
        name=name,
        cleaned=cleaned,
        key=key or cleaned,
        brand=brand,
        industry=industry,
        generic=generic,
        words=tuple(words),
        regions=all_regions,
        region_path=path,
        org_form="".join(forms),
        is_group=is_group,
        branch=branch,
        brackets=tuple(brackets),
        is_preparing=preparing,
    )


def normalize_firm_name(name: str) -> NameKey:
    """Take one firm name apart (see the module docstring for what each part is for)."""
    return _parse(name, clean_name(name))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Nothing built here forms cycles, and with a million live NameKeys each collection walks
    them all: pausing it makes normalising a million names about a third faster.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def normalize_many(names: Iterable[str]) -> list[NameKey]:
    """`normalize_firm_name` for many names at once; repeated names are parsed once."""
    names = list(names)
    with gc_paused():
        unique = list(dict.fromkeys(names))
        parsed = {n: _parse(n, c) for n, c in zip(unique, _clean_many(unique), strict=True)}
        return [parsed[n] for n in names]
