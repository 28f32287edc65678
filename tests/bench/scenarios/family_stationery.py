"""A stationery & school-supplies shop (文具店) on Pinduoduo: one month of orders.

The shop ships from 义乌 and sells gel pens by the box, notebooks, exam supplies (涂卡笔,
2B pencils), homework books, pencil cases, school bags, markers, A4 paper by the carton,
sticky notes and two blind-box (盲盒) series that students collect.

Traffic model, in short:

- six kinds of honest buyer, each with its own day and hour rhythm: university students
  (late evenings, campus 驿站 / dorms, home addresses in the holidays), school pupils (after
  school and Sunday evening), parents (lunch break and after 20:00, start of term), teachers
  (evenings, class prizes), offices (working hours on weekdays, A4 by the carton) and other
  adults;
- a school calendar: start-of-term lift (late Aug to mid Sep, mid Feb to early Mar), exam
  seasons (exam kits sell), holidays (students at home, teachers quiet), 双11 / 618 / 双12;
- repeat buyers, coupons (满减), honest bad outcomes (unpaid, cancelled, refunds);
- honest shapes that look like attacks: flash sales, wholesale, families, dorm group orders,
  class monitors, one-off refunds, new customers taking the ¥0.01 item.

Attacks (about 5% of orders): burst, inventory_lock, serial_refund, ring, and this shop's own
penny_farming (羊毛党 farming the ¥0.01 新人专享 pen through many accounts into a few village
parcel points) and blindbox_refund (闲鱼 resellers who open the blind boxes, keep the good
figures and claim 仅退款).
"""

import random
from bisect import bisect
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate

from tests.bench.scenarios import ExportOrder

FAMILY = "stationery"

_CENT = Decimal("0.01")


# ---------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sku:
    key: str
    sku_id: str
    name: str
    specs: tuple[tuple[str, Decimal, int], ...]  # spec, price, popularity


def _sku(key: str, sku_id: str, name: str, *specs: tuple[str, str, int]) -> _Sku:
    return _Sku(key, sku_id, name, tuple((s, Decimal(p), w) for s, p, w in specs))


_CATALOG = {
    s.key: s
    for s in (
        _sku(
            "gelpen",
            "602318475921",
            "中性笔0.5mm黑色速干 学生考试专用刷题笔 办公签字笔 子弹头",
            ("拔帽款 黑色 12支", "5.90", 30),
            ("拔帽款 黑色 24支", "9.90", 26),
            ("按动款 黑色 20支", "11.80", 18),
            ("黑色 60支+100笔芯 囤货装", "24.90", 12),
            ("红黑蓝混装 30支", "12.90", 14),
        ),
        _sku(
            "exam",
            "602318475937",
            "2B铅笔 答题卡涂卡笔 考试专用 自动铅笔套装 中考高考四六级",
            ("2B木头铅笔 10支+橡皮", "4.90", 30),
            ("自动涂卡笔+20笔芯+橡皮+尺", "9.90", 40),
            ("考试全套 透明文具袋装", "16.80", 30),
        ),
        _sku(
            "notebook",
            "611904283365",
            "B5笔记本 加厚软抄本 大学生考研 简约横线本 车线本",
            ("B5 60页 4本", "8.80", 35),
            ("B5 80页 8本", "15.90", 35),
            ("A5 活页本 1本+60张内芯", "12.90", 30),
        ),
        _sku(
            "homework",
            "611904283381",
            "作业本 小学生 田字格 拼音本 数学本 练习本 统一标准",
            ("田字格 10本", "5.50", 30),
            ("拼音本 10本", "5.50", 22),
            ("数学本 20本", "9.80", 25),
            ("混合装 30本", "13.80", 23),
        ),
        _sku(
            "pencilcase",
            "623017749012",
            "笔袋 大容量 ins风 多层文具盒 初中生高中生 简约",
            ("奶白色 三层", "19.90", 30),
            ("雾霾蓝 三层", "19.90", 28),
            ("黑色 双层", "16.90", 24),
            ("樱花粉 三层+挂件", "24.90", 18),
        ),
        _sku(
            "bag",
            "623017749055",
            "书包 小学生 护脊减负 一到六年级 男女童 超轻双肩包",
            ("天空蓝 小号(1-3年级)", "79.00", 30),
            ("樱花粉 小号(1-3年级)", "79.00", 30),
            ("藏青 大号(4-6年级)", "99.00", 25),
            ("黑色 大号+同款笔袋", "119.00", 15),
        ),
        _sku(
            "marker",
            "634552190018",
            "马克笔 双头 美术生专用 小学生水彩笔 绘画套装 可水洗",
            ("24色 双头", "12.90", 32),
            ("48色 双头", "21.90", 28),
            ("80色 双头+手提袋", "35.90", 15),
            ("水彩笔 36色 可水洗", "15.80", 25),
        ),
        _sku(
            "a4",
            "634552190034",
            "A4打印纸 70g 500张/包 复印纸 整箱 办公用纸 草稿纸",
            ("70g 1包 500张", "21.50", 30),
            ("70g 5包/箱 2500张", "99.00", 38),
            ("80g 5包/箱 2500张", "119.00", 20),
            ("70g 8包/箱 4000张", "149.00", 12),
        ),
        _sku(
            "sticky",
            "645120987703",
            "便利贴 N次贴 ins风 学生用 莫兰迪 留言贴 标签贴 透明便签",
            ("莫兰迪 6本装 600张", "6.80", 35),
            ("荧光色 10本", "7.90", 22),
            ("透明便利贴 防水 300张", "5.90", 25),
            ("办公 黄色 76*76 12本", "11.50", 18),
        ),
        _sku(
            "blindbox1",
            "658830146627",
            "盲盒文具 星屿萌宠系列 盲盒中性笔 隐藏款 学生奖品",
            ("单盒随机", "9.90", 62),
            ("整盒 6个(不重复)", "56.90", 28),
            ("整盒 12个(含隐藏概率)", "109.00", 10),
        ),
        _sku(
            "blindbox2",
            "658830146651",
            "限定款盲盒 月光兔考试锦鲤 文具套装盲盒 开学礼物",
            ("单盒随机", "12.90", 65),
            ("端盒 8个", "99.00", 35),
        ),
        _sku(
            "correction",
            "667013358840",
            "修正带 大容量 学生用 静音改正带 涂改带",
            ("6个装 混色", "7.90", 60),
            ("10个装+替芯", "12.90", 40),
        ),
        _sku(
            "highlighter",
            "667013358876",
            "荧光笔 淡色系 学生划重点 记号笔 标记笔",
            ("淡色 6支", "5.90", 45),
            ("淡色 12支", "9.90", 35),
            ("双头荧光 8支", "8.80", 20),
        ),
        _sku(
            "filebag",
            "671249905512",
            "文件袋 透明A4 拉链档案袋 科目分类袋 办公资料袋",
            ("A4按扣 20个", "12.80", 40),
            ("A4拉链 10个", "9.90", 35),
            ("科目分类 9科 1套", "15.90", 25),
        ),
        _sku(
            "errbook",
            "671249905538",
            "错题本 初中高中 活页可拆卸 大号 错题整理本",
            ("B5 1本", "6.90", 55),
            ("B5 3本", "15.90", 45),
        ),
        _sku(
            "stapler",
            "680334217709",
            "订书机 中号 办公订书器 送订书针 学生用",
            ("中号订书机+1000针", "9.90", 55),
            ("订书针 24/6 10盒", "8.50", 45),
        ),
        _sku(
            "sketch",
            "680334217725",
            "素描本 8K 16K 美术生 速写本 加厚画纸",
            ("8K 160g 30张", "14.80", 50),
            ("16K 160g 40张", "11.80", 50),
        ),
        _sku(
            "penny",
            "690017452201",
            "新人专享 0.01元 中性笔 1支 体验装",
            ("黑色 0.5mm 1支", "0.01", 1),
        ),
    )
}
_SPEC_CUM = {k: list(accumulate(w for _, _, w in s.specs)) for k, s in _CATALOG.items()}

# Which goods each kind of buyer reaches for (penny only through the new-customer shape).
_SEG_ITEMS = {
    "college": {
        "gelpen": 14, "notebook": 14, "sticky": 10, "highlighter": 8, "blindbox1": 11,
        "blindbox2": 6, "correction": 6, "errbook": 3, "sketch": 4, "marker": 5,
        "pencilcase": 5, "filebag": 4, "exam": 4, "stapler": 1,
    },
    "school": {
        "gelpen": 14, "exam": 9, "pencilcase": 10, "blindbox1": 10, "blindbox2": 6,
        "errbook": 8, "correction": 8, "highlighter": 6, "notebook": 7, "sticky": 5,
        "marker": 4, "filebag": 3,
    },
    "parent": {
        "homework": 16, "gelpen": 8, "exam": 6, "pencilcase": 8, "bag": 9, "marker": 10,
        "correction": 4, "notebook": 4, "blindbox1": 4, "sketch": 3, "stapler": 1,
        "errbook": 3, "filebag": 2,
    },
    "teacher": {
        "gelpen": 10, "sticky": 6, "blindbox1": 8, "notebook": 6, "filebag": 6,
        "highlighter": 4, "a4": 6, "marker": 4, "stapler": 3, "correction": 3, "exam": 3,
    },
    "office": {
        "a4": 35, "gelpen": 12, "sticky": 10, "filebag": 12, "stapler": 8,
        "highlighter": 4, "notebook": 6, "correction": 2,
    },
    "adult": {
        "gelpen": 10, "notebook": 10, "sticky": 8, "marker": 6, "a4": 6, "sketch": 6,
        "blindbox1": 4, "pencilcase": 3, "stapler": 3, "filebag": 3, "homework": 3,
    },
}  # fmt: skip

_SEG_SHARE = {"college": 26, "school": 14, "parent": 28, "teacher": 6, "office": 12, "adult": 14}
_SEG_REPEAT = {
    "college": 0.22,
    "school": 0.2,
    "parent": 0.26,
    "teacher": 0.35,
    "office": 0.45,
    "adult": 0.15,
}

