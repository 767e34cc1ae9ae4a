"""连云港's real units, departments and chain-leader firms, written from ../shared/reference/lianyungang.md.

Facts only; anything synthetic lives in generator.py and is flagged ``is_demo``.
"""

from __future__ import annotations

CITY = {"code": "lyg", "name": "连云港市", "short_name": "连云港市", "admin_code": "320700"}

# (code, name, short name, kind, admin code, sort, description)
DISTRICTS = [
    ("haizhou", "海州区", "海州区", "district", "320706", 1, "市政府驻地；新医药、医疗器械、装备制造"),
    ("lianyun", "连云区", "连云区", "district", "320703", 2, "港口区；港口物流、核电、新材料（碳纤维、氨纶）"),
    ("ganyu", "赣榆区", "赣榆区", "district", "320707", 3, "新能源光伏、石化新材料、钢铁冶金及装备制造"),
    ("donghai", "东海县", "东海县", "district", "320722", 4, "硅材料/石英、光伏、新材料"),
    ("guanyun", "灌云县", "灌云县", "district", "320723", 5, "化工新材料、新能源、循环经济"),
    ("guannan", "灌南县", "灌南县", "district", "320724", 6, "精细化工、原料药、船舶、物流"),
    ("kaifaqu", "连云港经济技术开发区", "市开发区", "zone", "", 7, "国家级经开区；新医药、新材料、新能源、高端装备"),
    ("xuwei", "徐圩新区", "徐圩新区", "zone", "", 8, "连云港石化产业基地；石化、高端装备、高性能新材料"),
    ("gaoxin", "连云港高新技术产业开发区", "高新区", "zone", "", 9, "国家高新区；装备制造、生物医药、电子信息、新材料"),
    ("yuntaishan", "云台山景区", "云台山景区", "zone", "", 10, "文旅"),
]

# (code, parent code, name, short name)
PARKS = [
    ("haizhou-etdz", "haizhou", "海州经济开发区", "海州经开区"),
    ("haizhou-industrial", "haizhou", "海州工业园", "海州工业园"),
    ("ganyu-zhewang", "ganyu", "柘汪临港产业区", "柘汪临港产业区"),
    ("ganyu-marine", "ganyu", "赣榆海洋经济开发区", "赣榆海洋经开区"),
    ("donghai-etdz", "donghai", "东海经济开发区", "东海经开区"),
    ("donghai-hitech", "donghai", "东海高新技术产业开发区", "东海高新区"),
    ("guanyun-port", "guanyun", "灌云县临港产业区", "灌云临港产业区"),
    ("guannan-chempark", "guannan", "江苏连云港化工产业园", "连云港化工产业园"),
    ("guannan-industrial", "guannan", "灌南工业园", "灌南工业园"),
    ("kaifaqu-pharma", "kaifaqu", "中华药港", "中华药港"),
    ("kaifaqu-bonded", "kaifaqu", "连云港综合保税区", "综合保税区"),
    ("xuwei-petrochem", "xuwei", "连云港石化产业基地", "石化产业基地"),
    ("xuwei-sinochem", "xuwei", "中化连云港循环经济产业园", "中化循环经济产业园"),
]

# Factor departments (部门) under the city: (code, name, short name)
DEPARTMENTS = [
    ("dept-commerce", "连云港市商务局", "市商务局"),
    ("dept-ndrc", "连云港市发展和改革委员会", "市发改委"),
    ("dept-land", "连云港市自然资源和规划局", "市自然资源和规划局"),
    ("dept-approval", "连云港市行政审批局", "市行政审批局"),
    ("dept-ecology", "连云港市生态环境局", "市生态环境局"),
    ("dept-finance", "连云港市地方金融监督管理局", "市金融监管局"),
    ("dept-hr", "连云港市人力资源和社会保障局", "市人社局"),
    ("dept-industry", "连云港市工业和信息化局", "市工信局"),
]

