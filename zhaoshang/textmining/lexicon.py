"""Word lists the extractors share: places, stages, chains, company suffixes.

Kept as plain data so that a rule can be read and reviewed by someone who knows 招商 work,
and so the jieba user dictionary is built in memory from the same lists (no files).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

# --- 连云港 units and parks (lianyungang.md §2): alias → canonical name ----------------------

LYG_CITY = "连云港市"

LYG_UNITS: dict[str, tuple[str, ...]] = {
    # districts and counties
    "海州区": ("海州区",),
    "连云区": ("连云区",),
    "赣榆区": ("赣榆区", "赣榆"),
    "东海县": ("东海县",),
    "灌云县": ("灌云县", "灌云"),
    "灌南县": ("灌南县", "灌南"),
    # functional boards
    "连云港经济技术开发区": (
        "连云港经济技术开发区",
        "连云港经济开发区",
        "连云港开发区",
        "市开发区",
        "连云港经开区",
        "经济技术开发区",
        "开发区",
    ),
    "徐圩新区": ("徐圩新区", "徐圩"),
    "连云港高新技术产业开发区": ("连云港高新技术产业开发区", "连云港高新区", "市高新区", "高新区"),
    "云台山景区": ("云台山景区", "云台山风景名胜区"),
    "自贸区连云港片区": (
        "中国(江苏)自由贸易试验区连云港片区",
        "中国（江苏）自由贸易试验区连云港片区",
        "江苏自贸区连云港片区",
        "自贸试验区连云港片区",
        "自贸区连云港片区",
        "连云港片区",
    ),
    # parks and platforms
    "柘汪临港产业区": ("柘汪临港产业区", "赣榆柘汪临港产业区", "柘汪"),
    "赣榆海洋经济开发区": ("赣榆海洋经济开发区",),
    "赣榆经济开发区": ("江苏赣榆经济开发区", "赣榆经济开发区", "赣榆开发区"),
    "海州经济开发区": ("海州经济开发区", "海州开发区"),
    "海州工业园": ("海州工业园区", "海州工业园"),
    "连云港国际医疗器械产业园": (
        "连云港(国际)医疗器械产业园",
        "连云港（国际）医疗器械产业园",
        "医疗器械产业园",
    ),
    "东海经济开发区": ("东海经济开发区", "东海开发区"),
    "东海高新区": ("东海高新技术产业开发区", "东海高新区", "连云港国家高新区东海基地"),
    "灌云临港产业区": ("灌云县临港产业区", "灌云临港产业区", "灌云临港产业园"),
    "灌云经济开发区": ("江苏灌云经济开发区", "灌云经济开发区", "灌云开发区"),
    "江苏连云港化工产业园": (
        "江苏连云港化工产业园区",
        "江苏连云港化工产业园",
        "连云港化工产业园区",
        "连云港化工产业园",
        "堆沟港",
    ),
    "灌南经济开发区": ("灌南经济开发区", "灌南开发区", "灌南工业园区", "灌南工业园"),
    "中华药港": ("中华药港",),
    "连云港综合保税区": ("连云港综合保税区", "综合保税区", "综保区"),
    "花果山总部经济产业园": ("花果山总部经济产业园",),
    "连云港石化产业基地": ("连云港石化产业基地", "石化产业基地", "石化基地"),
    "徐圩港区": ("徐圩港区",),
    "中化连云港循环经济产业园": ("中化连云港循环经济产业园", "循环经济产业园"),
    "盛虹石化产业园": ("盛虹石化产业园",),
    "上合组织(连云港)国际物流园": (
        "上合组织(连云港)国际物流园",
        "上合组织（连云港）国际物流园",
        "上合物流园",
    ),
    "中哈物流合作基地": ("中哈(连云港)物流合作基地", "中哈（连云港）物流合作基地", "中哈物流合作基地"),
    "灌河口": (),
    "燕尾港": ("燕尾港",),
    "连云港港": ("连云港港",),
}
LYG_UNITS.pop("灌河口")

# unit → the district/county/zone it reports under (for scoring specificity and for leads)
LYG_PARENT: dict[str, str] = {
    "柘汪临港产业区": "赣榆区",
    "赣榆海洋经济开发区": "赣榆区",
    "赣榆经济开发区": "赣榆区",
    "海州经济开发区": "海州区",
    "海州工业园": "海州区",
    "连云港国际医疗器械产业园": "海州区",
    "东海经济开发区": "东海县",
    "东海高新区": "东海县",
    "灌云临港产业区": "灌云县",
    "灌云经济开发区": "灌云县",
    "燕尾港": "灌云县",
    "江苏连云港化工产业园": "灌南县",
    "灌南经济开发区": "灌南县",
    "中华药港": "连云港经济技术开发区",
    "连云港综合保税区": "连云港经济技术开发区",
    "花果山总部经济产业园": "连云港经济技术开发区",
    "连云港石化产业基地": "徐圩新区",
    "徐圩港区": "徐圩新区",
    "中化连云港循环经济产业园": "徐圩新区",
    "盛虹石化产业园": "徐圩新区",
    "上合组织(连云港)国际物流园": "连云区",
    "中哈物流合作基地": "连云区",
    "连云港港": "连云区",
}

# bare aliases that only mean the 连云港 unit when the document is about 连云港
LYG_AMBIGUOUS = frozenset(
    {
        "石化基地",
        "开发区",
        "经济技术开发区",
        "高新区",
        "综合保税区",
        "综保区",
        "石化产业基地",
        "循环经济产业园",
        "医疗器械产业园",
        "东海开发区",
        "赣榆",
        "灌云",
        "灌南",
        "徐圩",
        "柘汪",
    }
)
LYG_MARKERS = (
    "连云港",
    "海州",
    "连云区",
    "赣榆",
    "东海县",
    "灌云",
    "灌南",
    "徐圩",
    "港城",
    "花果山",
    "中华药港",
)

# --- places elsewhere ---------------------------------------------------------------------

PROVINCES = tuple(
    (
        "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
        "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
    ).split()
)
CITIES = tuple(
    (
        # 江苏 and neighbours first: most investors into 连云港 come from the Yangtze delta
        "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 "
        "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 "
        "泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 "
        "吉安 宜春 抚州 上饶 广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 "
        "云浮 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 武汉 黄石 十堰 宜昌 襄阳 "
        "鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 石家庄 唐山 秦皇岛 "
        "邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 沈阳 大连 鞍山 抚顺 本溪 "
        "丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 长春 吉林 四平 辽源 通化 白山 松原 白城 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 "
        "大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 "
        "雅安 巴中 资阳 贵阳 六盘水 遵义 安顺 毕节 铜仁 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 "
        "榆林 安康 商洛 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 西宁 海口 三亚 儋州 南宁 柳州 桂林 梧州 北海 "
        "防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 银川 石嘴山 "
        "吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 拉萨 昆山 江阴 张家港 常熟 太仓 宜兴 义乌 慈溪 余姚 晋江 石狮 福清"
    ).split()
)
COUNTRIES = tuple(
    (
        "美国 日本 韩国 德国 法国 英国 意大利 荷兰 比利时 瑞士 瑞典 丹麦 挪威 芬兰 西班牙 葡萄牙 奥地利 爱尔兰 以色列 新加坡 "
        "马来西亚 泰国 越南 印度尼西亚 印尼 印度 沙特 沙特阿拉伯 阿联酋 卡塔尔 哈萨克斯坦 俄罗斯 澳大利亚 新西兰 加拿大 巴西 墨西哥"
    ).split()
)

# regions named in 招商 news: where investors come from or events are held, never a project's site
REGIONS = (
    "长三角",
    "长三角地区",
    "珠三角",
    "京津冀",
    "粤港澳",
    "粤港澳大湾区",
    "大湾区",
    "长江经济带",
    "苏北",
    "苏南",
    "苏中",
    "淮海经济区",
    "地区",
    "区域",
    "沿海",
    "中西部",
    "东北",
    "华东",
    "华南",
    "华北",
    "海外",
    "境外",
    "境内",
    "国内",
    "省内",
    "市内",
    "日韩",
    "欧美",
)

PLACE_SUFFIXES = (
    "经济技术开发区",
    "高新技术产业开发区",
    "高新技术开发区",
    "经济开发区",
    "临港产业区",
    "化工园区",
    "工业园区",
    "产业园区",
    "高新区",
    "经开区",
    "开发区",
    "新区",
    "产业园",
    "工业园",
    "产业基地",
    "保税区",
    "港区",
)

# --- stages (GLOSSARY: 洽谈 签约 落地 开工 投产 竣工) ----------------------------------------

# 竣工 (construction finished) comes before 投产: "竣工投产" and "建成投产" report production
STAGE_ORDER = ("洽谈", "签约", "落地", "开工", "竣工", "投产")
STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "洽谈": (
        "洽谈",
        "有意",
        "深入交流",
        "交流洽谈",
        "投资意向",
        "合作意向",
        "走访",
        "拜访",
        "在谈",
        "商谈",
        "磋商",
        "对接",
        "考察",
        "达成投资意向",
        "达成合作意向",
        "意向协议",
        "恳谈",
        "接洽",
        "交换意见",
        "会谈",
        "商讨",
        "探讨合作",
        "座谈",
    ),
    "签约": (
        "签约",
        "签署",
        "签订",
        "签下",
        "云签约",
        "集中签约",
        "合作协议",
        "投资协议",
        "框架协议",
        "投资合同",
        "合资协议",
        "合资合作协议",
        "订立",
    ),
    "落地": ("落地", "落户", "注册", "完成注册", "入驻", "摘牌", "拿地", "取得土地"),
    "开工": (
        "开工",
        "动工",
        "奠基",
        "开建",
        "破土",
        "集中开工",
        "开工建设",
        "开始建设",
        "启动建设",
        "桩基施工",
        "主体施工",
        "进场施工",
        "全面施工",
        "主体完工",
        "主体竣工",
        "封顶",
    ),
    "投产": (
        "投产",
        "试生产",
        "试投产",
        "投入生产",
        "建成投产",
        "投运",
        "投入运营",
        "正式运营",
        "开车成功",
        "一次开车",
        "点火",
        "达产",
        "首批产品下线",
        "产品下线",
        "并网发电",
        "全容量并网",
        "全部并网",
        "并网运行",
    ),
    # 主体完工 / 封顶: the main structure is up, the project is still being built (开工)
    "竣工": ("竣工", "完工", "建成", "交付使用", "竣工验收"),
}

# --- chains and industries ----------------------------------------------------------------

CHAINS = ("石化", "生物医药", "新材料")
# our own keywords: a fallback when zhaoshang.chains.catalog is absent, and the tie-breaker when
# its keywords conflict. Product terms only; generic scope words (销售, 技术服务) say nothing.
CHAIN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "石化": (
        "石化",
        "炼化",
        "涤纶",
        "化纤",
        "PET",
        "聚酯纤维",
        "树脂",
        "炼油",
        "原油",
        "石油化工",
        "乙烯",
        "丙烯",
        "丁二烯",
        "芳烃",
        "烯烃",
        "PX",
        "对二甲苯",
        "PTA",
        "精对苯二甲酸",
        "乙二醇",
        "聚酯",
        "环氧乙烷",
        "环氧丙烷",
        "丙烯腈",
        "苯乙烯",
        "EVA",
        "聚乙烯",
        "聚丙烯",
        "甲醇制烯烃",
        "MTO",
        "PDH",
        "丙烷脱氢",
        "乙烷裂解",
        "轻烃",
        "醋酸",
        "苯酚",
        "丙酮",
        "双酚A",
        "环氧树脂",
        "己二胺",
        "己内酰胺",
        "尼龙66",
        "MMA",
        "烧碱",
        "氯碱",
        "石脑油",
        "成品油",
        "炼化一体化",
        "精细化工",
        "化工",
        "化学品",
        "聚氨酯",
        "多元醇",
        "POSM",
        "碳三",
        "碳四",
        "醇基多联产",
        "乙醇胺",
        "表面活性剂",
        "化学",
    ),
    "生物医药": (
        "生物医药",
        "医药",
        "药业",
        "制药",
        "创新药",
        "原料药",
        "制剂",
        "药品",
        "医疗器械",
        "生物制品",
        "疫苗",
        "抗体",
        "中药",
        "多肽",
        "CDMO",
        "CRO",
        "CMO",
        "生物药",
        "医用",
        "诊断试剂",
        "药港",
        "仿制药",
        "小分子药",
        "抗肿瘤",
        "核酸",
        "细胞治疗",
        "基因治疗",
        "医学影像",
        "核磁共振",
        "体外诊断",
        "药物",
        "健康产业",
        "医院",
        "高端医疗",
        "保健品",
        "医药包装",
        "药用",
        "合成生物",
        "酶制剂",
        "ADC",
        "mRNA",
        "中间体",
    ),
    "新材料": (
        "新材料",
        "电子化学品",
        "电子级化学品",
        "聚酰胺",
        "特种聚酰胺",
        "特种工程塑料",
        "碳纤维",
        "复合材料",
        "石英",
        "硅微粉",
        "高纯石英",
        "硅材料",
        "多晶硅",
        "单晶硅",
        "氨纶",
        "芳纶",
        "聚酰亚胺",
        "PI纤维",
        "超高分子量聚乙烯",
        "高性能纤维",
        "锆",
        "钛白粉",
        "稀土",
        "电子化学品",
        "电子级",
        "光刻胶",
        "湿电子化学品",
        "膜材料",
        "可降解",
        "生物基材料",
        "PETG",
        "POE",
        "α-烯烃",
        "高端聚烯烃",
        "工程塑料",
        "特种纤维",
        "石墨烯",
        "碳化硅",
        "氮化镓",
        "电子材料",
        "新型材料",
        "功能材料",
        "气凝胶",
        "玻璃纤维",
        "玄武岩纤维",
        "硅基",
        "高分子材料",
        "聚碳酸酯",
        "尼龙",
        "锂电材料",
        "正极材料",
        "负极材料",
        "电解液",
        "有机硅",
        "硅橡胶",
        "硅油",
        "隔膜",
    ),
}
# a broader industry label for projects outside the three chains
INDUSTRY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "新能源": (
        "新能源",
        "氢能",
        "光伏",
        "生物航煤",
        "航煤",
        "可持续航空燃料",
        "生物柴油",
        "生物质能",
        "风电",
        "储能",
        "锂电池",
        "动力电池",
        "电池",
        "氢能",
        "核电",
        "海上风电",
        "光伏组件",
        "电池片",
        "充电桩",
        "燃料电池",
        "风机",
    ),
    "高端装备": (
        "装备",
        "机械",
        "船舶",
        "海工",
        "机器人",
        "数控",
        "设备制造",
        "重工",
        "发动机",
        "叶片",
        "轴承",
        "模具",
    ),
    "电子信息": ("半导体", "芯片", "集成电路", "电子信息", "显示面板", "传感器", "通信", "5G", "服务器"),
    "数字经济": ("数据中心", "算力", "软件", "大数据", "人工智能", "云计算", "数字经济", "互联网"),
    "钢铁": ("钢铁", "不锈钢", "冶金", "特钢", "钢材", "炼钢"),
    "现代物流": ("物流", "冷链", "仓储", "港口", "码头", "集装箱", "航运", "供应链"),
    "文旅": ("文旅", "旅游", "酒店", "景区", "度假", "文化", "康养"),
    "食品": ("食品", "粮油", "水产", "海产品", "饮料", "预制菜", "农产品", "农业"),
    "纺织": ("纺织", "印染", "服装", "面料"),
    "汽车": ("汽车", "新能源汽车", "整车", "汽车零部件", "零部件"),
}

# --- firms ----------------------------------------------------------------------------------

# legal or organisational endings of a registered-style name; longest first
ORG_SUFFIXES = (
    "集团股份有限公司",
    "集团有限责任公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "合伙企业(有限合伙)",
    "合伙企业（有限合伙）",
    "(有限合伙)",
    "（有限合伙）",
    "集团公司",
    "控股集团",
    "株式会社",
    "研究院",
    "研究所",
    "设计院",
    "集团",
    "公司",
)
# a short form ("恒瑞医药", "卫星化学") is a brand + one of these industry words
SHORT_FORM_ENDINGS = (
    "医药",
    "药业",
    "制药",
    "生物",
    "化学",
    "化工",
    "石化",
    "炼化",
    "科技",
    "新材料",
    "材料",
    "能源",
    "新能源",
    "电气",
    "重工",
    "机械",
    "电子",
    "光电",
    "光伏",
    "钢铁",
    "实业",
    "控股",
    "股份",
    "环保",
    "智能",
    "汽车",
    "集团",
    "纺织",
    "化纤",
    "电力",
    "半导体",
    "动力",
    "精工",
    "制造",
    "物流",
    "航运",
    "港务",
    "投资",
    "资本",
    "基金",
    "银行",
    "高科",
    "技术",
)
# well-known firms in 连云港's chains (lianyungang.md §4) and big national names, as written in news
KNOWN_FIRMS = (
    "盛虹",
    "东方盛虹",
    "盛虹炼化",
    "盛虹石化",
    "斯尔邦",
    "斯尔邦石化",
    "虹港石化",
    "卫星化学",
    "卫星石化",
    "中化国际",
    "新海石化",
    "奥升德",
    "嘉澳环保",
    "嘉澳",
    "佳化化学",
    "恒瑞医药",
    "恒瑞",
    "豪森药业",
    "翰森制药",
    "豪森",
    "正大天晴",
    "康缘药业",
    "康缘",
    "诺泰生物",
    "德源药业",
    "中复神鹰",
    "中复连众",
    "鹰游纺机",
    "鹰游集团",
    "太平洋石英",
    "石英股份",
    "联瑞新材",
    "海智新材料",
    "先导集团",
    "先导智能",
    "国能联合动力",
    "立达集团",
    "三峡集团",
    "中国三峡",
    "中创碳投",
    "圣奥化学",
    "杰瑞药业",
    "臣功制药",
    "润众制药",
    "罗盖特",
    "天明机械",
    "大陆汽车电子",
    "中船716所",
    "中国建材",
    "中国石化",
    "中石化",
    "中国石油",
    "中石油",
    "中国海油",
    "中海油",
    "中化集团",
    "中国中化",
    "宁德时代",
    "比亚迪",
    "隆基绿能",
    "隆基",
    "通威",
    "天合光能",
    "晶科能源",
    "阿里巴巴",
    "腾讯",
    "华为",
    "恒力石化",
    "荣盛石化",
    "桐昆",
    "新凤鸣",
    "万华化学",
    "巴斯夫",
    "埃克森美孚",
    "沙特阿美",
    "中国中车",
    "国家电投",
    "华能",
    "华电",
    "大唐",
    "国家能源集团",
    "中广核",
    "中核",
    "江苏国信",
    "协鑫",
    "亨通",
    "恒申",
    # brands national news uses without the registered name (chemicals, energy, pharma, materials)
    "恒力集团",
    "浙石化",
    "万华",
    "华峰",
    "新和成",
    "荣盛",
    "中国化学",
    "中化学",
    "中国船舶",
    "中船",
    "中交",
    "中建",
    "中铁",
    "招商局",
    "宝武",
    "鞍钢",
    "沙钢",
    "德龙",
    "中粮",
    "华润",
    "国投",
    "中核集团",
    "天齐锂业",
    "赣锋锂业",
    "亿纬锂能",
    "国轩高科",
    "蜂巢能源",
    "中创新航",
    "欣旺达",
    "金风科技",
    "明阳智能",
    "上海电气",
    "东方电气",
    "晶澳科技",
    "阿特斯",
    "正泰",
    "阳光电源",
    "药明康德",
    "药明生物",
    "凯莱英",
    "复星医药",
    "石药集团",
    "齐鲁制药",
    "扬子江药业",
    "华海药业",
    "普洛药业",
    "九洲药业",
    "迈瑞医疗",
    "联影医疗",
    "威高",
    "中芯国际",
    "长电科技",
    "通富微电",
    "京东方",
    "立讯精密",
    "理想汽车",
    "蔚来",
    # foreign groups, as Chinese news writes them
    "科思创",
    "林德",
    "法液空",
    "液化空气",
    "空气化工",
    "陶氏",
    "沙特基础工业",
    "英力士",
    "壳牌",
    "拜耳",
    "赢创",
    "利安德巴赛尔",
    "三菱化学",
    "住友化学",
    "东丽",
    "帝人",
    "LG化学",
    "乐天化学",
    "晓星",
    "诺和诺德",
    "阿斯利康",
    "辉瑞",
    "罗氏",
    "赛诺菲",
    "雅保",
    "特斯拉",
    "塞拉尼斯",
    "亨斯迈",
    "索尔维",
    "阿科玛",
    "朗盛",
    "帝斯曼",
    "诺维信",
    "杜邦",
    "霍尼韦尔",
    "西门子",
    # latin brands: matched as whole words only
    "BASF",
    "Linde",
    "Covestro",
    "SABIC",
    "INEOS",
    "Bayer",
    "Evonik",
    "TCL",
)
# bodies that sign on the government side: never investor firms
GOVERNMENT_WORDS = (
    "管委会",
    "管理委员会",
    "人民政府",
    "政府",
    "委员会",
    "商务局",
    "投资促进",
    "招商局",
    "发改委",
    "工信局",
    "财政局",
    "自然资源",
    "开发区",
    "高新区",
    "新区",
    "园区",
    "产业园",
    "工业园",
    "县委",
    "区委",
    "市委",
    "党工委",
    "办事处",
    "街道",
    "镇",
    "乡",
)
# words that are never part of a firm name: the left edge of a name stops before them
NAME_STOPWORDS = frozenset(
    """与 和 及 以及 同 跟 由 为 是 在 于 对 向 把 被 将 让 使 从 自 经 据 其 的 了 着 等 并 且 或 又 也 都 已 已经 正式 成功 分别
    共同 联合 携手 签约 签署 签订 总投资 出资 引进 引入 会见 接见 会谈 洽谈 考察 调研 走访 拜访 宣布 公告 披露 表示 称 获悉
    介绍 透露 发布 举行 举办 参加 出席 陪同 同意 审议 授权 批准 提请 附属 本集团 完善 推动 支持 鼓励 引导 帮助 服务 成立 设立 组建 新设 入股 收购 并购 参观 看望 来到 深入 所在 我们 多家 设在 主会场 分会场 莅临 走进 双方 三方 各方 交换意见 会谈 座谈 希望 欢迎 感谢 今天 昨天 日前 近日 目前 上午 下午 当天 此前 今年 去年 近期 本月 日 月 年 来自 位于
    龙头企业 链主企业 知名企业 客商 合作方 投资方 签约方 外资企业 民营企业 上市公司 世界 强 强企业 行业 我市 全市 该 这家 一家
    此次 本次 这次 旗下 子公司 全资 控股子公司 记者 现场 代表 负责人 董事长 总经理 总裁 以下简称 简称 包括 有 中 其中 另有 还有
    作为 建设 新建 扩建 实施 推进 打造 落户 落地 开工 投产 竣工 总部 入驻 拟 计划 预计 一期 二期 三期 就 达成 协议 合作 战略
    主导 牵头 领衔 所属 下属 重点 重大 项目 分 别 时 后 前 今 昨 由于 通过 关于 根据 按照 届时 先后 相继 均 已于 引导 吸引 招引
    促成 推动 到 赴 来 前往 深入 参观 组织 以 用 凭借 依托 占地 约 超 近 逾 达 全球 国内 国际 亿元 万元 美元 签约仪式 仪式""".split()
)
# heads that make "…公司" / "…集团" a reference, not a name (该公司, 子公司, 上市公司)
GENERIC_ORG_HEADS = (
    "该",
    "本",
    "子",
    "分",
    "母",
    "上市",
    "合资",
    "项目",
    "新",
    "这家",
    "两家",
    "多家",
    "各",
    "其",
    "我",
    "贵",
    "全资子",
    "控股子",
    "参股",
    "投资",
    "管理",
    "运营",
    "平台",
    "国有",
    "民营",
    "外资",
    "科技型",
    "龙头",
    "一家",
    "家",
    "独资",
    "财务",
    "集团",
    "控股",
    "公司",
    "专业",
    "知名",
    "头部",
    "优质",
    "相关",
    "有关",
    "关联",
    "总",
    "孙",
    "下属",
    "旗下",
    "境外",
    "境内",
    "物业",
    "保险",
)


# --- regex helpers ------------------------------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the words, longest first, as a prefix tree.

    Python's ``re`` tries a flat alternation of hundreds of words one by one at every position;
    the tree shares prefixes, which makes the keyword scans several times faster.
    """
    trie: dict[str, dict] = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie) if trie else "(?!)"


