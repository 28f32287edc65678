"""Family "home": a 9.9-包邮 home & kitchen goods shop with a large 下沉市场 audience.

About 50 SKUs (收纳盒, 保鲜膜, 抹布, 拖把, 垃圾袋, 不粘锅, 电饭煲 ...), 1.9-199 yuan. Two daily
整点秒杀 on a rotating SKU (10 and 14 whole hours apart, placed in whole hours back from ``end``,
so the layout does not depend on the hour ``end`` falls at), a 百亿补贴 pan with heavy traffic
and a 新人专享 1.9-yuan hook SKU.

Attacks (``label``), about 5% of orders, in evasive forms:

* ``burst``: 2 炸店 events of ~80-130 fresh accounts, each its own phone/name/address scattered
  over the country, 1-3 orders on one SKU (specs mixed) inside 10-20 minutes; one is hidden in
  the busy 百亿补贴 traffic. Mostly never paid, some paid and cancelled, a few refunded.
* ``inventory_lock``: 同行恶拍 of several times the usual quantity on three SKUs by one-off
  accounts over the month, some placed in the hours before a 秒杀 of that SKU; never paid or
  paid and cancelled before shipping.
* ``serial_refund``: ~22 people, 3-8 orders each days apart on mid-priced goods, mostly refunded
  after receipt, same name and phone, the address typed differently now and then.
* ``ring``: 3 rings of 8-15 receiver names behind 2-4 phones at one address written many ways,
  orders spread over the month, mostly unpaid_closed / cancelled / refunded.
* ``coupon_farm`` (this family's own): a 羊毛党 studio farming 新人券 and 百亿补贴 in waves,
  many accounts (some reused across waves) with their own names/phones shipping to a few
  快递驿站 in one town; paid for almost nothing and mostly received, some 仅退款 claims.

Honest look-alikes (``lookalike``): ``flash_sale`` (every 秒杀, two of them huge),
``wholesale`` (宾馆 / 小卖部 / 饭店 buying 10-60 units), ``family`` (2-3 names at one address),
``village_pickup`` (villagers all shipping to the same 村小卖部 代收点) and ``loyal_repeat``
(housewives reordering 6-12 times a month, an occasional refund).
"""

import random
import time
from datetime import datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "home"

H = timedelta(hours=1)
MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)
DAY = timedelta(days=1)
SPAN = 30 * DAY

