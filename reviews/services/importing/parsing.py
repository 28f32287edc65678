"""One row of an order file → the fields of an order, or a ``RowError`` (line, column, reason).

Platform words (statuses, after-sale states, order-number lengths) come from ``platforms``; this
module knows only Shield's own fields and how a cell's text becomes a value.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from reviews.models import Order, Platform
from reviews.services.identity import identity_keys
from reviews.services.importing.platforms import (
    AFTER_SALE_DONE,
    AFTER_SALE_NONE,
    ORDER_NO_DIGITS,
    STATUS_KEYWORDS,
    STATUS_WORDS,
)
from reviews.services.importing.sheet import Sheet
from reviews.services.importing.workbooks import ExcelNumber

Status = Order.Status
# Excel keeps 15 significant digits of a number: a longer order number it took for one keeps
# its first 15 digits and zeros (or shows as 2.61207E+17). Excel shows numbers of 12 digits or
# more in scientific notation, so a shorter one that is still that long was probably cut.
EXCEL_DIGITS = 15
EXCEL_SCIENTIFIC_FROM = 12
SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE](\+)?[0-9]{1,3}")
EMPTY_VALUES = {"", "-", "--", "—", "/", "null", "NULL", "None"}
ZERO_AMOUNT = Decimal("0.00")

TEXT_FIELDS = {
    "sku_id": 64,
    "sku_name": 255,
    "spec": 255,
    "after_sale_status": 64,
    "receiver": 100,
    "province": 32,
    "city": 32,
    "district": 32,
    "street": 64,
    "address": 255,
    "merchant_note": 4000,
    "buyer_note": 4000,
}
TIME_FIELDS = ("ordered_at", "paid_at", "shipped_at", "received_at")
# The platform's shipping cut-off (承诺发货时间): a deadline, not an event, so it stays out of
# TIME_FIELDS (which decide whether a row is newer than the stored order).
DEADLINE_FIELDS = ("ship_by",)
# Every time an order can carry. Outside this range a time is a typo or an attack, never a real
# order, and past 9999-12-31 UTC (year 9999 with a negative offset) PostgreSQL stores what Python
# cannot read back: every page listing the order would fail. The check API and imports refuse such
# times; ``manage.py check_order_times`` finds the ones stored before.
ORDER_TIME_RANGE = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
AMOUNT_FIELDS = ("amount_paid", "amount_received")
# Mapped fields that are not Order columns: kept in extra under their own header.
EXTRA_FIELDS = {"main_order_no", "amount_due", "refund_amount", "cancel_reason"}
# Everything an import writes on an order; the digest covers exactly these.
WRITTEN_FIELDS = [
    "sku_id",
    "sku_name",
    "spec",
    "quantity",
    "amount_paid",
    "amount_received",
    "status",
    "after_sale_status",
    "ordered_at",
    "paid_at",
    "shipped_at",
    "received_at",
    "ship_by",
    "receiver",
    "phone",
    "province",
    "city",
    "district",
    "street",
    "address",
    "merchant_note",
    "buyer_note",
    "extra",
    "phone_key",
    "address_key",
]
TIME_INDEXES = [WRITTEN_FIELDS.index(name) for name in TIME_FIELDS]


@dataclass
class RowError:
    line: int
    column: str
    reason: str
    value: str = ""


def _clean(value) -> str:
    text = value.strip() if isinstance(value, str) else str(value).strip()
    # Exports force Excel to keep long numbers as text with ="123" or a leading apostrophe.
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text


def parse_time(value, tz) -> datetime | None:
    """A platform time ("2025-11-20 13:45:10", "2025/11/20 13:45", an Excel date) → aware datetime."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    text = value.strip()
    if text in EMPTY_VALUES:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        parsed = None
        for fmt in ("%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日", "%Y%m%d%H%M%S"):
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            raise
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed


def order_time_problem(moment: datetime) -> str:
    """Why an order can't carry this (aware) time, or ''."""
    low, high = ORDER_TIME_RANGE
    # A year well inside needs no conversion to UTC (slow for a ZoneInfo time, and an import checks
    # millions): an offset is under a day, so only the first and last years can fall either side.
    if low.year < moment.year < high.year - 1 or low <= moment < high:
        return ""
    return _("时间应在 %(low)s 年到 %(high)s 年之间") % {"low": low.year, "high": high.year}


def parse_amount(text: str) -> Decimal:
    text = text.replace("¥", "").replace("￥", "").replace("元", "").replace(",", "").strip()
    if text in EMPTY_VALUES:
        return Decimal("0.00")
    amount = Decimal(text)
    if not amount.is_finite():
        raise InvalidOperation
    if amount < 0:
        raise ValueError("negative")
    if amount >= Decimal("10000000000"):
        raise OverflowError
    return amount.quantize(Decimal("0.01"))


def parse_quantity(text: str) -> int:
    if text in EMPTY_VALUES:
        return 1
    number = Decimal(text)
    if not number.is_finite() or number != number.to_integral_value():
        raise InvalidOperation
    if number < 0:
        raise ValueError("negative")
    if number > 1_000_000:
        raise OverflowError
    return int(number)


