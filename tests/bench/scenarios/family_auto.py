"""A Pinduoduo car-accessories shop (汽车用品) with its honest traffic and its attackers.

The shop ships from 浙江金华 and lists 16–24 goods (phone holders, seat covers, floor mats, dash
cams, wax, air fresheners, charms...). Honest buyers order along a daily curve (quiet before
dawn, peak 20–22h), a little more at weekends and on two promotion days; most buy once, a
minority come back, some abandon an order and place it again, a few return goods that do not
fit their car. Around them stand honest shapes that look like attacks (``lookalike``):

- ``flash_sale``: 秒杀 of one item, hundreds of one-order buyers within minutes, paid, received;
- ``wholesale``: car-wash shops, 美容店, 汽修厂 and 4S stores buying dozens, re-ordering;
- ``family``: two or three people of one household ordering to one address;
- ``fleet``: a logistics fleet, ride-hailing company or driving school equipping its cars from
  one depot, either a few big orders or one order per car within an hour or two;
- ``group_buy``: a 车友会 group-buy, dozens of members each ordering to one pickup point.

Attacks (``label``):

- ``burst``: 炸店, scripted fresh accounts hammering one or two items within 10–20 minutes;
- ``inventory_lock``: a competitor's one-off accounts ordering several times the usual quantity
  of the big-ticket items, never paying, in short sessions across the month;
- ``serial_refund``: buyers ordering every few days and refunding most of what they receive;
- ``ring``: a dozen names behind a few phones at one address typed many ways;
- ``price_snipe``: 羊毛群 snipers piling onto a mispriced spec until the shop fixes it and
  cancels what it will not honour;
- ``pro_claimant``: 职业打假, buying several 3C items to claim 无3C认证/虚假宣传 and keep them;
- ``coupon_farm``: 薅羊毛, new accounts on virtual numbers spending new-user coupons on the
  cheapest items, delivered to a few rooms of one building;
- ``pickup_refund``: a competitor's accounts ordering the best sellers to one village pickup
  point and claiming 仅退款 to hurt the shop.
"""

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "auto"

