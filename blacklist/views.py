"""The blacklist pages: list, add, edit, expire, remove, an entry's history, import and export.

Layering: the blacklist's models, normalize, matching and services import nothing from
Shield's other apps (screening in ``reviews`` depends on them). Views are the outer
layer, so this module, ``urls.py`` and ``resources.py`` may use ``reviews``' access
helpers (shops, roles) — never the other way round.

Who may do what: every member of a shop sees its list and may add block entries;
allowlist entries, import and export need a manager; a reviewer may edit, expire or
remove only the entries they added; managers and admins may change any entry of their
shop. Another shop's entry answers 404.
"""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blacklist.filters import EntryFilter
from blacklist.forms import EntryAddForm, EntryEditForm, ImportForm, NoteForm, RemoveForm
from blacklist.models import BlacklistEntry, EntryHit, ListType, Source
from blacklist.resources import EXPORT_FORMATS, MAX_ROWS, export_entries, import_entries, prepare_dataset
from blacklist.services import (
    EDITABLE_FIELDS,
    DuplicateEntry,
    blacklist_add,
    blacklist_edit,
    blacklist_expire,
    blacklist_remove,
)
from reviews.models import ExportEvent, Order, Role, Shop
from reviews.services.exporting import export_record
from reviews.views.access import current_shop_or_404, has_role, require_role, share_with, user_shops
from reviews.views.orders import page_size
from shieldsite.spreadsheets import Upload, load_dataset, read_upload

HITS_SHOWN = 100
IMPORT_MAX_BYTES = 2 * 1024 * 1024
# What an XLSX of IMPORT_MAX_BYTES may unzip to: ten times its size, far above any real blacklist.
IMPORT_MAX_EXPANDED = 20 * 1024 * 1024
PENDING_IMPORT = "blacklist_pending_import"
PREFILL_FIELDS = ("list_type", "kind", "value", "receiver", "reason_category", "reason")


def get_entry_for_user(request, pk: int) -> tuple[BlacklistEntry, Shop]:
    """The entry and its shop if the user works there, else 404."""
    shops = {shop.pk: shop for shop in user_shops(request)}
    entry = get_object_or_404(
        BlacklistEntry.objects.select_related("created_by", "removed_by"), pk=pk, shop_id__in=list(shops)
    )
    return entry, shops[entry.shop_id]


def may_change(user, shop: Shop, entry: BlacklistEntry) -> bool:
    """Managers and admins change any entry of their shop; a reviewer only the ones they added."""
    return has_role(user, shop, Role.MANAGER) or (
        entry.created_by_id == user.pk and has_role(user, shop, Role.REVIEWER)
    )


def require_may_change(user, shop: Shop, entry: BlacklistEntry) -> None:
    require_role(user, shop, Role.REVIEWER)
    if not may_change(user, shop, entry):
        raise PermissionDenied


def entry_list(request):
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.REVIEWER)
    scope = Q(shop_id=shop.pk)
    sibling_names = {}
    if shop.organization_id is not None:
        # The merchant's shared entries, added in a sibling shop, match here too: list them.
        scope |= Q(organization_id=shop.organization_id)
        sibling_names = dict(Shop.objects.filter(organization_id=shop.organization_id).values_list("pk", "name"))
    entries = BlacklistEntry.objects.filter(scope).select_related("created_by")
    filterset = EntryFilter(request.GET, queryset=entries)
    paginator = Paginator(filterset.qs, page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.own = entry.shop_id == shop.pk
        entry.source_shop = sibling_names.get(entry.shop_id, "")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "blacklist/entry_list.html",
        {
            "shop": shop,
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "is_manager": has_role(request.user, shop, Role.MANAGER),
        },
    )


def _apply_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def entry_add(request):
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.REVIEWER)
    is_manager = has_role(request.user, shop, Role.MANAGER)
    duplicate = None
    # Other pages (an order, the review queue) link here with the buyer's details filled in.
    initial = {"list_type": ListType.BLOCK, **{k: v for k, v in request.GET.items() if k in PREFILL_FIELDS}}
    if not is_manager:
        initial["list_type"] = ListType.BLOCK
    # A reviewer adds to the block list only: the form offers them nothing else (README, Roles).
    form = EntryAddForm(
        request.POST or None, initial=initial, share_with=share_with(request.user, shop), allow_list=is_manager
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = blacklist_add(shop_id=shop.pk, created_by=request.user, source=Source.MANUAL, **form.cleaned_data)
        except DuplicateEntry as exc:
            duplicate = exc.entry
            _apply_service_errors(form, exc)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("已添加：%(entry)s") % {"entry": entry})
            return redirect("blacklist:entry_detail", entry.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "blacklist/entry_form.html",
        {"form": form, "shop": shop, "duplicate": duplicate, "adding": True, "is_manager": is_manager},
        status=status,
    )


