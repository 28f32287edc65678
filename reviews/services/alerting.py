"""Alerts: tell a shop's people when something needs them now, through webhooks and email.

An event (a blacklisted buyer ordered again, a burst on a SKU, a stale review queue, a
complaint about to miss its deadline) goes through ``alert_raise``: it is dropped while the
shop muted its kind, counted on the earlier alert when the same kind and subject (a SKU, a
buyer) already alerted within the shop's window, and otherwise stored as an ``Alert`` and
sent to every active channel that wants its kind — one RQ job per channel, retried with
backoff, every attempt logged as an ``AlertDelivery``.

Webhooks are signed: ``X-Shield-Signature: sha256=<hex>`` is HMAC-SHA256 with the shop's
secret over ``<X-Shield-Timestamp>.<raw body>`` (README, "Alerts"). WeCom and DingTalk group
robots get the same POST in their own markdown message format.

Periodic checks (queue age here, complaint deadlines from the complaints app, which
registers its check with ``register_check``) run from ``manage.py alerts_check``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rq import Retry

from reviews.models import (
    Alert,
    AlertChannel,
    AlertDelivery,
    AlertKind,
    AlertMute,
    AlertSettings,
    Order,
    Shop,
)

logger = logging.getLogger(__name__)

# Waits before the 2nd, 3rd and 4th attempt: an endpoint that is briefly down still gets the alert.
RETRY_INTERVALS = [30, 120, 600]
MUTE_HOURS = (1, 8, 24)
SIGNATURE_HEADER = "X-Shield-Signature"
TIMESTAMP_HEADER = "X-Shield-Timestamp"
# Reason codes of screening that are alert events.
BLACKLIST_CODES = ("blacklist", "blacklist_linked")
SKU_BURST_CODE = "burst_sku"
ALERT_CODES = frozenset({*BLACKLIST_CODES, SKU_BURST_CODE})
ROBOT_KINDS = (AlertChannel.Kind.WECOM, AlertChannel.Kind.DINGTALK)


_PHONE = re.compile(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)")


def mask_phones(text: str) -> str:
    """Alerts leave Shield for group chats and mailboxes: mobile numbers go out masked (138****5678)."""
    return _PHONE.sub(r"\1****\2", text)


class DeliveryFailed(Exception):
    """One delivery attempt failed; raised so RQ retries the job."""


def absolute_url(path: str) -> str:
    """A link staff can open from a chat message or a mail."""
    return settings.SHIELD_BASE_URL + path


# -- settings, secret, mutes ----------------------------------------------------------------
def alert_settings_for(*, shop_id: int) -> AlertSettings:
    """The shop's alert settings; made with a fresh signing secret the first time.

    That first secret signs but was never shown (``secret_created_at`` is empty): an admin
    generates one on the alerts page to see it once.
    """
    found, _created = AlertSettings.objects.get_or_create(shop_id=shop_id, defaults={"secret": secrets.token_hex(32)})
    return found


@transaction.atomic
def alert_secret_regenerate(*, shop: Shop) -> str:
    """Replace the shop's signing secret; the new one is returned to be shown once."""
    found = alert_settings_for(shop_id=shop.pk)
    found.secret = secrets.token_hex(32)
    found.secret_created_at = timezone.now()
    found.save(update_fields=["secret", "secret_created_at", "updated_at"])
    return found.secret


def alert_settings_update(*, shop: Shop, window_minutes: int, queue_age_minutes: int) -> AlertSettings:
    """Change the shop's rate-limit window and queue-age threshold."""
    found = alert_settings_for(shop_id=shop.pk)
    found.window_minutes, found.queue_age_minutes = window_minutes, queue_age_minutes
    found.save(update_fields=["window_minutes", "queue_age_minutes", "updated_at"])
    return found


def alert_mute(*, shop: Shop, kind: str, hours: int, user) -> AlertMute | None:
    """Silence one event kind for ``hours`` (0 lifts the mute)."""
    if hours <= 0:
        AlertMute.objects.filter(shop=shop, kind=kind).delete()
        return None
    mute, _created = AlertMute.objects.update_or_create(
        shop=shop, kind=kind, defaults={"until": timezone.now() + timedelta(hours=hours), "created_by": user}
    )
    return mute


def active_mutes(*, shop_id: int, now: datetime | None = None) -> dict[str, datetime]:
    now = now or timezone.now()
    return dict(AlertMute.objects.filter(shop_id=shop_id, until__gt=now).values_list("kind", "until"))


