"""China's provincial divisions and the names exports use for them.

Exports spell one place several ways: 广东 / 广东省, 内蒙古 / 内蒙古自治区, 北京 / 北京市,
深圳 / 深圳市. Region rules and their matching compare canonical names: the full province
name from ``PROVINCES`` and a city name without its 市 / 地区 / 盟 suffix.
A rule is stored as one line per region: ``广东省`` (the whole province) or ``广东省/深圳``.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The 34 provincial-level divisions: full name → short name.
PROVINCES: dict[str, str] = {
    "北京市": "北京",
    "天津市": "天津",
    "上海市": "上海",
    "重庆市": "重庆",
    "河北省": "河北",
    "山西省": "山西",
    "辽宁省": "辽宁",
    "吉林省": "吉林",
    "黑龙江省": "黑龙江",
    "江苏省": "江苏",
    "浙江省": "浙江",
    "安徽省": "安徽",
    "福建省": "福建",
    "江西省": "江西",
    "山东省": "山东",
    "河南省": "河南",
    "湖北省": "湖北",
    "湖南省": "湖南",
    "广东省": "广东",
    "海南省": "海南",
    "四川省": "四川",
    "贵州省": "贵州",
    "云南省": "云南",
    "陕西省": "陕西",
    "甘肃省": "甘肃",
    "青海省": "青海",
    "台湾省": "台湾",
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
_BY_SHORT = {short: full for full, short in PROVINCES.items()}
# Longest short names first, so 黑龙江 wins over a two-character prefix.
_SHORTS = sorted(_BY_SHORT, key=len, reverse=True)
_CITY_SUFFIX = re.compile(r"(市|地区|盟)$")


@lru_cache(maxsize=4096)
def province_name(value: str) -> str:
    """The canonical full name of a province spelled any usual way; ``""`` when not recognised."""
    value = (value or "").strip()
    if not value or "*" in value:
        return ""
    if value in PROVINCES:
        return value
    for short in _SHORTS:
        if value.startswith(short):
            return _BY_SHORT[short]
    return ""


@lru_cache(maxsize=4096)
def city_name(value: str) -> str:
    """A city without its 市 / 地区 / 盟 suffix (深圳市 → 深圳); ``""`` for a masked or empty one."""
    value = (value or "").strip()
    if not value or "*" in value:
        return ""
    return _CITY_SUFFIX.sub("", value) or value


def region_of(*, province: str, city: str, address: str = "") -> tuple[str, str]:
    """(canonical province, city) of an order; from the start of the address when the columns are empty."""
    prov, town = province_name(province), city_name(city)
    if prov and town == PROVINCES[prov]:
        town = ""
    if not prov and address:
        text = address.strip()
        prov = province_name(text[:8])
        if prov and not town:
            rest = text[len(prov) :] if text.startswith(prov) else text[len(PROVINCES[prov]) :]
            match = re.match(r"^(.{1,8}?(市|地区|盟|自治州))", rest)
            if match:
                town = city_name(match.group(1))
    return prov, town


def region_key(*, province: str, city: str = "") -> str:
    """The stored form of a rule line: ``广东省`` or ``广东省/深圳``."""
    prov = province_name(province)
    if not prov:
        return ""
    town = city_name(city)
    # A municipality's "city" is itself (北京市 / 北京市): the whole province.
    return f"{prov}/{town}" if town and town != PROVINCES[prov] else prov


def parse_region_line(line: str) -> str:
    """A rule line as an admin might type it (``广东 深圳市``, ``广东省/深圳``) in stored form."""
    parts = [p for p in re.split(r"[/\s,，、]+", line.strip()) if p]
    if not parts:
        return ""
    return region_key(province=parts[0], city=parts[1] if len(parts) > 1 else "")


def region_label(key: str) -> str:
    """How a stored region reads on a page: 广东 or 深圳（广东）."""
    prov, _, town = key.partition("/")
    short = PROVINCES.get(prov, prov)
    return f"{town}（{short}）" if town else short


def region_lines(text: str) -> list[str]:
    """The stored regions of a rule field, one per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def region_matches(rules: list[str], prov: str, town: str) -> str:
    """The first rule that covers the order's region (a whole province, or that city in it)."""
    if not prov:
        return ""
    for rule in rules:
        rule_prov, _, rule_town = rule.partition("/")
        if rule_prov == prov and (not rule_town or rule_town == town):
            return rule
    return ""