# Hour-of-day rhythm per kind of buyer: (weekday, weekend).
_HOURS = {
    "college": (
        (30, 18, 8, 3, 1, 1, 2, 6, 10, 14, 16, 18, 30, 28, 18, 16, 16, 20, 26, 30, 36, 44, 48, 42),
        (36, 24, 12, 4, 1, 1, 1, 3, 6, 12, 18, 22, 28, 30, 28, 26, 24, 22, 26, 32, 38, 44, 46, 40),
    ),
    "school": (
        (4, 1, 0, 0, 0, 0, 2, 4, 2, 1, 1, 2, 10, 8, 3, 2, 4, 14, 24, 22, 30, 38, 30, 12),
        (6, 2, 1, 0, 0, 0, 1, 4, 10, 18, 22, 22, 20, 20, 22, 22, 20, 18, 20, 26, 32, 34, 26, 12),
    ),
    "parent": (
        (6, 2, 1, 1, 1, 2, 6, 14, 14, 14, 14, 18, 30, 28, 16, 14, 14, 16, 20, 30, 42, 48, 36, 14),
        (6, 2, 1, 1, 1, 1, 4, 12, 20, 24, 24, 24, 24, 22, 22, 22, 20, 20, 24, 32, 40, 42, 32, 12),
    ),
    "teacher": (
        (3, 1, 0, 0, 0, 0, 4, 8, 6, 6, 6, 8, 20, 24, 10, 8, 10, 18, 24, 30, 36, 34, 20, 8),
        (4, 1, 0, 0, 0, 0, 2, 8, 16, 20, 20, 18, 16, 16, 18, 18, 16, 16, 20, 26, 30, 28, 18, 8),
    ),
    "office": (
        (0, 0, 0, 0, 0, 0, 0, 2, 18, 40, 44, 36, 10, 14, 34, 38, 34, 22, 8, 4, 3, 2, 1, 1),
        (0, 0, 0, 0, 0, 0, 0, 1, 6, 12, 14, 12, 6, 8, 10, 10, 8, 6, 3, 2, 2, 2, 1, 0),
    ),
    "adult": (
        (8, 4, 2, 1, 1, 1, 3, 8, 12, 14, 14, 16, 24, 22, 16, 14, 14, 16, 20, 26, 32, 34, 26, 14),
        (10, 5, 2, 1, 1, 1, 2, 6, 12, 16, 18, 18, 20, 20, 18, 18, 16, 16, 20, 26, 30, 32, 26, 14),
    ),
}
_HOURS_CUM = {k: (list(accumulate(a)), list(accumulate(b))) for k, (a, b) in _HOURS.items()}
_DOW = {
    "college": (1.0, 1.0, 1.0, 1.0, 0.9, 1.05, 1.15),
    "school": (0.85, 0.85, 0.9, 0.9, 1.0, 1.25, 1.45),
    "parent": (0.95, 0.95, 0.95, 0.95, 0.9, 1.15, 1.3),
    "teacher": (1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.3),
    "office": (1.15, 1.1, 1.1, 1.05, 0.95, 0.22, 0.18),
    "adult": (1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.1),
}
_TERM = {"college": 1.6, "school": 1.9, "parent": 2.1, "teacher": 1.7, "office": 1.0, "adult": 1.1}
_EXAM = {"college": 1.35, "school": 1.4, "parent": 1.15, "teacher": 1.25, "office": 1.0, "adult": 1.0}
_HOLI = {"college": 0.55, "school": 0.85, "parent": 0.8, "teacher": 0.45, "office": 1.0, "adult": 1.0}
_FESTIVAL = {(11, 10): 1.35, (11, 11): 1.8, (11, 12): 1.15, (6, 18): 1.5, (12, 12): 1.3, (6, 1): 1.1}


def _calendar(d: date) -> tuple[bool, bool, bool, bool]:
    """(start of term, exam season, school holiday, national holiday) for a day."""
    md = (d.month, d.day)
    term = (8, 20) <= md <= (9, 12) or (2, 14) <= md <= (3, 8)
    exam = (
        md >= (12, 18)
        or md <= (1, 15)
        or (6, 1) <= md <= (6, 25)
        or (11, 2) <= md <= (11, 14)
        or (4, 18) <= md <= (4, 30)
    )
    holiday = (7, 12) <= md <= (8, 24) or (1, 18) <= md <= (2, 16)
    national = (10, 1) <= md <= (10, 7) or (5, 1) <= md <= (5, 5)
    return term, exam, holiday, national


def _day_weight(seg: str, d: date) -> float:
    term, exam, holiday, national = _calendar(d)
    w = _DOW[seg][d.weekday()]
    if term:
        w *= _TERM[seg]
    if exam:
        w *= _EXAM[seg]
    if holiday:
        w *= _HOLI[seg]
    if national:
        w *= 0.15 if seg == "office" else 0.85
    return w * _FESTIVAL.get((d.month, d.day), 1.0)


def _item_season(key: str, d: date) -> float:
    term, exam, holiday, _ = _calendar(d)
    f = 1.0
    if exam and key == "exam":
        f *= 2.6
    if exam and key in ("errbook", "highlighter"):
        f *= 1.4
    if term and key in ("bag", "homework"):
        f *= 2.8
    if term and key in ("pencilcase", "gelpen", "filebag"):
        f *= 1.5
    if holiday and key in ("blindbox1", "blindbox2", "marker", "sketch"):
        f *= 1.3
    return f


# ---------------------------------------------------------------------------------------
# People and places
# ---------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _table(text: str) -> list[list[list[str]]]:
    """Rows of a text table: fields split on '|', each field split on spaces."""
    return [[f.split() for f in line.split("|")] for line in text.strip().splitlines()]


_SURNAMES = list(
    dict.fromkeys(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
        "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺"
        "顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温季俞章鲁葛伍申尤毕聂柴焦向柳邢岳"
        "齐梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍霍翁隋"
        "甘景包司柏宁柯阮桂闵"
    )
) + ["欧阳", "上官", "司马", "诸葛"]
_SURNAME_CUM = list(accumulate(1 / (i + 1) ** 0.8 for i in range(len(_SURNAMES))))
_YOUNG = _words(
    "子涵 梓涵 浩然 宇轩 欣怡 一诺 梓萱 诗涵 雨桐 思彤 俊熙 皓轩 子轩 若汐 可馨 沐阳 语桐 佳怡 "
    "奕辰 宇航 嘉怡 晨曦 雨欣 梦琪 思雨 欣妍 紫涵 心怡 明轩 博文 天佑 嘉懿 昊然 逸飞 锦程 晓雯 "
    "佳琪 诗琪 梓豪 睿 瑶 悦 琪 涵 晨 航 洋 阳 婷 雪 颖 一鸣 思源 子墨 雨泽 书瑶 若曦 梓晴 芷若 "
    "安琪 家乐 俊杰 文博 梓睿 亦菲 欣然 雅琪 静怡 嘉豪 志豪 宇 凯 昕 彤 萱 乐 然 语嫣 艺涵 铭泽"
)
_ADULT = _words(
    "丽 静 敏 燕 艳 娟 霞 芳 红 伟 强 磊 军 勇 杰 涛 斌 超 明 华 建华 建国 志强 秀英 桂英 玉兰 "
    "海燕 丽娟 春梅 晓燕 红梅 小红 国庆 海涛 文杰 晓东 雪梅 丽华 卫东 亚楠 晓丽 婷婷 丹丹 莉莉 "
    "慧 颖 倩 琳 鹏 浩 飞 辉 刚 平 波 宁 凯 健 亮 娜 萍 玲 建军 金凤 凤英 玉梅 晓峰 永强 俊 "
    "丽萍 秀兰 美玲 春燕 海波 立新 红霞 云 梅 兵 志刚 淑芬 桂兰 学军 爱华 振华 玉珍"
)
_NAME_CHARS = (
    "子梓浩宇欣雨思俊佳嘉晨明博文天逸锦晓诗若可沐语奕紫心昊一家志泽书安雅静怡琪涵轩然彤萱瑶"
    "悦航洋阳婷雪颖鑫磊鹏辉凯杰娜丽芳敏华军伟强勇涛斌超亮平波宁健倩琳萍玲梅兰凤英红霞艳燕娟"
)

# 号段 of the big three and their weights; 虚拟运营商 段 used by account farms.
_PREFIXES = (
    ("130", 4), ("131", 4), ("132", 4), ("133", 3), ("134", 3), ("135", 7), ("136", 6),
    ("137", 6), ("138", 8), ("139", 8), ("147", 1), ("150", 4), ("151", 4), ("152", 4),
    ("153", 3), ("155", 3), ("156", 3), ("157", 3), ("158", 5), ("159", 5), ("166", 2),
    ("173", 2), ("175", 2), ("176", 3), ("177", 3), ("178", 2), ("180", 3), ("181", 3),
    ("182", 4), ("183", 4), ("184", 1), ("185", 3), ("186", 4), ("187", 4), ("188", 4),
    ("189", 4), ("191", 2), ("193", 1), ("195", 2), ("198", 3), ("199", 2),
)  # fmt: skip
_PREFIX_LIST = [p for p, _ in _PREFIXES]
_PREFIX_CUM = list(accumulate(w for _, w in _PREFIXES))
_VIRTUAL_PREFIXES = ("170", "171", "165", "167", "162")

# Province -> transit days from 义乌 (min, max).
_TRANSIT = {
    "浙江省": (0.6, 1.6), "上海市": (1.0, 2.0), "江苏省": (1.0, 2.2), "安徽省": (1.2, 2.5),
    "福建省": (1.5, 3.0), "江西省": (1.5, 3.0), "山东省": (1.8, 3.2), "河南省": (1.8, 3.2),
    "湖北省": (1.8, 3.2), "湖南省": (1.8, 3.2), "广东省": (1.8, 3.2), "北京市": (2.0, 3.5),
    "河北省": (2.0, 3.5), "广西壮族自治区": (2.5, 4.0), "四川省": (2.5, 4.2), "重庆市": (2.5, 4.0),
    "陕西省": (2.5, 4.0), "山西省": (2.5, 4.0), "贵州省": (2.8, 4.5), "云南省": (3.0, 5.0),
    "辽宁省": (2.8, 4.5), "吉林省": (3.0, 5.0), "黑龙江省": (3.2, 5.5), "海南省": (3.0, 5.0),
    "内蒙古自治区": (3.2, 5.5), "甘肃省": (3.5, 5.5), "新疆维吾尔自治区": (5.0, 8.0),
}  # fmt: skip