def channels_for(*, shop_id: int, kind: str) -> list[AlertChannel]:
    """Active channels of the shop that want this kind of event (JSON list filtered in Python:
    a shop has a handful of channels)."""
    return [c for c in AlertChannel.objects.filter(shop_id=shop_id, active=True) if kind in (c.events or [])]


# -- raising an alert --------------------------------------------------------------------------
def alert_raise(
    *,
    shop_id: int,
    kind: str,
    subject: str,
    title: str,
    text: str,
    url: str,
    data: dict | None = None,
    now: datetime | None = None,
) -> Alert | None:
    """Store one alert and send it to the shop's channels, unless muted or already sent.

    The rate limit is enforced in the database: the shop's settings row is locked while
    looking for an alert of the same kind and subject within the window, so two workers
    screening at once still send one alert. A repeat only counts up ``repeats`` on the
    alert that was sent. Returns the new alert, or None when nothing was sent.
    """
    now = now or timezone.now()
    channels = channels_for(shop_id=shop_id, kind=kind)
    if not channels:
        return None
    with transaction.atomic():
        found = alert_settings_for(shop_id=shop_id)
        found = AlertSettings.objects.select_for_update().get(pk=found.pk)
        if AlertMute.objects.filter(shop_id=shop_id, kind=kind, until__gt=now).exists():
            return None
        since = now - timedelta(minutes=found.window_minutes)
        recent = Alert.objects.filter(shop_id=shop_id, kind=kind, subject=subject, created_at__gte=since)
        if recent.update(repeats=F("repeats") + 1):
            return None
        alert = Alert.objects.create(
            shop_id=shop_id,
            kind=kind,
            subject=subject,
            title=title,
            text=text,
            url=url,
            data=data or {},
            created_at=now,
        )
        for channel in channels:
            alert_send(alert=alert, channel=channel)
    return alert


def alert_send(*, alert: Alert, channel: AlertChannel) -> None:
    """Queue the delivery of one alert to one channel (after commit, retried with backoff)."""
    from reviews import jobs
    from shieldsite.queues import enqueue

    enqueue(
        "default",
        jobs.deliver_alert,
        alert.pk,
        channel.pk,
        retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS),
    )


@transaction.atomic
def alert_test(*, channel: AlertChannel, user) -> Alert:
    """Send a test message to one channel, whatever the mutes and the rate limit."""
    alert = Alert.objects.create(
        shop_id=channel.shop_id,
        kind=AlertKind.TEST,
        subject=f"test:{channel.pk}",
        title=_("Shield 测试提醒"),
        text=_("%(user)s 从提醒设置页发送了这条测试消息，收到说明渠道“%(name)s”配置正确。")
        % {"user": user.get_username(), "name": channel.name},
        url=absolute_url(reverse("reviews:alerts")),
    )
    alert_send(alert=alert, channel=channel)
    return alert


# -- delivering ------------------------------------------------------------------------------
def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``<timestamp>.<body>`` with the shop's secret."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, timestamp: str, body: bytes, header: str, *, max_age: int = 300) -> bool:
    """What a receiver does (README): recompute, compare in constant time, refuse old timestamps."""
    if not header.startswith("sha256=") or not timestamp.isdigit():
        return False
    if abs(time.time() - int(timestamp)) > max_age:
        return False
    return hmac.compare_digest(header.removeprefix("sha256="), sign(secret, timestamp, body))


def message_for(channel: AlertChannel, alert: Alert) -> dict:
    """The JSON a channel receives: Shield's own event, or a WeCom / DingTalk markdown message."""
    link = _("在 Shield 中查看")
    if channel.kind == AlertChannel.Kind.WECOM:
        return {
            "msgtype": "markdown",
            "markdown": {"content": f"**{alert.title}**\n{alert.text}\n[{link}]({alert.url})"},
        }
    if channel.kind == AlertChannel.Kind.DINGTALK:
        return {
            "msgtype": "markdown",
            "markdown": {"title": alert.title, "text": f"### {alert.title}\n\n{alert.text}\n\n[{link}]({alert.url})"},
        }
    return {
        "id": alert.pk,
        "event": alert.kind,
        "event_label": str(alert.get_kind_display()),
        "shop": {"id": alert.shop_id, "name": alert.shop.name},
        "title": alert.title,
        "text": alert.text,
        "url": alert.url,
        "data": alert.data,
        "repeats": alert.repeats,
        "created_at": alert.created_at.isoformat(),
    }


@dataclass
class Answer:
    status: int | None
    body: str
    error: str = ""


