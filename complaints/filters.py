"""The complaints list's filters: status, category, deadline (逾期 / 即将到期) and buyer."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Complaint.Status.choices)
    category = django_filters.ChoiceFilter(label=_("投诉类型"), choices=Complaint.Category.choices)
    deadline = django_filters.ChoiceFilter(
        label=_("回复期限"),
        choices=[("overdue", _("逾期")), ("due_soon", _("即将到期")), ("awaiting", _("等待平台回复"))],
        method="by_deadline",
    )
    buyer = django_filters.CharFilter(label=_("买家"), method="by_buyer")
    buyer_id = django_filters.NumberFilter(
        label=_("买家编号"), field_name="buyers", distinct=True, widget=forms.HiddenInput
    )

    class Meta:
        model = Complaint
        fields = ["q", "status", "category", "deadline", "buyer"]

    def search(self, queryset, name, value):
        """Title, platform ticket number or an order number."""
        value = value.strip()
        if not value:
            return queryset
        ids = queryset.filter(
            Q(title__icontains=value) | Q(platform_ticket_no__icontains=value) | Q(orders__order_no=value)
        ).values("pk")
        return queryset.filter(pk__in=ids)

    def by_deadline(self, queryset, name, value):
        return {
            "overdue": queryset.overdue,
            "due_soon": queryset.due_soon,
            "awaiting": queryset.awaiting_reply,
        }[value]()

    def by_buyer(self, queryset, name, value):
        """A buyer's name, masked phone or identity key."""
        value = value.strip()
        if not value:
            return queryset
        ids = queryset.filter(
            Q(buyers__display_name__icontains=value)
            | Q(buyers__masked_phone__icontains=value)
            | Q(buyers__key__icontains=value)
        ).values("pk")
        return queryset.filter(pk__in=ids)
