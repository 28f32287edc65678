"""A toy shop (玩具店) on Pinduoduo: one month of orders, honest and hostile.

The shop ships from a toy town and sells building blocks, plush, remote-control cars,
educational toys, outdoor toys (bubbles, kites, water guns), trending items (盲盒/潮玩,
捏捏乐, fidget toys), holiday gift boxes and a 0.01 新人专享 duck set that brings in new
customers.

Honest traffic: mothers in the evening after the kids are asleep, grandparents in the
morning, blind-box collectors late at night, gift buyers; holiday lifts before 儿童节,
圣诞 and 春节 (and the courier shutdown around 春节), 618 / 双11, school holidays; seasonal
items (kites in spring, water guns in summer, plush in winter); repeat buyers; cancel-and-
reorder after a wrong spec; flash sales and livestream links; kindergartens and shops
buying in bulk; households with two or three names; grandparents sending gifts to every
grandchild from one phone; real new customers taking the 0.01 duck.

Attacks, each written the way someone trying not to be caught would write it:

- ``burst``: 炸店, a hundred-odd fresh accounts hit one SKU within a quarter of an hour,
  ordinary quantities and specs, nationwide addresses, mostly never paid or cancelled;
- ``inventory_lock``: 同行恶拍 on the few SKUs in short supply, 4-8x the usual quantity,
  one-off accounts, partly right after restocks and partly scattered, never kept;
- ``serial_refund``: a handful of buyers with a steady pace over the month, refunding most
  of what they receive while keeping a few orders to look normal;
- ``ring``: a dozen names behind a few phones at one flat written many ways;
- ``swap_return`` (调包退货): a crew of accounts on SIM cards bought in a batch, shipping to
  different estates and parcel lockers in one city, buying only the dearest RC cars and
  block tables and returning an old or broken one for a full refund;
- ``coupon_farming`` (羊毛党): farmed accounts taking the 0.01 new-customer duck in night
  waves, shipped to a few rural drop points written as ordinary village addresses.
"""

import random
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from tests.bench.scenarios import ExportOrder

FAMILY = "toys"

CENT = Decimal("0.01")
MIN_AMOUNT = Decimal("0.01")


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Sku:
    key: str
    sku_id: str
    name: str
    specs: tuple[tuple[str, str], ...]  # (spec, unit price)
    cat: str  # blocks, plush, rc, edu, outdoor, trend, gift, bulk, promo
    weight: float
    season: str = ""
    small: bool = False  # cheap item people buy several of


CATALOG = (
    Sku("blocks_city", "601938274512", "兼容乐高积木城市警察局男孩拼装玩具6-12岁益智生日礼物",
        (("警察局 568颗粒", "39.90"), ("消防局 620颗粒", "42.90"), ("城市医院 486颗粒", "36.90")),
        "blocks", 1.0),
    Sku("blocks_table", "598274610385", "大颗粒积木桌多功能儿童早教益智拼装宝宝1-3岁玩具",
        (("小号桌+100颗粒", "69.00"), ("大号桌+200颗粒", "99.00"), ("大号桌+300颗粒+收纳箱", "129.00")),
        "blocks", 0.7),
    Sku("magnet_tiles", "612048395716", "磁力片儿童益智百变提拉磁性积木拼装玩具3-6岁",
        (("64片 基础款", "45.80"), ("100片 豪华款", "69.80"), ("150片 豪华款+轨道", "108.00")),
        "blocks", 1.1),
    Sku("micro_blocks", "587310962447", "小颗粒积木中国风古建筑拼装模型高难度解压摆件",
        (("故宫角楼 1288颗粒", "59.00"), ("天坛祈年殿 980颗粒", "49.00"), ("黄鹤楼 1102颗粒", "55.00")),
        "blocks", 0.5),
    Sku("dino_plush", "605519283046", "小恐龙毛绒玩具抱枕公仔儿童安抚玩偶女孩生日礼物",
        (("绿色 40cm", "19.90"), ("绿色 60cm", "32.90"), ("粉色 60cm", "32.90"), ("绿色 90cm", "49.90")),
        "plush", 1.0, "winter"),
    Sku("capybara", "619934017258", "卡皮巴拉水豚毛绒玩偶会呼吸安抚公仔网红同款",
        (("坐姿 25cm", "29.90"), ("趴姿 45cm", "39.90"), ("背包款 30cm", "35.90")),
        "plush", 0.9, "winter"),
    Sku("claw_dolls", "593827104659", "抓娃娃机同款小公仔挂件幼儿园分享小礼物",
        (("10只装 随机", "25.80"), ("20只装 随机", "45.80")),
        "plush", 0.5, "", True),
    Sku("rc_offroad", "608172635904", "遥控车越野车儿童四驱充电攀爬车高速赛车男孩玩具",
        (("1:18 单电 红色", "59.00"), ("1:18 双电 蓝色", "69.00"), ("1:12 双电 大号", "129.00")),
        "rc", 1.0),
    Sku("rc_excavator", "611209384751", "遥控挖掘机合金工程车儿童可充电挖土机男孩玩具",
        (("11通道 单电", "139.00"), ("11通道 双电", "159.00")),
        "rc", 0.45),
    Sku("rc_stunt", "603846152098", "遥控特技车扭变双面翻滚喷雾灯光儿童玩具车",
        (("单电 喷雾款", "49.90"), ("双电 喷雾款", "59.90")),
        "rc", 0.8),
    Sku("drone", "615730284916", "儿童遥控飞机无人机耐摔小学生航拍入门飞行器",
        (("定高款 单电", "89.00"), ("避障款 双电", "129.00")),
        "rc", 0.45),
    Sku("talking_pen", "589461027385", "早教机儿童有声挂图点读笔宝宝识字认知启蒙",
        (("点读笔+12张挂图", "29.90"), ("点读笔+24张挂图+绘本", "49.90")),
        "edu", 0.8),
    Sku("wood_puzzle", "596028317464", "木质磁性数字拼图蒙氏早教教具宝宝益智玩具",
        (("数字款", "19.80"), ("字母+数字 双面", "26.80")),
        "edu", 0.8),
    Sku("science_kit", "607391846205", "儿童科学实验套装小学生STEM手工DIY制作材料",
        (("30个实验", "35.00"), ("88个实验 豪华版", "58.00")),
        "edu", 0.6),
    Sku("rubik", "584920173658", "魔方三阶顺滑比赛专用初学者套装儿童益智玩具",
        (("三阶 单个", "12.90"), ("二三四阶 三件套", "25.80")),
        "edu", 0.6, "", True),
    Sku("drawing_board", "599183620475", "儿童磁性画板写字板可擦涂鸦板宝宝大号",
        (("小号 彩色", "16.90"), ("大号 带支架", "22.90")),
        "edu", 0.7),
    Sku("bubble_gun", "610274958316", "泡泡机手持全自动网红加特林泡泡枪儿童玩具",
        (("10孔 含泡泡水", "9.90"), ("32孔 加特林 含泡泡水", "19.90"), ("补充液 500ml×2", "9.90")),
        "outdoor", 1.1, "bubble", True),
    Sku("kite", "586102947531", "风筝儿童卡通微风易飞大型潍坊风筝带线轮",
        (("1.4米 老鹰+100米线", "15.80"), ("2米 三角+200米线轮", "29.80")),
        "outdoor", 0.6, "spring"),
    Sku("water_gun", "613385720149", "电动水枪儿童大容量自动吸水连发呲水枪玩具",
        (("单枪 蓝色", "39.90"), ("双枪 对战装", "69.90")),
        "outdoor", 0.6, "summer"),
    Sku("sand_set", "597461038294", "儿童沙滩玩具套装挖沙工具铲子桶宝宝戏水",
        (("9件套", "19.90"), ("18件套+手推车", "29.90")),
        "outdoor", 0.5, "summer"),
    Sku("scooter", "602915374860", "儿童滑板车1-3-6岁可折叠闪光轮宝宝溜溜车",
        (("三轮 闪光轮", "89.00"), ("三合一 可坐可推", "119.00")),
        "outdoor", 0.5),
    Sku("blind_box", "614620839175", "潮玩盲盒手办摆件可爱公仔随机款正版授权",
        (("单盒 随机", "59.00"),),
        "trend", 0.9),
    Sku("vinyl_plush", "618057291634", "搪胶毛绒挂件盲盒潮玩包包挂饰隐藏款限定系列",
        (("单盒 随机", "79.00"),),
        "trend", 0.5),
    Sku("squishy", "591736402851", "捏捏乐解压玩具发泄减压慢回弹网红馒头",
        (("单只 随机", "6.90"), ("3只装", "12.90")),
        "trend", 0.9, "", True),
    Sku("fidget", "594208617392", "指尖陀螺金属解压推推乐指尖玩具学生",
        (("推推乐 单个", "9.90"), ("金属陀螺 带盒", "15.90")),
        "trend", 0.6, "", True),
    Sku("gift_box", "604728153960", "儿童节生日礼物玩具大礼包男孩女孩幼儿园礼盒",
        (("男孩款 小号", "39.90"), ("女孩款 小号", "39.90"), ("男孩款 豪华", "99.00"),
         ("女孩款 豪华", "99.00")),
        "gift", 0.6, "liuyi"),
    Sku("xmas_box", "609537281046", "圣诞节礼物儿童盲盒平安夜小礼品幼儿园分享",
        (("单个 随机", "9.90"), ("10个装", "69.00")),
        "gift", 0.5, "xmas"),
    Sku("cny_box", "616284905317", "新春儿童玩具礼盒拜年礼物套装过年送小孩",
        (("小号礼盒", "49.00"), ("大号礼盒", "88.00")),
        "gift", 0.5, "cny"),
    Sku("prize_pack", "588347102965", "幼儿园奖励小礼品批发学生奖品创意小玩具",
        (("50个装 混款", "29.90"), ("100个装 混款", "49.90")),
        "bulk", 0.3),
    Sku("pullback_cars", "600193847256", "回力小汽车儿童惯性玩具车宝宝工程车套装",
        (("6只装", "15.90"), ("12只装", "26.90")),
        "bulk", 0.6, "", True),
    Sku("duck_promo", "620148375902", "新人专享 洗澡玩具小黄鸭宝宝戏水捏捏叫",
        (("新人价 3只装", "9.90"),),
        "promo", 0.0),
)  # fmt: skip
SKU = {s.key: s for s in CATALOG}

