"""Held-out batch 6 of the lead-mining labelled set (t83–t102): written and labelled after the fixes of
batch 5 were committed, before the extractor was run on any of these texts.

Styles the earlier batches hold little of: 人民网/新华社 regional reports (datelines 人民网南京…电),
firms named by a short name after the first mention (（以下简称“中泰化学”）, 简称…), a 江苏省发改委
重大项目 list with numbered items and 建设地点, a 开发区管委会 annual summary with a project table and a
进展 column, a securities-exchange 投资者关系活动记录表 (问/答), a mayor's 招商推介会 speech, foreign
investment news (日资, 韩资, 台资, 港资), 增资扩产 and 技改 of local firms, 竣工 reports, a 推介会
project list written as key–value lines (项目名称：…；投资方：…), an announcement of a capital increase
in a subsidiary, a text about another city, three aggregate-only texts; Big5, GBK, GB18030, BOM,
traditional and pinyin.

Gold conventions are those of corpus_dev.py, corpus_test4.py and corpus_test5.py, plus, decided before
writing:
- a firm introduced with its short name (X股份有限公司（以下简称“X股份”）) is one firm, labelled by the
  full name; later sentences naming it by the short name refer to it;
- 技改 / 技术改造 / 增资扩产 projects are projects of the firm that carries them out;
- a list of a province's 重大项目 gives no stage (being listed is no fact of signing or building);
- a table's 进展 column gives the stage (已投产 → 投产, 主体完工 / 在建 → 开工, 已签约 → 签约);
- a capital increase (增资X亿元) is not the investment when the project's total is stated; it is when
  it is the only figure and is said to be for the project;
- a speech's list of firms that came earlier (…等一批龙头企业相继落户) makes no project.
"""

from __future__ import annotations

from typing import Any

from corpus_dev import A, P

DEV = "连云港经济技术开发区"
HTZ = "连云港高新技术产业开发区"
BASE = "连云港石化产业基地"

