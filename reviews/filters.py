"""django-filter FilterSets for Shield's order lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reviews.models import Order

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
