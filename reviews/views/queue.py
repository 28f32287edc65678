"""The review queue: list, claim next, review one order, decide, bulk, to-cancel list, own history."""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Subquery
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_POST

from reviews.filters import QueueFilter, queue_criteria
from reviews.masking import masked_key_value
from reviews.models import BulkDecisionJob, Decision, ImportBatch, Order, Role, Shop
from reviews.querysets import claim_cutoff
from reviews.queue_forms import BLACKLIST_KIND_CHOICES, BulkDecisionForm, DecisionForm
from reviews.selectors.contacts import buyer_timeline
from reviews.selectors.dashboard import awaiting_platform_cancel, bursts_in_progress
from reviews.selectors.queue import (
    buyer_histories,
    linked_accounts,
    order_timeline,
    queue_counts,
    reason_code_valid,
    reason_label,
    sku_burst,
)
from reviews.services import deciding, revealing, tagging
from reviews.services.order_context import reason_message
from reviews.services.policy import policy_in_force
from reviews.views.access import (
    current_shop_or_404,
    get_order_for_user,
    require_role,
    role_in,
    user_shops,
)
from reviews.views.contacts import contact_panel
from reviews.views.orders import entry_hits_context, page_size
from reviews.views.tags import buyer_tags_panel
from shieldsite.ids import parse_id, parse_ids
from shieldsite.spreadsheets import escape_formula

# Spreadsheet apps run a cell starting with one of these as a formula.


