"""Complaint deadlines as alerts: complaints depend on reviews, so they register their check
with the alerting core (``reviews.services.alerting.register_check``) rather than the other way.
"""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.jobs import complaints_due
from reviews.models import AlertKind
from reviews.services.alerting import absolute_url, alert_raise, register_check, shops_listening


@register_check
def check_complaint_deadlines(now: datetime) -> int:
    """One alert per complaint and day while its platform reply is due by tomorrow or overdue.

    The subject carries the state and the local date, so a complaint that turns from "due
    tomorrow" to "overdue" alerts again, and an overdue one reminds once a day, not every run.
    """
    shop_ids = set(shops_listening(AlertKind.COMPLAINT_DUE))
    if not shop_ids:
        return 0
    due = complaints_due(now)
    today = timezone.localtime(now).date().isoformat()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for state, complaints in (("overdue", due["overdue"]), ("due", due["due_soon"])):
            for complaint in complaints:
                if complaint.shop_id not in shop_ids:
                    continue
                due_at = timezone.localtime(complaint.reply_due_at).strftime("%m-%d %H:%M")
                if state == "overdue":
                    title = _("投诉已逾期：%(title)s") % {"title": complaint.title}
                    text = _("平台回复截止 %(due)s 已过，工单 %(ticket)s。请催促平台或补充材料。")
                else:
                    title = _("投诉明天前到期：%(title)s") % {"title": complaint.title}
                    text = _("平台回复截止 %(due)s，工单 %(ticket)s。")
                text %= {"due": due_at, "ticket": complaint.platform_ticket_no or "—"}
                if alert_raise(
                    shop_id=complaint.shop_id,
                    kind=AlertKind.COMPLAINT_DUE,
                    subject=f"complaint:{complaint.pk}:{state}:{today}",
                    title=title,
                    text=text,
                    url=absolute_url(reverse("complaints:detail", args=[complaint.pk])),
                    data={
                        "complaint_id": complaint.pk,
                        "state": state,
                        "reply_due_at": complaint.reply_due_at.isoformat(),
                    },
                    now=now,
                ):
                    sent += 1
    return sent
