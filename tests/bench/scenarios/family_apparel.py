"""Scenario family "apparel": a women's clothing shop that sells through evening live streams.

The shop has 40 products, each sold in four sizes and a few colours. Its traffic is simulated
from events rather than drawn from one flat distribution:

* search traffic, a Poisson process with an hour-of-day curve, a weekly curve (more at the
  weekend), day-to-day noise and a slight upward trend across the month;
* live streams (直播) on most evenings (sometimes also on a weekend afternoon). A stream is a
  sequence of segments; each segment pitches one product, and orders pile up right after its
  link goes live, then fade. A few orders come after the stream ends (people who left items in
  their cart);
* a 秒杀 (flash sale) inside one or two streams: up to ~1,500 one-order buyers taking the same
  product within a few minutes.

Buyers come back to the shop by preferential attachment (a buyer with more orders is more
likely to order again), keep a usual size and sometimes buy two sizes at once and return the
one that does not fit. Apparel returns a lot: about a fifth of received orders are refunded
(more for trousers and dresses), and some honest customers return close to half of what they
buy. Outcomes follow a timeline: payment, cancellation, shipping in warehouse hours, delivery,
a return request and its settlement. Any step later than ``end`` has not happened yet, so the
last days are still paid, shipped or refunding.

Attacks (``label``): burst, inventory_lock, serial_refund, ring, and this family's own:
``wardrobing`` (穿后退货): small groups of linked accounts (a few names behind two phones and
two addresses) that buy dresses, coats and qipao a few days before a weekend or a holiday,
often in two sizes at once, receive them, wear them, and return every piece a few days later.

Honest look-alikes (``lookalike``): flash_sale, wholesale, family, returner.
"""

import random
import time
from bisect import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "apparel"

# --------------------------------------------------------------------------- catalogue

# (name, price, return factor); return factor scales the chance a received piece comes back.
_PRODUCTS = (
    ("加厚白鸭绒短款羽绒服女冬季新款", "299.00", 1.1),
    ("长款过膝羽绒服女加厚连帽", "399.00", 1.2),
    ("轻薄羽绒内胆女立领", "159.00", 0.9),
    ("小个子短款面包服女", "239.00", 1.0),
    ("高领打底毛衣女秋冬内搭", "69.90", 0.7),
    ("慵懒风圆领套头毛衣女宽松", "119.00", 0.9),
    ("粗针麻花开衫毛衣外套", "139.00", 0.9),
    ("羊毛混纺针织背心马甲", "79.00", 0.8),
    ("高腰垂感阔腿裤女显瘦", "89.00", 1.4),
    ("加绒直筒牛仔裤女冬", "99.00", 1.5),
    ("灯芯绒阔腿裤女复古", "79.90", 1.3),
    ("毛呢西装裤女高腰", "109.00", 1.4),
    ("法式碎花连衣裙长袖", "129.00", 1.3),
    ("针织长袖连衣裙秋冬过膝", "159.00", 1.3),
    ("赫本风小黑裙收腰", "189.00", 1.3),
    ("丝绒晚礼服连衣裙年会", "259.00", 1.4),
    ("双面羊绒大衣女中长款", "399.00", 1.2),
    ("中长款毛呢大衣女双排扣", "329.00", 1.2),
    ("短款小香风外套女", "199.00", 1.1),
    ("韩版宽松加绒卫衣女", "79.00", 0.8),
    ("德绒保暖内衣套装女", "59.00", 0.6),
    ("摇粒绒外套女立领", "89.00", 0.8),
    ("半身百褶裙女中长款", "69.00", 1.0),
    ("A字毛呢半身裙高腰", "89.00", 1.1),
    ("羊羔毛短外套女", "169.00", 1.0),
    ("假两件衬衫领毛衣女", "99.00", 0.9),
    ("纯棉长袖T恤女打底", "39.00", 0.6),
    ("冰丝打底衫女长袖", "39.90", 0.6),
    ("运动休闲卫衣套装女", "149.00", 1.0),
    ("加绒鲨鱼裤女外穿", "49.00", 0.9),
    ("PU皮衣机车夹克女", "219.00", 1.1),
    ("格子衬衫外套女宽松", "89.00", 0.9),
    ("棉马甲女外穿短款", "109.00", 0.9),
    ("雪纺衬衫女长袖", "79.00", 0.9),
    ("针织开衫连衣裙两件套", "179.00", 1.2),
    ("新中式盘扣改良旗袍", "229.00", 1.4),
    ("新年红色毛衣女本命年", "99.00", 0.8),
    ("复古牛仔外套女宽松", "129.00", 1.0),
    ("短款棉服面包服女", "189.00", 1.0),
    ("中长款连帽风衣女", "239.00", 1.1),
)
# Products a wardrobing group goes for: dresses, coats, qipao, the things worn once to an event.
_EVENT_WEAR = (13, 14, 15, 16, 17, 18, 34, 35, 12)

_COLOURS = (
    "黑色", "白色", "米白色", "杏色", "卡其色", "灰色", "燕麦色", "酒红色", "红色",
    "雾霾蓝", "藏青色", "咖啡色", "粉色", "奶白色", "焦糖色", "墨绿色", "浅灰色", "驼色",
)  # fmt: skip
_SIZES = ("S", "M", "L", "XL")
_SIZE_W = (20, 36, 30, 14)


@dataclass(slots=True)
class _Sku:
    sku_id: str
    name: str
    price: Decimal
    ret: float
    colours: tuple[str, ...]


# --------------------------------------------------------------------------- geography