class CountedPaginator(Paginator):
    """A paginator told how many objects there are, instead of counting them again."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


def _queue_shop(request, params: QueryDict) -> Shop:
    """The shop the queue shows: ``shop`` from the filters (404 if not the user's), else the current one."""
    raw = params.get("shop", "")
    if raw:
        shop_id = parse_id(raw)
        shop = next((s for s in user_shops(request) if s.pk == shop_id), None)
        if shop is None:
            raise Http404
        return shop
    return current_shop_or_404(request)


def _filters_from(value: str) -> QueryDict:
    return QueryDict(value or "", mutable=True)


def _review_url(order_pk: int, filters: str) -> str:
    url = reverse("reviews:review", args=[order_pk])
    return f"{url}?{urlencode({'filters': filters})}" if filters else url


def _queue_url(filters: str) -> str:
    return reverse("reviews:queue") + (f"?{filters}" if filters else "")


def queue(request):
    """Flagged orders of one of the user's shops, filtered, sorted, counted per reason."""
    shop = _queue_shop(request, request.GET)
    role = role_in(request.user, shop)  # every member may review; the role decides the manager tools
    if role is None:
        raise Http404
    data = request.GET.copy()
    data["shop"] = str(shop.pk)
    policy = policy_in_force(shop=shop)  # its lines colour the scores
    base = Order.objects.filter(shop=shop).flagged().with_deadline()
    shops = user_shops(request)
    tag_names = [t.name for t in tagging.shop_tags(shop_id=shop.pk)]
    filterset = QueueFilter(
        data, queryset=base.select_related("buyer", "claimed_by"), user=request.user, shops=shops, tags=tag_names
    )
    without_reason = data.copy()
    without_reason.pop("reason", None)
    # One query counts the orders and each reason's orders; the paginator takes its count from
    # it (under a reason filter: that reason's count) instead of a COUNT(*) of its own.
    total, counts = queue_counts(QueueFilter(without_reason, queryset=base, user=request.user, shops=shops).qs)
    orders = filterset.qs  # validates the filters: cleaned_data holds the reasons looked for
    reasons = filterset.criteria.reasons
    if len(reasons) == 1:
        total = dict((code, n) for code, _label, n in counts).get(reasons[0], 0) if reason_code_valid(reasons[0]) else 0
    elif reasons:  # orders carrying any of several reasons: the per-reason counts overlap
        total = orders.count()

    paginator = CountedPaginator(orders, page_size(request), count=total)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    filters = query.urlencode()
    tags_of = tagging.live_tags(order.buyer_id for order in page.object_list)
    for order in page.object_list:
        order.reason_labels = [reason_label(r.get("code", "")) for r in order.risk_reasons if isinstance(r, dict)]
        order.buyer_tag_names = tags_of.get(order.buyer_id, [])
    return render(
        request,
        "reviews/queue.html",
        {
            "shop": shop,
            "filter": filterset,
            "page": page,
            "query": filters,
            "filters": filters,
            "reason_counts": counts,
            "active_reasons": reasons,
            "is_manager": Role.rank(role) >= Role.rank(Role.MANAGER),
            "bulk_form": BulkDecisionForm(initial={"filters": filters}),
            "now": timezone.now(),
            "bursts": bursts_in_progress(shop, policy=policy),
            "policy": policy,
            **undo_context(request.user, shop),
            "import_batch": _import_batch(shop, filterset.criteria.batch),
        },
    )


def _import_batch(shop: Shop, pk: int | None) -> ImportBatch | None:
    """The import the queue is narrowed to (an import's result page links here), if it is this shop's."""
    return ImportBatch.objects.filter(shop=shop, pk=pk).first() if pk is not None else None


@require_POST
def queue_next(request):
    """Claim the next order under the queue's current filters and open it."""
    filters = request.POST.get("filters", "")
    params = _filters_from(filters)
    shop = _queue_shop(request, params)
    require_role(request.user, shop, Role.REVIEWER)
    order = deciding.claim_next_order(user=request.user, shop=shop, criteria=queue_criteria(params))
    if order is None:
        messages.info(request, _("队列里没有可以领取的订单了。"))
        return redirect(_queue_url(filters))
    return redirect(_review_url(order.pk, filters))


def review(request, pk: int):
    """One order with the evidence for deciding it."""
    order = get_order_for_user(request.user, pk)
    require_role(request.user, order.shop, Role.REVIEWER)
    form = DecisionForm(initial={"filters": request.GET.get("filters", "")})
    return _render_review(request, order, form)


def _render_review(request, order: Order, form: DecisionForm, status: int = 200, open_panel: str = ""):
    if deciding.claim_renew(order=order, user=request.user):
        order.claimed_by, order.claimed_at = request.user, timezone.now()
    decisions = list(order.decisions.select_related("user").order_by("created_at", "pk"))
    held_by_other = (
        order.claimed_by_id not in (None, request.user.pk)
        and order.risk_state == Order.RiskState.IN_REVIEW
        and order.claimed_at is not None
        and order.claimed_at >= claim_cutoff()
    )
    history = buyer_histories([order.buyer_id]) if order.buyer_id else {}
    revealed = revealing.order_revealed_to(order=order, user=request.user)
    blacklist_values = deciding.blacklist_values_for(order, deciding.BLACKLIST_KINDS)
    if not revealed:  # what the blacklist panel names; the decision reads the order's full values
        blacklist_values = {kind: masked_key_value(kind, value) for kind, value in blacklist_values.items()}
    hits = entry_hits_context(request, order)
    if not form.is_bound:  # preselect the category the flag points to (the hits fetched once for both)
        form.initial["reason_category"] = deciding.reason_category_for(order.risk_reasons, hits["hits"])
    return render(
        request,
        "reviews/review.html",
        {
            "order": order,
            "form": form,
            "filters": form["filters"].value() or "",
            "reasons": [
                {**r, "label": reason_label(r.get("code", "")), "message": reason_message(r)}
                for r in order.risk_reasons
                if isinstance(r, dict)
            ],
            "policy": policy_in_force(shop=order.shop),
            "decisions": decisions,
            "timeline": order_timeline(order, decisions),
            "buyer_history": history.get(order.buyer_id, {}),
            "linked": linked_accounts(order.buyer),
            "buyer_events": buyer_timeline(order.buyer, limit=10),  # credit events and contacts
            "burst": sku_burst(order),
            "in_queue": order.risk_state in deciding.QUEUE_STATES,
            "held_by_other": held_by_other,
            "blacklist_values": blacklist_values,
            **hits,
            "open_panel": open_panel,
            "tags_panel": buyer_tags_panel(order.buyer, request.user),
            "revealed": revealed,
            "contact": contact_panel(request.user, order=order, back="review"),
            **undo_context(request.user, order.shop),
        },
        status=status,
    )


def undo_context(user, shop: Shop) -> dict:
    """The settlement the user may still take back (撤销) in this shop, and until when."""
    undoable = deciding.undoable_decision(user=user, shop=shop)
    return {"undoable": undoable, "undo_until": undoable.created_at + deciding.UNDO_WINDOW if undoable else None}


# What the reviewer reads above the next order: what happened, and what is left to do.
DECIDED_MESSAGES = {
    Decision.Action.APPROVE: gettext_lazy("订单 %(no)s 已通过。"),
    Decision.Action.CANCEL: gettext_lazy("订单 %(no)s 判定为取消，已列入“待平台取消”，请在平台后台取消。"),
    Decision.Action.BLACKLIST: gettext_lazy(
        "订单 %(no)s 已拉黑买家并判定为取消，已列入“待平台取消”，请在平台后台取消。"
    ),
    Decision.Action.SKIP: gettext_lazy("已跳过订单 %(no)s，它回到队列里等别人处理。"),
}


@require_POST
def decide(request, pk: int):
    """Apply one decision, then advance to the reviewer's next order."""
    order = get_order_for_user(request.user, pk)
    require_role(request.user, order.shop, Role.REVIEWER)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_review(request, order, form, status=400, open_panel=request.POST.get("action", ""))
    data = form.cleaned_data
    try:
        deciding.order_decide(
            order=order,
            user=request.user,
            action=data["action"],
            note=data["note"],
            blacklist_kinds=data["blacklist_kinds"],
            reason_category=data["reason_category"],
            expires_at=data["expires_at"],
        )
    except ValidationError as exc:
        labels = dict(BLACKLIST_KIND_CHOICES)
        for field, errors in exc.message_dict.items():
            prefix = f"{labels[field]}：" if field in labels else ""
            form.add_error(field if field in form.fields else "blacklist_kinds", [prefix + e for e in errors])
        return _render_review(request, order, form, status=400, open_panel=data["action"])
    except deciding.DecisionRefused as exc:
        messages.error(request, str(exc))
        return redirect(_review_url(order.pk, data["filters"]))

    filters = data["filters"]
    if data["action"] == Decision.Action.NOTE:
        messages.success(request, _("备注已保存。"))
        return redirect(_review_url(order.pk, filters))
    messages.success(request, DECIDED_MESSAGES[data["action"]] % {"no": order.order_no})
    params = _filters_from(filters)
    shop = _queue_shop(request, params) if params.get("shop") else order.shop
    following = deciding.claim_next_order(
        user=request.user, shop=shop, criteria=queue_criteria(params), exclude_ids=[order.pk]
    )
    if following is None:
        messages.info(request, _("队列里没有可以领取的订单了。"))
        return redirect(_queue_url(filters))
    return redirect(_review_url(following.pk, filters))


@require_POST
def release(request):
    """Managers hand claimed orders back to the queue: the checked ones, or all of the shop's."""
    params = _filters_from(request.POST.get("filters", ""))
    shop = _queue_shop(request, params)
    require_role(request.user, shop, Role.MANAGER)
    ids = parse_ids(request.POST.getlist("order_ids"))
    released = deciding.claims_release(shop=shop, user=request.user, order_ids=None if "all" in request.POST else ids)
    messages.success(request, _("已释放 %(n)d 个领取。") % {"n": released})
    return redirect(_queue_url(request.POST.get("filters", "")))


@require_POST
def bulk(request):
    """Start a background job that settles the checked orders, or all matching the filter."""
    filters = request.POST.get("filters", "")
    params = _filters_from(filters)
    shop = _queue_shop(request, params)
    require_role(request.user, shop, Role.REVIEWER)
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(_queue_url(filters))
    if form.cleaned_data["select_all"]:
        matching = deciding.queue_orders(user=request.user, shop=shop, criteria=queue_criteria(params))
        ids = matching.values_list("pk", flat=True)
    else:
        ids = form.order_ids
    if not form.cleaned_data["confirmed"]:
        return _bulk_confirm(request, form, shop, ids)
    job = deciding.bulk_decision_start(
        shop=shop,
        user=request.user,
        action=form.cleaned_data["action"],
        order_ids=ids,
        note=form.cleaned_data["note"],
        blacklist_kinds=form.cleaned_data["blacklist_kinds"],
        reason_category=form.cleaned_data["reason_category"],
    )
    return redirect(reverse("reviews:bulk_job", args=[job.pk]) + (f"?{urlencode({'filters': filters})}"))


BULK_QUESTIONS = {
    Decision.Action.APPROVE: ngettext_lazy("确认通过 %(n)d 个订单？", "确认通过 %(n)d 个订单？", "n"),
    Decision.Action.CANCEL: ngettext_lazy("确认取消 %(n)d 个订单？", "确认取消 %(n)d 个订单？", "n"),
    Decision.Action.BLACKLIST: ngettext_lazy(
        "确认拉黑买家并取消 %(n)d 个订单？", "确认拉黑买家并取消 %(n)d 个订单？", "n"
    ),
}


def _bulk_confirm(request, form: BulkDecisionForm, shop: Shop, ids):
    """Before a bulk job starts: how many orders it will settle, and a button to go ahead."""
    count = Order.objects.filter(shop=shop, pk__in=ids).flagged().count()
    if not count:
        messages.error(request, _("所选订单都已不在待审核队列中。"))
        return redirect(_queue_url(form.cleaned_data["filters"]))
    action = form.cleaned_data["action"]
    return render(
        request,
        "reviews/bulk_confirm.html",
        {
            "shop": shop,
            "form": form,
            "count": count,
            "question": BULK_QUESTIONS[action] % {"n": count},
            "action_label": Decision.Action(action).label,
            "filters": form.cleaned_data["filters"],
            # The checked rows go through again as they were; "all matching" is resolved again on confirm.
            "order_ids": [] if form.cleaned_data["select_all"] else form.order_ids,
        },
    )


def bulk_job(request, pk: int):
    """A bulk job's progress: a page with a progress bar, or its numbers as JSON for polling."""
    job = get_object_or_404(BulkDecisionJob.objects.filter(shop__in=Shop.objects.for_user(request.user)), pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "total": job.total,
                "done": job.done,
                "skipped": job.skipped,
                "percent": job.percent,
                "finished": job.finished,
            }
        )
    return render(request, "reviews/bulk_job.html", {"job": job, "filters": request.GET.get("filters", "")})


