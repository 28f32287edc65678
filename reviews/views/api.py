"""``POST /api/v1/check``: a shop's own systems ask whether to ship an order.

The one URL that works without a session: it authenticates with a per-shop token in
``Authorization: Bearer shd_…`` and is exempt from CSRF (no cookie is involved). Errors
answer JSON ``{"error": {"code", "message", "fields"}}`` with a Chinese message.
"""

import json
import time
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from reviews.models import Order
from reviews.services.checking import CheckedOrder, buyer_identity, order_check
from reviews.services.importing.parsing import order_time_problem
from reviews.services.tokens import api_token_lookup, api_token_touch

MAX_BODY = 64 * 1024
STRING_FIELDS = {
    "order_no": 64,
    "sku_id": 64,
    "sku_name": 255,
    "buyer_id": 128,
    "receiver": 100,
    "phone": 32,
    "province": 32,
    "city": 32,
    "district": 32,
    "street": 64,
    "address": 255,
    "buyer_note": 1000,
}
# The largest amount the column holds (numeric(12, 2): 9999999999.99); a larger one overflows it.
_AMOUNT = Order._meta.get_field("amount_paid")
AMOUNT_MAX = Decimal(10) ** (_AMOUNT.max_digits - _AMOUNT.decimal_places) - Decimal(1).scaleb(-_AMOUNT.decimal_places)


def error(status: int, code: str, message: str, fields: dict | None = None, **headers) -> JsonResponse:
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _storable(text: str) -> bool:
    """PostgreSQL text takes neither NUL nor a lone surrogate (which has no UTF-8 form)."""
    if "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _parse_time(value, name: str, fields: dict) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed but no such moment: month 13, offset +99:00
        parsed = None
    if parsed is None:
        fields[name] = "应为 ISO 8601 时间，例如 2026-05-01T12:30:00+08:00"
        return None
    parsed = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    problem = order_time_problem(parsed)
    if problem:
        fields[name] = problem
        return None
    return parsed


def parse_check(payload) -> tuple[CheckedOrder | None, dict]:
    """The order described by the request body, or the problems with it (``{field: message}``)."""
    if not isinstance(payload, dict):
        return None, {"": "请求体应为 JSON 对象"}
    fields: dict[str, str] = {}
    values: dict = {}
    for name, limit in STRING_FIELDS.items():
        value = payload.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            fields[name] = "应为字符串"
        elif len(value) > limit:
            fields[name] = f"不能超过 {limit} 个字符"
        elif not _storable(value):
            fields[name] = "不能包含空字符（NUL）或无效的 Unicode 字符"
        else:
            values[name] = value.strip()
    if not values.get("order_no") and "order_no" not in fields:
        fields["order_no"] = "必填"
    quantity = payload.get("quantity", 1)
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        fields["quantity"] = "应为整数"
    elif not 1 <= quantity <= 100_000:
        fields["quantity"] = "应在 1 到 100000 之间"
    else:
        values["quantity"] = quantity
    amount = payload.get("amount_paid")
    if amount is not None:
        try:
            if isinstance(amount, bool):
                raise InvalidOperation
            values["amount_paid"] = Decimal(str(amount))
            if not values["amount_paid"].is_finite() or values["amount_paid"] < 0:
                raise InvalidOperation
        except InvalidOperation:
            fields["amount_paid"] = "应为不小于 0 的数字"
        else:
            if values["amount_paid"] > AMOUNT_MAX:
                fields["amount_paid"] = f"不能超过 {AMOUNT_MAX}"
    status = payload.get("status")
    if status is not None:
        if status not in Order.Status.values:
            fields["status"] = "应为以下之一：" + ", ".join(Order.Status.values)
        else:
            values["status"] = status
    for name in ("ordered_at", "paid_at"):
        parsed = _parse_time(payload.get(name), name, fields)
        if parsed:
            values[name] = parsed
    if fields:
        return None, fields
    order = CheckedOrder(**values)
    if buyer_identity(order) is None:
        return None, {"buyer_id": "至少提供 buyer_id、phone，或 receiver 加 address 之一，用来识别买家"}
    return order, {}


def _rate_limited(token_id: int) -> int:
    """Seconds until the next window if the token used up its requests this minute, else 0."""
    limit = settings.API_RATE_LIMIT
    if not limit:
        return 0
    window = int(time.time() // 60)
    key = f"api-rate:{token_id}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return 60 - int(time.time() % 60) if count > limit else 0


@login_not_required
@csrf_exempt
@require_POST
def check(request):
    """Screen one order: ``{"decision", "score", "reasons", "buyer", "policy_version", "order"}``."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return error(
            401, "unauthorized", "缺少 API 令牌：请在 Authorization 头中使用 Bearer 令牌", WWW_Authenticate="Bearer"
        )
    token = api_token_lookup(raw.strip())
    if token is None:
        return error(401, "unauthorized", "API 令牌无效", WWW_Authenticate='Bearer error="invalid_token"')
    if token.revoked_at is not None:
        return error(403, "token_revoked", "该 API 令牌已被吊销，请向店铺管理员申请新令牌")
    retry = _rate_limited(token.pk)
    if retry:
        return error(429, "rate_limited", "请求过于频繁，请稍后再试", Retry_After=str(retry))
    if len(request.body) > MAX_BODY:
        return error(413, "too_large", f"请求体不能超过 {MAX_BODY // 1024} KB")
    if request.content_type != "application/json":
        return error(400, "invalid_content_type", "Content-Type 应为 application/json")
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return error(400, "invalid_json", f"请求体不是有效的 JSON：{exc}")
    except RecursionError:
        return error(400, "invalid_json", "请求体不是有效的 JSON：嵌套层数过多")
    except ValueError:  # an integer longer than Python reads (sys.get_int_max_str_digits, 4300)
        return error(400, "invalid_json", "请求体不是有效的 JSON：数字位数过多")
    order, problems = parse_check(payload)
    if order is None:
        missing = [name for name, message in problems.items() if message == "必填"]
        code = "missing_field" if missing and len(missing) == len(problems) else "invalid_field"
        return error(400, code, "订单数据有误，请检查 fields 中列出的字段", problems)
    api_token_touch(token)
    saved, verdict = order_check(shop_id=token.shop_id, order=order)
    buyer = verdict.buyer
    return JsonResponse(
        {
            "decision": verdict.decision,
            "score": verdict.score,
            "reasons": [reason.as_dict() for reason in verdict.reasons],
            "buyer": {
                "id": saved.buyer_id,
                "identity": buyer.confidence if buyer else None,
                "credit_score": buyer.credit_score if buyer else None,
                "restricted": buyer.restricted if buyer else None,
                "orders": buyer.orders if buyer else 0,
                "cancelled_or_refunded": buyer.bad_orders if buyer else 0,
            },
            "policy_version": verdict.policy_version,
            "order": {"id": saved.pk, "order_no": saved.order_no},
        },
        json_dumps_params={"ensure_ascii": False},
    )
