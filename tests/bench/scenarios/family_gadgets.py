"""Gadgets family: a mid-sized phone-accessory and small-electronics shop on Pinduoduo.

The shop sells a long tail of ~80 SKUs (数据线, 充电头, 手机壳, 钢化膜, 蓝牙耳机, 充电宝, 车载支架...,
5-300 yuan) whose popularity follows a Zipf law over a seeded ranking. Traffic is campaign driven:
visits arrive per hour as an inhomogeneous Poisson process (daily curve with lunch and late-evening
peaks, weekend lift, per-day noise, a few days of paid promotion push and 2-3 promotion days with
midnight and 20:00 spikes), and a conversion rate turns visits into orders; the honest orders are
that process conditioned on their total. Most buyers buy once; a few come back, and some place two
orders for different goods within minutes (PDD makes one order per goods).

Attack shapes (``label``), all in their evasive forms, about 5% of the orders:

* ``burst`` - 炸店: 2-3 episodes, each on one SKU (a cheap one, an expensive one) within 15 minutes,
  from 60-100 fresh accounts (200 or so in all), each with its own name, phone and address and
  1-3 orders, mostly never paid or cancelled, a few paid to look real.
* ``inventory_lock`` - 同行恶拍: 2-4 non-cheap SKUs ordered 5-15 at a time (usually 1-2) by one-off
  accounts spread over the month, never paid.
* ``serial_refund`` - 15-30 people, 3-8 orders each over the month, mostly refunded after receipt,
  same name and phone, mostly the same address.
* ``ring`` - 2-4 rings of ~12 receiver names behind 2-3 phones at one address written many ways.
* ``pro_claimant`` - 职业打假/职业索赔 (this family's own shape): small crews, each person under 2-4
  identities (own names and phones) living around one 小区 or sharing its 驿站, buying 3C items
  (充电宝, 快充头, 降噪耳机, 无线充) they can claim against (虚标容量, 无3C认证), often asking for an
  invoice, then refunding after receipt.

Honest look-alikes (``label`` None): ``flash_sale`` (hundreds of one-order buyers on one SKU within a
few minutes of a promotion start), ``wholesale`` (repair shops and resellers buying 10-50 cheap items
several times a month) and ``family`` (2-3 people at one address, sometimes one phone).
"""

import bisect
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dtime
from decimal import ROUND_HALF_UP, Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "gadgets"

_CENT = Decimal("0.01")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_UNPAID_CLOSE = timedelta(hours=24)  # an unpaid order is closed after a day


