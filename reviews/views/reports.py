"""The dashboard (看板) and the reports: rule precision, reviewers, linked-account rings.

Every member sees the dashboard (a reviewer lands on it and sees whether the shop is under
attack; it has no actions). Exports and the reports are for managers and admins. The ring
of one buyer is open to every member: reviewers need it while deciding.
"""

from collections import Counter
from datetime import UTC, datetime

import tablib
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from reviews import charts
from reviews.masking import buyer_label
from reviews.models import Decision, Role
from reviews.report_forms import QUICK_RANGES, PeriodForm
from reviews.selectors import reports
from reviews.selectors.dashboard import SCORE_BUCKETS, bursts_in_progress, live_figures, open_queue, period_figures
from reviews.selectors.queue import reason_label
from reviews.selectors.rings import largest_rings, ring_for_buyer
from reviews.services.learning import latest_learned
from reviews.services.policy import policy_in_force
from reviews.services.rules import RULE_OF_CODE, weights_in_force
from reviews.views.access import current_shop_or_404, get_buyer_for_user, has_role, require_role
from reviews.views.contacts import contact_panel
from shieldsite.spreadsheets import escape_dataset

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WEEKDAYS = (_l("周一"), _l("周二"), _l("周三"), _l("周四"), _l("周五"), _l("周六"), _l("周日"))
TOP_REASONS = 6


def _export(request, shop, name: str, tables: dict):
    """``tables[name]`` — ``(headers, rows)`` — as CSV (UTF-8 with BOM) or XLSX, formula cells escaped."""
    require_role(request.user, shop, Role.MANAGER)
    kind = request.GET.get("format", "csv")
    if name not in tables or kind not in EXPORT_TYPES:
        raise Http404
    headers, rows = tables[name]()
    dataset = escape_dataset(tablib.Dataset(*[list(row) for row in rows], headers=[str(h) for h in headers]))
    body = dataset.export("csv").encode("utf-8-sig") if kind == "csv" else dataset.export("xlsx")
    response = HttpResponse(body, content_type=EXPORT_TYPES[kind])
    filename = f"{name}-{shop.pk}-{timezone.localdate():%Y%m%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _period(request):
    form = PeriodForm(request.GET or None)
    return form, form.period()


# -- dashboard --------------------------------------------------------------------------------
def _dashboard_tables(figures: dict, live: dict, queue) -> dict:
    action_labels = dict(Decision.Action.choices)
    codes = figures["reason_codes"]
    complaints = live.get("complaints", {})
    return {
        "summary": lambda: (
            [_("指标"), _("数值")],
            [
                (_("订单数"), figures["orders"]),
                (_("送审订单"), figures["flagged"]),
                *((action_labels[a], figures["decided"][a]) for a in Decision.FINAL),
                (_("待审核（当前）"), queue.open),
                (_("已避免损失订单"), figures["prevented"]["orders"]),
                (_("已避免损失金额(元)"), figures["prevented"]["amount"]),
                (_("已避免损失件数"), figures["prevented"]["units"]),
                (_("待平台取消订单"), figures["awaiting_cancel"]["orders"]),
                (_("待平台取消金额(元)"), figures["awaiting_cancel"]["amount"]),
                (_("判定取消但已发货订单"), figures["missed"]["orders"]),
                (_("发货后退款订单"), figures["losses"]["orders"]),
                (_("发货后退款金额(元)"), figures["losses"]["amount"]),
                (_("发货后退款件数"), figures["losses"]["units"]),
                *((str(label), value) for label, value in _complaint_rows(complaints)),
            ],
        ),
        "attacks": lambda: (
            [_("攻击类型"), _("订单"), _("买家")],
            [(a["label"], a["orders"], a["buyers"]) for a in figures["attacks"]],
        ),
        "daily": lambda: (
            [_("日期"), _("订单数"), _("送审"), _("通过"), _("取消"), _("拉黑")],
            [
                (d["day"], d["orders"], d["flagged"], d["approve"], d["cancel"], d["blacklist"])
                for d in figures["daily"]
            ],
        ),
        "reasons": lambda: (
            [_("日期"), *(reason_label(c) for c in codes)],
            [(day, *(counts.get(c, 0) for c in codes)) for day, counts in figures["reasons_daily"].items()],
        ),
        "scores": lambda: ([_("风险分"), _("订单数")], list(zip(_score_labels(), figures["scores"], strict=True))),
        "heat": lambda: (
            [_("星期"), *(f"{h}:00" for h in range(24))],
            [(str(day), *row) for day, row in zip(WEEKDAYS, figures["heat"], strict=True)],
        ),
    }


def _complaint_rows(complaints: dict) -> list:
    if not complaints:
        return []
    return [
        (_("投诉进行中"), complaints["open"]),
        (_("投诉超期未回复"), complaints["overdue"]),
        (_("投诉成立"), complaints["upheld"]),
        (_("投诉驳回"), complaints["rejected"]),
    ]


def _score_labels() -> list[str]:
    return [f"{i * 10}–{i * 10 + 9}" if i < SCORE_BUCKETS - 1 else "90–100" for i in range(10)]


