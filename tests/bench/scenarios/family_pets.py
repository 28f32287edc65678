"""Pet supplies shop (宠物用品店): a subscription-like population of food and litter buyers.

Traffic model
-------------
* Regulars (about 55-60% of honest orders): cat and dog owners who re-buy their staples on a
  cycle set by what their pets eat: a 2kg bag for one cat lasts about a month, a 6L bag of
  tofu litter about 8 days per cat (so honest litter orders are 2-6 bags), cans go by the
  dozen. Each regular has a favourite hour, and some pull a purchase forward or back onto
  the mid-month 会员日 (15th, 88折 on staples). Now and then they add a treat or a toy.
* One-time buyers: accessories, treats, dewormers and trial packs, following a weekly
  pattern (weekend evenings busiest) and the 会员日 peak.
* Honest failures: 4-8% never paid or cancelled, 2-5% refunds (broken litter bags, a pet
  that refuses the food, wrong harness size).

Honest look-alikes (``lookalike``): flash_sale, wholesale (pet shops, cat cafés, clinics),
family, multi_cat (catteries and multi-cat homes buying litter by the 10 bags),
rescue_volunteer (one phone paying for food sent to several foster homes), shelter_donation
(donors all over the country sending to one shelter, each typing its address their own way),
reorder (placed, abandoned, placed again minutes later, often with the address fixed),
picky_pet (owners trying foods, refunding one or two), campus_pickup (students feeding
campus cats, many names at one campus parcel point).

Attacks (``label``), about 5% of orders:
* burst: 炸店 on one SKU, fresh accounts each with its own phone, name and address, spread
  over 10-20 minutes in the evening rush, ordinary quantities, mostly never paid or cancelled.
* inventory_lock: 同行恶拍 of a few limited SKUs, 3-8x the usual quantity, one-off accounts in
  small sessions over the month, never paid or paid then cancelled before shipping.
* serial_refund: people who buy at an ordinary pace and claim 仅退款 after receipt, same
  phone and name, address sometimes typed another way.
* ring: 8-15 receiver names behind 2-4 phones at one address written several ways, active in
  waves, mostly unpaid / cancelled / refunded.
* coupon_abuse (this shop's own): 新客券 farmers placing trial packs and cheap items from
  batches of fresh accounts delivered to one parcel point, paid and received.
* not_received_claim (this shop's own): an operator with one or two phones and several names
  at neighbouring flats orders expensive items (dewormers, 10kg bags, feeders) and claims
  未收到货 after shipping: refunded with no receipt.
"""

import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from tests.bench.scenarios import OUTCOMES, ExportOrder

FAMILY = "pets"

CENT = Decimal("0.01")


# --------------------------------------------------------------------------------------------
# Catalogue
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sku:
    id: str
    name: str
    spec: str
    price: Decimal
    kind: str  # cat_food, dog_food, litter, can, treat, care, med, accessory, trial
    qty: tuple  # ((quantity, weight), ...) an honest one-off buyer's quantity
    pop: float  # popularity among one-off buyers


Q1 = ((1, 0.93), (2, 0.06), (3, 0.01))
Q12 = ((1, 0.68), (2, 0.24), (3, 0.08))
QLIT = ((1, 0.04), (2, 0.24), (3, 0.2), (4, 0.28), (5, 0.09), (6, 0.15))
QLIT10 = ((1, 0.55), (2, 0.33), (3, 0.12))
QLIT4 = ((1, 0.35), (2, 0.4), (3, 0.15), (4, 0.1))
QCAN = ((6, 0.25), (12, 0.45), (24, 0.25), (48, 0.05))
QCAN2 = ((6, 0.4), (12, 0.5), (24, 0.1))

_CATALOGUE = (
    ("PT-CF02", "成猫粮 鸡肉三文鱼配方", "2kg", "59.90", "cat_food", Q1, 9),
    ("PT-CF10", "成猫粮 鸡肉三文鱼配方", "10kg", "239.00", "cat_food", Q1, 3),
    ("PT-KF15", "幼猫粮 奶糕 离乳期", "1.5kg", "49.90", "cat_food", Q1, 4),
    ("PT-FD18", "冻干双拼全价猫粮", "1.8kg", "89.00", "cat_food", Q1, 5),
    ("PT-GF54", "无谷三文鱼猫粮", "5.4kg", "199.00", "cat_food", Q1, 2),
    ("PT-DF25", "成犬粮 牛肉味 通用型", "2.5kg", "45.90", "dog_food", Q1, 5),
    ("PT-DF10", "成犬粮 牛肉味 通用型", "10kg", "159.00", "dog_food", Q1, 3),
    ("PT-SD15", "小型犬粮 泰迪比熊专用", "1.5kg", "39.90", "dog_food", Q1, 4),
    ("PT-LD15", "大型犬粮 金毛拉布拉多", "15kg", "269.00", "dog_food", Q1, 2),
    ("PT-LT6O", "豆腐猫砂 原味", "6L约2.5kg", "19.90", "litter", QLIT, 10),
    ("PT-LT6G", "豆腐猫砂 绿茶味", "6L约2.5kg", "21.90", "litter", QLIT, 7),
    ("PT-LTMX", "混合猫砂 豆腐+膨润土", "2.5kg", "17.90", "litter", QLIT, 6),
    ("PT-LB10", "膨润土猫砂 柠檬香", "10kg", "29.90", "litter", QLIT10, 4),
    ("PT-LC38", "水晶猫砂 除臭", "3.8L", "24.90", "litter", QLIT4, 2),
    ("PT-CN85", "主食猫罐头 金枪鱼鸡肉", "85g/罐", "6.90", "can", QCAN, 8),
    ("PT-CN17", "主食猫罐头 鸡肉蛋黄", "170g/罐", "12.90", "can", QCAN2, 3),
    ("PT-DC37", "狗罐头 牛肉蔬菜", "375g/罐", "9.90", "can", QCAN2, 2),
    ("PT-CS20", "猫条 鸡肉+金枪鱼 混合装", "15g×20支", "29.90", "treat", Q12, 8),
    ("PT-FC50", "冻干鸡胸肉 猫狗通用", "500g", "69.00", "treat", Q12, 5),
    ("PT-FQ20", "冻干鹌鹑 整只", "20只装", "39.90", "treat", Q12, 3),
    ("PT-JR40", "鸡肉干 狗零食", "400g", "29.90", "treat", Q12, 3),
    ("PT-MY20", "洁齿磨牙棒", "20支", "19.90", "treat", Q12, 2),
    ("PT-HB12", "化毛膏 猫用", "120g", "25.90", "care", Q1, 2),
    ("PT-PB30", "宠物益生菌 调理肠胃", "30包", "59.00", "care", Q1, 2),
    ("PT-MW03", "体外驱虫滴剂 猫用", "0.5ml×3支", "129.00", "med", Q1, 3),
    ("PT-MI04", "体内驱虫片 猫用", "4片", "49.00", "med", Q1, 3),
    ("PT-MD01", "内外同驱滴剂 犬用10-20kg", "1支", "99.00", "med", Q1, 2),
    ("PT-SC01", "瓦楞纸猫抓板 大号", "48×24cm", "29.90", "accessory", Q1, 4),
    ("PT-CT01", "剑麻猫爬架", "中号 120cm", "199.00", "accessory", Q1, 1),
    ("PT-TW03", "逗猫棒 羽毛铃铛", "3件套", "12.90", "accessory", Q12, 3),
    ("PT-LH0M", "牵引绳+胸背套装", "M码", "35.90", "accessory", Q1, 3),
    ("PT-LR05", "自动伸缩牵引绳", "5m", "49.90", "accessory", Q1, 2),
    ("PT-LBX1", "全封闭猫砂盆 防外溅", "特大号", "129.00", "accessory", Q1, 2),
    ("PT-SP01", "猫砂铲 加厚", "1把", "6.90", "accessory", Q12, 3),
    ("PT-WF25", "宠物自动饮水机", "2.5L", "99.00", "accessory", Q1, 2),
    ("PT-FE40", "智能定时喂食器", "4L 摄像头款", "399.00", "accessory", Q1, 1),
    ("PT-BX0M", "宠物航空箱", "中号", "159.00", "accessory", Q1, 1),
    ("PT-BD0L", "冬季保暖宠物窝", "L码", "79.00", "accessory", Q1, 2),
    ("PT-TR03", "新客试吃装 猫粮", "100g×3包", "6.90", "trial", Q1, 3),
)