def entry_detail(request, pk: int):
    entry, shop = get_entry_for_user(request, pk)
    return _render_detail(request, entry, shop)


def describe_changes(changes: dict) -> list[tuple[str, str, str]]:
    """An event's ``{field: [before, after]}`` as (label, before, after) a person can read."""
    rows = []
    for name, (before, after) in changes.items():
        field = BlacklistEntry._meta.get_field(name)
        rows.append((str(field.verbose_name), _display(field, before), _display(field, after)))
    return rows


def _display(field, value) -> str:
    if field.name == "organization_id":
        return _("本商家所有店铺共用") if value else _("仅本店")
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "DateTimeField":
        moment = parse_datetime(value)
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else value
    return str(value)


def _render_detail(request, entry, shop, *, expire_form=None, remove_form=None, status=200):
    hits = list(EntryHit.objects.filter(entry=entry).order_by("-at", "-pk")[:HITS_SHOWN])
    # Order numbers in one query, through the user's own scope: a hit never leaks another shop's order.
    # With the buyer and how sure its identity is: a hit on a masked-only buyer counts for less.
    orders = {
        pk: (order_no, buyer)
        for pk, order_no, *buyer in Order.objects.for_user(request.user)
        .filter(pk__in=[hit.order_id for hit in hits])
        .values_list("pk", "order_no", "buyer__display_name", "buyer__masked_phone", "buyer__confidence")
    }
    return render(
        request,
        "blacklist/entry_detail.html",
        {
            "entry": entry,
            "shop": shop,
            "events": [(event, describe_changes(event.changes)) for event in entry.events.select_related("user")],
            "hits": [(hit, *orders.get(hit.order_id, (None, (None, None, None)))) for hit in hits],
            "may_change": may_change(request.user, shop, entry),
            "expire_form": expire_form or NoteForm(),
            "remove_form": remove_form or RemoveForm(),
        },
        status=status,
    )


def entry_edit(request, pk: int):
    entry, shop = get_entry_for_user(request, pk)
    require_may_change(request.user, shop, entry)
    if entry.removed_at is not None:
        raise Http404
    initial = {field: getattr(entry, field) for field in EDITABLE_FIELDS}
    initial["shared"] = entry.organization_id is not None
    form = EntryEditForm(request.POST or None, initial=initial, share_with=share_with(request.user, shop))
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = data.pop("note")
        # The form shows the expiry to the minute; an untouched field is no change.
        if entry.expires_at and data["expires_at"] == entry.expires_at.replace(second=0, microsecond=0):
            del data["expires_at"]
        try:
            blacklist_edit(entry=entry, user=request.user, note=note, **data)
        except DuplicateEntry as exc:
            duplicate = exc.entry
            _apply_service_errors(form, exc)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("已保存修改。"))
            return redirect("blacklist:entry_detail", entry.pk)
    return render(
        request,
        "blacklist/entry_form.html",
        {"form": form, "shop": shop, "entry": entry, "duplicate": duplicate, "adding": False},
        status=400 if form.errors else 200,
    )


@require_POST
def entry_expire(request, pk: int):
    entry, shop = get_entry_for_user(request, pk)
    require_may_change(request.user, shop, entry)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, entry, shop, expire_form=form, status=400)
    blacklist_expire(entry=entry, user=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("条目已到期，不再拦截订单。"))
    return redirect("blacklist:entry_detail", entry.pk)


@require_POST
def entry_remove(request, pk: int):
    entry, shop = get_entry_for_user(request, pk)
    require_may_change(request.user, shop, entry)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, entry, shop, remove_form=form, status=400)
    blacklist_remove(entry=entry, user=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("条目已移除，历史记录仍保留。"))
    return redirect("blacklist:entry_detail", entry.pk)