# province city district weight | streets (街道/镇) | roads
_GEO_TEXT = """
北京市 北京市 海淀区 1.2 | 中关村街道 学院路街道 海淀街道 清河街道 上地街道 | 学院路 中关村大街 知春路 清河中街 上地十街
北京市 北京市 朝阳区 1.2 | 望京街道 劲松街道 双井街道 酒仙桥街道 亚运村街道 | 望京街 劲松路 广渠路 酒仙桥路 安立路
上海市 上海市 浦东新区 1.4 | 张江镇 花木街道 川沙新镇 北蔡镇 周家渡街道 | 张衡路 锦绣路 川沙路 莲溪路 云台路
上海市 上海市 杨浦区 0.8 | 五角场街道 四平路街道 殷行街道 长海路街道 | 国权路 四平路 政通路 长海路 黄兴路
上海市 上海市 闵行区 1.0 | 莘庄镇 梅陇镇 江川路街道 七宝镇 颛桥镇 | 沪闵路 莲花南路 东川路 七莘路 都市路
广东省 广州市 天河区 1.3 | 石牌街道 五山街道 棠下街道 车陂街道 天园街道 | 天河路 五山路 中山大道西 车陂路 黄埔大道西
广东省 广州市 番禺区 1.1 | 小谷围街道 市桥街道 大石街道 南村镇 | 大学城外环西路 大学城中环东路 德兴路 兴南大道
广东省 广州市 白云区 1.2 | 同和街道 京溪街道 景泰街道 嘉禾街道 | 同和路 广州大道北 机场路 白云大道北
广东省 深圳市 南山区 1.2 | 粤海街道 南头街道 桃源街道 西丽街道 蛇口街道 | 科技南十二路 南海大道 学苑大道 留仙大道
广东省 深圳市 龙岗区 1.3 | 布吉街道 坂田街道 龙城街道 横岗街道 | 龙岗大道 吉华路 坂雪岗大道 布吉路
广东省 深圳市 宝安区 1.3 | 西乡街道 新安街道 福永街道 沙井街道 | 宝安大道 前进路 建安一路 新湖路
广东省 佛山市 南海区 0.9 | 桂城街道 大沥镇 狮山镇 | 南海大道 桂澜路 海八路
浙江省 杭州市 西湖区 1.0 | 文新街道 翠苑街道 西溪街道 三墩镇 转塘街道 | 文一西路 古墩路 文三路 天目山路 余杭塘路
浙江省 杭州市 钱塘区 0.8 | 白杨街道 下沙街道 | 学林街 学源街 2号大街 文泽路 学正街
浙江省 杭州市 余杭区 0.9 | 五常街道 仓前街道 良渚街道 | 文一西路 五常大道 良渚路
浙江省 宁波市 鄞州区 0.9 | 首南街道 钟公庙街道 下应街道 | 天童南路 鄞州大道 钱湖北路
浙江省 金华市 义乌市 0.6 | 稠城街道 北苑街道 江东街道 | 工人北路 城中中路 宗泽路
浙江省 温州市 鹿城区 0.7 | 五马街道 南汇街道 松台街道 | 人民路 学院中路 锦绣路
江苏省 南京市 鼓楼区 0.9 | 宁海路街道 湖南路街道 华侨路街道 中央门街道 | 宁海路 北京西路 中山北路 汉口路 湖南路
江苏省 南京市 江宁区 1.0 | 秣陵街道 东山街道 淳化街道 麒麟街道 | 佛城西路 弘景大道 双龙大道 天元中路 龙眠大道
江苏省 苏州市 姑苏区 0.8 | 双塔街道 平江街道 金阊街道 | 人民路 十全街 干将西路 三香路
江苏省 徐州市 泉山区 0.8 | 翟山街道 湖滨街道 | 解放南路 和平路 中山南路
江苏省 无锡市 滨湖区 0.7 | 蠡园街道 河埒街道 | 蠡湖大道 梁清路 青祁路
山东省 济南市 历下区 0.9 | 泉城路街道 千佛山街道 燕山街道 | 经十路 历山路 山大路 文化东路
山东省 济南市 长清区 0.5 | 文昌街道 平安街道 | 大学路 海棠路 紫薇路
山东省 青岛市 崂山区 0.8 | 中韩街道 沙子口街道 金家岭街道 | 松岭路 海尔路 深圳路 香港东路
山东省 临沂市 兰山区 1.1 | 兰山街道 银雀山街道 金雀山街道 | 通达路 沂蒙路 解放路
河南省 郑州市 金水区 1.3 | 文化路街道 经八路街道 丰产路街道 花园路街道 | 文化路 农业路 花园路 经三路
河南省 郑州市 二七区 0.9 | 建中街街道 淮河路街道 | 大学路 航海中路 嵩山南路
河南省 周口市 川汇区 0.8 | 七一路街道 人和街道 | 七一路 八一大道 交通路
河南省 商丘市 梁园区 0.8 | 平原街道 八八街道 | 神火大道 凯旋路 民主路
河北省 石家庄市 裕华区 1.0 | 裕兴街道 槐底街道 建通街道 | 槐安东路 裕华东路 体育南大街
河北省 保定市 莲池区 0.8 | 东关街道 和平里街道 | 东风东路 七一中路 裕华西路
安徽省 合肥市 蜀山区 1.0 | 三里庵街道 稻香村街道 琥珀街道 | 长江西路 黄山路 肥西路 潜山路
安徽省 阜阳市 颍州区 0.8 | 鼓楼街道 清河街道 | 颍州中路 人民西路 清河路
福建省 厦门市 思明区 0.8 | 厦港街道 嘉莲街道 莲前街道 筼筜街道 | 思明南路 莲前东路 嘉禾路 湖滨南路
福建省 福州市 鼓楼区 0.7 | 东街街道 温泉街道 | 五四路 杨桥中路 东街
江西省 南昌市 红谷滩区 0.8 | 沙井街道 卫东街道 | 丰和中大道 红谷中大道 学府大道
湖北省 武汉市 洪山区 1.2 | 关山街道 珞南街道 狮子山街道 卓刀泉街道 | 珞喻路 鲁磨路 狮子山街 关山大道
湖北省 武汉市 武昌区 0.9 | 珞珈山街道 中华路街道 水果湖街道 | 八一路 中北路 武珞路
湖北省 襄阳市 樊城区 0.6 | 清河口街道 米公街道 | 长虹路 人民路
湖南省 长沙市 岳麓区 1.0 | 岳麓街道 望月湖街道 含浦街道 西湖街道 | 麓山南路 桐梓坡路 岳麓大道 含浦大道
湖南省 长沙市 雨花区 0.9 | 侯家塘街道 砂子塘街道 | 劳动东路 韶山中路 万家丽中路
四川省 成都市 武侯区 1.1 | 望江路街道 玉林街道 浆洗街街道 簇桥街道 | 一环路南一段 科华北路 玉林南路 武侯大道
四川省 成都市 郫都区 0.7 | 犀浦街道 团结街道 郫筒街道 | 犀安路 百草路 望丛中路
四川省 成都市 成华区 0.9 | 府青路街道 建设路街道 双桥子街道 | 建设北路 府青路 双林路
四川省 绵阳市 涪城区 0.6 | 城厢街道 青义镇 | 临园路 剑南路
重庆市 重庆市 沙坪坝区 1.0 | 沙坪坝街道 虎溪街道 渝碚路街道 | 沙正街 大学城南路 大学城中路 小龙坎正街
重庆市 重庆市 渝北区 1.0 | 龙溪街道 回兴街道 龙山街道 | 新牌坊二路 金开大道 龙山路
陕西省 西安市 雁塔区 1.1 | 小寨路街道 电子城街道 大雁塔街道 丈八沟街道 | 长安中路 太白南路 雁塔北路 科技路
陕西省 西安市 长安区 0.7 | 郭杜街道 韦曲街道 | 西长安街 学府大道 郭北路
辽宁省 沈阳市 和平区 0.8 | 南湖街道 太原街街道 马路湾街道 | 三好街 中华路 南京南街
辽宁省 大连市 甘井子区 0.6 | 凌水街道 泉水街道 | 凌工路 红旗西路
黑龙江省 哈尔滨市 南岗区 0.7 | 大成街道 花园街道 保健路街道 | 西大直街 学府路 红军街
吉林省 长春市 朝阳区 0.6 | 前进街道 桂林街道 | 前进大街 同志街 桂林路
云南省 昆明市 呈贡区 0.6 | 吴家营街道 雨花街道 | 景明南路 聚贤街 春融西路
贵州省 贵阳市 花溪区 0.5 | 贵筑街道 溪北街道 | 花溪大道 甲秀南路
山西省 太原市 小店区 0.7 | 坞城街道 营盘街道 | 坞城路 学府街 平阳路
甘肃省 兰州市 城关区 0.5 | 张掖路街道 东岗西路街道 皋兰路街道 | 天水南路 东岗西路 庆阳路
广西壮族自治区 南宁市 西乡塘区 0.8 | 西乡塘街道 衡阳街道 北湖街道 | 大学东路 明秀西路 秀灵路
广西壮族自治区 柳州市 城中区 0.5 | 城中街道 公园街道 | 五一路 文惠路
内蒙古自治区 呼和浩特市 赛罕区 0.4 | 昭乌达路街道 大学东街街道 | 大学西街 昭乌达路 大学东街
新疆维吾尔自治区 乌鲁木齐市 沙依巴克区 0.3 | 友好南路街道 炉院街街道 | 友好南路 西虹东路
海南省 海口市 美兰区 0.4 | 海甸街道 人民路街道 | 人民大道 海甸五西路
"""
_GEO = tuple((h[0], h[1], h[2], tuple(streets), tuple(roads), float(h[3])) for h, streets, roads in _table(_GEO_TEXT))
_GEO_CUM = list(accumulate(g[5] for g in _GEO))

# Counties (县 / 县级市): province city county | towns | roads | villages
_COUNTIES_TEXT = """
河南省 周口市 郸城县 | 汲冢镇 宁平镇 石槽镇 城郊乡 | 郸城大道 世纪大道 建设路 | 王楼 孙庄 后李 张营 大朱庄 刘寨
山东省 菏泽市 曹县 | 曹城街道 庄寨镇 青堌集镇 普连集镇 | 青菏路 富民路 磐石路 | 前王 后刘 大李庄 张集
江西省 上饶市 鄱阳县 | 鄱阳镇 谢家滩镇 田畈街镇 古县渡镇 | 芝山路 饶州大道 东湖路 | 芝山 下湾 古南 谢家
安徽省 阜阳市 临泉县 | 城关街道 杨桥镇 鲖城镇 迎仙镇 | 临鲖路 龙腾路 沈丘路 | 杨桥 三里 姜寨 迎仙
广西壮族自治区 玉林市 博白县 | 博白镇 东平镇 沙河镇 | 城北路 文明路 南州大道 | 东平 新福 那卜
四川省 南充市 仪陇县 | 新政镇 金城镇 马鞍镇 | 建设路 新政大道 | 马鞍 柳垭 立山
河北省 邯郸市 魏县 | 魏城镇 德政镇 院堡镇 | 魏都路 建设街 | 前罗 后罗 南双庙
湖南省 邵阳市 邵东市 | 大禾塘街道 宋家塘街道 两市塘街道 | 金龙大道 宋家塘路 | 廉桥 牛马司 水东江
"""
_COUNTIES = tuple(
    (h[0], h[1], h[2], tuple(towns), tuple(roads), tuple(villages))
    for h, towns, roads, villages in _table(_COUNTIES_TEXT)
)

