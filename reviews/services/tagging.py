"""Buyer tags: the merchants' vocabulary for bad buyers, put on a buyer by a person.

Tags are audited (who, when; removal keeps the row) and feed screening through the policy's
``tag_weights``: after a change, the buyer's orders still waiting for a decision are screened
again so the queue shows the new reason at once.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import BUILTIN_BUYER_TAGS, Buyer, BuyerTag, BuyerTagging, Order, Shop
from reviews.models.orders import ACTIONABLE_STATUSES
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
    name, description = name.strip(), description.strip()
    if not name:
        raise ValidationError({"name": _("请填写标签名。")})
    # Checked here, not left to the database: a value too long or with a NUL would fail the
    # INSERT and the tags page would answer 500 instead of saying what to change.
    problems = {}
    name_limit = BuyerTag._meta.get_field("name").max_length
    description_limit = BuyerTag._meta.get_field("description").max_length
    if len(name) > name_limit:
        problems["name"] = _("标签名不能超过 %(limit)s 个字符。") % {"limit": name_limit}
    if len(description) > description_limit:
        problems["description"] = _("含义不能超过 %(limit)s 个字符。") % {"limit": description_limit}
    for field, value in (("name", name), ("description", description)):
        if "\x00" in value:
            problems[field] = _("不能包含空字符（NUL）。")
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            return BuyerTag.objects.create(shop_id=shop_id, name=name, description=description, created_by=user)
    except IntegrityError:
        raise ValidationError({"name": _("本店已有这个标签。")}) from None


def _rescreen_open_orders(buyer: Buyer, *, shared: bool = False) -> None:
    """Screen again the buyer's undecided orders (and, for a shared tag, the same identity's in
    the merchant's other shops) so queues show the changed tag reason at once."""

    buyers = [(buyer.shop_id, buyer.pk)]
    organization_id = buyer.shop.organization_id
    if shared and organization_id is not None:
        buyers += (
            Buyer.objects.filter(shop__organization_id=organization_id, key_kind=buyer.key_kind, key=buyer.key)
            .exclude(pk=buyer.pk)
            .values_list("shop_id", "pk")
        )
    # Orders the merchant can still act on and nobody has decided yet.
    undecided = (Order.RiskState.NEW, Order.RiskState.ALLOWED, Order.RiskState.FLAGGED, Order.RiskState.IN_REVIEW)
    for shop_id, buyer_id in buyers:
        open_ids = list(
            Order.objects.filter(buyer_id=buyer_id, risk_state__in=undecided, status__in=ACTIONABLE_STATUSES)
            .order_by("-pk")
            .values_list("pk", flat=True)[:500]
        )
        if open_ids:
            enqueue("scoring", "reviews.jobs.orders_changed", shop_id, open_ids)


def buyer_tag_add(*, buyer: Buyer, tag: BuyerTag, user, note: str = "", shared: bool = False) -> BuyerTagging:
    """Put ``tag`` on ``buyer`` (once: tagging twice returns the live tagging).

    ``shared`` shows the tag on the same buyer in every shop of the merchant (and weighs it in
    their screening); it needs the shop to belong to an organization.
    """
    if tag.shop_id != buyer.shop_id:
        raise ValidationError({"tag": _("标签不属于这个店铺。")})
    if shared and buyer.shop.organization_id is None:
        raise ValidationError({"shared": _("这个店铺不属于任何商家，不能共用标签。")})
    with transaction.atomic():
        live = BuyerTagging.objects.filter(buyer=buyer, tag=tag, removed_at__isnull=True).first()
        if live is not None:
            if shared and not live.shared:
                live.shared = True
                live.save(update_fields=["shared"])
                _rescreen_open_orders(buyer, shared=True)
            return live
        tagging = BuyerTagging.objects.create(
            shop_id=buyer.shop_id, buyer=buyer, tag=tag, added_by=user, note=note.strip()[:200], shared=shared
        )
        _rescreen_open_orders(buyer, shared=shared)
    return tagging