def buyer_tags_by_key(shop_id: int, entries) -> dict:
    """Tags of the buyers a phone or buyer-id entry names, for the export: the shop's buyers with
    those keys, then their live tags (own and shared by sibling shops) from the tagging service."""
    from reviews.models import Buyer
    from reviews.services.tagging import live_tags

    kinds = {"phone": Buyer.KeyKind.PHONE, "buyer_id": Buyer.KeyKind.PLATFORM_ID}
    wanted = {(kinds[e.kind], e.key): (e.kind, e.key) for e in entries if e.kind in kinds}
    if not wanted:
        return {}
    buyers = Buyer.objects.filter(
        shop_id=shop_id, key_kind__in=set(kinds.values()), key__in={key for _kind, key in wanted}
    ).values_list("pk", "key_kind", "key")
    entry_of = {pk: wanted[(kind, key)] for pk, kind, key in buyers if (kind, key) in wanted}
    return {entry_of[pk]: names for pk, names in live_tags(entry_of).items()}


def entry_export(request):
    """The filtered list as CSV or XLSX (managers: a file of buyers' phones and addresses); each
    export is recorded (who, which filter, how many entries)."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    file_format = request.GET.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404
    entries = BlacklistEntry.objects.filter(shop_id=shop.pk).select_related("created_by")
    filterset = EntryFilter(request.GET, queryset=entries)
    entries = list(filterset.qs)
    content = export_entries(
        entries, shop_id=shop.pk, file_format=file_format, tags_by_key=buyer_tags_by_key(shop.pk, entries)
    )
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    filename = f"blacklist-{shop.pk}-{timezone.localdate():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    export_record(
        shop=shop,
        user=request.user,
        kind=ExportEvent.Kind.BLACKLIST,
        file_format=file_format,
        rows=len(entries),
        query=request.GET.urlencode(),
    )
    return response


def _pending_upload(request, shop: Shop) -> tuple[dict, Upload] | None:
    """The file previewed in this session for this shop, if the form's token matches it."""
    pending = request.session.get(PENDING_IMPORT)
    token = request.POST.get("token", "")
    if not pending or pending.get("shop_id") != shop.pk or not secrets.compare_digest(pending["token"], token):
        return None
    try:
        with default_storage.open(pending["path"], "rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        return None
    text = data.decode("utf-8") if pending["kind"] == "csv" else ""
    return pending, Upload(kind=pending["kind"], name=pending["name"], data=data, text=text)


def _import_dataset(upload: Upload):
    """The upload's rows, streamed and refused past ``MAX_ROWS`` (and an XLSX zip bomb unopened)."""
    return prepare_dataset(load_dataset(upload, max_rows=MAX_ROWS, max_expanded=IMPORT_MAX_EXPANDED))


def import_upload(request):
    """Step 1: upload a file and see what importing it would do (nothing is saved yet)."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = read_upload(form.cleaned_data["file"], max_bytes=IMPORT_MAX_BYTES)
            dataset = _import_dataset(upload)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            summary = import_entries(dataset, shop_id=shop.pk, user=request.user, dry_run=True)
            token = secrets.token_urlsafe(16)
            # Keep the decoded text (as UTF-8) so the confirmed run reads exactly what was previewed.
            stored = upload.text.encode("utf-8") if upload.kind == "csv" else upload.data
            path = default_storage.save(f"blacklist_imports/{shop.pk}/{token}.{upload.kind}", ContentFile(stored))
            previous = request.session.get(PENDING_IMPORT)
            if previous:
                default_storage.delete(previous["path"])
            request.session[PENDING_IMPORT] = {
                "token": token,
                "path": path,
                "shop_id": shop.pk,
                "kind": upload.kind,
                "name": upload.name,
            }
            return render(
                request,
                "blacklist/import_preview.html",
                {"shop": shop, "summary": summary, "token": token, "name": upload.name, "dry_run": True},
            )
    return render(
        request, "blacklist/import_upload.html", {"shop": shop, "form": form}, status=400 if form.errors else 200
    )


@require_POST
def import_confirm(request):
    """Step 2: import the previewed file for real; invalid and duplicate rows are skipped."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    pending = _pending_upload(request, shop)
    if pending is None:
        messages.error(request, _("导入预览已失效，请重新上传文件。"))
        return redirect("blacklist:import_upload")
    stored, upload = pending
    try:
        dataset = _import_dataset(upload)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("blacklist:import_upload")
    summary = import_entries(dataset, shop_id=shop.pk, user=request.user, dry_run=False)
    default_storage.delete(stored["path"])
    del request.session[PENDING_IMPORT]
    messages.success(request, _("已导入 %(n)s 条。") % {"n": summary["new"]})
    return render(
        request,
        "blacklist/import_preview.html",
        {"shop": shop, "summary": summary, "name": upload.name, "dry_run": False},
    )
