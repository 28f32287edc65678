"""茗香源茶叶旗舰店: a Pinduoduo tea shop shipping from 安溪 (福建泉州).

The shop sells 绿茶 (明前龙井, 碧螺春), 红茶 (正山小种, 金骏眉, 滇红), 普洱 (熟饼, 生砖, 小青柑), 白茶
(寿眉饼, 白毫银针), 乌龙 (铁观音, 大红袍), 花茶, 冷泡茶, tea sets, gift boxes, a ¥9.9 试饮装 and a
¥0.01 新人试饮. A few items are limited stock (银针, 老班章, 狮峰龙井, 紫砂壶).

Traffic model (honest):

- calendar: weekday/weekend shape, 双11/双12/618 spikes, Spring Festival logistics stop, gift lift
  before 春节/中秋/教师节/父亲节, monthly seasonality per tea (new spring green tea in Mar/Apr, 冷泡 in
  summer, 红茶/普洱/白茶 in winter);
- hours: a morning office bump, lunch, and the big 20-23 h evening peak;
- buyers: one-off buyers, regulars who re-buy the same tea every 1-5 weeks with their saved address,
  office buyers on weekdays, tea houses restocking in bulk, families at one address, companies sending
  gift boxes to many clients from one phone, sample-then-full-size buyers, a few damaged parcels;
- everyone types addresses their own way (栋/幢/号楼/座, dashes, spaces, full-width digits, notes).

Attacks (``label``): burst, inventory_lock, serial_refund, ring, and this family's own
``sample_farming`` (羊毛党 studios farming the ¥0.01 sample with bought accounts, shipped to a few drop
points) and ``compensation_claim`` (职业打假: several family accounts buy "特级/明前/头采" items in
larger quantities, then file after-sales for 退一赔十).
"""

import bisect
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "tea"

_CENT = Decimal("0.01")
_UNPAID_WINDOW = timedelta(minutes=30)

# --------------------------------------------------------------------------------------------------
# Geography: 省 市 区 weight 街道...
_GEO_TEXT = """
广东省 深圳市 南山区 3 粤海街道 南头街道 西丽街道 蛇口街道 沙河街道 桃源街道
广东省 深圳市 福田区 2.5 福田街道 华强北街道 香蜜湖街道 梅林街道 莲花街道
广东省 深圳市 宝安区 2.5 新安街道 西乡街道 福永街道 沙井街道 石岩街道
广东省 深圳市 龙岗区 2.5 坂田街道 布吉街道 龙城街道 横岗街道 南湾街道
广东省 深圳市 龙华区 1.5 民治街道 龙华街道 大浪街道 观澜街道
广东省 广州市 天河区 2.5 石牌街道 林和街道 天河南街道 员村街道 猎德街道 棠下街道
广东省 广州市 海珠区 1.5 江海街道 赤岗街道 新港街道 琶洲街道 南华西街道
广东省 广州市 番禺区 1.5 市桥街道 大石街道 洛浦街道 南村镇
广东省 广州市 白云区 1.2 京溪街道 三元里街道 同和街道 新市街道
广东省 佛山市 南海区 1.2 桂城街道 大沥镇 里水镇 狮山镇
广东省 佛山市 顺德区 1 大良街道 容桂街道 北滘镇 陈村镇
广东省 珠海市 香洲区 0.7 拱北街道 吉大街道 香湾街道 前山街道
广东省 汕头市 龙湖区 0.6 金霞街道 珠池街道 新津街道
浙江省 杭州市 西湖区 2 西溪街道 文新街道 翠苑街道 北山街道 转塘街道 蒋村街道
浙江省 杭州市 余杭区 1.8 五常街道 仓前街道 闲林街道 良渚街道
浙江省 杭州市 拱墅区 1.2 米市巷街道 湖墅街道 大关街道 祥符街道
浙江省 杭州市 滨江区 1.2 西兴街道 长河街道 浦沿街道
浙江省 宁波市 鄞州区 1.3 钟公庙街道 首南街道 下应街道 中河街道
浙江省 温州市 鹿城区 1 五马街道 南汇街道 松台街道 七都街道
浙江省 金华市 义乌市 1 稠城街道 北苑街道 稠江街道 江东街道
浙江省 绍兴市 越城区 0.7 府山街道 北海街道 塔山街道
上海市 上海市 浦东新区 3 陆家嘴街道 花木街道 张江镇 川沙新镇 潍坊新村街道 塘桥街道
上海市 上海市 徐汇区 1.5 徐家汇街道 田林街道 漕河泾街道 虹梅路街道 康健新村街道
上海市 上海市 闵行区 1.8 莘庄镇 七宝镇 古美路街道 梅陇镇 颛桥镇
上海市 上海市 静安区 1 静安寺街道 南京西路街道 彭浦新村街道 大宁路街道
上海市 上海市 宝山区 1 大场镇 顾村镇 淞南镇 友谊路街道
上海市 上海市 松江区 0.8 方松街道 中山街道 九亭镇 泗泾镇
北京市 北京市 朝阳区 2.5 望京街道 建外街道 三里屯街道 劲松街道 酒仙桥街道 双井街道
北京市 北京市 海淀区 2 中关村街道 海淀街道 学院路街道 万寿路街道 上地街道 清河街道
北京市 北京市 丰台区 1.2 方庄街道 丰台街道 卢沟桥街道 马家堡街道
北京市 北京市 昌平区 1 回龙观街道 天通苑北街道 城北街道 霍营街道
江苏省 南京市 鼓楼区 1.2 湖南路街道 宁海路街道 华侨路街道 热河南路街道
江苏省 南京市 江宁区 1.2 东山街道 秣陵街道 淳化街道 麒麟街道
江苏省 苏州市 吴中区 1 长桥街道 越溪街道 郭巷街道 木渎镇
江苏省 苏州市 姑苏区 1 平江街道 双塔街道 金阊街道 沧浪街道
江苏省 苏州市 昆山市 1 玉山镇 花桥镇 周市镇 陆家镇
江苏省 无锡市 梁溪区 0.8 崇安寺街道 广益街道 扬名街道 清名桥街道
江苏省 常州市 武进区 0.7 湖塘镇 牛塘镇 南夏墅街道
江苏省 南通市 崇川区 0.6 和平桥街道 任港街道 观音山街道
江苏省 徐州市 云龙区 0.6 彭城街道 子房街道 骆驼山街道
福建省 福州市 鼓楼区 1.2 东街街道 温泉街道 五凤街道 鼓东街道
福建省 福州市 仓山区 1 仓山镇 城门镇 金山街道 盖山镇
福建省 厦门市 思明区 1.5 中华街道 鹭江街道 莲前街道 筼筜街道 嘉莲街道
福建省 厦门市 湖里区 1.2 湖里街道 殿前街道 江头街道 金山街道
福建省 泉州市 丰泽区 1 东海街道 丰泽街道 华大街道 清源街道
福建省 泉州市 晋江市 1 青阳街道 梅岭街道 西园街道 陈埭镇
福建省 莆田市 城厢区 0.5 龙桥街道 凤凰山街道 霞林街道
山东省 济南市 历下区 1 泉城路街道 文东街道 甸柳庄街道 千佛山街道
山东省 青岛市 市南区 1 八大峡街道 香港中路街道 湛山街道 金门路街道
山东省 青岛市 崂山区 0.8 中韩街道 沙子口街道 金家岭街道
山东省 烟台市 芝罘区 0.6 向阳街道 毓璜顶街道 只楚街道
山东省 临沂市 兰山区 0.6 兰山街道 金雀山街道 柳青街道
四川省 成都市 武侯区 1.2 玉林街道 火车南站街道 簇桥街道 红牌楼街道
四川省 成都市 锦江区 1 春熙路街道 书院街街道 牛市口街道 沙河街道
四川省 成都市 双流区 0.8 东升街道 西航港街道 九江街道
四川省 绵阳市 涪城区 0.4 城厢街道 工区街道 石塘街道
湖北省 武汉市 洪山区 1.2 珞南街道 关山街道 卓刀泉街道 狮子山街道
湖北省 武汉市 江汉区 0.8 民族街道 万松街道 唐家墩街道 常青街道
湖北省 宜昌市 西陵区 0.4 云集街道 学院街道 夜明珠街道
湖南省 长沙市 岳麓区 1 望月湖街道 观沙岭街道 梅溪湖街道 麓谷街道
湖南省 长沙市 雨花区 0.9 侯家塘街道 东塘街道 砂子塘街道 高桥街道
湖南省 株洲市 天元区 0.4 嵩山路街道 泰山路街道 栗雨街道
河南省 郑州市 金水区 1.5 经八路街道 花园路街道 丰产路街道 文化路街道
河南省 郑州市 二七区 0.8 淮河路街道 建中街街道 五里堡街道
河南省 郑州市 中原区 0.7 林山寨街道 建设路街道 三官庙街道 绿东村街道
陕西省 西安市 雁塔区 1.2 小寨路街道 电子城街道 长延堡街道 大雁塔街道
陕西省 西安市 碑林区 0.6 南院门街道 张家村街道 长乐坊街道 太乙路街道
天津市 天津市 南开区 0.8 长虹街道 王顶堤街道 万兴街道 学府街道
天津市 天津市 河西区 0.7 友谊路街道 尖山街道 越秀路街道 梅江街道
重庆市 重庆市 渝北区 1 龙溪街道 回兴街道 两路街道 龙山街道
重庆市 重庆市 江北区 0.8 观音桥街道 五里店街道 大石坝街道
安徽省 合肥市 蜀山区 1 三里庵街道 稻香村街道 笔架山街道 琥珀街道
安徽省 合肥市 包河区 0.8 望湖街道 芜湖路街道 包公街道 常青街道
安徽省 芜湖市 镜湖区 0.4 范罗山街道 滨江街道 汀棠街道
江西省 南昌市 东湖区 0.6 公园街道 百花洲街道 董家窑街道 彭家桥街道
江西省 南昌市 西湖区 0.5 朝阳洲街道 桃源街道 系马桩街道
江西省 赣州市 章贡区 0.4 南外街道 解放街道 东外街道
辽宁省 沈阳市 和平区 0.7 太原街街道 南湖街道 北市场街道
辽宁省 大连市 沙河口区 0.7 春柳街道 黑石礁街道 星海湾街道 李家街道
黑龙江省 哈尔滨市 南岗区 0.6 花园街道 大成街道 革新街道 芦家街道
吉林省 长春市 朝阳区 0.5 桂林街道 红旗街道 清和街道 湖西街道
河北省 石家庄市 长安区 0.6 建北街道 育才街道 青园街道 广安街道
河北省 保定市 竞秀区 0.5 先锋街道 新市场街道 东风街道
山西省 太原市 小店区 0.6 坞城街道 平阳路街道 龙城街道 亲贤街道
云南省 昆明市 五华区 0.5 华山街道 护国街道 大观街道 红云街道
云南省 昆明市 官渡区 0.5 关上街道 吴井街道 太和街道
广西壮族自治区 南宁市 青秀区 0.7 新竹街道 中山街道 建政街道 南湖街道
贵州省 贵阳市 观山湖区 0.5 金华园街道 世纪城街道 长岭街道
海南省 海口市 美兰区 0.3 海府街道 人民路街道 白龙街道
海南省 海口市 龙华区 0.3 金贸街道 大同街道 滨海街道
内蒙古自治区 呼和浩特市 赛罕区 0.3 昭乌达路街道 大学东路街道 中专路街道
新疆维吾尔自治区 乌鲁木齐市 天山区 0.2 幸福路街道 解放南路街道 新华南路街道
甘肃省 兰州市 城关区 0.3 张掖路街道 酒泉路街道 东岗西路街道
"""