def _trie_pattern(node: dict[str, dict]) -> str:
    alts = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


# --- chain keywords from the chain catalogue, with our fallback -----------------------------

_GENERIC_SCOPE = re.compile(
    r"销售|批发|零售|服务|咨询|开发|研发|技术|进出口|许可|不含|生产|制造|加工|经营|[（）()]"
)


@lru_cache(maxsize=1)
def _chain_documents() -> tuple[dict, ...]:
    """The platform's chain maps (format ``zhaoshang.chain/1``).

    When ``zhaoshang.chains.catalog`` is already loaded (the web process) its validated chains
    are used; otherwise the shipped JSON documents are read directly, because importing the
    catalogue pulls in networkx (about 0.4 s) and the CLI must start in under 3 s. Missing
    or unreadable chain data just means our own keywords are used.
    """
    import json
    import sys

    module = sys.modules.get("zhaoshang.chains.catalog")
    if module is not None:
        try:
            return tuple(
                {
                    "name": c.name,
                    "nodes": [{"keywords": list(n.keywords)} for n in c.nodes],
                    "leaders": [{"firm": x.firm, "short": x.short} for x in c.leaders],
                }
                for c in module.load_chains()
            )
        except Exception as exc:  # noqa: BLE001 - fall back to the files
            log.debug("chain catalogue failed, reading its files: %s", exc)
    data_dir = Path(__file__).resolve().parent.parent / "chains" / "data"
    docs = []
    for path in sorted(data_dir.glob("*.json")) if data_dir.is_dir() else []:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.debug("chain file %s unreadable: %s", path, exc)
            continue
        if (
            isinstance(doc, dict)
            and doc.get("format", "").startswith("zhaoshang.chain/")
            and isinstance(doc.get("name"), str)
        ):
            docs.append(doc)
    return tuple(docs)