# ---------------------------------------------------------------------------------------------
# Catalogue: (name, price in cents, specs, usual max quantity, tags)
# ---------------------------------------------------------------------------------------------
SKUS = [
    ("加厚保鲜膜 家用大卷 食品级", 990, ["30cm×100m", "30cm×200m"], 2, {"bulk"}),
    ("一次性保鲜袋 家用食品级 加厚", 690, ["小号200只", "中号150只", "大号100只"], 3, {"bulk"}),
    ("加厚垃圾袋 手提式 家用", 990, ["5卷100只", "10卷200只"], 3, {"bulk", "flash"}),
    ("抽绳垃圾袋 自动收口", 1290, ["45×50cm 5卷", "50×60cm 5卷"], 2, {"bulk"}),
    ("吸水抹布 不掉毛 厨房专用", 590, ["5条装", "10条装", "20条装"], 2, {"bulk", "flash"}),
    ("洗碗布 百洁布 双面", 390, ["10片", "20片"], 3, {"bulk"}),
    ("不锈钢钢丝球 清洁球", 290, ["6个装", "12个装"], 3, {"bulk"}),
    ("懒人抹布 一次性 干湿两用", 990, ["50抽×2卷", "50抽×4卷"], 2, set()),
    ("旋转拖把 免手洗 家用", 3990, ["单杆+2布", "单杆+4布"], 1, {"flash"}),
    ("平板拖把 替换布 懒人", 1590, ["拖把+3布", "替换布6片"], 1, set()),
    ("胶棉拖把 强力吸水", 1990, ["38cm", "33cm"], 1, set()),
    ("扫把簸箕套装 家用", 2490, ["灰色", "绿色"], 1, set()),
    ("塑料收纳盒 带盖 整理箱", 990, ["小号3个", "中号2个", "大号1个"], 3, {"flash"}),
    ("抽屉式收纳柜 五层 塑料", 8900, ["白色五层", "透明四层"], 1, {"big"}),
    ("衣物收纳箱 大容量 带轮", 2990, ["66L", "100L"], 2, set()),
    ("桌面收纳盒 分格 化妆品", 790, ["白色", "粉色"], 2, set()),
    ("冰箱收纳盒 保鲜 食品级", 1290, ["4个装", "8个装"], 2, set()),
    ("调料盒 套装 家用厨房", 1590, ["4格", "6格带勺"], 1, set()),
    ("【百亿补贴】麦饭石不粘炒锅 家用", 4990, ["30cm无盖", "32cm带盖"], 1, {"big", "subsidy"}),
    ("不粘平底锅 煎锅 燃气电磁炉通用", 2990, ["24cm", "28cm"], 1, set()),
    ("电饭煲 家用 3L 迷你", 8900, ["3L 白色", "4L 白色"], 1, {"big"}),
    ("智能电饭煲 预约 5L", 19900, ["5L 黑色", "5L 香槟金"], 1, {"big"}),
    ("电热水壶 304不锈钢", 2990, ["1.8L", "2.3L"], 1, {"flash"}),
    ("切菜板 防霉 加厚", 1990, ["中号", "大号"], 1, set()),
    ("不锈钢菜刀 家用", 1590, ["切片刀", "斩切刀"], 1, set()),
    ("厨房剪刀 多功能", 590, ["1把", "2把"], 2, set()),
    ("一次性手套 食品级 加厚", 490, ["100只", "500只"], 3, {"bulk"}),
    ("厨房纸巾 吸油吸水", 990, ["4卷", "8卷"], 2, {"bulk"}),
    ("原木抽纸 家用实惠装", 990, ["6包", "12包", "24包"], 3, {"bulk", "flash"}),
    ("柠檬洗洁精 家庭装", 990, ["1kg", "1kg×2瓶"], 2, {"bulk"}),
    ("84消毒液 家用", 890, ["1瓶", "2瓶"], 2, {"bulk"}),
    ("厨房重油污清洁剂", 1290, ["500ml", "500ml×2"], 2, set()),
    ("马桶刷 套装 无死角", 690, ["白色", "灰色"], 1, set()),
    ("防滑晾衣架 家用", 990, ["10个", "20个", "40个"], 2, {"bulk", "flash"}),
    ("植绒衣架 无痕", 1490, ["20个"], 2, set()),
    ("沥水篮 洗菜盆", 990, ["小号", "大号"], 1, set()),
    ("304不锈钢保温杯", 1990, ["500ml 白", "500ml 黑"], 1, set()),
    ("玻璃杯 家用 耐热", 990, ["6只装"], 1, set()),
    ("陶瓷碗筷套装", 2990, ["4人份", "6人份"], 1, set()),
    ("合金筷子 家用", 990, ["10双"], 2, {"bulk"}),
    ("一次性拖鞋 酒店宾馆", 1590, ["20双", "50双"], 2, {"bulk"}),
    ("新人专享 免打孔粘钩", 190, ["10个装"], 1, {"newuser"}),
    ("玻璃密封罐 储物", 1290, ["2个", "4个"], 1, set()),
    ("粘毛器 滚筒 可撕", 590, ["1个+3卷"], 2, set()),
    ("防滑地垫 门口 吸水", 1990, ["40×60", "50×80"], 1, set()),
    ("浴室置物架 免打孔", 1990, ["单层", "双层"], 1, set()),
    ("洗衣凝珠 持久留香", 1990, ["50颗", "100颗"], 2, set()),
    ("洗衣液 薰衣草 家庭装", 1990, ["2kg", "2kg×2"], 2, {"bulk"}),
    ("不锈钢蒸笼 两层", 2490, ["26cm两层"], 1, set()),
    ("微波炉饭盒 带盖", 1290, ["单层", "双层"], 2, set()),
    ("空气炸锅 家用 大容量", 12900, ["4.5L"], 1, {"big"}),
]
SKU_IDS = [str(58213400017 + i * 1031) for i in range(len(SKUS))]
SUBSIDY = next(i for i, s in enumerate(SKUS) if "subsidy" in s[4])
NEWUSER = next(i for i, s in enumerate(SKUS) if "newuser" in s[4])
FLASH_POOL = [i for i, s in enumerate(SKUS) if "flash" in s[4]]
BULK = [i for i, s in enumerate(SKUS) if "bulk" in s[4]]
MIDPRICE = [i for i, s in enumerate(SKUS) if 1990 <= s[1] <= 19900]
# background popularity: cheap consumables sell most
_POP = [(6.0 if s[1] <= 1000 else 3.0 if s[1] <= 3000 else 1.2) for s in SKUS]
_POP[SUBSIDY] = 0.0
_POP[NEWUSER] = 0.0

# ---------------------------------------------------------------------------------------------
# People and places
# ---------------------------------------------------------------------------------------------
SURNAMES = list(
    "王王王李李李张张张刘刘陈陈杨杨黄赵赵吴周周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_F = [
    "秀英",
    "桂英",
    "丽",
    "敏",
    "静",
    "婷",
    "娟",
    "艳",
    "霞",
    "芳",
    "玲",
    "红梅",
    "春燕",
    "小红",
    "美玲",
    "慧",
    "晓燕",
    "海燕",
    "雪梅",
    "翠花",
    "玉兰",
    "金凤",
    "丹",
    "倩",
    "欣怡",
    "雨涵",
    "梦琪",
    "佳慧",
    "淑珍",
    "凤英",
    "桂兰",
    "小芳",
    "丽娟",
    "秀兰",
    "月娥",
    "彩霞",
    "丽华",
    "玉梅",
    "巧云",
    "亚男",
    "素芬",
    "爱萍",
    "秋菊",
    "晓丽",
    "文静",
]
GIVEN_M = [
    "伟",
    "强",
    "磊",
    "军",
    "勇",
    "杰",
    "涛",
    "明",
    "超",
    "刚",
    "建华",
    "建国",
    "志强",
    "海波",
    "文斌",
    "俊杰",
    "浩然",
    "宇航",
    "国庆",
    "卫东",
    "德明",
    "小龙",
    "春生",
    "长青",
    "永军",
    "建军",
    "红兵",
    "立新",
    "家豪",
    "子轩",
    "鹏",
    "飞",
    "斌",
    "波",
    "辉",
    "亮",
    "峰",
    "旭东",
    "保国",
    "金山",
]
HONORIFIC = ["女士", "姐", "先生", "哥", "师傅", "阿姨"]