_ROADS_TEXT = """
深圳市 深南大道 科苑路 南海大道 创业路 沙河西路 福华路 彩田路 新洲路 宝安大道 建安路 布吉路 坂田大道 民治大道 留仙大道
广州市 天河路 中山大道 黄埔大道 体育西路 石牌西路 江南大道 新港中路 工业大道 市桥路 白云大道 京溪路
佛山市 南海大道 桂澜路 海八路 佛山大道 季华路 荷岳路 大良新城路
珠海市 情侣路 九洲大道 凤凰路 迎宾南路
汕头市 长平路 金砂路 黄山路 韩江路
杭州市 文三路 文一西路 天目山路 古墩路 余杭塘路 莫干山路 湖墅南路 江南大道 滨盛路 丰潭路 学院路 教工路
宁波市 中山东路 天童南路 鄞县大道 四明中路 泰康中路
温州市 人民路 车站大道 府东路 锦绣路
金华市 工人路 城中路 宾王路 稠州路
绍兴市 解放路 中兴路 胜利路
上海市 世纪大道 张杨路 浦东南路 漕溪北路 虹桥路 宜山路 沪闵路 七莘路 南京西路 共和新路 牡丹江路 文诚路 龙阳路
北京市 望京西路 阜通东大街 建国路 劲松路 中关村大街 学院路 万寿路 上地东路 方庄路 丰台北路 回龙观西大街 立汤路
南京市 中山北路 湖南路 汉中路 双龙大道 天元中路 胜太路 草场门大街
苏州市 人民路 干将路 东吴北路 宝带西路 前进西路 柏庐路 长江路
无锡市 中山路 解放南路 人民中路 学前街
常州市 延政大道 武宜路 人民路
南通市 工农路 人民中路 青年路
徐州市 解放南路 淮海东路 建国路 和平路
福州市 五一北路 八一七路 华林路 五四路 六一北路
厦门市 湖滨南路 厦禾路 莲前西路 嘉禾路 仙岳路 湖里大道 吕岭路
泉州市 丰泽街 田安路 泉秀路 宝洲路 泉安中路
莆田市 文献路 荔城大道 学园南路
济南市 泉城路 经十路 解放路 历山路 文化东路
青岛市 香港中路 山东路 东海西路 漳州路 海尔路 同安路
烟台市 南大街 北马路 青年南路
临沂市 沂蒙路 解放路 通达路 北京路
成都市 人民南路 玉林北路 科华北路 蜀都大道 天府大道 红星路
绵阳市 临园路 长虹大道 剑南路
武汉市 珞喻路 鲁磨路 光谷大道 解放大道 青年路 建设大道 雄楚大道
宜昌市 东山大道 沿江大道 夷陵大道
长沙市 麓山南路 枫林一路 岳麓大道 劳动中路 韶山北路 芙蓉中路 万家丽路
株洲市 黄河北路 长江南路 泰山路
郑州市 花园路 经三路 文化路 农业路 金水路 建设路 中原路 大学路 淮河路
西安市 小寨西路 长安南路 科技路 高新路 太白南路 含光路 友谊东路
天津市 黄河道 红旗南路 卫津路 友谊路 南京路
重庆市 金开大道 建新北路 龙山路 红锦大道 渝鲁大道
合肥市 长江西路 黄山路 望江西路 金寨路 马鞍山路 徽州大道
芜湖市 中山路 北京东路 赭山路
南昌市 八一大道 阳明路 北京西路 象山北路 红谷中大道
赣州市 红旗大道 文清路 长征大道
沈阳市 中华路 南京北街 三好街 青年大街
大连市 黄河路 中山路 五四路 西安路
哈尔滨市 西大直街 学府路 红军街 中山路
长春市 人民大街 西安大路 红旗街 湖西路
石家庄市 中山东路 建设北大街 育才街 裕华路
保定市 朝阳大街 东风路 裕华西路
太原市 长风街 平阳路 坞城路 亲贤北街
昆明市 东风西路 青年路 北京路 关上中路 环城南路
南宁市 民族大道 中山路 东葛路 青秀路
贵阳市 长岭北路 林城西路 金阳南路
海口市 海府路 国兴大道 滨海大道 龙昆南路
呼和浩特市 新华大街 昭乌达路 大学东街
乌鲁木齐市 解放南路 新华南路 光明路 人民路
兰州市 庆阳路 张掖路 东岗西路 天水南路
"""


def _parse_geo() -> list[tuple[str, str, str, float, tuple[str, ...]]]:
    out = []
    for line in _GEO_TEXT.strip().splitlines():
        prov, city, dist, weight, *streets = line.split()
        out.append((prov, city, dist, float(weight), tuple(streets)))
    return out


_GEO = _parse_geo()
_ROADS = {line.split()[0]: tuple(line.split()[1:]) for line in _ROADS_TEXT.strip().splitlines()}

# Days in transit from 安溪 by province.
_TRANSIT = {
    "福建省": (1, 2),
    "广东省": (2, 3), "浙江省": (2, 3), "上海市": (2, 3), "江苏省": (2, 3), "江西省": (2, 3),
    "北京市": (3, 4), "天津市": (3, 4), "山东省": (3, 4), "湖南省": (2, 4), "湖北省": (3, 4), "安徽省": (2, 3),
    "河南省": (3, 4), "四川省": (3, 5), "重庆市": (3, 5), "陕西省": (3, 5), "河北省": (3, 4), "山西省": (3, 5),
    "广西壮族自治区": (3, 4), "贵州省": (3, 5), "云南省": (3, 5), "辽宁省": (3, 5), "吉林省": (4, 6),
    "黑龙江省": (4, 6), "内蒙古自治区": (4, 6), "海南省": (3, 5), "甘肃省": (4, 6), "新疆维吾尔自治区": (5, 8),
}  # fmt: skip


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_COMPOUNDS = _words(
    "万科城 万科金域蓝湾 碧桂园凤凰城 保利香槟国际 恒大绿洲 金地名京 华润二十四城 龙湖春江郦城 绿城桂花园 世纪花园 "
    "锦绣江南 阳光100国际新城 中海锦苑 招商花园城 融创玖璋台 新城花园 翠苑三区 幸福里 丽景湾 金色家园 香榭里 "
    "天鹅湖小区 滨江花园 文苑小区 和平里 建设新村 电力宿舍 教师公寓 银河湾 紫薇花园 海伦堡 君悦府 时代倾城 "
    "雅居乐花园 美的城 旭辉城 中梁首府 富力桃园 名都花园 春华苑 怡景苑 南苑新村 北辰小区 柏林花园 东方名苑 "
    "御景华庭 望江府 山水华府 枫林绿洲 半岛花园 荔园小区 兴华苑 金桂园"
)
_OFFICES = _words(
    "国际金融中心 科技大厦 创业大厦 环球中心 软件园 数码大厦 世纪大厦 财富中心 万达广场 绿地中心 时代广场 "
    "创新中心 金融大厦 商务中心 总部基地 科创园"
)
_COMPANY_STEMS = _words("恒信 华创 博远 鑫达 智联 盛世 云帆 启明 天成 优品 正和 立信 德邦 远航 金诚 新锐")
_COMPANY_KINDS = (
    "科技有限公司",
    "贸易有限公司",
    "律师事务所",
    "设计工作室",
    "网络科技有限公司",
    "会计师事务所",
    "建材公司",
)
_BIZ_STEMS = _words("聚贤 品茗 悦来 福满 清风 一品 和顺 老地方 雅韵 静心 茗轩 听雨 鸿运 乐山")
_BIZ_KINDS = ("茶楼", "茶馆", "棋牌室", "酒楼", "大酒店", "农家乐", "茶社", "足浴")
_VILLAGES = _words("新塘村 石桥村 东湖村 上坝村 下洋村 塘头村 沙湾村 河西村 大王庄 柳树村 高桥村 前进村")

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_SURNAME_CW: list[float] = []
_acc = 0.0
for _i in range(len(_SURNAMES)):
    _acc += 1.0 / (_i + 6)
    _SURNAME_CW.append(_acc)
