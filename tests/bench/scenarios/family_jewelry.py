"""Jewelry shop: silver and small gold pieces, bracelets, earrings, necklaces; small parcels.

Honest traffic peaks in the evening and on 双十一, has repeat buyers, gifts sent to partners,
engraving requests in the buyer note, families sharing an address and frequent 7天无理由 returns.
Attacks: ``burst``, ``inventory_lock``, ``serial_refund``, ``ring`` and the jewelry shop's own
``return_swap`` (one-off accounts buying solid-gold pieces and sending back a plated copy under
7天无理由) and ``brushing`` (刷单 on a newly listed necklace: paid, shipped within the hour as a
near-empty parcel, received fast, no coupon).
"""

import itertools
import random
from datetime import datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder
from tests.bench.scenarios.people_b import (
    FULL,
    HOUR_W,
    PREFIXES,
    SURNAMES,
    VIRTUAL,
    _address_parts,
    _name,
    _person,
    _phone,
    _place,
)

FAMILY = "jewelry"

# sku_id, name, specs with price, usual max quantity
CATALOG = [
    ("JW2001", "S925纯银锁骨链 女 简约百搭", [("45cm", "129.00"), ("40+5cm延长链", "139.00")], 1),
    ("JW2002", "足金999转运珠手链 红绳", [("0.5g", "468.00"), ("1g", "899.00")], 1),
    ("JW2003", "S925银耳钉 小众设计 防过敏", [("一对", "59.00"), ("三对装", "139.00")], 2),
    ("JW2004", "18K金耳钉 小巧 送女友", [("单只", "299.00"), ("一对", "568.00")], 1),
    ("JW2005", "情侣对戒 S925 可刻字", [("女款", "168.00"), ("男款", "188.00"), ("对戒", "328.00")], 1),
    ("JW2006", "足金小金豆 黄金 攒金豆", [("0.3g", "228.00"), ("1g", "738.00")], 2),
    ("JW2007", "天然淡水珍珠项链 强光", [("7-8mm", "259.00"), ("8-9mm", "399.00")], 1),
    ("JW2008", "古法银手镯 足银 可刻字", [("素圈", "239.00"), ("刻字款", "269.00")], 1),
    ("JW2009", "水晶手链 轻奢 闺蜜款", [("银色", "89.00"), ("玫瑰金", "99.00")], 2),
    ("JW2010", "发夹耳夹配饰套装 韩版", [("5件套", "29.90"), ("10件套", "49.90")], 3),
    ("JW2011", "足金3D硬金生肖吊坠", [("龙", "588.00"), ("蛇", "588.00")], 1),
    ("JW2012", "轻奢小众锁骨链 新款 钛钢不褪色", [("金色", "39.90"), ("银色", "39.90")], 2),
]
POPULARITY = [9, 4, 10, 3, 6, 5, 3, 4, 8, 7, 2, 1]


class _Builder:
    def __init__(self, rng: random.Random, end: datetime):
        self.rng = rng
        self.end = end
        self.start = end - timedelta(days=30)
        self.seen: set[str] = set()
        self.out: list[ExportOrder] = []

    def order_no(self, at: datetime) -> str:
        while True:
            no = f"{at:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.seen:
                self.seen.add(no)
                return no

    def add(self, *, who: dict, sku: int, spec: int, qty: int, at: datetime, outcome: str, price=None, **kw):
        rng = self.rng
        at = min(at, self.end - timedelta(seconds=rng.randint(60, 3600))).replace(microsecond=0)
        sku_id, sku_name, specs, _ = CATALOG[sku]
        spec_name, unit = specs[spec]
        amount = (Decimal(price or unit) * qty).quantize(Decimal("0.01"))
        paid_outcomes = ("completed", "refunded", "refunding", "shipped", "paid", "cancelled")
        if price is None and outcome in paid_outcomes and qty == 1 and rng.random() < 0.3:  # store coupon
            amount = max(Decimal("1.00"), amount - rng.choice([Decimal(3), Decimal(5), Decimal(10)]))
        paid = shipped = received = None
        if outcome not in ("unpaid", "unpaid_closed"):
            paid = at + timedelta(seconds=rng.randint(15, 900))
        if outcome in ("shipped", "completed", "refunding", "refunded"):
            shipped = paid + timedelta(hours=kw.pop("ship_delay", None) or rng.uniform(3, 40))
        if outcome in ("completed", "refunded"):
            received = shipped + timedelta(hours=kw.pop("transit", None) or rng.uniform(24, 80))
        # recent orders cannot have finished yet
        if received and received > self.end:
            outcome, received = ("refunding" if outcome == "refunded" else "shipped"), None
        if shipped and shipped > self.end:
            outcome, shipped = "paid", None
        if paid and paid > self.end:
            outcome, paid = "unpaid", None
        if outcome == "unpaid_closed" and at > self.end - timedelta(minutes=30):
            outcome = "unpaid"
        self.out.append(
            ExportOrder(
                order_no=self.order_no(at),
                sku_id=sku_id,
                sku_name=sku_name,
                spec=spec_name,
                quantity=qty,
                amount=amount,
                outcome=outcome,
                ordered_at=at,
                paid_at=paid,
                shipped_at=shipped,
                received_at=received,
                receiver=who["name"],
                phone=who["phone"],
                province=who["place"][0],
                city=who["place"][1],
                district=who["place"][2],
                street=who["place"][3],
                detail=who["detail"],
                label=kw.get("label"),
                lookalike=kw.get("lookalike"),
                buyer_note=kw.get("note", ""),
            )
        )