def map_status(status_text: str, after_sale: str, refund_amount: Decimal | None) -> str | None:
    """Shield's status for a platform's 订单状态 + 售后状态 (+ Taobao's 退款金额); None if unknown."""
    text = status_text.replace(",", "，").strip()
    if text in EMPTY_VALUES:
        status = Status.PAID
    else:
        status = STATUS_WORDS.get(text) or STATUS_WORDS.get(text.lower())
        if status is None:
            status = next((value for word, value in STATUS_KEYWORDS if word in text), None)
        if status is None:
            return None
    after = after_sale.strip()
    if after in EMPTY_VALUES:  # Douyin writes "-" for "no after-sale"
        after = ""
    if after and not any(word in after for word in AFTER_SALE_NONE):
        if any(word in after for word in AFTER_SALE_DONE):
            return Status.REFUNDED
        if status not in (Status.REFUNDED, Status.CANCELLED):
            return Status.REFUNDING
    if status == Status.CANCELLED and refund_amount:
        return Status.REFUNDED
    return status


def order_no_mangled(order_no: str, *, excel_number: bool = False, platform: str = "") -> str:
    """Why an order number cannot be the one the platform issued (Excel took it for a number and
    lost digits), or ''. Such a row is refused: imported, it would merge with another order."""
    if excel_number:
        return _(
            "订单号在表格里存成了数字，Excel 只保留 15 位有效数字，后面几位已经丢失，无法确定是哪一单。"
            "请从平台后台重新导出，不要用 Excel 打开后另存再上传。"
        )
    if not (order_no.isascii() and order_no.isdigit()):
        match = SCIENTIFIC.fullmatch(order_no)
        if match and (match.group(1) or match.group(2)):
            return _(
                "订单号被 Excel 改成了科学计数法，后面几位已经丢失，无法确定是哪一单。"
                "请从平台后台重新导出，不要用 Excel 打开后另存再上传。"
            )
        return ""
    digits = len(order_no)
    if digits >= EXCEL_DIGITS + 3 and not order_no[EXCEL_DIGITS:].strip("0"):
        return _(
            "订单号末尾 %(zeros)s 位都是 0，是被 Excel 当成数字、只留下 15 位有效数字的样子，原来的号码已经丢失。"
            "请从平台后台重新导出，不要用 Excel 打开后另存再上传。"
        ) % {"zeros": digits - EXCEL_DIGITS}
    expected = ORDER_NO_DIGITS.get(platform)
    if expected and EXCEL_SCIENTIFIC_FROM <= digits < expected:
        return _(
            "订单号只有 %(digits)s 位数字，%(platform)s的订单号至少有 %(expected)s 位，可能被 Excel 截短了。"
            "请从平台后台重新导出后再上传。"
        ) % {"digits": digits, "platform": Platform(platform).label, "expected": expected}
    return ""


