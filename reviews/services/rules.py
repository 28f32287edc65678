"""Screening rules, declared once: small pure functions over a prepared ``OrderContext`` that
return a ``Reason`` or nothing, the ``CATALOGUE`` that says what each one is (label, attack,
weight, parameters, flags), and ``screen_order``, which runs them on one order.

Nothing here reads the database: ``screening`` prepares the contexts for a batch (or one order)
with a few set-based queries, and the backtest builds them for two policies from the same data.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

from blacklist.models import Kind, ListType, ReasonCategory
from blacklist.normalize import is_masked, normalize_phone
from reviews.models import Order, RiskPolicy
from reviews.models.orders import REFUND_STATUSES, UNSETTLED_STATUSES
from reviews.phrases import Phrase
from reviews.regions import region_label, region_matches
from reviews.services.order_context import (
    UNKNOWN_SKU,
    FarmCell,
    OrderContext,
    Reason,
    RefundPlace,
    Verdict,
)

MIN_ANOMALY_QUANTITY = 5
# 炸店 by many accounts: within the SKU window, at least this many cancelled orders, at least this
# share of the window's orders, and so many more than the SKU's usual share would give that
# chance cannot explain them (standard deviations above the expected count).
BOMB_MIN_BAD = 10
BOMB_SHARE_FLOOR = 0.3
BOMB_SIGMAS = 6
# 同行恶拍 without the obvious 50: at least this many units, twice the SKU's median and more than
# its usual upper end (95th percentile of paid orders).
LOCK_MIN_UNITS = 3
LOCK_HIGH_CAP = 4
# A buyer's (or ring's) cancel/refund share counts only when chance would hardly give it at the
# shop's usual share: the binomial tail must be below this.
RATE_ALPHA = 0.05
RING_ACCOUNTS = 6
# A ring behind few phones: this many receivers, at least this many per phone, and not one
# sitting (an office's gift order): one account ordering on this many different days, or the
# accounts' first orders spread over one day fewer.
RING_NAMES = 6
RING_NAMES_PER_PHONE = 3
RING_DAYS = 3
# More receivers than this behind one phone is an organiser ordering for a crowd (a community
# group-buy leader for the neighbours, an office manager, a village co-op), not a ring of a few
# people's phones each carrying several names.
RING_ORGANISER_NAMES = 10


Rule = Callable[[OrderContext, RiskPolicy], Reason | None]


# -- rules -----------------------------------------------------------------------------------
# "手机号", not "phone", in the reason a reviewer reads.
_KIND_LABELS = dict(Kind.choices)


def blacklist_hit(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """The order's own phone, receiver, address or buyer id is on the blacklist."""
    if not ctx.blacklist:  # most orders: skip building the lists below
        return None
    direct = [m for m in ctx.blacklist if m.list_type == ListType.BLOCK and not m.linked]
    if direct:
        m = direct[0]
        return Reason.of(
            "blacklist",
            Phrase.of(
                gettext_noop("命中黑名单（%(kind)s：%(value)s）%(reason)s"),
                kind=_KIND_LABELS.get(m.kind, m.kind),
                value=m.value,
                reason=f"：{m.reason}" if m.reason else "",
            ),
            100,
        )
    return None


