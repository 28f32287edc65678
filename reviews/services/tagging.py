"""Buyer tags: the merchants' vocabulary for bad buyers, put on a buyer by a person.

Tags are audited (who, when; removal keeps the row) and feed screening through the policy's
``tag_weights``: after a change, the buyer's orders still waiting for a decision are screened
again so the queue shows the new reason at once.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import BUILTIN_BUYER_TAGS, Buyer, BuyerTag, BuyerTagging, Order
from shieldsite.queues import enqueue


def shop_tags(*, shop_id: int) -> list[BuyerTag]:
    """The shop's vocabulary, the merchants' built-in words first (created on first use)."""
    tags = list(BuyerTag.objects.filter(shop_id=shop_id))
    missing = {name for name, _meaning in BUILTIN_BUYER_TAGS} - {t.name for t in tags}
    if missing:
        BuyerTag.objects.bulk_create(
            [
                BuyerTag(shop_id=shop_id, name=name, description=str(meaning), builtin=True)
                for name, meaning in BUILTIN_BUYER_TAGS
                if name in missing
            ],
            ignore_conflicts=True,
        )
        tags = list(BuyerTag.objects.filter(shop_id=shop_id))
    return tags


def buyer_tag_create(*, shop_id: int, name: str, description: str = "", user) -> BuyerTag:
    """A shop-defined tag (managers and admins)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写标签名。")})
    try:
        with transaction.atomic():
            return BuyerTag.objects.create(shop_id=shop_id, name=name, description=description.strip(), created_by=user)
    except IntegrityError:
        raise ValidationError({"name": _("本店已有这个标签。")}) from None


def _rescreen_open_orders(buyer: Buyer) -> None:
    from reviews import jobs  # jobs → screening → tagging: import at call time
    from reviews.services.scoring import ACTIONABLE_STATUSES

    # Orders the merchant can still act on and nobody has decided yet.
    undecided = (Order.RiskState.NEW, Order.RiskState.ALLOWED, Order.RiskState.FLAGGED, Order.RiskState.IN_REVIEW)
    open_ids = list(
        Order.objects.filter(buyer=buyer, risk_state__in=undecided, status__in=ACTIONABLE_STATUSES)
        .order_by("-pk")
        .values_list("pk", flat=True)[:500]
    )
    if open_ids:
        enqueue("scoring", jobs.orders_changed, buyer.shop_id, open_ids)


def buyer_tag_add(*, buyer: Buyer, tag: BuyerTag, user, note: str = "") -> BuyerTagging:
    """Put ``tag`` on ``buyer`` (once: tagging twice returns the live tagging)."""
    if tag.shop_id != buyer.shop_id:
        raise ValidationError({"tag": _("标签不属于这个店铺。")})
    with transaction.atomic():
        live = BuyerTagging.objects.filter(buyer=buyer, tag=tag, removed_at__isnull=True).first()
        if live is not None:
            return live
        tagging = BuyerTagging.objects.create(
            shop_id=buyer.shop_id, buyer=buyer, tag=tag, added_by=user, note=note.strip()[:200]
        )
        _rescreen_open_orders(buyer)
    return tagging


def buyer_tag_remove(*, tagging: BuyerTagging, user) -> BuyerTagging:
    """Take a tag off a buyer; the tagging stays in the history with who removed it and when."""
    with transaction.atomic():
        if tagging.removed_at is None:
            tagging.removed_at = timezone.now()
            tagging.removed_by = user
            tagging.save(update_fields=["removed_at", "removed_by"])
            _rescreen_open_orders(tagging.buyer)
    return tagging


def live_tags(buyer_ids: Iterable[int]) -> dict[int, list[str]]:
    """Buyer id → names of its current tags, in one query."""
    found: dict[int, list[str]] = defaultdict(list)
    ids = [pk for pk in set(buyer_ids) if pk]
    if ids:
        rows = (
            BuyerTagging.objects.filter(buyer_id__in=ids, removed_at__isnull=True)
            .order_by("pk")
            .values_list("buyer_id", "tag__name")
        )
        for buyer_id, name in rows:
            found[buyer_id].append(name)
    return dict(found)


def live_tags_of_shop(shop_id: int) -> dict[int, list[str]]:
    """Every tagged buyer of the shop → its current tags (the backtest's whole-shop view)."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = (
        BuyerTagging.objects.filter(shop_id=shop_id, removed_at__isnull=True)
        .order_by("pk")
        .values_list("buyer_id", "tag__name")
    )
    for buyer_id, name in rows:
        found[buyer_id].append(name)
    return dict(found)


def tag_counts(*, shop_id: int) -> dict[int, int]:
    """Tag id → buyers carrying it now."""
    from django.db.models import Count

    rows = (
        BuyerTagging.objects.filter(shop_id=shop_id, removed_at__isnull=True)
        .values("tag_id")
        .annotate(n=Count("buyer_id", distinct=True))
        .values_list("tag_id", "n")
    )
    return dict(rows)
