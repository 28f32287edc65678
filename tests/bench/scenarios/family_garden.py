"""园艺 shop: a Pinduoduo gardening store shipping live plants, soil, pots and tools out of 沭阳 (宿迁, 江苏).

Honest traffic follows a daily and weekly rhythm, platform promotion days and a seasonal SKU mix
(spring and autumn planting, 种球 in autumn). Live plants are not shipped on Saturdays (they would sit
in a depot over the weekend), a spell of extreme weather kills plants in transit and then pauses
live-plant shipping for a few days, and the refund rate is well above a dry-goods shop's because
seedlings arrive dead or crushed (死苗/破损 仅退款). Honest look-alikes and attacks are laid on top.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "garden"


# --------------------------------------------------------------------------------------------
# Catalogue
# --------------------------------------------------------------------------------------------

# key, title, kind, typical quantity (1 or 2), popularity, specs (spec, price, weight)
_CATALOG = [
    ("succ", "多肉植物组合盆栽 新手好养 桌面绿植 肉肉老桩", "indoor", 1, 10.0,
     [("5棵装 不带盆", "9.9", 5), ("10棵装 不带盆", "16.8", 3), ("5棵装 带盆", "19.9", 3),
      ("精品老桩 单棵带盆", "29.9", 1)]),
    ("luoluo", "绿萝盆栽 大叶吸甲醛 室内好养绿植 水培土培", "indoor", 1, 9.0,
     [("3棵装 不带盆 小苗", "9.9", 4), ("小号 带盆 高20cm", "12.8", 4), ("中号 带盆 高40cm", "24.9", 3),
      ("大号 带盆 高60cm", "49.9", 1)]),
    ("fortune", "发财树盆栽 室内客厅大型绿植 开业乔迁送礼", "indoor", 1, 2.5,
     [("小号 带盆 高40cm", "39", 3), ("中号 带盆 高80cm", "89", 2), ("大号 带盆 高1.2米", "199", 1)]),
    ("monstera", "龟背竹盆栽 北欧风室内大型绿植 吸甲醛", "indoor", 1, 3.0,
     [("中号 带盆 高50cm", "59", 3), ("大号 带盆 高80-100cm", "129", 2), ("特大落地款 高1.3米 带陶盆", "299", 0.5)]),
    ("orchid", "蝴蝶兰盆栽 带花苞 年宵花 送长辈", "indoor", 1, 1.8,
     [("2株 带盆", "49.9", 3), ("5株组合 陶瓷盆", "139", 1)]),
    ("rose", "月季苗 大花浓香 四季开花 阳台庭院藤本月季", "garden", 1, 6.0,
     [("扦插小苗 3棵", "15.9", 4), ("两年苗 带盆", "29.9", 4), ("三年大苗 开花株", "69.9", 2),
      ("藤本月季 5年苗 带花苞", "128", 0.7)]),
    ("blueberry", "蓝莓苗 南方北方种植 盆栽地栽 当年结果", "garden", 2, 2.5,
     [("2年苗 2棵", "19.9", 3), ("4年苗 带果 1棵", "69", 1)]),
    ("strawberry", "草莓苗 奶油草莓 阳台盆栽 四季结果", "garden", 1, 4.0,
     [("10棵装 裸根", "9.9", 4), ("30棵装 裸根", "22.8", 2), ("5棵 带盆带土", "29.9", 1)]),
    ("herb", "薄荷苗 迷迭香 驱蚊草 香草盆栽 可食用", "garden", 1, 2.0,
     [("3棵 不带盆", "7.9", 3), ("3棵 带盆", "19.9", 2)]),
    ("bamboo", "富贵竹水培 转运竹 室内开运绿植", "hydro", 1, 3.0,
     [("5支 不带瓶", "9.9", 3), ("10支 带玻璃瓶", "29.9", 2)]),
    ("hydro", "水培植物 铜钱草 绿萝 玻璃瓶 办公桌摆件", "hydro", 1, 4.0,
     [("单瓶 铜钱草", "12.9", 3), ("单瓶 绿萝", "12.9", 3), ("3瓶组合", "32.9", 2)]),
    ("flowerseed", "花种子 四季播种 易活 阳台庭院 混色花籽", "seed", 1, 7.0,
     [("试种装 1包 新人价", "1.9", 4), ("10包 混色", "9.9", 3), ("30包套餐 送营养土", "19.9", 2)]),
    ("vegseed", "蔬菜种子 阳台盆栽 四季播 小白菜 香菜 生菜", "seed", 2, 4.0,
     [("5包", "5.9", 3), ("20包组合", "13.9", 2)]),
    ("tulip", "郁金香种球 荷兰进口 秋植球根 盆栽花卉", "bulb", 1, 3.0,
     [("5球", "12.9", 3), ("10球", "22.9", 2), ("20球 送营养土", "39.9", 1)]),
    ("soil", "营养土 通用型 养花种菜 有机土 花土", "soil", 1, 7.0,
     [("5斤装", "6.9", 4), ("10斤装", "11.9", 4), ("30斤装", "26.9", 2), ("50斤大袋", "39.9", 1)]),
    ("succsoil", "多肉专用土 颗粒土 透气铺面 赤玉土", "soil", 1, 3.0, [("3斤", "9.9", 3), ("10斤", "25.8", 2)]),
    ("gallon", "加仑盆 塑料花盆 加厚 种树种菜 大号", "pot", 2, 5.0,
     [("10个装 小号", "7.9", 4), ("5个装 中号", "12.9", 3), ("5个装 大号", "15.9", 2), ("2个装 特大", "19.9", 1)]),
    ("ceramic", "陶瓷花盆 北欧简约 带托盘 多肉绿萝盆", "ceramic", 1, 3.0,
     [("单个 12cm", "8.8", 3), ("单个 20cm 带托盘", "19.9", 2), ("3个装 混色", "29.9", 1)]),
    ("toolset", "园艺工具套装 小铲子 耙子 松土 家用种花", "tool", 1, 4.0,
     [("3件套", "9.9", 4), ("7件套 带收纳包", "29.9", 2), ("12件套 礼盒", "59.9", 1)]),
    ("sprayer", "浇花喷壶 气压式 家用园艺 浇水壶", "tool", 1, 3.0, [("1L 手压", "5.9", 3), ("2L 气压式", "18.9", 2)]),
    ("gloves", "园艺手套 防刺 加厚 种花除草", "tool", 1, 2.0, [("1双", "2.9", 3), ("3双", "6.9", 2)]),
    ("fert", "缓释肥 通用型 花肥 复合肥颗粒 养花专用", "fert", 1, 5.0,
     [("500g", "6.8", 3), ("1kg", "11.9", 3), ("2.5kg", "24.9", 1)]),
    ("manure", "羊粪有机肥 发酵腐熟 种菜养花 底肥", "fert", 1, 3.0, [("5斤", "9.9", 3), ("20斤", "29.9", 2)]),
    ("nutrient", "植物营养液 通用型 水培绿萝 花卉营养液", "fert", 2, 4.0, [("10瓶", "4.9", 3), ("30瓶", "9.9", 2)]),
    ("pest", "花卉杀虫剂 蚜虫红蜘蛛 家用盆栽 护花", "fert", 1, 2.0, [("100ml", "8.9", 3), ("3瓶装", "19.9", 1)]),
    ("shelf", "花架 多层 铁艺 阳台客厅 落地式置物架", "tool", 1, 1.5, [("三层", "39.9", 2), ("五层 加粗", "89", 1)]),
]  # fmt: skip
_CORE = {"succ", "luoluo", "rose", "strawberry", "monstera", "hydro", "flowerseed", "soil", "gallon", "toolset", "fert"}
_PERISHABLE = {"indoor", "garden", "hydro"}
_WHOLESALE = ["luoluo", "fortune", "rose", "strawberry", "blueberry", "gallon", "soil", "fert", "manure", "succ",
              "ceramic", "bamboo"]  # fmt: skip

# Honest after-sale rate per kind: live plants die or arrive crushed, ceramics break.
_REFUND = {"indoor": 0.09, "garden": 0.12, "hydro": 0.07, "seed": 0.02, "bulb": 0.04, "soil": 0.025, "pot": 0.03,
           "ceramic": 0.07, "tool": 0.035, "fert": 0.02}  # fmt: skip

_SEASON = {
    "indoor": (0.9, 0.9, 1.0, 1.1, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.0, 0.9),
    "garden": (0.5, 0.8, 1.8, 1.9, 1.3, 0.7, 0.5, 0.5, 1.0, 1.5, 1.3, 0.6),
    "hydro": (0.9, 0.9, 1.0, 1.1, 1.2, 1.3, 1.3, 1.2, 1.0, 1.0, 0.9, 0.9),
    "seed": (0.8, 1.5, 2.0, 1.8, 1.1, 0.7, 0.7, 0.9, 1.3, 1.3, 0.8, 0.6),
    "bulb": (0.4, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 2.5, 2.2, 1.2),
    "soil": (0.7, 0.9, 1.5, 1.5, 1.2, 1.0, 0.9, 0.9, 1.1, 1.3, 1.0, 0.7),
    "pot": (0.7, 0.9, 1.5, 1.5, 1.2, 1.0, 0.9, 0.9, 1.1, 1.3, 1.0, 0.7),
    "ceramic": (0.9, 0.9, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0),
    "tool": (0.8, 0.9, 1.3, 1.3, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.0, 0.9),
    "fert": (0.7, 1.0, 1.5, 1.4, 1.2, 1.0, 0.9, 0.9, 1.1, 1.2, 1.0, 0.7),
}


@dataclass
class _Sku:
    key: str
    title: str
    kind: str
    typ: int
    pop: float
    specs: list  # (spec, Decimal price, weight)
    sku_id: str

    @property
    def perishable(self) -> bool:
        return self.kind in _PERISHABLE


# --------------------------------------------------------------------------------------------
# People and places
# --------------------------------------------------------------------------------------------

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_W = [1.0 / (i + 6) for i in range(len(_SURNAMES))]
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "慕容")
_GIVEN_M = "伟强磊军洋勇杰涛明超辉华刚鹏飞斌宇浩凯健俊帆旭宁龙林波鑫博文志建国平东海峰亮成阳晨昊睿轩哲彬坤"
_GIVEN_F = "芳娜敏静丽艳娟霞秀玲桂英红梅兰凤洁琳颖雪慧婷倩晶燕萍丹莉琴云佳欣怡悦涵萱琪瑶璐蕾薇妍"
_MID_M = "小晓文子志建国永德家宏俊立振海明天"
_MID_F = "小晓文子雅佳嘉思雨玉春秀海美丽慧"
_KIDS = ("梓涵", "子轩", "一诺", "欣怡", "浩宇", "雨桐", "梓萱", "宇航", "诗涵", "俊熙", "若汐", "沐阳", "可馨", "皓轩",
         "语桐", "思远", "芷若", "铭泽", "佳怡", "天佑", "梓睿", "奕辰", "安琪", "书瑶", "嘉懿", "锦程")  # fmt: skip

_PHONE_GROUPS = (
    ("134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 198", 50.0),
    ("130 131 132 145 155 156 166 175 176 185 186 196", 27.0),
    ("133 149 153 173 177 180 181 189 190 191 193 199", 22.0),
    ("192", 1.0),
)
_PREFIXES = [p for group, _ in _PHONE_GROUPS for p in group.split()]
_PREFIX_W = [w / len(group.split()) for group, w in _PHONE_GROUPS for _ in group.split()]
_VIRTUAL = ("162", "165", "167", "170", "171")

_PROVINCE_W = {
    "广东省": 11, "江苏省": 9, "浙江省": 8, "山东省": 8, "河南省": 7, "四川省": 6, "河北省": 5, "湖北省": 5,
    "湖南省": 5, "安徽省": 5, "福建省": 4, "上海市": 4, "北京市": 4, "陕西省": 3, "江西省": 3, "广西壮族自治区": 3,
    "重庆市": 3, "辽宁省": 3, "云南省": 2.5, "贵州省": 2, "山西省": 2, "天津市": 2, "黑龙江省": 2, "吉林省": 1.5,
    "内蒙古自治区": 1.2, "甘肃省": 1.2, "海南省": 0.8, "宁夏回族自治区": 0.5, "新疆维吾尔自治区": 0.6, "青海省": 0.3,
    "西藏自治区": 0.15,
}  # fmt: skip

# Days in transit from 沭阳 by province (before jitter).
_TRANSIT = {
    "江苏省": 1.1, "上海市": 1.3, "浙江省": 1.5, "安徽省": 1.5, "山东省": 1.5, "河南省": 2.0, "河北省": 2.2,
    "北京市": 2.0, "天津市": 2.0, "湖北省": 2.2, "江西省": 2.3, "福建省": 2.5, "湖南省": 2.5, "山西省": 2.5,
    "广东省": 2.8, "广西壮族自治区": 3.2, "四川省": 3.0, "重庆市": 3.0, "陕西省": 2.8, "辽宁省": 2.8, "吉林省": 3.2,
    "贵州省": 3.2, "云南省": 3.6, "黑龙江省": 3.6, "内蒙古自治区": 3.6, "甘肃省": 3.8, "宁夏回族自治区": 3.8,
    "海南省": 3.8, "新疆维吾尔自治区": 5.5, "青海省": 5.0, "西藏自治区": 6.5,
}  # fmt: skip

_GEO = """
北京市 北京市 朝阳区 建外街道 望京街道 酒仙桥街道 三里屯街道 双井街道
北京市 北京市 海淀区 中关村街道 学院路街道 万寿路街道 清河街道 西三旗街道
北京市 北京市 丰台区 方庄街道 卢沟桥街道 新村街道 右安门街道
北京市 北京市 昌平区 回龙观街道 天通苑北街道 沙河镇 小汤山镇
上海市 上海市 浦东新区 陆家嘴街道 张江镇 川沙新镇 花木街道 周浦镇
上海市 上海市 闵行区 莘庄镇 七宝镇 古美路街道 梅陇镇
上海市 上海市 宝山区 大场镇 顾村镇 友谊路街道
上海市 上海市 松江区 方松街道 九亭镇 泗泾镇
天津市 天津市 南开区 长虹街道 嘉陵道街道 王顶堤街道
天津市 天津市 河西区 友谊路街道 越秀路街道 梅江街道
天津市 天津市 武清区 杨村街道 下朱庄街道 崔黄口镇
重庆市 重庆市 渝北区 龙溪街道 回兴街道 两路街道
重庆市 重庆市 九龙坡区 杨家坪街道 石桥铺街道 谢家湾街道
重庆市 重庆市 万州区 高笋塘街道 牌楼街道 分水镇
重庆市 重庆市 开州区 汉丰街道 白鹤街道 临江镇
广东省 广州市 天河区 石牌街道 五山街道 林和街道 棠下街道
广东省 广州市 白云区 京溪街道 同和街道 三元里街道 太和镇
广东省 广州市 番禺区 市桥街道 大石街道 南村镇
广东省 深圳市 南山区 粤海街道 南头街道 西丽街道 桃源街道
广东省 深圳市 宝安区 新安街道 西乡街道 福永街道
广东省 深圳市 龙岗区 布吉街道 坂田街道 龙城街道
广东省 佛山市 南海区 桂城街道 大沥镇 里水镇
广东省 佛山市 顺德区 大良街道 容桂街道 北滘镇
广东省 湛江市 雷州市 雷城街道 客路镇 调风镇
广东省 梅州市 兴宁市 兴田街道 宁新街道 叶塘镇
浙江省 杭州市 西湖区 文新街道 古荡街道 翠苑街道 蒋村街道
浙江省 杭州市 余杭区 五常街道 仓前街道 良渚街道
浙江省 杭州市 萧山区 城厢街道 北干街道 新塘街道
浙江省 宁波市 鄞州区 首南街道 钟公庙街道 中河街道
浙江省 温州市 鹿城区 五马街道 南汇街道 松台街道
浙江省 金华市 义乌市 稠城街道 北苑街道 佛堂镇
浙江省 台州市 临海市 古城街道 大洋街道 杜桥镇
江苏省 南京市 鼓楼区 湖南路街道 宁海路街道 华侨路街道
江苏省 南京市 江宁区 东山街道 秣陵街道 淳化街道
江苏省 苏州市 姑苏区 平江街道 沧浪街道 双塔街道
江苏省 苏州市 吴中区 长桥街道 越溪街道 木渎镇
江苏省 无锡市 梁溪区 崇安寺街道 广益街道 扬名街道
江苏省 徐州市 云龙区 彭城街道 子房街道 大郭庄街道
江苏省 宿迁市 沭阳县 沭城街道 南湖街道 新河镇 颜集镇
江苏省 盐城市 阜宁县 阜城街道 益林镇 沟墩镇
山东省 济南市 历下区 泉城路街道 大明湖街道 燕山街道
山东省 济南市 历城区 洪家楼街道 山大路街道 王舍人街道
山东省 青岛市 市南区 香港中路街道 八大关街道 湛山街道
山东省 青岛市 黄岛区 长江路街道 辛安街道 薛家岛街道
山东省 潍坊市 青州市 王府街道 益都街道 黄楼街道 谭坊镇
山东省 临沂市 兰山区 兰山街道 银雀山街道 金雀山街道
山东省 菏泽市 曹县 曹城街道 庄寨镇 大集镇
山东省 聊城市 莘县 莘州街道 燕店镇 张鲁回族镇
河南省 郑州市 金水区 文化路街道 经八路街道 花园路街道 丰产路街道
河南省 郑州市 二七区 建中街街道 淮河路街道 五里堡街道
河南省 洛阳市 洛龙区 开元路街道 关林街道 安乐镇
河南省 周口市 郸城县 洺北街道 宜路镇 汲冢镇
河南省 商丘市 虞城县 城郊乡 利民镇 张集镇
河南省 南阳市 卧龙区 七一街道 车站街道 石桥镇
四川省 成都市 武侯区 浆洗街街道 玉林街道 红牌楼街道 簇桥街道
四川省 成都市 双流区 东升街道 西航港街道 九江街道
四川省 成都市 郫都区 郫筒街道 犀浦街道 唐昌镇
四川省 绵阳市 涪城区 城厢街道 朝阳街道 青义镇
四川省 南充市 仪陇县 新政镇 金城镇 马鞍镇
四川省 达州市 渠县 渠江街道 三汇镇 有庆镇
河北省 石家庄市 长安区 建北街道 青园街道 育才街道
河北省 石家庄市 裕华区 裕兴街道 裕强街道 槐底街道
河北省 保定市 定兴县 定兴镇 固城镇 北河镇
河北省 邯郸市 丛台区 联纺路街道 光明桥街道 黄粱梦镇
河北省 邢台市 宁晋县 凤凰镇 大陆村镇 贾家口镇
湖北省 武汉市 洪山区 珞南街道 关山街道 狮子山街道
湖北省 武汉市 武昌区 中南路街道 水果湖街道 徐家棚街道
湖北省 武汉市 江岸区 四唯街道 后湖街道 百步亭花园路街道
湖北省 宜昌市 夷陵区 小溪塔街道 龙泉镇 鸦鹊岭镇
湖北省 荆州市 监利市 容城镇 朱河镇 新沟镇
湖南省 长沙市 岳麓区 望月湖街道 银盆岭街道 梅溪湖街道
湖南省 长沙市 雨花区 侯家塘街道 砂子塘街道 左家塘街道
湖南省 衡阳市 衡阳县 西渡镇 井头镇 演陂镇
湖南省 邵阳市 邵东市 大禾塘街道 两市塘街道 廉桥镇
安徽省 合肥市 蜀山区 三里庵街道 稻香村街道 琥珀街道
安徽省 合肥市 包河区 望湖街道 芜湖路街道 常青街道
安徽省 阜阳市 临泉县 城关街道 杨桥镇 谭棚镇
安徽省 六安市 霍邱县 城关镇 户胡镇 石店镇
福建省 福州市 鼓楼区 东街街道 南街街道 温泉街道
福建省 厦门市 思明区 中华街道 鹭江街道 嘉莲街道
福建省 厦门市 湖里区 殿前街道 禾山街道 江头街道
福建省 漳州市 龙海区 石码街道 九湖镇 角美镇
福建省 泉州市 晋江市 青阳街道 陈埭镇 安海镇
陕西省 西安市 雁塔区 小寨路街道 电子城街道 大雁塔街道
陕西省 西安市 未央区 未央宫街道 张家堡街道 大明宫街道
陕西省 宝鸡市 岐山县 凤鸣镇 蔡家坡镇 益店镇
江西省 南昌市 东湖区 公园街道 豫章街道 董家窑街道
江西省 南昌市 红谷滩区 沙井街道 卫东街道 红角洲街道
江西省 赣州市 于都县 贡江镇 银坑镇 岭背镇
广西壮族自治区 南宁市 青秀区 新竹街道 中山街道 津头街道
广西壮族自治区 南宁市 西乡塘区 北湖街道 衡阳街道 安吉街道
广西壮族自治区 玉林市 博白县 博白镇 龙潭镇 沙河镇
广西壮族自治区 桂林市 七星区 东江街道 穿山街道 七星区街道
辽宁省 沈阳市 和平区 太原街街道 南湖街道 北市场街道
辽宁省 沈阳市 铁西区 兴华街道 工人村街道 笃工街道
辽宁省 大连市 甘井子区 红旗街道 泉水街道 中华路街道
辽宁省 铁岭市 昌图县 昌图镇 老城镇 八面城镇
云南省 昆明市 五华区 华山街道 护国街道 大观街道
云南省 昆明市 呈贡区 龙城街道 斗南街道 吴家营街道
云南省 曲靖市 陆良县 中枢街道 马街镇 召夸镇
贵州省 贵阳市 观山湖区 金华园街道 世纪城街道 宾阳街道
贵州省 遵义市 湄潭县 湄江街道 永兴镇 兴隆镇
山西省 太原市 小店区 坞城街道 营盘街道 亲贤街道
山西省 运城市 临猗县 猗氏镇 嵋阳镇 临晋镇
黑龙江省 哈尔滨市 南岗区 花园街道 大成街道 哈西街道
黑龙江省 哈尔滨市 道里区 安静街道 群力街道 新阳路街道
黑龙江省 绥化市 望奎县 望奎镇 灵山满族乡 卫星镇
吉林省 长春市 朝阳区 桂林街道 南湖街道 红旗街道
吉林省 吉林市 船营区 致和街道 北京路街道 搜登站镇
内蒙古自治区 呼和浩特市 赛罕区 大学东路街道 人民路街道 金河镇
内蒙古自治区 赤峰市 松山区 振兴街道 穆家营子镇 兴安街道
甘肃省 兰州市 城关区 张掖路街道 皋兰路街道 东岗西路街道
甘肃省 天水市 秦安县 兴国镇 莲花镇 西川镇
宁夏回族自治区 银川市 金凤区 满城北街街道 黄河东路街道 良田镇
海南省 海口市 龙华区 金贸街道 滨海街道 新坡镇
海南省 海口市 美兰区 海甸街道 白龙街道 灵山镇
新疆维吾尔自治区 乌鲁木齐市 天山区 燕儿窝街道 幸福路街道 东门街道
新疆维吾尔自治区 乌鲁木齐市 沙依巴克区 友好南路街道 炉院街街道 西山街道
青海省 西宁市 城西区 西关大街街道 虎台街道 古城台街道
西藏自治区 拉萨市 城关区 八廓街道 吉日街道 扎细街道
"""
# Flower-growing hubs where competing plant shops sit.
_HUBS = ("沭阳县", "青州市", "呈贡区", "龙海区")

_ROADS = ("人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "文化路", "长江路", "黄河路", "学府路", "幸福路",
          "光明路", "胜利路", "朝阳路", "青年路", "健康路", "迎宾大道", "滨河路", "东风路", "红旗路", "工业路",
          "创业路", "北京路", "上海路", "南京路", "友谊路", "振兴路", "金桥路", "环城西路", "府前街", "体育路",
          "花园路", "民主路", "文昌路", "科技路", "世纪大道", "滨江路", "天山路", "前进路", "团结路")  # fmt: skip
_COMM_A = ("阳光", "金色", "碧桂园", "翠湖", "万科", "世纪", "东方", "锦绣", "和谐", "春晓", "海棠", "紫荆", "绿地",
           "恒大", "保利", "中海", "龙湖", "御景", "滨江", "枫林", "幸福", "丽都", "银河", "书香", "凤凰", "明珠",
           "香樟", "桂花", "梧桐", "金地", "华润", "融创", "康居", "天润", "城南", "新城", "学府", "怡景")  # fmt: skip
_COMM_B = ("花园", "小区", "苑", "家园", "公寓", "新村", "佳苑", "华府", "名城", "雅居", "府", "城", "湾", "里", "庭",
           "一品", "星城", "国际")  # fmt: skip
_VILLAGES = (
    "王庄",
    "李家",
    "张湾",
    "大刘",
    "前进",
    "新民",
    "红旗",
    "东岭",
    "西河",
    "南坡",
    "北沟",
    "杨树",
    "柳林",
    "桃园",
    "马厂",
    "高店",
    "后营",
    "小集",
    "双庙",
    "三里",
    "石桥",
    "黄岗",
    "赵楼",
    "孙庄",
    "河口",
    "胜利",
    "团结",
    "大王",
    "周营",
    "朱集",
    "徐洼",
    "陈楼",
    "油坊",
    "吴寨",
    "蒋庄",
    "龙泉",
    "白马",
    "凤凰",
    "山后",
)
_SHOPS = ("便利店", "超市", "五金店", "理发店", "水果店", "药店", "饭店", "快递超市", "烟酒店", "干洗店")
_PLACE_WORDS = ("育才", "新华", "胜利", "东城", "朝阳", "阳光", "明德", "启明", "城南", "滨湖", "实验", "光明", "西苑")
_NOTES = ("请包装好 别压坏", "尽快发货 谢谢", "放门卫就行", "送人的 不要放价格单", "到了打电话", "多送点肥料",
          "麻烦挑好一点的苗", "白天家里没人 放驿站", "周末在家", "可以发顺丰吗", "包装结实一点 上次压坏了",
          "请帮忙多包几层", "能不能多送一包种子")  # fmt: skip

_HOURS = (2.2, 1.3, 0.7, 0.4, 0.3, 0.4, 0.9, 2.0, 3.3, 4.3, 4.9, 5.1, 5.6, 5.3, 4.6, 4.3, 4.2, 4.1, 4.3, 5.4, 6.7,
          7.4, 6.6, 4.3)  # fmt: skip
_EVENING = (1.0, 0.5, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 1.0, 1.0, 1.0, 1.2, 2.0, 1.5, 1.0, 1.0, 1.5, 2.5, 3.5, 6.0, 8.0,
            8.0, 6.0, 3.0)  # fmt: skip
_WORKDAY = (0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.5, 3.0, 5.0, 5.5, 5.0, 2.5, 3.5, 5.0, 5.0, 4.5, 3.5, 1.0, 0.6, 0.5,
            0.4, 0.2, 0.1)  # fmt: skip
_NIGHT_OWL = (6.0, 5.0, 3.5, 2.0, 1.0, 0.6, 0.5, 0.8, 1.5, 2.0, 2.0, 2.0, 2.5, 2.0, 2.0, 2.0, 2.0, 2.0, 2.5, 3.5, 4.5,
              5.5, 6.5, 6.5)  # fmt: skip

_FULLWIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10)))
_CN_NUM = "一二三四五六七八九十"
_CENT = Decimal("0.01")


def _fw(text: str) -> str:
    return text.translate(_FULLWIDTH)


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int) -> None:
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        self.target = orders
        self.scale = max(orders, 500) / 20_000
        self.out: list[ExportOrder] = []
        self._order_nos: set[str] = set()
        self._phones: set[str] = set()
        self._geo()
        self._catalogue()
        self._weather()
        self._calendar()

    # ---------------------------------------------------------------- setup

    def _geo(self) -> None:
        lines = []
        for raw in _GEO.strip().splitlines():
            prov, city, dist, *streets = raw.split()
            lines.append((prov, city, dist, tuple(streets)))
        per_prov: dict[str, int] = {}
        for line in lines:
            per_prov[line[0]] = per_prov.get(line[0], 0) + 1
        self.lines = lines
        self.line_w = [_PROVINCE_W[ln[0]] / per_prov[ln[0]] * self.rng.uniform(0.6, 1.4) for ln in lines]
        self.rural_lines = [ln for ln in lines if any(s.endswith(("镇", "乡")) for s in ln[3])]
        self.hub_lines = [ln for ln in lines if ln[2] in _HUBS]

    def _catalogue(self) -> None:
        rng = self.rng
        extras = [c for c in _CATALOG if c[0] not in _CORE]
        chosen = {c[0] for c in _CATALOG if c[0] in _CORE}
        chosen |= {c[0] for c in rng.sample(extras, rng.randint(max(0, 18 - len(chosen)), len(extras)))}
        month = (self.start + timedelta(days=15)).month
        self.skus: list[_Sku] = []
        ids: set[str] = set()
        for key, title, kind, typ, pop, specs in _CATALOG:
            if key not in chosen:
                continue
            sku_id = str(rng.randrange(10**11, 8 * 10**11))
            while sku_id in ids:
                sku_id = str(rng.randrange(10**11, 8 * 10**11))
            ids.add(sku_id)
            sku = _Sku(key, title, kind, typ, pop, [(s, Decimal(p), w) for s, p, w in specs], sku_id)
            self.skus.append(sku)
        self.by_key = {s.key: s for s in self.skus}
        self.sku_w = [s.pop * _SEASON[s.kind][month - 1] * rng.uniform(0.75, 1.3) for s in self.skus]

    def _weather(self) -> None:
        """One spell of extreme weather: plants die in transit, then live plants stop shipping for a few days."""
        rng = self.rng
        month = (self.start + timedelta(days=15)).month
        if month in (6, 7, 8):
            kind = "heat"
        elif month in (12, 1, 2):
            kind = "cold"
        elif month in (3, 11):
            kind = rng.choice(("cold", "cold", "rain"))
        else:
            kind = rng.choice(("rain", "heat" if month in (5, 9) else "rain"))
        r0 = (self.start + timedelta(days=rng.uniform(4, 21))).replace(hour=0, minute=0, second=0, microsecond=0)
        self.weather_kind = kind
        self.risk = (r0, r0 + timedelta(days=rng.uniform(4.0, 7.0)))
        p0 = r0 + timedelta(days=rng.randint(1, 3), hours=rng.choice((0, 12)))
        self.pause = (p0, p0 + timedelta(days=rng.randint(2, 4)))
        self.weather_extra = rng.uniform(0.2, 0.38)

    def _calendar(self) -> None:
        rng = self.rng
        first = self.start.date()
        self.dates = [first + timedelta(days=i) for i in range((self.end.date() - first).days + 1)]
        promos = {(3, 8): 1.3, (3, 12): 1.5, (5, 20): 1.2, (6, 18): 1.6, (11, 11): 1.8, (12, 12): 1.4}
        shop_days = set(rng.sample(range(len(self.dates)), 2))
        trend = rng.uniform(-0.15, 0.2)
        weights = []
        for i, d in enumerate(self.dates):
            w = 1.0 + trend * (i / len(self.dates) - 0.5)
            w *= 1.12 if d.weekday() >= 5 else 1.0
            w *= promos.get((d.month, d.day), 1.0)
            after = d + timedelta(days=1)
            w *= 1.2 if (after.month, after.day) in promos else 1.0
            w *= 1.3 if i in shop_days else 1.0
            if self.pause[0].date() <= d <= self.pause[1].date():
                w *= 0.85
            weights.append(w * rng.uniform(0.9, 1.1))
        self.day_cum = _cumulative(weights)

    # ---------------------------------------------------------------- primitives

    def _when(self, hours=_HOURS, lo: datetime | None = None, hi: datetime | None = None) -> datetime:
        lo = lo or self.start
        hi = hi or self.end
        for _ in range(200):
            d = self.rng.choices(self.dates, cum_weights=self.day_cum)[0]
            t = self._at(d, hours)
            if lo <= t < hi:
                return t
        return lo + timedelta(seconds=self.rng.uniform(0, max(1.0, (hi - lo).total_seconds() - 1)))

    def _at(self, d: date, hours=_HOURS) -> datetime:
        h = self.rng.choices(range(24), hours)[0]
        return datetime(d.year, d.month, d.day, h, self.rng.randrange(60), self.rng.randrange(60))

    def _later(self, t: datetime, days_lo: float, days_hi: float, hours=_HOURS) -> datetime:
        nxt = self._at((t + timedelta(days=self.rng.uniform(days_lo, days_hi))).date(), hours)
        return nxt if nxt > t else t + timedelta(hours=self.rng.uniform(1, 8))

    def _name(self, surname: str | None = None, female: bool | None = None) -> str:
        rng = self.rng
        if surname is None:
            surname = rng.choice(_COMPOUND) if rng.random() < 0.006 else rng.choices(_SURNAMES, _SURNAME_W)[0]
        if female is None:
            female = rng.random() < 0.6
        if rng.random() < 0.02:
            return surname + ("女士" if female else "先生")
        last = rng.choice(_GIVEN_F if female else _GIVEN_M)
        if rng.random() < 0.3:
            return surname + last
        return surname + rng.choice(_MID_F if female else _MID_M) + last

    def _phone(self, virtual: float = 0.01) -> str:
        rng = self.rng
        while True:
            prefix = rng.choice(_VIRTUAL) if rng.random() < virtual else rng.choices(_PREFIXES, _PREFIX_W)[0]
            phone = prefix + f"{rng.randrange(10**8):08d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def _person(self, virtual: float = 0.01) -> tuple[str, str]:
        return self._name(), self._phone(virtual)

    def _line(self, rural: bool | None = None):
        if rural:
            return self.rng.choice(self.rural_lines)
        return self.rng.choices(self.lines, self.line_w)[0]

    def _parts(self) -> dict:
        rng = self.rng
        return {
            "road": rng.choice(_ROADS),
            "num": rng.randint(1, 888),
            "comm": rng.choice(_COMM_A) + rng.choice(_COMM_B),
            "bld": rng.randint(1, 32),
            "unit": rng.randint(1, 6),
            "room": rng.randint(1, 30) * 100 + rng.randint(1, 6),
        }

    def _urban_detail(self) -> str:
        rng = self.rng
        p = self._parts()
        road, num, comm, bld, unit, room = p["road"], p["num"], p["comm"], p["bld"], p["unit"], p["room"]
        s = rng.random()
        if s < 0.22:
            return f"{road}{num}号{comm}{bld}栋{unit}单元{room}室"
        if s < 0.37:
            return f"{comm}{bld}栋{unit}单元{room}"
        if s < 0.46:
            return f"{comm}{bld}幢{room}室"
        if s < 0.53:
            return f"{road}{num}号院{bld}号楼{unit}单元{room}"
        if s < 0.60:
            return f"{comm}{bld}-{unit}-{room}"
        if s < 0.67:
            tower = rng.choice("ABCD")
            name = rng.choice(_PLACE_WORDS) + rng.choice(("大厦", "广场", "科技园", "商务中心"))
            return f"{road}{num}号{name}{tower}座{rng.randint(2, 28)}楼"
        if s < 0.74:
            return rng.choice((f"{comm}菜鸟驿站", f"{comm}北门快递柜", f"{comm}{bld}栋 丰巢柜", f"{comm}南门妈妈驿站"))
        if s < 0.81:
            return f"{road}{num}号 {rng.choice(_SURNAMES)}记{rng.choice(_SHOPS)}"
        if s < 0.90:
            return f"{comm}{bld}号楼{room}室"
        if s < 0.95:
            return f"{road}与{rng.choice(_ROADS)}交叉口{comm}{bld}栋{room}"
        return f"{road}{num}号{comm}{bld}栋{unit}单元{room}室 (放门口)"

    def _village(self) -> str:
        return self.rng.choice(_VILLAGES) + "村"

    def _rural_detail(self, village: str | None = None) -> str:
        rng = self.rng
        v = village or self._village()
        g, n = rng.randint(1, 12), rng.randint(1, 150)
        s = rng.random()
        if s < 0.3:
            return f"{v}{g}组{n}号"
        if s < 0.45:
            return f"{v}{g}组"
        if s < 0.55:
            return f"{v}村委会旁"
        if s < 0.64:
            return f"{v}村口{rng.choice(_SURNAMES)}家{rng.choice(('超市', '小卖部', '快递代收点'))}"
        if s < 0.74:
            return f"{v}{n}号"
        if s < 0.83:
            return f"{v}{rng.choice(_CN_NUM)}队"
        if s < 0.91:
            return f"{v}{g}组 {rng.choice(_SURNAMES)}家"
        return f"{v}小学对面"

    def _address(self, rural: bool | None = None, line=None) -> tuple[str, str, str, str, str]:
        rng = self.rng
        prov, city, dist, streets = line or self._line(rural)
        if rural:
            towns = [s for s in streets if s.endswith(("镇", "乡"))] or list(streets)
            street = rng.choice(towns)
        else:
            street = rng.choice(streets)
        in_country = street.endswith(("镇", "乡")) and (rural or rng.random() < 0.7)
        detail = self._rural_detail() if in_country else self._urban_detail()
        return prov, city, dist, street, detail

    def _retype(self, addr: tuple) -> tuple:
        """The same person typing their address a little differently next time."""
        rng = self.rng
        d = addr[4]
        options = []
        if "室" in d:
            options.append(d.replace("室", ""))
        if "栋" in d:
            options.append(d.replace("栋", rng.choice(("幢", "号楼"))))
        if "号" in d:
            options.append(d.replace("号", "号 ", 1))
        if "单元" in d:
            options.append(d.replace("单元", "单元 ", 1))
        options.append(d + rng.choice((" 放门口", " 快递柜", "")))
        return (*addr[:4], rng.choice(options))

    def _order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self._order_nos:
                self._order_nos.add(no)
                return no

    def _pick_sku(self, keys=None) -> _Sku:
        if keys:
            pool = [self.by_key[k] for k in keys if k in self.by_key]
            if pool:
                return self.rng.choices(pool, [s.pop for s in pool])[0]
        return self.rng.choices(self.skus, self.sku_w)[0]

    def _pick_spec(self, sku: _Sku) -> int:
        return self.rng.choices(range(len(sku.specs)), [w for _, _, w in sku.specs])[0]

    def _qty(self, sku: _Sku) -> int:
        if sku.typ == 1:
            q = self.rng.choices((1, 2, 3, 4, 5, 6), (80, 13, 4, 1.5, 1, 0.5))[0]
        else:
            q = self.rng.choices((1, 2, 3, 4, 5, 6), (45, 30, 12, 6, 4, 3))[0]
        return q if q < 6 else self.rng.randint(6, 10)

    def _amount(self, price: Decimal, qty: int, *, coupon: float = 0.18, bulk: bool = False) -> Decimal:
        rng = self.rng
        a = price * qty
        if qty >= 3 and rng.random() < 0.3:
            a *= Decimal("0.95")
        if bulk:
            a *= Decimal(str(round(rng.uniform(0.78, 0.92), 2)))
        if rng.random() < coupon:
            c = rng.choice((1, 2, 3, 5))
            if a > 4 * c:
                a -= c
        return max(a, _CENT).quantize(_CENT)

    # ---------------------------------------------------------------- order life

    def _unpaid(self, t: datetime):
        # The platform closes an unpaid order after a day; the merchant sometimes closes it earlier.
        age = self.end - t
        if age < timedelta(hours=24) and not (age > timedelta(hours=2) and self.rng.random() < 0.2):
            return ("unpaid", None, None, None, False)
        return ("unpaid_closed", None, None, None, False)

    def _pay_lag(self) -> float:
        r = self.rng.random()
        if r < 0.78:
            return self.rng.uniform(4, 90)
        if r < 0.95:
            return self.rng.uniform(90, 1200)
        return self.rng.uniform(1200, 6 * 3600)

    def _workhours(self, t: datetime) -> datetime:
        if t.hour < 8:
            return t.replace(hour=8, minute=0, second=0) + timedelta(minutes=self.rng.uniform(0, 180))
        if t.hour >= 19:
            nxt = (t + timedelta(days=1)).replace(hour=8, minute=0, second=0)
            return nxt + timedelta(minutes=self.rng.uniform(0, 180))
        return t

    def _ship(self, paid: datetime, perishable: bool, backlog: float = 0.0) -> datetime:
        rng = self.rng
        t = paid + timedelta(hours=rng.uniform(1.5, 30) + backlog)
        while True:
            t = self._workhours(t)
            if perishable and t.weekday() == 5:
                t = (t + timedelta(days=1)).replace(hour=8, minute=0, second=0) + timedelta(minutes=rng.uniform(0, 200))
                continue
            if perishable and self.pause[0] <= t < self.pause[1]:
                t = self.pause[1] + timedelta(hours=rng.uniform(1, 10))
                continue
            return t

    def _transit(self, prov: str, ship: datetime) -> timedelta:
        days = _TRANSIT.get(prov, 2.5) + self.rng.uniform(-0.5, 1.2)
        if self.weather_kind != "heat" and self.risk[0] <= ship < self.risk[1]:
            days += self.rng.uniform(0.5, 2.0)
        return timedelta(days=max(0.6, days))

    def _confirm(self, ship: datetime, arrive: datetime) -> datetime:
        r = self.rng.random()
        if r < 0.35:
            return arrive + timedelta(hours=self.rng.uniform(0.1, 8))
        if r < 0.75:
            return arrive + timedelta(hours=self.rng.uniform(8, 96))
        return max(arrive + timedelta(hours=1), ship + timedelta(days=10, minutes=self.rng.uniform(0, 90)))

    def _life(self, t: datetime, sku: _Sku, prov: str, *, pay: float = 0.93, cancel: float = 0.025,
              refund: float | None = None, early: float = 0.006, lag: tuple | None = None, backlog: float = 0.0,
              weather: bool = True):  # fmt: skip
        """(outcome, paid_at, shipped_at, received_at, hit by the weather spell)."""
        rng = self.rng
        if rng.random() >= pay:
            return self._unpaid(t)
        paid = t + timedelta(seconds=self._pay_lag())
        if paid >= self.end:
            return ("unpaid", None, None, None, False)
        ship = self._ship(paid, sku.perishable, backlog)
        delayed = ship - paid > timedelta(days=2)
        if rng.random() < cancel + (0.12 if delayed else 0.0):
            c = paid + timedelta(minutes=rng.uniform(2, 60 * 30))
            if c < ship and c < self.end:
                return ("cancelled", paid, None, None, False)
        if ship >= self.end:
            return ("paid", paid, None, None, False)
        hit = weather and sku.perishable and self.risk[0] <= ship < self.risk[1]
        arrive = ship + self._transit(prov, ship)
        if rng.random() < early:
            r = ship + timedelta(hours=rng.uniform(18, 90))
            if r < arrive and r < self.end:
                settle = r + timedelta(hours=rng.uniform(1, 48))
                return ("refunded" if settle < self.end else "refunding", paid, ship, None, hit)
        if arrive >= self.end:
            return ("shipped", paid, ship, None, hit)
        p = _REFUND[sku.kind] if refund is None else refund
        if hit:
            p += self.weather_extra
        if rng.random() < p:
            lo, hi = lag or ((0.3, 40.0) if sku.perishable else (3.0, 120.0))
            req = arrive + timedelta(hours=rng.uniform(lo, hi))
            if req < self.end:
                settle = req + timedelta(hours=min(96.0, rng.expovariate(1 / 10)))
                return ("refunded" if settle < self.end else "refunding", paid, ship, arrive, hit)
        confirm = self._confirm(ship, arrive)
        if confirm >= self.end:
            return ("shipped", paid, ship, None, hit)
        return ("completed", paid, ship, confirm, hit)

    def _emit(self, t: datetime, sku: _Sku, spec_i: int, qty: int, who: tuple, addr: tuple, life: tuple, *,
              label: str | None = None, lookalike: str | None = None, note: str = "",
              price: Decimal | None = None, amount: Decimal | None = None, bulk: bool = False) -> None:  # fmt: skip
        outcome, paid, shipped, received, hit = life
        t, paid, shipped, received = (x.replace(microsecond=0) if x else None for x in (t, paid, shipped, received))
        spec, list_price, _ = sku.specs[spec_i]
        if amount is None:
            amount = self._amount(price if price is not None else list_price, qty, bulk=bulk)
        amount = amount.quantize(_CENT)
        if label is None and lookalike is None and hit:
            lookalike = "weather_loss"
        self.out.append(
            ExportOrder(
                order_no=self._order_no(t),
                sku_id=sku.sku_id,
                sku_name=sku.title,
                spec=spec,
                quantity=qty,
                amount=amount,
                outcome=outcome,
                ordered_at=t,
                paid_at=paid,
                shipped_at=shipped,
                received_at=received,
                receiver=who[0],
                phone=who[1],
                province=addr[0],
                city=addr[1],
                district=addr[2],
                street=addr[3],
                detail=addr[4],
                label=label,
                lookalike=lookalike,
                buyer_note=note,
            )  # fmt: skip
        )

    def _note(self, p: float = 0.07) -> str:
        return self.rng.choice(_NOTES) if self.rng.random() < p else ""

    def _honest(self, t: datetime, who: tuple, addr: tuple, *, lookalike: str | None = None, keys=None) -> None:
        sku = self._pick_sku(keys)
        spec_i = self._pick_spec(sku)
        qty = self._qty(sku)
        self._emit(t, sku, spec_i, qty, who, addr, self._life(t, sku, addr[0]), lookalike=lookalike, note=self._note())

    # ---------------------------------------------------------------- honest traffic

    def regular(self, n: int) -> None:
        rng = self.rng
        made = 0
        while made < n:
            k = rng.choices((1, 2, 3, 4, 5), (880, 85, 24, 8, 3))[0]
            who = self._person()
            addr = self._address()
            t = self._when()
            for i in range(k):
                if made >= n:
                    break
                if i:
                    t = self._later(t, 1.5, 14)
                    if t >= self.end:
                        break
                a = self._retype(addr) if i and rng.random() < 0.2 else addr
                self._honest(t, who, a)
                made += 1
                # Forgot something: a second small order minutes later (土 after the plant, a pot after soil).
                if made < n and rng.random() < 0.05:
                    t2 = t + timedelta(minutes=rng.uniform(1.5, 40))
                    if t2 < self.end:
                        self._honest(t2, who, a, keys=("soil", "gallon", "ceramic", "fert", "nutrient", "succsoil"))
                        made += 1

    def family(self) -> None:
        rng = self.rng
        for _ in range(round(rng.uniform(120, 170) * self.scale)):
            addr = self._address()
            sur_a, sur_b = rng.choices(_SURNAMES, _SURNAME_W, k=2)
            members = [(self._name(sur_a, False), self._phone()), (self._name(sur_b, True), self._phone())]
            if rng.random() < 0.35:
                members.append((self._name(rng.choice((sur_a, sur_a, sur_b))), self._phone()))
            if rng.random() < 0.1:  # grandma orders on her daughter's phone
                members[-1] = (members[-1][0], members[1][1])
            for who in members:
                a = self._retype(addr) if rng.random() < 0.15 else addr
                t = self._when()
                for j in range(rng.choices((1, 2, 3), (55, 32, 13))[0]):
                    if j:
                        t = self._later(t, 2, 12)
                        if t >= self.end:
                            break
                    self._honest(t, who, a, lookalike="family")

    def flash_sale(self) -> None:
        rng = self.rng
        keys = [k for k in ("luoluo", "succ", "flowerseed", "soil", "strawberry", "hydro") if k in self.by_key]
        events = rng.choice((1, 2, 2, 3))
        total = rng.uniform(600, 1500) * self.scale
        for _e in range(events):
            size = max(20, round(total / events * rng.uniform(0.6, 1.4)))
            sku = self.by_key[rng.choice(keys)]
            spec_i = min((i for i in range(len(sku.specs)) if sku.specs[i][1] >= 5), key=lambda i: sku.specs[i][1])
            flash = int(sku.specs[spec_i][1] * Decimal(str(rng.uniform(0.45, 0.75)))) + Decimal("0.9")
            d = rng.choice(self.dates[1:-1])
            t0 = datetime(d.year, d.month, d.day, rng.choice((10, 12, 20, 21)), 0, 0)
            if not (self.start <= t0 < self.end - timedelta(minutes=30)):
                t0 = self._when(lo=self.start, hi=self.end - timedelta(hours=1)).replace(minute=0, second=0)
            spread = rng.uniform(50, 180)
            for _ in range(size):
                t = t0 + timedelta(seconds=min(rng.expovariate(1 / spread), 25 * 60))
                qty = 1 if rng.random() < 0.9 else 2
                addr = self._address()
                life = self._life(t, sku, addr[0], pay=0.9, cancel=0.015, backlog=rng.uniform(4, 40))
                self._emit(t, sku, spec_i, qty, self._person(), addr, life, lookalike="flash_sale", price=flash)

    def wholesale(self) -> None:
        rng = self.rng
        keys = [k for k in _WHOLESALE if k in self.by_key]
        for _ in range(round(rng.uniform(45, 70) * self.scale)):
            firm_kind = rng.choice(
                ("园林绿化工程有限公司", "花店", "苗圃", "物业管理有限公司", "农家乐", "绿化养护中心")
            )
            firm = (
                rng.choice(_PLACE_WORDS + ("绿源", "青禾", "森景", "翠庭", "锦程", "花语", "春晖", "润禾")) + firm_kind
            )
            if firm_kind in ("苗圃", "农家乐") and rng.random() < 0.7:
                prov, city, dist, street, _ = self._address(rural=True)
                detail = f"{self._village()}{firm}"
            else:
                prov, city, dist, street, _ = self._address()
                detail = f"{rng.choice(_ROADS)}{rng.randint(1, 888)}号 {firm}"
            addr = (prov, city, dist, street, detail)
            surname = rng.choices(_SURNAMES, _SURNAME_W)[0]
            name = self._name(surname) if rng.random() < 0.7 else surname + rng.choice(("经理", "总", "工", "老板"))
            who = (name, self._phone())
            favourites = rng.sample(keys, min(len(keys), rng.randint(1, 3)))
            t = self._when(_WORKDAY)
            for j in range(rng.choices((1, 2, 3, 4, 5, 6), (30, 25, 18, 12, 9, 6))[0]):
                if j:
                    t = self._later(t, 3, 12, _WORKDAY)
                    if t >= self.end:
                        break
                sku = self.by_key[rng.choice(favourites)]
                spec_i = self._pick_spec(sku)
                qty = int(round(20 * (10 ** rng.uniform(0, 1.0)) / 5.0) * 5)
                life = self._life(t, sku, prov, pay=0.97, cancel=0.01, refund=_REFUND[sku.kind] * 0.5,
                                  early=0.0, backlog=rng.uniform(4, 36))  # fmt: skip
                note = (
                    rng.choice(("需要开普票", "要发票 抬头公司全称", "分两批发也行", "到货前电话联系", ""))
                    if rng.random() < 0.3
                    else ""
                )
                self._emit(t, sku, spec_i, qty, who, addr, life, lookalike="wholesale", note=note, bulk=True)

    def school_class(self) -> None:
        """A teacher asks parents to buy one planting kit for 劳动课 and send it to the school."""
        rng = self.rng
        kits = [k for k in ("flowerseed", "vegseed", "succ", "hydro", "strawberry", "bamboo") if k in self.by_key]
        for _ in range(max(1, round(rng.uniform(4, 7) * self.scale))):
            prov, city, dist, streets = self._line()
            street = rng.choice(streets)
            word = rng.choice(_PLACE_WORDS)
            school = rng.choice((f"{word}实验小学", f"第{rng.choice(_CN_NUM)}小学", f"{word}路小学", f"{word}幼儿园",
                                 f"{word}中心小学", f"{word}中学"))  # fmt: skip
            road, num = rng.choice(_ROADS), rng.randint(1, 400)
            grade, cls = rng.randint(1, 6), rng.randint(1, 8)
            teacher = rng.choices(_SURNAMES, _SURNAME_W)[0]
            variants = [f"{road}{num}号{school}", f"{school}门卫室", f"{school} 门卫", f"{school}传达室",
                        f"{school}{grade}年级{cls}班", f"{school} {grade}({cls})班 {teacher}老师收",
                        f"{road}{school}"]  # fmt: skip
            kit = self.by_key[rng.choice(kits)]
            kit_spec = self._pick_spec(kit)
            d = rng.choice([x for x in self.dates[:-3] if x.weekday() < 5] or self.dates)
            notice = datetime(d.year, d.month, d.day, rng.randint(15, 20), rng.randrange(60))
            for _ in range(rng.randint(18, 50)):
                t = notice + timedelta(hours=min(rng.expovariate(1 / 18), 96))
                t = self._at(t.date(), _EVENING) if rng.random() < 0.6 else t
                if not (self.start <= t < self.end):
                    continue
                kid_sur = rng.choices(_SURNAMES, _SURNAME_W)[0]
                kid = kid_sur + rng.choice(_KIDS)
                r = rng.random()
                if r < 0.45:
                    name = self._name(kid_sur)
                elif r < 0.75:
                    name = kid
                elif r < 0.88:
                    name = f"{teacher}老师"
                else:
                    name = f"{kid}家长"
                addr = (prov, city, dist, street, rng.choice(variants))
                spec_i = kit_spec if rng.random() < 0.85 else self._pick_spec(kit)
                note = (
                    rng.choice((f"{grade}年级{cls}班 {kid}", "劳动课用", "送学校门卫", ""))
                    if rng.random() < 0.4
                    else ""
                )
                life = self._life(t, kit, prov, pay=0.97, cancel=0.01)
                self._emit(t, kit, spec_i, 1 if rng.random() < 0.9 else 2, (name, self._phone()), addr, life,
                           lookalike="school_class", note=note)  # fmt: skip

    def village_coop(self) -> None:
        """Villagers ordering seeds, seedlings and fertiliser to the village shop that takes in parcels."""
        rng = self.rng
        keys = [k for k in ("vegseed", "flowerseed", "fert", "manure", "strawberry", "blueberry", "gallon", "soil",
                            "pest", "rose", "gloves") if k in self.by_key]  # fmt: skip
        for _ in range(max(1, round(rng.uniform(4, 7) * self.scale))):
            prov, city, dist, street, _ = self._address(rural=True)
            v = self._village()
            keeper = (self._name(), self._phone())
            store = f"{keeper[0][0]}家{rng.choice(('超市', '小卖部', '便民店'))}"
            variants = [f"{v}{store}", f"{v} {store}(快递代收)", f"{v}村委会 快递代收点",
                        f"{v}{rng.randint(1, 9)}组 {store}", f"{v}村口{store}"]  # fmt: skip
            start = self._when(lo=self.start, hi=self.end - timedelta(days=2))
            span = rng.uniform(2, 10)
            for _ in range(rng.randint(15, 40)):
                t = self._later(start, 0, span) if rng.random() < 0.9 else start + timedelta(minutes=rng.uniform(5, 90))
                if t >= self.end:
                    continue
                name = self._name(female=rng.random() < 0.5)
                phone = keeper[1] if rng.random() < 0.2 else self._phone()
                sku = self._pick_sku(keys)
                spec_i = self._pick_spec(sku)
                if sku.key == "flowerseed" and spec_i == 0:
                    spec_i = 1
                qty = self._qty(sku) if rng.random() < 0.85 else rng.randint(5, 10)
                life = self._life(t, sku, prov, pay=0.95, cancel=0.02)
                note = "村里小卖部代收" if rng.random() < 0.15 else ""
                self._emit(t, sku, spec_i, qty, (name, phone), (prov, city, dist, street, rng.choice(variants)), life,
                           lookalike="village_coop", note=note)  # fmt: skip

    def hobbyist(self) -> None:
        """多肉控 and balcony gardeners who order every few days all month."""
        rng = self.rng
        keys = (
            "succ",
            "succsoil",
            "ceramic",
            "orchid",
            "rose",
            "hydro",
            "tulip",
            "monstera",
            "nutrient",
            "herb",
            "fert",
        )
        for _ in range(round(rng.uniform(25, 40) * self.scale)):
            who, addr = self._person(), self._address()
            t = self._when(lo=self.start, hi=self.start + timedelta(days=8))
            for j in range(rng.randint(4, 9)):
                if j:
                    t = self._later(t, 1.5, 6)
                    if t >= self.end:
                        break
                a = self._retype(addr) if rng.random() < 0.15 else addr
                sku = self._pick_sku(keys) if rng.random() < 0.75 else self._pick_sku()
                life = self._life(t, sku, addr[0], pay=0.97, cancel=0.015, refund=_REFUND[sku.kind] * 0.9)
                self._emit(t, sku, self._pick_spec(sku), self._qty(sku), who, a, life, lookalike="hobbyist",
                           note=self._note(0.1))  # fmt: skip

    # ---------------------------------------------------------------- attacks

    def burst(self) -> None:
        """炸店: a swarm of fresh accounts hammering one or two SKUs for a quarter of an hour."""
        rng = self.rng
        sizes = [rng.randint(110, 185), rng.randint(100, 140)] if rng.random() < 0.6 else rng.sample(range(100, 130), 3)
        for size in sizes:
            size = max(6, round(size * self.scale))
            dur = rng.uniform(10, 20) * 60
            t0 = self._when(_NIGHT_OWL, hi=self.end - timedelta(minutes=25))
            skus = rng.sample(self.skus, 1 if rng.random() < 0.55 else 2)
            if rng.random() < 0.5:
                skus[0] = self.rng.choices(self.skus, self.sku_w)[0]
            p_unpaid, p_cancel = rng.uniform(0.5, 0.8), rng.uniform(0.65, 0.92)
            for _ in range(size):
                who, addr = self._person(0.04), self._address()
                s = dur * rng.betavariate(1.3, 1.6)
                for _ in range(rng.choices((1, 2, 3, 4), (55, 30, 12, 3))[0]):
                    t = t0 + timedelta(seconds=s)
                    if t >= self.end:
                        break
                    sku = rng.choice(skus)
                    spec_i = self._pick_spec(sku)
                    qty = rng.choices((1, 2, 3), (78, 15, 7))[0]
                    if rng.random() < p_unpaid:
                        life = self._unpaid(t)
                    elif rng.random() < p_cancel:
                        paid = t + timedelta(seconds=rng.uniform(5, 150))
                        gone = paid + timedelta(minutes=rng.uniform(1, 80))
                        life = (
                            ("cancelled", paid, None, None, False)
                            if gone < self.end
                            else ("paid", paid, None, None, False)
                        )
                    else:
                        life = self._life(t, sku, addr[0], pay=1.0, cancel=0.3, refund=0.5, early=0.35, weather=False)
                    self._emit(t, sku, spec_i, qty, who, addr, life, label="burst")
                    s = min(dur + 60, s + rng.uniform(8, 100))

    def inventory_lock(self) -> None:
        """同行恶拍: one-off accounts placing large never-paid orders to hold the stock of a few SKUs."""
        rng = self.rng
        n = max(6, round(rng.uniform(80, 140) * self.scale))
        targets = rng.sample(self.skus, rng.randint(2, 4))
        gap = 29 * 24 / (n / 3.6)  # hours between waves so that the waves cover the month
        t = self.start + timedelta(hours=rng.uniform(0, gap))
        made = 0
        while made < n and t < self.end:
            for _ in range(rng.choices((1, 2, 3, 4, 5, 6), (10, 20, 25, 20, 15, 10))[0]):
                ti = t + timedelta(minutes=rng.uniform(0, 90))
                if ti >= self.end or made >= n:
                    break
                sku = rng.choice(targets)
                qty = max(3, round(sku.typ * rng.uniform(3, 8)))
                who, addr = self._person(0.03), self._address()
                self._emit(ti, sku, self._pick_spec(sku), qty, who, addr, self._unpaid(ti), label="inventory_lock",
                           note=self._note(0.03))  # fmt: skip
                made += 1
            t += timedelta(hours=rng.uniform(0.6, 1.4) * gap)

    def serial_refund(self) -> None:
        rng = self.rng
        for _ in range(max(2, round(rng.uniform(20, 32) * self.scale))):
            who, addr = self._person(), self._address()
            work = self._address() if rng.random() < 0.2 else None
            rate = rng.uniform(0.6, 0.95)
            t = self._when(lo=self.start, hi=self.start + timedelta(days=9))
            for j in range(rng.randint(3, 7)):
                if j:
                    t = self._later(t, 3, 8)
                    if t >= self.end:
                        break
                sku = (
                    self._pick_sku() if rng.random() < 0.3 else self.rng.choice([s for s in self.skus if s.perishable])
                )
                a = work if work and rng.random() < 0.4 else addr
                life = self._life(t, sku, a[0], pay=1.0, cancel=0.0, refund=rate, early=0.08, lag=(0.5, 36.0),
                                  weather=False)  # fmt: skip
                self._emit(t, sku, self._pick_spec(sku), self._qty(sku), who, a, life, label="serial_refund",
                           note=self._note())  # fmt: skip

    def ring(self) -> None:
        rng = self.rng
        cheap = [s for s in self.skus if min(p for _, p, _ in s.specs) < 10]
        for _ in range(1 if rng.random() < 0.55 else 2):
            prov, city, dist, streets = self._line()
            street = rng.choice([s for s in streets if not s.endswith(("镇", "乡"))] or list(streets))
            p = self._parts()
            road, num, comm, bld, unit, room = p["road"], p["num"], p["comm"], p["bld"], p["unit"], p["room"]
            base = f"{road}{num}号{comm}{bld}栋{unit}单元{room}室"
            variants = [
                base,
                f"{road}{num}号{comm}{bld}幢{unit}单元{room}室",
                _fw(base),
                f"{comm} {bld}栋 {unit}单元 {room}",
                f"{road}{num}号 {comm}{bld}号楼{unit}单元{room}",
                f"{comm}{bld}栋{_CN_NUM[unit - 1]}单元{room}室",
                f"{road}{num}号{comm}{bld}-{unit}-{room}",
                f"{comm}{_fw(str(bld))}幢{unit}单元{room}",
                f"{road}{num}号{comm}{bld}栋{room}",
            ]
            used = [base, *rng.sample(variants[1:], rng.randint(4, 7))]
            used_w = [3.0] + [rng.uniform(0.5, 2.0) for _ in used[1:]]
            phones = [self._phone(0.05) for _ in range(rng.randint(2, 4))]
            phone_w = [rng.uniform(0.5, 3.0) for _ in phones]
            names = {self._name() for _ in range(rng.randint(10, 14))}
            for name in sorted(names):
                phone = rng.choices(phones, phone_w)[0]
                t = self._when(hi=self.end - timedelta(days=rng.uniform(8, 16)))
                for j in range(rng.randint(2, 5)):
                    if j:
                        t = self._later(t, 1, 7)
                        if t >= self.end:
                            break
                    sku = rng.choice(cheap) if rng.random() < 0.6 else self._pick_sku()
                    spec_i = 0 if j == 0 and rng.random() < 0.5 else self._pick_spec(sku)
                    detail = rng.choices(used, used_w)[0]
                    life = self._life(t, sku, prov, pay=0.92, cancel=0.03, refund=0.35, early=0.04, weather=False)
                    self._emit(t, sku, spec_i, self._qty(sku), (name, phone), (prov, city, dist, street, detail), life,
                               label="ring")  # fmt: skip

    def dead_plant_claim(self) -> None:
        """死苗骗退: a 退款群 buys the pricier live plants on a tip-off and claims 死苗 仅退款 right after delivery."""
        rng = self.rng
        pricey = [(s, i) for s in self.skus if s.perishable for i, (_, p, _) in enumerate(s.specs) if p >= 25]
        n = max(4, round(rng.uniform(45, 90) * self.scale))
        waves = rng.randint(2, 3)
        home = [self._line() for _ in range(2)]
        for _w in range(waves):
            wave_start = self._when(lo=self.start, hi=self.end - timedelta(days=6))
            span = rng.uniform(6, 40)
            picks = rng.sample(pricey, min(len(pricey), rng.randint(1, 3)))
            for _ in range(n // waves):
                who = self._person()
                addr = self._address(line=rng.choice(home)) if rng.random() < 0.25 else self._address()
                t = wave_start + timedelta(hours=rng.uniform(0, span))
                t = self._at(t.date(), _EVENING) if rng.random() < 0.5 else t
                for j in range(1 if rng.random() < 0.8 else 2):
                    if j:
                        t = self._later(t, 2, 8)
                    if not (self.start <= t < self.end):
                        break
                    sku, spec_i = rng.choice(picks)
                    life = self._life(t, sku, addr[0], pay=1.0, cancel=0.01, refund=rng.uniform(0.75, 0.92),
                                      early=0.05, lag=(0.2, 10.0), weather=False)  # fmt: skip
                    self._emit(t, sku, spec_i, 1, who, addr, life, label="dead_plant_claim", note=self._note(0.05))

    def competitor_refund(self) -> None:
        """同行打压: the cheapest seedling bought from many accounts, then 仅退款 to sink the after-sale score."""
        rng = self.rng
        live = sorted(((p, s.key, i) for s in self.skus if s.perishable for i, (_, p, _) in enumerate(s.specs)))
        targets = [(self.by_key[k], i) for _, k, i in live[: rng.randint(1, 2)]]
        n = max(4, round(rng.uniform(50, 95) * self.scale))
        lo = self.start + timedelta(days=rng.uniform(1, 13))
        hi = min(self.end, lo + timedelta(days=rng.uniform(8, 16)))
        for _ in range(n):
            t = self._when(_WORKDAY, lo=lo, hi=hi)
            who = self._person(0.03)
            addr = self._address(line=rng.choice(self.hub_lines)) if rng.random() < 0.4 else self._address()
            sku, spec_i = rng.choice(targets)
            life = self._life(t, sku, addr[0], pay=1.0, cancel=0.0, refund=0.8, early=0.35, lag=(0.1, 8.0),
                              weather=False)  # fmt: skip
            self._emit(t, sku, spec_i, 1, who, addr, life, label="competitor_refund")

    def coupon_farming(self) -> None:
        """羊毛党: new-user 1.9元包邮 seed packs taken by many accounts to a few rural pick-up points."""
        rng = self.rng
        bait = self.by_key["flowerseed"]
        side = [
            (s, min(range(len(s.specs)), key=lambda i: s.specs[i][1])) for s in self.skus if s.kind in ("tool", "fert")
        ]
        for _ in range(max(1, round(rng.uniform(3, 6) * self.scale))):
            prov, city, dist, street, _ = self._address(rural=True)
            v = self._village()
            shop = f"{rng.choice(_SURNAMES)}家{rng.choice(('超市', '快递超市', '小卖部'))}"
            variants = [f"{v}{shop}", f"{v} {shop}代收", f"{v}快递点", f"{v}{rng.randint(1, 9)}组", f"{v}村口 {shop}",
                        f"{v}兔喜快递超市"]  # fmt: skip
            target = rng.randint(12, 35)
            made = 0
            while made < target:
                t = self._when()
                for _ in range(rng.randint(2, 6)):
                    if made >= target or t >= self.end:
                        break
                    who = self._person(0.3)
                    if rng.random() < 0.85 or not side:
                        sku, spec_i, amount = bait, 0, bait.specs[0][1]
                    else:
                        sku, spec_i = rng.choice(side)
                        amount = max(sku.specs[spec_i][1] - rng.choice((1, 2, 3)), Decimal("0.9"))
                    life = self._life(t, sku, prov, pay=0.97, cancel=0.01, refund=0.03, weather=False)
                    self._emit(t, sku, spec_i, 1, who, (prov, city, dist, street, rng.choice(variants)), life,
                               label="coupon_farming", amount=amount)  # fmt: skip
                    made += 1
                    t += timedelta(minutes=rng.uniform(2, 25))


def _cumulative(weights: list[float]) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = _Shop(seed, end, orders)
    for attack in (shop.burst, shop.inventory_lock, shop.serial_refund, shop.ring, shop.dead_plant_claim,
                   shop.competitor_refund, shop.coupon_farming):  # fmt: skip
        attack()
    for shape in (shop.flash_sale, shop.wholesale, shop.family, shop.school_class, shop.village_coop, shop.hobbyist):
        shape()
    shop.regular(max(0, orders - len(shop.out)))
    return sorted(shop.out, key=lambda o: (o.ordered_at, o.order_no))
