"""Blacklist import and export through django-import-export.

Headers may be Chinese (类型, 值, 收货人, 名单, 原因分类, 原因, 到期时间) or English
(kind, value, receiver, list, category, reason, expires_at); choice cells accept the
Chinese label or the code (类型=手机号 or kind=phone). The resource's widgets read the
cells; the rows then go through ``blacklist_add_many`` — the same checks and audit as
``blacklist_add`` behind the form, but a few queries for the whole file instead of several
per row. A duplicate of an active entry (or of an earlier row) is reported on its row and
skipped, never added twice.

Exports use the same Chinese headers, so an exported file can be imported again, and
every cell passes through ``shieldsite.spreadsheets.escape_formula``.
"""

from datetime import date, datetime, time

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from blacklist.models import BlacklistEntry, Kind, ListType, ReasonCategory, Source
from blacklist.services import ENTRY_FIELDS, DuplicateEntry, blacklist_add_many
from shieldsite.spreadsheets import FORMULA_PREFIXES, escape_dataset

# Canonical column names are the Chinese headers; these spellings map onto them.
HEADER_ALIASES = {
    "类型": "类型",
    "kind": "类型",
    "type": "类型",
    "值": "值",
    "value": "值",
    "收货人": "收货人",
    "receiver": "收货人",
    "名单": "名单",
    "list": "名单",
    "list_type": "名单",
    "原因分类": "原因分类",
    "category": "原因分类",
    "reason_category": "原因分类",
    "原因": "原因",
    "原因说明": "原因",
    "reason": "原因",
    "到期时间": "到期时间",
    "expires_at": "到期时间",
    "expires": "到期时间",
}
REQUIRED_COLUMNS = ("类型", "值")
# Rows one import may hold: the file is streamed and refused at the row past it (views.py).
MAX_ROWS = 5000

# Extra spellings people type for choices, besides each choice's code and label.
CHOICE_ALIASES = {
    "手机": Kind.PHONE,
    "电话": Kind.PHONE,
    "买家id": Kind.BUYER_ID,
    "用户id": Kind.BUYER_ID,
    "地址": Kind.ADDRESS,
    "收货人+收货地址": Kind.RECEIVER_ADDRESS,
    "姓名+地址": Kind.RECEIVER_ADDRESS,
    "黑": ListType.BLOCK,
    "白": ListType.ALLOW,
}


def unescape_formula(text: str) -> str:
    """Undo ``escape_formula`` on a re-imported cell: ``'+86 138…`` back to ``+86 138…``."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a phone typed into an Excel number cell
        return unescape_formula(str(value).strip())


class ChoiceLabelWidget(widgets.Widget):
    """Reads a choice by code or Chinese label; writes the label."""

    def __init__(self, choices, column: str, **kwargs):
        self.choices = choices
        self.column = column
        self.lookup = {str(label).lower(): code for code, label in choices.choices}
        self.lookup.update({code.lower(): code for code in choices.values})
        self.lookup.update({alias: code for alias, code in CHOICE_ALIASES.items() if code in choices.values})
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        code = self.lookup.get(text.lower()) or self.lookup.get(text.lower().replace(" ", ""))
        if code is None:
            raise ValueError(
                _("“%(value)s”不是有效的%(column)s，可填：%(options)s")
                % {"value": text, "column": self.column, "options": "、".join(str(c.label) for c in self.choices)}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value in self.choices.values else (value or "")


class ExpiryWidget(widgets.Widget):
    """A date or a date and time, in the shop's time zone; a bare date lasts to the end of that day."""

    FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M")
    DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime.combine(value, time(23, 59, 59))
        else:
            moment = self._parse(str(value).strip())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def _parse(self, text: str) -> datetime | None:
        if not text:
            return None
        for fmt in self.FORMATS:
            try:
                return datetime.strptime(text, fmt)
            except ValueError:
                pass
        for fmt in self.DATE_FORMATS:
            try:
                return datetime.combine(datetime.strptime(text, fmt).date(), time(23, 59, 59))
            except ValueError:
                pass
        raise ValueError(_("无法识别的到期时间“%(value)s”，请写成 2026-12-31 或 2026-12-31 18:00。") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class LocalTimeWidget(ExpiryWidget):
    pass


class BlacklistEntryResource(resources.ModelResource):
    kind = fields.Field(attribute="kind", column_name="类型", widget=ChoiceLabelWidget(Kind, "类型"))
    value = fields.Field(attribute="value", column_name="值", widget=TextWidget())
    receiver = fields.Field(attribute="receiver", column_name="收货人", widget=TextWidget())
    list_type = fields.Field(attribute="list_type", column_name="名单", widget=ChoiceLabelWidget(ListType, "名单"))
    reason_category = fields.Field(
        attribute="reason_category", column_name="原因分类", widget=ChoiceLabelWidget(ReasonCategory, "原因分类")
    )
    reason = fields.Field(attribute="reason", column_name="原因", widget=TextWidget())
    expires_at = fields.Field(attribute="expires_at", column_name="到期时间", widget=ExpiryWidget())
    # Export only: read back as ignored columns when an export is imported again.
    source = fields.Field(
        attribute="source", column_name="来源", widget=ChoiceLabelWidget(Source, "来源"), readonly=True
    )
    created_by = fields.Field(attribute="created_by__username", column_name="添加人", readonly=True)
    created_at = fields.Field(attribute="created_at", column_name="添加时间", widget=LocalTimeWidget(), readonly=True)
    hit_count = fields.Field(attribute="hit_count", column_name="命中次数", readonly=True)
    last_hit_at = fields.Field(attribute="last_hit_at", column_name="最近命中", widget=LocalTimeWidget(), readonly=True)
    # The buyer tags staff gave the buyer behind this phone / buyer id: handed in by the caller,
    # because tags live in reviews and blacklist imports nothing from it.
    buyer_tags = fields.Field(column_name="买家标签", readonly=True)

    class Meta:
        model = BlacklistEntry
        fields = (
            "kind",
            "value",
            "receiver",
            "list_type",
            "reason_category",
            "reason",
            "expires_at",
            "source",
            "created_by",
            "created_at",
            "hit_count",
            "last_hit_at",
            "buyer_tags",
        )

    def __init__(self, *, shop_id: int | None = None, tags_by_key: dict | None = None):
        super().__init__()
        self.shop_id = shop_id
        self.tags_by_key = tags_by_key or {}

    def dehydrate_buyer_tags(self, entry) -> str:
        return "、".join(self.tags_by_key.get((entry.kind, entry.key), ()))

    def get_queryset(self):
        return BlacklistEntry.objects.filter(shop_id=self.shop_id).select_related("created_by")


def prepare_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """Map header spellings onto the canonical Chinese ones; refuse a file without 类型 and 值."""
    headers = []
    for header in dataset.headers or []:
        text = str(header or "").strip().lstrip("\ufeff")
        headers.append(HEADER_ALIASES.get(text.lower(), text))
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            _("缺少必需的列：%(columns)s。表头可用中文（类型、值、收货人、名单、原因分类、原因、到期时间）或英文。")
            % {"columns": "、".join(missing)}
        )
    dataset.headers = headers
    return dataset