PHONE_PREFIX = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "175",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
]
VIRTUAL_PREFIX = ["165", "167", "170", "171", "162"]

RURAL_GEO = [
    ("河南省", "周口市", "郸城县", ["汲冢镇", "石槽镇", "宁平镇", "宜路镇"]),
    ("河南省", "商丘市", "虞城县", ["利民镇", "木兰镇", "张集镇"]),
    ("河南省", "驻马店市", "上蔡县", ["蔡都街道", "黄埠镇", "东洪镇"]),
    ("山东省", "菏泽市", "曹县", ["大集镇", "庄寨镇", "青堌集镇"]),
    ("安徽省", "阜阳市", "临泉县", ["杨桥镇", "迎仙镇", "瓦店镇"]),
    ("安徽省", "亳州市", "利辛县", ["城关镇", "阚疃镇", "张村镇"]),
    ("江西省", "赣州市", "于都县", ["贡江镇", "罗坳镇", "银坑镇"]),
    ("湖南省", "邵阳市", "邵东市", ["两市塘街道", "廉桥镇", "火厂坪镇"]),
    ("四川省", "南充市", "仪陇县", ["新政镇", "金城镇", "马鞍镇"]),
    ("广西壮族自治区", "玉林市", "博白县", ["博白镇", "龙潭镇", "东平镇"]),
    ("河北省", "邢台市", "平乡县", ["丰州镇", "河古庙镇", "平乡镇"]),
    ("贵州省", "毕节市", "威宁彝族回族苗族自治县", ["草海镇", "雪山镇"]),
    ("云南省", "曲靖市", "宣威市", ["宛水街道", "板桥街道", "来宾街道"]),
    ("甘肃省", "天水市", "秦安县", ["兴国镇", "莲花镇", "西川镇"]),
    ("江苏省", "宿迁市", "沭阳县", ["沭城街道", "胡集镇", "钱集镇"]),
    ("湖北省", "黄冈市", "蕲春县", ["漕河镇", "蕲州镇", "横车镇"]),
    ("广东省", "湛江市", "雷州市", ["雷城街道", "客路镇", "松竹镇"]),
    ("福建省", "龙岩市", "长汀县", ["汀州镇", "河田镇", "大同镇"]),
    ("陕西省", "宝鸡市", "岐山县", ["凤鸣镇", "蔡家坡镇", "益店镇"]),
    ("山西省", "运城市", "临猗县", ["猗氏镇", "嵋阳镇", "临晋镇"]),
    ("黑龙江省", "绥化市", "望奎县", ["望奎镇", "惠七镇"]),
    ("重庆市", "重庆市", "云阳县", ["青龙街道", "双江街道", "南溪镇"]),
]
URBAN_GEO = [
    ("广东省", "深圳市", "南山区", ["粤海街道", "南头街道", "西丽街道"]),
    ("广东省", "广州市", "白云区", ["京溪街道", "同和街道", "嘉禾街道"]),
    ("北京市", "北京市", "朝阳区", ["望京街道", "酒仙桥街道", "双井街道"]),
    ("上海市", "上海市", "浦东新区", ["张江镇", "花木街道", "北蔡镇"]),
    ("浙江省", "杭州市", "西湖区", ["文新街道", "翠苑街道", "蒋村街道"]),
    ("江苏省", "南京市", "江宁区", ["秣陵街道", "东山街道", "淳化街道"]),
    ("四川省", "成都市", "武侯区", ["玉林街道", "金花桥街道", "簇桥街道"]),
    ("湖北省", "武汉市", "洪山区", ["关山街道", "狮子山街道", "珞南街道"]),
    ("河南省", "郑州市", "金水区", ["文化路街道", "花园路街道", "丰产路街道"]),
    ("陕西省", "西安市", "雁塔区", ["小寨路街道", "电子城街道", "丈八沟街道"]),
    ("重庆市", "重庆市", "渝北区", ["龙溪街道", "回兴街道", "双龙湖街道"]),
    ("山东省", "济南市", "历下区", ["泉城路街道", "千佛山街道"]),
    ("湖南省", "长沙市", "岳麓区", ["望月湖街道", "观沙岭街道", "麓谷街道"]),
    ("福建省", "厦门市", "思明区", ["嘉莲街道", "莲前街道"]),
    ("天津市", "天津市", "南开区", ["体育中心街道", "学府街道"]),
    ("辽宁省", "沈阳市", "和平区", ["太原街街道", "南湖街道"]),
    ("安徽省", "合肥市", "蜀山区", ["三里庵街道", "稻香村街道"]),
    ("广西壮族自治区", "南宁市", "青秀区", ["新竹街道", "中山街道"]),
    ("河北省", "石家庄市", "裕华区", ["裕兴街道", "槐底街道"]),
    ("江西省", "南昌市", "青山湖区", ["京东镇", "塘山镇"]),
]
ROADS = [
    "建设路",
    "人民路",
    "解放路",
    "中山路",
    "学府路",
    "文化路",
    "迎宾大道",
    "长江路",
    "黄河路",
    "新华路",
    "光明路",
    "胜利街",
    "和平路",
    "幸福路",
    "工业大道",
    "滨河路",
]
COMMUNITIES = [
    "阳光花园",
    "锦绣家园",
    "碧桂园",
    "万科城",
    "金地名苑",
    "幸福里",
    "翠湖小区",
    "城市花园",
    "和谐家园",
    "恒大绿洲",
    "御景湾",
    "新城国际",
    "书香门第",
    "丽景苑",
    "东方明珠苑",
    "桃源居",
    "华府天地",
    "滨江一号",
    "紫荆花园",
    "天润城",
]
VILLAGE_HEAD = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "周",
    "孙",
    "马",
    "后",
    "前",
    "大",
    "小",
    "东",
    "西",
    "南",
    "北",
    "高",
]
VILLAGE_TAIL = ["庄", "楼", "寨", "集", "湾", "营", "屯", "店", "洼", "岗", "坡", "桥", "台", "沟", "庙"]
VILLAGE_NAMED = [
    "东风",
    "红星",
    "新华",
    "前进",
    "和平",
    "大柳",
    "石桥",
    "杨树",
    "新民",
    "团结",
    "胜利",
    "光明",
    "五里铺",
    "三合",
    "双庙",
]
SHOPS = ["便民超市", "小卖部", "百货店", "烟酒店", "综合商店", "日杂店"]
STATIONS = ["菜鸟驿站", "兔喜快递超市", "妈妈驿站", "中通快递超市", "韵达快递超市", "极兔驿站"]
NOTES = ["请尽快发货", "送货上门谢谢", "放门卫室", "放驿站就行", "不要放快递柜", "到了打电话", "包装好一点别压坏"]

