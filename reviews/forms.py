"""Forms of the policy and API token pages."""

from django import forms
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from reviews.models import ApiToken, Order, RiskPolicy
from reviews.regions import PROVINCES, region_key, region_label, region_lines
from reviews.services.rules import CATALOGUE, Attack
from shieldsite.ids import parse_id

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
    (
        _("取消、限购与数量"),
        ["rate_threshold_pct", "rate_min_orders", "sku_daily_limit", "sku_limits", "quantity_factor"],
    ),
    (_("地址与收货人"), ["address_keywords", "flag_masked_identity", "masked_identity_weight_pct"]),
    (_("收货地区"), ["region_review", "region_block"]),
    (_("买家标签"), ["tag_weights"]),
]
RULE_PREFIX = "rule__"
REGION_FIELDS = ("region_review", "region_block")
SEEN_CITIES = 60
SEEN_REGIONS_SECONDS = 600


def seen_regions(shop_id: int | None) -> list[str]:
    """The shop's most frequent destination cities (stored form), busiest first.

    One GROUP BY over the shop's orders, remembered for a few minutes: the policy page
    opens often, the set of cities changes slowly.
    """
    if not shop_id:
        return []
    key = f"policy:seen-regions:{shop_id}"
    found = cache.get(key)
    if found is None:
        rows = (
            Order.objects.filter(shop_id=shop_id)
            .exclude(city="")
            .values_list("province", "city")
            .annotate(n=Count("pk"))
            .order_by("-n")[: SEEN_CITIES * 2]
        )
        found = list(dict.fromkeys(k for p, c, _n in rows if "/" in (k := region_key(province=p, city=c))))
        found = found[:SEEN_CITIES]
        cache.set(key, found, SEEN_REGIONS_SECONDS)
    return found


class RegionField(forms.MultipleChoiceField):
    """Checked regions; an empty value (a form posted as text, a script) means none."""

    def to_python(self, value):
        return [v for v in super().to_python(value) if v]


def region_choices(shop_id: int | None, current: list[str]) -> list[tuple[str, str]]:
    """Every province, then the cities Shield has seen in the shop's orders, then any other
    region already in the policy (so saving never drops one)."""
    keys = list(dict.fromkeys([*PROVINCES, *seen_regions(shop_id), *current]))
    return [(key, region_label(key)) for key in keys]


PENALTIES = [
    "delta_unpaid_closed",
    "delta_cancel_after_pay",
    "delta_refund",
    "delta_refund_after_receipt",
    "delta_blacklisted",
    "delta_complaint_upheld",
]


def _clean_numbers_by_key(text: str | None, maximum: int, unreadable: str) -> str:
    """One "key=number" a line (number 0 to ``maximum``; a full-width ＝ reads too), normalised.
    A line that does not read, or a key given twice, is refused with the lines named, not
    silently ignored."""
    numbers, bad, twice = {}, [], []
    for line in (text or "").splitlines():
        line = line.strip().replace("＝", "=")
        if not line:
            continue
        key, sep, value = (part.strip() for part in line.partition("="))
        number = parse_id(value)
        if not sep or not key or number is None or number > maximum:
            bad.append(line)
        elif key in numbers:
            twice.append(key)
        else:
            numbers[key] = number
    if bad:
        raise forms.ValidationError(unreadable % {"lines": "、".join(bad)})
    if twice:
        raise forms.ValidationError(_("同一项写了不止一行：%(keys)s") % {"keys": "、".join(twice)})
    return "\n".join(f"{key}={number}" for key, number in numbers.items())


