"""Pinyin (tone marks) of simplified characters that OpenCC s2t converts, for annotated variants.

Sites that republish in traditional characters put the pinyin of each converted character
after it: 經(jīng)濟(jì). One common reading per character (as those sites do).
"""

_RAW = """
万wàn 与yǔ 业yè 丛cóng 东dōng 丝sī 两liǎng 严yán 丧sàng 个gè 丰fēng 临lín 为wèi 丽lì 举jǔ 么me 义yì 乌wū 乐lè 乔qiáo 习xí 乡xiāng
书shū 买mǎi 乱luàn 争zhēng 于yú 亏kuī 云yún 亚yà 产chǎn 亩mǔ 亲qīn 亿yì 仅jǐn 从cóng 仑lún 仓cāng 仪yí 们men 价jià 众zhòng 优yōu
伙huǒ 会huì 伟wěi 传chuán 伤shāng 伦lún 伪wěi 体tǐ 余yú 佣yōng 侠xiá 侧cè 侨qiáo 债zhài 倾qīng 偿cháng 储chǔ 儿ér 克kè 兑duì 党dǎng
兰lán 关guān 兴xīng 兹zī 养yǎng 兽shòu 内nèi 冈gāng 册cè 写xiě 军jūn 农nóng 冯féng 冲chōng 决jué 况kuàng 冻dòng 净jìng 减jiǎn 凤fèng
几jǐ 凯kǎi 击jī 凿záo 刘liú 则zé 刚gāng 创chuàng 删shān 别bié 刹shā 制zhì 刹chà 剂jì 剑jiàn 剧jù 劝quàn 办bàn 务wù 动dòng 励lì 劲jìn
劳láo 势shì 勋xūn 区qū 医yī 华huá 协xié 单dān 卖mài 卢lú 卫wèi 却què 厂chǎng 厅tīng 历lì 压yā 厌yàn 厕cè 厦shà 县xiàn 参cān
双shuāng 发fā 变biàn 叙xù 台tái 叶yè 号hào 叹tàn 吁xū 后hòu 吓xià 吗ma 启qǐ 吴wú 吨dūn 员yuán 听tīng 呜wū 咨zī 响xiǎng 哑yǎ
唤huàn 啬sè 园yuán 围wéi 国guó 图tú 圆yuán 圣shèng 场chǎng 坏huài 块kuài 坚jiān 坛tán 坝bà 坞wù 坠zhuì 垄lǒng 垒lěi 垦kěn
垫diàn 埘shí 堕duò 墙qiáng 壮zhuàng 声shēng 处chù 备bèi 复fù 够gòu 头tóu 夸kuā 夹jiā 夺duó 奋fèn 奖jiǎng 妆zhuāng 妇fù 娄lóu
娱yú 婴yīng 孙sūn 学xué 宁níng 宝bǎo 实shí 宠chǒng 审shěn 宪xiàn 宫gōng 宽kuān 宾bīn 对duì 寻xún 导dǎo 寿shòu 将jiāng 尔ěr
尘chén 尝cháng 层céng 属shǔ 岁suì 岂qǐ 岗gǎng 岛dǎo 岭lǐng 岳yuè 峡xiá 币bì 师shī 帐zhàng 带dài 帮bāng 广guǎng 庆qìng 库kù
应yīng 庙miào 废fèi 开kāi 异yì 弃qì 张zhāng 弥mí 弯wān 归guī 当dāng 录lù 彻chè 径jìng 忆yì 志zhì 忧yōu 怀huái 态tài 总zǒng
恋liàn 恒héng 恳kěn 恶è 悦yuè 悬xuán 惊jīng 惧jù 惨cǎn 惯guàn 愿yuàn 战zhàn 户hù 扑pū 执zhí 扩kuò 扫sǎo 扬yáng 扰rǎo 抚fǔ
抛pāo 抢qiǎng 护hù 报bào 担dān 拟nǐ 拥yōng 拦lán 择zé 挂guà 挡dǎng 挤jǐ 挥huī 损sǔn 换huàn 据jù 掷zhì 摄shè 摆bǎi 携xié
撑chēng 击jī 敌dí 数shù 斋zhāi 斗dòu 断duàn 无wú 旧jiù 时shí 旷kuàng 昙tán 显xiǎn 晋jìn 晒shài 晓xiǎo 晕yūn 暂zàn 术shù 机jī
杀shā 杂zá 权quán 条tiáo 来lái 杨yáng 极jí 构gòu 枪qiāng 枫fēng 柜guì 标biāo 栈zhàn 栋dòng 栏lán 树shù 样yàng 档dàng 桥qiáo
桩zhuāng 梦mèng 检jiǎn 楼lóu 横héng 欢huān 欧ōu 步bù 武wǔ 歼jiān 残cán 毁huǐ 毕bì 气qì 氢qīng 汇huì 汉hàn 汤tāng 沟gōu 没méi
沪hù 泽zé 洁jié 浅qiǎn 测cè 济jì 浏liú 浑hún 浓nóng 涂tú 润rùn 涨zhǎng 渊yuān 渔yú 温wēn 湾wān 湿shī 满mǎn 滚gǔn 滞zhì 滨bīn
潜qián 灭miè 灯dēng 灵líng 灾zāi 炉lú 点diǎn 炼liàn 烃tīng 烟yān 烦fán 烧shāo 热rè 爱ài 爷yé 牵qiān 状zhuàng 独dú 狭xiá 献xiàn
环huán 现xiàn 玛mǎ 电diàn 画huà 畅chàng 疗liáo 盐yán 监jiān 盖gài 盘pán 着zhe 矫jiǎo 矿kuàng 码mǎ 砖zhuān 础chǔ 硕shuò 确què
碍ài 礼lǐ 离lí 种zhǒng 积jī 称chēng 税shuì 稳wěn 穷qióng 窗chuāng 竞jìng 笔bǐ 筑zhù 签qiān 简jiǎn 粮liáng 紧jǐn 纠jiū 红hóng
约yuē 级jí 纪jì 纬wěi 纯chún 纱shā 纲gāng 纳nà 纵zòng 纶lún 纷fēn 纸zhǐ 纹wén 纺fǎng 线xiàn 练liàn 组zǔ 细xì 织zhī 终zhōng
经jīng 绍shào 结jié 绕rào 绘huì 给gěi 络luò 绝jué 统tǒng 继jì 绩jì 续xù 维wéi 综zōng 绿lǜ 编biān 缘yuán 缩suō 缺quē 网wǎng
罗luó 罚fá 职zhí 联lián 聚jù 肃sù 肠cháng 肤fū 肾shèn 胁xié 胜shèng 胶jiāo 脉mài 脏zàng 脑nǎo 舰jiàn 舱cāng 艺yì 节jié
芦lú 苍cāng 苏sū 范fàn 荐jiàn 荣róng 药yào 获huò 营yíng 萨sà 蓝lán 虏lǔ 虑lǜ 虚xū 虫chóng 虽suī 蚀shí 补bǔ 表biǎo 装zhuāng
见jiàn 观guān 规guī 视shì 览lǎn 觉jué 览lǎn 触chù 计jì 订dìng 认rèn 讨tǎo 让ràng 训xùn 议yì 讯xùn 记jì 讲jiǎng 许xǔ 论lùn
设shè 访fǎng 证zhèng 评píng 识shí 诉sù 词cí 译yì 试shì 诗shī 诚chéng 话huà 询xún 该gāi 详xiáng 语yǔ 误wù 说shuō 请qǐng
诸zhū 读dú 课kè 谁shéi 调diào 谈tán 谋móu 谓wèi 谢xiè 谷gǔ 负fù 贡gòng 财cái 责zé 贤xián 败bài 货huò 质zhì 贩fàn 贪tān
贫pín 购gòu 贯guàn 贴tiē 贵guì 贷dài 贸mào 费fèi 贺hè 资zī 赋fù 赛sài 赖lài 赚zhuàn 赛sài 赣gàn 赵zhào 赶gǎn 跃yuè 践jiàn
车chē 轨guǐ 转zhuǎn 轮lún 软ruǎn 轻qīng 载zài 较jiào 辅fǔ 辆liàng 输shū 辖xiá 边biān 达dá 迁qiān 过guò 迈mài 运yùn 还hái
这zhè 进jìn 远yuǎn 违wéi 连lián 迟chí 适shì 选xuǎn 递dì 逻luó 遗yí 邮yóu 邻lín 郑zhèng 酝yùn 释shì 里lǐ 钉dīng 针zhēn 钟zhōng
钢gāng 钱qián 铁tiě 铜tóng 铝lǚ 银yín 铺pù 链liàn 销xiāo 锁suǒ 锂lǐ 锅guō 错cuò 锦jǐn 键jiàn 镇zhèn 镜jìng 长cháng 门mén
闭bì 问wèn 闲xián 间jiān 闸zhá 闻wén 阀fá 阁gé 阅yuè 队duì 阳yáng 阴yīn 阵zhèn 阶jiē 际jì 陆lù 陈chén 险xiǎn 随suí 隐yǐn
难nán 雾wù 静jìng 面miàn 韩hán 页yè 顶dǐng 项xiàng 顺shùn 须xū 顾gù 顿dùn 预yù 领lǐng 频pín 题tí 颜yán 额é 风fēng 飞fēi
饭fàn 饮yǐn 馆guǎn 马mǎ 驱qū 驻zhù 驾jià 验yàn 骨gǔ 鱼yú 鲁lǔ 鲜xiān 鸡jī 鸿hóng 鹰yīng 麦mài 黄huáng 齐qí 龙lóng 龟guī
专zhuān 丝sī 亚yà 伞sǎn 侣lǚ 价jià 众zhòng 卤lǔ 厉lì 双shuāng 后hòu 启qǐ 团tuán 坝bà 奥ào 宫gōng 帅shuài 并bìng 广guǎng
庄zhuāng 庐lú 张zhāng 强qiáng 志zhì 忆yì 惩chéng 惫bèi 戏xì 扑pū 扩kuò 抟tuán 抠kōu 拨bō 拣jiǎn 拧nǐng 挠náo 挣zhēng
挽wǎn 捞lāo 损sǔn 掳lǔ 掴guāi 搀chān 搁gē 搂lǒu 搅jiǎo 携xié 摊tān 撵niǎn 敛liǎn 斩zhǎn 旧jiù 显xiǎn 杰jié 松sōng 板bǎn
极jí 枢shū 枣zǎo 柠níng 栅zhà 标biāo 栖qī 档dàng 梁liáng 棂líng 椭tuǒ 殴ōu 毡zhān 汹xiōng 沈shěn 沣fēng 沥lì 沦lún 沧cāng
泪lèi 泞nìng 泻xiè 泼pō 泾jīng 洒sǎ 浆jiāng 浇jiāo 浊zhuó 浙zhè 涛tāo 涝lào 涡wō 涣huàn 渍zì 渐jiàn 渗shèn 滤lǜ 滥làn 滩tān
灿càn 炀yáng 炜wěi 烁shuò 烂làn 焕huàn 爸bà 犹yóu 猎liè 献xiàn 玩wán 珑lóng 琼qióng 电diàn 痒yǎng 疯fēng 皑ái 皱zhòu
盗dào 睁zhēng 矶jī 砀dàng 硅guī 确què 碱jiǎn 祸huò 禅chán 离lí 秃tū 秆gǎn 秋qiū 秽huì 稣sū 穷qióng 笼lóng 筛shāi 筹chóu
签qiān 篮lán 类lèi 粤yuè 紧jǐn 纤xiān 纽niǔ 绑bǎng 绒róng 绞jiǎo 绣xiù 绳shéng 综zōng 绸chóu 绽zhàn 缆lǎn 缓huǎn 缔dì
缝féng 缠chán 缤bīn 缴jiǎo 罢bà 罴pí 习xí 翘qiào 耸sǒng 聂niè 聋lóng 职zhí 聪cōng 肿zhǒng 胀zhàng 胧lóng 脍kuài 脓nóng
腊là 腻nì 舆yú 艰jiān 芜wú 苇wěi 茎jīng 荚jiá 荡dàng 荧yíng 莱lái 莲lián 获huò 蒋jiǎng 蓟jì 蔷qiáng 虾xiā 蚁yǐ 蚕cán 蛊gǔ
衅xìn 袄ǎo 袜wà 袭xí 襕lán 览lǎn 觅mì 誉yù 诞dàn 谊yì 谐xié 谣yáo 谨jǐn 谱pǔ 豫yù 贝bèi 贞zhēn 贬biǎn 贮zhù 贾jiǎ 赁lìn
赂lù 赃zāng 赏shǎng 赐cì 赔péi 赘zhuì 赞zàn 赠zèng 趋qū 跷qiāo 踪zōng 蹿cuān 躯qū 轧zhá 轰hōng 轴zhóu 轿jiào 辉huī 辐fú
辑jí 辙zhé 辞cí 迹jì 适shì 逊xùn 递dì 遥yáo 邓dèng 郁yù 郸dān 酱jiàng 酿niàng 醒xǐng 钓diào 钙gài 钛tài 钠nà 钢gāng
钥yào 钧jūn 钩gōu 钮niǔ 钯bǎ 钻zuàn 铅qiān 铭míng 铸zhù 锆gào 锋fēng 锌xīn 锡xī 锰měng 锻duàn 镀dù 镁měi 镍niè 阔kuò
阙què 陕shǎn 陨yǔn 隶lì 雏chú 韧rèn 顷qǐng 颁bān 颈jǐng 颖yǐng 颗kē 颠diān 飘piāo 饰shì 饱bǎo 饲sì 饶ráo 馈kuì 驰chí
驶shǐ 驼tuó 骑qí 骤zhòu 鲍bào 鸟niǎo 鸣míng 鸭yā 鹅é 鹏péng 麸fū 黾mǐn 鼋yuán 齿chǐ 龄líng 众zhòng 优yōu 乡xiāng 产chǎn
划huà 态tài 树shù 类lèi 约yuē 布bù 占zhàn 后hòu 干gàn 台tái 面miàn 里lǐ 才cái 准zhǔn 尽jìn 几jǐ 系xì 范fàn 松sōng 症zhèng
征zhēng 冲chōng 制zhì 复fù 获huò 汇huì 历lì 发fā 致zhì 游yóu 谷gǔ 御yù 志zhì 于yú 余yú 云yún 出chū 丑chǒu 采cǎi 只zhǐ
借jiè 价jià 折zhé 卷juǎn 千qiān 斗dòu 舍shè 烟yān 表biǎo 须xū 凶xiōng 姜jiāng 钟zhōng 朴pǔ 仆pú 别bié 向xiàng 咸xián
纤xiān 困kùn 症zhèng 郁yù 岩yán 坛tán 栗lì 宁níng 致zhì 蒙méng 胡hú 沈shěn 吁xū 党dǎng 秋qiū 粘nián 霉méi 据jù 筑zhù 极jí
"""

PINYIN: dict[str, str] = {}
for _item in _RAW.split():
    PINYIN.setdefault(_item[0], _item[1:])

PINYIN.setdefault("注", "zhù")
PINYIN.setdefault("锚", "máo")
PINYIN.setdefault("周", "zhōu")
