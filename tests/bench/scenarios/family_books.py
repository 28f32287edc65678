"""A Pinduoduo book shop for students and their parents: 教辅/习题册, 儿童绘本, 考研考公资料, 小说, 套装书
and a little school stationery.

Its own traffic model: parents shop in the evening (19-22h peak, a lunch bump, Sunday evening
"the exercise book is full" rush), students buying 考研/考公 material shop late at night, and each
category has its own season (开学季 at the start of each term, 期末, 寒暑假 for picture books, the
考研/国考 autumn, 双11 / 618 / 双12 for everything). Orders are shipped in afternoon batches from the
shop's province and confirmed on delivery or auto-confirmed ten days after shipping.

Attacks (``label``): ``burst`` (炸店), ``inventory_lock`` (同行恶拍), ``serial_refund``, ``ring``, and
this shop's own: ``read_return`` (看完就退 across linked accounts), ``coupon_farm`` (教辅 resellers
farming new-user coupons into a few school addresses), ``refund_claim`` (a competitor's paid orders
from one district claiming 少件/破损 for 仅退款) and ``reject_bounce`` (paid orders to made-up
addresses that come back 拒收).

Honest look-alikes (``lookalike``): ``flash_sale``, ``wholesale`` (schools, 培训机构, teachers),
``family``, ``class_order`` (a class's parents all ordering the book the teacher named, shipped to
the school) and ``campus_station`` (students' orders to a campus 菜鸟驿站).
"""

import bisect
import math
import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tests.bench.scenarios import ExportOrder

FAMILY = "books"

# A never-paid order stays 待支付 this long before the platform closes it.
UNPAID_OPEN = timedelta(hours=24)

# ---------------------------------------------------------------------------------------------
# Catalogue: (category, name, [(spec, price)], popularity, usual quantity per order)
# jf 教辅, wj 文具, hb 绘本, ky 考研考公, xs 小说, tz 套装书
GOODS = [
    (
        "jf",
        "53天天练 小学数学 人教版 同步练习册 2026秋",
        [("三年级上册/单本", 29.8), ("四年级上册/单本", 29.8), ("语数英全套3册", 79.8)],
        9,
        1,
    ),
    ("jf", "小学口算题卡 每天100道 人教版 上册", [("单本", 9.9), ("上下册2本", 16.8)], 10, 1),
    ("jf", "一本 阅读训练100篇 小学语文 全彩版", [("单本", 24.8), ("阅读+作文 2本", 45.6)], 6, 1),
    ("jf", "五年高考三年模拟 高中数学 选择性必修 新教材", [("单本", 49.8), ("数理化3本套装", 138.0)], 4, 1),
    ("jf", "初中必刷题 八年级上册 物理 人教版", [("单本", 36.8), ("数学+物理 2本", 69.8)], 5, 1),
    ("jf", "黄冈小状元 作业本 二年级上册 人教版", [("语文+数学 2本", 39.6)], 4, 1),
    ("jf", "中考真题汇编 2027版 全国卷 全科", [("单科/数学", 39.8), ("全套9册", 268.0)], 2, 1),
    ("jf", "小学英语 单词默写本 同步人教PEP", [("单本", 8.8), ("3本装", 19.9)], 5, 1),
    ("jf", "期末冲刺100分 全套试卷 小学 人教版", [("二年级 语数2本", 26.8), ("五年级 语数英3本", 36.8)], 4, 1),
    ("wj", "练字帖 小学生 同步生字 控笔训练 新版", [("单本", 6.8), ("全套6册", 32.8)], 7, 1),
    ("wj", "错题本 A4 活页可拆 学生用", [("5本装", 15.8), ("10本装", 26.8)], 4, 1),
    ("wj", "按动中性笔 0.5mm 黑色 考试专用", [("40支装", 19.9), ("笔芯100支", 25.8)], 5, 1),
    ("wj", "作业本 田字格 拼音本 小学生统一", [("20本装", 12.8)], 4, 2),
    ("hb", "小猪佩奇 双语绘本 第一辑", [("全套10册", 59.8)], 5, 1),
    ("hb", "神奇校车 图画版 新版", [("全套12册", 68.0), ("单本", 9.8)], 4, 1),
    ("hb", "DK儿童百科全书 精装 新版", [("单本", 128.0)], 2, 1),
    ("hb", "不一样的卡梅拉 注音版", [("第一季全套12册", 98.0), ("单本", 12.8)], 4, 1),
    ("hb", "宝宝睡前故事 0-3岁 有声伴读 绘本", [("全套20册", 39.9)], 6, 1),
    ("hb", "米小圈上学记 注音版", [("一年级 全套4册", 49.9), ("二年级 全套4册", 49.9)], 6, 1),
    ("hb", "没头脑和不高兴 注音版 快乐读书吧", [("单本", 12.8)], 3, 1),
    ("ky", "2027考研政治 精讲精练+1000题", [("2本套装", 98.0), ("1000题 单本", 45.0)], 5, 1),
    ("ky", "2027考研英语 历年真题 黄皮书", [("英语一 全套", 59.8), ("英语二 全套", 59.8)], 4, 1),
    ("ky", "2027考研数学 基础30讲 数学一", [("全套3册", 168.0), ("高数单本", 69.0)], 3, 1),
    ("ky", "2027国考省考 公务员考试 行测申论 教材+真题", [("全套8本", 128.0), ("教材2本", 59.8)], 5, 1),
    ("ky", "事业单位考试 公共基础知识 1000题 新版", [("单本", 39.8)], 3, 1),
    ("ky", "教师资格证考试用书 中学 科目一二 新版", [("科目一+二 套装", 58.0), ("单本", 32.0)], 4, 1),
    ("xs", "活着 余华 新版 正版", [("单本", 22.5)], 5, 1),
    ("xs", "三体 全集 典藏版 刘慈欣", [("全套3册", 69.0)], 4, 1),
    ("xs", "平凡的世界 路遥 全三册 新版", [("全套3册", 79.8)], 3, 1),
    ("xs", "百年孤独 精装 新版", [("单本", 39.5)], 2, 1),
    ("xs", "红岩 初中必读 原著无删减", [("单本", 16.8)], 4, 1),
    ("tz", "四大名著 原著 青少年版", [("全套4册", 49.8), ("白话美绘版 全套4册", 59.8)], 6, 1),
    ("tz", "中华上下五千年 小学生版 注音", [("全套4册", 36.0)], 5, 1),
    ("tz", "史记 白话文 全册 少年读", [("全套6册", 88.0)], 3, 1),
    ("tz", "十万个为什么 小学版 彩图注音", [("全套8册", 45.8)], 4, 1),
    ("tz", "快乐读书吧 三年级上册必读 新版", [("全套4册", 39.8)], 5, 1),
    ("tz", "哈利波特 全集 纪念版", [("全套7册", 258.0)], 1, 1),
]

