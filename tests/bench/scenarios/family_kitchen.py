"""A Pinduoduo kitchenware shop (厨具) shipping from 永康, with its own honest traffic and attackers.

Honest traffic follows a daily curve with lunch and late-evening peaks, heavier weekends (people
cook, then shop for the kitchen), paydays and platform promo days, the shop's own evening
livestreams and flash sales. Repeat buyers are a minority; families, restaurants and canteens,
company gift orders, community group-buy leaders and buyers who send back the wrong size all
look a little like attacks without being one.

Attacks: 炸店 bursts, 同行恶拍 inventory locks, serial refunders, a ring at one address written
several ways, and four of this shop's own: brushing (刷单 from a click farm), swap returns
(调包退货), professional claimants (职业索赔) and false non-delivery claims (谎称未收到).
"""

import random
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "kitchen"

_DAY = timedelta(days=1)
_HOUR = timedelta(hours=1)
_MIN = timedelta(minutes=1)
_SEC = timedelta(seconds=1)
_CENT = Decimal("0.01")


# --------------------------------------------------------------------------------------------
# The shop's catalogue
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sku:
    sku_id: str
    name: str
    specs: tuple[tuple[str, str], ...]  # (规格, price)
    weight: float  # share of ordinary traffic
    usual: int  # pieces a household usually takes in one order
    tags: str  # cheap / premium / food (contacts food) / bulk (restaurants buy it) / gift / pan


_SKUS = (
    _Sku(
        "538710264411",
        "麦饭石不粘锅炒锅家用少油烟 电磁炉燃气灶通用",
        (
            ("28cm 单锅 奶白色", "59.90"),
            ("30cm 单锅 奶白色", "69.90"),
            ("32cm 单锅 灰色", "79.90"),
            ("32cm 锅+可视玻璃盖+硅胶铲", "99.00"),
            ("34cm 锅+盖 灰色", "109.00"),
        ),
        10.0,
        1,
        "pan",
    ),
    _Sku(
        "538710277302",
        "章丘工艺老式手工铁锅 无涂层炒锅",
        (("30cm 单耳 未开锅", "39.90"), ("32cm 双耳 已开锅", "49.90"), ("34cm 双耳 已开锅", "56.90")),
        6.0,
        1,
        "pan bulk",
    ),
    _Sku(
        "541209331876",
        "德国工艺不锈钢刀具套装 厨房家用菜刀组合",
        (("五件套", "89.00"), ("七件套 带刀座", "139.00"), ("十件套 礼盒装", "199.00")),
        5.0,
        1,
        "premium gift",
    ),
    _Sku(
        "541209347720",
        "加厚不锈钢菜刀 家用切片刀斩骨刀",
        (("切片刀", "49.00"), ("斩骨刀", "59.00"), ("切片刀+斩骨刀 两件套", "99.00")),
        4.0,
        1,
        "bulk",
    ),
    _Sku(
        "544803112095",
        "乌檀木整木砧板 家用实木切菜板",
        (("小号 30×20×2cm", "19.90"), ("中号 36×24×2.5cm", "29.90"), ("大号 40×28×3cm", "39.90")),
        5.0,
        1,
        "food bulk",
    ),
    _Sku(
        "544803129514",
        "双面抗菌切菜板 小麦秸秆案板",
        (("单块 中号", "12.90"), ("两块装 生熟分开", "22.90")),
        4.0,
        1,
        "food cheap bulk",
    ),
    _Sku(
        "547162508833",
        "高硼硅玻璃保鲜盒 微波炉可加热饭盒",
        (("3件套 带盖", "29.90"), ("5件套 带盖", "45.90"), ("8件套 带盖", "69.90")),
        6.0,
        1,
        "food",
    ),
    _Sku(
        "547162519049",
        "食品级塑料保鲜盒 冰箱收纳盒密封盒",
        (("1100ml×4个", "19.90"), ("2300ml×3个", "24.90"), ("混装12个", "39.90")),
        6.0,
        2,
        "food cheap bulk",
    ),
    _Sku(
        "550377842106",
        "电饭煲内胆 通用替换锅 加厚不粘涂层",
        (("3L 适配美的/苏泊尔", "49.00"), ("4L 适配美的/苏泊尔", "59.00"), ("5L 通用加厚", "69.00")),
        4.0,
        1,
        "food",
    ),
    _Sku(
        "552916003357",
        "食品级硅胶铲 不粘锅专用炒菜铲",
        (("单只 灰色", "5.90"), ("单只 粉色", "5.90"), ("单只 墨绿", "5.90"), ("铲+勺+漏勺 三件套", "15.90")),
        8.0,
        1,
        "food cheap",
    ),
    _Sku(
        "552916018820",
        "硅胶厨具套装 12件带收纳桶",
        (("12件套 灰色", "59.90"), ("12件套 奶白", "59.90"), ("12件套 墨绿", "65.90")),
        4.0,
        1,
        "food gift",
    ),
    _Sku(
        "556040771938",
        "厨房置物架 多层落地收纳架",
        (("两层 宽30cm", "39.90"), ("三层 宽40cm", "59.90"), ("四层落地 宽60cm", "89.90")),
        4.0,
        1,
        "",
    ),
    _Sku(
        "556040783301",
        "调料盒套装 家用调味罐组合",
        (("4格 透明", "12.90"), ("6格 带勺 白色", "19.90")),
        4.0,
        1,
        "cheap food",
    ),
    _Sku(
        "559281664520",
        "304不锈钢汤锅 加厚复底 燃气电磁炉通用",
        (("20cm 单锅", "69.00"), ("24cm 带盖", "89.00"), ("26cm 加厚带盖", "109.00")),
        4.0,
        1,
        "pan premium bulk",
    ),
    _Sku(
        "559281677154",
        "铸铁珐琅锅 炖锅 家用煲汤锅",
        (("22cm 樱桃红", "299.00"), ("24cm 燕麦色", "359.00"), ("26cm 墨绿", "499.00")),
        2.0,
        1,
        "pan premium gift",
    ),
    _Sku(
        "561733905418",
        "不锈钢蒸锅 三层加厚 家用大号",
        (("28cm 三层", "129.00"), ("30cm 三层", "149.00"), ("32cm 三层 带蒸格", "169.00")),
        3.0,
        1,
        "pan premium",
    ),
    _Sku(
        "561733918877",
        "平底煎锅 不粘牛排锅 早餐煎蛋锅",
        (("20cm", "39.90"), ("24cm", "49.90"), ("26cm 带盖", "59.90")),
        5.0,
        1,
        "pan",
    ),
    _Sku(
        "563390125046",
        "合金筷子 家用防滑防霉 耐高温",
        (("10双 家庭装", "16.90"), ("20双 餐厅装", "29.90")),
        4.0,
        1,
        "food cheap bulk",
    ),
    _Sku(
        "563390137719",
        "不锈钢削皮刀 水果刀 刨丝器",
        (("削皮刀 2只装", "6.90"), ("水果刀+刀套", "9.90")),
        5.0,
        1,
        "cheap",
    ),
    _Sku(
        "565804420963",
        "家用快速磨刀器 磨刀石",
        (("三段式 磨刀器", "14.90"), ("磨刀石 双面", "24.90")),
        3.0,
        1,
        "cheap",
    ),
    _Sku(
        "565804432580",
        "免打孔厨房挂杆 收纳挂钩",
        (("单杆 40cm+6钩", "19.90"), ("单杆 60cm+8钩", "25.90")),
        3.0,
        1,
        "",
    ),
    _Sku(
        "567129870214",
        "双层沥水篮 洗菜盆 厨房淘米",
        (("单个 白色", "12.90"), ("两件套", "19.90")),
        3.0,
        1,
        "cheap bulk",
    ),
    _Sku(
        "569472218806",
        "不粘小奶锅 宝宝辅食锅",
        (("16cm 奶锅", "35.90"), ("18cm 奶锅+盖", "42.90")),
        3.0,
        1,
        "pan",
    ),
    _Sku(
        "569472230417",
        "不锈钢保温饭盒 上班族学生",
        (("单层 800ml", "29.90"), ("双层 1400ml", "39.90"), ("三层 带提袋", "49.90")),
        3.0,
        1,
        "food gift",
    ),
)


