"""The risk policy (versioned thresholds and weights) and the weights learned from reviewers."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from reviews.models.shops import Shop
from shieldsite.ids import parse_id


def default_address_keywords() -> str:
    return "驿站\n快递超市\n兔喜\n代收点\n自提点\n丰巢"


# The merchants' own words for bad buyers (差评防御-style tools use the same), with their meaning.
BUILTIN_BUYER_TAGS = (
    ("兔子", _("恶意退款/仅退款")),
    ("野狗", _("职业差评师")),
    ("鳄鱼", _("职业打假")),
    ("老鼠", _("淘客拍单/刷单")),
    ("蜜獾", _("骚扰辱骂")),
    ("同行", _("同行恶拍")),
    ("炸店", _("炸店")),
)


def _numbers_by_key(text: str) -> dict[str, int]:
    """``{"key": n}`` from a policy's "key=n" lines (tag weights, SKU limits); the form refuses
    lines that do not read, and any that slipped in another way count nothing."""
    found = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        number = parse_id(value.strip())
        if sep and key.strip() and number is not None:
            found[key.strip()] = number
    return found


def default_tag_weights() -> str:
    return "兔子=30\n野狗=30\n鳄鱼=30\n老鼠=20\n蜜獾=20\n同行=40\n炸店=40"


class RiskPolicy(models.Model):
    """One version of a shop's screening thresholds. Saving creates a new version; the latest is current."""

    class RestrictedAction(models.TextChoices):
        REVIEW = "review", _("送人工审核")
        BLOCK = "block", _("建议拦截")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="risk_policies", verbose_name=_("店铺"))
    version = models.PositiveIntegerField(_("版本"))
    # Credit score
    base_score = models.PositiveSmallIntegerField(
        _("初始信用分"), default=100, help_text=_("每个买家的起始分，也是信用分的上限。")
    )
    restriction_floor = models.PositiveSmallIntegerField(
        _("受限分数线"), default=60, help_text=_("信用分低于此分的买家被限制，其订单送审或建议拦截。")
    )
    restricted_action = models.CharField(
        _("受限买家的新订单"),
        max_length=8,
        choices=RestrictedAction.choices,
        default=RestrictedAction.REVIEW,
        help_text=_("受限买家下单时的处理方式。"),
    )
    delta_unpaid_closed = models.SmallIntegerField(
        _("未付款被关闭扣分"), default=-5, help_text=_("拍下不付款、订单被关闭时，信用分的变化（负数为扣分）。")
    )
    delta_cancel_after_pay = models.SmallIntegerField(
        _("付款后取消扣分"), default=-8, help_text=_("付款后、发货前取消订单时，信用分的变化。")
    )
    delta_refund = models.SmallIntegerField(
        _("退款扣分"), default=-10, help_text=_("未收货就退款（含仅退款）时，信用分的变化。")
    )
    delta_refund_after_receipt = models.SmallIntegerField(
        _("收货后退款扣分"), default=-15, help_text=_("确认收货后又退款时，信用分的变化，通常比未收货退款扣得多。")
    )
    delta_blacklisted = models.SmallIntegerField(
        _("被拉黑扣分"),
        default=-40,
        help_text=_("买家被客服拉黑时，信用分的变化；同一买家只扣一次，不论拉黑了它几笔订单。"),
    )
    delta_complaint_upheld = models.SmallIntegerField(
        _("投诉成立扣分"), default=-30, help_text=_("对买家的平台投诉成立时，信用分的变化。")
    )
    delta_completed = models.SmallIntegerField(
        _("正常成交加分"), default=2, help_text=_("订单完成且无售后时加的分，总分不超过初始信用分。")
    )
    # Decision thresholds
    review_threshold = models.PositiveSmallIntegerField(
        _("送审分数线"), default=40, help_text=_("风险分达到此分（0–100）的订单进入审核队列。")
    )
    block_threshold = models.PositiveSmallIntegerField(
        _("建议拦截分数线"), default=80, help_text=_("风险分达到此分的订单标为“建议拦截”。")
    )
    # Burst (炸店)
    burst_orders = models.PositiveSmallIntegerField(
        _("单个买家短时下单数"), default=5, help_text=_("同一买家在下面的时间窗口内下单达到此数即视为炸店。")
    )
    group_burst_orders = models.PositiveSmallIntegerField(
        _("关联账号组短时下单数"),
        default=8,
        help_text=_("同一手机号/地址关联的一组账号在时间窗口内合计下单达到此数即视为炸店。"),
    )
    burst_minutes = models.PositiveSmallIntegerField(
        _("炸店时间窗口（分钟）"), default=30, help_text=_("统计买家和关联账号短时下单数的时间窗口。")
    )
    sku_burst_orders = models.PositiveSmallIntegerField(
        _("单个商品短时集中下单数"),
        default=15,
        help_text=_("同一商品在时间窗口内，由少数账号重复下单的订单数达到此数即视为恶意扫货。"),
    )
    sku_burst_accounts = models.PositiveSmallIntegerField(
        _("集中下单的最多账号数"), default=5, help_text=_("上面的集中订单来自不超过这么多个账号时才算。")
    )
    sku_burst_minutes = models.PositiveSmallIntegerField(
        _("商品扫货时间窗口（分钟）"), default=15, help_text=_("统计单个商品集中下单的时间窗口。")
    )
    # Inventory lock (同行恶拍)
    lock_quantity = models.PositiveSmallIntegerField(
        _("占库存单笔件数"),
        default=20,
        help_text=_("新账号或关联账号单笔购买达到此件数，视为可能的同行恶拍占库存。"),
    )
    lock_new_buyer_days = models.PositiveSmallIntegerField(
        _("新账号天数"), default=7, help_text=_("首次下单距今不超过这么多天的买家算新账号。")
    )
    lock_sku_orders = models.PositiveSmallIntegerField(
        _("新/关联账号同商品未完成订单数"),
        default=4,
        help_text=_("24 小时内新账号或关联账号对同一商品的未发货订单达到此数，视为占库存。"),
    )
    # Cancel / refund rate
    rate_threshold_pct = models.PositiveSmallIntegerField(
        _("取消/退款率上限（%）"), default=40, help_text=_("买家（或其关联账号组）取消和退款的订单占比超过此值即提示。")
    )
    rate_min_orders = models.PositiveSmallIntegerField(
        _("计算取消率的最少订单数"),
        default=3,
        help_text=_("订单数少于此数时不计算取消/退款率；此外占比须明显高于本店平常水平（不是偶然），才会提示。"),
    )
    # Purchase limit and quantity
    sku_daily_limit = models.PositiveSmallIntegerField(
        _("每人每天同一商品限购件数"),
        default=0,
        help_text=_("同一买家一天内购买同一商品超过此件数即提示；0 表示不限。"),
    )
    # One "商品ID=件数" a line: that SKU's own daily limit, over ``sku_daily_limit`` (0: no limit).
    sku_limits = models.TextField(
        _("单品限购"),
        blank=True,
        default="",
        help_text=_(
            "每行一个“商品ID=件数”，给个别商品（如秒杀、低价引流款）单独设每人每天的限购件数，"
            "代替上面的统一限购；件数为 0 表示该商品不限购。"
        ),
    )
    quantity_factor = models.PositiveSmallIntegerField(
        _("数量异常倍数"), default=5, help_text=_("单笔件数达到该商品常见件数的这么多倍（且至少 5 件）即视为数量异常。")
    )
    # Address / receiver patterns
    address_keywords = models.TextField(
        _("可疑地址关键词"),
        default=default_address_keywords,
        blank=True,
        help_text=_("每行一个。收货地址含这些词（如驿站、代收点）时加分，常见于多账号团伙。"),
    )
    flag_masked_identity = models.BooleanField(
        _("只有脱敏身份时提示"), default=True, help_text=_("订单只有脱敏手机号和脱敏姓名、无法确认身份时加少量风险分。")
    )
    masked_identity_weight_pct = models.PositiveSmallIntegerField(
        _("脱敏身份的规则权重（%）"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "买家只凭脱敏手机号和地区识别时，同一个“买家”可能是几个人。黑名单的脱敏匹配、关联账号、"
            "买家短时多单、取消/退款率、信用分等按买家累计的规则只按此比例计分；100 表示与确定身份同等对待。"
        ),
    )
    # Region rules: one region a line, "广东省" (whole province) or "广东省/深圳" (see reviews.regions).
    region_review = models.TextField(
        _("送审地区"),
        blank=True,
        help_text=_("收货地在这些省市的订单送人工审核，例如不发货的偏远地区。"),
    )
    region_block = models.TextField(
        _("拦截地区"),
        blank=True,
        help_text=_("收货地在这些省市的订单建议拦截，例如攻击集中来自的城市。"),
    )
    # Buyer tags: one "标签=分值" a line; a tag not listed adds nothing (see reviews.services.tagging).
    tag_weights = models.TextField(
        _("买家标签分值"),
        default=default_tag_weights,
        blank=True,
        help_text=_("每行一个“标签=分值”。买家带有这些标签时，其订单按分值加风险分；不在此列的标签不计分。"),
    )
    # One "rule code=weight" a line, for the rules whose weight the admin changed (0: switched off).
    rule_weights = models.TextField(
        _("规则开关与权重"),
        blank=True,
        default="",
        help_text=_("每条规则的权重（0–100）；0 表示关闭该规则，留空用默认值。"),
    )
    note = models.CharField(_("修改说明"), max_length=255, blank=True)
    diff = models.JSONField(_("与上一版的差异"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("修改人"),
    )
    created_at = models.DateTimeField(_("保存时间"), auto_now_add=True)

    # The fields an admin tunes; everything else is bookkeeping.
    TUNABLE = (
        "base_score",
        "restriction_floor",
        "restricted_action",
        "delta_unpaid_closed",
        "delta_cancel_after_pay",
        "delta_refund",
        "delta_refund_after_receipt",
        "delta_blacklisted",
        "delta_complaint_upheld",
        "delta_completed",
        "review_threshold",
        "block_threshold",
        "burst_orders",
        "group_burst_orders",
        "burst_minutes",
        "sku_burst_orders",
        "sku_burst_accounts",
        "sku_burst_minutes",
        "lock_quantity",
        "lock_new_buyer_days",
        "lock_sku_orders",
        "rate_threshold_pct",
        "rate_min_orders",
        "sku_daily_limit",
        "sku_limits",
        "quantity_factor",
        "address_keywords",
        "flag_masked_identity",
        "masked_identity_weight_pct",
        "region_review",
        "region_block",
        "tag_weights",
        "rule_weights",
    )

    class Meta:
        verbose_name = _("风控策略")
        verbose_name_plural = _("风控策略")
        ordering = ["shop", "-version"]
        constraints = [models.UniqueConstraint(fields=["shop", "version"], name="riskpolicy_unique_shop_version")]

    def __str__(self) -> str:
        return f"{self.shop_id} v{self.version}"

    def values(self) -> dict:
        """The tunable values as a plain dict (what the backtest and the diff compare)."""
        return {name: getattr(self, name) for name in self.TUNABLE}

    @cached_property
    def keywords(self) -> list[str]:
        return [line.strip() for line in self.address_keywords.splitlines() if line.strip()]

    @cached_property
    def regions_review(self) -> list[str]:
        return [line.strip() for line in self.region_review.splitlines() if line.strip()]

    @cached_property
    def regions_block(self) -> list[str]:
        return [line.strip() for line in self.region_block.splitlines() if line.strip()]

    @cached_property
    def tag_weight_map(self) -> dict[str, int]:
        """``{"兔子": 30, ...}`` from the ``tag_weights`` lines."""
        return {name: min(weight, 100) for name, weight in _numbers_by_key(self.tag_weights).items()}

    @cached_property
    def rule_weight_map(self) -> dict[str, int]:
        """``{"sku_bombing": 30, "ring_accounts": 0, ...}`` from the ``rule_weights`` lines: a rule's
        weight where the admin changed it; 0 switches the rule off."""
        return {code: min(weight, 100) for code, weight in _numbers_by_key(self.rule_weights).items()}

    @cached_property
    def sku_limit_map(self) -> dict[str, int]:
        """``{"100238471": 2, ...}`` from the ``sku_limits`` lines."""
        return _numbers_by_key(self.sku_limits)

    def credit_delta(self, kind: str) -> int:
        return getattr(self, f"delta_{kind}")


class LearnedWeights(models.Model):
    """Rule weights fitted for one shop from its labelled orders (reviewers' decisions, then final
    outcomes): in shadow until their backtest on the newest labelled orders beats the policy in
    force, when they become the policy's ``rule_weights`` as a new version."""

    class Status(models.TextChoices):
        SHADOW = "shadow", _("影子运行")
        ACTIVE = "active", _("已接管")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="learned_weights", verbose_name=_("店铺"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.SHADOW)
    samples = models.PositiveIntegerField(_("带标签的订单"))
    positives = models.PositiveIntegerField(_("其中恶意"))
    # Points per rule code (on the policy's 0–100 scale) and the fitted log-odds behind them (with
    # the intercept under "_intercept"; no float columns in Shield).
    weights = models.JSONField(_("学习到的权重"), default=dict)
    logits = models.JSONField(_("对数几率系数"), default=dict)
    # Precision, recall and F1 at the review line, of the policy in force and of these weights,
    # on the newest labelled orders (not used for fitting).
    evaluation = models.JSONField(_("回测"), default=dict)
    policy = models.ForeignKey(
        "RiskPolicy", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("接管后的策略")
    )
    created_at = models.DateTimeField(_("计算时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("学习到的规则权重")
        verbose_name_plural = _("学习到的规则权重")
        ordering = ["shop", "-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.shop} · {self.get_status_display()} · {self.created_at:%Y-%m-%d}"
