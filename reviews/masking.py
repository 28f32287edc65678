"""How buyers' personal data is shown: phones as 191****4814, receivers as 王**, addresses down to
the street. The one place pages, evidence packs and templates (``{% load personal_data %}``) mask it.

Only display masks: linking, matching, screening and exports read the stored full values.
"""

import re

from blacklist.matching import mask_phone
from blacklist.models import Kind
from blacklist.normalize import normalize_phone
from reviews.services.identity import leading_street, street_is_detail

HIDDEN = "****"

# A county-level district, then a street (街道), town (镇) or township (乡) in what an address says
# after its region fields; house numbers and building names after them are the detail that goes.
_DISTRICT = re.compile(r"^[^\d\s]{2,12}?(?:区|县|旗)")


def masked_phone(phone: str) -> str:
    """191****4814, whatever way the export wrote the number; nothing recognisable stays whole."""
    normalized = normalize_phone(phone or "")
    if normalized:
        return normalized if "*" in normalized else mask_phone(normalized)
    return HIDDEN if (phone or "").strip() else ""


def masked_receiver(name: str) -> str:
    """The first character and a star for each other one: 欧阳娜娜 → 欧***."""
    name = (name or "").strip()
    return f"{name[0]}{'*' * max(1, len(name) - 1)}" if name else ""


def address_region(province: str, city: str, district: str, street: str, address: str) -> str:
    """Province, city, district and street of an address, without the detail after them."""
    street = "" if street_is_detail(street) else street
    region = "".join(part for part in (province, city, district, street) if part)
    if street:
        return region
    detail = address or ""
    for part in (province, city, district):
        if part and detail.startswith(part):
            detail = detail[len(part) :]
    if not district and (found := _DISTRICT.match(detail)):
        region, detail = region + found.group(), detail[found.end() :]
    return region + leading_street(detail)


def order_region(order) -> str:
    """The order's address down to the street (what a masked evidence pack shows)."""
    return address_region(order.province, order.city, order.district, order.street, order.address)


def masked_address(order) -> str:
    """The order's address with the detail after the street hidden: 广东省深圳市南山区粤海街道****."""
    full, region = order.full_address, order_region(order)
    if not full:
        return ""
    return region if full == region else f"{region}{HIDDEN}"


def masked_address_text(address: str) -> str:
    """A one-line address (as a blacklist key stores it) with the detail hidden."""
    region = address_region("", "", "", "", address)
    return address if not address or address == region else f"{region}{HIDDEN}"


def buyer_label(buyer) -> str:
    """How a page names a buyer: its display name is a receiver's name, so it is masked; the other
    names ``Buyer.__str__`` falls back to are masked phones already."""
    if buyer is None:
        return ""
    return masked_receiver(buyer.display_name) if buyer.display_name else str(buyer)


def masked_key_value(kind: str, value: str) -> str:
    """A blacklist key's value (phone, receiver, address, receiver + address) as pages show it."""
    if kind == Kind.PHONE:
        return masked_phone(value)
    if kind == Kind.RECEIVER:
        return masked_receiver(value)
    if kind in (Kind.ADDRESS, Kind.RECEIVER_ADDRESS):
        return masked_address_text(value)
    return value
