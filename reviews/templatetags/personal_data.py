"""Buyers' personal data in templates: ``{{ order.phone|shown_phone:revealed }}`` is the full value
only when ``revealed`` is true (the order's page after 显示完整信息), else masked by ``reviews.masking``."""

from django import template

from reviews import masking
from reviews.services.alerting import mask_phones

register = template.Library()


@register.filter
def shown_phone(phone, revealed=False):
    return phone if revealed else masking.masked_phone(phone)


@register.filter
def shown_receiver(name, revealed=False):
    return name if revealed else masking.masked_receiver(name)


@register.filter
def shown_address(order, revealed=False):
    """The order's one-line address, down to the street unless revealed."""
    return order.full_address if revealed else masking.masked_address(order)


@register.filter
def shown_buyer(buyer, revealed=False):
    if buyer is None:
        return ""
    return str(buyer) if revealed else masking.buyer_label(buyer)


@register.filter
def shown_text(text, revealed=False):
    """Free text a buyer or staff typed (留言, 备注): mobile numbers in it masked."""
    if revealed or text is None:
        return text
    return mask_phones(str(text))  # an export's extra column may hold a number


@register.filter
def shown_key(key, revealed=False):
    """A decision's blacklisted key (``{"kind": ..., "value": ...}``): its value as shown."""
    value = key.get("value", "")
    return value if revealed else masking.masked_key_value(key.get("kind", ""), value)
