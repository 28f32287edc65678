"""Family "snacks": a small Pinduoduo snack shop (15 SKUs, 9.9–99 yuan).

Traffic model. The honest shop is a POPULATION of buyers, each with a name, a phone, an
address and a reorder rhythm: about a third buy once, the rest come back every 6–45 days
(first order at a random phase of their rhythm, then rhythm × jitter). Every order's time of
day comes from the shop's hour profile (lunch bump, strong 20:00–23:00 peak), pulled toward
the buyer's own habitual hour half of the time; weekdays are a little quieter than weekends.
Repeat buyers retype their address slightly now and then. Outcomes follow one life-cycle
(pay → ship in the afternoon batch or next day → receive 1–5 days later → maybe after-sale),
cut at ``end``, so recent orders are naturally still unpaid / paid / shipped / refunding.

Honest look-alikes (``lookalike``): ``flash_sale`` (one SKU at 秒杀价, hundreds to ~1,500 orders
from one-order buyers within minutes, on one or two evenings), ``wholesale`` (corner shops and
offices buying 10–40 units every few days), ``family`` (2–3 names at one address, often one
phone) and ``campus`` (many students collecting at one university 菜鸟驿站).

Attacks (``label``), ~5% of orders: ``burst`` (炸店: 100+ one-off accounts, 1–4 orders each on
one SKU within ~15 minutes, mostly never paid or cancelled), ``inventory_lock`` (同行恶拍:
4–12 units per order from one-order accounts over the whole month, never paid),
``serial_refund`` (15–30 people reordering every few days and refunding after receipt),
``ring`` (a dozen names behind 2–3 phones at one address written many ways) and the family's
own ``coupon_abuse`` (新人券薅羊毛: fresh accounts, often virtual-operator numbers, collecting
the 新人价 大礼包 at a few parcel lockers / 驿站 in waves, then claiming 仅退款).
"""

import random
import time as _time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "snacks"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --------------------------------------------------------------------------------------- catalogue
# (sku_id, name, ((spec, price in cents, spec weight), ...), popularity)
SKUS = (
    (
        "60211873415",
        "坚果礼盒",
        (("每日坚果 30包", 6990, 5), ("混合坚果 1kg礼盒", 8900, 2), ("每日坚果 15包", 3990, 4)),
        9,
    ),
    ("60211873422", "辣条", (("大辣片 20包", 990, 5), ("混合口味 40包", 1990, 4), ("麻辣整箱 60包", 2990, 2)), 14),
    ("60211873439", "牛肉干", (("五香 250g", 3990, 4), ("麻辣 250g", 3990, 4), ("风干手撕 500g", 7900, 2)), 8),
    ("60211873446", "螺蛳粉", (("原味 3袋", 1990, 4), ("加辣加臭 5袋", 2990, 4), ("整箱 10袋", 5500, 2)), 13),
    (
        "60211873453",
        "零食大礼包",
        (("混合装 30包", 2990, 5), ("豪华装 60包", 5990, 3), ("送女友礼盒 88包", 9900, 1)),
        10,
    ),
    ("60211873460", "麻辣鸭脖", (("鸭脖 200g", 1590, 5), ("鸭脖鸭锁骨组合 500g", 3290, 3)), 7),
    ("60211873477", "芒果干", (("250g×2袋", 1990, 5), ("500g×2袋", 3590, 2)), 6),
    ("60211873484", "猪肉脯", (("原味 200g", 2290, 4), ("蜜汁 400g", 3990, 2)), 5),
    ("60211873491", "自热小火锅", (("麻辣牛肉 2盒", 2590, 4), ("素菜 4盒", 3990, 2)), 6),
    ("60211873507", "海苔脆", (("原味 10包", 1290, 4), ("夹心 20包", 2490, 3)), 5),
    ("60211873514", "卤鸡爪", (("柠檬无骨 250g", 2690, 4), ("香辣 500g", 3590, 3)), 6),
    ("60211873521", "薯片", (("组合装 12包", 1690, 4), ("大包 6袋", 1990, 3)), 7),
    ("60211873538", "山楂条", (("无添加 500g", 1390, 1),), 3),
    ("60211873545", "酸辣粉", (("6桶装", 2490, 4), ("12桶整箱", 4590, 2)), 6),
    ("60211873552", "魔芋爽", (("香辣 30包", 1190, 4), ("酸辣香辣混合 60包", 2190, 3)), 7),
)
SKU_CUM = []
for _i, _s in enumerate(SKUS):
    SKU_CUM.append((SKU_CUM[-1] if _i else 0) + _s[3])
SPEC_CUM = []
for _s in SKUS:
    _c = []
    for _j, _sp in enumerate(_s[2]):
        _c.append((_c[-1] if _j else 0) + _sp[2])
    SPEC_CUM.append(_c)
SKU_IDX = {s[1]: i for i, s in enumerate(SKUS)}
NEWBIE_SKU = SKU_IDX["零食大礼包"]  # 新人专享: 豪华装 60包 at 9.90 with the 50-yuan 新人券
NEWBIE_SPEC = 1
NEWBIE_CENTS = 990