DOCS: list[dict[str, Any]] = [
    dict(
        id="t83", kind="single", variant="simplified", fmt="html", encoding="utf-8",
        text="""中泰化学40亿元PBAT项目落户连云港赣榆
人民网南京6月12日电 （记者 王伟）日前，连云港市赣榆区人民政府与新疆中泰化学股份有限公司（以下简称“中泰化学”）签订投资合作协议。根据协议，中泰化学将在赣榆区柘汪临港产业区投资建设年产30万吨PBAT可降解材料项目，总投资约40亿元，一期计划于今年底开工。
中泰化学相关负责人表示，选择赣榆主要看中当地的港口条件和化工园区配套。赣榆区有关负责人介绍，今年以来该区已签约亿元以上产业项目28个。""",
        projects=[P("年产30万吨PBAT可降解材料项目", ["新疆中泰化学股份有限公司"], 400000, "签约", "柘汪临港产业区", "新材料",
                    qualifier="约")],
        aggregates=[A(28, None, "签约", "赣榆区")],
    ),
    dict(
        id="t84", kind="single", variant="traditional", fmt="txt", encoding="big5",
        text="""连云港：百亿级丙烷脱氢项目建成投产
新华社南京9月20日电（记者 朱国亮）记者从江苏省连云港市获悉，位于连云港石化产业基地的江苏嘉宏新材料有限公司（简称“嘉宏新材”）年产90万吨丙烷脱氢及下游深加工项目20日建成投产。
据介绍，该项目总投资约110亿元，2022年8月开工建设。嘉宏新材负责人说，项目投产后每年可实现产值约150亿元。""",
        projects=[P("年产90万吨丙烷脱氢及下游深加工项目", ["江苏嘉宏新材料有限公司"], 1100000, "投产", BASE, "石化", qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t85", kind="multi", variant="simplified", fmt="txt", encoding="utf-8",
        text="""江苏省2024年重大项目清单（连云港市部分）
江苏省发展和改革委员会
二、实施项目
（八）连云港市
96. 年产120万吨绿色新材料一体化项目，建设单位：江苏虹港石化有限公司，总投资160亿元，建设地点：徐圩新区。
97. 高端医用耗材及生物材料产业化项目，建设单位：江苏恒瑞医药股份有限公司，总投资26亿元，建设地点：连云港经济技术开发区。
98. 500千伏田湾—伊芦输变电工程，建设单位：国网江苏省电力有限公司连云港供电分公司，总投资12.3亿元，建设地点：连云区。
99. 年产5万吨超高分子量聚乙烯纤维项目，建设单位：连云港神鹰纤维科技有限公司，总投资18亿元，建设地点：连云港高新区。""",
        projects=[
            P("年产120万吨绿色新材料一体化项目", ["江苏虹港石化有限公司"], 1600000, None, "徐圩新区", "新材料"),
            P("高端医用耗材及生物材料产业化项目", ["江苏恒瑞医药股份有限公司"], 260000, None, DEV, "生物医药"),
            P("500千伏田湾—伊芦输变电工程", ["国网江苏省电力有限公司连云港供电分公司"], 123000, None, "连云区", None),
            P("年产5万吨超高分子量聚乙烯纤维项目", ["连云港神鹰纤维科技有限公司"], 180000, None, HTZ, "新材料"),
        ],
        aggregates=[],
    ),
    dict(
        id="t86", kind="multi", variant="simplified", fmt="html", encoding="gb18030",
        text="""连云港高新区管委会2024年工作总结
2024年，高新区坚持项目为王，全年新签约亿元以上项目36个，协议投资额286亿元；新开工亿元以上项目22个，竣工亿元以上项目15个。重点项目推进情况如下：
项目名称\t投资主体\t总投资（亿元）\t进展情况
智能光伏跟踪支架生产基地项目\t江苏中信博新能源科技股份有限公司\t15\t已投产
高端数控机床项目\t连云港杰瑞机床有限公司\t8.6\t主体完工
工业软件产业园项目\t南京国睿信息技术有限公司\t5\t已开工
算力中心项目\t江苏云创数据科技有限公司\t20\t已签约
2025年，高新区将聚焦智能制造、数字经济两大主导产业，力争新签约亿元以上项目40个。""",
        projects=[
            P("智能光伏跟踪支架生产基地项目", ["江苏中信博新能源科技股份有限公司"], 150000, "投产", HTZ, None),
            P("高端数控机床项目", ["连云港杰瑞机床有限公司"], 86000, "开工", HTZ, None),
            P("工业软件产业园项目", ["南京国睿信息技术有限公司"], 50000, "开工", HTZ, None),
            P("算力中心项目", ["江苏云创数据科技有限公司"], 200000, "签约", HTZ, None),
        ],
        aggregates=[A(36, 2860000, "签约", HTZ), A(22, None, "开工", HTZ), A(15, None, "竣工", HTZ)],
    ),
    dict(
        id="t87", kind="announcement", variant="simplified", fmt="txt", encoding="utf-8",
        text="""证券代码：688295 证券简称：中复神鹰
中复神鹰碳纤维股份有限公司投资者关系活动记录表
编号：2024-012
投资者关系活动类别：特定对象调研、电话会议
参与单位名称：中信证券、华泰证券、易方达基金等
时间：2024年5月16日
地点：公司会议室
一、公司2023年经营情况介绍（略）
二、问答环节
问：公司连云港项目的进展如何？
答：公司在连云港投资建设的年产3万吨高性能碳纤维及配套原丝项目总投资50亿元，一期1.4万吨已于2023年底投产，二期正在有序建设中，预计2025年全部建成。
问：公司对碳纤维价格走势如何看待？
答：目前行业处于周期底部，公司将通过降本增效应对。""",
        projects=[P("年产3万吨高性能碳纤维及配套原丝项目", ["中复神鹰碳纤维股份有限公司"], 500000, "投产", "连云港市", "新材料")],
        aggregates=[],
    ),
    dict(
        id="t88", kind="aggregate", variant="simplified", fmt="txt", encoding="utf-8",
        text="""在2024连云港（上海）投资环境说明会上的致辞
连云港市人民政府市长
（2024年4月18日）
尊敬的各位来宾，女士们、先生们、朋友们：
大家好！春和景明，万物勃发。今天，我们在上海举办连云港投资环境说明会，诚挚邀请各位企业家到连云港投资兴业。
连云港是新亚欧大陆桥东方桥头堡，是国家七大石化产业基地之一。近年来，盛虹、卫星化学、中化国际、恒瑞医药等一批龙头企业在这里发展壮大，石化、生物医药、新材料三大主导产业集群加快成势。去年，全市新签约亿元以上产业项目332个，实际使用外资7.1亿美元。
今天，又有18个项目现场签约，总投资216亿元。我们将以最优的服务、最好的环境，全力支持项目早落地、早投产。
谢谢大家！""",
        projects=[],
        aggregates=[A(332, None, "签约", "连云港市"), A(18, 2160000, "签约", "连云港市")],
    ),
    dict(
        id="t89", kind="single", variant="simplified", fmt="txt", encoding="gb18030",
        text="""日资企业追加投资 东丽连云港高性能膜材料项目开工
5月9日，日资企业东丽株式会社在连云港经济技术开发区投资的高性能反渗透膜材料项目正式开工。项目由东丽全资子公司东丽蓝星水处理（连云港）有限公司实施，总投资1.2亿美元，主要生产海水淡化及工业废水处理用反渗透膜元件。
东丽中国区负责人表示，这是东丽今年在华最大的新增投资。开发区今年已累计新设外资企业11家。""",
        projects=[P("高性能反渗透膜材料项目", ["东丽株式会社", "东丽蓝星水处理（连云港）有限公司"], None, "开工", DEV, "新材料",
                    currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t90", kind="hk_tw", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""韩资项目落户徐圩 乐天化学投资建设特种化学品项目
本报讯 10月15日，韩国乐天化学株式会社与连云港徐圩新区管委会签订投资协议，将在连云港石化产业基地投资建设年产10万吨碳酸酯类锂电池电解液溶剂项目，总投资2.3亿美元。乐天化学方面表示，项目将于明年上半年开工。""",
        projects=[P("年产10万吨碳酸酯类锂电池电解液溶剂项目", ["乐天化学株式会社"], None, "签约", BASE, "新材料", currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t91", kind="hk_tw", variant="traditional", fmt="html", encoding="big5",
        text="""长春集团增资连云港厂 扩建电子级化学品产线
（经济日报记者台北报导）台资长春集团旗下长春化工（江苏）有限公司昨（8）日宣布，将增资1.5亿美元扩建连云港厂年产6万吨电子级双氧水及硫酸项目，预计明年第三季完工投产。长春化工表示，扩产后可供应华东地区半导体客户。""",
        projects=[P("年产6万吨电子级双氧水及硫酸项目", ["长春集团", "长春化工（江苏）有限公司"], None, None, "连云港市", "新材料",
                    currency="USD")],
        aggregates=[],
    ),
    dict(
        id="t92", kind="single", variant="simplified", fmt="txt", encoding="utf-8",
        text="""增资扩产！这家本土企业再投15亿元
近日，连云港鹏飞特种合金有限公司与海州经济开发区签订增资扩产协议，企业将追加投资15亿元，新建年产3万吨高温合金及精密锻件项目。
鹏飞合金成立于2009年，是海州区首家省级专精特新“小巨人”企业。此次增资扩产项目计划今年9月开工，达产后企业年产值将突破40亿元。""",
        projects=[P("年产3万吨高温合金及精密锻件项目", ["连云港鹏飞特种合金有限公司"], 150000, "签约", "海州经济开发区", "新材料")],
        aggregates=[],
    ),
    dict(
        id="t93", kind="multi", variant="simplified", fmt="html", encoding="utf-8",
        text="""灌南：技改扩能激活工业发展新动能
今年以来，灌南县把技术改造作为推动工业转型的重要抓手。在江苏中邦制药有限公司，智能化技改项目已完成设备安装调试，该项目总投资3.5亿元，新上连续流反应生产线4条。
在江苏灌南经济开发区，连云港华缘化工有限公司年产2万吨精细化学品技改项目于6月投产，总投资2.2亿元。
1—8月，全县完成工业技改投资48亿元，同比增长21%。""",
        projects=[
            P("智能化技改项目", ["江苏中邦制药有限公司"], 35000, "开工", "灌南县", "生物医药"),
            P("年产2万吨精细化学品技改项目", ["连云港华缘化工有限公司"], 22000, "投产", "灌南经济开发区", "石化"),
        ],
        aggregates=[],
    ),
    dict(
        id="t94", kind="single", variant="simplified", fmt="txt", encoding="utf-8-sig",
        text="""东海县硅材料产业再添重器 晶瑞新材石英坩埚项目竣工
9月28日，江苏晶瑞新材料科技有限公司年产8万只大尺寸石英坩埚项目在东海高新区竣工。项目总投资6.5亿元，去年11月开工建设，目前设备已进入调试阶段，预计10月底正式投产。
晶瑞新材总经理介绍，项目产品主要配套光伏单晶硅生产企业。""",
        projects=[P("年产8万只大尺寸石英坩埚项目", ["江苏晶瑞新材料科技有限公司"], 65000, "竣工", "东海高新区", "新材料")],
        aggregates=[],
    ),
    dict(
        id="t95", kind="multi", variant="simplified", fmt="txt", encoding="gbk",
        text="""两家上市公司同日落子连云港开发区
7月22日，连云港经济技术开发区分别与浙江医药股份有限公司（简称“浙江医药”）、江苏联瑞新材料股份有限公司（简称“联瑞新材”）签署投资协议。
根据协议，浙江医药将投资22亿元建设创新制剂及原料药产业化基地项目；联瑞新材将投资9.8亿元建设高端芯片封装用球形粉体材料项目。两个项目均计划年内开工。""",
        projects=[
            P("创新制剂及原料药产业化基地项目", ["浙江医药股份有限公司"], 220000, "签约", DEV, "生物医药"),
            P("高端芯片封装用球形粉体材料项目", ["江苏联瑞新材料股份有限公司"], 98000, "签约", DEV, "新材料"),
        ],
        aggregates=[],
    ),
    dict(
        id="t96", kind="aggregate", variant="simplified", fmt="html", encoding="utf-8",
        text="""徐圩新区1—10月经济运行情况
1—10月，徐圩新区完成规上工业总产值1386亿元，同比增长26.4%；完成固定资产投资412亿元。
项目建设方面，新区新开工亿元以上产业项目19个，总投资356亿元；在建亿元以上产业项目54个；竣工投产亿元以上项目12个。招商引资方面，新签约亿元以上项目27个，协议投资额621亿元，其中外资项目5个。
下一步，新区将紧盯年度目标，加快推进在建项目建设。""",
        projects=[],
        aggregates=[A(19, 3560000, "开工", "徐圩新区"), A(54, None, None, "徐圩新区"), A(12, None, "投产", "徐圩新区"),
                    A(27, 6210000, "签约", "徐圩新区"), A(5, None, "签约", "徐圩新区")],
    ),
    dict(
        id="t97", kind="aggregate", variant="traditional_pinyin", fmt="txt", encoding="utf-8",
        text="""连云港自贸片区挂牌五周年 累计引进项目156个
8月30日，记者从中国（江苏）自由贸易试验区连云港片区获悉，挂牌五年来，片区累计新设企业2.1万家，引进重大产业项目156个，总投资1268亿元。
片区有关负责人表示，将继续用好自贸试验区改革试点经验，推动更多项目落地见效。""",
        projects=[],
        aggregates=[A(156, 12680000, "签约", "连云港片区")],
    ),
    dict(
        id="t98", kind="negotiating", variant="simplified", fmt="txt", encoding="gbk",
        text="""市长会见中国宝武客人
11月6日，市长在连云港会见了中国宝武钢铁集团有限公司副总经理一行。
双方围绕宝武氢基竖炉短流程炼钢示范项目进行了深入交流。市长表示，连云港将全力做好要素保障，推动项目尽快落地。宝武方面介绍，项目初步选址赣榆区柘汪临港产业区，计划总投资约65亿元。
市领导及赣榆区主要负责同志参加会见。""",
        projects=[P("宝武氢基竖炉短流程炼钢示范项目", ["中国宝武钢铁集团有限公司"], 650000, "洽谈", "柘汪临港产业区", None,
                    qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t99", kind="hk_tw", variant="simplified", fmt="html", encoding="utf-8",
        text="""港资华润电力加码连云港新能源 灌云海上风电项目全容量并网
中新网连云港12月26日电 （记者 张鹏）记者26日从华润电力控股有限公司获悉，其投资建设的灌云300兆瓦海上风电项目日前实现全容量并网发电。项目总投资约48亿元，位于灌云县燕尾港以东海域，2023年3月开工建设。
华润电力相关负责人表示，项目每年可提供清洁电能约8亿千瓦时。""",
        projects=[P("灌云300兆瓦海上风电项目", ["华润电力控股有限公司"], 480000, "投产", "灌云县", None, qualifier="约")],
        aggregates=[],
    ),
    dict(
        id="t100", kind="fair", variant="simplified", fmt="txt", encoding="utf-8",
        text="""连云港（深圳）新能源产业招商推介会签约项目一览
推介会现场签约项目3个，总投资63亿元，具体如下：
一、新型储能电池项目
投资方：深圳市德方纳米科技股份有限公司
总投资：35亿元
建设地点：连云港经济技术开发区
二、光伏逆变器生产基地项目
投资方：深圳古瑞瓦特新能源有限公司
总投资：18亿元
建设地点：东海县
三、氢燃料电池电堆项目
投资方：深圳市雄韬电源科技股份有限公司
总投资：10亿元
建设地点：连云港高新区""",
        projects=[
            P("新型储能电池项目", ["深圳市德方纳米科技股份有限公司"], 350000, "签约", DEV, None),
            P("光伏逆变器生产基地项目", ["深圳古瑞瓦特新能源有限公司"], 180000, "签约", "东海县", None),
            P("氢燃料电池电堆项目", ["深圳市雄韬电源科技股份有限公司"], 100000, "签约", HTZ, None),
        ],
        aggregates=[A(3, 630000, "签约", "连云港市")],
    ),
    dict(
        id="t101", kind="other_city", variant="simplified", fmt="txt", encoding="utf-8",
        text="""徐州经开区：协鑫集团20GW光伏组件项目开工
本报讯 3月18日，协鑫集成科技股份有限公司（简称“协鑫集成”）年产20GW高效光伏组件项目在徐州经济技术开发区开工建设。项目总投资62亿元，协鑫集成将通过其子公司徐州协鑫光伏科技有限公司实施。徐州经开区今年一季度已开工亿元以上项目41个。""",
        projects=[P("年产20GW高效光伏组件项目", ["协鑫集成科技股份有限公司", "徐州协鑫光伏科技有限公司"], 620000, "开工",
                    "徐州经济技术开发区", None)],
        aggregates=[A(41, None, "开工", "徐州经济技术开发区")],
    ),
    dict(
        id="t102", kind="announcement", variant="traditional", fmt="txt", encoding="utf-8",
        text="""证券代码：603026 证券简称：胜华新材 公告编号：临2024-058
胜华新材料集团股份有限公司关于向全资子公司增资的公告
本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏。
重要内容提示：
●增资标的名称：胜华新材料科技（连云港）有限公司
●增资金额：人民币10亿元
一、增资概述
为推进年产20万吨电解液项目建设，公司拟以自有资金向全资子公司胜华新材料科技（连云港）有限公司增资10亿元。该项目位于连云港徐圩新区，总投资30亿元，已于2024年3月开工建设。""",
        projects=[P("年产20万吨电解液项目", ["胜华新材料集团股份有限公司", "胜华新材料科技（连云港）有限公司"], 300000, "开工", "徐圩新区",
                    "新材料")],
        aggregates=[],
    ),
]