@lru_cache(maxsize=1)
def chain_keywords() -> dict[str, tuple[str, ...]]:
    """Chain name → keywords: the platform catalogue when present, merged with ours.

    The catalogue's registered-business-scope phrases (技术服务, 危险化学品生产) are class
    words shared by many chains; only product terms are kept from it.
    """
    merged: dict[str, list[str]] = {chain: list(words) for chain, words in CHAIN_KEYWORDS.items()}
    catalog = {
        doc["name"]: [k for node in doc.get("nodes", []) for k in node.get("keywords", [])]
        for doc in _chain_documents()
    }
    ours = {w: chain for chain, words in CHAIN_KEYWORDS.items() for w in words}
    ours.update({w: industry for industry, words in INDUSTRY_KEYWORDS.items() for w in words})
    seen: dict[str, set[str]] = {}
    for chain, words in catalog.items():
        name = canonical_chain(chain)
        for word in words:
            word = str(word).strip()
            if 2 <= len(word) <= 12 and not _GENERIC_SCOPE.search(word):
                seen.setdefault(word, set()).add(name)
    for word, chains in seen.items():
        if word in ours or len(chains) != 1:
            continue  # ours wins; a word claimed by two chains says nothing
        (name,) = chains
        merged.setdefault(name, []).append(word)
    return {chain: tuple(dict.fromkeys(words)) for chain, words in merged.items()}