def _main_reason_stacks(figures: dict) -> list:
    """Flagged orders per day, each once, stacked by its main reason (the top few, then 其他)."""
    daily = [figures["main_reasons_daily"][d["day"]] for d in figures["daily"]]
    totals = Counter()
    for counts in daily:
        totals.update(counts)
    codes = [code for code, _n in totals.most_common()]
    shown, rest = codes[:TOP_REASONS], codes[TOP_REASONS:]
    stacks = [(reason_label(code), f"r-{i}", [counts.get(code, 0) for counts in daily]) for i, code in enumerate(shown)]
    if rest:
        stacks.append((_("其他"), "r-other", [sum(counts.get(c, 0) for c in rest) for counts in daily]))
    return stacks


def _dashboard_charts(figures: dict) -> dict:
    days = [d["day"].strftime("%m-%d") for d in figures["daily"]]
    daily = figures["daily"]
    return {
        "daily": charts.line_chart(
            days,
            [
                (_("送审"), "s-flagged", [d["flagged"] for d in daily]),
                (_("通过"), "s-approve", [d["approve"] for d in daily]),
                (_("取消"), "s-cancel", [d["cancel"] for d in daily]),
                (_("拉黑"), "s-blacklist", [d["blacklist"] for d in daily]),
            ],
        ),
        "reasons": charts.stacked_bars(days, _main_reason_stacks(figures)),
        # Most orders score 0–9: that bar would flatten the rest, so it is a figure of its own.
        "scores": charts.stacked_bars(_score_labels()[1:], [(_("订单数"), "s-score", figures["scores"][1:])]),
        "heat": charts.heat_map([str(d) for d in WEEKDAYS], [str(h) for h in range(24)], figures["heat"], _("单")),
    }


def dashboard(request):
    """看板: is the shop under attack, and is Shield working? Figures for one period of the current shop."""
    shop = current_shop_or_404(request)
    if "export" in request.GET:
        require_role(request.user, shop, Role.MANAGER)  # before any figure is computed
    form, period = _period(request)
    figures = period_figures(shop, period)
    queue = open_queue(shop)
    live = live_figures(shop, period)
    if "export" in request.GET:
        return _export(request, shop, request.GET["export"], _dashboard_tables(figures, live, queue))
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("format", None)
    decided = figures["decided"]
    return render(
        request,
        "reviews/dashboard.html",
        {
            "shop": shop,
            "form": form,
            "quick_ranges": QUICK_RANGES,
            "quick": form.quick,
            "period": period,
            "query": query.urlencode(),
            "f": figures,
            "as_of": datetime.fromtimestamp(figures["as_of"], tz=UTC),
            "flagged_pct": round(100 * figures["flagged"] / figures["orders"], 1) if figures["orders"] else 0,
            "approved": decided[Decision.Action.APPROVE],
            "cancelled": decided[Decision.Action.CANCEL],
            "blacklisted": decided[Decision.Action.BLACKLIST],
            "queue": queue,
            "bursts": bursts_in_progress(shop),
            "complaints": live.get("complaints"),
            "recovered": live.get("recovered"),
            "charts": _dashboard_charts(figures),
            "score_rows": list(zip(_score_labels(), figures["scores"], strict=True)),
            "low_scores": figures["scores"][0],
            "heat_rows": list(zip([str(d) for d in WEEKDAYS], figures["heat"], strict=True)),
            "reason_headers": [reason_label(c) for c in figures["reason_codes"]],
            "reason_rows": [
                (day, [counts.get(c, 0) for c in figures["reason_codes"]])
                for day, counts in figures["reasons_daily"].items()
            ],
            "is_manager": has_role(request.user, shop, Role.MANAGER),
        },
    )


