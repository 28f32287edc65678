"""Contacting a buyer to verify an order (联系买家核实), and the shop's message templates.

A reviewer records each contact: channel, the template used (its words stored as sent), the
outcome and a note. The records are audit rows: never edited, never deleted. The latest
relevant outcome goes into the reasons of the order's next decision (``contact_reason``), and
into the buyer's timeline next to the credit events (``reviews.selectors.contacts``).

Templates belong to a shop and are edited by its admins; a template is retired, not deleted.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.models import Buyer, ContactAttempt, ContactTemplate, Order, Shop

# What a template may say about the order, filled in when it is shown. Only these names are
# replaced (plain text substitution, not str.format: a stray brace in a template is just text).
PLACEHOLDERS = {
    "{订单号}": gettext_lazy("订单号"),
    "{商品}": gettext_lazy("商品名称"),
    "{数量}": gettext_lazy("购买数量"),
    "{下单时间}": gettext_lazy("下单时间"),
    "{店铺}": gettext_lazy("店铺名称"),
}
# What a new shop starts with in the demo: polite, short, and asking one thing.
DEFAULT_TEMPLATES = (
    (
        "核实下单意向",
        "您好，这里是{店铺}。您刚刚拍下的订单 {订单号}（{商品} × {数量}）数量较多，"
        "请问是您本人需要购买吗？确认后我们会尽快安排发货，谢谢！",
    ),
    (
        "核实收货信息",
        "您好，这里是{店铺}。订单 {订单号} 的收货信息需要和您核实一下，请回复确认收货人和地址是否正确，以免影响发货。",
    ),
    (
        "提醒理性下单",
        "您好，这里是{店铺}。我们注意到订单 {订单号} 与其他多个账号的订单集中在同一时间下单。"
        "如非真实购买，请尽快申请取消；恶意下单我们将向平台投诉处理。",
    ),
)


def contact_template_fill(*, text: str, shop: Shop, order: Order | None = None) -> str:
    """The template's words with its placeholders filled from ``order`` (and the shop). Without an
    order (a contact from the buyer's page), the order's placeholders stay for the reviewer to fill."""
    values = {"{店铺}": shop.name}
    if order is not None:
        ordered_at = timezone.localtime(order.ordered_at).strftime("%Y-%m-%d %H:%M") if order.ordered_at else ""
        values |= {
            "{订单号}": order.order_no,
            "{商品}": order.sku_name,
            "{数量}": str(order.quantity),
            "{下单时间}": ordered_at,
        }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def contact_record(
    *,
    user,
    channel: str,
    outcome: str,
    order: Order | None = None,
    buyer: Buyer | None = None,
    template: ContactTemplate | None = None,
    note: str = "",
) -> ContactAttempt:
    """Record that ``user`` contacted the buyer of ``order`` (or ``buyer``, from the buyer's page).

    The template must be one of the shop's active templates; its words are stored as sent.
    Raises ``ValidationError`` (per field) for an unknown channel or outcome or a foreign template.
    """
    if order is None and buyer is None:
        raise ValueError("a contact is about an order or a buyer")
    shop_id = order.shop_id if order is not None else buyer.shop_id
    if order is not None:
        buyer = order.buyer
    errors = {}
    if channel not in ContactAttempt.Channel.values:
        errors["channel"] = _("请选择联系方式。")
    if outcome not in ContactAttempt.Outcome.values:
        errors["outcome"] = _("请选择联系结果。")
    if template is not None and (template.shop_id != shop_id or not template.active):
        errors["template"] = _("这个话术模板不可用。")
    if errors:
        raise ValidationError(errors)
    message = ""
    if template is not None:
        message = contact_template_fill(text=template.text, shop=template.shop, order=order)
    return ContactAttempt.objects.create(
        shop_id=shop_id,
        order=order,
        buyer=buyer,
        channel=channel,
        template=template,
        message=message,
        outcome=outcome,
        note=note.strip()[:1000],
        created_by=user,
    )


def contact_reason(attempt: ContactAttempt) -> dict:
    """The contact as one of a decision's reasons: what the reviewer knew when deciding. Weight 0:
    it explains the decision, it does not score the order. The message is kept in the site's
    language like the screening reasons; pages render it from ``outcome`` in the reader's."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _("已联系买家：%(outcome)s") % {"outcome": attempt.get_outcome_display()}
    return {
        "code": "contact",
        "message": message,
        "weight": 0,
        "outcome": attempt.outcome,
        "channel": attempt.channel,
        "contact_id": attempt.pk,
    }


def _template_errors(title: str, text: str) -> dict:
    errors = {}
    if not title:
        errors["title"] = _("请填写标题。")
    if not text:
        errors["text"] = _("请填写话术内容。")
    return errors


def contact_template_create(*, shop: Shop, user, title: str, text: str) -> ContactTemplate:
    """A new message template of the shop (admins)."""
    title, text = title.strip()[:50], text.strip()[:1000]
    if errors := _template_errors(title, text):
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return ContactTemplate.objects.create(shop=shop, title=title, text=text, created_by=user, updated_by=user)
    except IntegrityError:
        raise ValidationError({"title": _("已有同名的话术模板。")}) from None


def contact_template_update(
    *, template: ContactTemplate, user, title: str, text: str, active: bool = True
) -> ContactTemplate:
    """Change a template's words or retire it (admins). Past contacts keep the words they sent."""
    title, text = title.strip()[:50], text.strip()[:1000]
    if errors := _template_errors(title, text):
        raise ValidationError(errors)
    template.title, template.text, template.active, template.updated_by = title, text, active, user
    try:
        with transaction.atomic():
            template.save(update_fields=["title", "text", "active", "updated_by", "updated_at"])
    except IntegrityError:
        raise ValidationError({"title": _("已有同名的话术模板。")}) from None
    return template


def contact_templates_seed(*, shop: Shop, user) -> list[ContactTemplate]:
    """Give a shop the default templates it does not have yet (the demo data)."""
    existing = set(ContactTemplate.objects.filter(shop=shop).values_list("title", flat=True))
    return [
        ContactTemplate.objects.create(shop=shop, title=title, text=text, created_by=user, updated_by=user)
        for title, text in DEFAULT_TEMPLATES
        if title not in existing
    ]