def _table(text: str) -> list[list[str]]:
    """Rows of a whitespace-separated table written as text (blank lines skipped)."""
    return [line.split() for line in text.strip().splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    return [word for row in _table(text) for word in row]


# ---------------------------------------------------------------------------------------------
# Catalogue, one goods a line: name | quantity profile | popularity affinity | tag | spec:price, ...
# ---------------------------------------------------------------------------------------------
_GOODS_TEXT = """
Type-C快充数据线 6A超级快充 | cheap | 3.0 | cable | 1米 白色:9.90, 1.5米 白色:11.90, 2米 白色:13.90, 1米 黑色编织:15.90
苹果PD快充数据线 20W | cheap | 2.6 | cable | 1米:12.90, 2米:15.90, 3米:19.90
三合一数据线 一拖三充电线 | cheap | 1.4 | cable | 1.2米 黑色:16.90, 1.2米 红色:16.90
磁吸弯头数据线 游戏专用 | cheap | 1.0 | cable | Type-C 1米:19.90, 苹果 1米:19.90
20W PD快充充电头 苹果适用 | cheap | 2.4 | charger | 单头:19.90, 头+1米线套装:29.90
65W氮化镓充电器 三口快充 | normal | 1.5 | charger | 白色:89.00, 黑色:89.00
120W超级快充头 安卓通用 | normal | 1.3 | charger | 单头:35.90, 头+线套装:45.90
双口USB充电头 5V2A | cheap | 1.2 | charger | 白色:8.80
iPhone15 液态硅胶手机壳 | normal | 2.2 | case | 黑色:19.90, 白色:19.90, 远峰蓝:19.90, 粉色:19.90
iPhone15 Pro 透明磁吸壳 MagSafe | normal | 1.8 | case | 透明:29.90, 磨砂黑:29.90
华为Mate60 Pro 素皮手机壳 | normal | 1.6 | case | 黑色:25.90, 蓝色:25.90, 绿色:25.90
小米14 全包防摔手机壳 | normal | 1.2 | case | 黑色:15.90, 透明:15.90
OPPO Reno11 卡通手机壳 | normal | 0.9 | case | 小熊:12.90, 兔子:12.90
iPhone15 高清钢化膜 全屏覆盖 | cheap | 3.0 | film | 2片装:9.90, 4片装:15.90, 防窥2片装:19.90
华为Mate60 曲面水凝膜 | cheap | 1.6 | film | 3片装:12.90
iPhone 镜头膜 后摄像头保护贴 | cheap | 1.5 | film | 15 Pro:6.90, 15 Pro Max:6.90
小米14 高清钢化膜 | cheap | 1.1 | film | 2片装:8.90
真无线蓝牙耳机 降噪超长续航 | normal | 1.9 | earbuds | 白色:69.00, 黑色:69.00
半入耳蓝牙耳机 运动款 | normal | 1.4 | earbuds | 白色:49.00, 粉色:49.00
主动降噪蓝牙耳机 ANC | premium | 1.2 | earbuds | 白色:159.00, 黑色:159.00
骨传导运动耳机 | premium | 0.7 | earbuds | 黑色:199.00
头戴式蓝牙耳机 电竞低延迟 | premium | 0.8 | earbuds | 黑色:129.00, 白色:129.00
旗舰降噪耳机 Pro | premium | 0.5 | earbuds | 曜石黑:289.00
10000mAh 超薄充电宝 22.5W | normal | 1.8 | powerbank | 白色:59.00, 黑色:59.00
20000mAh 大容量充电宝 PD快充 | normal | 1.5 | powerbank | 白色:89.00, 黑色:89.00
磁吸无线充电宝 5000mAh | normal | 1.2 | powerbank | 白色:99.00, 紫色:99.00
自带线充电宝 10000mAh | normal | 1.0 | powerbank | 白色:69.00
户外移动电源 30000mAh | premium | 0.6 | powerbank | 黑色:179.00
车载手机支架 出风口 | normal | 1.3 | car | 黑色:19.90
磁吸车载支架 无线充电 | normal | 0.9 | car | 15W 黑色:79.00
车载充电器 双口快充 | normal | 1.0 | charger | 黑色:29.90
桌面手机支架 可折叠 | cheap | 1.3 | stand | 白色:12.90, 黑色:12.90
懒人支架 床头夹 | normal | 0.8 | stand | 白色:25.90
无线充电器 15W 苹果安卓通用 | normal | 1.0 | wireless | 白色:39.90
三合一无线充电座 | premium | 0.7 | wireless | 白色:129.00
手表表带 硅胶运动款 | normal | 0.9 | misc | 黑色 42mm:15.90, 白色 42mm:15.90
蓝牙音箱 迷你便携 | normal | 0.8 | misc | 黑色:79.00, 蓝色:79.00
自拍杆三脚架 蓝牙遥控 | normal | 0.8 | misc | 黑色:39.90
耳机收纳包 | cheap | 0.7 | misc | 黑色:9.90
手机散热器 磁吸半导体 | normal | 0.8 | misc | 白色:59.00
Type-C转3.5mm耳机转接头 | cheap | 1.1 | cable | 白色:7.90
OTG转接头 USB转Type-C | cheap | 0.9 | cable | 2个装:6.90
理线器 充电线收纳 | cheap | 0.6 | misc | 10个装:5.90
iPad 类纸膜 钢化膜 | cheap | 0.9 | film | 10.9寸:19.90, 11寸:19.90
iPad 保护套 带笔槽 | normal | 0.8 | case | 10.9寸 深空灰:49.00
手机游戏手柄 散热吃鸡 | normal | 0.6 | misc | 黑色:89.00
无线蓝牙键盘 便携折叠 | normal | 0.5 | misc | 白色:99.00
指环扣手机支架 | cheap | 0.8 | stand | 2个装:5.00
手机挂绳 斜挎可调节 | normal | 0.9 | misc | 黑色:12.90, 彩色:12.90
USB快充插座 排插 | normal | 0.7 | charger | 1.8米:49.90
智能手环 运动计步心率 | premium | 0.6 | misc | 黑色:169.00
"""
_GOODS = []
for _line in _GOODS_TEXT.strip().splitlines():
    _name, _kind, _aff, _tag, _specs = (part.strip() for part in _line.split("|"))
    _GOODS.append((_name, _kind, float(_aff), _tag, tuple(tuple(s.strip().rsplit(":", 1)) for s in _specs.split(","))))

_QTY = {
    "cheap": ((1, 2, 3, 4, 5, 6, 10), (38, 27, 14, 8, 8, 3, 2)),
    "normal": ((1, 2, 3), (82, 15, 3)),
    "premium": ((1, 2), (94, 6)),
}
_CLAIMABLE = ("charger", "powerbank", "earbuds", "wireless")

# ---------------------------------------------------------------------------------------------
# Geography. Provinces with their weight in the shop's orders; then one district a line
# (province city district streets...); then each city's roads.
# ---------------------------------------------------------------------------------------------
_PROVINCE_WEIGHTS = {
    province: float(weight)
    for province, weight in (
        item.split(":")
        for item in _words("""
广东省:12 浙江省:8 江苏省:8 山东省:7 河南省:6 四川省:6 湖北省:5 湖南省:5 福建省:5 河北省:5 上海市:4 北京市:4
安徽省:4 江西省:3 陕西省:3 重庆市:3 辽宁省:3 广西壮族自治区:3 云南省:2 山西省:2 贵州省:2 天津市:2 黑龙江省:2
吉林省:1.5 海南省:1 甘肃省:1 内蒙古自治区:1 新疆维吾尔自治区:1
""")
    )
}
_DISTRICTS = _table("""
广东省 深圳市 南山区 粤海街道 蛇口街道 西丽街道 桃源街道
广东省 深圳市 福田区 华强北街道 福田街道 梅林街道 香蜜湖街道
广东省 深圳市 宝安区 新安街道 西乡街道 福永街道 沙井街道
广东省 深圳市 龙岗区 布吉街道 坂田街道 横岗街道 龙城街道
广东省 广州市 天河区 石牌街道 林和街道 冼村街道 员村街道
广东省 广州市 海珠区 江海街道 赤岗街道 新港街道 南洲街道
广东省 广州市 白云区 三元里街道 同和街道 京溪街道 嘉禾街道
广东省 广州市 番禺区 市桥街道 大石街道 洛浦街道
广东省 佛山市 南海区 桂城街道 大沥镇 狮山镇
广东省 佛山市 顺德区 大良街道 容桂街道 北滘镇 乐从镇
广东省 佛山市 禅城区 祖庙街道 张槎街道 石湾镇街道
浙江省 杭州市 西湖区 文新街道 翠苑街道 古荡街道 转塘街道
浙江省 杭州市 余杭区 五常街道 仓前街道 闲林街道
浙江省 杭州市 滨江区 长河街道 西兴街道 浦沿街道
浙江省 杭州市 拱墅区 米市巷街道 湖墅街道 祥符街道
浙江省 宁波市 鄞州区 钟公庙街道 首南街道 中河街道 下应街道
浙江省 宁波市 海曙区 南门街道 西门街道 鼓楼街道
浙江省 宁波市 江北区 甬江街道 庄桥街道
浙江省 温州市 鹿城区 五马街道 南汇街道 松台街道
浙江省 温州市 瓯海区 娄桥街道 新桥街道 景山街道
江苏省 南京市 鼓楼区 湖南路街道 中央门街道 宁海路街道
江苏省 南京市 江宁区 东山街道 秣陵街道 淳化街道
江苏省 南京市 玄武区 新街口街道 玄武门街道 孝陵卫街道
江苏省 南京市 建邺区 沙洲街道 兴隆街道 南苑街道
江苏省 苏州市 姑苏区 平江街道 双塔街道 金阊街道
江苏省 苏州市 吴中区 长桥街道 郭巷街道 越溪街道
江苏省 苏州市 虎丘区 狮山街道 枫桥街道 横塘街道
江苏省 无锡市 梁溪区 崇安寺街道 广益街道 金星街道
江苏省 无锡市 滨湖区 蠡园街道 河埒街道 马山街道
江苏省 无锡市 新吴区 旺庄街道 梅村街道 硕放街道
山东省 济南市 历下区 泉城路街道 文东街道 千佛山街道
山东省 济南市 市中区 大观园街道 四里村街道 七贤街道
山东省 济南市 天桥区 北坦街道 天桥东街街道
山东省 青岛市 市南区 八大关街道 香港中路街道 湛山街道
山东省 青岛市 李沧区 李村街道 虎山路街道 浮山路街道
山东省 青岛市 崂山区 中韩街道 沙子口街道
山东省 青岛市 黄岛区 辛安街道 长江路街道
山东省 临沂市 兰山区 兰山街道 银雀山街道 金雀山街道
山东省 临沂市 河东区 九曲街道 芝麻墩街道
河南省 郑州市 金水区 文化路街道 经八路街道 花园路街道 丰产路街道
河南省 郑州市 二七区 淮河路街道 大学路街道 建中街街道
河南省 郑州市 中原区 林山寨街道 棉纺路街道 桐柏路街道
河南省 郑州市 管城回族区 北下街街道 紫荆山南路街道
河南省 洛阳市 西工区 王城路街道 金谷园街道
河南省 洛阳市 洛龙区 开元路街道 关林街道 太康东路街道
四川省 成都市 武侯区 玉林街道 浆洗街街道 火车南站街道 簇桥街道
四川省 成都市 锦江区 春熙路街道 书院街街道 牛市口街道
四川省 成都市 成华区 猛追湾街道 建设路街道 双桥子街道
四川省 成都市 金牛区 沙湾街道 抚琴街道 营门口街道
四川省 成都市 青羊区 草市街街道 府南街道 苏坡街道
四川省 绵阳市 涪城区 城厢街道 工区街道 城郊街道
四川省 绵阳市 游仙区 游仙街道 富乐街道
湖北省 武汉市 武昌区 水果湖街道 中南路街道 徐家棚街道 积玉桥街道
湖北省 武汉市 洪山区 珞南街道 关山街道 狮子山街道 卓刀泉街道
湖北省 武汉市 江汉区 民族街道 唐家墩街道 万松街道
湖北省 武汉市 江岸区 大智街道 后湖街道 四唯街道
湖北省 宜昌市 西陵区 学院街道 云集街道 西陵街道
湖北省 宜昌市 伍家岗区 伍家岗街道 大公桥街道
湖南省 长沙市 岳麓区 望月湖街道 观沙岭街道 梅溪湖街道 洋湖街道
湖南省 长沙市 天心区 坡子街街道 裕南街街道 南托街道
湖南省 长沙市 雨花区 侯家塘街道 东塘街道 洞井街道
湖南省 长沙市 开福区 四方坪街道 伍家岭街道 月湖街道
湖南省 株洲市 天元区 嵩山路街道 泰山路街道 栗雨街道
湖南省 株洲市 荷塘区 月塘街道 宋家桥街道
福建省 福州市 鼓楼区 东街街道 温泉街道 鼓东街道
福建省 福州市 台江区 茶亭街道 上海街道 宁化街道
福建省 福州市 仓山区 仓山镇 金山街道 三叉街街道
福建省 厦门市 思明区 鹭江街道 中华街道 嘉莲街道 莲前街道
福建省 厦门市 湖里区 湖里街道 江头街道 金山街道 殿前街道
福建省 厦门市 集美区 集美街道 杏林街道 侨英街道
福建省 泉州市 丰泽区 东海街道 城东街道 丰泽街道
福建省 泉州市 鲤城区 开元街道 海滨街道
河北省 石家庄市 长安区 育才街道 建北街道 青园街道
河北省 石家庄市 桥西区 东里街道 友谊街道 振头街道
河北省 石家庄市 裕华区 裕兴街道 建通街道 东苑街道
河北省 保定市 莲池区 和平里街道 五四路街道 联盟街道
河北省 保定市 竞秀区 先锋街道 新市场街道
上海市 上海市 浦东新区 陆家嘴街道 花木街道 张江镇 川沙新镇
上海市 上海市 闵行区 莘庄镇 古美路街道 江川路街道
上海市 上海市 徐汇区 徐家汇街道 田林街道 漕河泾街道
上海市 上海市 宝山区 大场镇 杨行镇 友谊路街道
上海市 上海市 杨浦区 五角场街道 控江路街道 长白新村街道
北京市 北京市 朝阳区 望京街道 三里屯街道 劲松街道 双井街道
北京市 北京市 海淀区 中关村街道 学院路街道 海淀街道 北太平庄街道
北京市 北京市 丰台区 丰台街道 右安门街道 卢沟桥街道
北京市 北京市 大兴区 兴丰街道 林校路街道 清源街道
安徽省 合肥市 蜀山区 三里庵街道 稻香村街道 琥珀街道
安徽省 合肥市 包河区 包公街道 芜湖路街道 望湖街道
安徽省 合肥市 庐阳区 杏花村街道 亳州路街道 逍遥津街道
安徽省 合肥市 瑶海区 明光路街道 三里街街道
江西省 南昌市 东湖区 公园街道 百花洲街道 彭家桥街道
江西省 南昌市 西湖区 朝阳洲街道 系马桩街道 十字街街道
江西省 南昌市 青山湖区 湖坊镇 京东镇 塘山镇
江西省 南昌市 红谷滩区 沙井街道 卫东街道 红角洲街道
陕西省 西安市 雁塔区 小寨路街道 长延堡街道 电子城街道 丈八沟街道
陕西省 西安市 碑林区 南院门街道 长安路街道 张家村街道
陕西省 西安市 未央区 张家堡街道 未央宫街道 大明宫街道
陕西省 西安市 长安区 韦曲街道 郭杜街道
重庆市 重庆市 渝北区 龙溪街道 回兴街道 两路街道 龙山街道
重庆市 重庆市 九龙坡区 杨家坪街道 石桥铺街道 谢家湾街道
重庆市 重庆市 南岸区 南坪街道 花园路街道 弹子石街道
重庆市 重庆市 江北区 观音桥街道 五里店街道 大石坝街道
重庆市 重庆市 沙坪坝区 小龙坎街道 沙坪坝街道 天星桥街道
辽宁省 沈阳市 和平区 太原街街道 南湖街道 长白街道
辽宁省 沈阳市 沈河区 五里河街道 大西街道 滨河街道
辽宁省 沈阳市 皇姑区 华山街道 三台子街道 北塔街道
辽宁省 沈阳市 铁西区 兴华街道 保工街道
辽宁省 大连市 沙河口区 春柳街道 黑石礁街道 马栏街道
辽宁省 大连市 中山区 青泥洼桥街道 桃源街道 人民路街道
辽宁省 大连市 甘井子区 泉水街道 椒金山街道 革镇堡街道
广西壮族自治区 南宁市 青秀区 新竹街道 中山街道 南湖街道
广西壮族自治区 南宁市 西乡塘区 北湖街道 衡阳街道 安吉街道
广西壮族自治区 南宁市 江南区 福建园街道 江南街道
云南省 昆明市 五华区 华山街道 护国街道 莲华街道
云南省 昆明市 盘龙区 拓东街道 鼓楼街道 东华街道
云南省 昆明市 官渡区 关上街道 太和街道
云南省 昆明市 西山区 前卫街道 永昌街道 马街街道
山西省 太原市 小店区 坞城街道 平阳路街道 黄陵街道
山西省 太原市 迎泽区 柳巷街道 桥东街道 老军营街道
山西省 太原市 杏花岭区 巨轮街道 三桥街道
贵州省 贵阳市 南明区 兴关路街道 花果园街道 中华南路街道
贵州省 贵阳市 云岩区 中华北路街道 黔东街道
贵州省 贵阳市 观山湖区 世纪城街道 金华园街道
天津市 天津市 南开区 长虹街道 学府街道 万兴街道
天津市 天津市 河西区 友谊路街道 大营门街道 越秀路街道
黑龙江省 哈尔滨市 南岗区 花园街道 曲线街道 和兴路街道
黑龙江省 哈尔滨市 道里区 新阳路街道 抚顺街道 工农街道
吉林省 长春市 朝阳区 湖西街道 桂林街道 红旗街道
吉林省 长春市 南关区 自由大路街道 桃源街道
海南省 海口市 龙华区 金贸街道 大同街道 中山街道
海南省 海口市 美兰区 海甸街道 白龙街道
甘肃省 兰州市 城关区 张掖路街道 雁南街道 嘉峪关路街道
甘肃省 兰州市 七里河区 西园街道 敦煌路街道
内蒙古自治区 呼和浩特市 赛罕区 大学东街街道 昭乌达路街道 人民路街道
内蒙古自治区 呼和浩特市 新城区 海拉尔东路街道 锡林南路街道
新疆维吾尔自治区 乌鲁木齐市 沙依巴克区 友好南路街道 炉院街街道
新疆维吾尔自治区 乌鲁木齐市 新市区 北京路街道 二工街道
""")
_ROADS = {
    row[0]: row[1:]
    for row in _table("""
深圳市 深南大道 科苑路 南海大道 宝安大道 龙岗大道 前进一路 创业路 华强北路
广州市 天河路 中山大道 黄埔大道 新港中路 广州大道北 白云大道 禺山大道
佛山市 佛山大道 桂澜路 季华路 南海大道 碧桂路 汾江中路
杭州市 文一西路 文三路 古墩路 江南大道 滨盛路 莫干山路 丰潭路 余杭塘路
宁波市 天童南路 鄞州大道 中山西路 环城南路 学士路 桑田路
温州市 人民路 车站大道 学院路 温州大道 锦绣路
南京市 中山北路 中山路 双龙大道 江东中路 应天大街 龙蟠路 汉中路
苏州市 人民路 干将路 长江路 狮山路 东吴北路 宝带西路
无锡市 中山路 人民中路 梁溪路 太湖大道 长江路 蠡湖大道
济南市 经十路 泉城路 历山路 经七路 纬二路 二环南路
青岛市 香港中路 东海西路 延安三路 京口路 九水东路 深圳路 长江中路
临沂市 沂蒙路 通达路 解放路 蒙山大道
郑州市 花园路 文化路 农业路 经三路 大学路 中原路 建设路 紫荆山路
洛阳市 中州中路 开元大道 九都路 王城大道
成都市 人民南路 天府大道 一环路南一段 建设路 二环路西一段 蜀汉路 玉林南路 红星路
绵阳市 临园路 剑南路 跃进路 绵兴东路
武汉市 解放大道 中北路 珞喻路 武珞路 徐东大街 光谷大道 建设大道 中山大道 民族大道
宜昌市 东山大道 夷陵大道 沿江大道 城东大道
长沙市 麓山南路 金星中路 芙蓉中路 韶山北路 劳动西路 五一大道 湘江中路 万家丽路
株洲市 长江北路 黄河南路 新华西路 红旗中路
福州市 五四路 杨桥中路 八一七中路 工业路 浦上大道 六一中路
厦门市 厦禾路 湖滨南路 莲前东路 嘉禾路 吕岭路 枋湖路 杏林湾路
泉州市 刺桐路 田安路 泉秀街 丰泽街
石家庄市 中山东路 建设南大街 裕华路 槐安路 友谊北大街 和平西路
保定市 朝阳大街 东风路 七一路 裕华西路
上海市 张杨路 世纪大道 锦绣路 沪闵路 漕溪北路 宜山路 国权路 四平路 黄兴路
北京市 望京西路 建国路 中关村大街 学院路 知春路 广渠路 丰台北路 兴华大街
合肥市 长江西路 望江西路 马鞍山路 徽州大道 金寨路 蒙城路 长江中路
南昌市 八一大道 阳明路 北京东路 象山北路 红谷中大道 丰和中大道 井冈山大道
西安市 长安南路 小寨西路 科技路 高新路 太白南路 凤城八路 未央路 朱雀大街
重庆市 金开大道 新牌坊一路 杨家坪正街 南坪西路 小龙坎正街 建新北路 红锦大道
沈阳市 南京北街 青年大街 北陵大街 黄河南大街 建设东路 中华路
大连市 西安路 黄河路 中山路 解放路 五四路 华北路
南宁市 民族大道 东葛路 大学东路 友爱北路 星光大道
昆明市 人民中路 北京路 东风东路 滇池路 春城路 一二一大街
太原市 平阳路 长风街 迎泽大街 五一路 府西街 体育路
贵阳市 中华北路 遵义路 宝山北路 花果园大街 长岭北路 金阳南路
天津市 鞍山西道 卫津路 友谊路 黄河道 南京路
哈尔滨市 西大直街 学府路 中山路 中央大街 经纬街 和兴路
长春市 人民大街 自由大路 西安大路 红旗街 青年路
海口市 国贸路 龙昆北路 海秀中路 海甸三西路 滨海大道
兰州市 东岗西路 庆阳路 南滨河东路 西津西路 天水北路
呼和浩特市 新华东街 大学东街 昭乌达路 锡林郭勒南路 兴安南路
乌鲁木齐市 友好南路 北京南路 西北路 河北东路 长江路
""")
}
_GEO: dict[str, dict[str, dict[str, list[str]]]] = {}
for _row in _DISTRICTS:
    _GEO.setdefault(_row[0], {}).setdefault(_row[1], {})[_row[2]] = _row[3:]

_COMMUNITIES = _words("""
阳光花园 锦绣家园 金色家园 滨江花园 万科城 保利花园 碧桂园 翠苑小区 恒大绿洲 华府名邸 龙湖春江郦城 幸福里小区
东方明珠苑 新城花园 盛世名门 世纪城 紫薇花园 香樟园 紫金苑 枫林湾 御景湾 天悦府 绿地新都会 中海国际社区
融创玖樾府 金地格林小城 远洋香奈 招商依云水岸 书香门第 和平新村 南苑小区 电力小区 教师新村 铁路新村 春晓苑
观澜雅苑 城市花园 明珠花苑 怡景湾 丽景华庭 江南名府 百合苑
""")
_TOWERS = _words("科技大厦 国际商务中心 创业大厦 金融中心 时代广场 软件园二期 财富中心 万达广场写字楼 中心大厦 创新园")
_SHOPS = _words("顺达通讯 鑫源手机维修 华强数码配件 小李手机店 诚信通讯 快修手机维修部 星辰数码 佳讯手机连锁")
_PHONE_PREFIXES = _words("""
130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 170 171 173 176 177 178
180 181 182 183 184 185 186 187 188 189 191 193 195 196 198 199
""")

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建波宁欣怡子轩浩宇梓涵博文思雨佳琪晨嘉一诗俊凯"
    "鑫婷雪琳颖慧晓东海林峰志天龙飞斌成亮春兰梅红丹阳晶蕾倩璐瑶昊然睿泽翔宏健国庆荣德福"
)