# Universities: city district name campus('-' for none) street gate-address
_UNIS_TEXT = """
北京市 海淀区 北京语言大学 - 学院路街道 学院路15号
北京市 海淀区 中国地质大学(北京) - 学院路街道 学院路29号
上海市 杨浦区 复旦大学 邯郸校区 五角场街道 邯郸路220号
上海市 杨浦区 同济大学 四平路校区 四平路街道 四平路1239号
上海市 闵行区 上海交通大学 闵行校区 江川路街道 东川路800号
上海市 闵行区 华东师范大学 闵行校区 江川路街道 东川路500号
广州市 番禺区 华南理工大学 大学城校区 小谷围街道 大学城外环东路382号
广州市 番禺区 广东工业大学 大学城校区 小谷围街道 大学城外环西路100号
广州市 番禺区 广州中医药大学 大学城校区 小谷围街道 大学城外环东路232号
深圳市 南山区 深圳大学 粤海校区 粤海街道 南海大道3688号
深圳市 南山区 南方科技大学 - 桃源街道 学苑大道1088号
杭州市 钱塘区 杭州电子科技大学 下沙校区 白杨街道 2号大街1158号
杭州市 钱塘区 浙江理工大学 下沙校区 白杨街道 2号大街928号
杭州市 钱塘区 浙江工商大学 下沙校区 白杨街道 学正街18号
杭州市 西湖区 浙江大学 紫金港校区 三墩镇 余杭塘路866号
南京市 鼓楼区 南京师范大学 随园校区 宁海路街道 宁海路122号
南京市 鼓楼区 南京大学 鼓楼校区 宁海路街道 汉口路22号
南京市 江宁区 河海大学 江宁校区 秣陵街道 佛城西路8号
南京市 江宁区 中国药科大学 江宁校区 秣陵街道 龙眠大道639号
武汉市 洪山区 华中科技大学 - 关山街道 珞喻路1037号
武汉市 洪山区 华中农业大学 - 狮子山街道 狮子山街1号
武汉市 武昌区 武汉大学 - 珞珈山街道 八一路299号
长沙市 岳麓区 湖南大学 - 岳麓街道 麓山南路2号
长沙市 岳麓区 中南大学 校本部 岳麓街道 麓山南路932号
长沙市 岳麓区 湖南师范大学 - 岳麓街道 麓山路36号
成都市 武侯区 四川大学 望江校区 望江路街道 一环路南一段24号
成都市 郫都区 西南交通大学 犀浦校区 犀浦街道 犀安路999号
重庆市 沙坪坝区 重庆大学 虎溪校区 虎溪街道 大学城南路55号
重庆市 沙坪坝区 四川美术学院 虎溪校区 虎溪街道 大学城中路56号
西安市 雁塔区 西安电子科技大学 北校区 电子城街道 太白南路2号
西安市 长安区 西安邮电大学 长安校区 郭杜街道 西长安街618号
西安市 长安区 西北大学 长安校区 郭杜街道 学府大道1号
济南市 长清区 山东师范大学 长清湖校区 文昌街道 大学路1号
青岛市 崂山区 中国海洋大学 崂山校区 中韩街道 松岭路238号
厦门市 思明区 厦门大学 思明校区 厦港街道 思明南路422号
郑州市 金水区 河南农业大学 文化路校区 文化路街道 文化路95号
哈尔滨市 南岗区 哈尔滨工业大学 一校区 大成街道 西大直街92号
昆明市 呈贡区 云南大学 呈贡校区 吴家营街道 东外环南路
昆明市 呈贡区 云南师范大学 呈贡校区 吴家营街道 聚贤街768号
南宁市 西乡塘区 广西大学 - 西乡塘街道 大学东路100号
兰州市 城关区 兰州大学 城关校区 东岗西路街道 天水南路222号
大连市 甘井子区 大连理工大学 - 凌水街道 凌工路2号
太原市 小店区 山西大学 - 坞城街道 坞城路92号
"""
_UNI_GEO = {(g[1], g[2]): g for g in _GEO}
_UNI_LIST = [((u[0], u[1]), (u[2], "" if u[3] == "-" else u[3], u[4], u[5])) for (u,) in _table(_UNIS_TEXT)]

_COMMUNITIES = _words(
    "阳光花园 锦绣华庭 金色家园 幸福里 翠湖苑 万科城 碧桂园 恒大名都 保利香槟国际 绿地新都会 "
    "龙湖春江郦城 世纪花园 和谐家园 书香门第 城市之光 怡景苑 丽景湾 滨江花园 建业桂园 名门世家 "
    "紫荆花园 新城国际 金地格林小镇 中海国际社区 融创御园 富力城 荣盛花语城 星河湾 御景华府 "
    "香榭丽舍 水岸名都 天誉华庭 南湖小区 铁路新村 教师新村 电力小区 纺织厂宿舍 供销社家属院 "
    "育才小区 东湖湾 锦江城 悦府 学府壹号 君悦华庭 桃源居 新华苑 文昌花园 凤凰城 枫林绿洲"
)
_OFFICE_BUILDINGS = _words(
    "创业大厦 科技大厦 国际金融中心 时代广场 软件园 创新产业园 电子商务产业园 科技园 财富中心 "
    "万达广场 国贸大厦 智慧谷 双创基地 商务中心 总部基地"
)
_COMPANY_HEADS = _words(
    "鼎盛 华信 启航 博远 恒通 盛世 嘉禾 中科 优创 海纳 金鹏 正源 宏达 新锐 远景 佳和 明德 睿思 立信 天成"
)
_COMPANY_TAILS = (
    "科技有限公司", "贸易有限公司", "教育咨询有限公司", "文化传媒有限公司", "会计师事务所",
    "律师事务所", "建设工程有限公司", "物业管理有限公司", "网络科技有限公司", "财务咨询有限公司",
)  # fmt: skip
_DORM_AREAS = ("东区", "西区", "南区", "北区", "学生公寓", "紫荆园", "桃李园", "梅园", "竹园", "松园", "韵苑", "沁苑")
_CAMPUS_POINTS = (
    "菜鸟驿站", "东区菜鸟驿站", "北门快递驿站", "快递服务中心", "西区生活区快递点",
    "南门京东派", "二食堂旁快递点", "校园邮政营业厅", "学生活动中心快递柜",
)  # fmt: skip
_CN_NUM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十五", "二十", "二十一")
_GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二", "初三", "高一", "高二", "高三")

_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _fw(s: str) -> str:
    return s.translate(_FW)


@dataclass(frozen=True)
class _Home:
    """The parts of a home address; rendered into text differently by different people."""

    province: str
    city: str
    district: str
    street: str
    road: str
    num: int
    comm: str
    b: int
    u: int
    room: str


def _render(h: _Home, style: int) -> str:
    r, n, c, b, u, rm = h.road, h.num, h.comm, h.b, h.u, h.room
    return (
        f"{r}{n}号{c}{b}栋{u}单元{rm}",
        f"{c}{b}栋{u}单元{rm}",
        f"{c}{b}-{u}-{rm}",
        f"{r}{n}号{c}{b}号楼{u}单元{rm}室",
        f"{c}{b}幢{u}单元{rm}室",
        f"{c}{b}栋{rm}",
        f"{r}{n}号{c} {b}栋 {rm}",
        f"{c}小区{b}号楼{u}单元{rm}",
        f"{r}{n}号院{b}号楼{u}单元{rm}",
        f"{c}{b}栋{u}单元{rm}室",
    )[style]


_HOME_STYLE_CUM = list(accumulate((25, 20, 10, 10, 8, 8, 6, 5, 3, 5)))

Addr = tuple[str, str, str, str, str]


@dataclass
class _Buyer:
    name: str
    phone: str
    seg: str
    addr: Addr
    home: Addr | None = None  # a university student's home, used in the holidays

    def addr_on(self, d: date) -> Addr:
        if self.home is not None and _calendar(d)[2]:
            return self.home
        return self.addr