def _moment(b: _Builder, day_w: list[float]) -> datetime:
    rng = b.rng
    day = rng.choices(range(30), day_w)[0]
    hour = rng.choices(range(24), HOUR_W)[0]
    at = b.start + timedelta(days=day, hours=hour, seconds=rng.randrange(3600))
    at = at.replace(hour=hour)
    return min(at, b.end - timedelta(seconds=rng.randint(60, 7200)))


def _honest_outcome(rng: random.Random) -> str:
    return rng.choices(
        ["completed", "refunded", "cancelled", "unpaid_closed", "refunding", "shipped"],
        [78, 8, 3, 7, 2, 2],
    )[0]


ENGRAVE = ["刻字：LOVE", "刻字 520", "刻：平安喜乐", "刻字 ZX&LY", "刻日期 2026.11.20", "不要刻字", "刻“一生一世”"]
NOTES = ["", "", "", "", "送女朋友的 包装好看点", "礼盒装 不要放发票", "尽量快点发", "手围15cm", "要顺丰"]


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    rng = random.Random(seed)
    b = _Builder(rng, end)
    scale = orders / 20_000
    # Day weights: weekends, a 双十一 peak (or a shop promo day when 11-11 is out of range).
    promo = next((d for d in range(30) if (b.start + timedelta(days=d)).strftime("%m-%d") == "11-11"), None)
    if promo is None:
        promo = rng.randint(5, 24)
    day_w = []
    for d in range(30):
        day = b.start + timedelta(days=d)
        w = 1.25 if day.weekday() >= 5 else 1.0
        if d == promo:
            w *= 4.0
        elif d in (promo - 1, promo + 1):
            w *= 1.6
        day_w.append(w)
    target = round(orders * 0.05)
    budget = {
        "burst": round(target * 0.2),
        "inventory_lock": round(target * 0.17),
        "serial_refund": max(12, round(target * 0.06)),
        "ring": round(target * 0.12),
        "return_swap": round(target * 0.2),
        "brushing": round(target * 0.25),
    }
    _attacks(b, budget, day_w, promo)
    _honest(b, max(0, orders - len(b.out)), day_w, promo, scale)
    b.out.sort(key=lambda o: o.ordered_at)
    return b.out


