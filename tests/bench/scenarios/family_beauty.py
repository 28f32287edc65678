"""A cosmetics & skincare shop (美妆护肤), written as a buyer-journey simulation.

The shop sells ~60 SKUs: 小样/试用装 from 0.01 to 9.9 yuan used as 引流款, full-size 面霜, 精华,
口红, 面膜... at 49-399 yuan, and a few 限量礼盒. Honest traffic is a set of journeys rather than
independent orders:

- ad visitors arriving on an hour-of-day curve that peaks 21:00-24:00; about a third enter on a
  cheap trial item (often leaving the first order unpaid, then paying a second one) and some come
  back days later for full-size products (lookalike ``trial_then_buy``); the others buy a
  full-size product directly, a few come back, and a wrong lipstick/foundation shade is refunded
  and re-ordered in another shade (lookalike ``shade_exchange``);
- a loyal core re-buying their 面膜 about monthly;
- one or two 大促 nights at 20:00 with a surge of paid orders over many SKUs (``promo_night``);
- a 秒杀 on one SKU (``flash_sale``), 代购/美容院 bulk buyers (``wholesale``), households with
  several names at one address (``family``), dorm roommates sharing one room address
  (``dorm_roommates``) and buyers sending gifts to many people from one phone (``gift_sender``).

Attacks (``label``), about 5% of orders, in evasive forms: ``burst`` (炸店, one on a promo
night), ``inventory_lock`` (同行恶拍 of 限量 SKUs), ``serial_refund``, ``ring`` (one address written
many ways), plus this shop's own ``trial_farming`` (羊毛党 batches at a few 驿站 taking the 0.01
trial, many never collecting) and ``review_extortion`` (差评师 accounts on numbers from the same
号段 block, buying expensive 精华/面霜, receiving, then refunding "过敏").
"""

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from tests.bench.scenarios import OUTCOMES, ExportOrder

FAMILY = "beauty"

# --------------------------------------------------------------------------------------------
# Catalogue: (sku_id, name, price, category, specs, popularity)
# --------------------------------------------------------------------------------------------

_SHADES = ["#999 正红色", "#316 豆沙色", "#888 烂番茄色", "#520 奶茶色", "#207 枫叶红", "#108 蜜桃粉", "#66 复古红"]
_FOUNDATION = ["01 象牙白", "02 自然色", "03 小麦色", "N10 冷白皮", "N20 暖黄皮"]

_CATALOGUE = [
    # 引流款 / 小样
    ("T01", "新人1分钱 玻尿酸补水面膜体验装", 0.01, "trial", ["1片装"], 10),
    ("T02", "小棕瓶精华小样 1.5ml*3", 0.01, "trial", ["3支装"], 8),
    ("T03", "氨基酸洗面奶试用装", 0.99, "trial", ["30g"], 6),
    ("T04", "口红试色小样", 9.9, "trial", ["3支装 正红/豆沙/奶茶", "3支装 枫叶/蜜桃/复古"], 5),
    ("T05", "积雪草面霜试用装", 4.9, "trial", ["5g"], 5),
    ("T06", "清爽防晒霜旅行装", 5.9, "trial", ["10ml"], 4),
    ("T07", "精华水小样", 3.9, "trial", ["30ml"], 4),
    ("T08", "抗皱眼霜体验装", 6.9, "trial", ["3ml"], 3),
    ("T09", "卸妆油小样", 2.9, "trial", ["20ml"], 3),
    ("T10", "粉底液试色装", 9.9, "trial", ["2ml*3 色号随机", "2ml*3 冷白皮套装"], 3),
    ("T11", "香水小样 淡香", 7.9, "trial", ["2ml 白茶", "2ml 玫瑰", "2ml 小苍兰"], 2),
    ("T12", "身体乳试用装", 1.9, "trial", ["30ml"], 2),
    # 面霜
    ("C01", "烟酰胺亮肤面霜", 129, "cream", ["50g"], 5),
    ("C02", "积雪草修护面霜", 159, "cream", ["50g"], 6),
    ("C03", "胶原蛋白紧致面霜", 269, "cream", ["50g"], 3),
    ("C04", "神经酰胺保湿霜", 99, "cream", ["80g", "80g+小样5g"], 5),
    ("C05", "视黄醇抗皱晚霜", 329, "cream", ["30g"], 2),
    ("C06", "男士控油保湿面霜", 69, "cream", ["50g"], 2),
    # 精华
    ("E01", "玻色因紧致精华", 299, "serum", ["30ml"], 3),
    ("E02", "烟酰胺原液", 79, "serum", ["30ml", "30ml*2"], 6),
    ("E03", "玻尿酸保湿精华", 89, "serum", ["30ml"], 5),
    ("E04", "小棕瓶修护精华", 399, "serum", ["50ml"], 3),
    ("E05", "VC亮白精华", 149, "serum", ["30ml"], 4),
    ("E06", "二裂酵母精华", 239, "serum", ["50ml"], 3),
    ("E07", "寡肽修护原液", 119, "serum", ["30ml"], 3),
    # 口红 / 彩妆
    ("L01", "丝绒哑光口红", 89, "lip", _SHADES, 6),
    ("L02", "滋润保湿唇膏", 79, "lip", _SHADES[:4], 3),
    ("L03", "镜面水光唇釉", 99, "lip", _SHADES, 4),
    ("L04", "小金条口红", 129, "lip", _SHADES[:5], 3),
    ("L05", "口红礼盒 3支装", 169, "lip", ["经典红棕套装", "奶茶豆沙套装"], 2),
    ("F01", "持妆粉底液", 159, "makeup", _FOUNDATION, 3),
    ("F02", "水光气垫", 139, "makeup", _FOUNDATION[:3], 3),
    ("F03", "控油定妆散粉", 69, "makeup", ["透明色", "肤色"], 2),
    ("F04", "大地色眼影盘", 129, "makeup", ["9色 大地", "9色 蜜桃"], 2),
    ("F05", "防水眉笔 双头", 49, "makeup", ["灰棕", "深咖", "浅咖"], 2),
    # 面膜
    ("M01", "玻尿酸补水面膜", 59, "mask", ["10片装", "20片装"], 8),
    ("M02", "积雪草舒缓面膜", 69, "mask", ["10片装"], 6),
    ("M03", "黑绷带紧致面膜", 89, "mask", ["5片装"], 4),
    ("M04", "涂抹式清洁泥膜", 79, "mask", ["100g"], 3),
    ("M05", "熬夜急救面膜", 99, "mask", ["20片装"], 4),
    ("M06", "免洗睡眠面膜", 59, "mask", ["80ml"], 3),
    # 基础护理
    ("B01", "氨基酸洁面乳", 49, "care", ["120g"], 5),
    ("B02", "补水爽肤水", 89, "care", ["200ml"], 4),
    ("B03", "保湿乳液", 99, "care", ["120ml"], 3),
    ("B04", "水乳套装", 199, "care", ["清爽型", "滋润型"], 4),
    ("B05", "清爽防晒霜 SPF50+", 99, "care", ["50ml"], 5),
    ("B06", "淡纹眼霜", 199, "care", ["20g"], 2),
    ("B07", "温和卸妆水", 59, "care", ["500ml"], 3),
    ("B08", "烟酰胺身体乳", 69, "care", ["250ml"], 3),
    ("B09", "淡香水", 259, "care", ["50ml 白茶", "50ml 玫瑰"], 2),
    ("B10", "护手霜礼盒", 79, "care", ["5支装"], 2),
    ("B11", "控油洗发水", 69, "care", ["500ml"], 2),
    ("B12", "焕亮精华水", 129, "care", ["150ml"], 3),
    ("B13", "修护精华油", 179, "care", ["30ml"], 1),
    ("B14", "美白牙膏", 49, "care", ["120g*2"], 1),
    # 限量
    ("X01", "圣诞限量礼盒 精华+面霜+口红", 399, "limited", ["限量礼盒"], 2),
    ("X02", "联名限定口红礼盒", 299, "limited", ["联名款 4支装"], 2),
    ("X03", "限量大瓶小棕瓶精华 100ml", 389, "limited", ["100ml 限量"], 1),
    ("X04", "周年庆限定面膜礼盒", 199, "limited", ["30片 礼盒装"], 2),
]


