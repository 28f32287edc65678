"""Reusable filters for complaints: shop scoping and the reply-deadline views of the list."""

from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone

from reviews.querysets import ShopScopedQuerySet


def due_soon_limit(now: datetime | None = None) -> datetime:
    """The end of tomorrow in the shop's time zone: a deadline before it is "due soon"."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.max))


class ComplaintQuerySet(ShopScopedQuerySet):
    def awaiting_reply(self):
        """Submitted to the platform and not answered yet: the ones with a running deadline."""
        return self.filter(status="submitted", reply_due_at__isnull=False)

    def overdue(self, now: datetime | None = None):
        return self.awaiting_reply().filter(reply_due_at__lt=now or timezone.now())

    def due_soon(self, now: datetime | None = None):
        """Not overdue yet, but due by the end of tomorrow."""
        now = now or timezone.now()
        return self.awaiting_reply().filter(reply_due_at__gte=now, reply_due_at__lte=due_soon_limit(now))

    def deadline_first(self, now: datetime | None = None):
        """Overdue first (oldest deadline first), then due soon, then the rest, newest first."""
        now = now or timezone.now()
        awaiting = models.Q(status="submitted", reply_due_at__isnull=False)
        return self.annotate(
            urgency=models.Case(
                models.When(awaiting & models.Q(reply_due_at__lt=now), then=0),
                models.When(awaiting & models.Q(reply_due_at__lte=due_soon_limit(now)), then=1),
                models.When(awaiting, then=2),
                default=3,
                output_field=models.IntegerField(),
            ),
            deadline=models.Case(models.When(awaiting, then=models.F("reply_due_at")), default=None),
        ).order_by("urgency", models.F("deadline").asc(nulls_last=True), "-created_at", "-pk")


class EvidenceQuerySet(models.QuerySet):
    def for_user(self, user):
        """Evidence of complaints in the user's shops."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(complaint__shop__memberships__user=user)


class EvidencePackQuerySet(EvidenceQuerySet):
    pass