def _with(tag: str) -> list[_Sku]:
    return [s for s in _SKUS if tag in s.tags.split()]


# --------------------------------------------------------------------------------------------
# Where buyers live: a line 省 weight, then one line per 区: 市 区 街道,街道,...
# --------------------------------------------------------------------------------------------

_GEO_TEXT = """
广东省 12
  深圳市 南山区 粤海街道,南头街道,蛇口街道,西丽街道
  深圳市 福田区 福田街道,华强北街道,梅林街道,香蜜湖街道
  深圳市 宝安区 新安街道,西乡街道,福永街道,沙井街道
  深圳市 龙岗区 布吉街道,坂田街道,龙城街道,横岗街道
  广州市 天河区 石牌街道,林和街道,棠下街道,五山街道
  广州市 白云区 三元里街道,京溪街道,同和街道
  广州市 番禺区 市桥街道,大石街道,洛浦街道
  广州市 海珠区 赤岗街道,江海街道,南洲街道
  佛山市 顺德区 大良街道,容桂街道,伦教街道
  佛山市 南海区 桂城街道,大沥镇,里水镇
  佛山市 禅城区 祖庙街道,石湾镇街道
  汕头市 龙湖区 金霞街道,龙华街道
  汕头市 金平区 金砂街道,石炮台街道
浙江省 8
  杭州市 西湖区 文新街道,古荡街道,翠苑街道
  杭州市 余杭区 五常街道,仓前街道,良渚街道
  杭州市 拱墅区 米市巷街道,湖墅街道,祥符街道
  杭州市 萧山区 城厢街道,北干街道,宁围街道
  宁波市 鄞州区 首南街道,中河街道,钟公庙街道
  宁波市 海曙区 南门街道,鼓楼街道
  温州市 鹿城区 五马街道,松台街道
  温州市 瓯海区 娄桥街道,新桥街道
  金华市 义乌市 稠城街道,北苑街道,江东街道
  金华市 婺城区 城东街道,西关街道
  金华市 永康市 东城街道,西城街道
江苏省 9
  南京市 鼓楼区 湖南路街道,宁海路街道
  南京市 江宁区 东山街道,秣陵街道,淳化街道
  南京市 秦淮区 夫子庙街道,洪武路街道
  苏州市 吴中区 长桥街道,越溪街道
  苏州市 姑苏区 平江街道,沧浪街道
  苏州市 昆山市 玉山镇,花桥镇,周市镇
  无锡市 梁溪区 崇安寺街道,南禅寺街道
  无锡市 滨湖区 蠡园街道,河埒街道
  徐州市 云龙区 彭城街道,子房街道
  徐州市 泉山区 王陵街道,湖滨街道
  南通市 崇川区 和平桥街道,观音山街道
山东省 8
  济南市 历下区 泉城路街道,解放路街道,千佛山街道
  济南市 历城区 洪家楼街道,山大路街道
  青岛市 市南区 八大关街道,香港中路街道
  青岛市 黄岛区 辛安街道,薛家岛街道
  青岛市 崂山区 中韩街道,沙子口街道
  临沂市 兰山区 兰山街道,银雀山街道
  临沂市 河东区 九曲街道
  潍坊市 奎文区 东关街道,潍州路街道
  烟台市 芝罘区 向阳街道,毓璜顶街道
河南省 8
  郑州市 金水区 花园路街道,文化路街道,未来路街道
  郑州市 二七区 建中街街道,淮河路街道
  郑州市 中原区 林山寨街道,桐柏路街道
  洛阳市 涧西区 长安路街道,重庆路街道
  洛阳市 洛龙区 开元路街道
  南阳市 卧龙区 车站街道,七一街道
  南阳市 宛城区 新华街道
  周口市 川汇区 人和街道,七一路街道
四川省 7
  成都市 武侯区 玉林街道,浆洗街街道,红牌楼街道
  成都市 锦江区 春熙路街道,盐市口街道
  成都市 成华区 猛追湾街道,建设路街道
  成都市 郫都区 犀浦街道,郫筒街道
  成都市 双流区 东升街道,西航港街道
  绵阳市 涪城区 城厢街道,工区街道
  南充市 顺庆区 中城街道,北城街道
湖北省 6
  武汉市 洪山区 珞南街道,关山街道,狮子山街道
  武汉市 江汉区 民族街道,唐家墩街道
  武汉市 武昌区 中华路街道,水果湖街道
  宜昌市 西陵区 云集街道,西陵街道
  襄阳市 樊城区 中原街道,定中门街道
湖南省 6
  长沙市 岳麓区 望月湖街道,观沙岭街道
  长沙市 雨花区 侯家塘街道,左家塘街道
  长沙市 开福区 四方坪街道,伍家岭街道
  长沙市 长沙县 星沙街道,泉塘街道
  株洲市 天元区 嵩山路街道,泰山路街道
  衡阳市 蒸湘区 联合街道,红湘街道
河北省 6
  石家庄市 长安区 育才街道,建北街道
  石家庄市 裕华区 裕兴街道,槐底街道
  石家庄市 桥西区 东里街道,振头街道
  保定市 竞秀区 先锋街道,新市场街道
  保定市 莲池区 和平里街道
  唐山市 路北区 文化路街道,钓鱼台街道
  邯郸市 丛台区 丛西街道,光明桥街道
福建省 5
  福州市 鼓楼区 东街街道,鼓东街道
  福州市 仓山区 仓山镇,金山街道
  厦门市 思明区 中华街道,厦港街道,莲前街道
  厦门市 湖里区 江头街道,殿前街道
  泉州市 丰泽区 东海街道,丰泽街道
  泉州市 晋江市 青阳街道,梅岭街道
安徽省 5
  合肥市 蜀山区 三里庵街道,稻香村街道
  合肥市 包河区 望湖街道,芜湖路街道
  合肥市 庐阳区 杏花村街道,亳州路街道
  芜湖市 镜湖区 大砻坊街道,范罗山街道
  阜阳市 颍州区 鼓楼街道,文峰街道
江西省 4
  南昌市 红谷滩区 沙井街道,卫东街道
  南昌市 东湖区 八一桥街道,豫章街道
  南昌市 青山湖区 京东镇,上海路街道
  赣州市 章贡区 解放街道,南外街道
  九江市 浔阳区 甘棠街道,湓浦街道
陕西省 4
  西安市 雁塔区 小寨路街道,电子城街道,曲江街道
  西安市 未央区 张家堡街道,未央宫街道
  西安市 碑林区 南院门街道,长安路街道
  宝鸡市 渭滨区 经二路街道,清姜街道
  咸阳市 秦都区 人民路街道,西兰路街道
辽宁省 4
  沈阳市 和平区 南湖街道,太原街街道
  沈阳市 铁西区 兴华街道,笃工街道
  沈阳市 浑南区 五三街道
  大连市 沙河口区 星海湾街道,马栏街道
  大连市 甘井子区 革镇堡街道,泉水街道
黑龙江省 3
  哈尔滨市 南岗区 和兴路街道,花园街道
  哈尔滨市 道里区 安静街道,抚顺街道
  大庆市 萨尔图区 东风街道,富强街道
吉林省 2
  长春市 朝阳区 红旗街道,桂林街道
  长春市 南关区 自强街道,南岭街道
  吉林市 船营区 北极街道,致和街道
广西壮族自治区 4
  南宁市 青秀区 新竹街道,中山街道
  南宁市 西乡塘区 北湖街道,衡阳街道
  柳州市 城中区 城中街道,公园街道
  桂林市 七星区 东江街道,七星区街道
云南省 3
  昆明市 五华区 华山街道,护国街道
  昆明市 官渡区 关上街道,吴井街道
  曲靖市 麒麟区 南宁街道,建宁街道
贵州省 3
  贵阳市 南明区 花果园街道,中曹司街道
  贵阳市 观山湖区 金阳街道,世纪城街道
  遵义市 汇川区 上海路街道,洗马路街道
重庆市 4
  重庆市 渝北区 龙溪街道,回兴街道,两路街道
  重庆市 江北区 观音桥街道,石马河街道
  重庆市 沙坪坝区 小龙坎街道,沙坪坝街道
  重庆市 南岸区 南坪街道,铜元局街道
北京市 4
  北京市 朝阳区 望京街道,三里屯街道,劲松街道
  北京市 海淀区 中关村街道,学院路街道,万寿路街道
  北京市 丰台区 方庄街道,卢沟桥街道
  北京市 昌平区 回龙观街道,天通苑北街道
上海市 4
  上海市 浦东新区 陆家嘴街道,花木街道,张江镇,川沙新镇
  上海市 闵行区 莘庄镇,七宝镇,古美路街道
  上海市 徐汇区 徐家汇街道,田林街道
  上海市 宝山区 大场镇,顾村镇
天津市 2
  天津市 南开区 长虹街道,万兴街道
  天津市 河西区 友谊路街道,越秀路街道
  天津市 滨海新区 塘沽街道,新北街道
山西省 3
  太原市 小店区 坞城街道,亲贤街道
  太原市 迎泽区 柳巷街道,桥东街道
  大同市 平城区 北关街道,新华街街道
内蒙古自治区 2
  呼和浩特市 赛罕区 大学东路街道,昭乌达路街道
  呼和浩特市 新城区 海拉尔东路街道
  包头市 昆都仑区 昆北街道,友谊大街街道
甘肃省 2
  兰州市 城关区 张掖路街道,雁南街道
  兰州市 七里河区 西园街道,敦煌路街道
新疆维吾尔自治区 1
  乌鲁木齐市 天山区 燕儿窝街道,解放北路街道
  乌鲁木齐市 沙依巴克区 友好南路街道,炉院街街道
海南省 1
  海口市 美兰区 海府街道,白龙街道
  海口市 龙华区 金贸街道,滨海街道
"""