class RowParser:
    """Turns one list of cell values into the fields of an order, or a ``RowError``."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.platform = sheet.platform
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.columns = {name: index for index, name in sheet.mapping.items()}
        self.headers = sheet.headers
        self.extra_columns = list(sheet.extra_columns.items())
        self.text_columns = [
            (name, self.columns[name], size) for name, size in TEXT_FIELDS.items() if name in self.columns
        ]
        self.time_columns = [
            (name, self.columns[name]) for name in (*TIME_FIELDS, *DEADLINE_FIELDS) if name in self.columns
        ]
        self.amount_columns = [(name, self.columns[name]) for name in AMOUNT_FIELDS if name in self.columns]
        self.extra_fields = [(name, self.columns[name]) for name in EXTRA_FIELDS if name in self.columns]
        self.quantity_column = self.columns.get("quantity")
        self.blank_text = {name: "" for name in TEXT_FIELDS}
        # Converted values by their cleaned text (bounded): exports repeat prices and statuses.
        self.quantities: dict[str, int] = {}
        self.amounts: dict[str, Decimal] = {}
        self.statuses: dict[tuple, str] = {}

    def header(self, index: int) -> str:
        return self.headers[index] if index < len(self.headers) else ""

    def parse(self, line: int, values: list) -> dict | RowError:
        # The hot loop of every import: a million rows go through here twice (dry run, write),
        # so cells are read by index with the common cases inlined and repeated values (prices,
        # quantities, statuses) converted once per file.
        width = len(values)
        col = self.columns
        index = col["order_no"]
        cell = values[index] if index < width else ""
        order_no = _clean(cell)
        if not order_no:
            return RowError(line, self.header(index), _("订单号为空"))
        if len(order_no) > 64:
            return RowError(line, self.header(index), _("订单号超过 64 个字符"), order_no[:80])
        if cell.__class__ is ExcelNumber or order_no.isdigit() or "e" in order_no or "E" in order_no:
            problem = order_no_mangled(order_no, excel_number=cell.__class__ is ExcelNumber, platform=self.platform)
            if problem:
                return RowError(line, self.header(index), problem, order_no)
        row: dict = dict(self.blank_text)
        row["order_no"] = order_no
        for name, index, size in self.text_columns:
            value = values[index] if index < width else ""
            if value.__class__ is str:
                value = value.strip()
                if value[:2] == '="' and value.endswith('"'):
                    value = value[2:-1]
            else:
                value = _clean(value)
            row[name] = value[:size]

        index = self.quantity_column
        if index is None:
            row["quantity"] = 1
        else:
            raw = _clean(values[index] if index < width else "")
            quantity = self.quantities.get(raw)
            if quantity is None:
                try:
                    quantity = parse_quantity(raw)
                except ValueError:
                    return RowError(line, self.header(index), _("商品数量不能为负数"), raw)
                except (InvalidOperation, OverflowError):
                    return RowError(line, self.header(index), _("商品数量不是有效的整数"), raw)
                self._remember(self.quantities, raw, quantity)
            row["quantity"] = quantity

        amounts = self.amounts
        for name, index in self.amount_columns:
            raw = _clean(values[index] if index < width else "")
            amount = amounts.get(raw)
            if amount is None:
                try:
                    amount = parse_amount(raw)
                except ValueError:
                    return RowError(line, self.header(index), _("金额不能为负数"), raw)
                except (InvalidOperation, OverflowError):
                    return RowError(line, self.header(index), _("金额不是有效的数字"), raw)
                self._remember(amounts, raw, amount)
            row[name] = amount
        if "amount_paid" not in row:
            row["amount_paid"] = ZERO_AMOUNT
        if "amount_received" not in row:
            row["amount_received"] = row["amount_paid"]

        tz = self.tz
        for name in (*TIME_FIELDS, *DEADLINE_FIELDS):
            row[name] = None
        for name, index in self.time_columns:
            raw = values[index] if index < width else ""
            try:
                moment = parse_time(raw if isinstance(raw, datetime) else _clean(raw), tz)
            except (ValueError, OverflowError):
                return RowError(
                    line, self.header(index), _("不是有效的日期时间（应为 2025-11-20 13:45:10 这样的格式）"), str(raw)
                )
            if moment is not None:
                problem = order_time_problem(moment)
                if problem:
                    return RowError(line, self.header(index), problem, str(raw))
            row[name] = moment

        extra = {}
        refund_amount = None
        for name, index in self.extra_fields:
            raw = _clean(values[index] if index < width else "")
            if name == "refund_amount":
                try:
                    refund_amount = parse_amount(raw)
                except (ValueError, InvalidOperation, OverflowError):
                    return RowError(line, self.header(index), _("退款金额不是有效的非负数字"), raw)
            if raw:
                extra[self.header(index)] = raw
        index = col.get("status")
        status_raw = _clean(values[index] if index < width else "") if index is not None else ""
        status_key = (status_raw, row["after_sale_status"], refund_amount)
        status = self.statuses.get(status_key)
        if status is None:
            status = map_status(status_raw, row["after_sale_status"], refund_amount)
            if status is None:
                return RowError(line, self.header(col["status"]), _("无法识别的订单状态"), status_raw)
            status = str(status)  # a plain str: the digest must not see the enum
            self._remember(self.statuses, status_key, status)
        row["status"] = status

        for index, header in self.extra_columns:
            raw = values[index] if index < width else ""
            if isinstance(raw, datetime):
                raw = raw.strftime("%Y-%m-%d %H:%M:%S")
            raw = raw.strip()
            if raw:
                extra[header] = raw[:1000]
        row["extra"] = extra

        index = col.get("phone")
        phone_raw = _clean(values[index] if index < width else "").lstrip("'") if index is not None else ""
        row["phone"] = phone_raw[:32]
        index = col.get("buyer_id")
        row["buyer_id"] = _clean(values[index] if index < width else "") if index is not None else ""
        identity_keys(row)
        row["line"] = line
        return row

    @staticmethod
    def _remember(cache: dict, key, value) -> None:
        if len(cache) >= 4096:  # a file of all-different values must not grow memory
            cache.clear()
        cache[key] = value


def row_digest(row: dict) -> str:
    """A fingerprint of everything an import writes on the order (not the buyer)."""
    values = [row[name] for name in WRITTEN_FIELDS]
    for index in TIME_INDEXES:  # the same instant whether it came from the file or the database
        if values[index] is not None:
            values[index] = values[index].timestamp()
    values[WRITTEN_FIELDS.index("extra")] = sorted(row["extra"].items())
    # A missing deadline leaves the digest as it was before ship_by was imported, so
    # re-importing an old file does not rewrite every order.
    ship_by = values.pop(WRITTEN_FIELDS.index("ship_by"))
    if ship_by is not None:
        values.append(("ship_by", ship_by.timestamp()))
    return hashlib.md5(repr(values).encode(), usedforsecurity=False).hexdigest()
