"""Fit a shop's rule weights from its labelled orders now (the nightly job does it for every shop)."""

from django.core.management.base import BaseCommand, CommandError

from reviews.models import Shop
from reviews.services.learning import MIN_SAMPLES, weights_learn


class Command(BaseCommand):
    help = "Learn rule weights from reviewers' decisions and outcomes; shadow, or a new policy version when they win."

    def add_arguments(self, parser):
        parser.add_argument("--shop", type=int, required=True, help="shop id")
        parser.add_argument("--shadow-only", action="store_true", help="never let them take over")

    def handle(self, *args, shop: int, shadow_only: bool = False, **options):
        if not Shop.objects.filter(pk=shop).exists():
            raise CommandError(f"店铺不存在: {shop}")
        learned = weights_learn(shop_id=shop, take_over=not shadow_only)
        if learned is None:
            self.stdout.write(f"带标签的订单不足 {MIN_SAMPLES} 笔（或恶意/正常各不足 20 笔），暂不学习。")
            return
        ev = learned.evaluation
        self.stdout.write(
            f"{learned.samples:,} 笔带标签订单（恶意 {learned.positives:,}）· 最近 {ev['orders']:,} 笔上的 F1："
            f"原策略 {ev['current']['f1']:.3f}，学习权重 {ev['learned']['f1']:.3f} · {learned.get_status_display()}"
        )
        for code, points in sorted(learned.weights.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {code:<20} {points:>3}")
