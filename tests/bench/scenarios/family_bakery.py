"""Bakery shop: cakes, bread, mooncakes and pastry gift boxes, cold-chain or ambient.

Honest traffic has an evening peak, weekend and festival bumps (中秋/双十一 gift boxes), repeat
customers, gift orders to other addresses and families sharing an address. Attacks: ``burst``,
``inventory_lock``, ``serial_refund``, ``ring`` and the bakery's own ``spoilage_claim`` (one-off
accounts claiming a melted/mouldy cake for 仅退款 hours after receipt) and ``price_error_grab``
(羊毛党 sweeping a mispriced gift box at the per-order limit before the merchant notices).
"""

import itertools
import random
from datetime import datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder
from tests.bench.scenarios.people_b import (
    FULL,
    HOUR_W,
    ROADS,
    SURNAMES,
    VIRTUAL,
    _address_parts,
    _name,
    _person,
    _phone,
    _place,
)

FAMILY = "bakery"

# sku_id, name, specs with price, usual max quantity
CATALOG = [
    ("BK1001", "动物奶油生日蛋糕 冷链配送", [("6寸", "128.00"), ("8寸", "168.00"), ("10寸", "238.00")], 1),
    ("BK1002", "北海道手撕吐司 早餐面包整箱", [("400g*2袋", "29.90"), ("400g*4袋", "52.80")], 3),
    ("BK1003", "广式月饼礼盒 中秋送礼", [("6饼4味", "88.00"), ("8饼8味", "138.00")], 2),
    ("BK1004", "流心奶黄月饼 港式", [("6枚装", "59.90"), ("12枚装", "109.00")], 2),
    ("BK1005", "糕点礼盒 中式点心 老字号", [("1000g礼盒", "79.00"), ("1500g礼盒", "109.00")], 2),
    ("BK1006", "全麦欧包 无蔗糖 代餐", [("6个装", "35.80"), ("10个装", "55.80")], 3),
    ("BK1007", "蛋黄酥 雪媚娘 网红零食", [("6枚", "26.90"), ("12枚", "45.90")], 3),
    ("BK1008", "提拉米苏 冷冻慕斯蛋糕", [("4寸*2", "69.00"), ("6寸", "99.00")], 2),
    ("BK1009", "法式可颂 牛角包 半成品", [("10个", "32.90"), ("20个", "58.00")], 3),
    ("BK1010", "坚果曲奇饼干 铁盒", [("500g", "49.90"), ("800g", "75.00")], 3),
]
POPULARITY = [6, 10, 5, 4, 5, 7, 9, 3, 6, 5]


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
            shipped = paid + timedelta(hours=rng.uniform(3, 30))
        if outcome in ("completed", "refunded"):
            received = shipped + timedelta(hours=kw.pop("transit", None) or rng.uniform(18, 60))
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
        [84, 4, 3, 6, 1, 2],
    )[0]


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    rng = random.Random(seed)
    b = _Builder(rng, end)
    scale = orders / 20_000
    # Day weights: weekends, a festival gift-box week, a 双十一-style promo day.
    day_w = []
    festival = rng.randint(8, 18)
    for d in range(30):
        day = b.start + timedelta(days=d)
        w = 1.3 if day.weekday() >= 5 else 1.0
        if festival <= d < festival + 5:
            w *= 1.8
        day_w.append(w)
    attacks_target = round(orders * 0.05)
    budget = {
        "burst": round(attacks_target * 0.22),
        "inventory_lock": round(attacks_target * 0.18),
        "serial_refund": max(12, round(attacks_target * 0.05)),
        "ring": round(attacks_target * 0.13),
        "spoilage_claim": round(attacks_target * 0.17),
        "price_error_grab": round(attacks_target * 0.25),
    }

    _attacks(b, budget, day_w, festival)
    honest_n = max(0, orders - len(b.out))
    _honest(b, honest_n, day_w, festival, scale)
    b.out.sort(key=lambda o: o.ordered_at)
    return b.out