_GIVEN_M = "伟强磊军洋勇杰涛明超刚建国志斌辉鹏宇浩然轩博俊凯东亮飞鑫波宁豪睿振德永福荣成海平文华"
_GIVEN_F = "芳娜秀英敏静丽艳娟兰霞桂红玲萍雪梅燕欣怡佳琪思雨梓涵晨婷颖倩琳慧晓丹雯蕾雅楠春玉凤莉秋菊文华平"

_PREFIXES = (
    ("138", 6), ("139", 6), ("137", 5), ("136", 4), ("135", 4), ("134", 2), ("150", 4), ("151", 4), ("152", 3),
    ("157", 2), ("158", 4), ("159", 4), ("182", 3), ("183", 3), ("187", 4), ("188", 3), ("178", 2), ("147", 1),
    ("198", 2), ("130", 3), ("131", 3), ("132", 3), ("155", 3), ("156", 3), ("185", 3), ("186", 4), ("166", 2),
    ("176", 2), ("175", 1), ("133", 3), ("153", 3), ("180", 3), ("181", 3), ("189", 4), ("177", 2), ("173", 2),
    ("199", 2), ("191", 1), ("193", 1), ("195", 1), ("196", 1),
)  # fmt: skip
_VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")

_HOME_HOURS = (1.3, 0.7, 0.35, 0.15, 0.1, 0.15, 0.45, 1.1, 2.0, 3.0, 3.6, 3.4,
               3.3, 3.0, 2.8, 2.8, 2.6, 2.4, 2.5, 3.4, 4.8, 5.4, 4.9, 2.8)  # fmt: skip
_OFFICE_HOURS = (0, 0, 0, 0, 0, 0, 0, 0.1, 0.6, 3.0, 4.0, 3.5, 1.6, 2.2, 3.2, 3.6, 3.0, 1.4, 0.4, 0.1, 0, 0, 0, 0)
_FARM_HOURS = (3.0, 2.2, 1.2, 0.4, 0.1, 0.1, 0.1, 0.3, 0.6, 1.0, 1.2, 1.3,
               2.2, 1.8, 1.2, 1.1, 1.0, 1.0, 1.1, 1.6, 2.2, 2.6, 3.2, 3.6)  # fmt: skip

# Month lift per tea category (Jan..Dec).
_MONTH_LIFT = {
    "green": (0.5, 0.7, 2.4, 3.0, 2.0, 1.4, 1.2, 1.1, 0.9, 0.7, 0.55, 0.5),
    "black": (1.8, 1.4, 1.0, 0.8, 0.7, 0.6, 0.55, 0.6, 0.9, 1.2, 1.6, 1.8),
    "puer": (1.5, 1.3, 1.0, 0.9, 0.85, 0.8, 0.8, 0.8, 0.95, 1.1, 1.4, 1.5),
    "white": (1.3, 1.1, 0.9, 1.0, 1.0, 0.9, 0.85, 0.85, 1.0, 1.2, 1.4, 1.4),
    "oolong": (1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.2, 1.3, 1.1, 1.0),
    "flower": (0.8, 0.9, 1.5, 1.4, 1.4, 1.3, 1.2, 1.2, 1.0, 0.9, 0.8, 0.8),
    "coldbrew": (0.2, 0.25, 0.5, 0.9, 1.5, 2.6, 3.2, 3.0, 1.6, 0.6, 0.25, 0.2),
}

_SPRING_FESTIVAL = {
    2023: date(2023, 1, 22), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17),
    2027: date(2027, 2, 6), 2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
}  # fmt: skip
_MID_AUTUMN = {
    2023: date(2023, 9, 29), 2024: date(2024, 9, 17), 2025: date(2025, 10, 6), 2026: date(2026, 9, 25),
    2027: date(2027, 9, 15), 2028: date(2028, 10, 3), 2029: date(2029, 9, 22), 2030: date(2030, 9, 12),
    2031: date(2031, 10, 1),
}  # fmt: skip

_HONEST_NOTES = (
    ("请尽快发货", 6), ("送人的，不要放价格单", 5), ("麻烦包装好一点，送长辈", 4), ("放菜鸟驿站就行", 4),
    ("放快递柜", 3), ("要开发票", 3), ("是今年的新茶吗", 3), ("多送几包试饮可以吗", 2), ("周末家里没人，放门卫", 2),
    ("发顺丰可以吗 补运费", 1), ("老客户了，给点小样", 2), ("请送个手提袋", 2), ("不要打电话，直接放门口", 2),
)  # fmt: skip
_DETAIL_SUFFIXES = ("（放门卫）", "(放快递柜)", " 菜鸟驿站代收", "（丰巢）", " 放门口", "(白天不在家)")

_FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
_CN_NUM = "〇一二三四五六七八九十"


def _fw(text: str) -> str:
    return text.translate(_FW)


def _cn(n: int) -> str:
    if n <= 10:
        return _CN_NUM[n]
    if n < 20:
        return "十" + _CN_NUM[n - 10]
    return str(n)


def _cum(weights) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Sku:
    key: str
    sku_id: str
    name: str
    cat: str
    specs: tuple[tuple[str, float, float], ...]  # (spec, price, weight)
    weight: float
    giftish: bool = False
    limited: bool = False

    def spec_cw(self) -> list[float]:
        return _cum(s[2] for s in self.specs)


def _skus(year: int) -> list[_Sku]:
    return [
        _Sku("longjing", "611203548821", f"{year}新茶 明前特级西湖龙井 绿茶 春茶 浓香型罐装", "green",
             (("50g 尝鲜罐", 39.9, 3), ("125g 罐装", 89.0, 4), ("250g 礼盒装", 168.0, 2)), 6),
        _Sku("biluochun", "611203551937", "洞庭山碧螺春 明前嫩芽 绿茶 散装袋装", "green",
             (("100g 袋装", 45.9, 4), ("250g 袋装", 99.0, 3)), 4),
        _Sku("xiaozhong", "598122047716", "武夷山正山小种 红茶 浓香型 散装", "black",
             (("250g 袋装", 32.9, 4), ("500g 两袋", 59.9, 3)), 7),
        _Sku("jinjunmei", "598122063302", "金骏眉 红茶 特级 蜜香 礼盒装", "black",
             (("250g 礼盒", 118.0, 3), ("500g 双罐礼盒", 218.0, 1)), 3, giftish=True),
        _Sku("dianhong", "603477120895", "云南滇红 古树工夫红茶 金芽", "black", (("200g 罐装", 29.9, 5),), 4),
        _Sku("puer_cake", "587310066524", "云南普洱熟茶饼 勐海 七子饼 357g", "puer",
             (("1饼 357g", 49.0, 5), ("一提7饼", 318.0, 1)), 6),
        _Sku("puer_brick", "587310071049", "普洱生茶砖 古树 250g 茶砖", "puer",
             (("1砖 250g", 39.9, 4), ("3砖装", 109.0, 2)), 3),
        _Sku("xiaoqinggan", "587310090177", "新会小青柑 宫廷普洱 柑普茶 罐装", "puer",
             (("500g 约40颗", 59.9, 5), ("250g 约20颗", 32.9, 3)), 5),
        _Sku("shoumei", "624550318060", "福鼎白茶 老寿眉 茶饼 2019年", "white",
             (("350g 饼", 69.0, 5), ("350g×2 饼", 128.0, 2)), 5),
        _Sku("yinzhen", "624550322741", "福鼎白毫银针 头采 白茶 限量", "white",
             (("100g 罐", 158.0, 3), ("200g 礼盒", 298.0, 1)), 1.2, giftish=True, limited=True),
        _Sku("tieguanyin", "579048812205", "安溪铁观音 浓香型 新茶 乌龙茶 小包装", "oolong",
             (("250g 约30泡", 32.0, 4), ("500g 约60泡", 58.0, 5)), 9),
        _Sku("dahongpao", "579048823614", "武夷岩茶 大红袍 肉桂 乌龙茶", "oolong",
             (("250g 礼盒", 68.0, 4), ("500g 两盒", 128.0, 2)), 4),
        _Sku("jasmine", "633902117489", "横县茉莉花茶 飘雪 浓香型 茶叶", "flower",
             (("250g 袋装", 22.8, 5), ("500g 袋装", 39.9, 3)), 6),
        _Sku("rose", "633902128853", "玫瑰花茶 胎菊 组合 养生花草茶", "flower", (("玫瑰50g+胎菊50g", 19.9, 5),), 4),
        _Sku("coldbrew", "641186035512", "冷泡茶 三角茶包 白桃乌龙 蜜桃乌龙", "coldbrew",
             (("30包", 19.9, 5), ("60包", 35.9, 2)), 4),
        _Sku("teaset", "642001779036", "功夫茶具套装 家用 陶瓷 盖碗 茶杯", "teaset",
             (("盖碗+公道杯+6杯", 69.0, 4), ("整套带茶盘", 159.0, 2)), 3, giftish=True),
        _Sku("kuaike", "642001784420", "旅行茶具 快客杯 一壶二杯 便携", "teaset", (("一壶二杯", 35.9, 5),), 2),
        _Sku("gift_lj", "652774310928", "茶叶礼盒 龙井+金骏眉 双拼 送长辈 高档", "gift",
             (("双罐礼盒 500g", 198.0, 4), ("四罐臻品礼盒", 368.0, 1)), 3, giftish=True),
        _Sku("gift_tgy", "652774322083", "茶叶礼盒装 铁观音大红袍组合 伴手礼 送礼", "gift",
             (("2罐 礼袋", 128.0, 4),), 2.5, giftish=True),
        _Sku("sampler", "660305518274", "试饮装 8种名茶 品鉴装 每泡独立包装", "sample", (("8泡 约56g", 9.9, 6),), 5),
        _Sku("penny", "660305520016", "新人专享 一分钱试饮 龙井/红茶 3泡", "sample",
             (("龙井3泡", 0.01, 1), ("正山小种3泡", 0.01, 1)), 1.5),
        _Sku("laobanzhang", "587310104551", "2016年 老班章 古树普洱生茶饼 357g 收藏", "puer",
             (("1饼 357g", 899.0, 1),), 0.3, giftish=True, limited=True),
        _Sku("zisha", "642001795508", "宜兴紫砂壶 原矿朱泥 西施壶 手工 限量", "teaset",
             (("西施壶 230cc", 399.0, 1),), 0.4, giftish=True, limited=True),
        _Sku("shifeng", "611203566180", f"{year}明前狮峰龙井 特级 核心产区 限量礼盒", "green",
             (("250g 礼盒", 498.0, 1),), 0.5, giftish=True, limited=True),
    ]  # fmt: skip


