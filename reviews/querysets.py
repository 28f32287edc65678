"""Reusable filters: every list in Shield starts from one of these, scoped to the user's shops."""

from django.db import models


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