@lru_cache(maxsize=1)
def known_firms() -> tuple[str, ...]:
    """Firms recognised without a legal ending: ours plus the chain leaders in the catalogue.

    Leaders' short names that are everyday words (畅通, 先导) would match ordinary text, so
    only rare ones are taken.
    """
    names = set(KNOWN_FIRMS)
    leaders = [x for doc in _chain_documents() for x in doc.get("leaders", []) if isinstance(x, dict)]
    freq = _core_tokenizer().FREQ if leaders else {}
    for leader in leaders:
        for name in (leader.get("short"), leader.get("firm")):
            name = str(name or "").strip()
            if (
                3 <= len(name) <= 12
                and not name.endswith(("项目", "有限公司", "公司"))
                and freq.get(name, 0) < 500
            ):
                names.add(name)
    return tuple(sorted(names))


def canonical_chain(name: str) -> str:
    """'石化产业链' / '绿色石化' → '石化', so the catalogue's naming does not leak into results."""
    for chain in CHAINS:
        if chain in name:
            return chain
    return name.removesuffix("产业链").removesuffix("链")


# --- jieba, initialised once with our domain dictionary ---------------------------------------

_jieba = None
_jieba_lock = threading.Lock()


_CORE_DICT = Path(__file__).resolve().parent / "data" / "jieba_core.txt"