_NOTES_HONEST = (
    "请尽快发货 开学要用", "发中通谢谢", "放驿站就行", "不要放快递柜", "麻烦包装好一点",
    "要黑色的", "周一要用 麻烦快点", "送到门卫室", "谢谢老板", "不要发错颜色",
    "给孩子开学用的 尽快", "能发顺丰吗 补差价", "考试要用 急", "请附赠笔芯谢谢",
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        first, last = self.start.date(), (end - timedelta(microseconds=1)).date()
        self.dates = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        self.orders = orders
        self.out: list[ExportOrder] = []
        self._order_nos: set[str] = set()
        self._phones: set[str] = set()
        self.pools: dict[str, list[_Buyer]] = {s: [] for s in _SEG_SHARE}
        self._campus: dict[str, tuple[list[str], list[str]]] = {}
        self._day_cum = {s: list(accumulate(_day_weight(s, d) for d in self.dates)) for s in _SEG_SHARE}
        segs = list(_SEG_SHARE)
        self._segs = segs
        self._seg_cum = list(accumulate(_SEG_SHARE[s] * self._day_cum[s][-1] / len(self.dates) for s in segs))
        self._item_cache: dict[tuple[str, date], tuple[list[str], list[float]]] = {}

    # --- small helpers ------------------------------------------------------------------

    def _pick(self, items, cum):
        return items[bisect(cum, self.rng.random() * cum[-1])]

    def _choose(self, pairs):
        """Pick from ((value, weight), ...)."""
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for v, w in pairs:
            x -= w
            if x < 0:
                return v
        return pairs[-1][0]

    def _in_window(self, t: datetime) -> datetime:
        if t >= self.end:
            t = self.end - timedelta(seconds=self.rng.randint(60, 5400))
        if t < self.start:
            t = self.start + timedelta(seconds=self.rng.randint(60, 5400))
        return t

    def _at(self, d: date, seg: str) -> datetime:
        """A moment on day d in the rhythm of this kind of buyer."""
        rng = self.rng
        weekday, weekend = _HOURS_CUM[seg]
        cum = weekend if d.weekday() >= 5 else weekday
        for _ in range(8):
            h = bisect(cum, rng.random() * cum[-1])
            t = datetime.combine(d, time(h, rng.randrange(60), rng.randrange(60)))
            if self.start <= t < self.end:
                return t
        return self._in_window(t)

    def _when(self, seg: str) -> datetime:
        return self._at(self._pick(self.dates, self._day_cum[seg]), seg)

    def _day(self, lo: int = 0, hi: int = 0) -> date:
        """A uniformly chosen day, optionally keeping away from the window's ends."""
        n = len(self.dates)
        lo, hi = min(lo, n - 1), min(hi, n - 1 - min(lo, n - 1))
        return self.dates[self.rng.randint(lo, n - 1 - hi)]

    # --- people -------------------------------------------------------------------------

    def _name(self, young: bool) -> str:
        rng = self.rng
        sur = self._pick(_SURNAMES, _SURNAME_CUM)
        r = rng.random()
        if r < 0.72:
            given = rng.choice(_YOUNG if young else _ADULT)
        elif r < 0.95:
            given = rng.choice(_NAME_CHARS) + rng.choice(_NAME_CHARS)
        else:
            given = rng.choice(_NAME_CHARS)
        return sur + given

    def _nick(self, name: str, seg: str) -> str:
        rng = self.rng
        sur = name[:2] if name[:2] in ("欧阳", "上官", "司马", "诸葛") else name[:1]
        if seg == "teacher":
            return f"{sur}老师"
        if seg in ("college", "school"):
            return rng.choice((f"{sur}同学", f"小{sur}", name))
        return rng.choice((f"{sur}女士", f"{sur}先生", f"{sur}姐", f"小{sur}"))

    def _phone(self, virtual: bool = False) -> str:
        rng = self.rng
        while True:
            prefix = rng.choice(_VIRTUAL_PREFIXES) if virtual else self._pick(_PREFIX_LIST, _PREFIX_CUM)
            p = prefix + f"{rng.randrange(10**8):08d}"
            if p not in self._phones:
                self._phones.add(p)
                return p

    # --- places -------------------------------------------------------------------------

    def _room(self) -> str:
        rng = self.rng
        floor = rng.choice((rng.randint(1, 7), rng.randint(1, 18), rng.randint(1, 33)))
        return f"{floor}{rng.randint(1, 4):02d}"

    def _dorm_room(self) -> str:
        return f"{self.rng.randint(1, 7)}{self.rng.randint(1, 36):02d}"

    def _home_parts(self, geo=None) -> _Home:
        rng = self.rng
        g = geo or self._pick(_GEO, _GEO_CUM)
        return _Home(
            g[0], g[1], g[2], rng.choice(g[3]), rng.choice(g[4]), rng.randint(1, 888),
            rng.choice(_COMMUNITIES), rng.randint(1, 32), rng.randint(1, 4), self._room(),
        )  # fmt: skip

    def _county_addr(self) -> Addr:
        rng = self.rng
        c = rng.choice(_COUNTIES)
        town = rng.choice(c[3])
        if rng.random() < 0.55:
            village = rng.choice(c[5])
            detail = rng.choice(
                (
                    f"{village}村{rng.randint(1, 12)}组{rng.randint(1, 60)}号",
                    f"{village}村委会旁",
                    f"{town}{village}村",
                    f"{village}村 村口小卖部",
                    f"{village}村{rng.randint(1, 12)}组",
                )
            )
        else:
            detail = rng.choice(
                (
                    f"{rng.choice(c[4])}{rng.randint(1, 400)}号{rng.choice(_COMMUNITIES)}"
                    f"{rng.randint(1, 20)}栋{self._room()}",
                    "与".join(rng.sample(c[4], 2)) + f"交叉口 {rng.choice(_COMMUNITIES)}",
                    f"{rng.choice(c[4])}{rng.randint(1, 400)}号 门面",
                )
            )
        return (c[0], c[1], c[2], town, detail)

    def _home_addr(self) -> Addr:
        rng = self.rng
        if rng.random() < 0.14:
            return self._county_addr()
        h = self._home_parts()
        if rng.random() < 0.08:
            point = rng.choice(("菜鸟驿站", "妈妈驿站", "兔喜快递超市", "丰巢快递柜"))
            detail = rng.choice((f"{h.comm}小区门口{point}", f"{h.road}{h.num}号 {point}"))
        else:
            detail = _render(h, bisect(_HOME_STYLE_CUM, rng.random() * _HOME_STYLE_CUM[-1]))
            if rng.random() < 0.05:
                detail = detail.replace("号", "号 ", 1)
        return (h.province, h.city, h.district, h.street, detail)

    def _campus_info(self, uni: str) -> tuple[list[str], list[str]]:
        if uni not in self._campus:
            rng = self.rng
            self._campus[uni] = (
                rng.sample(_DORM_AREAS, 3),
                rng.sample(_CAMPUS_POINTS, 3),
            )
        return self._campus[uni]

    def _campus_addr(self, uni_entry=None, pickup: bool | None = None) -> Addr:
        rng = self.rng
        (city, district), (uni, campus, street, gate) = uni_entry or rng.choice(_UNI_LIST)
        g = _UNI_GEO[(city, district)]
        areas, points = self._campus_info(uni)
        if pickup is None:
            pickup = rng.random() < 0.5
        if pickup:
            p = rng.choice(points)
            detail = rng.choice((f"{uni}{campus}{p}", f"{gate}{uni}{campus}{p}", f"{uni} {campus}{p}", f"{uni}{p}"))
        else:
            area, b, room = rng.choice(areas), rng.randint(1, 28), self._dorm_room()
            detail = rng.choice(
                (
                    f"{uni}{campus}{area}{b}栋{room}",
                    f"{uni}{campus} {area}{b}号楼{room}宿舍",
                    f"{gate}{uni}{area}{b}舍{room}",
                    f"{uni}{campus}{area}{b}栋{room}(放驿站)",
                    f"{uni}{area}{b}栋{room}",
                )
            )
        return (g[0], g[1], g[2], street, detail)

    def _school_addr(self) -> Addr:
        rng = self.rng
        h = self._home_parts()
        city = h.city.removesuffix("市")
        school = rng.choice(
            (
                f"{h.district}实验小学",
                f"{city}市第{rng.choice(_CN_NUM)}中学",
                f"{h.district}第{rng.choice(_CN_NUM)}小学",
                f"{city}外国语学校",
                f"{h.district}育才学校",
                f"{city}实验中学",
                f"{h.street.removesuffix('街道').removesuffix('镇')}中心小学",
            )
        )
        detail = rng.choice(
            (
                f"{h.road}{h.num}号 {school}",
                f"{school} 教师办公室",
                f"{school}门卫室",
                f"{school}{rng.choice(_GRADES)}年级组办公室".replace("年级年级", "年级"),
                f"{h.road}{h.num}号{school}传达室",
            )
        )
        return (h.province, h.city, h.district, h.street, detail)

    def _office_addr(self) -> Addr:
        rng = self.rng
        h = self._home_parts()
        bldg = rng.choice(_OFFICE_BUILDINGS)
        company = rng.choice(_COMPANY_HEADS) + rng.choice(_COMPANY_TAILS)
        floor = rng.randint(2, 28)
        detail = rng.choice(
            (
                f"{h.road}{h.num}号{bldg}{floor}楼{floor}{rng.randint(1, 20):02d}",
                f"{h.road}{h.num}号{bldg}{rng.choice('ABCD')}座{floor}{rng.randint(1, 20):02d}室 {company}",
                f"{bldg}{rng.randint(1, 12)}号楼{floor}层 {company}",
                f"{h.road}{h.num}号 {company} 前台",
                f"{bldg}{rng.choice('ABC')}栋{floor}楼 {company}行政部",
            )
        )
        return (h.province, h.city, h.district, h.street, detail)

    def _new_buyer(self, seg: str, *, pool: bool = True) -> _Buyer:
        rng = self.rng
        young = seg in ("college", "school") or (seg == "adult" and rng.random() < 0.3)
        name = self._name(young)
        if rng.random() < 0.07:
            name = self._nick(name, seg)
        phone = self._phone()
        home = None
        if seg == "college":
            addr = self._campus_addr()
            home = self._home_addr()
        elif seg == "teacher":
            addr = self._school_addr() if rng.random() < 0.6 else self._home_addr()
        elif seg == "office":
            addr = self._office_addr()
        else:
            addr = self._home_addr()
        b = _Buyer(name, phone, seg, addr, home)
        if pool:
            self.pools[seg].append(b)
        return b

    def _buyer(self, seg: str) -> _Buyer:
        pool = self.pools[seg]
        if pool and self.rng.random() < _SEG_REPEAT[seg]:
            return self.rng.choice(pool)
        return self._new_buyer(seg)

    # --- goods --------------------------------------------------------------------------

    def _spec(self, key: str) -> int:
        return bisect(_SPEC_CUM[key], self.rng.random() * _SPEC_CUM[key][-1])

    def _item(self, seg: str, d: date) -> tuple[str, int]:
        cached = self._item_cache.get((seg, d))
        if cached is None:
            keys = list(_SEG_ITEMS[seg])
            cum = list(accumulate(_SEG_ITEMS[seg][k] * _item_season(k, d) for k in keys))
            cached = self._item_cache[(seg, d)] = (keys, cum)
        key = self._pick(*cached)
        return key, self._spec(key)

    def _qty(self, seg: str, key: str, spec: int) -> int:
        c = self._choose
        if key == "a4":
            if seg == "office":
                return c(((1, 55), (2, 28), (3, 10), (4, 5), (5, 2)))
            return c(((1, 85), (2, 12), (3, 3)))
        if key in ("blindbox1", "blindbox2"):
            if spec == 0:
                return c(((1, 70), (2, 18), (3, 7), (4, 3), (5, 2)))
            return c(((1, 92), (2, 8)))
        if key == "bag":
            return c(((1, 94), (2, 6)))
        if seg == "teacher":
            return c(((1, 50), (2, 20), (3, 12), (5, 10), (10, 8)))
        if seg == "office":
            return c(((1, 60), (2, 22), (3, 10), (5, 8)))
        if key == "homework":
            return c(((1, 68), (2, 24), (3, 8)))
        return c(((1, 80), (2, 13), (3, 4), (4, 2), (5, 1)))

    def _amount(self, price: Decimal, qty: int, mode: str = "normal") -> Decimal:
        rng = self.rng
        total = price * qty
        disc = Decimal(0)
        if mode == "normal":
            r = rng.random()
            if total >= 99 and r < 0.3:
                disc = Decimal(10)
            elif total >= 49 and r < 0.28:
                disc = Decimal(5)
            elif total >= 19.9 and r < 0.22:
                disc = Decimal(2)
            elif total >= 9.9 and r < 0.08:
                disc = Decimal(1)
            elif total > 3 and r > 0.965:
                disc = Decimal(rng.choice(("0.50", "0.80", "1.20", "1.50")))
        elif mode == "bulk":
            rate = rng.choice(("0", "0.03", "0.05", "0.05", "0.08", "0.10"))
            disc = (total * Decimal(rate)).quantize(_CENT)
        return max(_CENT, (total - disc).quantize(_CENT))

    # --- life of an order ---------------------------------------------------------------

    def _pay_delay(self) -> float:
        rng = self.rng
        r = rng.random()
        if r < 0.72:
            return rng.uniform(3, 40)
        if r < 0.92:
            return rng.uniform(40, 300)
        if r < 0.985:
            return rng.uniform(300, 3600)
        return rng.uniform(3600, 16 * 3600)

    def _ship_time(self, paid: datetime, extra_days: float) -> datetime:
        rng = self.rng
        if paid.time() < time(15, 30):
            d = paid.date()
            t = datetime.combine(d, time(16, 30)) + timedelta(minutes=rng.randint(0, 200))
        else:
            d = paid.date() + timedelta(days=1)
            t = datetime.combine(d, time(9, 30)) + timedelta(minutes=rng.randint(0, 560))
        if rng.random() < 0.07:
            extra_days += 1
        if extra_days:
            t += timedelta(days=int(extra_days), minutes=rng.randint(0, 300))
        return t

    def _life(self, t: datetime, fate: str, prov: str, slow: bool = False, ship_extra: float = 0.0):
        """Outcome and timestamps for an order placed at t whose fate is known.

        fate: ok, unpaid, cancel, refund_recv (仅退款/退货 after receipt), refunding, reject (拒收).
        """
        rng, end = self.rng, self.end
        if fate == "unpaid":
            if end - t < timedelta(minutes=rng.randint(15, 30)):
                return "unpaid", None, None, None
            return "unpaid_closed", None, None, None
        paid = t + timedelta(seconds=self._pay_delay())
        if paid >= end:
            return "unpaid", None, None, None
        if fate == "cancel":
            return "cancelled", paid, None, None
        shipped = self._ship_time(paid, ship_extra)
        if shipped >= end:
            return "paid", paid, None, None
        lo, hi = _TRANSIT.get(prov, (2.0, 4.0))
        delivered = shipped + timedelta(days=rng.uniform(lo, hi))
        if fate == "reject":
            back = delivered + timedelta(days=rng.uniform(2, 6))
            if back < end:
                return "refunded", paid, shipped, None
            return "shipped", paid, shipped, None
        if fate == "refunding":
            if shipped + timedelta(days=1) < end:
                return "refunding", paid, shipped, None
            return "shipped", paid, shipped, None
        if delivered >= end:
            return "shipped", paid, shipped, None
        if fate == "refund_recv":
            received = delivered + timedelta(hours=rng.uniform(0.3, 40 if slow else 10))
            if received >= end:
                return "shipped", paid, shipped, None
            if received + timedelta(hours=rng.uniform(4, 96)) >= end:
                return "refunding", paid, shipped, None
            return "refunded", paid, shipped, received
        r = rng.random()
        if r < 0.42:
            received = delivered + timedelta(hours=rng.uniform(0.2, 60 if slow else 8))
        elif r < 0.6:
            received = delivered + timedelta(days=rng.uniform(1, 5))
        else:  # 自动确认收货
            received = shipped + timedelta(days=10, seconds=rng.randint(0, 3600))
        if received >= end:
            return "shipped", paid, shipped, None
        return "completed", paid, shipped, received

    def _honest_fate(self, seg: str, key: str) -> str:
        unpaid = {"college": 0.065, "school": 0.06, "office": 0.03, "teacher": 0.035}.get(seg, 0.05)
        refund = 0.03 if key in ("blindbox1", "blindbox2", "bag") else 0.013
        return self._choose(
            (
                ("unpaid", unpaid),
                ("cancel", 0.025),
                ("refund_recv", refund),
                ("refunding", 0.004),
                ("reject", 0.003),
                ("ok", 1.0 - unpaid - 0.025 - refund - 0.007),
            )
        )

    def _order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self._order_nos:
                self._order_nos.add(no)
                return no

    def _emit(
        self,
        t: datetime,
        name: str,
        phone: str,
        addr: Addr,
        key: str,
        spec: int,
        qty: int,
        fate: str,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        mode: str = "normal",
        price: Decimal | None = None,
        ship_extra: float = 0.0,
    ) -> ExportOrder:
        sku = _CATALOG[key]
        spec_name, list_price, _ = sku.specs[spec]
        if price is not None:  # a promotion price: the difference is the discount
            amount = max(_CENT, (list_price * qty - (list_price - price) * qty).quantize(_CENT))
        else:
            amount = self._amount(list_price, qty, mode)
        slow = "驿站" in addr[4] or "快递" in addr[4] or "代收" in addr[4]
        t = t.replace(microsecond=0)
        outcome, *times = self._life(t, fate, addr[0], slow, ship_extra)
        paid, shipped, received = (x.replace(microsecond=0) if x else None for x in times)
        if note == "" and self.rng.random() < 0.04:
            note = self.rng.choice(_NOTES_HONEST)
        o = ExportOrder(
            order_no=self._order_no(t),
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
            receiver=name,
            phone=phone,
            province=addr[0],
            city=addr[1],
            district=addr[2],
            street=addr[3],
            detail=addr[4],
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.out.append(o)
        return o

    # =====================================================================================
    # Honest traffic
    # =====================================================================================

    def regular(self, n: int) -> None:
        for _ in range(n):
            seg = self._pick(self._segs, self._seg_cum)
            b = self._buyer(seg)
            t = self._when(seg)
            key, spec = self._item(seg, t.date())
            qty = self._qty(seg, key, spec)
            self._emit(t, b.name, b.phone, b.addr_on(t.date()), key, spec, qty, self._honest_fate(seg, key))

    def flash_sales(self, budget: int) -> int:
        """限时秒杀: hundreds of one-order buyers on one SKU within minutes, mostly paid."""
        rng = self.rng
        if budget < 15:
            return 0
        sizes = [budget] if budget < 700 else [round(budget * 0.6), budget - round(budget * 0.6)]
        items = [
            ("gelpen", 3, "9.90"),
            ("blindbox1", 0, "4.90"),
            ("sticky", 0, "1.99"),
            ("exam", 1, "3.90"),
            ("notebook", 1, "6.90"),
        ]
        rng.shuffle(items)
        made = 0
        for size, (key, spec, price) in zip(sizes, items, strict=False):
            d = self._day(2, 2)
            t0 = datetime.combine(d, time(rng.choice((10, 12, 20, 20, 21)), 0))
            t0 = min(max(t0, self.start + timedelta(hours=1)), self.end - timedelta(hours=2))
            for _ in range(size):
                off = min(rng.expovariate(1 / 80), 560) + rng.random()
                if rng.random() < 0.04:
                    off = rng.uniform(560, 900)
                seg = self._choose((("college", 35), ("school", 20), ("parent", 30), ("adult", 15)))
                b = self._new_buyer(seg, pool=rng.random() < 0.15)
                qty = 2 if rng.random() < 0.07 else 1
                fate = self._choose((("ok", 90), ("unpaid", 6.5), ("cancel", 2.5), ("refund_recv", 1)))
                t = t0 + timedelta(seconds=off)
                self._emit(
                    t, b.name, b.phone, b.addr_on(d), key, spec, qty, fate,
                    lookalike="flash_sale", price=Decimal(price), ship_extra=rng.uniform(0, 2.5),
                )  # fmt: skip
                made += 1
        return made

    def wholesale(self, budget: int) -> int:
        """Offices, teachers, schools and 培训机构 buying large quantities and paying."""
        rng = self.rng
        made = 0
        while made < budget:
            kind = self._choose((("office", 40), ("teacher", 30), ("school", 12), ("training", 18)))
            seg = "office" if kind in ("office", "training") else "teacher"
            b = self._new_buyer(seg, pool=False)
            if kind == "school":
                b.addr = self._school_addr()
            elif kind == "training":
                a = self._office_addr()
                b.addr = a[:4] + (
                    a[4].split(" ")[0] + rng.choice((" 启明教育", " 书香培训中心", " 小太阳美术", " 学而思维辅导")),
                )
            for _ in range(self._choose(((1, 55), (2, 30), (3, 15)))):
                note = ""
                if kind == "office":
                    key, spec, qty = self._choose(
                        (
                            (("a4", rng.randint(1, 3), rng.choice((3, 4, 5, 6, 8, 10, 12, 15, 20))), 60),
                            (("filebag", rng.randint(0, 1), rng.randint(8, 30)), 15),
                            (("gelpen", 3, rng.randint(3, 10)), 15),
                            (("sticky", 3, rng.randint(5, 20)), 10),
                        )
                    )
                    note = rng.choice(("", "", "需要开票", "请工作日送达", "放前台"))
                elif kind == "teacher":
                    key, spec, qty = self._choose(
                        (
                            (("blindbox1", 0, rng.choice((30, 40, 42, 45, 48, 50, 52, 55, 60))), 30),
                            (("exam", 1, rng.randint(36, 60)), 20),
                            (("gelpen", 0, rng.randint(10, 30)), 20),
                            (("sticky", 0, rng.randint(20, 50)), 15),
                            (("notebook", 0, rng.randint(20, 50)), 15),
                        )
                    )
                    note = rng.choice(("", "", "班级奖品", "学生奖品 请一起发", "老师收"))
                elif kind == "school":
                    key, spec, qty = self._choose(
                        (
                            (("exam", rng.randint(0, 2), rng.randint(100, 400)), 40),
                            (("a4", rng.randint(1, 2), rng.randint(20, 50)), 35),
                            (("homework", rng.randint(0, 3), rng.randint(50, 200)), 25),
                        )
                    )
                    note = rng.choice(("学校采购 需开增值税普票", "学校采购", "", "请送到传达室"))
                else:
                    key, spec, qty = self._choose(
                        (
                            (("notebook", rng.randint(0, 1), rng.randint(30, 120)), 30),
                            (("gelpen", rng.randint(0, 1), rng.randint(20, 60)), 25),
                            (("errbook", 0, rng.randint(30, 80)), 20),
                            (("sketch", rng.randint(0, 1), rng.randint(20, 60)), 25),
                        )
                    )
                seg_t = "office" if seg == "office" else "teacher"
                t = self._when(seg_t)
                fate = self._choose((("ok", 93), ("unpaid", 3), ("cancel", 4)))
                self._emit(
                    t, b.name, b.phone, b.addr, key, spec, qty, fate,
                    lookalike="wholesale", note=note, mode="bulk",
                )  # fmt: skip
                made += 1
        return made

    def families(self, budget: int) -> int:
        """2-3 people of one household ordering to the same home, each typing it their way."""
        rng = self.rng
        made = 0
        while made < budget:
            h = self._home_parts()
            base_style = bisect(_HOME_STYLE_CUM, rng.random() * _HOME_STYLE_CUM[-1])
            sur = self._pick(_SURNAMES, _SURNAME_CUM)
            mother = self._name(False)
            members = [(mother, self._phone(), "parent")]
            members.append((sur + rng.choice(_ADULT), self._phone(), rng.choice(("parent", "adult"))))
            if rng.random() < 0.6:
                kid_phone = members[0][1] if rng.random() < 0.4 else self._phone()
                members.append((sur + rng.choice(_YOUNG), kid_phone, "school"))
            styled = []
            for m in members:
                style = base_style if rng.random() < 0.65 else rng.randrange(len(_HOME_STYLE_CUM))
                styled.append((m, (h.province, h.city, h.district, h.street, _render(h, style))))
            weights = [5, 3, 2][: len(styled)]
            for _ in range(rng.randint(3, 8)):
                (name, phone, seg), addr = rng.choices(styled, weights)[0]
                t = self._when(seg)
                key, spec = self._item(seg, t.date())
                qty = self._qty(seg, key, spec)
                self._emit(t, name, phone, addr, key, spec, qty, self._honest_fate(seg, key), lookalike="family")
                made += 1
        return made

    def dorms(self, budget: int) -> int:
        """Room- and floor-mates ordering the same thing in one evening to one dorm building."""
        rng = self.rng
        made = 0
        while made < budget:
            entry = rng.choice(_UNI_LIST)
            (city, district), (uni, campus, street, gate) = entry
            g = _UNI_GEO[(city, district)]
            areas, points = self._campus_info(uni)
            area, bld = rng.choice(areas), rng.randint(1, 28)
            rooms = [self._dorm_room() for _ in range(rng.randint(1, 3))]
            d = self._pick(self.dates, self._day_cum["college"])
            if _calendar(d)[2]:
                continue
            t0 = datetime.combine(d, time(rng.choice((19, 20, 21, 21, 22)), rng.randrange(60)))
            key, spec = rng.choice(
                (("blindbox1", 0), ("blindbox2", 0), ("sticky", 0), ("highlighter", 0), ("notebook", 1), ("exam", 1))
            )
            for _ in range(rng.randint(4, 9)):
                name, phone = self._name(True), self._phone()
                if rng.random() < 0.25:
                    detail = f"{uni}{campus}{rng.choice(points)}"
                else:
                    room = rng.choice(rooms)
                    detail = rng.choice(
                        (
                            f"{uni}{campus}{area}{bld}栋{room}",
                            f"{uni}{area}{bld}号楼{room}",
                            f"{uni}{campus} {area}{bld}栋 {room}宿舍",
                        )
                    )
                addr = (g[0], g[1], g[2], street, detail)
                t = self._in_window(t0 + timedelta(seconds=rng.uniform(0, 150 * 60)))
                qty = 1 if rng.random() < 0.8 else 2
                self._emit(t, name, phone, addr, key, spec, qty, self._honest_fate("college", key), lookalike="dorm")
                if rng.random() < 0.4:
                    self.pools["college"].append(_Buyer(name, phone, "college", addr, self._home_addr()))
                made += 1
        return made

    def class_monitors(self, budget: int) -> int:
        """A 班长 / 学习委员 placing one order per classmate, own phone, class pick-up address."""
        rng = self.rng
        made = 0
        while made < budget:
            college = rng.random() < 0.6
            seg = "college" if college else "school"
            b = self._new_buyer(seg, pool=False)
            if college:
                b.addr = self._campus_addr(pickup=True)
            d = self._pick(self.dates, self._day_cum[seg])
            t = self._at(d, seg)
            key, spec = rng.choice(
                (("exam", 1), ("exam", 2), ("errbook", 0), ("notebook", 0), ("highlighter", 0), ("blindbox1", 0))
            )
            note = rng.choice(("", "", "班级团购", "班长代买"))
            for _ in range(rng.randint(3, 8)):
                name = b.name if rng.random() < 0.4 else self._name(True)
                qty = self._choose(((1, 60), (2, 20), (3, 10), (5, 10)))
                fate = self._choose((("ok", 95), ("unpaid", 3), ("cancel", 2)))
                self._emit(
                    self._in_window(t),
                    name,
                    b.phone,
                    b.addr,
                    key,
                    spec,
                    qty,
                    fate,
                    lookalike="class_monitor",
                    note=note,
                )
                t += timedelta(seconds=rng.uniform(30, 420))
                made += 1
        return made

    def single_refunds(self, budget: int) -> int:
        """A buyer who refunds once: wrong colour, leaking pen, a blind box arrived crushed."""
        rng = self.rng
        made = 0
        while made < budget:
            seg = self._choose((("college", 40), ("school", 20), ("parent", 40)))
            b = self._new_buyer(seg)
            n = rng.randint(1, 3)
            bad = rng.randrange(n)
            for i in range(n):
                t = self._when(seg)
                if i == bad:
                    key = rng.choice(("pencilcase", "marker", "blindbox1", "gelpen", "bag"))
                    spec = self._spec(key)
                    note = rng.choice(("要蓝色的谢谢", "", "", "不要粉色", "送人的 包装好点"))
                    self._emit(
                        t,
                        b.name,
                        b.phone,
                        b.addr_on(t.date()),
                        key,
                        spec,
                        1,
                        "refund_recv",
                        lookalike="single_refund",
                        note=note,
                    )
                else:
                    key, spec = self._item(seg, t.date())
                    self._emit(
                        t,
                        b.name,
                        b.phone,
                        b.addr_on(t.date()),
                        key,
                        spec,
                        self._qty(seg, key, spec),
                        "ok",
                        lookalike="single_refund",
                    )
                made += 1
        return made

    def new_customers(self, budget: int) -> int:
        """Real first-time buyers taking the ¥0.01 新人专享 pen (some come back later)."""
        made = 0
        while made < budget:
            seg = self._choose((("college", 35), ("school", 20), ("parent", 30), ("adult", 15)))
            b = self._new_buyer(seg, pool=self.rng.random() < 0.4)
            t = self._when(seg)
            fate = self._choose((("ok", 95), ("unpaid", 3), ("reject", 2)))
            self._emit(t, b.name, b.phone, b.addr_on(t.date()), "penny", 0, 1, fate, lookalike="new_customer")
            made += 1
        return made

    # =====================================================================================
    # Attacks
    # =====================================================================================

    def burst(self, budget: int) -> int:
        """炸店: 100+ hired accounts, each with its own phone and address, hitting one SKU in ~15 min."""
        rng = self.rng
        if budget <= 0:
            return 0
        parts = [budget] if budget < 140 else [round(budget * 0.72), budget - round(budget * 0.72)]
        targets = [
            ("gelpen", (1, 2, 3)),
            ("pencilcase", (0, 1, 3)),
            ("marker", (1, 2)),
            ("bag", (0, 2)),
            ("blindbox2", (0,)),
        ]
        rng.shuffle(targets)
        made = 0
        for part, (key, specs) in zip(parts, targets, strict=False):
            d = self._day(1, 2)
            t0 = datetime.combine(
                d, time(rng.choice((12, 19, 20, 20, 21, 21, 22)), rng.randrange(60), rng.randrange(60))
            )
            t0 = min(max(t0, self.start + timedelta(minutes=30)), self.end - timedelta(hours=1))
            fav = rng.sample(specs, min(len(specs), 2))
            done = 0
            while done < part:
                seg = self._choose((("college", 35), ("adult", 35), ("parent", 20), ("school", 10)))
                b = self._new_buyer(seg, pool=False)
                nopay = rng.random() < 0.6
                off = rng.triangular(0, 15 * 60, 4 * 60)
                if rng.random() < 0.06:
                    off = rng.uniform(15 * 60, 26 * 60)
                t = t0 + timedelta(seconds=off)
                for _ in range(min(part - done, self._choose(((1, 45), (2, 32), (3, 16), (4, 7))))):
                    spec = rng.choice(fav)
                    qty = self._choose(((1, 72), (2, 20), (3, 8)))
                    if nopay:
                        fate = self._choose((("unpaid", 88), ("cancel", 8), ("ok", 4)))
                    else:
                        fate = self._choose(
                            (("cancel", 78), ("unpaid", 10), ("refunding", 5), ("reject", 4), ("refund_recv", 3))
                        )
                    note = rng.choice(("尽快发货", "", "", "", "")) if not nopay else ""
                    self._emit(
                        self._in_window(t),
                        b.name,
                        b.phone,
                        b.addr_on(d),
                        key,
                        spec,
                        qty,
                        fate,
                        label="burst",
                        note=note,
                    )
                    t += timedelta(seconds=rng.uniform(25, 200))
                    done += 1
            made += done
        return made

    def inventory_lock(self, budget: int) -> int:
        """同行恶拍: one-off accounts locking limited blind boxes with 4-8x the usual quantity, never paying."""
        rng = self.rng
        if budget <= 0:
            return 0
        targets = [
            (("blindbox1", 0, 6, 12), 35),
            (("blindbox1", 1, 4, 8), 20),
            (("blindbox2", 0, 5, 11), 30),
            (("blindbox2", 1, 4, 7), 15),
        ]
        rng.shuffle(targets)
        targets = targets[: rng.randint(2, 3)]
        restocks = []
        for _ in range(rng.randint(2, 4)):
            d = self._day(0, 1)
            restocks.append(datetime.combine(d, time(rng.choice((10, 12, 20)), 0)))
        made = 0
        while made < budget:
            seg = self._choose((("college", 35), ("school", 20), ("adult", 30), ("parent", 15)))
            b = self._new_buyer(seg, pool=False)
            used: set[date] = set()
            for _ in range(1 if rng.random() < 0.85 else 2):
                key, spec, lo, hi = self._choose(targets)
                if rng.random() < 0.45:
                    t = rng.choice(restocks) + timedelta(seconds=min(rng.expovariate(1 / 5400), 8 * 3600))
                else:
                    t = self._when(rng.choice(("college", "school", "adult")))
                if t.date() in used:
                    t += timedelta(days=rng.randint(2, 6) * (1 if t < self.end - timedelta(days=7) else -1))
                t = self._in_window(t)
                used.add(t.date())
                qty = rng.randint(lo, hi)
                fate = "unpaid" if rng.random() < 0.76 else "cancel"
                self._emit(t, b.name, b.phone, b.addr_on(t.date()), key, spec, qty, fate, label="inventory_lock")
                made += 1
        return made

    def serial_refund(self, budget: int) -> int:
        """A handful of buyers who shop at an ordinary pace and get most orders refunded after receipt."""
        rng = self.rng
        if budget <= 0:
            return 0
        nb = max(1, min(7, round(budget / 7)))
        per = budget / nb
        items = ("bag", "marker", "pencilcase", "blindbox1", "a4", "sketch", "gelpen", "notebook", "blindbox2")
        made = 0
        for i in range(nb):
            seg = rng.choice(("parent", "adult", "college", "school", "parent"))
            b = self._new_buyer(seg, pool=False)
            alt = self._home_addr() if rng.random() < 0.25 else None
            n = max(2, min(11, round(rng.gauss(per, 1.5)))) if i < nb - 1 else max(2, budget - made)
            gap = 29.0 / n
            day = rng.uniform(0, gap)
            fav = rng.sample(items, 4)
            for j in range(n):
                idx = min(len(self.dates) - 1, int(day))
                t = self._at(self.dates[idx], seg)
                key = rng.choice(fav)
                spec = self._spec(key)
                qty = 1 if rng.random() < 0.85 else 2
                if j == 0:
                    fate = "ok" if rng.random() < 0.6 else "refund_recv"
                else:
                    fate = self._choose((("refund_recv", 72), ("refunding", 8), ("ok", 20)))
                addr = alt if alt is not None and rng.random() < 0.4 else b.addr_on(t.date())
                self._emit(t, b.name, b.phone, addr, key, spec, qty, fate, label="serial_refund")
                made += 1
                day += gap * rng.uniform(0.6, 1.4)
        return made

    def ring(self, budget: int) -> int:
        """A dozen names behind a few phones at one address written many ways, bad outcomes."""
        rng = self.rng
        if budget <= 0:
            return 0
        n_names = max(2, min(15, round(budget / 4.5)))
        n_phones = 1 if n_names < 3 else 2 if n_names < 6 else 3 if n_names < 12 else 4
        h = self._home_parts()
        phones = [self._phone() for _ in range(n_phones)]
        names = [self._name(rng.random() < 0.4) for _ in range(n_names)]
        r, n, c, bd, u, rm = h.road, h.num, h.comm, h.b, h.u, h.room
        variants = (
            f"{r}{n}号{c}{bd}栋{u}单元{rm}",
            _fw(f"{r}{n}号{c}{bd}栋{u}单元{rm}"),
            f"{c}{bd}幢{u}单元{rm}室",
            f"{r} {n}号  {c} {bd}栋 {u}单元 {rm}",
            f"{c}{bd}号楼{u}单元{rm}",
            f"{r}{n}号{c}{bd}栋{rm}",
            f"{c}小区{_fw(str(bd))}栋{u}-{rm}",
            f"{c}{bd}-{u}-{rm}",
            f"{r}{n}号 {c}{bd}号楼{rm}室",
        )
        people = [(nm, rng.randrange(n_phones), rng.randrange(len(variants))) for nm in names]
        items = ("gelpen", "pencilcase", "marker", "blindbox1", "bag", "notebook", "sticky", "a4", "correction")
        made = 0
        while made < budget:
            nm, ph, style = rng.choice(people)
            if rng.random() < 0.2:
                ph = rng.randrange(n_phones)
            if rng.random() < 0.35:
                style = rng.randrange(len(variants))
            street = h.street
            addr = (h.province, h.city, h.district, street, variants[style])
            t = self._when(rng.choice(("adult", "parent")))
            key = rng.choice(items)
            spec = self._spec(key)
            qty = 1 if rng.random() < 0.8 else 2
            fate = self._choose(
                (("unpaid", 30), ("cancel", 25), ("refund_recv", 30), ("refunding", 5), ("reject", 3), ("ok", 7))
            )
            self._emit(t, nm, phones[ph], addr, key, spec, qty, fate, label="ring")
            made += 1
        return made

    def penny_farming(self, budget: int) -> int:
        """羊毛党: a studio farming the ¥0.01 新人专享 pen with many accounts into a few village parcel points."""
        rng = self.rng
        if budget <= 0:
            return 0
        county = rng.choice(_COUNTIES)
        prov, city, dist, towns, _, villages = county
        points = []
        for _ in range(rng.randint(3, 5) if budget > 30 else 2):
            town, village = rng.choice(towns), rng.choice(villages)
            shop = rng.choice(("菜鸟驿站", "兔喜生活", "妈妈驿站", "中通快递超市", "极兔代收点", "邮政快递点"))
            keeper = self._pick(_SURNAMES, _SURNAME_CUM)
            forms = (
                f"{village}村{shop}",
                f"{town}{village}村{shop}",
                f"{village}村 {shop}({keeper}家超市)",
                f"{village}村口{shop}",
                f"{village}村{keeper}家小卖部代收",
                f"{village}村{rng.randint(1, 9)}组 放{shop}",
                f"{town}{village}村委会对面 {shop}",
            )
            points.append((town, forms))
        made = 0
        while made < budget:
            d = self._day()
            hour = rng.choice((21, 22, 22, 23, 23, 0, 1, 13, 14))
            t0 = datetime.combine(d, time(hour, rng.randrange(60)))
            span = rng.uniform(40, 160) * 60
            for _ in range(min(budget - made, rng.randint(5, 18))):
                t = self._in_window(t0 + timedelta(seconds=rng.uniform(0, span)))
                name = self._name(rng.random() < 0.4)
                phone = self._phone(virtual=rng.random() < 0.45)
                town, forms = rng.choice(points)
                addr = (prov, city, dist, town, rng.choice(forms))
                fate = self._choose((("ok", 87), ("unpaid", 4), ("reject", 6), ("refund_recv", 3)))
                self._emit(t, name, phone, addr, "penny", 0, 1, fate, label="penny_farming")
                made += 1
                if rng.random() < 0.1 and made < budget:  # a cheap follow-up order to look like a real customer
                    t2 = t + timedelta(days=rng.uniform(2, 9))
                    if t2 < self.end:
                        key = rng.choice(("correction", "sticky", "gelpen"))
                        self._emit(t2, name, phone, addr, key, 0, 1, "ok", label="penny_farming")
                        made += 1
        return made

    def blindbox_refund(self, budget: int) -> int:
        """闲鱼 resellers: a few people with family/friends' accounts buy whole blind-box sets,
        keep the hidden figures and claim 仅退款 (缺件 / 重复 / 盒子压坏)."""
        rng = self.rng
        if budget <= 0:
            return 0
        made = 0
        while made < budget:
            h = self._home_parts()
            station = rng.choice(
                (f"{h.comm}小区门口菜鸟驿站", f"{h.road}{h.num}号 兔喜快递超市", f"{h.comm}东门妈妈驿站")
            )
            sur = self._pick(_SURNAMES, _SURNAME_CUM)
            n_acc = rng.randint(3, 6)
            for a in range(n_acc):
                if made >= budget:
                    break
                name = (
                    (sur + rng.choice(_ADULT + _YOUNG))
                    if a < 2 or rng.random() < 0.3
                    else self._name(rng.random() < 0.5)
                )
                phone = self._phone()
                own = _render(h, rng.randrange(len(_HOME_STYLE_CUM)))
                detail = station if rng.random() < 0.5 else own
                addr = (h.province, h.city, h.district, h.street, detail)
                day = rng.uniform(0, 12)
                for _ in range(self._choose(((1, 35), (2, 40), (3, 25)))):
                    if made >= budget or day >= len(self.dates):
                        break
                    t = self._at(self.dates[int(day)], rng.choice(("college", "adult")))
                    key, spec, qty = self._choose(
                        (
                            (("blindbox1", 1, 1), 30),
                            (("blindbox1", 2, 1), 20),
                            (("blindbox2", 1, 1), 30),
                            (("blindbox1", 0, rng.randint(3, 5)), 10),
                            (("blindbox2", 0, rng.randint(3, 5)), 10),
                        )
                    )
                    fate = self._choose((("refund_recv", 70), ("refunding", 8), ("ok", 22)))
                    note = rng.choice(("", "", "", "要不重复的", "盒子别压坏"))
                    self._emit(t, name, phone, addr, key, spec, qty, fate, label="blindbox_refund", note=note)
                    made += 1
                    day += rng.uniform(2, 8)
        return made


_ATTACK_SHARE = (
    ("burst", 0.28),
    ("inventory_lock", 0.17),
    ("serial_refund", 0.05),
    ("ring", 0.06),
    ("penny_farming", 0.25),
    ("blindbox_refund", 0.19),
)
_LOOKALIKE_SHARE = (
    ("flash_sales", 0.05),
    ("wholesale", 0.015),
    ("families", 0.02),
    ("dorms", 0.012),
    ("class_monitors", 0.005),
    ("single_refunds", 0.004),
    ("new_customers", 0.012),
)


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = _Shop(seed, end, orders)
    n_attack = round(orders * 0.05)
    for method, share in _ATTACK_SHARE:
        getattr(shop, method)(round(n_attack * share))
    for method, share in _LOOKALIKE_SHARE:
        getattr(shop, method)(round(orders * share))
    shop.regular(max(0, orders - len(shop.out)))
    shop.out.sort(key=lambda o: (o.ordered_at, o.order_no))
    return shop.out


if __name__ == "__main__":
    rows = generate(seed=1, end=datetime(2026, 9, 15))
    attacks = [o for o in rows if o.label]
    print(f"family={FAMILY} orders={len(rows)} attacks={len(attacks)} ({len(attacks) / len(rows):.1%})")
    by_label = Counter(o.label for o in attacks)
    by_look = Counter(o.lookalike for o in rows if o.lookalike)
    for name, n in sorted(by_label.items()):
        outs = Counter(o.outcome for o in rows if o.label == name)
        print(f"  attack    {name:16s} {n:5d}  {dict(outs.most_common())}")
    for name, n in sorted(by_look.items()):
        outs = Counter(o.outcome for o in rows if o.lookalike == name)
        print(f"  lookalike {name:16s} {n:5d}  {dict(outs.most_common())}")
    plain = [o for o in rows if not o.label and not o.lookalike]
    print(f"  honest    {'regular':16s} {len(plain):5d}  {dict(Counter(o.outcome for o in plain).most_common())}")
    print(f"  outcomes  {dict(Counter(o.outcome for o in rows).most_common())}")