SKUS = tuple(Sku(i, n, s, Decimal(p), k, q, w) for i, n, s, p, k, q, w in _CATALOGUE)
BY_ID = {s.id: s for s in SKUS}
SKU_CUM = list(accumulate(s.pop for s in SKUS))
STAPLE_KINDS = {"cat_food", "dog_food", "litter", "can"}
ADDON = tuple(s for s in SKUS if s.kind in ("treat", "care", "accessory", "med"))


def _kind(*kinds):
    return tuple(s for s in SKUS if s.kind in kinds)


# --------------------------------------------------------------------------------------------
# People and places
# --------------------------------------------------------------------------------------------

# (province, city, district, streets, remote, weight)
REGIONS = (
    ("广东省", "深圳市", "南山区", ("粤海街道", "南头街道", "西丽街道", "沙河街道", "蛇口街道", "招商街道"), 0, 5),
    ("广东省", "深圳市", "福田区", ("华强北街道", "梅林街道", "香蜜湖街道", "莲花街道", "福田街道"), 0, 4),
    ("广东省", "深圳市", "龙岗区", ("布吉街道", "坂田街道", "横岗街道", "龙城街道"), 0, 4),
    ("广东省", "广州市", "天河区", ("石牌街道", "天河南街道", "林和街道", "棠下街道", "员村街道"), 0, 5),
    ("广东省", "广州市", "海珠区", ("江海街道", "赤岗街道", "新港街道", "琶洲街道"), 0, 3),
    ("广东省", "佛山市", "南海区", ("桂城街道", "大沥镇", "里水镇", "狮山镇"), 0, 3),
    ("广东省", "汕头市", "龙湖区", ("金霞街道", "龙祥街道", "珠池街道"), 0, 2),
    ("广东省", "揭阳市", "普宁市", ("流沙东街道", "流沙西街道", "流沙南街道"), 0, 2),
    ("广东省", "珠海市", "香洲区", ("拱北街道", "吉大街道", "前山街道"), 0, 2),
    ("浙江省", "杭州市", "西湖区", ("西溪街道", "文新街道", "翠苑街道", "蒋村街道", "北山街道"), 0, 4),
    ("浙江省", "杭州市", "余杭区", ("五常街道", "仓前街道", "闲林街道", "良渚街道"), 0, 3),
    ("浙江省", "宁波市", "鄞州区", ("钟公庙街道", "首南街道", "中河街道"), 0, 3),
    ("浙江省", "金华市", "义乌市", ("稠城街道", "北苑街道", "稠江街道", "江东街道"), 0, 2),
    ("浙江省", "温州市", "鹿城区", ("五马街道", "南汇街道", "松台街道"), 0, 2),
    ("江苏省", "南京市", "鼓楼区", ("湖南路街道", "宁海路街道", "华侨路街道", "江东街道"), 0, 3),
    ("江苏省", "苏州市", "姑苏区", ("平江街道", "双塔街道", "沧浪街道"), 0, 3),
    ("江苏省", "苏州市", "吴中区", ("长桥街道", "郭巷街道", "越溪街道"), 0, 2),
    ("江苏省", "无锡市", "梁溪区", ("崇安寺街道", "广益街道", "扬名街道"), 0, 2),
    ("上海市", "上海市", "浦东新区", ("陆家嘴街道", "花木街道", "张江镇", "川沙新镇", "北蔡镇"), 0, 5),
    ("上海市", "上海市", "闵行区", ("莘庄镇", "七宝镇", "古美街道", "江川路街道"), 0, 3),
    ("上海市", "上海市", "徐汇区", ("徐家汇街道", "田林街道", "漕河泾街道", "龙华街道"), 0, 2),
    ("北京市", "北京市", "朝阳区", ("望京街道", "三里屯街道", "酒仙桥街道", "劲松街道", "双井街道"), 0, 4),
    ("北京市", "北京市", "海淀区", ("中关村街道", "学院路街道", "万寿路街道", "清河街道"), 0, 3),
    ("北京市", "北京市", "丰台区", ("卢沟桥街道", "新村街道", "丰台街道"), 0, 2),
    ("天津市", "天津市", "南开区", ("体育中心街道", "王顶堤街道", "嘉陵道街道"), 0, 2),
    ("河北省", "石家庄市", "长安区", ("建北街道", "青园街道", "育才街道"), 0, 2),
    ("河北省", "廊坊市", "三河市", ("燕郊镇", "鼎盛东大街街道"), 0, 2),
    ("山西省", "太原市", "小店区", ("坞城街道", "营盘街道", "平阳路街道"), 0, 2),
    ("四川省", "成都市", "武侯区", ("玉林街道", "簇桥街道", "红牌楼街道", "浆洗街街道"), 0, 4),
    ("四川省", "成都市", "锦江区", ("春熙路街道", "牛市口街道", "书院街街道"), 0, 3),
    ("四川省", "成都市", "成华区", ("猛追湾街道", "建设路街道", "双桥子街道"), 0, 3),
    ("四川省", "绵阳市", "涪城区", ("城厢街道", "工区街道", "朝阳街道"), 0, 2),
    ("重庆市", "重庆市", "渝北区", ("龙溪街道", "回兴街道", "双龙湖街道"), 0, 3),
    ("重庆市", "重庆市", "江北区", ("观音桥街道", "五里店街道", "大石坝街道"), 0, 3),
    ("湖北省", "武汉市", "洪山区", ("珞南街道", "关山街道", "和平街道"), 0, 3),
    ("湖北省", "武汉市", "江汉区", ("民族街道", "唐家墩街道", "常青街道"), 0, 2),
    ("湖南省", "长沙市", "岳麓区", ("橘子洲街道", "望月湖街道", "观沙岭街道", "梅溪湖街道"), 0, 3),
    ("湖南省", "长沙市", "天心区", ("坡子街街道", "城南路街道", "裕南街街道"), 0, 2),
    ("湖南省", "株洲市", "天元区", ("嵩山路街道", "泰山路街道"), 0, 1),
    ("河南省", "郑州市", "金水区", ("经八路街道", "文化路街道", "花园路街道", "丰产路街道"), 0, 4),
    ("河南省", "郑州市", "二七区", ("德化街街道", "淮河路街道", "五里堡街道"), 0, 2),
    ("河南省", "洛阳市", "西工区", ("王城路街道", "凯旋东路街道"), 0, 2),
    ("山东省", "济南市", "历下区", ("泉城路街道", "趵突泉街道", "千佛山街道", "甸柳街道"), 0, 3),
    ("山东省", "青岛市", "市南区", ("香港中路街道", "八大湖街道", "江苏路街道"), 0, 3),
    ("山东省", "青岛市", "崂山区", ("中韩街道", "沙子口街道"), 0, 2),
    ("山东省", "临沂市", "兰山区", ("兰山街道", "银雀山街道", "金雀山街道"), 0, 2),
    ("福建省", "福州市", "鼓楼区", ("东街街道", "南街街道", "温泉街道", "五凤街道"), 0, 2),
    ("福建省", "厦门市", "思明区", ("中华街道", "鹭江街道", "莲前街道", "嘉莲街道", "筼筜街道"), 0, 3),
    ("福建省", "泉州市", "晋江市", ("青阳街道", "梅岭街道", "西园街道"), 0, 2),
    ("陕西省", "西安市", "雁塔区", ("小寨路街道", "大雁塔街道", "电子城街道", "丈八沟街道"), 0, 3),
    ("陕西省", "西安市", "碑林区", ("南院门街道", "长乐坊街道", "张家村街道"), 0, 2),
    ("辽宁省", "沈阳市", "和平区", ("太原街街道", "南湖街道", "北市场街道"), 0, 2),
    ("辽宁省", "大连市", "沙河口区", ("黑石礁街道", "马栏街道", "星海湾街道"), 0, 2),
    ("吉林省", "长春市", "朝阳区", ("桂林街道", "湖西街道", "红旗街道"), 0, 1),
    ("黑龙江省", "哈尔滨市", "南岗区", ("花园街道", "大成街道", "芦家街道"), 1, 2),
    ("安徽省", "合肥市", "蜀山区", ("三里庵街道", "稻香村街道", "琥珀街道", "南七街道"), 0, 3),
    ("安徽省", "阜阳市", "颍州区", ("鼓楼街道", "文峰街道", "清河街道"), 0, 2),
    ("江西省", "南昌市", "东湖区", ("百花洲街道", "公园街道", "滕王阁街道"), 0, 2),
    ("江西省", "赣州市", "章贡区", ("南外街道", "解放街道", "赣江街道"), 0, 1),
    ("广西壮族自治区", "南宁市", "青秀区", ("新竹街道", "中山街道", "南湖街道"), 0, 2),
    ("云南省", "昆明市", "五华区", ("华山街道", "护国街道", "大观街道", "莲华街道"), 1, 2),
    ("贵州省", "贵阳市", "南明区", ("花果园街道", "遵义路街道", "兴关路街道"), 1, 2),
    ("海南省", "海口市", "龙华区", ("金贸街道", "大同街道", "滨海街道"), 1, 1),
    ("甘肃省", "兰州市", "城关区", ("张掖路街道", "东岗西路街道", "皋兰路街道"), 1, 1),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", ("大学东路街道", "人民路街道"), 1, 1),
    ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", ("和平路街道", "燕儿窝街道"), 1, 1),
    ("宁夏回族自治区", "银川市", "兴庆区", ("凤凰北街街道", "解放西街街道"), 1, 1),
)
REGION_CUM = list(accumulate(r[5] for r in REGIONS))

