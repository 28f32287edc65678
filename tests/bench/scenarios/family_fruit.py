"""Family "fruit": a fresh fruit & produce shop shipping straight from an orchard.

Shop and traffic model
----------------------
About 25 SKUs (one ``sku_id`` per product + weight/grade), 9.9-129 yuan. The month is a
harvest season: the daily order count follows a bell curve that peaks mid-month, with a
weekend bump and day-to-day noise, and each product has its own season shape (navel oranges
peak, cherries and strawberries rise toward the end, mangoes and pomegranates fade). Most
buyers order once (quantity 1, sometimes 2-3); some come back. Fresh produce arrives damaged
often enough that ~7% of received orders get an honest 仅退款 (more for grapes, berries and
cherries, and for remote provinces), and ~5% of paid orders are cancelled before shipping.

Honest shapes that resemble attacks (``lookalike``):

* ``flash_sale``   a 限时秒杀 / 百亿补贴 slot: hundreds of one-order buyers on one SKU in minutes.
* ``wholesale``    团长 / fruit-stall buyers, 10-60 units, every few days, paying and receiving;
                   some stores order under two names (boss and clerk).
* ``family``       households of 2-3 names at one address, sometimes sharing one phone.
* ``office``       colleagues at one office address (written slightly differently) ordering the
                   same SKU from a link shared in the work chat within a day or two.
* ``loyal_repeat`` regulars ordering 5-10 times a month, with the shop's usual damage refunds.

Attacks (``label``), about 5% of orders:

* ``burst``          炸店: 80-200 fresh accounts, 1-3 orders each on one SKU within 10-20 minutes,
                     mostly never paid or cancelled, some paid and refunded; one episode hides
                     inside an honest 秒杀 slot on the same SKU.
* ``inventory_lock`` 同行恶拍: 3-8x the usual quantity of limited gift boxes from one-off accounts,
                     spread over the month, never paid (some paid, then cancelled before shipping).
* ``serial_refund``  15-30 people ordering 3-8 times at an ordinary pace, claiming rotten fruit
                     after receipt almost every time; same phone and name, address retyped.
* ``ring``           2-4 rings of 8-15 receiver names behind 2-4 phones at one address written
                     many ways; mostly unpaid / cancelled / refunded.
* ``claim``          职业索赔: professional claimants buying premium boxes under 2-3 phones and
                     name variants, filing a "rotten on arrival" refund within hours of receipt,
                     some left in dispute (refunding).
* ``reject``         恶意拒收: a competitor paying for premium boxes shipped to remote regions and
                     refusing delivery (shipped, never received, refunded after return), from a
                     pool of SIMs each reused a few times under different names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "fruit"

_CENT = Decimal("0.01")
_FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")

# ---------------------------------------------------------------------------------------------
# Catalogue: (name, spec, price, popularity, season, fragile, limited, staple)
# season: peak = harvest mid-month, rise = later in the month, fade = earlier, flat.
# ---------------------------------------------------------------------------------------------
_CATALOGUE = [
    ("赣南脐橙", "5斤装 中果65-70mm", "29.90", 9.0, "peak", False, False, True),
    ("赣南脐橙", "5斤装 大果75-80mm", "35.90", 6.0, "peak", False, False, True),
    ("赣南脐橙", "10斤装 中果65-70mm", "49.90", 7.0, "peak", False, False, True),
    ("赣南脐橙", "10斤装 大果75-80mm", "59.90", 4.0, "peak", False, False, True),
    ("阳光玫瑰葡萄", "2斤装 单串", "39.90", 4.0, "fade", True, False, False),
    ("阳光玫瑰葡萄", "4斤礼盒装 2-3串", "79.90", 1.5, "fade", True, True, False),
    ("陕西徐香猕猴桃", "3斤装 单果80-100g", "19.90", 5.0, "flat", False, False, True),
    ("陕西徐香猕猴桃", "5斤装 单果100-120g", "29.90", 4.0, "flat", False, False, True),
    ("红心猕猴桃", "24枚礼盒装", "59.90", 1.2, "flat", True, False, False),
    ("四川丑橘", "5斤装 精品果", "25.90", 4.5, "rise", False, False, True),
    ("四川丑橘", "9斤装 精品果", "42.90", 3.0, "rise", False, False, True),
    ("智利车厘子", "J级 2斤礼盒 26-28mm", "89.90", 1.6, "rise", True, True, False),
    ("智利车厘子", "JJ级 2斤礼盒 28-30mm", "109.00", 1.2, "rise", True, True, False),
    ("智利车厘子", "JJJ级 2斤礼盒 30-32mm", "129.00", 0.7, "rise", True, True, False),
    ("广西沃柑", "5斤装 中果", "19.90", 6.0, "rise", False, False, True),
    ("广西沃柑", "10斤装 中果", "34.90", 3.5, "rise", False, False, True),
    ("广西砂糖橘", "3斤装 带叶", "9.90", 5.0, "peak", False, False, True),
    ("广西砂糖橘", "5斤装 带叶", "16.90", 6.5, "peak", False, False, True),
    ("阿克苏冰糖心苹果", "5斤装 75-80mm", "26.90", 4.0, "flat", False, False, True),
    ("阿克苏冰糖心苹果", "10斤装 80-85mm", "45.90", 2.5, "flat", False, False, True),
    ("丹东红颜草莓", "3斤礼盒装 大果", "69.90", 1.5, "rise", True, True, False),
    ("海南贵妃芒", "5斤装 中大果", "32.90", 2.5, "fade", True, False, False),
    ("突尼斯软籽石榴", "5斤装 6-8个", "39.90", 2.0, "fade", False, False, False),
    ("广西百香果", "3斤装 中果", "12.90", 4.0, "flat", False, False, True),
    ("广西百香果", "5斤装 大果", "18.90", 3.5, "flat", False, False, True),
]


@dataclass
class _Sku:
    sku_id: str
    name: str
    spec: str
    price: Decimal
    weight: float
    season: str
    fragile: bool
    limited: bool
    staple: bool


# ---------------------------------------------------------------------------------------------
# Geography: (province, city, district, street, weight, remote)
# ---------------------------------------------------------------------------------------------
_PLACES = [
    ("广东省", "深圳市", "南山区", "粤海街道", 3.0, False),
    ("广东省", "深圳市", "南山区", "西丽街道", 2.0, False),
    ("广东省", "深圳市", "福田区", "华富街道", 1.5, False),
    ("广东省", "深圳市", "宝安区", "西乡街道", 2.5, False),
    ("广东省", "深圳市", "龙岗区", "布吉街道", 2.5, False),
    ("广东省", "广州市", "天河区", "石牌街道", 2.5, False),
    ("广东省", "广州市", "海珠区", "江海街道", 1.5, False),
    ("广东省", "广州市", "白云区", "三元里街道", 1.5, False),
    ("广东省", "广州市", "番禺区", "市桥街道", 2.0, False),
    ("广东省", "佛山市", "南海区", "桂城街道", 2.0, False),
    ("广东省", "佛山市", "顺德区", "大良街道", 1.5, False),
    ("浙江省", "杭州市", "西湖区", "文新街道", 2.0, False),
    ("浙江省", "杭州市", "余杭区", "五常街道", 2.0, False),
    ("浙江省", "杭州市", "萧山区", "北干街道", 1.5, False),
    ("浙江省", "宁波市", "鄞州区", "中河街道", 1.5, False),
    ("浙江省", "宁波市", "海曙区", "鼓楼街道", 1.0, False),
    ("浙江省", "温州市", "鹿城区", "五马街道", 1.0, False),
    ("江苏省", "南京市", "鼓楼区", "湖南路街道", 1.5, False),
    ("江苏省", "南京市", "江宁区", "东山街道", 2.0, False),
    ("江苏省", "南京市", "玄武区", "玄武门街道", 1.0, False),
    ("江苏省", "苏州市", "姑苏区", "平江街道", 1.5, False),
    ("江苏省", "苏州市", "吴中区", "长桥街道", 1.5, False),
    ("江苏省", "苏州市", "吴江区", "松陵街道", 1.0, False),
    ("江苏省", "无锡市", "梁溪区", "崇安寺街道", 1.0, False),
    ("上海市", "上海市", "浦东新区", "张江镇", 2.5, False),
    ("上海市", "上海市", "徐汇区", "田林街道", 1.5, False),
    ("上海市", "上海市", "闵行区", "莘庄镇", 2.0, False),
    ("上海市", "上海市", "杨浦区", "五角场街道", 1.5, False),
    ("上海市", "上海市", "宝山区", "大场镇", 1.5, False),
    ("北京市", "北京市", "朝阳区", "望京街道", 2.0, False),
    ("北京市", "北京市", "海淀区", "中关村街道", 1.5, False),
    ("北京市", "北京市", "丰台区", "卢沟桥街道", 1.5, False),
    ("北京市", "北京市", "昌平区", "回龙观街道", 2.0, False),
    ("北京市", "北京市", "通州区", "中仓街道", 1.0, False),
    ("天津市", "天津市", "南开区", "体育中心街道", 1.0, False),
    ("天津市", "天津市", "河西区", "友谊路街道", 1.0, False),
    ("山东省", "济南市", "历下区", "泉城路街道", 1.0, False),
    ("山东省", "青岛市", "市南区", "八大关街道", 1.0, False),
    ("山东省", "青岛市", "崂山区", "中韩街道", 1.0, False),
    ("山东省", "烟台市", "芝罘区", "向阳街道", 0.8, False),
    ("河南省", "郑州市", "金水区", "花园路街道", 1.5, False),
    ("河南省", "郑州市", "二七区", "淮河路街道", 1.0, False),
    ("河南省", "洛阳市", "西工区", "王城路街道", 0.7, False),
    ("湖北省", "武汉市", "洪山区", "珞南街道", 1.5, False),
    ("湖北省", "武汉市", "武昌区", "中南路街道", 1.0, False),
    ("湖北省", "武汉市", "江岸区", "四唯街道", 1.0, False),
    ("湖南省", "长沙市", "岳麓区", "望月湖街道", 1.0, False),
    ("湖南省", "长沙市", "雨花区", "侯家塘街道", 1.0, False),
    ("湖南省", "长沙市", "芙蓉区", "五里牌街道", 0.8, False),
    ("四川省", "成都市", "武侯区", "玉林街道", 1.5, False),
    ("四川省", "成都市", "锦江区", "春熙路街道", 1.0, False),
    ("四川省", "成都市", "成华区", "猛追湾街道", 1.0, False),
    ("四川省", "绵阳市", "涪城区", "城厢街道", 0.6, False),
    ("重庆市", "重庆市", "渝中区", "解放碑街道", 1.0, False),
    ("重庆市", "重庆市", "江北区", "观音桥街道", 1.5, False),
    ("重庆市", "重庆市", "沙坪坝区", "小龙坎街道", 1.0, False),
    ("福建省", "福州市", "鼓楼区", "东街街道", 1.0, False),
    ("福建省", "厦门市", "思明区", "鹭江街道", 1.0, False),
    ("福建省", "厦门市", "湖里区", "江头街道", 1.0, False),
    ("安徽省", "合肥市", "蜀山区", "三里庵街道", 1.0, False),
    ("安徽省", "合肥市", "包河区", "芜湖路街道", 1.0, False),
    ("江西省", "南昌市", "东湖区", "百花洲街道", 0.8, False),
    ("江西省", "赣州市", "章贡区", "解放街道", 0.6, False),
    ("河北省", "石家庄市", "长安区", "建北街道", 1.0, False),
    ("河北省", "石家庄市", "桥西区", "友谊街道", 0.8, False),
    ("河北省", "保定市", "竞秀区", "先锋街道", 0.6, False),
    ("山西省", "太原市", "小店区", "坞城街道", 0.8, False),
    ("山西省", "太原市", "迎泽区", "柳巷街道", 0.6, False),
    ("陕西省", "西安市", "雁塔区", "小寨路街道", 1.2, False),
    ("陕西省", "西安市", "碑林区", "南院门街道", 0.8, False),
    ("陕西省", "西安市", "未央区", "张家堡街道", 1.0, False),
    ("辽宁省", "沈阳市", "和平区", "太原街街道", 0.8, False),
    ("辽宁省", "大连市", "中山区", "青泥洼桥街道", 0.8, False),
    ("吉林省", "长春市", "朝阳区", "红旗街道", 0.7, False),
    ("黑龙江省", "哈尔滨市", "南岗区", "花园街道", 0.7, False),
    ("黑龙江省", "哈尔滨市", "道里区", "兆麟街道", 0.6, False),
    ("广西壮族自治区", "南宁市", "青秀区", "新竹街道", 0.8, False),
    ("云南省", "昆明市", "五华区", "华山街道", 0.8, False),
    ("云南省", "昆明市", "盘龙区", "拓东街道", 0.6, False),
    ("贵州省", "贵阳市", "云岩区", "黔灵东路街道", 0.6, False),
    ("海南省", "海口市", "龙华区", "中山街道", 0.5, False),
    # remote: slower delivery, more damage; the 拒收 competitor ships here
    ("新疆维吾尔自治区", "乌鲁木齐市", "沙依巴克区", "友好南路街道", 0.25, True),
    ("新疆维吾尔自治区", "喀什地区", "喀什市", "恰萨街道", 0.1, True),
    ("新疆维吾尔自治区", "阿克苏地区", "库车市", "热斯坦街道", 0.08, True),
    ("西藏自治区", "拉萨市", "城关区", "八廓街道", 0.1, True),
    ("西藏自治区", "日喀则市", "桑珠孜区", "城南街道", 0.05, True),
    ("青海省", "西宁市", "城中区", "南大街街道", 0.15, True),
    ("青海省", "海西蒙古族藏族自治州", "格尔木市", "昆仑路街道", 0.05, True),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", "大学东路街道", 0.25, True),
    ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市", "希日塔拉街道", 0.06, True),
    ("甘肃省", "兰州市", "城关区", "张掖路街道", 0.25, True),
    ("宁夏回族自治区", "银川市", "金凤区", "长城中路街道", 0.15, True),
    ("黑龙江省", "黑河市", "爱辉区", "海兰街道", 0.06, True),
]

_COMMUNITIES = [
    "幸福里小区",
    "阳光花园",
    "锦绣华庭",
    "翠湖苑",
    "金色家园",
    "万科城",
    "碧桂园",
    "世纪新城",
    "海棠湾",
    "香榭丽舍",
    "和平里",
    "丽景湾",
    "春江花月",
    "绿地新都会",
    "保利香槟国际",
    "融创玖樟台",
    "龙湖春江郦城",
    "中海国际社区",
    "华润二十四城",
    "恒大绿洲",
    "金地格林小城",
    "滨江花园",
    "紫荆苑",
    "梧桐苑",
    "银杏家园",
    "桃源居",
    "天鹅湖小区",
    "东湖名苑",
    "怡景花园",
    "星河湾",
    "南苑新村",
    "枫林绿洲",
    "学府雅居",
    "康乐园",
    "祥和小区",
    "富力城",
    "新城国际",
    "御景华府",
    "江南春晓",
    "水岸名都",
]
_ROADS = [
    "中山路",
    "人民路",
    "建设路",
    "解放路",
    "文化路",
    "学府路",
    "长江路",
    "黄河路",
    "延安路",
    "和平路",
    "南京路",
    "胜利路",
    "新华路",
    "青年路",
    "朝阳路",
    "光明路",
    "东风路",
    "花园路",
    "迎宾大道",
    "滨河路",
    "工农路",
    "幸福路",
    "振兴路",
    "育才路",
]
_TOWERS = [
    "国贸",
    "金融",
    "环球",
    "世纪",
    "时代",
    "创新",
    "科技",
    "海岸",
    "星光",
    "华润",
    "万达",
    "汇金",
    "中信",
    "嘉里",
    "招商",
]
_PARKS = ["软件园", "科技园", "创意产业园", "电商产业园", "智慧谷", "创新港"]
_COMPANIES = ["科技", "网络", "传媒", "教育", "贸易", "设计"]
_BRANDS = ["星辰", "蓝海", "卓越", "恒信", "智云", "优品", "远航", "启明"]
_MARKETS = ["农贸市场", "水果批发市场", "菜市场", "果蔬批发市场"]
_STORE_WORDS = ["鲜果坊", "果多多", "四季鲜果", "邻里鲜果", "百果园加盟店", "社区团购自提点", "鲜果超市"]
_VILLAGES = ["王庄", "李家", "张湾", "刘集", "陈岗", "杨柳", "石桥", "新庄", "后营", "東岭"]

_SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN2 = [
    "伟华",
    "建华",
    "建国",
    "文博",
    "浩然",
    "欣怡",
    "子涵",
    "梓轩",
    "雨桐",
    "思远",
    "晓燕",
    "春梅",
    "海燕",
    "志强",
    "丽娟",
    "婷婷",
    "静怡",
    "俊杰",
    "嘉琪",
    "梦瑶",
    "雅琴",
    "淑珍",
    "凤兰",
    "金凤",
    "德华",
    "永红",
    "立新",
    "小龙",
    "家豪",
    "一诺",
    "若曦",
    "宇航",
    "晨曦",
    "佳怡",
    "雪梅",
    "玉兰",
    "国强",
    "红梅",
    "建军",
    "丽华",
    "桂兰",
    "秀珍",
    "志明",
    "海涛",
    "晓东",
    "鹏飞",
    "文静",
    "亚楠",
    "美玲",
    "慧敏",
    "晓丽",
    "玉梅",
    "春燕",
    "云霞",
    "振华",
    "天宇",
    "子豪",
    "浩宇",
    "诗涵",
    "可欣",
    "欣妍",
    "紫萱",
    "明轩",
    "宏伟",
    "成龙",
    "爱华",
    "凤英",
    "小红",
    "丹丹",
    "倩倩",
    "莉莉",
    "晶晶",
    "秀英",
    "秀兰",
    "桂英",
    "玉珍",
    "淑芬",
    "文杰",
    "志刚",
    "俊峰",
    "晓明",
    "海波",
    "永强",
    "德明",
    "雨萱",
    "思琪",
    "梓涵",
    "浩轩",
    "嘉怡",
    "舒婷",
    "佳琪",
    "晓雯",
    "雅婷",
    "家乐",
    "博文",
    "子轩",
    "一鸣",
    "明辉",
    "少华",
    "国华",
]
_GIVEN1 = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "辉",
    "鹏",
    "斌",
    "琳",
    "颖",
    "倩",
    "莉",
    "慧",
    "莹",
    "燕",
    "红",
    "华",
    "俊",
    "凯",
    "博",
    "峰",
    "亮",
    "健",
    "波",
    "宁",
    "婷",
    "雪",
    "佳",
    "萍",
    "玲",
    "欢",
    "琴",
    "瑶",
    "浩",
    "宇",
    "鑫",
    "帅",
    "蕾",
    "璐",
    "晨",
]
_PREFIXES = [
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
    "145",
    "147",
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
    "193",
    "195",
    "198",
    "199",
]
_VIRTUAL = ["162", "165", "167", "170", "171"]

_NOTES = [
    "请挑大一点的",
    "送人的，包装好一点",
    "放驿站就行",
    "不要放快递柜，谢谢",
    "周末在家，工作日放门卫",
    "麻烦尽快发货",
    "坏果包赔吗？",
    "到了打电话",
    "要甜的",
    "老顾客了，多送两个",
    "放门口就行",
    "给老人买的，挑软一点的",
]

_HOURS = [2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 3, 4, 5, 6, 6, 7, 6, 5, 5, 5, 5, 6, 7, 9, 10, 8, 5]
_H = timedelta(hours=1)
_D = timedelta(days=1)

# Attack shares of the whole set (about 5.1% in all).
_ATTACK_SHARE = {
    "burst": 0.016,
    "inventory_lock": 0.007,
    "serial_refund": 0.008,
    "ring": 0.008,
    "claim": 0.006,
    "reject": 0.006,
}


@dataclass
class _Addr:
    place: tuple
    kind: str  # estate, road, village, office, store, market, courtyard
    a: str = ""  # community / tower / store name
    road: str = ""
    num: int = 0
    b: int = 0  # building
    u: int = 0  # unit
    r: int = 0  # room / floor
    extra: str = ""
    style: int = 0

    @property
    def remote(self) -> bool:
        return self.place[5]


@dataclass
class _Person:
    name: str
    phone: str
    addr: _Addr
    detail: str


def _secs(t: datetime | None) -> datetime | None:
    return t.replace(microsecond=0) if t is not None else None


def _estate_detail(ad: _Addr, style: int) -> str:
    c, b, u, r = ad.a, ad.b, ad.u, ad.r
    road = f"{ad.road}{ad.num}号"
    forms = (
        f"{c}{b}栋{u}单元{r}",
        f"{road}{c}{b}栋{u}单元{r}",
        f"{c}{b}幢{u}单元{r}室",
        f"{c}{b}号楼{u}单元{r}",
        f"{c}{b}-{u}-{r}",
        f"{c} {b}栋 {u}单元 {r}",
        f"{road} {c} {b}号楼{u}单元{r}室",
        f"{c}{b}栋{u}-{r}",
        f"{c}{b}号楼{u}单元{r}室",
        f"{road}{c}{b}幢{u}单元{r}",
    )
    return forms[style % len(forms)]


def _detail(ad: _Addr, style: int | None = None) -> str:
    s = ad.style if style is None else style
    if ad.kind == "estate":
        return _estate_detail(ad, s)
    if ad.kind == "road":
        return (f"{ad.road}{ad.num}号{ad.r}室", f"{ad.road}{ad.num}号 {ad.r}", f"{ad.road}{ad.num}号-{ad.r}")[s % 3]
    if ad.kind == "courtyard":
        return (
            f"{ad.road}{ad.num}号院{ad.b}号楼{ad.u}门{ad.r}",
            f"{ad.road}{ad.num}号院{ad.b}号楼{ad.u}单元{ad.r}号",
        )[s % 2]
    if ad.kind == "village":
        return (f"{ad.a}村{ad.b}组{ad.num}号", f"{ad.a}村{ad.b}组{ad.num}号 村口小卖部旁")[s % 2]
    if ad.kind == "office":
        forms = (
            f"{ad.a}{ad.r}楼{ad.extra}",
            f"{ad.a}{ad.r}层 {ad.extra}前台",
            f"{ad.a}{ad.r}F{ad.extra}",
            f"{ad.road}{ad.num}号{ad.a}{ad.r}楼",
            f"{ad.a} {ad.r}楼{ad.b:02d}室",
            f"{ad.a}{ad.r}{ad.b:02d}",
        )
        return forms[s % len(forms)]
    if ad.kind == "store":
        return (f"{ad.road}{ad.num}号{ad.a}", f"{ad.road}{ad.num}号 {ad.a}（门面）", f"{ad.a} {ad.road}{ad.num}号")[
            s % 3
        ]
    # market stall
    return (
        f"{ad.a}{ad.extra}区{ad.num}号摊位",
        f"{ad.road}{ad.a} {ad.extra}区{ad.num}号",
        f"{ad.a}{ad.extra}{ad.num}",
    )[s % 3]


def _ring_variant(ad: _Addr, rng: random.Random) -> str:
    """One of the many ways a ring types its one address."""
    text = _estate_detail(ad, rng.randrange(10))
    if rng.random() < 0.3:
        text = text.translate(_FULLWIDTH)
    if rng.random() < 0.2:
        text = text.replace("栋", " 栋 ").replace("单元", "单元 ").strip()
    return text


class _Gen:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = random.Random(seed)
        self.end = end
        start = end - timedelta(days=30)
        # whole seconds from here on, so flooring a time to the second never leaves the window
        self.start = start.replace(microsecond=0) + timedelta(seconds=1 if start.microsecond else 0)
        self.n = orders
        self.scale = orders / 20_000
        self.out: list[ExportOrder] = []
        self.nos: set[str] = set()
        self.phones: set[str] = set()
        self.regulars: list[_Person] = []
        rng = self.rng

        ids: set[str] = set()
        self.skus: list[_Sku] = []
        for name, spec, price, pop, season, fragile, limited, staple in _CATALOGUE:
            sid = str(rng.randrange(10**10, 10**12))
            while sid in ids:
                sid = str(rng.randrange(10**10, 10**12))
            ids.add(sid)
            self.skus.append(_Sku(sid, name, spec, Decimal(price), pop, season, fragile, limited, staple))

        # daily volume: harvest bell curve peaking mid-month, weekend bump, noise
        self.day0 = datetime(self.start.year, self.start.month, self.start.day)
        ndays = (end - self.day0).days + 1
        self.day_w = []
        peak = rng.uniform(12, 18)
        for d in range(ndays):
            day = self.day0 + d * _D
            w = 0.45 + 1.0 * pow(2.718, -(((d - peak) / 8.0) ** 2))
            if day.weekday() >= 5:
                w *= 1.15
            self.day_w.append(w * rng.uniform(0.85, 1.15))
        # per-day SKU weights following each product's season
        self.sku_w = []
        for d in range(ndays):
            f = d / max(ndays - 1, 1)
            row = []
            for s in self.skus:
                shape = {
                    "peak": 0.6 + 0.8 * pow(2.718, -(((f - 0.5) / 0.25) ** 2)),
                    "rise": 0.5 + 1.0 * f,
                    "fade": 1.4 - 0.9 * f,
                    "flat": 1.0,
                }[s.season]
                row.append(s.weight * shape)
            self.sku_w.append(row)
        self.place_w = [p[4] for p in _PLACES]
        self.remote_places = [p for p in _PLACES if p[5]]

    # ---- people ---------------------------------------------------------------------------
    def name(self, surname: str | None = None) -> str:
        rng = self.rng
        sn = surname or rng.choice(_SURNAMES)
        x = rng.random()
        if x < 0.03:
            return sn + rng.choice(("女士", "先生", "姐"))
        if x < 0.35:
            return sn + rng.choice(_GIVEN1)
        return sn + rng.choice(_GIVEN2)

    def phone(self, virtual: float = 0.03) -> str:
        rng = self.rng
        while True:
            pre = rng.choice(_VIRTUAL) if rng.random() < virtual else rng.choice(_PREFIXES)
            p = pre + f"{rng.randrange(10**8):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def place(self, remote: bool = False) -> tuple:
        if remote:
            return self.rng.choice(self.remote_places)
        return self.rng.choices(_PLACES, weights=self.place_w)[0]

    def home(self, place: tuple | None = None, remote: bool = False) -> _Addr:
        rng = self.rng
        pl = place or self.place(remote)
        x = rng.random()
        style = rng.choices(range(10), weights=(6, 4, 3, 3, 2, 1, 1, 2, 2, 1))[0]
        if x < 0.78 or pl[5] and x < 0.6:
            floor = rng.randint(1, 33 if rng.random() < 0.6 else 7)
            return _Addr(
                pl,
                "estate",
                a=rng.choice(_COMMUNITIES),
                road=rng.choice(_ROADS),
                num=rng.randint(1, 999),
                b=rng.randint(1, 30),
                u=rng.randint(1, 4),
                r=floor * 100 + rng.randint(1, 4),
                style=style,
            )
        if x < 0.88:
            return _Addr(
                pl, "road", road=rng.choice(_ROADS), num=rng.randint(1, 500), r=rng.randint(101, 1204), style=style
            )
        if x < 0.93 and pl[0] in ("北京市", "天津市", "河北省"):
            return _Addr(
                pl,
                "courtyard",
                road=rng.choice(_ROADS),
                num=rng.randint(1, 99),
                b=rng.randint(1, 20),
                u=rng.randint(1, 6),
                r=rng.randint(1, 6) * 100 + rng.randint(1, 4),
                style=style,
            )
        return _Addr(pl, "village", a=rng.choice(_VILLAGES), b=rng.randint(1, 12), num=rng.randint(1, 80), style=style)

    def person(self, *, virtual: float = 0.03, remote: bool = False, addr: _Addr | None = None) -> _Person:
        ad = addr or self.home(remote=remote)
        return _Person(self.name(), self.phone(virtual), ad, _detail(ad))

    # ---- time -----------------------------------------------------------------------------
    def when(self, lo: datetime | None = None, hi: datetime | None = None) -> datetime:
        """A shopping-time moment, following the month's daily curve (within [lo, hi))."""
        rng = self.rng
        lo = max(lo or self.start, self.start)
        hi = min(hi or self.end, self.end)
        if hi <= lo:
            return min(lo, self.end - timedelta(seconds=1))
        d_lo = (lo - self.day0).days
        d_hi = (hi - self.day0).days
        days = range(d_lo, d_hi + 1)
        weights = [self.day_w[d] for d in days]
        for _ in range(50):
            d = rng.choices(days, weights=weights)[0]
            t = self.day0 + d * _D + rng.choices(range(24), weights=_HOURS)[0] * _H
            t += timedelta(seconds=rng.randrange(3600))
            if lo <= t < hi:
                return t
        return lo + (hi - lo) * rng.random()

    def day_index(self, t: datetime) -> int:
        return min(max((t - self.day0).days, 0), len(self.day_w) - 1)

    def pick_sku(self, t: datetime) -> _Sku:
        return self.rng.choices(self.skus, weights=self.sku_w[self.day_index(t)])[0]

    # ---- outcomes -------------------------------------------------------------------------
    def plan(
        self,
        ordered: datetime,
        *,
        pay_p: float = 0.97,
        cancel_p: float = 0.055,
        refund_p: float = 0.07,
        refuse_p: float = 0.004,
        remote: bool = False,
        ship: tuple[float, float] = (6, 56),
        close_after: timedelta = 24 * _H,
        pay_mean: float = 90.0,
        claim_fast: bool = False,
        dispute_p: float = 0.0,
    ):
        """Plan an order's whole life, then read its state as of ``end``."""
        rng = self.rng
        end = self.end
        if rng.random() >= pay_p:
            closed = ordered + close_after <= end
            return ("unpaid_closed" if closed else "unpaid", None, None, None)
        paid = ordered + timedelta(seconds=min(5 + rng.expovariate(1 / pay_mean), 1500))
        if paid > end:
            return ("unpaid", None, None, None)
        if rng.random() < cancel_p:
            cancel = paid + timedelta(hours=rng.uniform(0.05, max(ship[0], 1.0) * 0.9))
            return ("cancelled" if cancel <= end else "paid", paid, None, None)
        shipped = paid + timedelta(hours=rng.uniform(*ship))
        if shipped > end:
            return ("paid", paid, None, None)
        if rng.random() < refuse_p:
            back = shipped + timedelta(days=rng.uniform(2, 6) + (2 if remote else 0))
            done = back + timedelta(hours=rng.uniform(4, 60))
            if back > end:
                return ("shipped", paid, shipped, None)
            return ("refunded" if done <= end else "refunding", paid, shipped, None)
        transit = rng.uniform(3, 6) if remote else rng.uniform(1, 3.5)
        received = shipped + timedelta(days=transit)
        if received > end:
            return ("shipped", paid, shipped, None)
        if rng.random() >= refund_p:
            return ("completed", paid, shipped, received)
        req = received + timedelta(hours=rng.uniform(0.3, 6) if claim_fast else rng.uniform(1, 48))
        if req > end:
            return ("completed", paid, shipped, received)
        if rng.random() < dispute_p:
            return ("refunding", paid, shipped, received)
        done = req + timedelta(hours=rng.uniform(1, 30))
        return ("refunded" if done <= end else "refunding", paid, shipped, received)

    def damage_p(self, sku: _Sku, remote: bool) -> float:
        p = 0.066
        if sku.fragile:
            p *= 1.35
        if remote:
            p *= 1.6
        return p

    # ---- emit -----------------------------------------------------------------------------
    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.nos:
                self.nos.add(no)
                return no

    def add(
        self,
        person: _Person,
        sku: _Sku,
        qty: int,
        ordered: datetime,
        fate: tuple,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        unit: Decimal | None = None,
        detail: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        note_p: float = 0.12,
    ) -> None:
        rng = self.rng
        price = unit if unit is not None else sku.price
        amount = price * qty
        if amount >= 30 and rng.random() < 0.3:
            amount -= rng.choice((Decimal(2), Decimal(3), Decimal(5)))
        amount = max(amount, _CENT).quantize(_CENT, rounding=ROUND_HALF_UP)
        outcome, paid, shipped, received = (fate[0], *(_secs(x) for x in fate[1:]))
        ordered = _secs(ordered)
        pl = person.addr.place
        self.out.append(
            ExportOrder(
                order_no=self.order_no(ordered),
                sku_id=sku.sku_id,
                sku_name=f"{sku.name} {sku.spec.split()[0]}",
                spec=sku.spec,
                quantity=qty,
                amount=amount,
                outcome=outcome,
                ordered_at=ordered,
                paid_at=paid,
                shipped_at=shipped,
                received_at=received,
                receiver=name or person.name,
                phone=phone or person.phone,
                province=pl[0],
                city=pl[1],
                district=pl[2],
                street=pl[3],
                detail=detail or person.detail,
                label=label,
                lookalike=lookalike,
                buyer_note=rng.choice(_NOTES) if rng.random() < note_p else "",
            )
        )

    def qty(self) -> int:
        return self.rng.choices((1, 2, 3, 4, 5), weights=(82, 13, 4, 0.6, 0.4))[0]

    def count(self, share: float) -> int:
        return max(1, round(share * self.n))

    # ---- honest shapes ----------------------------------------------------------------------
    def honest_order(self, person: _Person, t: datetime, lookalike: str | None = None, sku: _Sku | None = None):
        sku = sku or self.pick_sku(t)
        remote = person.addr.remote
        fate = self.plan(t, refund_p=self.damage_p(sku, remote), remote=remote)
        self.add(person, sku, self.qty(), t, fate, lookalike=lookalike)

    def normal(self, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            t = self.when()
            if self.regulars and rng.random() < 0.12:
                p = rng.choice(self.regulars)
            else:
                p = self.person()
                if rng.random() < 0.3:
                    self.regulars.append(p)
            self.honest_order(p, t)

    def flash_slot(self, sku: _Sku, start: datetime, size: int) -> None:
        rng = self.rng
        price = (sku.price * Decimal(rng.choice(("0.55", "0.6", "0.65")))).quantize(Decimal("0.1")) - Decimal("0.1")
        for _ in range(size):
            t = start + timedelta(seconds=min(rng.expovariate(1 / 140), 1500))
            if t >= self.end:
                continue
            p = self.person()
            fate = self.plan(
                t,
                pay_p=0.95,
                cancel_p=0.045,
                refund_p=self.damage_p(sku, p.addr.remote) * 1.2,  # cheap slot fruit, rushed packing
                remote=p.addr.remote,
                ship=(12, 96),
                close_after=timedelta(minutes=rng.uniform(15, 30)),
                pay_mean=40,
            )
            self.add(p, sku, rng.choices((1, 2), weights=(93, 7))[0], t, fate, lookalike="flash_sale", unit=price)

    def wholesale(self, leaders: int) -> None:
        rng = self.rng
        staples = [s for s in self.skus if s.staple]
        for _ in range(leaders):
            pl = self.place()
            if rng.random() < 0.4:
                ad = _Addr(
                    pl,
                    "market",
                    a=rng.choice(_MARKETS),
                    road=rng.choice(_ROADS),
                    num=rng.randint(1, 120),
                    extra=rng.choice("ABCDEF"),
                    style=rng.randrange(3),
                )
            else:
                ad = _Addr(
                    pl,
                    "store",
                    a=rng.choice(_COMMUNITIES)[:2] + rng.choice(_STORE_WORDS),
                    road=rng.choice(_ROADS),
                    num=rng.randint(1, 400),
                    style=rng.randrange(3),
                )
            boss = self.person(addr=ad)
            clerk = self.person(addr=ad) if rng.random() < 0.3 else None
            favourites = rng.sample(staples, 3)
            t = self.when(hi=self.start + 8 * _D)
            while t < self.end:
                who = clerk if clerk and rng.random() < 0.35 else boss
                sku = rng.choice(favourites)
                unit = (sku.price * Decimal("0.88")).quantize(_CENT)
                fate = self.plan(t, cancel_p=0.02, refund_p=0.03, pay_mean=600, ship=(6, 40))
                self.add(who, sku, rng.randint(10, 60), t, fate, lookalike="wholesale", unit=unit, note_p=0.3)
                nxt = t + rng.uniform(3, 8) * _D
                if nxt >= self.end:
                    break
                t = self.when(nxt, nxt + 2 * _D)

    def families(self, households: int) -> None:
        rng = self.rng
        for _ in range(households):
            ad = self.home()
            sn = rng.choice(_SURNAMES)
            members = [self.name(sn), self.name(), self.name(sn)][: rng.choice((2, 2, 3))]
            shared = self.phone() if rng.random() < 0.4 else None
            people = [_Person(m, shared or self.phone(), ad, _detail(ad)) for m in members]
            for _ in range(rng.randint(2, 6)):
                p = rng.choice(people)
                if rng.random() < 0.2:  # someone re-types the address
                    p = _Person(p.name, p.phone, ad, _detail(ad, rng.randrange(10)))
                self.honest_order(p, self.when(), lookalike="family")

    def offices(self, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            pl = self.place()
            tower = rng.choice(_TOWERS) + rng.choice(("大厦", "中心", "广场")) if rng.random() < 0.7 else None
            name = tower or rng.choice(_TOWERS) + rng.choice(_PARKS) + f"{rng.randint(1, 12)}号楼"
            ad = _Addr(
                pl,
                "office",
                a=name,
                road=rng.choice(_ROADS),
                num=rng.randint(1, 300),
                b=rng.randint(1, 20),
                r=rng.randint(3, 32),
                extra=rng.choice(_BRANDS) + rng.choice(_COMPANIES) if rng.random() < 0.5 else "",
            )
            sku = self.pick_sku(self.start + 15 * _D)
            t0 = self.when(hi=self.end - 2 * _D)
            for _ in range(rng.randint(8, 25)):
                p = self.person(addr=ad)
                p.detail = _detail(ad, rng.choices(range(6), weights=(6, 2, 1, 2, 1, 1))[0])
                t = self.when(t0, t0 + rng.uniform(0.3, 2.5) * _D)
                s = sku if rng.random() < 0.75 else self.pick_sku(t)
                self.honest_order(p, t, lookalike="office", sku=s)

    def loyal(self, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            p = self.person()
            k = rng.randint(5, 10)
            for _ in range(k):
                self.honest_order(p, self.when(), lookalike="loyal_repeat")

    # ---- attacks --------------------------------------------------------------------------
    def burst(self, sku: _Sku, start: datetime, target: int, unit: Decimal | None = None) -> int:
        rng = self.rng
        window = timedelta(minutes=rng.uniform(10, 20))
        made = 0
        while made < target:
            p = self.person(virtual=0.2)
            for _ in range(rng.choices((1, 2, 3), weights=(68, 24, 8))[0]):
                t = start + window * rng.random()
                if t >= self.end:
                    continue
                x = rng.random()
                if x < 0.7:
                    fate = self.plan(t, pay_p=0.0)
                elif x < 0.85:
                    fate = self.plan(t, pay_p=1.0, cancel_p=1.0, ship=(2, 10), pay_mean=60)
                else:
                    fate = self.plan(t, pay_p=1.0, cancel_p=0.0, refund_p=0.9, refuse_p=0.3, pay_mean=60)
                self.add(
                    p, sku, rng.choices((1, 2), weights=(80, 20))[0], t, fate, label="burst", unit=unit, note_p=0.05
                )
                made += 1
        return made

    def inventory_lock(self, target: int) -> None:
        rng = self.rng
        limited = [s for s in self.skus if s.limited]
        targets = rng.sample(limited, rng.randint(2, min(4, len(limited))))
        for _ in range(target):
            sku = rng.choice(targets)
            t = self.when()
            p = self.person(virtual=0.1)
            if rng.random() < 0.8:
                fate = self.plan(t, pay_p=0.0)
            else:
                fate = self.plan(t, pay_p=1.0, cancel_p=1.0, ship=(8, 30), pay_mean=300)
            self.add(p, sku, rng.randint(3, 8), t, fate, label="inventory_lock", note_p=0.08)

    def serial_refund(self, target: int) -> None:
        rng = self.rng
        made = 0
        people = 0
        while made < target:
            p = self.person()
            people += 1
            k = min(rng.randint(3, 8), target - made) if people > 12 else rng.randint(3, 8)
            span = self.end - self.start
            times = sorted(self.start + span * ((i + rng.uniform(0.1, 0.9)) / k) for i in range(k))
            for t in times:
                t = self.when(t - 12 * _H, t + 12 * _H)
                sku = self.pick_sku(t)
                detail = _detail(p.addr, rng.randrange(10)) if rng.random() < 0.3 else None
                fate = self.plan(t, refund_p=0.85, cancel_p=0.02, refuse_p=0.0, remote=p.addr.remote)
                self.add(p, sku, self.qty(), t, fate, label="serial_refund", detail=detail)
                made += 1

    def ring(self, target: int) -> None:
        rng = self.rng
        rings = 3 if target >= 90 else 2
        if target >= 200:
            rings = 4
        for i in range(rings):
            share = target // rings + (target % rings if i == 0 else 0)
            pl = self.place()
            ad = _Addr(
                pl,
                "estate",
                a=rng.choice(_COMMUNITIES),
                road=rng.choice(_ROADS),
                num=rng.randint(1, 999),
                b=rng.randint(1, 30),
                u=rng.randint(1, 4),
                r=rng.randint(2, 28) * 100 + rng.randint(1, 4),
            )
            phones = [self.phone(0.15) for _ in range(rng.randint(2, 4))]
            names = [self.name() for _ in range(rng.randint(8, 15))]
            owner = {n: rng.choice(phones) for n in names}
            t_lo = self.start + rng.uniform(0, 15) * _D
            t_hi = t_lo + rng.uniform(8, 15) * _D
            p = _Person(names[0], phones[0], ad, "")
            for _ in range(share):
                n = rng.choice(names)
                ph = owner[n] if rng.random() < 0.85 else rng.choice(phones)
                t = self.when(t_lo, t_hi)
                x = rng.random()
                if x < 0.4:
                    fate = self.plan(t, pay_p=0.0)
                elif x < 0.65:
                    fate = self.plan(t, pay_p=1.0, cancel_p=1.0)
                elif x < 0.9:
                    fate = self.plan(t, pay_p=1.0, cancel_p=0.0, refund_p=0.95, refuse_p=0.15)
                else:
                    fate = self.plan(t)
                sku = self.pick_sku(t)
                self.add(p, sku, self.qty(), t, fate, label="ring", name=n, phone=ph, detail=_ring_variant(ad, rng))

    def claim(self, target: int) -> None:
        rng = self.rng
        premium = [s for s in self.skus if s.price >= 55]
        made = 0
        while made < target:
            base = self.person()
            sn = base.name[0]
            phones = [base.phone] + [self.phone() for _ in range(rng.randint(1, 2))]
            names = [
                base.name,
                base.name,
                sn + rng.choice(("先生", "女士")),
                base.name[:2] if len(base.name) > 2 else sn,
            ]
            k = min(rng.randint(8, 16), max(target - made, 1))
            for _ in range(k):
                t = self.when()
                sku = rng.choice(premium) if rng.random() < 0.8 else self.pick_sku(t)
                detail = _detail(base.addr, rng.randrange(10)) if rng.random() < 0.35 else None
                fate = self.plan(
                    t,
                    pay_p=1.0,
                    refund_p=0.92,
                    cancel_p=0.0,
                    refuse_p=0.0,
                    claim_fast=True,
                    dispute_p=0.18,
                    remote=base.addr.remote,
                )
                self.add(
                    base,
                    sku,
                    rng.choices((1, 2, 3), weights=(55, 35, 10))[0],
                    t,
                    fate,
                    label="claim",
                    name=rng.choice(names),
                    phone=rng.choice(phones),
                    detail=detail,
                    note_p=0.35,
                )
                made += 1

    def reject(self, target: int) -> None:
        rng = self.rng
        premium = [s for s in self.skus if s.price >= 45]
        sims = [self.phone(0.25) for _ in range(max(3, round(target / 3.5)))]
        waves = [self.start + rng.uniform(1, 21) * _D for _ in range(rng.randint(3, 5))]
        for _ in range(target):
            w = rng.choice(waves)
            t = self.when(w, w + rng.uniform(1, 4) * _D)
            p = self.person(remote=True)
            fate = self.plan(t, pay_p=1.0, cancel_p=0.0, refuse_p=0.93, refund_p=0.5, remote=True, pay_mean=45)
            self.add(p, rng.choice(premium), rng.randint(2, 4), t, fate, label="reject", phone=rng.choice(sims))

    # ---- the month ------------------------------------------------------------------------
    def run(self) -> list[ExportOrder]:
        rng = self.rng
        s = self.scale

        # honest flash-sale slots (on the hour, days 4..26 before end)
        flash_skus = [sk for sk in self.skus if sk.staple and sk.price < 40]
        slots = []
        for size in (rng.randint(500, 1100), rng.randint(300, 700)):
            sku = rng.choice(flash_skus)
            day = self.end - rng.uniform(4, 26) * _D
            start = datetime(day.year, day.month, day.day, rng.choice((10, 12, 20, 21)))
            slots.append((sku, start))
            self.flash_slot(sku, start, max(1, round(size * s)))

        # attacks
        burst_target = self.count(_ATTACK_SHARE["burst"])
        episodes = 3 if burst_target > 450 else 2 if burst_target >= 160 else 1
        left = burst_target
        for e in range(episodes):
            tgt = left // (episodes - e)
            if e == 0:  # hide inside the first flash-sale slot, same SKU, same price
                sku, start = slots[0]
                fstart = start - timedelta(minutes=rng.uniform(0, 4))
                fprice = next(o.amount / o.quantity for o in self.out if o.sku_id == sku.sku_id)
                left -= self.burst(sku, fstart, tgt, unit=fprice.quantize(_CENT))
            else:
                sku = rng.choice([sk for sk in self.skus if not sk.limited])
                t = self.when(hi=self.end - 2 * _D)
                if rng.random() < 0.6:  # 炸店 likes the small hours
                    t = datetime(t.year, t.month, t.day, rng.randint(0, 4), rng.randrange(60))
                left -= self.burst(sku, t, tgt)
        self.inventory_lock(self.count(_ATTACK_SHARE["inventory_lock"]))
        self.serial_refund(self.count(_ATTACK_SHARE["serial_refund"]))
        self.ring(self.count(_ATTACK_SHARE["ring"]))
        self.claim(self.count(_ATTACK_SHARE["claim"]))
        self.reject(self.count(_ATTACK_SHARE["reject"]))

        # other honest look-alikes, then ordinary traffic fills up to ``orders``
        self.wholesale(max(1, round(rng.randint(15, 25) * s)))
        self.families(max(1, round(rng.randint(60, 85) * s)))
        self.offices(max(1, round(rng.randint(6, 10) * s)))
        self.loyal(max(1, round(rng.randint(25, 35) * s)))
        self.normal(max(0, self.n - len(self.out)))

        self.out.sort(key=lambda o: (o.ordered_at, o.order_no))
        return self.out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of a fruit shop over the 30 days before ``end``, ~5% attacks."""
    return _Gen(seed, end, orders).run()


def _check(rows: list[ExportOrder], end: datetime) -> list[str]:
    problems = []
    if len({r.order_no for r in rows}) != len(rows):
        problems.append("duplicate order numbers")
    start = end - timedelta(days=30)
    for r in rows:
        bad = None
        if not (start <= r.ordered_at < end):
            bad = "ordered_at out of range"
        elif r.outcome in ("unpaid", "unpaid_closed") and (r.paid_at or r.shipped_at or r.received_at):
            bad = "unpaid with later timestamps"
        elif r.outcome in ("paid", "cancelled") and (not r.paid_at or r.shipped_at or r.received_at):
            bad = "paid/cancelled inconsistent"
        elif r.outcome == "shipped" and (not r.shipped_at or r.received_at):
            bad = "shipped inconsistent"
        elif r.outcome == "completed" and not r.received_at:
            bad = "completed without receipt"
        elif r.outcome in ("refunding", "refunded") and not r.shipped_at:
            bad = "refund without shipping"
        elif r.paid_at and not (r.ordered_at <= r.paid_at <= end):
            bad = "paid_at order"
        elif r.shipped_at and not (r.paid_at and r.paid_at <= r.shipped_at <= end):
            bad = "shipped_at order"
        elif r.received_at and not (r.shipped_at and r.shipped_at <= r.received_at <= end):
            bad = "received_at order"
        elif len(r.phone) != 11 or not r.phone.isdigit():
            bad = "phone"
        elif not (11 <= len(r.sku_id) <= 12):
            bad = "sku_id"
        if bad:
            problems.append(f"{r.order_no}: {bad}")
    return problems


if __name__ == "__main__":
    import time
    from collections import Counter, defaultdict
    from zoneinfo import ZoneInfo

    now = datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)
    t0 = time.perf_counter()
    rows = generate(seed=1, end=now)
    took = time.perf_counter() - t0

    groups: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        key = f"attack  {r.label}" if r.label else f"honest  {r.lookalike or '(ordinary)'}"
        groups[key][r.outcome] += 1
    attacks = sum(1 for r in rows if r.label)
    print(f"family {FAMILY}: {len(rows)} orders in {took:.2f}s, attacks {attacks} ({attacks / len(rows):.1%})")
    for key in sorted(groups):
        c = groups[key]
        mix = ", ".join(f"{k} {v}" for k, v in c.most_common())
        print(f"  {key:<24} {sum(c.values()):>6}  {mix}")
    honest = [r for r in rows if not r.label]
    received = [r for r in honest if r.received_at]
    refunded = sum(1 for r in received if r.outcome in ("refunded", "refunding"))
    paid = [r for r in honest if r.paid_at]
    cancelled = sum(1 for r in paid if r.outcome == "cancelled")
    rate = refunded / max(len(received), 1)
    print(f"  honest refunds after receipt {rate:.1%}, cancellations {cancelled / len(paid):.1%}")
    print(f"  distinct SKUs {len({r.sku_id for r in rows})}, provinces {len({r.province for r in rows})}")
    problems = _check(rows, now)
    print(f"  consistency: {'ok' if not problems else problems[:10]}")
    again = generate(seed=1, end=now)
    print(f"  deterministic: {[(r.order_no, r.receiver) for r in again] == [(r.order_no, r.receiver) for r in rows]}")