# The to-cancel list's sorts: the nearest ship-by deadline first (newest orders first among
# equals), or the newest decisions first.
TO_CANCEL_SORTS = {
    "deadline": (F("deadline").asc(nulls_last=True), "-order__ordered_at", "-pk"),
    "newest": ("-created_at", "-pk"),
}


def _awaiting_platform_cancel(shop: Shop, sort: str = "deadline"):
    deadline = Order.objects.filter(pk=OuterRef("order_id")).with_deadline().values("deadline")[:1]
    return (
        awaiting_platform_cancel(shop)
        .annotate(deadline=Subquery(deadline))
        .select_related("order", "user")
        .order_by(*TO_CANCEL_SORTS.get(sort, TO_CANCEL_SORTS["deadline"]))
    )


def _to_cancel_sort(params) -> str:
    sort = params.get("sort", "")
    return sort if sort in TO_CANCEL_SORTS else "deadline"


def to_cancel(request):
    """Orders Shield decided to cancel that are not cancelled on the platform yet, nearest ship-by first."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.REVIEWER)
    sort = _to_cancel_sort(request.GET)
    paginator = Paginator(_awaiting_platform_cancel(shop, sort), 50)
    return render(
        request,
        "reviews/to_cancel.html",
        {
            "shop": shop,
            "page": paginator.get_page(request.GET.get("page")),
            "sort": sort,
            "query": urlencode({"sort": sort}),
            "now": timezone.now(),
        },
    )


def to_cancel_csv(request):
    """The pending cancellations as a CSV (UTF-8 with BOM, so Excel reads the Chinese)."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.REVIEWER)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"to_cancel_{shop.pk}_{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("订单号"),
            _("商品"),
            _("数量"),
            _("实付(元)"),
            _("收货人"),
            _("处理"),
            _("处理人"),
            _("处理时间"),
            _("说明"),
        ]
    )
    for decision in _awaiting_platform_cancel(shop, _to_cancel_sort(request.GET)).iterator(chunk_size=2000):
        order = decision.order
        writer.writerow(
            escape_formula(cell)
            for cell in (
                order.order_no,
                order.sku_name,
                order.quantity,
                order.amount_paid,
                order.receiver,
                decision.get_action_display(),
                decision.user.get_username(),
                timezone.localtime(decision.created_at).strftime("%Y-%m-%d %H:%M"),
                decision.note,
            )
        )
    return response


