"""django-filter FilterSets for Shield's order lists."""

import re

import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from reviews.models import BuyerTagging, Order

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=_("订单状态"), choices=Order.Status.choices)
    risk_state = django_filters.ChoiceFilter(label=_("风控状态"), choices=Order.RiskState.choices)
    ordered_after = django_filters.DateFilter(
        label=_("下单起"), field_name="ordered_at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    ordered_before = django_filters.DateFilter(
        label=_("下单止"), field_name="ordered_at", lookup_expr="date__lte", widget=DATE_INPUT
    )
    sku_id = django_filters.CharFilter(label=_("商品ID"))

    class Meta:
        model = Order
        fields = ["q", "status", "risk_state", "sku_id", "ordered_after", "ordered_before"]

    def search(self, queryset, name, value):
        """Order number, receiver, phone or product name."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(order_no__icontains=value)
            | Q(receiver__icontains=value)
            | Q(phone__icontains=value)
            | Q(sku_name__icontains=value)
        )


SORT_CHOICES_ORDER = ("-score", "deadline", "-ordered", "ordered", "score", "-deadline")
REASON_CODE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")


def reason_code_valid(code: str | None) -> bool:
    """A reason code the filter can look for (plain snake_case); anything else matches no order."""
    return bool(REASON_CODE.match(code or ""))


def reason_filter(queryset, code: str):
    """Orders whose screening reasons include ``code`` (jsonb containment)."""
    if not reason_code_valid(code):
        return queryset.none()
    return queryset.filter(risk_reasons__contains=[{"code": code}])


class QueueFilter(django_filters.FilterSet):
    """The review queue's filters and sorts. Also decides which order "next" hands out."""

    class Claim(models.TextChoices):
        ALL = "", _("全部")
        MINE = "mine", _("我领取的")
        UNCLAIMED = "unclaimed", _("未领取")

    shop = django_filters.ChoiceFilter(label=_("店铺"), field_name="shop_id", choices=[], empty_label=None)
    reason = django_filters.CharFilter(label=_("风险原因"), method="filter_reason")
    score_min = django_filters.NumberFilter(label=_("风险分≥"), field_name="risk_score", lookup_expr="gte")
    score_max = django_filters.NumberFilter(label=_("风险分≤"), field_name="risk_score", lookup_expr="lte")
    sku_id = django_filters.CharFilter(label=_("商品ID"))
    buyer = django_filters.CharFilter(label=_("买家"), method="filter_buyer")
    # A CharFilter with a select: "next" and the counts filter without knowing the shop's tags.
    tag = django_filters.CharFilter(label=_("买家标签"), method="filter_tag", widget=forms.Select)
    status = django_filters.ChoiceFilter(label=_("订单状态"), choices=Order.Status.choices)
    ordered_after = django_filters.DateFilter(label=_("下单起"), field_name="ordered_at", lookup_expr="date__gte")
    ordered_before = django_filters.DateFilter(label=_("下单止"), field_name="ordered_at", lookup_expr="date__lte")
    claim = django_filters.ChoiceFilter(
        label=_("领取"), choices=Claim.choices[1:], empty_label=_("全部"), method="filter_claim"
    )
    sort = django_filters.OrderingFilter(
        label=_("排序"),
        fields=(("risk_score", "score"), ("ordered_at", "ordered"), ("deadline_key", "deadline")),
        field_labels={
            "-score": _("风险分从高到低"),
            "score": _("风险分从低到高"),
            "deadline": _("发货截止最近"),
            "-deadline": _("发货截止最远"),
            "-ordered": _("最新下单"),
            "ordered": _("最早下单"),
        },
        empty_label=None,
        null_label=None,
    )

    # Highest priority first: the riskiest, then the closest to the shipping cut-off.
    # ``deadline_key`` sorts like ``deadline`` and is what the queue's indexes hold.
    DEFAULT_ORDER = ("-risk_score", "deadline_key", "pk")

    def __init__(self, data=None, *args, user=None, shops=(), tags=(), **kwargs):
        """``shops``: the user's shops, already fetched (the view has them; no query per field);
        ``tags``: names of the shop's buyer tags, for the tag filter."""
        self.user = user
        super().__init__(data, *args, **kwargs)
        self.filters["tag"].extra["widget"] = forms.Select(choices=[("", _("全部")), *((n, n) for n in tags)])
        self.filters["shop"].extra["choices"] = [(str(shop.pk), shop.name) for shop in shops]
        # The default (riskiest first) leads the list, so the select shows what the queue does.
        labels = dict(self.filters["sort"].extra["choices"])
        self.filters["sort"].extra["choices"] = [(key, labels[key]) for key in SORT_CHOICES_ORDER]

    def filter_reason(self, queryset, name, value):
        return reason_filter(queryset, value.strip())

    def filter_tag(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        live = BuyerTagging.objects.filter(tag__name=value, removed_at__isnull=True)
        own = live.filter(buyer_id=OuterRef("buyer_id"))
        # ... or shared on the same identity by another shop of the order's merchant.
        shared = live.filter(
            shared=True,
            shop__organization_id=OuterRef("shop__organization_id"),
            buyer__key_kind=OuterRef("buyer__key_kind"),
            buyer__key=OuterRef("buyer__key"),
        )
        return queryset.filter(Exists(own) | Exists(shared))

    def filter_buyer(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(buyer__display_name__icontains=value)
            | Q(buyer__masked_phone__icontains=value)
            | Q(receiver__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_claim(self, queryset, name, value):
        if value == self.Claim.MINE:
            return queryset.claimed_live_by(self.user)
        if value == self.Claim.UNCLAIMED:
            return queryset.unclaimed()
        return queryset

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            qs = super().qs
            if not qs.query.order_by:
                qs = qs.order_by(*self.DEFAULT_ORDER)
            elif "pk" not in qs.query.order_by:
                qs = qs.order_by(*qs.query.order_by, "pk")
            self._qs = qs
        return self._qs