@dataclass
class _Person:
    name: str
    phone: str
    addr: tuple[str, str, str, str, str]  # province, city, district, street, detail


def _split(total: int, fracs: dict[str, float]) -> dict[str, int]:
    raw = {k: total * f for k, f in fracs.items()}
    out = {k: int(v) for k, v in raw.items()}
    rest = total - sum(out.values())
    for k in sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)[:rest]:
        out[k] += 1
    return out


# --------------------------------------------------------------------------------------------------
class _Shop:
    def __init__(self, seed: int, end: datetime):
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        first, last = self.start.date(), (end - timedelta(microseconds=1)).date()
        self.days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        self.skus = _skus(end.year if end.month >= 3 else end.year - 1)
        self.sku = {s.key: s for s in self.skus}
        self.spec_cw = {s.key: s.spec_cw() for s in self.skus}
        years = range(end.year - 1, end.year + 2)
        self.spring = [_SPRING_FESTIVAL.get(y, date(y, 2, 5)) for y in years]
        self.mid_autumn = [_MID_AUTUMN.get(y, date(y, 9, 20)) for y in years]
        self.gift_days = (
            [(d, 25, 2.2) for d in self.spring]
            + [(d, 20, 2.5) for d in self.mid_autumn]
            + [(date(y, 9, 10), 7, 0.6) for y in years]
            + [(self._third_sunday_june(y), 8, 0.9) for y in years]
        )
        self.day_cw = _cum(self._day_weight(d) for d in self.days)
        self.sku_cw = [_cum(s.weight * self._season(s, d) for s in self.skus) for d in self.days]
        self.geo_cw = _cum(g[3] for g in _GEO)
        self.prefix_cw = _cum(w for _, w in _PREFIXES)
        self.note_cw = _cum(w for _, w in _HONEST_NOTES)
        self.cw = {
            "home": _cum(_HOME_HOURS),
            "office": _cum(_OFFICE_HOURS),
            "farm": _cum(_FARM_HOURS),
        }
        self.used_nos: set[str] = set()
        self.used_phones: set[str] = set()

    # ---- calendar --------------------------------------------------------------------------------
    @staticmethod
    def _third_sunday_june(year: int) -> date:
        d = date(year, 6, 1)
        d += timedelta(days=(6 - d.weekday()) % 7)
        return d + timedelta(days=14)

    def _day_weight(self, d: date) -> float:
        w = (1.0, 1.0, 0.98, 1.0, 0.95, 0.88, 1.05)[d.weekday()] * self.rng.uniform(0.9, 1.1)
        md = (d.month, d.day)
        if md == (11, 11):
            w *= 2.6
        elif md == (11, 10):
            w *= 1.4
        elif d.month == 11 and d.day < 10:
            w *= 1.12
        elif md == (12, 12):
            w *= 1.6
        elif md == (6, 18):
            w *= 1.8
        elif md == (3, 8):
            w *= 1.2
        elif d.month == 10 and d.day <= 7:
            w *= 0.8
        for h in self.spring:
            delta = (d - h).days
            if -4 <= delta <= 5:
                w *= 0.45
            elif -21 <= delta < -4:
                w *= 1.25
        for h in self.mid_autumn:
            delta = (d - h).days
            if -14 <= delta < -1:
                w *= 1.2
            elif 0 <= delta <= 2:
                w *= 0.75
        return w

    def _season(self, sku: _Sku, d: date) -> float:
        lift = _MONTH_LIFT.get(sku.cat, (1.0,) * 12)[d.month - 1]
        if sku.cat == "flower" and (d.month, d.day) in ((3, 7), (3, 8)):
            lift *= 2.0
        if sku.giftish:
            for h, span, peak in self.gift_days:
                before = (h - d).days
                if 0 < before <= span:
                    lift *= 1 + peak * (1 - before / span) + 0.3
                elif -5 <= before <= 0:
                    lift *= 0.6
        return lift

    def day_index(self) -> int:
        return bisect.bisect(self.day_cw, self.rng.random() * self.day_cw[-1])

    def when(self, hours: str = "home", *, day: int | None = None, weekdays: bool = False) -> datetime:
        rng, cw = self.rng, self.cw[hours]
        for _ in range(200):
            d = self.days[self.day_index() if day is None else day]
            if weekdays and d.weekday() >= 5 and rng.random() < 0.9:
                continue
            h = bisect.bisect(cw, rng.random() * cw[-1])
            t = datetime.combine(d, time(h)) + timedelta(seconds=rng.randrange(3600))
            if self.start <= t < self.end:
                return t
        return self.start + (self.end - self.start) * rng.random()

    def clamp(self, t: datetime) -> datetime:
        if t >= self.end:
            return self.end - timedelta(seconds=self.rng.randint(30, 3000))
        return max(t, self.start)

    def pick_sku(self, t: datetime) -> _Sku:
        cw = self.sku_cw[min(len(self.days) - 1, max(0, (t.date() - self.days[0]).days))]
        return self.skus[bisect.bisect(cw, self.rng.random() * cw[-1])]

    def pick_spec(self, sku: _Sku) -> int:
        cw = self.spec_cw[sku.key]
        return bisect.bisect(cw, self.rng.random() * cw[-1])

    def usual_qty(self, sku: _Sku) -> int:
        r = self.rng.random()
        if sku.key == "penny":
            return 1
        if sku.limited:
            return 1 if r < 0.95 else 2
        if sku.specs[0][1] < 30:
            return 1 if r < 0.68 else 2 if r < 0.89 else 3 if r < 0.97 else 4
        return 1 if r < 0.85 else 2 if r < 0.97 else 3

    # ---- people ----------------------------------------------------------------------------------
    def phone(self, virtual: float = 0.01) -> str:
        rng = self.rng
        while True:
            if rng.random() < virtual:
                prefix = rng.choice(_VIRTUAL_PREFIXES)
            else:
                prefix = _PREFIXES[bisect.bisect(self.prefix_cw, rng.random() * self.prefix_cw[-1])][0]
            p = f"{prefix}{rng.randrange(10**8):08d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def surname(self) -> str:
        return _SURNAMES[bisect.bisect(_SURNAME_CW, self.rng.random() * _SURNAME_CW[-1])]

    def name(self, surname: str | None = None, casual: float = 0.05) -> str:
        rng = self.rng
        s = surname or self.surname()
        male = rng.random() < 0.45
        if rng.random() < casual:
            return s + rng.choice(("先生", "先生", "总", "哥") if male else ("女士", "女士", "姐", "小姐"))
        pool = _GIVEN_M if male else _GIVEN_F
        return s + (rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool))

    def region(self, flat: bool = False) -> tuple[str, str, str, float, tuple[str, ...]]:
        if flat:
            return self.rng.choice(_GEO)
        return _GEO[bisect.bisect(self.geo_cw, self.rng.random() * self.geo_cw[-1])]

    def home_parts(self, city: str) -> tuple[str, int, str, int, int, int]:
        rng = self.rng
        road = rng.choice(_ROADS[city])
        num = rng.choice((rng.randint(1, 99), rng.randint(1, 399), rng.randint(100, 1999)))
        comp = rng.choice(_COMPOUNDS)
        high = rng.random() < 0.7
        floor = rng.randint(2, 33) if high else rng.randint(1, 7)
        room = floor * 100 + rng.randint(1, 6 if high else 3)
        return road, num, comp, rng.randint(1, 28 if high else 12), rng.randint(1, 4), room

    def home_detail(self, city: str, parts=None, style: int | None = None) -> str:
        rng = self.rng
        road, num, comp, b, u, room = parts or self.home_parts(city)
        if style is None:
            style = rng.choices(range(12), weights=(18, 14, 10, 8, 7, 7, 8, 5, 5, 4, 3, 3))[0]
        if city == "上海市" and rng.random() < 0.5:
            text = f"{road}{rng.randint(50, 1800)}弄{rng.randint(1, 60)}号{room}室"
        elif city == "北京市" and style in (0, 3):
            text = f"{comp}{b}号楼{u}单元{room}"
        else:
            text = (
                f"{comp}{b}栋{u}单元{room}",
                f"{road}{num}号{comp}{b}栋{u}单元{room}",
                f"{road}{num}号{comp}{b}栋{u}单元{room}室",
                f"{comp}{b}幢{u}单元{room}室",
                f"{comp}{b}号楼{u}单元{room}",
                f"{comp}{b}-{u}-{room}",
                f"{comp} {b}栋{room}",
                f"{road}{num}号 {comp} {b}栋 {u}单元 {room}",
                f"{comp}{b}栋{u}单元{room}号",
                f"{comp}{b}座{room}",
                f"{comp}{_cn(rng.randint(1, 3))}期{b}栋{room}",
                f"{road}{num}号{comp}{b}栋{room}房",
            )[style]
        if rng.random() < 0.015:
            text = _fw(text)
        if rng.random() < 0.05:
            text += rng.choice(_DETAIL_SUFFIXES)
        return text

    def office_detail(self, city: str, company: str | None = None) -> str:
        rng = self.rng
        road = rng.choice(_ROADS[city])
        num = rng.randint(1, 999)
        bld = rng.choice(_OFFICES)
        tower = rng.choice("ABCD")
        floor = rng.randint(3, 42)
        rm = rng.randint(1, 20)
        company = company or rng.choice(_COMPANY_STEMS) + rng.choice(_COMPANY_KINDS)
        return rng.choice(
            (
                f"{road}{num}号{bld}{tower}座{floor}{rm:02d}室",
                f"{bld}{floor}楼{company}",
                f"{bld}{tower}栋{floor}层 {company}前台",
                f"{road}{num}号 {bld} {floor}{rm:02d}",
                f"{bld}{tower}座{floor}{rm:02d} {company}",
            )
        )

    def village_detail(self) -> str:
        rng = self.rng
        v = rng.choice(_VILLAGES)
        return rng.choice(
            (
                f"{v}{rng.randint(1, 12)}组{rng.randint(1, 80)}号",
                f"{v}{rng.randint(1, 30)}巷{rng.randint(1, 40)}号",
                f"{v}村委旁 {rng.randint(1, 200)}号",
                f"{v}{self.rng.choice('东西南北')}区{rng.randint(1, 60)}号",
            )
        )

    def address(self, kind: str = "home", flat: bool = False, region=None) -> tuple[str, str, str, str, str]:
        prov, city, dist, _, streets = region or self.region(flat)
        towns = [x for x in streets if x.endswith("镇")]
        street = self.rng.choice(towns if kind == "village" and towns else streets)
        if kind == "office":
            detail = self.office_detail(city)
        elif street.endswith("镇") and (kind == "village" or self.rng.random() < 0.3):
            detail = self.village_detail()
        else:
            detail = self.home_detail(city)
        return prov, city, dist, street, detail

    def person(self, kind: str = "home", *, flat: bool = False, virtual: float = 0.01, casual: float = 0.05):
        return _Person(self.name(casual=casual), self.phone(virtual), self.address(kind, flat))

    def note(self, p: float = 0.07) -> str:
        if self.rng.random() >= p:
            return ""
        return _HONEST_NOTES[bisect.bisect(self.note_cw, self.rng.random() * self.note_cw[-1])][0]

    # ---- order life ------------------------------------------------------------------------------
    def order_no(self, t: datetime) -> str:
        while True:
            no = f"{t:%y%m%d}-{self.rng.randrange(10**14, 10**15)}"
            if no not in self.used_nos:
                self.used_nos.add(no)
                return no

    def honest_fate(self, sku: _Sku, price: float) -> str:
        r = self.rng.random()
        abandon = 0.02 if sku.key == "penny" else 0.055 + (0.04 if price > 150 else 0.0)
        for fate, p in (("abandon", abandon), ("cancel", 0.024), ("refund_after", 0.014),
                        ("refund_before", 0.006), ("refunding", 0.004)):  # fmt: skip
            if r < p:
                return fate
            r -= p
        return "ok"

    def _ship_at(self, paid: datetime) -> datetime:
        rng = self.rng
        d = paid.date()
        if paid.time() >= time(15, 30):
            d += timedelta(days=1)
        if rng.random() < 0.1:
            d += timedelta(days=rng.choice((1, 1, 2)))
        for h in self.spring:
            if h - timedelta(days=5) <= d < h + timedelta(days=6):
                d = h + timedelta(days=6 + rng.randint(0, 2))
        return datetime.combine(d, time(16, 20)) + timedelta(minutes=rng.uniform(0, 150))

    def _deliver_at(self, shipped: datetime, province: str) -> datetime:
        lo, hi = _TRANSIT.get(province, (3, 5))
        d = shipped.date() + timedelta(days=self.rng.randint(lo, hi))
        return datetime.combine(d, time(9)) + timedelta(minutes=self.rng.uniform(0, 660))

    def _confirm_at(self, shipped: datetime, delivered: datetime) -> datetime:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return delivered + timedelta(minutes=rng.uniform(5, 1200))
        if r < 0.72:
            return delivered + timedelta(hours=rng.uniform(20, 120))
        return max(delivered, shipped + timedelta(days=10)) + timedelta(minutes=rng.uniform(0, 600))

    def life(self, t: datetime, fate: str, province: str):
        rng, end = self.rng, self.end
        if fate == "abandon":
            return ("unpaid" if end - t < _UNPAID_WINDOW else "unpaid_closed"), None, None, None
        r = rng.random()
        delay = rng.uniform(4, 80) if r < 0.72 else rng.uniform(80, 600) if r < 0.93 else rng.uniform(600, 1500)
        paid = t + timedelta(seconds=delay)
        if paid >= end:
            return "unpaid", None, None, None
        shipped = self._ship_at(paid)
        if fate == "cancel":
            cancel = paid + timedelta(minutes=rng.uniform(1, 720))
            if cancel >= shipped:
                cancel = paid + (shipped - paid) * rng.uniform(0.05, 0.9)
            return ("cancelled" if cancel < end else "paid"), paid, None, None
        if shipped >= end:
            return "paid", paid, None, None
        if fate == "refunding":
            return "refunding", paid, shipped, None
        delivered = self._deliver_at(shipped, province)
        if fate == "refund_before":  # 仅退款 in transit, or refused at the door and refunded on return
            if delivered + timedelta(hours=rng.uniform(6, 72)) < end:
                return "refunded", paid, shipped, delivered
            return "refunding", paid, shipped, None
        confirm = self._confirm_at(shipped, delivered)
        if fate == "refund_after":
            if confirm < end and confirm + timedelta(hours=rng.uniform(8, 150)) < end:
                return "refunded", paid, shipped, confirm
            if delivered < end:
                return "refunding", paid, shipped, None
            return "shipped", paid, shipped, None
        if confirm >= end:
            return "shipped", paid, shipped, None
        return "completed", paid, shipped, confirm

    def discount(self, subtotal: Decimal) -> Decimal:
        rng = self.rng
        off = Decimal(0)
        r = rng.random()
        if subtotal >= 299 and r < 0.35:
            off += 30
        elif subtotal >= 159 and r < 0.35:
            off += 15
        elif subtotal >= 69 and r < 0.3:
            off += 5
        if subtotal > 20 and rng.random() < 0.12:
            off += Decimal(rng.randint(5, 30)) / 10
        return off

    def order(
        self,
        p: _Person,
        sku: _Sku,
        spec: int,
        qty: int,
        t: datetime,
        fate: str,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        unit_price: float | None = None,
        discount: Decimal | None = None,
        receiver: str | None = None,
    ) -> ExportOrder:
        t = self.clamp(t)
        spec_name, price, _ = sku.specs[spec]
        unit = Decimal(str(unit_price if unit_price is not None else price))
        subtotal = unit * qty
        if sku.key == "penny":
            off = Decimal(0)
        elif discount is not None:
            off = discount
        else:
            off = self.discount(subtotal)
        amount = max(_CENT, (subtotal - off).quantize(_CENT))
        t = t.replace(microsecond=0)
        outcome, paid, shipped, received = (
            x.replace(microsecond=0) if isinstance(x, datetime) else x for x in self.life(t, fate, p.addr[0])
        )
        prov, city, dist, street, detail = p.addr
        return ExportOrder(
            order_no=self.order_no(t),
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
            receiver=receiver or p.name,
            phone=p.phone,
            province=prov,
            city=city,
            district=dist,
            street=street,
            detail=detail,
            label=label,
            lookalike=lookalike,
            buyer_note=note,
        )


