"""django-filter FilterSets for Shield's order lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import MultipleChoiceField

from reviews.models import Order
from reviews.selectors.queue import QUEUE_SORTS, QueueClaim, QueueCriteria, queue_matching, reason_choices

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
# OrderingFilter names an ascending choice by its field, a descending one by "-" and its name.
SORT_LABELS = {
    QUEUE_SORTS["score"]: _("风险分从低到高"),
    "-score": _("风险分从高到低"),
    QUEUE_SORTS["deadline"]: _("发货截止最近"),
    "-deadline": _("发货截止最远"),
    QUEUE_SORTS["ordered"]: _("最早下单"),
    "-ordered": _("最新下单"),
}


class ReasonCodesField(MultipleChoiceField):
    """Reason codes, offered by their labels. A code the list does not offer (a link from an older
    report, a rule since retired) is kept rather than refused: it matches the orders carrying it."""

    def valid_value(self, value) -> bool:
        return isinstance(value, str)


class ReasonCodesFilter(django_filters.MultipleChoiceFilter):
    field_class = ReasonCodesField


class QueueFilter(django_filters.FilterSet):
    """The review queue's filter form. The filters declare its fields; what they select and how
    the queue sorts lives once in ``reviews.selectors.queue.queue_matching``, which this and the
    services (claiming "next", bulk decisions) call with the ``criteria`` read from the form."""

    Claim = QueueClaim

    shop = django_filters.ChoiceFilter(label=_("店铺"), field_name="shop_id", choices=[], empty_label=None)
    # A list a keyboard can work (arrows, Ctrl/Shift+Space), the labels in words, not codes.
    reason = ReasonCodesFilter(
        label=_("风险原因"),
        choices=reason_choices,
        widget=forms.SelectMultiple(attrs={"size": 6, "aria-describedby": "reason-hint"}),
    )
    score_min = django_filters.NumberFilter(label=_("风险分≥"), field_name="risk_score", lookup_expr="gte")
    score_max = django_filters.NumberFilter(label=_("风险分≤"), field_name="risk_score", lookup_expr="lte")
    sku_id = django_filters.CharFilter(label=_("商品ID"))
    buyer = django_filters.CharFilter(label=_("买家"))
    # A CharFilter with a select: "next" and the counts filter without knowing the shop's tags.
    tag = django_filters.CharFilter(label=_("买家标签"), widget=forms.Select)
    status = django_filters.ChoiceFilter(label=_("订单状态"), choices=Order.Status.choices)
    ordered_after = django_filters.DateFilter(label=_("下单起"), field_name="ordered_at", lookup_expr="date__gte")
    ordered_before = django_filters.DateFilter(label=_("下单止"), field_name="ordered_at", lookup_expr="date__lte")
    claim = django_filters.ChoiceFilter(label=_("领取"), choices=QueueClaim.choices[1:], empty_label=_("全部"))
    # Set by an import's result page link ("its orders in the queue"); kept across filtering.
    batch = django_filters.NumberFilter(
        label=_("导入批次"), widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1, decimal_places=0
    )
    sort = django_filters.OrderingFilter(
        label=_("排序"),
        fields={field: name for name, field in QUEUE_SORTS.items()},
        field_labels=SORT_LABELS,
        empty_label=None,
        null_label=None,
    )

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

    @property
    def criteria(self) -> QueueCriteria:
        """The valid filters as the services take them; an invalid field narrows nothing."""
        if not self.is_bound:
            return QueueCriteria()
        self.form.is_valid()  # a field with an error is left out of cleaned_data: it narrows nothing
        cleaned = self.form.cleaned_data
        return QueueCriteria(
            reasons=list(dict.fromkeys(code for code in cleaned.get("reason") or () if code)),
            score_min=cleaned.get("score_min"),
            score_max=cleaned.get("score_max"),
            sku_id=cleaned.get("sku_id") or "",
            buyer=cleaned.get("buyer") or "",
            tag=cleaned.get("tag") or "",
            status=cleaned.get("status") or "",
            ordered_after=cleaned.get("ordered_after"),
            ordered_before=cleaned.get("ordered_before"),
            claim=cleaned.get("claim") or QueueClaim.ALL,
            batch=int(cleaned["batch"]) if cleaned.get("batch") else None,
            sort=tuple(cleaned.get("sort") or ()),
        )

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            criteria = self.criteria
            queryset = self.queryset.all()
            if self.is_bound:  # the shop is the page's, not a criterion: the services get it apart
                queryset = self.filters["shop"].filter(queryset, self.form.cleaned_data.get("shop"))
            self._qs = queue_matching(queryset, criteria, user=self.user)
        return self._qs


def queue_criteria(data) -> QueueCriteria:
    """The criteria in ``data``, the queue page's GET parameters (as "next", deciding and bulk
    carry them along): what the page narrows and sorts by, for the services."""
    return QueueFilter(data, queryset=Order.objects.none()).criteria