ROADS = (
    "人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "黄河路", "文化路", "学府路", "科技路",
    "新华路", "青年路", "迎宾大道", "世纪大道", "光明路", "幸福路", "朝阳路", "滨江路", "东风路", "湖滨路",
    "花园路", "胜利路", "金沙路", "望江路", "锦绣路", "团结路", "兴业路", "创新大道", "工业路", "南环路",
)  # fmt: skip
COMP_A = (
    "阳光", "金地", "万科", "碧桂园", "保利", "绿地", "龙湖", "华润", "中海", "恒大", "融创", "世纪", "锦绣",
    "东方", "翠湖", "紫荆", "盛世", "香樟", "梧桐", "枫林", "银河", "海棠", "富力", "招商", "南湖", "滨江",
    "金色", "紫金", "幸福", "和谐", "书香", "水岸", "御景", "天悦", "星河", "丽景",
)  # fmt: skip
COMP_B = (
    "花园", "小区", "家园", "公寓", "名苑", "华庭", "新村", "嘉园", "城", "府", "湾", "雅居", "国际", "一期",
    "二期", "三期", "东区", "西区", "悦府", "佳苑",
)  # fmt: skip
VILLAGES = ("王家", "李庄", "张湾", "刘营", "陈坝", "杨柳", "石桥", "新河", "东湖", "马庄", "黄土岗", "前进", "红星")
TOWERS = ("大厦", "广场", "中心", "科技园", "创业园")
PICKUPS = ("菜鸟驿站", "兔喜快递超市", "妈妈驿站", "快递驿站", "丰巢快递柜", "邻里驿站")
SHOPS = (
    "萌爪宠物店", "喵了个咪猫咖", "汪星人宠物生活馆", "毛孩子宠物美容", "宠爱有家宠物店", "喵呜猫舍",
    "康宠动物医院", "小橘猫咖啡馆", "乐宠宠物用品店", "阿福宠物医院", "萌宠乐园", "一只猫的咖啡店",
    "宠物美容护理中心", "铲屎官宠物超市",
)  # fmt: skip
SHELTERS = ("流浪动物救助基地", "小动物保护协会救助站", "流浪猫狗救助中心", "爱心救助小院")
CAMPUSES = (
    ("四川省", "成都市", "武侯区", "四川大学望江校区"),
    ("湖北省", "武汉市", "洪山区", "华中科技大学"),
    ("湖南省", "长沙市", "岳麓区", "湖南大学"),
    ("陕西省", "西安市", "雁塔区", "陕西师范大学雁塔校区"),
    ("江苏省", "南京市", "鼓楼区", "南京大学鼓楼校区"),
    ("河南省", "郑州市", "金水区", "河南农业大学文化路校区"),
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_CUM = list(accumulate((9 if i < 10 else 4 if i < 30 else 1.5) for i in range(len(SURNAMES))))
GIVEN_F = "静丽敏婷雪慧娜颖佳欣怡琳晓梦雨涵萱婧蕾倩芳燕霞娟玲瑶琪璐悦彤诗"
GIVEN_M = "伟强磊军勇杰涛明超斌鹏辉刚浩宇轩俊峰宏志建文博凯晨阳昊天鑫"
GIVEN_N = "子一嘉可思若安乐宁欣梓"
PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "191", "195", "198", "199",
)  # fmt: skip
VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")
CN_NUM = "零一二三四五六七八九十"

HONEST_NOTES = (
    "请尽快发货", "放菜鸟驿站", "不要放门口，打电话", "周末再送", "生产日期要新鲜的", "送点试吃装谢谢",
    "包装好点，猫砂别压破了", "放门卫室", "下午送", "不要打电话，放快递柜", "发中通", "第二次买了，好评",
)  # fmt: skip
SUFFIXES = (" (放门口)", "（放驿站）", " 放菜鸟驿站", "(工作日放门卫)", " 到了打电话", "（放快递柜）")

HOURS = tuple(range(24))
HOUR_W = (
    0.9, 0.5, 0.25, 0.15, 0.1, 0.15, 0.35, 0.7, 1.1, 1.4, 1.6, 1.7,
    1.9, 1.6, 1.4, 1.4, 1.5, 1.6, 1.7, 2.0, 2.5, 2.8, 2.6, 1.7,
)  # fmt: skip
HOUR_CUM = list(accumulate(HOUR_W))
WEEKDAY_W = (0.9, 0.93, 0.97, 0.95, 1.05, 1.22, 1.25)


@dataclass
class Place:
    region: tuple
    street: str
    kind: str  # home, office, rural, pickup, shop, campus
    road: str
    no: int
    comp: str
    bld: int
    unit: int
    room: int
    extra: str = ""

    @property
    def remote(self) -> bool:
        return bool(self.region[4])


@dataclass
class Buyer:
    name: str
    phone: str
    place: Place
    detail: str


@dataclass
class Regular:
    buyer: Buyer
    hour: int
    staples: list = field(default_factory=list)  # [(sku, qty, cycle_days)]