def _to_cancel_url(request) -> str:
    return reverse("reviews:to_cancel") + "?" + urlencode({"sort": _to_cancel_sort(request.POST)})


@require_POST
def platform_cancel_confirm(request, pk: int):
    """The merchant says the order is cancelled on the platform too."""
    decision = get_object_or_404(
        Decision.objects.filter(shop__in=Shop.objects.for_user(request.user)).select_related("shop", "order"), pk=pk
    )
    require_role(request.user, decision.shop, Role.REVIEWER)
    deciding.platform_cancel_confirm(decision=decision, user=request.user)
    messages.success(request, _("订单 %(no)s 已标记为平台已取消。") % {"no": decision.order.order_no})
    return redirect(_to_cancel_url(request))


@require_POST
def platform_cancels_confirm(request):
    """The merchant says the ticked orders are cancelled on the platform too (one audit stamp each)."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.REVIEWER)
    ids = parse_ids(request.POST.getlist("decision_ids"))
    if not ids:
        messages.error(request, _("请先勾选已在平台取消的订单。"))
        return redirect(_to_cancel_url(request))
    confirmed = deciding.platform_cancels_confirm(shop=shop, user=request.user, decision_ids=ids)
    messages.success(request, _("已确认 %(n)d 单已在平台取消。") % {"n": confirmed})
    if confirmed < len(ids):
        messages.info(request, _("另有 %(n)d 单已确认过或不在待取消列表中，未改动。") % {"n": len(ids) - confirmed})
    return redirect(_to_cancel_url(request))


@require_POST
def decision_undo(request, pk: int):
    """撤销: the reviewer takes back their own settlement within the window; the order comes back to them."""
    decision = get_object_or_404(
        Decision.objects.filter(shop__in=Shop.objects.for_user(request.user)).select_related("shop", "order"), pk=pk
    )
    require_role(request.user, decision.shop, Role.REVIEWER)
    try:
        deciding.decision_undo(decision=decision, user=request.user)
    except deciding.DecisionRefused as exc:
        messages.error(request, str(exc))
        return redirect("reviews:my_decisions")
    messages.success(
        request,
        _("已撤销订单 %(no)s 的“%(action)s”，订单回到队列，请重新处理。")
        % {"no": decision.order.order_no, "action": decision.get_action_display()},
    )
    return redirect(_review_url(decision.order_id, request.POST.get("filters", "")))


def my_decisions(request):
    """我的处理记录: the reviewer's own decisions in the current shop, newest first."""
    shop = current_shop_or_404(request)
    decisions = Decision.objects.filter(user=request.user, shop=shop).select_related("order")
    action = request.GET.get("action", "")
    if action in Decision.Action.values:
        decisions = decisions.filter(action=action)
    paginator = Paginator(decisions.order_by("-created_at", "-pk"), 50)
    query = urlencode({"action": action}) if action else ""
    return render(
        request,
        "reviews/my_decisions.html",
        {
            "shop": shop,
            "page": paginator.get_page(request.GET.get("page")),
            "actions": Decision.Action.choices,
            "action": action,
            "query": query,
            **undo_context(request.user, shop),
        },
    )
