"""A sports & outdoor shop (运动户外店) on Pinduoduo: one month of orders, about 5% of them attacks.

The shop sells running shoes by size, yoga mats, dumbbells and resistance bands, badminton and
table-tennis gear (shuttlecocks by the tube), basketballs and footballs, cycling and camping gear,
sportswear by size and small accessories. Its traffic has its own rhythm: gym-goers and runners
ordering after work (and early risers), outdoor buyers before the weekend, a seasonal mix (spring
hiking, summer swimming, autumn running, winter home fitness), parents buying 体测 / 中考体育 kit
in the evening, schools, clubs and gyms buying in bulk in office hours, team captains ordering
kits, shoppers ordering two sizes and returning one, and badminton players re-ordering
shuttlecocks every week or two.

Attacks (``label``): ``burst``, ``inventory_lock``, ``serial_refund``, ``ring`` and two of this
shop's own: ``wear_and_return`` (穿后退货: carbon-plate racing shoes, hiking shoes and tents bought
days before a race or holiday weekend, used, then returned under 7天无理由) and
``coupon_farming`` (羊毛党 on the 1.99 new-customer towel: one order per account, card-farm phone
numbers, shipped to a handful of drop points in one town, resold later).

Honest look-alikes (``lookalike``): ``flash_sale``, ``wholesale``, ``family``, ``team_kit`` (a
captain ordering jerseys for teammates to one dorm or office) and ``size_swap`` (the same shoe
or shirt in two sizes, one sent back).
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import accumulate

from tests.bench.scenarios import ExportOrder

FAMILY = "sports"

CENT = Decimal("0.01")
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# ---------------------------------------------------------------------------------------------
# Geography: (province, city, weight, ((district, (street, ...)), ...))
# ---------------------------------------------------------------------------------------------
REGIONS = (
    ("广东省", "深圳市", 9, (
        ("南山区", ("粤海街道", "南头街道", "西丽街道", "蛇口街道", "桃源街道")),
        ("福田区", ("福田街道", "华富街道", "梅林街道", "莲花街道", "香蜜湖街道")),
        ("宝安区", ("新安街道", "西乡街道", "福永街道", "沙井街道", "松岗街道")),
        ("龙岗区", ("布吉街道", "坂田街道", "横岗街道", "龙城街道")),
        ("龙华区", ("民治街道", "龙华街道", "大浪街道", "观湖街道")),
    )),
    ("广东省", "广州市", 8, (
        ("天河区", ("石牌街道", "五山街道", "林和街道", "棠下街道", "员村街道")),
        ("海珠区", ("江海街道", "赤岗街道", "新港街道", "琶洲街道")),
        ("番禺区", ("市桥街道", "大石街道", "洛浦街道", "南村镇")),
        ("白云区", ("三元里街道", "同和街道", "京溪街道", "太和镇")),
    )),
    ("广东省", "佛山市", 4, (
        ("南海区", ("桂城街道", "大沥镇", "狮山镇")),
        ("顺德区", ("大良街道", "容桂街道", "北滘镇", "乐从镇")),
    )),
    ("浙江省", "杭州市", 7, (
        ("西湖区", ("文新街道", "翠苑街道", "西溪街道", "转塘街道")),
        ("余杭区", ("五常街道", "仓前街道", "闲林街道")),
        ("拱墅区", ("米市巷街道", "大关街道", "祥符街道")),
        ("滨江区", ("西兴街道", "长河街道", "浦沿街道")),
    )),
    ("浙江省", "宁波市", 3, (
        ("鄞州区", ("首南街道", "中河街道", "钟公庙街道")),
        ("海曙区", ("鼓楼街道", "南门街道")),
    )),
    ("浙江省", "金华市", 2, (("义乌市", ("稠城街道", "北苑街道", "江东街道")),)),
    ("江苏省", "南京市", 5, (
        ("鼓楼区", ("宁海路街道", "湖南路街道", "中央门街道")),
        ("江宁区", ("东山街道", "秣陵街道", "淳化街道")),
        ("建邺区", ("南苑街道", "沙洲街道", "兴隆街道")),
    )),
    ("江苏省", "苏州市", 5, (
        ("姑苏区", ("平江街道", "双塔街道")),
        ("吴中区", ("长桥街道", "郭巷街道")),
        ("昆山市", ("玉山镇", "花桥镇", "周市镇")),
    )),
    ("江苏省", "无锡市", 2, (
        ("梁溪区", ("崇安寺街道", "广益街道")),
        ("滨湖区", ("蠡园街道", "河埒街道")),
    )),
    ("上海市", "上海市", 8, (
        ("浦东新区", ("张江镇", "花木街道", "陆家嘴街道", "川沙新镇", "北蔡镇")),
        ("闵行区", ("莘庄镇", "七宝镇", "古美路街道", "梅陇镇")),
        ("徐汇区", ("徐家汇街道", "田林街道", "漕河泾街道")),
        ("宝山区", ("大场镇", "顾村镇", "淞南镇")),
        ("杨浦区", ("五角场街道", "殷行街道")),
    )),
    ("北京市", "北京市", 7, (
        ("朝阳区", ("望京街道", "三里屯街道", "双井街道", "酒仙桥街道", "亚运村街道")),
        ("海淀区", ("中关村街道", "学院路街道", "海淀街道", "清河街道", "上地街道")),
        ("丰台区", ("卢沟桥街道", "新村街道", "右安门街道")),
        ("昌平区", ("回龙观街道", "天通苑北街道", "城北街道")),
        ("大兴区", ("兴丰街道", "旧宫镇", "亦庄镇")),
    )),
    ("天津市", "天津市", 2, (
        ("南开区", ("万兴街道", "体育中心街道", "学府街道")),
        ("河西区", ("友谊路街道", "尖山街道")),
    )),
    ("山东省", "济南市", 3, (
        ("历下区", ("泉城路街道", "千佛山街道", "燕山街道")),
        ("历城区", ("洪家楼街道", "王舍人街道")),
    )),
    ("山东省", "青岛市", 3, (
        ("市南区", ("香港中路街道", "八大关街道")),
        ("崂山区", ("中韩街道", "沙子口街道")),
        ("黄岛区", ("长江路街道", "辛安街道")),
    )),
    ("山东省", "临沂市", 2, (("兰山区", ("兰山街道", "银雀山街道")),)),
    ("山东省", "菏泽市", 1, (("曹县", ("倪集街道", "庄寨镇")),)),
    ("河南省", "郑州市", 5, (
        ("金水区", ("花园路街道", "文化路街道", "经八路街道")),
        ("二七区", ("淮河路街道", "五里堡街道")),
        ("中原区", ("桐柏路街道", "建设路街道")),
    )),
    ("河南省", "洛阳市", 2, (("涧西区", ("长安路街道", "重庆路街道")),)),
    ("湖北省", "武汉市", 5, (
        ("洪山区", ("珞南街道", "关山街道", "狮子山街道", "和平街道")),
        ("武昌区", ("中南路街道", "水果湖街道", "首义路街道")),
        ("江汉区", ("唐家墩街道", "常青街道")),
    )),
    ("湖南省", "长沙市", 4, (
        ("岳麓区", ("岳麓街道", "望月湖街道", "银盆岭街道")),
        ("雨花区", ("井湾子街道", "砂子塘街道", "侯家塘街道")),
        ("天心区", ("坡子街街道", "南托街道")),
    )),
    ("湖南省", "邵阳市", 1, (("邵东市", ("两市塘街道", "廉桥镇")),)),
    ("四川省", "成都市", 6, (
        ("武侯区", ("玉林街道", "红牌楼街道", "簇桥街道", "浆洗街街道")),
        ("锦江区", ("春熙路街道", "书院街街道", "牛市口街道")),
        ("金牛区", ("驷马桥街道", "抚琴街道", "西安路街道")),
        ("郫都区", ("犀浦街道", "郫筒街道")),
    )),
    ("四川省", "南充市", 1, (("顺庆区", ("中城街道", "北城街道")),)),
    ("重庆市", "重庆市", 5, (
        ("渝北区", ("龙溪街道", "回兴街道", "两路街道")),
        ("九龙坡区", ("杨家坪街道", "石桥铺街道", "谢家湾街道")),
        ("沙坪坝区", ("小龙坎街道", "渝碚路街道", "天星桥街道")),
        ("南岸区", ("南坪街道", "铜元局街道")),
    )),
    ("陕西省", "西安市", 4, (
        ("雁塔区", ("小寨路街道", "电子城街道", "丈八沟街道", "长延堡街道")),
        ("碑林区", ("南院门街道", "张家村街道")),
        ("未央区", ("张家堡街道", "未央宫街道")),
    )),
    ("福建省", "福州市", 3, (
        ("鼓楼区", ("东街街道", "五凤街道", "温泉街道")),
        ("仓山区", ("仓山镇", "金山街道", "盖山镇")),
    )),
    ("福建省", "厦门市", 3, (
        ("思明区", ("筼筜街道", "莲前街道", "鹭江街道")),
        ("湖里区", ("江头街道", "金山街道", "殿前街道")),
    )),
    ("福建省", "泉州市", 2, (("晋江市", ("青阳街道", "陈埭镇", "池店镇")),)),
    ("安徽省", "合肥市", 3, (
        ("蜀山区", ("三里庵街道", "稻香村街道", "琥珀街道")),
        ("包河区", ("芜湖路街道", "望湖街道")),
    )),
    ("安徽省", "阜阳市", 1, (("临泉县", ("城关街道", "杨桥镇")),)),
    ("江西省", "南昌市", 2, (
        ("红谷滩区", ("沙井街道", "卫东街道")),
        ("青山湖区", ("京东镇", "上海路街道")),
    )),
    ("江西省", "赣州市", 1, (("于都县", ("贡江镇", "罗坳镇")),)),
    ("河北省", "石家庄市", 2, (
        ("长安区", ("育才街道", "建北街道")),
        ("裕华区", ("裕兴街道", "槐底街道")),
    )),
    ("河北省", "保定市", 1, (("竞秀区", ("先锋街道", "东风街道")),)),
    ("辽宁省", "沈阳市", 2, (
        ("和平区", ("南湖街道", "太原街街道")),
        ("浑南区", ("五三街道", "白塔街道")),
    )),
    ("辽宁省", "大连市", 2, (("沙河口区", ("星海湾街道", "马栏街道")),)),
    ("吉林省", "长春市", 1, (("朝阳区", ("桂林街道", "前进街道")),)),
    ("黑龙江省", "哈尔滨市", 1, (("南岗区", ("花园街道", "大成街道")),)),
    ("山西省", "太原市", 1, (("小店区", ("坞城街道", "平阳路街道")),)),
    ("云南省", "昆明市", 2, (
        ("五华区", ("华山街道", "莲华街道")),
        ("盘龙区", ("拓东街道", "联盟街道")),
    )),
    ("广西壮族自治区", "南宁市", 2, (
        ("青秀区", ("新竹街道", "中山街道")),
        ("西乡塘区", ("衡阳街道", "北湖街道")),
    )),
    ("贵州省", "贵阳市", 1, (("观山湖区", ("宾阳街道", "金华园街道")),)),
    ("甘肃省", "兰州市", 1, (("城关区", ("张掖路街道", "皋兰路街道")),)),
    ("海南省", "海口市", 1, (("龙华区", ("金贸街道", "滨海街道")),)),
)  # fmt: skip

# flattened (province, city, district, street) with weights
_PLACES: list[tuple[str, str, str, str]] = []
_PLACE_W: list[float] = []
for _prov, _city, _w, _districts in REGIONS:
    for _district, _streets in _districts:
        for _street in _streets:
            _PLACES.append((_prov, _city, _district, _street))
            _PLACE_W.append(_w / len(_districts) / len(_streets))
_PLACE_CUM = list(accumulate(_PLACE_W))

ROADS = (
    "人民路", "建设路", "解放路", "中山路", "文化路", "学府路", "长江路", "黄河路", "花园路", "新华路",
    "和平路", "滨河路", "东风路", "工业大道", "迎宾大道", "体育路", "青年路", "育才路", "幸福路", "光明路",
    "朝阳路", "胜利路", "红旗路", "金桥路", "锦绣大道", "科技路", "创业路", "湖滨路", "江南大道", "振兴路",
)  # fmt: skip
COMM_A = (
    "阳光", "金色", "锦绣", "翠湖", "碧水", "万科", "保利", "恒大", "碧桂园", "龙湖", "绿地", "中海", "华润",
    "融创", "滨江", "东方", "世纪", "御景", "幸福", "和谐", "星河", "紫荆", "香樟", "盛世", "新城", "书香",
    "金地", "招商", "丽水", "凤凰",
)  # fmt: skip
COMM_B = (
    "花园", "家园", "华府", "名苑", "小区", "城", "公馆", "雅苑", "国际", "新村", "嘉园", "丽景", "壹号院",
    "天悦", "府", "湾", "春天", "一期", "二期", "三期",
)  # fmt: skip
PARKS = (
    "科技园", "软件园", "创意产业园", "高新产业园", "电商产业园", "商务中心", "金融中心", "创业大厦", "数码港",
    "智慧谷",
)  # fmt: skip
COMPANIES = ("鼎盛科技", "云帆网络", "博远贸易", "启航教育", "优品电商", "汇通物流", "星辰传媒", "卓越设计")
VILLAGES = (
    "王庄", "李家湾", "张楼", "刘集", "陈家岗", "杨树", "高桥", "新庄", "马村", "河东", "后营", "前湾", "大王",
    "沙坪", "石门",
)  # fmt: skip
UNIS = ("理工大学", "师范大学", "职业技术学院", "财经学院", "医科大学", "工业大学", "科技学院", "体育学院")
CAMPUS_AREAS = ("东区", "西区", "南校区", "北苑", "", "")

_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _fw(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _stem(city: str) -> str:
    return city[:-1] if city.endswith("市") else city


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_CUM = list(accumulate(1 / (1 + i * 0.07) for i in range(len(SURNAMES))))
MALE = "伟强磊军洋勇杰涛超明刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林航晨阳博文轩睿豪哲皓志国建东峰"
FEMALE = "芳娜敏静丽艳娟霞秀玲英梅琳颖倩婷雪慧佳欣怡晴瑶雯琪萱璐露丹蕾妍悦月红燕萍"
KIDS = "子梓涵宇轩浩然一诺欣怡雨泽嘉睿思语辰萌可乐安"

_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
    "185", "186", "187", "188", "189", "191", "193", "195", "198", "199",
)  # fmt: skip
_PREFIX_CUM = list(accumulate(3.0 if p[:2] in ("13", "15", "18") else 1.0 if p == "166" else 1.6 for p in _PREFIXES))
VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")  # 虚拟运营商号段, loved by card farms


@dataclass
class Who:
    name: str
    phone: str
    place: tuple[str, str, str, str]  # province, city, district, street
    parts: dict
    detail: str


# ---------------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------------
SHOE_SIZES = (35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46)
SHOE_CUM = list(accumulate((2, 5, 7, 7, 7, 8, 9, 10, 8, 5, 2.5, 1)))
WEAR_SIZES = ("S", "M", "L", "XL", "2XL", "3XL")
WEAR_CUM = list(accumulate((6, 16, 22, 20, 11, 4)))


@dataclass(frozen=True)
class Sku:
    id: str
    name: str
    cat: str
    kind: str  # "shoe" / "wear" (colour x size) or "opt" (explicit specs)
    price: str = "0"
    colours: tuple = ()
    options: tuple = ()  # ((spec, price, weight), ...)
    pop: float = 1.0
    usual: tuple = ((1, 1.0),)  # (quantity, weight)


CATALOGUE = (
    Sku("612384057121", "轻弹缓震跑步鞋男女款透气网面运动鞋", "running", "shoe", "159.00",
        colours=("黑白", "全黑", "雾霾蓝", "米白", "荧光绿"), pop=10, usual=((1, 0.95), (2, 0.05))),
    Sku("612384058838", "碳板竞速跑鞋 马拉松训练跑步鞋", "running", "shoe", "399.00",
        colours=("冰川白", "黑金"), pop=3),
    Sku("612384059545", "碳板竞速跑鞋【限定赤焰橙】", "running", "shoe", "459.00",
        colours=("赤焰橙限定",), pop=0.8),
    Sku("612411730237", "学生体测跑鞋 中考体育专用鞋", "pe", "shoe", "129.00",
        colours=("白蓝", "黑红", "全白"), pop=4),
    Sku("612411731906", "计数跳绳 中考体测专用钢丝绳", "pe", "opt",
        options=(("钢丝款 3米可调", "19.90", 5), ("电子计数款", "29.90", 3), ("无绳计数款", "39.00", 1)),
        pop=6, usual=((1, 0.85), (2, 0.15))),
    Sku("612411732614", "中考实心球2kg 体测训练", "pe", "opt",
        options=(("2kg 男生考试款", "49.00", 3), ("1.5kg 女生款", "45.00", 2)), pop=2),
    Sku("612500981373", "加厚TPE瑜伽垫防滑初学者健身垫", "yoga", "opt",
        options=(("6mm 紫色", "59.00", 3), ("6mm 灰色", "59.00", 2), ("8mm 紫色", "69.00", 3),
                 ("8mm 藏青", "69.00", 2), ("10mm 粉色", "79.00", 1)), pop=7),
    Sku("612500982044", "高腰瑜伽裤女紧身健身裤", "yoga", "wear", "69.00",
        colours=("黑色", "雾紫", "深灰"), pop=4),
    Sku("612522160416", "可调节哑铃男士家用健身器材", "fitness", "opt",
        options=(("10kg一对", "129.00", 3), ("20kg一对", "199.00", 3), ("30kg一对", "269.00", 1)), pop=4),
    Sku("612522161128", "弹力带阻力带套装 臀部训练", "fitness", "opt",
        options=(("5件套 带收纳袋", "29.90", 3), ("11件套 拉力绳", "49.90", 2)), pop=5),
    Sku("612522162835", "静音腹肌轮 自动回弹", "fitness", "opt", options=(("双轮款 送跪垫", "39.00", 1),), pop=2),
    Sku("612657013525", "全碳素羽毛球拍超轻4U单拍", "badminton", "opt",
        options=(("4U 蓝色 已穿线24磅", "139.00", 3), ("4U 白色 已穿线24磅", "139.00", 3),
                 ("5U 粉色 已穿线22磅", "149.00", 2)), pop=4),
    Sku("612657014232", "耐打羽毛球12只装 训练比赛球", "badminton", "opt",
        options=(("鸭毛 76速 12只", "39.00", 3), ("鸭毛 77速 12只", "39.00", 4), ("鹅毛 77速 12只", "69.00", 2)),
        pop=8, usual=((1, 0.5), (2, 0.3), (3, 0.12), (5, 0.05), (10, 0.03))),
    Sku("612657015949", "比赛级鹅毛羽毛球【新批次】12只", "badminton", "opt",
        options=(("77速 12只", "89.00", 3), ("78速 12只", "89.00", 1)), pop=1.2,
        usual=((1, 0.5), (2, 0.35), (3, 0.15))),
    Sku("612733041829", "乒乓球拍 横拍直拍成品拍", "pingpong", "opt",
        options=(("横拍 双面反胶", "89.00", 3), ("直拍 双面反胶", "89.00", 2), ("横拍 专业碳素", "169.00", 1)),
        pop=3),
    Sku("612733042536", "三星乒乓球40+新材料10只装", "pingpong", "opt",
        options=(("白色10只", "19.90", 3), ("黄色10只", "19.90", 1)), pop=4,
        usual=((1, 0.5), (2, 0.3), (3, 0.2))),
    Sku("612800441702", "7号篮球 室内外耐磨PU篮球", "ball", "opt",
        options=(("7号 标准男子", "99.00", 5), ("6号 女子", "89.00", 1), ("5号 小学生", "69.00", 2)), pop=5),
    Sku("612800442419", "足球 中小学生训练比赛用球", "ball", "opt",
        options=(("5号 成人", "79.00", 3), ("4号 小学", "69.00", 2)), pop=3),
    Sku("612800443126", "篮球护膝 运动护具", "accessory", "opt",
        options=(("M 单只", "39.00", 2), ("L 单只", "39.00", 2), ("XL 一对", "69.00", 1)), pop=3),
    Sku("612911820338", "骑行头盔 一体成型公路山地车", "cycling", "opt",
        options=(("M/L 黑色", "129.00", 2), ("M/L 白色", "129.00", 1)), pop=2),
    Sku("612911821045", "骑行手套 半指防滑", "cycling", "wear", "35.00", colours=("黑色", "黑红"), pop=2),
    Sku("612911822752", "自行车尾灯 USB充电警示灯", "cycling", "opt", options=(("智能刹车感应款", "29.00", 1),),
        pop=2),
    Sku("613045280614", "户外帐篷3-4人 全自动速开", "camping", "opt",
        options=(("3-4人 绿色 单层", "299.00", 2), ("3-4人 沙色 双层", "359.00", 1)), pop=2.5),
    Sku("613045281321", "户外帐篷 限量联名款 沙漠色", "camping", "opt", options=(("4人 双层 沙漠色", "499.00", 1),),
        pop=0.6),
    Sku("613045282038", "露营灯 充电式营地灯", "camping", "opt",
        options=(("暖光款", "49.00", 2), ("三色调光款", "69.00", 1)), pop=3),
    Sku("613045283745", "户外折叠椅 月亮椅", "camping", "opt",
        options=(("标准款 卡其", "69.00", 2), ("加大款 墨绿", "89.00", 1)), pop=2.5),
    Sku("613045284452", "登山杖 碳素超轻伸缩", "hiking", "opt",
        options=(("单支 碳素", "89.00", 2), ("一对 碳素", "159.00", 1)), pop=2),
    Sku("613045285169", "防泼水徒步鞋 男女登山鞋", "hiking", "shoe", "259.00", colours=("卡其", "深灰"), pop=2),
    Sku("613177651927", "速干T恤 男女运动短袖", "apparel", "wear", "39.00",
        colours=("黑色", "白色", "藏青", "荧光黄"), pop=7, usual=((1, 0.7), (2, 0.2), (3, 0.1))),
    Sku("613177652634", "运动短裤 宽松跑步裤", "apparel", "wear", "45.00", colours=("黑色", "灰色"), pop=4),
    Sku("613177653341", "篮球服套装 男定制球衣", "apparel", "wear", "69.00",
        colours=("红色", "白色", "黑色", "宝蓝"), pop=2),
    Sku("613200874158", "防雾高清泳镜", "swimming", "opt",
        options=(("平光 黑色", "39.00", 3), ("平光 透明", "39.00", 2), ("近视300度", "59.00", 1),
                 ("近视500度", "59.00", 1)), pop=3),
    Sku("613200875865", "男士泳裤 防尴尬速干", "swimming", "wear", "49.00", colours=("黑色", "藏青"), pop=2),
    Sku("613200876572", "硅胶泳帽 防水不勒头", "swimming", "opt",
        options=(("黑色", "19.00", 2), ("蓝色", "19.00", 1), ("粉色", "19.00", 1)), pop=2),
    Sku("613355009280", "冷感运动毛巾【新人专享】", "accessory", "opt",
        options=(("蓝色 30x100cm", "12.90", 1), ("灰色 30x100cm", "12.90", 1)), pop=3),
    Sku("613355010897", "运动袜 中筒毛巾底5双装", "accessory", "opt",
        options=(("白色5双", "25.90", 3), ("黑色5双", "25.90", 2), ("黑白混搭5双", "25.90", 1)), pop=4,
        usual=((1, 0.75), (2, 0.25))),
    Sku("613355011504", "运动水壶 大容量户外", "accessory", "opt",
        options=(("750ml 黑色", "35.00", 2), ("1000ml 灰色", "39.00", 1)), pop=3),
    Sku("613355012211", "跑步腰包 手机包", "running", "opt", options=(("黑色", "29.00", 2), ("荧光绿", "29.00", 1)),
        pop=2),
)  # fmt: skip
RUN_SHOE = CATALOGUE[0]
RACE_SHOE = CATALOGUE[1]
LIMITED_SHOE = CATALOGUE[2]
PE_SHOE = CATALOGUE[3]
ROPE = CATALOGUE[4]
MED_BALL = CATALOGUE[5]
YOGA_MAT = CATALOGUE[6]
YOGA_PANTS = CATALOGUE[7]
DUMBBELL = CATALOGUE[8]
BANDS = CATALOGUE[9]
RACKET = CATALOGUE[11]
SHUTTLE = CATALOGUE[12]
GOOSE_SHUTTLE = CATALOGUE[13]
PP_RACKET = CATALOGUE[14]
PP_BALLS = CATALOGUE[15]
BASKETBALL = CATALOGUE[16]
FOOTBALL = CATALOGUE[17]
KNEE = CATALOGUE[18]
HELMET = CATALOGUE[19]
TENT = CATALOGUE[22]
LIMITED_TENT = CATALOGUE[23]
LAMP = CATALOGUE[24]
CHAIR = CATALOGUE[25]
POLES = CATALOGUE[26]
HIKING_SHOE = CATALOGUE[27]
TEE = CATALOGUE[28]
SHORTS = CATALOGUE[29]
JERSEY = CATALOGUE[30]
GOGGLES = CATALOGUE[31]
SWIM_TRUNKS = CATALOGUE[32]
SWIM_CAP = CATALOGUE[33]
TOWEL = CATALOGUE[34]
SOCKS = CATALOGUE[35]
BOTTLE = CATALOGUE[36]
WAIST_BAG = CATALOGUE[37]

NEWCOMER_PRICE = Decimal("1.99")
RETURNABLE = {"running", "apparel", "yoga", "hiking", "pe", "swimming", "cycling"}
CONSUMABLE = {SHUTTLE.id, GOOSE_SHUTTLE.id, PP_BALLS.id, SOCKS.id}
# things people buy together (first -> second)
BASKETS = {
    RUN_SHOE.id: (SOCKS, WAIST_BAG, TEE),
    RACE_SHOE.id: (SOCKS, WAIST_BAG),
    RACKET.id: (SHUTTLE, SHUTTLE, SOCKS),
    PP_RACKET.id: (PP_BALLS,),
    TENT.id: (LAMP, CHAIR, CHAIR),
    DUMBBELL.id: (BANDS, YOGA_MAT),
    GOGGLES.id: (SWIM_CAP, SWIM_TRUNKS),
    BASKETBALL.id: (KNEE, SOCKS),
    YOGA_MAT.id: (YOGA_PANTS, BANDS),
    PE_SHOE.id: (ROPE, SOCKS),
}

SEASONS = {
    "spring": {"hiking": 2.0, "camping": 1.8, "running": 1.3, "cycling": 1.3, "swimming": 0.5},
    "summer": {"swimming": 4.0, "camping": 1.4, "cycling": 1.2, "apparel": 1.3, "fitness": 0.85},
    "autumn": {"running": 1.5, "hiking": 1.4, "ball": 1.3, "swimming": 0.4},
    "winter": {"fitness": 1.5, "yoga": 1.5, "camping": 0.4, "swimming": 0.3, "cycling": 0.6, "hiking": 0.6},
}
GROUP_OF = {
    "running": "gym", "fitness": "gym", "yoga": "gym", "camping": "outdoor", "hiking": "outdoor",
    "cycling": "outdoor", "pe": "pe",
}  # fmt: skip

# when people shop on PDD, by hour, and how each kind of buyer bends it
BASE_HOUR = (
    1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.8, 2.6, 3.2, 3.6, 3.8,
    4.4, 4.0, 3.4, 3.3, 3.3, 3.5, 3.9, 4.6, 5.6, 6.2, 5.4, 3.2,
)  # fmt: skip
BASE_DOW = (0.95, 0.93, 0.95, 1.0, 1.05, 1.15, 1.15)


def _hour_w(group: str, hour: int, dow: int) -> float:
    w = BASE_HOUR[hour] * BASE_DOW[dow]
    if group == "gym":  # after work, and the 6 am runners
        w *= 1.6 if 18 <= hour <= 23 else 1.5 if hour in (6, 7) else 1.0
    elif group == "outdoor":  # planning the weekend
        w *= (0.95, 0.95, 1.0, 1.35, 1.45, 1.1, 0.8)[dow] * (1.2 if 20 <= hour <= 23 else 1.0)
    elif group == "pe":  # parents after homework, Sunday night panic before PE class
        w *= (1.5 if 19 <= hour <= 22 else 1.0) * (1.3 if dow == 6 else 1.0)
    elif group == "office":  # schools, clubs, gyms: office hours, working days
        w = (2.5 if 8 <= hour <= 17 else 0.05) * (0.15 if dow >= 5 else 1.0)
    return w


HONEST_NOTES = (
    "尺码偏大还是偏小啊", "麻烦尽快发货，谢谢", "送人的，不要放价签", "工作日放驿站就行", "能发顺丰吗，可以补运费",
    "颜色别发错", "急用", "孩子体测要用，麻烦快点发", "周末比赛要用，周五前能到吗", "能多送几个球吗",
    "包装好一点", "不要放快递柜",
)  # fmt: skip


def _season(month: int) -> str:
    return {3: "spring", 4: "spring", 5: "spring", 6: "summer", 7: "summer", 8: "summer", 9: "autumn",
            10: "autumn", 11: "autumn"}.get(month, "winter")  # fmt: skip


def _pick_cum(rng: random.Random, items, cum):
    return rng.choices(items, cum_weights=cum)[0]


def _sec(dt: datetime) -> datetime:
    return dt.replace(microsecond=0)


# ---------------------------------------------------------------------------------------------
# The shop's month
# ---------------------------------------------------------------------------------------------
class Shop:
    def __init__(self, seed: int, end: datetime):
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        mid = end - timedelta(days=15)
        season = SEASONS[_season(mid.month)]
        pe = 2.0 if mid.month in (3, 4, 5, 9, 10, 11) else 0.7  # 中考体育 in spring, school 体测 in autumn
        weights = []
        for s in CATALOGUE:
            w = s.pop * season.get(s.cat, 1.0) * (pe if s.cat == "pe" else 1.0)
            weights.append(w)
        self._sku_cum = list(accumulate(weights))
        self._slot_idx = list(range(30 * 24))
        self._slots: dict[str, list[float]] = {}
        for group in ("general", "gym", "outdoor", "pe", "office"):
            w = []
            for i in self._slot_idx:
                t = self.start + i * HOUR
                drift = 0.9 + 0.2 * i / 720  # a shop slowly growing
                w.append(_hour_w(group, t.hour, t.weekday()) * drift)
            self._slots[group] = list(accumulate(w))
        self._phones: set[str] = set()

    # -- time ----------------------------------------------------------------------------------
    def when(self, group: str = "general", lo: datetime | None = None, hi: datetime | None = None) -> datetime:
        rng = self.rng
        for _ in range(50):
            i = _pick_cum(rng, self._slot_idx, self._slots[group])
            t = self.start + i * HOUR + timedelta(seconds=rng.randrange(3600))
            if t < self.end and (lo is None or t >= lo) and (hi is None or t < hi):
                return t
        lo = lo or self.start
        hi = min(hi or self.end, self.end)
        return lo + timedelta(seconds=rng.randrange(max(1, int((hi - lo).total_seconds()))))

    def at_evening(self, day: datetime, lo_h: int = 18, hi_h: int = 23) -> datetime:
        rng = self.rng
        t = day.replace(hour=rng.randint(lo_h, hi_h), minute=rng.randrange(60), second=rng.randrange(60))
        return t

    def pay_delay(self, slow: bool = False) -> timedelta:
        r = self.rng.random()
        if slow and r < 0.5:  # schools and clubs pay via a colleague / the finance office
            return timedelta(seconds=self.rng.randint(1800, 30 * 3600))
        if r < 0.72:
            return timedelta(seconds=self.rng.randint(6, 100))
        if r < 0.93:
            return timedelta(seconds=self.rng.randint(100, 900))
        return timedelta(seconds=self.rng.randint(900, 4 * 3600))

    def ship_time(self, paid: datetime) -> datetime:
        rng = self.rng
        t = paid + timedelta(seconds=rng.randint(2 * 3600, 30 * 3600))
        if t.hour < 9:
            t = t.replace(hour=rng.randint(9, 12), minute=rng.randrange(60))
        elif t.hour >= 19:
            t = (t + DAY).replace(hour=rng.randint(9, 12), minute=rng.randrange(60))
        return t

    def receive_time(self, shipped: datetime) -> datetime:
        rng = self.rng
        delivered = shipped + timedelta(hours=rng.uniform(22, 100))
        r = rng.random()
        if r < 0.45:
            return delivered + timedelta(minutes=rng.randint(20, 600))
        if r < 0.8:
            return delivered + timedelta(hours=rng.uniform(20, 72))
        return max(delivered, shipped + timedelta(days=10, minutes=rng.randint(0, 400)))  # auto-confirm

    def realize(self, fate: str, at: datetime, *, slow_pay: bool = False) -> tuple:
        """(outcome, paid_at, shipped_at, received_at) for an order that was meant to go ``fate``."""
        rng, end = self.rng, self.end
        if fate == "unpaid":
            return ("unpaid" if end - at < timedelta(hours=12) else "unpaid_closed"), None, None, None
        paid = at + self.pay_delay(slow_pay)
        if paid > end:
            return "unpaid", None, None, None
        if fate == "cancelled":
            return "cancelled", paid, None, None
        shipped = self.ship_time(paid)
        if fate == "paid" or shipped > end:
            return "paid", paid, None, None
        if fate == "refunding":
            return "refunding", paid, shipped, None
        received = self.receive_time(shipped)
        if received > end:
            return "shipped", paid, shipped, None
        if fate == "refunded":
            request = received + timedelta(hours=rng.uniform(2, 120))
            done = request + timedelta(hours=rng.uniform(10, 96))
            if request > end:
                return "completed", paid, shipped, received
            if done > end:
                return "refunding", paid, shipped, None
            return "refunded", paid, shipped, received
        return "completed", paid, shipped, received

    # -- people --------------------------------------------------------------------------------
    def place(self) -> tuple[str, str, str, str]:
        return _pick_cum(self.rng, _PLACES, _PLACE_CUM)

    def place_near(self, city: str) -> tuple[str, str, str, str]:
        near = [p for p in _PLACES if p[1] == city]
        return self.rng.choice(near)

    def phone(self, virtual: bool = False) -> str:
        rng = self.rng
        while True:
            prefix = rng.choice(VIRTUAL_PREFIXES) if virtual else _pick_cum(rng, _PREFIXES, _PREFIX_CUM)
            number = f"{prefix}{rng.randrange(10**8):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def name(self, surname: str | None = None, sex: str | None = None, kid: bool = False) -> str:
        rng = self.rng
        s = surname or _pick_cum(rng, SURNAMES, _SURNAME_CUM)
        if rng.random() < 0.01 and surname is None:  # a few compound surnames
            s = rng.choice(("欧阳", "司马", "上官", "诸葛"))
        sex = sex or rng.choice("mf")
        if kid:
            return s + rng.choice(KIDS) + rng.choice(KIDS)
        if rng.random() < 0.035:
            return s + ("先生" if sex == "m" else rng.choice(("女士", "小姐")))
        pool = MALE if sex == "m" else FEMALE
        r = rng.random()
        if r < 0.38:
            return s + rng.choice(pool)
        if r < 0.43:
            c = rng.choice(pool)
            return s + c + c
        return s + rng.choice(pool) + rng.choice(pool)

    def residential(self) -> dict:
        rng = self.rng
        tower = rng.random() < 0.6
        floor = rng.randint(1, 33 if tower else 7)
        return {
            "kind": "res",
            "road": rng.choice(ROADS),
            "no": rng.randint(1, 999) if rng.random() < 0.85 else rng.randint(1, 99),
            "comm": rng.choice(COMM_A) + rng.choice(COMM_B),
            "bld": rng.randint(1, 36),
            "unit": rng.randint(1, 4) if rng.random() < 0.68 else None,
            "room": f"{floor}{rng.randint(1, 4 if tower else 2):02d}",
        }

    def parts(self, place: tuple[str, str, str, str], kind: str | None = None) -> dict:
        rng = self.rng
        county = place[2].endswith(("县", "市")) or place[3].endswith("镇")
        if kind is None:
            r = rng.random()
            kind = (
                ("res" if r < 0.45 else "rural" if r < 0.8 else "pickup" if r < 0.9 else "office")
                if county
                else ("res" if r < 0.64 else "office" if r < 0.79 else "campus" if r < 0.87 else
                      "pickup" if r < 0.95 else "rural")
            )  # fmt: skip
        if kind == "res":
            return self.residential()
        if kind == "office":
            return {
                "kind": "office", "road": rng.choice(ROADS), "no": rng.randint(1, 888), "park": rng.choice(PARKS),
                "tower": rng.choice("ABCD"), "floor": rng.randint(2, 28), "room": rng.randint(1, 20),
                "company": rng.choice(COMPANIES),
            }  # fmt: skip
        if kind == "campus":
            return {
                "kind": "campus", "uni": _stem(place[1]) + rng.choice(UNIS), "area": rng.choice(CAMPUS_AREAS),
                "dorm": rng.randint(1, 30), "room": f"{rng.randint(1, 6)}{rng.randint(1, 30):02d}",
            }  # fmt: skip
        if kind == "pickup":
            return {
                "kind": "pickup", "road": rng.choice(ROADS), "no": rng.randint(1, 500),
                "comm": rng.choice(COMM_A) + rng.choice(COMM_B), "gate": rng.randint(1, 6),
            }  # fmt: skip
        return {
            "kind": "rural", "village": rng.choice(VILLAGES), "group": rng.randint(1, 12), "house": rng.randint(1, 88),
        }  # fmt: skip

    def type_detail(self, parts: dict, province: str, style: int | None = None, noisy: bool = True) -> str:
        """The detail address as a person types it (honest people are messy too)."""
        rng = self.rng
        kind = parts["kind"]
        if kind == "res":
            if style is None:
                if province == "上海市" and rng.random() < 0.5:
                    style = 7
                else:
                    zj = province in ("浙江省", "江苏省")
                    style = rng.choices(range(7), (26, 30, 12, 10, 14 if zj else 4, 8, 8))[0]
            text = _res_text(parts, style)
        elif kind == "office":
            p = parts
            text = rng.choice((
                f"{p['road']}{p['no']}号{p['park']}{p['tower']}座{p['floor']}{p['room']:02d}",
                f"{p['park']}{p['tower']}栋{p['floor']}楼 {p['company']}前台",
                f"{p['road']}{p['no']}号{p['park']}{p['tower']}座{p['floor']}层{p['company']}",
            ))  # fmt: skip
        elif kind == "campus":
            p = parts
            text = rng.choice((
                f"{p['uni']}{p['area']}{p['dorm']}栋{p['room']}",
                f"{p['uni']} {p['area']}学生公寓{p['dorm']}号楼{p['room']}室",
                f"{p['uni']}{p['area']}菜鸟驿站",
            ))  # fmt: skip
        elif kind == "pickup":
            p = parts
            text = rng.choice((
                f"{p['comm']}菜鸟驿站",
                f"{p['road']}{p['no']}号 妈妈驿站",
                f"{p['comm']}{p['gate']}号门丰巢柜",
                f"{p['road']}{p['no']}号{p['comm']}东门快递驿站",
            ))  # fmt: skip
        else:
            p = parts
            text = rng.choice((
                f"{p['village']}村{p['group']}组{p['house']}号",
                f"{p['village']}村{p['house']}号",
                f"{p['village']}村委会旁边 {p['group']}组",
            ))  # fmt: skip
        if noisy:
            r = rng.random()
            if r < 0.02:
                text = _fw(text)
            elif r < 0.07:
                text += rng.choice(("（放门口）", "(放驿站)", " 放快递柜", " 到了打电话", "（工作日不在家）"))
        return text

    def person(self, place=None, kind: str | None = None, virtual: bool = False, sex: str | None = None) -> Who:
        place = place or self.place()
        parts = self.parts(place, kind)
        return Who(self.name(sex=sex), self.phone(virtual), place, parts, self.type_detail(parts, place[0]))

    # -- goods ---------------------------------------------------------------------------------
    def sku(self) -> Sku:
        return _pick_cum(self.rng, CATALOGUE, self._sku_cum)

    def spec(self, sku: Sku, size=None, colour: str | None = None) -> tuple[str, Decimal]:
        rng = self.rng
        if sku.kind == "shoe":
            size = size or _pick_cum(rng, SHOE_SIZES, SHOE_CUM)
            return f"{colour or rng.choice(sku.colours)},{size}码", Decimal(sku.price)
        if sku.kind == "wear":
            size = size or _pick_cum(rng, WEAR_SIZES, WEAR_CUM)
            return f"{colour or rng.choice(sku.colours)},{size}", Decimal(sku.price)
        spec, price, _w = rng.choices(sku.options, [o[2] for o in sku.options])[0]
        return spec, Decimal(price)

    def qty(self, sku: Sku) -> int:
        q, w = zip(*sku.usual, strict=True)
        return self.rng.choices(q, w)[0]

    def coupon(self, gross: Decimal) -> Decimal:
        rng = self.rng
        r = rng.random()
        if gross >= 199 and r < 0.4:
            return Decimal(rng.choice((10, 15, 20)))
        if gross >= 99 and r < 0.35:
            return Decimal(rng.choice((5, 10)))
        if r < 0.18:
            return Decimal(rng.choice((1, 2, 3)))
        return Decimal(0)

    def order(
        self,
        who: Who,
        sku: Sku,
        at: datetime,
        fate: str,
        *,
        qty: int | None = None,
        spec: tuple[str, Decimal] | None = None,
        discount: Decimal | None = None,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        name: str | None = None,
        phone: str | None = None,
        detail: str | None = None,
        place: tuple[str, str, str, str] | None = None,
        slow_pay: bool = False,
        timing: tuple | None = None,
    ) -> ExportOrder:
        at = _sec(min(at, self.end - timedelta(seconds=5)))
        spec_text, price = spec or self.spec(sku)
        qty = qty or self.qty(sku)
        gross = price * qty
        if discount is None:
            discount = self.coupon(gross)
        amount = max(gross - discount, CENT).quantize(CENT)
        outcome, paid, shipped, received = timing or self.realize(fate, at, slow_pay=slow_pay)
        province, city, district, street = place or who.place
        return ExportOrder(
            order_no="",
            sku_id=sku.id,
            sku_name=sku.name,
            spec=spec_text,
            quantity=qty,
            amount=amount,
            outcome=outcome,
            ordered_at=at,
            paid_at=paid and _sec(paid),
            shipped_at=shipped and _sec(shipped),
            received_at=received and _sec(received),
            receiver=name or who.name,
            phone=phone or who.phone,
            province=province,
            city=city,
            district=district,
            street=street,
            detail=detail or who.detail,
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )

    def honest_fate(self, sku: Sku) -> str:
        r = self.rng.random()
        if sku.cat in ("running", "apparel", "hiking", "yoga") or sku.kind == "shoe":
            cuts = (0.072, 0.10, 0.175, 0.187)  # unpaid, cancelled, refunded, refunding
        elif sku.id in CONSUMABLE:
            cuts = (0.06, 0.08, 0.092, 0.096)
        else:
            cuts = (0.065, 0.09, 0.118, 0.124)
        for fate, cut in zip(("unpaid", "cancelled", "refunded", "refunding"), cuts, strict=True):
            if r < cut:
                return fate
        return "completed"

    def honest_note(self, p: float = 0.06) -> str:
        return self.rng.choice(HONEST_NOTES) if self.rng.random() < p else ""


def _res_text(p: dict, style: int) -> str:
    road, no, comm, bld, unit, room = p["road"], p["no"], p["comm"], p["bld"], p["unit"], p["room"]
    u = f"{unit}单元" if unit else ""
    if style == 0:
        return f"{road}{no}号{comm}{bld}栋{u}{room}"
    if style == 1:
        return f"{comm}{bld}栋{u}{room}"
    if style == 2:
        return f"{comm}{bld}-{unit}-{room}" if unit else f"{comm}{bld}-{room}"
    if style == 3:
        return f"{road}{no}号{comm}{bld}号楼{u}{room}室"
    if style == 4:
        return f"{comm}{bld}幢{u}{room}室"
    if style == 5:
        return f"{road}{no}号 {comm} {bld}栋 {room}"
    if style == 7:
        return f"{road}{no}弄{bld}号{room}室"
    return f"{comm}{bld}栋{room}"


# ---------------------------------------------------------------------------------------------
# Honest traffic
# ---------------------------------------------------------------------------------------------
def _ordinary(shop: Shop, n: int) -> list[ExportOrder]:
    """Everyday buyers: one-offs, small baskets, and regulars re-ordering consumables."""
    rng = shop.rng
    out: list[ExportOrder] = []
    while len(out) < n:
        who = shop.person()
        r = rng.random()
        if r < 0.065:  # a regular: shuttlecocks / balls / socks every week or two
            sku = rng.choice((SHUTTLE, SHUTTLE, SHUTTLE, GOOSE_SHUTTLE, PP_BALLS, SOCKS))
            spec = shop.spec(sku)
            t = shop.when(GROUP_OF.get(sku.cat, "general"), hi=shop.start + 12 * DAY)
            for _ in range(rng.randint(2, 6)):
                if t >= shop.end:
                    break
                same = spec if rng.random() < 0.8 else shop.spec(sku)
                detail = who.detail if rng.random() < 0.9 else shop.type_detail(who.parts, who.place[0])
                out.append(shop.order(who, sku, t, shop.honest_fate(sku), spec=same, detail=detail,
                                      note=shop.honest_note(0.03)))  # fmt: skip
                t = shop.at_evening(t + timedelta(days=rng.uniform(4, 13)), 7, 23)
            continue
        sku = shop.sku()
        group = GROUP_OF.get(sku.cat, "general")
        t = shop.when(group)
        newcomer = rng.random() < 0.8
        discount = None
        if sku is TOWEL and newcomer:
            discount = Decimal(TOWEL.options[0][1]) - NEWCOMER_PRICE
        fate = shop.honest_fate(sku)
        out.append(shop.order(who, sku, t, fate, discount=discount, note=shop.honest_note(),
                              qty=1 if sku is TOWEL else None))  # fmt: skip
        if r < 0.16 and sku.id in BASKETS:  # a second item in the same sitting
            extra = rng.choice(BASKETS[sku.id])
            t2 = t + timedelta(seconds=rng.randint(20, 600))
            fate2 = fate if rng.random() < 0.7 else shop.honest_fate(extra)
            out.append(shop.order(who, extra, t2, fate2))
        elif r < 0.19:  # came back later for something else
            t2 = t + timedelta(days=rng.uniform(1, 20))
            if t2 < shop.end:
                other = shop.sku()
                out.append(shop.order(who, other, t2, shop.honest_fate(other)))
    return out[:n]


def _flash_sale(shop: Shop, n: int) -> list[ExportOrder]:
    """限时秒杀: hundreds of one-order buyers on one SKU within minutes, mostly paid and received."""
    rng = shop.rng
    deals = ((SHUTTLE, "19.90"), (YOGA_MAT, "29.90"), (ROPE, "9.90"), (TEE, "19.90"), (SOCKS, "12.90"))
    events = [n] if n < 400 else [round(n * 0.62), n - round(n * 0.62)]
    out: list[ExportOrder] = []
    for size in events:
        sku, deal = rng.choice(deals)
        deal = Decimal(deal)
        day = shop.start + timedelta(days=rng.randint(2, 27))
        start = day.replace(hour=rng.choice((10, 12, 20, 20, 20, 21)), minute=0, second=0)
        spec = shop.spec(sku)
        for _ in range(size):
            who = shop.person()
            t = start + timedelta(seconds=min(rng.expovariate(1 / 100), 20 * 60) + rng.random() * 3)
            sp = spec if rng.random() < 0.6 else shop.spec(sku)  # most keep the default spec
            qty = 1 if rng.random() < 0.92 else 2
            r = rng.random()
            fate = "unpaid" if r < 0.085 else "cancelled" if r < 0.105 else "refunded" if r < 0.135 else "completed"
            discount = (sp[1] - deal) * qty
            out.append(shop.order(who, sku, t, fate, qty=qty, spec=sp, discount=discount, lookalike="flash_sale"))
    return out


def _wholesale(shop: Shop, n: int) -> list[ExportOrder]:
    """Schools (体育组), badminton clubs, gyms and company unions buying in bulk and paying."""
    rng = shop.rng
    out: list[ExportOrder] = []
    while len(out) < n:
        place = shop.place()
        stem = _stem(place[1])
        kind = rng.choices(("school", "club", "gym", "union"), (5, 3, 2, 1.5))[0]
        surname = _pick_cum(rng, SURNAMES, _SURNAME_CUM)
        road = rng.choice(ROADS)
        if kind == "school":
            name = rng.choice((f"{surname}老师", f"体育组{surname}老师", shop.name(surname)))
            detail = rng.choice((
                f"{stem}第{rng.choice('一二三四五六七八九十')}中学 体育组",
                f"{road}{rng.randint(1, 300)}号 {stem}实验小学 门卫室代收",
                f"{stem}{road[:-1]}小学 体育办公室",
            ))  # fmt: skip
            goods = ((ROPE, 40, 200), (BASKETBALL, 20, 60), (FOOTBALL, 15, 50), (MED_BALL, 10, 30), (PP_BALLS, 10, 40))
            notes = ("学校采购，需要开发票", "周末学校不收货，工作日送")
        elif kind == "club":
            name = rng.choice((f"{surname}教练", shop.name(surname)))
            detail = f"{road}{rng.randint(1, 500)}号 {rng.choice(COMM_A)}羽毛球馆"
            goods = ((SHUTTLE, 10, 40), (GOOSE_SHUTTLE, 6, 20), (PP_BALLS, 10, 30), (SOCKS, 10, 30))
            notes = ("俱乐部训练用，球速别发错", "老客户了，老价格")
        elif kind == "gym":
            name = rng.choice((f"{surname}店长", shop.name(surname)))
            mall = rng.choice(COMM_A) + rng.choice(COMM_B)
            detail = f"{mall}商业街{rng.randint(1, 80)}号 {rng.choice(COMM_A)}健身工作室"
            goods = ((YOGA_MAT, 10, 30), (BANDS, 10, 40), (DUMBBELL, 4, 10), (BOTTLE, 10, 30))
            notes = ("工作室用，颜色统一", "下午两点后有人收")
        else:
            name = shop.name(surname)
            parts = shop.parts(place, "office")
            detail = shop.type_detail(parts, place[0], noisy=False) + " 工会"
            goods = ((TEE, 30, 120), (BOTTLE, 30, 100), (SOCKS, 20, 80))
            notes = ("公司运动会用，开票抬头发客服", "尺码按表格分好")
        phone = shop.phone()
        who = Who(name, phone, place, {"kind": "org"}, detail)
        t = shop.when("office")
        for k in range(rng.choices((1, 2, 3), (5, 3, 1))[0]):
            sku, lo, hi = rng.choice(goods)
            qty = rng.randint(lo, hi)
            if rng.random() < 0.5:
                qty = max(lo, round(qty, -1))  # schools like round numbers
            spec = shop.spec(sku)
            discount = (spec[1] * qty * Decimal(rng.choice(("0", "0.03", "0.05", "0.08", "0.1")))).quantize(CENT)
            if k and rng.random() < 0.5:  # a second line of the same purchase
                t += timedelta(minutes=rng.randint(1, 30))
            else:
                t = shop.when("office")
            r = rng.random()
            fate = "unpaid" if r < 0.03 else "cancelled" if r < 0.07 else "refunded" if r < 0.1 else "completed"
            note = rng.choice(("", "", "需要开发票", notes[0], notes[1]))
            out.append(shop.order(who, sku, t, fate, qty=qty, spec=spec, discount=discount, note=note,
                                  lookalike="wholesale", slow_pay=True))  # fmt: skip
    return out[:n]


def _family(shop: Shop, n: int) -> list[ExportOrder]:
    """2-3 people of one household at one address (each typing it in their own app)."""
    rng = shop.rng
    adult_m = (DUMBBELL, RUN_SHOE, BASKETBALL, RACKET, SHUTTLE, TENT, HELMET, TEE)
    adult_f = (YOGA_MAT, YOGA_PANTS, BANDS, RUN_SHOE, GOGGLES, BOTTLE, TEE)
    kid = (ROPE, PE_SHOE, FOOTBALL, MED_BALL, GOGGLES, SWIM_CAP, BASKETBALL)
    out: list[ExportOrder] = []
    while len(out) < n:
        place = shop.place()
        parts = shop.parts(place, "res")
        dad = _pick_cum(rng, SURNAMES, _SURNAME_CUM)
        members = [(shop.name(dad, "m"), shop.phone(), adult_m), (shop.name(sex="f"), shop.phone(), adult_f)]
        if rng.random() < 0.55:
            teen_phone = shop.phone() if rng.random() < 0.4 else members[rng.randrange(2)][1]
            members.append((shop.name(dad, kid=True), teen_phone, kid))
        elif rng.random() < 0.3:  # grandma / sister living together
            members.append((shop.name(sex="f"), shop.phone(), adult_f))
        rng.shuffle(members)
        style_detail = {m[0]: shop.type_detail(parts, place[0]) for m in members}
        for name, phone, goods in members[: rng.randint(2, len(members))]:
            for _ in range(rng.choices((1, 2, 3), (5, 3, 1))[0]):
                sku = rng.choice(goods)
                who = Who(name, phone, place, parts, style_detail[name])
                t = shop.when(GROUP_OF.get(sku.cat, "general"))
                out.append(shop.order(who, sku, t, shop.honest_fate(sku), lookalike="family",
                                      note=shop.honest_note(0.04)))  # fmt: skip
    return out[:n]


def _team_kit(shop: Shop, n: int) -> list[ExportOrder]:
    """A captain orders jerseys/tees for teammates in their sizes, to one dorm or office."""
    rng = shop.rng
    out: list[ExportOrder] = []
    while len(out) < n:
        place = shop.place()
        parts = shop.parts(place, rng.choice(("campus", "campus", "office", "res")))
        captain = shop.person(place)
        captain.parts = parts
        captain.detail = shop.type_detail(parts, place[0], noisy=False)
        sku = rng.choices((JERSEY, TEE, SHORTS), (6, 3, 1))[0]
        colour = rng.choice(sku.colours)
        size = rng.randint(5, 11)
        sexes = ["m" if sku is JERSEY or rng.random() < 0.6 else "f" for _ in range(size)]
        mates = [(shop.name(sex=sex), shop.phone()) for sex in sexes]
        t0 = shop.when("general")
        self_serve = rng.random() < 0.3  # teammates order themselves from the captain's link
        for i, (mate, mate_phone) in enumerate(mates):
            lag = timedelta(hours=rng.uniform(0, 40)) if self_serve else timedelta(seconds=40 * i + rng.randint(5, 90))
            t = t0 + lag
            own = self_serve or rng.random() < 0.15
            name = mate if (own or rng.random() < 0.6) else captain.name
            phone = mate_phone if own else captain.phone
            detail = shop.type_detail(parts, place[0]) if own else captain.detail
            r = rng.random()
            fate = "refunded" if r < 0.07 else "unpaid" if r < 0.11 else "cancelled" if r < 0.13 else "completed"
            note = f"背号{rng.randint(0, 99)}" if sku is JERSEY and rng.random() < 0.5 else ""
            out.append(shop.order(captain, sku, t, fate, qty=1, spec=shop.spec(sku, colour=colour), name=name,
                                  phone=phone, detail=detail, note=note, lookalike="team_kit"))  # fmt: skip
        if rng.random() < 0.4:
            out.append(shop.order(captain, SOCKS, t0 + timedelta(minutes=rng.randint(5, 60)), "completed",
                                  qty=rng.randint(4, 12), lookalike="team_kit"))  # fmt: skip
    return out[:n]


def _size_swap(shop: Shop, n: int) -> list[ExportOrder]:
    """Two sizes of the same shoe or shirt ordered together; one goes back."""
    rng = shop.rng
    out: list[ExportOrder] = []
    while len(out) < n:
        who = shop.person()
        goods = (RUN_SHOE, RACE_SHOE, PE_SHOE, HIKING_SHOE, TEE, YOGA_PANTS, SHORTS)
        sku = rng.choices(goods, (6, 2, 2, 1, 2, 2, 1))[0]
        colour = rng.choice(sku.colours)
        if sku.kind == "shoe":
            a = _pick_cum(rng, SHOE_SIZES, SHOE_CUM)
            a = min(a, 45)
            sizes = (a, a + 1)
        else:
            i = rng.randrange(len(WEAR_SIZES) - 1)
            sizes = (WEAR_SIZES[i], WEAR_SIZES[i + 1])
        t = shop.when(GROUP_OF.get(sku.cat, "general"))
        keep = rng.randrange(2)
        both = rng.random() < 0.12
        for k, size in enumerate(sizes):
            fate = "completed" if (k == keep or both) else "refunded"
            t_k = t + timedelta(seconds=rng.randint(15, 900)) * k
            note = "两个码都拍了，不合适的退" if k == 1 and rng.random() < 0.15 else ""
            out.append(shop.order(who, sku, t_k, fate, qty=1, spec=shop.spec(sku, size, colour), note=note,
                                  lookalike="size_swap"))  # fmt: skip
    return out[:n]


# ---------------------------------------------------------------------------------------------
# Attacks
# ---------------------------------------------------------------------------------------------
def _burst(shop: Shop, n: int) -> list[ExportOrder]:
    """炸店: 100+ fresh accounts, each with its own phone and address, hit one SKU within ~15 min."""
    rng = shop.rng
    targets = (SHUTTLE, YOGA_MAT, ROPE, TEE, SOCKS, BANDS)
    events = [n] if n < 300 else [n // 2, n - n // 2]
    out: list[ExportOrder] = []
    for size in events:
        sku = rng.choice(targets)
        day = shop.start + timedelta(days=rng.randint(1, 28))
        hour = rng.choice((22, 23, 0, 1, 13, 20, 21))
        start = day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        if start > shop.end - HOUR:
            start = shop.end - 3 * HOUR
        window = rng.randint(11 * 60, 17 * 60)
        made = 0
        while made < size:
            who = shop.person()  # bought identities: realistic names and addresses all over the country
            k = min(size - made, rng.choices((1, 2, 3, 4), (60, 28, 9, 3))[0])
            t = start + timedelta(seconds=window * rng.betavariate(1.4, 2.2))
            spec = shop.spec(sku)
            for _ in range(k):
                r = rng.random()
                fate = "unpaid" if r < 0.66 else "cancelled" if r < 0.91 else "refunded"
                qty = rng.choices((1, 2, 3), (80, 15, 5))[0]
                sp = spec if rng.random() < 0.7 else shop.spec(sku)
                out.append(shop.order(who, sku, t, fate, qty=qty, spec=sp, label="burst"))
                t += timedelta(seconds=rng.randint(15, 150))
                made += 1
    return out


def _inventory_lock(shop: Shop, n: int) -> list[ExportOrder]:
    """同行恶拍: 4-8x the usual quantity of the scarce SKUs, one-off accounts, never completed."""
    rng = shop.rng
    # (sku, quantities a locker uses): the limited colourway in popular sizes, the limited tent,
    # the new batch of match shuttlecocks (usually 1-3 tubes)
    targets = ((LIMITED_SHOE, (4, 5, 5, 6, 6, 7, 8)), (LIMITED_TENT, (4, 4, 5, 6)), (GOOSE_SHUTTLE, (8, 9, 10, 12, 14)))
    restocks = sorted(shop.start + timedelta(days=rng.uniform(1, 28)) for _ in range(5))
    out: list[ExportOrder] = []
    while len(out) < n:
        who = shop.person()
        sku, qtys = rng.choices(targets, (5, 2, 3))[0]
        if rng.random() < 0.6:  # shortly after the shop restocks
            base = rng.choice(restocks)
            t = shop.when("general", lo=base, hi=base + timedelta(hours=36))
        else:
            t = shop.when("general")
        size = rng.choice((39, 40, 41, 42, 42, 43, 44)) if sku.kind == "shoe" else None  # the sizes that sell
        spec = shop.spec(sku, size)
        fate = "unpaid" if rng.random() < 0.55 else "cancelled"
        out.append(shop.order(who, sku, t, fate, qty=rng.choice(qtys), spec=spec, label="inventory_lock"))
    return out[:n]


def _serial_refund(shop: Shop, n: int) -> list[ExportOrder]:
    """A handful of buyers ordering every few days and refunding most of it after receipt."""
    rng = shop.rng
    goods = (RUN_SHOE, RACE_SHOE, HIKING_SHOE, TEE, YOGA_PANTS, SHORTS, RACKET, GOGGLES, LAMP, HELMET, DUMBBELL)
    out: list[ExportOrder] = []
    while len(out) < n:
        who = shop.person(kind="res")
        surname = who.name[0]
        t = shop.at_evening(shop.start + timedelta(days=rng.uniform(1, 7)), 9, 23)
        for _ in range(rng.randint(5, 9)):
            if t >= shop.end - DAY or len(out) >= n:
                break
            sku = rng.choice(goods)
            r = rng.random()
            fate = "refunded" if r < 0.76 else "refunding" if r < 0.84 else "completed"
            name = who.name if rng.random() < 0.75 else surname + rng.choice(("女士", "先生", "小姐"))
            detail = who.detail if rng.random() < 0.8 else shop.type_detail(who.parts, who.place[0])
            out.append(shop.order(who, sku, t, fate, qty=1, name=name, detail=detail, note=shop.honest_note(0.08),
                                  label="serial_refund"))  # fmt: skip
            t = shop.at_evening(t + timedelta(days=rng.uniform(2.5, 6.5)), 8, 23)
    return out[:n]


def _ring_address(shop: Shop, parts: dict) -> list[str]:
    p = parts
    road, no, comm, bld, unit, room = p["road"], p["no"], p["comm"], p["bld"], p["unit"], p["room"]
    return [
        f"{road}{no}号{comm}{bld}栋{unit}单元{room}",
        _fw(f"{road}{no}号{comm}{bld}栋{unit}单元{room}"),
        f"{comm}{bld}幢{unit}单元{room}",
        f"{road}{no}号 {comm}  {bld}号楼 {unit}单元 {room}",
        f"{comm}{bld}栋{room}",
        f"{road}{no}号{comm}{bld}-{unit}-{room}",
        f"{comm} {bld}栋{unit}单元{room}室",
        f"{road}{_fw(str(no))}号{comm}{_fw(str(bld))}幢{room}室",
        f"{comm}{bld}号楼{unit}单元{room}",
    ]


def _ring(shop: Shop, n: int) -> list[ExportOrder]:
    """A dozen names behind a few phones at one flat, the address typed many ways; bad outcomes."""
    rng = shop.rng
    goods = (RUN_SHOE, RACE_SHOE, DUMBBELL, TENT, RACKET, HIKING_SHOE, YOGA_MAT, BASKETBALL, HELMET, LAMP)
    rings = max(1, round(n / 50))
    out: list[ExportOrder] = []
    for k in range(rings):
        size = n // rings + (1 if k < n % rings else 0)
        place = shop.place()
        parts = shop.residential()
        parts["unit"] = parts["unit"] or rng.randint(1, 3)
        variants = _ring_address(shop, parts)
        phones = [shop.phone() for _ in range(rng.randint(2, 4))]
        names = [shop.name() for _ in range(rng.randint(11, 14))]
        base = Who(names[0], phones[0], place, parts, variants[0])
        for _ in range(size):
            t = shop.when("general")
            r = rng.random()
            fate = ("refunded" if r < 0.5 else "unpaid" if r < 0.68 else "cancelled" if r < 0.8 else
                    "refunding" if r < 0.9 else "completed")  # fmt: skip
            out.append(shop.order(base, rng.choice(goods), t, fate, qty=1, name=rng.choice(names),
                                  phone=rng.choice(phones), detail=rng.choice(variants), label="ring",
                                  note=shop.honest_note(0.05)))  # fmt: skip
    return out


def _wear_and_return(shop: Shop, n: int) -> list[ExportOrder]:
    """穿后退货: premium gear bought days before a race / holiday weekend, used, returned after it."""
    rng = shop.rng
    saturdays = []
    d = shop.start.replace(hour=0, minute=0, second=0, microsecond=0) + 7 * DAY
    while d < shop.end - 5 * DAY:
        if d.weekday() == 5:
            saturdays.append(d)
        d += DAY
    rng.shuffle(saturdays)
    events = saturdays[: 3 if n >= 60 else 2] or [shop.end - 2 * DAY]
    event_city = {e: shop.place()[1] for e in events}
    race = (RACE_SHOE, RACE_SHOE, RACE_SHOE, RUN_SHOE)
    trip = (TENT, TENT, HIKING_SHOE, POLES, LIMITED_TENT, CHAIR)
    out: list[ExportOrder] = []
    while len(out) < n:
        event = rng.choice(events)
        is_race = rng.random() < 0.6
        place = shop.place_near(event_city[event]) if (is_race and rng.random() < 0.65) else shop.place()
        who = shop.person(place)
        for _ in range(2 if rng.random() < 0.15 else 1):
            sku = rng.choice(race if is_race else trip)
            room = (event - shop.start) / DAY - 0.6  # >= 6.4: events are a week or more into the month
            t = shop.at_evening(event - timedelta(days=rng.uniform(3.0, min(7.5, room))), 8, 23)
            timing = _wear_timing(shop, t, event)
            note = rng.choice(("", "", "", "周末比赛要用，周五前能到吗", "急用，麻烦今天发"))
            spec = shop.spec(sku, rng.choice((40, 41, 42, 42, 43, 44))) if sku.kind == "shoe" else None
            out.append(shop.order(who, sku, t, "", qty=1, spec=spec, timing=timing, note=note,
                                  label="wear_and_return"))  # fmt: skip
            if len(out) >= n:
                break
    return out


def _wear_timing(shop: Shop, at: datetime, event: datetime) -> tuple:
    rng, end = shop.rng, shop.end
    paid = at + timedelta(seconds=rng.randint(8, 240))
    if paid > end:
        return "unpaid", None, None, None
    shipped = shop.ship_time(paid)
    if shipped > end:
        return "paid", paid, None, None
    received = min(shipped + timedelta(hours=rng.uniform(26, 60)), max(event - HOUR, shipped + 20 * HOUR))
    if received > end:
        return "shipped", paid, shipped, None
    request = max(event + timedelta(days=rng.uniform(1.4, 3.8)), received + HOUR)
    if request > end:
        return "completed", paid, shipped, received
    r = rng.random()
    if r < 0.1:  # merchant saw the worn soles and refused; buyer gave up
        return "completed", paid, shipped, received
    done = request + timedelta(days=rng.uniform(2, 6))  # return parcel + inspection
    if r < 0.2 or done > end:  # 平台介入, still open
        return "refunding", paid, shipped, None
    return "refunded", paid, shipped, received


def _coupon_farming(shop: Shop, n: int) -> list[ExportOrder]:
    """羊毛党 on the 1.99 new-customer towel: one order per farmed account, to a few drop points."""
    rng = shop.rng
    hubs = []
    for _ in range(max(1, round(n / 110))):
        prov, city, district, _street = shop.place()
        streets = [p[3] for p in _PLACES if p[1] == city and p[2] == district]
        streets = rng.sample(streets, min(len(streets), 2))
        village = rng.choice(VILLAGES)
        road = rng.choice(ROADS)
        comm = rng.choice(COMM_A) + rng.choice(COMM_B)
        drops = (
            lambda v=village: f"{v}村{rng.randint(1, 9)}巷{rng.randint(1, 40)}号",
            lambda v=village: f"{v}村{rng.randint(1, 9)}组 {rng.randint(1, 60)}号出租屋",
            lambda r=road: f"{r}{rng.randint(100, 140)}号 菜鸟驿站",
            lambda c=comm: f"{c}{rng.randint(1, 12)}栋一楼商铺 代收点",
            lambda r=road, v=village: f"{r}{v}村口 兔喜快递超市",
        )
        hubs.append((prov, city, district, streets, drops))
    waves = []
    for _ in range(max(2, round(n / 14))):
        day = shop.start + timedelta(days=rng.uniform(2, 29.5))
        hour = rng.choice((23, 0, 1, 7, 8, 12, 22))
        wave = day.replace(hour=hour, minute=rng.randrange(60))
        waves.append(wave if wave < shop.end - 2 * HOUR else wave - 2 * DAY)
    out: list[ExportOrder] = []
    while len(out) < n:
        prov, city, district, streets, drops = rng.choice(hubs)
        place = (prov, city, district, rng.choice(streets))
        who = shop.person(place, virtual=rng.random() < 0.55)
        who.detail = rng.choice(drops)()
        t = rng.choice(waves) + timedelta(seconds=rng.randint(0, 80 * 60))
        r = rng.random()
        fate = "unpaid" if r < 0.06 else "cancelled" if r < 0.08 else "refunded" if r < 0.13 else "completed"
        spec = shop.spec(TOWEL)
        out.append(shop.order(who, TOWEL, t, fate, qty=1, spec=spec, discount=spec[1] - NEWCOMER_PRICE,
                              label="coupon_farming"))  # fmt: skip
    return out[:n]


# ---------------------------------------------------------------------------------------------
ATTACK_SHARE = (
    (_burst, 0.36),
    (_inventory_lock, 0.17),
    (_serial_refund, 0.06),
    (_ring, 0.07),
    (_wear_and_return, 0.14),
    (_coupon_farming, 0.20),
)
LOOKALIKE_SHARE = (
    (_flash_sale, 0.045),
    (_wholesale, 0.0025),
    (_family, 0.035),
    (_team_kit, 0.015),
    (_size_swap, 0.02),
)


def _order_no(rng: random.Random, at: datetime, seen: set[str]) -> str:
    while True:
        no = f"{at:%y%m%d}-{rng.randrange(10**15):015d}"
        if no not in seen:
            seen.add(no)
            return no


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = Shop(seed, end)
    attack_total = round(orders * 0.05)
    result: list[ExportOrder] = []
    left = attack_total
    for i, (make, share) in enumerate(ATTACK_SHARE):
        n = left if i == len(ATTACK_SHARE) - 1 else min(left, round(attack_total * share))
        result.extend(make(shop, n))
        left -= n
    honest_total = orders - len(result)
    for make, share in LOOKALIKE_SHARE:
        n = max(3, round(orders * share))
        result.extend(make(shop, n))
    result.extend(_ordinary(shop, orders - len(result)))
    assert sum(1 for o in result if o.label) == attack_total
    assert len(result) - attack_total == honest_total
    result.sort(key=lambda o: o.ordered_at)
    seen: set[str] = set()
    for o in result:
        o.order_no = _order_no(shop.rng, o.ordered_at, seen)
    return result


if __name__ == "__main__":
    from collections import Counter

    rows = generate(seed=1, end=datetime(2026, 6, 1))
    attacks = sum(1 for o in rows if o.label)
    print(f"family={FAMILY} orders={len(rows)} attacks={attacks} ({attacks / len(rows):.1%})")
    shapes = Counter((o.label and f"label={o.label}") or (o.lookalike and f"lookalike={o.lookalike}") or "honest"
                     for o in rows)  # fmt: skip
    for shape, count in sorted(shapes.items()):
        outcomes = Counter(
            o.outcome for o in rows
            if ((o.label and f"label={o.label}") or (o.lookalike and f"lookalike={o.lookalike}") or "honest") == shape
        )  # fmt: skip
        print(f"  {shape:28} {count:6}  " + " ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
    print("  outcomes:", " ".join(f"{k}={v}" for k, v in sorted(Counter(o.outcome for o in rows).items())))
