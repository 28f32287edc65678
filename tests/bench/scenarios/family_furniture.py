"""A furniture / home-furnishing shop (餐桌椅, 床垫, 沙发, 书架, 衣柜, 收纳柜) on Pinduoduo.

Honest traffic: fewer repeat buyers and higher prices than a consumables shop, weekend-heavy
with evening peaks, delivery that takes days (made-to-order sofas and wardrobes a week or two),
no 货到付款, buyer notes about installation, floors and lifts; households furnishing a new home
over a few weeks, 民宿 / offices / schools buying chairs by the dozen, 秒杀 on folding tables.

Attacks, each hidden the way a real gang would hide it:

- ``burst`` (炸店): one night, two sub-waves on the mattress SKU (late evening, then past
  midnight), accounts from four provinces placing 1-3 orders each over varied sizes and
  firmness; almost all closed unpaid or paid-then-cancelled, a few refunded in transit.
- ``inventory_lock`` (同行恶拍): dining chairs by 10-18, bookshelves by 4-6, mattresses by 3-4 in
  business hours with B2B-sounding notes ("酒店项目，对公付款"), never paid or cancelled.
- ``serial_refund``: five buyers ordering an item every week or so with installation notes and
  returning most after receipt; one alternates receiver names, one two addresses.
- ``ring``: a dozen names behind three phones at one showroom-building address in 乐从,
  typed seven ways, collecting 百亿补贴 small furniture for resale.
- ``refuse_delivery`` (恶意拒收): one-off accounts in remote regions (新疆, 西藏, 青海...) buying
  bulky items, paying, then refusing the freight and refunding in transit.
- ``bad_review_extortion`` (差评师): one order each of cheap storage items from phones of two
  bought number blocks, addresses all over the country, received and then 仅退款.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder
from tests.bench.scenarios.people_a import (
    ATTACK_SHARE,
    COMMUNITIES,
    COMPOUND,
    FULLWIDTH,
    GIVEN_F,
    GIVEN_M,
    PREFIX_MAIN,
    PREFIX_VIRTUAL,
    ROADS,
    SHOPS,
    SURNAMES,
    TOWERS,
    VILLAGES,
    Buyer,
    _dec,
)
from tests.bench.scenarios.people_a import GEO as SHARED_GEO

FAMILY = "furniture"


# --------------------------------------------------------------------------- people


# --------------------------------------------------------------------------- places
# (province, city, weight, ((district, (streets...)), ...)); municipalities repeat the name as city.
GEO = SHARED_GEO + (
    # and the remote regions refused deliveries come from
    (
        "新疆维吾尔自治区",
        "乌鲁木齐市",
        0.8,
        (("天山区", ("解放南路街道", "燕儿窝街道")), ("新市区", ("北京路街道", "二工街道"))),
    ),
    ("新疆维吾尔自治区", "喀什地区", 0.3, (("喀什市", ("恰萨街道", "亚瓦格街道")), ("疏附县", ("托克扎克镇",)))),
    ("西藏自治区", "拉萨市", 0.3, (("城关区", ("八廓街道", "吉日街道")),)),
    ("青海省", "西宁市", 0.4, (("城西区", ("西关大街街道", "胜利路街道")), ("城东区", ("东关大街街道",)))),
    ("甘肃省", "兰州市", 0.6, (("城关区", ("东岗西路街道", "皋兰路街道")), ("七里河区", ("西园街道",)))),
    ("甘肃省", "酒泉市", 0.2, (("肃州区", ("东北街街道",)),)),
    ("内蒙古自治区", "呼伦贝尔市", 0.3, (("海拉尔区", ("正阳街道", "胜利街道")),)),
    ("宁夏回族自治区", "银川市", 0.4, (("兴庆区", ("新华街街道", "富宁街街道")),)),
    ("黑龙江省", "黑河市", 0.15, (("爱辉区", ("海兰街道", "花园街道")),)),
)


# --------------------------------------------------------------------------- products


@dataclass(frozen=True)
class Sku:
    sku_id: str
    name: str
    specs: tuple[tuple[str, str], ...]  # (spec, unit price)
    weight: float  # share of honest demand
    qty: tuple[int, ...]  # honest quantities, sampled uniformly (repeat values = weight)
    refund: float  # honest refund rate after shipping
    make_days: tuple[float, float] = (1, 4)  # paid -> shipped (made to order takes longer)
    bulky: bool = False


SKUS = (
    Sku(
        "702118830014",
        "实木餐桌椅组合 家用小户型 一桌四椅",
        (("1.2m 一桌四椅", "1299.00"), ("1.4m 一桌六椅", "1799.00"), ("1.2m 单桌", "799.00")),
        6,
        (1,),
        0.07,
        (2, 7),
        True,
    ),
    Sku(
        "702118830052",
        "实木餐椅 家用 靠背椅 北欧",
        (("胡桃色", "159.00"), ("原木色", "159.00"), ("白蜡木 软包", "189.00")),
        7,
        (1, 2, 2, 2, 4, 4, 6),
        0.05,
    ),
    Sku(
        "702118830097",
        "乳胶独立弹簧床垫 席梦思 20cm",
        (("1.5*2m 中软", "1099.00"), ("1.8*2m 中软", "1299.00"), ("1.8*2m 偏硬", "1299.00"), ("1.2*2m 中软", "899.00")),
        7,
        (1,),
        0.08,
        (1, 4),
        True,
    ),
    Sku(
        "715530021163",
        "布艺沙发 客厅小户型 科技布 可拆洗",
        (("三人位 1.9m", "2199.00"), ("四人位 2.3m", "2699.00"), ("转角L型 2.8m", "3599.00")),
        4,
        (1,),
        0.09,
        (5, 14),
        True,
    ),
    Sku(
        "715530021198",
        "落地书架 多层 简易置物架 书柜",
        (("五层 80cm 暖白", "129.00"), ("五层 120cm 胡桃", "189.00")),
        7,
        (1, 1, 1, 2),
        0.05,
    ),
    Sku(
        "715530021230",
        "抽屉式收纳柜 塑料 多层 儿童衣物",
        (("四层 奶白", "69.00"), ("五层 奶白", "89.00"), ("五层 灰色", "89.00")),
        9,
        (1, 1, 1, 2, 3),
        0.04,
    ),
    Sku(
        "720071455609",
        "推拉门衣柜 现代简约 卧室大衣橱",
        (("1.6m 暖白", "1599.00"), ("2.0m 暖白", "1999.00"), ("2.0m 胡桃", "2099.00")),
        3,
        (1,),
        0.08,
        (5, 12),
        True,
    ),
    Sku(
        "720071455644", "实木床头柜 卧室 小型 带抽屉", (("原木色", "199.00"), ("白色", "199.00")), 5, (1, 1, 2, 2), 0.05
    ),
    Sku(
        "720071455688",
        "电视柜茶几组合 客厅 岩板",
        (("1.8m 套装", "899.00"), ("2.0m 套装", "1099.00")),
        3,
        (1,),
        0.08,
        (2, 7),
        True,
    ),
    Sku(
        "731146620017", "电脑桌 书桌 家用 卧室学习桌", (("1.0m 暖白", "199.00"), ("1.2m 胡桃", "239.00")), 6, (1,), 0.05
    ),
    Sku("731146620053", "人体工学椅 办公椅 电脑椅 护腰", (("基础款", "399.00"), ("带脚托", "499.00")), 5, (1,), 0.07),
    Sku(
        "731146620091",
        "折叠餐桌 小户型 可伸缩 实木腿",
        (("80cm 暖白", "199.00"), ("100cm 胡桃", "259.00")),
        5,
        (1,),
        0.05,
    ),
    Sku("740227081136", "玄关鞋柜 超薄 翻斗 门口", (("80cm 白色", "299.00"), ("100cm 白色", "359.00")), 4, (1,), 0.05),
    Sku(
        "740227081172",
        "实木床 双人 北欧 主卧 1.8m",
        (("1.5m 框架床", "1699.00"), ("1.8m 框架床", "1899.00"), ("1.8m 高箱储物", "2399.00")),
        3,
        (1,),
        0.07,
        (4, 12),
        True,
    ),
    Sku(
        "740227081219",
        "桌面收纳盒 置物架 厨房卫生间",
        (("单层", "29.90"), ("双层", "49.90"), ("三层 加厚", "69.90")),
        6,
        (1, 1, 2, 2, 3),
        0.03,
    ),
    Sku("740227081255", "懒人沙发 豆袋 卧室 榻榻米", (("单人 灰色", "159.00"), ("单人 奶咖", "159.00")), 3, (1,), 0.06),
)
SKU = {s.sku_id: s for s in SKUS}
(
    DINING_SET,
    CHAIR,
    MATTRESS,
    SOFA,
    SHELF,
    STORAGE,
    WARDROBE,
    NIGHTSTAND,
    TV_SET,
    DESK,
    OFFICE_CHAIR,
    FOLD_TABLE,
    SHOE_CAB,
    BED,
    BOX,
    BEANBAG,
) = (s.sku_id for s in SKUS)

NOTES_HONEST = (
    "需要上门安装",
    "电梯房18楼",
    "无电梯6楼，需要送上楼吗",
    "周末送货",
    "送货前一天打电话",
    "安装师傅提前联系",
    "老小区车进不去，放小区门口电话我",
    "白天家里有老人在",
    "不需要安装，自己装",
    "旧床垫能帮忙搬走吗",
    "新房还没交房，月底再发",
    "颜色要和图片一样的",
    "包装包好，别磕了",
    "工作日送货",
    "送货上楼加钱可以",
    "请附安装说明书",
)
INSTALL = ("需要上门安装", "安装师傅提前联系", "送货前一天打电话", "电梯房12楼", "需要安装，谢谢", "")

HOURS = (
    0.9,
    0.5,
    0.3,
    0.2,
    0.15,
    0.25,
    0.6,
    1.3,
    2.4,
    3.3,
    3.9,
    3.8,
    3.5,
    3.4,
    3.5,
    3.6,
    3.6,
    3.4,
    3.3,
    3.9,
    5.2,
    5.9,
    5.1,
    2.4,
)
WEEKDAY = (0.92, 0.9, 0.9, 0.93, 0.98, 1.35, 1.4)
PROMO_DAYS = {(11, 10): 1.6, (11, 11): 2.8, (11, 12): 1.3, (12, 12): 2.0, (6, 18): 2.4, (5, 1): 1.5, (10, 1): 1.6}


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int):
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        self.scale = orders / 20_000
        self.target = orders
        self.out: list[ExportOrder] = []
        self.order_nos: set[str] = set()
        self.phones: set[str] = set()
        self.addresses: set[tuple[str, str]] = set()
        self.geo_w = [g[2] for g in GEO]
        last = (end - timedelta(microseconds=1)).date()
        days = [(self.start + timedelta(days=i)).date() for i in range(31)]
        days = [d for d in days if d <= last]
        weights = []
        for i, d in enumerate(days):
            w = WEEKDAY[d.weekday()] * PROMO_DAYS.get((d.month, d.day), 1.0) * self.rng.uniform(0.88, 1.12)
            weights.append(w * (1 + 0.004 * i))
        ordinary = [d for d in days[4:26] if all(abs((d - date(d.year, m, dd)).days) > 1 for m, dd in PROMO_DAYS)]
        self.shop_day = self.rng.choice(ordinary or days[4:26])  # the shop's own 店庆 / 会员日
        weights[days.index(self.shop_day)] *= 1.8
        self.days, self.day_w = days, weights
        promo = [d for d in days if (d.month, d.day) in PROMO_DAYS and PROMO_DAYS[(d.month, d.day)] > 2]
        self.promo = [*promo, self.shop_day]

    # ------------------------------------------------------------------ random pieces
    def name(self) -> str:
        r = self.rng
        sur = r.choice(COMPOUND) if r.random() < 0.01 else r.choice(SURNAMES)
        pool = GIVEN_M if r.random() < 0.48 else GIVEN_F
        given = r.choice(pool) + (r.choice(pool) if r.random() < 0.72 else "")
        if r.random() < 0.02:
            return sur + r.choice(("女士", "先生", "小姐"))
        return sur + given

    def phone(self, virtual: float = 0.04, prefix: str | None = None) -> str:
        while True:
            p = prefix or (
                self.rng.choice(PREFIX_VIRTUAL) if self.rng.random() < virtual else self.rng.choice(PREFIX_MAIN)
            )
            num = p + "".join(self.rng.choice("0123456789") for _ in range(11 - len(p)))
            if num not in self.phones:
                self.phones.add(num)
                return num

    def place(self, geo=None) -> tuple[str, str, str, str]:
        g = geo or self.rng.choices(GEO, self.geo_w)[0]
        district, streets = self.rng.choice(g[3])
        return g[0], g[1], district, self.rng.choice(streets)

    def detail(self, street: str) -> str:
        r = self.rng
        road, no = r.choice(ROADS), r.randint(1, 888)
        comm, b, u = r.choice(COMMUNITIES), r.randint(1, 32), r.randint(1, 6)
        room = f"{r.randint(1, 33)}{r.randint(1, 6):02d}"
        rural = street.endswith("镇") and r.random() < 0.6
        style = r.random()
        if rural:
            return r.choice(
                (
                    f"{r.choice(VILLAGES)}村{r.randint(1, 12)}组{r.randint(1, 90)}号",
                    f"{r.choice(VILLAGES)}村委会旁{r.choice(SHOPS)}",
                    f"{street}{road}{no}号",
                    f"{r.choice(VILLAGES)}村 {r.randint(1, 150)}号",
                )
            )
        if style < 0.28:
            return f"{road}{no}号{comm}{b}栋{u}单元{room}"
        if style < 0.45:
            return f"{comm}{b}栋{u}单元{room}室"
        if style < 0.56:
            return f"{comm}{b}-{u}-{room}"
        if style < 0.64:
            return f"{road}{no}号{comm}{b}号楼{room}"
        if style < 0.71:
            return f"{comm} {b}幢{u}单元{room}"
        if style < 0.78:
            return f"{comm}{b}栋{room}"
        if style < 0.88:
            tower = r.choice(TOWERS)
            return f"{road}{no}号{tower}{r.randint(2, 38)}楼{r.randint(1, 20):02d}" + r.choice(
                ("", "室", " 前台代收", "（工作日收件）")
            )
        if style < 0.94:
            return f"{road}{no}号{comm}{r.choice(SHOPS)}"
        return f"{road}{no}弄{r.randint(1, 80)}号{r.randint(1, 6)}0{r.randint(1, 4)}室"

    def buyer(self, virtual: float = 0.04, geo=None) -> Buyer:
        while True:
            prov, city, dist, street = self.place(geo)
            det = self.detail(street)
            if (dist, det) not in self.addresses:
                self.addresses.add((dist, det))
                break
        hour = self.rng.choices(range(24), HOURS)[0]
        return Buyer(self.name(), self.phone(virtual), prov, city, dist, street, det, hour)

    def day(self, lo: int = 0, hi: int | None = None) -> date:
        return self.rng.choices(self.days[lo:hi], self.day_w[lo:hi])[0]

    def when(self, d: date | None = None, hour: int | None = None) -> datetime:
        r = self.rng
        d = d or self.day()
        h = hour if hour is not None else r.choices(range(24), HOURS)[0]
        t = datetime(d.year, d.month, d.day, h % 24, r.randrange(60), r.randrange(60))
        return min(
            max(t, self.start + timedelta(seconds=r.randrange(1, 3600))),
            self.end - timedelta(seconds=r.randrange(1, 600)),
        )

    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.order_nos:
                self.order_nos.add(no)
                return no

    # ------------------------------------------------------------------ outcomes
    def honest_outcome(self, sku: Sku) -> str:
        r = self.rng.random()
        if r < 0.085:
            return "unpaid_closed"
        if r < 0.135:
            return "cancelled"
        if r < 0.135 + sku.refund:
            return self.rng.choice(("refunded", "refunded", "refunded", "refunding"))
        return "completed"

    def timeline(self, t: datetime, outcome: str, after_receipt: bool | None = True, sku: Sku | None = None):
        """(outcome, paid, shipped, received), degraded to what has happened by ``end``."""
        r, end = self.rng, self.end
        if after_receipt is None:
            after_receipt = r.random() < 0.65
        if outcome in ("unpaid", "unpaid_closed"):
            return ("unpaid" if end - t < timedelta(minutes=30) else "unpaid_closed"), None, None, None
        paid = t + timedelta(seconds=int(r.choice((r.uniform(8, 120), r.uniform(60, 1500), r.uniform(600, 9000)))))
        if paid > end:
            return "unpaid", None, None, None
        if outcome == "cancelled":
            return "cancelled", paid, None, None
        lo, hi = sku.make_days if sku else (1, 4)
        shipped = paid + timedelta(days=r.uniform(lo, hi), hours=r.uniform(0, 8))
        shipped = shipped.replace(hour=r.randint(9, 19))  # 物流 picks up in working hours
        if shipped <= paid:
            shipped = paid + timedelta(hours=r.uniform(3, 10))
        if shipped > end or outcome == "paid":
            return "paid", paid, None, None
        if outcome == "refunded" and not after_receipt:
            refund = shipped + timedelta(days=r.uniform(2, 8))  # refused at the door / returned by 物流
            return ("refunded" if refund <= end else "refunding"), paid, shipped, None
        bulky = sku.bulky if sku else False
        received = shipped + timedelta(days=r.uniform(3, 9) if bulky else r.uniform(2, 5), hours=r.uniform(0, 10))
        if outcome == "refunding":
            return "refunding", paid, shipped, (received if received <= end and r.random() < 0.6 else None)
        if received > end or outcome == "shipped":
            return "shipped", paid, shipped, None
        if outcome == "refunded":
            refund = received + timedelta(days=r.uniform(3, 12))  # 退货退款: pick-up and inspection
            return ("refunded" if refund <= end else "refunding"), paid, shipped, received
        return "completed", paid, shipped, received

    def amount(self, unit: str, qty: int, t: datetime, discount: float = 0.0) -> Decimal:
        total = Decimal(unit) * qty
        r = self.rng
        off = Decimal(0)
        if t.date() in self.promo or r.random() < 0.25:  # 店铺券 / 满减 / 跨店满减
            if total >= 1999:
                off = Decimal(r.choice((150, 200, 300)))
            elif total >= 999:
                off = Decimal(r.choice((50, 80, 100)))
            elif total >= 299:
                off = Decimal(r.choice((20, 30)))
            elif total >= 99:
                off = Decimal(r.choice((5, 10)))
        if r.random() < 0.1 and total > 50:  # 百亿补贴 / 平台立减 odd amounts
            off += Decimal(r.randint(100, 4999)) / 100
        off += Decimal(str(discount))
        return _dec(max(Decimal("0.01"), total - off))

    def add(
        self,
        b: Buyer,
        sku_id: str,
        t: datetime,
        outcome: str,
        *,
        qty: int | None = None,
        spec: int | None = None,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        detail: str | None = None,
        phone: str | None = None,
        receiver: str | None = None,
        after_receipt: bool | None = True,
        amount: Decimal | None = None,
        place=None,
    ) -> ExportOrder:
        t = min(t.replace(microsecond=0), self.end - timedelta(seconds=self.rng.randint(20, 900)))
        sku = SKU[sku_id]
        s_name, unit = sku.specs[spec if spec is not None else self.rng.randrange(len(sku.specs))]
        qty = qty or self.rng.choice(sku.qty)
        outcome, *stamps = self.timeline(t, outcome, after_receipt, sku)
        paid, shipped, received = (x.replace(microsecond=0) if x else None for x in stamps)
        prov, city, dist, street = place or (b.province, b.city, b.district, b.street)
        o = ExportOrder(
            order_no=self.order_no(t),
            sku_id=sku.sku_id,
            sku_name=sku.name,
            spec=s_name,
            quantity=qty,
            amount=amount if amount is not None else self.amount(unit, qty, t),
            outcome=outcome,
            ordered_at=t,
            paid_at=paid,
            shipped_at=shipped,
            received_at=received,
            receiver=receiver or b.name,
            phone=phone or b.phone,
            province=prov,
            city=city,
            district=dist,
            street=street,
            detail=detail or b.detail,
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.out.append(o)
        return o

    def honest_note(self) -> str:
        return self.rng.choice(NOTES_HONEST) if self.rng.random() < 0.07 else ""

    def n(self, base: float, lo: int = 1) -> int:
        return max(lo, round(base * self.scale))

    # ================================================================== attacks
    def burst(self, budget: int) -> None:
        """炸店: one night, two sub-waves on the mattress; accounts from four provinces, 1-3 orders each."""
        r = self.rng
        provinces = r.sample(sorted({g[0] for g in GEO if g[2] >= 2}), 4)
        geos = [g for g in GEO if g[0] in provinces]
        d = self.days[r.randrange(5, 22)]
        night = datetime(d.year, d.month, d.day, 22, r.randrange(0, 40))
        waves = (
            (night, r.uniform(30, 50), 0.6),
            (night + timedelta(minutes=r.uniform(95, 130)), r.uniform(20, 40), 0.4),
        )
        made = 0
        for start, span, share in waves:
            want = round(budget * share) if made == 0 else budget - made
            got = 0
            while got < want:
                b = self.buyer(virtual=0.2, geo=r.choice(geos))
                t = start + timedelta(minutes=r.uniform(0, span))
                for _ in range(min(want - got, r.choice((1, 1, 2, 2, 3)))):
                    t += timedelta(seconds=r.randint(20, 200))
                    x = r.random()
                    outcome = "unpaid_closed" if x < 0.76 else "cancelled" if x < 0.95 else "refunded"
                    self.add(
                        b,
                        MATTRESS,
                        t,
                        outcome,
                        qty=1,
                        label="burst",
                        after_receipt=False,
                        note=r.choice(INSTALL) if r.random() < 0.2 else "",
                    )
                    got += 1
            made += got

    def inventory_lock(self, budget: int) -> None:
        """同行恶拍: several times the usual quantity, B2B-sounding notes, business hours, never paid."""
        r = self.rng
        targets = ((CHAIR, (10, 12, 12, 14, 16, 18)), (SHELF, (4, 5, 5, 6)), (MATTRESS, (3, 3, 4)))
        notes = (
            "酒店项目采购，对公付款",
            "先拍下锁定库存，明天付款",
            "民宿用，确认好颜色再付",
            "公司采购走流程中",
            "工地收货，先拍",
            "",
        )
        made = 0
        while made < budget:
            b = self.buyer(virtual=0.12)
            for _k in range(1 if r.random() < 0.85 else 2):
                sku_id, qtys = r.choice(targets)
                if r.random() < 0.4:  # before the promotions, when stock matters
                    p = self.days.index(r.choice(self.promo))
                    d = self.days[max(0, p - r.randint(0, 5))]
                else:
                    d = self.day()
                t = self.when(d, hour=r.randint(9, 18))
                outcome = "unpaid_closed" if r.random() < 0.74 else "cancelled"
                self.add(
                    b,
                    sku_id,
                    t,
                    outcome,
                    qty=r.choice(qtys),
                    label="inventory_lock",
                    note=r.choice(notes) if r.random() < 0.45 else "",
                )
                made += 1

    def serial_refund(self, buyers: int) -> None:
        """A handful of buyers, an item every week or so, returned after receipt."""
        r = self.rng
        items = (NIGHTSTAND, DESK, OFFICE_CHAIR, SHOE_CAB, FOLD_TABLE, TV_SET, BEANBAG, SHELF, MATTRESS)
        for i in range(buyers):
            b = self.buyer()
            spouse = self.name() if i == 0 else None
            other_home = self.detail(b.street) if i == 1 else None
            day = r.randint(0, 5)
            while day <= 20:
                t = self.when(self.days[day])
                outcome = "refunded" if r.random() < 0.8 else "completed"
                self.add(
                    b,
                    r.choice(items),
                    t,
                    outcome,
                    qty=1,
                    label="serial_refund",
                    receiver=spouse if spouse and r.random() < 0.5 else None,
                    detail=other_home if other_home and r.random() < 0.5 else None,
                    note=r.choice(INSTALL) if r.random() < 0.5 else "",
                )
                day += r.randint(4, 9)

    def ring(self, names: int) -> None:
        """A dozen names behind three phones at one showroom building in 乐从, typed seven ways."""
        r = self.rng
        prov, city, dist, street = "广东省", "佛山市", "顺德区", "乐从镇"
        road, no = r.choice(("乐从大道东", "佛山一环", "325国道")), r.randint(10, 300)
        comm = r.choice(("家居城", "家具博览城", "红星国际家具城", "东方家具城"))
        bld, room = r.randint(2, 9), f"{r.randint(3, 12)}{r.randint(1, 30):02d}"
        fl, rn = room[:-2], room[-2:]
        variants = (
            f"{road}{no}号{comm}{bld}栋{room}室",
            f"{road}{no}号{comm}{bld}栋{room}".translate(FULLWIDTH),
            f"{comm}{bld}幢{room}",
            f"{comm} {bld} 栋  {room}",
            f"{comm}{bld}号楼{room}",
            f"{road}{no}号 {comm}{bld}栋{fl}楼{rn}",
            f"{comm}{bld}座{fl}楼{rn}仓库",
        )
        phones = [self.phone(prefix="171"), self.phone(virtual=0), self.phone(virtual=0)]
        members = []
        for i in range(names):
            b = Buyer(self.name(), phones[i % 3], prov, city, dist, street, variants[i % len(variants)])
            b.extra = [r.choice(variants)]
            members.append(b)
        cheap = (FOLD_TABLE, STORAGE, SHELF, BOX, NIGHTSTAND, BEANBAG)
        day = r.randint(0, 3)
        while day < len(self.days) - 2:  # the operator places orders for several names in one sitting
            t = self.when(self.days[day], hour=r.randint(9, 22))
            for b in r.sample(members, r.randint(2, 4)):
                t += timedelta(minutes=r.uniform(2, 30))
                x = r.random()
                outcome = "completed" if x < 0.8 else "cancelled" if x < 0.9 else "refunded"
                sku_id = r.choice(cheap)
                unit = SKU[sku_id].specs[0][1]
                self.add(
                    b,
                    sku_id,
                    t,
                    outcome,
                    qty=r.choice((1, 1, 2)),
                    spec=0,
                    label="ring",
                    detail=b.detail if r.random() < 0.6 else b.extra[0],
                    amount=_dec(Decimal(unit) * Decimal(r.choice(("0.55", "0.6", "0.65")))),
                )
            day += max(1, round(r.randint(1, 3) / min(1.0, self.scale**0.5)))  # fewer sessions in a smaller shop

    def refuse_delivery(self, budget: int) -> None:
        """恶意拒收: bulky items paid for and shipped to remote regions, refused, refunded in transit."""
        r = self.rng
        remote = [
            g
            for g in GEO
            if g[0] in ("新疆维吾尔自治区", "西藏自治区", "青海省", "甘肃省", "内蒙古自治区", "宁夏回族自治区")
        ]
        remote += [g for g in GEO if g[1] == "黑河市"]
        bulky = (SOFA, MATTRESS, WARDROBE, DINING_SET, BED, TV_SET)
        made = 0
        while made < budget:
            b = self.buyer(virtual=0.1, geo=r.choice(remote) if r.random() < 0.8 else None)
            for _ in range(1 if r.random() < 0.85 else 2):
                sku_id = r.choice(bulky)
                t = self.when(self.day(0, max(1, len(self.days) - 14)))
                outcome = "refunded" if r.random() < 0.85 else "refunding"
                self.add(
                    b,
                    sku_id,
                    t,
                    outcome,
                    qty=1,
                    label="refuse_delivery",
                    after_receipt=False,
                    note=r.choice(INSTALL) if r.random() < 0.5 else "",
                )
                made += 1

    def bad_review_extortion(self, budget: int) -> None:
        """差评师: one cheap order per account from two bought number blocks, received, then 仅退款."""
        r = self.rng
        blocks = [
            (r.choice(PREFIX_VIRTUAL) + f"{r.randrange(10000):04d}", r.randrange(9000)),
            (r.choice(PREFIX_MAIN) + f"{r.randrange(10000):04d}", r.randrange(9000)),
        ]
        cheap = (BOX, BOX, STORAGE, SHELF, NIGHTSTAND, BEANBAG)
        for _ in range(budget):
            block, base = r.choice(blocks)
            phone = ""
            while not phone or phone in self.phones:
                phone = block + f"{(base + r.randrange(0, 400)) % 10000:04d}"
            self.phones.add(phone)
            b = self.buyer()
            b.phone = phone
            d = self.day(0, max(1, len(self.days) - 10))
            while d.weekday() >= 5 and r.random() < 0.8:  # they work office shifts
                d = self.day(0, max(1, len(self.days) - 10))
            t = self.when(d, hour=r.choice((10, 11, 13, 14, 15, 16, 17)))
            x = r.random()
            outcome = "refunded" if x < 0.6 else "refunding" if x < 0.9 else "completed"
            self.add(b, r.choice(cheap), t, outcome, qty=1, label="bad_review_extortion")

    # ================================================================== honest lookalikes
    def flash_sale(self, sku_id: str, buyers: int, pool: list[Buyer], d: date, hour: int, price: str) -> None:
        r = self.rng
        start = datetime(d.year, d.month, d.day, hour, 0, r.randrange(0, 5))
        for _ in range(buyers):
            b = r.choice(pool) if r.random() < 0.25 else self.buyer()
            t = start + timedelta(seconds=min(r.expovariate(1 / 90), 720))
            x = r.random()
            outcome = (
                "completed" if x < 0.8 else "unpaid_closed" if x < 0.9 else "cancelled" if x < 0.95 else "refunded"
            )
            self.add(
                b,
                sku_id,
                t,
                outcome,
                qty=1,
                spec=0,
                lookalike="flash_sale",
                amount=_dec(Decimal(price)),
                after_receipt=None,
            )

    def wholesale(self, buyers: int) -> None:
        r = self.rng
        kinds = (
            ("民宿", CHAIR, (8, 10, 12, 16, 20)),
            ("酒店", MATTRESS, (5, 6, 8, 10, 12)),
            ("培训学校", DESK, (10, 15, 20, 30)),
            ("科技有限公司", OFFICE_CHAIR, (6, 8, 10, 15, 20)),
            ("幼儿园", STORAGE, (10, 12, 20)),
            ("图书室", SHELF, (6, 8, 10)),
        )
        for _ in range(buyers):
            kind, sku_id, qtys = r.choice(kinds)
            b = self.buyer()
            org = f"{r.choice(ROADS)[:2]}{kind}"
            note = r.choice(
                (f"开专票 抬头：{org}", "公司采购，请开票", "工地收货，需要送货上楼", "批量采购，麻烦尽快安排物流", "")
            )
            for _ in range(r.choice((1, 1, 1, 2))):
                t = self.when(self.day(), hour=r.randint(8, 18))
                x = r.random()
                outcome = "completed" if x < 0.9 else "refunded" if x < 0.94 else "cancelled"
                qty = r.choice(qtys)
                unit = Decimal(SKU[sku_id].specs[0][1])
                self.add(
                    b,
                    sku_id,
                    t,
                    outcome,
                    qty=qty,
                    spec=0,
                    lookalike="wholesale",
                    note=note,
                    amount=_dec(unit * qty * Decimal(r.choice(("0.85", "0.9")))),
                )

    def families(self, households: int) -> None:
        """Couples and parents furnishing a new home: 2-3 names, one address, several items in weeks."""
        r = self.rng
        for _ in range(households):
            head = self.buyer()
            members = [head]
            for _ in range(r.choice((1, 1, 2))):
                nm = self.name()
                if r.random() < 0.4:
                    nm = head.name[0] + nm[1:]
                phone = head.phone if r.random() < 0.2 else self.phone()
                alt = head.detail + ("室" if r.random() < 0.3 and head.detail[-1].isdigit() else "")
                members.append(Buyer(nm, phone, head.province, head.city, head.district, head.street, alt))
            move_in = r.randrange(0, max(1, len(self.days) - 10))
            for m in members:
                for _ in range(r.choice((1, 1, 2, 3))):
                    sku = r.choices(SKUS, [s.weight for s in SKUS])[0]
                    d = self.days[min(len(self.days) - 1, move_in + r.randint(0, 12))]
                    self.add(
                        m,
                        sku.sku_id,
                        self.when(d),
                        self.honest_outcome(sku),
                        lookalike="family",
                        note=r.choice(NOTES_HONEST) if r.random() < 0.4 else "",
                        after_receipt=None,
                    )

    def changed_mind(self, buyers: int) -> None:
        """Honest refunds in transit: measured wrong, found it cheaper, the lift was too small."""
        r = self.rng
        bulky = (SOFA, MATTRESS, WARDROBE, DINING_SET, BED, TV_SET, SHOE_CAB)
        for _ in range(buyers):
            b = self.buyer()
            sku = r.choice(bulky)
            self.add(
                b,
                sku,
                self.when(self.day(0, max(1, len(self.days) - 12))),
                "refunded",
                qty=1,
                lookalike="changed_mind",
                after_receipt=False,
                note=r.choice(NOTES_HONEST) if r.random() < 0.4 else "",
            )

    def office_colleagues(self, offices: int) -> None:
        """Colleagues on one 集团 number block ordering desk chairs and desks to their office."""
        r = self.rng
        for _ in range(offices):
            head = self.buyer()
            geo_detail = f"{r.choice(ROADS)}{r.randint(1, 500)}号{r.choice(TOWERS)}{r.randint(3, 30)}楼"
            block = r.choice(PREFIX_MAIN) + f"{r.randrange(10000):04d}"
            base = r.randrange(9000)
            for _ in range(r.randint(3, 7)):
                phone = ""
                while not phone or phone in self.phones:
                    phone = block + f"{(base + r.randrange(0, 120)) % 10000:04d}"
                self.phones.add(phone)
                b = Buyer(
                    self.name(),
                    phone,
                    head.province,
                    head.city,
                    head.district,
                    head.street,
                    geo_detail + r.choice(("", " 前台", "前台代收", f"{r.randint(1, 20):02d}室")),
                )
                for _ in range(r.choice((1, 1, 2))):
                    sku = SKU[r.choice((OFFICE_CHAIR, OFFICE_CHAIR, DESK, BOX, BEANBAG))]
                    self.add(
                        b,
                        sku.sku_id,
                        self.when(self.day(), hour=r.randint(9, 18)),
                        self.honest_outcome(sku),
                        lookalike="office_colleagues",
                        after_receipt=None,
                    )

    def returners(self, buyers: int) -> None:
        r = self.rng
        for _ in range(buyers):
            b = self.buyer()
            k = r.randint(2, 4)
            refund = r.randrange(k)
            for i in range(k):
                sku = r.choices(SKUS, [s.weight for s in SKUS])[0].sku_id
                self.add(
                    b,
                    sku,
                    self.when(self.day(0, max(1, len(self.days) - 8))),
                    "refunded" if i == refund else "completed",
                    lookalike="returner",
                    qty=1,
                    note=r.choice(INSTALL) if r.random() < 0.3 else "",
                )

    # ================================================================== honest baseline
    def baseline(self, pool: list[Buyer], count: int) -> None:
        r = self.rng
        weights = [s.weight for s in SKUS]
        i = 0
        made = 0
        while made < count:
            b = pool[i] if i < len(pool) else self.buyer()
            i += 1
            k = r.choices((1, 2, 3, 4), (80, 14, 4, 2))[0]
            if k > 1 and r.random() < 0.15 and not b.extra:  # a second address: parents', rented flat
                b.extra = [self.detail(b.street)]
            for d in sorted(self.day() for _ in range(min(k, count - made))):
                hour = b.hour if r.random() < 0.5 else None
                sku = r.choices(SKUS, weights)[0]
                note = r.choice(NOTES_HONEST) if r.random() < (0.35 if sku.bulky else 0.1) else ""
                detail = b.extra[0] if b.extra and r.random() < 0.4 else None
                self.add(
                    b,
                    sku.sku_id,
                    self.when(d, hour=hour),
                    self.honest_outcome(sku),
                    note=note,
                    detail=detail,
                    after_receipt=None,
                )
                made += 1


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = _Shop(seed, end, orders)
    r = shop.rng
    attacks = round(orders * ATTACK_SHARE)
    shop.serial_refund(max(3, min(5, round(5 * shop.scale**0.5))))
    shop.ring(max(8, min(12, round(12 * shop.scale**0.5))))
    rest = max(0, attacks - len(shop.out))
    shop.burst(round(rest * 0.28))
    shop.inventory_lock(round(rest * 0.22))
    shop.refuse_delivery(round(rest * 0.22))
    shop.bad_review_extortion(max(1, attacks - len(shop.out)))

    pool = [shop.buyer() for _ in range(max(50, round(orders * 0.8)))]
    shop.flash_sale(FOLD_TABLE, shop.n(280, 15), pool, shop.promo[0], 10, "99.00")
    shop.flash_sale(STORAGE, shop.n(120, 8), pool, shop.days[r.randrange(3, 27)], r.choice((12, 20, 21)), "39.90")
    shop.wholesale(shop.n(30, 3))
    shop.families(shop.n(70, 4))
    shop.changed_mind(shop.n(80, 4))
    shop.office_colleagues(shop.n(12, 2))
    shop.returners(shop.n(25, 2))
    shop.baseline(pool, max(0, orders - len(shop.out)))
    shop.out.sort(key=lambda o: o.ordered_at)
    return shop.out