# province -> [(city, {district: [streets]}, [roads])], with a weight (share of buyers).
_GEO = {
    "浙江省": (14, [
        ("杭州市", {"西湖区": ["文新街道", "翠苑街道", "蒋村街道", "西溪街道"],
                  "余杭区": ["五常街道", "仓前街道", "闲林街道"],
                  "拱墅区": ["米市巷街道", "湖墅街道", "祥符街道"],
                  "滨江区": ["西兴街道", "长河街道", "浦沿街道"]},
         ["文一西路", "文三路", "莫干山路", "江南大道", "古墩路", "余杭塘路", "丰潭路"]),
        ("宁波市", {"鄞州区": ["钟公庙街道", "首南街道", "中河街道"], "海曙区": ["鼓楼街道", "南门街道"]},
         ["天童南路", "中山东路", "鄞州大道", "四明中路"]),
        ("温州市", {"鹿城区": ["五马街道", "南汇街道"], "瓯海区": ["娄桥街道", "新桥街道"]},
         ["车站大道", "学院中路", "温州大道"]),
    ]),
    "广东省": (16, [
        ("深圳市", {"南山区": ["粤海街道", "南头街道", "西丽街道", "蛇口街道"],
                  "福田区": ["华富街道", "梅林街道", "香蜜湖街道"],
                  "宝安区": ["新安街道", "西乡街道"], "龙华区": ["民治街道", "龙华街道"]},
         ["科技南路", "深南大道", "南海大道", "建安一路", "民治大道", "前进一路"]),
        ("广州市", {"天河区": ["石牌街道", "林和街道", "天园街道"], "海珠区": ["赤岗街道", "江海街道"],
                  "番禺区": ["市桥街道", "大石街道"], "白云区": ["三元里街道", "京溪街道"]},
         ["天河路", "中山大道", "广州大道", "江南大道中", "黄埔大道"]),
        ("佛山市", {"南海区": ["桂城街道", "大沥镇"], "顺德区": ["大良街道", "容桂街道"]},
         ["南海大道", "桂澜路", "德胜路"]),
    ]),
    "江苏省": (12, [
        ("南京市", {"鼓楼区": ["湖南路街道", "宁海路街道"], "玄武区": ["新街口街道", "孝陵卫街道"],
                  "江宁区": ["东山街道", "秣陵街道"]},
         ["中山路", "汉中路", "双龙大道", "北京西路"]),
        ("苏州市", {"姑苏区": ["平江街道", "双塔街道"], "吴中区": ["长桥街道", "郭巷街道"]},
         ["干将路", "人民路", "东环路", "东吴北路"]),
        ("无锡市", {"梁溪区": ["崇安寺街道", "广益街道"], "滨湖区": ["蠡园街道", "河埒街道"]},
         ["中山路", "梁溪路", "太湖大道"]),
    ]),
    "上海市": (8, [
        ("上海市", {"浦东新区": ["陆家嘴街道", "花木街道", "张江镇", "川沙新镇"],
                  "闵行区": ["莘庄镇", "古美路街道", "七宝镇"],
                  "徐汇区": ["田林街道", "徐家汇街道", "漕河泾街道"],
                  "杨浦区": ["五角场街道", "控江路街道"]},
         ["张杨路", "世纪大道", "漕宝路", "莘松路", "国权路", "古美路"]),
    ]),
    "北京市": (6, [
        ("北京市", {"朝阳区": ["望京街道", "三里屯街道", "酒仙桥街道"],
                  "海淀区": ["中关村街道", "学院路街道", "清河街道"],
                  "丰台区": ["方庄地区", "丰台街道"], "昌平区": ["回龙观街道", "天通苑北街道"]},
         ["望京街", "朝阳路", "中关村大街", "学院路", "回龙观西大街"]),
    ]),
    "四川省": (7, [
        ("成都市", {"武侯区": ["玉林街道", "红牌楼街道"], "锦江区": ["春熙路街道", "书院街街道"],
                  "成华区": ["建设路街道", "猛追湾街道"]},
         ["人民南路", "玉林北路", "建设路", "天府大道", "一环路南三段"]),
        ("绵阳市", {"涪城区": ["城厢街道", "工区街道"]}, ["临园路", "长虹大道"]),
    ]),
    "湖北省": (5, [
        ("武汉市", {"洪山区": ["珞南街道", "关山街道"], "武昌区": ["水果湖街道", "中南路街道"],
                  "江汉区": ["万松街道", "唐家墩街道"]},
         ["珞喻路", "中南路", "关山大道", "建设大道", "武珞路"]),
    ]),
    "湖南省": (5, [
        ("长沙市", {"岳麓区": ["望月湖街道", "观沙岭街道"], "天心区": ["坡子街街道", "赤岭路街道"],
                  "雨花区": ["侯家塘街道", "东塘街道"]},
         ["麓山南路", "五一大道", "韶山中路", "芙蓉中路"]),
    ]),
    "福建省": (5, [
        ("福州市", {"鼓楼区": ["东街街道", "温泉街道"], "仓山区": ["城门镇", "仓山镇"]},
         ["五四路", "杨桥中路", "六一北路"]),
        ("厦门市", {"思明区": ["鹭江街道", "莲前街道"], "湖里区": ["殿前街道", "江头街道"]},
         ["嘉禾路", "莲前东路", "湖滨南路"]),
    ]),
    "山东省": (6, [
        ("济南市", {"历下区": ["泉城路街道", "姚家街道"], "市中区": ["舜耕街道", "六里山街道"]},
         ["经十路", "泉城路", "历山路"]),
        ("青岛市", {"市南区": ["八大湖街道", "香港中路街道"], "崂山区": ["中韩街道", "金家岭街道"],
                  "黄岛区": ["长江路街道", "薛家岛街道"]},
         ["香港中路", "山东路", "海尔路", "长江中路"]),
    ]),
    "河南省": (5, [
        ("郑州市", {"金水区": ["花园路街道", "文化路街道"], "二七区": ["建中街街道", "淮河路街道"],
                  "中原区": ["林山寨街道", "桐柏路街道"]},
         ["花园路", "农业路", "金水路", "建设西路"]),
    ]),
    "河北省": (3, [
        ("石家庄市", {"长安区": ["建北街道", "育才街道"], "裕华区": ["裕兴街道", "槐底街道"],
                    "桥西区": ["振头街道", "友谊街道"]},
         ["中山东路", "裕华路", "槐安路"]),
    ]),
    "陕西省": (3, [
        ("西安市", {"雁塔区": ["小寨路街道", "电子城街道"], "碑林区": ["南院门街道", "张家村街道"],
                  "未央区": ["张家堡街道", "大明宫街道"]},
         ["长安南路", "小寨东路", "凤城八路", "太白南路"]),
    ]),
    "安徽省": (4, [
        ("合肥市", {"蜀山区": ["三里庵街道", "稻香村街道"], "包河区": ["望湖街道", "芜湖路街道"],
                  "庐阳区": ["亳州路街道", "杏林街道"]},
         ["长江西路", "马鞍山路", "金寨路", "望江西路"]),
    ]),
    "江西省": (3, [
        ("南昌市", {"东湖区": ["公园街道", "百花洲街道"], "红谷滩区": ["沙井街道", "卫东街道"]},
         ["八一大道", "红谷中大道", "丰和中大道"]),
    ]),
    "辽宁省": (3, [
        ("沈阳市", {"和平区": ["太原街街道", "南湖街道"], "浑南区": ["五三街道", "浑河站西街道"]},
         ["青年大街", "太原北街", "浑南中路"]),
        ("大连市", {"沙河口区": ["黑石礁街道", "春柳街道"], "中山区": ["青泥洼桥街道", "人民路街道"]},
         ["中山路", "黄河路", "五四路"]),
    ]),
    "黑龙江省": (2, [
        ("哈尔滨市", {"南岗区": ["大成街道", "花园街道"], "道里区": ["新阳路街道", "工农街道"]},
         ["西大直街", "中央大街", "红旗大街"]),
    ]),
    "重庆市": (4, [
        ("重庆市", {"渝中区": ["解放碑街道", "大坪街道"], "江北区": ["观音桥街道", "华新街街道"],
                  "沙坪坝区": ["小龙坎街道", "渝碚路街道"]},
         ["民族路", "建新北路", "小龙坎正街", "大坪正街"]),
    ]),
    "天津市": (2, [
        ("天津市", {"南开区": ["长虹街道", "万兴街道"], "和平区": ["小白楼街道", "南营门街道"]},
         ["鞍山西道", "南京路", "卫津路"]),
    ]),
    "广西壮族自治区": (3, [
        ("南宁市", {"青秀区": ["新竹街道", "南湖街道"], "西乡塘区": ["衡阳街道", "北湖街道"]},
         ["民族大道", "大学东路", "东葛路"]),
    ]),
    "云南省": (2, [
        ("昆明市", {"五华区": ["华山街道", "护国街道"], "盘龙区": ["拓东街道", "鼓楼街道"]},
         ["人民中路", "北京路", "东风西路"]),
    ]),
    "山西省": (2, [
        ("太原市", {"小店区": ["坞城街道", "营盘街道"], "迎泽区": ["柳巷街道", "桥东街道"]},
         ["坞城路", "迎泽大街", "长风街"]),
    ]),
    "吉林省": (2, [
        ("长春市", {"朝阳区": ["桂林街道", "红旗街道"], "南关区": ["自由大路街道", "永吉街道"]},
         ["桂林路", "人民大街", "自由大路"]),
    ]),
}  # fmt: skip
_PROVINCES = list(_GEO)
_PROVINCE_CUM = []
_acc = 0
for _p in _PROVINCES:
    _acc += _GEO[_p][0]
    _PROVINCE_CUM.append(_acc)