_CN = "零一二三四五六七八九十"
_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")


def _name(rng: random.Random) -> str:
    sur = rng.choice(SURNAMES)
    r = rng.random()
    if r < 0.05:
        return sur + rng.choice(HONORIFIC)
    return sur + rng.choice(GIVEN_F if r < 0.7 else GIVEN_M)


def _phone(rng: random.Random, virtual: float = 0.03) -> str:
    prefix = rng.choice(VIRTUAL_PREFIX if rng.random() < virtual else PHONE_PREFIX)
    return f"{prefix}{rng.randrange(10**8):08d}"


def _village(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(VILLAGE_NAMED)
    return rng.choice(VILLAGE_HEAD) + rng.choice(VILLAGE_TAIL)


def _urban_parts(rng: random.Random) -> dict:
    return {
        "kind": "urban",
        "road": rng.choice(ROADS),
        "no": rng.randint(1, 399),
        "comm": rng.choice(COMMUNITIES),
        "bldg": rng.randint(1, 32),
        "unit": rng.randint(1, 6),
        "room": rng.randint(1, 33) * 100 + rng.randint(1, 4),
    }


def _rural_parts(rng: random.Random, street: str) -> dict:
    return {
        "kind": "rural",
        "village": _village(rng),
        "group": rng.randint(1, 12),
        "no": rng.randint(1, 88),
        "town": street,
    }


def _render(p: dict, style: int) -> str:
    """One way of typing the address parts; several styles per kind."""
    if p["kind"] == "urban":
        road, no, comm, b, u, r = p["road"], p["no"], p["comm"], p["bldg"], p["unit"], p["room"]
        s = style % 7
        if s == 0:
            return f"{road}{no}号{comm}{b}栋{u}单元{r}"
        if s == 1:
            return f"{comm}{b}-{u}-{r}"
        if s == 2:
            return f"{comm}{b}号楼{u}单元{r}室"
        if s == 3:
            return f"{road}{no}号 {comm} {b}幢{u}单元{r}"
        if s == 4:
            return f"{comm}{_cn(b) if b <= 30 else b}栋{u}单元{r}室"
        if s == 5:
            return f"{road}{no}号{comm}{b}栋{u}单元{r}".translate(_FULLWIDTH)
        return f"{comm}小区{b}栋{r}"
    if p["kind"] == "rural":
        v, g, no, town = p["village"], p["group"], p["no"], p["town"]
        s = style % 7
        if s == 0:
            return f"{v}村{g}组{no}号"
        if s == 1:
            return f"{v}村{_cn(g)}组"
        if s == 2:
            return f"{v}村{g}组"
        if s == 3:
            return f"{v}村委会{g}组{no}号"
        if s == 4:
            return f"{v}{g}组{no}号"
        if s == 5:
            return f"{town}{v}村{g}组"
        return f"{v}村 {_cn(g)}组{no}号"
    if p["kind"] == "shop":
        v, shop, owner = p["village"], p["shop"], p["owner"]
        s = style % 5
        if s == 0:
            return f"{v}村{owner}{shop}代收"
        if s == 1:
            return f"{v}村{shop}（{owner}家）"
        if s == 2:
            return f"{v}村村口{shop}"
        if s == 3:
            return f"{v}村{owner}{shop}"
        return f"{owner}{shop} {v}村"
    if p["kind"] == "station":
        st, road, no, town = p["station"], p["road"], p["no"], p["town"]
        s = style % 5
        if s == 0:
            return f"{road}{no}号{st}"
        if s == 1:
            return f"{st}（{road}店）"
        if s == 2:
            return f"{town}{road}{st}代收"
        if s == 3:
            return f"{road}{no}号 {st}"
        return f"{st} {road}{no}号"
    # town (县城) address
    road, no, comm, b, r = p["road"], p["no"], p["comm"], p["bldg"], p["room"]
    s = style % 4
    if s == 0:
        return f"{road}{no}号"
    if s == 1:
        return f"{comm}{b}栋{r}"
    if s == 2:
        return f"{road}{comm}{b}号楼{r}室"
    return f"{road}{no}号门面"


# how often each typing style is someone's habit (full-width digits are rare)
_STYLE_W = [5, 4, 4, 2, 1, 0.3, 2]


class Person:
    __slots__ = ("name", "phone", "prov", "city", "dist", "street", "parts", "style", "rural")

    def __init__(self, name, phone, geo, street, parts, style, rural):
        self.name, self.phone = name, phone
        self.prov, self.city, self.dist = geo[0], geo[1], geo[2]
        self.street, self.parts, self.style, self.rural = street, parts, style, rural

    def detail(self, style: int | None = None) -> str:
        return _render(self.parts, self.style if style is None else style)


def _person(rng: random.Random, *, rural_share: float = 0.6, virtual: float = 0.03, geo=None) -> Person:
    rural = rng.random() < rural_share if geo is None else geo in RURAL_GEO
    if geo is None:
        geo = rng.choice(RURAL_GEO if rural else URBAN_GEO)
    street = rng.choice(geo[3])
    if rural and rng.random() < 0.72:
        parts = _rural_parts(rng, street)
    elif rural:
        parts = {"kind": "town", **_urban_parts(rng)}
    else:
        parts = _urban_parts(rng)
    style = rng.choices(range(7), weights=_STYLE_W)[0]
    return Person(_name(rng), _phone(rng, virtual), geo, street, parts, style, rural)


# ---------------------------------------------------------------------------------------------
# Time and lifecycle
# ---------------------------------------------------------------------------------------------
_DIURNAL = [2, 1, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4.5, 4.5, 4.5, 4, 3.8, 3.8, 4, 4.2, 4.5, 5.5, 7, 7.5, 6.5, 4]
_HOURS = list(range(24))
_CUM = [sum(_DIURNAL[: h + 1]) for h in _HOURS]


def _when(rng: random.Random, end: datetime, lo_h: float = 0.0) -> datetime:
    """A moment in the 30 days before end (at least lo_h hours back), weighted by the hour people shop.

    Always three draws, whatever the hour of end: a day, an hour of day, a second in that hour;
    a moment falling after end (less lo_h) wraps round to the start of the window.
    """
    day = rng.randrange(30)
    hour = rng.choices(_HOURS, cum_weights=_CUM)[0]
    sec = rng.uniform(0, 3600)
    t = end.replace(hour=hour, minute=0, second=0, microsecond=0) - day * DAY + sec * SEC
    if t > end - lo_h * H:
        t -= SPAN
    return t


def _life(
    rng: random.Random,
    t: datetime,
    fate: str,
    rural: bool,
    end: datetime,
    *,
    pay: tuple[float, float] = (15, 600),
    cancel_h: tuple[float, float] = (0.1, 18),
) -> tuple[str, datetime | None, datetime | None, datetime | None]:
    """Outcome and timestamps of an order placed at t heading for fate, as seen at end."""
    if fate == "abandon":
        return ("unpaid" if end - t < 24 * H else "unpaid_closed"), None, None, None
    paid = t + rng.uniform(*pay) * SEC
    if paid >= end:
        return "unpaid", None, None, None
    if fate == "cancel":
        if paid + rng.uniform(*cancel_h) * H >= end:
            return "paid", paid, None, None
        return "cancelled", paid, None, None
    ship = paid + rng.uniform(3, 40) * H
    if ship >= end:
        return "paid", paid, None, None
    deliver = ship + (rng.uniform(40, 130) if rural else rng.uniform(20, 72)) * H
    if fate == "refund_transit":  # broken / never arrived: 仅退款 before receipt
        req = ship + rng.uniform(6, (deliver - ship) / H + 24) * H
        if req >= end:
            return "shipped", paid, ship, None
        if req + rng.uniform(1, 48) * H >= end:
            return "refunding", paid, ship, None
        return "refunded", paid, ship, None
    if deliver >= end:
        return "shipped", paid, ship, None
    if fate == "complete":
        return "completed", paid, ship, deliver
    req = deliver + rng.uniform(1, 96) * H  # fate == "refund": after-sale after receipt
    if req >= end:
        return "completed", paid, ship, deliver
    if req + rng.uniform(2, 72) * H >= end:
        return "refunding", paid, ship, deliver
    return "refunded", paid, ship, deliver


def _honest_fate(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.045:
        return "abandon"
    if r < 0.08:
        return "cancel"
    if r < 0.112:
        return "refund"
    if r < 0.125:
        return "refund_transit"
    return "complete"


def _cents(c: float) -> Decimal:
    return (Decimal(max(1, round(c))) / 100).quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------------------------
class _Gen:
    def __init__(self, rng: random.Random, end: datetime):
        self.rng, self.end = rng, end
        self.rows: list[ExportOrder] = []

    def order(
        self,
        person: Person,
        sku: int,
        t: datetime,
        fate: str,
        *,
        qty: int | None = None,
        amount: Decimal | None = None,
        discount: float = 1.0,
        label: str | None = None,
        lookalike: str | None = None,
        detail: str | None = None,
        note: str = "",
        spec: str | None = None,
        **life_kw,
    ) -> ExportOrder:
        rng = self.rng
        name, price, specs, usual, _tags = SKUS[sku]
        if qty is None:
            qty = rng.choices(range(1, usual + 1), weights=[6, 2, 1][:usual])[0]
            if usual > 1 and rng.random() < 0.04:
                qty = rng.randint(usual + 1, usual + 3)
        if amount is None:
            total = price * qty * discount
            if total > 1500 and rng.random() < 0.4:
                total -= rng.choice([100, 200, 300, 500])
            amount = _cents(total)
        # the lifecycle draws from its own stream: how many draws it takes depends on the order's age
        life_rng = random.Random(rng.getrandbits(64))
        outcome, paid, ship, recv = _life(life_rng, t, fate, person.rural, self.end, **life_kw)
        row = ExportOrder(
            order_no="",
            sku_id=SKU_IDS[sku],
            sku_name=name,
            spec=spec or rng.choice(specs),
            quantity=qty,
            amount=amount,
            outcome=outcome,
            ordered_at=t.replace(microsecond=0),
            paid_at=paid.replace(microsecond=0) if paid else None,
            shipped_at=ship.replace(microsecond=0) if ship else None,
            received_at=recv.replace(microsecond=0) if recv else None,
            receiver=person.name,
            phone=person.phone,
            province=person.prov,
            city=person.city,
            district=person.dist,
            street=person.street,
            detail=detail if detail is not None else person.detail(),
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.rows.append(row)
        return row

    def note(self) -> str:
        return self.rng.choice(NOTES) if self.rng.random() < 0.05 else ""

    def bg_sku(self) -> int:
        r = self.rng.random()
        if r < 0.12:
            return SUBSIDY
        if r < 0.145:
            return NEWUSER
        return self.rng.choices(range(len(SKUS)), weights=_POP)[0]


def _flash_times(end: datetime) -> list[tuple[int, datetime]]:
    """(day index, start) of every 整点秒杀: whole hours back from end's hour, 10 h / 14 h apart."""
    anchor = end.replace(minute=0, second=0, microsecond=0)
    out = []
    for d in range(30):
        for off in (2, 12):
            out.append((d, anchor - (24 * d + off) * H))
    return out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    master = random.Random(seed)
    g = _Gen(master, end)
    s = orders / 20_000

    def sc(x: float, lo: int = 1) -> int:
        return max(lo, round(x * s))

    def stream() -> random.Random:
        # every section and entity draws from its own stream, so how many orders each shape has
        # does not shift with the hour of day end falls at
        return random.Random(master.getrandbits(64))

    def use(sec: random.Random) -> random.Random:
        g.rng = random.Random(sec.getrandbits(64))
        return g.rng

    flashes = _flash_times(end)
    rng = stream()
    rot = rng.randrange(len(FLASH_POOL))
    flash_sku = {t0: FLASH_POOL[(rot + k) % len(FLASH_POOL)] for k, (_d, t0) in enumerate(flashes)}

    # ---------------- attacks ----------------
    # burst: one hidden in the 百亿补贴 traffic, one on a pricey appliance
    rng = stream()
    burst_targets = [SUBSIDY, rng.choice([i for i, sk in enumerate(SKUS) if "big" in sk[4] and i != SUBSIDY])]
    for target in burst_targets:
        t0 = end - rng.randint(60, 600) * H - rng.randint(0, 59) * MIN
        window = rng.uniform(10, 20) * 60
        for _ in range(rng.randint(sc(80, 8), sc(130, 10))):
            r = use(rng)
            p = _person(r, rural_share=0.55, virtual=0.3)
            n = r.choices([1, 2, 3], weights=[6, 3, 1])[0]
            t = t0 + r.uniform(0, window * 0.8) * SEC
            for _k in range(n):
                if t >= end:
                    break
                x = r.random()
                fate = "abandon" if x < 0.68 else "cancel" if x < 0.93 else "refund_transit"
                qty = r.choice([1, 1, 1, 2])
                g.order(p, target, t, fate, qty=qty, label="burst", pay=(20, 900), cancel_h=(0.05, 6))
                t += r.uniform(20, window * 0.25) * SEC

    # inventory_lock: a few SKUs, several times the usual quantity, never shipped
    rng = stream()
    lock_skus = [SUBSIDY] + rng.sample([i for i in FLASH_POOL if SKUS[i][3] <= 2], 2)
    for k in range(sc(200, 10)):
        r = use(rng)
        sku = lock_skus[k % 3]
        usual = SKUS[sku][3]
        qty = r.randint(3 * usual + 1, 8 * usual + 2)
        pre = [t0 for t0, fs in flash_sku.items() if fs == sku and t0 < end - 2 * H]
        # some lock the stock in the hours before that SKU's 秒杀
        t = r.choice(pre) - r.uniform(5, 180) * MIN if pre and r.random() < 0.35 else _when(r, end, 0.2)
        p = _person(r, virtual=0.2)
        fate = "abandon" if r.random() < 0.72 else "cancel"
        g.order(p, sku, t, fate, qty=qty, label="inventory_lock", pay=(60, 1500), cancel_h=(0.5, 30))
        if r.random() < 0.08:  # same account tries once more on another SKU a bit later
            t2 = t + r.uniform(0.2, 30) * H
            t2 = t2 if t2 < end else t + (end - t) / 2
            g.order(p, lock_skus[(k + 1) % 3], t2, "abandon", qty=qty, label="inventory_lock")

    # serial_refund: ordinary-paced buyers who refund most of what they receive
    rng = stream()
    for _ in range(sc(22, 3)):
        r = use(rng)
        p = _person(r, rural_share=0.45)
        t = end - r.uniform(23 * 24, 28.5 * 24) * H
        for _k in range(r.randint(3, 8)):
            if t >= end:
                break
            t_at = _shift_hour(r, t)
            sku = r.choice(MIDPRICE) if r.random() < 0.75 else g.bg_sku()
            detail = p.detail(r.randrange(7)) if r.random() < 0.3 else None
            fate = "refund" if r.random() < 0.78 else ("refund_transit" if r.random() < 0.4 else "complete")
            g.order(p, sku, t_at if t_at < end else t, fate, label="serial_refund", detail=detail, note=g.note())
            t += r.uniform(2.0, 6.5) * DAY

    # ring: many names, few phones, one address typed many ways
    rng = stream()
    for _ in range(3):
        r = use(rng)
        base = _person(r, rural_share=0.5)
        phones = [_phone(r, 0.15) for _ in range(r.randint(2, 4))]
        members = []
        for i in range(r.randint(8, 15)):
            phone = phones[i] if i < len(phones) else r.choice(phones)
            geo = (base.prov, base.city, base.dist)
            members.append(Person(_name(r), phone, geo, base.street, base.parts, r.randrange(7), base.rural))
        total = r.randint(sc(40, 4), sc(55, 5))
        t = end - r.uniform(26 * 24, 29 * 24) * H
        step = (end - t) / total
        for _k in range(total):
            t += step * r.uniform(0.3, 1.7)
            if t >= end:
                break
            m = r.choice(members)
            x = r.random()
            fate = "abandon" if x < 0.38 else "cancel" if x < 0.62 else "refund" if x < 0.85 else "complete"
            sku = g.bg_sku() if r.random() < 0.5 else r.choice(MIDPRICE)
            t2 = _shift_hour(r, t)
            g.order(m, sku, t2 if t2 < end else t, fate, label="ring", detail=m.detail(r.randrange(7)))

    # coupon_farm: 羊毛党 studio farming 新人券 / 百亿补贴 into a few 快递驿站 of one town
    rng = stream()
    geo = rng.choice(RURAL_GEO)
    town = rng.choice(geo[3])
    stations = [
        {"kind": "station", "station": st, "road": rng.choice(ROADS), "no": rng.randint(1, 199), "town": town}
        for st in rng.sample(STATIONS, 3)
    ]
    pool: list[Person] = []
    for _w in range(sc(6, 2)):
        t0 = end - rng.uniform(4, 28 * 24) * H
        spread = rng.uniform(40, 180)
        for _k in range(rng.randint(sc(26, 3), sc(38, 4))):
            r = use(rng)
            if pool and r.random() < 0.2:  # an account already used in an earlier wave
                p = r.choice(pool)
            else:
                p = Person(_name(r), _phone(r, 0.35), geo, town, r.choice(stations), r.randrange(5), True)
                pool.append(p)
            t = t0 + r.uniform(0, spread) * MIN
            if t >= end:
                continue
            if r.random() < 0.6:
                sku, amount = NEWUSER, _cents(r.choice([1, 1, 1, 10, 90]))
            else:
                sku, amount = SUBSIDY, _cents(r.choice([990, 1290, 1990]))
            x = r.random()
            fate = "complete" if x < 0.82 else "refund_transit" if x < 0.94 else "abandon"
            g.order(p, sku, t, fate, qty=1, amount=amount, label="coupon_farm", pay=(5, 60))

    # ---------------- honest look-alikes ----------------
    rng = stream()
    big = rng.sample(range(8, len(flashes) - 4), 2)
    for k, (_d, t0) in enumerate(flashes):
        r = use(rng)
        sku = flash_sku[t0]
        if k == big[0]:  # the 百亿补贴 pan's big day
            n, sku = sc(1100, 30), SUBSIDY
        elif k == big[1]:
            n = sc(450, 20)
        else:
            n = r.randint(sc(18, 2), sc(45, 3))
        for _ in range(n):
            t = t0 + min(r.expovariate(1 / 70), 540) * SEC
            p = _person(r)
            x = r.random()
            if t >= end:
                continue
            fate = "abandon" if x < 0.05 else "cancel" if x < 0.08 else "refund" if x < 0.11 else "complete"
            g.order(p, sku, t, fate, qty=1, discount=0.5, lookalike="flash_sale", pay=(10, 300))

    # wholesale: 宾馆 / 小卖部 / 饭店 / 保洁 buying 10-60 units and paying
    rng = stream()
    kinds = ["宾馆", "快捷酒店", "小卖部", "饭店", "保洁公司", "民宿", "幼儿园食堂"]
    for _ in range(sc(16, 2)):
        r = use(rng)
        p = _person(r, rural_share=0.5)
        biz = r.choice(kinds)
        p.name = r.choice([p.name, p.name, p.name[0] + "老板", p.name[0] + "经理"])
        brand = r.choice(["如家", "好运", "顺心", "兴旺", "聚福"])
        shopdetail = f"{r.choice(ROADS)}{r.randint(1, 300)}号{brand}{biz}"
        for _k in range(r.randint(1, 4)):
            sku = r.choice(BULK)
            qty = r.randint(10, 60)
            t = _when(r, end, 0.5)
            fate = "complete" if r.random() < 0.9 else "cancel"
            note = r.choice(["", "", "店里用，尽快发", "要发票", "开票抬头见留言"])
            disc = r.uniform(0.88, 1.0)
            g.order(p, sku, t, fate, qty=qty, discount=disc, lookalike="wholesale", detail=shopdetail, note=note)

    # family: 2-3 names at one address, sometimes one phone
    rng = stream()
    for _ in range(sc(55, 3)):
        r = use(rng)
        head = _person(r)
        members = [head]
        shared = r.random() < 0.5
        for _m in range(r.randint(1, 2)):
            nm = head.name[0] + r.choice(GIVEN_F + GIVEN_M) if r.random() < 0.6 else _name(r)
            phone = head.phone if shared else _phone(r)
            style = head.style if r.random() < 0.7 else r.randrange(7)
            geo = (head.prov, head.city, head.dist)
            members.append(Person(nm, phone, geo, head.street, head.parts, style, head.rural))
        for _k in range(r.randint(2, 6)):
            m = r.choice(members)
            g.order(m, g.bg_sku(), _when(r, end), _honest_fate(r), lookalike="family", note=g.note())

    # village_pickup: honest villagers all shipping to one 村小卖部 代收点
    rng = stream()
    for _ in range(sc(6, 1)):
        geo = rng.choice(RURAL_GEO)
        town = rng.choice(geo[3])
        parts = {"kind": "shop", "village": _village(rng), "shop": rng.choice(SHOPS), "owner": rng.choice(SURNAMES)}
        for _b in range(rng.randint(sc(14, 2), sc(28, 3))):
            r = use(rng)
            p = Person(_name(r), _phone(r), geo, town, parts, r.randrange(5), True)
            for _k in range(r.choice([1, 1, 1, 2])):
                g.order(p, g.bg_sku(), _when(r, end), _honest_fate(r), lookalike="village_pickup")

    # loyal_repeat: housewives reordering all month, an occasional after-sale
    rng = stream()
    for _ in range(sc(25, 2)):
        r = use(rng)
        p = _person(r)
        for _k in range(r.randint(6, 12)):
            x = r.random()
            fate = "refund" if x < 0.06 else "cancel" if x < 0.1 else "abandon" if x < 0.13 else "complete"
            detail = p.detail(r.randrange(7)) if r.random() < 0.1 else None
            g.order(p, g.bg_sku(), _when(r, end), fate, lookalike="loyal_repeat", detail=detail, note=g.note())

    # ---------------- background ----------------
    r = use(stream())
    returning = [_person(r) for _ in range(max(1, int(orders * 0.05)))]
    for _ in range(max(0, orders - len(g.rows))):
        p = r.choice(returning) if r.random() < 0.25 else _person(r)
        sku = g.bg_sku()
        t = _when(r, end)
        if sku == NEWUSER:
            g.order(p, sku, t, _honest_fate(r), qty=1, amount=_cents(r.choice([1, 10, 90, 190])))
        else:
            g.order(p, sku, t, _honest_fate(r), note=g.note())

    # ---------------- order numbers ----------------
    g.rows.sort(key=lambda o: o.ordered_at)
    r = stream()
    seen: set[str] = set()
    for o in g.rows:
        no = f"{o.ordered_at:%y%m%d}-{r.randrange(10**15):015d}"
        while no in seen:
            no = f"{o.ordered_at:%y%m%d}-{r.randrange(10**15):015d}"
        seen.add(no)
        o.order_no = no
    return g.rows


def _shift_hour(rng: random.Random, t: datetime) -> datetime:
    """Keep the day, move to a plausible waking hour (a whole number of hours away)."""
    h = rng.choice([9, 10, 11, 13, 14, 15, 16, 19, 20, 21, 22])
    return t + (h - t.hour) * H


if __name__ == "__main__":
    from collections import Counter, defaultdict

    t_start = time.perf_counter()
    rows = generate(seed=1, end=datetime.now())
    took = time.perf_counter() - t_start
    groups: dict[str, Counter] = defaultdict(Counter)
    for o in rows:
        key = f"label={o.label}" if o.label else f"lookalike={o.lookalike}" if o.lookalike else "honest"
        groups[key][o.outcome] += 1
    attacks = sum(1 for o in rows if o.label)
    print(f"family={FAMILY} orders={len(rows)} attacks={attacks} ({attacks / len(rows):.1%}) in {took:.2f}s")
    for key in sorted(groups):
        c = groups[key]
        mix = ", ".join(f"{k} {v}" for k, v in c.most_common())
        print(f"  {key:28s} {sum(c.values()):6d}  {mix}")