def _pick(rng, dist):
    values, weights = zip(*dist, strict=True)
    return rng.choices(values, weights)[0]


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int):
        if end.tzinfo is not None:
            from zoneinfo import ZoneInfo

            end = end.astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None)
        self.rng = random.Random(seed)
        self.end = end.replace(microsecond=0)
        self.start = self.end - timedelta(days=30)
        self.n = orders
        self.k = orders / 20_000
        self.out: list[ExportOrder] = []
        self.nos: set[str] = set()
        self.phones: set[str] = set()
        d0, d1 = self.start.date(), self.end.date()
        self.days = [d0 + timedelta(days=i) for i in range((d1 - d0).days + 1)]
        self.member_days = [d for d in self.days if d.day == 15]
        weights = []
        for i, d in enumerate(self.days):
            w = WEEKDAY_W[d.weekday()] * (0.92 + 0.16 * i / len(self.days))
            if d.day == 15:
                w *= 2.3
            elif d.day in (14, 16):
                w *= 1.15
            weights.append(w)
        self.day_cum = list(accumulate(weights))
        self.regulars: list[Regular] = []

    # ---- people --------------------------------------------------------------------------

    def phone(self, virtual: float = 0.0) -> str:
        rng = self.rng
        while True:
            pre = rng.choice(VIRTUAL_PREFIXES) if rng.random() < virtual else rng.choice(PREFIXES)
            p = pre + f"{rng.randrange(10**8):08d}"
            if p not in self.phones:
                self.phones.add(p)
                return p

    def name(self, surname: str | None = None, polite: float = 0.03) -> str:
        rng = self.rng
        s = surname or rng.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
        r = rng.random()
        if r < polite:
            return s + rng.choice(("女士", "先生", "姐", "小姐"))
        pool = GIVEN_F if rng.random() < 0.58 else GIVEN_M
        if rng.random() < 0.3:
            return s + rng.choice(pool)
        first = rng.choice(GIVEN_N) if rng.random() < 0.25 else rng.choice(pool)
        return s + first + rng.choice(pool)

    def region(self):
        return self.rng.choices(REGIONS, cum_weights=REGION_CUM)[0]

    def compound(self) -> str:
        rng = self.rng
        return rng.choice(COMP_A) + rng.choice(COMP_B)

    def place(self, region=None, kind: str | None = None) -> Place:
        rng = self.rng
        region = region or self.region()
        if kind is None:
            r = rng.random()
            kind = "home" if r < 0.85 else "rural" if r < 0.93 else "office" if r < 0.97 else "pickup"
        floor = min(33, int(rng.expovariate(1 / 8)) + 1)
        p = Place(
            region=region,
            street=rng.choice(region[3]),
            kind=kind,
            road=rng.choice(ROADS),
            no=rng.randint(1, 999) if rng.random() < 0.7 else rng.randint(1, 120),
            comp=self.compound(),
            bld=rng.randint(1, 32),
            unit=rng.randint(1, 6),
            room=floor * 100 + rng.randint(1, 6),
        )
        if kind == "rural":
            p.comp = rng.choice(VILLAGES) + "村"
            p.bld = rng.randint(1, 12)
            p.no = rng.randint(1, 199)
        elif kind == "office":
            p.comp = rng.choice(COMP_A) + rng.choice(TOWERS)
        elif kind == "pickup":
            p.extra = rng.choice(("南门", "东门", "北门", "西门", "")) + rng.choice(PICKUPS)
        return p

    def render(self, p: Place, style: int | None = None, flourish: float = 0.25) -> str:
        """The detail line as one person types it; different styles say the same place."""
        rng = self.rng
        r, b, u, no, comp, road = p.room, p.bld, p.unit, p.no, p.comp, p.road
        if p.kind == "rural":
            forms = (
                f"{comp}{b}组{no}号",
                f"{comp}{no}号",
                f"{road}旁{comp}{b}组",
                f"{comp} {b}组 {no}号",
                f"{comp}村委会旁{no}号",
            )
        elif p.kind == "office":
            forms = (
                f"{road}{no}号{comp}{r // 100}楼{r}",
                f"{comp}{b}座{r}室",
                f"{road}{no}号{comp} {r}",
                f"{comp}{r}（前台代收）",
            )
        elif p.kind == "pickup":
            forms = (
                f"{comp}{p.extra}",
                f"{road}{no}号{comp}{p.extra}",
                f"{comp}{p.extra}(代收点)",
                f"{road}{no}号 {p.extra}",
                f"{comp} {p.extra}",
            )
        elif p.kind == "shop":
            forms = (
                f"{road}{no}号{p.extra}",
                f"{road}{no}号 {p.extra}门店",
                f"{comp}{b}栋底商 {p.extra}",
                f"{road}{no}号一楼{p.extra}",
            )
        elif p.kind == "campus":
            forms = (
                f"{comp}{p.extra}",
                f"{comp}学生公寓{b}栋{p.extra}",
                f"{comp} {p.extra}",
                f"{comp}{p.extra}（代收）",
            )
        else:
            forms = (
                f"{road}{no}号{comp}{b}栋{u}单元{r}室",
                f"{comp}{b}栋{u}单元{r}",
                f"{comp}{b}幢{r}室",
                f"{comp}{b}号楼{u}单元{r}",
                f"{comp}{b}-{u}-{r}",
                f"{road}{no}号{comp} {b}栋{r}",
                f"{comp}{b}栋{u}单元{r}号",
                f"{comp} {b}号楼 {u}-{r}",
                f"{comp}{b}幢{u}单元{r}",
                f"{road}{no}号 {comp}{b}-{r}",
            )
        s = forms[style % len(forms)] if style is not None else rng.choice(forms)
        if rng.random() < flourish:
            f = rng.random()
            if f < 0.2 and "单元" in s and u <= 10:
                s = s.replace(f"{u}单元", f"{CN_NUM[u]}单元", 1)
            elif f < 0.35:
                s = s.replace("室", "")
            elif f < 0.55:
                s = p.street + s
            elif f < 0.8:
                s += rng.choice(SUFFIXES)
            elif f < 0.9:
                s = s.replace("栋", "栋 ").replace("单元", "单元 ")
            else:
                s = p.region[2] + p.street + s
        return s.strip()

    def buyer(self, region=None, kind=None, virtual: float = 0.0, polite: float = 0.03) -> Buyer:
        p = self.place(region, kind)
        return Buyer(self.name(polite=polite), self.phone(virtual), p, self.render(p))

    # ---- time ----------------------------------------------------------------------------

    def when(self, lo: datetime | None = None, hi: datetime | None = None) -> datetime:
        rng = self.rng
        lo = max(lo or self.start, self.start)
        hi = min(hi or self.end, self.end)
        for _ in range(200):
            d = rng.choices(self.days, cum_weights=self.day_cum)[0]
            h = rng.choices(HOURS, cum_weights=HOUR_CUM)[0]
            t = datetime(d.year, d.month, d.day, h, rng.randrange(60), rng.randrange(60))
            if lo <= t < hi:
                return t
        return lo + (hi - lo) * rng.random()

    def at(self, d: date, hour: int | None = None, spread: float = 1.2) -> datetime:
        rng = self.rng
        if hour is None or rng.random() < 0.35:
            hour = rng.choices(HOURS, cum_weights=HOUR_CUM)[0]
            minutes = rng.uniform(0, 60)
        else:
            minutes = rng.gauss(30, 60 * spread)
        t = datetime(d.year, d.month, d.day) + timedelta(hours=hour, minutes=minutes)
        return t.replace(microsecond=0)

    def inside(self, t: datetime) -> bool:
        return self.start <= t < self.end

    def member_pull(self, d: date) -> date:
        rng = self.rng
        for md in self.member_days:
            gap = (md - d).days
            if (0 < gap <= 5 and rng.random() < 0.35) or (-3 <= gap < 0 and rng.random() < 0.2):
                return md
        return d

    # ---- outcomes ------------------------------------------------------------------------

    def plan(self, kind: str, who: str = "new") -> str:
        unpaid, cancel = (0.02, 0.015) if who == "regular" else (0.046, 0.028)
        refund = {"litter": 0.034, "cat_food": 0.026, "dog_food": 0.024, "can": 0.022}.get(kind, 0.02)
        r = self.rng.random()
        for plan, p in (
            ("unpaid", unpaid),
            ("cancel", cancel),
            ("refund_recv", refund),
            ("refund_ship", 0.007),
            ("dispute", 0.003),
        ):
            if r < p:
                return plan
            r -= p
        return "ok"

    def ship_time(self, pay: datetime) -> datetime:
        rng = self.rng
        day = datetime(pay.year, pay.month, pay.day)
        if pay.hour >= 15:
            day += timedelta(days=1)
        ship = day + timedelta(hours=rng.uniform(15.5, 21.5))
        if rng.random() < 0.12:
            ship += timedelta(days=1, hours=rng.uniform(-3, 3))
        if ship <= pay:
            ship = pay + timedelta(hours=rng.uniform(2, 6))
        return ship.replace(microsecond=0)

    def settle(self, t: datetime, plan: str, remote: bool):
        """(outcome, paid_at, shipped_at, received_at) of an order placed at t, as seen at end."""
        rng, end = self.rng, self.end
        if plan == "unpaid":
            close = t + timedelta(minutes=rng.uniform(15, 1440))
            return ("unpaid" if close > end else "unpaid_closed"), None, None, None
        r = rng.random()
        secs = rng.uniform(4, 90) if r < 0.8 else rng.uniform(90, 900) if r < 0.95 else rng.uniform(900, 3600)
        pay = (t + timedelta(seconds=secs)).replace(microsecond=0)
        if pay > end:
            return "unpaid", None, None, None
        ship = self.ship_time(pay)
        if plan == "cancel":
            cancel = pay + timedelta(minutes=rng.uniform(2, 60 * 18))
            if cancel >= ship:
                cancel = pay + (ship - pay) * rng.uniform(0.1, 0.9)
            return ("paid" if cancel > end else "cancelled"), pay, None, None
        if ship > end:
            return "paid", pay, None, None
        arrive = ship + timedelta(days=rng.uniform(0.9, 3.2) + (rng.uniform(1.5, 3.0) if remote else 0))
        if plan == "refund_ship":
            req = ship + timedelta(days=rng.uniform(0.8, 4.5))
            done = req + timedelta(hours=rng.uniform(2, 72))
            if req > end:
                return "shipped", pay, ship, None
            return ("refunding" if done > end else "refunded"), pay, ship, None
        c = rng.random()
        wait = rng.uniform(0.2, 12) if c < 0.55 else rng.uniform(12, 96) if c < 0.93 else rng.uniform(96, 168)
        recv = (arrive + timedelta(hours=wait)).replace(microsecond=0)
        if recv > end:
            return "shipped", pay, ship, None
        if plan == "ok":
            return "completed", pay, ship, recv
        req = recv + timedelta(hours=rng.uniform(0.5, 24 * 4))
        if req > end:
            return "completed", pay, ship, recv
        if plan == "dispute":
            return "refunding", pay, ship, recv
        done = req + timedelta(hours=rng.uniform(1, 60))
        return ("refunding" if done > end else "refunded"), pay, ship, recv

    # ---- orders --------------------------------------------------------------------------

    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.nos:
                self.nos.add(no)
                return no

    def amount(self, sku: Sku, qty: int, t: datetime, *, new=False, bulk=False, unit=None) -> Decimal:
        rng = self.rng
        sub = (unit or sku.price) * qty
        if bulk:
            sub *= Decimal("0.85")
        elif unit is None and sku.kind in STAPLE_KINDS and t.date() in self.member_days:
            sub *= Decimal("0.88")
        r = rng.random()
        off = 0
        if new and sku.kind == "trial":
            off = 5
        elif new and sub >= 19 and r < 0.3:
            off = 3
        elif sub >= 199 and r < 0.5:
            off = 20
        elif sub >= 99 and r < 0.5:
            off = 10
        elif sub >= 29 and r < 0.15:
            off = 3
        return max(sub - off, CENT).quantize(CENT, rounding=ROUND_HALF_UP)

    def emit(
        self,
        b: Buyer,
        sku: Sku,
        qty: int,
        t: datetime,
        plan: str,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        detail: str | None = None,
        place: Place | None = None,
        name: str | None = None,
        phone: str | None = None,
        note: str | None = None,
        new: bool = False,
        bulk: bool = False,
        unit: Decimal | None = None,
    ) -> ExportOrder | None:
        t = t.replace(microsecond=0)
        if not self.inside(t):
            return None
        p = place or b.place
        outcome, paid, shipped, received = self.settle(t, plan, p.remote)
        if note is None:
            note = self.rng.choice(HONEST_NOTES) if self.rng.random() < 0.07 else ""
        o = ExportOrder(
            order_no=self.order_no(t),
            sku_id=sku.id,
            sku_name=sku.name,
            spec=sku.spec,
            quantity=qty,
            amount=self.amount(sku, qty, t, new=new, bulk=bulk, unit=unit),
            outcome=outcome,
            ordered_at=t,
            paid_at=paid,
            shipped_at=shipped,
            received_at=received,
            receiver=name or b.name,
            phone=phone or b.phone,
            province=p.region[0],
            city=p.region[1],
            district=p.region[2],
            street=p.street,
            detail=detail or b.detail,
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )
        self.out.append(o)
        return o

    def capped(self, n: int, fn, *args) -> None:
        """Run a shape generator until it produced n orders (cut at n)."""
        mark = len(self.out)
        guard = 0
        while len(self.out) - mark < n and guard < 10_000:
            fn(*args)
            guard += 1
        del self.out[mark + n :]

    # ---- honest population ---------------------------------------------------------------

    def new_regular(self) -> Regular:
        rng = self.rng
        b = self.buyer()
        reg = Regular(b, rng.choices(HOURS, cum_weights=HOUR_CUM)[0])
        pet = rng.choices(("cat", "dog", "both"), (0.64, 0.3, 0.06))[0]
        n = rng.choices((1, 2, 3, 4), (0.55, 0.28, 0.12, 0.05))[0]
        if pet in ("cat", "both"):
            food = rng.choices(_kind("cat_food"), (9, 3, 3, 5, 2))[0]
            grams = {"2kg": 2000, "10kg": 10000, "1.5kg": 1500, "1.8kg": 1800, "5.4kg": 5400}[food.spec]
            cycle = grams / (60 * n)
            qty = 1 if cycle >= 12 else 2
            reg.staples.append((food, qty, cycle * qty))
            if rng.random() < 0.8:
                lit = rng.choices(_kind("litter"), (10, 7, 6, 4, 2))[0]
                bag_days = {"PT-LB10": 22, "PT-LC38": 12}.get(lit.id, 8)
                want = rng.uniform(10, 40)
                qty = max(1 if lit.id == "PT-LB10" else 2, min(6, round(want * n / bag_days)))
                reg.staples.append((lit, qty, qty * bag_days / n))
            if rng.random() < 0.3:
                can = rng.choice((BY_ID["PT-CN85"], BY_ID["PT-CN85"], BY_ID["PT-CN17"]))
                qty = rng.choice((12, 12, 24, 24, 48)) if can.id == "PT-CN85" else rng.choice((6, 12, 12))
                reg.staples.append((can, qty, qty / (0.7 * n)))
            if rng.random() < 0.25:
                reg.staples.append((BY_ID["PT-CS20"], rng.choice((1, 1, 2)), rng.uniform(14, 30)))
        if pet in ("dog", "both"):
            size = rng.choices(("small", "medium", "large"), (0.5, 0.35, 0.15))[0]
            daily = {"small": 70, "medium": 220, "large": 420}[size] * min(n, 2)
            food = {
                "small": rng.choice((BY_ID["PT-SD15"], BY_ID["PT-DF25"])),
                "medium": rng.choice((BY_ID["PT-DF25"], BY_ID["PT-DF10"])),
                "large": rng.choice((BY_ID["PT-DF10"], BY_ID["PT-LD15"])),
            }[size]
            grams = {"1.5kg": 1500, "2.5kg": 2500, "10kg": 10000, "15kg": 15000}[food.spec]
            qty = 1 if grams / daily >= 10 else 2 if grams / daily >= 5 else 3
            reg.staples.append((food, qty, qty * grams / daily))
            if rng.random() < 0.35:
                reg.staples.append((rng.choice(_kind("treat")[2:]), 1, rng.uniform(15, 35)))
            if rng.random() < 0.12:
                reg.staples.append((BY_ID["PT-DC37"], rng.choice((6, 12)), rng.uniform(12, 30)))
        return reg

    def regular_orders(self, reg: Regular, lookalike: str | None = None) -> None:
        rng = self.rng
        for sku, qty, cycle in reg.staples:
            cycle = max(cycle, 7.0)
            t = self.start + timedelta(days=rng.uniform(0, cycle))
            while t < self.end:
                d = self.member_pull(t.date())
                ts = self.at(d, reg.hour)
                q = qty
                if sku.kind == "litter" and qty >= 2 and rng.random() < 0.25:
                    q = max(2, min(6, qty + rng.choice((-1, 1))))
                self.emit(reg.buyer, sku, q, ts, self.plan(sku.kind, "regular"), lookalike=lookalike)
                if rng.random() < 0.1:
                    add = rng.choice(ADDON)
                    extra = ts + timedelta(minutes=rng.uniform(0.5, 8))
                    self.emit(reg.buyer, add, _pick(rng, add.qty), extra, self.plan(add.kind), lookalike=lookalike)
                t += timedelta(days=cycle * rng.uniform(0.85, 1.18))

    def one_off(self) -> None:
        rng = self.rng
        sku = rng.choices(SKUS, cum_weights=SKU_CUM)[0]
        b = self.buyer()
        t = self.when()
        self.emit(b, sku, _pick(rng, sku.qty), t, self.plan(sku.kind), new=True)
        if rng.random() < 0.08:
            add = rng.choice(ADDON)
            self.emit(b, add, 1, t + timedelta(minutes=rng.uniform(0.3, 6)), self.plan(add.kind), new=True)

    # ---- honest look-alikes --------------------------------------------------------------

    def flash_sale(self, n: int) -> None:
        rng = self.rng
        offers = (
            ("PT-FC50", Decimal("39.90"), ((1, 0.8), (2, 0.2))),
            ("PT-LT6O", Decimal("12.90"), ((4, 0.5), (6, 0.5))),
            ("PT-CS20", Decimal("15.90"), ((1, 0.7), (2, 0.3))),
            ("PT-CF02", Decimal("39.90"), ((1, 0.85), (2, 0.15))),
            ("PT-FQ20", Decimal("19.90"), ((1, 0.75), (2, 0.25))),
        )
        events = 1 if n < 700 or rng.random() < 0.4 else 2
        sizes = [n] if events == 1 else [round(n * 0.62), n - round(n * 0.62)]
        for size, (sku_id, unit, qd) in zip(sizes, rng.sample(offers, events), strict=False):
            sku = BY_ID[sku_id]
            d = self.days[rng.randint(2, max(2, len(self.days) - 6))]
            if self.member_days and rng.random() < 0.5:
                d = self.member_days[0]
            t0 = datetime(d.year, d.month, d.day, rng.choice((10, 12, 20, 20, 21)))
            if not self.inside(t0) or t0 > self.end - timedelta(days=4):
                t0 = self.when(self.start + timedelta(days=1), self.end - timedelta(days=5)).replace(minute=0, second=0)
            for _ in range(size):
                off = min(rng.expovariate(1 / 100), 60 * 14) if rng.random() < 0.95 else rng.uniform(60, 60 * 25)
                plan = rng.choices(
                    ("ok", "unpaid", "cancel", "refund_recv", "refund_ship"), (0.87, 0.07, 0.03, 0.02, 0.01)
                )[0]
                b = rng.choice(self.regulars).buyer if self.regulars and rng.random() < 0.2 else self.buyer()
                self.emit(b, sku, _pick(rng, qd), t0 + timedelta(seconds=off), plan, lookalike="flash_sale", unit=unit)

    def wholesale(self) -> None:
        rng = self.rng
        p = self.place(kind="shop")
        p.extra = rng.choice(SHOPS)
        b = Buyer(self.name(polite=0.1), self.phone(), p, self.render(p, flourish=0.1))
        cat_shop = "狗" not in p.extra and "汪" not in p.extra
        staples = [s for s in SKUS if s.kind in STAPLE_KINDS or s.id in ("PT-MW03", "PT-CS20", "PT-FC50")]
        if cat_shop:
            staples = [s for s in staples if s.kind != "dog_food" and s.id != "PT-DC37"]
        for _ in range(rng.randint(1, 4)):
            t = self.when()
            for sku in rng.sample(staples, rng.randint(1, 3)):
                heavy = sku.price > 150
                qty = rng.randint(10, 20) if heavy else rng.randint(10, 60)
                if sku.kind == "can":
                    qty = rng.choice((24, 36, 48, 60))
                plan = rng.choices(("ok", "cancel", "refund_recv", "unpaid"), (0.9, 0.04, 0.03, 0.03))[0]
                note = (
                    rng.choice(("店用，麻烦开发票", "尽快发货谢谢", "老客户了，发物流", ""))
                    if rng.random() < 0.4
                    else ""
                )
                self.emit(b, sku, qty, t, plan, lookalike="wholesale", bulk=True, note=note)
                t += timedelta(minutes=rng.uniform(0.5, 5))

    def family(self) -> None:
        rng = self.rng
        p = self.place(kind="home" if rng.random() < 0.9 else "rural")
        shared = self.phone()
        surname = rng.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
        size = rng.choices((2, 3), (0.7, 0.3))[0]
        one_phone = rng.random() < 0.35
        base_style = rng.randrange(10)
        members = []
        for i in range(size):
            nm = self.name(surname if i > 0 and rng.random() < 0.5 else None)
            ph = shared if (one_phone or i == 0) else self.phone()
            detail = self.render(p, base_style, flourish=0.05) if rng.random() < 0.6 else self.render(p)
            members.append(Buyer(nm, ph, p, detail))
        for m in members:
            for _ in range(rng.choices((1, 2, 3, 4), (0.35, 0.35, 0.2, 0.1))[0]):
                sku = rng.choices(SKUS, cum_weights=SKU_CUM)[0]
                self.emit(m, sku, _pick(rng, sku.qty), self.when(), self.plan(sku.kind, "regular"), lookalike="family")

    def multi_cat(self) -> None:
        rng = self.rng
        b = self.buyer()
        cats = rng.randint(5, 15)
        second = Buyer(self.name(), b.phone, b.place, self.render(b.place)) if rng.random() < 0.25 else None
        cycle = rng.uniform(7, 14)
        t = self.start + timedelta(days=rng.uniform(0, cycle))
        hour = rng.choices(HOURS, cum_weights=HOUR_CUM)[0]
        while t < self.end:
            ts = self.at(self.member_pull(t.date()), hour)
            who = second if second and rng.random() < 0.3 else b
            lit = rng.choice((BY_ID["PT-LT6O"], BY_ID["PT-LT6G"], BY_ID["PT-LTMX"], BY_ID["PT-LB10"]))
            qty = rng.randint(3, 6) if lit.id == "PT-LB10" else rng.randint(6, 12)
            self.emit(who, lit, qty, ts, self.plan("litter", "regular"), lookalike="multi_cat")
            if rng.random() < 0.6:
                food = rng.choice((BY_ID["PT-CF10"], BY_ID["PT-CF02"], BY_ID["PT-FD18"]))
                q = 1 if food.id == "PT-CF10" else max(2, cats // 3)
                ts2 = ts + timedelta(minutes=rng.uniform(0.5, 4))
                self.emit(who, food, q, ts2, self.plan("cat_food", "regular"), lookalike="multi_cat")
            if rng.random() < 0.35:
                ts3 = ts + timedelta(minutes=rng.uniform(1, 9))
                cans = rng.choice((24, 48, 48, 72))
                self.emit(who, BY_ID["PT-CN85"], cans, ts3, self.plan("can", "regular"), lookalike="multi_cat")
            t += timedelta(days=cycle * rng.uniform(0.8, 1.25))

    def rescue_volunteer(self) -> None:
        rng = self.rng
        region = self.region()
        vol = Buyer(self.name(), self.phone(), self.place(region), "")
        fosters = []
        for _ in range(rng.randint(3, 6)):
            fp = self.place(region, kind="home" if rng.random() < 0.8 else "rural")
            ph = vol.phone if rng.random() < 0.65 else self.phone()
            fosters.append(Buyer(self.name(), ph, fp, self.render(fp)))
        goods = _kind("cat_food", "litter", "can", "med")
        for _ in range(rng.randint(6, 14)):
            f = rng.choice(fosters)
            sku = rng.choice(goods)
            qty = _pick(rng, sku.qty) if sku.kind != "litter" else rng.randint(3, 8)
            plan = rng.choices(("ok", "unpaid", "cancel", "refund_recv"), (0.93, 0.03, 0.02, 0.02))[0]
            note = rng.choice(("救助的猫，麻烦尽快发", "寄给寄养家庭的", "")) if rng.random() < 0.25 else ""
            self.emit(f, sku, qty, self.when(), plan, lookalike="rescue_volunteer", note=note)

    def shelter_donation(self) -> None:
        rng = self.rng
        region = self.region()
        p = self.place(region, kind="shop")
        village = rng.choice(VILLAGES) + "村"
        p.extra = village + rng.choice(SHELTERS) if rng.random() < 0.5 else rng.choice(SHELTERS)
        surname = rng.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
        full = self.name(surname, polite=0)
        contacts = [full, surname + "姐", f"{full}(救助站)", f"{full}（救助基地）"][: rng.randint(2, 4)]
        phones = [self.phone() for _ in range(rng.randint(1, 2))]
        contact = Buyer(full, phones[0], p, "")
        appeals = [self.when(hi=self.end - timedelta(days=3)) for _ in range(rng.randint(2, 4))]
        goods = (BY_ID["PT-CF10"], BY_ID["PT-CF02"], BY_ID["PT-LT6O"], BY_ID["PT-LB10"], BY_ID["PT-CN85"])
        for _ in range(rng.randint(15, 40)):
            t = rng.choice(appeals) + timedelta(hours=rng.expovariate(1 / 10)) if rng.random() < 0.75 else self.when()
            sku = rng.choice(goods)
            qty = rng.choice((1, 2, 3)) if sku.kind != "can" else rng.choice((12, 24, 48))
            plan = rng.choices(("ok", "unpaid", "cancel", "refund_recv"), (0.92, 0.04, 0.02, 0.02))[0]
            note = rng.choice(("爱心捐赠，给救助站的毛孩子", "捐赠", "")) if rng.random() < 0.3 else ""
            self.emit(
                contact,
                sku,
                qty,
                t,
                plan,
                lookalike="shelter_donation",
                name=rng.choice(contacts),
                phone=rng.choice(phones),
                detail=self.render(p, flourish=0.5),
                note=note,
                new=True,
            )

    def reorder(self) -> None:
        rng = self.rng
        b = rng.choice(self.regulars).buyer if self.regulars and rng.random() < 0.3 else self.buyer()
        sku = rng.choices(SKUS, cum_weights=SKU_CUM)[0]
        t = self.when()
        for _ in range(rng.choices((1, 2), (0.85, 0.15))[0]):
            first = rng.choices(("unpaid", "cancel"), (0.7, 0.3))[0]
            self.emit(b, sku, _pick(rng, sku.qty), t, first, lookalike="reorder", new=True)
            t += timedelta(minutes=rng.uniform(1, 12) if first == "unpaid" else rng.uniform(5, 90))
        if rng.random() < 0.3:  # fixed the address or changed the spec
            b = Buyer(b.name, b.phone, b.place, self.render(b.place))
        if rng.random() < 0.3:
            same = [s for s in SKUS if s.kind == sku.kind and s is not sku]
            sku = rng.choice(same) if same else sku
        self.emit(b, sku, _pick(rng, sku.qty), t, self.plan(sku.kind), lookalike="reorder", new=True)

    def picky_pet(self) -> None:
        rng = self.rng
        b = self.buyer()
        foods = _kind("cat_food", "can", "treat") if rng.random() < 0.7 else _kind("dog_food", "treat")
        k = rng.randint(3, 6)
        bad = set(rng.sample(range(k), rng.choice((1, 1, 2))))
        t = self.when(hi=self.start + timedelta(days=8))
        for i, sku in enumerate(rng.sample(foods, min(k, len(foods)))):
            plan = rng.choice(("refund_recv", "refund_recv", "dispute")) if i in bad else "ok"
            note = "猫咪挑食，先试试" if rng.random() < 0.1 else None
            self.emit(b, sku, 1 if sku.kind != "can" else 6, t, plan, lookalike="picky_pet", note=note)
            t = self.at((t + timedelta(days=rng.uniform(3, 8))).date())

    def campus_pickup(self) -> None:
        rng = self.rng
        prov, city, dist, uni = rng.choice(CAMPUSES)
        region = next(r for r in REGIONS if r[:3] == (prov, city, dist))
        p = self.place(region, kind="campus")
        p.comp = uni
        p.extra = rng.choice(("菜鸟驿站", "快递中心", "校园驿站", "南区快递点"))
        goods = (BY_ID["PT-CS20"], BY_ID["PT-CN85"], BY_ID["PT-FQ20"], BY_ID["PT-TW03"], BY_ID["PT-CF02"])
        for _ in range(rng.randint(25, 45)):
            st = Buyer(self.name(polite=0.01), self.phone(), p, self.render(p, flourish=0.3))
            for _ in range(rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]):
                sku = rng.choice(goods)
                qty = rng.choice((6, 12)) if sku.kind == "can" else _pick(rng, sku.qty)
                note = "给学校流浪猫的" if rng.random() < 0.08 else None
                self.emit(st, sku, qty, self.when(), self.plan(sku.kind), lookalike="campus_pickup", note=note)

    # ---- attacks -------------------------------------------------------------------------

    def burst(self, n: int) -> None:
        rng = self.rng
        events = 2 if n >= 260 else 1
        targets = [n] if events == 1 else [n // 2, n - n // 2]
        pool = ("PT-LT6O", "PT-CS20", "PT-FC50", "PT-CF02", "PT-CN85", "PT-FD18")
        for size, sku_id in zip(targets, rng.sample(pool, events), strict=False):
            sku = BY_ID[sku_id]
            if self.member_days and rng.random() < 0.5:
                d = self.member_days[0]
            else:
                d = self.days[rng.randint(1, max(1, len(self.days) - 5))]
            t0 = datetime(d.year, d.month, d.day, rng.choice((19, 20, 21, 22)), rng.randrange(60))
            if not self.inside(t0) or t0 > self.end - timedelta(days=3):
                t0 = self.when(self.start + timedelta(days=1), self.end - timedelta(days=3))
            span = rng.uniform(10, 20) * 60
            mark = len(self.out)
            while len(self.out) - mark < size:
                b = self.buyer(polite=0.06)
                t = t0 + timedelta(seconds=rng.triangular(0, span, span * 0.3))
                for _ in range(rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]):
                    plan = rng.choices(("unpaid", "cancel", "refund_ship", "ok"), (0.6, 0.32, 0.05, 0.03))[0]
                    qty = _pick(rng, sku.qty)
                    self.emit(b, sku, qty, t, plan, label="burst", new=True)
                    t += timedelta(seconds=rng.uniform(20, 150))
            del self.out[mark + size :]

    def inventory_lock(self, n: int) -> None:
        rng = self.rng
        targets = rng.sample(("PT-CF10", "PT-FD18", "PT-FC50", "PT-CT01", "PT-FE40", "PT-MW03", "PT-LT6G"), 3)
        usual = {"PT-FC50": 2, "PT-LT6G": 4}
        mark = len(self.out)
        while len(self.out) - mark < n:
            sku_id = rng.choice(targets)
            sku = BY_ID[sku_id]
            t = self.when()
            for _ in range(rng.choices((1, 2, 3, 4), (0.35, 0.3, 0.2, 0.15))[0]):  # a session
                b = self.buyer(polite=0.05)
                qty = usual.get(sku_id, 1) * rng.randint(3, 8) + rng.choice((0, 0, 1))
                plan = "unpaid" if rng.random() < 0.68 else "cancel"
                self.emit(b, sku, qty, t, plan, label="inventory_lock", new=True, note="")
                if rng.random() < 0.1:
                    other = BY_ID[rng.choice(targets)]
                    later = self.when(t, t + timedelta(days=6))
                    q2 = usual.get(other.id, 1) * rng.randint(3, 8)
                    self.emit(b, other, q2, later, "unpaid", label="inventory_lock", new=True, note="")
                t += timedelta(minutes=rng.uniform(4, 40))
        del self.out[mark + n :]

    def serial_refund(self) -> None:
        rng = self.rng
        b = self.buyer()
        goods = _kind("cat_food", "dog_food", "can", "treat", "med", "care", "litter")
        t = self.when(hi=self.start + timedelta(days=7))
        for _ in range(rng.randint(3, 8)):
            sku = rng.choice(goods)
            plan = rng.choices(("refund_recv", "dispute", "ok"), (0.78, 0.08, 0.14))[0]
            detail = self.render(b.place) if rng.random() < 0.35 else b.detail
            note = rng.choice(("包装要完好", "日期新鲜点", "")) if rng.random() < 0.1 else None
            self.emit(b, sku, _pick(rng, sku.qty), t, plan, label="serial_refund", detail=detail, note=note)
            t = self.at((t + timedelta(days=rng.uniform(2.5, 8))).date())

    def ring(self, n: int) -> None:
        rng = self.rng
        rings = 2 if n < 110 else rng.randint(3, 4)
        shares = [n // rings + (1 if i < n % rings else 0) for i in range(rings)]
        for size in shares:
            region = self.region()
            p = self.place(region, kind="home" if rng.random() < 0.8 else "rural")
            phones = [self.phone() for _ in range(rng.randint(2, 4))]
            names = [self.name(polite=0.08) for _ in range(rng.randint(8, 15))]
            styles = rng.sample(range(10), 4)
            people = []
            for i, nm in enumerate(names):
                ph = phones[i] if i < len(phones) else rng.choice(phones)
                people.append(Buyer(nm, ph, p, self.render(p, rng.choice(styles), flourish=0.4)))
            waves = sorted(self.when() for _ in range(rng.randint(3, 6)))
            mark = len(self.out)
            while len(self.out) - mark < size:
                for who in people:
                    t = rng.choice(waves) + timedelta(hours=rng.uniform(-3, 20))
                    sku = rng.choices(SKUS, cum_weights=SKU_CUM)[0]
                    plan = rng.choices(
                        ("unpaid", "cancel", "refund_recv", "refund_ship", "ok"), (0.3, 0.25, 0.2, 0.1, 0.15)
                    )[0]
                    detail = who.detail if rng.random() < 0.7 else self.render(p, rng.choice(styles), flourish=0.4)
                    self.emit(who, sku, _pick(rng, sku.qty), t, plan, label="ring", detail=detail)
            del self.out[mark + size :]

    def coupon_abuse(self, n: int) -> None:
        rng = self.rng
        ops = 3 if n < 200 else 4
        shares = [n // ops + (1 if i < n % ops else 0) for i in range(ops)]
        goods = (BY_ID["PT-TR03"], BY_ID["PT-CS20"], BY_ID["PT-SP01"], BY_ID["PT-TW03"])
        for size in shares:
            p = self.place(kind="pickup")
            renders = [self.render(p, s, flourish=0.3) for s in rng.sample(range(5), rng.randint(2, 4))]
            days = list(self.member_days) + [self.when().date() for _ in range(rng.randint(3, 6))]
            mark = len(self.out)
            while len(self.out) - mark < size:
                d = rng.choice(days)
                t = datetime(d.year, d.month, d.day) + timedelta(hours=rng.choice((13, 14, 15, 22, 23)))
                t += timedelta(minutes=rng.uniform(0, 50))
                for _ in range(rng.randint(5, 15)):
                    b = Buyer(self.name(polite=0.08), self.phone(virtual=0.4), p, rng.choice(renders))
                    for sku in [goods[0]] if rng.random() < 0.8 else rng.sample(goods, 2):
                        plan = rng.choices(("ok", "unpaid", "refund_ship", "cancel"), (0.86, 0.1, 0.02, 0.02))[0]
                        self.emit(b, sku, 1, t, plan, label="coupon_abuse", new=True, note="")
                        t += timedelta(seconds=rng.uniform(20, 120))
                    t += timedelta(minutes=rng.uniform(1, 9))
            del self.out[mark + size :]

    def not_received_claim(self) -> None:
        rng = self.rng
        region = self.region()
        base = self.place(region, kind="home")
        phones = [self.phone() for _ in range(rng.choice((1, 1, 2)))]
        goods = [BY_ID[i] for i in ("PT-MW03", "PT-MD01", "PT-CF10", "PT-GF54", "PT-FE40", "PT-CT01", "PT-FD18")]
        for _ in range(rng.randint(3, 6)):
            p = Place(**{**base.__dict__})
            p.bld, p.unit = rng.randint(1, 32), rng.randint(1, 6)
            p.room = rng.randint(1, 28) * 100 + rng.randint(1, 4)
            if rng.random() < 0.3:
                p.comp = self.compound()
            who = Buyer(self.name(), rng.choice(phones), p, self.render(p))
            for _ in range(rng.randint(1, 4)):
                sku = rng.choice(goods)
                plan = rng.choices(("refund_ship", "ok"), (0.8, 0.2))[0]
                self.emit(who, sku, 1, self.when(), plan, label="not_received_claim")

    # ---- assembly ------------------------------------------------------------------------

    def run(self) -> list[ExportOrder]:
        rng, n = self.rng, self.n
        attack_n = round(n * rng.uniform(0.046, 0.054))
        shares = {
            "burst": 0.22,
            "inventory_lock": 0.17,
            "serial_refund": 0.13,
            "ring": 0.15,
            "coupon_abuse": 0.17,
            "not_received_claim": 0.16,
        }
        want = {k: round(attack_n * v) for k, v in shares.items()}

        self.regulars = [self.new_regular() for _ in range(max(20, round(1300 * self.k)))]

        self.burst(want["burst"])
        self.inventory_lock(want["inventory_lock"])
        self.capped(want["serial_refund"], self.serial_refund)
        self.ring(want["ring"])
        self.coupon_abuse(want["coupon_abuse"])
        self.capped(want["not_received_claim"], self.not_received_claim)
        attacks = len(self.out)

        honest = n - attacks
        self.flash_sale(round(n * rng.uniform(0.03, 0.065)))
        for fn, share in (
            (self.wholesale, 0.0025),
            (self.family, 0.014),
            (self.multi_cat, 0.008),
            (self.rescue_volunteer, 0.004),
            (self.shelter_donation, 0.005),
            (self.reorder, 0.008),
            (self.picky_pet, 0.004),
            (self.campus_pickup, 0.006),
        ):
            self.capped(max(2, round(n * share)), fn)

        left = attacks + honest - len(self.out)
        mark = len(self.out)
        want_regular = round(left * 0.6)
        i = 0
        while len(self.out) - mark < want_regular:
            if i >= len(self.regulars):
                self.regulars.append(self.new_regular())
            self.regular_orders(self.regulars[i])
            i += 1
        del self.out[mark + want_regular :]
        while len(self.out) < n:
            self.one_off()
        del self.out[n:]
        self.out.sort(key=lambda o: (o.ordered_at, o.order_no))
        return self.out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of a pet supplies shop over the 30 days before ``end``."""
    return _Shop(seed, end, orders).run()


# --------------------------------------------------------------------------------------------
# Self-check: python -m tests.bench.scenarios.family_pets
# --------------------------------------------------------------------------------------------


def _problems(rows: list[ExportOrder], end: datetime) -> list[str]:
    import re

    bad = []
    start = end - timedelta(days=30)
    pattern = re.compile(r"^\d{6}-\d{15}$")
    if len({o.order_no for o in rows}) != len(rows):
        bad.append("duplicate order numbers")
    for o in rows:
        why = []
        if not pattern.match(o.order_no) or o.order_no[:6] != f"{o.ordered_at:%y%m%d}":
            why.append("order_no")
        if o.outcome not in OUTCOMES:
            why.append("outcome")
        if not (start <= o.ordered_at < end):
            why.append("ordered_at outside window")
        if not (len(o.phone) == 11 and o.phone.isdigit()):
            why.append("phone")
        unpaid = o.outcome in ("unpaid", "unpaid_closed")
        if unpaid != (o.paid_at is None):
            why.append("paid_at")
        shipped = o.outcome in ("shipped", "completed", "refunding", "refunded")
        if shipped != (o.shipped_at is not None):
            why.append("shipped_at")
        if o.outcome == "completed" and o.received_at is None:
            why.append("completed without receipt")
        if o.outcome in ("unpaid", "unpaid_closed", "paid", "cancelled", "shipped") and o.received_at:
            why.append("received_at")
        chain = [t for t in (o.ordered_at, o.paid_at, o.shipped_at, o.received_at) if t is not None]
        if chain != sorted(chain) or chain[-1] > end:
            why.append("timestamps out of order")
        if o.amount <= 0 or o.quantity <= 0:
            why.append("amount/quantity")
        if why:
            bad.append(f"{o.order_no}: {', '.join(why)}")
    return bad


def _main() -> None:
    end = datetime.now().replace(microsecond=0)
    t0 = time.perf_counter()
    rows = generate(seed=1, end=end)
    took = time.perf_counter() - t0

    def mix(group: list[ExportOrder]) -> str:
        c = Counter(o.outcome for o in group)
        return ", ".join(f"{k} {v * 100 / len(group):.0f}%" for k, v in c.most_common())

    groups: dict[str, list[ExportOrder]] = defaultdict(list)
    for o in rows:
        key = f"label={o.label}" if o.label else f"lookalike={o.lookalike}" if o.lookalike else "plain honest"
        groups[key].append(o)
    print(f"family {FAMILY}: {len(rows)} orders in {took:.2f}s (end {end})")
    for key in sorted(groups, key=lambda k: (not k.startswith("label"), k)):
        g = groups[key]
        people = len({(o.receiver, o.phone) for o in g})
        print(f"  {key:<30} {len(g):>6}  receivers {people:>5}  | {mix(g)}")
    attacks = sum(1 for o in rows if o.label)
    print(f"attack share {attacks * 100 / len(rows):.2f}%  honest outcome mix: {mix([o for o in rows if not o.label])}")
    recent = [o for o in rows if o.ordered_at >= end - timedelta(days=2)]
    older = [o for o in rows if o.ordered_at < end - timedelta(days=7)]
    print(f"last 2 days: {mix(recent)}")
    print(f"older than 7 days: {mix(older)}")
    problems = _problems(rows, end)
    print(f"consistency problems: {len(problems)}", *problems[:10], sep="\n  ")
    again = generate(seed=1, end=end)
    print("deterministic:", again == rows, "| other seed differs:", generate(seed=2, end=end) != rows)


if __name__ == "__main__":
    _main()
