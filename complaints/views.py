"""Complaint pages: thin views that check access, bind a form and call one service.

Every complaint, evidence file and pack is reached through a ``.for_user()`` queryset, so
another shop's record answers 404; a role too low for an action in one's own shop gets 403.
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from complaints import services
from complaints.filters import ComplaintFilter
from complaints.forms import (
    CloseForm,
    CompensationForm,
    ComplaintForm,
    EvidenceForm,
    LegalActionForm,
    ReplyForm,
    SubmitForm,
    WithdrawForm,
)
from complaints.models import Complaint, Evidence, EvidencePack
from complaints.selectors import category_for_orders, complaint_recovery
from complaints.summary import complaint_summary, linked_accounts
from reviews.models import Buyer, Order, Role
from reviews.views.access import (
    current_shop_or_404,
    get_buyer_for_user,
    get_order_for_user,
    has_role,
    require_role,
    role_in,
)
from reviews.views.orders import page_size
from shieldsite.ids import parse_id, parse_ids

# Actions of the recovery panel (an upheld complaint's compensation and legal follow-up).
RECOVERY_ACTIONS = ("compensate", "legal")
# Served types for downloads: an HTML chat export goes out as bytes, never as a page.
DOWNLOAD_TYPES = {"text/html": "application/octet-stream", "text/plain": "text/plain; charset=utf-8"}


def get_complaint_for_user(user, pk: int) -> Complaint:
    """The complaint if it belongs to one of the user's shops, else 404."""
    return get_object_or_404(Complaint.objects.for_user(user).select_related("shop", "created_by"), pk=pk)


def permissions(user, shop) -> dict[str, bool]:
    """What the user may do to complaints of this shop, for buttons and checks."""
    role = role_in(user, shop)
    if role is None:
        return {}
    return {action: Role.rank(role) >= Role.rank(needed) for action, needed in services.ACTION_ROLES.items()}