def _honest(b: _Builder, n: int, day_w: list[float], festival: int, scale: float) -> None:
    rng = b.rng
    made = 0
    # flash sale: hundreds of one-order buyers on one SKU within minutes, mostly paid and received
    fs_at = b.start + timedelta(days=rng.randint(3, 25), hours=20)
    for _ in range(round(320 * scale)):
        at = fs_at + timedelta(seconds=rng.expovariate(1 / 150))
        out = rng.choices(["completed", "unpaid_closed", "cancelled", "refunded"], [86, 8, 4, 2])[0]
        b.add(who=_person(rng), sku=6, spec=0, qty=1, at=at, outcome=out, price="9.90", lookalike="flash_sale")
        made += 1
    # wholesale: companies/teams buying boxes for staff, paying
    for _ in range(round(70 * scale)):
        who = _person(rng)
        who["detail"] = rng.choice(["科技园", "产业园", "大厦", "写字楼"]) + f"{rng.randint(2, 28)}楼前台"
        sku = rng.choice([2, 3, 4, 9])
        note = rng.choice(["公司中秋福利，需要开发票", "员工福利团购 统一发", "", "开会用 麻烦尽快发"])
        at = _moment(b, day_w)
        out = rng.choices(["completed", "shipped", "refunded"], [92, 5, 3])[0]
        b.add(who=who, sku=sku, spec=rng.randrange(2), qty=rng.randint(8, 30), at=at, outcome=out,
              lookalike="wholesale", note=note)  # fmt: skip
        made += 1
    # honest genuine spoilage complaints: single orders refunded after receipt, slow transit
    for _ in range(round(60 * scale)):
        at = _moment(b, day_w)
        b.add(who=_person(rng), sku=rng.choice([0, 7]), spec=rng.randrange(2), qty=1, at=at, outcome="refunded",
              transit=rng.uniform(60, 110), lookalike="spoiled_in_transit",
              note=rng.choice(["", "请用冰袋", "晚上送到"]))  # fmt: skip
        made += 1
    # customer pool, some households share an address (family), repeat buyers
    customers: list[tuple[list[dict], bool]] = []
    for _ in range(max(50, round(9000 * scale))):
        base = _person(rng, virtual_share=0.05)
        members = [base]
        family = rng.random() < 0.07
        if family:
            for _ in range(rng.randint(1, 2)):
                m = dict(base)
                m["name"] = (base["name"][0] if rng.random() < 0.6 else rng.choice(SURNAMES)) + _name(rng)[1:]
                m["phone"] = _phone(rng) if rng.random() < 0.8 else base["phone"]
                members.append(m)
        customers.append((members, family))
    cum = list(itertools.accumulate(rng.paretovariate(1.6) for _ in customers))
    gift_pool = [_person(rng) for _ in range(300)]
    while made < n:
        members, family = rng.choices(customers, cum_weights=cum)[0]
        who = rng.choice(members)
        note = ""
        d = rng.choices(range(30), day_w)[0]
        if festival <= d < festival + 5 and rng.random() < 0.5:
            sku = rng.choice([2, 3, 4])
        else:
            sku = rng.choices(range(len(CATALOG)), POPULARITY)[0]
        if rng.random() < 0.08:  # gift to someone else's address
            g = rng.choice(gift_pool)
            who = dict(g, name=g["name"])
            note = rng.choice(["送人的 不要放价格单", "生日礼物，请写贺卡：生日快乐", "送长辈", "礼品 勿放发票"])
        elif sku == 0:
            note = rng.choice(["", "", "蜡烛数字18", "写：生日快乐宝贝", "下午三点前送到", "少放糖"])
        maxq = CATALOG[sku][3]
        qty = 1 if rng.random() < 0.7 else rng.randint(1, maxq)
        at = b.start + timedelta(days=d, hours=rng.choices(range(24), HOUR_W)[0], seconds=rng.randrange(3600))
        at = min(at, b.end - timedelta(seconds=rng.randint(60, 3600)))
        b.add(who=who, sku=sku, spec=rng.randrange(len(CATALOG[sku][2])), qty=qty, at=at,
              outcome=_honest_outcome(rng), lookalike="family" if family else None, note=note)  # fmt: skip
        made += 1


