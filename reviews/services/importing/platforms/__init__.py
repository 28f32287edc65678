"""Each platform's export vocabulary, read from one declarative module per platform.

Every module in this package describes one platform's order exports (see ``pdd.py``):

``PLATFORM``
    the ``reviews.models.Platform`` value its files are recognised as;
``PRIORITY``
    which platform wins a tie of marker columns (lower first);
``HEADERS``
    canonical field → the header aliases its exports use (compared after ``header_key``);
``MARKERS``
    headers that tell its files from the others';
``STATUS_WORDS``
    its exact 订单状态 words → ``Order.Status``;
``AFTER_SALE_NONE`` / ``AFTER_SALE_DONE`` (optional)
    words in 售后状态 meaning "no after-sale" / "refunded";
``ORDER_NO_DIGITS`` (optional)
    how many digits a number-only order number of the platform has (Excel damage checks).

Adding a platform is adding a module here (and its ``Platform`` choice); nothing else lists them.
"""

import importlib
import pkgutil
import unicodedata
from types import ModuleType

from reviews.models import Platform


def header_key(header) -> str:
    """A header as compared with the alias tables: NFKC (full-width → ASCII), no spaces, lower case."""
    text = unicodedata.normalize("NFKC", str(header or "")).replace("\ufeff", "")
    return "".join(text.split()).lower()


def _modules() -> list[ModuleType]:
    found = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return sorted(found, key=lambda module: module.PRIORITY)


PLATFORMS = _modules()
ALIASES: dict[str, dict[str, list[str]]] = {module.PLATFORM: module.HEADERS for module in PLATFORMS}
_MARKER_KEYS = {module.PLATFORM: {header_key(m) for m in module.MARKERS} for module in PLATFORMS}
_ORDER_NO_KEYS = {header_key(alias) for table in ALIASES.values() for alias in table.get("order_no", [])}

STATUS_WORDS: dict[str, str] = {}
for _module in PLATFORMS:
    STATUS_WORDS.update(_module.STATUS_WORDS)
STATUS_KEYWORDS = [pair for module in PLATFORMS for pair in getattr(module, "STATUS_KEYWORDS", ())]
AFTER_SALE_NONE = tuple(word for module in PLATFORMS for word in getattr(module, "AFTER_SALE_NONE", ()))
AFTER_SALE_DONE = tuple(word for module in PLATFORMS for word in getattr(module, "AFTER_SALE_DONE", ()))
ORDER_NO_DIGITS = {m.PLATFORM: m.ORDER_NO_DIGITS for m in PLATFORMS if getattr(m, "ORDER_NO_DIGITS", None)}
IGNORED_HEADERS = {header_key(h) for module in PLATFORMS for h in getattr(module, "IGNORED_HEADERS", ())}


def detect_platform(headers: list[str]) -> Platform:
    """The platform whose marker columns the header row has most of (ties: the lower PRIORITY)."""
    keys = {header_key(h) for h in headers}
    scores = {platform: len(keys & markers) for platform, markers in _MARKER_KEYS.items()}
    best = max(scores, key=lambda platform: scores[platform])
    return Platform(best) if scores[best] else Platform.OTHER


def map_headers(headers: list[str]) -> tuple[Platform, dict[int, str], dict[int, str]]:
    """Column index → canonical field for the detected platform, and index → header for the rest.

    A field named twice (old PDD files carry both 手机 and 用户购买手机号) takes the first alias
    in the table's order that is present; later ones go to ``extra``.
    """
    platform = detect_platform(headers)
    keys = [header_key(h) for h in headers]
    mapped: dict[int, str] = {}
    # Generic English headers are welcome in any file (an ERP may mix them in).
    tables = [ALIASES[platform]] + ([ALIASES[Platform.OTHER]] if platform != Platform.OTHER else [])
    for table in tables:
        for field, aliases in table.items():
            if field in mapped.values():
                continue
            for alias in aliases:
                alias_key = header_key(alias)
                index = next((i for i, k in enumerate(keys) if k == alias_key and i not in mapped), None)
                if index is not None:
                    mapped[index] = field
                    break
    extra = {i: str(h).strip() for i, h in enumerate(headers) if i not in mapped and str(h or "").strip()}
    return platform, mapped, extra


def is_order_no_header(header) -> bool:
    return header_key(header) in _ORDER_NO_KEYS
