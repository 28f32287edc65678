"""The contact log in templates: a decision's contact reason in the reader's language."""

from django import template
from django.utils.translation import gettext as _

from reviews.models import ContactAttempt

register = template.Library()


@register.filter
def contact_reason_text(reason) -> str:
    """“已联系买家：承认恶意” for a decision's ``contact`` reason, from its outcome code in the
    active language; the stored message when the code is unknown."""
    if not isinstance(reason, dict):
        return ""
    outcome = reason.get("outcome")
    if outcome in ContactAttempt.Outcome.values:
        return _("已联系买家：%(outcome)s") % {"outcome": ContactAttempt.Outcome(outcome).label}
    return reason.get("message", "")