# hour-of-day profile: quiet night, lunch bump, strong 20:00–23:00 evening peak
HOURS = tuple(
    float(w)
    for w in _words("3.0 1.6 0.8 0.5 0.4 0.5 1.0 1.8 2.4 2.8 3.2 4.0 5.5 5.0 3.4 3.2 3.3 3.6 4.0 5.0 7.5 8.5 8.0 5.5")
)
HOUR_CUM = [sum(HOURS[: h + 1]) for h in range(24)]
QTY = (1, 2, 3, 4, 5, 6, 8)
QTY_CUM = (58, 83, 95, 97.5, 98.7, 99.6, 100)

# ---------------------------------------------------------------------------------------- people
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_CUM = []
for _i in range(len(SURNAMES)):
    _w = 9.0 if _i < 5 else 4.0 if _i < 20 else 1.5 if _i < 50 else 0.7
    SURNAME_CUM.append((SURNAME_CUM[-1] if _i else 0) + _w)
COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方")
MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳晨博文轩睿泽昊子一建国志海峰亮成东天乐锦航"
FEMALE = "芳娜敏静丽艳娟霞秀玲婷雪慧颖琳倩晶洁燕蕾萍红梅兰欣怡悦佳雨思涵梦诗紫嘉可心晓月瑶琪馨彤妍萱璐"
PHONE_PREFIX = _words(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 173 175 176 177 178 "
    "180 181 182 183 184 185 186 187 188 189 191 193 195 198 199"
)
VIRTUAL_PREFIX = ("162", "165", "167", "170", "171")

# (province, city, district, streets, weight)
REGIONS = (
    ("广东省", "深圳市", "南山区", ("粤海街道", "南头街道", "西丽街道", "蛇口街道", "桃源街道"), 6),
    ("广东省", "深圳市", "福田区", ("福田街道", "沙头街道", "华富街道", "梅林街道", "香蜜湖街道"), 5),
    ("广东省", "深圳市", "宝安区", ("新安街道", "西乡街道", "福永街道", "沙井街道"), 5),
    ("广东省", "深圳市", "龙华区", ("民治街道", "龙华街道", "大浪街道", "观澜街道"), 4),
    ("广东省", "深圳市", "龙岗区", ("坂田街道", "布吉街道", "横岗街道", "龙城街道"), 5),
    ("广东省", "广州市", "天河区", ("石牌街道", "林和街道", "天河南街道", "员村街道", "棠下街道"), 6),
    ("广东省", "广州市", "海珠区", ("赤岗街道", "南华西街道", "江海街道", "琶洲街道"), 4),
    ("广东省", "广州市", "白云区", ("三元里街道", "京溪街道", "同和街道"), 4),
    ("广东省", "佛山市", "南海区", ("桂城街道", "大沥镇", "里水镇"), 3),
    ("广东省", "佛山市", "顺德区", ("大良街道", "容桂街道", "北滘镇"), 3),
    ("浙江省", "杭州市", "西湖区", ("文新街道", "翠苑街道", "古荡街道", "西溪街道"), 4),
    ("浙江省", "杭州市", "余杭区", ("五常街道", "仓前街道", "闲林街道"), 3),
    ("浙江省", "杭州市", "拱墅区", ("米市巷街道", "湖墅街道", "祥符街道"), 3),
    ("浙江省", "宁波市", "鄞州区", ("首南街道", "中河街道", "钟公庙街道"), 3),
    ("浙江省", "温州市", "鹿城区", ("五马街道", "南汇街道", "松台街道"), 2),
    ("江苏省", "南京市", "鼓楼区", ("湖南路街道", "华侨路街道", "宁海路街道"), 3),
    ("江苏省", "南京市", "江宁区", ("东山街道", "秣陵街道", "淳化街道"), 3),
    ("江苏省", "苏州市", "姑苏区", ("平江街道", "双塔街道", "金阊街道"), 3),
    ("江苏省", "苏州市", "吴中区", ("长桥街道", "郭巷街道", "越溪街道"), 2),
    ("江苏省", "无锡市", "梁溪区", ("崇安寺街道", "广益街道", "清名桥街道"), 2),
    ("上海市", "上海市", "浦东新区", ("张江镇", "花木街道", "陆家嘴街道", "川沙新镇"), 5),
    ("上海市", "上海市", "徐汇区", ("徐家汇街道", "田林街道", "漕河泾街道"), 3),
    ("上海市", "上海市", "闵行区", ("莘庄镇", "七宝镇", "古美路街道"), 3),
    ("北京市", "北京市", "朝阳区", ("望京街道", "三里屯街道", "酒仙桥街道", "双井街道"), 4),
    ("北京市", "北京市", "海淀区", ("中关村街道", "学院路街道", "清河街道"), 3),
    ("北京市", "北京市", "丰台区", ("右安门街道", "太平桥街道"), 2),
    ("四川省", "成都市", "武侯区", ("玉林街道", "红牌楼街道", "浆洗街街道", "火车南站街道"), 4),
    ("四川省", "成都市", "锦江区", ("春熙路街道", "书院街街道", "牛市口街道"), 3),
    ("四川省", "成都市", "成华区", ("猛追湾街道", "跳蹬河街道", "建设路街道"), 3),
    ("湖北省", "武汉市", "洪山区", ("珞南街道", "关山街道", "狮子山街道"), 3),
    ("湖北省", "武汉市", "武昌区", ("中南路街道", "水果湖街道", "徐家棚街道"), 3),
    ("湖南省", "长沙市", "岳麓区", ("望月湖街道", "桔子洲街道", "观沙岭街道"), 3),
    ("湖南省", "长沙市", "雨花区", ("侯家塘街道", "东塘街道", "砂子塘街道"), 2),
    ("山东省", "济南市", "历下区", ("泉城路街道", "解放路街道", "千佛山街道"), 2),
    ("山东省", "青岛市", "市南区", ("八大关街道", "香港中路街道", "江苏路街道"), 2),
    ("山东省", "青岛市", "崂山区", ("中韩街道", "沙子口街道"), 2),
    ("河南省", "郑州市", "金水区", ("经八路街道", "花园路街道", "文化路街道"), 3),
    ("河南省", "郑州市", "二七区", ("建中街街道", "淮河路街道"), 2),
    ("福建省", "厦门市", "思明区", ("鹭江街道", "中华街道", "嘉莲街道", "莲前街道"), 3),
    ("福建省", "福州市", "鼓楼区", ("东街街道", "南街街道", "温泉街道"), 2),
    ("陕西省", "西安市", "雁塔区", ("小寨路街道", "大雁塔街道", "电子城街道"), 3),
    ("陕西省", "西安市", "碑林区", ("南院门街道", "张家村街道", "文艺路街道"), 2),
    ("重庆市", "重庆市", "渝中区", ("解放碑街道", "七星岗街道", "大坪街道"), 3),
    ("重庆市", "重庆市", "江北区", ("观音桥街道", "五里店街道"), 2),
    ("重庆市", "重庆市", "沙坪坝区", ("小龙坎街道", "沙坪坝街道"), 2),
    ("广西壮族自治区", "南宁市", "青秀区", ("新竹街道", "南湖街道"), 2),
    ("安徽省", "合肥市", "蜀山区", ("三里庵街道", "稻香村街道", "琥珀街道"), 2),
    ("天津市", "天津市", "和平区", ("小白楼街道", "南市街道", "劝业场街道"), 2),
    ("辽宁省", "沈阳市", "和平区", ("太原街街道", "南湖街道", "北市场街道"), 2),
    ("江西省", "南昌市", "东湖区", ("公园街道", "八一桥街道", "百花洲街道"), 2),
    ("云南省", "昆明市", "五华区", ("华山街道", "护国街道", "大观街道"), 2),
    ("河北省", "石家庄市", "长安区", ("建北街道", "青园街道"), 2),
)
REGION_CUM = []
for _i, _r in enumerate(REGIONS):
    REGION_CUM.append((REGION_CUM[-1] if _i else 0) + _r[4])