@dataclass(frozen=True)
class _Sku:
    sku_id: str
    name: str
    price: float
    category: str
    specs: list
    weight: int


_SKUS = [_Sku(*row) for row in _CATALOGUE]
_BY_ID = {s.sku_id: s for s in _SKUS}
_TRIALS = [s for s in _SKUS if s.category == "trial"]
_FULL = [s for s in _SKUS if s.category not in ("trial", "limited")]
_MASKS = [s for s in _SKUS if s.category == "mask"]
_LIMITED = [s for s in _SKUS if s.category == "limited"]
_PRICY = [_BY_ID[k] for k in ("E01", "E04", "C03", "C05", "E06", "B06", "X03")]
_POOLS = {
    "full": _FULL,
    "trials": _TRIALS,
    "masks": _MASKS,
    "full+limited": _FULL + _LIMITED,
    "full+trials": _FULL + _TRIALS,
    "household": _FULL + _TRIALS[:4],
    "dorm": _TRIALS + _MASKS + [s for s in _FULL if s.category == "lip"],
    "refunder": [s for s in _FULL if s.category in ("lip", "makeup", "cream", "serum", "mask", "care")],
}
_POOL_CUM = {k: list(accumulate(s.weight for s in v)) for k, v in _POOLS.items()}
# the full-size products a trial item leads to
_TRIAL_LEADS_TO = {
    t.sku_id: [s for s in _FULL if s.category == cat]
    for t, cat in zip(
        _TRIALS,
        ["mask", "serum", "care", "lip", "cream", "care", "care", "care", "care", "makeup", "care", "care"],
        strict=True,
    )
}

# --------------------------------------------------------------------------------------------
# Places: (province, city, district, streets)
# --------------------------------------------------------------------------------------------

_PLACES = [
    ("广东省", "深圳市", "南山区", ["粤海街道", "南头街道", "西丽街道", "蛇口街道", "桃源街道"]),
    ("广东省", "深圳市", "福田区", ["华富街道", "福田街道", "香蜜湖街道", "莲花街道"]),
    ("广东省", "深圳市", "龙岗区", ["坂田街道", "布吉街道", "龙城街道"]),
    ("广东省", "广州市", "天河区", ["石牌街道", "林和街道", "天河南街道", "冼村街道"]),
    ("广东省", "广州市", "海珠区", ["江海街道", "赤岗街道", "新港街道"]),
    ("广东省", "佛山市", "南海区", ["桂城街道", "大沥镇"]),
    ("浙江省", "杭州市", "西湖区", ["文新街道", "翠苑街道", "北山街道", "西溪街道"]),
    ("浙江省", "杭州市", "余杭区", ["五常街道", "仓前街道", "闲林街道"]),
    ("浙江省", "杭州市", "滨江区", ["西兴街道", "长河街道", "浦沿街道"]),
    ("浙江省", "宁波市", "鄞州区", ["中河街道", "首南街道", "钟公庙街道"]),
    ("浙江省", "温州市", "鹿城区", ["五马街道", "南汇街道"]),
    ("江苏省", "南京市", "鼓楼区", ["湖南路街道", "宁海路街道", "华侨路街道"]),
    ("江苏省", "南京市", "江宁区", ["东山街道", "秣陵街道"]),
    ("江苏省", "苏州市", "姑苏区", ["平江街道", "沧浪街道", "双塔街道"]),
    ("江苏省", "苏州市", "吴中区", ["长桥街道", "郭巷街道"]),
    ("江苏省", "无锡市", "梁溪区", ["崇安寺街道", "清名桥街道"]),
    ("上海市", "上海市", "浦东新区", ["陆家嘴街道", "花木街道", "张江镇", "川沙新镇"]),
    ("上海市", "上海市", "徐汇区", ["徐家汇街道", "田林街道", "漕河泾街道"]),
    ("上海市", "上海市", "闵行区", ["莘庄镇", "七宝镇", "古美路街道"]),
    ("北京市", "北京市", "朝阳区", ["望京街道", "三里屯街道", "建外街道", "酒仙桥街道"]),
    ("北京市", "北京市", "海淀区", ["中关村街道", "学院路街道", "海淀街道"]),
    ("北京市", "北京市", "丰台区", ["卢沟桥街道", "新村街道"]),
    ("天津市", "天津市", "南开区", ["嘉陵道街道", "王顶堤街道"]),
    ("四川省", "成都市", "武侯区", ["玉林街道", "浆洗街街道", "火车南站街道"]),
    ("四川省", "成都市", "锦江区", ["春熙路街道", "书院街街道"]),
    ("四川省", "成都市", "成华区", ["猛追湾街道", "建设路街道"]),
    ("重庆市", "重庆市", "渝北区", ["龙溪街道", "回兴街道"]),
    ("重庆市", "重庆市", "江北区", ["观音桥街道", "五里店街道"]),
    ("湖北省", "武汉市", "洪山区", ["珞南街道", "关山街道"]),
    ("湖北省", "武汉市", "武昌区", ["中南路街道", "水果湖街道"]),
    ("湖北省", "武汉市", "江汉区", ["唐家墩街道", "万松街道"]),
    ("湖南省", "长沙市", "岳麓区", ["望月湖街道", "观沙岭街道"]),
    ("湖南省", "长沙市", "雨花区", ["侯家塘街道", "东塘街道"]),
    ("河南省", "郑州市", "金水区", ["花园路街道", "经八路街道"]),
    ("河南省", "郑州市", "二七区", ["五里堡街道", "建中街街道"]),
    ("山东省", "济南市", "历下区", ["泉城路街道", "甸柳庄街道"]),
    ("山东省", "青岛市", "市南区", ["八大关街道", "香港中路街道"]),
    ("山东省", "青岛市", "崂山区", ["中韩街道", "沙子口街道"]),
    ("福建省", "厦门市", "思明区", ["鹭江街道", "莲前街道", "嘉莲街道"]),
    ("福建省", "福州市", "鼓楼区", ["东街街道", "五凤街道"]),
    ("陕西省", "西安市", "雁塔区", ["小寨路街道", "电子城街道"]),
    ("陕西省", "西安市", "碑林区", ["南院门街道", "长安路街道"]),
    ("辽宁省", "沈阳市", "和平区", ["太原街街道", "南湖街道"]),
    ("辽宁省", "大连市", "沙河口区", ["黑石礁街道", "马栏街道"]),
    ("黑龙江省", "哈尔滨市", "南岗区", ["花园街道", "大成街道"]),
    ("吉林省", "长春市", "朝阳区", ["桂林街道", "红旗街道"]),
    ("河北省", "石家庄市", "长安区", ["建北街道", "育才街道"]),
    ("山西省", "太原市", "小店区", ["坞城街道", "营盘街道"]),
    ("安徽省", "合肥市", "蜀山区", ["三里庵街道", "琥珀街道"]),
    ("安徽省", "合肥市", "包河区", ["望湖街道", "滨湖世纪社区"]),
    ("江西省", "南昌市", "红谷滩区", ["沙井街道", "卫东街道"]),
    ("广西壮族自治区", "南宁市", "青秀区", ["新竹街道", "中山街道"]),
    ("云南省", "昆明市", "五华区", ["华山街道", "护国街道"]),
    ("贵州省", "贵阳市", "观山湖区", ["金华园街道", "世纪城街道"]),
    ("海南省", "海口市", "龙华区", ["金贸街道", "海垦街道"]),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", ["大学西路街道", "昭乌达路街道"]),
    ("新疆维吾尔自治区", "乌鲁木齐市", "沙依巴克区", ["友好南路街道", "炉院街街道"]),
    ("甘肃省", "兰州市", "城关区", ["张掖路街道", "皋兰路街道"]),
    ("宁夏回族自治区", "银川市", "兴庆区", ["解放西街街道", "富宁街街道"]),
]
# the big cities carry more of the traffic
_PLACE_WEIGHTS = [
    3
    if p[1] in ("深圳市", "广州市", "杭州市", "上海市", "北京市", "成都市", "重庆市", "武汉市")
    else 2
    if p[0] in ("江苏省", "浙江省", "广东省", "山东省", "河南省", "湖南省", "福建省")
    else 1
    for p in _PLACES
]
_PLACE_CUM = list(accumulate(_PLACE_WEIGHTS))
_REMOTE = {"新疆维吾尔自治区", "内蒙古自治区", "甘肃省", "宁夏回族自治区", "黑龙江省", "海南省", "云南省"}