# Daily visit curve (relative, by hour) and weekly lift (Monday first).
_HOURLY = (
    0.55,
    0.30,
    0.17,
    0.10,
    0.08,
    0.10,
    0.22,
    0.45,
    0.70,
    0.85,
    0.95,
    1.00,
    1.15,
    1.05,
    0.90,
    0.90,
    0.90,
    0.95,
    1.00,
    1.15,
    1.40,
    1.55,
    1.40,
    0.95,
)
_WEEKLY = (0.92, 0.90, 0.93, 0.95, 1.02, 1.15, 1.18)

_HONEST_NOTES = (
    "请尽快发货",
    "送人的，不要放价格单",
    "放菜鸟驿站",
    "麻烦包装好一点",
    "型号别发错了，谢谢",
    "放门口就行",
    "周末不在家，放快递柜",
    "尽量发顺丰",
)
_CLAIM_NOTES = (
    "需要开发票",
    "请开具发票，抬头个人",
    "有3C认证吗",
    "要正品，假一赔十吗",
    "确认是实际容量吗",
    "需要3C证书",
    "发票和商品一起寄",
    "是原装正品吗",
)


@dataclass
class _Sku:
    sku_id: str
    name: str
    spec: str
    price: Decimal
    kind: str
    tag: str


@dataclass
class _Person:
    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    detail: str


