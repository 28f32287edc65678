"""Mother & baby shop (母婴店): diapers by size, formula by stage, wipes by the pack, bottles, food.

Honest traffic follows the baby: parents re-buy diapers every 2-4 weeks (the size moving up as the
baby grows) and formula every 1-3 weeks, mostly in the late-night feeding hours; grandparents send
parcels to their children's homes; payday (10th / 15th) lifts one-off buying. Honest look-alikes:
a 20:00 flash sale, 母婴店 / 托育 wholesale, families sharing one address, size exchanges (wrong
size refunded, next size re-ordered) and grandparents gifting to several homes.

Attacks (about 5%): burst (炸店), inventory_lock (同行恶拍 on formula in short supply),
serial_refund, ring, and this family's own ``trial_farm`` (羊毛党 farming the new-customer
trial pack with throwaway accounts, shipped to a few parcel stations under varying names).
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "baby"

_CENT = Decimal("0.01")

# ---------------------------------------------------------------- catalogue
# (sku_id, name, spec, price, category, popularity)
_DIAPER_SIZES = ("NB", "S", "M", "L", "XL")
_DIAPER_PCS = {"NB": 84, "S": 76, "M": 62, "L": 52, "XL": 44}
_PULLUP_SIZES = ("M", "L", "XL", "XXL")
_PULLUP_PCS = {"M": 56, "L": 48, "XL": 42, "XXL": 36}


def _catalogue() -> list[tuple[str, str, str, Decimal, str, float]]:
    skus: list[tuple[str, str, str, Decimal, str, float]] = []
    for i, size in enumerate(_DIAPER_SIZES):
        price = Decimal("89.00") if size in ("NB", "S") else Decimal("99.00")
        pop = (3, 5, 8, 9, 7)[i]
        skus.append((f"BB10{i + 1}", "贝护柔芯婴儿纸尿裤", f"{size}码 {_DIAPER_PCS[size]}片", price, "diaper", pop))
    for i, size in enumerate(_PULLUP_SIZES):
        pop = (3, 5, 5, 3)[i]
        skus.append(
            (f"BB11{i + 1}", "贝护轻薄拉拉裤", f"{size}码 {_PULLUP_PCS[size]}片", Decimal("109.00"), "pullup", pop)
        )
    skus.append(("BB120", "新客专享纸尿裤试用装", "S/M/L/XL任选 12片", Decimal("9.90"), "trial", 2))
    lines = (
        ("BF2", "启护婴儿配方奶粉 800g", (Decimal("268.00"), Decimal("258.00"), Decimal("238.00")), 4),
        ("BF3", "臻护有机婴儿奶粉 800g", (Decimal("398.00"), Decimal("378.00"), Decimal("358.00")), 2.5),
        ("BF4", "小羊乳婴幼儿羊奶粉 800g", (Decimal("318.00"), Decimal("308.00"), Decimal("298.00")), 2),
    )
    for prefix, name, prices, pop in lines:
        for stage in (1, 2, 3):
            skus.append((f"{prefix}0{stage}", name, f"{stage}段", prices[stage - 1], "formula", pop))
    skus += [
        ("BW301", "婴儿手口专用湿巾", "80抽/包", Decimal("9.90"), "wipes", 6),
        ("BW302", "加厚棉柔婴儿湿巾", "80抽带盖/包", Decimal("12.90"), "wipes", 4),
        ("BW303", "婴儿湿厕纸", "40抽/包", Decimal("11.90"), "wipes", 2),
        ("BT401", "宽口径PPSU奶瓶", "160ml 自带S奶嘴", Decimal("89.00"), "bottle", 2),
        ("BT402", "宽口径PPSU奶瓶", "240ml 自带M奶嘴", Decimal("99.00"), "bottle", 2),
        ("BT403", "新生儿玻璃奶瓶", "150ml", Decimal("59.00"), "bottle", 1.5),
        ("BT404", "宽口径硅胶奶嘴 2只装", "S/M/L/Y孔", Decimal("39.90"), "bottle", 2.5),
        ("BL501", "婴儿酵素洗衣液", "1L 瓶装", Decimal("39.90"), "laundry", 3),
        ("BL502", "婴儿酵素洗衣液", "2L+500ml补充装", Decimal("69.90"), "laundry", 2.5),
        ("BL503", "婴儿专用洗衣皂", "120g*6块", Decimal("29.90"), "laundry", 2),
        ("BR601", "婴儿有机米粉", "原味 225g", Decimal("49.90"), "food", 2.5),
        ("BR602", "婴儿高铁米粉", "强化铁锌钙 225g", Decimal("59.90"), "food", 2.5),
        ("BR603", "宝宝果泥", "苹果香蕉 4袋装", Decimal("29.90"), "food", 2),
        ("BR604", "宝宝磨牙饼干", "60g*2盒", Decimal("25.90"), "food", 2),
        ("BR605", "婴儿营养面条", "蔬菜味 200g", Decimal("19.90"), "food", 1.5),
        ("BR606", "儿童鳕鱼肉松", "100g", Decimal("45.00"), "food", 1.5),
        ("BO701", "婴儿护臀膏", "45g", Decimal("39.00"), "care", 2.5),
        ("BO702", "婴儿润肤乳", "200ml", Decimal("59.00"), "care", 2),
        ("BO703", "婴儿洗发沐浴二合一", "400ml", Decimal("49.00"), "care", 2),
        ("BO704", "纯棉口水巾", "6条装", Decimal("29.90"), "care", 1.5),
        ("BO705", "一次性隔尿垫", "45*60cm 30片", Decimal("39.90"), "care", 2),
        ("BO706", "储奶袋", "200ml 30片", Decimal("25.90"), "mom", 2),
        ("BO707", "一次性防溢乳垫", "100片", Decimal("35.90"), "mom", 2),
        ("BO708", "电动吸奶器", "双边 静音款", Decimal("359.00"), "mom", 1),
        ("BO709", "恒温调奶器", "1.2L 智能款", Decimal("199.00"), "mom", 1),
        ("BO710", "婴儿纯棉连体衣", "52/59/66/73码", Decimal("59.90"), "care", 1.5),
        ("BO711", "硅胶安抚奶嘴", "0-6月/6-18月", Decimal("35.00"), "care", 1.5),
        ("BO712", "奶瓶清洗剂", "500ml+补充装", Decimal("39.90"), "care", 1.5),
    ]
    return skus


# ---------------------------------------------------------------- people and places
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_FEMALE = "婷静敏丽娟燕芳慧颖佳琳雪晶欣蕾倩璐瑶萌露丹莉洁雯悦怡菲楠妍思梦雨晓诗嘉晴艳霞玲红萍梅月婉岚琪"
_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩宇俊凯健峰亮龙晨阳帅博文志建海林东旭斌昊航"
_OLD = (
    "桂兰", "秀英", "玉兰", "凤英", "秀珍", "淑芬", "建国", "国强", "建华", "德明", "志刚", "玉梅",
    "秀兰", "金花", "福生", "春生", "桂芳", "爱华", "永红", "素珍", "保国", "长林",
)  # fmt: skip
_PHONE_PREFIX = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
    "157", "158", "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "191", "193", "195", "198", "199",
)  # fmt: skip

# (province, city, district, streets, weight)
_GEO = (
    ("广东省", "深圳市", "南山区", ("粤海街道", "南头街道", "蛇口街道", "桃源街道"), 5),
    ("广东省", "深圳市", "宝安区", ("新安街道", "西乡街道", "福永街道"), 5),
    ("广东省", "广州市", "天河区", ("石牌街道", "林和街道", "员村街道"), 4),
    ("广东省", "广州市", "番禺区", ("市桥街道", "大石街道", "洛浦街道"), 4),
    ("广东省", "佛山市", "顺德区", ("大良街道", "容桂街道", "北滘镇"), 3),
    ("浙江省", "杭州市", "西湖区", ("文新街道", "古荡街道", "西溪街道"), 3),
    ("浙江省", "杭州市", "余杭区", ("五常街道", "仓前街道", "闲林街道"), 3),
    ("浙江省", "宁波市", "鄞州区", ("首南街道", "钟公庙街道", "下应街道"), 2),
    ("浙江省", "温州市", "鹿城区", ("五马街道", "南汇街道", "七都街道"), 2),
    ("江苏省", "南京市", "鼓楼区", ("湖南路街道", "宁海路街道", "华侨路街道"), 2),
    ("江苏省", "苏州市", "吴中区", ("长桥街道", "郭巷街道", "越溪街道"), 3),
    ("江苏省", "无锡市", "滨湖区", ("蠡园街道", "河埒街道", "太湖街道"), 2),
    ("上海市", "上海市", "浦东新区", ("张江镇", "花木街道", "北蔡镇", "川沙新镇"), 4),
    ("上海市", "上海市", "闵行区", ("莘庄镇", "七宝镇", "古美路街道"), 3),
    ("北京市", "北京市", "朝阳区", ("望京街道", "三里屯街道", "劲松街道"), 3),
    ("北京市", "北京市", "海淀区", ("中关村街道", "学院路街道", "海淀街道"), 2),
    ("北京市", "北京市", "昌平区", ("回龙观街道", "天通苑北街道"), 2),
    ("天津市", "天津市", "南开区", ("体育中心街道", "万兴街道"), 2),
    ("山东省", "济南市", "历下区", ("泉城路街道", "姚家街道"), 2),
    ("山东省", "青岛市", "崂山区", ("中韩街道", "沙子口街道"), 2),
    ("山东省", "临沂市", "兰山区", ("兰山街道", "银雀山街道"), 3),
    ("河南省", "郑州市", "金水区", ("花园路街道", "经八路街道", "文化路街道"), 3),
    ("河南省", "郑州市", "二七区", ("淮河路街道", "蜜蜂张街道"), 2),
    ("河北省", "石家庄市", "长安区", ("育才街道", "建北街道"), 2),
    ("湖北省", "武汉市", "洪山区", ("珞南街道", "关山街道", "卓刀泉街道"), 3),
    ("湖北省", "武汉市", "江汉区", ("民族街道", "唐家墩街道"), 2),
    ("湖南省", "长沙市", "岳麓区", ("望月湖街道", "橘子洲街道", "观沙岭街道"), 2),
    ("湖南省", "长沙市", "雨花区", ("侯家塘街道", "东塘街道"), 2),
    ("四川省", "成都市", "武侯区", ("玉林街道", "簇桥街道", "红牌楼街道"), 3),
    ("四川省", "成都市", "锦江区", ("春熙路街道", "书院街街道", "合江亭街道"), 2),
    ("重庆市", "重庆市", "渝北区", ("龙溪街道", "回兴街道", "两路街道"), 3),
    ("重庆市", "重庆市", "江北区", ("观音桥街道", "五里店街道"), 2),
    ("福建省", "福州市", "鼓楼区", ("东街街道", "南街街道", "五凤街道"), 2),
    ("福建省", "厦门市", "思明区", ("中华街道", "鹭江街道", "莲前街道"), 2),
    ("安徽省", "合肥市", "蜀山区", ("三里庵街道", "稻香村街道", "琥珀街道"), 2),
    ("江西省", "南昌市", "红谷滩区", ("沙井街道", "卧龙街道"), 2),
    ("陕西省", "西安市", "雁塔区", ("小寨路街道", "大雁塔街道", "电子城街道"), 2),
    ("广西壮族自治区", "南宁市", "青秀区", ("新竹街道", "中山街道"), 2),
    ("云南省", "昆明市", "五华区", ("华山街道", "护国街道"), 1.5),
    ("贵州省", "贵阳市", "南明区", ("花果园街道", "遵义路街道"), 1.5),
    ("辽宁省", "沈阳市", "和平区", ("太原街街道", "南市场街道"), 1.5),
    ("吉林省", "长春市", "朝阳区", ("桂林街道", "湖西街道"), 1),
    ("黑龙江省", "哈尔滨市", "南岗区", ("大成街道", "花园街道"), 1),
    ("山西省", "太原市", "小店区", ("坞城街道", "亲贤街道"), 1),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", ("大学东路街道", "敕勒川路街道"), 0.8),
    ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", ("胜利路街道", "和平路街道"), 0.6),
    ("海南省", "海口市", "龙华区", ("金贸街道", "大同街道"), 0.8),
    ("甘肃省", "兰州市", "城关区", ("张掖路街道", "雁南街道"), 0.8),
)
_ROADS = (
    "建设路", "人民路", "解放路", "中山路", "文化路", "学府路", "科技园路", "滨河路", "长江路", "黄河路", "光明路",
    "幸福路", "迎宾大道", "世纪大道", "创业路", "金桥路", "新华路", "和平路", "园林路", "东环路", "南湖路",
    "朝阳路", "工业大道", "育才路", "青年路", "丰收路", "望江路", "锦绣路",
)  # fmt: skip
_COMMUNITIES = (
    "阳光花园", "金色家园", "碧桂园", "万科城", "翡翠湾", "保利香槟国际", "恒大名都", "绿地新都会", "龙湖春江郦城",
    "融创玖玺台", "世纪花园", "幸福里", "书香苑", "江南府", "锦绣华庭", "御景湾", "中海国际社区", "星河湾",
    "金地格林小城", "华润二十四城", "东方明珠苑", "紫薇花园", "桃源居", "富力城", "时代倾城", "招商雍景湾",
    "长安小区", "教师新村", "电力宿舍", "北苑家园", "文华苑", "丽景湾", "蓝湾半岛", "新城花园",
)  # fmt: skip
_TOWERS = ("创新大厦", "国际金融中心", "科技大厦", "商务中心", "软件园", "财富广场")
_CN = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _CN[tens] + "十" + (_CN[ones] if ones else "")


def _render(a: dict, style: int) -> str:
    """One way a buyer types the part of an address below the street."""
    if a["kind"] == "office":
        return (
            f"{a['road']}{a['num']}号{a['comm']}{a['bld']}楼",
            f"{a['road']}{a['num']}号 {a['comm']} {a['bld']}层前台",
            f"{a['comm']}{a['bld']}F",
        )[style % 3]
    if a["kind"] == "shop":
        return (
            f"{a['road']}{a['num']}号{a['comm']}",
            f"{a['road']}{a['num']}号 {a['comm']}(临街门面)",
            f"{a['comm']} {a['road']}{a['num']}号",
        )[style % 3]
    if a["kind"] == "station":
        return (
            f"{a['road']}{a['num']}号{a['comm']}菜鸟驿站",
            f"{a['comm']}南门快递代收点",
            f"{a['comm']} 驿站代收",
            f"{a['road']}{a['num']}号{a['comm']}{a['bld']}栋楼下驿站",
            f"{a['comm']}菜鸟驿站({a['road']}店)",
        )[style % 5]
    r, c, b, u, m = a["road"], a["comm"], a["bld"], a["unit"], a["room"]
    n = a["num"]
    return (
        f"{r}{n}号{c}{b}栋{u}单元{m}",
        f"{c}{b}栋{u}单元{m}室",
        f"{c} {b}-{u}-{m}",
        f"{r}{n}号{c}{b}幢{u}单元{m}",
        f"{c}{b}号楼{u}单元{m}",
        f"{r}{n}号 {c}{b}栋{u}单元{m}室",
        f"{c}{_cn(b)}栋{_cn(u)}单元{m}室",
        f"{c}{b}栋{u}-{m}",
        f"{a['street']}{c}{b}栋{u}单元{m}",
        f"{c}{b}幢{u}单元{m}号",
    )[style % 10]


_HOUR_W = (7, 6, 4, 1.5, 1, 1, 1.5, 2.5, 3, 3.5, 4, 4, 4.5, 4.5, 3.5, 3.5, 3.5, 3.5, 3.5, 4.5, 6, 7, 8, 8.5)
_NIGHT_W = (9, 8, 5, 2, 1, 1, 1.5, 2, 2.5, 3, 3.5, 3.5, 4, 4, 3, 3, 3, 3, 3, 4, 5.5, 7, 10, 11)
_HONEST_FINAL = ("completed", "unpaid_closed", "cancelled", "refunded", "refunding")
_HONEST_FINAL_W = (88.6, 4.0, 3.2, 3.9, 0.3)


class _Gen:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = random.Random(seed)
        self.end = end.replace(microsecond=0)
        self.base = self.end.replace(minute=0, second=0)
        self.floor = self.end - timedelta(days=30)
        self.target = orders
        self.f = orders / 20_000
        self.rows: list[ExportOrder] = []
        self.phones: set[str] = set()
        self.order_nos: set[str] = set()
        self.skus = _catalogue()
        self.by_id = {s[0]: s for s in self.skus}
        self.sku_cum = self._cum([s[5] for s in self.skus])
        self.geo_cum = self._cum([g[4] for g in _GEO])
        self.hour_cum = self._cum(_HOUR_W)
        self.night_cum = self._cum(_NIGHT_W)
        self.final_cum = self._cum(_HONEST_FINAL_W)
        # per clock hour, the weight of each day back: payday (10th / 15th) and weekends buy more
        self.day_cum = []
        for hour in range(24):
            day_w = []
            for d in range(30):
                day = self.at(d, hour, 0, 0)
                w = 2.6 if day.day in (10, 15) else 1.5 if day.day in (11, 16) else 1.0
                day_w.append(w * (1.1 if day.weekday() >= 5 else 1.0))
            self.day_cum.append(self._cum(day_w))

    # ------------------------------------------------------------ basics
    @staticmethod
    def _cum(weights) -> list[float]:
        out, total = [], 0.0
        for w in weights:
            total += w
            out.append(total)
        return out

    def n(self, lo: int, hi: int) -> int:
        return max(1, round(self.rng.randint(lo, hi) * self.f))

    def at(self, d: int, hour: int, minute: int, second: int) -> datetime:
        """Clock time ``hour:minute:second`` on the d-th day back, placed in whole hours back from ``end``."""
        hb = 24 * d + ((self.base.hour - hour - 1) % 24) + 1
        t = self.base - timedelta(hours=hb) + timedelta(minutes=minute, seconds=second)
        if t <= self.floor:
            t += timedelta(hours=24)
        return t

    def when(self, d: int | None = None, night: bool = False, payday: bool = True) -> datetime:
        rng = self.rng
        hour = rng.choices(range(24), cum_weights=self.night_cum if night else self.hour_cum)[0]
        if d is None:
            d = rng.choices(range(30), cum_weights=self.day_cum[hour])[0] if payday else rng.randrange(30)
        return self.at(d, hour, rng.randrange(60), rng.randrange(60))

    def phone(self, prefixes=_PHONE_PREFIX) -> str:
        while True:
            p = self.rng.choice(prefixes) + f"{self.rng.randrange(10**8):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def name(self, kind: str = "any") -> str:
        rng = self.rng
        sur = rng.choice(_SURNAMES[:30]) if rng.random() < 0.7 else rng.choice(_SURNAMES)
        if kind == "old":
            return sur + rng.choice(_OLD)
        if kind == "any":
            kind = "f" if rng.random() < 0.6 else "m"
        if rng.random() < 0.015:
            return sur + ("女士" if kind == "f" else "先生")
        pool = _FEMALE if kind == "f" else _MALE
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.68 else "")
        return sur + given

    def place(self, kind: str = "home", geo=None) -> dict:
        rng = self.rng
        g = geo or rng.choices(_GEO, cum_weights=self.geo_cum)[0]
        a = {
            "province": g[0],
            "city": g[1],
            "district": g[2],
            "street": rng.choice(g[3]),
            "road": rng.choice(_ROADS),
            "num": rng.randint(1, 888),
            "comm": rng.choice(_COMMUNITIES),
            "bld": rng.randint(1, 28),
            "unit": rng.randint(1, 4),
            "room": rng.randint(1, 32) * 100 + rng.randint(1, 4),
            "kind": kind,
            "style": rng.randrange(10),
            "geo": g,
        }
        if kind == "office":
            a["comm"] = rng.choice(_TOWERS)
            a["bld"] = rng.randint(3, 36)
        return a

    # ------------------------------------------------------------ lifecycle
    def lifecycle(self, ordered: datetime, final: str, *, p_received: float = 0.65, quick_cancel: bool = False):
        """(outcome, paid_at, shipped_at, received_at) for ``final``, cut off at ``end``.

        Always draws the same number of random values, so the cut-off at ``end`` never shifts the
        random stream (the same seed gives the same orders whatever the hour of ``end``).
        """
        end = self.end
        u = [self.rng.random() for _ in range(8)]
        if final in ("unpaid_closed", "unpaid"):
            close = ordered + (timedelta(minutes=10 + 350 * u[1]) if u[0] < 0.4 else timedelta(hours=24))
            return ("unpaid_closed" if close <= end else "unpaid"), None, None, None
        if u[0] < 0.8:
            pay = timedelta(seconds=8 + 172 * u[1])
        elif u[0] < 0.96:
            pay = timedelta(seconds=180 + 1620 * u[1])
        else:
            pay = timedelta(minutes=30 + 330 * u[1])
        paid = ordered + pay
        if paid > end:
            return "unpaid", None, None, None
        if final == "cancelled":
            cancel = paid + (timedelta(minutes=2 + 88 * u[2]) if quick_cancel else timedelta(hours=0.2 + 19.8 * u[2]))
            return ("cancelled" if cancel <= end else "paid"), paid, None, None
        shipped = paid + timedelta(hours=4 + 26 * u[2])
        if shipped > end:
            return "paid", paid, None, None
        received = shipped + timedelta(hours=24 + 48 * u[3])
        if final in ("refunded", "refunding"):
            if u[4] < p_received:
                got: datetime | None = received
                req = received + timedelta(hours=3 + 107 * u[5])
            else:
                got = None
                req = shipped + timedelta(hours=10 + 50 * u[5])
            done = req + timedelta(hours=6 + 66 * u[6])
            if final == "refunded" and done <= end:
                return "refunded", paid, shipped, got
            if req <= end:
                return "refunding", paid, shipped, got
        if received > end:
            return "shipped", paid, shipped, None
        return "completed", paid, shipped, received

    def honest_final(self) -> str:
        return self.rng.choices(_HONEST_FINAL, cum_weights=self.final_cum)[0]

    # ------------------------------------------------------------ rows
    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.order_nos:
                self.order_nos.add(no)
                return no

    def emit(
        self,
        sku_id: str,
        qty: int,
        ordered: datetime,
        final: str,
        who: tuple[str, str],
        addr: dict,
        *,
        style: int | None = None,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        unit_price: Decimal | None = None,
        discount: Decimal | None = None,
        p_received: float = 0.65,
        quick_cancel: bool = False,
        spec: str | None = None,
    ) -> ExportOrder:
        rng = self.rng
        sku = self.by_id[sku_id]
        price = unit_price if unit_price is not None else sku[3]
        gross = price * qty
        if discount is None:
            discount = Decimal(0)
            r = rng.random()
            if r < 0.25 and gross >= 49:
                discount = Decimal(rng.choice((3, 5, 5, 10)))
            elif r < 0.35 and gross >= 199:
                discount = Decimal(rng.choice((10, 20, 30)))
        amount = max(gross - discount, _CENT).quantize(_CENT)
        outcome, paid, shipped, received = self.lifecycle(
            ordered, final, p_received=p_received, quick_cancel=quick_cancel
        )
        row = ExportOrder(
            order_no=self.order_no(ordered),
            sku_id=sku_id,
            sku_name=sku[1],
            spec=spec or sku[2],
            quantity=qty,
            amount=amount,
            outcome=outcome,
            ordered_at=ordered,
            paid_at=paid,
            shipped_at=shipped,
            received_at=received,
            receiver=who[0],
            phone=who[1],
            province=addr["province"],
            city=addr["city"],
            district=addr["district"],
            street=addr["street"],
            detail=_render(addr, addr["style"] if style is None else style),
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.rows.append(row)
        return row

    def honest_qty(self, cat: str) -> int:
        rng = self.rng
        if cat in ("diaper", "pullup"):
            return rng.choices((1, 2, 3, 4), (60, 30, 7, 3))[0]
        if cat == "formula":
            return rng.choices((1, 2, 3, 4, 6), (35, 30, 20, 10, 5))[0]
        if cat == "wipes":
            return rng.choices((3, 4, 5, 6, 8, 10), (20, 10, 25, 20, 10, 15))[0]
        if cat == "food":
            return rng.choices((1, 2, 3, 4), (50, 30, 12, 8))[0]
        if cat == "laundry":
            return rng.choices((1, 2, 3), (60, 30, 10))[0]
        if cat == "trial":
            return 1
        return rng.choices((1, 2), (85, 15))[0]

    def any_sku(self, exclude_trial: bool = True) -> tuple:
        while True:
            s = self.rng.choices(self.skus, cum_weights=self.sku_cum)[0]
            if not (exclude_trial and s[4] == "trial"):
                return s

    def note(self) -> str:
        rng = self.rng
        if rng.random() > 0.08:
            return ""
        return rng.choice(
            (
                "请尽快发货",
                "宝宝急用，谢谢",
                "放门口就行",
                "不要放价格单",
                "送人的，包装好一点",
                "快递放驿站",
                "麻烦核对尺码",
            )
        )

    # ------------------------------------------------------------ honest traffic
    def parent(self, budget: int) -> int:
        """A parent whose purchases follow the baby's age. Returns orders made (at most ``budget``)."""
        rng = self.rng
        age = rng.choices((rng.uniform(0, 3), rng.uniform(3, 12), rng.uniform(12, 30)), (3, 4, 3))[0]
        who = (self.name("f" if rng.random() < 0.8 else "m"), self.phone())
        home = self.place()
        work = self.place("office", geo=home["geo"]) if rng.random() < 0.08 else None
        size = 0 if age < 1 else 1 if age < 3 else 2 if age < 7 else 3 if age < 13 else 4
        grows = any(0 < b - age < 1.2 for b in (1, 3, 7, 13)) or rng.random() < 0.04
        pullup = age >= 9 and rng.random() < 0.4
        stage = 1 if age < 6 else 2 if age < 12 else 3
        plans: list[tuple[float, str]] = []  # (day since window start, what)
        diaper_cycle = rng.uniform(10, 18) if age < 3 else rng.uniform(14, 28)
        t = rng.uniform(0, diaper_cycle)
        k = 0
        while t < 30:
            plans.append((t, f"diaper{k}"))
            k += 1
            t += diaper_cycle * rng.uniform(0.85, 1.15)
        if rng.random() < 0.72:
            line = rng.choices(("BF2", "BF3", "BF4"), (5, 2.5, 2))[0]
            cycle = rng.uniform(7, 21)
            t = rng.uniform(0, cycle)
            while t < 30:
                plans.append((t, f"{line}0{stage}"))
                t += cycle * rng.uniform(0.85, 1.15)
        for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0]):
            plans.append((rng.uniform(0, 30), "misc"))
        plans.sort()
        made = 0
        for t, what in plans[:budget]:
            d = min(29, max(0, int(30 - t)))
            ordered = self.when(d=d, night=True)
            addr = work if work and rng.random() < 0.5 else home
            style = None if rng.random() > 0.05 else rng.randrange(10)
            if what.startswith("diaper"):
                sz = size + (1 if grows and int(what[6:]) >= 1 else 0)
                if pullup:
                    idx = min(max(sz - 2, 0), 3)
                    sku_id = f"BB11{idx + 1}"
                else:
                    sku_id = f"BB10{min(sz, 4) + 1}"
            elif what == "misc":
                while True:
                    s = self.any_sku()
                    if s[4] in ("diaper", "pullup", "formula"):
                        continue
                    if s[4] == "food" and age < 5:
                        continue
                    if s[4] == "mom" and age > 8:
                        continue
                    break
                sku_id = s[0]
            else:
                sku_id = what
            cat = self.by_id[sku_id][4]
            self.emit(
                sku_id, self.honest_qty(cat), ordered, self.honest_final(), who, addr, style=style, note=self.note()
            )
            made += 1
        return made

    def one_off(self) -> None:
        rng = self.rng
        who = (self.name(), self.phone())
        s = self.any_sku(exclude_trial=rng.random() < 0.7)
        addr = self.place("office" if rng.random() < 0.06 else "home")
        self.emit(s[0], self.honest_qty(s[4]), self.when(), self.honest_final(), who, addr, note=self.note())

    def flash_sale(self) -> None:
        rng = self.rng
        sku_id = rng.choice(("BW301", "BR602", "BL502"))
        price = {"BW301": Decimal("5.90"), "BR602": Decimal("29.90"), "BL502": Decimal("39.90")}[sku_id]
        start = self.at(rng.randint(4, 25), 20, 0, 0)
        span = rng.uniform(3, 8) * 60
        for _ in range(self.n(600, 1100)):
            ordered = start + timedelta(seconds=min(span, rng.expovariate(1 / (span / 4))))
            final = rng.choices(("completed", "unpaid_closed", "cancelled", "refunded"), (88, 5, 3, 4))[0]
            qty = 1 if sku_id != "BW301" else rng.choice((1, 1, 2))
            who = (self.name(), self.phone())
            self.emit(sku_id, qty, ordered, final, who, self.place(), lookalike="flash_sale", unit_price=price)

    def wholesale(self) -> None:
        rng = self.rng
        for _ in range(self.n(15, 22)):
            who = (self.name(), self.phone())
            shop = self.place("shop")
            owner = who[0][0]
            shop["comm"] = rng.choice(
                (f"{owner}姐母婴店", "贝贝乐母婴生活馆", "宝贝之家母婴", "小太阳托育中心", "爱心宝贝早教托育园")
            )
            skus = rng.sample(("BB103", "BB104", "BB105", "BB112", "BW301", "BW302", "BL502", "BO705"), 3)
            for _ in range(rng.randint(1, 4)):
                sku_id = rng.choice(skus)
                qty = rng.randint(10, 60)
                final = rng.choices(("completed", "cancelled", "refunded"), (94, 3, 3))[0]
                gross = self.by_id[sku_id][3] * qty
                note = rng.choice(("", "", "需要开发票", "批量采购，麻烦多发几个赠品", "店里补货"))
                self.emit(
                    sku_id, qty, self.when(night=False), final, who, shop, lookalike="wholesale",
                    discount=(gross * Decimal("0.05")).quantize(_CENT), note=note,
                )  # fmt: skip

    def family(self) -> None:
        rng = self.rng
        for _ in range(self.n(60, 90)):
            home = self.place()
            sur = rng.choice(_SURNAMES[:40])
            members = [self.name("f"), sur + self.name("m")[1:]]
            if rng.random() < 0.45:
                members.append(sur + rng.choice(_OLD))
            shared = self.phone() if rng.random() < 0.4 else None
            for m in members:
                ph = shared or self.phone()
                for _ in range(rng.randint(1, 3)):
                    s = self.any_sku()
                    style = home["style"] if rng.random() < 0.8 else rng.randrange(10)
                    self.emit(
                        s[0], self.honest_qty(s[4]), self.when(night=True), self.honest_final(), (m, ph), home,
                        style=style, lookalike="family", note=self.note(),
                    )  # fmt: skip

    def size_exchange(self) -> None:
        """Wrong diaper size refunded after receipt, the next size re-ordered soon after."""
        rng = self.rng
        for _ in range(self.n(70, 105)):
            who = (self.name("f" if rng.random() < 0.8 else "m"), self.phone())
            home = self.place()
            sz = rng.randint(0, 3)
            first = self.when(d=rng.randint(8, 29), night=True)
            row = self.emit(
                f"BB10{sz + 1}", rng.choice((1, 1, 2)), first, "refunded", who, home, lookalike="size_exchange",
                p_received=0.85, note=rng.choice(("", "", "不确定尺码")),
            )  # fmt: skip
            base = row.received_at or row.shipped_at or first
            again = base + timedelta(hours=rng.uniform(1, 60))
            fallback = first + timedelta(hours=rng.uniform(1, 12))
            if again >= self.end:
                again = fallback
            self.emit(
                f"BB10{sz + 2}", rng.choice((1, 2)), again, "completed", who, home, lookalike="size_exchange",
                note=rng.choice(("", "", "换大一码", "上次尺码小了")),
            )  # fmt: skip
            for _ in range(rng.choice((0, 1, 1, 2))):
                s = self.any_sku()
                self.emit(s[0], self.honest_qty(s[4]), self.when(night=True), "completed", who, home)

    def grandparent(self) -> None:
        """A grandparent's phone sending parcels to children's homes in other cities."""
        rng = self.rng
        for _ in range(self.n(50, 80)):
            gp = self.name("old")
            ph = self.phone()
            homes = [(self.name(), self.place()) for _ in range(rng.choice((1, 2, 2, 3)))]
            if rng.random() < 0.3:
                homes.append((gp, self.place()))
            for _ in range(rng.randint(2, 5)):
                receiver, home = rng.choice(homes)
                s = self.any_sku()
                final = rng.choices(("completed", "cancelled", "refunded"), (94, 3, 3))[0]
                note = rng.choice(("", "", "送给孙子的，麻烦包装好", "给外孙女的", "不要放发票"))
                self.emit(
                    s[0], self.honest_qty(s[4]), self.when(night=False), final, (receiver, ph), home,
                    lookalike="grandparent", note=note,
                )  # fmt: skip

    # ------------------------------------------------------------ attacks
    def burst(self) -> None:
        """炸店: fresh accounts across the country hammer one SKU for 10-20 minutes, then never pay."""
        rng = self.rng
        days = rng.sample(range(3, 28), 2)
        for d in days:
            sku_id = rng.choice(("BB104", "BB103", "BF201", "BF302", "BB113"))
            start = self.at(d, rng.choice((21, 22, 23, 0, 10, 14)), rng.randrange(60), rng.randrange(60))
            span = rng.uniform(10, 20) * 60
            for _ in range(self.n(90, 130)):
                who = (self.name(), self.phone())
                addr = self.place()
                t = start + timedelta(seconds=rng.uniform(0, span))
                for _ in range(rng.choices((1, 2, 3), (65, 25, 10))[0]):
                    final = rng.choices(("unpaid_closed", "cancelled", "completed"), (66, 26, 8))[0]
                    self.emit(
                        sku_id, rng.choice((1, 1, 1, 2)), t, final, who, addr, label="burst", quick_cancel=True,
                        p_received=0.5,
                    )  # fmt: skip
                    t = min(t + timedelta(seconds=rng.uniform(20, 240)), start + timedelta(seconds=span))

    def inventory_lock(self) -> None:
        """同行恶拍: one-off accounts lock stock of a scarce formula with many cans per order, never paying."""
        rng = self.rng
        targets = rng.sample(("BF401", "BF402", "BF301", "BF302", "BB101"), 3)
        for _ in range(self.n(160, 200)):
            sku_id = rng.choices(targets, (5, 3, 2))[0]
            usual = 2 if self.by_id[sku_id][4] == "formula" else 1
            qty = usual * rng.randint(4, 12) + rng.randint(0, 1)
            who = (self.name(), self.phone())
            final = rng.choices(("unpaid_closed", "cancelled"), (72, 28))[0]
            self.emit(
                sku_id, qty, self.when(payday=False), final, who, self.place(), label="inventory_lock",
                quick_cancel=True, note=rng.choice(("", "", "", "囤货", "有货就发")),
            )  # fmt: skip

    def serial_refund(self) -> None:
        """The same buyers order at an ordinary pace and refund most of it after receipt."""
        rng = self.rng
        for _ in range(self.n(22, 30)):
            who = (self.name(), self.phone())
            home = self.place()
            k = rng.randint(3, 8)
            gap = 27 / k
            t = rng.uniform(0, gap)
            for _ in range(k):
                d = min(29, max(0, int(30 - t)))
                s = self.any_sku()
                if rng.random() < 0.4:
                    s = self.by_id[rng.choice(("BF301", "BF302", "BF201", "BO708", "BO709", "BB104", "BB105"))]
                final = rng.choices(("refunded", "refunding", "completed"), (74, 6, 20))[0]
                style = home["style"] if rng.random() < 0.65 else rng.randrange(10)
                self.emit(
                    s[0], self.honest_qty(s[4]), self.when(d=d, night=True), final, who, home, style=style,
                    label="serial_refund", p_received=0.85,
                )  # fmt: skip
                t += gap * rng.uniform(0.6, 1.4)

    def ring(self) -> None:
        """Several receiver names behind a few phones at one address typed several ways."""
        rng = self.rng
        rings = rng.randint(3, 4) if self.f >= 0.5 else rng.randint(1, 2)
        for _ in range(rings):
            home = self.place()
            styles = rng.sample(range(10), rng.randint(3, 5))
            phones = [self.phone() for _ in range(rng.randint(2, 4))]
            for _ in range(max(2, round(rng.randint(8, 15) * min(1.0, self.f * 1.5)))):
                who = (self.name(), rng.choice(phones))
                for _ in range(rng.randint(2, 5)):
                    s = self.any_sku()
                    final = rng.choices(("unpaid_closed", "cancelled", "refunded", "completed"), (33, 25, 30, 12))[0]
                    self.emit(
                        s[0], self.honest_qty(s[4]), self.when(), final, who, home, style=rng.choice(styles),
                        label="ring", p_received=0.6,
                    )  # fmt: skip

    def trial_farm(self) -> None:
        """羊毛党: throwaway accounts farm the new-customer trial pack into a few parcel stations."""
        rng = self.rng
        geos = rng.sample(_GEO, 3)
        stations = [self.place("station", geo=rng.choice(geos)) for _ in range(rng.randint(6, 10))]
        virtual = ("165", "167", "170", "171", "162") + _PHONE_PREFIX
        n = self.n(150, 190)
        waves = [rng.randrange(2, 29) for _ in range(rng.randint(5, 8))]
        for _ in range(n):
            st = rng.choice(stations)
            who = (self.name(), self.phone(virtual))
            d = rng.choice(waves)
            ordered = self.at(d, rng.choice((19, 20, 21, 22, 23)), rng.randrange(60), rng.randrange(60))
            final = rng.choices(("completed", "unpaid_closed", "refunded"), (88, 8, 4))[0]
            spec = f"{rng.choice(('S', 'M', 'L', 'XL'))}码 12片"
            self.emit(
                "BB120", 1, ordered, final, who, st, style=rng.randrange(5), label="trial_farm",
                discount=Decimal(rng.choice(("0", "0", "5.00", "9.89"))), spec=spec,
            )  # fmt: skip

    # ------------------------------------------------------------ all
    def run(self) -> list[ExportOrder]:
        for part in (
            self.burst, self.inventory_lock, self.serial_refund, self.ring, self.trial_farm,
            self.flash_sale, self.wholesale, self.family, self.size_exchange, self.grandparent,
        ):  # fmt: skip
            part()
        while len(self.rows) < self.target:
            left = self.target - len(self.rows)
            if self.rng.random() < 0.4:
                self.one_off()
            else:
                self.parent(left)
        if len(self.rows) > self.target:  # only when ``orders`` is tiny: drop honest ordinary rows
            extra = len(self.rows) - self.target
            keep = []
            for r in reversed(self.rows):
                if extra and r.label is None and r.lookalike is None:
                    extra -= 1
                    self.order_nos.discard(r.order_no)
                    continue
                keep.append(r)
            self.rows = keep[::-1]
        self.rows.sort(key=lambda r: (r.ordered_at, r.order_no))
        return self.rows


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    return _Gen(seed, end, orders).run()


if __name__ == "__main__":
    import time
    from collections import Counter, defaultdict

    t0 = time.perf_counter()
    rows = generate(seed=1, end=datetime.now().replace(microsecond=0))
    took = time.perf_counter() - t0
    groups: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        key = f"attack:{r.label}" if r.label else f"lookalike:{r.lookalike}" if r.lookalike else "honest"
        groups[key][r.outcome] += 1
    attacks = sum(1 for r in rows if r.label)
    print(f"family={FAMILY} orders={len(rows)} attacks={attacks} ({attacks / len(rows):.1%}) in {took:.2f}s")
    for key in sorted(groups):
        c = groups[key]
        mix = ", ".join(f"{k}={v}" for k, v in c.most_common())
        print(f"  {key:26s} {sum(c.values()):6d}  {mix}")