def http_post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST once and report what came back. The one place that touches the network (tests
    point it at a local server)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (admin-set http(s) URL)
            return Answer(response.status, response.read(2000).decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, exc.read(2000).decode("utf-8", "replace"), f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Answer(None, "", str(getattr(exc, "reason", exc))[:500])


def _robot_error(answer: Answer) -> str:
    """WeCom and DingTalk answer 200 with ``{"errcode": n}``: anything but 0 is a failure."""
    try:
        reply = json.loads(answer.body)
    except ValueError:
        return ""
    if isinstance(reply, dict) and reply.get("errcode", 0) != 0:
        return f"errcode {reply.get('errcode')}: {reply.get('errmsg', '')}"[:500]
    return ""


def alert_deliver(*, alert_id: int, channel_id: int) -> AlertDelivery | None:
    """Make one delivery attempt of an alert to a channel and log it; raise if it failed.

    Safe to run again (a retry): each run logs its own attempt number. A channel deleted or
    switched off meanwhile gets nothing.
    """
    alert = Alert.objects.select_related("shop").filter(pk=alert_id).first()
    channel = AlertChannel.objects.filter(pk=channel_id, shop_id=getattr(alert, "shop_id", None)).first()
    if alert is None or channel is None or not channel.active:
        return None
    attempt = AlertDelivery.objects.filter(alert=alert, channel=channel).count() + 1
    started = time.monotonic()
    status, error = None, ""
    with translation.override(settings.LANGUAGE_CODE):
        if channel.kind == AlertChannel.Kind.EMAIL:
            try:
                body = f"{alert.text}\n\n{alert.url}\n"
                send_mail(f"[Shield] {alert.title}", body, None, channel.recipients, fail_silently=False)
            except Exception as exc:  # any backend error is this attempt's failure
                error = f"{type(exc).__name__}: {exc}"[:500]
        else:
            body = json.dumps(message_for(channel, alert), ensure_ascii=False).encode()
            timestamp = str(int(time.time()))
            secret = alert_settings_for(shop_id=alert.shop_id).secret
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "Shield-Alerts/1",
                "X-Shield-Event": alert.kind,
                "X-Shield-Delivery": f"{alert.pk}-{channel.pk}-{attempt}",
                TIMESTAMP_HEADER: timestamp,
                SIGNATURE_HEADER: "sha256=" + sign(secret, timestamp, body),
            }
            answer = http_post(channel.url, body, headers, settings.SHIELD_ALERT_TIMEOUT)
            status, error = answer.status, answer.error
            if status is not None and not 200 <= status < 300:
                error = error or f"HTTP {status}"
            elif status is not None and channel.kind in ROBOT_KINDS:
                error = _robot_error(answer)
    delivery = AlertDelivery.objects.create(
        alert=alert,
        channel=channel,
        attempt=attempt,
        ok=not error,
        status_code=status,
        error=error,
        duration_ms=round(1000 * (time.monotonic() - started)),
    )
    if error:
        raise DeliveryFailed(f"alert {alert.pk} → channel {channel.pk}, attempt {attempt}: {error}")
    return delivery


# -- events from screening ---------------------------------------------------------------------
@dataclass(frozen=True)
class ScreeningEvent:
    code: str
    order_id: int
    buyer_id: int | None
    sku_id: str
    message: str


