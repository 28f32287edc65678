"""Recompute credit scores from the ledger: every shop, or one with --shop."""

from django.core.management.base import BaseCommand, CommandError

from reviews.jobs import rescore_shop
from reviews.models import Shop
from shieldsite.queues import enqueue


class Command(BaseCommand):
    help = "Re-derive credit events from orders and recompute every buyer's credit score (set-based, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--shop", type=int, help="only this shop id")
        parser.add_argument(
            "--queue", action="store_true", help="send one job per shop to the scoring queue instead of running here"
        )

    def handle(self, *args, shop=None, queue=False, **options):
        shops = Shop.objects.all()
        if shop is not None:
            shops = shops.filter(pk=shop)
            if not shops.exists():
                raise CommandError(f"no shop with id {shop}")
        for shop_obj in shops:
            if queue:
                enqueue("scoring", "reviews.jobs.rescore_shop", shop_obj.pk)
                self.stdout.write(f"queued shop {shop_obj.pk} {shop_obj.name}")
            else:
                changed = rescore_shop(shop_obj.pk)
                self.stdout.write(f"shop {shop_obj.pk} {shop_obj.name}: {changed} buyers changed")