# ---------------------------------------------------------------------------------------------
# Geography, one district a line: province city district streets (街道/镇)...
GEO_TEXT = """
广东省 深圳市 南山区 粤海街道 南头街道 西丽街道 桃源街道
广东省 深圳市 福田区 福田街道 莲花街道 华强北街道
广东省 深圳市 宝安区 新安街道 西乡街道 福永街道
广东省 深圳市 龙岗区 布吉街道 坂田街道 龙城街道
广东省 广州市 天河区 石牌街道 五山街道 林和街道
广东省 广州市 海珠区 赤岗街道 江海街道 南洲街道
广东省 广州市 番禺区 市桥街道 大石街道 南村镇
广东省 广州市 白云区 三元里街道 同和街道 京溪街道
广东省 佛山市 南海区 桂城街道 大沥镇 里水镇
广东省 佛山市 顺德区 大良街道 容桂街道 北滘镇
江苏省 南京市 鼓楼区 华侨路街道 湖南路街道 宁海路街道
江苏省 南京市 玄武区 新街口街道 孝陵卫街道 玄武门街道
江苏省 南京市 江宁区 东山街道 秣陵街道 淳化街道
江苏省 苏州市 姑苏区 平江街道 双塔街道 金阊街道
江苏省 苏州市 吴中区 长桥街道 郭巷街道 甪直镇
江苏省 苏州市 昆山市 玉山镇 周市镇 花桥镇
江苏省 无锡市 梁溪区 崇安寺街道 广益街道
江苏省 无锡市 滨湖区 蠡园街道 河埒街道
浙江省 杭州市 西湖区 文新街道 翠苑街道 古荡街道 北山街道
浙江省 杭州市 拱墅区 米市巷街道 湖墅街道 祥符街道
浙江省 杭州市 余杭区 五常街道 良渚街道 仓前街道
浙江省 杭州市 萧山区 城厢街道 北干街道 宁围街道
浙江省 宁波市 鄞州区 钟公庙街道 首南街道 中河街道
浙江省 宁波市 海曙区 鼓楼街道 南门街道
浙江省 温州市 鹿城区 五马街道 松台街道
浙江省 温州市 瑞安市 安阳街道 玉海街道
山东省 济南市 历下区 泉城路街道 千佛山街道 燕山街道
山东省 济南市 槐荫区 振兴街街道 道德街街道
山东省 青岛市 市南区 香港中路街道 八大关街道
山东省 青岛市 崂山区 中韩街道 沙子口街道
山东省 青岛市 黄岛区 长江路街道 薛家岛街道
山东省 临沂市 兰山区 兰山街道 银雀山街道
山东省 临沂市 罗庄区 罗庄街道 盛庄街道
河南省 郑州市 金水区 文化路街道 花园路街道 丰产路街道
河南省 郑州市 二七区 五里堡街道 大学路街道
河南省 郑州市 中原区 林山寨街道 建设路街道
河南省 洛阳市 涧西区 南昌路街道 天津路街道
河南省 洛阳市 洛龙区 开元路街道 安乐镇
河南省 南阳市 宛城区 东关街道 仲景街道
河南省 南阳市 卧龙区 七一街道 车站街道
河北省 石家庄市 长安区 建北街道 育才街道
河北省 石家庄市 裕华区 裕兴街道 槐底街道
河北省 保定市 竞秀区 先锋街道 东风街道
河北省 保定市 莲池区 和平里街道 五四路街道
四川省 成都市 武侯区 玉林街道 浆洗街街道 簇桥街道
四川省 成都市 锦江区 春熙路街道 书院街街道
四川省 成都市 成华区 猛追湾街道 双桥子街道
四川省 成都市 郫都区 犀浦街道 红光街道
四川省 绵阳市 涪城区 城厢街道 工区街道
四川省 绵阳市 游仙区 富乐街道 春江街道
湖北省 武汉市 洪山区 珞南街道 关山街道 狮子山街道
湖北省 武汉市 武昌区 中华路街道 水果湖街道
湖北省 武汉市 江汉区 民族街道 唐家墩街道
湖北省 武汉市 江夏区 纸坊街道 庙山街道
湖北省 宜昌市 西陵区 云集街道 学院街道
湖北省 宜昌市 伍家岗区 大公桥街道 万寿桥街道
湖南省 长沙市 岳麓区 岳麓街道 望月湖街道 桔子洲街道
湖南省 长沙市 雨花区 侯家塘街道 左家塘街道
湖南省 长沙市 开福区 东风路街道 四方坪街道
湖南省 衡阳市 蒸湘区 红湘街道 联合街道
湖南省 衡阳市 雁峰区 天马山街道 先锋街道
安徽省 合肥市 蜀山区 三里庵街道 稻香村街道 南七街道
安徽省 合肥市 包河区 望湖街道 芜湖路街道
安徽省 合肥市 庐阳区 四里河街道 亳州路街道
安徽省 阜阳市 颍州区 鼓楼街道 文峰街道
安徽省 阜阳市 颍泉区 中市街道 周棚街道
福建省 福州市 鼓楼区 东街街道 温泉街道
福建省 福州市 仓山区 仓山镇 建新镇
福建省 厦门市 思明区 鹭江街道 嘉莲街道 莲前街道
福建省 厦门市 湖里区 殿前街道 江头街道
江西省 南昌市 东湖区 公园街道 豫章街道
江西省 南昌市 红谷滩区 沙井街道 卫东街道
江西省 赣州市 章贡区 解放街道 南外街道
陕西省 西安市 雁塔区 小寨路街道 电子城街道 丈八沟街道
陕西省 西安市 碑林区 南院门街道 长乐坊街道
陕西省 西安市 未央区 张家堡街道 大明宫街道
辽宁省 沈阳市 和平区 太原街街道 南湖街道
辽宁省 沈阳市 浑南区 五三街道 浑河站东街道
辽宁省 大连市 甘井子区 红旗街道 泉水街道
辽宁省 大连市 沙河口区 春柳街道 黑石礁街道
吉林省 长春市 朝阳区 红旗街道 桂林街道
吉林省 长春市 南关区 自强街道 永吉街道
黑龙江省 哈尔滨市 南岗区 花园街道 先锋路街道
黑龙江省 哈尔滨市 道里区 经纬街道 工程街道
北京市 北京市 海淀区 中关村街道 学院路街道 海淀街道 清河街道
北京市 北京市 朝阳区 望京街道 三里屯街道 大屯街道
北京市 北京市 丰台区 方庄街道 卢沟桥街道
北京市 北京市 昌平区 回龙观街道 天通苑北街道
上海市 上海市 浦东新区 陆家嘴街道 张江镇 花木街道
上海市 上海市 徐汇区 徐家汇街道 田林街道 漕河泾街道
上海市 上海市 闵行区 莘庄镇 七宝镇 古美路街道
上海市 上海市 杨浦区 五角场街道 控江路街道
天津市 天津市 南开区 学府街道 万兴街道
天津市 天津市 河西区 友谊路街道 挂甲寺街道
重庆市 重庆市 渝北区 龙溪街道 回兴街道
重庆市 重庆市 沙坪坝区 天星桥街道 沙坪坝街道
重庆市 重庆市 九龙坡区 杨家坪街道 石桥铺街道
广西壮族自治区 南宁市 青秀区 新竹街道 中山街道
广西壮族自治区 南宁市 西乡塘区 衡阳街道 北湖街道
云南省 昆明市 五华区 华山街道 莲华街道
云南省 昆明市 盘龙区 拓东街道 联盟街道
贵州省 贵阳市 云岩区 中华中路街道 黔灵东路街道
贵州省 贵阳市 南明区 花果园街道 中南街道
山西省 太原市 小店区 坞城街道 平阳路街道
山西省 太原市 迎泽区 柳巷街道 桥东街道
甘肃省 兰州市 城关区 张掖路街道 雁南街道
内蒙古自治区 呼和浩特市 新城区 海拉尔东路街道 东街街道
新疆维吾尔自治区 乌鲁木齐市 天山区 解放南路街道 碱泉街街道
海南省 海口市 美兰区 海甸街道 白龙街道
"""
PROVINCE_WEIGHT = {
    "广东省": 10,
    "江苏省": 7,
    "浙江省": 6,
    "山东省": 8,
    "河南省": 8,
    "河北省": 5,
    "四川省": 6,
    "湖北省": 5,
    "湖南省": 5,
    "安徽省": 5,
    "福建省": 3,
    "江西省": 3,
    "陕西省": 3,
    "辽宁省": 3,
    "吉林省": 1.5,
    "黑龙江省": 1.5,
    "北京市": 3,
    "上海市": 3,
    "天津市": 1.5,
    "重庆市": 3,
    "广西壮族自治区": 2,
    "云南省": 2,
    "贵州省": 1.5,
    "山西省": 2,
    "甘肃省": 1,
    "内蒙古自治区": 1,
    "新疆维吾尔自治区": 0.7,
    "海南省": 0.8,
}
GEO: dict[str, dict[str, dict[str, list[str]]]] = {}
for _line in GEO_TEXT.strip().splitlines():
    _prov, _city, _district, *_streets = _line.split()
    GEO.setdefault(_prov, {}).setdefault(_city, {})[_district] = _streets


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


