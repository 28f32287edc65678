"""Reusable filters: every list in Shield starts from one of these, scoped to the user's shops."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.expressions import DeadlineKey, deadline_expression


def claim_cutoff(now=None):
    """Claims taken before this moment have lapsed."""
    return (now or timezone.now()) - timedelta(minutes=settings.SHIELD_CLAIM_TTL_MINUTES)


class ShopQuerySet(models.QuerySet):
    def for_user(self, user):
        """The shops the user is a member of (superusers see every shop)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user).distinct()


class ShopScopedQuerySet(models.QuerySet):
    """Rows that belong to a shop through a ``shop`` foreign key."""

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(shop__memberships__user=user)

    def for_shop(self, shop):
        return self.filter(shop=shop)


class BuyerQuerySet(ShopScopedQuerySet):
    def restricted(self):
        return self.filter(restricted=True)

    def linked_to(self, buyer):
        """Buyers sharing a phone, an address or a receiver+address with ``buyer`` (one hop)."""
        return self.filter(
            models.Q(links_as_a__buyer_b=buyer) | models.Q(links_as_b__buyer_a=buyer),
            shop_id=buyer.shop_id,
        ).distinct()


class OrderQuerySet(ShopScopedQuerySet):
    def flagged(self):
        """Orders waiting for a person: flagged by screening or already being reviewed."""
        return self.filter(risk_state__in=["flagged", "in_review"])

    def with_related(self):
        return self.select_related("shop", "buyer")

    def with_deadline(self):
        """Annotate ``deadline``: the shipping cut-off (承诺发货时间, else paid + 48 h), and alias
        ``deadline_key``, which sorts the same and is what the queue's indexes hold."""
        hours = settings.SHIELD_SHIP_WITHIN_HOURS
        return self.annotate(deadline=deadline_expression(hours)).alias(deadline_key=DeadlineKey(hours))

    def unclaimed(self, *, now=None):
        """Queue orders nobody holds a live claim on (never claimed, released or lapsed)."""
        return self.flagged().filter(
            models.Q(claimed_by__isnull=True) | models.Q(claimed_at__lt=claim_cutoff(now)) | models.Q(claimed_at=None)
        )

    def claimed_live_by(self, user, *, now=None):
        """Queue orders ``user`` holds a live claim on."""
        return self.flagged().filter(claimed_by=user, claimed_at__gte=claim_cutoff(now))
