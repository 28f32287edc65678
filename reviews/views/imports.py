"""Order imports in the browser: upload → dry run → confirm → job with progress → result; history."""

from urllib.parse import urlencode

from django import forms
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from reviews.models import ImportBatch, Order, Role
from reviews.services.importing.lifecycle import import_batch_confirm, import_batch_create
from reviews.services.importing.sheet import ImportRefused, max_bytes
from reviews.views.access import current_shop_or_404, require_role


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("订单导出文件"),
        help_text=gettext_lazy(
            "拼多多、淘宝、抖店导出的 CSV、XLSX 或网页表格 .xls，UTF-8、GBK 均可；订单可在任一工作表。"
        ),
    )


def get_batch_for_user(user, pk: int) -> ImportBatch:
    """The import batch if it belongs to one of the user's shops (else 404) and they may import there (else 403)."""
    batch = get_object_or_404(ImportBatch.objects.for_user(user).select_related("shop", "created_by"), pk=pk)
    require_role(user, batch.shop, Role.MANAGER)
    return batch


def import_list(request):
    """The shop's import history, newest first."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    batches = ImportBatch.objects.for_shop(shop).select_related("created_by")[:100]
    return render(request, "reviews/import_list.html", {"shop": shop, "batches": batches})


def import_new(request):
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_batch_create(shop=shop, user=request.user, upload=form.cleaned_data["file"])
        except ImportRefused as refused:
            form.add_error("file", refused.message)
        else:
            return redirect("reviews:import_detail", pk=batch.pk)
    return render(
        request,
        "reviews/import_new.html",
        {"shop": shop, "form": form, "max_mb": max_bytes() // 1048576},
        status=400 if form.errors else 200,
    )


def import_detail(request, pk: int):
    """One batch: its progress while it runs, the dry run to confirm, or the result."""
    batch = get_batch_for_user(request.user, pk)
    # After a finished import the manager's next stop is the queue: screening of the new orders
    # runs in the background and adds to it. What this file brought there, and the link to
    # exactly those orders, come from the same filter the queue applies (``batch``).
    in_queue = flagged_here = None
    if batch.status == batch.Status.DONE:
        in_queue = Order.objects.for_shop(batch.shop).flagged().count()
        flagged_here = Order.objects.for_shop(batch.shop).flagged().filter(import_batch=batch).count()
    return render(
        request,
        "reviews/import_detail.html",
        {
            "batch": batch,
            "shop": batch.shop,
            "in_queue": in_queue,
            "flagged_here": flagged_here,
            "batch_queue_url": f"{reverse('reviews:queue')}?{urlencode({'shop': batch.shop_id, 'batch': batch.pk})}",
        },
    )


def import_status(request, pk: int):
    """Small JSON the progress bar polls (static/shield/imports.js)."""
    batch = get_batch_for_user(request.user, pk)
    return JsonResponse(
        {
            "status": batch.status,
            "label": batch.get_status_display(),
            "active": batch.is_active,
            "percent": batch.percent,
            "rows_done": batch.rows_done,
            "total_rows": batch.total_rows,
        }
    )


@require_POST
def import_confirm(request, pk: int):
    batch = get_batch_for_user(request.user, pk)
    import_batch_confirm(batch=batch, user=request.user)
    return redirect("reviews:import_detail", pk=batch.pk)


def import_rejected(request, pk: int):
    """All rejected rows of the dry run as CSV (line, column, reason, then the original cells)."""
    batch = get_batch_for_user(request.user, pk)
    if not batch.error_file:
        raise Http404
    name = _("拒绝的行-%(name)s.csv") % {"name": batch.file_name.rsplit(".", 1)[0]}
    return FileResponse(batch.error_file.open("rb"), as_attachment=True, filename=name, content_type="text/csv")