REMOTE = {"新疆维吾尔自治区", "内蒙古自治区", "甘肃省", "海南省", "云南省", "贵州省", "黑龙江省", "吉林省"}
SHOP_PROVINCES = ("河北省", "浙江省", "江苏省", "山东省")

ROADS = _words(
    "建设路 解放路 人民路 中山路 文化路 学府路 长江路 黄河路 和平路 新华路 青年路 "
    "胜利路 朝阳路 光明路 幸福路 东风路 复兴路 民主路 团结路 育才路 科技路 滨河路 "
    "迎宾大道 世纪大道 金桥路 花园路 红旗路 工业路 府前街 西大街 南环路 北京路 "
    "上海路 湖滨路 泰山路 书院街 桂花巷 槐树街 新村路 振兴路 "
)
ESTATE_A = _words(
    "阳光 锦绣 金色 翠湖 碧水 幸福 和谐 世纪 盛世 东方 中央 万科 保利 恒大 "
    "绿地 华润 龙湖 融创 香榭 御景 书香 紫薇 桂花 海棠 银河 星河 滨江 丽景 "
    "怡景 明珠 天和 富力 润园 嘉禾 新城 南湖 枫林 金域 华府 学府 "
)
ESTATE_B = _words("花园 家园 小区 华庭 名苑 公馆 雅苑 新村 嘉园 城 尚城 国际 府 苑 湾 里 ")
COMPANIES = ("科技有限公司前台", "贸易公司", "物流园3号仓", "商贸城二楼", "人民医院住院部", "中心小学旁 快递柜",
             "街道办事处", "建材市场B区", "汽车站对面 便利店", "工业园5号厂房 门卫")  # fmt: skip
CN_NUM = "一二三四五六七八九十"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_W = [1 / (i + 6) for i in range(len(SURNAMES))]
MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞斌宇浩凯健俊帆帅旭宁龙林阳波峰晨博文志国建新海东锋亮彬鑫"
FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧莹琳洁颖倩佳怡欣悦萍红梅兰琴云月晶丹璐瑶蕾秀英凤春玉"
NEUTRAL = "子梓一思雨欣宇涵轩晨诗可嘉文若安乐语沐"
KID_NICK = _words("乐乐 豆豆 果果 朵朵 多多 糖糖 天天 壮壮 妞妞 贝贝 团团 小宝")

PHONE_PREFIXES = (
    ("138", 6), ("139", 6), ("137", 4), ("136", 4), ("135", 4), ("134", 2), ("150", 4), ("151", 4), ("152", 3),
    ("157", 3), ("158", 4), ("159", 4), ("182", 3), ("183", 3), ("187", 4), ("188", 3), ("147", 1), ("178", 2),
    ("198", 2), ("130", 3), ("131", 3), ("132", 3), ("155", 3), ("156", 3), ("185", 3), ("186", 4), ("166", 2),
    ("175", 1), ("176", 2), ("133", 3), ("153", 3), ("180", 3), ("181", 3), ("189", 4), ("177", 2), ("173", 2),
    ("199", 2), ("191", 1), ("195", 1),
)  # fmt: skip
VIRTUAL_PREFIXES = ("170", "171", "162", "165", "167")

HONEST_NOTES = (
    "请尽快发货，孩子开学要用", "要最新版的", "送人的，别放价格单", "麻烦包装好一点，上次边角压坏了", "是人教版吗",
    "到了放门卫", "放驿站就行", "发中通", "周末家里没人，放快递柜", "谢谢老板",
)  # fmt: skip

# hour-of-day traffic of the whole shop (parents in the evening, a lunch bump)
HOUR = [
    2.2,
    1.0,
    0.5,
    0.3,
    0.25,
    0.35,
    0.9,
    1.8,
    2.6,
    3.2,
    3.6,
    3.7,
    4.3,
    4.0,
    3.4,
    3.3,
    3.4,
    3.8,
    4.4,
    5.6,
    7.0,
    7.6,
    6.2,
    4.0,
]
CNY = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
}


def _cat_hour(cat: str, hour: int) -> float:
    if cat == "ky":  # students, late at night
        return {22: 1.5, 23: 1.9, 0: 2.4, 1: 2.6, 2: 2.2, 7: 0.6, 8: 0.7, 19: 0.8, 20: 0.8}.get(hour, 1.0)
    if cat == "xs":
        return {22: 1.2, 23: 1.5, 0: 1.7, 1: 1.6}.get(hour, 1.0)
    return {12: 1.15, 13: 1.1, 19: 1.2, 20: 1.3, 21: 1.3, 0: 0.7, 1: 0.6, 2: 0.5}.get(hour, 1.0)


def _bump(d: date, month: int, day: int, width: float, height: float) -> float:
    dist = min(abs((d - date(y, month, day)).days) for y in (d.year - 1, d.year, d.year + 1))
    return height * math.exp(-0.5 * (dist / width) ** 2)


def _season(cat: str, d: date) -> float:
    b = _bump
    if cat == "jf":
        v = (
            1
            + b(d, 9, 1, 10, 1.2)
            + b(d, 2, 22, 9, 1.0)
            + b(d, 7, 10, 20, 0.5)
            + b(d, 12, 22, 12, 0.4)
            + b(d, 6, 10, 12, 0.35)
        )
    elif cat == "wj":
        v = 1 + b(d, 9, 1, 10, 1.5) + b(d, 2, 22, 9, 1.2) + b(d, 3, 5, 8, 0.3)
    elif cat == "hb":
        v = 1 + b(d, 6, 1, 6, 0.6) + b(d, 7, 25, 25, 0.35) + b(d, 1, 28, 15, 0.4) + b(d, 12, 25, 5, 0.3)
    elif cat == "ky":
        v = 0.6 + b(d, 10, 15, 45, 1.0) + b(d, 3, 5, 20, 0.5) + b(d, 7, 15, 30, 0.4) - b(d, 1, 15, 20, 0.35)
    elif cat == "xs":
        v = 1 + b(d, 4, 23, 5, 0.5) + b(d, 1, 20, 20, 0.2)
    else:  # tz
        v = 1 + b(d, 6, 1, 6, 0.5) + b(d, 1, 25, 15, 0.3) + b(d, 7, 20, 25, 0.25)
    return max(v, 0.15)


def _global(d: date) -> float:
    b = _bump
    v = 1 + b(d, 11, 11, 2.5, 1.6) + b(d, 11, 3, 5, 0.25) + b(d, 6, 18, 2.5, 1.2) + b(d, 12, 12, 1.5, 0.5)
    for y in (d.year - 1, d.year, d.year + 1):
        if y in CNY:
            v -= 0.5 * math.exp(-0.5 * ((d - CNY[y]).days / 5) ** 2)
    return max(v, 0.3) * (1.0, 0.97, 0.97, 0.98, 0.95, 1.12, 1.25)[d.weekday()]


