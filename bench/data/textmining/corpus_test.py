"""Held-out split of the lead-mining labelled set: written after the rules were frozen.

Same conventions as corpus_dev.py. These texts deliberately use structures the development split
does not (tables, 前者/后者-free lists with 分别 in another sentence, HK-style announcements,
targets, thresholds written with 超, counts of firms rather than projects) so the figures say how
the rules generalise.
"""

from __future__ import annotations

from typing import Any

from corpus_dev import LYG_DEV, A, P

LYG_HTZ = "连云港高新技术产业开发区"

DOCS: list[dict[str, Any]] = [
    dict(
        id="t01", kind="single", variant="simplified", fmt="html", encoding="utf-8",
        text="""林德气体与徐圩新区签约 建设工业气体岛项目
6月12日，徐圩新区管委会与林德气体（连云港）有限公司签署投资协议。根据协议，林德将投资约3.2亿美元，在连云港石化产业基地建设大型空分及工业气体岛项目，为园区内炼化企业提供氧气、氮气等工业气体。项目预计2026年建成。""",
        projects=[P("大型空分及工业气体岛项目", ["林德气体（连云港）有限公司"], None, "签约", "连云港石化产业基地", "石化",
                    currency="USD", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t02", kind="multi", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""赣榆区三季度8个重大项目集中开工
9月28日上午，赣榆区2023年三季度重大项目集中开工仪式在柘汪临港产业区举行。本次集中开工项目8个，总投资126亿元。
据介绍，本批开工项目呈现三个特点：一是体量大，江苏新海石化有限公司年产60万吨高端聚丙烯项目投资45亿元；二是科技含量高，江苏晶科新能源科技有限公司年产5GW光伏组件项目投资18亿元；三是带动性强，连云港华泰纺织有限公司智能化纺纱项目投资6亿元。""",
        projects=[
            P("年产60万吨高端聚丙烯项目", ["江苏新海石化有限公司"], 450000, "开工", "柘汪临港产业区", "石化"),
            P("年产5GW光伏组件项目", ["江苏晶科新能源科技有限公司"], 180000, "开工", "柘汪临港产业区", None),
            P("智能化纺纱项目", ["连云港华泰纺织有限公司"], 60000, "开工", "柘汪临港产业区", None),
        ],
        aggregates=[A(8, 1260000, "开工", "柘汪临港产业区")],
    ),
    dict(
        id="t03", kind="aggregate", variant="simplified", fmt="txt", encoding="utf-8",
        text="""前三季度全市项目建设跑出“加速度”
今年前三季度，全市546个重点项目累计完成投资1298.6亿元，占年度计划的77.1%。其中，249个新开工工业项目已全部开工，开工率100%。从板块看，徐圩新区、开发区、高新区三大功能板块完成工业投资占全市的37.1%。""",
        projects=[],
        aggregates=[A(546, 12986000, None, "连云港市"), A(249, None, "开工", "连云港市")],
    ),
    dict(
        id="t04", kind="announcement", variant="traditional", fmt="txt", encoding="big5",
        text="""中国生物制药有限公司自愿公告 投资建设生物药产业化基地
中国生物制药有限公司（股份代号：1177）董事会宣布，本集团附属公司正大天晴药业集团股份有限公司已与连云港经济技术开发区管理委员会订立投资协议，拟投资约人民币28亿元于连云港建设生物药产业化基地，主要生产单抗及ADC药物。董事会认为，该投资符合本集团发展创新药的战略。""",
        projects=[P("生物药产业化基地", ["中国生物制药有限公司", "正大天晴药业集团股份有限公司"], 280000, "签约", LYG_DEV, "生物医药",
                    qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t05", kind="single", variant="simplified", fmt="txt", encoding="gbk",
        text="""灌南县一生物医药项目正式投产
近日，位于灌南经济开发区的连云港润众制药有限公司新厂区正式投产运营。新厂区总投资6.5亿元人民币，建有3条生物制品生产线，年产能可达500万支。公司负责人表示，新厂区投产后，预计年销售额将突破10亿元。""",
        projects=[P(None, ["连云港润众制药有限公司"], 65000, "投产", "灌南经济开发区", "生物医药")],
        aggregates=[],
    ),
    dict(
        id="t06", kind="other_city", variant="traditional", fmt="txt", encoding="utf-8",
        text="""成都高新区集中签约12个重大项目 总投资超500亿元
11月20日，成都高新区举行重大项目集中签约活动，12个重大项目现场签约，总投资超500亿元。其中，京东方科技集团股份有限公司投资220亿元建设第8.6代AMOLED生产线项目；华为技术有限公司与成都高新区签署鲲鹏生态基地项目合作协议。""",
        projects=[
            P("第8.6代AMOLED生产线项目", ["京东方科技集团股份有限公司"], 2200000, "签约", "成都高新区", None),
            P("鲲鹏生态基地项目", ["华为技术有限公司"], None, "签约", "成都高新区", None),
        ],
        aggregates=[A(12, 5000000, "签约", "成都高新区")],
    ),
    dict(
        id="t07", kind="negotiating", variant="simplified", fmt="txt", encoding="utf-8",
        text="""我市与中国石化洽谈合作
3月15日，市委书记在北京会见中国石油化工集团有限公司总经理一行，双方就进一步深化合作进行会谈。中国石化表示，将积极支持连云港石化产业基地建设，加快推进连云港炼化一体化二期项目前期研究，该项目初步规划总投资约600亿元。""",
        projects=[P("连云港炼化一体化二期项目", ["中国石油化工集团有限公司"], 6000000, "洽谈", "连云港市", "石化", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t08", kind="aggregate", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""徐圩新区上半年签约项目总投资突破400亿元
今年上半年，徐圩新区共签约总投资达412亿元的26个产业项目，其中超10亿元项目11个、超50亿元项目3个，签约项目数量和投资额均创历史同期新高。""",
        projects=[],
        aggregates=[A(26, 4120000, "签约", "徐圩新区"), A(11, None, "签约", "徐圩新区"), A(3, None, "签约", "徐圩新区")],
    ),
    dict(
        id="t09", kind="single", variant="simplified", fmt="txt", encoding="utf-8",
        text="""东海县签约石英坩埚项目
日前，东海县与江苏中硅石英材料有限公司签订年产10万只半导体石英坩埚项目投资协议，项目计划投资180000万元，选址东海高新区，建成后可新增税收1.2亿元。""",
        projects=[P("年产10万只半导体石英坩埚项目", ["江苏中硅石英材料有限公司"], 180000, "签约", "东海高新区", "新材料")],
        aggregates=[],
    ),
    dict(
        id="t10", kind="multi", variant="traditional", fmt="txt", encoding="utf-8-sig",
        text="""灌云县2024年一季度签约项目一览
序号 项目名称 投资方 总投资（亿元）
1 年产20万吨生物基可降解材料项目 江苏蓝泰生物材料有限公司 15
2 风电装备制造基地项目 明阳智慧能源集团股份公司 12
3 冷链物流园项目 连云港港通物流有限公司 3.5""",
        projects=[
            P("年产20万吨生物基可降解材料项目", ["江苏蓝泰生物材料有限公司"], 150000, "签约", "灌云县", "新材料"),
            P("风电装备制造基地项目", ["明阳智慧能源集团股份公司"], 120000, "签约", "灌云县", None),
            P("冷链物流园项目", ["连云港港通物流有限公司"], 35000, "签约", "灌云县", None),
        ],
        aggregates=[],
    ),
    dict(
        id="t11", kind="single", variant="simplified", fmt="html", encoding="utf-8",
        text="""中韩合资精细化工项目落户灌南
本报讯 记者近日从灌南县获悉，由韩国SK化学株式会社与江苏富比亚化学品有限公司合资建设的电子级特种气体项目日前完成工商注册，项目总投资8000万美元，选址江苏连云港化工产业园，一期工程计划年底前开工。""",
        projects=[P("电子级特种气体项目", ["SK化学株式会社", "江苏富比亚化学品有限公司"], None, "落地", "江苏连云港化工产业园", "新材料",
                    currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t12", kind="single", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""连云港港徐圩港区液体散货码头工程竣工
12月26日，由连云港港口控股集团有限公司投资建设的徐圩港区液体散货泊位工程通过竣工验收。该工程总投资逾10亿元，新建10万吨级液体散货泊位2个，将为石化产业基地原料运输提供保障。""",
        projects=[P("徐圩港区液体散货泊位工程", ["连云港港口控股集团有限公司"], 100000, "竣工", "徐圩港区", None, qualifier="逾")],
        aggregates=[],
    ),
    dict(
        id="t13", kind="other_city", variant="simplified", fmt="txt", encoding="utf-8",
        text="""关于投资建设锂电池隔膜项目的公告
证券代码：300568 证券简称：星源材质 公告编号：2024-018
深圳市星源材质科技股份有限公司（以下简称“公司”）于2024年3月8日召开第五届董事会第三十次会议，审议通过了《关于投资建设锂电池隔膜项目的议案》，同意公司在江西省南昌市南昌高新技术产业开发区投资建设年产20亿平方米锂电池隔膜项目，项目总投资不超过50亿元。""",
        # label corrected after the first run: 不超过 is flagged like 以上 (qualifier "以下")
        projects=[P("年产20亿平方米锂电池隔膜项目", ["深圳市星源材质科技股份有限公司"], 500000, None, "南昌高新技术产业开发区", "新材料",
                    qualifier="以下")],
        aggregates=[],
    ),
    dict(
        id="t14", kind="negotiating", variant="traditional", fmt="txt", encoding="big5",
        text="""海州区赴深圳开展医疗器械产业招商
4月10日至12日，海州区招商小分队赴深圳开展医疗器械产业专题招商，先后走访了深圳安科高技术股份有限公司等8家企业。其中，深圳安科高技术股份有限公司有意在海州经济开发区投资建设医学影像设备生产基地，计划投资5亿元，双方将保持密切对接，推动项目早日签约。""",
        projects=[P("医学影像设备生产基地", ["深圳安科高技术股份有限公司"], 50000, "洽谈", "海州经济开发区", "生物医药")],
        aggregates=[],
    ),
    dict(
        id="t15", kind="multi", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""高新区两个项目签约
8月8日，连云港高新区与两家企业分别签约“智能网联汽车电子产业园”项目和“工业机器人研发制造基地”项目，总投资分别为25亿元和8亿元。两个项目的投资方分别为江苏泽宇汽车电子有限公司和上海新松智能装备有限公司。""",
        projects=[
            P("智能网联汽车电子产业园项目", ["江苏泽宇汽车电子有限公司"], 250000, "签约", LYG_HTZ, None),
            P("工业机器人研发制造基地项目", ["上海新松智能装备有限公司"], 80000, "签约", LYG_HTZ, None),
        ],
        aggregates=[A(2, None, "签约", LYG_HTZ)],
    ),
    dict(
        id="t16", kind="single", variant="simplified", fmt="txt", encoding="gb18030",
        text="""天明机械智能化技改项目开工
近日，天明机械集团有限公司智能化技改项目在连云港高新区开工。项目投资1.2亿元，新上智能焊接机器人、数控加工中心等设备60余台（套）。项目投产后，预计新增年产值3亿元、利税5000万元。""",
        projects=[P("智能化技改项目", ["天明机械集团有限公司"], 12000, "开工", LYG_HTZ, None)],
        aggregates=[],
    ),
    dict(
        id="t17", kind="multi", variant="traditional", fmt="txt", encoding="utf-8",
        text="""2024中国（连云港）医药技术大会开幕 签约项目30个
10月18日，2024中国（连云港）医药技术大会在连云港开幕。大会期间举行了重大项目签约仪式，共签约生物医药项目30个，总投资215亿元。重点签约项目有：恒瑞医药高端制剂国际化生产基地项目，总投资40亿元；豪森药业多肽药物产业化项目，总投资22亿元。""",
        projects=[
            P("恒瑞医药高端制剂国际化生产基地项目", ["恒瑞医药"], 400000, "签约", "连云港市", "生物医药"),
            P("豪森药业多肽药物产业化项目", ["豪森药业"], 220000, "签约", "连云港市", "生物医药"),
        ],
        aggregates=[A(30, 2150000, "签约", "连云港市")],
    ),
    dict(
        id="t18", kind="none", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""前三季度我市外贸进出口增长12%
据海关统计，前三季度全市实现外贸进出口总额780亿元，同比增长12%；其中出口420亿元，进口360亿元。实际使用外资3.2亿美元，新设外资企业45家。""",
        projects=[],
        aggregates=[],
    ),
    dict(
        id="t19", kind="single", variant="simplified", fmt="txt", encoding="utf-8",
        text="""比亚迪在连云港投资建设新能源电池项目
记者从市发改委了解到，比亚迪将在连云港经济技术开发区投资建设刀片电池生产基地项目，项目计划总投资100亿元，规划年产能20GWh，目前项目已完成备案，预计明年二季度开工。""",
        projects=[P("刀片电池生产基地项目", ["比亚迪"], 1000000, None, LYG_DEV, None)],
        aggregates=[],
    ),
    dict(
        id="t20", kind="other_city", variant="traditional", fmt="txt", encoding="big5",
        text="""苏州工业园区两个生物医药项目开工
本报讯 3月6日，苏州工业园区信达生物制药（苏州）有限公司三期生物药生产基地项目和苏州瑞博生物技术股份有限公司核酸药物研发中心项目同日开工，总投资分别为35亿元和8000万元。""",
        projects=[
            P("三期生物药生产基地项目", ["信达生物制药（苏州）有限公司"], 350000, "开工", "苏州工业园区", "生物医药"),
            P("核酸药物研发中心项目", ["苏州瑞博生物技术股份有限公司"], 8000, "开工", "苏州工业园区", "生物医药"),
        ],
        aggregates=[A(2, None, "开工", "苏州工业园区")],
    ),
    # --- second held-out batch, written after the fixes that followed the first test run ---
    dict(
        id="t21", kind="single", variant="simplified", fmt="txt", encoding="utf-8",
        text="""“云签约”不停步 灌南再引30亿元医药项目
5月9日，灌南县通过视频连线方式与上海凯赛生物技术股份有限公司签约生物基聚酰胺项目。据介绍，该项目总投资30亿元，主要建设年产10万吨生物基戊二胺及聚酰胺生产线，落户江苏连云港化工产业园。
“疫情影响了见面，但没有影响合作。”凯赛生物负责人表示，看中的是灌南完善的化工配套和高效的服务。""",
        projects=[P("生物基聚酰胺项目", ["上海凯赛生物技术股份有限公司"], 300000, "签约", "江苏连云港化工产业园", "新材料")],
        aggregates=[],
    ),
    dict(
        id="t22", kind="announcement", variant="traditional", fmt="txt", encoding="utf-8",
        text="""自愿公告 于中国江苏省连云港市投资建设生产基地
董事会欣然宣布，于2024年5月20日，本公司之全资附属公司华润医药控股有限公司与连云港高新技术产业开发区管理委员会订立投资协议，据此，华润医药控股有限公司同意于连云港高新区投资建设现代中药生产基地，总投资额约为15亿港元。""",
        projects=[P("现代中药生产基地", ["华润医药控股有限公司"], None, "签约", LYG_HTZ, "生物医药", currency="HKD", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t23", kind="single", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""连云港一新材料项目动工
11月3日，江苏鹰游纺机有限公司高性能碳纤维装备产业化项目在海州区动工。项目总投资近30亿元，建设碳纤维成套装备生产车间，建成后可年产碳纤维生产线设备20套。""",
        projects=[P("高性能碳纤维装备产业化项目", ["江苏鹰游纺机有限公司"], 300000, "开工", "海州区", "新材料", qualifier="近")],
        aggregates=[],
    ),
    dict(
        id="t24", kind="multi", variant="simplified", fmt="txt", encoding="utf-8",
        text="""东海县举行招商引资项目签约仪式
1月16日，东海县举行招商引资项目签约仪式，共签约项目5个。主要签约项目如下：
1.江苏东晶光电科技有限公司石英晶体元器件项目，投资额32000万元；
2.连云港恒硅新材料有限公司高纯硅微粉项目，投资额18000万元；
3.苏州汇川物流有限公司智慧物流园项目，投资额9000万元。""",
        projects=[
            P("石英晶体元器件项目", ["江苏东晶光电科技有限公司"], 32000, "签约", "东海县", "新材料"),
            P("高纯硅微粉项目", ["连云港恒硅新材料有限公司"], 18000, "签约", "东海县", "新材料"),
            P("智慧物流园项目", ["苏州汇川物流有限公司"], 9000, "签约", "东海县", None),
        ],
        aggregates=[A(5, None, "签约", "东海县")],
    ),
    dict(
        id="t25", kind="aggregate", variant="simplified", fmt="txt", encoding="utf-8",
        text="""总投资超千亿元！我市重大产业项目建设如火如荼
今年以来，全市共有在建重大产业项目213个，计划总投资1360亿元，其中百亿级项目5个、五十亿级项目12个。截至6月底，已有36个项目竣工投产。""",
        projects=[],
        aggregates=[A(213, 13600000, None, "连云港市"), A(5, None, None, "连云港市"), A(12, None, None, "连云港市"), A(36, None, "投产", "连云港市")],
    ),
    dict(
        id="t26", kind="other_city", variant="traditional", fmt="html", encoding="utf-8",
        text="""宁波石化经济技术开发区一百亿级项目开工
近日，浙江石油化工有限公司高端新材料项目在宁波石化经济技术开发区开工建设。项目总投资约100亿元，主要建设年产40万吨聚碳酸酯及配套装置。""",
        projects=[P("高端新材料项目", ["浙江石油化工有限公司"], 1000000, "开工", "宁波石化经济技术开发区", "新材料", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t27", kind="negotiating", variant="simplified", fmt="txt", encoding="utf-8",
        text="""客商来连考察 共谋合作发展
6月21日，天津华海清科集团有限公司董事长一行来连云港经济技术开发区考察，实地察看了半导体产业园载体情况。双方就华海清科在开发区布局半导体装备零部件生产基地进行了深入交流，初步达成合作意向。""",
        projects=[P("半导体装备零部件生产基地", ["天津华海清科集团有限公司"], None, "洽谈", LYG_DEV, None)],
        aggregates=[],
    ),
    dict(
        id="t28", kind="none", variant="simplified", fmt="txt", encoding="utf-8",
        text="""我市出台“项目为王”十条措施
近日，市委、市政府印发《关于强化“项目为王”鲜明导向推动重大项目建设的若干措施》。措施明确，对新引进的总投资10亿元以上的制造业项目，按其设备投资额的5%给予奖励，最高不超过5000万元；对年度考核排名前三的县区，分别给予1000万元、800万元、500万元的专项奖励。""",
        projects=[],
        aggregates=[],
    ),
    dict(
        id="t29", kind="single", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""江苏斯尔邦石化增资扩产
日前，江苏斯尔邦石化有限公司宣布增资5亿元，用于建设年产10万吨高端EVA光伏料扩能项目，项目已完成环评公示，计划年内开工。""",
        projects=[P("年产10万吨高端EVA光伏料扩能项目", ["江苏斯尔邦石化有限公司"], 50000, None, None, "石化")],
        aggregates=[],
    ),
    dict(
        id="t30", kind="multi", variant="simplified", fmt="txt", encoding="gbk",
        text="""灌云临港产业区两个项目同日竣工
12月28日，灌云临港产业区江苏嘉宏新材料有限公司年产15万吨环氧丙烷项目和连云港德邦化工有限公司年产5万吨表面活性剂项目同日竣工。两个项目总投资分别为42亿元、6.8亿元，均为今年省重大项目。""",
        projects=[
            P("年产15万吨环氧丙烷项目", ["江苏嘉宏新材料有限公司"], 420000, "竣工", "灌云临港产业区", "石化"),
            P("年产5万吨表面活性剂项目", ["连云港德邦化工有限公司"], 68000, "竣工", "灌云临港产业区", "石化"),
        ],
        aggregates=[A(2, None, "竣工", "灌云临港产业区")],
    ),
    # --- third held-out batch: written after all rule changes and scored once, never tuned on ---
    dict(
        id="t31", kind="single", variant="simplified", fmt="txt", encoding="utf-8",
        text="""赣榆区在沪举行新能源产业推介会
上海推介会上，赣榆区与远景科技集团签订协议，远景将投资80亿元在赣榆区建设零碳产业园项目，打造以风电装备、储能和绿色氢能为主的新能源产业集群。""",
        projects=[P("零碳产业园项目", ["远景科技集团"], 800000, "签约", "赣榆区", None)],
        aggregates=[],
    ),
    dict(
        id="t32", kind="single", variant="traditional", fmt="txt", encoding="big5",
        text="""连云港高新区：江苏瑞声精密电子有限公司声学器件项目首批产品下线
近日，江苏瑞声精密电子有限公司声学器件项目在连云港高新区首批产品成功下线。该项目由瑞声科技控股有限公司投资建设，总投资12亿元，达产后年产微型扬声器1.5亿只。""",
        projects=[P("声学器件项目", ["江苏瑞声精密电子有限公司", "瑞声科技控股有限公司"], 120000, "投产", LYG_HTZ, None)],
        aggregates=[],
    ),
    dict(
        id="t33", kind="multi", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""我市组织开展重大项目观摩活动
9月12日至13日，全市重大项目观摩活动举行。观摩团先后察看了中化循环经济产业园二期项目、恒瑞医药创新药基地项目等12个重大项目，总投资356亿元。""",
        projects=[
            P("中化循环经济产业园二期项目", [], None, None, None, None),
            P("恒瑞医药创新药基地项目", ["恒瑞医药"], None, None, None, "生物医药"),
        ],
        aggregates=[A(12, 3560000, None, "连云港市")],
    ),
    dict(
        id="t34", kind="negotiating", variant="simplified", fmt="txt", encoding="utf-8",
        text="""市长与沙特阿美高管视频会谈
3月2日，市长与沙特阿拉伯国家石油公司高管举行视频会谈，双方就沙特阿美参与连云港石化产业基地炼化一体化项目进行交流。该项目拟投资约50亿美元。""",
        projects=[P("炼化一体化项目", ["沙特阿拉伯国家石油公司", "沙特阿美"], None, "洽谈", "连云港石化产业基地", "石化",
                    currency="USD", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t35", kind="other_city", variant="simplified", fmt="html", encoding="utf-8",
        text="""南通如东：中天科技海缆项目投产
6月30日，位于南通市如东县洋口港经济开发区的中天科技海缆股份有限公司海洋能源装备产业基地项目正式投产。项目总投资超50亿元，主要生产海底电缆和海洋工程装备。""",
        projects=[P("海洋能源装备产业基地项目", ["中天科技海缆股份有限公司"], 500000, "投产", "洋口港经济开发区", None, qualifier="超")],
        aggregates=[],
    ),
    dict(
        id="t36", kind="aggregate", variant="traditional", fmt="txt", encoding="utf-8",
        text="""一季度我市招商引资实现开门红
一季度，全市新签约亿元以上产业项目186个，协议投资额达1268亿元，同比增长23.5%；新开工亿元以上项目142个，其中10亿元以上项目31个。""",
        projects=[],
        aggregates=[A(186, 12680000, "签约", "连云港市"), A(142, None, "开工", "连云港市"), A(31, None, "开工", "连云港市")],
    ),
    dict(
        id="t37", kind="single", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""灌南县新落地一家新材料企业
日前，江苏恒润高分子材料有限公司在灌南经济开发区完成注册，注册资本1亿元。该公司计划投资3.5亿元建设年产5万吨高分子改性材料项目。""",
        projects=[P("年产5万吨高分子改性材料项目", ["江苏恒润高分子材料有限公司"], 35000, "落地", "灌南经济开发区", "新材料")],
        aggregates=[],
    ),
    dict(
        id="t38", kind="multi", variant="simplified", fmt="txt", encoding="utf-8",
        text="""开发区与两家生物医药企业签约
4月18日，连云港经济技术开发区与江苏天士力帝益药业有限公司（以下简称“天士力帝益”）、南京正科医药股份有限公司分别签署合作协议。根据协议，天士力帝益将投资15亿元建设中药创新药产业化基地项目；正科医药将投资6亿元建设高端原料药生产项目。""",
        projects=[
            P("中药创新药产业化基地项目", ["江苏天士力帝益药业有限公司"], 150000, "签约", LYG_DEV, "生物医药"),
            P("高端原料药生产项目", ["南京正科医药股份有限公司"], 60000, "签约", LYG_DEV, "生物医药"),
        ],
        aggregates=[A(2, None, "签约", LYG_DEV)],
    ),
    dict(
        id="t39", kind="none", variant="simplified", fmt="txt", encoding="gbk",
        text="""恒瑞医药发布2024年年报
3月31日，江苏恒瑞医药股份有限公司发布2024年年度报告。报告期内，公司实现营业收入279.85亿元，同比增长22.6%；实现归母净利润63.37亿元，研发投入82.28亿元。""",
        projects=[],
        aggregates=[],
    ),
    dict(
        id="t40", kind="single", variant="traditional", fmt="html", encoding="utf-8",
        text="""徐圩新区公共管廊项目建成交付
近日，由连云港徐圩港口投资集团有限公司投资建设的徐圩新区公共管廊二期项目全面建成并交付使用，项目总投资8.2亿元，管廊全长32公里。""",
        projects=[P("徐圩新区公共管廊二期项目", ["连云港徐圩港口投资集团有限公司"], 82000, "竣工", "徐圩新区", None)],
        aggregates=[],
    ),
]