def _honest(b: _Builder, n: int, day_w: list[float], promo: int, scale: float) -> None:
    rng = b.rng
    made = 0
    # flash sale: a live-stream 金豆 price at 20:00 on the promo night, one order per buyer
    fs_at = b.start + timedelta(days=promo, hours=20)
    for _ in range(round(300 * scale)):
        at = fs_at + timedelta(seconds=rng.expovariate(1 / 200))
        out = rng.choices(["completed", "unpaid_closed", "cancelled", "refunded"], [84, 9, 4, 3])[0]
        b.add(who=_person(rng), sku=5, spec=0, qty=1, at=at, outcome=out, price="199.00", lookalike="flash_sale")
        made += 1
    # wholesale: 摆摊/微商 restocking cheap earrings and hair clips, gold-bean savers; paid
    for _ in range(round(70 * scale)):
        who = _person(rng)
        if rng.random() < 0.7:
            sku, qty = rng.choice([2, 8, 9]), rng.randint(10, 40)
            note = rng.choice(["摆摊进货", "批发 能便宜点吗", "", "店里补货"])
        else:
            sku, qty, note = 5, rng.randint(5, 10), rng.choice(["攒金豆", ""])
        out = rng.choices(["completed", "shipped", "refunded"], [92, 5, 3])[0]
        b.add(who=who, sku=sku, spec=0, qty=qty, at=_moment(b, day_w), outcome=out, lookalike="wholesale", note=note)
        made += 1
    # genuine 7天无理由 returns of pricey gold pieces by one-off buyers
    for _ in range(round(80 * scale)):
        b.add(who=_person(rng), sku=rng.choice([1, 3, 10, 6]), spec=rng.randrange(2), qty=1, at=_moment(b, day_w),
              outcome=rng.choices(["refunded", "refunding"], [85, 15])[0], lookalike="no_reason_return",
              note=rng.choice(["", "", "送人的", "手围14"]))  # fmt: skip
        made += 1
    # influencer drop: a new necklace shown by a blogger; two days of real one-off buyers
    drop = b.start + timedelta(days=rng.randint(3, 12), hours=19)
    for _ in range(round(140 * scale)):
        at = drop + timedelta(hours=rng.expovariate(1 / 14))
        out = rng.choices(["completed", "refunded", "unpaid_closed", "cancelled"], [80, 8, 8, 4])[0]
        b.add(who=_person(rng), sku=11, spec=rng.randrange(2), qty=1, at=at, outcome=out, lookalike="influencer_drop")
        made += 1
    customers: list[tuple[list[dict], bool]] = []
    for _ in range(max(50, round(10000 * scale))):
        base = _person(rng, virtual_share=0.05)
        members = [base]
        family = rng.random() < 0.06
        if family:
            for _ in range(rng.randint(1, 2)):
                m = dict(base)
                m["name"] = (base["name"][0] if rng.random() < 0.5 else rng.choice(SURNAMES)) + _name(rng)[1:]
                m["phone"] = _phone(rng) if rng.random() < 0.85 else base["phone"]
                members.append(m)
        customers.append((members, family))
    cum = list(itertools.accumulate(rng.paretovariate(1.8) for _ in customers))
    partners = [_person(rng) for _ in range(400)]
    while made < n:
        members, family = rng.choices(customers, cum_weights=cum)[0]
        who = rng.choice(members)
        sku = rng.choices(range(len(CATALOG)), POPULARITY)[0]
        note = rng.choice(ENGRAVE) if sku in (4, 7) and rng.random() < 0.6 else rng.choice(NOTES)
        if rng.random() < 0.1:  # gift shipped to a partner or parent
            who = dict(rng.choice(partners))
            note = rng.choice(["礼物 不要放价签", "送妈妈的生日礼物", "纪念日礼物 帮忙写贺卡", note])
        qty = 1 if rng.random() < 0.85 else rng.randint(1, CATALOG[sku][3])
        b.add(who=who, sku=sku, spec=rng.randrange(len(CATALOG[sku][2])), qty=qty, at=_moment(b, day_w),
              outcome=_honest_outcome(rng), lookalike="family" if family else None, note=note)  # fmt: skip
        made += 1


