"""Normalized keys for the things a buyer leaves in an export: phone, receiver name, address.

One set of rules serves the blacklist, identity resolution on import and screening, so a
phone typed as ``+86 138-0013-8000`` in the blacklist matches ``'13800138000`` in a Taobao
export. This module imports nothing from Shield's other apps.
"""

import re
import unicodedata
from functools import lru_cache

_NON_DIGIT_OR_MASK = re.compile(r"[^0-9*]")
_X_MASK = re.compile(r"(?<=\d)[xX]+(?=\d)")
_PUNCT_SPACE = re.compile(r"[\s\W_]+", re.UNICODE)
# Region words: removing them makes 广东省深圳市南山区 and 广东深圳南山 the same key.
_NOT_NAME = re.compile(r"[^\w*]+")
_REGION_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|维吾尔|壮族|回族|省|市|区|县)")


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation (as typed on Chinese keyboards) to ASCII."""
    return unicodedata.normalize("NFKC", text or "")


def normalize_phone(raw: str) -> str:
    """Digits only, with +86/0086 and separators stripped; masked digits stay as ``*``.

    ``'13800138000``, ``+86 138 0013 8000`` and ``138-0013-8000`` give ``13800138000``;
    ``138****8000`` gives ``138****8000``. Anything that is not a plausible phone gives "".
    """
    text = to_halfwidth(raw).strip().lstrip("'").replace("×", "*")
    # Some tools mask with x: 138xxxx5678.
    text = _X_MASK.sub(lambda match: "*" * len(match.group()), text)
    text = _NON_DIGIT_OR_MASK.sub("", text)
    if text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if len(text) < 7 or len(text) > 15 or set(text) <= {"*"}:
        return ""
    if text.count("*") and sum(c.isdigit() for c in text) < 4:
        return ""
    return text


def is_masked(key: str) -> bool:
    """True for a phone or name the platform masked (``138****5678``, ``林*坤``)."""
    return "*" in key


@lru_cache(maxsize=65536)  # linking reads the same few names of an address again and again
def normalize_name(raw: str) -> str:
    """A receiver name without spaces or punctuation; a masked ``林*坤`` keeps its ``*``."""
    text = to_halfwidth(raw).strip().replace("×", "*")
    return _NOT_NAME.sub("", text).lower()


def normalize_address(raw: str) -> str:
    """An address compared the way a person would: width, spaces, punctuation and region
    suffixes (省/市/区/县, 自治区…) do not matter. Masked parts (``****``) are dropped."""
    text = to_halfwidth(raw).lower()
    text = text.replace("*", "")
    text = _PUNCT_SPACE.sub("", text)
    return _REGION_SUFFIX.sub("", text)


# One building written several ways: 3幢 / 3号楼 / 3栋楼 / 3座 are 3栋; 502室 / 502房 are 502.
_BUILDING = re.compile(r"(?<=\d)(幢|号楼|栋楼|座)")
_ROOM = re.compile(r"(?<=\d)(室|房|号房)(?!\w*\d)")


def canonical_place(raw: str) -> str:
    """``normalize_address``, and one spelling for buildings and rooms, so that a ring writing its
    one address several ways (``3幢502室``, ``3栋 502``, ``３号楼502``) still shares one key."""
    text = _BUILDING.sub("栋", normalize_address(raw))
    return _ROOM.sub("", text)


def receiver_address_key(receiver: str, address: str) -> str:
    """One key for "this name at this address"; empty when either part is missing."""
    name, place = normalize_name(receiver), normalize_address(address)
    return f"{name}|{place}" if name and place else ""
