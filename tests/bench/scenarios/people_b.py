"""Buyers, phones and places shared by the bakery and jewelry families (one author; held out for main)."""

import random

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)

GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉梅志红子涵欣怡浩然宇"
    "轩梓萱一诺雨桐俊杰晓燕海燕丹丹婷婷佳琪思远文博嘉怡晨曦亚楠春梅金凤立新小龙紫怡"
)

PREFIXES = (
    [p for p in range(130, 140)] * 3
    + [150, 151, 152, 155, 156, 157, 158, 159] * 3
    + [180, 181, 182, 183, 185, 186, 187, 188, 189] * 3
    + [147, 166, 173, 175, 176, 177, 178, 191, 193, 195, 198, 199]
)

VIRTUAL = [170, 171, 162, 165, 167]

GEO = [
    ("广东省", "深圳市", {"南山区": ["粤海街道", "南头街道", "西丽街道"], "福田区": ["莲花街道", "香蜜湖街道"]}),
    ("广东省", "广州市", {"天河区": ["石牌街道", "林和街道"], "海珠区": ["赤岗街道", "江海街道"]}),
    ("上海市", "上海市", {"浦东新区": ["花木街道", "张江镇"], "闵行区": ["莘庄镇", "古美路街道"]}),
    ("北京市", "北京市", {"朝阳区": ["望京街道", "酒仙桥街道"], "海淀区": ["中关村街道", "学院路街道"]}),
    ("浙江省", "杭州市", {"西湖区": ["文新街道", "翠苑街道"], "余杭区": ["五常街道", "仓前街道"]}),
    ("江苏省", "南京市", {"鼓楼区": ["湖南路街道", "宁海路街道"], "江宁区": ["东山街道", "秣陵街道"]}),
    ("江苏省", "苏州市", {"姑苏区": ["平江街道", "双塔街道"], "吴中区": ["长桥街道", "郭巷街道"]}),
    ("四川省", "成都市", {"武侯区": ["玉林街道", "红牌楼街道"], "锦江区": ["春熙路街道", "牛市口街道"]}),
    ("湖北省", "武汉市", {"洪山区": ["珞南街道", "关山街道"], "江汉区": ["唐家墩街道", "万松街道"]}),
    ("山东省", "济南市", {"历下区": ["泉城路街道", "文东街道"], "槐荫区": ["振兴街街道"]}),
    ("河南省", "郑州市", {"金水区": ["经八路街道", "花园路街道"], "二七区": ["五里堡街道"]}),
    ("福建省", "厦门市", {"思明区": ["莲前街道", "嘉莲街道"], "湖里区": ["金山街道", "江头街道"]}),
    ("湖南省", "长沙市", {"岳麓区": ["望月湖街道", "观沙岭街道"], "雨花区": ["侯家塘街道"]}),
    ("陕西省", "西安市", {"雁塔区": ["小寨路街道", "电子城街道"], "碑林区": ["南院门街道"]}),
    ("重庆市", "重庆市", {"渝北区": ["龙溪街道", "回兴街道"], "九龙坡区": ["杨家坪街道"]}),
    ("天津市", "天津市", {"南开区": ["学府街道", "王顶堤街道"], "河西区": ["友谊路街道"]}),
]

GEO_WEIGHTS = [9, 8, 10, 8, 7, 5, 5, 6, 5, 3, 4, 3, 3, 3, 4, 3]

ROADS = [
    "中山路",
    "人民路",
    "建设路",
    "解放路",
    "文化路",
    "新华路",
    "和平路",
    "长江路",
    "科技园路",
    "学府路",
    "滨河路",
    "光明大道",
    "青年路",
    "幸福路",
    "东风路",
    "朝阳路",
]

ESTATES = [
    "阳光花园",
    "锦绣家园",
    "万科城",
    "碧桂园",
    "保利花园",
    "金地名苑",
    "翠湖小区",
    "龙湖春森彼岸",
    "绿城桂花园",
    "世纪新城",
    "幸福里",
    "华府天地",
]

FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.75 else "")
    return rng.choice(SURNAMES) + given


def _phone(rng: random.Random, prefix: int | None = None) -> str:
    return f"{prefix or rng.choice(PREFIXES)}{rng.randrange(10**8):08d}"


def _place(rng: random.Random) -> tuple[str, str, str, str]:
    prov, city, districts = rng.choices(GEO, GEO_WEIGHTS)[0]
    district = rng.choice(list(districts))
    return prov, city, district, rng.choice(districts[district])


def _detail(rng: random.Random, parts: tuple, style: int | None = None) -> str:
    road, no, estate, bld, unit, room = parts
    style = rng.randrange(6) if style is None else style
    if style == 0:
        return f"{road}{no}号{estate}{bld}栋{unit}单元{room}室"
    if style == 1:
        return f"{road}{no}号 {estate} {bld}幢{room}"
    if style == 2:
        return f"{estate}{bld}号楼{unit}单元{room}"
    if style == 3:
        return f"{road}{no}号{estate}{bld}-{unit}-{room}"
    if style == 4:
        return f"{estate} {bld}栋 {room}室（放门口）"
    return f"{road}{no}号{estate}{bld}栋{room}".translate(FULL)


def _address_parts(rng: random.Random) -> tuple:
    return (
        rng.choice(ROADS),
        rng.randint(1, 999),
        rng.choice(ESTATES),
        rng.randint(1, 32),
        rng.randint(1, 4),
        f"{rng.randint(1, 33)}{rng.randint(1, 4):02d}",
    )


HOUR_W = [2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 3, 4, 4, 4, 5, 6, 5, 4, 4, 4, 5, 6, 7, 9, 10, 8, 4]


def _person(rng: random.Random, virtual_share: float = 0.04) -> dict:
    prefix = rng.choice(VIRTUAL) if rng.random() < virtual_share else None
    return {
        "name": _name(rng),
        "phone": _phone(rng, prefix),
        "place": _place(rng),
        "detail": _detail(rng, _address_parts(rng)),
    }
