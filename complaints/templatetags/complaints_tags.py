"""Template pieces other pages may show: the dashboard's list of complaints to chase."""

from django import template

from complaints.models import Complaint

register = template.Library()


@register.inclusion_tag("complaints/_deadlines_panel.html", takes_context=True)
def complaint_deadlines(context, shop, limit: int = 10):
    """Overdue and due-soon complaints of ``shop``, most urgent first (two queries)."""
    complaints = Complaint.objects.for_shop(shop)
    return {
        "overdue": list(complaints.overdue().order_by("reply_due_at")[:limit]),
        "due_soon": list(complaints.due_soon().order_by("reply_due_at")[:limit]),
    }