class _Gen:
    def __init__(self, seed: int, end: datetime, orders: int):
        self.rng = random.Random(seed)
        self.end = end.replace(microsecond=0)
        self.start = self.end - timedelta(days=30)
        self.day0 = self.start.date()
        self.target = orders
        self.phones: set[str] = set()
        self.out: list[ExportOrder] = []
        self._build_catalogue()
        self._build_geo()
        self._build_traffic()

    # -- catalogue and popularity ---------------------------------------------------------------
    def _build_catalogue(self) -> None:
        ids = random.Random(20251120)  # stable SKU ids whatever the seed
        self.skus: list[_Sku] = []
        affinity: list[float] = []
        for goods_no, (name, kind, aff, tag, specs) in enumerate(_GOODS):
            goods_id = 600_000_000_000 + goods_no * 7_919 + ids.randrange(1000)
            for spec_no, (spec, price) in enumerate(specs):
                self.skus.append(_Sku(f"{goods_id}{spec_no + 1:02d}", name, spec, Decimal(price), kind, tag))
                affinity.append(aff)
        rng = self.rng
        keyed = sorted(range(len(self.skus)), key=lambda i: rng.random() ** (1 / affinity[i]), reverse=True)
        self.rank = {sku_i: r for r, sku_i in enumerate(keyed)}
        self.sku_weight = [1 / (self.rank[i] + 1) ** 1.07 for i in range(len(self.skus))]
        self.sku_cum = self._cum(self.sku_weight)

    @staticmethod
    def _cum(weights) -> list[float]:
        acc, out = 0.0, []
        for w in weights:
            acc += w
            out.append(acc)
        return out

    def _pick(self, cum: list[float]) -> int:
        return min(bisect.bisect_right(cum, self.rng.random() * cum[-1]), len(cum) - 1)

    def _after(self, t: datetime, seconds: int) -> datetime:
        """``seconds`` after ``t``, or as long before it when that would pass ``end``."""
        later = t + timedelta(seconds=seconds)
        return later if later < self.end else t - timedelta(seconds=seconds)

    # -- geography, people ----------------------------------------------------------------------
    def _build_geo(self) -> None:
        self.provinces = list(_GEO)
        self.prov_cum = self._cum(_PROVINCE_WEIGHTS[p] for p in self.provinces)
        self.roads = _ROADS

    def _place(self, province: str | None = None, city: str | None = None) -> tuple[str, str, str, str]:
        rng = self.rng
        if province is None:
            province = self.provinces[self._pick(self.prov_cum)]
        cities = _GEO[province]
        if city is None:
            city = rng.choice(list(cities))
        district = rng.choice(list(cities[city]))
        street = rng.choice(cities[city][district])
        return province, city, district, street

    def _detail(self, city: str) -> str:
        rng = self.rng
        road = rng.choice(self.roads[city])
        num = rng.choice((rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 2999)))
        floor = rng.randint(1, 18) if rng.random() < 0.8 else rng.randint(19, 33)
        room = floor * 100 + rng.randint(1, 4)
        r = rng.random()
        if r < 0.55:
            comm = rng.choice(_COMMUNITIES)
            suffix = rng.choice(("幢", "栋", "栋", "号楼"))
            shi = rng.choice(("", "", "室"))
            return f"{road}{num}号{comm}{rng.randint(1, 28)}{suffix}{rng.randint(1, 6)}单元{room}{shi}"
        if r < 0.75:
            comm = rng.choice(_COMMUNITIES)
            return f"{comm}{rng.randint(1, 30)}{rng.choice(('栋', '幢', '号楼'))}{room}{rng.choice(('', '室'))}"
        if r < 0.9:
            return f"{road}{num}号{rng.choice(_TOWERS)}{floor}楼{room if rng.random() < 0.6 else ''}"
        if r < 0.95:
            return f"{road}{num}号{rng.choice(('门面', '一楼商铺', '快递驿站代收'))}"
        return f"{rng.choice('东南西北')}{rng.choice('湖山塘桥岗庄')}村{rng.randint(1, 12)}组{rng.randint(1, 88)}号"

    def _name(self, surname: str | None = None) -> str:
        rng = self.rng
        surname = surname or rng.choice(_SURNAMES)
        n = 1 if rng.random() < 0.25 else 2
        return surname + "".join(rng.choice(_GIVEN) for _ in range(n))

    def _phone(self) -> str:
        rng = self.rng
        while True:
            phone = rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _person(self) -> _Person:
        province, city, district, street = self._place()
        return _Person(self._name(), self._phone(), province, city, district, street, self._detail(city))

    # -- traffic ---------------------------------------------------------------------------------
    def _build_traffic(self) -> None:
        rng = self.rng
        days = (self.end.date() - self.day0).days + 1
        self.day_mult = [rng.lognormvariate(0, 0.1) for _ in range(days)]
        # a few days of paid promotion push (直通车/多多搜索) lifting visits
        push = rng.randint(2, 22)
        for d in range(push, push + rng.randint(3, 5)):
            self.day_mult[d] *= 1.3
        # 2-3 promotion days, old enough for their orders to have been received
        n_promo = rng.choice((2, 3, 3))
        while True:
            promo = sorted(rng.sample(range(3, 25), n_promo))
            if all(b - a >= 5 for a, b in zip(promo, promo[1:], strict=False)):
                break
        self.promo_days = promo
        for d in promo:
            self.day_mult[d - 1] *= 0.9  # people wait for the sale
            self.day_mult[d] *= rng.uniform(2.0, 2.8)
        # featured SKUs get a share boost on promotion days
        top = sorted(range(len(self.skus)), key=self.rank.__getitem__)[:25]
        self.promo_cum = {}
        for d in promo:
            featured = set(rng.sample(top, 3))
            self.promo_cum[d] = self._cum(w * (4 if i in featured else 1) for i, w in enumerate(self.sku_weight))
        self.slot0 = self.start.replace(minute=0, second=0)
        n_slots = int((self.end - self.slot0).total_seconds() // 3600) + 1
        weights = []
        for s in range(n_slots):
            t = self.slot0 + timedelta(hours=s)
            d = (t.date() - self.day0).days
            w = _HOURLY[t.hour] * _WEEKLY[t.weekday()] * self.day_mult[d]
            if d in self.promo_cum:
                w *= 2.2 if t.hour == 0 else 1.6 if t.hour in (20, 21) else 1.0
            conversion = 0.035 if d in self.promo_cum else 0.025
            weights.append(w * 1000 * conversion)  # visits x conversion
        self.slot_cum = self._cum(weights)

    def _sample_time(self) -> datetime:
        while True:
            slot = self._pick(self.slot_cum)
            t = self.slot0 + timedelta(hours=slot, seconds=self.rng.randrange(3600))
            if self.start <= t < self.end:
                return t

    def _time_on_day(self, day: int, hours=None) -> datetime:
        rng = self.rng
        hour_choices = hours if hours is not None else range(24)
        while True:
            h = rng.choices(hour_choices, weights=[_HOURLY[x] for x in hour_choices])[0]
            t = datetime.combine(self.day0 + timedelta(days=day), dtime(h)) + timedelta(seconds=rng.randrange(3600))
            if self.start <= t < self.end:
                return t

    def _is_promo(self, t: datetime) -> bool:
        return (t.date() - self.day0).days in self.promo_cum

    def _sku_at(self, t: datetime) -> _Sku:
        cum = self.promo_cum.get((t.date() - self.day0).days, self.sku_cum)
        return self.skus[self._pick(cum)]

    def _qty(self, sku: _Sku) -> int:
        values, weights = _QTY[sku.kind]
        return self.rng.choices(values, weights=weights)[0]

    # -- outcome pipeline ------------------------------------------------------------------------
    def _honest_intent(self) -> str:
        r = self.rng.random()
        if r < 0.035:
            return "never_paid"
        if r < 0.06:
            return "cancel"
        if r < 0.105:
            return "refund" if self.rng.random() < 0.7 else "refund_transit"
        return "normal"

    def _settle(self, t: datetime, intent: str, fast_pay: bool = False):
        """Outcome and timestamps of an order placed at ``t`` meant to go ``intent``'s way."""
        rng, end = self.rng, self.end
        if intent == "never_paid":
            return ("unpaid" if end - t < _UNPAID_CLOSE else "unpaid_closed"), None, None, None
        r = rng.random()
        if fast_pay:
            delay = rng.uniform(3, 60)
        elif r < 0.72:
            delay = rng.uniform(8, 150)
        elif r < 0.95:
            delay = rng.uniform(150, 1800)
        else:
            delay = rng.uniform(1800, 6 * 3600)
        paid = t + timedelta(seconds=int(delay))
        if paid > end:
            return "unpaid", None, None, None
        if intent == "cancel":
            cancel_at = paid + timedelta(seconds=int(rng.uniform(300, 30 * 3600)))
            return ("cancelled" if cancel_at <= end else "paid"), paid, None, None
        shipped = paid + timedelta(seconds=int(rng.uniform(2 * 3600, 40 * 3600)))
        if shipped.hour < 9 or shipped.hour >= 21:  # the warehouse ships 9:00-21:00
            day = shipped.date() if shipped.hour < 9 else shipped.date() + timedelta(days=1)
            shipped = datetime.combine(day, dtime(9)) + timedelta(seconds=rng.randrange(3 * 3600))
        if shipped > end:
            return "paid", paid, None, None
        if intent == "refund_transit":  # 拒收 / 仅退款 before receipt
            asked = shipped + timedelta(seconds=int(rng.uniform(3 * 3600, 60 * 3600)))
            if asked > end:
                return "shipped", paid, shipped, None
            done = asked + timedelta(seconds=int(rng.uniform(4 * 3600, 72 * 3600)))
            return ("refunded" if done <= end else "refunding"), paid, shipped, None
        received = shipped + timedelta(seconds=int(rng.uniform(20 * 3600, 96 * 3600)))
        if received.hour < 8 or received.hour >= 21:
            day = received.date() if received.hour < 8 else received.date() + timedelta(days=1)
            received = datetime.combine(day, dtime(8)) + timedelta(seconds=rng.randrange(12 * 3600))
        if received > end:
            return "shipped", paid, shipped, None
        if intent == "refund":
            asked = received + timedelta(seconds=int(rng.uniform(2 * 3600, 120 * 3600)))
            if asked <= end:
                done = asked + timedelta(seconds=int(rng.uniform(6 * 3600, 96 * 3600)))
                return ("refunded" if done <= end else "refunding"), paid, shipped, received
        return "completed", paid, shipped, received

    def _amount(self, sku: _Sku, qty: int, t: datetime, unit: Decimal | None = None) -> Decimal:
        rng = self.rng
        total = (unit if unit is not None else sku.price) * qty
        if unit is None and self._is_promo(t):
            total *= Decimal("0.9")
        if total >= 99 and rng.random() < 0.3:
            total -= 10
        elif total >= 39 and rng.random() < 0.25:
            total -= 3
        return max(total, _CENT).quantize(_CENT, rounding=ROUND_HALF_UP)

    def _order(
        self,
        person: _Person,
        sku: _Sku,
        qty: int,
        t: datetime,
        intent: str,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        detail: str | None = None,
        note: str = "",
        unit: Decimal | None = None,
        fast_pay: bool = False,
    ) -> None:
        t = min(max(t, self.start), self.end - timedelta(seconds=1))
        outcome, paid, shipped, received = self._settle(t, intent, fast_pay)
        self.out.append(
            ExportOrder(
                order_no="",
                sku_id=sku.sku_id,
                sku_name=sku.name,
                spec=sku.spec,
                quantity=qty,
                amount=self._amount(sku, qty, t, unit),
                outcome=outcome,
                ordered_at=t,
                paid_at=paid,
                shipped_at=shipped,
                received_at=received,
                receiver=person.name,
                phone=person.phone,
                province=person.province,
                city=person.city,
                district=person.district,
                street=person.street,
                detail=detail if detail is not None else person.detail,
                label=label,
                lookalike=lookalike,
                buyer_note=note,
            )
        )

    def _pick_intent(self, table: tuple[tuple[str, float], ...]) -> str:
        return self.rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]

    # -- attacks ---------------------------------------------------------------------------------
    def burst(self, budget: int) -> None:
        rng = self.rng
        episodes = rng.choice((2, 2, 3))
        days = rng.sample([d for d in range(1, 27) if d not in self.promo_days], episodes)
        by_price = sorted(self.skus, key=lambda s: s.price)
        choices = [rng.choice(by_price[:25]), rng.choice(by_price[-20:]), rng.choice(self.skus)]
        table = (("never_paid", 0.65), ("cancel", 0.22), ("normal", 0.13))
        for e, day in enumerate(days):
            sku = choices[e]
            hour = rng.choice((0, 1, 2, 3, 4)) if rng.random() < 0.3 else rng.randint(9, 23)
            t0 = datetime.combine(self.day0 + timedelta(days=day), dtime(hour)) + timedelta(seconds=rng.randrange(2400))
            share = budget // episodes + (budget % episodes if e == 0 else 0)
            made = 0
            while made < share:
                person = self._person()
                t = t0 + timedelta(seconds=rng.randrange(840))
                for _ in range(min(rng.choices((1, 2, 3), weights=(62, 26, 12))[0], share - made)):
                    qty = rng.choices((1, 2, 3), weights=(75, 20, 5))[0]
                    self._order(
                        person, sku, qty, min(t, t0 + timedelta(seconds=899)), self._pick_intent(table), label="burst"
                    )
                    t += timedelta(seconds=rng.randint(10, 90))
                    made += 1

    def inventory_lock(self, budget: int) -> None:
        rng = self.rng
        pool = [s for i, s in enumerate(self.skus) if s.kind != "cheap" and self.rank[i] < 40]
        targets = rng.sample(pool, rng.randint(2, 4))
        made = 0
        while made < budget:
            person = self._person()
            t = self._sample_time()
            for _ in range(min(1 if rng.random() < 0.8 else 2, budget - made)):
                sku = rng.choice(targets)
                qty = rng.randint(5, 10) if rng.random() < 0.75 else rng.randint(11, 15)
                self._order(person, sku, qty, t, "never_paid", label="inventory_lock")
                t = self._after(t, rng.randint(3600, 3 * 86400))
                made += 1

    def serial_refund(self, budget: int) -> None:
        rng = self.rng
        people = min(30, max(1, round(budget / 5.5)))
        table = (("refund", 0.75), ("refund_transit", 0.08), ("normal", 0.17))
        for _ in range(people):
            person = self._person()
            other = self._detail(person.city)
            n = rng.randint(3, 8)
            for day in sorted(rng.sample(range(1, 30), n)):
                t = self._time_on_day(day)
                sku = self.skus[self._pick(self.sku_cum)]
                detail = other if rng.random() < 0.15 else None
                self._order(
                    person, sku, self._qty(sku), t, self._pick_intent(table), label="serial_refund", detail=detail
                )

    def _ring_detail(self, road: str, num: int, comm: str, b: int, u: int, room: int) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            text = f"{road}{num}号{comm}{b}-{u}-{room}"
        else:
            unit = str(u) if rng.random() < 0.8 else "一二三四五六"[u - 1]
            parts = [
                f"{road}{num}号",
                comm,
                f"{b}{rng.choice(('幢', '栋', '号楼'))}",
                f"{unit}单元",
                f"{room}{'室' if rng.random() < 0.5 else ''}",
            ]
            if rng.random() < 0.15:
                parts = parts[1:]
            text = (" " if rng.random() < 0.3 else "").join(parts)
        if rng.random() < 0.25:
            text = text.translate(_FULLWIDTH)
        if rng.random() < 0.12:
            text = text.replace(comm, comm + " ", 1) + " "
        return text

    def ring(self, budget: int) -> None:
        rng = self.rng
        rings = max(1, min(rng.choice((2, 3, 3, 4)), budget // 30))
        table = (("never_paid", 0.40), ("cancel", 0.22), ("refund", 0.15), ("refund_transit", 0.08), ("normal", 0.15))
        for r in range(rings):
            province, city, district, street = self._place()
            parts = (
                rng.choice(self.roads[city]),
                rng.randint(10, 1999),
                rng.choice(_COMMUNITIES),
                rng.randint(1, 30),
                rng.randint(1, 4),
                rng.randint(2, 26) * 100 + rng.randint(1, 4),
            )
            phones = [self._phone() for _ in range(rng.randint(2, 3))]
            names = [self._name() for _ in range(rng.randint(10, 14))]
            home = {n: rng.choice(phones) for n in names}
            first = rng.randint(1, 12)
            span = rng.randint(12, 29 - first)
            share = budget // rings + (budget % rings if r == 0 else 0)
            order_names = names + [rng.choice(names) for _ in range(max(0, share - len(names)))]
            for name in order_names[:share]:
                phone = home[name] if rng.random() < 0.8 else rng.choice(phones)
                person = _Person(name, phone, province, city, district, street, "")
                t = self._time_on_day(first + rng.randint(0, span))
                sku = self.skus[self._pick(self.sku_cum)]
                self._order(
                    person,
                    sku,
                    self._qty(sku),
                    t,
                    self._pick_intent(table),
                    label="ring",
                    detail=self._ring_detail(*parts),
                )

    def pro_claimant(self, budget: int) -> None:
        rng = self.rng
        goods = [i for i, s in enumerate(self.skus) if s.tag in _CLAIMABLE and s.price >= 29]
        cum = self._cum(1 + 3 * (self.skus[i].tag == "powerbank") for i in goods)
        table = (("refund", 0.72), ("refund_transit", 0.10), ("normal", 0.18))
        made = 0
        while made < budget:
            province, city, district, street = self._place()
            road, num, comm = rng.choice(self.roads[city]), rng.randint(10, 999), rng.choice(_COMMUNITIES)
            pickup = rng.random() < 0.4
            station = rng.choice((f"{comm}菜鸟驿站", f"{comm}南门丰巢快递柜", f"{road}{num}号{comm}快递驿站代收"))
            surname = rng.choice(_SURNAMES)
            for _ in range(rng.randint(2, 4)):
                name = self._name(surname if rng.random() < 0.5 else None)
                if pickup:
                    detail = station
                else:
                    building, unit, room = (
                        rng.randint(1, 30),
                        rng.randint(1, 4),
                        rng.randint(2, 26) * 100 + rng.randint(1, 4),
                    )
                    detail = f"{road}{num}号{comm}{building}栋{unit}单元{room}"
                person = _Person(name, self._phone(), province, city, district, street, detail)
                for day in sorted(rng.sample(range(1, 30), rng.randint(2, 5))):
                    if made >= budget:
                        return
                    sku = self.skus[goods[self._pick(cum)]]
                    qty = rng.choices((1, 2, 3, 4, 5), weights=(60, 25, 8, 4, 3))[0]
                    note = rng.choice(_CLAIM_NOTES) if rng.random() < 0.35 else ""
                    t = self._time_on_day(day, hours=range(9, 23))
                    self._order(person, sku, qty, t, self._pick_intent(table), label="pro_claimant", note=note)
                    made += 1

    # -- honest look-alikes ----------------------------------------------------------------------
    def flash_sale(self, total: int) -> None:
        rng = self.rng
        events = 1 if total < 400 else rng.choice((1, 2))
        days = rng.sample(self.promo_days, events)
        pool = [s for s in self.skus if s.tag in ("earbuds", "powerbank", "charger") and 39 <= s.price <= 159]
        first = round(total * rng.uniform(0.4, 0.6)) if events == 2 else total
        for e, day in enumerate(days):
            sku = rng.choice(pool)
            unit = Decimal(int(sku.price * Decimal("0.5"))) + Decimal("0.90")
            t0 = datetime.combine(self.day0 + timedelta(days=day), dtime(rng.choice((0, 10, 20, 20))))
            for _ in range(first if e == 0 else total - first):
                offset = min(rng.expovariate(1 / 70), rng.uniform(200, 420))
                t = t0 + timedelta(seconds=int(offset))
                qty = 1 if rng.random() < 0.88 else 2
                self._order(
                    self._person(), sku, qty, t, self._honest_intent(), lookalike="flash_sale", unit=unit, fast_pay=True
                )

    def wholesale(self) -> None:
        rng = self.rng
        cheap = [s for s in self.skus if s.kind == "cheap"]
        table = (("normal", 0.95), ("cancel", 0.02), ("refund", 0.03))
        for _ in range(rng.randint(4, 6)):
            province, city, district, street = self._place()
            road, num = rng.choice(self.roads[city]), rng.randint(1, 999)
            if rng.random() < 0.4:
                detail = f"{road}{num}号数码城{rng.randint(1, 3)}楼A{rng.randint(101, 399)}"
            else:
                detail = f"{road}{num}号{rng.choice(_SHOPS)}"
            person = _Person(self._name(), self._phone(), province, city, district, street, detail)
            favourites = rng.sample(cheap, 5)
            for day in sorted(rng.sample(range(1, 30), rng.randint(4, 8))):
                t = self._time_on_day(day, hours=range(8, 22))
                for sku in rng.sample(favourites, rng.randint(1, 3)):
                    qty = rng.choice((10, 10, 20, 20, 30, 50, rng.randint(10, 50)))
                    self._order(person, sku, qty, t, self._pick_intent(table), lookalike="wholesale")
                    t += timedelta(seconds=rng.randint(20, 240))

    def family(self, budget: int) -> None:
        rng = self.rng
        made = 0
        while made < budget:
            head = self._person()
            size = rng.choice((2, 2, 3))
            shared = rng.random() < 0.3
            members = [head]
            for _ in range(size - 1):
                surname = head.name[0] if rng.random() < 0.5 else None
                phone = head.phone if shared else self._phone()
                members.append(
                    _Person(
                        self._name(surname), phone, head.province, head.city, head.district, head.street, head.detail
                    )
                )
            for member in members:
                for _ in range(rng.randint(1, 3)):
                    t = self._sample_time()
                    sku = self._sku_at(t)
                    detail = head.detail.replace("室", "") if rng.random() < 0.1 else None
                    self._order(
                        member, sku, self._qty(sku), t, self._honest_intent(), lookalike="family", detail=detail
                    )
                    made += 1

    # -- honest traffic --------------------------------------------------------------------------
    def honest(self, n: int) -> None:
        rng = self.rng
        if n <= 0:
            return
        primaries = max(1, round(n / 1.06))
        with_companion = set(rng.sample(range(primaries), min(primaries, n - primaries)))
        times = sorted(self._sample_time() for _ in range(primaries))
        customers: list[_Person] = []
        for i, t in enumerate(times):
            if customers and rng.random() < 0.09:
                person = rng.choice(customers)
                detail = self._detail(person.city) if rng.random() < 0.1 else None
            else:
                person = self._person()
                customers.append(person)
                detail = None
            sku = self._sku_at(t)
            note = rng.choice(_HONEST_NOTES) if rng.random() < 0.03 else ""
            self._order(person, sku, self._qty(sku), t, self._honest_intent(), detail=detail, note=note)
            if i in with_companion:
                other = self._sku_at(t)
                if other.sku_id == sku.sku_id:
                    other = self.skus[self._pick(self.sku_cum)]
                t2 = self._after(t, rng.randint(40, 480))
                self._order(person, other, self._qty(other), t2, self._honest_intent(), detail=detail)

    def run(self) -> list[ExportOrder]:
        rng = self.rng
        attacks = round(self.target * 0.05)
        shares = (("burst", 0.30), ("inventory_lock", 0.18), ("serial_refund", 0.15), ("ring", 0.20))
        for name, share in shares:
            getattr(self, name)(round(attacks * share))
        self.pro_claimant(attacks - sum(round(attacks * s) for _, s in shares))
        self.flash_sale(round(self.target * rng.uniform(0.035, 0.06)))
        self.wholesale()
        self.family(round(self.target * 0.015))
        self.honest(self.target - len(self.out))
        self.out.sort(key=lambda o: o.ordered_at)
        used: set[str] = set()
        for o in self.out:
            while True:
                no = f"{o.ordered_at:%y%m%d}-{rng.randrange(10**14, 10**15)}"
                if no not in used:
                    used.add(no)
                    o.order_no = no
                    break
        return self.out


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of the gadgets shop over the 30 days before ``end`` (naive Shanghai time)."""
    return _Gen(seed, end, orders).run()


if __name__ == "__main__":
    import time
    from collections import Counter, defaultdict
    from zoneinfo import ZoneInfo

    began = time.perf_counter()
    rows = generate(seed=1, end=datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None))
    took = time.perf_counter() - began
    groups: dict[str, list[ExportOrder]] = defaultdict(list)
    for row in rows:
        key = f"label={row.label}" if row.label else f"lookalike={row.lookalike}" if row.lookalike else "normal"
        groups[key].append(row)
    attacks = sum(1 for row in rows if row.label)
    print(
        f"{FAMILY}: {len(rows)} orders, {attacks} attacks ({attacks / len(rows):.1%}), "
        f"{len({r.order_no for r in rows})} unique order numbers, {took:.2f}s"
    )
    for key in sorted(groups):
        members = groups[key]
        mix = Counter(row.outcome for row in members)
        phones = len({row.phone for row in members})
        outcome_text = ", ".join(f"{k} {v}" for k, v in mix.most_common())
        print(f"  {key:26} {len(members):6}  phones {phones:6}  {outcome_text}")