def private_file(file, *, filename: str, content_type: str, attachment: bool = True) -> FileResponse:
    """A stored file as a response the browser will not sniff, run or frame."""
    response = FileResponse(file.open("rb"), as_attachment=attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def complaint_list(request):
    shop = current_shop_or_404(request)
    queryset = (
        Complaint.objects.for_shop(shop)
        .deadline_first()
        .annotate(order_count=Count("orders", distinct=True), evidence_count=Count("evidence", distinct=True))
        .prefetch_related(Prefetch("buyers", queryset=Buyer.objects.order_by("pk")))
    )
    filterset = ComplaintFilter(request.GET, queryset=queryset)
    page = Paginator(filterset.qs, page_size(request)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = Complaint.objects.for_shop(shop)
    return render(
        request,
        "complaints/list.html",
        {
            "shop": shop,
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "overdue_count": counts.overdue().count(),
            "due_soon_count": counts.due_soon().count(),
            "can": permissions(request.user, shop),
        },
    )


def _id_or_404(value: str) -> int:
    """An id from a link: one that cannot be an id is a record that does not exist."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def prefill(request) -> tuple:
    """The shop and the choices a new complaint starts from: ?order=<id> or ?buyer=<id>."""
    order = buyer = None
    if request.GET.get("order"):
        order = get_order_for_user(request.user, _id_or_404(request.GET["order"]))
        buyer, shop = order.buyer, order.shop
    elif request.GET.get("buyer"):
        buyer = get_buyer_for_user(request.user, _id_or_404(request.GET["buyer"]))
        shop = buyer.shop
    else:
        shop = current_shop_or_404(request)
    buyers = [buyer, *Buyer.objects.linked_to(buyer).order_by("pk")] if buyer else []
    candidates = list(
        Order.objects.for_shop(shop).filter(buyer__in=buyers).select_related("buyer").order_by("-ordered_at")[:100]
    )
    if order and order not in candidates:
        candidates.insert(0, order)
    initial_orders = [order] if order else [o for o in candidates if o.buyer_id == buyer.pk] if buyer else []
    initial = {
        "orders": [o.pk for o in initial_orders],
        "buyers": [b.pk for b in buyers],
        # What screening flagged these orders for names the complaint: 炸店 for a burst.
        "category": category_for_orders(initial_orders),
    }
    if order:
        initial["title"] = _("买家恶意下单：订单 %(no)s") % {"no": order.order_no}
    elif buyer:
        initial["title"] = _("买家恶意下单：%(buyer)s") % {"buyer": buyer}
    return shop, candidates, buyers, initial


def checked_ids(form, name: str) -> set[int]:
    """The ids ticked in the form (what was posted, else the initial choice)."""
    if form.is_bound:
        return set(parse_ids(form.data.getlist(name)))
    return {int(v) for v in form.initial.get(name, [])}


def form_context(form, candidates, buyers, **extra) -> dict:
    orders_ticked, buyers_ticked = checked_ids(form, "orders"), checked_ids(form, "buyers")
    # The buyers of the listed orders, each with how many: one "select all" button per buyer.
    order_buyers = Counter(o.buyer for o in candidates if o.buyer_id)
    return {
        "form": form,
        "order_choices": [(o, o.pk in orders_ticked) for o in candidates],
        "order_buyers": list(order_buyers.items()),
        "buyer_choices": [(b, b.pk in buyers_ticked) for b in buyers],
        **extra,
    }


def complaint_create(request):
    shop, candidates, buyers, initial = prefill(request)
    require_role(request.user, shop, services.ACTION_ROLES["draft"])
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES, shop=shop)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.complaint_create(
                    shop=shop,
                    user=request.user,
                    category=data["category"],
                    title=data["title"],
                    description=data["description"],
                    orders=data["all_orders"],
                    buyers=data["buyers"],
                    files=data["files"],
                    evidence_kind=data["evidence_kind"],
                    evidence_kinds=data["file_kinds"],
                    caption=data["caption"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("投诉草稿已保存。"))
                return redirect("complaints:detail", complaint.pk)
        # Keep the orders a person ticked visible, even those found by number.
        posted = set(checked_ids(form, "orders")) - {o.pk for o in candidates}
        candidates += list(Order.objects.for_shop(shop).filter(pk__in=posted))
        buyers += [
            b for b in Buyer.objects.for_shop(shop).filter(pk__in=checked_ids(form, "buyers")) if b not in buyers
        ]
    else:
        form = ComplaintForm(initial=initial, shop=shop)
    status = 400 if form.is_bound else 200
    return render(request, "complaints/form.html", form_context(form, candidates, buyers, shop=shop), status=status)


def complaint_edit(request, pk: int):
    complaint = get_complaint_for_user(request.user, pk)
    require_role(request.user, complaint.shop, services.ACTION_ROLES["draft"])
    if complaint.status != Complaint.Status.DRAFT:
        messages.error(request, _("只有草稿可以修改。"))
        return redirect("complaints:detail", complaint.pk)
    current_orders = list(complaint.orders.select_related("buyer"))
    buyers = list(complaint.buyers.order_by("pk"))
    buyers += [x.buyer for x in linked_accounts(buyers) if x.buyer not in buyers]
    candidates = current_orders + list(
        Order.objects.for_shop(complaint.shop)
        .filter(buyer__in=buyers)
        .exclude(pk__in=[o.pk for o in current_orders])
        .select_related("buyer")
        .order_by("-ordered_at")[:100]
    )
    if request.method == "POST":
        form = ComplaintForm(request.POST, shop=complaint.shop, with_files=False)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.complaint_update(
                    complaint=complaint,
                    user=request.user,
                    category=data["category"],
                    title=data["title"],
                    description=data["description"],
                    orders=data["all_orders"],
                    buyers=data["buyers"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("已保存修改。"))
                return redirect("complaints:detail", complaint.pk)
    else:
        form = ComplaintForm(
            initial={
                "category": complaint.category,
                "title": complaint.title,
                "description": complaint.description,
                "orders": [o.pk for o in current_orders],
                "buyers": [b.pk for b in complaint.buyers.all()],
            },
            shop=complaint.shop,
            with_files=False,
        )
    return render(
        request,
        "complaints/form.html",
        form_context(form, candidates, buyers, shop=complaint.shop, complaint=complaint),
        status=400 if form.is_bound else 200,
    )


def complaint_detail(request, pk: int, forms: dict | None = None, status: int = 200):
    complaint = get_complaint_for_user(request.user, pk)
    forms = forms or {}
    can = permissions(request.user, complaint.shop)
    # A reviewer is offered the latest pack they may download: a masked one.
    packs = complaint.packs.all() if can.get("full_pack") else complaint.packs.filter(masked=True)
    recovery = complaint_recovery(complaint)
    return render(
        request,
        "complaints/detail.html",
        {
            "c": complaint,
            "s": complaint_summary(complaint),
            "evidence": list(complaint.evidence.select_related("uploaded_by")),
            "pack": packs.first(),
            "can": can,
            "evidence_form": forms.get("evidence") or EvidenceForm(),
            "submit_form": forms.get("submit") or SubmitForm(),
            "reply_form": forms.get("reply") or ReplyForm(),
            "close_form": forms.get("close") or CloseForm(),
            "withdraw_form": forms.get("withdraw") or WithdrawForm(),
            "recovery": recovery,
            "compensate_form": forms.get("compensate") or CompensationForm(),
            "legal_form": forms.get("legal") or LegalActionForm.for_action(recovery["legal"]),
            "recovery_errors": [
                e for name in RECOVERY_ACTIONS if name in forms for e in forms[name].non_field_errors()
            ],
            "action_errors": [
                e
                for name, form in forms.items()
                if name not in ("evidence", *RECOVERY_ACTIONS)
                for e in form.non_field_errors()
            ],
        },
        status=status,
    )


# action name → (form, service call taking the complaint, user and cleaned data, success message)
ACTIONS = {
    "submit": (
        SubmitForm,
        lambda c, u, d: services.complaint_submit(
            complaint=c, user=u, platform_ticket_no=d["platform_ticket_no"], submitted_at=d["submitted_at"]
        ),
        gettext_lazy("投诉已标记为已提交，开始计算平台回复期限。"),
    ),
    "reply": (
        ReplyForm,
        lambda c, u, d: services.complaint_record_reply(
            complaint=c, user=u, reply_text=d["reply_text"], replied_at=d["replied_at"]
        ),
        gettext_lazy("已记录平台回复。"),
    ),
    "close": (
        CloseForm,
        lambda c, u, d: services.complaint_close(complaint=c, user=u, result=d["result"], outcome=d["outcome"]),
        gettext_lazy("投诉已结案。"),
    ),
    "withdraw": (
        WithdrawForm,
        lambda c, u, d: services.complaint_withdraw(complaint=c, user=u, note=d["note"]),
        gettext_lazy("投诉已撤回。"),
    ),
    "compensate": (
        CompensationForm,
        lambda c, u, d: services.compensation_record(complaint=c, user=u, **d),
        gettext_lazy("已记录平台赔付。"),
    ),
    "legal": (
        LegalActionForm,
        lambda c, u, d: services.legal_action_record(complaint=c, user=u, **d),
        gettext_lazy("已记录法律跟进。"),
    ),
}


@require_POST
def complaint_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    complaint = get_complaint_for_user(request.user, pk)
    require_role(request.user, complaint.shop, services.ACTION_ROLES[action])
    form_class, call, done = ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            call(complaint, request.user, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect("complaints:detail", complaint.pk)
    return complaint_detail(request, pk, forms={action: form}, status=400)


@require_POST
def evidence_upload(request, pk: int):
    complaint = get_complaint_for_user(request.user, pk)
    require_role(request.user, complaint.shop, services.ACTION_ROLES["add_evidence"])
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.evidence_add(
                complaint=complaint,
                user=request.user,
                files=form.cleaned_data["files"],
                kind=form.cleaned_data["evidence_kind"],
                kinds=form.cleaned_data["file_kinds"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            form.add_error("files", exc)
        else:
            messages.success(request, _("已上传 %(n)d 个证据文件。") % {"n": len(added)})
            return redirect(reverse("complaints:detail", args=[complaint.pk]) + "#evidence")
    return complaint_detail(request, pk, forms={"evidence": form}, status=400)


def get_evidence_for_user(user, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.for_user(user).select_related("complaint"), pk=pk)


def evidence_download(request, pk: int):
    evidence = get_evidence_for_user(request.user, pk)
    content_type = DOWNLOAD_TYPES.get(evidence.content_type, evidence.content_type)
    return private_file(evidence.file, filename=evidence.original_name, content_type=content_type)


def evidence_thumbnail(request, pk: int):
    evidence = get_evidence_for_user(request.user, pk)
    if not evidence.thumbnail:
        raise Http404
    response = private_file(evidence.thumbnail, filename="thumbnail.png", content_type="image/png", attachment=False)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def pack_create(request, pk: int):
    complaint = get_complaint_for_user(request.user, pk)
    require_role(request.user, complaint.shop, services.ACTION_ROLES["build_pack"])
    full = has_role(request.user, complaint.shop, services.ACTION_ROLES["full_pack"])
    services.evidence_pack_request(complaint=complaint, user=request.user, masked=not full)
    return redirect(reverse("complaints:detail", args=[complaint.pk]) + "#pack")


def get_pack_for_user(user, pk: int) -> EvidencePack:
    return get_object_or_404(EvidencePack.objects.for_user(user).select_related("complaint__shop"), pk=pk)


def pack_status(request, pk: int):
    """The pack panel alone, polled by complaints.js while the job runs."""
    pack = get_pack_for_user(request.user, pk)
    return render(request, "complaints/_pack.html", {"pack": pack, "c": pack.complaint})


def pack_download(request, pk: int):
    """The pack's ZIP; a full (unmasked) pack only for those who may build one. Every download is audited."""
    pack = get_pack_for_user(request.user, pk)
    if pack.status != EvidencePack.Status.DONE:
        raise Http404
    if not pack.masked and not has_role(request.user, pack.complaint.shop, services.ACTION_ROLES["full_pack"]):
        raise PermissionDenied
    response = private_file(pack.file, filename=pack.download_name, content_type="application/zip")
    services.evidence_pack_downloaded(pack=pack, user=request.user)
    return response