class PolicyForm(forms.ModelForm):
    class Meta:
        model = RiskPolicy
        fields = list(RiskPolicy.TUNABLE)
        widgets = {
            "address_keywords": forms.Textarea(attrs={"rows": 6, "cols": 24}),
            "sku_limits": forms.Textarea(attrs={"rows": 4, "cols": 24, "placeholder": "100238471=2"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_rule_fields()
        for name in REGION_FIELDS:
            current = self.initial.get(name, "")
            current = region_lines(current) if isinstance(current, str) else list(current or [])
            self.initial[name] = current
            model_field = RiskPolicy._meta.get_field(name)
            self.fields[name] = RegionField(
                label=model_field.verbose_name,
                help_text=model_field.help_text,
                required=False,
                choices=region_choices(self.instance.shop_id, current),
                widget=forms.CheckboxSelectMultiple(attrs={"class": "region-choice"}),
            )

    def _add_rule_fields(self) -> None:
        """One field per rule of the catalogue: its weight (blank: the default; 0: off), or, for a
        rule that works its weight out, whether it is on."""
        current = RiskPolicy(rule_weights=self.initial.get("rule_weights") or "").rule_weight_map
        for spec in CATALOGUE:
            about = _("%(attack)s · 默认 %(weight)s") % {
                "attack": Attack(spec.attack).label,
                "weight": spec.weight if spec.weight is not None else _("按规则计算"),
            }
            if spec.weight is None:
                field = forms.BooleanField(
                    label=spec.label, required=False, help_text=_("%(about)s；取消勾选即关闭") % {"about": about}
                )
                self.initial[RULE_PREFIX + spec.code] = current.get(spec.code) != 0
            else:
                field = forms.IntegerField(
                    label=spec.label, required=False, min_value=0, max_value=100,
                    help_text=_("%(about)s；0 表示关闭") % {"about": about},
                    widget=forms.NumberInput(attrs={"placeholder": spec.weight}),
                )  # fmt: skip
                self.initial[RULE_PREFIX + spec.code] = current.get(spec.code)
            self.fields[RULE_PREFIX + spec.code] = field

    def _rule_weights(self, data: dict) -> str:
        """The ``rule_weights`` lines: only the rules that differ from their defaults. A post without
        the rule fields (a script that sends the policy's own fields) keeps what it sent."""
        if not any(key.startswith(RULE_PREFIX) for key in self.data):
            return data.get("rule_weights") or ""
        lines = []
        for spec in CATALOGUE:
            value = data.get(RULE_PREFIX + spec.code)
            if spec.weight is None:
                if value is False:
                    lines.append(f"{spec.code}=0")
            elif value is not None and value != spec.weight:
                lines.append(f"{spec.code}={value}")
        return "\n".join(lines)

    def _clean_regions(self, name: str) -> str:
        return "\n".join(dict.fromkeys(self.cleaned_data.get(name) or []))

    def clean_region_review(self) -> str:
        return self._clean_regions("region_review")

    def clean_region_block(self) -> str:
        return self._clean_regions("region_block")

    def clean_tag_weights(self) -> str:
        return _clean_numbers_by_key(
            self.cleaned_data.get("tag_weights"), 100, _("这些行看不懂（应为“标签=0到100的分值”）：%(lines)s")
        )

    def clean_sku_limits(self) -> str:
        return _clean_numbers_by_key(
            self.cleaned_data.get("sku_limits"), 32767, _("这些行看不懂（应为“商品ID=每人每天限购件数”）：%(lines)s")
        )

    def clean_address_keywords(self) -> str:
        # One keyword per line, however the browser ended lines; blank lines and repeats dropped.
        words = [line.strip() for line in self.cleaned_data["address_keywords"].splitlines()]
        return "\n".join(dict.fromkeys(word for word in words if word))

    def clean(self):
        data = super().clean()
        data["rule_weights"] = self._rule_weights(data)
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
        both = set(region_lines(data.get("region_review", ""))) & set(region_lines(data.get("region_block", "")))
        if both:
            errors["region_block"] = _("同一地区不能既送审又拦截：%(r)s") % {
                "r": "、".join(region_label(key) for key in sorted(both))
            }
        for name, message in errors.items():
            self.add_error(name, message)
        return data

    def tunable_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in RiskPolicy.TUNABLE}

    def sections(self):
        rules = (_("规则开关与权重"), [self[RULE_PREFIX + spec.code] for spec in CATALOGUE])
        return [*((title, [self[name] for name in names]) for title, names in POLICY_SECTIONS), rules]


class SavePolicyForm(forms.Form):
    note = forms.CharField(label=_("修改说明"), max_length=255, required=False)


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
