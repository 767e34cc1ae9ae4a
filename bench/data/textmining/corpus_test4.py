"""Held-out batch 4 of the lead-mining labelled set: written and labelled after the rules for the weak
spots of batches 1–3 were committed, before the extractor was run on any of these texts.

Styles the earlier batches do not have: excerpts of government work reports (政府工作报告), 园区 WeChat
articles (emoji bullets, 编辑｜审核 lines, ▲ picture captions), listed-company announcements
(关于对外投资的公告, with ● 重要内容提示, joint ventures, registered capital next to total investment),
招商推介会 reports with lists and tables, latin-script firm names, and Hong Kong / Taiwan style texts
(HKEX disclaimers, 港币, 新台币, traditional characters with pinyin).

Gold conventions are those of corpus_dev.py, plus, decided before writing this batch:
- a range (50—80亿元) is read as its lower bound with qualifier 以上;
- phases listed without a total add up (一期3500万美元 + 二期2500万美元);
- a foreign amount followed by its stated CNY equivalent (约合人民币…) counts in CNY; an equivalent in
  another foreign currency (约合新台币…) does not change the currency;
- a parent named with its subsidiary (X旗下Y, X全资子公司Y) is listed with it, as in t04; a brand inside a
  project's name (盛虹炼化一体化项目) is the firm, as in t33; a firm's other name in brackets is not a
  second firm; lenders, designers, contractors, agents, witnesses and exchanges are not investors;
- a government report's list items are projects even without the word 项目 (卫星化学绿色化学新材料产业园);
  counts of the year's results are aggregates, targets (力争…) are not.
"""

from __future__ import annotations

from typing import Any

from corpus_dev import A, P

DEV = "连云港经济技术开发区"
HTZ = "连云港高新技术产业开发区"
BASE = "连云港石化产业基地"
CHEMPARK = "江苏连云港化工产业园"