CENT = Decimal("0.01")
UNPAID_WINDOW = timedelta(hours=24)  # an order not paid within this is closed by the platform
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# ------------------------------------------------------------------------------ catalogue
@dataclass(frozen=True)
class Sku:
    sku_id: str
    name: str
    specs: tuple[tuple[str, Decimal], ...]
    usual: tuple[int, ...]  # quantities an ordinary buyer picks (drawn uniformly)
    weight: float  # share of ordinary traffic
    tags: frozenset[str]

    @property
    def usual_qty(self) -> int:
        return sorted(self.usual)[len(self.usual) // 2]


def _sku(sku_id: str, name: str, specs, usual, weight: float, tags: str) -> Sku:
    return Sku(sku_id, name, tuple((s, Decimal(p)) for s, p in specs), usual, weight, frozenset(tags.split()))


# tags: core (always listed), cheap, fit (fits one car: more returns), model (note the car model),
# bulk (wholesale), gift, fleet, group, flash, c3 (3C certified goods), lock, snipe, hot, big
CATALOGUE = (
    _sku("601348215790", "车载手机支架 出风口重力感应汽车导航支架 防抖不挡风口",
         (("黑色 出风口款", "19.90"), ("银色 出风口款", "19.90"), ("黑色 吸盘款", "25.90"), ("黑色 仪表台款", "22.90")),
         (1, 1, 1, 1, 1, 1, 2, 2), 10, "core cheap gift fleet group flash hot"),
    _sku("601348877312", "磁吸无线充电手机支架 15W快充 车载导航支架",
         (("黑色 15W", "69.00"), ("银色 15W", "69.00"), ("黑色 15W+车充套装", "89.00")),
         (1,), 5, "c3 group flash"),
    _sku("598820463157", "汽车座套 四季通用全包围坐垫套 透气耐磨",
         (("米色 标准版 5座", "159.00"), ("黑红 标准版 5座", "159.00"), ("冰丝夏季款 黑色 5座", "189.00"),
          ("皮革豪华版 咖啡色 5座", "299.00")),
         (1,), 4, "core fit fleet lock hot big"),
    _sku("598821190846", "汽车脚垫 全包围专车专用 大包围丝圈脚垫 下单请备注车型年份",
         (("单层皮革 黑色", "99.00"), ("大包围 黑色", "199.00"), ("大包围+丝圈 黑米", "259.00"),
          ("大包围+丝圈 酒红", "259.00")),
         (1,), 5, "core fit model fleet lock hot big"),
    _sku("603117520983", "行车记录仪 高清夜视 免安装 24小时停车监控",
         (("单镜头1080P 送32G卡", "159.00"), ("双镜头2K 送64G卡", "259.00"), ("4K前后双录 送128G卡", "399.00")),
         (1,), 4, "core c3 fleet lock snipe hot big"),
    _sku("587760019524", "镀晶车蜡 新车黑白车专用 去污上光防护",
         (("500ml 单瓶", "29.90"), ("500ml 两瓶装", "49.90"), ("全套 送海绵毛巾", "39.90")),
         (1, 1, 1, 2), 6, "core bulk flash"),
    _sku("587761334870", "车载香薰 出风口夹 持久淡香 汽车香水",
         (("古龙", "12.90"), ("海洋", "12.90"), ("桂花", "12.90"), ("白茶", "12.90")),
         (1, 2, 2, 2, 3, 4), 8, "core cheap bulk gift group flash"),
    _sku("590014528816", "车载香水摆件 高档中控台装饰 汽车香薰",
         (("宇航员款", "39.00"), ("小熊款", "35.00"), ("补充液 3瓶", "19.90")),
         (1, 1, 2), 4, "gift"),
    _sku("590015902371", "汽车挂件 平安符车内吊坠 保平安 后视镜挂饰",
         (("平安符 红色", "9.90"), ("葫芦流苏", "15.90"), ("貔貅木雕", "29.90")),
         (1, 1, 1, 2), 6, "core cheap bulk gift"),
    _sku("603118004265", "车载充电器 一拖三 超级快充 点烟器转换插头",
         (("38W 双口", "29.90"), ("66W PD快充", "49.00"), ("66W+1米数据线", "59.00")),
         (1, 1, 1, 2), 5, "c3 cheap flash group"),
    _sku("603119731042", "车载吸尘器 无线大功率 车家两用 手持强力",
         (("标准款", "89.00"), ("升级款 双滤芯", "129.00")),
         (1,), 3, "c3 snipe"),
    _sku("595302871466", "汽车遮阳挡 前挡防晒隔热帘 遮阳板",
         (("小号 轿车", "25.90"), ("大号 SUV", "29.90"), ("伞式 通用", "39.90")),
         (1,), 5, "flash group"),
    _sku("595303650218", "方向盘套 真皮 四季通用 防滑吸汗",
         (("38cm 黑色", "59.00"), ("38cm 棕色", "59.00"), ("38cm 黑红", "59.00")),
         (1,), 3, "fit"),
    _sku("595304117593", "汽车头枕腰靠 记忆棉 护颈枕 车用靠垫",
         (("头枕 一个", "39.00"), ("头枕+腰靠 套装", "69.00")),
         (1, 1, 2), 3, "gift fleet"),
    _sku("587762208145", "洗车毛巾 加厚超细纤维 吸水不掉毛 擦车布",
         (("3条装 30x60", "19.90"), ("5条装 30x60", "29.90"), ("10条装 30x30", "25.90")),
         (1, 1, 2), 4, "cheap bulk"),
    _sku("587763981402", "汽车玻璃水 冬季防冻 -25℃ 四季通用",
         (("2L×4瓶", "39.90"), ("2L×2瓶", "23.90")),
         (1,), 4, "bulk"),
    _sku("595305539980", "后备箱收纳箱 折叠 车载储物箱",
         (("中号", "49.00"), ("大号", "59.00")),
         (1,), 2, ""),
    _sku("603120486637", "汽车应急启动电源 12V 搭电宝 大容量",
         (("10000mAh", "199.00"), ("20000mAh 带充气泵", "299.00")),
         (1,), 2, "c3 snipe lock big"),
    _sku("603121275509", "车载充气泵 数显 轮胎打气泵",
         (("有线款", "89.00"), ("无线款", "149.00")),
         (1,), 3, "c3"),
    _sku("590016664327", "车贴 划痕遮挡 个性创意贴纸",
         (("随机款 3张", "9.90"), ("反光款 3张", "12.90")),
         (1, 1, 2), 3, "cheap"),
    _sku("590017008741", "座椅缝隙收纳盒 车内储物盒 夹缝收纳",
         (("黑色 2只装", "15.90"), ("米色 2只装", "15.90")),
         (1, 1, 2), 3, "cheap"),
    _sku("598822740019", "无骨雨刮器 一对装 静音 请备注车型",
         (("16+18寸", "39.90"), ("18+24寸", "39.90"), ("22+24寸", "45.90")),
         (1,), 3, "fit model"),
    _sku("590018395562", "车载垃圾桶 挂式 可折叠",
         (("黑色", "12.90"), ("米色", "12.90")),
         (1, 1, 2), 2, "cheap"),
    _sku("590019761238", "汽车车门防撞条 防刮贴 隐形",
         (("4条装 黑色", "19.90"), ("4条装 透明", "19.90")),
         (1,), 2, "cheap"),
    _sku("595306082954", "车载颈枕 冰丝 护颈 一对装",
         (("黑色 一对", "29.90"), ("米色 一对", "29.90")),
         (1,), 2, "gift"),
    _sku("598823519607", "汽车坐垫 冬季毛绒 保暖座垫",
         (("单片", "49.00"), ("前排两片", "89.00"), ("五座全套", "169.00")),
         (1,), 3, "fit lock big"),
)  # fmt: skip

CAR_MODELS = (
    "大众朗逸", "丰田卡罗拉", "本田雅阁", "日产轩逸", "别克英朗", "哈弗H6", "吉利帝豪", "比亚迪秦PLUS", "长安CS75",
    "特斯拉Model3", "宝马3系", "奥迪A4L", "五菱宏光", "本田CR-V", "丰田RAV4", "比亚迪宋PLUS", "理想L7", "传祺GS4",
    "奇瑞瑞虎8", "大众速腾", "大众帕萨特", "本田思域", "马自达3昂克赛拉", "吉利星越L", "长城炮", "比亚迪汉",
)  # fmt: skip
HONEST_NOTES = (
    "尽快发货", "不要放驿站，送货上门", "放门卫室", "放快递柜", "送人的，不要放价格单", "发顺丰可以补运费吗",
    "周末不在家，工作日送", "颜色发黑色的", "多送两个挂钩", "谢谢老板",
)  # fmt: skip


# ------------------------------------------------------------------------------ people & places
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_W = tuple(1 / (i + 6) for i in range(len(SURNAMES)))
COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方")
MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋阳峰建成志亮东文海晨鸿博庆国兵胜荣德新"
FEMALE = "芳娜敏静丽艳娟霞秀玲婷雪慧莹颖琳晶倩洁燕萍红梅丹蕾薇欣悦佳怡雅璐瑶琪月兰凤琴云"
NEUTRAL = "子一嘉思宏永春金德文家泽天安秋晓小梓"

PREFIXES = _words(
    "134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 198 "  # 移动
    "130 131 132 145 155 156 166 175 176 185 186 196 "  # 联通
    "133 149 153 173 177 180 181 189 190 191 193 199 "  # 电信
    "170 171 162 165 167 192"  # 虚拟运营商 / 广电
)
PREFIX_W = (
    (4, 6, 6, 5, 7, 7, 1, 4, 4, 3, 2, 4, 4, 0.5, 2, 3, 2, 1, 3, 3, 1, 2)
    + (3, 3, 3, 1, 3, 3, 2, 1, 3, 2, 4, 0.5)
    + (3, 1, 3, 2, 2, 3, 2, 4, 0.5, 2, 1, 3)
    + (0.3, 0.3, 0.1, 0.1, 0.1, 0.2)
)
VIRTUAL = ("170", "171", "162", "165", "167")

# province: (weight, {city: {district: "streets"}})
GEO: dict[str, tuple[float, dict[str, dict[str, str]]]] = {
    "广东省": (10, {
        "深圳市": {"南山区": "粤海街道 南头街道 西丽街道 蛇口街道", "宝安区": "西乡街道 新安街道 福永街道 沙井街道",
                   "龙岗区": "布吉街道 坂田街道 横岗街道 龙城街道", "龙华区": "民治街道 大浪街道 观澜街道"},
        "广州市": {"天河区": "石牌街道 五山街道 棠下街道 车陂街道", "白云区": "京溪街道 三元里街道 嘉禾街道",
                   "番禺区": "市桥街道 大石街道 洛浦街道", "海珠区": "江海街道 南洲街道"},
        "佛山市": {"南海区": "桂城街道 大沥镇 里水镇", "顺德区": "大良街道 容桂街道 北滘镇"},
        "东莞市": {"东莞市": "长安镇 虎门镇 塘厦镇 南城街道"},
        "惠州市": {"惠城区": "江南街道 河南岸街道", "惠阳区": "淡水街道"},
    }),
    "浙江省": (8, {
        "杭州市": {"西湖区": "文新街道 蒋村街道 留下街道", "余杭区": "五常街道 仓前街道 良渚街道",
                   "萧山区": "城厢街道 北干街道 宁围街道", "拱墅区": "米市巷街道 祥符街道"},
        "宁波市": {"鄞州区": "钟公庙街道 首南街道 中河街道", "海曙区": "南门街道 鼓楼街道"},
        "温州市": {"鹿城区": "五马街道 南汇街道", "瑞安市": "安阳街道 玉海街道"},
        "金华市": {"义乌市": "稠城街道 北苑街道 江东街道", "婺城区": "城东街道 西关街道"},
        "台州市": {"椒江区": "海门街道 白云街道", "温岭市": "太平街道 城东街道"},
    }),
    "江苏省": (8, {
        "南京市": {"江宁区": "东山街道 秣陵街道 淳化街道", "鼓楼区": "湖南路街道 宁海路街道", "浦口区": "江浦街道"},
        "苏州市": {"吴中区": "长桥街道 郭巷街道", "昆山市": "玉山镇 花桥镇 周市镇", "相城区": "元和街道"},
        "无锡市": {"滨湖区": "蠡园街道 河埒街道", "江阴市": "澄江街道 周庄镇"},
        "徐州市": {"云龙区": "彭城街道 子房街道", "铜山区": "铜山街道"},
        "南通市": {"崇川区": "和平桥街道 城东街道"},
    }),
    "山东省": (7, {
        "济南市": {"历下区": "泉城路街道 千佛山街道 姚家街道", "历城区": "洪家楼街道 王舍人街道"},
        "青岛市": {"黄岛区": "长江路街道 薛家岛街道", "崂山区": "中韩街道 沙子口街道", "市北区": "台东街道 辽宁路街道"},
        "临沂市": {"兰山区": "兰山街道 银雀山街道", "罗庄区": "罗庄街道"},
        "潍坊市": {"奎文区": "东关街道 北苑街道", "寿光市": "圣城街道"},
    }),
    "河南省": (7, {
        "郑州市": {"金水区": "花园路街道 丰产路街道 文化路街道", "二七区": "建中街街道 大学路街道",
                   "中原区": "林山寨街道 建设路街道", "管城回族区": "紫荆山南路街道"},
        "洛阳市": {"涧西区": "天津路街道 长安路街道", "洛龙区": "开元路街道"},
        "南阳市": {"卧龙区": "七一街道 车站街道"},
        "周口市": {"川汇区": "陈州回族街道"},
    }),
    "河北省": (5, {
        "石家庄市": {"长安区": "育才街道 建北街道", "裕华区": "裕兴街道 槐底街道"},
        "保定市": {"竞秀区": "先锋街道", "莲池区": "五四路街道"},
        "唐山市": {"路北区": "乔屯街道 翔云道街道"},
        "邯郸市": {"丛台区": "光明桥街道"},
    }),
    "四川省": (6, {
        "成都市": {"武侯区": "玉林街道 簇桥街道 红牌楼街道", "成华区": "建设路街道 猛追湾街道",
                   "郫都区": "犀浦街道 郫筒街道", "双流区": "东升街道 西航港街道"},
        "绵阳市": {"涪城区": "城厢街道 石塘街道"},
        "南充市": {"顺庆区": "中城街道"},
    }),
    "湖北省": (5, {
        "武汉市": {"洪山区": "关山街道 珞南街道 狮子山街道", "江汉区": "唐家墩街道 万松街道", "江夏区": "纸坊街道"},
        "宜昌市": {"西陵区": "云集街道"},
        "襄阳市": {"樊城区": "定中门街道"},
    }),
    "湖南省": (5, {
        "长沙市": {"岳麓区": "望月湖街道 观沙岭街道 麓谷街道", "雨花区": "圭塘街道 洞井街道", "开福区": "四方坪街道"},
        "株洲市": {"天元区": "嵩山路街道"},
        "衡阳市": {"蒸湘区": "联合街道"},
    }),
    "福建省": (4, {
        "福州市": {"鼓楼区": "东街街道 温泉街道", "仓山区": "金山街道 城门镇"},
        "厦门市": {"思明区": "莲前街道 筼筜街道", "湖里区": "殿前街道 江头街道"},
        "泉州市": {"晋江市": "青阳街道 陈埭镇"},
    }),
    "安徽省": (4, {
        "合肥市": {"蜀山区": "三里庵街道 琥珀街道", "包河区": "望湖街道 芜湖路街道"},
        "芜湖市": {"镜湖区": "范罗山街道"},
        "阜阳市": {"颍州区": "鼓楼街道"},
    }),
    "江西省": (3, {
        "南昌市": {"红谷滩区": "沙井街道 卫东街道", "青山湖区": "上海路街道"},
        "赣州市": {"章贡区": "南外街道"},
    }),
    "广西壮族自治区": (3, {
        "南宁市": {"青秀区": "新竹街道 中山街道", "西乡塘区": "北湖街道"},
        "柳州市": {"城中区": "城中街道"},
        "桂林市": {"七星区": "东江街道"},
    }),
    "云南省": (2.5, {"昆明市": {"五华区": "华山街道 红云街道", "官渡区": "关上街道"},
                     "曲靖市": {"麒麟区": "南宁街道"}}),
    "贵州省": (2, {"贵阳市": {"南明区": "花果园街道", "观山湖区": "金华园街道"}, "遵义市": {"汇川区": "上海路街道"}}),
    "陕西省": (3, {
        "西安市": {"雁塔区": "小寨路街道 电子城街道 丈八沟街道", "未央区": "张家堡街道", "长安区": "韦曲街道"},
        "宝鸡市": {"渭滨区": "经二路街道"},
    }),
    "山西省": (2, {"太原市": {"小店区": "坞城街道 亲贤街道", "迎泽区": "柳巷街道"}, "大同市": {"平城区": "南关街道"}}),
    "辽宁省": (3, {
        "沈阳市": {"浑南区": "五三街道 浑河站东街道", "和平区": "太原街街道"},
        "大连市": {"甘井子区": "红旗街道", "沙河口区": "春柳街道"},
    }),
    "吉林省": (1.5, {"长春市": {"朝阳区": "红旗街道 湖西街道", "南关区": "永吉街道"},
                     "吉林市": {"船营区": "北京路街道"}}),
    "黑龙江省": (1.5, {"哈尔滨市": {"南岗区": "大成街道 花园街道", "道里区": "新阳路街道"},
                       "大庆市": {"萨尔图区": "东风街道"}}),
    "北京市": (3, {"北京市": {"朝阳区": "望京街道 酒仙桥街道 双井街道", "海淀区": "中关村街道 学院路街道",
                              "丰台区": "方庄街道", "通州区": "永顺镇 梨园镇"}}),
    "上海市": (3.5, {"上海市": {"浦东新区": "花木街道 张江镇 川沙新镇", "闵行区": "莘庄镇 古美路街道",
                                "宝山区": "大场镇", "松江区": "方松街道"}}),
    "天津市": (1.5, {"天津市": {"南开区": "万兴街道", "西青区": "李七庄街道"}}),
    "重庆市": (3, {"重庆市": {"渝北区": "龙溪街道 回兴街道", "江北区": "观音桥街道", "九龙坡区": "杨家坪街道"}}),
    "内蒙古自治区": (1, {"呼和浩特市": {"赛罕区": "大学东路街道"}, "包头市": {"昆都仑区": "林荫路街道"}}),
    "新疆维吾尔自治区": (0.8, {"乌鲁木齐市": {"天山区": "幸福路街道", "沙依巴克区": "友好南路街道"}}),
    "甘肃省": (1, {"兰州市": {"城关区": "东岗西路街道 雁南街道"}}),
    "海南省": (0.8, {"海口市": {"龙华区": "金贸街道", "美兰区": "海府街道"}}),
    "宁夏回族自治区": (0.4, {"银川市": {"金凤区": "满城北街街道"}}),
    "青海省": (0.3, {"西宁市": {"城西区": "胜利路街道"}}),
}  # fmt: skip
FAR = {
    "新疆维吾尔自治区",
    "青海省",
    "宁夏回族自治区",
    "甘肃省",
    "内蒙古自治区",
    "海南省",
    "黑龙江省",
    "吉林省",
    "云南省",
}

ROADS = _words(
    "人民路 建设路 解放路 中山路 文化路 和平路 新华路 胜利路 长江路 黄河路 朝阳路 迎宾大道 发展大道 科技路 创业路 "
    "学府路 东风路 光明路 幸福路 滨江路 青年路 工业大道 金山路 桂花路 兴业路 振兴路 育才路 团结路 花园路 北京路 "
    "延安路 友谊路 商业街 五一路 复兴路 新村路 站前路 凤凰路"
)
COMMUNITIES = _words(
    "阳光花园 碧桂园 万科城 恒大绿洲 保利花园 翠苑小区 锦绣家园 华府名苑 金色家园 幸福里 世纪花园 龙湖春江郦城 "
    "香榭丽舍 丽景湾 书香门第 滨江花园 金地格林小镇 融创城 中海国际社区 新城小区 职工宿舍 南苑小区 绿城桂花园 "
    "东方明珠小区 御景华庭 紫薇花园 富力城 阳光城 名都花园 康城 水岸名居 盛世华庭 天悦湾 江南名府"
)
VILLAGES = _words("王家 李庄 张湾 刘集 陈家 新庄 马桥 黄塘 石桥 后营 杨柳 东湖 前进 红星 大王 小李")
BUILDINGS = _words("创业大厦 科技园A座 金融中心 国际商务中心 总部基地 软件园 电商产业园 商贸城 写字楼")

CURVE_HONEST = (
    0.9,
    0.55,
    0.32,
    0.2,
    0.15,
    0.2,
    0.4,
    0.8,
    1.3,
    1.8,
    2.2,
    2.4,
    2.6,
    2.3,
    2.0,
    2.0,
    2.1,
    2.2,
    2.5,
    3.0,
    3.6,
    3.9,
    3.4,
    2.0,
)
CURVE_OFFICE = (0, 0, 0, 0, 0, 0, 0, 0.2, 1, 2, 2.5, 2, 1, 2, 2.5, 2.5, 2, 1.5, 0.8, 0.5, 0.5, 0.4, 0.2, 0)
CURVE_EVENING = (
    0.6,
    0.3,
    0.1,
    0,
    0,
    0,
    0,
    0,
    0.1,
    0.2,
    0.3,
    0.3,
    0.5,
    0.4,
    0.3,
    0.3,
    0.3,
    0.4,
    0.8,
    1.8,
    2.6,
    3,
    2.6,
    1.4,
)
WEEKDAY = (0.95, 0.92, 0.95, 0.97, 1.05, 1.3, 1.25)


@dataclass(frozen=True)
class Addr:
    province: str
    city: str
    district: str
    street: str
    detail: str


@dataclass(frozen=True)
class Buyer:
    name: str
    phone: str
    addr: Addr


# ------------------------------------------------------------------------------ the shop
class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        self.midnight0 = self.start.replace(hour=0, minute=0, second=0, microsecond=0)
        self.target = orders
        self.scale = orders / 20_000
        self.out: list[ExportOrder] = []
        self.order_nos: set[str] = set()
        self.phones: set[str] = set()
        self.pool: list[Buyer] = []  # honest buyers who may come back
        core = [s for s in CATALOGUE if "core" in s.tags]
        extra = [s for s in CATALOGUE if "core" not in s.tags]
        chosen = core + rng.sample(extra, rng.randint(16, 24) - len(core))
        self.skus = sorted(chosen, key=CATALOGUE.index)
        self.sku_w = [s.weight * rng.uniform(0.6, 1.5) for s in self.skus]
        self.promo_days = set(rng.sample(range(30), 2))
        self.provinces = list(GEO)
        self.province_w = [GEO[p][0] for p in self.provinces]

    # -- small helpers
    def n(self, lo: int, hi: int) -> int:
        return max(1, round(self.rng.randint(lo, hi) * self.scale))

    def tagged(self, tag: str) -> list[Sku]:
        return [s for s in self.skus if tag in s.tags]

    def pick_sku(self, among: list[Sku] | None = None) -> Sku:
        if among is None:
            return self.rng.choices(self.skus, self.sku_w)[0]
        return self.rng.choices(among, [self.sku_w[self.skus.index(s)] for s in among])[0]

    def pick_spec(self, sku: Sku) -> int:
        k = len(sku.specs)
        return self.rng.choices(range(k), [2.5] + [1] * (k - 1))[0]

    def day(self, i: int) -> datetime:
        return self.midnight0 + timedelta(days=i)

    def ndays(self) -> int:
        return (self.end - self.midnight0).days + 1

    def when(self, curve=CURVE_HONEST, lo: datetime | None = None, hi: datetime | None = None, *, days=True):
        """A time in [lo, hi) following an hour-of-day curve (and the weekday/promo factors)."""
        rng = self.rng
        lo = max(lo or self.start, self.start)
        hi = min(hi or self.end, self.end)
        span = (hi - lo).total_seconds()
        if span <= 0:
            return lo.replace(microsecond=0)
        top = max(curve) * (1.6 * 1.3 if days else 1)
        for _ in range(10_000):
            t = lo + timedelta(seconds=rng.uniform(0, span))
            w = curve[t.hour]
            if days:
                w *= WEEKDAY[t.weekday()] * (1.6 if (t - self.midnight0).days in self.promo_days else 1)
            if rng.uniform(0, top) < w:
                return t.replace(microsecond=0)
        return (lo + timedelta(seconds=span / 2)).replace(microsecond=0)

    # -- people
    def name(self, gender: str | None = None, surname: str | None = None) -> str:
        rng = self.rng
        if surname is None:
            surname = rng.choice(COMPOUND) if rng.random() < 0.004 else rng.choices(SURNAMES, SURNAME_W)[0]
        if gender is None:
            gender = "m" if rng.random() < 0.68 else "f"
        pool = MALE if gender == "m" else FEMALE
        if rng.random() < 0.3:
            return surname + rng.choice(pool)
        return surname + rng.choice(NEUTRAL + pool) + rng.choice(pool)

    def honest_name(self) -> str:
        if self.rng.random() < 0.015:
            return self.rng.choices(SURNAMES, SURNAME_W)[0] + self.rng.choice(("先生", "先生", "女士", "师傅"))
        return self.name()

    def phone(self, virtual: float = 0.0) -> str:
        rng = self.rng
        while True:
            head = rng.choice(VIRTUAL) if rng.random() < virtual else rng.choices(PREFIXES, PREFIX_W)[0]
            number = f"{head}{rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def place(self, province: str | None = None, city: str | None = None) -> tuple[str, str, str, str]:
        rng = self.rng
        if province is None:
            province = rng.choices(self.provinces, self.province_w)[0]
        cities = GEO[province][1]
        if city is None:
            names = list(cities)
            city = rng.choices(names, [3, 2, 1.5, 1, 1][: len(names)])[0]
        district = rng.choice(list(cities[city]))
        street = rng.choice(cities[city][district].split())
        return province, city, district, street

    def home(self) -> tuple[str, int, str, int, int, str]:
        rng = self.rng
        floor = rng.choices(range(1, 34), [8] * 6 + [4] * 12 + [1] * 15)[0]
        room = f"{floor}{rng.randint(1, 4):02d}"
        no = rng.choices((rng.randint(1, 99), rng.randint(100, 999)), (4, 1))[0]
        return rng.choice(ROADS), no, rng.choice(COMMUNITIES), rng.randint(1, 32), rng.randint(1, 6), room

    def detail(self, street: str = "") -> str:
        rng = self.rng
        road, no, comm, b, u, room = self.home()
        if street.endswith("镇") and rng.random() < 0.5:
            return f"{rng.choice(VILLAGES)}村{rng.randint(1, 12)}组{rng.randint(1, 80)}号"
        r = rng.random()
        if r < 0.30:
            text = f"{road}{no}号{comm}{b}栋{u}单元{room}"
        elif r < 0.45:
            text = f"{comm}{b}栋{u}单元{room}"
        elif r < 0.55:
            text = f"{road}{no}号{comm}{b}号楼{u}单元{room}"
        elif r < 0.62:
            text = f"{comm}{b}幢{room}室"
        elif r < 0.68:
            text = f"{road}{no}弄{b}号{room}室"
        elif r < 0.74:
            text = f"{rng.choice(VILLAGES)}村{rng.randint(1, 12)}组{rng.randint(1, 80)}号"
        elif r < 0.82:
            text = f"{road}{no}号{rng.choice(BUILDINGS)}{rng.randint(2, 28)}{rng.randint(1, 20):02d}"
        elif r < 0.88:
            text = f"{comm}{b}-{u}-{room}"
        elif r < 0.92:
            text = f"{road}{no}号{comm}菜鸟驿站"
        else:
            text = f"{road}{no}号{comm}{b}栋{room}"
        if rng.random() < 0.01:
            text = text.translate(FULLWIDTH)  # some input methods type full-width digits
        return text

    def addr(self, province: str | None = None, city: str | None = None) -> Addr:
        p, c, d, s = self.place(province, city)
        return Addr(p, c, d, s, self.detail(s))

    def buyer(self, *, virtual: float = 0.0, province: str | None = None, honest: bool = True) -> Buyer:
        name = self.honest_name() if honest else self.name()
        return Buyer(name, self.phone(virtual), self.addr(province))

    def retype(self, detail: str) -> str:
        """An honest person typing their own address again, slightly differently."""
        rng = self.rng
        r = rng.random()
        if r < 0.35 and not detail.endswith("室") and detail[-1].isdigit():
            return detail + "室"
        if r < 0.6 and "号" in detail:
            i = detail.index("号") + 1
            return detail[:i] + " " + detail[i:]
        if r < 0.8 and "栋" in detail:
            return detail.replace("栋", "幢", 1)
        return detail

    # -- an order's life
    def pay_delay(self) -> float:
        r = self.rng.random()
        if r < 0.7:
            return self.rng.uniform(5, 90)
        if r < 0.9:
            return self.rng.uniform(90, 600)
        return self.rng.uniform(600, 4 * 3600)

    def ship_time(self, paid: datetime) -> datetime:
        rng = self.rng
        earliest = paid + timedelta(hours=rng.uniform(1, 3))
        midnight = earliest.replace(hour=0, minute=0, second=0, microsecond=0)
        slot = next(
            s
            for d in range(3)
            for s in (midnight + timedelta(days=d, hours=10.5), midnight + timedelta(days=d, hours=17))
            if s >= earliest
        )
        if rng.random() < 0.12:
            slot += timedelta(days=1)
        return slot + timedelta(seconds=rng.randint(0, 100 * 60))

    def fate(
        self,
        t: datetime,
        plan: str,
        province: str,
        *,
        pay_s: float | None = None,
        cancel_at: datetime | None = None,
        confirm_fast: bool = False,
        ask_h: tuple[float, float] = (4, 96),
        settle_h: tuple[float, float] = (2, 60),
    ) -> tuple[str, datetime | None, datetime | None, datetime | None]:
        """(outcome, paid_at, shipped_at, received_at) for a plan, cut at ``end``."""
        rng, end = self.rng, self.end
        if plan == "abandon":
            return ("unpaid" if end - t < UNPAID_WINDOW else "unpaid_closed"), None, None, None
        paid = t + timedelta(seconds=round(self.pay_delay() if pay_s is None else pay_s))
        if paid > end:
            return "unpaid", None, None, None
        if plan == "cancel":
            if cancel_at is None:
                cancel_at = paid + timedelta(hours=rng.uniform(0.1, 16))
            return ("cancelled" if cancel_at <= end else "paid"), paid, None, None
        shipped = self.ship_time(paid)
        if shipped > end:
            return "paid", paid, None, None
        transit = timedelta(hours=rng.uniform(30, 80) + (rng.uniform(24, 72) if province in FAR else 0))
        delivered = shipped + transit
        if plan == "refund_transit":  # 拒收 / 未收到 / 不想要了, refunded before receipt
            ask = shipped + timedelta(hours=rng.uniform(6, 72))
            done = ask + timedelta(hours=rng.uniform(*settle_h))
            if ask > end:
                return "shipped", paid, shipped, None
            return ("refunding" if done > end else "refunded"), paid, shipped, None
        r = rng.random()
        if confirm_fast or r < 0.45:
            received = delivered + timedelta(minutes=rng.uniform(10, 20 * 60))
        elif r < 0.75:
            received = delivered + timedelta(hours=rng.uniform(20, 120))
        else:
            received = shipped + timedelta(days=10, minutes=rng.uniform(0, 90))  # auto-confirmed
        if received > end:
            return "shipped", paid, shipped, None
        if plan == "keep":
            return "completed", paid, shipped, received
        ask = received + timedelta(hours=rng.uniform(*ask_h))
        done = ask + timedelta(hours=rng.uniform(*settle_h))
        if ask > end:
            return "completed", paid, shipped, received
        if done > end:
            return "refunding", paid, shipped, None
        return "refunded", paid, shipped, received

    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.order_nos:
                self.order_nos.add(no)
                return no

    def amount(self, price: Decimal, qty: int, coupon: float = 0.28) -> Decimal:
        rng = self.rng
        total = price * qty
        if rng.random() < coupon:
            off = Decimal(rng.choice((1, 2, 3, 3, 5, 5, 10))) if total >= 20 else Decimal(rng.choice(("0.5", "1")))
            total -= min(off, (total * Decimal("0.3")).quantize(CENT))
        return max(total, CENT).quantize(CENT)

    def honest_note(self, sku: Sku) -> str:
        rng = self.rng
        if "model" in sku.tags and rng.random() < 0.7:
            return f"{rng.choice(CAR_MODELS)} {rng.randint(2012, 2025)}款"
        return rng.choice(HONEST_NOTES) if rng.random() < 0.05 else ""

    def emit(
        self,
        buyer: Buyer,
        sku: Sku,
        t: datetime,
        plan: str,
        *,
        spec: int | None = None,
        qty: int | None = None,
        amount: Decimal | None = None,
        label: str | None = None,
        lookalike: str | None = None,
        note: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        addr: Addr | None = None,
        **fate_kw,
    ) -> ExportOrder | None:
        t = t.replace(microsecond=0)
        if not self.start <= t < self.end:
            return None
        rng = self.rng
        spec = self.pick_spec(sku) if spec is None else spec
        qty = rng.choice(sku.usual) if qty is None else qty
        if amount is None:
            amount = self.amount(sku.specs[spec][1], qty)
        addr = addr or buyer.addr
        outcome, *times = self.fate(t, plan, addr.province, **fate_kw)
        paid, shipped, received = (x.replace(microsecond=0) if x else None for x in times)
        order = ExportOrder(
            order_no=self.order_no(t),
            sku_id=sku.sku_id,
            sku_name=sku.name,
            spec=sku.specs[spec][0],
            quantity=qty,
            amount=amount.quantize(CENT),
            outcome=outcome,
            ordered_at=t,
            paid_at=paid,
            shipped_at=shipped,
            received_at=received,
            receiver=name or buyer.name,
            phone=phone or buyer.phone,
            province=addr.province,
            city=addr.city,
            district=addr.district,
            street=addr.street,
            detail=addr.detail,
            label=label,
            lookalike=lookalike,
            buyer_note=self.honest_note(sku) if note is None else note,
        )
        self.out.append(order)
        return order

    def honest_plan(self, sku: Sku, *, refunds: float = 1.0) -> str:
        after = (0.065 if "fit" in sku.tags else 0.03) * refunds
        return self.rng.choices(
            ("abandon", "cancel", "refund_transit", "refund_after", "keep"),
            (0.055, 0.025, 0.01 * refunds, after, 1 - 0.09 - after),
        )[0]

    # ============================================================ honest look-alikes
    def flash_sale(self) -> None:
        """秒杀: one spec at about half price, hundreds of buyers within minutes, one each."""
        rng = self.rng
        for _ in range(rng.choice((2, 2, 3))):
            sku = self.pick_sku(self.tagged("flash"))
            spec = self.pick_spec(sku)
            price = sku.specs[spec][1] * Decimal(str(rng.uniform(0.4, 0.65)))
            price = max(Decimal(int(price)) - Decimal("0.1"), Decimal("4.9"))
            t0 = self.day(rng.randrange(1, 29)) + timedelta(hours=rng.choice((10, 12, 20, 20, 21)))
            if t0 + timedelta(hours=1) > self.end:
                t0 -= timedelta(days=2)
            tau, window = rng.uniform(0.8, 3.5) * 60, rng.uniform(5, 20) * 60
            for _ in range(self.n(250, 650)):
                off = rng.expovariate(1 / tau)
                while off > window:
                    off = rng.expovariate(1 / tau)
                if self.pool and rng.random() < 0.1:
                    buyer = rng.choice(self.pool)
                else:
                    buyer = self.buyer()
                    self.pool.append(buyer)
                plan = rng.choices(
                    ("abandon", "cancel", "refund_transit", "refund_after", "keep"), (6, 2, 1, 2.5, 88.5)
                )
                self.emit(
                    buyer,
                    sku,
                    t0 + timedelta(seconds=round(off)),
                    plan[0],
                    spec=spec,
                    qty=1,
                    amount=price,
                    lookalike="flash_sale",
                    pay_s=rng.uniform(3, 60),
                    note="",
                )

    def wholesale(self) -> None:
        """Car-wash shops, 美容店, 汽修厂, 4S stores: dozens per order, paid, re-ordered every week or so."""
        rng = self.rng
        kinds = ("洗车店", "汽车美容", "汽车美容养护中心", "汽修厂", "汽配商行", "4S店", "汽车服务中心", "快修连锁店")
        brands = _words("车之美 爱车坊 驰骋 顺达 途虎 车管家 鑫源 大众 恒通 安驰 名车汇 速洁 靓车 永兴 宏达")
        qty_range = {"bulk": (10, 60), "gift": (20, 80), "fleet": (5, 20)}
        for _ in range(self.n(26, 38)):
            kind = rng.choice(kinds)
            p, c, d, s = self.place()
            road = rng.choice(ROADS)
            detail = f"{road}{rng.randint(1, 600)}号{rng.choice(brands)}{kind}"
            if kind == "4S店":
                detail = f"{road}{rng.randint(1, 600)}号{rng.choice(('一汽大众', '东风日产', '广汽丰田', '吉利', '比亚迪'))}4S店 售后部"  # noqa: E501
            addr = Addr(p, c, d, s, detail)
            staff = [self.name() for _ in range(rng.choice((1, 1, 2)))]
            phone = self.phone()
            goods = self.tagged("gift") + self.tagged("fleet") if kind == "4S店" else self.tagged("bulk")
            t = self.when(CURVE_OFFICE, self.start, self.start + timedelta(days=12))
            while t < self.end:
                for sku in rng.sample(goods, min(len(goods), rng.choice((1, 1, 2, 3)))):
                    tag = "bulk" if "bulk" in sku.tags else ("gift" if "gift" in sku.tags else "fleet")
                    qty = rng.randint(*qty_range[tag])
                    spec = self.pick_spec(sku)
                    amount = (sku.specs[spec][1] * qty * Decimal(str(rng.choice((1, 1, 0.95, 0.9, 0.88))))).quantize(
                        CENT
                    )
                    plan = rng.choices(("keep", "refund_after", "cancel", "abandon"), (93, 3, 2, 2))[0]
                    note = rng.choice(("", "", "", "需要开发票", "老客户，尽快发", "周一前要到", "开票抬头见聊天"))
                    buyer = Buyer(rng.choice(staff), phone, addr)
                    self.emit(
                        buyer,
                        sku,
                        t,
                        plan,
                        spec=spec,
                        qty=qty,
                        amount=amount,
                        lookalike="wholesale",
                        note=note,
                        pay_s=rng.uniform(60, 3 * 3600),
                    )
                    t += timedelta(seconds=rng.randint(40, 400))
                t = self.when(CURVE_OFFICE, t + timedelta(days=rng.uniform(4, 10)), t + timedelta(days=12))
                if t + timedelta(days=5) > self.end and rng.random() < 0.5:
                    break

    def family(self) -> None:
        """Two or three people of one household (own phones, sometimes one shared) to one address."""
        rng = self.rng
        for _ in range(self.n(150, 210)):
            addr = self.addr()
            surname = rng.choices(SURNAMES, SURNAME_W)[0]
            names = [self.name("m", surname), self.name("f")]
            if rng.random() < 0.4:
                names.append(self.name(rng.choice("mf"), surname))
            phones = [self.phone() for _ in names]
            if rng.random() < 0.15:
                phones[-1] = phones[0]
            for who, phone in zip(names, phones, strict=True):
                member = Buyer(who, phone, addr)
                if rng.random() < 0.12:
                    member = replace(member, addr=replace(addr, detail=self.retype(addr.detail)))
                for _ in range(rng.choices((1, 2, 3), (70, 24, 6))[0]):
                    sku = self.pick_sku()
                    self.emit(member, sku, self.when(), self.honest_plan(sku), lookalike="family")
                self.pool.append(member)

    def fleet(self) -> None:
        """A company equipping its cars from one depot: a few big orders, or one order per car."""
        rng = self.rng
        kinds = (
            ("物流有限公司", "车队"),
            ("网约车服务有限公司", "运营部"),
            ("驾驶员培训学校", "训练场"),
            ("出租汽车有限公司", "调度中心"),
            ("汽车租赁有限公司", "门店"),
            ("建设集团有限公司", "工会"),
        )
        brands = _words("顺达 安运 通达 恒泰 鑫港 众联 畅行 华远 东兴 金桥")
        modes = ["per_car", "per_car"] + [rng.choice(("per_car", "bulk", "bulk")) for _ in range(self.n(4, 7))]
        for mode in modes:
            kind, dept = rng.choice(kinds)
            p, c, d, s = self.place()
            brand = rng.choice(brands)
            park = rng.choice((f"{brand}物流园{rng.choice('ABCD')}区", f"{rng.choice(ROADS)}{rng.randint(1, 900)}号"))
            addr = Addr(p, c, d, s, f"{park}{brand}{kind}{dept}")
            staff = [self.name() for _ in range(rng.randint(1, 3))]
            phones = [self.phone() for _ in range(rng.randint(1, 2))]
            goods = self.tagged("fleet")
            if mode == "bulk":  # a few big orders over a week or two
                t = self.when(CURVE_OFFICE, self.start, self.end - timedelta(days=8))
                for _ in range(rng.randint(4, 8)):
                    sku = rng.choice(goods)
                    qty = rng.randint(10, 60)
                    buyer = Buyer(rng.choice(staff), rng.choice(phones), addr)
                    self.emit(
                        buyer,
                        sku,
                        t,
                        "keep",
                        qty=qty,
                        lookalike="fleet",
                        note=rng.choice(("", "对公付款后请开专票")),
                        pay_s=rng.uniform(300, 6 * 3600),
                    )
                    t = self.when(CURVE_OFFICE, t + timedelta(hours=1), t + timedelta(days=4))
            else:  # one order per car, placed by staff within an hour or two
                sku = rng.choice(goods)
                spec = self.pick_spec(sku)
                t = self.when(CURVE_OFFICE, self.start, self.end - timedelta(days=3))
                for car in range(self.n(25, 55)):
                    buyer = Buyer(rng.choice(staff), rng.choice(phones), addr)
                    plate = f"{rng.choice('京沪粤浙苏鲁豫川鄂湘')}{rng.choice('ABCDE')}·{rng.randint(10000, 99999)}"
                    plan = "keep" if rng.random() < 0.96 else "refund_after"
                    self.emit(
                        buyer,
                        sku,
                        t,
                        plan,
                        spec=spec,
                        qty=1,
                        lookalike="fleet",
                        note=rng.choice(("", plate, f"{car + 1}号车")),
                        pay_s=rng.uniform(10, 120),
                    )
                    t += timedelta(seconds=rng.randint(30, 240))

    def group_buy(self) -> None:
        """A 车友会 group-buy: members order with their own names and phones to one pickup point."""
        rng = self.rng
        points = ("菜鸟驿站", "兔喜生活快递超市", "妈妈驿站", "物业快递代收点", "中通快递超市")
        for _ in range(self.n(4, 6)):
            p, c, d, s = self.place()
            road, no, comm, *_ = self.home()
            addr = Addr(p, c, d, s, f"{road}{no}号{comm}{rng.choice(('南门', '北门', '东门', ''))}{rng.choice(points)}")
            club = f"{c[:-1]}{rng.choice(CAR_MODELS)}车友会"
            goods = rng.sample(self.tagged("group"), min(2, len(self.tagged("group"))))
            t0 = self.when(CURVE_EVENING, self.start, self.end - timedelta(days=4))
            for _ in range(self.n(28, 55)):
                t = t0 + timedelta(hours=min(rng.expovariate(1 / 5), 40), seconds=rng.randint(0, 59))
                if 1 <= t.hour < 7:
                    t += timedelta(hours=7)
                member = Buyer(self.name(), self.phone(), addr)
                sku = rng.choice(goods)
                spec = self.pick_spec(sku)
                price = (sku.specs[spec][1] * Decimal("0.85")).quantize(Decimal("1")) - Decimal("0.1")
                plan = rng.choices(("keep", "refund_after", "cancel", "abandon"), (94, 3, 2, 1))[0]
                note = rng.choice(("", "", "", club, "车友群团购", "团长代收"))
                qty = rng.choice((1, 1, 1, 1, 2))
                self.emit(
                    member, sku, t, plan, spec=spec, qty=qty, amount=price * qty, lookalike="group_buy", note=note
                )

    def regular(self, count: int) -> None:
        """Ordinary buyers; a minority come back, some place an order twice after not paying the first."""
        rng = self.rng
        done = 0
        while done < count:
            if self.pool and rng.random() < 0.05:
                buyer, k = rng.choice(self.pool), 1
            else:
                buyer = self.buyer()
                k = rng.choices((1, 2, 3, 4, 5), (880, 90, 24, 4, 2))[0]
                self.pool.append(buyer)
            other = Addr(*self.place(buyer.addr.province), "") if k > 1 and rng.random() < 0.08 else None
            if other:
                other = replace(other, detail=self.detail(other.street))
            t = self.when()
            for i in range(min(k, count - done)):
                if i:
                    gap = timedelta(minutes=rng.uniform(1, 15)) if rng.random() < 0.2 else None
                    t = t + gap if gap else self.when()
                sku = self.pick_sku()
                plan = self.honest_plan(sku)
                addr = other if other and rng.random() < 0.5 else buyer.addr
                if addr is buyer.addr and i and rng.random() < 0.1:
                    addr = replace(addr, detail=self.retype(addr.detail))
                if self.emit(buyer, sku, t, plan, addr=addr):
                    done += 1
                if plan == "abandon" and rng.random() < 0.4 and done < count:  # tried again and paid
                    again = t + timedelta(minutes=rng.uniform(1, 30))
                    if self.emit(
                        buyer, sku, again, self.honest_plan(sku, refunds=0.5) if rng.random() < 0.3 else "keep"
                    ):
                        done += 1

    # ============================================================ attacks
    def burst(self, budget: int) -> None:
        """炸店: 100+ scripted fresh accounts, a few orders each on one or two items in 10–20 minutes."""
        rng = self.rng
        episodes = 2 if budget < 560 * self.scale else 3
        days = rng.sample(range(2, 29), episodes)
        for day in days:
            want, made, accounts = round(budget / episodes * rng.uniform(0.85, 1.15)), 0, 0
            hour = rng.choice((1, 2, 3, 10, 14, 19, 21, 22))
            t0 = self.day(day) + timedelta(hours=hour, minutes=rng.randint(0, 59))
            span = rng.uniform(10, 20) * 60
            goods = rng.sample(self.tagged("hot") + self.tagged("cheap")[:2], rng.choice((1, 2, 2)))
            w_plan = (rng.uniform(60, 85), rng.uniform(10, 28), rng.uniform(2, 8))
            virtual = rng.uniform(0.15, 0.45)
            least = max(1, round(rng.randint(100, 130) * self.scale))
            while made < want or accounts < least:
                accounts += 1
                buyer = self.buyer(virtual=virtual, honest=False)
                start = rng.triangular(0, span, span * rng.uniform(0.2, 0.5))
                t = t0 + timedelta(seconds=round(start))
                for _ in range(rng.choices((1, 2, 3, 4), (40, 35, 18, 7))[0]):
                    sku = rng.choice(goods)
                    plan = rng.choices(("abandon", "cancel", "refund_transit"), w_plan)[0]
                    made += 1
                    self.emit(
                        buyer,
                        sku,
                        t,
                        plan,
                        qty=rng.choices((1, 2, 3), (85, 12, 3))[0],
                        label="burst",
                        note="",
                        pay_s=rng.uniform(3, 40),
                        cancel_at=t + timedelta(minutes=rng.uniform(5, 300)),
                    )
                    t += timedelta(seconds=rng.randint(15, 180))
                    if (t - t0).total_seconds() > span:
                        break

    def inventory_lock(self) -> None:
        """同行恶拍: one-off accounts order several times the usual quantity of big items, never pay."""
        rng = self.rng
        goods = rng.sample(self.tagged("lock"), min(len(self.tagged("lock")), rng.choice((2, 3))))
        home = rng.choices(self.provinces, self.province_w)[0]
        total, made = self.n(50, 80), 0
        keep: list[Buyer] = []
        while made < total:  # short sessions across the month, a few orders each
            t = self.when(CURVE_OFFICE if rng.random() < 0.7 else CURVE_EVENING)
            for _ in range(rng.choice((1, 1, 2, 3, 4, 6))):
                if keep and rng.random() < 0.08:
                    buyer = keep.pop()
                else:
                    buyer = self.buyer(virtual=0.2, province=home if rng.random() < 0.45 else None, honest=False)
                    keep.append(buyer)
                sku = rng.choice(goods)
                mult = rng.choices((2, 3, 4, 5, 6, 7, 8), (1, 3, 4, 4, 3, 2, 2))[0]
                qty = sku.usual_qty * mult + (1 if rng.random() < 0.2 else 0)
                note = f"{rng.choice(CAR_MODELS)} {rng.randint(2015, 2024)}款" if "model" in sku.tags else ""
                if self.emit(buyer, sku, t, "abandon", qty=qty, label="inventory_lock", note=note):
                    made += 1
                t += timedelta(seconds=rng.randint(90, 900))

    def serial_refund(self) -> None:
        """Buyers ordering every few days at an ordinary pace, refunding most of what they receive."""
        rng = self.rng
        goods = [s for s in self.skus if max(p for _, p in s.specs) >= 25]
        for _ in range(self.n(10, 15)):
            buyer = self.buyer()
            second = self.phone() if rng.random() < 0.2 else None
            rate = rng.uniform(0.6, 0.92)
            t = self.when(lo=self.start, hi=self.start + timedelta(days=8))
            for _ in range(rng.randint(4, 9)):
                sku = self.pick_sku(goods)
                refund = rng.random() < rate
                plan = "keep" if not refund else rng.choices(("refund_after", "refund_transit"), (85, 15))[0]
                settle = (1, 48) if rng.random() < 0.6 else (72, 200)  # 仅退款 / 退货退款
                self.emit(
                    buyer,
                    sku,
                    t,
                    plan,
                    label="serial_refund",
                    phone=second if second and rng.random() < 0.3 else None,
                    ask_h=(1, 72),
                    settle_h=settle,
                )
                t = self.when(lo=t + timedelta(days=rng.uniform(1.5, 4)), hi=t + timedelta(days=rng.uniform(5, 8)))
                if t >= self.end - timedelta(hours=1):
                    break

    def ring(self) -> None:
        """A dozen names behind a few phones at one address typed many ways."""
        rng = self.rng
        for size in [(10, 14)] + ([(6, 8)] if rng.random() < 0.5 else []):
            p, c, d, s = self.place()
            other_street = rng.choice(GEO[p][1][c][d].split())
            road, no, comm, b, u, room = self.home()
            full_no, full_room = str(no).translate(FULLWIDTH), room.translate(FULLWIDTH)
            variants = [
                f"{road}{no}号{comm}{b}栋{u}单元{room}",
                f"{road}{full_no}号{comm}{b}栋{u}单元{full_room}",
                f"{road}{no}号{comm}{b}幢{u}单元{room}",
                f"{road}{no}号 {comm} {b}栋 {u}单元 {room}",
                f"{road}{no}号{comm}{b}号楼{u}单元{room}",
                f"{road}{no}号{comm}{b}栋{room}",
                f"{comm}{b}栋{u}单元{room}室",
                f"{road}{no}号{comm}{b}-{u}-{room}",
                f"{road}{full_no}号{comm}{b}幢{u}单元{room}室",
                f"{road}  {no}号{comm}{b}栋{u}单元{room}",
            ]
            typed = [variants[0]] + rng.sample(variants[1:], rng.randint(4, 7))
            typed_w = [3] + [rng.uniform(0.5, 2) for _ in typed[1:]]
            surnames = rng.sample(SURNAMES[:30], 3)
            names = [
                self.name(surname=rng.choice(surnames) if rng.random() < 0.4 else None)
                for _ in range(rng.randint(*size))
            ]
            phones = [self.phone(virtual=0.15) for _ in range(rng.randint(2, 4))]
            owner = {who: rng.choice(phones) for who in names}
            goods = [s for s in self.skus if max(p for _, p in s.specs) >= 20]
            total, made = rng.randint(40, 60) if size[0] == 10 else rng.randint(18, 28), 0
            t = self.when(CURVE_EVENING, self.start, self.start + timedelta(days=4))
            while made < total and t < self.end:
                for who in rng.sample(names, min(len(names), rng.randint(2, 7))):
                    phone = owner[who] if rng.random() < 0.8 else rng.choice(phones)
                    street = other_street if rng.random() < 0.1 else s
                    addr = Addr(p, c, d, street, rng.choices(typed, typed_w)[0])
                    plan = rng.choices(
                        ("refund_after", "refund_transit", "keep", "cancel", "abandon"), (45, 10, 30, 10, 5)
                    )[0]
                    if self.emit(
                        Buyer(who, phone, addr), self.pick_sku(goods), t, plan, label="ring", confirm_fast=True
                    ):
                        made += 1
                    t += timedelta(seconds=rng.randint(60, 1200))
                t = self.when(
                    CURVE_EVENING, t + timedelta(days=rng.uniform(1.5, 3)), t + timedelta(days=rng.uniform(4, 6))
                )

    def price_snipe(self) -> None:
        """A spec listed at a tenth of its price; 羊毛群 snipers pile on until it is fixed, then get cancelled."""
        rng = self.rng
        sku = rng.choice(self.tagged("snipe"))
        spec = max(range(len(sku.specs)), key=lambda i: sku.specs[i][1])
        wrong = (sku.specs[spec][1] / 10).quantize(Decimal("0.1"))  # a dropped digit: 399 -> 39.9
        t0 = self.day(rng.randrange(3, 27)) + timedelta(
            hours=rng.choice((0, 1, 6, 7, 12, 22, 23)), minutes=rng.randint(0, 59)
        )
        posted = rng.uniform(8, 25) * 60  # someone posts it to the 羊毛群
        fixed = rng.uniform(40, 150) * 60  # the shop notices and fixes the price
        tau = rng.uniform(8, 25) * 60
        next_morning = (t0 + timedelta(days=1)).replace(hour=9, minute=0, second=0)
        for _ in range(self.n(75, 110)):
            off = rng.uniform(0, posted) if rng.random() < 0.08 else posted + rng.expovariate(1 / tau)
            if off > fixed:
                off = rng.uniform(posted, fixed)
            t = t0 + timedelta(seconds=round(off))
            buyer = self.buyer()
            accounts = [buyer]
            if rng.random() < 0.15:  # the family's accounts too
                accounts.append(Buyer(self.name(), self.phone(), buyer.addr))
            for who in accounts:
                for _ in range(rng.choices((1, 2, 3), (60, 30, 10))[0]):
                    qty = rng.choices((1, 2, 3, 5), (45, 25, 15, 15))[0]
                    if off < posted * 0.5 and rng.random() < 0.5:
                        plan = "keep"  # shipped before anyone noticed
                    else:
                        plan = rng.choices(("cancel", "abandon"), (85, 15))[0]
                    cancel_at = next_morning + timedelta(minutes=rng.uniform(0, 240))
                    self.emit(
                        who,
                        sku,
                        t,
                        plan,
                        spec=spec,
                        qty=qty,
                        amount=wrong * qty,
                        label="price_snipe",
                        note="",
                        pay_s=rng.uniform(5, 50),
                        cancel_at=cancel_at,
                    )
                    t += timedelta(seconds=rng.randint(20, 200))

    def pro_claimant(self) -> None:
        """职业打假: several 3C items, often in multiples, claimed as uncertified; refunded without return."""
        rng = self.rng
        goods = self.tagged("c3")
        hubs = rng.sample(["广东省", "河南省", "湖南省", "浙江省", "四川省"], 2)
        notes = ("", "", "", "请开具发票", "需要发票，抬头个人", "请随货附合格证", "发票请写明型号")
        for _ in range(self.n(8, 12)):
            buyer = self.buyer(province=rng.choice(hubs) if rng.random() < 0.6 else None)
            t = self.when(CURVE_OFFICE)
            for _ in range(rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]):
                sku = rng.choice(goods)
                qty = rng.choice((1, 2, 2, 3, 3, 5))
                plan = rng.choices(("refund_after", "refund_transit", "keep"), (70, 10, 20))[0]
                self.emit(
                    buyer,
                    sku,
                    t,
                    plan,
                    qty=qty,
                    label="pro_claimant",
                    note=rng.choice(notes),
                    confirm_fast=True,
                    ask_h=(2, 48),
                    settle_h=(48, 240),
                )
                t = self.when(CURVE_OFFICE, t + timedelta(hours=1), t + timedelta(days=rng.uniform(2, 10)))

    def coupon_farm(self) -> None:
        """薅羊毛: new accounts on virtual numbers spend new-user coupons on the cheapest items, a few rooms."""
        rng = self.rng
        goods = sorted(self.tagged("cheap"), key=lambda s: min(p for _, p in s.specs))[:4]
        for _ in range(rng.choice((1, 2))):
            p, c, d, s = self.place()
            road, no, comm, b, _, room = self.home()
            floor = int(room[:-2])
            rooms = [f"{floor + rng.randint(-2, 2) or 1}{rng.randint(1, 4):02d}" for _ in range(rng.randint(3, 5))]
            rooms = list(dict.fromkeys(rooms))
            style = rng.choice(("{road}{no}号{comm}{b}栋{room}", "{comm}{b}栋{room}室", "{road}{no}号{b}号楼{room}"))
            total, made = self.n(30, 45), 0
            t = self.when(CURVE_EVENING, self.start, self.end - timedelta(days=20))
            while made < total and t < self.end:
                for _ in range(rng.randint(4, 12)):
                    detail = style.format(road=road, no=no, comm=comm, b=b, room=rng.choice(rooms))
                    buyer = Buyer(self.name(), self.phone(virtual=0.6), Addr(p, c, d, s, detail))
                    for _ in range(rng.choices((1, 2), (85, 15))[0]):
                        sku = rng.choice(goods)
                        spec = min(range(len(sku.specs)), key=lambda i: sku.specs[i][1])
                        amount = max(sku.specs[spec][1] - rng.choice((5, 8, 8, 10)), Decimal("0.90"))
                        plan = rng.choices(("keep", "refund_after", "abandon"), (75, 15, 10))[0]
                        if self.emit(
                            buyer, sku, t, plan, spec=spec, qty=1, amount=amount, label="coupon_farm", note=""
                        ):
                            made += 1
                        t += timedelta(seconds=rng.randint(40, 400))
                t = self.when(
                    CURVE_EVENING, t + timedelta(days=rng.uniform(1, 2)), t + timedelta(days=rng.uniform(3, 5))
                )

    def pickup_refund(self) -> None:
        """A competitor's accounts send the best sellers to one village pickup point and claim 仅退款."""
        rng = self.rng
        p = rng.choices(self.provinces, self.province_w)[0]
        towns = [
            (c, d, s) for c, ds in GEO[p][1].items() for d, ss in ds.items() for s in ss.split() if s.endswith("镇")
        ]
        if towns:
            c, d, s = rng.choice(towns)
        else:
            _, c, d, s = self.place(p)
        detail = rng.choice(
            (f"{rng.choice(VILLAGES)}村村委会旁菜鸟驿站", f"{rng.choice(ROADS)}{rng.randint(1, 300)}号兔喜快递超市")
        )
        addr = Addr(p, c, d, s, detail)
        goods = sorted(self.tagged("hot"), key=lambda k: -self.sku_w[self.skus.index(k)])[:2]
        lo = self.start + timedelta(days=rng.uniform(0, 10))
        hi = lo + timedelta(days=rng.uniform(8, 18))
        for _ in range(self.n(16, 24)):
            buyer = Buyer(self.name(), self.phone(virtual=0.25), addr)
            for _ in range(rng.choices((1, 2), (80, 20))[0]):
                plan = rng.choices(("refund_after", "refund_transit", "keep"), (75, 15, 10))[0]
                note = rng.choice(("", "", "放驿站", "到了放驿站就行"))
                self.emit(
                    buyer,
                    rng.choice(goods),
                    self.when(lo=lo, hi=hi),
                    plan,
                    label="pickup_refund",
                    note=note,
                    confirm_fast=True,
                    ask_h=(0.5, 30),
                    settle_h=(4, 72),
                )

    # ============================================================ all of it
    def run(self) -> list[ExportOrder]:
        for attack in (
            self.inventory_lock,
            self.serial_refund,
            self.ring,
            self.price_snipe,
            self.pro_claimant,
            self.coupon_farm,
            self.pickup_refund,
        ):
            attack()
        # 炸店 takes what is left of about 5% attack orders (it is at least 100 accounts per episode)
        self.burst(max(round(self.target * self.rng.uniform(0.047, 0.053)) - len(self.out), round(200 * self.scale)))
        for shape in (self.flash_sale, self.wholesale, self.family, self.fleet, self.group_buy):
            shape()
        self.regular(max(0, self.target - len(self.out)))
        return sorted(self.out, key=lambda o: (o.ordered_at, o.order_no), reverse=True)


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of a PDD car-accessories shop over the 30 days before ``end``."""
    return _Shop(seed, end, orders).run()
