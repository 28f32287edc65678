"""Realistic Pinduoduo-style export rows: normal shoppers plus the attack shapes Shield exists for.

Used by `manage.py seed_demo`, by tests that need a real-looking export, and by the
benchmarks' file generators. Every row is a dict keyed by the PDD export's own Chinese
headers; ``_attack`` labels the rows an attack produced (empty for normal shoppers), so a
detection benchmark can score itself.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕鹏辉宇浩然子轩梓涵一诺欣怡思远"
REGIONS = [
    ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"]),
    ("广东省", "广州市", ["天河区", "海珠区", "白云区", "番禺区"]),
    ("浙江省", "杭州市", ["西湖区", "余杭区", "滨江区", "萧山区"]),
    ("江苏省", "南京市", ["鼓楼区", "江宁区", "玄武区"]),
    ("江苏省", "苏州市", ["姑苏区", "吴中区", "工业园区"]),
    ("上海", "上海市", ["浦东新区", "闵行区", "徐汇区", "宝山区"]),
    ("北京", "北京市", ["朝阳区", "海淀区", "丰台区"]),
    ("四川省", "成都市", ["武侯区", "锦江区", "成华区", "双流区"]),
    ("湖北省", "武汉市", ["洪山区", "江汉区", "武昌区"]),
    ("河南省", "郑州市", ["金水区", "二七区", "中原区"]),
    ("山东省", "青岛市", ["市南区", "黄岛区", "崂山区"]),
    ("福建省", "厦门市", ["思明区", "湖里区", "集美区"]),
    ("湖南省", "长沙市", ["岳麓区", "雨花区", "开福区"]),
    ("陕西省", "西安市", ["雁塔区", "未央区", "碑林区"]),
]
STREETS = ["人民路", "建设路", "中山路", "解放大道", "科技园南路", "文化路", "幸福里", "滨河路", "新华街", "和平路"]
SKUS = [
    ("100238471", "维达抽纸 3层120抽*24包 整箱", ["24包", "12包"], "39.90"),
    ("100238472", "蓝月亮洗衣液 深层洁净 3kg*2瓶", ["3kg*2", "1kg*4"], "59.90"),
    ("100238473", "iPhone15 手机壳 磁吸透明防摔", ["透明", "磨砂黑", "紫色"], "12.80"),
    ("100238474", "皇家猫粮 成猫通用粮 2kg", ["2kg", "4kg"], "129.00"),
    ("100238475", "农夫山泉 饮用天然水 550ml*24瓶", ["24瓶"], "28.50"),
    ("100238476", "电动牙刷 成人声波 软毛 送刷头", ["白色", "粉色"], "69.00"),
    ("100238477", "冬季加厚羽绒服 男女同款 90白鸭绒", ["M", "L", "XL", "XXL"], "299.00"),
    ("100238478", "智能手环 心率血氧监测 运动防水", ["黑色", "银色"], "149.00"),
    ("100238479", "红富士苹果 5斤装 新鲜水果", ["5斤", "10斤"], "25.80"),
    ("100238480", "儿童保温杯 316不锈钢 带吸管", ["蓝色", "粉色"], "45.00"),
]
PICKUP_POINTS = ["菜鸟驿站", "妈妈驿站", "兔喜生活", "快递超市"]
# The new-customer trial pack 羊毛党 farm (not in ``SKUS``: ordinary shoppers rarely pick it).
TRIAL_SKU = ("100238490", "新人专享 洗衣凝珠试用装 10颗", ["10颗"], "4.90")


@dataclass
class Buyer:
    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    address: str


class DemoExport:
    """A deterministic stream of PDD export rows over ``days`` days ending at ``end``."""

    def __init__(self, *, seed: int = 7, end: datetime, days: int = 30, order_prefix: str = ""):
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=days)
        self.prefix = order_prefix
        self.serial = 0

    # -- people -------------------------------------------------------------------------
    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))

    def phone(self) -> str:
        return self.rng.choice(["13", "15", "17", "18", "19"]) + "".join(self.rng.choices("0123456789", k=9))

    def place(self) -> tuple[str, str, str, str, str]:
        province, city, districts = self.rng.choice(REGIONS)
        district = self.rng.choice(districts)
        street = self.rng.choice(STREETS)
        detail = f"{street}{self.rng.randint(1, 999)}号{self.rng.randint(1, 30)}栋{self.rng.randint(101, 2808)}室"
        return province, city, district, street, detail

    def buyer(self) -> Buyer:
        province, city, district, street, detail = self.place()
        return Buyer(self.name(), self.phone(), province, city, district, street, f"{province}{city}{district}{detail}")

    # -- orders -------------------------------------------------------------------------
    def order_no(self, at: datetime) -> str:
        self.serial += 1
        return f"{self.prefix}{at:%y%m%d}-{self.serial:015d}"

    def row(
        self,
        buyer: Buyer,
        at: datetime,
        *,
        sku=None,
        quantity: int = 1,
        fate: str = "normal",
        attack: str = "",
    ) -> dict[str, str]:
        sku_id, title, specs, price = sku or self.rng.choice(SKUS)
        paid = f"{Decimal(price) * quantity:.2f}"
        row = {
            "订单号": self.order_no(at),
            "商品": title,
            "商品id": sku_id,
            "商品规格": self.rng.choice(specs),
            "商品数量(件)": str(quantity),
            "用户实付金额(元)": paid,
            "商家实收金额(元)": paid,
            "订单成交时间": f"{at:%Y-%m-%d %H:%M:%S}",
            "支付时间": f"{at + timedelta(seconds=self.rng.randint(5, 120)):%Y-%m-%d %H:%M:%S}",
            "发货时间": "",
            "确认收货时间": "",
            "订单状态": "待发货",
            "售后状态": "无售后或售后取消",
            "收货人": buyer.name,
            "手机": buyer.phone,
            "省": buyer.province,
            "市": buyer.city,
            "区": buyer.district,
            "街道": buyer.street,
            "收货地址": buyer.address,
            "商家备注": "",
            "买家留言": "",
            "_attack": attack,
        }
        # Every row draws the same numbers whatever its age, so the stream (and with it who orders
        # what, with which fate) does not depend on the hour the demo is generated at.
        ship_hours, receipt_days, refunded = self.rng.randint(2, 30), self.rng.randint(2, 5), self.rng.random() < 0.03
        age = self.end - at
        if fate == "cancel":
            row["订单状态"] = "已取消"
        elif fate == "refund":
            row["订单状态"] = "已取消"
            row["售后状态"] = "退款成功"
        elif fate == "normal" and age > timedelta(days=2):
            shipped = at + timedelta(hours=ship_hours)
            row["发货时间"] = f"{shipped:%Y-%m-%d %H:%M:%S}"
            if age > timedelta(days=6):
                row["订单状态"] = "已收货"
                row["确认收货时间"] = f"{shipped + timedelta(days=receipt_days):%Y-%m-%d %H:%M:%S}"
            else:
                row["订单状态"] = "已发货，待收货"
            if refunded:
                row["售后状态"] = "退款成功"
        return row

    def moment(self) -> datetime:
        span = (self.end - self.start).total_seconds()
        # Shoppers order mostly in the day and the evening.
        at = self.start + timedelta(seconds=self.rng.random() * span)
        # Drawn for every order, not only for night-time ones (see ``row``).
        move_to_day = self.rng.random() < 0.7
        if at.hour < 8 and move_to_day:
            at += timedelta(hours=10)
        return at if at <= self.end else at - timedelta(days=1)

    # -- the shapes ---------------------------------------------------------------------
    def normal_orders(self, count: int) -> Iterator[dict[str, str]]:
        """Ordinary shoppers: most order once or twice, a few are loyal repeat buyers."""
        pool = [self.buyer() for _ in range(max(1, count // 2))]
        for _ in range(count):
            buyer = self.rng.choice(pool)
            fate = "cancel" if self.rng.random() < 0.03 else "normal"
            yield self.row(buyer, self.moment(), quantity=self.rng.choice([1, 1, 1, 1, 2, 3]), fate=fate)

    def shop_bombing(
        self, *, orders: int = 60, accounts: int = 3, minutes: int = 10, start: datetime | None = None, live=False
    ) -> Iterator[dict[str, str]]:
        """炸店: a few accounts flood one SKU within minutes (from ``start``, else a random moment),
        then cancel or refund; a ``live`` one is still under way: its orders all wait to ship."""
        sku = self.rng.choice(SKUS)
        buyers = [self.buyer() for _ in range(accounts)]
        start = start or self.moment() - timedelta(minutes=minutes)
        for _ in range(orders):
            at = start + timedelta(seconds=self.rng.random() * minutes * 60)
            fate = self.rng.choice(["cancel", "refund", "pending"])
            fate = "pending" if live else fate
            yield self.row(
                self.rng.choice(buyers), at, sku=sku, quantity=self.rng.randint(1, 3), fate=fate, attack="burst"
            )

    def inventory_lock(self, *, orders: int = 12, accounts: int = 4) -> Iterator[dict[str, str]]:
        """同行恶拍: linked accounts (one address) lock stock with bulk orders they cancel."""
        sku = self.rng.choice(SKUS)
        base = self.buyer()
        buyers = [
            Buyer(self.name(), self.phone(), base.province, base.city, base.district, base.street, base.address)
            for _ in range(accounts)
        ]
        for _ in range(orders):
            fate = self.rng.choice(["cancel", "pending"])
            yield self.row(
                self.rng.choice(buyers),
                self.moment(),
                sku=sku,
                quantity=self.rng.randint(20, 99),
                fate=fate,
                attack="inventory_lock",
            )

    def serial_refunder(self, *, orders: int = 10) -> Iterator[dict[str, str]]:
        """仅退款 abuser: one buyer whose orders nearly all end in a refund."""
        buyer = self.buyer()
        for index in range(orders):
            fate = "refund" if index < orders - 1 else "pending"
            yield self.row(buyer, self.moment(), fate=fate, attack="serial_refund")

    def ring(self, *, accounts: int = 6, orders: int = 18) -> Iterator[dict[str, str]]:
        """One person, many accounts: names differ, phones and a pickup-point address repeat."""
        province, city, district, street, _ = self.place()
        point = f"{province}{city}{district}{street}{self.rng.choice(PICKUP_POINTS)}{self.rng.randint(1, 99)}号"
        phones = [self.phone() for _ in range(2)]
        buyers = [
            Buyer(self.name(), self.rng.choice(phones), province, city, district, street, point)
            for _ in range(accounts)
        ]
        for _ in range(orders):
            yield self.row(
                self.rng.choice(buyers),
                self.moment(),
                quantity=self.rng.randint(1, 5),
                fate=self.rng.choice(["cancel", "refund", "pending"]),
                attack="ring",
            )

    def coupon_farm(self, *, accounts: int = 14) -> Iterator[dict[str, str]]:
        """羊毛党: fresh accounts take the cheap trial pack once each to one pickup point, over two
        evenings (the last one recent enough that its orders still wait to ship)."""
        province, city, district, street, _ = self.place()
        point = f"{province}{city}{district}{street}{self.rng.choice(PICKUP_POINTS)}{self.rng.randint(1, 99)}号"
        evenings = [self.moment(), self.end - timedelta(hours=self.rng.randint(3, 20))]
        for index in range(accounts):
            buyer = Buyer(self.name(), self.phone(), province, city, district, street, point)
            at = min(evenings[index % 2] + timedelta(minutes=self.rng.randint(0, 90)), self.end)
            yield self.row(buyer, at, sku=TRIAL_SKU, attack="coupon_farm")

    def rows(self, normal: int) -> list[dict[str, str]]:
        """``normal`` ordinary orders plus a few of each attack, in time order."""
        rows = list(self.normal_orders(normal))
        for _ in range(max(1, normal // 1500)):
            rows += self.shop_bombing()
            rows += self.inventory_lock()
            rows += self.serial_refunder()
            rows += self.ring()
            rows += self.coupon_farm()
        rows.sort(key=lambda row: row["订单成交时间"])
        return rows