# How much each kind of buyer likes each category.
PREFS = {
    "parent": {"blocks": 1.0, "plush": 0.9, "rc": 1.0, "edu": 1.2, "outdoor": 1.0, "trend": 0.6,
               "gift": 0.8, "bulk": 0.2},
    "grand": {"blocks": 0.8, "plush": 1.3, "rc": 1.2, "edu": 1.3, "outdoor": 0.6, "trend": 0.1,
              "gift": 1.5, "bulk": 0.1},
    "collector": {"blocks": 0.5, "plush": 0.9, "rc": 0.1, "edu": 0.2, "outdoor": 0.2, "trend": 7.0,
                  "gift": 0.3, "bulk": 0.05},
    "gift": {"blocks": 1.2, "plush": 1.3, "rc": 0.8, "edu": 0.6, "outdoor": 0.5, "trend": 1.2,
             "gift": 2.0, "bulk": 0.1},
}  # fmt: skip

# Hourly shape of each kind of buyer (0..23).
HOURS = {
    "parent": (0.55, 0.25, 0.12, 0.07, 0.05, 0.1, 0.3, 0.7, 1.0, 1.2, 1.4, 1.6, 2.0, 1.9, 1.4, 1.3,
               1.3, 1.4, 1.6, 1.9, 2.4, 2.8, 2.7, 1.6),
    "grand": (0.1, 0.05, 0.03, 0.03, 0.06, 0.35, 1.2, 2.2, 2.6, 2.5, 2.2, 1.8, 1.2, 1.0, 1.3, 1.6,
              1.7, 1.4, 1.2, 1.6, 1.7, 1.2, 0.6, 0.25),
    "collector": (1.7, 1.2, 0.6, 0.3, 0.15, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.2, 1.6, 1.4, 1.1, 1.0,
                  1.0, 1.1, 1.3, 1.6, 2.0, 2.4, 2.6, 2.3),
    "business": (0.05, 0.02, 0.02, 0.02, 0.02, 0.05, 0.2, 0.8, 1.8, 2.6, 2.8, 2.4, 1.6, 1.7, 2.4,
                 2.6, 2.4, 1.8, 1.0, 0.9, 1.0, 0.9, 0.5, 0.15),
}  # fmt: skip
HOURS["gift"] = HOURS["parent"]

CNY = {
    2019: date(2019, 2, 5), 2020: date(2020, 1, 25), 2021: date(2021, 2, 12),
    2022: date(2022, 2, 1), 2023: date(2023, 1, 22), 2024: date(2024, 2, 10),
    2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
    2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3),
    2031: date(2031, 1, 23), 2032: date(2032, 2, 11), 2033: date(2033, 1, 31),
}  # fmt: skip


def _cny_delta(d: date) -> int:
    """Days from the nearest 春节 (negative before it)."""
    best = 10_000
    for year in (d.year - 1, d.year, d.year + 1):
        c = CNY.get(year, date(year, 2, 5))
        delta = (d - c).days
        if abs(delta) < abs(best):
            best = delta
    return best


def _before(d: date, target: date, days: int) -> float:
    """0..1 ramp rising over the `days` before `target` (inclusive), else 0."""
    delta = (target - d).days
    if 0 <= delta <= days:
        return 1.0 - delta / (days + 1)
    return 0.0


def _day_factor(d: date) -> float:
    f = 1.12 if d.weekday() >= 5 else 1.0
    f *= 1 + 0.9 * _before(d, date(d.year, 6, 1), 16)  # 儿童节
    f *= 1 + 0.5 * _before(d, date(d.year, 12, 24), 14)  # 圣诞
    f *= 1 + 0.5 * _before(d, date(d.year, 11, 11), 10) + (1.1 if (d.month, d.day) == (11, 11) else 0)
    f *= 1 + 0.35 * _before(d, date(d.year, 6, 18), 12) + (0.6 if (d.month, d.day) == (6, 18) else 0)
    f *= 1 + (0.4 if (d.month, d.day) == (12, 12) else 0)
    cny = _cny_delta(d)
    if -27 <= cny <= -9:
        f *= 1.4  # 年货, gifts for the kids
    elif -8 <= cny <= 6:
        f *= 0.35  # couriers stop, nobody orders
    elif 7 <= cny <= 16:
        f *= 0.85
    if (d.month == 7 and d.day >= 8) or d.month == 8:
        f *= 1.2  # 暑假
    if d.month == 9 and d.day <= 10:
        f *= 0.85  # 开学
    return f


def _season(kind: str, d: date) -> float:
    m = d.month
    if kind == "summer":
        return {4: 0.5, 5: 1.0, 6: 1.8, 7: 2.2, 8: 2.0, 9: 0.8, 10: 0.3}.get(m, 0.1)
    if kind == "spring":
        return {2: 0.6, 3: 2.0, 4: 2.2, 5: 1.0, 9: 0.6, 10: 0.8}.get(m, 0.25)
    if kind == "bubble":
        return 1.5 if 4 <= m <= 9 else (0.8 if m in (3, 10) else 0.4)
    if kind == "winter":
        return 1.4 if m in (11, 12, 1, 2) else 1.0
    if kind == "liuyi":
        return 1.0 + 3.0 * _before(d, date(d.year, 6, 1), 20)
    if kind == "xmas":
        if m == 12 and d.day <= 25:
            return 3.0
        return 1.0 if m == 11 and d.day >= 20 else 0.03
    if kind == "cny":
        cny = _cny_delta(d)
        return 3.0 if -30 <= cny <= -7 else 0.08
    return 1.0


# --------------------------------------------------------------------------- people, places

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SUR_W = tuple(max(0.25, 7.5 - i * 0.2) for i in range(len(SURNAMES)))
F_CHARS = "丽娟敏静婷雪芳燕慧倩琳霞萍玲颖佳欣怡梦晓雅思悦瑶楠蕾璐媛洁莉红艳娜丹凤月春"
M_CHARS = "伟强磊军勇杰涛斌超明刚辉鹏华飞鑫波宇浩凯健俊帆旭宁龙峰亮成博志建文东海"
F_OLD = ("秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "玉梅", "秀珍", "淑珍", "丽华", "美华", "素芬",
         "金凤", "桂芳", "玉珍", "兰英", "秀芳", "淑华")  # fmt: skip
M_OLD = ("建国", "建华", "国强", "国庆", "德明", "志刚", "卫东", "建军", "海龙", "福林", "长青", "振华",
         "国平", "永贵", "保国", "德胜", "树林", "洪亮")  # fmt: skip

PREFIXES = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159",
    "178", "182", "183", "184", "187", "188", "195", "198", "130", "131", "132", "145", "155",
    "156", "166", "175", "176", "185", "186", "196", "133", "149", "153", "173", "177", "180",
    "181", "189", "190", "191", "193", "199",
)  # fmt: skip
PREFIX_W = (
    6, 8, 7, 8, 9, 9, 1, 7, 6, 4, 4, 6, 6, 3, 5, 3, 1, 7, 6, 2, 4,
    4, 5, 4, 1, 6, 5, 2, 3, 3, 6, 6, 2, 5, 1, 5, 3, 4, 5, 4, 7, 1, 3, 4, 6,
)  # fmt: skip
VIRTUAL = ("170", "171", "162", "165", "167")