# county towns whose 驿站 serve the trial farmers
_TOWNS = [
    ("广东省", "揭阳市", "普宁市", "流沙东街道"),
    ("福建省", "莆田市", "仙游县", "鲤城街道"),
    ("江西省", "赣州市", "于都县", "贡江镇"),
    ("湖南省", "邵阳市", "邵东市", "两市塘街道"),
]

_ROADS = [
    "建设路", "人民路", "解放路", "中山路", "学府路", "科技园路", "文化路", "长江路", "新华路", "和平路",
    "滨河路", "朝阳路", "青年路", "迎宾大道", "光明路", "幸福路", "东风路", "南京路", "北京路", "五一路",
    "工业大道", "金融街", "湖滨路", "体育路", "银杏路",
]  # fmt: skip
_COMMUNITIES = [
    "金地名京", "万科城", "碧桂园", "保利香槟国际", "龙湖春江郦城", "华润城", "绿城桂花园", "融创壹号院",
    "中海国际社区", "恒大绿洲", "世茂滨江花园", "招商雍景湾", "阳光100", "翡翠城", "美的君兰江山", "锦绣花园",
    "东方明珠花园", "金色家园", "幸福里", "阳光新城", "御景华庭", "星河湾", "越秀星汇", "滨江壹号", "龙湖天街",
    "紫薇花园", "丽景湾", "新城国际", "雅居乐花园", "书香门第", "蓝湾半岛", "梧桐苑", "香樟园", "春华小区",
    "铁路新村", "教师公寓", "电力小区", "南湖名都", "凤凰城", "橡树湾",
]  # fmt: skip
_TOWERS = ["国际大厦", "金融中心", "科技大厦", "创业园", "时代广场", "中心大厦", "汇金中心", "软件园"]
_VILLAGES = ["王庄村", "李家村", "新民村", "河西村", "高桥村", "东湖村", "南岗村"]
_STATIONS = ["菜鸟驿站", "妈妈驿站", "兔喜生活", "中通快递超市", "韵达快递超市", "京东快递站"]
_SCHOOL_SUFFIX = ["师范学院", "职业技术学院", "理工学院", "财经学院", "医学院", "外国语学院", "大学"]

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_CUM = list(accumulate(max(1, 30 - i // 2) for i in range(len(_SURNAMES))))
_FEMALE = "婷丽静敏燕艳娟霞芳娜雪慧玲颖琳欣悦萱涵怡晨佳雨思梦诗梓可心晓亚秀春美倩蕾露薇璐瑶琪菲妍曦雯洁嘉月"
_MALE = "伟强磊军洋勇杰涛明超浩宇鹏斌辉峰俊凯鑫昊"
_PHONE_PREFIXES = [
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157",
    "158", "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188",
    "189", "191", "195", "198", "199", "170", "171",
]  # fmt: skip
_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")

# hour-of-day curve for ad traffic: peak 21:00-24:00
_HOUR_W = [
    5.0,
    2.6,
    1.2,
    0.6,
    0.35,
    0.35,
    0.6,
    1.2,
    2.0,
    2.8,
    3.3,
    3.8,
    4.4,
    4.0,
    3.4,
    3.3,
    3.5,
    3.8,
    4.2,
    4.8,
    6.0,
    8.2,
    9.6,
    8.6,
]
_HOURS = list(range(24))
_HOUR_CUM = list(accumulate(_HOUR_W))

_HONEST_NOTES = [
    "送人的，不要放价格单",
    "请尽快发货，谢谢",
    "敏感肌可以用吗",
    "多送点小样呀",
    "放门口就行",
    "不要放快递柜",
    "麻烦包装好一点",
]


@dataclass
class _Person:
    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    addr: dict
    style: int

    def detail(self, style: int | None = None) -> str:
        return _fmt_detail(self.addr, self.style if style is None else style)


def _fmt_detail(a: dict, style: int) -> str:
    kind = a["kind"]
    if kind == "res":
        road, no, comm, b, u, room = a["road"], a["no"], a["comm"], a["b"], a["u"], a["room"]
        forms = [
            f"{comm}{b}号楼{u}单元{room}",
            f"{comm}{b}栋{u}单元{room}室",
            f"{road}{no}号{comm}{b}栋{room}",
            f"{comm}{b}-{u}-{room}",
            f"{road}{no}号{comm}{b}幢{u}单元{room}室",
            f"{comm} {b}栋 {u}单元 {room}",
            f"{comm}{b}栋{room}室",
            f"{road}{no}号 {comm} {b}号楼{room}",
        ]
        return forms[style % len(forms)]
    if kind == "office":
        forms = [
            f"{a['road']}{a['no']}号{a['tower']}{a['zone']}座{a['room']}",
            f"{a['road']}{a['no']}号{a['tower']}{a['zone']}座{a['room']}室",
            f"{a['tower']}{a['zone']}座 {a['room']}",
        ]
        return forms[style % len(forms)]
    if kind == "village":
        forms = [f"{a['village']}{a['group']}组{a['no']}号", f"{a['village']}{a['group']}组 {a['no']}号"]
        return forms[style % len(forms)]
    if kind == "station":
        forms = [
            f"{a['road']}{a['no']}号{a['station']}",
            f"{a['road']}{a['no']}号 {a['station']}代收",
            f"{a['station']}（{a['road']}店）",
            f"{a['comm']}{a['station']}",
        ]
        return forms[style % len(forms)]
    if kind == "dorm":
        forms = [
            f"{a['school']}学生公寓{a['b']}栋{a['room']}",
            f"{a['school']}{a['b']}号宿舍楼{a['room']}室",
            f"{a['school']} {a['b']}舍{a['room']}",
        ]
        return forms[style % len(forms)]
    # shop / salon
    forms = [
        f"{a['road']}{a['no']}号{a['shop']}",
        f"{a['road']}{a['no']}号一楼 {a['shop']}",
    ]
    return forms[style % len(forms)]


def _money(x: float) -> Decimal:
    return max(Decimal("0.01"), Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int):
        self.r = random.Random(seed)
        self.end = end.replace(microsecond=0)
        self.start = self.end - timedelta(days=30)
        self.orders = orders
        self.f = orders / 20_000
        self.out: list[ExportOrder] = []
        self.order_nos: set[str] = set()
        self.phones: set[str] = set()
        self.loyal: list[_Person] = []

    # ---------------------------------------------------------------- identities
    def n(self, x: float, floor: int = 1) -> int:
        return max(floor, round(x * self.f))

    def phone(self, prefix7: str | None = None) -> str:
        r = self.r
        while True:
            if prefix7:
                p = prefix7 + f"{r.randrange(10_000):04d}"
            else:
                p = r.choice(_PHONE_PREFIXES) + f"{r.randrange(100_000_000):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def name(self, surname: str | None = None, male_share: float = 0.12) -> str:
        r = self.r
        s = surname or (
            r.choice(["欧阳", "司马", "上官"])
            if r.random() < 0.004
            else r.choices(_SURNAMES, cum_weights=_SURNAME_CUM)[0]
        )
        if r.random() < 0.03:
            return s + r.choice(["女士", "小姐", "先生" if r.random() < male_share * 3 else "女士"])
        pool = _MALE if r.random() < male_share else _FEMALE
        if r.random() < 0.3:
            return s + r.choice(pool)
        return s + r.choice(pool) + r.choice(pool)

    def place(self) -> tuple[str, str, str, str]:
        r = self.r
        prov, city, dist, streets = r.choices(_PLACES, cum_weights=_PLACE_CUM)[0]
        return prov, city, dist, r.choice(streets)

    def res_addr(self) -> dict:
        r = self.r
        x = r.random()
        floor = r.randint(1, 6) if x < 0.4 else r.randint(7, 18) if x < 0.8 else r.randint(19, 33)
        return {
            "kind": "res",
            "road": r.choice(_ROADS),
            "no": r.randint(1, 399),
            "comm": r.choice(_COMMUNITIES) + r.choice(["", "", "", "一期", "二期", "三期", "南区", "北区"]),
            "b": r.randint(1, 28),
            "u": r.randint(1, 4),
            "room": f"{floor}{r.randint(1, 4):02d}",
        }

    def home_addr(self) -> dict:
        r = self.r
        x = r.random()
        if x < 0.74:
            return self.res_addr()
        if x < 0.86:
            return {
                "kind": "office",
                "road": r.choice(_ROADS),
                "no": r.randint(1, 999),
                "tower": r.choice(_TOWERS),
                "zone": r.choice("ABCD"),
                "room": f"{r.randint(2, 32)}{r.randint(1, 20):02d}",
            }
        if x < 0.94:
            return {"kind": "village", "village": r.choice(_VILLAGES), "group": r.randint(1, 9), "no": r.randint(1, 88)}
        # honest buyers collecting at a 驿站 too
        return self.station_addr()

    def station_addr(self) -> dict:
        r = self.r
        return {
            "kind": "station",
            "road": r.choice(_ROADS),
            "no": r.randint(1, 199),
            "station": r.choice(_STATIONS),
            "comm": r.choice(_COMMUNITIES),
        }

    def person(self, *, addr: dict | None = None, where: tuple | None = None, phone: str | None = None) -> _Person:
        r = self.r
        a = addr or self.home_addr()
        prov, city, dist, street = where or self.place()
        return _Person(self.name(), phone or self.phone(), prov, city, dist, street, a, r.randrange(8))

    # ---------------------------------------------------------------- time
    def at_day(self, day: datetime, cum=None) -> datetime:
        r = self.r
        h = r.choices(_HOURS, cum_weights=cum or _HOUR_CUM)[0]
        return day.replace(hour=h, minute=r.randrange(60), second=r.randrange(60))

    def random_time(self, lo: datetime | None = None, hi: datetime | None = None) -> datetime:
        """A time on the ad curve within [lo, hi) (defaults: the 30-day window)."""
        r = self.r
        lo = lo or self.start
        hi = hi or self.end
        span = (hi - lo).total_seconds() / 86400
        for _ in range(20):
            day = (lo + timedelta(days=r.random() * span)).replace(hour=0, minute=0, second=0)
            # weekends a little busier
            if day.weekday() < 5 and r.random() < 0.12:
                continue
            t = self.at_day(day)
            if lo <= t < hi:
                return t
        return lo + timedelta(seconds=r.random() * (hi - lo).total_seconds())

    def workday_time(self, t: datetime) -> datetime:
        """Move a warehouse/courier event into 08:00-21:00."""
        r = self.r
        if t.hour < 8:
            return t.replace(hour=r.randint(8, 11), minute=r.randrange(60))
        if t.hour >= 21:
            return (t + timedelta(days=1)).replace(hour=r.randint(8, 11), minute=r.randrange(60))
        return t

    # ---------------------------------------------------------------- outcomes
    def settle(
        self,
        t: datetime,
        plan: str,
        *,
        remote: bool = False,
        slow: bool = False,
        cancel_h=(0.1, 20.0),
        refund_d=(0.2, 6.0),
    ):
        """Return (outcome, paid_at, shipped_at, received_at) for a plan seen from ``end``."""
        r, end = self.r, self.end
        if plan == "unpaid_closed":
            close = t + (timedelta(minutes=30) if r.random() < 0.7 else timedelta(hours=r.uniform(1, 24)))
            return ("unpaid" if close > end else "unpaid_closed"), None, None, None
        x = r.random()
        if x < 0.72:
            delay = r.uniform(5, 120)
        elif x < 0.95:
            delay = r.uniform(120, 1800)
        else:
            delay = r.uniform(1800, 6 * 3600)
        paid = t + timedelta(seconds=delay)
        if paid > end:
            return "unpaid", None, None, None
        if plan == "cancelled":
            cancel = paid + timedelta(hours=r.uniform(*cancel_h))
            return ("paid" if cancel > end else "cancelled"), paid, None, None
        ship = self.workday_time(paid + timedelta(hours=r.uniform(12, 72) if slow else r.uniform(2, 30)))
        if ship > end:
            return "paid", paid, None, None
        if plan == "refund_shipped":  # refused / never collected, parcel returned
            req = ship + timedelta(days=r.uniform(2.5, 8))
            if req > end:
                return "shipped", paid, ship, None
            done = req + timedelta(days=r.uniform(0.2, 2.5))
            return ("refunding" if done > end else "refunded"), paid, ship, None
        recv = self.workday_time(ship + timedelta(days=r.uniform(1.2, 4.0) + (1.5 if remote else 0)))
        if recv > end:
            return "shipped", paid, ship, None
        if plan == "complete":
            return "completed", paid, ship, recv
        # refund after receipt
        req = recv + timedelta(days=r.uniform(*refund_d))
        if req > end:
            return "completed", paid, ship, recv
        done = req + timedelta(days=r.uniform(0.5, 3.0) if plan == "refund_received" else r.uniform(3, 10))
        return ("refunding" if done > end else "refunded"), paid, ship, recv

    def honest_plan(self, sku: _Sku, unpaid: float = 0.035, cancel: float = 0.018, refund: float = 0.05) -> str:
        r = self.r
        if sku.category == "trial":
            refund *= 0.4
        elif sku.category in ("lip", "makeup"):
            refund *= 1.6  # wrong shade
        elif sku.category in ("cream", "serum"):
            refund *= 1.2  # allergy
        x = r.random()
        if x < unpaid:
            return "unpaid_closed"
        if x < unpaid + cancel:
            return "cancelled"
        if x < unpaid + cancel + refund:
            return "refund_received" if r.random() < 0.75 else "refund_shipped"
        return "complete"

    # ---------------------------------------------------------------- emit
    def order_no(self, t: datetime) -> str:
        r = self.r
        while True:
            no = f"{t:%y%m%d}-{r.randrange(10**14, 10**15)}"
            if no not in self.order_nos:
                self.order_nos.add(no)
                return no

    def qty(self, sku: _Sku) -> int:
        r = self.r
        if sku.category == "mask":
            return r.choices((1, 2, 3, 4), cum_weights=(60, 85, 95, 100))[0]
        if sku.category in ("trial", "limited"):
            return 1 if r.random() < 0.93 else 2
        return r.choices((1, 2, 3), cum_weights=(84, 97, 100))[0]

    def emit(
        self,
        p: _Person,
        t: datetime,
        sku: _Sku,
        plan: str,
        *,
        qty: int = 1,
        price_factor: float = 1.0,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        name: str | None = None,
        phone: str | None = None,
        detail: str | None = None,
        spec: str | None = None,
        slow: bool = False,
        **settle_kw,
    ) -> ExportOrder | None:
        if not (self.start <= t < self.end):
            return None
        r = self.r
        t = t.replace(microsecond=0)
        outcome, paid, ship, recv = (
            x.replace(microsecond=0) if isinstance(x, datetime) else x
            for x in self.settle(t, plan, remote=p.province in _REMOTE, slow=slow, **settle_kw)
        )
        subtotal = sku.price * qty * price_factor
        if sku.price >= 49 and not label and r.random() < 0.35:
            subtotal -= 20 if subtotal >= 199 else (10 if subtotal >= 99 else (5 if subtotal >= 59 else 0))
        o = ExportOrder(
            order_no=self.order_no(t),
            sku_id=sku.sku_id,
            sku_name=sku.name,
            spec=spec or r.choice(sku.specs),
            quantity=qty,
            amount=_money(subtotal),
            outcome=outcome,
            ordered_at=t,
            paid_at=paid,
            shipped_at=ship,
            received_at=recv,
            receiver=name or p.name,
            phone=phone or p.phone,
            province=p.province,
            city=p.city,
            district=p.district,
            street=p.street,
            detail=detail if detail is not None else p.detail(),
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.out.append(o)
        return o

    def note(self, share: float = 0.06) -> str:
        return self.r.choice(_HONEST_NOTES) if self.r.random() < share else ""

    def pick(self, pool: str) -> _Sku:
        return self.r.choices(_POOLS[pool], cum_weights=_POOL_CUM[pool])[0]

    # ---------------------------------------------------------------- calendar
    def calendar(self):
        r = self.r
        day0 = self.start.replace(hour=0, minute=0, second=0)
        self.promo_nights = [day0 + timedelta(days=r.randint(9, 21), hours=20)]
        if r.random() < 0.6:
            self.promo_nights.append(day0 + timedelta(days=r.randint(23, 27), hours=20))
        busy = {d.date() for d in self.promo_nights}
        while True:
            fd = day0 + timedelta(days=r.randint(3, 26), hours=r.choice([10, 12, 20]))
            if fd.date() not in busy:
                self.flash_at = fd
                break

    # ================================================================ attacks
    def attack_burst(self):
        r = self.r
        episodes = r.choice([2, 2, 3])
        starts = [self.promo_nights[0] + timedelta(minutes=r.randint(0, 40))]
        for _ in range(episodes - 1):
            t = self.random_time(self.start + timedelta(days=1), self.end - timedelta(days=1))
            starts.append(t)
        for i, t0 in enumerate(starts):
            accounts = self.n(r.randint(125, 170) if episodes == 2 else r.randint(100, 120), 10)
            window = r.uniform(10, 15) * 60
            if i == 0:
                sku = r.choice([_BY_ID["X01"], _BY_ID["X02"], _BY_ID["T01"]])
            else:
                sku = r.choice([_BY_ID["T01"], _BY_ID["T02"], _BY_ID["T04"], _BY_ID["X04"]])
            spec = sku.specs[0]
            for _ in range(accounts):
                p = self.person()
                t = t0 + timedelta(seconds=r.random() * window)
                x = r.random()
                plan = "unpaid_closed" if x < 0.66 else "cancelled" if x < 0.9 else "refund_shipped"
                k = 1 if r.random() < 0.8 else 2
                for j in range(k):
                    tj = t + timedelta(seconds=j * r.uniform(20, 150))
                    self.emit(
                        p, tj, sku, plan, qty=r.choice([1, 1, 1, 2]), spec=spec, label="burst", cancel_h=(0.05, 2)
                    )

    def attack_inventory_lock(self):
        r = self.r
        skus = r.sample(_LIMITED, r.randint(2, 3))
        accounts = self.n(r.randint(110, 135), 5)
        for _ in range(accounts):
            p = self.person()
            sku = r.choice(skus)
            t = self.random_time()
            for j in range(1 if r.random() < 0.85 else 2):
                plan = "unpaid_closed" if r.random() < 0.55 else "cancelled"
                q = r.choices([3, 4, 5, 6, 8, 10], [20, 22, 20, 16, 12, 10])[0]
                self.emit(
                    p,
                    t + timedelta(minutes=j * r.uniform(5, 300)),
                    sku,
                    plan,
                    qty=q,
                    label="inventory_lock",
                    cancel_h=(6, 40),
                )

    def attack_serial_refund(self):
        r = self.r
        target = self.n(r.randint(105, 125), 5)
        made = 0
        while made < target:
            p = self.person()
            p.addr = self.res_addr() if r.random() < 0.85 else p.addr
            count = r.randint(3, 7)
            t = self.random_time(self.start, self.start + timedelta(days=10))
            for _ in range(count):
                sku = self.pick("refunder")
                x = r.random()
                plan = "refund_received" if x < 0.72 else "refund_shipped" if x < 0.8 else "complete"
                style = r.randrange(8) if r.random() < 0.3 else None
                if self.emit(p, t, sku, plan, qty=self.qty(sku), label="serial_refund", detail=p.detail(style)):
                    made += 1
                t = self.random_time(t + timedelta(days=2.5), t + timedelta(days=8))

    def ring_variants(self, a: dict) -> list[str]:
        comm, b, u, room, road, no = a["comm"], a["b"], a["u"], a["room"], a["road"], a["no"]
        vs = [
            f"{comm}{b}号楼{u}单元{room}",
            f"{comm}{b}栋{u}单元{room}室",
            f"{comm}{b}幢{u}单元{room}",
            f"{comm} {b}栋 {u}单元 {room}室",
            f"{road}{no}号{comm}{b}-{u}-{room}",
            f"{comm}{b}栋{room}",
            f"{road}{no}号 {comm}{b}号楼{u}单元{room}室",
        ]
        vs.append(vs[0].translate(_FULLWIDTH))
        vs.append(f"{comm}{b}幢{u}单元{room}室".translate(_FULLWIDTH))
        return vs

    def attack_ring(self):
        r = self.r
        target = self.n(r.randint(105, 130), 5)
        made = 0
        rings = r.choice([2, 3, 3, 4])
        per = target // rings + 1
        for _ in range(rings):
            where = self.place()
            addr = self.res_addr()
            variants = self.ring_variants(addr)
            phones = [self.phone() for _ in range(r.randint(2, 4))]
            names = [self.name() for _ in range(r.randint(8, 15))]
            owner = {nm: r.choice(phones) for nm in names}
            base = _Person(names[0], phones[0], *where, addr, 0)
            ring_made = 0
            while ring_made < per:
                nm = r.choice(names)
                ph = owner[nm] if r.random() < 0.8 else r.choice(phones)
                t = self.random_time()
                burst = 1 if r.random() < 0.7 else r.randint(2, 3)  # sometimes a few names the same evening
                for j in range(burst):
                    if j:
                        nm = r.choice(names)
                        ph = owner[nm]
                    sku = self.pick("full+limited")
                    x = r.random()
                    plan = (
                        "unpaid_closed"
                        if x < 0.32
                        else "cancelled"
                        if x < 0.57
                        else "refund_received"
                        if x < 0.8
                        else "refund_shipped"
                        if x < 0.9
                        else "complete"
                    )
                    tj = t + timedelta(minutes=j * r.uniform(3, 50))
                    if self.emit(
                        base,
                        tj,
                        sku,
                        plan,
                        qty=self.qty(sku),
                        label="ring",
                        name=nm,
                        phone=ph,
                        detail=r.choice(variants),
                    ):
                        ring_made += 1
            made += ring_made

    def attack_trial_farming(self):
        """羊毛党: batches of new accounts taking the 0.01 trial at a handful of 驿站, many never collecting."""
        r = self.r
        towns = r.sample(_TOWNS, 2)
        stations = []
        for _ in range(r.randint(3, 6)):
            prov, city, dist, street = r.choice(towns)
            stations.append(((prov, city, dist, street), self.station_addr()))
        batches = r.randint(6, 8)
        for _ in range(batches):
            t0 = self.random_time()
            span_h = r.uniform(1, 4)
            used = r.sample(stations, min(len(stations), r.randint(1, 3)))
            sku = r.choice([_BY_ID["T01"], _BY_ID["T01"], _BY_ID["T02"], _BY_ID["T03"]])
            for _ in range(self.n(r.randint(20, 30), 2)):
                where, addr = r.choice(used)
                p = self.person(addr=addr, where=where)
                x = r.random()
                plan = (
                    "refund_shipped"
                    if x < 0.5
                    else "complete"
                    if x < 0.85
                    else "unpaid_closed"
                    if x < 0.95
                    else "cancelled"
                )
                t = t0 + timedelta(seconds=r.random() * span_h * 3600)
                self.emit(p, t, sku, plan, label="trial_farming", detail=p.detail(r.randrange(4)))

    def attack_review_extortion(self):
        """差评师: accounts on numbers from one or two 号段 blocks, expensive items, receive then refund."""
        r = self.r
        blocks = [
            r.choice(["170", "171", "165", "167"]) + f"{r.randrange(1000, 10000)}" for _ in range(r.randint(2, 3))
        ]
        cities = r.sample([p for p in _PLACES if p[1] in ("广州市", "深圳市", "杭州市", "成都市", "武汉市")], 2)
        for _ in range(self.n(r.randint(82, 95), 3)):
            prov, city, dist, streets = r.choice(cities)
            p = self.person(where=(prov, city, dist, r.choice(streets)), phone=self.phone(r.choice(blocks)))
            t = self.random_time()
            for j in range(1 if r.random() < 0.72 else 2):
                sku = r.choice(_PRICY)
                x = r.random()
                plan = "refund_disputed" if x < 0.78 else "complete" if x < 0.9 else "refund_shipped"
                note = r.choice(["", "", "", "敏感肌，用了过敏要负责", "正品吗？假一赔十？"])
                self.emit(
                    p,
                    t + timedelta(days=j * r.uniform(4, 12)),
                    sku,
                    plan,
                    label="review_extortion",
                    note=note,
                    refund_d=(0.05, 1.5),
                )

    # ================================================================ honest shapes
    def flash_sale(self):
        r = self.r
        sku = r.choice([_BY_ID["M01"], _BY_ID["E02"], _BY_ID["C04"]])
        factor = {"M01": 0.34, "E02": 0.5, "C04": 0.4}[sku.sku_id]
        spec = sku.specs[0]
        for _ in range(self.n(r.randint(450, 800), 20)):
            p = self.person()
            t = self.flash_at + timedelta(seconds=min(600, r.expovariate(1 / 80)))
            x = r.random()
            plan = (
                "unpaid_closed"
                if x < 0.06
                else "cancelled"
                if x < 0.08
                else "refund_received"
                if x < 0.105
                else "refund_shipped"
                if x < 0.115
                else "complete"
            )
            self.emit(p, t, sku, plan, spec=spec, price_factor=factor, lookalike="flash_sale", slow=True)

    def wholesale(self):
        r = self.r
        for _ in range(self.n(r.randint(7, 12), 2)):
            shop = r.choice(["美容院", "美容美体会所", "皮肤管理中心", "美妆集合店", "养生馆"])
            addr = {
                "kind": "shop",
                "road": r.choice(_ROADS),
                "no": r.randint(1, 300),
                "shop": r.choice(["丽人", "悦颜", "花漾", "美丽人生", "伊人", "素颜"]) + shop,
            }
            if r.random() < 0.4:  # 代购 shipping home
                addr = self.res_addr()
            p = self.person(addr=addr)
            favs = r.sample([_BY_ID[k] for k in ("M01", "M02", "M05", "E02", "E03", "T07", "T05", "B01", "B05")], 3)
            t = self.random_time(self.start, self.start + timedelta(days=8))
            for _ in range(r.randint(3, 8)):
                sku = r.choice(favs)
                x = r.random()
                plan = "complete" if x < 0.94 else "refund_received" if x < 0.97 else "cancelled"
                note = r.choice(["", "", "美容院进货，请开发票", "代购 不要放价格单"])
                self.emit(p, t, sku, plan, qty=r.randint(10, 40), price_factor=0.85, lookalike="wholesale", note=note)
                t = self.random_time(t + timedelta(days=2), t + timedelta(days=8))

    def family(self):
        r = self.r
        for _ in range(self.n(r.randint(35, 50), 3)):
            head = self.person()
            shared = r.random() < 0.35
            members = [head]
            for _ in range(r.randint(1, 2)):
                m = _Person(
                    self.name(head.name[0] if r.random() < 0.5 else None, male_share=0.3),
                    head.phone if shared else self.phone(),
                    head.province,
                    head.city,
                    head.district,
                    head.street,
                    head.addr,
                    head.style if r.random() < 0.75 else r.randrange(8),
                )
                members.append(m)
            for m in members:
                for _ in range(r.randint(1, 3)):
                    sku = self.pick("household")
                    self.emit(m, self.random_time(), sku, self.honest_plan(sku), qty=self.qty(sku), lookalike="family")

    def dorm_roommates(self):
        r = self.r
        for _ in range(self.n(r.randint(11, 16), 2)):
            where = self.place()
            school = where[1].rstrip("市") + r.choice(_SCHOOL_SUFFIX)
            addr = {
                "kind": "dorm",
                "school": school,
                "b": r.randint(1, 20),
                "room": f"{r.randint(1, 6)}{r.randint(1, 30):02d}",
            }
            mates = [self.person(addr=addr, where=where) for _ in range(r.randint(3, 6))]
            for m in mates:
                m.style = r.randrange(3)
            together = self.random_time()  # a group order on the same evening
            for m in mates:
                for k in range(r.choice([1, 1, 2])):
                    sku = self.pick("dorm")
                    t = (
                        together + timedelta(minutes=r.uniform(0, 40))
                        if k == 0 and r.random() < 0.6
                        else self.random_time()
                    )
                    plan = self.honest_plan(sku, unpaid=0.08)
                    self.emit(m, t, sku, plan, lookalike="dorm_roommates")

    def gift_sender(self):
        r = self.r
        for _ in range(self.n(r.randint(10, 16), 2)):
            sender_phone = self.phone()
            t0 = self.random_time()
            sku = r.choice([_BY_ID[k] for k in ("L05", "X04", "B10", "L01", "B09", "M05")])
            for _ in range(r.randint(3, 7)):
                p = self.person(phone=sender_phone)
                t = t0 + timedelta(minutes=r.uniform(0, 90))
                plan = self.honest_plan(sku, unpaid=0.02, refund=0.02)
                note = r.choice(["送人的，不要放价格单", "礼物，帮忙包装一下", ""])
                self.emit(p, t, sku, plan, lookalike="gift_sender", note=note)

    def loyal_core(self):
        r = self.r
        for _ in range(self.n(330, 5)):
            p = self.person()
            self.loyal.append(p)
            mask = self.pick("masks")
            interval = r.uniform(25, 35)
            fav = r.choice([12, 21, 22, 23])
            hour_cum = list(accumulate(w * (6 if abs(h - fav) <= 1 else 1) for h, w in enumerate(_HOUR_W)))
            day = self.start + timedelta(days=r.uniform(-interval, 0))
            while day < self.end:
                t = self.at_day(day.replace(hour=0, minute=0, second=0), hour_cum)
                self.emit(
                    p, t, mask, self.honest_plan(mask, unpaid=0.02, refund=0.015), qty=self.qty(mask), note=self.note()
                )
                if r.random() < 0.3:
                    extra = self.pick("full")
                    self.emit(p, t + timedelta(minutes=r.uniform(1, 30)), extra, self.honest_plan(extra, unpaid=0.03))
                day += timedelta(days=interval + r.uniform(-3, 3))

    def promo(self):
        r = self.r
        for night in self.promo_nights:
            for _ in range(self.n(r.randint(380, 560), 10)):
                p = r.choice(self.loyal) if self.loyal and r.random() < 0.3 else self.person()
                t = night + timedelta(seconds=min(4 * 3600, r.expovariate(1 / 1500)))
                sku = self.pick("full+limited")
                plan = self.honest_plan(sku, unpaid=0.06)
                q = self.qty(sku) if r.random() < 0.8 else self.qty(sku) + 1
                self.emit(
                    p, t, sku, plan, qty=q, price_factor=r.choice([0.75, 0.8, 0.85]), lookalike="promo_night", slow=True
                )

    # ---------------------------------------------------------------- background journeys
    def journey_trial(self, p: _Person, t: datetime) -> None:
        r = self.r
        trial = self.pick("trials")
        lk = "trial_then_buy"
        x = r.random()
        if x < 0.18:  # the first order is abandoned unpaid; many come back and pay within the hour
            self.emit(p, t, trial, "unpaid_closed", lookalike=lk)
            if r.random() < 0.6:
                t += timedelta(minutes=r.uniform(3, 90))
                self.emit(p, t, trial, "complete", lookalike=lk)
            else:
                return
        elif x < 0.22:
            self.emit(p, t, trial, "cancelled", lookalike=lk, cancel_h=(0.05, 3))
        else:
            self.emit(p, t, trial, self.honest_plan(trial, unpaid=0, cancel=0), lookalike=lk)
        if r.random() < 0.36:  # comes back for the full-size product
            same = _TRIAL_LEADS_TO[trial.sku_id]
            t2 = self.random_time(t + timedelta(days=2), t + timedelta(days=20))
            for _ in range(1 if r.random() < 0.75 else 2):
                sku = self.pick("full") if r.random() < 0.5 or not same else r.choice(same)
                self.emit(p, t2, sku, self.honest_plan(sku), qty=self.qty(sku), lookalike=lk, note=self.note())
                t2 = self.random_time(t2 + timedelta(days=3), t2 + timedelta(days=18))

    def journey_direct(self, p: _Person, t: datetime) -> None:
        r = self.r
        sku = self.pick("full")
        plan = self.honest_plan(sku)
        o = self.emit(p, t, sku, plan, qty=self.qty(sku), note=self.note())
        if (
            o
            and sku.category in ("lip", "makeup")
            and o.outcome in ("refunded", "refunding")
            and o.received_at
            and r.random() < 0.5
        ):
            # wrong shade: refunded, then the other shade
            o.lookalike = "shade_exchange"
            t2 = o.received_at + timedelta(days=r.uniform(1, 4), hours=r.uniform(0, 12))
            other = [s for s in sku.specs if s != o.spec] or sku.specs
            self.emit(p, t2, sku, "complete", spec=r.choice(other), lookalike="shade_exchange")
            return
        if r.random() < 0.06:  # 凑单: a second order in the same session
            extra = self.pick("full+trials")
            self.emit(p, t + timedelta(minutes=r.uniform(1, 25)), extra, self.honest_plan(extra), qty=self.qty(extra))
        if r.random() < 0.13:
            t2 = self.random_time(t + timedelta(days=3), t + timedelta(days=25))
            sku2 = self.pick("full")
            self.emit(p, t2, sku2, self.honest_plan(sku2), qty=self.qty(sku2), note=self.note())

    def background(self, target: int):
        r = self.r
        stop = len(self.out) + target
        while len(self.out) < stop:
            p = self.person()
            t = self.random_time(self.start - timedelta(days=10), self.end)
            if r.random() < 0.3:
                self.journey_trial(p, t)
            else:
                self.journey_direct(p, t)

    # ---------------------------------------------------------------- run
    def run(self) -> list[ExportOrder]:
        self.calendar()
        self.attack_burst()
        self.attack_inventory_lock()
        self.attack_serial_refund()
        self.attack_ring()
        self.attack_trial_farming()
        self.attack_review_extortion()
        self.flash_sale()
        self.wholesale()
        self.family()
        self.dorm_roommates()
        self.gift_sender()
        self.loyal_core()
        self.promo()
        self.background(max(0, self.orders - len(self.out)))
        self.out.sort(key=lambda o: (o.ordered_at, o.order_no))
        return self.out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    return _Shop(seed, end, orders).run()


def _check(rows: list[ExportOrder], end: datetime) -> list[str]:
    problems = []
    if len({o.order_no for o in rows}) != len(rows):
        problems.append("duplicate order numbers")
    start = end - timedelta(days=30)
    for o in rows:
        bad = []
        if o.outcome not in OUTCOMES:
            bad.append("outcome")
        if not (start <= o.ordered_at < end):
            bad.append("ordered_at")
        unpaid = o.outcome in ("unpaid", "unpaid_closed")
        if unpaid != (o.paid_at is None):
            bad.append("paid_at")
        if o.outcome in ("unpaid", "unpaid_closed", "paid", "cancelled") and o.shipped_at:
            bad.append("shipped_at")
        if o.outcome in ("shipped", "completed") and not o.shipped_at:
            bad.append("not shipped")
        if o.outcome == "completed" and not o.received_at:
            bad.append("not received")
        seq = [x for x in (o.ordered_at, o.paid_at, o.shipped_at, o.received_at) if x]
        if seq != sorted(seq) or seq[-1] > end:
            bad.append("order of times")
        if len(o.phone) != 11 or not o.phone.isdigit():
            bad.append("phone")
        if bad:
            problems.append(f"{o.order_no} {o.outcome}: {', '.join(bad)}")
    return problems


if __name__ == "__main__":
    from collections import Counter, defaultdict

    now = datetime.now().replace(microsecond=0)
    t0 = time.perf_counter()
    rows = generate(seed=1, end=now)
    took = time.perf_counter() - t0
    groups: dict[str, Counter] = defaultdict(Counter)
    for o in rows:
        key = f"label={o.label}" if o.label else (f"lookalike={o.lookalike}" if o.lookalike else "honest")
        groups[key][o.outcome] += 1
    attacks = sum(1 for o in rows if o.label)
    print(f"family={FAMILY} orders={len(rows)} attacks={attacks} ({attacks / len(rows):.1%}) in {took:.2f}s")
    for key in sorted(groups):
        c = groups[key]
        mix = " ".join(f"{k}={c[k]}" for k in OUTCOMES if c[k])
        print(f"  {key:28s} {sum(c.values()):6d}  {mix}")
    problems = _check(rows, now)
    print(f"checks: {'ok' if not problems else f'{len(problems)} problems'}")
    for line in problems[:20]:
        print("  ", line)