def _attacks(b: _Builder, budget: dict, day_w: list[float], promo: int) -> None:
    rng = b.rng
    # burst: accounts scattered nationwide with own phones hit the crystal bracelet late at
    # night over ~2 hours on two nights, 1-3 orders each, mixed colours, some with a fake
    # engraving note; ~30% pay and cancel before shipping so it is not all unpaid.
    n, made = budget["burst"], 0
    nights = [b.start + timedelta(days=d, hours=23, minutes=rng.randint(0, 30)) for d in rng.sample(range(2, 27), 2)]
    while made < n:
        who = _person(rng, virtual_share=0.3)
        t = rng.choice(nights) + timedelta(minutes=rng.uniform(0, 120))
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            out = rng.choices(["unpaid_closed", "cancelled", "completed"], [66, 30, 4])[0]
            note = rng.choice(ENGRAVE) if rng.random() < 0.1 else ""
            b.add(who=who, sku=8, spec=rng.randrange(2), qty=1, at=t, outcome=out, label="burst", note=note)
            made += 1
            t += timedelta(seconds=rng.randint(30, 600))
    # inventory_lock: 3-6 per order (usual 1) on gold beans, 18K earrings and pearls, one-off
    # accounts at ordinary hours all month, sometimes an engraving/gift note to look real.
    for _ in range(budget["inventory_lock"]):
        sku = rng.choice([5, 3, 6])
        out = rng.choices(["unpaid_closed", "cancelled"], [80, 20])[0]
        note = rng.choice(["", "", "", "公司年会奖品", "送客户的 先拍"])
        b.add(who=_person(rng, virtual_share=0.2), sku=sku, spec=rng.randrange(2), qty=rng.randint(3, 6),
              at=_moment(b, day_w), outcome=out, label="inventory_lock", note=note)  # fmt: skip
    # serial_refund: 4-5 buyers, an order every ~6 days, 7天无理由 returns of mid-price pieces
    # (one order kept), notes like a real buyer's size/colour worry.
    left = budget["serial_refund"]
    while left > 0:
        who = _person(rng)
        k = min(left, rng.randint(4, 6))
        step = rng.uniform(4.5, 5.8)
        day = rng.uniform(0, max(0.5, 29 - step * (k - 1)))
        for i in range(k):
            at = b.start + timedelta(days=day, hours=rng.choice([11, 20, 21, 22, 23]), minutes=rng.randint(0, 59))
            out = "completed" if i == 2 else rng.choices(["refunded", "refunding"], [85, 15])[0]
            b.add(who=who, sku=rng.choice([0, 3, 4, 6, 7]), spec=0, qty=1, at=at, outcome=out,
                  label="serial_refund", note=rng.choice(["", "", "手围15.5", "颜色别太黄"]))  # fmt: skip
            day += step + rng.uniform(-1, 1)
        left -= k
    # ring: 12 names behind 3 phones at one flat written several ways (全角 digits, 幢/栋/号楼,
    # spaces), taking the new-buyer price on earrings and gold beans to resell; 1-2 orders a name.
    road, no, estate, bld, unit, room = _address_parts(rng)
    place = _place(rng)
    forms = [
        f"{road}{no}号{estate}{bld}栋{unit}单元{room}室",
        f"{road}{no}号{estate}{bld}幢{unit}单元{room}",
        f"{estate} {bld} 号楼 {unit}单元 {room}",
        f"{road}{no}号{estate}{bld}栋{unit}-{room}".translate(FULL),
        f"{estate}{bld}栋{room}",
        f"{road}{no}号  {estate}{bld}幢{room}室",
    ]
    phones = [_phone(rng, rng.choice(VIRTUAL)), _phone(rng), _phone(rng, rng.choice(VIRTUAL))]
    names = [_name(rng) for _ in range(12)]
    for _ in range(budget["ring"]):
        who = {"name": rng.choice(names), "phone": rng.choice(phones), "place": place, "detail": rng.choice(forms)}
        sku = rng.choice([2, 5, 9])
        price = {2: "19.90", 5: "168.00", 9: "9.90"}[sku]
        out = rng.choices(["completed", "shipped", "unpaid_closed", "refunded"], [80, 6, 10, 4])[0]
        b.add(who=who, sku=sku, spec=0, qty=1, at=_moment(b, day_w), outcome=out, price=price, label="ring")
    # return_swap: one-off accounts buy solid-gold pieces, keep them ~5-7 days, return a plated
    # copy under 7天无理由 (refunded). Phones come from three bought number batches (same first
    # seven digits), addresses are ordinary and spread nationwide, timing follows normal traffic.
    batches = [f"{rng.choice(PREFIXES)}{rng.randrange(10**4):04d}" for _ in range(3)]
    for _ in range(budget["return_swap"]):
        who = _person(rng)
        if rng.random() < 0.7:
            who["phone"] = rng.choice(batches) + f"{rng.randrange(10**4):04d}"
        out = rng.choices(["refunded", "refunding", "completed"], [75, 18, 7])[0]
        b.add(who=who, sku=rng.choice([1, 1, 10, 3, 5]), spec=1, qty=1, at=_moment(b, day_w), outcome=out,
              label="return_swap", note=rng.choice(["", "", "", "要证书", "要发票和检测证书"]))  # fmt: skip
    # brushing: 刷单 for the new necklace over six evenings; distinct buyers, normal names and
    # addresses, full price, shipped within 1-2 h of payment (empty parcel), received fast.
    start = b.start + timedelta(days=rng.randint(14, 20))
    for _ in range(budget["brushing"]):
        at = start + timedelta(days=rng.randrange(6), hours=rng.choice([19, 20, 21, 22]), minutes=rng.uniform(0, 59))
        out = rng.choices(["completed", "shipped"], [93, 7])[0]
        b.add(who=_person(rng), sku=11, spec=rng.randrange(2), qty=1, at=at, outcome=out, price="39.90",
              ship_delay=rng.uniform(0.3, 2), transit=rng.uniform(12, 30), label="brushing")  # fmt: skip
