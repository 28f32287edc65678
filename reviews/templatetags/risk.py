"""Risk verdicts in templates: ``{{ order.risk_score|score_class:policy }}`` colours a score on the
shop policy's own review and block lines; ``{{ reason|reason_text }}`` says a stored screening
reason in the language of the page."""

from django import template

from reviews.models import RiskPolicy
from reviews.services.order_context import reason_message

register = template.Library()

# The policy's defaults, for a page that has no shop policy at hand.
_DEFAULT_POLICY = RiskPolicy()


@register.filter
def score_class(score, policy=None) -> str:
    """``score-high`` at or above the policy's block line, ``score-mid`` at or above its review
    line, else nothing: the colour means what the verdict means, whatever the shop tuned."""
    if score is None or score == "":
        return ""
    policy = policy or _DEFAULT_POLICY
    if score >= policy.block_threshold:
        return "score-high"
    if score >= policy.review_threshold:
        return "score-mid"
    return ""


@register.filter
def reason_text(reason) -> str:
    """One stored reason (``Order.risk_reasons`` item) in the active language."""
    return reason_message(reason)