def buyer_tag_remove(*, tagging: BuyerTagging, user) -> BuyerTagging:
    """Take a tag off a buyer; the tagging stays in the history with who removed it and when."""
    with transaction.atomic():
        if tagging.removed_at is None:
            tagging.removed_at = timezone.now()
            tagging.removed_by = user
            tagging.save(update_fields=["removed_at", "removed_by"])
            _rescreen_open_orders(tagging.buyer, shared=tagging.shared)
    return tagging


def live_tags_sql(where: str) -> str:
    """The query behind ``_live_tag_rows``: rows (buyer id, tag name, shop shared from or "", tagging id),
    ordered by tagging. Screening one order embeds it in its own single query."""
    buyer, shop = Buyer._meta.db_table, Shop._meta.db_table
    tagging, tag = BuyerTagging._meta.db_table, BuyerTag._meta.db_table
    return f"""
        WITH targets AS (SELECT b.id, b.shop_id, b.key_kind, b.key FROM {buyer} b WHERE {where})
        SELECT t.id, tg.name, '', bt.id FROM targets t
          JOIN {tagging} bt ON bt.buyer_id = t.id AND bt.removed_at IS NULL
          JOIN {tag} tg ON tg.id = bt.tag_id
        UNION ALL
        SELECT t.id, tg.name, os.name, bt.id FROM targets t
          JOIN {shop} s ON s.id = t.shop_id AND s.organization_id IS NOT NULL
          JOIN {shop} os ON os.organization_id = s.organization_id AND os.id <> s.id
          JOIN {buyer} ob ON ob.shop_id = os.id AND ob.key_kind = t.key_kind AND ob.key = t.key
          JOIN {tagging} bt ON bt.buyer_id = ob.id AND bt.shared AND bt.removed_at IS NULL
          JOIN {tag} tg ON tg.id = bt.tag_id
        ORDER BY 4
    """


def _live_tag_rows(where: str, params: list) -> list[tuple[int, str, str]]:
    """(buyer id, tag name, shop it was shared from or "") for the target buyers, in one query.

    A buyer carries its own live tags, and the live tags a sibling shop of the same merchant
    marked 本商家所有店铺共用 on the buyer with the same identity key (key kind and key).
    ``where`` selects the target buyers (``b`` is reviews_buyer).
    """
    with connection.cursor() as cursor:
        cursor.execute(live_tags_sql(where), params)
        return [(buyer_id, name, source) for buyer_id, name, source, _pk in cursor.fetchall()]


def tag_names(rows: Iterable[tuple[int, str, str]]) -> dict[int, list[str]]:
    """Buyer id → its tag names, each once, in the order of the rows."""
    found: dict[int, list[str]] = defaultdict(list)
    for buyer_id, name, _source in rows:
        if name not in found[buyer_id]:
            found[buyer_id].append(name)
    return dict(found)


def live_tags(buyer_ids: Iterable[int]) -> dict[int, list[str]]:
    """Buyer id → names of its current tags (its own and those shared by sibling shops), in one query."""
    ids = sorted({pk for pk in buyer_ids if pk})
    if not ids:
        return {}
    return tag_names(_live_tag_rows(f"b.id IN ({', '.join(['%s'] * len(ids))})", ids))


def live_tags_of_shop(shop_id: int) -> dict[int, list[str]]:
    """Every tagged buyer of the shop → its current tags (the backtest's whole-shop view)."""
    return tag_names(_live_tag_rows("b.shop_id = %s", [shop_id]))


def shared_from_siblings(buyer: Buyer) -> list[dict]:
    """Tags sibling shops share on this buyer's identity, with the shop each came from."""
    return [{"name": name, "shop": source} for _pk, name, source in _live_tag_rows("b.id = %s", [buyer.pk]) if source]


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