def _parse_geo() -> list[tuple[str, float, list[tuple[str, list[tuple[str, list[str]]]]]]]:
    geo: list[tuple[str, float, list[tuple[str, list[tuple[str, list[str]]]]]]] = []
    for line in _GEO_TEXT.strip("\n").splitlines():
        if not line.startswith(" "):
            prov, weight = line.split()
            geo.append((prov, float(weight), []))
            continue
        city, district, streets = line.split()
        cities = geo[-1][2]
        if not cities or cities[-1][0] != city:
            cities.append((city, []))
        cities[-1][1].append((district, streets.split(",")))
    return geo


_GEO = _parse_geo()
_NEAR = {"浙江省", "江苏省", "上海市", "安徽省"}
_FAR = {"新疆维吾尔自治区", "甘肃省", "内蒙古自治区", "海南省", "黑龙江省", "吉林省", "云南省", "贵州省"}

_ROADS = [
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "和平路",
    "新华路",
    "文化路",
    "胜利路",
    "长江路",
    "黄河路",
    "东风路",
    "工农路",
    "光明路",
    "幸福路",
    "朝阳路",
    "迎宾大道",
    "世纪大道",
    "滨河路",
    "青年路",
    "学府路",
    "科技路",
    "花园路",
    "友谊路",
    "振兴路",
    "兴业街",
    "府前街",
    "北大街",
    "东环路",
    "西环路",
    "金桥路",
    "育才路",
    "红旗路",
    "团结路",
    "新民街",
    "沿江路",
    "望江路",
    "锦绣大道",
    "长安街",
    "凤凰路",
    "桃园路",
]
_ESTATES = [
    "阳光花园",
    "锦绣华庭",
    "碧桂园",
    "万科城",
    "保利香槟国际",
    "金地名京",
    "恒大绿洲",
    "绿地世纪城",
    "龙湖春江郦城",
    "中海国际社区",
    "华润橡树湾",
    "世纪新城",
    "幸福里",
    "和谐家园",
    "翠苑",
    "金色家园",
    "东方明珠花园",
    "紫荆苑",
    "丽景湾",
    "书香门第",
    "御景园",
    "春天花园",
    "枫林绿洲",
    "南湖小区",
    "铁路新村",
    "电力宿舍",
    "纺织厂宿舍",
    "教师新村",
    "滨江花园",
    "水岸名都",
    "香榭丽舍",
    "凯旋城",
    "公园壹号",
    "锦华苑",
    "玉兰苑",
    "桂花园",
    "梧桐苑",
    "天润城",
    "银河湾",
    "融创壹号院",
]
_VILLAGES = [
    "王家",
    "李庄",
    "张湾",
    "陈家",
    "新河",
    "石桥",
    "柳林",
    "大树",
    "东塘",
    "西岗",
    "马坊",
    "高庄",
    "河口",
    "前洋",
    "后山",
]
_PARKS = ["软件园", "科技园", "创意园", "产业园", "金融中心", "国际大厦", "商务中心", "电商产业园"]
_COMPANY_HEAD = [
    "华信",
    "启明",
    "远航",
    "星辰",
    "智联",
    "博达",
    "恒通",
    "新锐",
    "云帆",
    "鼎盛",
    "瑞丰",
    "聚源",
    "宏图",
    "嘉禾",
]
_COMPANY_TAIL = ["科技有限公司", "网络科技有限公司", "信息技术有限公司", "贸易有限公司", "建设集团", "文化传媒有限公司"]
_RESTAURANTS = [
    "老张家常菜",
    "川味小馆",
    "湘里人家",
    "东北饺子馆",
    "兰州拉面",
    "沙县小吃",
    "黄焖鸡米饭",
    "麻辣烫",
    "串串香",
    "烧烤",
    "大酒店后厨",
    "农家乐",
    "快餐店",
    "面馆",
    "火锅店",
    "酸菜鱼",
]
_CANTEENS = [
    "第一中学食堂",
    "实验小学食堂",
    "职工食堂",
    "人民医院食堂",
    "幼儿园厨房",
    "工地食堂",
    "养老院厨房",
    "技校食堂",
]

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_W = [1 / (i + 8) for i in range(len(_SURNAMES))]
_FEMALE = "静丽敏燕艳娟霞芳婷雪慧琳颖倩洁佳欣怡悦梦晓萌瑶雯璐露淑秀兰红梅玲莉娜丹萍琴云凤英华蕾薇月"
_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆峰亮志建国文龙海林东成坤昊然"
_NEUTRAL = "子一宇晨思嘉欣雨泽可安乐"
_OLD_GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "玉兰",
    "国强",
    "德华",
    "淑芬",
    "志强",
    "春梅",
    "红霞",
    "建军",
    "桂芳",
    "秀珍",
    "凤英",
    "卫东",
    "爱华",
]

_PREFIX = (
    ("134 135 136 137 138 139 147 150 151 152 157 158 159 178 182 183 184 187 188 195 198", 0.52),
    ("130 131 132 155 156 166 175 176 185 186 196", 0.25),
    ("133 149 153 173 177 180 181 189 190 191 193 199", 0.22),
)
_VIRTUAL = ["162", "165", "167", "170", "171"]

_HONEST_NOTES = (
    "请尽快发货",
    "送人的，麻烦包装好点",
    "放门卫室",
    "放快递柜就行",
    "不要放价格单",
    "周末在家，周末送",
    "要32的，别发错了",
    "包装结实点，上次锅压扁了",
    "能送个铲子吗",
    "白天上班，放驿站",
    "电话打不通就放门口",
    "给妈妈买的",
    "开学用",
    "麻烦检查一下有没有划痕再发",
    "尽量发中通",
)

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_DIGIT = dict(zip("123456789", "一二三四五六七八九", strict=True))