DOCS: list[dict[str, Any]] = [
    dict(
        id="t41", kind="gov_report", variant="simplified", fmt="txt", encoding="utf-8",
        text="""连云港市2024年政府工作报告（节选）
一、2023年工作回顾
过去一年，我们坚持项目为王，全市新签约亿元以上产业项目412个、总投资2986亿元，其中10亿元以上项目78个；新开工亿元以上项目305个，竣工投产亿元以上项目186个。石化产业基地建设实现新突破，盛虹炼化一体化项目全面达产，卫星化学α-烯烃综合利用高端新材料产业园一期项目建成投产，斯尔邦石化180万吨/年醇基多联产项目二期开工建设。生物医药产业加速集聚，恒瑞医药创新药生产基地项目竣工。
二、2024年主要任务
全年力争新签约亿元以上项目420个，新开工亿元以上项目310个。""",
        projects=[
            P("盛虹炼化一体化项目", ["盛虹炼化"], None, "投产", BASE, "石化"),
            P("卫星化学α-烯烃综合利用高端新材料产业园一期项目", ["卫星化学"], None, "投产", BASE, "新材料"),
            P("斯尔邦石化180万吨/年醇基多联产项目二期", ["斯尔邦石化"], None, "开工", BASE, "石化"),
            P("恒瑞医药创新药生产基地项目", ["恒瑞医药"], None, "竣工", "连云港市", "生物医药"),
        ],
        aggregates=[A(412, 29860000, "签约", "连云港市"), A(78, None, "签约", "连云港市"),
                    A(305, None, "开工", "连云港市"), A(186, None, "投产", "连云港市")],
    ),
    dict(
        id="t42", kind="gov_report", variant="simplified", fmt="html", encoding="utf-8",
        text="""灌南县政府工作报告（摘要）
2023年，全县招商引资工作成效明显，全年新签约亿元以上项目68个、协议总投资426亿元，其中10亿元以上项目12个；新开工亿元以上项目52个，完成工业投资178亿元，同比增长12.6%。化工园区完成投资89亿元，医药产业完成投资32亿元。
2024年，全县将围绕精细化工、生物医药两大主导产业，开展产业链精准招商，力争新签约10亿元以上项目15个。""",
        projects=[],
        aggregates=[A(68, 4260000, "签约", "灌南县"), A(12, None, "签约", "灌南县"), A(52, None, "开工", "灌南县")],
    ),
    dict(
        id="t43", kind="gov_report", variant="simplified", fmt="txt", encoding="gbk",
        text="""海州区2024年政府工作报告（节选）
（三）坚持项目为王，厚植发展新动能。全年实施重大产业项目56个，完成投资132亿元。江苏迈瑞康医疗科技有限公司高端医学影像设备项目建成投产，连云港润泽医疗器械有限公司一次性医用耗材项目、江苏华晟新材料有限公司光学膜材料项目开工建设，总投资30亿元的海州经济开发区新能源汽车零部件产业园项目签约落户。""",
        projects=[
            P("高端医学影像设备项目", ["江苏迈瑞康医疗科技有限公司"], None, "投产", "海州区", "生物医药"),
            P("一次性医用耗材项目", ["连云港润泽医疗器械有限公司"], None, "开工", "海州区", "生物医药"),
            P("光学膜材料项目", ["江苏华晟新材料有限公司"], None, "开工", "海州区", "新材料"),
            P("新能源汽车零部件产业园项目", [], 300000, "签约", "海州经济开发区", None),
        ],
        aggregates=[A(56, 1320000, None, "海州区")],
    ),
    dict(
        id="t44", kind="wechat", variant="simplified", fmt="html", encoding="utf-8",
        text="""徐圩新区｜签约！又一百亿级项目落户石化基地
▲签约现场
1月8日，徐圩新区管委会与浙江恒逸新材料有限公司签署年产120万吨高性能聚酯新材料项目投资协议。
👉项目总投资约110亿元，分两期建设，其中一期投资60亿元，主要建设聚酯聚合及纺丝装置。
👉项目达产后预计年产值150亿元，年纳税约6亿元。
据了解，浙江恒逸新材料有限公司注册资本20亿元，是恒逸石化股份有限公司的全资子公司。
编辑｜小徐  审核｜新区融媒体中心""",
        projects=[P("年产120万吨高性能聚酯新材料项目", ["浙江恒逸新材料有限公司"], 1100000, "签约", BASE, "石化", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t45", kind="wechat", variant="simplified", fmt="txt", encoding="utf-8",
        text="""开发区 | 3个生物医药项目集中签约
3月15日，连云港经济技术开发区举行生物医药产业项目集中签约活动，3个项目现场签约，协议总投资46亿元。
签约项目分别是：
1. 江苏康源生物科技有限公司mRNA疫苗产业化项目，总投资20亿元；
2. 上海立迪医药科技有限公司多肽CDMO生产基地项目，总投资18亿元；
3. 南京瑞尔医疗器械有限公司高端介入耗材项目，总投资8亿元。
下一步，开发区将为签约项目提供“一对一”专班服务，推动项目早落地、早开工。""",
        projects=[
            P("mRNA疫苗产业化项目", ["江苏康源生物科技有限公司"], 200000, "签约", DEV, "生物医药"),
            P("多肽CDMO生产基地项目", ["上海立迪医药科技有限公司"], 180000, "签约", DEV, "生物医药"),
            P("高端介入耗材项目", ["南京瑞尔医疗器械有限公司"], 80000, "签约", DEV, "生物医药"),
        ],
        aggregates=[A(3, 460000, "签约", DEV)],
    ),
    dict(
        id="t46", kind="wechat", variant="simplified", fmt="html", encoding="utf-8",
        text="""高新区 | 外资项目再传捷报
近日，日本精工株式会社全资子公司精工（连云港）精密部件有限公司增资扩产项目在连云港高新区顺利开工。项目一期投资3500万美元，二期投资2500万美元，主要生产新能源汽车用高精度轴承。
该公司负责人表示，连云港的营商环境让企业坚定了扩大投资的信心。""",
        projects=[P("增资扩产项目", ["精工株式会社", "精工（连云港）精密部件有限公司"], None, "开工", HTZ, None, currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t47", kind="wechat", variant="simplified", fmt="txt", encoding="utf-8-sig",
        text="""赣榆发布丨总投资50—80亿元！这个新能源项目签约落户柘汪
6月20日，在市发改委、市商务局有关负责同志的见证下，赣榆区人民政府与江苏天晟储能科技有限公司签订新型储能电池生产基地项目投资协议。项目计划总投资50—80亿元，选址柘汪临港产业区，建成后可实现年产值超百亿元。
项目由仲量联行（上海）有限公司推荐引进。""",
        projects=[P("新型储能电池生产基地项目", ["江苏天晟储能科技有限公司"], 500000, "签约", "柘汪临港产业区", None,
                    qualifier="以上")],
        aggregates=[],
    ),
    dict(
        id="t48", kind="announcement", variant="simplified", fmt="txt", encoding="utf-8",
        text="""证券代码：688521 证券简称：华熙新材 公告编号：2024-027
江苏华熙新材料股份有限公司关于对外投资设立全资子公司并投资建设项目的公告
重要内容提示：
● 投资标的名称：年产5万吨电子级多晶硅项目
● 投资金额：项目计划总投资约35亿元，其中固定资产投资30亿元
● 本次投资已经公司第三届董事会第十二次会议审议通过，尚需提交股东大会审议。
一、对外投资概述
为把握光伏及半导体材料市场机遇，江苏华熙新材料股份有限公司（以下简称“公司”）拟在江苏省连云港市东海县设立全资子公司华熙新材料（连云港）有限公司（暂定名，以工商登记为准），注册资本5亿元，由其投资建设年产5万吨电子级多晶硅项目。
二、风险提示
项目建设周期较长，存在不确定性。""",
        projects=[P("年产5万吨电子级多晶硅项目", ["江苏华熙新材料股份有限公司", "华熙新材料（连云港）有限公司"], 350000, None, "东海县",
                    "新材料", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t49", kind="announcement", variant="simplified", fmt="txt", encoding="gb18030",
        text="""证券代码：002382 证券简称：蓝帆医疗 公告编号：2024-019
蓝帆医疗股份有限公司关于签署项目投资协议的公告
一、协议签署概况
2024年3月18日，蓝帆医疗股份有限公司（以下简称“公司”）与连云港市海州区人民政府签署了《高端医用耗材产业园项目投资协议书》，公司拟在海州经济开发区投资建设高端医用耗材产业园项目，项目总投资不低于15亿元，其中设备投资约9亿元。
二、协议主要内容
1、项目用地：约200亩；2、建设周期：分两期建设，一期项目预计2025年6月建成投产；3、乙方应在连云港注册成立项目公司，注册资本不低于3亿元。
三、对公司的影响
本次投资符合公司战略规划，不会对公司2024年度经营业绩产生重大影响。""",
        projects=[P("高端医用耗材产业园项目", ["蓝帆医疗股份有限公司"], 150000, "签约", "海州经济开发区", "生物医药", qualifier="以上")],
        aggregates=[],
    ),
    dict(
        id="t50", kind="hk_tw", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""香港交易及结算所有限公司及香港联合交易所有限公司对本公告之内容概不负责。
中国生物科技服务控股有限公司
自愿公告 投资建设连云港生产基地
本公司董事会欣然宣布，于2024年5月10日，本公司之全资附属公司江苏康瑞生物制药有限公司与连云港经济技术开发区管理委员会订立投资协议，据此，康瑞生物将于开发区投资建设生物药原液及制剂生产基地，项目总投资约港币18亿元，其中第一期投资约港币8亿元。""",
        projects=[P("生物药原液及制剂生产基地", ["中国生物科技服务控股有限公司", "江苏康瑞生物制药有限公司"], None, "签约", DEV, "生物医药",
                    currency="HKD", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t51", kind="hk_tw", variant="traditional", fmt="txt", encoding="big5",
        text="""台资企业扩大在连云港投资 总投资1.2亿美元
【本报讯】台湾长春石油化学股份有限公司旗下长春化工（江苏）有限公司日前宣布，将在连云港徐圩新区投资1.2亿美元（约合新台币38亿元），新建年产10万吨电子级双氧水项目，预计2025年第四季度完工。该公司董事长表示，大陆市场需求强劲，公司将持续深耕。""",
        projects=[P("年产10万吨电子级双氧水项目", ["台湾长春石油化学股份有限公司", "长春化工（江苏）有限公司"], None, None, "徐圩新区",
                    "新材料", currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t52", kind="hk_tw", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""连云港再添台资项目 鸿明精密投资5000万美元建设电子元件基地
5月28日，连云港高新区与台湾鸿明精密工业股份有限公司签署投资协议。鸿明精密将在高新区投资5000万美元，建设高端被动电子元件生产基地，项目一期用地80亩，计划明年上半年动工。连云港市台办、市商务局负责同志出席签约仪式。""",
        projects=[P("高端被动电子元件生产基地", ["台湾鸿明精密工业股份有限公司"], None, "签约", HTZ, None, currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t53", kind="fair", variant="simplified", fmt="txt", encoding="utf-8",
        text="""连云港（上海）生物医药产业招商推介会成功举办 现场签约项目15个
11月22日，连云港生物医药产业招商推介会在上海举行。推介会上，共有15个项目现场签约，总投资达268亿元。其中，上海复临生物医药有限公司创新药研发及产业化项目、苏州博瑞康医疗科技有限公司高值医用耗材项目、北京协和华泰药业有限公司中药配方颗粒项目分别落户连云港经济技术开发区、海州区和灌南县，分别投资45亿元、12亿元和8亿元。
此外，推介会期间还举办了项目对接洽谈会，80余家企业参会。""",
        projects=[
            P("创新药研发及产业化项目", ["上海复临生物医药有限公司"], 450000, "签约", DEV, "生物医药"),
            P("高值医用耗材项目", ["苏州博瑞康医疗科技有限公司"], 120000, "签约", "海州区", "生物医药"),
            P("中药配方颗粒项目", ["北京协和华泰药业有限公司"], 80000, "签约", "灌南县", "生物医药"),
        ],
        aggregates=[A(15, 2680000, "签约", "连云港市")],
    ),
    dict(
        id="t54", kind="fair", variant="simplified", fmt="html", encoding="utf-8",
        text="""灌云县在苏州举办化工新材料产业专题招商会
4月12日，灌云县化工新材料产业专题招商会在苏州举行，现场签约项目6个，协议总投资152亿元。
签约项目中，江苏嘉裕新材料科技有限公司年产20万吨生物基可降解材料项目投资60亿元；苏州晶华电子材料有限公司湿电子化学品项目投资18亿元；常熟市新达化工有限公司表面活性剂项目投资12亿元，项目由中国天辰工程有限公司承担EPC总承包。其余3个项目涉及新能源、现代物流等领域。""",
        projects=[
            P("年产20万吨生物基可降解材料项目", ["江苏嘉裕新材料科技有限公司"], 600000, "签约", "灌云县", "新材料"),
            P("湿电子化学品项目", ["苏州晶华电子材料有限公司"], 180000, "签约", "灌云县", "新材料"),
            P("表面活性剂项目", ["常熟市新达化工有限公司"], 120000, "签约", "灌云县", "石化"),
        ],
        aggregates=[A(6, 1520000, "签约", "灌云县")],
    ),
    dict(
        id="t55", kind="fair", variant="simplified", fmt="txt", encoding="utf-8",
        text="""东海县2024年深圳招商推介会签约项目一览
5月16日，东海县在深圳举办硅材料及光伏产业招商推介会，现场签约项目4个。
项目名称\t投资方\t总投资（万元）\t建设内容
高纯石英砂提纯项目\t深圳市晶硅科技有限公司\t80000\t年产10万吨高纯石英砂
光伏玻璃深加工项目\t深圳日升光电有限公司\t45000\t年产2000万平方米光伏玻璃
半导体石英器件项目\t深圳华联半导体材料有限公司\t30000\t石英管、石英舟等
储能电池PACK项目\t深圳市能达新能源有限公司\t25000\t年产2GWh储能电池PACK""",
        projects=[
            P("高纯石英砂提纯项目", ["深圳市晶硅科技有限公司"], 80000, "签约", "东海县", "新材料"),
            P("光伏玻璃深加工项目", ["深圳日升光电有限公司"], 45000, "签约", "东海县", None),
            P("半导体石英器件项目", ["深圳华联半导体材料有限公司"], 30000, "签约", "东海县", "新材料"),
            P("储能电池PACK项目", ["深圳市能达新能源有限公司"], 25000, "签约", "东海县", None),
        ],
        aggregates=[A(4, None, "签约", "东海县")],
    ),
    dict(
        id="t56", kind="latin", variant="simplified", fmt="txt", encoding="utf-8",
        text="""德国瓦克化学在连云港投资建设特种有机硅项目
Wacker Chemie AG（瓦克化学）6月5日宣布，其全资子公司瓦克化学（连云港）有限公司与连云港石化产业基地签署投资协议，投资约2.5亿欧元建设特种有机硅及下游产品项目，预计2026年投产。瓦克化学是全球领先的有机硅生产商之一。""",
        projects=[P("特种有机硅及下游产品项目", ["Wacker Chemie AG", "瓦克化学（连云港）有限公司"], None, "签约", BASE, "新材料",
                    currency="EUR", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t57", kind="latin", variant="simplified", fmt="html", encoding="utf-8",
        text="""美国空气化工产品公司连云港工业气体项目开工
9月12日，Air Products and Chemicals, Inc.（美国空气化工产品公司）在徐圩新区投资建设的工业气体岛二期项目正式开工。项目总投资3.5亿美元，由Linde Engineering GmbH提供空分装置技术和设计，建成后将为园区企业供应氧气、氮气和氢气。""",
        projects=[P("工业气体岛二期项目", ["Air Products and Chemicals, Inc."], None, "开工", "徐圩新区", "石化", currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t58", kind="latin", variant="simplified", fmt="txt", encoding="gbk",
        text="""新加坡企业投资海州区冷链物流园
近日，新加坡丰益国际（Wilmar International Limited）旗下益海嘉里（连云港）粮油工业有限公司冷链物流园项目在海州区签约。项目计划投资8000万美元，其中注册资本3000万美元，主要建设冷库和中央厨房。""",
        projects=[P("冷链物流园项目", ["丰益国际", "益海嘉里（连云港）粮油工业有限公司"], None, "签约", "海州区", None, currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t59", kind="wechat", variant="simplified", fmt="txt", encoding="utf-8",
        text="""连云区这家企业投产！年产值可达30亿元
12月18日，江苏斯瑞达新材料科技有限公司年产3万吨高性能碳纤维预浸料项目在连云区板桥工业园正式投产。项目总投资约12亿元，达产后预计年产值25亿至30亿元，可提供就业岗位600个。""",
        projects=[P("年产3万吨高性能碳纤维预浸料项目", ["江苏斯瑞达新材料科技有限公司"], 120000, "投产", "板桥工业园", "新材料",
                    qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t60", kind="gov_report", variant="simplified", fmt="txt", encoding="utf-8",
        text="""徐圩新区2024年工作报告（摘要）
2023年，新区实际使用外资2.3亿美元，完成进出口总额86亿美元。全年新签约亿元以上项目28个，总投资1260亿元，其中百亿级项目4个。卫星化学绿色化学新材料产业园、虹景新材料高端聚烯烃、丰海新能源海水淡化等项目开工建设，盛虹石化EVA光伏胶膜料项目建成投产。
2024年，新区将力争实际使用外资2.5亿美元，新签约亿元以上项目30个。""",
        projects=[
            P("卫星化学绿色化学新材料产业园", ["卫星化学"], None, "开工", "徐圩新区", "新材料"),
            P("虹景新材料高端聚烯烃", ["虹景新材料"], None, "开工", "徐圩新区", "新材料"),
            P("丰海新能源海水淡化", ["丰海新能源"], None, "开工", "徐圩新区", None),
            P("盛虹石化EVA光伏胶膜料项目", ["盛虹石化"], None, "投产", "徐圩新区", "石化"),
        ],
        aggregates=[A(28, 12600000, "签约", "徐圩新区"), A(4, None, "签约", "徐圩新区")],
    ),
    dict(
        id="t61", kind="announcement", variant="simplified", fmt="txt", encoding="utf-8",
        text="""证券代码：600389 证券简称：江山化工 公告编号：临2024-015
江苏江山化工股份有限公司关于与关联方共同投资设立合资公司的公告
重要内容提示：
● 投资标的：连云港江瑞新材料有限公司（暂定名）
● 投资金额：合资公司注册资本10亿元，其中公司以货币出资5.1亿元，持股51%；浙江瑞丰控股集团有限公司出资4.9亿元，持股49%。
一、对外投资概述
合资公司拟在江苏连云港化工产业园投资建设年产15万吨特种环氧树脂项目，项目总投资28亿元，分两期建设。""",
        projects=[P("年产15万吨特种环氧树脂项目", ["江苏江山化工股份有限公司", "浙江瑞丰控股集团有限公司", "连云港江瑞新材料有限公司"],
                    280000, None, CHEMPARK, "石化")],
        aggregates=[],
    ),
    dict(
        id="t62", kind="wechat", variant="simplified", fmt="html", encoding="utf-8",
        text="""招商动态｜灌南县主要领导赴浙江拜访客商
3月6日至7日，灌南县主要领导带队赴浙江杭州、绍兴开展招商活动，先后拜访了新和成、龙盛集团等企业。在新和成，双方就维生素及营养品中间体项目进行深入洽谈，新和成有意在江苏连云港化工产业园投资建设年产3万吨维生素中间体项目，计划投资约20亿元。""",
        projects=[P("年产3万吨维生素中间体项目", ["新和成"], 200000, "洽谈", CHEMPARK, "生物医药", qualifier="约")],
        aggregates=[],
    ),
]