# -- rule precision ---------------------------------------------------------------------------
def rule_precision(request):
    """Per screening rule: orders flagged in the period and what reviewers made of them."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    form, period = _period(request)
    rules = reports.cached_report("rules", shop, period, reports.rule_precision)
    if "export" in request.GET:
        return _export(
            request,
            shop,
            request.GET["export"],
            {
                "rules": lambda: (
                    [
                        _("规则"),
                        _("代码"),
                        _("送审"),
                        _("通过"),
                        _("取消"),
                        _("拉黑"),
                        _("待审核"),
                        _("已关闭未入队"),
                        _("准确率"),
                    ],
                    [
                        (
                            r.label,
                            r.code,
                            r.flagged,
                            r.approved,
                            r.cancelled,
                            r.blacklisted,
                            r.waiting,
                            r.closed,
                            "" if r.precision is None else round(r.precision, 3),
                        )
                        for r in rules
                    ],
                )
            },
        )
    policy = policy_in_force(shop=shop)
    learned = latest_learned(shop.pk)
    in_force = weights_in_force(policy)
    rows = [
        (r, in_force.get(RULE_OF_CODE[r.code].code) if r.code in RULE_OF_CODE else None,
         learned.weights.get(RULE_OF_CODE[r.code].code) if learned and r.code in RULE_OF_CODE else None)
        for r in rules
    ]  # fmt: skip
    return render(
        request,
        "reviews/report_rules.html",
        {**_report_context(request, form, period, shop), "rules": rows, "learned": learned},
    )


def _report_context(request, form, period, shop) -> dict:
    query = request.GET.copy()
    query.pop("export", None)
    query.pop("format", None)
    return {
        "shop": shop,
        "form": form,
        "quick_ranges": QUICK_RANGES,
        "quick": form.quick,
        "period": period,
        "query": query.urlencode(),
    }


# -- reviewers --------------------------------------------------------------------------------
def reviewer_report(request):
    """Decisions per reviewer and day, median time per decision, overturned decisions."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    form, period = _period(request)
    people, per_day = reports.cached_report("reviewers", shop, period, reports.reviewer_report)
    if "export" in request.GET:
        return _export(
            request,
            shop,
            request.GET["export"],
            {
                "reviewers": lambda: (
                    [
                        _("审核员"),
                        _("处理"),
                        _("通过"),
                        _("取消"),
                        _("拉黑"),
                        _("批量"),
                        _("中位用时(秒)"),
                        _("被推翻"),
                    ],
                    [
                        (
                            p.username,
                            p.decisions,
                            p.approve,
                            p.cancel,
                            p.blacklist,
                            p.bulk,
                            "" if p.median_seconds is None else round(p.median_seconds),
                            p.overturned,
                        )
                        for p in people
                    ],
                ),
                "daily": lambda: (
                    [_("日期"), _("审核员"), _("通过"), _("取消"), _("拉黑"), _("合计")],
                    [(r["day"], r["reviewer"], r["approve"], r["cancel"], r["blacklist"], r["total"]) for r in per_day],
                ),
            },
        )
    return render(
        request,
        "reviews/report_reviewers.html",
        {**_report_context(request, form, period, shop), "people": people, "per_day": per_day},
    )


# -- rings ------------------------------------------------------------------------------------
def rings(request):
    """The shop's largest groups of linked accounts."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    found = largest_rings(shop)
    if "export" in request.GET:
        return _export(
            request,
            shop,
            request.GET["export"],
            {
                "rings": lambda: (
                    [
                        _("代表账号"),
                        _("账号数"),
                        _("关联"),
                        _("关联方式"),
                        _("订单"),
                        _("送审"),
                        _("取消/退款"),
                        _("实付(元)"),
                        _("最低信用分"),
                    ],
                    [
                        (
                            str(r.lead),
                            r.size,
                            r.links,
                            "、".join(r.vias),
                            r.orders,
                            r.flagged,
                            r.bad,
                            r.amount,
                            r.min_credit,
                        )
                        for r in found
                    ],
                )
            },
        )
    return render(request, "reviews/rings.html", {"shop": shop, "rings": found})


def buyer_ring(request, pk: int):
    """One buyer and every account linked to it, drawn as a graph, with their orders and scores."""
    buyer = get_buyer_for_user(request.user, pk)
    require_role(request.user, buyer.shop, Role.REVIEWER)
    ring = ring_for_buyer(buyer)
    if "export" in request.GET:
        return _export(
            request,
            buyer.shop,
            request.GET["export"],
            {
                "members": lambda: (
                    [
                        _("买家"),
                        _("距离(跳)"),
                        _("信用分"),
                        _("订单"),
                        _("送审"),
                        _("取消/退款"),
                        _("最高风险分"),
                        _("实付(元)"),
                    ],
                    [
                        (str(m.buyer), m.hops, m.buyer.credit_score, m.orders, m.flagged, m.bad, m.max_score, m.amount)
                        for m in ring.members
                    ],
                )
            },
        )
    drawing = charts.ring_layout(
        ring.members,
        ring.links,
        focus_id=buyer.pk,
        url_for=lambda pk: reverse("reviews:buyer_ring", args=[pk]),
        name_of=buyer_label,
    )
    orders = (
        buyer.shop.orders.filter(buyer_id__in=[m.buyer.pk for m in ring.members])
        .select_related("buyer")
        .order_by("-ordered_at", "-pk")[:50]
    )
    return render(
        request,
        "reviews/buyer_ring.html",
        {
            "shop": buyer.shop,
            "policy": policy_in_force(shop=buyer.shop),
            "buyer": buyer,
            "ring": ring,
            "drawing": drawing,
            "orders": orders,
            "is_manager": has_role(request.user, buyer.shop, Role.MANAGER),
            "contact": contact_panel(request.user, buyer=buyer, back="ring"),
        },
    )


def reveal_list(request):
    """Who unmasked which order's buyer data, newest first: the current shop's, for managers and admins."""
    shop = current_shop_or_404(request)
    require_role(request.user, shop, Role.MANAGER)
    page = Paginator(reports.personal_data_reveals(shop), 50).get_page(request.GET.get("page"))
    exports = Paginator(reports.personal_data_exports(shop), 50).get_page(request.GET.get("exports"))
    return render(request, "reviews/reveal_list.html", {"shop": shop, "page": page, "exports": exports, "query": ""})
