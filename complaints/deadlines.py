"""The platform's reply deadline: submitted + N working days (Saturday and Sunday skipped)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def add_working_days(start: datetime, days: int) -> datetime:
    """``start`` moved forward by ``days`` Monday-to-Friday days, at the same local time of day.

    Counted in the shop's time zone, so a Friday-evening submission in Shanghai lands on a
    Wednesday there, whatever the UTC date is. Public holidays are not known here.
    """
    moment = timezone.localtime(start)
    remaining = days
    while remaining > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            remaining -= 1
    return moment


def reply_due_for(submitted_at: datetime) -> datetime:
    """When the platform should have answered a complaint submitted at ``submitted_at``."""
    return add_working_days(submitted_at, settings.SHIELD_COMPLAINT_REPLY_DAYS)
