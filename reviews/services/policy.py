"""Risk policy versions: the current one of a shop, and saving a new one with its diff."""

from django.db import IntegrityError, transaction

from reviews.models import RiskPolicy, Shop
from shieldsite.memo import RecentMemo


def policy_current(*, shop_id: int) -> RiskPolicy:
    """The shop's latest policy version; the defaults are saved as version 1 the first time."""
    policy = RiskPolicy.objects.filter(shop_id=shop_id).order_by("-version").first()
    if policy is not None:
        return policy
    try:
        with transaction.atomic():
            return RiskPolicy.objects.create(shop_id=shop_id, version=1, note="默认策略")
    except IntegrityError:
        # Another process saved version 1 at the same moment: use theirs.
        return RiskPolicy.objects.filter(shop_id=shop_id).order_by("-version").first()


def policy_in_force(*, shop: Shop) -> RiskPolicy:
    """The shop's latest policy version, or the defaults unsaved: for pages and reports, which
    read the policy but never save one."""
    return RiskPolicy.objects.filter(shop=shop).order_by("-version").first() or RiskPolicy(shop=shop)


_recent = RecentMemo()
RECENT_SECONDS = 5.0


def policy_current_cached(*, shop_id: int) -> RiskPolicy:
    """``policy_current`` remembered for a few seconds in this process, for the check API's hot path.

    A newly saved version reaches the API within ``RECENT_SECONDS``; batch screening and the
    backtest always read the database.
    """
    return _recent.get_or_set(shop_id, lambda: policy_current(shop_id=shop_id), seconds=RECENT_SECONDS)


def policy_with_values(*, shop_id: int, values: dict, version: int = 0) -> RiskPolicy:
    """An unsaved policy with these tunable values (the backtest runs candidates like this)."""
    known = {name: value for name, value in values.items() if name in RiskPolicy.TUNABLE}
    return RiskPolicy(shop_id=shop_id, version=version, **known)


def policy_diff(old: dict, new: dict) -> dict:
    """``{field: [old, new]}`` for every tunable value that changed."""
    return {
        name: [old.get(name), new[name]] for name in RiskPolicy.TUNABLE if name in new and old.get(name) != new[name]
    }


@transaction.atomic
def policy_save(*, shop: Shop, values: dict, user, note: str = "") -> RiskPolicy:
    """Save new thresholds as the shop's next version; the previous versions stay as they were.

    Returns the current version unchanged when nothing differs from it.
    """
    # Lock the shop row so two admins saving at once get consecutive versions.
    Shop.objects.select_for_update().filter(pk=shop.pk).first()
    current = policy_current(shop_id=shop.pk)
    merged = {**current.values(), **{k: v for k, v in values.items() if k in RiskPolicy.TUNABLE}}
    diff = policy_diff(current.values(), merged)
    if not diff:
        return current
    return RiskPolicy.objects.create(
        shop=shop, version=current.version + 1, created_by=user, note=note, diff=diff, **merged
    )