# (province, city, district, streets, weight)
GEO = (
    ("广东省", "深圳市", "南山区", ("粤海街道", "南头街道", "西丽街道", "桃源街道", "蛇口街道"), 2.0),
    ("广东省", "深圳市", "宝安区", ("新安街道", "西乡街道", "福永街道", "沙井街道", "石岩街道"), 2.6),
    ("广东省", "深圳市", "龙岗区", ("布吉街道", "坂田街道", "横岗街道", "龙城街道", "平湖街道"), 2.4),
    ("广东省", "深圳市", "龙华区", ("民治街道", "龙华街道", "大浪街道", "观澜街道"), 1.8),
    ("广东省", "广州市", "天河区", ("石牌街道", "棠下街道", "员村街道", "天园街道"), 1.8),
    ("广东省", "广州市", "白云区", ("京溪街道", "同和街道", "嘉禾街道", "永平街道", "人和镇"), 2.0),
    ("广东省", "广州市", "番禺区", ("市桥街道", "大石街道", "洛浦街道", "南村镇"), 1.6),
    ("广东省", "佛山市", "南海区", ("桂城街道", "大沥镇", "狮山镇", "里水镇"), 1.4),
    ("广东省", "佛山市", "顺德区", ("大良街道", "容桂街道", "北滘镇", "乐从镇"), 1.2),
    ("广东省", "惠州市", "惠城区", ("江北街道", "河南岸街道", "水口街道"), 0.9),
    ("广东省", "汕头市", "澄海区", ("澄华街道", "凤翔街道", "莲下镇"), 0.5),
    ("广东省", "揭阳市", "普宁市", ("流沙东街道", "流沙西街道", "池尾街道", "占陇镇"), 0.7),
    ("江苏省", "南京市", "江宁区", ("东山街道", "秣陵街道", "淳化街道", "麒麟街道"), 1.4),
    ("江苏省", "南京市", "鼓楼区", ("湖南路街道", "宁海路街道", "华侨路街道"), 0.8),
    ("江苏省", "苏州市", "吴中区", ("长桥街道", "郭巷街道", "越溪街道"), 1.1),
    ("江苏省", "苏州市", "昆山市", ("玉山镇", "花桥镇", "周市镇", "张浦镇"), 1.3),
    ("江苏省", "无锡市", "新吴区", ("旺庄街道", "硕放街道", "梅村街道"), 0.9),
    ("江苏省", "南通市", "崇川区", ("和平桥街道", "任港街道", "狼山镇街道"), 0.8),
    ("浙江省", "杭州市", "西湖区", ("西溪街道", "文新街道", "蒋村街道", "留下街道"), 1.2),
    ("浙江省", "杭州市", "余杭区", ("五常街道", "仓前街道", "良渚街道", "闲林街道"), 1.4),
    ("浙江省", "杭州市", "萧山区", ("城厢街道", "北干街道", "宁围街道", "新塘街道"), 1.2),
    ("浙江省", "宁波市", "鄞州区", ("钟公庙街道", "首南街道", "中河街道"), 1.0),
    ("浙江省", "温州市", "鹿城区", ("五马街道", "南汇街道", "松台街道"), 0.8),
    ("浙江省", "温州市", "瑞安市", ("安阳街道", "玉海街道", "塘下镇"), 0.8),
    ("浙江省", "金华市", "义乌市", ("稠城街道", "北苑街道", "稠江街道", "佛堂镇"), 1.0),
    ("山东省", "济南市", "历下区", ("泉城路街道", "文东街道", "姚家街道"), 0.9),
    ("山东省", "青岛市", "黄岛区", ("长江路街道", "辛安街道", "薛家岛街道"), 1.1),
    ("山东省", "临沂市", "兰山区", ("兰山街道", "银雀山街道", "金雀山街道"), 1.2),
    ("山东省", "菏泽市", "曹县", ("曹城街道", "磐石街道", "庄寨镇", "青堌集镇"), 1.0),
    ("山东省", "潍坊市", "奎文区", ("东关街道", "大虞街道", "广文街道"), 0.8),
    ("河南省", "郑州市", "金水区", ("花园路街道", "经八路街道", "丰产路街道", "文化路街道"), 1.6),
    ("河南省", "郑州市", "中原区", ("林山寨街道", "桐柏路街道", "建设路街道"), 1.1),
    ("河南省", "周口市", "郸城县", ("洺南街道", "宁平镇", "汲冢镇", "石槽镇"), 1.2),
    ("河南省", "洛阳市", "西工区", ("王城路街道", "凯旋东路街道", "唐宫路街道"), 0.8),
    ("河南省", "商丘市", "永城市", ("演集街道", "东城街道", "芒山镇", "薛湖镇"), 0.9),
    ("四川省", "成都市", "武侯区", ("玉林街道", "簇桥街道", "红牌楼街道", "望江路街道"), 1.4),
    ("四川省", "成都市", "双流区", ("东升街道", "九江街道", "西航港街道"), 1.1),
    ("四川省", "成都市", "郫都区", ("郫筒街道", "犀浦街道", "团结街道"), 0.9),
    ("四川省", "南充市", "顺庆区", ("中城街道", "舞凤街道", "潆溪街道"), 0.7),
    ("湖北省", "武汉市", "洪山区", ("珞南街道", "张家湾街道", "和平街道", "青菱街道"), 1.3),
    ("湖北省", "武汉市", "武昌区", ("中南路街道", "水果湖街道", "首义路街道"), 0.9),
    ("湖北省", "武汉市", "江夏区", ("纸坊街道", "藏龙岛街道", "郑店街道"), 0.8),
    ("湖南省", "长沙市", "岳麓区", ("望月湖街道", "观沙岭街道", "梅溪湖街道", "麓谷街道"), 1.2),
    ("湖南省", "长沙市", "雨花区", ("侯家塘街道", "东塘街道", "圭塘街道"), 1.0),
    ("湖南省", "长沙市", "开福区", ("四方坪街道", "伍家岭街道", "洪山街道"), 0.8),
    ("湖南省", "邵阳市", "邵东市", ("宋家塘街道", "大禾塘街道", "廉桥镇", "流泽镇"), 0.7),
    ("河北省", "石家庄市", "长安区", ("育才街道", "建北街道", "青园街道"), 0.9),
    ("河北省", "保定市", "竞秀区", ("东风街道", "先锋街道", "韩村乡"), 0.8),
    ("河北省", "沧州市", "任丘市", ("新华路街道", "西环路街道", "出岸镇", "石门桥镇"), 0.7),
    ("安徽省", "合肥市", "蜀山区", ("三里庵街道", "笔架山街道", "稻香村街道"), 1.1),
    ("安徽省", "合肥市", "包河区", ("望湖街道", "芜湖路街道", "常青街道"), 0.9),
    ("安徽省", "阜阳市", "临泉县", ("城关街道", "田桥街道", "杨桥镇", "迎仙镇"), 1.0),
    ("福建省", "厦门市", "思明区", ("中华街道", "鹭江街道", "莲前街道", "嘉莲街道"), 0.9),
    ("福建省", "泉州市", "晋江市", ("青阳街道", "梅岭街道", "陈埭镇", "安海镇"), 1.1),
    ("福建省", "福州市", "鼓楼区", ("鼓东街道", "温泉街道", "五凤街道"), 0.8),
    ("上海市", "上海市", "浦东新区", ("花木街道", "陆家嘴街道", "张江镇", "川沙新镇", "北蔡镇"), 2.2),
    ("上海市", "上海市", "闵行区", ("莘庄镇", "七宝镇", "古美路街道", "梅陇镇"), 1.5),
    ("上海市", "上海市", "宝山区", ("大场镇", "顾村镇", "淞南镇"), 1.1),
    ("北京市", "北京市", "朝阳区", ("望京街道", "酒仙桥街道", "八里庄街道", "劲松街道"), 1.6),
    ("北京市", "北京市", "海淀区", ("学院路街道", "中关村街道", "清河街道", "上地街道"), 1.2),
    ("北京市", "北京市", "昌平区", ("回龙观街道", "天通苑北街道", "沙河镇"), 1.1),
    ("天津市", "天津市", "西青区", ("李七庄街道", "中北镇", "杨柳青镇"), 0.8),
    ("重庆市", "重庆市", "渝北区", ("龙溪街道", "回兴街道", "双龙湖街道"), 1.2),
    ("重庆市", "重庆市", "九龙坡区", ("杨家坪街道", "石桥铺街道", "谢家湾街道"), 1.0),
    ("陕西省", "西安市", "雁塔区", ("小寨路街道", "电子城街道", "丈八沟街道", "曲江街道"), 1.2),
    ("陕西省", "西安市", "未央区", ("张家堡街道", "谭家街道", "大明宫街道"), 0.9),
    ("江西省", "南昌市", "红谷滩区", ("沙井街道", "卫东街道", "凤凰洲街道"), 0.8),
    ("江西省", "赣州市", "于都县", ("贡江镇", "罗坳镇", "岭背镇"), 0.7),
    ("广西壮族自治区", "南宁市", "青秀区", ("新竹街道", "中山街道", "南湖街道"), 0.9),
    ("广西壮族自治区", "玉林市", "玉州区", ("玉城街道", "名山街道", "大塘镇"), 0.7),
    ("辽宁省", "沈阳市", "浑南区", ("五三街道", "白塔街道", "浑河站东街道"), 0.7),
    ("辽宁省", "大连市", "甘井子区", ("泉水街道", "椒金山街道", "辛寨子街道"), 0.6),
    ("山西省", "太原市", "小店区", ("坞城街道", "营盘街道", "龙城街道"), 0.7),
    ("云南省", "昆明市", "官渡区", ("关上街道", "吴井街道", "矣六街道"), 0.7),
    ("贵州省", "贵阳市", "观山湖区", ("世纪城街道", "金华园街道", "宾阳街道"), 0.6),
    ("黑龙江省", "哈尔滨市", "南岗区", ("哈西街道", "花园街道", "大成街道"), 0.5),
    ("吉林省", "长春市", "朝阳区", ("红旗街道", "桂林街道", "湖西街道"), 0.5),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", ("大学东路街道", "人民路街道", "敕勒川路街道"), 0.3),
)  # fmt: skip
GEO_W = tuple(g[4] for g in GEO)