def blacklist_linked_hit(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """A buyer linked to this one (same phone or address) is on the blacklist."""
    if not ctx.blacklist:
        return None
    if any(m.list_type == ListType.BLOCK and not m.linked for m in ctx.blacklist):
        return None
    linked = [m for m in ctx.blacklist if m.list_type == ListType.BLOCK and m.linked]
    if linked:
        return Reason.of(
            "blacklist_linked",
            Phrase.of(
                gettext_noop("关联账号在黑名单中（%(kind)s：%(value)s）"),
                kind=_KIND_LABELS.get(linked[0].kind, linked[0].kind),
                value=linked[0].value,
            ),
            60,
        )
    return None


def credit_below_floor(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """The buyer's credit score is below the shop's restriction floor, for more than the shop's
    ordinary returns: a buyer whose cancelled and refunded share is no more than twice the shop's
    usual share lost its points the way this shop's honest buyers do (an apparel shop's
    returners), so only a record worse than that, or points lost for other things (blacklist,
    complaints), count."""
    b = ctx.buyer
    if b is None or b.credit_score >= policy.restriction_floor:
        return None
    if b.bad_orders and b.bad_orders <= 2 * ctx.shop_bad_share * b.orders:
        return None
    weight = 80 if policy.restricted_action == RiskPolicy.RestrictedAction.BLOCK else 45
    return Reason.of(
        "credit_low",
        Phrase.of(
            gettext_noop("买家信用分 %(score)d，低于受限线 %(floor)d"),
            score=b.credit_score,
            floor=policy.restriction_floor,
        ),
        weight,
    )


def buyer_burst(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """炸店: one buyer places many orders within minutes, at least half of them left unpaid or
    cancelled (a class monitor or an office ordering gifts for many people pays for them)."""
    if ctx.buyer_window >= policy.burst_orders and 2 * ctx.buyer_window_unsettled >= ctx.buyer_window:
        return Reason.of(
            "burst_buyer",
            Phrase.of(gettext_noop("同一买家 %(m)d 分钟内下单 %(n)d 笔"), m=policy.burst_minutes, n=ctx.buyer_window),
            50,
        )
    return None


def group_burst(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """炸店 through linked accounts: the group together places many orders within minutes, at least
    half of them left unpaid or cancelled (an office ordering a gift for each colleague pays)."""
    if (
        ctx.linked_buyers
        and ctx.group_window >= policy.group_burst_orders
        and ctx.buyer_window < policy.burst_orders
        and 2 * ctx.group_window_unsettled >= ctx.group_window
    ):
        return Reason.of(
            "burst_group",
            Phrase.of(
                gettext_noop("关联的 %(a)d 个账号 %(m)d 分钟内合计下单 %(n)d 笔"),
                a=ctx.linked_buyers + 1,
                m=policy.burst_minutes,
                n=ctx.group_window,
            ),
            45,
        )
    return None


def sku_burst(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """扫货: many orders for one SKU from few accounts within minutes."""
    if (
        ctx.sku_concentrated_orders >= policy.sku_burst_orders
        and 0 < ctx.sku_concentrated_accounts <= policy.sku_burst_accounts
    ):
        return Reason.of(
            "burst_sku",
            Phrase.of(
                gettext_noop("该商品 %(m)d 分钟内 %(n)d 单集中来自 %(a)d 个账号"),
                m=policy.sku_burst_minutes,
                n=ctx.sku_concentrated_orders,
                a=ctx.sku_concentrated_accounts,
            ),
            50,
        )
    return None


def _new_buyer(ctx: OrderContext, policy: RiskPolicy) -> bool:
    age = ctx.is_new_buyer_days
    return age is not None and age <= policy.lock_new_buyer_days


def inventory_lock(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """同行恶拍: several times the SKU's usual quantity left unpaid or cancelled by an account the
    shop never shipped to, or bulk from a new account left unpaid (a wholesale buyer pays); bulk
    from linked accounts not yet shipped; or many unshipped orders of one SKU by a group."""
    base = ctx.sku_baseline or UNKNOWN_SKU
    # Above the usual upper end, but never more than LOCK_HIGH_CAP times the median: where a few
    # bulk buyers (a kindergarten, a wholesaler) make the upper end, the lock hides under it.
    high = min(math.floor(base.high) + 1, math.ceil(LOCK_HIGH_CAP * base.quantity))
    units = max(LOCK_MIN_UNITS, math.ceil(2 * base.quantity), high)
    # A buyer the shop has shipped to is a customer (a wholesale buyer re-placing an unpaid bulk
    # order, say); locking accounts never take delivery.
    customer = ctx.buyer is not None and ctx.buyer.shipped > 0
    if ctx.quantity >= units and ctx.status in UNSETTLED_STATUSES and not customer:
        return Reason.of(
            "inventory_lock",
            Phrase.of(
                gettext_noop(
                    "单笔拍下 %(q)d 件（该商品通常一单 %(normal)s 件，多不超过 %(high)s 件）后未付款或取消，疑似占库存"
                ),
                q=ctx.quantity,
                normal=f"{base.quantity:g}",
                high=f"{base.high:g}",
            ),
            45,
        )
    unpaid = ctx.status in (Order.Status.UNPAID, Order.Status.CANCELLED)
    unshipped = ctx.status not in (Order.Status.SHIPPED, Order.Status.COMPLETED)
    if ctx.quantity >= policy.lock_quantity and (
        (ctx.linked_buyers and unshipped) or (unpaid and _new_buyer(ctx, policy))
    ):
        who = Phrase.of(gettext_noop("关联账号") if ctx.linked_buyers else gettext_noop("新账号"))
        return Reason.of(
            "inventory_lock",
            Phrase.of(gettext_noop("%(who)s单笔拍下 %(q)d 件，疑似占库存"), who=who, q=ctx.quantity),
            45,
        )
    # An order that shipped locked no stock: a group whose orders all went out (an office's
    # gifts for every colleague) is not locking the SKU, however many it placed at once.
    if ctx.linked_buyers and unshipped and ctx.group_unshipped_sku_orders >= policy.lock_sku_orders:
        return Reason.of(
            "inventory_lock",
            Phrase.of(
                gettext_noop("关联账号 24 小时内对该商品有 %(n)d 笔未发货订单，疑似占库存"),
                n=ctx.group_unshipped_sku_orders,
            ),
            45,
        )
    return None


@functools.lru_cache(maxsize=4096)
def binomial_tail(n: int, k: int, p: float) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p): how likely chance alone gives k bad orders of n."""
    if k <= 0:
        return 1.0
    return min(1.0, sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1)))


def _unusual_rate(n: int, bad: int, usual: float, policy: RiskPolicy) -> bool:
    """More than the policy's share of ``n`` orders went bad, and the shop's ``usual`` share would
    hardly give that many by chance (a shop where one order in four is returned is not a shop
    where one in twenty is)."""
    if n < policy.rate_min_orders or bad * 100 <= policy.rate_threshold_pct * n:
        return False
    p = min(max(round(usual, 3), 0.01), 0.9)
    return binomial_tail(n, bad, p) < RATE_ALPHA


def sku_bombing(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """炸店 by many accounts: around this order far more of the SKU's orders were left unpaid or
    cancelled than its usual share explains (a flash sale brings many orders, and they are paid);
    this order is one of them, or comes from a one-off account. Unpaid counts as it happens: a
    bombing in progress is unpaid orders, which close as cancelled only later."""
    n, bad = ctx.sku_window_orders, ctx.sku_window_bad
    if n < policy.sku_burst_orders or bad < BOMB_MIN_BAD or bad < BOMB_SHARE_FLOOR * n:
        return None
    usual = (ctx.sku_baseline or UNKNOWN_SKU).bad_share
    p = min(max(usual, 0.02), 0.9)
    if bad - n * p < BOMB_SIGMAS * math.sqrt(n * p * (1 - p)):
        return None
    if ctx.status not in UNSETTLED_STATUSES and not ctx.one_off_account:
        return None
    return Reason.of(
        "sku_bombing",
        Phrase.of(
            gettext_noop("该商品前后 %(m)d 分钟内 %(n)d 单，其中 %(bad)d 单未付款或已取消（平时约 %(usual)d%%）"),
            m=policy.sku_burst_minutes,
            n=n,
            bad=bad,
            usual=round(100 * usual),
        ),
        50,
    )


def ring_accounts(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """One person, many accounts: this buyer shares a phone or an address with many others. Not at
    a pickup point or another place the shop lists as shared (``address_keywords``): strangers
    share those, and the address rule already says so."""
    if ctx.linked_buyers + 1 >= RING_ACCOUNTS and not any(word in ctx.address for word in policy.keywords):
        return Reason.of(
            "ring_accounts",
            Phrase.of(gettext_noop("与 %(a)d 个账号共用手机号或收货地址"), a=ctx.linked_buyers),
            20,
        )
    return None


def ring_names(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """One person, many names: the buyer and its linked accounts ship to many receivers through a
    few phones, and not all on one day. A family is two or three names; colleagues ordering
    for each other each use their own phone, an office's gift order for everyone is placed in
    one sitting, and a group-buy leader's one phone carries a crowd of neighbours."""
    names, phones = ctx.ring_names, ctx.ring_phones
    if (
        names >= RING_NAMES
        and phones
        and names >= RING_NAMES_PER_PHONE * phones
        and ctx.ring_names_on_one_phone <= RING_ORGANISER_NAMES
        and (ctx.ring_days >= RING_DAYS or ctx.ring_spread_days >= RING_DAYS - 1)
        and not any(word in ctx.address for word in policy.keywords)
    ):
        return Reason.of(
            "ring_names",
            Phrase.of(gettext_noop("关联账号共用 %(p)d 个手机号，却有 %(n)d 个不同的收货人"), p=phones, n=names),
            40,
        )
    return None


_RATE_MESSAGES = {
    "orders": gettext_noop("买家 %(n)d 笔订单中 %(bad)d 笔取消或退款（%(pct)d%%，本店通常 %(usual)d%%）"),
    "shipped": gettext_noop("买家 %(n)d 笔已发货订单中 %(bad)d 笔退款（%(pct)d%%，本店通常 %(usual)d%%）"),
    "group": gettext_noop("关联的 %(a)d 个账号 %(n)d 笔订单中 %(bad)d 笔取消或退款（%(pct)d%%）"),
}


def cancel_refund_rate(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """The buyer, or its linked group, cancels or refunds far more of what it orders than the
    shop's buyers do; or refunds far more of what it received (a refunder whose honest-looking
    cancellations are few still stands out among shipped orders)."""
    b = ctx.buyer
    counts = []
    if b:
        counts += [("refund_rate", "orders", b.orders, b.bad_orders, ctx.shop_bad_share),
                   ("refund_rate", "shipped", b.shipped, b.refunds, ctx.shop_refund_share)]  # fmt: skip
    if ctx.linked_buyers:
        counts.append(("refund_rate_group", "group", ctx.group_orders, ctx.group_bad_orders, ctx.shop_bad_share))
    for code, kind, n, bad, usual in counts:
        if _unusual_rate(n, bad, usual, policy):
            facts = {"n": n, "bad": bad, "pct": round(100 * bad / n), "usual": round(100 * usual),
                     "a": ctx.linked_buyers + 1}  # fmt: skip
            return Reason.of(code, Phrase.of(_RATE_MESSAGES[kind], **facts), 50)
    return None


def sku_daily_limit(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """限购: more units of one SKU by one buyer in one day than the shop allows (that SKU's own
    limit when the policy sets one)."""
    own = policy.sku_limit_map.get(ctx.sku_id)
    limit = policy.sku_daily_limit if own is None else own
    if limit and ctx.sku_day_units > limit:
        if own is None:
            message = gettext_noop("当天购买该商品 %(n)d 件，超过限购 %(limit)d 件")
        else:
            message = gettext_noop("当天购买该商品 %(n)d 件，超过该商品的单品限购 %(limit)d 件")
        return Reason.of("sku_limit", Phrase.of(message, n=ctx.sku_day_units, limit=limit), 40)
    return None


def quantity_anomaly(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """Far more units than people usually buy of this SKU."""
    normal = (ctx.sku_baseline or UNKNOWN_SKU).quantity
    if ctx.quantity >= MIN_ANOMALY_QUANTITY and ctx.quantity >= policy.quantity_factor * normal:
        return Reason.of(
            "quantity",
            Phrase.of(
                gettext_noop("购买 %(q)d 件，该商品通常一单 %(normal)s 件"),
                q=ctx.quantity,
                normal=f"{normal:g}",
            ),
            25,
        )
    return None


def address_keywords(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """The address is a pickup point or another place rings use (admin-editable keywords)."""
    for word in policy.keywords:
        if word in ctx.address:
            return Reason.of("address_keyword", Phrase.of(gettext_noop("收货地址含“%(word)s”"), word=word), 20)
    return None


GIBBERISH = re.compile(r"^[a-z0-9]{4,}$|(.)\1{2,}|^(asdf|qwer|zxcv|test|测试)")


def receiver_pattern(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """A made-up receiver name, or an order with nothing but masked identities."""
    if ctx.receiver_gibberish:
        return Reason.of(
            "receiver_gibberish",
            Phrase.of(gettext_noop("收货人姓名疑似乱填（%(name)s）"), name=ctx.receiver),
            15,
        )
    if policy.flag_masked_identity and ctx.identity_masked:
        return Reason.of("masked_identity", Phrase.of(gettext_noop("只有脱敏的手机号或姓名，无法确认买家身份")), 10)
    return None


def region_rule(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """The order ships to a province or city the shop sends to review or blocks (admin-picked)."""
    if not (policy.regions_block or policy.regions_review):
        return None
    rule = region_matches(policy.regions_block, ctx.province, ctx.city)
    if rule:
        # Weighted to reach the policy's own line, so the rule means "block" whatever the thresholds.
        said = Phrase.of(gettext_noop("收货地在拦截地区（%(region)s）"), region=region_label(rule))
        return Reason.of("region", said, max(policy.block_threshold, 1))
    rule = region_matches(policy.regions_review, ctx.province, ctx.city)
    if rule:
        said = Phrase.of(gettext_noop("收货地在送审地区（%(region)s）"), region=region_label(rule))
        return Reason.of("region", said, max(policy.review_threshold, 1))
    return None


def buyer_tag(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """Staff tagged the buyer (兔子, 野狗, ...); each tag adds the weight the policy gives it."""
    if not ctx.buyer_tags:
        return None
    weights = policy.tag_weight_map
    counted = [name for name in ctx.buyer_tags if weights.get(name, 0) > 0]
    if not counted:
        return None
    return Reason.of("buyer_tag", Phrase.of(gettext_noop("买家被标记为：%(tags)s"), tags="、".join(counted)),
                  min(100, sum(weights[name] for name in counted)))  # fmt: skip


def _expected(value: float) -> Phrase:
    """An expected count as a reviewer reads it: one decimal, and never "0.0" for a small one."""
    return (
        Phrase.of(gettext_noop("约 %(e)s"), e=f"{value:.1f}") if value >= 0.05 else Phrase.of(gettext_noop("不到 0.1"))
    )


def _place_words(cell: FarmCell | RefundPlace) -> Phrase:
    """Where a place cell is, as a reviewer reads it: one address, or a street with its name."""
    return (
        Phrase.of(gettext_noop("同一收货地址"))
        if cell.place.startswith("a:")
        else Phrase.of(gettext_noop("同一街道（%(place)s）"), place=cell.label)
    )


def coupon_farm(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """羊毛党: a throwaway account's cheap order in a (SKU, place) cell that far more throwaway
    accounts filled than the place's usual share of the shop's orders explains."""
    cell = ctx.farm_cell
    if cell is None or not ctx.one_off_account:
        return None
    where = _place_words(cell)
    return Reason.of(
        "coupon_farm",
        Phrase.of(
            gettext_noop("疑似羊毛党：%(n)d 个新账号低价购买该商品并寄往%(where)s，按该地平时的下单量应%(e)s 个"),
            n=cell.accounts,
            where=where,
            e=_expected(cell.expected),
        ),
        40,
    )


def refund_place(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """退款团伙: this buyer has refunded after delivery, at a place where several accounts did far
    more often than the shop's refund share gives (one person behind relatives' accounts)."""
    cell, b = ctx.refund_place, ctx.buyer
    if cell is None or b is None or not b.refunds:
        return None
    where = _place_words(cell)
    return Reason.of(
        "refund_place",
        Phrase.of(
            gettext_noop("%(where)s近 90 天 %(a)d 个账号收货后退款 %(n)d 单，按本店退款率应%(e)s 单"),
            where=where,
            a=cell.accounts,
            n=cell.refunds,
            e=_expected(cell.expected),
        ),
        40,
    )


def refund_wave(ctx: OrderContext, policy: RiskPolicy) -> Reason | None:
    """退货潮: this order went back after delivery, one of a pile of its SKU's refunds in one city
    or among one week's orders, far beyond that SKU's refund share elsewhere (穿后退货 before a
    race or a holiday, 调包退货 by a crew in one city): each account is one-off, the SKU is not."""
    wave = ctx.refund_wave
    if wave is None or ctx.status not in REFUND_STATUSES:
        return None
    values = {"where": wave.label, "a": wave.accounts, "n": wave.refunds, "e": _expected(wave.expected)}
    if wave.where.startswith("c:"):
        message = gettext_noop(
            "该商品寄往%(where)s的订单近 90 天 %(a)d 个账号收货后退款 %(n)d 单，按它在别处的退款率应%(e)s 单"
        )
    else:
        message = gettext_noop(
            "该商品 %(where)s 下单的订单中有 %(a)d 个账号收货后退款 %(n)d 单，按该商品平时的退款率应%(e)s 单"
        )
    return Reason.of("refund_wave", Phrase.of(message, **values), 40)


class Attack(models.TextChoices):
    """What a rule is evidence of, for reports and the policy page."""

    BLACKLIST = "blacklist", gettext_lazy("黑名单")
    BURST = "burst", gettext_lazy("炸店")
    INVENTORY_LOCK = "inventory_lock", gettext_lazy("同行恶拍占库存")
    REFUND = "serial_refund", gettext_lazy("恶意退款/取消")
    RING = "ring", gettext_lazy("一人多号")
    FARM = "coupon_farm", gettext_lazy("羊毛党薅羊毛")
    SHOP_RULE = "shop_rule", gettext_lazy("店铺规则")
    IDENTITY = "identity", gettext_lazy("身份与地址")


@dataclass(frozen=True)
class RuleSpec:
    """One rule, declared once: every consumer (screening, backtest, alerts, reports, the policy
    page, the demo) reads this declaration."""

    code: str
    check: Rule
    label: str
    attack: str
    # The weight its reason carries by default; None where the rule works it out (credit floor,
    # regions, tags), which an admin can switch off but not re-weigh.
    weight: int | None
    # The policy fields it reads (shown beside it on the policy page).
    parameters: tuple[str, ...] = ()
    # Not applied to an allowlisted buyer: how much or how often someone orders.
    frequency: bool = False
    # Adds up what "the buyer" (or its ring) did: scaled for a masked identity.
    buyer_history: bool = False
    # A new reason of this rule on an actionable order raises an alert.
    alert: bool = False
    # Other codes its reasons carry (a ring's variant of the buyer's rule).
    more_codes: tuple[tuple[str, str], ...] = ()
    # The blacklist category a reviewer's blacklisting points to when this is the heaviest reason.
    blacklist_category: str = ""
    # Its weight may be learned from the shop's labels; not for the merchant's own lists and limits,
    # which say what the merchant wants, not how likely an attack is.
    learnable: bool = True

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *(code for code, _label in self.more_codes))


CATALOGUE: tuple[RuleSpec, ...] = (
    RuleSpec("blacklist", blacklist_hit, gettext_lazy("命中黑名单"), Attack.BLACKLIST, 100, alert=True,
             learnable=False),
    RuleSpec("blacklist_linked", blacklist_linked_hit, gettext_lazy("关联账号在黑名单"), Attack.BLACKLIST, 60,
             buyer_history=True, alert=True, learnable=False),
    RuleSpec("credit_low", credit_below_floor, gettext_lazy("信用分过低"), Attack.REFUND, None,
             ("restriction_floor", "restricted_action"), buyer_history=True),
    RuleSpec("burst_buyer", buyer_burst, gettext_lazy("买家短时多单"), Attack.BURST, 50,
             ("burst_orders", "burst_minutes"), frequency=True, buyer_history=True,
             blacklist_category=ReasonCategory.BOMBING),
    RuleSpec("burst_group", group_burst, gettext_lazy("关联账号集中下单"), Attack.BURST, 45,
             ("group_burst_orders", "burst_minutes"), frequency=True, buyer_history=True,
             blacklist_category=ReasonCategory.BOMBING),
    RuleSpec("burst_sku", sku_burst, gettext_lazy("炸店：同一商品集中下单"), Attack.BURST, 50,
             ("sku_burst_orders", "sku_burst_accounts", "sku_burst_minutes"), frequency=True, alert=True,
             blacklist_category=ReasonCategory.BOMBING),
    RuleSpec("sku_bombing", sku_bombing, gettext_lazy("炸店：同一商品大量取消"), Attack.BURST, 50,
             ("sku_burst_orders", "sku_burst_minutes"), frequency=True, alert=True,
             blacklist_category=ReasonCategory.BOMBING),
    RuleSpec("inventory_lock", inventory_lock, gettext_lazy("疑似同行恶拍占库存"), Attack.INVENTORY_LOCK, 45,
             ("lock_quantity", "lock_new_buyer_days", "lock_sku_orders"), frequency=True, buyer_history=True,
             blacklist_category=ReasonCategory.STOCK_LOCK),
    RuleSpec("refund_rate", cancel_refund_rate, gettext_lazy("取消/退款率高"), Attack.REFUND, 50,
             ("rate_threshold_pct", "rate_min_orders"), buyer_history=True,
             more_codes=(("refund_rate_group", gettext_lazy("关联账号取消/退款率高")),),
             blacklist_category=ReasonCategory.REFUND),
    RuleSpec("refund_place", refund_place, gettext_lazy("退款团伙：同一地点多账号退款"), Attack.REFUND, 40,
             blacklist_category=ReasonCategory.REFUND),
    RuleSpec("refund_wave", refund_wave, gettext_lazy("退货潮：同一商品集中收货后退款"), Attack.REFUND, 40,
             blacklist_category=ReasonCategory.REFUND),
    RuleSpec("coupon_farm", coupon_farm, gettext_lazy("羊毛党：新账号扎堆低价下单"), Attack.FARM, 40,
             frequency=True, alert=True),
    RuleSpec("ring_accounts", ring_accounts, gettext_lazy("多账号共用手机号/地址"), Attack.RING, 20,
             buyer_history=True),
    RuleSpec("ring_names", ring_names, gettext_lazy("少数手机号对应多个收货人"), Attack.RING, 40),
    RuleSpec("sku_limit", sku_daily_limit, gettext_lazy("超出限购"), Attack.SHOP_RULE, 40,
             ("sku_daily_limit", "sku_limits"), frequency=True, buyer_history=True,
             blacklist_category=ReasonCategory.STOCK_LOCK, learnable=False),
    RuleSpec("quantity", quantity_anomaly, gettext_lazy("数量异常"), Attack.INVENTORY_LOCK, 25,
             ("quantity_factor",), frequency=True, blacklist_category=ReasonCategory.STOCK_LOCK),
    RuleSpec("address_keyword", address_keywords, gettext_lazy("地址可疑"), Attack.IDENTITY, 20,
             ("address_keywords",)),
    RuleSpec("receiver_gibberish", receiver_pattern, gettext_lazy("收货人姓名可疑"), Attack.IDENTITY, None,
             ("flag_masked_identity",), more_codes=(("masked_identity", gettext_lazy("身份无法确认")),)),
    RuleSpec("region", region_rule, gettext_lazy("收货地区规则"), Attack.SHOP_RULE, None,
             ("region_review", "region_block")),
    RuleSpec("buyer_tag", buyer_tag, gettext_lazy("买家标签"), Attack.SHOP_RULE, None, ("tag_weights",)),
)  # fmt: skip


def weights_in_force(policy: RiskPolicy) -> dict[str, int | None]:
    """Each rule's weight under this policy: the admin's (or the learned) one, else the default
    (None for a rule that works its weight out and is on)."""
    return {**{spec.code: spec.weight for spec in CATALOGUE}, **policy.rule_weight_map}


# Every reason code (a rule's variants included) to its rule.
RULE_OF_CODE = {code: spec for spec in CATALOGUE for code in spec.codes}
# Short names of the reason codes, for the queue's chips, reports and the policy page.
REASON_LABELS = {
    **{code: label for spec in CATALOGUE for code, label in ((spec.code, spec.label), *spec.more_codes)},
    "allowlisted": gettext_lazy("白名单买家"),
}
# Reasons that add up what "the buyer" (or its linked accounts) did: when the buyer is only a
# masked phone in a region, those orders may be several people's, so the policy's
# ``masked_identity_weight_pct`` scales them (and a blacklist hit through a masked phone key).
BUYER_HISTORY_CODES = frozenset(code for spec in CATALOGUE if spec.buyer_history for code in spec.codes)
ALERT_CODES = frozenset(code for spec in CATALOGUE if spec.alert for code in spec.codes)


def _masked_blacklist_hit(ctx: OrderContext) -> bool:
    """The direct blacklist hit came through a masked phone key (``138****5678|name``), not a full one."""
    direct = [m for m in ctx.blacklist if m.list_type == ListType.BLOCK and not m.linked]
    return bool(direct) and direct[0].kind == "phone" and is_masked(normalize_phone(ctx.phone))


def _phrase_of(reason: Reason) -> Phrase:
    return reason.text if reason.text is not None else Phrase(reason.message)


def weigh_identity(reason: Reason, ctx: OrderContext, policy: RiskPolicy) -> Reason:
    """The one place a masked identity lowers a reason's weight, and the message says so."""
    masked = (reason.code in BUYER_HISTORY_CODES and ctx.buyer_masked) or (
        reason.code == "blacklist" and (ctx.buyer_masked or _masked_blacklist_hit(ctx))
    )
    pct = policy.masked_identity_weight_pct
    if not masked or pct >= 100:
        return reason
    note = Phrase.of(gettext_noop("（买家身份仅凭脱敏手机号识别，按 %(pct)d%% 计分）"), pct=pct)
    return Reason.of(reason.code, Phrase.joined(_phrase_of(reason), note), round(reason.weight * pct / 100))


def screen_order(ctx: OrderContext, policy: RiskPolicy) -> Verdict:
    """Run every rule the policy has on over one prepared order; the score is the sum of the
    weights (each as the policy sets it), capped at 100."""
    allowlisted = ctx.allowlisted
    weights = policy.rule_weight_map
    reasons = []
    for spec in CATALOGUE:
        if (allowlisted and spec.frequency) or weights.get(spec.code) == 0:
            continue
        reason = spec.check(ctx, policy)
        if reason is not None:
            if spec.code in weights and spec.weight is not None:
                reason = dataclasses.replace(reason, weight=weights[spec.code])
            reasons.append(weigh_identity(reason, ctx, policy))
    score = min(100, sum(r.weight for r in reasons)) if reasons else 0
    if allowlisted:
        reasons.append(
            Reason.of("allowlisted", Phrase.of(gettext_noop("买家在白名单中：不按下单频率和数量规则提示")), 0)
        )
    if score >= policy.block_threshold:
        decision = Order.Decision.BLOCK
    elif score >= policy.review_threshold:
        decision = Order.Decision.REVIEW
    else:
        decision = Order.Decision.ALLOW
    return Verdict(decision, score, reasons, policy.version, ctx.buyer)