def _pick_fate(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    r = rng.random() * sum(w for _, w in table)
    for fate, w in table:
        if r < w:
            return fate
        r -= w
    return table[-1][0]


# ================================================================================================
# Attacks
# ================================================================================================
def _burst(shop: _Shop, budget: int) -> list[ExportOrder]:
    """炸店: a hired crowd of accounts hammering one SKU for a quarter of an hour, mostly never paying."""
    rng = shop.rng
    if budget <= 0:
        return []
    sku = shop.sku[rng.choice(("sampler", "jasmine", "tieguanyin", "xiaozhong", "xiaoqinggan", "longjing"))]
    waves = 2 if budget >= 60 and rng.random() < 0.6 else 1
    sizes = [budget] if waves == 1 else [round(budget * rng.uniform(0.55, 0.7))]
    if waves == 2:
        sizes.append(budget - sizes[0])
    day = rng.randint(2, max(2, len(shop.days) - 4))
    base = datetime.combine(shop.days[day], time(rng.choice((10, 11, 13, 14, 20, 20, 21, 21, 22))))
    base += timedelta(minutes=rng.randint(0, 50))
    fates = (("abandon", 0.64), ("cancel", 0.25), ("ok", 0.06), ("refund_before", 0.03), ("refunding", 0.02))
    out: list[ExportOrder] = []
    previous: list[_Person] = []
    for w, size in enumerate(sizes):
        start = base if w == 0 else base + timedelta(hours=rng.choice((2.5, 19, 23, 26)), minutes=rng.randint(0, 40))
        window = rng.uniform(10, 17) * 60
        spec = shop.pick_spec(sku)
        made = 0
        accounts: list[_Person] = []
        while made < size:
            if previous and rng.random() < 0.25:
                p = previous.pop(rng.randrange(len(previous)))
            else:
                p = shop.person(flat=rng.random() < 0.5, virtual=0.22, casual=0.03)
            accounts.append(p)
            n = min(size - made, rng.choices((1, 2, 3, 4), weights=(30, 36, 22, 12))[0])
            t = start + timedelta(seconds=rng.uniform(0, window * 0.85))
            for _ in range(n):
                s = spec if rng.random() < 0.8 else shop.pick_spec(sku)
                qty = 1 if rng.random() < 0.85 else 2
                out.append(shop.order(p, sku, s, qty, t, _pick_fate(rng, fates), label="burst"))
                t += timedelta(seconds=rng.uniform(15, 200))
                made += 1
        previous = accounts
    return out


def _inventory_lock(shop: _Shop, budget: int) -> list[ExportOrder]:
    """同行恶拍: limited-stock items taken several at a time by one-off accounts, never really bought."""
    rng = shop.rng
    if budget <= 0:
        return []
    targets = rng.sample([shop.sku[k] for k in ("yinzhen", "laobanzhang", "zisha", "shifeng")], rng.choice((2, 3, 3)))
    notes = ("", "", "", "", "", "送领导的，包装好点", "有货吗 急要", "请尽快发货", "要开发票")
    out: list[ExportOrder] = []
    while len(out) < budget:
        p = shop.person(flat=rng.random() < 0.4, virtual=0.1)
        n = 1 if rng.random() < 0.88 else 2
        t = shop.when("home" if rng.random() < 0.5 else "office")
        for _ in range(min(n, budget - len(out))):
            sku = rng.choice(targets)
            qty = rng.choice((4, 5, 5, 6, 6, 6, 7, 8))
            fate = "abandon" if rng.random() < 0.84 else "cancel"
            out.append(shop.order(p, sku, shop.pick_spec(sku), qty, t, fate, label="inventory_lock",
                                  note=rng.choice(notes)))  # fmt: skip
            t += timedelta(minutes=rng.uniform(2, 40))
    return out


def _serial_refund(shop: _Shop, budget: int) -> list[ExportOrder]:
    """A handful of buyers who buy at a normal pace and get most of it refunded after receipt."""
    rng = shop.rng
    if budget <= 0:
        return []
    keys = ("longjing", "jinjunmei", "dahongpao", "teaset", "shoumei", "gift_lj", "biluochun", "xiaoqinggan")
    buyers = max(1, round(budget / 6))
    counts = _split(budget, {str(i): 1 / buyers for i in range(buyers)})
    fates = (("refund_after", 0.62), ("refund_before", 0.12), ("refunding", 0.06), ("ok", 0.2))
    out: list[ExportOrder] = []
    for i in range(buyers):
        p = shop.person()
        n = counts[str(i)]
        gap = 26 / max(n, 1)
        t = shop.start + timedelta(days=rng.uniform(0, min(6, gap)))
        for _ in range(n):
            t = datetime.combine(t.date(), time(0)) + timedelta(hours=rng.choice((9, 12, 13, 19, 20, 21, 22)),
                                                                 seconds=rng.randrange(3600))  # fmt: skip
            sku = shop.sku[rng.choice(keys)]
            out.append(shop.order(p, sku, shop.pick_spec(sku), shop.usual_qty(sku), t,
                                  _pick_fate(rng, fates), label="serial_refund"))  # fmt: skip
            t += timedelta(days=gap * rng.uniform(0.7, 1.3))
    return out


def _ring(shop: _Shop, budget: int) -> list[ExportOrder]:
    """A dozen names, a few phones, one flat typed a dozen ways."""
    rng = shop.rng
    if budget <= 0:
        return []
    region = shop.region()
    prov, city, dist, _, streets = region
    street = rng.choice(streets)
    road = rng.choice(_ROADS[city])
    num, comp = rng.randint(3, 300), rng.choice(_COMPOUNDS)
    b, u, room = rng.randint(2, 18), rng.randint(1, 3), rng.randint(5, 28) * 100 + rng.randint(1, 4)
    variants = [
        f"{comp}{b}栋{u}单元{room}",
        f"{road}{num}号{comp}{b}栋{u}单元{room}室",
        _fw(f"{comp}{b}栋{u}单元{room}"),
        f"{comp}{b}幢{u}单元{room}",
        f"{comp} {b}栋 {u}单元  {room}",
        f"{comp}{b}号楼{u}单元{room}",
        f"{comp}{b}栋{room}",
        f"{comp}{b}-{u}-{room}",
        f"{road}{num}号  {comp}{b}幢{room}室",
        _fw(f"{road}{num}号{comp}{b}号楼{u}单元{room}"),
        f"{comp}{_cn(b)}栋{u}单元{room}",
        f"{comp}（{road}{num}号）{b}栋{u}单元{room}",
        f"{road}{num}号{comp}{b}栋{u}单元{room}（放门口）",
    ]
    rng.shuffle(variants)
    n_names = max(3, min(14, round(budget / 4.5)))
    phones = [shop.phone(0.15) for _ in range(max(2, min(4, round(n_names / 3.5))))]
    surnames = [shop.surname() for _ in range(3)]
    members = []
    for i in range(n_names):
        s = rng.choice(surnames) if rng.random() < 0.4 else None
        addr = (prov, city, dist, street, variants[i % len(variants)])
        members.append(_Person(shop.name(s, casual=0.08), phones[i % len(phones)], addr))
    keys = ("gift_lj", "jinjunmei", "teaset", "longjing", "dahongpao", "yinzhen", "gift_tgy", "shoumei")
    fates = (("refund_after", 0.24), ("refund_before", 0.14), ("abandon", 0.18), ("cancel", 0.14),
             ("refunding", 0.1), ("ok", 0.2))  # fmt: skip
    out = []
    for i in range(budget):
        p = members[i % n_names] if i < n_names else rng.choice(members)
        sku = shop.sku[rng.choice(keys)]
        t = shop.when("home")
        out.append(shop.order(p, sku, shop.pick_spec(sku), shop.usual_qty(sku), t, _pick_fate(rng, fates),
                              label="ring"))  # fmt: skip
    return out


def _sample_farming(shop: _Shop, budget: int) -> list[ExportOrder]:
    """羊毛党: studios cycling bought accounts through the ¥0.01 新人试饮, shipped to a few drop points."""
    rng = shop.rng
    if budget <= 0:
        return []
    penny = shop.sku["penny"]
    studios = 1 if budget < 80 else 2 if budget < 200 else 3
    drops_by_studio = []
    for _ in range(studios):
        region = shop.region()
        prov, city, dist, _, streets = region
        street = rng.choice(streets)
        drops = []
        for _k in range(rng.randint(2, 3)):
            kind = rng.choice(("building", "building", "yizhan", "village"))
            drops.append((kind, shop.home_parts(city), rng.choice(_VILLAGES), rng.randint(1, 30)))
        drops_by_studio.append(((prov, city, dist, street), drops))

    def detail(kind, parts, village, lane) -> str:
        road, num, comp, b, u, room = parts
        floor = room // 100
        if kind == "building":
            r = rng.choice((floor, floor + 1, floor - 1)) * 100 + rng.randint(1, 6)
            return shop.home_detail(parts[0], (road, num, comp, b, u, r), style=rng.randrange(9))
        if kind == "yizhan":
            return rng.choice(
                (
                    f"{comp}{rng.choice('东南西北')}门菜鸟驿站",
                    f"{road}{num}号{comp}驿站代收",
                    f"{comp}快递驿站 {rng.randint(1, 9)}号柜",
                    f"{road}{num}号 兔喜生活超市",
                    f"{comp}{b}栋楼下驿站",
                )
            )
        return (
            f"{village}{lane}巷{max(1, lane + rng.randint(-2, 3))}号"
            if rng.random() < 0.6
            else (f"{village}{rng.randint(1, 9)}组{rng.randint(1, 60)}号")
        )

    out: list[ExportOrder] = []
    fates = (("ok", 0.84), ("abandon", 0.1), ("cancel", 0.03), ("refund_before", 0.03))
    while len(out) < budget:
        (prov, city, dist, street), drops = rng.choice(drops_by_studio)
        t = shop.when("farm")
        for _ in range(rng.randint(6, 20)):
            if len(out) >= budget:
                break
            kind, parts, village, lane = rng.choice(drops)
            addr = (prov, city, dist, street, detail(kind, parts, village, lane))
            p = _Person(shop.name(casual=0.06), shop.phone(virtual=0.4), addr)
            out.append(shop.order(p, penny, rng.randrange(2), 1, t, _pick_fate(rng, fates), label="sample_farming"))
            if rng.random() < 0.25 and len(out) < budget:  # the other flavour, same account
                t2 = t + timedelta(seconds=rng.uniform(20, 120))
                out.append(shop.order(p, penny, rng.randrange(2), 1, t2, _pick_fate(rng, fates),
                                      label="sample_farming"))  # fmt: skip
            t += timedelta(seconds=rng.uniform(60, 420))
    return out


def _compensation_claim(shop: _Shop, budget: int) -> list[ExportOrder]:
    """职业打假: family accounts buy 'premium claim' teas in quantity, keep them, demand 退一赔十."""
    rng = shop.rng
    if budget <= 0:
        return []
    targets = (("shifeng", (2, 3)), ("yinzhen", (3, 6)), ("jinjunmei", (3, 6)), ("laobanzhang", (1, 2)),
               ("longjing", (3, 5)), ("gift_lj", (2, 4)))  # fmt: skip
    notes = ("", "", "", "", "", "", "请开具发票", "需要正规发票 谢谢", "发票抬头:个人", "是今年的新茶吗",
             "请随货附上检测报告")  # fmt: skip
    fates = (("refund_after", 0.5), ("refunding", 0.3), ("refund_before", 0.05), ("ok", 0.15))
    claimants = max(1, round(budget / 12))
    counts = _split(budget, {str(i): 1 / claimants for i in range(claimants)})
    out: list[ExportOrder] = []
    for c in range(claimants):
        region = shop.region()
        prov, city, dist, _, streets = region
        home = shop.home_parts(city)
        surname = shop.surname()
        accounts = []
        for k in range(rng.randint(2, 3)):
            parts = home if rng.random() < 0.5 else shop.home_parts(city)
            addr = (prov, city, dist, rng.choice(streets), shop.home_detail(city, parts))
            accounts.append(_Person(shop.name(surname if k != 1 else None), shop.phone(), addr))
        focus = rng.sample(targets, 2)
        day0 = rng.randint(0, max(0, min(18, len(shop.days) - 8)))
        for _ in range(counts[str(c)]):
            p = rng.choice(accounts)
            key, (lo, hi) = rng.choice(focus)
            sku = shop.sku[key]
            t = shop.when("home", day=min(len(shop.days) - 1, day0 + rng.randint(0, 9)))
            out.append(shop.order(p, sku, shop.pick_spec(sku), rng.randint(lo, hi), t, _pick_fate(rng, fates),
                                  label="compensation_claim", note=rng.choice(notes)))  # fmt: skip
    return out


# ================================================================================================
# Honest traffic
# ================================================================================================
def _flash_sales(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    if n <= 0:
        return []
    sizes = [n] if n < 200 else [round(n * 0.72), n - round(n * 0.72)]
    fates = (("ok", 0.84), ("abandon", 0.09), ("cancel", 0.03), ("refund_after", 0.02), ("refund_before", 0.01),
             ("refunding", 0.01))  # fmt: skip
    out = []
    used_days: set[int] = set()
    for i, size in enumerate(sizes):
        sku = shop.sku[rng.choice(("tieguanyin", "jasmine", "xiaozhong", "sampler", "xiaoqinggan", "dianhong"))]
        spec = shop.pick_spec(sku)
        price = sku.specs[spec][1]
        flash = max(0.9, round(price * rng.uniform(0.45, 0.65)) - 0.1)
        last = len(shop.days) - (12 if i == 0 else 3)  # the big one was a while ago; its parcels have arrived
        day = rng.randint(1, max(1, last))
        while day in used_days and len(used_days) < len(shop.days) - 3:
            day = rng.randint(1, max(1, len(shop.days) - 3))
        used_days.add(day)
        t0 = datetime.combine(shop.days[day], time(rng.choice((10, 12, 20, 20, 21))))
        for _ in range(size):
            r = rng.random()
            off = rng.expovariate(1 / 100) if r < 0.7 else rng.uniform(0, 480) if r < 0.95 else rng.uniform(480, 1500)
            p = shop.person()
            qty = 1 if rng.random() < 0.88 else 2
            out.append(shop.order(p, sku, spec, qty, t0 + timedelta(seconds=off), _pick_fate(rng, fates),
                                  lookalike="flash_sale", unit_price=flash, discount=Decimal(0)))  # fmt: skip
    return out


def _wholesale(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    bulk = {"tieguanyin": (1, 6, 20), "jasmine": (1, 8, 30), "puer_cake": (0, 7, 21), "sampler": (0, 20, 50),
            "teaset": (0, 3, 10), "xiaozhong": (1, 5, 12), "shoumei": (0, 5, 10), "dahongpao": (0, 4, 10)}  # fmt: skip
    out: list[ExportOrder] = []
    while len(out) < n:
        biz = rng.choice(_BIZ_STEMS) + rng.choice(_BIZ_KINDS)
        region = shop.region()
        prov, city, dist, _, streets = region
        road = rng.choice(_ROADS[city])
        detail = rng.choice((f"{road}{rng.randint(1, 500)}号{biz}", f"{road}{rng.randint(1, 500)}号 {biz}（前台）",
                             f"{shop.office_detail(city, biz)}"))  # fmt: skip
        s = shop.surname()
        p = _Person(rng.choice((s + "经理", s + "老板", shop.name(s))), shop.phone(), (prov, city, dist,
                    rng.choice(streets), detail))  # fmt: skip
        staples = rng.sample(list(bulk), rng.choice((1, 2, 2)))
        visits = rng.randint(2, 5)
        t = shop.start + timedelta(days=rng.uniform(0, 8))
        for _ in range(visits):
            if len(out) >= n or t >= shop.end:
                break
            t = datetime.combine(t.date(), time(rng.choice((9, 10, 11, 14, 15, 16)))) + timedelta(
                seconds=rng.randrange(3600)
            )
            key = rng.choice(staples)
            spec, lo, hi = bulk[key]
            sku = shop.sku[key]
            qty = rng.randint(lo, hi)
            note = rng.choice(("", "", "开发票 抬头" + biz, "老客户 麻烦快点发", "茶楼用"))
            sub = Decimal(str(sku.specs[spec][1])) * qty
            off = (sub * Decimal(rng.choice(("0.05", "0.08", "0.1", "0.12")))).quantize(_CENT)
            if rng.random() < 0.07:  # asked for a price change, left this one unpaid and placed it again
                out.append(shop.order(p, sku, spec, qty, t, "abandon", lookalike="wholesale", discount=Decimal(0)))
                t += timedelta(minutes=rng.uniform(2, 9))
            fate = "ok" if rng.random() < 0.94 else "cancel"
            out.append(shop.order(p, sku, spec, qty, t, fate, lookalike="wholesale", note=note, discount=off))
            t += timedelta(days=rng.uniform(5, 10))
    return out[:n]


def _families(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    out: list[ExportOrder] = []
    while len(out) < n:
        region = shop.region()
        prov, city, dist, _, streets = region
        street = rng.choice(streets)
        parts = shop.home_parts(city)
        surname = shop.surname()
        shared_phone = shop.phone() if rng.random() < 0.3 else None
        members = []
        for k in range(rng.choice((2, 2, 3))):
            s = surname if k != 1 else None
            detail = shop.home_detail(city, parts) if k == 0 or rng.random() < 0.6 else members[0].addr[4]
            phone = shared_phone if shared_phone and k < 2 else shop.phone()
            members.append(_Person(shop.name(s, casual=0.04), phone, (prov, city, dist, street, detail)))
        for m in members:
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                if len(out) >= n:
                    break
                t = shop.when()
                sku = shop.pick_sku(t)
                spec = shop.pick_spec(sku)
                fate = shop.honest_fate(sku, sku.specs[spec][1])
                out.append(shop.order(m, sku, spec, shop.usual_qty(sku), t, fate, lookalike="family",
                                      note=shop.note()))  # fmt: skip
    return out


def _corporate_gifts(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    out: list[ExportOrder] = []
    gifts = [shop.sku[k] for k in ("gift_lj", "gift_tgy", "jinjunmei", "teaset", "shoumei")]
    while len(out) < n:
        company = rng.choice(_COMPANY_STEMS) + rng.choice(_COMPANY_KINDS)
        hr_phone = shop.phone()
        sku = rng.choice(gifts)
        spec = shop.pick_spec(sku)
        size = min(n - len(out), rng.randint(12, 60))
        t = shop.when("office", weekdays=True)
        note = rng.choice(("企业礼品 勿放价格单", f"{company}赠 请勿放发货单", "送客户的 包装好一点", ""))
        for _ in range(size):
            region = shop.region()
            addr = shop.address(rng.choice(("home", "home", "office")), region=region)
            p = _Person(shop.name(casual=0.15), hr_phone, addr)
            fate = "ok" if rng.random() < 0.95 else rng.choice(("abandon", "cancel", "refund_before"))
            out.append(shop.order(p, sku, spec, 1 if rng.random() < 0.9 else 2, t, fate,
                                  lookalike="corporate_gift", note=note))  # fmt: skip
            t += timedelta(seconds=rng.uniform(25, 150))
    return out


def _damaged(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    out: list[ExportOrder] = []
    fragile = ("teaset", "zisha", "kuaike", "longjing", "gift_lj", "xiaoqinggan")
    while len(out) < n:
        p = shop.person()
        k = rng.choice((1, 1, 2, 3))
        bad = rng.randrange(k)
        t = shop.start + timedelta(days=rng.uniform(0, 8))
        for i in range(k):
            if len(out) >= n:
                break
            t = datetime.combine(t.date(), time(0)) + timedelta(hours=rng.choice((11, 13, 20, 21, 22)),
                                                                 seconds=rng.randrange(3600))  # fmt: skip
            if i == bad:
                sku = shop.sku[rng.choice(fragile)]
                fate = "refund_after" if rng.random() < 0.7 else "refund_before"
                note = ""
            else:
                sku = shop.pick_sku(t)
                fate = "ok"
                note = shop.note()
            out.append(shop.order(p, sku, shop.pick_spec(sku), shop.usual_qty(sku), t, fate,
                                  lookalike="damaged_refund", note=note))  # fmt: skip
            t += timedelta(days=rng.uniform(4, 11))
    return out


def _trial_then_full(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    out: list[ExportOrder] = []
    full = ("longjing", "xiaozhong", "tieguanyin", "dahongpao", "puer_cake", "shoumei", "jinjunmei", "biluochun")
    while len(out) < n:
        p = shop.person()
        t = shop.when()
        sample = shop.sku["penny" if rng.random() < 0.4 else "sampler"]
        out.append(shop.order(p, sample, shop.pick_spec(sample), 1, t, "ok", lookalike="trial_then_full"))
        t2 = t + timedelta(days=rng.uniform(3, 14), hours=rng.uniform(-6, 6))
        for _ in range(rng.choice((1, 1, 1, 2))):
            if t2 >= shop.end or len(out) >= n:
                break
            sku = shop.sku[rng.choice(full)]
            spec = shop.pick_spec(sku)
            out.append(shop.order(p, sku, spec, shop.usual_qty(sku), t2, shop.honest_fate(sku, sku.specs[spec][1]),
                                  lookalike="trial_then_full", note=shop.note()))  # fmt: skip
            t2 += timedelta(days=rng.uniform(2, 10))
    return out


def _regulars(shop: _Shop, n: int) -> list[ExportOrder]:
    """Repeat buyers re-buying their tea every one to five weeks, same saved address each time."""
    rng = shop.rng
    staples = [s for s in shop.skus if s.cat in ("green", "black", "puer", "white", "oolong", "flower")]
    staples = [s for s in staples if not s.limited]
    weights = _cum(s.weight for s in staples)
    out: list[ExportOrder] = []
    while len(out) < n:
        p = shop.person("office" if rng.random() < 0.15 else "home", casual=0.03)
        sku = staples[bisect.bisect(weights, rng.random() * weights[-1])]
        spec = shop.pick_spec(sku)
        qty = shop.usual_qty(sku)
        cycle = rng.uniform(8, 36)
        hour = bisect.bisect(shop.cw["home"], rng.random() * shop.cw["home"][-1])
        t = shop.start + timedelta(days=rng.uniform(0, cycle))
        while t < shop.end and len(out) < n:
            h = min(23, max(0, hour + rng.randint(-1, 1)))
            t = datetime.combine(t.date(), time(h)) + timedelta(seconds=rng.randrange(3600))
            if t >= shop.end:
                break
            this = sku if rng.random() < 0.75 else shop.pick_sku(t)
            s = spec if this is sku else shop.pick_spec(this)
            fate = shop.honest_fate(this, this.specs[s][1])
            out.append(shop.order(p, this, s, qty if this is sku else shop.usual_qty(this), t, fate,
                                  note=shop.note(0.05)))  # fmt: skip
            t += timedelta(days=cycle * rng.uniform(0.8, 1.25))
    return out


def _office(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    keys = ("tieguanyin", "jasmine", "puer_cake", "sampler", "kuaike", "teaset", "coldbrew", "xiaoqinggan", "rose")
    out: list[ExportOrder] = []
    while len(out) < n:
        p = shop.person("office", casual=0.08)
        for _ in range(rng.choice((1, 1, 1, 2))):
            if len(out) >= n:
                break
            t = shop.when("office", weekdays=True)
            sku = shop.sku[rng.choice(keys)] if rng.random() < 0.7 else shop.pick_sku(t)
            spec = shop.pick_spec(sku)
            qty = shop.usual_qty(sku) + (rng.randint(0, 3) if rng.random() < 0.25 else 0)
            if sku.key == "penny":
                qty = 1
            note = rng.choice(("放前台", "工作日送达", "")) if rng.random() < 0.15 else shop.note()
            out.append(shop.order(p, sku, spec, qty, t, shop.honest_fate(sku, sku.specs[spec][1]), note=note))
    return out


def _one_off(shop: _Shop, n: int) -> list[ExportOrder]:
    rng = shop.rng
    out = []
    for _ in range(n):
        r = rng.random()
        p = shop.person("village" if r < 0.07 else "office" if r < 0.1 else "home")
        t = shop.when()
        sku = shop.pick_sku(t)
        spec = shop.pick_spec(sku)
        fate = shop.honest_fate(sku, sku.specs[spec][1])
        out.append(shop.order(p, sku, spec, shop.usual_qty(sku), t, fate, note=shop.note()))
    return out


# ================================================================================================
def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    shop = _Shop(seed, end)
    rng = shop.rng
    n_attack = max(6, round(orders * 0.05)) if orders >= 60 else max(0, round(orders * 0.05))
    budgets = _split(
        n_attack,
        {"burst": 0.32, "inventory_lock": 0.16, "serial_refund": 0.06, "ring": 0.07, "sample_farming": 0.30,
         "compensation_claim": 0.09},
    )  # fmt: skip
    attacks = (
        _burst(shop, budgets["burst"])
        + _inventory_lock(shop, budgets["inventory_lock"])
        + _serial_refund(shop, budgets["serial_refund"])
        + _ring(shop, budgets["ring"])
        + _sample_farming(shop, budgets["sample_farming"])
        + _compensation_claim(shop, budgets["compensation_claim"])
    )
    n_honest = max(0, orders - len(attacks))
    shares = {
        "flash": 0.047, "wholesale": 0.006, "family": 0.022, "corporate": 0.011, "damaged": 0.004,
        "trial": 0.013, "regulars": 0.19, "office": 0.07,
    }  # fmt: skip
    target = {k: int(n_honest * v) for k, v in shares.items()}
    honest = (
        _flash_sales(shop, target["flash"])
        + _wholesale(shop, target["wholesale"])
        + _families(shop, target["family"])
        + _corporate_gifts(shop, target["corporate"])
        + _damaged(shop, target["damaged"])
        + _trial_then_full(shop, target["trial"])
        + _regulars(shop, target["regulars"])
        + _office(shop, target["office"])
    )
    if len(honest) > n_honest:
        rng.shuffle(honest)
        honest = honest[:n_honest]
    honest += _one_off(shop, n_honest - len(honest))
    out = attacks + honest
    out.sort(key=lambda o: (o.ordered_at, o.order_no))
    return out


if __name__ == "__main__":
    from collections import Counter

    result = generate(seed=1, end=datetime(2026, 12, 1))
    attack_n = sum(1 for o in result if o.label)
    print(f"family={FAMILY} orders={len(result)} attacks={attack_n} ({attack_n / len(result):.1%})")
    groups = Counter((o.label or "-", o.lookalike or "-") for o in result)
    for (label, look), count in sorted(groups.items()):
        outcomes = Counter(o.outcome for o in result if (o.label or "-", o.lookalike or "-") == (label, look))
        detail = " ".join(f"{k}={v}" for k, v in sorted(outcomes.items()))
        print(f"  label={label:<20} lookalike={look:<16} n={count:<6} {detail}")
    print("  all outcomes:", dict(sorted(Counter(o.outcome for o in result).items())))
