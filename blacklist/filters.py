"""The entry list's filters and search."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blacklist.models import BlacklistEntry, Kind, ListType, ReasonCategory, Source
from blacklist.normalize import is_masked, normalize_address, normalize_name, normalize_phone, to_halfwidth


class DateInput(forms.DateInput):
    input_type = "date"


STATE_CHOICES = [
    ("active", _("生效中")),
    ("expired", _("已到期")),
    ("removed", _("已移除")),
    ("all", _("全部（含已移除）")),
]


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    list_type = django_filters.ChoiceFilter(label=_("名单"), choices=ListType.choices, empty_label=_("全部"))
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Kind.choices, empty_label=_("全部"))
    reason_category = django_filters.ChoiceFilter(
        label=_("原因分类"), choices=ReasonCategory.choices, empty_label=_("全部")
    )
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Source.choices, empty_label=_("全部"))
    state = django_filters.ChoiceFilter(
        label=_("状态"), choices=STATE_CHOICES, method="by_state", empty_label=_("未移除")
    )
    created_after = django_filters.DateFilter(
        label=_("添加起"), field_name="created_at", lookup_expr="date__gte", widget=DateInput
    )
    created_before = django_filters.DateFilter(
        label=_("添加止"), field_name="created_at", lookup_expr="date__lte", widget=DateInput
    )

    class Meta:
        model = BlacklistEntry
        fields = ["q", "list_type", "kind", "reason_category", "source", "state", "created_after", "created_before"]

    @property
    def qs(self):
        queryset = super().qs
        # Without a state filter the list shows what is still on it (expired included).
        if not self.form.cleaned_data.get("state"):
            queryset = queryset.listed()
        return queryset

    def by_state(self, queryset, name, value):
        now = timezone.now()
        if value == "active":
            return queryset.active(now)
        if value == "expired":
            return queryset.listed().filter(expires_at__lte=now)
        if value == "removed":
            return queryset.filter(removed_at__isnull=False)
        return queryset

    def search(self, queryset, name, value):
        """The value as typed, the reason, or the normalized key: ``138 0013 8000`` finds 13800138000."""
        value = value.strip()
        if not value:
            return queryset
        condition = Q(value__icontains=value) | Q(reason__icontains=value) | Q(receiver__icontains=value)
        phone = normalize_phone(value)
        if is_masked(phone):
            # 138****8000 as a platform shows it: any full phone with that head and tail.
            head, tail = phone.split("*", 1)[0], phone.rsplit("*", 1)[-1]
            condition |= Q(kind=Kind.PHONE, key__startswith=head, key__endswith=tail)
            condition |= Q(key__startswith=f"{phone}|") | Q(masked_key__startswith=f"{phone}|")
        for key in {phone, normalize_name(value), normalize_address(value), to_halfwidth(value).lower()}:
            if len(key) >= 2:
                condition |= Q(key__contains=key) | Q(masked_key__contains=key)
        return queryset.filter(condition)