@dataclass(frozen=True)
class Sku:
    goods_id: str
    name: str
    cat: str
    spec: str
    price: int  # cents
    weight: float
    usual: int


@dataclass(frozen=True)
class Person:
    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    detail: str


FW = str.maketrans("0123456789", "０１２３４５６７８９")


class _Shop:
    def __init__(self, seed: int, end: datetime, orders: int):
        self.rng = random.Random(seed)
        self.end = end
        self.start = end - timedelta(days=30)
        self.target = orders
        self.scale = orders / 20_000
        self.phones: set[str] = set()
        self.out: list[ExportOrder] = []
        self.pool: list[Person] = []
        self.shop_province = self.rng.choice(SHOP_PROVINCES)
        self.skus = self._catalog()
        self._provinces = list(GEO)
        self._province_w = [PROVINCE_WEIGHT[p] for p in self._provinces]
        self._season_cache: dict[date, dict[str, float]] = {}
        self._sku_cache: dict[tuple[date, int], list[float]] = {}
        self.promo = {
            self.start.date() + timedelta(days=self.rng.randrange(2, 29)): self.rng.uniform(1.3, 1.8)
            for _ in range(self.rng.randint(1, 2))
        }
        self._build_slots()

    # -- catalogue ---------------------------------------------------------------------------
    def _catalog(self) -> list[Sku]:
        rng = self.rng
        goods = list(GOODS)
        rng.shuffle(goods)
        chosen, cats = [], set()
        for g in goods:
            if g[0] not in cats:
                cats.add(g[0])
                chosen.append(g)
        want = rng.randint(15, 24)
        for g in goods:
            if len(chosen) >= want:
                break
            if g not in chosen:
                chosen.append(g)
        skus: list[Sku] = []
        for cat, name, specs, pop, usual in chosen:
            gid = str(rng.randrange(10**11, 10**12))
            gw = pop * rng.uniform(0.5, 1.6)
            for i, (spec, price) in enumerate(specs):
                cents = int(round(price * rng.choice((1.0, 1.0, 1.0, 0.95, 1.05, 0.9)) * 10)) * 10
                if cents % 100 == 0 and rng.random() < 0.5:
                    cents -= 20
                cents = min(max(cents, 680), 26800)
                skus.append(Sku(gid, name, cat, spec, cents, gw * (1.0 if i == 0 else rng.uniform(0.3, 0.7)), usual))
        while len(skus) > 40:  # drop a second spec, never a goods' first one
            extra = [s for s in skus if any(t.goods_id == s.goods_id for t in skus if t is not s)]
            skus.remove(extra[-1])
        return skus

    # -- time ---------------------------------------------------------------------------------
    def _seasons(self, d: date) -> dict[str, float]:
        if d not in self._season_cache:
            g = _global(d) * self.promo.get(d, 1.0)
            self._season_cache[d] = {c: g * _season(c, d) for c in ("jf", "wj", "hb", "ky", "xs", "tz")}
        return self._season_cache[d]

    def _build_slots(self) -> None:
        share: dict[str, float] = {}
        for s in self.skus:
            share[s.cat] = share.get(s.cat, 0.0) + s.weight
        self.slots: list[datetime] = []
        self.cum: list[float] = []
        total = 0.0
        t = self.start
        while t < self.end:
            seas = self._seasons(t.date())
            w = HOUR[t.hour] * sum(share[c] * seas[c] * _cat_hour(c, t.hour) for c in share)
            total += w
            self.slots.append(t)
            self.cum.append(total)
            t += timedelta(hours=1)

    def when(self, a: datetime | None = None, b: datetime | None = None) -> datetime:
        """An honest-looking moment in [a, b): the shop's hour-of-day and season curve."""
        a = max(a or self.start, self.start)
        b = min(b or self.end, self.end)
        ia = min(int((a - self.start).total_seconds() // 3600), len(self.slots) - 1)
        ib = min(int((b - self.start).total_seconds() // 3600), len(self.slots) - 1)
        lo = self.cum[ia - 1] if ia > 0 else 0.0
        i = bisect.bisect_left(self.cum, self.rng.uniform(lo, self.cum[ib]))
        t = self.slots[min(i, len(self.slots) - 1)] + timedelta(seconds=self.rng.uniform(0, 3600))
        if t < a:
            t = a + timedelta(seconds=self.rng.uniform(0, 600))
        if t >= b:
            t = b - timedelta(seconds=self.rng.uniform(1, 600))
        return max(min(t, self.end - timedelta(seconds=1)), self.start)

    def at_hour(self, day: date, hours: list[int], weights: list[float] | None = None) -> datetime:
        h = self.rng.choices(hours, weights)[0]
        t = datetime.combine(day, time(h)) + timedelta(seconds=self.rng.uniform(0, 3600))
        return max(t, self.start)  # may lie past ``end``: callers skip those

    def pick_sku(self, t: datetime, cats: tuple[str, ...] | None = None) -> Sku:
        key = (t.date(), t.hour)
        if key not in self._sku_cache:
            seas = self._seasons(t.date())
            self._sku_cache[key] = [s.weight * seas[s.cat] * _cat_hour(s.cat, t.hour) for s in self.skus]
        weights = self._sku_cache[key]
        if cats:
            weights = [w if s.cat in cats else 0.0 for s, w in zip(self.skus, weights, strict=True)]
            if not any(weights):
                weights = [s.weight for s in self.skus]
        return self.rng.choices(self.skus, weights)[0]

    # -- people -------------------------------------------------------------------------------
    def name(self, surname: str | None = None, female: bool | None = None) -> str:
        rng = self.rng
        if surname is None:
            r = rng.random()
            surname = rng.choice(("欧阳", "司马", "上官", "诸葛")) if r < 0.004 else rng.choices(SURNAMES, SURNAME_W)[0]
        female = rng.random() < 0.58 if female is None else female
        r = rng.random()
        if r < 0.02:
            return surname + ("女士" if female else "先生")
        if r < 0.03:
            return rng.choice(KID_NICK) + ("妈妈" if female else "爸爸")
        pool = FEMALE if female else MALE
        if r < 0.30:
            return surname + rng.choice(pool)
        if r < 0.33:
            c = rng.choice(pool)
            return surname + c + c
        first = rng.choice(NEUTRAL) if rng.random() < 0.25 else rng.choice(pool)
        return surname + first + rng.choice(pool)

    def phone(self, virtual: float = 0.0) -> str:
        rng = self.rng
        while True:
            if rng.random() < virtual:
                prefix = rng.choice(VIRTUAL_PREFIXES)
            else:
                prefix = rng.choices([p for p, _ in PHONE_PREFIXES], [w for _, w in PHONE_PREFIXES])[0]
            number = prefix + f"{rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def place(self, province: str | None = None, city: str | None = None) -> tuple[str, str, str, str]:
        rng = self.rng
        province = province or rng.choices(self._provinces, self._province_w)[0]
        cities = GEO[province]
        if city is None:
            names = list(cities)
            city = rng.choices(names, [2.0] + [1.0] * (len(names) - 1))[0]
        district = rng.choice(list(cities[city]))
        return province, city, district, rng.choice(cities[city][district])

    def estate(self) -> str:
        return self.rng.choice(ESTATE_A) + self.rng.choice(ESTATE_B)

    def home_detail(self) -> str:
        rng = self.rng
        road, no, est = rng.choice(ROADS), rng.randint(1, 888), self.estate()
        b, u, room = rng.randint(1, 32), rng.randint(1, 6), f"{rng.randint(1, 28)}{rng.randint(1, 4):02d}"
        r = rng.random()
        if r < 0.22:
            return f"{road}{no}号{est}{b}号楼{u}单元{room}"
        if r < 0.42:
            return f"{est}{b}栋{u}单元{room}室"
        if r < 0.54:
            return f"{est}{b}幢{room}室"
        if r < 0.63:
            return f"{est}{rng.randint(1, 4)}期{b}栋{room}"
        if r < 0.72:
            return f"{road}{no}号院{b}号楼{u}单元{room}"
        if r < 0.80:
            return f"{est}{b}-{u}-{room}"
        if r < 0.86:
            return f"{road}{no}号{est}{b}栋{room}"
        if r < 0.93:
            village = rng.choice(SURNAMES[:40]) + rng.choice(("家庄", "家湾", "庄", "集", "营", "家坝", "寨"))
            return f"{village}村{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
        return f"{road}{no}号{rng.choice(COMPANIES)}"

    def school(self, city: str, district: str, primary: bool | None = None) -> str:
        rng = self.rng
        primary = rng.random() < 0.6 if primary is None else primary
        stem = rng.choice((city[:-1], district[:-1]))
        if primary:
            return rng.choice((f"{stem}第{rng.choice(CN_NUM)}小学", f"{stem}实验小学", f"{rng.choice(ROADS)}小学"))
        n = rng.randint(1, 15)
        return rng.choice((f"{stem}第{CN_NUM[n - 1] if n <= 10 else '十' + CN_NUM[n - 11]}中学", f"{stem}外国语学校"))

    def person(self, *, virtual: float = 0.0, province: str | None = None) -> Person:
        prov, city, district, street = self.place(province)
        r = self.rng.random()
        if r < 0.03:
            detail = self.school(city, district) + self.rng.choice(("传达室", " 门卫室", "教务处", " 收发室"))
        else:
            detail = self.home_detail()
        return Person(self.name(), self.phone(virtual), prov, city, district, street, detail)

    # -- lifecycle ------------------------------------------------------------------------------
    def _ship_time(self, paid: datetime, slow: float) -> datetime:
        rng = self.rng
        offset = 0 if paid.hour < 15 and rng.random() < 0.6 else 1
        offset += (rng.random() < 0.15 * slow) + (rng.random() < 0.05 * slow)
        day = paid.date() + timedelta(days=offset)
        if day.weekday() == 6 and rng.random() < 0.5:
            day += timedelta(days=1)
        shipped = datetime.combine(day, time(15)) + timedelta(minutes=rng.uniform(0, 330))
        if shipped <= paid + timedelta(minutes=20):
            shipped = paid + timedelta(hours=rng.uniform(1, 4))
        return shipped

    def _transit(self, province: str) -> timedelta:
        if province == self.shop_province:
            return timedelta(days=self.rng.uniform(0.8, 1.8))
        if province in REMOTE:
            return timedelta(days=self.rng.uniform(3.5, 6.5))
        return timedelta(days=self.rng.uniform(1.5, 3.8))

    def timeline(
        self,
        t: datetime,
        mode: str,
        province: str,
        *,
        cancel_min: tuple[float, float] = (3, 600),
        pre_gap: tuple[float, float] = (0.3, 3.0),
        refund_gap: tuple[float, float] = (0.3, 6.0),
        settle: tuple[float, float] = (1.0, 6.0),
        slow: float = 1.0,
    ) -> tuple[str, datetime | None, datetime | None, datetime | None]:
        rng, end = self.rng, self.end
        if mode == "never_pay":
            return ("unpaid" if end - t < UNPAID_OPEN else "unpaid_closed"), None, None, None
        r = rng.random()
        delay = rng.uniform(4, 90) if r < 0.72 else rng.uniform(90, 900) if r < 0.93 else rng.uniform(900, 14400)
        paid = t + timedelta(seconds=delay)
        if paid >= end:
            return "unpaid", None, None, None
        if mode == "cancel":
            cancelled_at = paid + timedelta(minutes=rng.uniform(*cancel_min))
            return ("cancelled" if cancelled_at < end else "paid"), paid, None, None
        shipped = self._ship_time(paid, slow)
        if shipped >= end:
            return "paid", paid, None, None
        delivered = shipped + self._transit(province)
        if mode == "refund_before":  # 仅退款 in transit, lost parcel, refused at the door
            asked = shipped + timedelta(days=rng.uniform(*pre_gap))
            if asked >= end:
                return "shipped", paid, shipped, None
            done = asked + timedelta(days=rng.uniform(*settle))
            return ("refunded" if done < end else "refunding"), paid, shipped, None
        r = rng.random()
        if mode == "refund_after" or r < 0.42:
            received = delivered + timedelta(hours=rng.uniform(0.3, 14))
        elif r < 0.72:
            received = delivered + timedelta(days=rng.uniform(0.5, 4))
        else:  # auto-confirmed ten days after shipping
            received = max(shipped + timedelta(days=10, hours=rng.uniform(0, 5)), delivered + timedelta(hours=12))
        if received >= end:
            return "shipped", paid, shipped, None
        if mode == "refund_after":
            asked = received + timedelta(days=rng.uniform(*refund_gap))
            if asked >= end:
                return "completed", paid, shipped, received
            done = asked + timedelta(days=rng.uniform(*settle))
            if done >= end:
                return "refunding", paid, shipped, None
            return "refunded", paid, shipped, received
        return "completed", paid, shipped, received

    def honest_mode(
        self, never: float = 0.075, cancel: float = 0.025, after: float = 0.032, before: float = 0.012
    ) -> str:
        r = self.rng.random()
        for mode, p in (("never_pay", never), ("cancel", cancel), ("refund_after", after), ("refund_before", before)):
            if r < p:
                return mode
            r -= p
        return "normal"

    def discount(self, total: int, first: bool = False) -> int:
        rng = self.rng
        r = rng.random()
        if first and r < 0.12:  # 新人券
            d = rng.randint(3, 10) * 100
        elif r < 0.25:  # 满减
            d = 1000 if total >= 9900 else 500 if total >= 4900 else 300 if total >= 2900 else 0
        elif r < 0.35:  # 拼单 / 百亿补贴 odd cents
            d = rng.randint(10, 300)
        else:
            d = 0
        return max(0, min(d, total - 99))

    def emit(
        self,
        p: Person,
        sku: Sku,
        qty: int,
        t: datetime,
        mode: str,
        *,
        label: str | None = None,
        lookalike: str | None = None,
        note: str = "",
        cents: int | None = None,
        **kw,
    ) -> ExportOrder:
        t = t.replace(microsecond=0)
        outcome, paid, shipped, received = self.timeline(t, mode, p.province, **kw)
        amount = sku.price * qty if cents is None else cents
        o = ExportOrder(
            order_no="",
            sku_id=sku.goods_id,
            sku_name=sku.name,
            spec=sku.spec,
            quantity=qty,
            amount=Decimal(max(amount, 1)).scaleb(-2),
            outcome=outcome,
            ordered_at=t,
            paid_at=paid and paid.replace(microsecond=0),
            shipped_at=shipped and shipped.replace(microsecond=0),
            received_at=received and received.replace(microsecond=0),
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
        self.out.append(o)
        return o

    def honest_qty(self, sku: Sku) -> int:
        return sku.usual * self.rng.choices((1, 2, 3, 4), (0.86, 0.10, 0.03, 0.01))[0]

    def note(self, p: float = 0.04) -> str:
        return self.rng.choice(HONEST_NOTES) if self.rng.random() < p else ""

    def honest_order(self, p: Person, t: datetime, *, lookalike: str | None = None, first: bool = False,
                     cats: tuple[str, ...] | None = None) -> None:  # fmt: skip
        sku = self.pick_sku(t, cats)
        qty = self.honest_qty(sku)
        total = sku.price * qty
        self.emit(p, sku, qty, t, self.honest_mode(), lookalike=lookalike, note=self.note(),
                  cents=total - self.discount(total, first))  # fmt: skip

    def n(self, lo: int, hi: int, floor: int = 1) -> int:
        return max(floor, round(self.rng.randint(lo, hi) * self.scale))


# =============================================================================================
# Attacks
# =============================================================================================


def _burst(s: _Shop) -> None:
    """炸店: waves of fresh accounts hitting one or two SKUs within 10-20 minutes, mostly unpaid."""
    rng = s.rng
    episodes = rng.randint(2, 3)
    sizes = [s.n(105, 150, 15)] + [s.n(30, 95, 6) for _ in range(episodes - 1)]
    for accounts in sizes:
        day = s.start.date() + timedelta(days=rng.randrange(1, 29))
        start = s.at_hour(day, [0, 1, 2, 9, 10, 11, 20, 21, 22], [4, 3, 2, 2, 2, 2, 3, 4, 3])
        span = rng.uniform(10, 20) * 60
        cheap = [k for k in s.skus if k.price <= 6000] or s.skus
        targets = rng.sample(cheap, min(len(cheap), rng.choice((1, 2, 2))))
        p_never, p_cancel = rng.uniform(0.58, 0.8), rng.uniform(0.12, 0.3)
        virtual = rng.uniform(0.15, 0.45)
        for _ in range(accounts):
            p = s.person(virtual=virtual)
            t = start + timedelta(seconds=rng.triangular(0, span, span * rng.uniform(0.2, 0.6)))
            r = rng.random()
            mode = "never_pay" if r < p_never else "cancel" if r < p_never + p_cancel else "refund_before"
            for _ in range(rng.choices((1, 2, 3, 4), (0.5, 0.3, 0.14, 0.06))[0]):
                if t >= s.end:
                    break
                sku = rng.choice(targets)
                m = mode if rng.random() < 0.85 else rng.choice(("never_pay", "cancel"))
                s.emit(p, sku, rng.choices((1, 2, 3), (0.7, 0.2, 0.1))[0], t, m, label="burst",
                       cancel_min=(2, 90), pre_gap=(0.1, 1.0))  # fmt: skip
                t += timedelta(seconds=rng.uniform(15, 150))


def _inventory_lock(s: _Shop, budget: int) -> None:
    """同行恶拍: one-off accounts reserving 3-8x the usual quantity of best-sellers, never paying."""
    rng = s.rng
    best = sorted(s.skus, key=lambda k: -k.weight)[:8]
    targets = rng.sample(best, rng.randint(2, min(4, len(best))))
    home = rng.choice(list(GEO))  # the competitor's own region shows through a little
    made = 0
    while made < budget:
        # mostly alone, sometimes a small clump within the hour
        clump = rng.choices((1, 2, 3, 4, 5), (0.55, 0.15, 0.12, 0.1, 0.08))[0]
        t0 = s.when()
        sku = rng.choice(targets)
        for _ in range(clump):
            p = s.person(virtual=0.25, province=home if rng.random() < 0.3 else None)
            t = min(t0 + timedelta(minutes=rng.uniform(0, 50)), s.end - timedelta(seconds=5))
            qty = sku.usual * rng.randint(3, 8)
            s.emit(p, sku if rng.random() < 0.8 else rng.choice(targets), qty, t, "never_pay", label="inventory_lock")
            made += 1


def _serial_refund(s: _Shop, budget: int) -> None:
    """Buyers with a handful of ordinary-paced orders over the month, most refunded after receipt."""
    rng = s.rng
    made = 0
    while made < budget:
        p = s.person()
        phones = [p.phone, s.phone()] if rng.random() < 0.3 else [p.phone]
        alt = replace(p, detail=s.home_detail()) if rng.random() < 0.2 else p
        p_refund = rng.uniform(0.65, 0.9)
        t = s.when(s.start, s.start + timedelta(days=rng.uniform(4, 12)))
        for _ in range(rng.randint(3, 7)):
            if t >= s.end:
                break
            who = replace(rng.choice((p, p, alt)), phone=rng.choice(phones))
            sku = s.pick_sku(t)
            r = rng.random()
            mode = "refund_after" if r < p_refund else "refund_before" if r < p_refund + 0.07 else "normal"
            s.emit(who, sku, s.honest_qty(sku), t, mode, label="serial_refund", refund_gap=(1, 6))
            made += 1
            nxt = t + timedelta(days=rng.uniform(2, 5))
            if nxt >= s.end - timedelta(hours=6):
                break
            t = s.when(nxt, nxt + timedelta(days=rng.uniform(1, 4)))


def _ring_details(s: _Shop) -> tuple[tuple[str, str, str, str], list[str]]:
    rng = s.rng
    province, city, district, street = s.place()
    road, no, est = rng.choice(ROADS), rng.randint(1, 400), s.estate()
    b, u, room = rng.randint(1, 25), rng.randint(1, 4), f"{rng.randint(2, 18)}{rng.randint(1, 4):02d}"
    forms = [
        f"{road}{no}号{est}{b}号楼{u}单元{room}室",
        f"{est}{b}栋{u}单元{room}",
        f"{est}{b}幢{u}单元{room}室",
        f"{est}{b}号楼{u}单元{room}".translate(FW),
        f"{est} {b}栋 {u}单元  {room}室",
        f"{road}{no}号 {est} {b}幢{u}单元{room}",
        f"{est}{b}-{u}-{room}",
        f"{est}{b}栋{u}单元" + room.translate(FW) + "室",
        f"{road}{no}号{est}{b}号楼{room}",
    ]
    rng.shuffle(forms)
    return (province, city, district, street), forms[: rng.randint(4, 7)]


def _ring(s: _Shop, budget: int) -> None:
    """A dozen names behind a few phones at one address written several ways."""
    rng = s.rng
    (prov, city, district, street), forms = _ring_details(s)
    phones = [s.phone() for _ in range(rng.randint(2, 4))]
    members = []
    for i in range(rng.randint(10, 14)):
        own = rng.sample(forms, rng.choice((1, 1, 2)))
        members.append((s.name(), phones[i % len(phones)], own))
    # they order together on a few evenings, plus odd singles
    sessions = [s.when(s.start + timedelta(days=1)) for _ in range(rng.randint(4, 8))]
    made = 0
    while made < budget:
        name, phone, own = rng.choice(members)
        if rng.random() < 0.65:
            t = min(rng.choice(sessions) + timedelta(minutes=rng.uniform(0, 90)), s.end - timedelta(seconds=5))
        else:
            t = s.when()
        if rng.random() < 0.2:
            phone = rng.choice(phones)
        p = Person(name, phone, prov, city, district, street, rng.choice(own))
        sku = s.pick_sku(t)
        mode = rng.choices(("refund_after", "refund_before", "normal", "cancel", "never_pay"), (40, 15, 35, 5, 5))[0]
        s.emit(p, sku, 1, t, mode, label="ring", refund_gap=(0.5, 5))
        made += 1


def _read_return(s: _Shop, budget: int) -> None:
    """看完就退: a few linked accounts buy pricey sets, confirm on arrival, return them within days."""
    rng = s.rng
    prov, city, district, street = s.place()
    est, road = s.estate(), rng.choice(ROADS)
    phones = [s.phone() for _ in range(rng.randint(2, 3))]
    accounts = []
    for _ in range(rng.randint(4, 7)):
        b, u, room = rng.randint(1, 20), rng.randint(1, 4), f"{rng.randint(1, 20)}{rng.randint(1, 4):02d}"
        detail = rng.choice((f"{est}{b}栋{u}单元{room}", f"{road}{rng.randint(1, 300)}号{est}{b}号楼{room}室"))
        if rng.random() < 0.2:
            detail = f"{road}{rng.randint(1, 300)}号{rng.choice(COMPANIES)}"
        accounts.append(Person(s.name(), rng.choice(phones), prov, city, district, street, detail))
    pricey = [k for k in s.skus if k.price >= 3900 and k.cat in ("hb", "xs", "tz", "ky")] or s.skus
    made, clocks = 0, {}
    while made < budget:
        a = rng.randrange(len(accounts))
        t = clocks.get(a) or s.when(s.start, s.start + timedelta(days=8))
        if t >= s.end - timedelta(hours=2):
            clocks[a] = s.when()  # this account's pace ran out; restart it somewhere in the month
            continue
        p = accounts[a] if rng.random() < 0.85 else replace(accounts[a], phone=rng.choice(phones))
        sku = rng.choice(pricey)
        mode = "refund_after" if rng.random() < 0.85 else "normal"
        s.emit(p, sku, 1, t, mode, label="read_return", refund_gap=(0.8, 4), settle=(2, 5))
        made += 1
        clocks[a] = s.when(t + timedelta(days=rng.uniform(2, 4)), t + timedelta(days=rng.uniform(5, 8)))


def _coupon_farm(s: _Shop, budget: int) -> None:
    """薅羊毛: many brand-new accounts take the 新人首单 price on cheap 教辅 into a few school addresses."""
    rng = s.rng
    prov, city, _, _ = s.place()
    sites = []
    for _ in range(rng.randint(2, 4)):
        _, _, district, street = s.place(prov, city)
        school = s.school(city, district)
        road, no = rng.choice(ROADS), rng.randint(1, 300)
        forms = [f"{school}传达室", f"{school} 门卫室", f"{school}(初中部)收发室", f"{road}{no}号{school}对面 文具店",
                 f"{school}东门 {road}{no}号", f"{school}门卫 转"]  # fmt: skip
        sites.append((district, street, rng.sample(forms, rng.randint(2, 4))))
    cheap = sorted((k for k in s.skus if k.cat in ("jf", "wj")), key=lambda k: k.price)[:4] or s.skus[:3]
    batches = [s.when(s.start + timedelta(days=1)) for _ in range(rng.randint(3, 6))]
    made = 0
    while made < budget:
        t0 = rng.choice(batches)
        district, street, forms = rng.choice(sites)
        p = Person(s.name(), s.phone(0.4), prov, city, district, street, rng.choice(forms))
        for _ in range(rng.choices((1, 2), (0.9, 0.1))[0]):
            t = min(t0 + timedelta(minutes=rng.uniform(0, 150)), s.end - timedelta(seconds=5))
            sku = rng.choice(cheap)
            cents = (
                rng.choice((99, 190, 290, 390)) if rng.random() < 0.6 else max(99, sku.price - rng.randint(5, 15) * 100)
            )
            mode = rng.choices(("normal", "never_pay", "cancel", "refund_after"), (88, 6, 3, 3))[0]
            s.emit(p, sku, 1, t, mode, label="coupon_farm", cents=cents)
            made += 1


def _refund_claim(s: _Shop, budget: int) -> None:
    """A competitor's paid orders of sets from one district, then 仅退款 claiming 少件/破损."""
    rng = s.rng
    prov, city, district, _ = s.place()
    streets = GEO[prov][city][district]
    sets = [k for k in s.skus if ("全套" in k.spec or "套装" in k.spec or k.price >= 4500)] or s.skus
    first = s.start + timedelta(days=rng.uniform(1, 12))
    last = min(first + timedelta(days=rng.uniform(12, 22)), s.end)
    made = 0
    while made < budget:
        p = Person(s.name(), s.phone(0.1), prov, city, district, rng.choice(streets), s.home_detail())
        for _ in range(rng.choices((1, 2, 3), (0.6, 0.3, 0.1))[0]):
            t = s.when(first, last)
            mode = rng.choices(("refund_after", "refund_before", "normal"), (80, 5, 15))[0]
            s.emit(p, rng.choice(sets), rng.choice((1, 1, 1, 2)), t, mode, label="refund_claim",
                   refund_gap=(0.05, 1.5), settle=(0.3, 2.0))  # fmt: skip
            made += 1


def _fake_detail(s: _Shop) -> str:
    rng = s.rng
    road, n = rng.choice(ROADS), rng.randint(1, 999)
    return rng.choice((
        f"{road}{n}号", f"{road}附近", s.estate(), f"{rng.randint(1, 40)}栋{rng.randint(100, 2999)}", "不详",
        f"{road}{n}号1号楼101", "村口小卖部", f"{s.estate()}门口", f"{road}与{rng.choice(ROADS)}交叉口",
        s.home_detail(), s.home_detail(),
    ))  # fmt: skip


def _reject_bounce(s: _Shop, budget: int) -> None:
    """Paid orders to made-up addresses that are refused at the door: shipping paid twice."""
    rng = s.rng
    batches = rng.randint(1, 3)
    made = 0
    for i in range(batches):
        size = budget - made if i == batches - 1 else rng.randint(budget // (batches + 1), budget // batches)
        t0 = s.when(s.start + timedelta(days=1), s.end - timedelta(days=4))
        span = rng.uniform(2, 6) * 3600
        targets = rng.sample(s.skus, min(3, len(s.skus)))
        for _ in range(size):
            prov, city, district, street = s.place()
            if rng.random() < 0.3:  # a 街道 of another district
                street = rng.choice(rng.choice(list(GEO[prov][city].values())))
            p = Person(s.name(), s.phone(0.5), prov, city, district, street, _fake_detail(s))
            t = min(t0 + timedelta(seconds=rng.uniform(0, span)), s.end - timedelta(seconds=5))
            s.emit(p, rng.choice(targets), 1, t, "refund_before" if rng.random() < 0.9 else "normal",
                   label="reject_bounce", pre_gap=(1.5, 4.5), settle=(2, 6))  # fmt: skip
            made += 1


# =============================================================================================
# Honest look-alikes
# =============================================================================================


def _flash_sale(s: _Shop) -> None:
    rng = s.rng
    for _ in range(rng.randint(1, 2)):
        day = s.start.date() + timedelta(days=rng.randrange(1, 19))
        start = datetime.combine(day, time(rng.choices((20, 10, 12, 19), (6, 2, 1, 1))[0]))
        span = rng.uniform(3, 12) * 60
        sku = rng.choice([k for k in s.skus if k.price <= 6000] or s.skus)
        price = int(sku.price * rng.uniform(0.5, 0.7)) // 10 * 10 + 9
        for _ in range(s.n(300, 1100, 30)):
            if s.pool and rng.random() < 0.25:
                p = rng.choice(s.pool)
            else:
                p = s.person()
                s.pool.append(p)
            t = start + timedelta(seconds=span * rng.random() ** 1.8)
            if t >= s.end:
                continue
            qty = rng.choices((1, 2), (0.93, 0.07))[0]
            s.emit(p, sku, qty, t, s.honest_mode(0.08, 0.03, 0.025, 0.005), lookalike="flash_sale",
                   cents=price * qty, slow=2.5)  # fmt: skip


def _wholesale(s: _Shop) -> None:
    rng = s.rng
    edu = [k for k in s.skus if k.cat in ("jf", "wj", "tz")] or s.skus
    for _ in range(s.n(12, 22, 3)):
        prov, city, district, street = s.place()
        kind = rng.choice(("school", "school", "institute", "teacher"))
        if kind == "school":
            p = Person(rng.choices(SURNAMES, SURNAME_W)[0] + "老师", s.phone(), prov, city, district,
                       street, s.school(city, district) + rng.choice(("教务处", "图书室", " 后勤处")))  # fmt: skip
            qty_range, note = (60, 200), "学校统一订购，需要开票"
        elif kind == "institute":
            org = rng.choice(("学而思", "启航", "新东方", "博学", "优佳", "金榜")) + rng.choice(
                ("教育", "培训学校", "托管中心")
            )
            p = Person(
                s.name(), s.phone(), prov, city, district, street, f"{rng.choice(ROADS)}{rng.randint(1, 300)}号{org}"
            )
            qty_range, note = (30, 120), "机构采购，麻烦分箱打包"
        else:
            p = Person(s.name() + "老师", s.phone(), prov, city, district, street, s.home_detail())
            qty_range, note = (30, 60), "班级用，请尽快发货"
        sku = rng.choice(edu)
        t = s.at_hour(s.start.date() + timedelta(days=rng.randrange(0, 26)), list(range(8, 18)))
        for _ in range(rng.choices((1, 2, 3), (0.55, 0.3, 0.15))[0]):
            if t >= s.end:
                break
            qty = rng.randint(*qty_range)
            cents = int(sku.price * qty * rng.uniform(0.8, 0.92))
            mode = rng.choices(("normal", "refund_after", "cancel"), (93, 3, 4))[0]
            s.emit(p, sku, qty, t, mode, lookalike="wholesale", note=note if rng.random() < 0.6 else "",
                   cents=cents, slow=3)  # fmt: skip
            t = s.at_hour((t + timedelta(days=rng.uniform(5, 14))).date(), list(range(8, 18)))
            sku = sku if rng.random() < 0.6 else rng.choice(edu)


def _rewrite(s: _Shop, detail: str) -> str:
    """The same flat as another member of the household types it."""
    out = detail.replace("号楼", "栋") if "号楼" in detail else detail.replace("栋", "号楼")
    if s.rng.random() < 0.5:
        out = out.replace("室", "") if out.endswith("室") else out + "室"
    return out


def _family(s: _Shop) -> None:
    rng = s.rng
    for _ in range(s.n(220, 320, 10)):
        head = s.person()
        female = rng.random() < 0.6
        members = [replace(head, name=s.name(head.name[0], female))]
        members.append(
            replace(head, name=s.name(None, not female), phone=s.phone() if rng.random() < 0.75 else head.phone)
        )
        if rng.random() < 0.3:
            members.append(replace(head, name=s.name(head.name[0]), phone=s.phone()))
        if rng.random() < 0.25:
            members[1] = replace(members[1], detail=_rewrite(s, head.detail))
        k = rng.choices((2, 3, 4, 5), (0.45, 0.3, 0.15, 0.1))[0]
        who = members[:2] + [rng.choice(members) for _ in range(k - 2)]
        for m in who:
            s.honest_order(m, s.when(), lookalike="family")


def _class_order(s: _Shop) -> None:
    rng = s.rng
    for _ in range(s.n(4, 9, 1)):
        prov, city, district, street = s.place()
        school = s.school(city, district, primary=True)
        grade, cls = rng.randint(1, 6), rng.randint(1, 12)
        forms = [f"{school}门卫室 {CN_NUM[grade - 1]}({cls})班", f"{school} {grade}年级{cls}班",
                 f"{school}传达室转{CN_NUM[grade - 1]}年级{cls}班 {s.name()[:1]}老师"]  # fmt: skip
        main = rng.choice(forms)
        sku = rng.choice([k for k in s.skus if k.cat in ("jf", "tz", "hb")] or s.skus)
        notice = s.at_hour(s.start.date() + timedelta(days=rng.randrange(0, 27)), [17, 18, 19, 20, 21])
        for _ in range(rng.randint(25, 45)):
            r = rng.random()
            if r < 0.6:
                t = notice + timedelta(minutes=rng.uniform(2, 180))
            elif r < 0.9:
                t = s.at_hour((notice + timedelta(days=1)).date(), [12, 19, 20, 21, 22])
            else:
                t = notice + timedelta(days=rng.uniform(1, 3))
            if t >= s.end:
                continue
            child = s.name()
            p = Person(
                s.name(), s.phone(), prov, city, district, street, main if rng.random() < 0.8 else rng.choice(forms)
            )
            note = f"{CN_NUM[grade - 1]}({cls})班 {child}" if rng.random() < 0.5 else ""
            qty = 2 if rng.random() < 0.05 else 1
            s.emit(p, sku, qty, t, s.honest_mode(0.04, 0.02, 0.02, 0.005), lookalike="class_order", note=note)


def _campus_station(s: _Shop) -> None:
    rng = s.rng
    for _ in range(rng.randint(2, 3)):
        prov, city, district, street = s.place()
        univ = (
            city[:-1]
            + rng.choice(("师范", "理工", "医科", "财经", "职业技术", "工程", "科技"))
            + rng.choice(("大学", "学院"))
        )
        campus = rng.choice(("东校区", "西校区", "南校区", "北区", "本部"))
        forms = [f"{univ}{campus}菜鸟驿站", f"{univ} {campus} 驿站", f"{univ}{campus}快递服务中心",
                 f"{univ}{campus}{rng.randint(1, 12)}号宿舍楼(驿站代收)"]  # fmt: skip
        students: list[Person] = []
        for _ in range(s.n(60, 150, 5)):
            if students and rng.random() < 0.15:
                p = rng.choice(students)
            else:
                detail = (
                    rng.choice(forms[:3])
                    if rng.random() < 0.85
                    else f"{univ}{campus}{rng.randint(1, 12)}号宿舍楼{rng.randint(1, 6)}{rng.randint(1, 30):02d}"
                )
                p = Person(s.name(), s.phone(), prov, city, district, street, detail)
                students.append(p)
            t = s.when()
            cats = rng.choices((("ky",), ("xs",), ("wj",)), (60, 25, 15))[0]
            s.honest_order(p, t, lookalike="campus_station", cats=cats)


def _background(s: _Shop, count: int) -> None:
    rng = s.rng
    for _ in range(count):
        if s.pool and rng.random() < 0.14:
            p, first = rng.choice(s.pool), False
        else:
            p, first = s.person(), True
            s.pool.append(p)
        s.honest_order(p, s.when(), first=first)


def generate(*, seed: int, end: datetime, orders: int = 20_000) -> list[ExportOrder]:
    """About ``orders`` orders of a student book shop over the 30 days before ``end``."""
    s = _Shop(seed, end, orders)
    rng = s.rng

    # honest look-alikes first, so their buyers can come back as ordinary repeat customers
    for shape in (_flash_sale, _wholesale, _family, _class_order, _campus_station):
        shape(s)
    honest_shaped = len(s.out)

    budget = round(orders * rng.uniform(0.048, 0.053))
    before = len(s.out)
    _burst(s)
    rest = max(0, budget - (len(s.out) - before))
    shares = {
        _inventory_lock: 0.14, _serial_refund: 0.16, _ring: 0.11, _read_return: 0.12,
        _coupon_farm: 0.17, _refund_claim: 0.16, _reject_bounce: 0.14,
    }  # fmt: skip
    for shape, share in shares.items():
        shape(s, max(4, round(rest * share * rng.uniform(0.8, 1.2))))
    attacks = len(s.out) - before

    _background(s, max(0, orders - honest_shaped - attacks))

    s.out.sort(key=lambda o: (o.ordered_at, o.phone))
    seen: set[str] = set()
    for o in s.out:
        while True:
            no = f"{o.ordered_at:%y%m%d}-{rng.randrange(10**14, 10**15)}"
            if no not in seen:
                seen.add(no)
                o.order_no = no
                break
    return s.out