del _acc, _p

_ESTATE_A = (
    "金色", "阳光", "翠苑", "万科", "绿城", "碧桂园", "保利", "华润", "龙湖", "中海", "星河", "世纪",
    "锦绣", "和平", "紫金", "桂花", "东方", "蓝湾", "滨江", "香樟", "银泰", "融创", "湖畔", "新城",
)  # fmt: skip
_ESTATE_B = ("花园", "小区", "家园", "城", "苑", "府", "公寓", "新村", "名苑", "雅苑", "一期", "二期")
_TOWERS = ("海创园", "国际大厦", "创新中心", "金融中心", "科技园", "时代广场", "商务中心", "软件园")
_UNIS = ("师范大学", "理工大学", "职业技术学院", "医科大学", "财经大学", "外国语学院")
_CN_DIGIT = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")

# --------------------------------------------------------------------------- people

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_CUM = []
_acc = 0.0
for _i in range(len(_SURNAMES)):
    _acc += 1.0 / (1 + _i) ** 0.75
    _SURNAME_CUM.append(_acc)
del _acc, _i
_GIVEN_F = (
    "婷静丽敏燕霞娟芳娜秀英玲丹萍红雪琳晶颖倩悦欣怡佳琪雯璐瑶梦诗思雨晓佩蕾薇露月慧洁梅兰莉蓉春凤艳琴"
    "子涵萱可心妍语嘉若彤蕊菲婉萌茜琦"
)
_GIVEN_M = "伟强磊军勇杰涛明超浩鹏宇飞斌俊辉"
_MOTHER_NAMES = (
    "秀英", "桂芳", "玉兰", "丽华", "淑珍", "美玲", "红梅", "春梅", "素芬", "凤英", "月娥", "慧敏", "雪梅",
    "丽萍", "秀兰", "建英", "玉珍", "海燕",
)  # fmt: skip
_PHONE_PREFIXES = tuple(
    str(p) for p in (*range(130, 140), 150, 151, 152, 153, *range(155, 160), 170, 173, 176, 177, 178,
                     *range(180, 190), 191, 193, 195, 198, 199)
)  # fmt: skip

_NOTES = (
    "身高160体重105斤，拿M码可以吗",
    "尽快发货，谢谢",
    "不要发韵达",
    "送人的，不要放价格单",
    "主播说的送袜子别忘了",
    "麻烦检查一下有没有线头",
    "和上一单一起发",
    "要宽松一点的",
    "放菜鸟驿站就行",
    "165/110斤 穿L",
)


@dataclass(slots=True)
class _Addr:
    province: str
    city: str
    district: str
    street: str
    detail: str


@dataclass(slots=True)
class _Person:
    name: str
    phone: str
    addrs: list[_Addr]
    ret: float  # propensity to return a received piece
    size: int  # index in _SIZES
    lookalike: str | None = None
    label: str | None = None
    cap: int = 99  # how many orders this buyer places at most over the month
    orders: list[ExportOrder] = field(default_factory=list)


@dataclass(slots=True)
class _Stream:
    start: datetime
    end: datetime
    weight: float
    skus: list[int]
    segments: list[tuple[datetime, float, int, float]]  # (start, minutes, sku, weight)
    seg_cum: list[float]


def _fmt_room(floor: int, no: int) -> str:
    return f"{floor}{no:02d}"


