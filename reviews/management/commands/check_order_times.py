"""Find orders stored with a time outside the range the check API and imports now enforce.

Before the range was enforced, a time such as ``9999-12-31T23:59:59-12:00`` was stored as year
10000 UTC, which Python cannot read: the shop's order list, export and the buyer's ring page
answered 500. This lists every such value so an operator can correct or delete those orders.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from reviews.models import Order
from reviews.services.importing.parsing import DEADLINE_FIELDS, ORDER_TIME_RANGE, TIME_FIELDS


class Command(BaseCommand):
    help = (
        "检查已保存的订单时间：列出超出 2000 年到 2100 年范围的时间（店铺、订单号、字段、值），"
        "发现任何一个即以非零状态退出。"
    )

    def handle(self, *args, **options):
        low, high = ORDER_TIME_RANGE
        found = 0
        for name in (*TIME_FIELDS, *DEADLINE_FIELDS):
            outside = Order.objects.filter(Q(**{f"{name}__lt": low}) | Q(**{f"{name}__gte": high}))
            # The value as the database's text: a year-10000 time is no Python datetime.
            rows = outside.order_by("shop_id", "order_no").values_list(
                "shop_id", "shop__name", "order_no", Cast(name, TextField())
            )
            for shop_id, shop_name, order_no, value in rows.iterator():
                self.stdout.write(f"{shop_name} (#{shop_id})\t{order_no}\t{name}\t{value}")
                found += 1
        if found:
            raise CommandError(
                f"发现 {found} 个超出 {low.year} 年到 {high.year} 年范围的订单时间，请修正或删除这些订单。"
            )
        self.stdout.write(f"没有超出 {low.year} 年到 {high.year} 年范围的订单时间。")