def alerts_for_screening(*, shop_id: int, events: list[ScreeningEvent]) -> int:
    """Alerts for what a screening batch newly found: blacklisted buyers ordering again (one per
    buyer) and bursts on a SKU (one per SKU). Returns how many alerts were sent."""
    if not events or not AlertChannel.objects.filter(shop_id=shop_id, active=True).exists():
        return 0
    orders = {
        row["pk"]: row
        for row in Order.objects.filter(pk__in={e.order_id for e in events}).values(
            "pk", "order_no", "sku_name", "receiver", "buyer__display_name"
        )
    }
    by_subject: dict[tuple[str, str], list[ScreeningEvent]] = {}
    for event in events:
        if event.code in BLACKLIST_CODES:
            key = (AlertKind.BLACKLIST_ORDER, f"buyer:{event.buyer_id or 'order-' + str(event.order_id)}")
        elif event.code == SKU_BURST_CODE and event.sku_id:
            key = (AlertKind.SKU_BURST, f"sku:{event.sku_id}")
        else:
            continue
        by_subject.setdefault(key, []).append(event)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (kind, subject), group in by_subject.items():
            first = group[0]
            order = orders.get(first.order_id, {})
            url = absolute_url(reverse("reviews:order_detail", args=[first.order_id]))
            if kind == AlertKind.BLACKLIST_ORDER:
                who = order.get("buyer__display_name") or order.get("receiver") or _("买家")
                title = _("黑名单买家再次下单：%(who)s") % {"who": who}
                text = _("订单 %(no)s（%(sku)s）%(why)s。共 %(n)d 笔新订单。") % {
                    "no": order.get("order_no", first.order_id),
                    "sku": order.get("sku_name") or first.sku_id or "—",
                    "why": mask_phones(first.message),
                    "n": len(group),
                }
            else:
                url = absolute_url(reverse("reviews:order_list") + f"?sku_id={first.sku_id}")
                title = _("炸店：商品 %(sku)s 短时集中下单") % {"sku": order.get("sku_name") or first.sku_id}
                text = _("%(why)s。本批新标记 %(n)d 单，最新一单 %(no)s。") % {
                    "why": first.message,
                    "n": len(group),
                    "no": order.get("order_no", first.order_id),
                }
            data = {"order_ids": [e.order_id for e in group][:50], "buyer_id": first.buyer_id, "sku_id": first.sku_id}
            if alert_raise(shop_id=shop_id, kind=kind, subject=subject, title=title, text=text, url=url, data=data):
                sent += 1
    return sent


# -- periodic checks -------------------------------------------------------------------------
PeriodicCheck = Callable[[datetime], int]
PERIODIC_CHECKS: list[PeriodicCheck] = []


def register_check(check: PeriodicCheck) -> PeriodicCheck:
    """Add a check to ``alerts_check`` (apps that reviews may not import register theirs here)."""
    if check not in PERIODIC_CHECKS:
        PERIODIC_CHECKS.append(check)
    return check


def shops_listening(kind: str) -> list[int]:
    """Shops with at least one active channel that wants this kind."""
    rows = AlertChannel.objects.filter(active=True).values_list("shop_id", "events")
    return sorted({shop_id for shop_id, events in rows if kind in (events or [])})


@register_check
def check_queue_age(now: datetime) -> int:
    """Alert shops whose review queue's oldest order has waited longer than their threshold.

    An order waits from when Shield first saw it (its import), so an old order imported today
    does not count as waiting for days.
    """
    shop_ids = shops_listening(AlertKind.QUEUE_STALE)
    if not shop_ids:
        return 0
    limits = {s.shop_id: s.queue_age_minutes for s in AlertSettings.objects.filter(shop_id__in=shop_ids)}
    waiting = (
        Order.objects.filter(shop_id__in=shop_ids)
        .flagged()
        .values("shop_id")
        .annotate(oldest=Min("created_at"), n=Count("pk"))
        .order_by()
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for row in waiting:
            limit = limits.get(row["shop_id"]) or AlertSettings._meta.get_field("queue_age_minutes").default
            minutes = int((now - row["oldest"]).total_seconds() // 60)
            if minutes < limit:
                continue
            title = _("审核队列积压：最早的订单已等待 %(m)d 分钟") % {"m": minutes}
            text = _("队列里有 %(n)d 单待审，最早一单已等待 %(m)d 分钟（提醒线 %(limit)d 分钟）。") % {
                "n": row["n"],
                "m": minutes,
                "limit": limit,
            }
            url = absolute_url(reverse("reviews:queue"))
            data = {"waiting": row["n"], "oldest_minutes": minutes}
            if alert_raise(
                shop_id=row["shop_id"],
                kind=AlertKind.QUEUE_STALE,
                subject="queue",
                title=title,
                text=text,
                url=url,
                data=data,
                now=now,
            ):
                sent += 1
    return sent


def alerts_check(now: datetime | None = None) -> dict[str, int]:
    """Run every registered periodic check; a failing check never stops the others."""
    now = now or timezone.now()
    results = {}
    for check in PERIODIC_CHECKS:
        try:
            results[check.__name__] = check(now)
        except Exception:
            logger.exception("alert check %s failed", check.__name__)
            results[check.__name__] = -1
    return results


def recent_alerts(*, shop: Shop, kind: str = ""):
    """The shop's alerts, newest first, with how their deliveries went (for the list page)."""
    alerts = Alert.objects.filter(shop=shop)
    if kind:
        alerts = alerts.filter(kind=kind)
    return alerts.annotate(
        attempts=Count("deliveries"),
        delivered=Count("deliveries", filter=Q(deliveries__ok=True)),
    ).order_by("-created_at", "-pk")