ROADS = (
    "人民路", "建设路", "解放路", "中山路", "文化路", "新华路", "和平路", "胜利路", "长江路", "黄河路",
    "学府路", "幸福路", "光明路", "朝阳路", "迎宾大道", "世纪大道", "工业大道", "滨江路", "青年路", "东风路",
    "振兴路", "友谊路", "健康路", "育才路", "民主路", "府前路", "湖滨路", "银河路", "创业路", "科技路",
    "汇通路", "园林路", "金桥路", "兴业路", "环城北路", "南环路",
)  # fmt: skip
COMM_A = (
    "阳光", "碧桂园", "万科", "金色", "翠苑", "锦绣", "恒大", "保利", "绿地", "融创", "御景", "华府", "香榭",
    "星河", "东方", "龙湖", "中海", "湖畔", "盛世", "世纪", "金地", "雅居乐", "富力", "新城", "幸福", "和谐",
    "春天", "滨江", "未来", "书香", "紫荆", "丽景", "天元", "铂悦", "城南", "水岸", "嘉禾", "桂园", "凤凰",
    "润园",
)  # fmt: skip
COMM_B = (
    "花园", "家园", "名苑", "华庭", "公馆", "新城", "雅苑", "佳苑", "名都", "山庄", "国际", "悦府", "新村",
    "城", "湾", "苑", "一品", "天地",
)  # fmt: skip
VILLAGE_A = (
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何",
    "郭", "马", "罗", "新", "前", "后", "东", "西", "大", "小", "双",
)  # fmt: skip
VILLAGE_B = (
    "庄", "家庄", "家湾", "楼", "营", "集", "寨", "屯", "店", "家坝", "家沟", "岗", "桥", "圩", "塘", "河",
    "坪",
)  # fmt: skip
SHOPS = ("鑫鑫超市", "好邻居超市", "便民超市", "移动营业厅旁", "卫生室对面", "小学对面", "农商银行旁")
POINTS = ("菜鸟驿站", "妈妈驿站", "兔喜快递超市", "中通快递点", "快递代收点")
WORKPLACES = (
    "{a}大厦{f}楼", "{a}大厦{f}楼前台", "{a}科技园{b}栋{f}楼", "{a}工业园{b}栋 门卫室", "{a}商贸城{b}区{n}号",
    "{a}医院门诊楼{f}楼护士站", "{a}小学 门卫室", "{a}物流园{b}号仓",
)  # fmt: skip
URBAN_STYLES = (
    "{road}{num}号{comm}{b}栋{u}单元{r}",
    "{road}{num}号{comm}{b}栋{u}单元{r}室",
    "{comm}{b}栋{u}单元{r}",
    "{comm}{b}号楼{u}单元{r}",
    "{comm}{b}-{u}-{r}",
    "{road}{num}号 {comm} {b}栋{u}单元{r}",
    "{comm}{b}幢{u}单元{r}室",
    "{comm}小区{b}栋{r}",
    "{road}{num}号{comm}{b}号楼{r}",
)
NOTE_TAILS = ("（放门卫）", " 放快递柜", "(送货上门)", "，到了打电话", " 白天没人放门口")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

HONEST_NOTES = (
    "生日礼物，麻烦帮忙包装一下", "送人的，不要放价格单", "尽快发货，谢谢", "放菜鸟驿站就行", "送货上门谢谢",
    "电池能一起发吗", "孩子周六过生日，麻烦周五前到", "颜色随机也可以", "麻烦检查一下零件齐不齐",
    "要男孩喜欢的款", "不要粉色的",
)  # fmt: skip
GRAND_NOTES = ("给孙子的生日礼物", "送外孙女的，麻烦包好", "帮孙子买的，尽快发货", "给小孙女的 谢谢")
TEACHER_NOTES = ("幼儿园活动用，麻烦尽快发货", "学校用，月底前要到", "六一活动用 请帮忙按时发货", "")


@dataclass(frozen=True)
class Who:
    receiver: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    detail: str


def _floor_room(rng: random.Random) -> str:
    return f"{rng.randint(1, 32)}{rng.randint(1, 4):02d}"


def _comm(rng: random.Random) -> str:
    a = rng.choice(COMM_A)
    b = rng.choice(COMM_B)
    while b[-1] == a[-1] or b[0] == a[-1]:
        b = rng.choice(COMM_B)
    return a + b


def _village(rng: random.Random) -> str:
    return rng.choice(VILLAGE_A) + rng.choice(VILLAGE_B)


def _urban_parts(rng: random.Random) -> dict[str, str]:
    return {
        "road": rng.choice(ROADS),
        "num": str(rng.choice((rng.randint(1, 60), rng.randint(1, 999)))),
        "comm": _comm(rng),
        "b": str(rng.randint(1, 28)),
        "u": str(rng.randint(1, 4)),
        "r": _floor_room(rng),
    }


def _rural_detail(rng: random.Random, village: str | None = None) -> str:
    v = village or _village(rng)
    roll = rng.random()
    if roll < 0.45:
        return f"{v}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
    if roll < 0.65:
        return f"{v}村{rng.randint(1, 260)}号"
    if roll < 0.8:
        return f"{v}村委会旁边{rng.choice(SHOPS)}"
    if roll < 0.9:
        return f"{v}村{rng.choice(POINTS)}"
    return f"{rng.choice(('镇中街', '新华街', '商贸街', '建设街'))}{rng.randint(1, 200)}号{rng.choice(SHOPS)}"


def _dress(rng: random.Random, detail: str) -> str:
    """The little accidents of typing: full-width digits, spaces, a note at the end."""
    roll = rng.random()
    if roll < 0.025:
        detail = detail.translate(FULLWIDTH)
    elif roll < 0.06:
        detail = detail.replace("号", "号 ", 1)
    if rng.random() < 0.05:
        detail += rng.choice(NOTE_TAILS)
    return detail


def _detail(rng: random.Random, town: bool) -> str:
    if town and rng.random() < 0.6:
        return _dress(rng, _rural_detail(rng))
    roll = rng.random()
    if roll < 0.72:
        detail = rng.choice(URBAN_STYLES).format(**_urban_parts(rng))
    elif roll < 0.82:
        detail = f"{rng.choice(ROADS)}{rng.randint(1, 400)}号" + rng.choice(WORKPLACES).format(
            a=rng.choice(COMM_A), f=rng.randint(2, 26), b=rng.randint(1, 12), n=rng.randint(1, 300)
        )
    elif roll < 0.94:
        comm = _comm(rng)
        return rng.choice((f"{comm}菜鸟驿站", f"{comm}北门丰巢快递柜", f"{comm}{rng.choice(POINTS)}"))
    else:
        detail = f"{_village(rng)}村{rng.randint(1, 300)}号"
    return _dress(rng, detail)


# --------------------------------------------------------------------------- the shop


