"""Forms of the policy and API token pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import ApiToken, RiskPolicy

# How the policy page groups its thresholds.
POLICY_SECTIONS = [
    (_("信用分"), ["base_score", "restriction_floor", "restricted_action"]),
    (
        _("信用分变化"),
        [
            "delta_unpaid_closed",
            "delta_cancel_after_pay",
            "delta_refund",
            "delta_refund_after_receipt",
            "delta_blacklisted",
            "delta_complaint_upheld",
            "delta_completed",
        ],
    ),
    (_("结论分数线"), ["review_threshold", "block_threshold"]),
    (
        _("炸店与扫货"),
        [
            "burst_orders",
            "group_burst_orders",
            "burst_minutes",
            "sku_burst_orders",
            "sku_burst_accounts",
            "sku_burst_minutes",
        ],
    ),  # fmt: skip
    (_("同行恶拍（占库存）"), ["lock_quantity", "lock_new_buyer_days", "lock_sku_orders"]),
    (_("取消、限购与数量"), ["rate_threshold_pct", "rate_min_orders", "sku_daily_limit", "quantity_factor"]),
    (_("地址与收货人"), ["address_keywords", "flag_masked_identity"]),
]
PENALTIES = [
    "delta_unpaid_closed",
    "delta_cancel_after_pay",
    "delta_refund",
    "delta_refund_after_receipt",
    "delta_blacklisted",
    "delta_complaint_upheld",
]


class PolicyForm(forms.ModelForm):
    class Meta:
        model = RiskPolicy
        fields = list(RiskPolicy.TUNABLE)
        widgets = {"address_keywords": forms.Textarea(attrs={"rows": 6, "cols": 24})}

    def clean_address_keywords(self) -> str:
        # One keyword per line, however the browser ended lines; blank lines and repeats dropped.
        words = [line.strip() for line in self.cleaned_data["address_keywords"].splitlines()]
        return "\n".join(dict.fromkeys(word for word in words if word))

    def clean(self):
        data = super().clean()
        errors = {}
        for name in PENALTIES:
            if data.get(name) is not None and data[name] > 0:
                errors[name] = _("扣分项应为 0 或负数。")
        if data.get("delta_completed") is not None and data["delta_completed"] < 0:
            errors["delta_completed"] = _("加分项应为 0 或正数。")
        for name in ("review_threshold", "block_threshold", "rate_threshold_pct"):
            if data.get(name) is not None and data[name] > 100:
                errors[name] = _("不能超过 100。")
        review, block = data.get("review_threshold"), data.get("block_threshold")
        if review is not None and block is not None and review > block:
            errors["block_threshold"] = _("建议拦截分数线不能低于送审分数线。")
        floor, base = data.get("restriction_floor"), data.get("base_score")
        if floor is not None and base is not None and floor > base:
            errors["restriction_floor"] = _("受限分数线不能高于初始信用分。")
        for name in ("burst_minutes", "sku_burst_minutes", "burst_orders", "group_burst_orders", "sku_burst_orders"):
            if data.get(name) == 0:
                errors[name] = _("必须大于 0。")
        for name, message in errors.items():
            self.add_error(name, message)
        return data

    def tunable_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in RiskPolicy.TUNABLE}

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in POLICY_SECTIONS]


class SavePolicyForm(forms.Form):
    note = forms.CharField(label=_("修改说明"), max_length=255, required=False)


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