ROADS = _words(
    "人民路 解放路 中山路 建设路 和平路 新华路 文化路 学府路 光明路 长江路 黄河路 青年路 工业大道 科技路 创业路 迎宾路 "
    "滨江路 幸福路 东风路 花园路 金桥路 龙江路 东湖路 体育路 友谊路 胜利路 民主路 朝阳路 科技南十二路 高新南一道 "
    "学苑大道 桃园路 南海大道 新园路 振兴路 红旗路 育才路 丽水路 翠竹路 凤凰大街 锦绣大道 梅林路 桂花路 "
    "东环二路 西湖大道 北环路 海滨大道"
)
ESTATES = _words(
    "阳光花园 翠湖苑 锦绣家园 金色家园 万科城 碧桂园 华润城 保利花园 幸福里 星河湾 绿地公馆 中海御景 金地名苑 "
    "和谐家园 恒大名都 滨江花园 桂花苑 丽景湾 海棠湾 枫林小区 书香门第 天鹅湖 紫荆花园 世纪新城 怡景花园 南国丽城 "
    "金域蓝湾 东方花城 御景华庭 半岛华府 新天地名居 春华苑 银湖山庄 清华园 文华苑"
)
TOWERS = _words("科技大厦 创业大厦 国贸大厦 财富中心 软件产业基地 金融中心 环球中心 世纪大厦 创新园 数码大厦")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
BLD_SWAP = {"栋": "幢", "幢": "栋", "号楼": "栋"}


@dataclass(frozen=True)
class Addr:
    province: str
    city: str
    district: str
    street: str
    road: str = ""  # e.g. 科技南十二路
    num: int = 0  # 18 → 18号
    estate: str = ""  # 小区 / 大厦 / literal place (驿站, 便利店)
    bld: int = 0  # 3 → 3栋
    bld_word: str = "栋"
    unit: int = 0  # 2 → 2单元
    room: str = ""  # 502
    room_word: str = ""  # "" or 室

    def render(self, v: frozenset = frozenset()) -> str:
        segs = []
        if self.road and not ("drop_road" in v and self.estate):
            segs.append(f"{self.road}{self.num}号")
        if self.estate and not ("drop_estate" in v and self.road):
            segs.append(self.estate)
        if self.bld:
            if "dash" in v and self.room:
                mid = f"{self.unit}-" if self.unit and "drop_unit" not in v else ""
                segs.append(f"{self.bld}-{mid}{self.room}")
            else:
                segs.append(f"{self.bld}{BLD_SWAP.get(self.bld_word, '栋') if 'alt_bld' in v else self.bld_word}")
                if self.unit and "drop_unit" not in v:
                    segs.append(f"{self.unit}单元")
        if self.room and not (self.bld and "dash" in v):
            word = self.room_word
            if "room" in v:
                word = "" if word else "室"
            segs.append(self.room + word)
        text = (" " if "spaces" in v else "").join(segs)
        if "fw" in v:
            text = text.translate(FULLWIDTH)
        elif "fw1" in v and segs:
            text = text.replace(segs[0], segs[0].translate(FULLWIDTH), 1)
        return text


