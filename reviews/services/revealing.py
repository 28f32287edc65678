"""Unmasking one order's buyer data for one person, on the record.

Pages show phones, receivers and addresses masked (``reviews.masking``); 显示完整信息 on an
order's page records a ``RevealEvent`` and shows that order in full to that person for
``REVEAL_FOR``. The lookup goes to the database, not the session, so every web process agrees
and the record that grants the view is the same one managers read.
"""

from datetime import timedelta

from django.utils import timezone

from reviews.models import Order, RevealEvent

REVEAL_FOR = timedelta(minutes=10)


def order_reveal(*, order: Order, user) -> RevealEvent:
    """Record that ``user`` asked to see ``order``'s full buyer data now."""
    return RevealEvent.objects.create(shop_id=order.shop_id, order=order, user=user)


def order_revealed_to(*, order: Order, user) -> bool:
    """Whether ``user`` revealed ``order`` within the last ``REVEAL_FOR``."""
    since = timezone.now() - REVEAL_FOR
    return RevealEvent.objects.filter(order=order, user=user, at__gte=since).exists()