class _Month:
    def __init__(self, seed: int, end: datetime) -> None:
        self.rng = random.Random(seed)
        self.end = end.replace(microsecond=0)
        self.start = self.end - timedelta(days=30)
        self.out: list[ExportOrder] = []
        self.order_nos: set[str] = set()
        self.phones: set[str] = set()
        self.pool: list[tuple[str, Who]] = []  # honest buyers who may come back for a sale
        self._slot0 = self.start.replace(minute=0, second=0)
        self._slots = int((self.end - self._slot0).total_seconds() // 3600) + 1
        self._time_cum: dict[str, list[float]] = {}
        self._sku_cum: dict[tuple[str, date], list[float]] = {}
        mid = (self.start + timedelta(days=15)).date()
        self.mid = mid
        # The few SKUs the shop is always short of this month.
        third = {6: "water_gun", 7: "water_gun", 8: "water_gun", 11: "xmas_box", 12: "xmas_box",
                 1: "cny_box", 2: "cny_box", 4: "gift_box", 5: "gift_box"}.get(mid.month, "magnet_tiles")  # fmt: skip
        self.short = ("vinyl_plush", "rc_excavator", third)

    # ---- time
    def when(self, profile: str) -> datetime:
        cum = self._time_cum.get(profile)
        if cum is None:
            hours = HOURS[profile]
            weights = []
            for i in range(self._slots):
                t = self._slot0 + timedelta(hours=i)
                weights.append(_day_factor(t.date()) * hours[t.hour])
            cum = self._time_cum[profile] = list(accumulate(weights))
        rng = self.rng
        while True:
            i = min(bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)
            t = self._slot0 + timedelta(hours=i, seconds=rng.randrange(3600))
            if self.start <= t < self.end:
                return t

    def inside(self, t: datetime) -> bool:
        return self.start <= t < self.end

    def day(self, index: int) -> datetime:
        """Midnight of the index-th calendar day of the window (0 = the partial first day)."""
        return self.start.replace(hour=0, minute=0, second=0) + timedelta(days=index)

    def hour_of(self, profile: str) -> int:
        return self.rng.choices(range(24), weights=HOURS[profile])[0]

    # ---- people
    def phone(self, virtual: float = 0.01) -> str:
        rng = self.rng
        while True:
            virt = rng.random() < virtual
            head = rng.choice(VIRTUAL) if virt else rng.choices(PREFIXES, weights=PREFIX_W)[0]
            number = f"{head}{rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def name(self, female: bool, old: bool = False, surname: str | None = None) -> str:
        rng = self.rng
        sur = surname or rng.choices(SURNAMES, weights=SUR_W)[0]
        if rng.random() < 0.004:
            sur = rng.choice(("欧阳", "上官", "司马", "诸葛"))
        if old:
            given = rng.choice(F_OLD if female else M_OLD)
            if rng.random() < 0.3:
                given = given[:1]
        else:
            chars = F_CHARS if female else M_CHARS
            given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
        return sur + given

    def typed_name(self, full: str, female: bool) -> str:
        roll = self.rng.random()
        if roll < 0.035:
            return full[:1] + ("女士" if female else "先生")
        if roll < 0.045:
            return full + ("妈妈" if female else "")
        return full

    def geo(self) -> tuple:
        return self.rng.choices(GEO, weights=GEO_W)[0]

    def place(self, geo: tuple | None = None) -> tuple[str, str, str, str, str]:
        g = geo or self.geo()
        street = self.rng.choice(g[3])
        return g[0], g[1], g[2], street, _detail(self.rng, street.endswith(("镇", "乡")))

    def person(self, persona: str, virtual: float = 0.01) -> Who:
        rng = self.rng
        female = rng.random() < {"parent": 0.74, "grand": 0.55, "collector": 0.66}.get(persona, 0.6)
        full = self.name(female, old=persona == "grand")
        return Who(self.typed_name(full, female), self.phone(virtual), *self.place())

    # ---- catalogue
    def pick_sku(self, persona: str, t: datetime) -> Sku:
        key = (persona, t.date())
        cum = self._sku_cum.get(key)
        if cum is None:
            prefs = PREFS[persona]
            d = t.date()
            cum = list(accumulate(s.weight * prefs.get(s.cat, 0.0) * _season(s.season, d) for s in CATALOG))
            self._sku_cum[key] = cum
        return CATALOG[min(bisect_right(cum, self.rng.random() * cum[-1]), len(CATALOG) - 1)]

    def pick_spec(self, sku: Sku) -> int:
        n = len(sku.specs)
        return self.rng.choices(range(n), weights=(1.0, 0.75, 0.5, 0.4)[:n])[0]

    def qty(self, sku: Sku, persona: str = "parent") -> int:
        rng = self.rng
        if sku.key in ("blind_box", "vinyl_plush"):
            if persona == "collector":
                return rng.choices((1, 2, 3, 6, 12), weights=(62, 16, 8, 10, 4))[0]
            return rng.choices((1, 2, 3), weights=(85, 12, 3))[0]
        if sku.small:
            return rng.choices((1, 2, 3, 4, 5, 10), weights=(58, 20, 10, 4, 5, 3))[0]
        if persona == "grand":
            return rng.choices((1, 2, 3), weights=(74, 22, 4))[0]
        return rng.choices((1, 2, 3, 4), weights=(84, 12, 3, 1))[0]

    # ---- money
    def discount(self, sku: Sku, qty: int, gross: Decimal) -> Decimal:
        rng = self.rng
        if sku.cat == "promo":
            return gross - Decimal("0.01") * qty
        disc = Decimal(0)
        roll = rng.random()
        if gross >= 199 and roll < 0.35:
            disc += 20
        elif gross >= 99 and roll < 0.35:
            disc += 10
        elif gross >= 49 and roll < 0.3:
            disc += 5
        elif gross >= 20 and roll < 0.2:
            disc += 2
        if qty >= 2 and rng.random() < 0.25:
            disc += (gross * Decimal("0.05")).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if rng.random() < 0.05:
            disc += Decimal(rng.choice(("0.50", "1.00", "1.50", "3.00")))
        return disc

    # ---- life of an order
    def settle(self, t: datetime, intent: str) -> tuple[str, datetime | None, datetime | None, datetime | None]:
        """intent: unpaid (never pays), cancel (pays, cancels before shipping), keep, refund."""
        rng = self.rng
        end = self.end
        if intent == "unpaid":
            return ("unpaid" if end - t < timedelta(minutes=30) else "unpaid_closed"), None, None, None
        roll = rng.random()
        if roll < 0.76:
            delay = rng.randint(3, 90)
        elif roll < 0.96:
            delay = rng.randint(90, 600)
        else:
            delay = rng.randint(600, 1500)
        paid = t + timedelta(seconds=delay)
        if paid > end:
            return "unpaid", None, None, None
        if intent == "cancel":
            cancel = paid + timedelta(minutes=rng.choice((rng.randint(1, 30), rng.randint(30, 900))))
            return ("paid" if cancel > end else "cancelled"), paid, None, None
        shipped = paid + timedelta(minutes=rng.randint(150, 2100))
        if shipped.hour < 9:
            shipped = shipped.replace(hour=9) + timedelta(minutes=rng.randint(0, 300))
        elif shipped.hour >= 20:
            shipped = (shipped + timedelta(days=1)).replace(hour=9) + timedelta(minutes=rng.randint(0, 300))
        if shipped > end:
            return "paid", paid, None, None
        delivered = shipped + timedelta(hours=rng.uniform(30, 110))
        if intent == "keep":
            roll = rng.random()
            if roll < 0.62:
                received = delivered + timedelta(minutes=rng.randint(10, 720))
            elif roll < 0.88:
                received = delivered + timedelta(hours=rng.uniform(12, 72))
            else:
                received = shipped + timedelta(days=10, minutes=rng.randint(0, 600))  # auto-confirm
            if received > end:
                return "shipped", paid, shipped, None
            return "completed", paid, shipped, received
        # refund after receipt
        received = delivered + timedelta(minutes=rng.randint(10, 600))
        if received > end:
            return "shipped", paid, shipped, None
        asked = received + timedelta(hours=rng.uniform(2, 60))
        done = asked + timedelta(hours=rng.uniform(20, 150))
        if asked > end:
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

    def add(
        self,
        who: Who,
        sku: Sku,
        spec: int,
        qty: int,
        t: datetime,
        intent: str,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        discount: Decimal | None = None,
    ) -> ExportOrder:
        t = t.replace(microsecond=0)
        spec_name, price_text = sku.specs[spec]
        price = Decimal(price_text)
        gross = price * qty
        disc = self.discount(sku, qty, gross) if discount is None else discount
        amount = max(MIN_AMOUNT, (gross - disc).quantize(CENT, ROUND_HALF_UP))
        outcome, paid, shipped, received = self.settle(t, intent)
        order = ExportOrder(
            order_no=self.order_no(t),
            sku_id=sku.sku_id,
            sku_name=sku.name,
            spec=spec_name,
            quantity=qty,
            amount=amount,
            outcome=outcome,
            ordered_at=t,
            paid_at=paid,
            shipped_at=shipped,
            received_at=received,
            receiver=who.receiver,
            phone=who.phone,
            province=who.province,
            city=who.city,
            district=who.district,
            street=who.street,
            detail=who.detail,
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.out.append(order)
        return order

    def fate(self, *, unpaid: float = 0.0, cancel: float = 0.0, refund: float = 0.0) -> str:
        """What the buyer means to do with the order; whatever is left over is keep."""
        roll = self.rng.random()
        for intent, p in (("unpaid", unpaid), ("cancel", cancel), ("refund", refund)):
            if roll < p:
                return intent
            roll -= p
        return "keep"

    def honest_intent(self, sku: Sku) -> str:
        refund = {"rc": 0.05, "plush": 0.03, "blocks": 0.03, "outdoor": 0.03}.get(sku.cat, 0.02)
        roll = self.rng.random()
        if roll < 0.055:
            return "unpaid"
        if roll < 0.08:
            return "cancel"
        if roll < 0.08 + refund:
            return "refund"
        return "keep"

    def honest_note(self) -> str:
        return self.rng.choice(HONEST_NOTES) if self.rng.random() < 0.045 else ""

    # ======================================================================= honest traffic

    def regular(self, target: int) -> None:
        rng = self.rng
        made = 0
        personas = ("parent", "grand", "collector", "gift")
        counts = {
            "parent": ((1, 2, 3, 4), (78, 15, 5, 2)),
            "grand": ((1, 2, 3), (80, 15, 5)),
            "collector": ((1, 2, 3, 4, 5, 6, 8), (40, 22, 14, 9, 7, 5, 3)),
            "gift": ((1, 2), (88, 12)),
        }
        while made < target:
            persona = rng.choices(personas, weights=(64, 14, 11, 11))[0]
            values, weights = counts[persona]
            k = min(rng.choices(values, weights=weights)[0], target - made)
            buyer = self.person(persona)
            self.pool.append((persona, buyer))
            for t in sorted(self.when(persona) for _ in range(k)):
                if made >= target:
                    break
                who = buyer
                if rng.random() < 0.04:  # a present sent straight to someone else
                    who = Who(self.name(rng.random() < 0.6), buyer.phone, *self.place())
                elif rng.random() < 0.06:  # same home, typed again from memory
                    who = replace(buyer, detail=_dress(rng, buyer.detail.replace(" ", "")))
                sku = self.pick_sku(persona, t)
                spec = self.pick_spec(sku)
                intent = self.honest_intent(sku)
                if intent in ("unpaid", "cancel") and rng.random() < 0.45 and made + 1 < target:
                    # wrong spec or wrong address: drop it and order again a few minutes later
                    self.add(who, sku, spec, self.qty(sku, persona), t, intent)
                    made += 1
                    t = t + timedelta(seconds=rng.randint(40, 900))
                    if not self.inside(t):
                        t = self.end - timedelta(seconds=rng.randint(60, 600))
                    spec = self.pick_spec(sku)
                    intent = "keep"
                self.add(who, sku, spec, self.qty(sku, persona), t, intent, note=self.honest_note())
                made += 1

    def new_customers(self, target: int) -> None:
        """Real new customers taking the 0.01 duck; some come back for something else."""
        rng = self.rng
        duck = SKU["duck_promo"]
        made = 0
        while made < target:
            persona = rng.choices(("parent", "grand", "gift"), weights=(80, 12, 8))[0]
            who = self.person(persona)
            t = self.when(persona)
            intent = self.fate(unpaid=0.07, cancel=0.03, refund=0.03)
            self.add(who, duck, 0, 1, t, intent, lookalike="new_customer_promo")
            made += 1
            if made < target and rng.random() < 0.1:
                t2 = t + timedelta(days=rng.uniform(1, 14))
                if self.inside(t2):
                    sku = self.pick_sku(persona, t2)
                    self.add(who, sku, self.pick_spec(sku), self.qty(sku, persona), t2, self.honest_intent(sku))
                    made += 1

    def families(self, target: int) -> None:
        """Two or three adults at one home, each ordering for the kids."""
        rng = self.rng
        made = 0
        while made < target:
            g = self.geo()
            street = rng.choice(g[3])
            rural = street.endswith(("镇", "乡")) and rng.random() < 0.6
            parts = _urban_parts(rng)
            style = rng.choice(URBAN_STYLES)
            village = _village(rng)
            base = _rural_detail(rng, village) if rural else style.format(**parts)
            dad_sur = rng.choices(SURNAMES, weights=SUR_W)[0]
            members = [(self.name(True), True, "parent"), (self.name(False, surname=dad_sur), False, "parent")]
            if rng.random() < 0.45:
                old_female = rng.random() < 0.7
                members.append((self.name(old_female, old=True), old_female, "grand"))
            phones = [self.phone() for _ in members]
            if rng.random() < 0.2:
                phones[1] = phones[0]  # dad orders on mum's phone
            for (full, female, persona), phone in zip(members, phones, strict=True):
                for _ in range(rng.choices((1, 2, 3), weights=(55, 32, 13))[0]):
                    if made >= target:
                        return
                    detail = base
                    if not rural and rng.random() < 0.12:
                        detail = rng.choice(URBAN_STYLES).format(**parts)
                    who = Who(self.typed_name(full, female), phone, g[0], g[1], g[2], street, detail)
                    t = self.when(persona)
                    sku = self.pick_sku(persona, t)
                    self.add(who, sku, self.pick_spec(sku), self.qty(sku, persona), t, self.honest_intent(sku),
                             lookalike="family", note=self.honest_note())  # fmt: skip
                    made += 1

    def grandparents(self, target: int) -> None:
        """One grandparent's phone, presents to every grandchild's home before a holiday or birthday."""
        rng = self.rng
        made = 0
        while made < target:
            female = rng.random() < 0.6
            gp_name = self.name(female, old=True)
            phone = self.phone()
            homes = []
            for _ in range(rng.choices((2, 3, 4), weights=(50, 35, 15))[0]):
                child_female = rng.random() < 0.5
                sur = gp_name[:1] if not child_female or rng.random() < 0.3 else None
                receiver = self.name(child_female, surname=sur)
                homes.append(Who(receiver, phone, *self.place()))
            if rng.random() < 0.35:
                homes.append(Who(self.typed_name(gp_name, female), phone, *self.place()))
            for _ in range(rng.choices((1, 2), weights=(65, 35))[0]):
                t = self.when("grand")
                sku = self.pick_sku("grand", t)
                for home in homes:
                    if made >= target:
                        return
                    if rng.random() < 0.15:
                        sku = self.pick_sku("grand", t)
                    intent = self.fate(unpaid=0.05, cancel=0.03, refund=0.03)
                    note = rng.choice(GRAND_NOTES) if rng.random() < 0.2 else ""
                    self.add(home, sku, self.pick_spec(sku), self.qty(sku, "grand"), t, intent,
                             lookalike="grandparent_gifts", note=note)  # fmt: skip
                    made += 1
                    t += timedelta(seconds=rng.randint(50, 900))
                    if not self.inside(t):
                        t = self.end - timedelta(seconds=rng.randint(30, 300))

    def wholesale(self, target: int) -> None:
        """Kindergartens, after-school centres, corner shops and 工会 buying in quantity."""
        rng = self.rng
        kinds = {
            "kindergarten": (("prize_pack", 1, 4), ("gift_box", 20, 42), ("wood_puzzle", 18, 40),
                             ("bubble_gun", 25, 60), ("blocks_table", 2, 6), ("drawing_board", 20, 40),
                             ("pullback_cars", 3, 10)),
            "centre": (("squishy", 10, 40), ("fidget", 20, 50), ("rubik", 20, 50), ("science_kit", 12, 40),
                       ("prize_pack", 1, 3)),
            "shop": (("bubble_gun", 20, 100), ("kite", 10, 30), ("water_gun", 10, 30), ("squishy", 20, 60),
                     ("pullback_cars", 10, 30), ("fidget", 20, 60)),
            "union": (("gift_box", 30, 120), ("xmas_box", 5, 20), ("cny_box", 20, 80)),
        }  # fmt: skip
        kg_a = ("阳光", "蓝天", "小太阳", "金色摇篮", "童心", "启航", "七彩", "小天使", "贝贝", "育英",
                "春苗", "博雅", "爱心", "快乐宝贝", "智慧树")  # fmt: skip
        made = 0
        while made < target:
            kind = rng.choices(tuple(kinds), weights=(45, 22, 25, 8))[0]
            g = self.geo()
            street = rng.choice(g[3])
            road = f"{rng.choice(ROADS)}{rng.randint(1, 300)}号"
            a = rng.choice(kg_a)
            if kind == "kindergarten":
                place = f"{road}{a}{rng.choice(('幼儿园', '双语幼儿园', '实验幼儿园', '艺术幼儿园'))}"
            elif kind == "centre":
                place = f"{road}{a}{rng.choice(('艺术培训中心', '托管班', '美术培训', '英语培训学校'))}"
            elif kind == "shop":
                place = f"{road}{a}{rng.choice(('文具店', '百货', '玩具店', '超市'))}"
            else:
                place = f"{road}{rng.choice(COMM_A)}大厦{rng.randint(3, 22)}楼工会办公室"
            female = rng.random() < (0.85 if kind in ("kindergarten", "centre") else 0.55)
            full = self.name(female)
            receiver = full[:1] + "老师" if kind != "shop" and kind != "union" and rng.random() < 0.4 else full
            who = Who(receiver, self.phone(), g[0], g[1], g[2], street, _dress(rng, place))
            profile = "business" if kind != "kindergarten" or rng.random() < 0.6 else "parent"
            for _ in range(rng.choices((1, 2, 3, 4, 5), weights=(35, 28, 18, 12, 7))[0]):
                t = self.when(profile)
                for _ in range(rng.choices((1, 2, 3), weights=(60, 28, 12))[0]):
                    if made >= target:
                        return
                    key, lo, hi = rng.choice(kinds[kind])
                    sku = SKU[key]
                    qty = rng.randint(lo, hi)
                    spec = self.pick_spec(sku) if sku.small else 0
                    if key == "gift_box":
                        spec = rng.randrange(2)  # the small box, boys' or girls'
                    gross = Decimal(sku.specs[spec][1]) * qty
                    disc = (gross * Decimal(rng.choice(("0.03", "0.05", "0.06", "0.08")))).quantize(Decimal(1))
                    intent = self.fate(cancel=0.04, refund=0.02)
                    note = rng.choice(TEACHER_NOTES) if kind == "kindergarten" and rng.random() < 0.3 else ""
                    self.add(who, sku, spec, qty, t, intent,
                             lookalike="wholesale", note=note, discount=disc)  # fmt: skip
                    made += 1
                    t += timedelta(seconds=rng.randint(30, 400))
                    if not self.inside(t):
                        t = self.end - timedelta(seconds=rng.randint(30, 300))

    def flash_sales(self, target: int) -> None:
        """A 限时秒杀 and a livestream evening: hundreds of buyers on one link within minutes."""
        rng = self.rng
        if target <= 0:
            return
        events = (
            ("bubble_gun", 0, Decimal("5.90"), 0.45, 20, 0),
            ("magnet_tiles", 0, Decimal("29.90"), 0.32, 20, 12),
            ("dino_plush", 1, Decimal("19.90"), 0.23, 20, 48),
        )
        flash_day = rng.randint(3, 20)
        live_day = rng.choice([d for d in range(3, 23) if d != flash_day])
        flash_hour = rng.choice((10, 12, 20))
        made = 0
        used: set[str] = set()
        for i, (key, spec, sale, share, hour, minute) in enumerate(events):
            sku = SKU[key]
            n = target - made if i == len(events) - 1 else round(target * share)
            if i == 0:
                opens = self.day(flash_day).replace(hour=flash_hour)
            else:
                opens = self.day(live_day).replace(hour=hour, minute=minute) + timedelta(seconds=rng.randint(0, 240))
            price = Decimal(sku.specs[spec][1])
            scale = rng.uniform(50, 95)
            for _ in range(n):
                offset = rng.expovariate(1 / scale)
                while offset > 540:
                    offset = rng.expovariate(1 / scale)
                t = opens + timedelta(seconds=offset)
                if not self.inside(t):
                    t = self.when("parent")
                who = None
                if self.pool and rng.random() < 0.15:
                    persona, cand = rng.choice(self.pool)
                    if cand.phone not in used:
                        who = cand
                if who is None:
                    who = self.person("parent")
                used.add(who.phone)
                qty = 1 if rng.random() < 0.93 else 2
                intent = self.fate(unpaid=0.06, cancel=0.03, refund=0.02)
                disc = (price - sale) * qty
                if rng.random() < 0.15:
                    disc += 1
                self.add(who, sku, spec, qty, t, intent, lookalike="flash_sale", discount=disc)
                made += 1

    # ======================================================================= attacks

    def burst(self, target: int) -> None:
        """炸店: a hundred-odd fresh accounts, a few orders each, one SKU, one quarter hour."""
        rng = self.rng
        if target <= 0:
            return
        episodes = 1 if target < 600 else 2
        made = 0
        days = rng.sample(range(3, 27), episodes)
        for e, day in enumerate(days):
            sku = SKU[rng.choice(("rc_stunt", "magnet_tiles", "capybara", "blocks_city", "dino_plush"))]
            n = target - made if e == episodes - 1 else target // episodes
            opens = self.day(day).replace(hour=rng.choice((10, 11, 14, 15, 19, 20, 21, 22)))
            opens += timedelta(seconds=rng.randint(0, 3000))
            close = opens + timedelta(minutes=rng.uniform(13, 17))
            done = 0
            while done < n:
                who = self.person(rng.choice(("parent", "gift")), virtual=0.12)
                k = min(rng.choices((1, 2, 3, 4, 5), weights=(15, 35, 30, 15, 5))[0], n - done)
                t = opens + timedelta(seconds=rng.uniform(0, 780))
                for _ in range(k):
                    if t >= close:
                        t = close - timedelta(seconds=rng.randint(1, 120))
                    if not self.inside(t):
                        t = self.end - timedelta(seconds=rng.randint(1, 900))
                    intent = self.fate(unpaid=0.76, cancel=0.17, refund=0.03)
                    qty = 1 if rng.random() < 0.88 else 2
                    self.add(who, sku, rng.randrange(len(sku.specs)), qty, t, intent, label="burst")
                    done += 1
                    t += timedelta(seconds=rng.uniform(15, 200))
            made += n

    def inventory_lock(self, target: int) -> None:
        """同行恶拍: 4-8x the usual quantity of what the shop is short of, never kept."""
        rng = self.rng
        made = 0
        restocks = [d for d in range(1, 30) if d % rng.choice((4, 5, 6)) == 0] or [1]
        while made < target:
            sku = SKU[rng.choices(self.short, weights=(45, 30, 25))[0]]
            if rng.random() < 0.6:  # right after a restock goes live
                day = rng.choice(restocks)
                t = self.day(day).replace(hour=rng.choice((10, 11, 14, 15, 16)))
                t += timedelta(seconds=rng.randint(0, 7200))
                if not self.inside(t):
                    t = self.when("parent")
            else:
                t = self.when("parent")
            usual = 1 if sku.key != "water_gun" or rng.random() < 0.7 else 2
            qty = usual * rng.choice((4, 5, 5, 6, 6, 7, 8))
            who = self.person(rng.choice(("parent", "gift", "collector")), virtual=0.06)
            intent = "unpaid" if rng.random() < 0.6 else "cancel"
            self.add(who, sku, self.pick_spec(sku), qty, t, intent, label="inventory_lock")
            made += 1

    def serial_refund(self, target: int) -> None:
        """A handful of buyers, a handful of orders each at a steady pace, most refunded."""
        rng = self.rng
        if target <= 0:
            return
        buyers = max(1, round(target / 7))
        sizes = [target // buyers + (1 if i < target % buyers else 0) for i in range(buyers)]
        for _ in range(buyers):  # uneven, as people are
            i, j = rng.randrange(buyers), rng.randrange(buyers)
            if i != j and sizes[i] > 4:
                sizes[i] -= 1
                sizes[j] += 1
        for k in sizes:
            female = rng.random() < 0.75
            full = self.name(female)
            phone = self.phone()
            g = self.geo()
            home = Who(full, phone, *self.place(g))
            work = Who(full, phone, *self.place(g))
            span = 25.0
            gap = span / k
            for i in range(k):
                day = 0.5 + i * gap + rng.uniform(-0.3, 0.3) * gap
                t = (self.start + timedelta(days=day)).replace(hour=self.hour_of("parent"))
                t += timedelta(seconds=rng.randint(0, 3599))
                if not self.inside(t):
                    t = self.when("parent")
                who = home if rng.random() < 0.7 else work
                if rng.random() < 0.2:
                    who = replace(who, receiver=full[:1] + ("女士" if female else "先生"))
                sku = self.pick_sku("parent", t)
                while sku.cat in ("bulk", "gift") or Decimal(sku.specs[0][1]) < 19:
                    sku = self.pick_sku("parent", t)
                intent = self.fate(refund=0.74, cancel=0.06)
                self.add(who, sku, self.pick_spec(sku), 1, t, intent, label="serial_refund", note=self.honest_note())

    def ring(self, target: int) -> None:
        """A dozen names, a few phones, one flat typed a different way nearly every time."""
        rng = self.rng
        if target <= 0:
            return
        g = self.geo()
        while any(s.endswith(("镇", "乡")) for s in g[3][:1]):
            g = self.geo()
        street = rng.choice([s for s in g[3] if s.endswith("街道")] or list(g[3]))
        p = _urban_parts(rng)
        fw = f"{p['road']}{p['num']}号{p['comm']}{p['b']}栋{p['u']}单元{p['r']}".translate(FULLWIDTH)
        variants = (
            f"{p['road']}{p['num']}号{p['comm']}{p['b']}栋{p['u']}单元{p['r']}",
            f"{p['road']}{p['num']}号{p['comm']}{p['b']}幢{p['u']}单元{p['r']}室",
            f"{p['comm']}{p['b']}号楼{p['u']}单元{p['r']}",
            f"{p['comm']}{p['b']}栋{p['r']}",
            fw,
            f"{p['road']}{p['num']}号{p['comm']}  {p['b']}栋 {p['u']}单元 {p['r']}",
            f"{p['comm']}小区{p['b']}-{p['u']}-{p['r']}",
            f"{p['road']} {p['num']}号 {p['comm']}{p['b']}号楼{p['r']}室",
            f"{p['comm']}{p['b']}栋{p['u']}单元{p['r']}".translate(FULLWIDTH),
        )
        phones = [self.phone(virtual=0.1) for _ in range(rng.choice((3, 3, 4)))]
        names = []
        for _ in range(rng.randint(10, 14)):
            female = rng.random() < 0.55
            names.append((self.name(female), female, rng.randrange(len(phones))))
        made = 0
        while made < target:
            t = self.when("parent")
            for _ in range(rng.choices((1, 2, 3, 4), weights=(40, 30, 20, 10))[0]):
                if made >= target:
                    break
                full, female, pi = rng.choice(names)
                phone = phones[pi] if rng.random() < 0.8 else rng.choice(phones)
                who = Who(self.typed_name(full, female), phone, g[0], g[1], g[2], street, rng.choice(variants))
                sku = self.pick_sku("parent", t)
                intent = self.fate(refund=0.4, unpaid=0.18, cancel=0.2)
                self.add(who, sku, self.pick_spec(sku), self.qty(sku), t, intent, label="ring")
                made += 1
                t += timedelta(minutes=rng.uniform(3, 140))
                if not self.inside(t):
                    t = self.end - timedelta(minutes=rng.uniform(1, 60))

    def swap_return(self, target: int) -> None:
        """调包退货: batch SIM cards, one city, the dearest items, an old one sent back."""
        rng = self.rng
        if target <= 0:
            return
        cities: dict[tuple[str, str], list[tuple]] = {}
        for g in GEO:
            cities.setdefault((g[0], g[1]), []).append(g)
        choices = [v for v in cities.values() if len(v) >= 2]
        districts = rng.choice(choices)
        head = rng.choices(PREFIXES, weights=PREFIX_W)[0] + f"{rng.randrange(10**4):04d}"
        tail = rng.randrange(0, 9000)
        dear = (("rc_offroad", 2), ("rc_excavator", 1), ("blocks_table", 2), ("drone", 1), ("scooter", 1),
                ("magnet_tiles", 2), ("rc_excavator", 0))  # fmt: skip
        made = 0
        while made < target:
            if rng.random() < 0.6:
                tail += rng.randint(1, 40)
                phone = f"{head}{tail % 10000:04d}"
                if phone in self.phones:
                    phone = self.phone()
                self.phones.add(phone)
            else:
                phone = self.phone(virtual=0.05)
            female = rng.random() < 0.6
            who = Who(self.typed_name(self.name(female), female), phone, *self.place(rng.choice(districts)))
            if rng.random() < 0.45:
                comm = _comm(rng)
                who = replace(who, detail=rng.choice((f"{comm}{rng.choice(POINTS)}", f"{comm}北门丰巢快递柜")))
            k = min(rng.choices((1, 2, 3), weights=(35, 45, 20))[0], target - made)
            t = self.start + timedelta(days=rng.uniform(0.2, 12))
            for _ in range(k):
                t = t.replace(hour=self.hour_of("parent"), minute=rng.randint(0, 59), second=rng.randint(0, 59))
                if not self.inside(t):
                    t = self.when("parent")
                key, spec = rng.choice(dear)
                intent = self.fate(refund=0.84, cancel=0.08)
                note = ""
                if rng.random() < 0.15:
                    note = rng.choice(("孩子生日急用，麻烦尽快发", "能发顺丰吗", "周末前能到吗"))
                self.add(who, SKU[key], spec, 1, t, intent, label="swap_return", note=note)
                made += 1
                t += timedelta(days=rng.uniform(5, 11))

    def coupon_farming(self, target: int) -> None:
        """羊毛党: farmed new accounts on the 0.01 duck, night waves, rural drop points."""
        rng = self.rng
        if target <= 0:
            return
        duck = SKU["duck_promo"]
        towns = [(g, s) for g in GEO for s in g[3] if s.endswith("镇")]
        hubs = []
        for g, town in rng.sample(towns, rng.choice((2, 3))):
            villages = [_village(rng) for _ in range(rng.randint(3, 6))]
            point = f"{rng.choice(villages)}村{rng.choice(POINTS)}"
            hubs.append((g, town, villages, point))

        def drop() -> Who:
            g, town, villages, point = rng.choice(hubs)
            v = rng.choice(villages)
            roll = rng.random()
            if roll < 0.42:
                detail = f"{v}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
            elif roll < 0.7:
                detail = point if rng.random() < 0.7 else point.replace("村", "村 ")
            elif roll < 0.85:
                detail = f"{v}村{rng.randint(1, 260)}号"
            else:
                detail = f"{v}村委会旁边{rng.choice(SHOPS)}"
            female = rng.random() < 0.55
            receiver = self.name(female, old=rng.random() < 0.25)
            return Who(receiver, self.phone(virtual=0.3), g[0], g[1], g[2], town, _dress(rng, detail))

        made = 0
        waves = max(1, round(target * 0.7 / 22))
        for _ in range(waves):
            n = min(round(target * 0.7 / waves), target - made)
            day = rng.randint(1, 28)
            t0 = self.day(day).replace(hour=rng.choice((0, 1, 1, 2, 6, 7, 23)))
            t0 += timedelta(seconds=rng.randint(0, 1800))
            span = rng.uniform(40, 150) * 60
            for _ in range(n):
                t = t0 + timedelta(seconds=rng.uniform(0, span))
                if not self.inside(t):
                    t = self.when("collector")
                self.add(drop(), duck, 0, 1, t, self._farm_intent(), label="coupon_farming")
                made += 1
        while made < target:  # the rest trickle in at ordinary hours
            self.add(drop(), duck, 0, 1, self.when("parent"), self._farm_intent(), label="coupon_farming")
            made += 1

    def _farm_intent(self) -> str:
        return self.fate(refund=0.14, unpaid=0.06, cancel=0.04)


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    month = _Month(seed, end)
    attacks = round(orders * 0.05)
    shares = (
        ("burst", 0.38),
        ("inventory_lock", 0.19),
        ("serial_refund", 0.05),
        ("ring", 0.06),
        ("swap_return", 0.07),
        ("coupon_farming", 0.25),
    )
    left = attacks
    for i, (shape, share) in enumerate(shares):
        n = left if i == len(shares) - 1 else min(left, round(attacks * share))
        getattr(month, shape)(n)
        left -= n

    honest = orders - len(month.out)
    flash = round(orders * 0.085)
    parts = {
        "new_customers": round(orders * 0.03),
        "wholesale": round(orders * 0.004),
        "families": round(orders * 0.035),
        "grandparents": round(orders * 0.01),
    }
    regular = honest - flash - sum(parts.values())
    if regular < 0:  # tiny runs: everything honest is ordinary traffic
        flash, parts, regular = 0, {}, honest
    month.regular(regular)
    for shape, n in parts.items():
        getattr(month, shape)(n)
    month.flash_sales(flash)
    return sorted(month.out, key=lambda o: (o.ordered_at, o.order_no))


if __name__ == "__main__":
    rows = generate(seed=20240601, end=datetime(2026, 6, 3))
    n_attack = sum(1 for o in rows if o.label)
    print(f"family={FAMILY} orders={len(rows)} attacks={n_attack} ({100 * n_attack / len(rows):.1f}%)")

    def group_of(o: ExportOrder) -> str:
        return o.label or (f"~{o.lookalike}" if o.lookalike else "honest")

    groups = Counter(group_of(o) for o in rows)
    for group, count in sorted(groups.items(), key=lambda kv: -kv[1]):
        outcomes = Counter(o.outcome for o in rows if group_of(o) == group)
        detail = " ".join(f"{k}={v}" for k, v in sorted(outcomes.items(), key=lambda kv: -kv[1]))
        print(f"  {group:<22} {count:>6}  {detail}")
    print("  outcomes:", dict(Counter(o.outcome for o in rows).most_common()))
