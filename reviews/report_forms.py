"""The period picker shared by the dashboard and the reports."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.selectors.reports import Period

QUICK_RANGES = (("today", _("今天")), ("7", _("近 7 天")), ("30", _("近 30 天")))
DEFAULT_RANGE = "30"
MAX_DAYS = 366


class PeriodForm(forms.Form):
    """``range`` picks a quick range; ``start`` and ``end`` (both given) pick any whole days."""

    range = forms.ChoiceField(label=_("时间范围"), choices=QUICK_RANGES, required=False)
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end) and not self.errors:
            raise forms.ValidationError(_("请同时填写开始日期和结束日期。"))
        if start and end:
            if end < start:
                raise forms.ValidationError(_("结束日期不能早于开始日期。"))
            if (end - start).days + 1 > MAX_DAYS:
                raise forms.ValidationError(_("时间范围最长 %(days)d 天，请缩短后再查看。") % {"days": MAX_DAYS})
        return data

    @property
    def quick(self) -> str:
        """The quick range in effect ("" for a custom one)."""
        if self.is_valid() and self.cleaned_data.get("start"):
            return ""
        value = self.data.get("range", DEFAULT_RANGE)
        return value if value in dict(QUICK_RANGES) else DEFAULT_RANGE

    def period(self) -> Period:
        """The chosen period; the default (last 30 days) when the input is missing or invalid."""
        today = timezone.localdate()
        if self.is_valid() and self.cleaned_data.get("start"):
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        quick = self.quick
        if quick == "today":
            return Period(today, today)
        return Period(today - timedelta(days=int(quick) - 1), today)