FIELD_COLUMNS = {
    "kind": "类型",
    "value": "值",
    "receiver": "收货人",
    "list_type": "名单",
    "reason_category": "原因分类",
    "reason": "原因",
    "expires_at": "到期时间",
}


def parse_rows(dataset: tablib.Dataset) -> list[tuple[int, dict | ValidationError]]:
    """Each non-empty row as ``(line in the file, entry fields)`` or ``(line, ValidationError)``.

    The resource's widgets read the cells (choice labels, dates, numbers typed as text).
    """
    resource = BlacklistEntryResource()
    parsed = []
    for line, cells in enumerate(dataset, start=2):
        if all(cell in (None, "") or str(cell).strip() == "" for cell in cells):
            continue
        instance = BlacklistEntry()
        try:
            resource.import_instance(instance, dict(zip(dataset.headers, cells, strict=False)))
        except ValidationError as exc:
            parsed.append((line, exc))
            continue
        parsed.append((line, {field: getattr(instance, field) for field in ENTRY_FIELDS}))
    return parsed


def _message(error: ValidationError) -> str:
    parts = []
    for field, messages in error.message_dict.items():
        label = "" if field == NON_FIELD_ERRORS else FIELD_COLUMNS.get(field, field)
        text = " ".join(messages)
        parts.append(f"{label}：{text}" if label else text)
    return "；".join(parts)


def import_entries(dataset: tablib.Dataset, *, shop_id: int, user, dry_run: bool) -> dict:
    """Import a prepared dataset into the shop's list, or with ``dry_run`` only say what would happen.

    Rows go through ``blacklist_add_many``: the checks and audit of ``blacklist_add``, in a
    few queries for the whole file. Lines are numbered as in the file (header = line 1).
    """
    parsed = parse_rows(dataset)
    valid = [(line, fields) for line, fields in parsed if isinstance(fields, dict)]
    errors = [
        {"line": line, "message": _message(error)} for line, error in parsed if isinstance(error, ValidationError)
    ]
    outcomes = blacklist_add_many(
        shop_id=shop_id,
        rows=[fields for _line, fields in valid],
        created_by=user,
        source=Source.IMPORT,
        dry_run=dry_run,
    )
    new, duplicates = 0, []
    for (line, _fields), outcome in zip(valid, outcomes, strict=True):
        if isinstance(outcome, DuplicateEntry):
            if outcome.earlier_row is not None:
                message = _("与文件第 %(line)s 行重复。") % {"line": valid[outcome.earlier_row][0]}
                duplicates.append({"line": line, "message": message, "entry": None})
            else:
                duplicates.append({"line": line, "message": outcome.messages[0], "entry": outcome.entry})
        elif isinstance(outcome, ValidationError):
            errors.append({"line": line, "message": _message(outcome)})
        else:
            new += 1
    errors.sort(key=lambda item: item["line"])
    return {"total": len(parsed), "new": new, "duplicates": duplicates, "errors": errors}


EXPORT_FORMATS = {"csv": CSV, "xlsx": XLSX}


def export_entries(queryset, *, shop_id: int, file_format: str, tags_by_key: dict | None = None) -> bytes:
    """The entries as CSV (UTF-8 with BOM, so Excel reads the Chinese) or XLSX, formulas escaped.

    ``tags_by_key``: ``{(kind, key): [tag names]}`` of the buyers behind the entries, if known.
    """
    dataset = BlacklistEntryResource(shop_id=shop_id, tags_by_key=tags_by_key).export(queryset=queryset)
    content = EXPORT_FORMATS[file_format]().export_data(escape_dataset(dataset))
    if isinstance(content, str):
        return ("\ufeff" + content).encode("utf-8")
    return content
