"""Forms of the review queue: one decision, a bulk decision."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blacklist.models import Kind, ReasonCategory
from reviews.models import Decision
from shieldsite.ids import parse_ids

BLACKLIST_KIND_CHOICES = [
    (Kind.PHONE, _("手机号")),
    (Kind.RECEIVER, _("收货人")),
    (Kind.ADDRESS, _("收货地址")),
    (Kind.RECEIVER_ADDRESS, _("收货人+地址")),
]
REASON_CATEGORY_CHOICES = [(value, label) for value, label in ReasonCategory.choices if value != ReasonCategory.TRUSTED]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (a.value, a.label) for a in Decision.Action if a not in (Decision.Action.RELEASE, *Decision.REVERSING)
        ],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)
    blacklist_kinds = forms.MultipleChoiceField(
        label=_("拉黑哪些信息"),
        choices=BLACKLIST_KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=[Kind.PHONE, Kind.RECEIVER_ADDRESS],
    )
    # The review page preselects the category the order's reasons point to (``reason_category_for``).
    reason_category = forms.ChoiceField(label=_("原因分类"), choices=REASON_CATEGORY_CHOICES, required=False)
    expires_on = forms.DateField(
        label=_("到期日（可选）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    filters = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == Decision.Action.BLACKLIST and not data.get("blacklist_kinds"):
            self.add_error("blacklist_kinds", _("请至少选择一项要拉黑的信息。"))
        if action == Decision.Action.NOTE and not (data.get("note") or "").strip():
            self.add_error("note", _("请填写备注内容。"))
        expires_on = data.get("expires_on")
        if expires_on:
            if expires_on <= timezone.localdate():
                self.add_error("expires_on", _("到期日必须晚于今天。"))
            data["expires_at"] = timezone.make_aware(datetime.combine(expires_on, time.max))
        else:
            data["expires_at"] = None
        return data


class BulkDecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("批量处理"),
        choices=[(a.value, a.label) for a in Decision.FINAL],
    )
    order_ids = forms.CharField(required=False)  # the view reads the checked rows with getlist()
    select_all = forms.BooleanField(required=False)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)
    blacklist_kinds = forms.MultipleChoiceField(
        label=_("拉黑哪些信息"), choices=BLACKLIST_KIND_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    # Left blank, each order is filed under the category its own reasons point to.
    reason_category = forms.ChoiceField(
        label=_("原因分类"), choices=[("", _("按各单送审原因")), *REASON_CATEGORY_CHOICES], required=False
    )
    filters = forms.CharField(required=False, widget=forms.HiddenInput)
    # Set by the confirmation page ("确认取消 37 个订单？"): without it no job starts.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Ids are checked against the shop's queue by the service; here they only need to be numbers.
        raw = data.getlist("order_ids") if data is not None else []
        self.order_ids = parse_ids(raw)

    def clean(self):
        data = super().clean()
        if not data.get("select_all") and not self.order_ids:
            raise forms.ValidationError(_("请先勾选订单，或选择“全部符合筛选的订单”。"))
        if data.get("action") == Decision.Action.BLACKLIST and not data.get("blacklist_kinds"):
            self.add_error("blacklist_kinds", _("请至少选择一项要拉黑的信息。"))
        return data


class ReopenForm(forms.Form):
    """A manager reopens a settled order: why, and (for an order already cancelled on the
    platform) that they know the platform's order does not come back."""

    reason = forms.CharField(
        label=_("重新打开的原因"),
        max_length=2000,
        error_messages={"required": _("请填写重新打开的原因。")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    platform_cancelled_ack = forms.BooleanField(
        label=_("我知道该订单已在平台上取消，重新打开不会恢复平台上的订单"), required=False
    )
