"""A health-products shop (保健品 / 家用医疗器械 / 口罩 / 护具) on Pinduoduo.

Honest traffic: a steady daily rhythm with evening peaks (20-22点), weekend and 双11-style
promotion days, replenishing supplement buyers who come back every few weeks, households
sharing an address, pharmacies and clinics buying boxes of masks, 秒杀 sessions and a 新人专享
trial pack.

Attacks, each hidden the way a real gang would hide it:

- ``burst`` (炸店): two waves about an hour long on a pricey SKU (protein powder, then a blood
  pressure monitor a few days later), each account placing 1-4 orders over a few minutes on
  varied specs; most never paid, some paid and cancelled, a few paid and refunded in transit;
  part of the first wave's accounts come back for the second.
- ``inventory_lock`` (同行恶拍): 3-8x the usual quantity of three SKUs from one-off accounts, thicker
  before promotion days, plausible notes ("单位发福利"), closed unpaid or paid then cancelled.
- ``serial_refund``: six buyers buying every few days across SKUs, refunding most after receipt;
  one uses two phones, another two addresses.
- ``ring``: a dozen names behind three phones at one flat, the address typed seven ways.
- ``claim_hunting`` (职业打假): a team in two cities buying 2-6 units of the supplements whose
  labels they can attack, asking for invoices, receiving, then opening after-sales.
- ``coupon_abuse`` (薅羊毛): the 新人专享 pack bought for 0.01 by new accounts whose phones come
  from three bought number blocks, shipped to shops and houses of two small towns, in batches.
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
    GEO,
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

FAMILY = "health"


# --------------------------------------------------------------------------- people


# --------------------------------------------------------------------------- products


@dataclass(frozen=True)
class Sku:
    sku_id: str
    name: str
    specs: tuple[tuple[str, str], ...]  # (spec, unit price)
    weight: float  # share of honest demand
    qty: tuple[int, ...]  # honest quantities, sampled uniformly (repeat values = weight)
    refund: float  # honest refund rate after shipping


SKUS = (
    Sku(
        "611203398712",
        "复合维生素B族片 成人男女 熬夜 60片",
        (("60片/瓶", "39.90"), ("60片*2瓶", "69.90")),
        8,
        (1, 1, 1, 1, 2),
        0.02,
    ),
    Sku(
        "611203398745",
        "维生素C泡腾片 补充VC 20片*2管",
        (("橙子味", "29.90"), ("柠檬味", "29.90"), ("混合口味4管", "55.00")),
        10,
        (1, 1, 1, 2, 2, 3),
        0.02,
    ),
    Sku(
        "598877120431",
        "乳清蛋白粉 健身增肌 营养粉",
        (("2磅 香草味", "168.00"), ("2磅 巧克力味", "168.00"), ("5磅 巧克力味", "298.00"), ("5磅 香草味", "298.00")),
        6,
        (1, 1, 1, 1, 2),
        0.05,
    ),
    Sku(
        "598877120502",
        "深海鱼油软胶囊 中老年 Omega-3 100粒",
        (("100粒/瓶", "89.00"), ("100粒*3瓶", "239.00")),
        6,
        (1, 1, 1, 2),
        0.02,
    ),
    Sku(
        "598877120566",
        "液体钙软胶囊 中老年补钙 维D 60粒",
        (("60粒", "49.00"), ("60粒*2瓶", "89.00")),
        6,
        (1, 1, 2),
        0.02,
    ),
    Sku(
        "620114455873",
        "益生菌冻干粉 成人肠胃 30条",
        (("30条/盒", "79.00"), ("30条*2盒", "149.00")),
        5,
        (1, 1, 1, 2),
        0.03,
    ),
    Sku(
        "620114455901",
        "上臂式电子血压计 家用 语音播报",
        (("标准款", "129.00"), ("语音款+电源", "169.00")),
        4,
        (1,),
        0.05,
    ),
    Sku(
        "587760021334",
        "医用外科口罩 一次性 三层 50只/盒",
        (("蓝色 50只", "15.90"), ("白色 50只", "15.90"), ("黑色 50只", "18.90")),
        12,
        (1, 1, 2, 2, 3, 5),
        0.01,
    ),
    Sku(
        "587760021390",
        "KN95防护口罩 独立包装 30只",
        (("白色30只", "29.90"), ("黑色30只", "32.90")),
        5,
        (1, 1, 2, 3),
        0.01,
    ),
    Sku(
        "633390017755",
        "护腰带 腰间盘 钢板支撑 透气",
        (("M码", "69.00"), ("L码", "69.00"), ("XL码", "69.00"), ("XXL码", "75.00")),
        4,
        (1,),
        0.12,
    ),
    Sku("633390017790", "电子体温计 婴儿 腋下 家用", (("软头款", "19.90"), ("硬头款", "15.90")), 4, (1, 1, 2), 0.03),
    Sku(
        "633390018012",
        "血糖仪 家用 免调码 送试纸",
        (("仪器+50试纸", "99.00"), ("仪器+100试纸", "139.00")),
        3,
        (1,),
        0.04,
    ),
    Sku(
        "640021987716", "颈椎按摩仪 肩颈 热敷 护颈", (("标准款", "199.00"), ("旗舰款 遥控", "269.00")), 2.5, (1,), 0.09
    ),
    Sku("640021987750", "艾草足贴 祛湿 助眠 50贴", (("50贴", "19.90"), ("100贴", "35.90")), 5, (1, 1, 2), 0.02),
    Sku("640021987788", "护膝 老寒腿 保暖 自发热", (("单只", "59.00"), ("一对", "99.00")), 3, (1, 1, 2), 0.06),
    Sku("651188230045", "褪黑素维生素B6片 60片", (("60片", "39.00"), ("60片*3瓶", "99.00")), 4, (1, 1, 2), 0.03),
    Sku("651188230077", "蓝莓叶黄素酯片 护眼 60片", (("60片", "59.00"),), 3, (1, 1, 2), 0.03),
    Sku(
        "651188230102",
        "家用医用制氧机 老人 吸氧机",
        (("1L 基础款", "899.00"), ("3L 雾化款", "1599.00")),
        0.6,
        (1,),
        0.06,
    ),
    Sku("587760021412", "新人专享 医用口罩10只 体验装", (("10只装", "1.90"),), 0.0, (1,), 0.01),
)
SKU = {s.sku_id: s for s in SKUS}
PROTEIN, BP_MONITOR, FISH_OIL, MASK, KN95, VITC, CALCIUM, LUTEIN, MELATONIN, TRIAL = (
    "598877120431",
    "620114455901",
    "598877120502",
    "587760021334",
    "587760021390",
    "611203398745",
    "598877120566",
    "651188230077",
    "651188230045",
    "587760021412",
)

NOTES_HONEST = (
    "请尽快发货",
    "保质期要新一点的",
    "送人的，不要放价格单",
    "老人用，麻烦附个说明",
    "放快递柜",
    "放门卫室就行",
    "到了打电话",
    "麻烦包装好一点",
    "周末在家",
    "不要发邮政",
    "能发顺丰吗",
    "多送两包试用装谢谢",
)

HOURS = (
    1.2,
    0.7,
    0.4,
    0.25,
    0.2,
    0.3,
    0.7,
    1.5,
    2.6,
    3.4,
    3.8,
    3.9,
    3.7,
    3.3,
    3.2,
    3.3,
    3.4,
    3.5,
    3.8,
    4.3,
    5.6,
    6.2,
    5.4,
    3.0,
)
WEEKDAY = (1.0, 0.96, 0.98, 1.0, 1.05, 1.18, 1.22)
PROMO_DAYS = {(11, 10): 1.7, (11, 11): 3.2, (11, 12): 1.3, (12, 12): 2.3, (6, 18): 2.3, (3, 8): 1.6}


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
        if r < 0.055:
            return "unpaid_closed"
        if r < 0.085:
            return "cancelled"
        if r < 0.085 + sku.refund:
            return self.rng.choice(("refunded", "refunded", "refunded", "refunding"))
        return "completed"

    def timeline(self, t: datetime, outcome: str, after_receipt: bool = True):
        """(outcome, paid, shipped, received), degraded to what has happened by ``end``."""
        r, end = self.rng, self.end
        if outcome in ("unpaid", "unpaid_closed"):
            return ("unpaid" if end - t < timedelta(minutes=30) else "unpaid_closed"), None, None, None
        paid = t + timedelta(seconds=int(r.choice((r.uniform(4, 90), r.uniform(30, 900), r.uniform(60, 4000)))))
        if paid > end:
            return "unpaid", None, None, None
        if outcome == "cancelled":
            return "cancelled", paid, None, None
        shipped = paid + timedelta(hours=r.choice((r.uniform(2, 20), r.uniform(8, 40), r.uniform(20, 70))))
        if shipped > end or outcome == "paid":
            return "paid", paid, None, None
        if outcome == "refunded" and not after_receipt:
            refund = shipped + timedelta(hours=r.uniform(6, 72))
            return ("refunded" if refund <= end else "refunding"), paid, shipped, None
        received = shipped + timedelta(hours=r.uniform(20, 110))
        if outcome == "refunding":
            return "refunding", paid, shipped, (received if received <= end and r.random() < 0.6 else None)
        if received > end or outcome == "shipped":
            return "shipped", paid, shipped, None
        if outcome == "refunded":
            refund = received + timedelta(hours=r.uniform(10, 150))
            return ("refunded" if refund <= end else "refunding"), paid, shipped, received
        return "completed", paid, shipped, received

    def amount(self, unit: str, qty: int, t: datetime, discount: float = 0.0) -> Decimal:
        total = Decimal(unit) * qty
        r = self.rng
        off = Decimal(0)
        if t.date() in self.promo or r.random() < 0.22:  # 店铺券 / 满减
            if total >= 199:
                off = Decimal(r.choice((20, 25, 30)))
            elif total >= 99:
                off = Decimal(r.choice((5, 10, 10)))
            elif total >= 39:
                off = Decimal(r.choice((3, 5)))
        if r.random() < 0.08 and total > 10:  # 平台补贴 odd cents
            off += Decimal(r.randint(10, 399)) / 100
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
        after_receipt: bool = True,
        amount: Decimal | None = None,
        place=None,
    ) -> ExportOrder:
        t = min(t.replace(microsecond=0), self.end - timedelta(seconds=self.rng.randint(20, 900)))
        sku = SKU[sku_id]
        s_name, unit = sku.specs[spec if spec is not None else self.rng.randrange(len(sku.specs))]
        qty = qty or self.rng.choice(sku.qty)
        outcome, *stamps = self.timeline(t, outcome, after_receipt)
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
        """炸店: two ~hour-long waves; accounts place 1-4 orders each over a few minutes."""
        r = self.rng
        waves = (
            (PROTEIN, 0.62, r.randrange(4, 20), r.choice((19, 20, 21))),
            (BP_MONITOR, 0.38, 0, r.choice((12, 13, 14))),
        )
        previous: list[Buyer] = []
        first_day = None
        for sku_id, share, day_i, hour in waves:
            if first_day is None:
                first_day = day_i
            else:
                day_i = first_day + r.randint(2, 6)
            d = self.days[day_i]
            start = datetime(d.year, d.month, d.day, hour, r.randrange(60))
            span = r.uniform(45, 80)
            want = round(budget * share)
            made = 0
            accounts: list[Buyer] = []
            while made < want:
                if previous and r.random() < 0.35:
                    b = previous.pop(r.randrange(len(previous)))
                else:
                    b = self.buyer(virtual=0.25)
                accounts.append(b)
                t = start + timedelta(minutes=r.triangular(0, span, span * 0.35))
                for _ in range(min(want - made, r.choice((1, 1, 2, 2, 2, 3, 3, 4)))):
                    t += timedelta(seconds=r.randint(15, 240))
                    x = r.random()
                    outcome = "unpaid_closed" if x < 0.64 else "cancelled" if x < 0.88 else "refunded"
                    self.add(b, sku_id, t, outcome, qty=r.choice((1, 1, 1, 2)), label="burst", after_receipt=False)
                    made += 1
            previous = accounts

    def inventory_lock(self, budget: int) -> None:
        """同行恶拍: 3-8x usual quantity on three SKUs, one-off accounts, spread over the month."""
        r = self.rng
        targets = ((BP_MONITOR, (3, 3, 4, 4, 5)), (FISH_OIL, (4, 5, 6, 6, 8)), (PROTEIN, (3, 4, 4, 5, 6)))
        notes = ("单位发福利", "给家里老人多备几盒", "先拍下，晚点付款", "帮亲戚一起买的", "有货吗？先拍", "")
        made = 0
        while made < budget:
            b = self.buyer(virtual=0.15)
            for k in range(1 if r.random() < 0.85 else 2):
                sku_id, qtys = targets[r.randrange(3)] if k == 0 else r.choice(targets)
                if r.random() < 0.45:  # thicker in the days before a promotion
                    p = self.days.index(r.choice(self.promo))
                    d = self.days[max(0, p - r.randint(0, 4))]
                else:
                    d = self.day()
                t = self.when(d)
                outcome = "unpaid_closed" if r.random() < 0.7 else "cancelled"
                self.add(
                    b,
                    sku_id,
                    t,
                    outcome,
                    qty=r.choice(qtys),
                    label="inventory_lock",
                    note=r.choice(notes) if r.random() < 0.3 else "",
                )
                made += 1

    def serial_refund(self, buyers: int) -> None:
        """A handful of buyers, an order every few days, most refunded after receipt."""
        r = self.rng
        pricey = (PROTEIN, "633390017755", "640021987716", BP_MONITOR, FISH_OIL, "620114455873", "640021987788")
        for i in range(buyers):
            b = self.buyer()
            second_phone = self.phone() if i == 0 else None
            office = self.detail(b.street) if i == 1 else None
            day = r.randint(0, 6)
            while day <= 24:
                d = self.days[day]
                t = self.when(d, hour=(b.hour + r.randint(-1, 1)) % 24)
                outcome = "refunded" if r.random() < 0.8 else "completed"
                phone = second_phone if second_phone and r.random() < 0.5 else None
                detail = office if office and r.random() < 0.5 else None
                self.add(b, r.choice(pricey), t, outcome, qty=1, label="serial_refund", phone=phone, detail=detail)
                day += r.randint(3, 7)

    def ring(self, names: int) -> None:
        """A dozen names behind three phones at one flat whose address is typed many ways."""
        r = self.rng
        geo = next(g for g in GEO if g[1] == "郑州市")
        prov, city, dist, street = self.place(geo)
        road, no, comm = r.choice(ROADS), r.randint(10, 300), r.choice(COMMUNITIES)
        bld, unit, room = r.randint(2, 18), r.randint(1, 4), f"{r.randint(5, 26)}0{r.randint(1, 4)}"
        fl, rn = room[:-2], room[-2:]
        variants = (
            f"{road}{no}号{comm}{bld}栋{unit}单元{room}室",
            f"{road}{no}号{comm}{bld}栋{unit}单元{room}".translate(FULLWIDTH),
            f"{comm}{bld}幢{unit}单元{room}",
            f"{comm} {bld} 栋 {unit} 单元  {room}",
            f"{comm}{bld}号楼{unit}单元{room}",
            f"{road}{no}号 {comm}{bld}-{unit}-{room}",
            f"{comm}{bld}栋{fl}楼{rn}",
        )
        phones = [self.phone(prefix="170"), self.phone(virtual=0), self.phone(virtual=0)]
        members = []
        for i in range(names):
            b = Buyer(self.name(), phones[i % 3], prov, city, dist, street, variants[i % len(variants)])
            b.extra = [r.choice(variants)]
            members.append(b)
        light = (VITC, CALCIUM, "620114455873", "611203398712", MELATONIN, LUTEIN)
        day = r.randint(0, 3)
        while day < 29:  # sessions: the operator places orders for several names in one sitting
            d = self.days[day]
            t = self.when(d)
            for b in r.sample(members, r.randint(2, 5)):
                t += timedelta(minutes=r.uniform(1, 25))
                det = b.detail if r.random() < 0.6 else b.extra[0]
                x = r.random()
                outcome = "completed" if x < 0.74 else "refunded" if x < 0.86 else "cancelled"
                sku_id = r.choice(light)
                unit = SKU[sku_id].specs[0][1]
                self.add(
                    b,
                    sku_id,
                    t,
                    outcome,
                    qty=1,
                    spec=0,
                    label="ring",
                    detail=det,
                    amount=_dec(Decimal(unit) * Decimal(r.choice(("0.5", "0.6", "0.7")))),
                )
            day += max(1, round(r.randint(1, 3) / min(1.0, self.scale**0.5)))  # fewer sessions in a smaller shop

    def claim_hunting(self, accounts: int) -> None:
        """职业打假: a team in two cities buying label-attackable supplements, then after-sales."""
        r = self.rng
        cities = [g for g in GEO if g[1] in ("深圳市", "郑州市")]
        targets = (FISH_OIL, LUTEIN, MELATONIN, "620114455873")
        notes = ("请开具正规发票", "需要发票，个人抬头", "发票随货寄出", "请问有蓝帽子标志吗", "保留购物凭证，请开票")
        for i in range(accounts):
            b = self.buyer(geo=cities[i % 2])
            focus = r.sample(targets, 2)
            for _ in range(r.choice((1, 1, 2, 2, 3))):
                t = self.when(self.day(0, 22), hour=r.choice((9, 10, 11, 14, 15, 16, 20, 21)))
                x = r.random()
                outcome = "refunding" if x < 0.55 else "refunded" if x < 0.85 else "completed"
                self.add(
                    b,
                    r.choice(focus),
                    t,
                    outcome,
                    qty=r.choice((2, 2, 3, 4, 5, 6)),
                    spec=0,
                    label="claim_hunting",
                    note=r.choice(notes) if r.random() < 0.6 else "",
                )

    def coupon_abuse(self, budget: int) -> None:
        """薅羊毛: the 新人专享 pack for 0.01 from new accounts of bought number blocks, in batches."""
        r = self.rng
        blocks = []
        for p in ("167", "170", r.choice(PREFIX_MAIN)):
            blocks.append((p + "".join(r.choice("0123456789") for _ in range(4)), r.randint(0, 9000)))
        towns = [g for g in GEO if g[1] in ("赣州市", "揭阳市")]
        made = 0
        first = r.randint(1, 6)
        while made < budget:
            d = self.days[r.randrange(first, len(self.days) - 2)]
            t = self.when(d, hour=r.choice((10, 11, 13, 15, 16, 19, 20, 21, 22, 23)))
            geo = r.choice(towns)
            prov, city, dist, street = geo[0], geo[1], geo[3][0][0], geo[3][0][1][r.randrange(2)]
            for _ in range(min(budget - made, r.randint(4, 12))):
                block, base = r.choice(blocks)
                phone = ""
                while not phone or phone in self.phones:
                    phone = block + f"{(base + r.randrange(0, 700)) % 10000:04d}"
                self.phones.add(phone)
                det = r.choice(
                    (
                        f"{r.choice(VILLAGES)}村{r.randint(1, 12)}组{r.randint(1, 90)}号",
                        f"{street}{r.choice(ROADS)}{r.randint(1, 300)}号{r.choice(SHOPS)}",
                        f"{r.choice(ROADS)}{r.randint(1, 300)}号",
                    )
                )
                b = Buyer(self.name(), phone, prov, city, dist, street, det)
                t += timedelta(minutes=r.uniform(1, 9))
                x = r.random()
                outcome = "completed" if x < 0.82 else "refunded" if x < 0.9 else "unpaid_closed"
                self.add(
                    b,
                    TRIAL,
                    t,
                    outcome,
                    qty=1,
                    label="coupon_abuse",
                    amount=Decimal("0.01") if r.random() < 0.85 else Decimal("1.90"),
                )
                made += 1

    # ================================================================== honest lookalikes
    def flash_sale(self, sku_id: str, buyers: int, pool: list[Buyer], d: date, hour: int, price: str) -> None:
        r = self.rng
        start = datetime(d.year, d.month, d.day, hour, 0, r.randrange(0, 5))
        for _ in range(buyers):
            b = r.choice(pool) if r.random() < 0.3 else self.buyer()
            t = start + timedelta(seconds=min(r.expovariate(1 / 70), 600))
            x = r.random()
            outcome = (
                "completed" if x < 0.8 else "unpaid_closed" if x < 0.9 else "cancelled" if x < 0.94 else "refunded"
            )
            qty = r.choice((1, 1, 1, 2))
            self.add(b, sku_id, t, outcome, qty=qty, lookalike="flash_sale", amount=_dec(Decimal(price) * qty))

    def wholesale(self, buyers: int) -> None:
        r = self.rng
        kinds = (
            ("诊所", MASK, (20, 30, 50, 100)),
            ("药房", KN95, (10, 20, 30)),
            ("养老院", BP_MONITOR, (3, 5, 6, 10)),
            ("科技有限公司", VITC, (10, 20, 30)),
            ("社区团购", CALCIUM, (6, 8, 10, 12)),
            ("健身房", PROTEIN, (3, 4, 5, 6)),
        )
        for _ in range(buyers):
            kind, sku_id, qtys = r.choice(kinds)
            b = self.buyer()
            org = f"{r.choice(ROADS)[:2]}{kind}" if kind != "社区团购" else f"{b.detail[:4]}团长"
            note = r.choice((f"开发票 抬头：{org}", "公司采购，请开票", "批量购买，麻烦尽快发", "", ""))
            for _ in range(r.choice((1, 1, 2, 3))):
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
                    amount=_dec(unit * qty * Decimal("0.9")),
                )

    def families(self, households: int) -> None:
        r = self.rng
        for _ in range(households):
            head = self.buyer()
            members = [head]
            for _ in range(r.choice((1, 1, 2))):
                sur = head.name[0] if r.random() < 0.5 else ""
                nm = self.name()
                nm = sur + nm[1:] if sur and len(nm) > 1 else nm
                phone = head.phone if r.random() < 0.25 else self.phone()
                alt = head.detail + ("室" if r.random() < 0.3 and head.detail[-1].isdigit() else "")
                members.append(Buyer(nm, phone, head.province, head.city, head.district, head.street, alt))
            for m in members:
                fav = self.rng.choices(SKUS, [s.weight for s in SKUS])[0].sku_id
                for _ in range(r.choice((1, 1, 2, 2, 3, 4))):
                    sku = SKU[fav if r.random() < 0.5 else r.choices(SKUS, [s.weight for s in SKUS])[0].sku_id]
                    self.add(
                        m,
                        sku.sku_id,
                        self.when(),
                        self.honest_outcome(sku),
                        lookalike="family",
                        note=self.honest_note(),
                    )

    def returners(self, buyers: int) -> None:
        r = self.rng
        fitted = ("633390017755", "640021987716", "640021987788", PROTEIN, "620114455873")
        for _ in range(buyers):
            b = self.buyer()
            k = r.randint(3, 5)
            refunds = set(r.sample(range(k), 1 if k < 5 or r.random() < 0.5 else 2))
            for i in range(k):
                sku = r.choice(fitted) if i in refunds else r.choices(SKUS, [s.weight for s in SKUS])[0].sku_id
                self.add(
                    b,
                    sku,
                    self.when(self.day(0, 26)),
                    "refunded" if i in refunds else "completed",
                    lookalike="returner",
                    qty=1,
                )

    def invoice_requests(self, buyers: int) -> None:
        r = self.rng
        for _ in range(buyers):
            b = self.buyer()
            org = f"{r.choice(ROADS)[:2]}{r.choice(('科技', '贸易', '建设', '医药', '教育'))}有限公司"
            sku = r.choice((FISH_OIL, LUTEIN, MELATONIN, "620114455873", BP_MONITOR, PROTEIN))
            note = r.choice(
                (f"需要发票，抬头：{org}", "请开具发票，报销用", f"开票 {org} 税号见聊天", "麻烦开个电子发票")
            )
            x = r.random()
            self.add(
                b,
                sku,
                self.when(),
                "completed" if x < 0.9 else "refunded",
                qty=r.choice((1, 2, 2, 3, 4)),
                lookalike="invoice_request",
                note=note,
            )

    def new_customer_deals(self, buyers: int, pool: list[Buyer]) -> None:
        r = self.rng
        for _ in range(buyers):
            b = r.choice(pool) if r.random() < 0.5 else self.buyer()
            x = r.random()
            outcome = "completed" if x < 0.9 else "unpaid_closed" if x < 0.96 else "refunded"
            self.add(
                b,
                TRIAL,
                self.when(),
                outcome,
                qty=1,
                lookalike="new_customer_deal",
                amount=Decimal("0.01") if r.random() < 0.7 else Decimal("1.90"),
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
            b.favourite = r.choices(SKUS, weights)[0].sku_id
            k = r.choices((1, 2, 3, 4, 5, 6, 8), (62, 17, 8, 5, 3, 3, 2))[0]
            if k > 2 and r.random() < 0.12 and not b.extra:  # a second address: office, parents'
                b.extra = [self.detail(b.street)]
            for d in sorted(self.day() for _ in range(min(k, count - made))):
                hour = b.hour if r.random() < 0.55 else None
                t = self.when(d, hour=hour)
                sku = SKU[b.favourite if r.random() < 0.6 else r.choices(SKUS, weights)[0].sku_id]
                detail = None
                if b.extra and r.random() < 0.4:
                    detail = b.extra[0]
                self.add(b, sku.sku_id, t, self.honest_outcome(sku), note=self.honest_note(), detail=detail)
                made += 1


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = _Shop(seed, end, orders)
    r = shop.rng
    attacks = round(orders * ATTACK_SHARE)
    shop.serial_refund(max(3, min(6, round(6 * shop.scale**0.5))))
    shop.ring(max(8, min(12, round(12 * shop.scale**0.5))))
    fixed = len(shop.out)
    rest = max(0, attacks - fixed)
    shop.claim_hunting(max(3, round(rest * 0.07 / 1.8)))
    rest = max(0, attacks - len(shop.out))
    shop.burst(round(rest * 0.42))
    shop.inventory_lock(round(rest * 0.22))
    shop.coupon_abuse(max(1, attacks - len(shop.out)))

    pool = [shop.buyer() for _ in range(max(50, round(orders * 0.55)))]
    big = shop.promo[0]
    shop.flash_sale(MASK, shop.n(360, 20), pool, big, 20, "4.90")
    shop.flash_sale(VITC, shop.n(150, 10), pool, shop.days[r.randrange(3, 28)], r.choice((10, 12, 21)), "9.90")
    shop.wholesale(shop.n(35, 3))
    shop.families(shop.n(60, 4))
    shop.returners(shop.n(20, 2))
    shop.invoice_requests(shop.n(55, 3))
    shop.new_customer_deals(shop.n(150, 5), pool)
    shop.baseline(pool, max(0, orders - len(shop.out)))
    shop.out.sort(key=lambda o: o.ordered_at)
    return shop.out
