"""Alerts: signed webhooks, robot formats, retries with every attempt logged, rate limit, mutes, events."""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import Alert, AlertChannel, AlertDelivery, AlertKind, Order
from reviews.services import alerting
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_buyer, make_link, make_order
from tests.reviews.webhook_server import Receiver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allow_local_webhooks")]
NOW = timezone.now()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def webhook(shop_a, receiver):
    return AlertChannel.objects.create(shop=shop_a, kind=AlertChannel.Kind.WEBHOOK, name="ERP", url=receiver.url)


def raise_alert(shop, *, kind=AlertKind.SKU_BURST, subject="sku:HOT", now=None, capture=None):
    kwargs = {"title": "炸店：商品 HOT", "text": "15 单来自 3 个账号", "url": "http://shield.test/orders/"}
    return alerting.alert_raise(shop_id=shop.pk, kind=kind, subject=subject, now=now, **kwargs)


def test_webhook_is_signed_with_the_shops_secret(shop_a, webhook, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_alert(shop_a)
    request = receiver.requests[0]
    body, headers = request["body"], request["headers"]
    secret = alerting.alert_settings_for(shop_id=shop_a.pk).secret
    timestamp = headers["X-Shield-Timestamp"]
    # What the README tells a receiver to do, spelled out with the standard library.
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["X-Shield-Signature"] == f"sha256={expected}"
    assert alerting.verify_signature(secret, timestamp, body, headers["X-Shield-Signature"])
    assert not alerting.verify_signature("another-secret", timestamp, body, headers["X-Shield-Signature"])
    assert not alerting.verify_signature(secret, timestamp, body + b" ", headers["X-Shield-Signature"])
    payload = receiver.json()
    assert payload["event"] == "sku_burst" and payload["id"] == alert.pk and payload["shop"]["name"] == "店铺A"
    assert headers["X-Shield-Event"] == "sku_burst"


def test_regenerated_secret_signs_from_then_on(shop_a, alice, webhook, receiver, django_capture_on_commit_callbacks):
    old = alerting.alert_settings_for(shop_id=shop_a.pk).secret
    new = alerting.alert_secret_regenerate(shop=shop_a, user=alice)
    assert new != old
    with django_capture_on_commit_callbacks(execute=True):
        raise_alert(shop_a)
    request = receiver.requests[0]
    args = (request["headers"]["X-Shield-Timestamp"], request["body"], request["headers"]["X-Shield-Signature"])
    assert alerting.verify_signature(new, *args) and not alerting.verify_signature(old, *args)


def test_failing_endpoint_is_retried_and_every_attempt_logged(
    shop_a, webhook, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_alert(shop_a)
    attempts = list(AlertDelivery.objects.filter(alert=alert).order_by("attempt"))
    assert [(d.attempt, d.ok, d.status_code) for d in attempts] == [(1, False, 500), (2, False, 503), (3, True, 200)]
    assert attempts[0].error == "HTTP 500"
    assert len(receiver.requests) == 3


def test_an_endpoint_that_never_answers_gives_up_after_the_retries(shop_a, django_capture_on_commit_callbacks):
    dead = AlertChannel.objects.create(shop=shop_a, name="dead", url="http://127.0.0.1:9/hook")
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_alert(shop_a)  # the caller never sees the failure
    attempts = AlertDelivery.objects.filter(alert=alert, channel=dead)
    assert attempts.count() == 1 + len(alerting.RETRY_INTERVALS)
    assert not attempts.filter(ok=True).exists()
    assert all(d.status_code is None and d.error for d in attempts)


def test_webhooks_never_reach_the_servers_own_network(shop_a, receiver, settings, django_capture_on_commit_callbacks):
    settings.SHIELD_ALERT_ALLOW_PRIVATE = False  # production default
    inner = AlertChannel.objects.create(shop=shop_a, name="inner", url=receiver.url)
    metadata = AlertChannel.objects.create(shop=shop_a, name="meta", url="http://169.254.169.254/latest/meta-data/")
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_alert(shop_a)
    for channel, address in ((inner, "127.0.0.1"), (metadata, "169.254.169.254")):
        delivery = AlertDelivery.objects.filter(alert=alert, channel=channel).first()
        assert not delivery.ok and f"不能发送到内网或本机地址（{address}）" in delivery.error
    assert receiver.requests == []


def test_a_redirecting_endpoint_is_not_followed(shop_a, webhook, receiver, django_capture_on_commit_callbacks):
    second = Receiver()
    try:
        receiver.statuses, receiver.redirect_to = [302] * 9, second.url
        with django_capture_on_commit_callbacks(execute=True):
            alert = raise_alert(shop_a)
        first = AlertDelivery.objects.filter(alert=alert).order_by("attempt").first()
        assert not first.ok and first.status_code == 302
        assert second.requests == []
    finally:
        second.close()


def test_wecom_and_dingtalk_get_their_markdown_format(shop_a, receiver, django_capture_on_commit_callbacks):
    AlertChannel.objects.create(shop=shop_a, kind=AlertChannel.Kind.WECOM, name="企微", url=receiver.url)
    AlertChannel.objects.create(shop=shop_a, kind=AlertChannel.Kind.DINGTALK, name="钉钉", url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        raise_alert(shop_a)
    bodies = {r["body"].decode() for r in receiver.requests}
    wecom = next(receiver.json(i) for i in range(2) if "content" in receiver.json(i)["markdown"])
    dingtalk = next(receiver.json(i) for i in range(2) if "title" in receiver.json(i)["markdown"])
    assert len(bodies) == 2
    assert wecom["msgtype"] == "markdown" and "**炸店：商品 HOT**" in wecom["markdown"]["content"]
    assert "(http://shield.test/orders/)" in wecom["markdown"]["content"]
    assert dingtalk["markdown"]["title"] == "炸店：商品 HOT" and "### 炸店" in dingtalk["markdown"]["text"]


def test_robot_error_code_counts_as_a_failed_delivery(shop_a, receiver, django_capture_on_commit_callbacks):
    receiver.reply = b'{"errcode": 93000, "errmsg": "invalid webhook url"}'
    AlertChannel.objects.create(shop=shop_a, kind=AlertChannel.Kind.WECOM, name="企微", url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_alert(shop_a)
    first = AlertDelivery.objects.filter(alert=alert).order_by("attempt").first()
    assert not first.ok and first.status_code == 200 and "93000" in first.error


def test_email_channel_sends_the_alert_with_its_link(shop_a, django_capture_on_commit_callbacks):
    AlertChannel.objects.create(shop=shop_a, kind=AlertChannel.Kind.EMAIL, name="店长", emails="boss@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_alert(shop_a)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["boss@example.com"] and "炸店" in mail.outbox[0].subject
    assert "http://shield.test/orders/" in mail.outbox[0].body
    assert AlertDelivery.objects.get(alert=alert).ok


def test_one_alert_per_kind_and_subject_per_window(shop_a, webhook, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = raise_alert(shop_a, now=NOW)
        assert raise_alert(shop_a, now=NOW + timedelta(minutes=5)) is None
        assert raise_alert(shop_a, now=NOW + timedelta(minutes=29)) is None
        other_sku = raise_alert(shop_a, subject="sku:OTHER", now=NOW + timedelta(minutes=6))
        other_kind = raise_alert(shop_a, kind=AlertKind.BLACKLIST_ORDER, subject="sku:HOT", now=NOW)
        later = raise_alert(shop_a, now=NOW + timedelta(minutes=31))
    first.refresh_from_db()
    assert first.repeats == 2
    assert other_sku and other_kind and later
    assert Alert.objects.count() == 4 and len(receiver.requests) == 4


def test_window_is_the_shops_setting(shop_a, webhook):
    alerting.alert_settings_update(shop=shop_a, window_minutes=120, queue_age_minutes=60)
    raise_alert(shop_a, now=NOW)
    assert raise_alert(shop_a, now=NOW + timedelta(minutes=90)) is None
    assert raise_alert(shop_a, now=NOW + timedelta(minutes=121)) is not None


def test_muted_kind_sends_nothing_until_the_mute_ends(shop_a, alice, webhook):
    mute = alerting.alert_mute(shop=shop_a, kind=AlertKind.SKU_BURST, hours=1, user=alice)
    muted = mute.until - timedelta(minutes=1)
    assert raise_alert(shop_a, now=muted) is None
    assert raise_alert(shop_a, kind=AlertKind.BLACKLIST_ORDER, subject="buyer:1", now=muted) is not None
    assert raise_alert(shop_a, now=mute.until + timedelta(minutes=1)) is not None
    alerting.alert_mute(shop=shop_a, kind=AlertKind.BLACKLIST_ORDER, hours=8, user=alice)
    alerting.alert_mute(shop=shop_a, kind=AlertKind.BLACKLIST_ORDER, hours=0, user=alice)
    assert raise_alert(shop_a, kind=AlertKind.BLACKLIST_ORDER, subject="buyer:2") is not None


def test_no_alert_without_a_channel_that_wants_the_kind(shop_a, receiver):
    AlertChannel.objects.create(shop=shop_a, name="队列", url=receiver.url, events=[AlertKind.QUEUE_STALE])
    AlertChannel.objects.create(shop=shop_a, name="停用", url=receiver.url, active=False)
    assert raise_alert(shop_a) is None
    assert not Alert.objects.exists()


def test_blacklisted_buyer_ordering_again_alerts_with_a_link_to_the_order(
    shop_a, webhook, receiver, django_capture_on_commit_callbacks, settings
):
    settings.SHIELD_BASE_URL = "https://shield.example.com"
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678", reason="恶意拍单")
    buyer = make_buyer(shop_a, display_name="林*坤")
    orders = [make_order(shop_a, buyer=buyer, phone="13912345678") for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        screen_orders(shop_id=shop_a.pk, order_ids=[o.pk for o in orders])
    alert = Alert.objects.get(kind=AlertKind.BLACKLIST_ORDER)  # one per buyer, not per order
    assert alert.subject == f"buyer:{buyer.pk}" and "林*坤" in alert.title
    assert alert.url == "https://shield.example.com" + reverse("reviews:order_detail", args=[orders[0].pk])
    assert "共 2 笔" in alert.text
    assert "139****5678" in alert.text and "13912345678" not in alert.text  # chats get masked phones
    assert receiver.json()["url"] == alert.url
    # Screening the same orders again finds nothing new: no second alert.
    screen_orders(shop_id=shop_a.pk, order_ids=[o.pk for o in orders])
    assert Alert.objects.filter(kind=AlertKind.BLACKLIST_ORDER).count() == 1


def test_linked_blacklisted_buyer_alerts_too(shop_a, webhook):

    listed = make_buyer(shop_a, key="13912345678")
    buyer = make_buyer(shop_a)
    make_link(shop_a, listed, buyer, key="x")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678")
    order = make_order(shop_a, buyer=buyer, phone=buyer.key)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    assert "关联账号" in Alert.objects.get(kind=AlertKind.BLACKLIST_ORDER).text


def test_closed_history_of_a_blacklisted_buyer_does_not_alert(shop_a, webhook):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678")
    order = make_order(shop_a, phone="13912345678", status=Order.Status.COMPLETED)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    assert not Alert.objects.exists()


def test_sku_burst_alerts_once_per_sku(shop_a, webhook):
    bombers = [make_buyer(shop_a) for _ in range(3)]
    crowd = [make_order(shop_a, sku_id="HOT", ordered_at=NOW - timedelta(minutes=10, seconds=i)) for i in range(20)]
    bomb = [
        make_order(shop_a, buyer=bombers[i % 3], sku_id="HOT", ordered_at=NOW - timedelta(minutes=9, seconds=-20 * i))
        for i in range(16)
    ]
    screen_orders(shop_id=shop_a.pk, order_ids=[o.pk for o in crowd + bomb])
    alert = Alert.objects.get(kind=AlertKind.SKU_BURST)
    assert alert.subject == "sku:HOT" and "炸店" in alert.title
    assert alert.url.endswith(reverse("reviews:order_list") + "?sku_id=HOT")


def test_stale_review_queue_alerts_from_the_periodic_check(shop_a, webhook):
    order = make_order(shop_a, risk_state=Order.RiskState.FLAGGED)
    Order.objects.filter(pk=order.pk).update(created_at=NOW - timedelta(minutes=50))
    assert alerting.alerts_check(NOW)["check_queue_age"] == 0  # under the default 60 minutes
    assert alerting.alerts_check(NOW + timedelta(minutes=15))["check_queue_age"] == 1
    alert = Alert.objects.get(kind=AlertKind.QUEUE_STALE)
    assert "65 分钟" in alert.title and alert.url.endswith(reverse("reviews:queue"))
    # The next run within the window only counts a repeat.
    assert alerting.alerts_check(NOW + timedelta(minutes=20))["check_queue_age"] == 0


def test_alerts_check_command_runs_the_checks(shop_a, webhook, capsys):
    from django.core.management import call_command

    order = make_order(shop_a, risk_state=Order.RiskState.FLAGGED)
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(hours=3))
    call_command("alerts_check")
    out = capsys.readouterr().out
    assert "check_queue_age: 1" in out and "check_complaint_deadlines: 0" in out


def test_a_failing_alert_never_breaks_screening(shop_a, webhook, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("alerting down")

    monkeypatch.setattr("reviews.services.screening.verdicts.alerts_for_screening", broken)
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678")
    order = make_order(shop_a, phone="13912345678")
    verdict = screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])[order.pk]
    order.refresh_from_db()
    assert verdict.decision == "block" and order.risk_decision == "block"


def test_dingtalk_robot_with_signing_gets_timestamp_and_sign(shop_a, receiver, django_capture_on_commit_callbacks):
    import base64
    from urllib.parse import parse_qs, urlsplit

    secret = "SEC0123456789abcdef"
    AlertChannel.objects.create(
        shop=shop_a,
        kind=AlertChannel.Kind.DINGTALK,
        name="钉钉",
        url=receiver.url + "?access_token=T",
        robot_secret=secret,
    )
    with django_capture_on_commit_callbacks(execute=True):
        raise_alert(shop_a)
    query = parse_qs(urlsplit(receiver.requests[0]["path"]).query)
    timestamp = query["timestamp"][0]
    # DingTalk's documented recipe, as the robot checks it.
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    assert query["access_token"] == ["T"] and query["sign"] == [base64.b64encode(digest).decode()]