# --------------------------------------------------------------------------- generator


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = random.Random(seed)
        self.end = end.replace(microsecond=0)
        self.start = self.end - timedelta(days=30)
        self.target = orders
        self.scale = orders / 20_000
        self.phones: set[str] = set()
        self.rows: list[tuple[ExportOrder, _Person]] = []
        self._catalogue()
        self._schedule_streams()
        self._background_hours()

    # ---- building blocks

    def _catalogue(self) -> None:
        rng = self.rng
        self.skus = []
        for i, (name, price, ret) in enumerate(_PRODUCTS):
            colours = tuple(rng.sample(_COLOURS, rng.randint(2, 5)))
            sku_id = f"{(i * 7_919_113 + 41_270_531) % 10**9 + 58_000_000_000:011d}"
            self.skus.append(_Sku(sku_id, name, Decimal(price), ret, colours))
        order = list(range(len(self.skus)))
        rng.shuffle(order)
        self.pop_w = [0.0] * len(self.skus)
        for rank, idx in enumerate(order):
            self.pop_w[idx] = 1.0 / (1 + rank) ** 0.9
        self.hot = order[:5]
        self.pop_cum = []
        acc = 0.0
        for w in self.pop_w:
            acc += w
            self.pop_cum.append(acc)

    def _pick_sku(self) -> int:
        return bisect(self.pop_cum, self.rng.random() * self.pop_cum[-1])

    def _schedule_streams(self) -> None:
        rng = self.rng
        self.streams: list[_Stream] = []
        day0 = self.start.replace(hour=0, minute=0, second=0)
        for d in range(31):
            day = day0 + timedelta(days=d)
            weekend = day.weekday() >= 5
            slots = []
            if rng.random() < (0.95 if weekend else 0.82):
                slots.append((rng.choice((19, 19, 20, 20, 20, 21)), 1.0))
            if weekend and rng.random() < 0.3:
                slots.append((14, 0.5))
            for hour, size in slots:
                st = day.replace(hour=hour, minute=rng.choice((0, 0, 10, 30, 30, 40)))
                minutes = rng.randint(60, 120)
                en = st + timedelta(minutes=minutes)
                if st >= self.end or st < self.start:
                    continue
                weight = size * (1.35 if weekend else 1.0) * rng.lognormvariate(0, 0.35) * minutes / 90
                pool = list(self.hot)
                featured = rng.sample(pool, rng.randint(3, 5))
                others = [i for i in range(len(self.skus)) if i not in featured]
                featured += rng.sample(others, rng.randint(2, 4))
                rng.shuffle(featured)
                segments = []
                t = st + timedelta(minutes=rng.randint(3, 8))  # warm-up, greetings
                k = 0
                while t < en - timedelta(minutes=4):
                    seg_min = rng.uniform(6, 14)
                    sku = featured[k % len(featured)]
                    k += 1
                    appeal = (1.8 if sku in self.hot else 1.0) * rng.lognormvariate(0, 0.3)
                    segments.append((t, seg_min, sku, seg_min * appeal))
                    t += timedelta(minutes=seg_min + rng.uniform(0.5, 2))
                cum, acc = [], 0.0
                for seg in segments:
                    acc += seg[3]
                    cum.append(acc)
                self.streams.append(_Stream(st, en, weight, featured, segments, cum))
        self.stream_cum = []
        acc = 0.0
        for s in self.streams:
            acc += s.weight
            self.stream_cum.append(acc)

    def _background_hours(self) -> None:
        rng = self.rng
        hour_w = (0.35, 0.18, 0.1, 0.06, 0.05, 0.06, 0.15, 0.35, 0.55, 0.7, 0.85, 0.9,
                  1.0, 0.95, 0.85, 0.85, 0.85, 0.85, 0.9, 1.1, 1.3, 1.4, 1.25, 0.8)  # fmt: skip
        week_w = (0.9, 0.9, 0.95, 0.95, 1.05, 1.25, 1.2)
        self.bg_hours: list[datetime] = []
        self.bg_cum: list[float] = []
        acc = 0.0
        t = self.start.replace(minute=0, second=0)
        day_noise: dict[int, float] = {}
        while t < self.end:
            d = (t - self.start).days
            if d not in day_noise:
                day_noise[d] = rng.lognormvariate(0, 0.12) * (1 + 0.005 * d)
            lo = max(t, self.start)
            hi = min(t + timedelta(hours=1), self.end)
            frac = (hi - lo).total_seconds() / 3600
            if frac > 0:
                acc += hour_w[t.hour] * week_w[t.weekday()] * day_noise[d] * frac
                self.bg_hours.append(lo)
                self.bg_cum.append(acc)
            t += timedelta(hours=1)
        self.bg_span = {h: (min(h.replace(minute=0) + timedelta(hours=1), self.end) - h) for h in self.bg_hours}

    def _bg_time(self) -> datetime:
        rng = self.rng
        h = self.bg_hours[bisect(self.bg_cum, rng.random() * self.bg_cum[-1])]
        return h + timedelta(seconds=int(rng.random() * self.bg_span[h].total_seconds()))

    def _stream_time(self, stream: _Stream | None = None) -> tuple[datetime, int, _Stream]:
        """A time inside a live stream and the product ordered then."""
        rng = self.rng
        if stream is None:
            stream = self.streams[bisect(self.stream_cum, rng.random() * self.stream_cum[-1])]
        if rng.random() < 0.1 or not stream.segments:  # after the stream, from the cart
            t = stream.end + timedelta(minutes=rng.expovariate(1 / 25))
            return t, rng.choice(stream.skus), stream
        seg = stream.segments[bisect(stream.seg_cum, rng.random() * stream.seg_cum[-1])]
        st, minutes, sku, _ = seg
        off = rng.expovariate(3 / minutes)
        if off > minutes:
            off = rng.uniform(0, minutes)
        if rng.random() > 0.78:
            sku = rng.choice(stream.skus)
        return st + timedelta(minutes=off), sku, stream

    def _phone(self) -> str:
        rng = self.rng
        while True:
            p = f"{rng.choice(_PHONE_PREFIXES)}{rng.randrange(10**8):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def _surname(self) -> str:
        rng = self.rng
        if rng.random() < 0.004:
            return rng.choice(("欧阳", "司马", "上官", "诸葛"))
        return _SURNAMES[bisect(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1])]

    def _given(self, female: bool = True) -> str:
        rng = self.rng
        chars = _GIVEN_F if female else _GIVEN_M
        if rng.random() < 0.4:
            return rng.choice(chars)
        return rng.choice(chars) + rng.choice(chars)

    def _name(self, surname: str | None = None) -> str:
        rng = self.rng
        female = rng.random() < 0.9
        s = surname or self._surname()
        r = rng.random()
        if r < 0.02:
            return s + ("女士" if female else "先生")
        if r < 0.03:
            return s + "小姐"
        return s + self._given(female)

    def _place(self) -> tuple[str, str, str, str, list[str]]:
        rng = self.rng
        prov = _PROVINCES[bisect(_PROVINCE_CUM, rng.random() * _PROVINCE_CUM[-1])]
        city, districts, roads = rng.choice(_GEO[prov][1])
        district = rng.choice(list(districts))
        return prov, city, district, rng.choice(districts[district]), roads

    def _addr(self, place: tuple[str, str, str, str, list[str]] | None = None) -> _Addr:
        rng = self.rng
        prov, city, district, street, roads = place or self._place()
        road = rng.choice(roads)
        no = rng.randint(1, 1500)
        r = rng.random()
        if r < 0.55:
            estate = rng.choice(_ESTATE_A) + rng.choice(_ESTATE_B)
            bld, unit, room = rng.randint(1, 32), rng.randint(1, 4), _fmt_room(rng.randint(1, 28), rng.randint(1, 4))
            style = rng.random()
            if style < 0.4:
                detail = f"{road}{no}号{estate}{bld}幢{unit}单元{room}室"
            elif style < 0.7:
                detail = f"{estate}{bld}栋{room}"
            else:
                detail = f"{road}{no}号{estate}{bld}号楼{unit}单元{room}"
        elif r < 0.8:
            tower = rng.choice(_TOWERS)
            detail = f"{road}{no}号{tower}{rng.choice('ABCD')}座{rng.randint(2, 30)}{rng.randint(1, 20):02d}"
        elif r < 0.9:
            dorm = f"{rng.randint(1, 18)}号宿舍楼{rng.randint(1, 6)}{rng.randint(1, 40):02d}"
            detail = f"{road}{no}号{city[:2]}{rng.choice(_UNIS)}{dorm}"
        else:
            detail = f"{rng.choice('东南西北')}{rng.choice('湖山塘桥')}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
        if rng.random() < 0.04:
            detail += rng.choice(("(放菜鸟驿站)", " 快递柜", "（门卫室）"))
        return _Addr(prov, city, district, street, detail)

    def _person(self, ret: float | None = None, **kw) -> _Person:
        rng = self.rng
        addrs = [self._addr()]
        if rng.random() < 0.1:
            addrs.append(self._addr())
        if ret is None:
            ret = rng.betavariate(2.2, 7.8)
        size = rng.choices(range(4), _SIZE_W)[0]
        return _Person(self._name(), self._phone(), addrs, ret, size, **kw)

    # ---- outcomes

    def _ship_at(self, t: datetime, hours: tuple[float, float]) -> datetime:
        s = t + timedelta(hours=self.rng.uniform(*hours))
        if s.hour < 9:
            s = s.replace(hour=9, minute=self.rng.randint(0, 59))
        elif s.hour >= 22:
            s = (s + timedelta(days=1)).replace(hour=9, minute=self.rng.randint(0, 59))
        return s

    def _timeline(
        self,
        t: datetime,
        *,
        p_unpaid: float,
        p_cancel: float,
        p_reject: float,
        p_return: float,
        ship_h: tuple[float, float] = (6, 40),
        transit_d: tuple[float, float] = (1.5, 4.5),
        ret_d: tuple[float, float] = (0.3, 6.0),
        cancel_m: tuple[float, float] = (2, 240),
    ) -> tuple[str, datetime | None, datetime | None, datetime | None]:
        rng, end = self.rng, self.end
        t = t.replace(microsecond=0)
        if rng.random() < p_unpaid:
            return ("unpaid" if t + timedelta(minutes=30) > end else "unpaid_closed"), None, None, None
        delay = rng.uniform(5, 90) if rng.random() < 0.85 else rng.uniform(120, 900)
        paid = t + timedelta(seconds=int(delay))
        if paid > end:
            return "unpaid", None, None, None
        if rng.random() < p_cancel:
            if paid + timedelta(minutes=rng.uniform(*cancel_m)) > end:
                return "paid", paid, None, None
            return "cancelled", paid, None, None
        shipped = self._ship_at(paid, ship_h).replace(microsecond=0)
        if shipped > end:
            return "paid", paid, None, None
        if rng.random() < p_reject:  # refused at the door or refunded in transit
            asked = shipped + timedelta(days=rng.uniform(0.5, 2.5))
            if asked > end:
                return "shipped", paid, shipped, None
            settled = asked + timedelta(days=rng.uniform(0.5, 3))
            return ("refunding" if settled > end else "refunded"), paid, shipped, None
        received = (shipped + timedelta(days=rng.uniform(*transit_d))).replace(microsecond=0)
        if received > end:
            return "shipped", paid, shipped, None
        if rng.random() < p_return:
            asked = received + timedelta(days=rng.uniform(*ret_d))
            if asked > end:
                return "completed", paid, shipped, received
            settled = asked + timedelta(days=rng.uniform(1.5, 5))
            return ("refunding" if settled > end else "refunded"), paid, shipped, received
        return "completed", paid, shipped, received

    def _honest_outcome(
        self, t: datetime, person: _Person, sku: int, stream: bool, extra_ret: float = 0.0, p_cancel: float = 0.07
    ):
        return self._timeline(
            t,
            p_unpaid=0.07 if stream else 0.05,
            p_cancel=p_cancel,
            p_reject=0.02,
            p_return=min(0.9, person.ret * self.skus[sku].ret + extra_ret),
            ship_h=(20, 96) if stream else (6, 40),
        )

    # ---- rows

    def _spec(self, sku: int, size: int | None = None, colour: str | None = None) -> str:
        rng = self.rng
        if size is None:
            size = rng.choices(range(4), _SIZE_W)[0]
        return f"{colour or rng.choice(self.skus[sku].colours)},{_SIZES[size]}"

    def _person_size(self, person: _Person) -> int:
        r = self.rng.random()
        if r < 0.75:
            return person.size
        return max(0, min(3, person.size + (1 if r < 0.88 else -1)))

    def _add(
        self,
        person: _Person,
        t: datetime,
        sku: int,
        outcome: tuple[str, datetime | None, datetime | None, datetime | None],
        *,
        qty: int = 1,
        spec: str | None = None,
        coupon: int = 0,
        addr: _Addr | None = None,
        detail: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        note: str = "",
        label: str | None = None,
        lookalike: str | None = None,
    ) -> ExportOrder:
        s = self.skus[sku]
        a = addr or person.addrs[0]
        amount = max(Decimal("1.00"), s.price * qty - coupon).quantize(Decimal("0.01"))
        row = ExportOrder(
            order_no="",
            sku_id=s.sku_id,
            sku_name=s.name,
            spec=spec or self._spec(sku, self._person_size(person)),
            quantity=qty,
            amount=amount,
            outcome=outcome[0],
            ordered_at=t.replace(microsecond=0),
            paid_at=outcome[1],
            shipped_at=outcome[2],
            received_at=outcome[3],
            receiver=name or person.name,
            phone=phone or person.phone,
            province=a.province,
            city=a.city,
            district=a.district,
            street=a.street,
            detail=detail if detail is not None else a.detail,
            label=label if label is not None else person.label,
            lookalike=lookalike if lookalike is not None else person.lookalike,
            buyer_note=note,
        )
        person.orders.append(row)
        self.rows.append((row, person))
        return row

    def _qty(self) -> int:
        r = self.rng.random()
        return 1 if r < 0.87 else 2 if r < 0.98 else 3

    def _coupon(self, sku: int, stream: bool) -> int:
        rng = self.rng
        price = self.skus[sku].price
        if stream:
            if price >= 199:
                return rng.choice((0, 10, 20, 30, 30))
            if price >= 99:
                return rng.choice((0, 5, 10, 10))
            return rng.choice((0, 0, 3, 5))
        return 3 if rng.random() < 0.25 else 0

    def _note(self) -> str:
        return self.rng.choice(_NOTES) if self.rng.random() < 0.04 else ""

    def _honest_order(self, person: _Person, t: datetime, sku: int, stream: bool) -> None:
        """One honest order, sometimes with a second size, sometimes cancelled and redone."""
        rng = self.rng
        if t >= self.end:
            return
        addr = person.addrs[0] if len(person.addrs) == 1 or rng.random() < 0.7 else person.addrs[1]
        size = self._person_size(person)
        colour = rng.choice(self.skus[sku].colours)
        two_sizes = rng.random() < 0.04
        out = self._honest_outcome(t, person, sku, stream, extra_ret=0.25 if two_sizes else 0.0)
        self._add(
            person, t, sku, out, qty=self._qty(), spec=self._spec(sku, size, colour),
            coupon=self._coupon(sku, stream), addr=addr, note=self._note(),
        )  # fmt: skip
        if two_sizes:  # bracketing: the other size usually goes back
            t2 = t + timedelta(seconds=rng.randint(20, 150))
            other = size + 1 if size < 3 and (size == 0 or rng.random() < 0.5) else size - 1
            if t2 < self.end:
                out2 = self._honest_outcome(t2, person, sku, stream, extra_ret=0.45)
                self._add(person, t2, sku, out2, spec=self._spec(sku, other, colour), addr=addr)
        elif out[0] == "cancelled" and rng.random() < 0.5:  # changed size right after ordering
            t2 = out[1] + timedelta(minutes=rng.uniform(1, 12))
            other = size + 1 if size < 3 and (size == 0 or rng.random() < 0.6) else size - 1
            if t2 < self.end:
                out2 = self._honest_outcome(t2, person, sku, stream, p_cancel=0.0)
                self._add(person, t2, sku, out2, spec=self._spec(sku, other, colour), addr=addr)

    def _any_time(self) -> tuple[datetime, int, bool]:
        if self.rng.random() < 0.45 and self.streams:
            t, sku, _ = self._stream_time()
            return t, sku, True
        return self._bg_time(), self._pick_sku(), False

    # ---- honest shapes

    def honest_regular(self, n: int) -> None:
        rng = self.rng
        buyers: list[_Person] = []
        goal = len(self.rows) + n
        while len(self.rows) < goal:
            stream = rng.random() < 0.45 and bool(self.streams)
            if stream:
                t, sku, _s = self._stream_time()
            else:
                t, sku = self._bg_time(), self._pick_sku()
            person = None
            if buyers and rng.random() < (0.36 if stream else 0.28):
                person = rng.choice(buyers)
                if len(person.orders) >= person.cap:
                    person = None
            if person is None:
                person = self._person(cap=min(14, 1 + int(rng.expovariate(1 / 2.5))))
            buyers.append(person)
            self._honest_order(person, t, sku, stream)

    def flash_sales(self) -> int:
        rng = self.rng
        candidates = [s for s in self.streams if s.end < self.end - timedelta(days=4) and s.segments]
        if not candidates:
            return 0
        picks = rng.sample(candidates, min(2, len(candidates)))
        self.flash_streams = picks
        sizes = [rng.randint(950, 1350), rng.randint(300, 520)]
        total = 0
        for stream, size in zip(picks, sizes, strict=False):
            size = max(30, int(size * self.scale))
            sku = rng.choice([i for i in range(len(self.skus)) if self.skus[i].price <= 99])
            t0 = stream.start + timedelta(minutes=rng.uniform(20, 50))
            dur = rng.uniform(2.5, 5) * 60
            colour = rng.choice(self.skus[sku].colours)
            for _ in range(size):
                off = rng.expovariate(1 / 55)
                if off > dur:
                    off = rng.uniform(0, dur)
                t = t0 + timedelta(seconds=off)
                person = self._person(lookalike="flash_sale")
                out = self._timeline(
                    t, p_unpaid=0.05, p_cancel=0.05, p_reject=0.02,
                    p_return=person.ret * self.skus[sku].ret * 0.9, ship_h=(24, 72),
                )  # fmt: skip
                spec = self._spec(sku, self._person_size(person), colour if rng.random() < 0.6 else None)
                self._add(person, t, sku, out, spec=spec, coupon=int(self.skus[sku].price) - 39)
                total += 1
        return total

    def wholesale(self) -> None:
        rng = self.rng
        for _ in range(max(1, round(4 * self.scale))):
            person = self._person(ret=0.04, lookalike="wholesale")
            prov, city, district, street, roads = self._place()
            market = rng.choice(("服装城", "商业街", "商业广场", "女装批发市场", "购物中心"))
            stall = f"{rng.randint(1, 3)}楼{rng.choice('ABC')}区{rng.randint(101, 399)}铺"
            person.addrs = [
                _Addr(prov, city, district, street, f"{rng.choice(roads)}{rng.randint(1, 800)}号{market}{stall}")
            ]
            likes = rng.sample(range(len(self.skus)), 8)
            for _ in range(rng.randint(5, 9)):
                t = self._bg_time()
                while not 9 <= t.hour < 23:
                    t = self._bg_time()
                for k in range(rng.choice((1, 1, 2, 3))):  # several sizes at once
                    tk = t + timedelta(seconds=40 * k + rng.randint(0, 30))
                    if tk >= self.end:
                        break
                    sku = rng.choice(likes)
                    out = self._timeline(tk, p_unpaid=0.02, p_cancel=0.02, p_reject=0.0, p_return=0.04, ship_h=(12, 48))
                    qty = rng.randint(10, 30)
                    self._add(person, tk, sku, out, qty=qty, spec=self._spec(sku), coupon=rng.choice((0, 10, 20)))

    def families(self) -> None:
        rng = self.rng
        for _ in range(max(2, round(42 * self.scale))):
            addr = self._addr()
            fam_surname = self._surname()
            members = []
            mother = _Person(self._surname() + rng.choice(_MOTHER_NAMES), self._phone(), [addr],
                             rng.betavariate(2, 9), rng.choices(range(4), (5, 25, 40, 30))[0], "family")  # fmt: skip
            members.append(mother)
            daughter = _Person(fam_surname + self._given(), self._phone(), [addr], rng.betavariate(2.2, 7),
                               rng.choices(range(4), (30, 40, 22, 8))[0], "family")  # fmt: skip
            members.append(daughter)
            if rng.random() < 0.4:
                third = _Person(fam_surname + self._given(rng.random() < 0.5), self._phone(), [addr],
                                rng.betavariate(2, 8), rng.randrange(4), "family")  # fmt: skip
                members.append(third)
            shared_phone = rng.random() < 0.3  # the daughter orders for everyone from her phone
            for m in members:
                if shared_phone:
                    m.phone = daughter.phone
                for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                    t, sku, stream = self._any_time()
                    self._honest_order(m, t, sku, stream)

    def returners(self) -> None:
        rng = self.rng
        for _ in range(max(2, round(36 * self.scale))):
            person = self._person(ret=rng.uniform(0.32, 0.5), lookalike="returner")
            for _ in range(rng.randint(4, 9)):
                t, sku, stream = self._any_time()
                # returners favour fit-sensitive pieces: trousers, dresses, coats
                if rng.random() < 0.5:
                    sku = rng.choice((8, 9, 10, 11, 12, 13, 14, 16, 17, 23))
                self._honest_order(person, t, sku, stream)

    # ---- attacks

    def burst(self) -> None:
        rng = self.rng
        episodes = 2 if self.scale < 1.3 else 3
        live = [s for s in self.streams if s.segments and s not in getattr(self, "flash_streams", [])]
        live = [s for s in live if self.start + timedelta(days=1) < s.start < self.end - timedelta(days=1)]
        for e in range(episodes):
            if e == 0 and live:
                stream = rng.choice(live)
                seg = rng.choice(stream.segments)
                sku, t0 = seg[2], seg[0] + timedelta(minutes=rng.uniform(0, 3))
            else:
                day = self.start + timedelta(days=rng.uniform(2, 27))
                t0 = day.replace(hour=rng.choice((10, 14, 15, 16, 23, 0, 1)), minute=rng.randint(0, 59))
                sku = rng.choice(self.hot[:3] + [self._pick_sku()])
            window = rng.uniform(9, 15) * 60
            for _ in range(max(10, int(rng.randint(102, 125) * self.scale))):
                person = self._person(label="burst")
                first = rng.uniform(0, window * 0.85)
                n = rng.choice((1, 1, 2, 2, 2, 3, 3))
                for k in range(n):
                    off = min(window, first + k * rng.uniform(30, 200))
                    t = t0 + timedelta(seconds=off)
                    if t >= self.end:
                        continue
                    out = self._timeline(t, p_unpaid=0.68, p_cancel=0.8, p_reject=0.7, p_return=0.3, cancel_m=(1, 45))
                    self._add(person, t, sku, out, qty=rng.choice((1, 1, 1, 2)), spec=self._spec(sku))

    def inventory_lock(self) -> None:
        rng = self.rng
        targets = rng.sample(self.hot, 3)
        n = max(8, int(rng.randint(135, 160) * self.scale))
        made = 0
        while made < n:
            stream_time = rng.random() < 0.6 and self.streams
            if stream_time:
                stream = self.streams[bisect(self.stream_cum, rng.random() * self.stream_cum[-1])]
                segs = [s for s in stream.segments if s[2] in targets] or stream.segments
                if not segs:
                    continue
                seg = rng.choice(segs)
                t = seg[0] + timedelta(minutes=rng.uniform(0, seg[1]))
                sku = seg[2] if seg[2] in targets else rng.choice(targets)
            else:
                t = self._bg_time()
                sku = rng.choice(targets)
            if t >= self.end:
                continue
            person = self._person(label="inventory_lock")
            for _ in range(2 if rng.random() < 0.08 else 1):
                qty = rng.choices((3, 4, 5, 6, 8, 10), (15, 20, 25, 20, 12, 8))[0]
                out = self._timeline(t, p_unpaid=1.0, p_cancel=0, p_reject=0, p_return=0)
                self._add(person, t, sku, out, qty=qty, spec=self._spec(sku, rng.choice((1, 1, 2, 0))))
                made += 1
                t += timedelta(minutes=rng.uniform(2, 20))
                if t >= self.end:
                    break

    def serial_refund(self) -> None:
        rng = self.rng
        for _ in range(max(3, round(rng.randint(20, 24) * self.scale))):
            person = self._person(ret=0.95, label="serial_refund")
            n = rng.randint(4, 8)
            gap = 27 / n
            t = self.start + timedelta(days=rng.uniform(0, gap * 0.6))
            for _ in range(n):
                t = t.replace(hour=rng.choice((9, 11, 12, 13, 15, 19, 20, 21, 22)), minute=rng.randint(0, 59))
                if t < self.start:
                    t += timedelta(days=1)
                if t >= self.end:
                    break
                sku = rng.choices(range(len(self.skus)), [float(s.price) for s in self.skus])[0]
                out = self._timeline(t, p_unpaid=0.02, p_cancel=0.03, p_reject=0.05, p_return=0.96, ret_d=(0.5, 3))
                self._add(person, t, sku, out, coupon=self._coupon(sku, False), note=self._note())
                t += timedelta(days=gap * rng.uniform(0.7, 1.2))

    def _address_variants(self, prov, city, district, street, roads) -> list[str]:
        rng = self.rng
        road, no = rng.choice(roads), rng.randint(10, 999)
        estate = rng.choice(_ESTATE_A) + rng.choice(("花园", "小区", "家园", "公寓"))
        bld, unit, floor, rno = rng.randint(2, 19), rng.randint(1, 3), rng.randint(3, 25), rng.randint(1, 4)
        room = _fmt_room(floor, rno)
        cn_bld = _CN_DIGIT[bld] if bld < 10 else "十" + (_CN_DIGIT[bld - 10] if bld > 10 else "")
        base = f"{road}{no}号{estate}{bld}幢{unit}单元{room}室"
        return [
            base,
            base.translate(_FULLWIDTH),
            f"{road}{no}号 {estate} {bld}栋 {room}",
            f"{road}{no}号{estate}{bld}-{unit}-{room}",
            f"{estate}{cn_bld}幢{room}室",
            f"{road} {no}号{estate}{bld}号楼{unit}单元{floor}楼{rno:02d}",
            f"{road}{no}号{estate}{bld}幢{room}".translate(_FULLWIDTH),
            f"{road}{no}号{estate}{bld}栋{unit}单元{room}室 ",
        ]

    def ring(self) -> None:
        rng = self.rng
        for _ in range(max(1, round(3 * self.scale))):
            prov, city, district, street, roads = self._place()
            variants = self._address_variants(prov, city, district, street, roads)
            phones = [self._phone() for _ in range(rng.randint(2, 3))]
            names = [self._name() for _ in range(rng.randint(10, 14))]
            owner = {nm: rng.choice(phones) for nm in names}
            addr = _Addr(prov, city, district, street, variants[0])
            person = _Person(names[0], phones[0], [addr], 0.8, 1, label="ring")
            first = self.start + timedelta(days=rng.uniform(0, 14))
            span = rng.uniform(9, 16)
            for _ in range(rng.randint(42, 52)):
                t = first + timedelta(days=rng.uniform(0, span))
                t = t.replace(hour=rng.choice((9, 10, 11, 13, 14, 16, 19, 20, 21, 22)), minute=rng.randint(0, 59))
                if t >= self.end:
                    continue
                nm = rng.choice(names)
                ph = owner[nm] if rng.random() < 0.85 else rng.choice(phones)
                sku = self._pick_sku()
                out = self._timeline(t, p_unpaid=0.38, p_cancel=0.44, p_reject=0.35, p_return=0.75)
                self._add(
                    person, t, sku, out, qty=rng.choice((1, 1, 1, 2)), spec=self._spec(sku),
                    addr=addr, detail=rng.choice(variants), name=nm, phone=ph,
                )  # fmt: skip

    def wardrobing(self) -> None:
        rng = self.rng
        # events: Saturdays and fixed holidays that leave time to receive, wear and return
        events = []
        day = self.start.replace(hour=18, minute=0, second=0) + timedelta(days=5)
        while day < self.end - timedelta(days=9):
            if day.weekday() == 5 or (day.month, day.day) in {(1, 1), (2, 14), (3, 8), (5, 1), (10, 1), (12, 24)}:
                events.append(day)
            day += timedelta(days=1)
        if not events:
            events = [self.end - timedelta(days=12)]
        goal, made = max(10, int(rng.randint(110, 135) * self.scale)), 0
        while made < goal:
            place = self._place()
            addrs = [self._addr(place), self._addr(place)]
            phones = [self._phone(), self._phone()]
            accounts = [
                _Person(
                    self._name(),
                    rng.choice(phones),
                    [rng.choice(addrs)],
                    1.0,
                    rng.choice((0, 1, 2)),
                    label="wardrobing",
                )
                for _ in range(rng.randint(4, 5))
            ]
            for event in rng.sample(events, min(len(events), rng.randint(2, 3))):
                for acc in rng.sample(accounts, rng.randint(3, len(accounts))):
                    t = event - timedelta(days=rng.uniform(3, 5))
                    t = t.replace(hour=rng.choice((12, 13, 20, 21, 22, 23)), minute=rng.randint(0, 59))
                    for _ in range(rng.randint(2, 3)):
                        sku = rng.choice(_EVENT_WEAR)
                        colour = rng.choice(self.skus[sku].colours)
                        sizes = [acc.size] + ([min(3, acc.size + 1)] if rng.random() < 0.6 else [])
                        for sz in sizes:
                            t += timedelta(seconds=rng.randint(30, 400))
                            out = self._timeline(
                                t, p_unpaid=0.0, p_cancel=0.0, p_reject=0.0, p_return=1.0,
                                ship_h=(2, 10), transit_d=(1, 2), ret_d=(2.5, 5.5),
                            )  # fmt: skip
                            self._add(acc, t, sku, out, spec=self._spec(sku, sz, colour))
                            made += 1

    # ---- finishing

    def cap_honest_returns(self) -> None:
        """Honest buyers with several orders keep at least half of them (they keep what fits).

        A frequent returner does send back about a third or more of what she buys, though.
        """
        by_person: dict[int, list[ExportOrder]] = defaultdict(list)
        persons = {}
        for row, person in self.rows:
            if row.label is None:
                by_person[id(person)].append(row)
                persons[id(person)] = person
        for key, rows in by_person.items():
            if len(rows) < 2:
                continue
            if persons[key].lookalike == "returner":
                kept = [r for r in rows if r.outcome == "completed" and r.received_at < self.end - timedelta(days=9)]
                missing = round(0.34 * len(rows)) - sum(r.outcome in ("refunded", "refunding") for r in rows)
                for r in self.rng.sample(kept, max(0, min(missing, len(kept)))):
                    r.outcome = "refunded"
            back = [r for r in rows if r.outcome in ("refunded", "refunding")]
            allowed = max(1, len(rows) // 2)
            self.rng.shuffle(back)
            for r in back[: max(0, len(back) - allowed)]:
                if r.received_at is None:  # it was delivered after all
                    received = r.shipped_at + timedelta(days=self.rng.uniform(1.5, 4))
                    if received > self.end:
                        r.outcome = "shipped"
                        continue
                    r.received_at = received.replace(microsecond=0)
                r.outcome = "completed"

    def number(self) -> list[ExportOrder]:
        rng = self.rng
        rows = [r for r, _ in self.rows if self.start <= r.ordered_at < self.end]
        rows.sort(key=lambda r: r.ordered_at)
        seen: set[str] = set()
        for r in rows:
            while True:
                no = f"{r.ordered_at:%y%m%d}-{rng.randrange(10**14, 10**15)}"
                if no not in seen:
                    seen.add(no)
                    r.order_no = no
                    break
        return rows


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = _Shop(seed, end, orders)
    # the honest look-alikes that need streams come first, then attacks, then the rest
    shop.flash_sales()
    shop.burst()
    shop.inventory_lock()
    shop.serial_refund()
    shop.ring()
    shop.wardrobing()
    shop.wholesale()
    shop.families()
    shop.returners()
    shop.honest_regular(max(0, orders - len(shop.rows)))
    shop.cap_honest_returns()
    return shop.number()


def _summary(rows: list[ExportOrder], seconds: float) -> None:
    total = len(rows)
    attacks = [r for r in rows if r.label]
    print(
        f"family {FAMILY}: {total} orders, {len(attacks)} attacks ({100 * len(attacks) / total:.2f}%), {seconds:.2f}s"
    )

    def mix(group: list[ExportOrder]) -> str:
        c = Counter(r.outcome for r in group)
        return ", ".join(f"{k} {100 * v / len(group):.0f}%" for k, v in c.most_common())

    for title, key in (("label", lambda r: r.label), ("lookalike", lambda r: r.lookalike)):
        groups: dict[str, list[ExportOrder]] = defaultdict(list)
        for r in rows:
            k = key(r)
            if k:
                groups[k].append(r)
        print(f"\nby {title}:")
        for k, group in sorted(groups.items()):
            people = len({(r.receiver, r.phone) for r in group})
            print(f"  {k:15} {len(group):5} orders {people:5} receivers | {mix(group)}")
    honest = [r for r in rows if not r.label and not r.lookalike]
    print(f"\nplain honest    {len(honest):5} orders | {mix(honest)}")
    shipped = [
        r for r in rows if not r.label and r.received_at and r.ordered_at < rows[-1].ordered_at - timedelta(days=12)
    ]
    ret = sum(r.outcome in ("refunded", "refunding") for r in shipped)
    print(f"honest received (older than 12 days) returned: {100 * ret / max(1, len(shipped)):.1f}%")


if __name__ == "__main__":
    _t0 = time.perf_counter()
    _rows = generate(seed=1, end=datetime.now().replace(microsecond=0))
    _summary(_rows, time.perf_counter() - _t0)