def _attacks(b: _Builder, budget: dict, day_w: list[float], festival: int) -> None:
    rng = b.rng
    # burst: two waves on the festival eve; accounts scattered nationwide with own phones,
    # each ordering 1-4 times on the birthday cake in mixed sizes, and a few also a cheap
    # decoy item; ~20% pay then cancel, a handful even pay and receive, the rest left unpaid.
    n = budget["burst"]
    wave_starts = [
        b.start + timedelta(days=festival - 1, hours=19, minutes=rng.randint(0, 50)),
        b.start + timedelta(days=festival + 2, hours=10, minutes=rng.randint(0, 50)),
    ]
    made = 0
    while made < n:
        who = _person(rng, virtual_share=0.35)
        wave = rng.choice(wave_starts)
        t = wave + timedelta(minutes=rng.uniform(0, 75))
        for _ in range(rng.choice([1, 2, 2, 3, 4])):
            out = rng.choices(["unpaid_closed", "cancelled", "completed"], [72, 24, 4])[0]
            b.add(who=who, sku=0, spec=rng.randrange(3), qty=1, at=t, outcome=out, label="burst")
            made += 1
            t += timedelta(seconds=rng.randint(20, 400))
        if rng.random() < 0.2:
            b.add(who=who, sku=6, spec=0, qty=1, at=t, outcome="unpaid_closed", label="burst")
            made += 1
    # inventory_lock: limited mooncake boxes / tiramisu locked 5-12 per order (usual 1-2),
    # one-off accounts through the month at ordinary hours, some with a plausible company note.
    for _ in range(budget["inventory_lock"]):
        who = _person(rng, virtual_share=0.25)
        sku = rng.choice([2, 3, 7])
        note = rng.choice(["", "", "", "公司发福利 先拍下", "团购 晚点付"])
        out = rng.choices(["unpaid_closed", "cancelled"], [75, 25])[0]
        b.add(who=who, sku=sku, spec=rng.randrange(2), qty=rng.randint(5, 12), at=_moment(b, day_w), outcome=out,
              label="inventory_lock", note=note)  # fmt: skip
    # serial_refund: a few buyers, weekly pace, mixed SKUs, most refunded after receipt
    # (仅退款 claiming mould/squashed), interleaved with a genuine completed order.
    left = budget["serial_refund"]
    while left > 0:
        who = _person(rng)
        k = min(left, rng.randint(4, 6))
        step = rng.uniform(4, 5.5)
        day = rng.uniform(0, max(0.5, 29 - step * (k - 1)))
        for i in range(k):
            at = b.start + timedelta(days=day, hours=rng.choice([12, 13, 20, 21, 22]), minutes=rng.randint(0, 59))
            out = "completed" if i == 1 else rng.choices(["refunded", "refunding"], [85, 15])[0]
            b.add(who=who, sku=rng.choice([0, 4, 5, 7, 8]), spec=0, qty=1, at=at, outcome=out, label="serial_refund",
                  note=rng.choice(["", "", "上次的有点压坏了"]))  # fmt: skip
            day += step + rng.uniform(-1, 1)
        left -= k
    # ring: 12 names behind 3 phones at one flat written many ways; new-user-coupon cheap
    # orders (cookies/egg-yolk pastry), mostly received, spread over the month.
    parts = _address_parts(rng)
    road, no, estate, bld, unit, room = parts
    place = _place(rng)
    forms = [
        f"{road}{no}号{estate}{bld}栋{unit}单元{room}室",
        f"{road}{no}号{estate}{bld}幢{unit}单元{room}",
        f"{road} {no}号  {estate}{bld}号楼{unit}单元{room}",
        f"{estate}{bld}栋{unit}-{room}",
        f"{road}{no}号{estate}{bld}栋{unit}单元{room}室".translate(FULL),
        f"{estate}　{bld}栋{room}室 {road}{no}号",
    ]
    phones = [_phone(rng, rng.choice(VIRTUAL)), _phone(rng), _phone(rng)]
    names = [_name(rng) for _ in range(12)]
    for _ in range(budget["ring"]):
        who = {"name": rng.choice(names), "phone": rng.choice(phones), "place": place, "detail": rng.choice(forms)}
        out = rng.choices(["completed", "shipped", "unpaid_closed"], [85, 5, 10])[0]
        b.add(who=who, sku=rng.choice([6, 9, 1]), spec=0, qty=1, at=_moment(b, day_w), outcome=out,
              price=rng.choice(["9.90", "12.90", "6.90"]), label="ring")  # fmt: skip
    # spoilage_claim: competitors' one-off accounts buy the priciest cakes and file 仅退款
    # 2-8 hours after receipt with a "melted/mouldy" note; spread over the festival fortnight.
    for _ in range(budget["spoilage_claim"]):
        who = _person(rng, virtual_share=0.2)
        at = b.start + timedelta(days=rng.uniform(max(0, festival - 5), min(29, festival + 9)),
                                 hours=rng.uniform(0, 4))  # fmt: skip
        at = at.replace(hour=rng.choices(range(24), HOUR_W)[0])
        b.add(who=who, sku=rng.choice([0, 0, 7, 2]), spec=rng.choice([1, 1, 0]), qty=1, at=at,
              outcome=rng.choices(["refunded", "refunding"], [80, 20])[0], label="spoilage_claim",
              note=rng.choice(["", "", "到了要新鲜的", "冷链要保证"]))  # fmt: skip
    # price_error_grab: a gift box mispriced at 8.80 for ~2 hours one night; 羊毛党 accounts
    # each take the per-order limit (2) up to 3 times to addresses in a few 集运/驿站 hubs,
    # all paid; the merchant cancels most, the first ones already shipped.
    n = budget["price_error_grab"]
    glitch = b.start + timedelta(days=rng.randint(2, 26), hours=1, minutes=rng.randint(0, 40))
    hubs = [(_place(rng), rng.choice(["菜鸟驿站", "快递代收点", "丰巢柜"])) for _ in range(4)]
    made = 0
    while made < n:
        who = _person(rng, virtual_share=0.3)
        place, hub = rng.choice(hubs)
        who["place"] = place
        who["detail"] = f"{rng.choice(ROADS)}{rng.randint(1, 300)}号{hub}" + rng.choice(
            ["", "代收", f" {rng.randint(1, 99)}号"]
        )
        for _ in range(rng.choice([1, 2, 3])):
            at = glitch + timedelta(minutes=rng.uniform(0, 130))
            out = "completed" if at < glitch + timedelta(minutes=20) and rng.random() < 0.5 else "cancelled"
            b.add(who=who, sku=4, spec=1, qty=2, at=at, outcome=out, price="8.80", label="price_error_grab")
            made += 1