@dataclass
class _Person:
    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    detail: str


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        self.scale = orders / 20_000
        self.target = orders
        self.out: list[ExportOrder] = []
        self.nos: set[str] = set()
        self.phones: set[str] = set()
        self._days = self._day_weights()
        self._hours = {
            False: [0.9, 0.5, 0.28, 0.18, 0.14, 0.2, 0.45, 0.9, 1.3, 1.6, 1.8, 2.1]
            + [2.3, 1.9, 1.6, 1.55, 1.6, 1.75, 1.9, 2.3, 2.8, 3.1, 2.8, 1.7],
            True: [1.1, 0.7, 0.4, 0.22, 0.15, 0.18, 0.3, 0.6, 1.0, 1.6, 2.1, 2.3]
            + [2.2, 2.0, 1.9, 1.9, 1.9, 1.9, 2.0, 2.4, 2.8, 3.0, 2.7, 1.8],
        }
        self._sku_w = [s.weight for s in _SKUS]

    # ---- sizes and randomness --------------------------------------------------------------

    def n(self, low: int, high: int, floor: int = 1) -> int:
        return max(floor, round(self.rng.randint(low, high) * self.scale))

    def pick(self, options, weights=None):
        return self.rng.choices(options, weights)[0]

    # ---- time ------------------------------------------------------------------------------

    def _day_weights(self) -> list[tuple[datetime, float]]:
        r = self.rng
        promo = {(11, 11): 2.4, (11, 10): 1.3, (12, 12): 2.0, (6, 18): 2.2, (6, 17): 1.2}
        promo |= {(3, 8): 1.5, (9, 9): 1.4, (5, 20): 1.2, (10, 1): 0.8, (2, 10): 0.6}
        first = datetime.combine(self.start.date(), time())
        days = []
        day = first
        while day < self.end:
            w = (1.0, 1.0, 1.0, 1.0, 1.05, 1.3, 1.25)[day.weekday()]
            if day.day in (10, 15):
                w *= 1.2  # paydays
            elif day.day in (1, 2, 25):
                w *= 1.08
            w *= promo.get((day.month, day.day), 1.0) * r.uniform(0.85, 1.15)
            days.append((day, w))
            day += _DAY
        return days

    def when(self, *, day: datetime | None = None, hours: tuple[int, int] | None = None) -> datetime:
        """An ordinary moment of honest shopping inside the window."""
        r = self.rng
        for _ in range(200):
            d = day or self.pick([d for d, _ in self._days], [w for _, w in self._days])
            weights = self._hours[d.weekday() >= 5]
            if hours:
                weights = [w if hours[0] <= h < hours[1] else 0.0 for h, w in enumerate(weights)]
            hour = self.pick(range(24), weights)
            t = d + timedelta(hours=hour, seconds=r.randrange(3600))
            if self.start <= t < self.end:
                return t
        return self.start + (self.end - self.start) * r.random()

    def within(self, t: datetime) -> bool:
        return self.start <= t < self.end

    def _pay_delay(self) -> timedelta:
        r = self.rng.random()
        if r < 0.78:
            return timedelta(seconds=min(180, 4 + self.rng.lognormvariate(3.0, 0.9)))
        if r < 0.93:
            return timedelta(minutes=self.rng.uniform(3, 30))
        if r < 0.98:
            return timedelta(minutes=self.rng.uniform(30, 360))
        return timedelta(hours=self.rng.uniform(6, 20))

    def _dispatch(self, paid: datetime) -> datetime:
        """The shop packs every afternoon; late payments go out the next day."""
        r = self.rng
        day = datetime.combine(paid.date(), time())
        if paid.hour >= 16:
            day += _DAY
        if r.random() < 0.07:
            day += _DAY  # backlog or a restock
        t = day + timedelta(hours=14) + timedelta(minutes=r.uniform(0, 330))
        if t < paid + 20 * _MIN:
            t = paid + timedelta(minutes=r.uniform(20, 90))
        return t

    def _transit(self, province: str) -> timedelta:
        low, high = (1.0, 2.2) if province in _NEAR else (3.2, 6.5) if province in _FAR else (1.8, 4.0)
        return timedelta(days=self.rng.uniform(low, high))

    def _confirm(self, delivered: datetime, shipped: datetime) -> datetime:
        r = self.rng.random()
        if r < 0.4:
            return delivered + timedelta(minutes=self.rng.uniform(8, 1200))
        if r < 0.68:
            return delivered + timedelta(days=self.rng.uniform(1, 4))
        return max(delivered + _HOUR, shipped + timedelta(days=self.rng.uniform(10, 10.4)))  # auto

    def timeline(
        self,
        t: datetime,
        plan: str,
        province: str,
        *,
        pay: timedelta | None = None,
        cancel: timedelta | None = None,
        ship: timedelta | None = None,
        transit: timedelta | None = None,
        confirm: timedelta | None = None,
        request: timedelta | None = None,
    ) -> tuple[str, datetime | None, datetime | None, datetime | None]:
        """What became of an order placed at ``t`` with this plan, as seen at ``end``."""
        r, end = self.rng, self.end
        recent = end - t < timedelta(hours=24)
        unpaid = ("unpaid" if recent else "unpaid_closed", None, None, None)
        if plan == "never_pay":
            return unpaid
        paid = t + (pay if pay is not None else self._pay_delay())
        if paid > end:
            return unpaid
        if plan == "cancel":
            c = paid + (cancel if cancel is not None else timedelta(minutes=r.uniform(2, 600)))
            return ("cancelled" if c <= end else "paid"), paid, None, None
        shipped = paid + ship if ship is not None else self._dispatch(paid)
        if shipped > end:
            return "paid", paid, None, None
        delivered = shipped + (transit if transit is not None else self._transit(province))
        if plan == "refund_transit":  # 仅退款 / 拒收 / after-sale before confirming receipt
            req = delivered + (request if request is not None else timedelta(hours=r.uniform(-10, 60)))
            req = max(req, shipped + 2 * _HOUR)
            settled = req + timedelta(hours=r.uniform(3, 80))
            if req > end:
                return "shipped", paid, shipped, None
            return ("refunding" if settled > end else "refunded"), paid, shipped, None
        received = delivered + confirm if confirm is not None else self._confirm(delivered, shipped)
        if plan == "refund_after":
            received = delivered + (confirm if confirm is not None else timedelta(minutes=r.uniform(10, 1800)))
            if received > end:
                return "shipped", paid, shipped, None
            req = received + (request if request is not None else timedelta(hours=r.uniform(6, 130)))
            if req > end:
                return "completed", paid, shipped, received
            settled = req + timedelta(days=r.uniform(2, 6))  # the goods travel back
            if settled > end:
                return "refunding", paid, shipped, None
            return "refunded", paid, shipped, received
        if received > end:
            return "shipped", paid, shipped, None
        return "completed", paid, shipped, received

    def honest_plan(self, refund: float = 1.0) -> str:
        return self.pick(
            ["never_pay", "cancel", "refund_transit", "refund_after", "complete"],
            [0.04, 0.025, 0.017 * refund, 0.026 * refund, 1.0],
        )

    # ---- people ----------------------------------------------------------------------------

    def name(self, surname: str | None = None, gender: str | None = None) -> str:
        r = self.rng
        sur = surname or (r.choice(["欧阳", "司马", "上官", "诸葛"]) if r.random() < 0.006 else None)
        sur = sur or self.pick(_SURNAMES, _SURNAME_W)
        roll = r.random()
        if roll < 0.015:
            return sur + r.choice(["女士", "先生"])
        if roll < 0.02:
            return "小" + sur
        gender = gender or r.choice("fm")
        pool = (_FEMALE if gender == "f" else _MALE) + _NEUTRAL
        if roll < 0.1:
            return sur + r.choice(_OLD_GIVEN)
        if roll < 0.32:
            return sur + r.choice(pool)
        return sur + r.choice(pool) + r.choice(pool)

    def phone(self, virtual: float = 0.01) -> str:
        r = self.rng
        while True:
            if r.random() < virtual:
                prefix = r.choice(_VIRTUAL)
            else:
                prefix = r.choice(self.pick([p for p, _ in _PREFIX], [w for _, w in _PREFIX]).split())
            number = prefix + f"{r.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def place(self, province: str | None = None, city: str | None = None) -> tuple[str, str, str, str]:
        r = self.rng
        if province is None:
            prov, _, cities = self.pick(_GEO, [w for _, w, _ in _GEO])
        else:
            prov, _, cities = next(g for g in _GEO if g[0] == province)
        if city is None:
            name, districts = self.pick(cities, [1.8] + [1.0] * (len(cities) - 1))
        else:
            name, districts = next(c for c in cities if c[0] == city)
        district, streets = r.choice(districts)
        return prov, name, district, r.choice(streets)

    def room(self) -> str:
        r = self.rng
        floor = r.randint(1, 6) if r.random() < 0.3 else r.randint(2, 33)
        return f"{floor}{r.randint(1, 4):02d}"

    def home_detail(self) -> str:
        r = self.rng
        road, num, estate = r.choice(_ROADS), r.randint(1, 999), r.choice(_ESTATES)
        b, u, room = r.randint(1, 32), r.randint(1, 4), self.room()
        form = r.randrange(9)
        if form == 0:
            text = f"{road}{num}号{estate}{b}栋{u}单元{room}室"
        elif form == 1:
            text = f"{road}{num}号{estate}{b}栋{u}单元{room}"
        elif form == 2:
            text = f"{estate}{b}栋{room}"
        elif form == 3:
            text = f"{estate}{b}-{u}-{room}"
        elif form == 4:
            text = f"{estate}{b}号楼{u}单元{room}"
        elif form == 5:
            text = f"{road}{num}号{estate}{b}幢{room}室"
        elif form == 6:
            text = f"{estate}{r.choice('一二三')}期{b}栋{u}单元{room}室"
        elif form == 7:
            text = f"{road}{num}弄{b}号{room}室"
        else:
            text = f"{road}{num}号院{b}号楼{u}门{room}"
        if r.random() < 0.05:
            text = text.replace("号", "号 ", 1)
        return text

    def detail(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.72:
            return self.home_detail()
        if kind < 0.82:
            v = r.choice(_VILLAGES)
            return r.choice([f"{v}村{r.randint(1, 12)}组{r.randint(1, 80)}号", f"{v}村委会旁边{r.randint(1, 60)}号"])
        if kind < 0.92:
            park, road = r.choice(_PARKS), r.choice(_ROADS)
            company = r.choice(_COMPANY_HEAD) + r.choice(_COMPANY_TAIL)
            return f"{road}{r.randint(1, 600)}号{park}{r.choice('ABCD')}座{r.randint(2, 28)}楼{company}"
        estate = r.choice(_ESTATES)
        return r.choice(
            [f"{estate}菜鸟驿站", f"{estate}东门丰巢快递柜", f"{r.choice(_ROADS)}{r.randint(1, 300)}号妈妈驿站"]
        )

    def person(self, *, virtual: float = 0.01, province: str | None = None, city: str | None = None) -> _Person:
        prov, c, district, street = self.place(province, city)
        return _Person(self.name(), self.phone(virtual), prov, c, district, street, self.detail())

    def retyped(self, detail: str) -> str:
        """The same address as another member of the household types it."""
        r = self.rng
        roll = r.random()
        if roll < 0.3:
            return detail.replace("栋", "幢") if "栋" in detail else detail.replace("幢", "栋")
        if roll < 0.55:
            return detail[:-1] if detail.endswith("室") else detail + "室"
        if roll < 0.75:
            return detail.replace("号", "号 ", 1)
        return detail

    # ---- orders ----------------------------------------------------------------------------

    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.nos:
                self.nos.add(no)
                return no

    def spec(self, sku: _Sku) -> tuple[str, Decimal]:
        weights = [1.0, 0.85, 0.6, 0.4, 0.3][: len(sku.specs)]
        spec, price = self.pick(sku.specs, weights)
        return spec, Decimal(price)

    def quantity(self, sku: _Sku) -> int:
        if sku.usual >= 2:
            return self.pick([1, 2, 3, 4], [0.45, 0.35, 0.12, 0.08])
        if "cheap" in sku.tags:
            return self.pick([1, 2, 3], [0.8, 0.16, 0.04])
        return self.pick([1, 2, 3], [0.9, 0.085, 0.015])

    def amount(self, price: Decimal, qty: int, *, coupon: float = 0.28, factor: float = 1.0) -> Decimal:
        r = self.rng
        total = price * qty * Decimal(str(factor))
        if r.random() < coupon:
            if total >= 149:
                cut = r.choice(["10", "15", "20"])
            elif total >= 69:
                cut = r.choice(["5", "8", "10"])
            elif total >= 29:
                cut = r.choice(["2", "3", "5"])
            else:
                cut = r.choice(["0.5", "1", "1.5"])
            total -= Decimal(cut)
        total = max(total, price * qty * Decimal("0.45"))
        return total.quantize(_CENT, rounding=ROUND_HALF_UP)

    def add(
        self,
        p: _Person,
        t: datetime,
        sku: _Sku,
        *,
        plan: str,
        spec: tuple[str, Decimal] | None = None,
        qty: int | None = None,
        amount: Decimal | None = None,
        label: str | None = None,
        lookalike: str | None = None,
        note: str | None = None,
        **timing: timedelta,
    ) -> ExportOrder | None:
        if not self.within(t):
            return None
        spec_name, price = spec or self.spec(sku)
        qty = qty or self.quantity(sku)
        if note is None:
            note = self.rng.choice(_HONEST_NOTES) if self.rng.random() < 0.08 else ""
        outcome, paid, shipped, received = self.timeline(t, plan, p.province, **timing)
        order = ExportOrder(
            order_no=self.order_no(t),
            sku_id=sku.sku_id,
            sku_name=sku.name,
            spec=spec_name,
            quantity=qty,
            amount=amount if amount is not None else self.amount(price, qty),
            outcome=outcome,
            ordered_at=t.replace(microsecond=0),
            paid_at=paid.replace(microsecond=0) if paid else None,
            shipped_at=shipped.replace(microsecond=0) if shipped else None,
            received_at=received.replace(microsecond=0) if received else None,
            receiver=p.name,
            phone=p.phone,
            province=p.province,
            city=p.city,
            district=p.district,
            street=p.street,
            detail=p.detail,
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.out.append(order)
        return order

    def sku(self, pool: list[_Sku] | None = None) -> _Sku:
        if pool is None:
            return self.pick(_SKUS, self._sku_w)
        return self.pick(pool, [s.weight for s in pool])

    # ================================ attacks ==============================================

    def burst(self) -> None:
        """炸店: a script registers fresh accounts and floods one or two hot items in minutes."""
        r = self.rng
        hot = sorted(_SKUS, key=lambda s: -s.weight)[:9]
        for episode in range(r.choice([2, 3, 3])):
            accounts = self.n(100, 165, floor=8)
            targets = r.sample(hot, r.choice([1, 2, 2]))
            night = episode == 0 and r.random() < 0.7
            t0 = self.when(hours=(0, 4) if night else (9, 23))
            span = r.uniform(10, 20) * 60
            never, cancel = r.uniform(0.5, 0.72), r.uniform(0.18, 0.35)
            for _ in range(accounts):
                p = self.person(virtual=r.uniform(0.05, 0.25))
                if r.random() < 0.15:  # batch-made addresses: the script's own few templates
                    p.detail = f"{r.choice(_ESTATES)}{r.randint(1, 20)}栋{self.room()}"
                t = t0 + timedelta(seconds=span * r.betavariate(1.6, 2.2))
                sku = targets[0] if len(targets) == 1 or r.random() < 0.7 else targets[1]
                spec = self.spec(sku)
                for _ in range(self.pick([1, 2, 3, 4], [0.55, 0.28, 0.13, 0.04])):
                    plan = self.pick(["never_pay", "cancel", "refund_transit"], [never, cancel, 0.04])
                    self.add(
                        p,
                        t,
                        sku,
                        plan=plan,
                        spec=spec,
                        qty=self.pick([1, 2], [0.85, 0.15]),
                        label="burst",
                        note="",
                        pay=timedelta(seconds=r.uniform(8, 240)),
                        cancel=timedelta(seconds=r.uniform(60, 1500)),
                    )
                    t += timedelta(seconds=r.uniform(8, 120))

    def inventory_lock(self) -> None:
        """同行恶拍: one-off accounts take several times the usual quantity and never pay."""
        r = self.rng
        pool = [s for s in _SKUS if Decimal(s.specs[0][1]) >= 25]
        targets = r.sample(pool, r.randint(2, 4))
        tw = [r.uniform(0.5, 2.0) for _ in targets]
        campaign = [self.when() for _ in range(r.randint(4, 7))]
        for _ in range(self.n(85, 130, floor=4)):
            sku = self.pick(targets, tw)
            t = r.choice(campaign) + timedelta(minutes=r.uniform(-90, 240)) if r.random() < 0.6 else self.when()
            p = self.person(virtual=r.uniform(0.02, 0.12))
            spec = (sku.specs[0][0], Decimal(sku.specs[0][1])) if r.random() < 0.5 else self.spec(sku)
            for _ in range(self.pick([1, 2], [0.88, 0.12])):
                qty = sku.usual * r.randint(3, 8)
                self.add(p, t, sku, plan="never_pay", spec=spec, qty=qty, label="inventory_lock", note="")
                t += timedelta(minutes=r.uniform(1, 40))

    def serial_refund(self) -> None:
        """Buyers who order at an ordinary pace and send most of it back after receipt."""
        r = self.rng
        pool = [s for s in _SKUS if Decimal(s.specs[0][1]) >= 19]
        for _ in range(self.n(14, 22, floor=2)):
            p = self.person()
            members = [p]
            if r.random() < 0.3:
                members.append(replace(p, name=self.name(), phone=p.phone if r.random() < 0.5 else self.phone()))
            share = r.uniform(0.55, 0.9)
            t = self.start + timedelta(days=r.uniform(0, 9))
            t = self.when(day=datetime.combine(t.date(), time()))
            for _ in range(r.randint(3, 7)):
                if r.random() < share:
                    plan = self.pick(["refund_after", "refund_transit"], [0.72, 0.28])
                else:
                    plan = self.pick(["complete", "cancel"], [0.9, 0.1])
                note = r.choice(["", "", "", "质量不好别发次品", "这次别再发错了"])
                self.add(r.choice(members), t, self.sku(pool), plan=plan, label="serial_refund", note=note)
                gap = r.uniform(2, 7.5)
                t = self.when(day=datetime.combine((t + timedelta(days=gap)).date(), time()))

    def _variant_detail(self, road: str, num: int, estate: str, b: int, u: int, room: str) -> str:
        r = self.rng
        bld = self.pick(["栋", "幢", "号楼"], [0.5, 0.3, 0.2])
        shi = "室" if r.random() < 0.55 else ""
        est = estate + ("小区" if r.random() < 0.2 else "")
        b_text = _CN_DIGIT.get(str(b), str(b)) if b < 10 and r.random() < 0.1 else str(b)
        form = r.random()
        if form < 0.12:
            parts = [est, f"{b}-{u}-{room}"]
        elif form < 0.45:
            parts = [f"{road}{num}号", est, f"{b_text}{bld}", f"{u}单元", f"{room}{shi}"]
        elif form < 0.8:
            parts = [est, f"{b_text}{bld}", f"{u}单元", f"{room}{shi}"]
        else:
            parts = [f"{road}{num}号", est, f"{b_text}{bld}", f"{room}{shi}"]
        text = parts[0]
        spaced = r.random() < 0.25
        for part in parts[1:]:
            text += (" " if spaced and r.random() < 0.7 else "") + part
        if r.random() < 0.3:
            text = text.translate(_FULLWIDTH)
        if r.random() < 0.08:
            text = "  " + text + " "
        return text

    def ring(self) -> None:
        """Names behind a few phones at one address written several ways (new-user coupons)."""
        r = self.rng
        for size in [r.randint(10, 15)] if r.random() < 0.55 else [r.randint(10, 13), r.randint(5, 8)]:
            prov, city, district, street = self.place()
            road, num, estate = r.choice(_ROADS), r.randint(1, 400), r.choice(_ESTATES)
            b, u, room = r.randint(1, 30), r.randint(1, 4), self.room()
            phones = [self.phone(0.08) for _ in range(r.randint(2, 4) if size < 10 else r.randint(3, 4))]
            names = [(self.name(), r.choice(phones)) for _ in range(max(3, round(size * min(1.0, self.scale * 2))))]
            sessions = [self.when() for _ in range(r.randint(7, 12))]
            pool = [s for s in _SKUS if Decimal(s.specs[0][1]) <= 70]
            for name, phone in names:
                for _ in range(r.randint(2, 7)):
                    t = r.choice(sessions) + timedelta(minutes=r.uniform(0, 75)) if r.random() < 0.6 else self.when()
                    tel = phone if r.random() < 0.8 else r.choice(phones)
                    detail = self._variant_detail(road, num, estate, b, u, room)
                    p = _Person(name, tel, prov, city, district, street, detail)
                    sku = self.sku(pool)
                    spec = self.spec(sku)
                    plan = self.pick(
                        ["complete", "refund_after", "refund_transit", "never_pay", "cancel"],
                        [0.45, 0.22, 0.15, 0.1, 0.08],
                    )
                    amount = self.amount(spec[1], 1, coupon=1.0, factor=r.choice([0.5, 0.6, 0.7, 1.0]))
                    self.add(p, t, sku, plan=plan, spec=spec, qty=1, amount=amount, label="ring")

    def brushing(self) -> None:
        """刷单 by a click farm: paid in seconds, empty parcels, 'received' at once, odd addresses."""
        r = self.rng
        targets = r.sample(_SKUS, r.randint(1, 2))
        cities = [self.place()[:2] for _ in range(r.randint(2, 4))]
        total = self.n(85, 125, floor=4)
        days = sorted(r.sample([d for d, _ in self._days[:-1]], min(len(self._days) - 1, r.randint(5, 8))))
        per_day = [r.uniform(0.5, 1.5) for _ in days]
        done = 0
        for day, w in zip(days, per_day, strict=True):
            count = round(total * w / sum(per_day))
            start_hour = self.pick([13, 14, 20, 21, 22, 23], [1, 1, 2, 2, 2, 1])
            t = day + timedelta(hours=start_hour, minutes=r.uniform(0, 50))
            for _ in range(count):
                if done >= total:
                    return
                if r.random() < 0.65:
                    prov, city = r.choice(cities)
                    p = self.person(virtual=0.35, province=prov, city=city)
                else:
                    p = self.person(virtual=0.35)
                road, estate, v = r.choice(_ROADS), r.choice(_ESTATES), r.choice(_VILLAGES)
                p.detail = r.choice(
                    [
                        f"{road}{r.randint(1, 99)}号",
                        f"{v}村",
                        estate,
                        f"{road}菜鸟驿站",
                        f"{estate}门卫",
                        f"{r.randint(1, 30)}号",
                        f"{road}附近",
                        self.home_detail(),
                    ]
                )
                sku = targets[0] if len(targets) == 1 or r.random() < 0.65 else targets[1]
                spec = (sku.specs[0][0], Decimal(sku.specs[0][1])) if r.random() < 0.7 else self.spec(sku)
                self.add(
                    p,
                    t,
                    sku,
                    plan="complete",
                    spec=spec,
                    qty=1,
                    amount=spec[1],
                    label="brushing",
                    note="",
                    pay=timedelta(seconds=r.uniform(3, 25)),
                    ship=timedelta(minutes=r.uniform(30, 200)),
                    transit=timedelta(hours=r.uniform(14, 40)),
                    confirm=timedelta(minutes=r.uniform(2, 240)),
                )
                done += 1
                t += timedelta(seconds=r.uniform(40, 420))

    def swap_return(self) -> None:
        """调包退货: a few operators buy the dear pans and knives and return an old or cheap one."""
        r = self.rng
        pool = [s for s in _SKUS if "premium" in s.tags.split()]
        for _ in range(max(1, round(r.randint(3, 5) * min(1.0, self.scale * 1.5)))):
            prov, city, district, street = self.place()
            estates = r.sample(_ESTATES, r.randint(1, 3))
            road = r.choice(_ROADS)
            active = self.start + timedelta(days=r.uniform(0, 14))
            for _ in range(r.randint(6, 11)):
                estate = r.choice(estates)
                detail = r.choice(
                    [
                        f"{road}{r.randint(1, 300)}号{estate}{r.randint(1, 25)}栋{self.room()}",
                        f"{estate}{r.randint(1, 25)}-{r.randint(1, 3)}-{self.room()}",
                    ]
                )
                p = _Person(self.name(), self.phone(0.05), prov, city, district, street, detail)
                t = active + timedelta(days=r.uniform(0, 16))
                t = self.when(day=datetime.combine(t.date(), time()))
                for _ in range(self.pick([1, 2], [0.75, 0.25])):
                    sku = self.sku(pool)
                    spec = sku.specs[-1][0], Decimal(sku.specs[-1][1])
                    spec = spec if r.random() < 0.6 else self.spec(sku)
                    plan = self.pick(["refund_after", "refund_transit", "complete"], [0.62, 0.18, 0.2])
                    self.add(p, t, sku, plan=plan, spec=spec, qty=1, label="swap_return", note="")
                    t = self.when(day=datetime.combine((t + timedelta(days=r.uniform(3, 9))).date(), time()))

    def pro_claim(self) -> None:
        """职业索赔: claimants buy food-contact items, cite labels and standards, want compensation."""
        r = self.rng
        pool = [s for s in _SKUS if "food" in s.tags.split()]
        notes = ["", "", "", "", "需要开发票", "发票抬头个人", "请随货附合格证", "请提供食品级检测报告", "要正规发票"]
        for _ in range(max(1, round(r.randint(3, 5) * min(1.0, self.scale * 1.5)))):
            prov, city, _, _ = self.place()
            names = [self.name() for _ in range(r.randint(2, 4))]
            phones = [self.phone() for _ in range(r.randint(2, 3))]
            homes = [self.place(prov, city)[2:] + (self.home_detail(),) for _ in range(r.randint(1, 3))]
            favourite = r.sample(pool, 3)
            for _ in range(r.randint(12, 24)):
                day = self.when()
                t = self.when(day=datetime.combine(day.date(), time()), hours=(9, 18))
                i = r.randrange(len(names))
                district, street, detail = homes[i % len(homes)] if r.random() < 0.8 else r.choice(homes)
                phone = phones[i % len(phones)] if r.random() < 0.75 else r.choice(phones)
                p = _Person(names[i], phone, prov, city, district, street, detail)
                sku = r.choice(favourite) if r.random() < 0.7 else self.sku(pool)
                qty = self.pick([1, 2, 3, 5, 10], [0.45, 0.2, 0.15, 0.12, 0.08])
                plan = self.pick(["refund_transit", "refund_after", "complete", "never_pay"], [0.38, 0.3, 0.27, 0.05])
                self.add(p, t, sku, plan=plan, qty=qty, label="pro_claim", note=r.choice(notes))

    def false_nondelivery(self) -> None:
        """谎称未收到: parcels go to lockers and stations, then 'never arrived' and a 仅退款."""
        r = self.rng
        pool = [s for s in _SKUS if Decimal(s.specs[0][1]) >= 35]
        crews = [self.place()[:2] for _ in range(r.randint(2, 3))]
        for _ in range(self.n(20, 32, floor=2)):
            if r.random() < 0.6:
                prov, city = r.choice(crews)
                p = self.person(province=prov, city=city)
            else:
                p = self.person()
            if r.random() < 0.65:
                estate = r.choice(_ESTATES)
                p.detail = r.choice(
                    [
                        f"{estate}丰巢快递柜",
                        f"{estate}菜鸟驿站",
                        f"{estate}{r.randint(1, 20)}栋楼下快递柜",
                        f"{r.choice(_ROADS)}{r.randint(1, 200)}号兔喜生活超市代收",
                    ]
                )
            t = self.when()
            for _ in range(self.pick([1, 2, 3], [0.5, 0.35, 0.15])):
                plan = self.pick(["refund_transit", "complete", "refund_after"], [0.72, 0.2, 0.08])
                self.add(
                    p,
                    t,
                    self.sku(pool),
                    plan=plan,
                    label="false_nondelivery",
                    request=timedelta(hours=r.uniform(4, 72)),
                )
                t = self.when(day=datetime.combine((t + timedelta(days=r.uniform(4, 10))).date(), time()))

    # ================================ honest look-alikes ====================================

    def flash_sale(self) -> None:
        """秒杀: hundreds of buyers take one item within minutes of the start, one each."""
        r = self.rng
        for _ in range(r.choice([1, 2, 2])):
            sku = self.sku([s for s in _SKUS if s.weight >= 4 and Decimal(s.specs[0][1]) >= 19])
            spec = self.spec(sku)
            price = (spec[1] * Decimal(str(r.choice([0.4, 0.5, 0.6])))).quantize(Decimal("0.1")) - Decimal("0.1")
            price = price.quantize(_CENT)
            day = self.pick([d for d, _ in self._days[:-1]], [w for _, w in self._days[:-1]])
            t0 = day + timedelta(hours=r.choice([10, 12, 20, 20, 21]))
            span = r.uniform(2, 8) * 60
            for _ in range(self.n(280, 750, floor=10)):
                t = t0 + timedelta(seconds=min(span, r.expovariate(3 / span)) + r.uniform(0, 2))
                p = self.person()
                plan = self.pick(
                    ["never_pay", "cancel", "refund_transit", "refund_after", "complete"],
                    [0.06, 0.03, 0.02, 0.03, 0.86],
                )
                self.add(p, t, sku, plan=plan, spec=(spec[0], price), qty=1, amount=price, lookalike="flash_sale")

    def livestream(self) -> None:
        """The shop's evening livestreams: each pushed link brings a short rush of new buyers."""
        r = self.rng
        for _ in range(r.randint(5, 8)):
            day = self.pick([d for d, _ in self._days[:-1]], [w for _, w in self._days[:-1]])
            start = day + timedelta(hours=19, minutes=r.uniform(20, 80))
            links = r.sample(_SKUS, r.randint(2, 4))
            for k, sku in enumerate(links):
                push = start + timedelta(minutes=25 * k + r.uniform(0, 20))
                spec = self.spec(sku)
                live = (spec[1] * Decimal(str(r.uniform(0.72, 0.9)))).quantize(Decimal("0.1"))
                for _ in range(self.n(15, 45, floor=2)):
                    t = push + timedelta(minutes=r.expovariate(1 / r.uniform(3, 10)))
                    note = "主播说送锅铲" if r.random() < 0.04 else ""
                    self.add(
                        self.person(),
                        t,
                        sku,
                        plan=self.honest_plan(refund=1.6),
                        spec=(spec[0], live),
                        qty=self.pick([1, 2], [0.88, 0.12]),
                        lookalike="livestream",
                        note=note,
                    )

    def wholesale(self) -> None:
        """Restaurants, canteens and hotels restocking in bulk: they pay and they receive."""
        r = self.rng
        pool = _with("bulk")
        for _ in range(self.n(60, 85, floor=2)):
            p = self.person()
            road = r.choice(_ROADS)
            if r.random() < 0.6:
                p.detail = f"{road}{r.randint(1, 500)}号{r.choice(_RESTAURANTS)}"
            else:
                p.detail = f"{road}{r.randint(1, 500)}号{p.district[:-1]}{r.choice(_CANTEENS)}"
            if r.random() < 0.35:
                p.name = p.name[0] + r.choice(["师傅", "经理", "老板", "厨师长"])
            favourite = r.sample(pool, r.randint(1, 3))
            t = self.when(hours=(9, 17) if r.random() < 0.7 else (21, 24))
            for _ in range(self.pick([1, 2, 3, 4], [0.55, 0.25, 0.13, 0.07])):
                for sku in r.sample(favourite, self.pick([1, 2], [0.75, 0.25]) if len(favourite) > 1 else 1):
                    qty = r.randint(20, 100) if "cheap" in sku.tags or "food" in sku.tags else r.randint(20, 45)
                    spec = self.spec(sku)
                    amount = self.amount(spec[1], qty, coupon=0.0, factor=r.uniform(0.8, 0.95))
                    plan = self.pick(["complete", "refund_transit", "refund_after", "cancel"], [0.93, 0.03, 0.02, 0.02])
                    note = r.choice(["", "", "开发票", "餐厅用，麻烦打包结实", "尽快发，店里等着用"])
                    self.add(
                        p,
                        t,
                        sku,
                        plan=plan,
                        spec=spec,
                        qty=qty,
                        amount=amount,
                        lookalike="wholesale",
                        note=note,
                        pay=timedelta(minutes=r.uniform(1, 90)),
                    )
                    t += timedelta(seconds=r.uniform(20, 200))
                t = self.when(day=datetime.combine((t + timedelta(days=r.uniform(5, 14))).date(), time()))

    def family(self) -> None:
        """Households: two or three people ordering to the same home over the month."""
        r = self.rng
        for _ in range(self.n(130, 180, floor=3)):
            head = self.person()
            surname = head.name[0]
            members = [head]
            for k in range(self.pick([1, 2], [0.65, 0.35])):
                name = self.name(surname if k == 1 or r.random() < 0.25 else None)
                phone = head.phone if r.random() < 0.25 else self.phone()
                members.append(replace(head, name=name, phone=phone, detail=self.retyped(head.detail)))
            for _ in range(r.randint(2, 5)):
                self.add(r.choice(members), self.when(), self.sku(), plan=self.honest_plan(), lookalike="family")

    def office_gift(self) -> None:
        """年会 / 节日礼品: an office orders one gift per colleague, shipped to the office."""
        r = self.rng
        for _ in range(r.randint(2, 3)):
            p = self.person()
            park, road = r.choice(_PARKS), r.choice(_ROADS)
            company = r.choice(_COMPANY_HEAD) + r.choice(_COMPANY_TAIL)
            office = f"{road}{r.randint(1, 600)}号{park}{r.choice('ABCD')}座{r.randint(3, 30)}楼{company}"
            gift = self.sku(_with("gift"))
            spec = self.spec(gift)
            weekday = [d for d, _ in self._days[:-1] if d.weekday() < 5]
            day = r.choice(weekday)
            t = day + timedelta(hours=r.uniform(9.5, 16))
            hr_phone = p.phone
            for _ in range(self.n(40, 90, floor=3)):
                staff = replace(p, name=self.name(), phone=hr_phone if r.random() < 0.65 else self.phone())
                if r.random() < 0.1:
                    staff.detail = office.replace("楼", "楼前台", 1)
                else:
                    staff.detail = office
                plan = self.pick(["complete", "refund_transit", "cancel"], [0.97, 0.02, 0.01])
                note = "年会礼品，不要放发票" if r.random() < 0.1 else ""
                self.add(staff, t, gift, plan=plan, spec=spec, qty=1, lookalike="office_gift", note=note)
                t += timedelta(seconds=r.uniform(15, 150))
                if r.random() < 0.02:
                    t += timedelta(hours=r.uniform(1, 3))  # lunch, a meeting

    def group_buy(self) -> None:
        """社区团购: a leader collects neighbours' orders and has them all sent to the pick-up point."""
        r = self.rng
        for _ in range(max(1, round(r.randint(4, 6) * min(1.0, self.scale * 1.5)))):
            leader = self.person()
            estate = r.choice(_ESTATES)
            leader.detail = r.choice(
                [
                    f"{estate}南门{leader.name[0]}姐便利店",
                    f"{estate}{r.randint(1, 20)}栋楼下团购自提点",
                    f"{estate}物业旁 社区团购",
                ]
            )
            neighbours = [self.name() for _ in range(r.randint(15, 40))]
            t = self.start + timedelta(days=r.uniform(0, 5))
            while t < self.end:
                base = self.when(day=datetime.combine(t.date(), time()), hours=(8, 22))
                for _ in range(r.randint(5, 16)):
                    who = r.choice(neighbours) if r.random() < 0.6 else leader.name
                    if r.random() < 0.1:
                        who += f"({r.randint(1, 20)}栋)"
                    p = replace(leader, name=who, phone=leader.phone if r.random() < 0.8 else self.phone())
                    when = base + timedelta(minutes=r.uniform(0, 80))
                    self.add(p, when, self.sku(), plan=self.honest_plan(refund=0.6), lookalike="group_buy")
                t += timedelta(days=r.uniform(3, 6))

    def size_exchange(self) -> None:
        """Bought the wrong size, sent it back, bought the right one."""
        r = self.rng
        pool = [
            s for s in _SKUS if len(s.specs) >= 2 and ("pan" in s.tags or s.sku_id in ("550377842106", "544803112095"))
        ]
        for _ in range(self.n(80, 110, floor=2)):
            p = self.person()
            sku = self.sku(pool)
            first, second = r.sample(list(sku.specs), 2)
            t = self.when()
            self.add(
                p,
                t,
                sku,
                plan=r.choice(["refund_after", "refund_transit"]),
                spec=(first[0], Decimal(first[1])),
                qty=1,
                lookalike="size_exchange",
            )
            t2 = self.when(day=datetime.combine((t + timedelta(days=r.uniform(3, 8))).date(), time()))
            self.add(
                p, t2, sku, plan="complete", spec=(second[0], Decimal(second[1])), qty=1, lookalike="size_exchange"
            )
            if r.random() < 0.25:
                t3 = self.when(day=datetime.combine((t2 + timedelta(days=r.uniform(2, 10))).date(), time()))
                self.add(p, t3, self.sku(), plan=self.honest_plan(), lookalike="size_exchange")

    # ================================ ordinary honest traffic ===============================

    def ordinary(self, count: int) -> None:
        r = self.rng
        times = sorted(self.when() for _ in range(max(0, count)))
        customers: list[_Person] = []
        companion = False  # the previous checkout took this slot for its second item
        for i, t in enumerate(times):
            if companion:
                companion = False
                continue
            if customers and r.random() < 0.13:
                p = r.choice(customers)
                if r.random() < 0.06:  # this time to their parents
                    p = replace(self.person(), name=self.name(), phone=p.phone)
            else:
                p = self.person()
                customers.append(p)
            sku = self.sku()
            self.add(p, t, sku, plan=self.honest_plan())
            second = t + timedelta(seconds=r.uniform(3, 90))
            if i + 1 < len(times) and second < self.end and r.random() < 0.07:
                # two items in one checkout: PDD splits them into two orders
                extra = self.sku([s for s in _SKUS if s is not sku and "cheap" in s.tags])
                self.add(p, second, extra, plan=self.honest_plan())
                companion = True

    def build(self) -> list[ExportOrder]:
        for shape in (
            self.burst,
            self.inventory_lock,
            self.serial_refund,
            self.ring,
            self.brushing,
            self.swap_return,
            self.pro_claim,
            self.false_nondelivery,
            self.flash_sale,
            self.livestream,
            self.wholesale,
            self.family,
            self.office_gift,
            self.group_buy,
            self.size_exchange,
        ):
            shape()
        self.ordinary(self.target - len(self.out))
        self.out.sort(key=lambda o: (o.ordered_at, o.order_no))
        return self.out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of a kitchenware shop over the 30 days before ``end``, ~5% attacks."""
    return _Shop(seed, end, orders).build()