# Chain leaders and anchor firms: (name, short name, unit code, chain, listed code, note)
CHAIN_LEADERS = [
    ("盛虹炼化（连云港）有限公司", "盛虹炼化", "xuwei", "石化", "000301.SZ", "1600万吨/年炼化一体化，PX、乙烯"),
    ("江苏斯尔邦石化有限公司", "斯尔邦", "xuwei", "石化", "", "醇基多联产：PDH、EVA、丙烯腈、MMA、EO"),
    ("江苏虹港石化有限公司", "虹港石化", "xuwei", "石化", "", "PTA"),
    ("连云港石化有限公司", "卫星化学（连云港）", "xuwei", "石化", "002648.SZ", "乙烷制烯烃及C2衍生物"),
    ("中化国际（控股）股份有限公司", "中化国际", "xuwei", "石化", "600500.SH", "碳三产业链、环氧树脂"),
    ("新海石化", "新海石化", "ganyu", "石化", "", "炼油、丙烯→聚丙烯"),
    ("浙江嘉澳环保科技股份有限公司", "嘉澳环保", "guanyun", "石化", "", "生物质化工新材料、可持续航空燃料"),
    ("江苏恒瑞医药股份有限公司", "恒瑞医药", "kaifaqu", "生物医药", "600276.SH", "创新药与仿制药"),
    ("江苏豪森药业集团有限公司", "豪森药业", "kaifaqu", "生物医药", "3692.HK", "肿瘤、中枢神经、抗感染、代谢"),
    ("正大天晴药业集团股份有限公司", "正大天晴", "kaifaqu", "生物医药", "1177.HK", "肝病、肿瘤、呼吸"),
    ("江苏康缘药业股份有限公司", "康缘药业", "kaifaqu", "生物医药", "600557.SH", "现代中药"),
    ("江苏诺泰澳赛诺生物制药股份有限公司", "诺泰生物", "kaifaqu", "生物医药", "688076.SH", "多肽与小分子原料药、CDMO"),
    ("中复神鹰碳纤维股份有限公司", "中复神鹰", "kaifaqu", "新材料", "688295.SH", "干喷湿纺碳纤维"),
    ("连云港中复连众复合材料集团有限公司", "中复连众", "kaifaqu", "新材料", "", "风电叶片、复合材料"),
    ("江苏鹰游纺机有限公司", "鹰游纺机", "gaoxin", "新材料", "", "纺机、碳纤维成套设备"),
    ("江苏太平洋石英股份有限公司", "石英股份", "donghai", "新材料", "603688.SH", "高纯石英砂、石英管棒"),
    ("江苏联瑞新材料股份有限公司", "联瑞新材", "donghai", "新材料", "688300.SH", "球形硅微粉、球形氧化铝"),
]

DEMO_PASSWORD = "Lyg@2026demo"

# (username, full name, role, unit code, title)
DEMO_USERS = [
    ("city_admin", "王建国", "city_admin", "lyg", "市商务局投资促进中心主任"),
    ("leader", "李振华", "leader", "lyg", "市领导"),
    ("haizhou", "陈晓燕", "unit_officer", "haizhou", "海州区招商专员"),
    ("lianyun", "周海涛", "unit_officer", "lianyun", "连云区招商专员"),
    ("ganyu", "吴立新", "unit_officer", "ganyu", "赣榆区招商专员"),
    ("donghai", "孙丽娟", "unit_officer", "donghai", "东海县招商专员"),
    ("guanyun", "朱文斌", "unit_officer", "guanyun", "灌云县招商专员"),
    ("guannan", "胡春梅", "unit_officer", "guannan", "灌南县招商专员"),
    ("kaifaqu", "郭志强", "unit_officer", "kaifaqu", "市开发区招商专员"),
    ("xuwei", "马骏", "unit_officer", "xuwei", "徐圩新区招商专员"),
    ("gaoxin", "何静", "unit_officer", "gaoxin", "高新区招商专员"),
    ("taskforce", "林峰", "task_force_member", "xuwei", "石化产业链招商专班成员"),
    ("land_dept", "高雪", "department_officer", "dept-land", "市自然资源和规划局用地保障科"),
    ("approval_dept", "罗明", "department_officer", "dept-approval", "市行政审批局项目服务科"),
    ("sysadmin", "赵系统", "system_admin", "lyg", "系统管理员"),
    ("secadmin", "钱安全", "security_admin", "lyg", "安全管理员"),
    ("auditor", "孙审计", "audit_admin", "lyg", "审计管理员"),
]