def _core_freq() -> tuple[dict[str, int], int]:
    """The prefix dictionary jieba needs, from the shipped word list.

    Building it takes about 0.2 s; like jieba itself we keep a marshal copy in the temporary
    directory (keyed by the list's size and date), which loads in a few milliseconds.
    """
    import marshal
    import os
    import tempfile

    stat = _CORE_DICT.stat()
    cache = (
        Path(tempfile.gettempdir())
        / f"zhaoshang-jieba-core-{stat.st_size}-{int(stat.st_mtime)}-{os.getuid() if hasattr(os, 'getuid') else 0}.marshal"
    )
    try:
        with cache.open("rb") as fh:
            freq, total = marshal.load(fh)
            return freq, total
    except (OSError, EOFError, ValueError, TypeError):
        pass
    freq = {}
    total = 0
    with _CORE_DICT.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.rstrip("\n").partition(" ")
            n = int(count)
            freq[word] = n
            total += n
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)
    try:
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            marshal.dump((freq, total), fh)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only temp dir only costs the 0.2 s again next time
    return freq, total


def _core_tokenizer():  # noqa: ANN202 - jieba has no types
    """A jieba Tokenizer over the trimmed dictionary shipped with the package (about 0.1 s).

    jieba's own start-up loads 350,000 words (0.8 s and more); names are told from the words
    around them with the frequent words alone. Falls back to jieba's full dictionary.
    """
    import warnings

    with warnings.catch_warnings():  # jieba's sources trip Python's invalid-escape warnings
        warnings.simplefilter("ignore")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    if not _CORE_DICT.exists():
        tk.initialize()
        return tk
    freq, total = _core_freq()
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    return tk