MILD = ("spaces", "room", "drop_road", "drop_unit", "drop_estate")
HEAVY = ("fw", "fw1", "alt_bld", "spaces", "room", "dash", "drop_road", "drop_unit", "drop_estate")


@dataclass
class Person:
    name: str
    phone: str
    addr: Addr
    pref_hour: int = 21
    favs: tuple = ()
    rhythm: float = 0.0  # days between orders, 0 = one-off


# ------------------------------------------------------------------------------------- generator
class _Gen:
    def __init__(self, rng: random.Random, end: datetime, orders: int):
        self.rng = rng
        self.end = end.replace(microsecond=0)
        self.start = self.end - timedelta(days=30)
        self.n = orders
        self.scale = orders / 20_000
        self.phones: set[str] = set()
        self.out: list[ExportOrder] = []
        self.busy_days: set[date] = set()

    # ---- primitives
    def phone(self, virtual: float = 0.0) -> str:
        r = self.rng
        while True:
            pre = r.choice(VIRTUAL_PREFIX) if r.random() < virtual else r.choice(PHONE_PREFIX)
            p = pre + f"{r.randrange(100_000_000):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def surname(self) -> str:
        r = self.rng
        if r.random() < 0.015:
            return r.choice(COMPOUND)
        return r.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]

    def name(self, surname: str | None = None, female: bool | None = None) -> str:
        r = self.rng
        s = surname or self.surname()
        if female is None:
            female = r.random() < 0.55
        pool = FEMALE if female else MALE
        if len(s) == 2 or r.random() < 0.22:
            return s + r.choice(pool)
        if not surname and r.random() < 0.02:
            return s + ("女士" if female else "先生")
        return s + r.choice(pool) + r.choice(pool)

    def region(self) -> tuple:
        reg = self.rng.choices(REGIONS, cum_weights=REGION_CUM)[0]
        return reg[0], reg[1], reg[2], self.rng.choice(reg[3])

    def addr(self, region: tuple | None = None, office: float = 0.12) -> Addr:
        r = self.rng
        prov, city, dist, street = region or self.region()
        num = int(r.triangular(1, 400, 12))
        if r.random() < office:
            floor = r.randint(2, 32)
            return Addr(
                prov, city, dist, street, r.choice(ROADS), num, r.choice(TOWERS), room=f"{floor}{r.randint(1, 20):02d}"
            )
        bld_word = "幢" if prov in ("浙江省", "上海市") and r.random() < 0.6 else "号楼" if r.random() < 0.12 else "栋"
        style = r.random()
        road, estate = r.choice(ROADS), r.choice(ESTATES)
        if style < 0.35:
            estate = ""
        elif style < 0.6:
            road, num = "", 0
        unit = r.randint(1, 4) if r.random() < 0.35 else 0
        floor = r.randint(1, 33)
        return Addr(
            prov, city, dist, street, road, num, estate, r.randint(1, 28), bld_word, unit,
            f"{floor}{r.randint(1, 6):02d}", "室" if r.random() < 0.3 else "",
        )  # fmt: skip

    def person(self, virtual: float = 0.0, region: tuple | None = None) -> Person:
        r = self.rng
        pref = r.choices(range(24), cum_weights=HOUR_CUM)[0]
        favs = tuple(r.choices(range(len(SKUS)), cum_weights=SKU_CUM, k=2))
        return Person(self.name(), self.phone(virtual), self.addr(region), pref, favs)

    def at_day(self, d: date, pref: int | None = None) -> datetime:
        r = self.rng
        if pref is not None and r.random() < 0.5:
            h = int(round(pref + r.gauss(0, 1.0))) % 24
        else:
            h = r.choices(range(24), cum_weights=HOUR_CUM)[0]
        return datetime.combine(d, time()) + timedelta(hours=h, seconds=r.randrange(3600))

    def when(self, lo: datetime, hi: datetime, pref: int | None = None) -> datetime:
        r = self.rng
        lo, hi = max(lo, self.start), min(hi, self.end)
        d0 = lo.date()
        nd = (hi.date() - d0).days + 1
        for _ in range(40):
            d = d0 + timedelta(days=r.randrange(nd))
            if d.weekday() < 5 and r.random() > 0.87:
                continue
            t = self.at_day(d, pref)
            if lo <= t < hi:
                return t
        return lo + (hi - lo) * r.random()

    def pick_spec(self, sku: int) -> int:
        return self.rng.choices(range(len(SKUS[sku][2])), cum_weights=SPEC_CUM[sku])[0]

    def price(self, sku: int, spec: int, qty: int, coupon: float = 0.3) -> int:
        cents = SKUS[sku][2][spec][1] * qty
        if self.rng.random() < coupon:
            off = 1000 if cents >= 9900 else 500 if cents >= 4900 else 300 if cents >= 2900 else 0
            cents -= off
        return max(cents, 1)

    # ---- life cycle
    def life(self, t: datetime, final: str, quick: bool = False):
        """(outcome, paid_at, shipped_at, received_at) for an order placed at ``t`` heading to ``final``."""
        r, end = self.rng, self.end
        if final == "unpaid_closed":
            return ("unpaid" if end - t < timedelta(hours=24) else "unpaid_closed"), None, None, None
        u = r.random()
        secs = r.uniform(4, 60) if u < 0.7 or quick else r.uniform(60, 900) if u < 0.95 else r.uniform(900, 7200)
        paid = t + timedelta(seconds=int(secs))
        if paid >= end:
            return "unpaid", None, None, None
        if final == "cancelled":
            mins = r.uniform(1, 40) if quick else r.expovariate(1 / 180) + 5
            if paid + timedelta(minutes=min(mins, 1800)) >= end:
                return "paid", paid, None, None
            return "cancelled", paid, None, None
        d = paid.date()
        if paid.hour >= 14:
            d += timedelta(days=1)
        if r.random() < 0.12:
            d += timedelta(days=1)
        lo = 15.0 if d == paid.date() else 9.0
        shipped = datetime.combine(d, time()) + timedelta(seconds=int(r.uniform(lo, 19.5) * 3600))
        if shipped >= end:
            return "paid", paid, None, None
        if final == "refunded_transit":
            request = shipped + timedelta(hours=r.uniform(10, 60))
            settle = request + timedelta(hours=r.uniform(2, 72))
            if request >= end:
                return "shipped", paid, shipped, None
            return ("refunding" if settle >= end else "refunded"), paid, shipped, None
        days = r.choices((1, 2, 3, 4, 5), (10, 35, 30, 17, 8))[0]
        received = datetime.combine(shipped.date() + timedelta(days=days), time()) + timedelta(
            seconds=int(r.uniform(9, 21.5) * 3600)
        )
        if received >= end:
            return "shipped", paid, shipped, None
        if final == "completed":
            return "completed", paid, shipped, received
        request = received + timedelta(hours=min(r.expovariate(1 / 20) + 0.5, 160))
        if request >= end:
            return "completed", paid, shipped, received
        if final == "refunding":
            return "refunding", paid, shipped, received
        settle = request + timedelta(hours=r.uniform(1, 48))
        return ("refunding" if settle >= end else "refunded"), paid, shipped, received

    def honest_final(self) -> str:
        u = self.rng.random()
        if u < 0.030:
            return "unpaid_closed"
        if u < 0.045:
            return "cancelled"
        if u < 0.063:
            return "refunded"
        if u < 0.071:
            return "refunded_transit"
        if u < 0.075:
            return "refunding"
        return "completed"

    def emit(
        self, p: Person, t: datetime, sku: int, spec: int, qty: int, cents: int, final: str, *,
        detail: str | None = None, label: str | None = None, lookalike: str | None = None,
        note: str = "", quick: bool = False, name: str | None = None, phone: str | None = None,
    ) -> None:  # fmt: skip
        outcome, paid, shipped, received = self.life(t, final, quick)
        a = p.addr
        self.out.append(
            ExportOrder(
                order_no="",
                sku_id=SKUS[sku][0],
                sku_name=SKUS[sku][1],
                spec=SKUS[sku][2][spec][0],
                quantity=qty,
                amount=Decimal(cents).scaleb(-2).quantize(Decimal("0.01")),
                outcome=outcome,
                ordered_at=t,
                paid_at=paid,
                shipped_at=shipped,
                received_at=received,
                receiver=name or p.name,
                phone=phone or p.phone,
                province=a.province,
                city=a.city,
                district=a.district,
                street=a.street,
                detail=detail if detail is not None else a.render(),
                label=label,
                lookalike=lookalike,
                buyer_note=note,
            )
        )

    def honest_order(self, p: Person, t: datetime, *, lookalike: str | None = None, first: bool = False) -> None:
        r = self.rng
        if first and r.random() < 0.06:
            sku, spec, qty, cents = NEWBIE_SKU, NEWBIE_SPEC, 1, NEWBIE_CENTS
        else:
            sku = (
                r.choice(p.favs)
                if p.favs and r.random() < 0.65
                else r.choices(range(len(SKUS)), cum_weights=SKU_CUM)[0]
            )
            spec = self.pick_spec(sku)
            qty = r.choices(QTY, cum_weights=QTY_CUM)[0]
            cents = self.price(sku, spec, qty)
        detail = None
        if not first and r.random() < 0.06:
            detail = p.addr.render(frozenset({r.choice(MILD)}))
        note = (
            r.choice(("尽快发货", "不要辣的", "送人的，不要放价格单", "放驿站就行", "谢谢老板"))
            if r.random() < 0.04
            else ""
        )
        self.emit(p, t, sku, spec, qty, cents, self.honest_final(), detail=detail, lookalike=lookalike, note=note)

    # ---- honest traffic
    def population(self, budget: int, seed_people: list[Person]) -> None:
        r = self.rng
        made = 0
        people = iter(seed_people)
        while made < budget:
            p = next(people, None) or self.person(virtual=0.03)
            if not p.rhythm:
                p.rhythm = (
                    0.0
                    if r.random() < 0.35
                    else r.choices((6, 9, 12, 15, 20, 26, 35, 45), (1, 2, 3, 3, 3, 2, 1.5, 1))[0]
                )
            if not p.rhythm:
                self.honest_order(p, self.when(self.start, self.end, p.pref_hour), first=True)
                made += 1
                continue
            pos = r.uniform(0, p.rhythm)
            first = r.random() < 0.15
            while pos < 30 and made < budget:
                t = self.at_day((self.start + timedelta(days=pos)).date(), p.pref_hour)
                if self.start <= t < self.end:
                    self.honest_order(p, t, first=first)
                    first = False
                    made += 1
                pos += p.rhythm * r.uniform(0.75, 1.3)

    def flash_sale(self, pool: list[Person]) -> None:
        r = self.rng
        days = r.choice((1, 2))
        total = round(self.n * r.uniform(0.05, 0.07))
        offers = [(SKU_IDX["螺蛳粉"], 1, 1290), (SKU_IDX["坚果礼盒"], 0, 3990), (SKU_IDX["辣条"], 1, 990)]
        r.shuffle(offers)
        day_nums = r.sample(range(3, 27), days)
        shares = [1.0] if days == 1 else [0.6, 0.4]
        for dn, share, (sku, spec, cents) in zip(day_nums, shares, offers, strict=False):
            d = (self.start + timedelta(days=dn)).date()
            self.busy_days.add(d)
            go = datetime.combine(d, time(20, 0))
            for _ in range(round(total * share)):
                t = go + timedelta(seconds=int(min(r.expovariate(1 / 110), 1200)))
                p = r.choice(pool) if r.random() < 0.15 else self.person(virtual=0.03)
                qty = 1 if r.random() < 0.87 else 2
                self.emit(p, t, sku, spec, qty, cents * qty, self.honest_final(), lookalike="flash_sale", quick=True)

    def wholesale(self) -> None:
        r = self.rng
        for _ in range(max(2, round(r.randint(4, 6) * self.scale))):
            p = self.person()
            kind = r.random()
            if kind < 0.6:  # corner shop / 小卖部
                p.addr = Addr(
                    *self.region(), r.choice(ROADS), r.randint(1, 300), r.choice(("便利店", "小卖部", "超市", "百货"))
                )
                skus = [SKU_IDX[s] for s in ("辣条", "魔芋爽", "薯片", "海苔脆", "山楂条", "酸辣粉")]
                note = "老客户，还是发中通"
            else:  # office pantry
                p.addr = self.addr(office=1.0)
                skus = [SKU_IDX[s] for s in ("坚果礼盒", "零食大礼包", "芒果干", "海苔脆", "猪肉脯")]
                note = "公司下午茶，麻烦开发票"
            pos = r.uniform(0, 5)
            every = r.uniform(3, 7)
            while pos < 30:
                t = datetime.combine((self.start + timedelta(days=pos)).date(), time()) + timedelta(
                    seconds=int(r.uniform(9, 18) * 3600)
                )
                if self.start <= t < self.end:
                    sku = r.choice(skus)
                    spec = self.pick_spec(sku)
                    qty = r.choice((10, 12, 15, 20, 20, 24, 30, 30, 36, 40))
                    cents = SKUS[sku][2][spec][1] * qty * r.choice((85, 88, 90)) // 100
                    final = "completed" if r.random() < 0.97 else "refunded"
                    self.emit(
                        p, t, sku, spec, qty, cents, final, lookalike="wholesale", note=note if r.random() < 0.4 else ""
                    )
                pos += every * r.uniform(0.7, 1.3)

    def families(self) -> None:
        r = self.rng
        target = round(self.n * 0.025)
        made = 0
        while made < target:
            addr = self.addr(office=0.0)
            fam = r.randint(2, 3)
            head = self.surname()
            names = [self.name(head, female=False), self.name(female=True)]
            if fam == 3:
                names.append(self.name(head))
            shared = self.phone() if r.random() < 0.5 else None
            members = [Person(n, shared or self.phone(), addr, r.choice((12, 13, 20, 21, 22)), ()) for n in names]
            for m in members:
                m.favs = tuple(r.choices(range(len(SKUS)), cum_weights=SKU_CUM, k=2))
            pos = r.uniform(0, 8)
            every = r.uniform(5, 14)
            while pos < 30 and made < target:
                m = r.choice(members)
                t = self.at_day((self.start + timedelta(days=pos)).date(), m.pref_hour)
                if self.start <= t < self.end:
                    self.honest_order(m, t, lookalike="family")
                    made += 1
                pos += every * r.uniform(0.6, 1.4)

    def campus(self) -> None:
        r = self.rng
        sites = (
            (("广东省", "广州市", "天河区", "石牌街道"), "华南师范大学石牌校区", "西区菜鸟驿站"),
            (("湖北省", "武汉市", "洪山区", "珞南街道"), "武汉理工大学马房山校区", "东院菜鸟驿站"),
            (("陕西省", "西安市", "雁塔区", "大雁塔街道"), "陕西师范大学雁塔校区", "菜鸟驿站"),
            (("四川省", "成都市", "武侯区", "浆洗街街道"), "四川大学望江校区", "西园菜鸟驿站"),
        )
        target = round(self.n * 0.015)
        made = 0
        while made < target:
            region, school, station = r.choice(sites)
            p = self.person(region=region)
            p.pref_hour = r.choice((12, 17, 21, 22, 23, 0))
            if r.random() < 0.75:
                p.addr = Addr(*region, estate=f"{school}{station}")
            else:
                p.addr = Addr(
                    *region,
                    estate=school,
                    bld=r.randint(1, 30),
                    bld_word="栋",
                    room=f"{r.randint(1, 6)}{r.randint(1, 40):02d}",
                )
            for _ in range(r.choices((1, 2, 3), (6, 3, 1))[0]):
                self.honest_order(p, self.when(self.start, self.end, p.pref_hour), lookalike="campus", first=True)
                made += 1

    # ---- attacks
    def burst(self) -> None:
        r = self.rng
        episodes = r.choice((2, 2, 3))
        skus = r.sample(
            [SKU_IDX[s] for s in ("坚果礼盒", "牛肉干", "螺蛳粉", "零食大礼包", "卤鸡爪", "自热小火锅")], episodes
        )
        free = [dn for dn in range(1, 29) if (self.start + timedelta(days=dn)).date() not in self.busy_days]
        for dn, sku in zip(r.sample(free, episodes), skus, strict=True):
            d = (self.start + timedelta(days=dn)).date()
            self.busy_days.add(d)
            hour = r.choice((0, 1, 2, 10, 14, 21, 22, 23))
            go = datetime.combine(d, time(hour)) + timedelta(seconds=r.randrange(2400))
            spec = self.pick_spec(sku)
            per_account = (45, 30, 15, 10) if episodes == 2 else (60, 25, 10, 5)
            accounts = max(
                5, round((r.randint(104, 130) if episodes == 2 else r.randint(100, 108)) * min(self.scale, 1.0))
            )
            for _ in range(accounts):
                p = self.person(virtual=0.35)
                t = go + timedelta(seconds=r.randrange(11 * 60))
                for _ in range(r.choices((1, 2, 3, 4), per_account)[0]):
                    u = r.random()
                    final = "unpaid_closed" if u < 0.72 else "cancelled" if u < 0.93 else "completed"
                    qty = 1 if r.random() < 0.85 else 2
                    self.emit(p, t, sku, spec, qty, SKUS[sku][2][spec][1] * qty, final, label="burst", quick=True)
                    t += timedelta(seconds=r.randint(8, 90))

    def inventory_lock(self) -> None:
        r = self.rng
        skus = r.sample(
            [SKU_IDX[s] for s in ("坚果礼盒", "螺蛳粉", "牛肉干", "零食大礼包", "麻辣鸭脖")], r.randint(2, 3)
        )
        for _ in range(round(r.randint(130, 160) * self.scale)):
            p = self.person(virtual=0.25)
            sku = r.choice(skus)
            spec = 0
            qty = r.choices((4, 5, 6, 7, 8, 9, 10, 11, 12), (14, 14, 16, 8, 14, 6, 12, 4, 8))[0]
            t = self.when(self.start, self.end)
            self.emit(p, t, sku, spec, qty, SKUS[sku][2][spec][1] * qty, "unpaid_closed", label="inventory_lock")

    def serial_refund(self) -> None:
        r = self.rng
        pricey = [SKU_IDX[s] for s in ("坚果礼盒", "牛肉干", "卤鸡爪", "猪肉脯", "零食大礼包", "自热小火锅")]
        notes = ("", "", "", "尽快发货", "要新鲜的", "上次的有点软了")
        for _ in range(max(3, round(r.randint(19, 26) * self.scale))):
            p = self.person()
            p.favs = tuple(r.sample(pricey, 3))
            k = r.randint(4, 8)
            span = r.uniform(20, 29.5)
            pos = r.uniform(0, 30 - span)
            for _ in range(k):
                t = self.at_day((self.start + timedelta(days=pos)).date(), p.pref_hour)
                if self.start <= t < self.end:
                    sku = r.choice(p.favs)
                    spec = self.pick_spec(sku)
                    qty = 1 if r.random() < 0.8 else 2
                    final = r.choices(("refunded", "refunded_transit", "refunding", "completed"), (72, 8, 6, 14))[0]
                    detail = p.addr.render(frozenset({r.choice(MILD)})) if r.random() < 0.25 else None
                    self.emit(
                        p, t, sku, spec, qty, self.price(sku, spec, qty), final,
                        detail=detail, label="serial_refund", note=r.choice(notes),
                    )  # fmt: skip
                pos += span / k * r.uniform(0.7, 1.3)

    def rings(self) -> None:
        r = self.rng
        n_rings = r.randint(2, 4) if self.n >= 10_000 else 2
        total = round(r.randint(120, 170) * self.scale)
        for _ in range(n_rings):
            base = self.addr(office=0.0)
            if not base.road:  # rings type the road so full-width / spacing variants have digits to play with
                base = Addr(*(base.province, base.city, base.district, base.street), r.choice(ROADS), r.randint(3, 200),
                            base.estate, base.bld, base.bld_word, base.unit, base.room, base.room_word)  # fmt: skip
            phones = [self.phone(virtual=0.3) for _ in range(r.randint(2, 3))]
            names = [self.name() for _ in range(r.randint(10, 14))]
            home = {n: r.randrange(len(phones)) for n in names}
            holder = Person(names[0], phones[0], base)
            lo = self.start + timedelta(days=r.uniform(0, 12))
            hi = lo + timedelta(days=r.uniform(12, 18))
            for _ in range(round(total / n_rings * r.uniform(0.85, 1.15))):
                n = r.choice(names)
                ph = phones[home[n]] if r.random() < 0.8 else r.choice(phones)
                flags = frozenset(r.sample(HEAVY, r.randint(1, 3))) if r.random() < 0.75 else frozenset()
                sku = r.choices(range(len(SKUS)), cum_weights=SKU_CUM)[0]
                spec = self.pick_spec(sku)
                qty = r.choice((1, 1, 2, 3))
                final = r.choices(
                    ("cancelled", "refunded", "refunded_transit", "unpaid_closed", "completed"), (30, 22, 6, 28, 14)
                )[0]
                self.emit(
                    holder, self.when(lo, hi), sku, spec, qty, self.price(sku, spec, qty), final,
                    detail=base.render(flags), label="ring", name=n, phone=ph,
                )  # fmt: skip

    def coupon_abuse(self) -> None:
        """新人券薅羊毛: waves of fresh accounts collecting the 9.90 新人价 大礼包 at a few pickup points."""
        r = self.rng
        points = []
        for _ in range(r.randint(3, 5)):
            reg = self.region()
            est = r.choice(ESTATES)
            kind = r.random()
            if kind < 0.4:
                points.append(Addr(*reg, r.choice(ROADS), r.randint(1, 200), "菜鸟驿站"))
            elif kind < 0.7:
                points.append(Addr(*reg, estate=f"{est}{r.choice(('南门', '东门', '北门'))}丰巢快递柜"))
            else:
                points.append(Addr(*reg, estate=f"{est}妈妈驿站"))
        total = round(r.randint(150, 185) * self.scale)
        waves = r.randint(6, 10)
        made = 0
        notes = ("", "", "", "放驿站", "放快递柜", "到了打电话")
        for w in range(waves):
            size = total - made if w == waves - 1 else round(total / waves * r.uniform(0.6, 1.4))
            go = self.when(self.start, self.end - timedelta(hours=4))
            span = r.uniform(0.5, 3.0) * 3600
            for _ in range(max(0, size)):
                pt = r.choice(points)
                p = Person(self.name(), self.phone(virtual=0.55), pt)
                t = go + timedelta(seconds=int(r.uniform(0, span)))
                if t >= self.end:
                    continue
                detail = pt.render(frozenset({"spaces"})) if r.random() < 0.1 else None
                final = r.choices(
                    ("refunded", "refunded_transit", "refunding", "completed", "cancelled"), (62, 10, 5, 21, 2)
                )[0]
                self.emit(
                    p, t, NEWBIE_SKU, NEWBIE_SPEC, 1, NEWBIE_CENTS, final,
                    detail=detail, label="coupon_abuse", note=r.choice(notes), quick=True,
                )  # fmt: skip
                made += 1

    # ---- assembly
    def run(self) -> list[ExportOrder]:
        r = self.rng
        seed_people = [self.person(virtual=0.03) for _ in range(max(50, round(2000 * self.scale)))]
        self.flash_sale(seed_people)
        self.burst()
        self.inventory_lock()
        self.serial_refund()
        self.rings()
        self.coupon_abuse()
        self.wholesale()
        self.families()
        self.campus()
        self.population(max(0, self.n - len(self.out)), seed_people)
        out = sorted(self.out, key=lambda o: o.ordered_at)
        if len(out) > self.n:  # only possible for tiny ``orders``: drop honest orders first
            extra = len(out) - self.n
            keep = []
            for o in reversed(out):
                if extra and o.label is None:
                    extra -= 1
                    continue
                keep.append(o)
            out = keep[::-1]
        used: set[str] = set()
        for o in out:
            while True:
                no = f"{o.ordered_at:%y%m%d}-{r.randrange(10**14, 10**15)}"
                if no not in used:
                    used.add(no)
                    o.order_no = no
                    break
        return out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of the snack shop over the 30 days before ``end``, ~5% labelled attacks."""
    return _Gen(random.Random(seed), end, orders).run()


if __name__ == "__main__":
    t0 = _time.perf_counter()
    rows = generate(seed=1, end=datetime.now())
    took = _time.perf_counter() - t0
    attacks = sum(1 for o in rows if o.label)
    print(f"family {FAMILY}: {len(rows)} orders, {attacks} attack ({attacks / len(rows):.1%}), {took:.2f}s")
    groups: dict[str, list[ExportOrder]] = defaultdict(list)
    for o in rows:
        groups[f"label={o.label}" if o.label else f"lookalike={o.lookalike}" if o.lookalike else "honest"].append(o)
    for key in sorted(groups, key=lambda k: -len(groups[k])):
        g = groups[key]
        mix = Counter(o.outcome for o in g)
        people = len({(o.receiver, o.phone) for o in g})
        print(
            f"  {key:<22} {len(g):>6} orders {people:>6} buyers  " + ", ".join(f"{k} {v}" for k, v in mix.most_common())
        )
    assert len({o.order_no for o in rows}) == len(rows)