extra_words: set[str] = set()  # vocabulary other modules register before first use (generic words)


def tokenizer():  # noqa: ANN201 - jieba has no types
    """A jieba Tokenizer that knows our places, chain words and firm endings.

    Loaded lazily and once; the domain dictionary is added in memory, nothing is downloaded
    or written next to the package.
    """
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                tk = _core_tokenizer()
                words: set[str] = set()
                for aliases in LYG_UNITS.values():
                    words.update(aliases)
                words.update(LYG_UNITS)
                words.update(CITIES)
                words.update(PROVINCES)
                words.update(COUNTRIES)
                words.update(REGIONS)
                words.update(known_firms())
                for kws in chain_keywords().values():
                    words.update(kws)
                for kws in INDUSTRY_KEYWORDS.values():
                    words.update(kws)
                for stage_words in STAGE_WORDS.values():
                    words.update(stage_words)
                words.update(ORG_SUFFIXES)
                words.update(NAME_STOPWORDS)
                words.update(GOVERNMENT_WORDS)
                words.update(extra_words)
                for word in words:
                    if len(word) >= 2:
                        tk.add_word(word, freq=20000)
                for word in ("与", "和", "同", "携手", "签约", "投资"):
                    tk.add_word(word, freq=200000)  # keep function words as their own tokens
                _jieba = tk
    return _jieba
