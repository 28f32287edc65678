"""The alert pages: admins only, one shop's channels and alerts never reachable from another."""

import pytest
from django.urls import reverse

from reviews.models import Alert, AlertChannel, AlertDelivery, AlertKind, AlertMute, Role
from reviews.services import alerting
from tests.conftest import make_member
from tests.reviews.webhook_server import Receiver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allow_local_webhooks")]


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def dora(shop_b):
    """Admin of shop B."""
    return make_member("dora", shop_b, Role.ADMIN)


def channel_data(url, **changes):
    data = {"kind": "webhook", "name": "客服群", "url": url, "emails": "", "events": [k.value for k in
            (AlertKind.BLACKLIST_ORDER, AlertKind.SKU_BURST)], "active": "on"}  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.parametrize("user", ["bob", "manny"])
def test_only_admins_open_the_alert_pages(client, request, user):
    client.force_login(request.getfixturevalue(user))
    for name in ("reviews:alerts", "reviews:alert_list"):
        assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse("reviews:alert_channel_create"), channel_data("https://x.test/")).status_code == 403
    assert not AlertChannel.objects.exists()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:6379/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://10.0.0.5/h"]
)
def test_a_webhook_to_an_inner_address_is_refused_when_saved(client, alice, settings, url):
    settings.SHIELD_ALERT_ALLOW_PRIVATE = False
    client.force_login(alice)
    response = client.post(reverse("reviews:alert_channel_create"), channel_data(url))
    assert response.status_code == 400
    assert "不能发送到内网或本机地址" in response.content.decode()
    assert not AlertChannel.objects.exists()


def test_policy_page_links_the_alert_settings(client, alice):
    client.force_login(alice)
    assert reverse("reviews:alerts") in client.get(reverse("reviews:policy")).content.decode()


def test_admin_adds_a_channel_and_sends_a_test(client, alice, shop_a, receiver, django_capture_on_commit_callbacks):
    client.force_login(alice)
    response = client.post(reverse("reviews:alert_channel_create"), channel_data(receiver.url))
    assert response.status_code == 302
    channel = AlertChannel.objects.get(shop=shop_a)
    assert channel.events == ["blacklist_order", "sku_burst"] and channel.created_by == alice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:alert_channel_test", args=[channel.pk]))
    alert = Alert.objects.get(kind=AlertKind.TEST)
    assert response["Location"] == reverse("reviews:alert_detail", args=[alert.pk])
    page = client.get(response["Location"]).content.decode()
    assert "客服群" in page and "成功" in page and "200" in page
    assert receiver.json()["event"] == "test"
    assert "客服群" in client.get(reverse("reviews:alerts")).content.decode()


def test_channel_form_explains_what_is_missing(client, alice):
    client.force_login(alice)
    response = client.post(reverse("reviews:alert_channel_create"), channel_data(""))
    assert response.status_code == 400 and "请填写机器人或接收端的 Webhook 地址" in response.content.decode()
    response = client.post(reverse("reviews:alert_channel_create"), channel_data("", kind="email", emails="not-mail"))
    assert "不是有效的邮箱地址" in response.content.decode()
    assert not AlertChannel.objects.exists()


def test_secret_is_shown_once_when_regenerated(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:alert_secret"))
    secret = alerting.alert_settings_for(shop_id=shop_a.pk).secret
    assert secret in response.content.decode() and response["Cache-Control"] == "no-store"
    assert alerting.alert_settings_for(shop_id=shop_a.pk).secret_created_by == alice
    assert secret not in client.get(reverse("reviews:alerts")).content.decode()


def test_mute_buttons_mute_and_unmute_a_kind(client, alice, shop_a):
    client.force_login(alice)
    client.post(reverse("reviews:alert_mute"), {"kind": "sku_burst", "hours": "8"})
    mute = AlertMute.objects.get(shop=shop_a, kind="sku_burst")
    assert 7.9 * 3600 < (mute.until - mute.created_at).total_seconds() <= 8 * 3600 + 1
    assert "静音至" in client.get(reverse("reviews:alerts")).content.decode()
    client.post(reverse("reviews:alert_mute"), {"kind": "sku_burst", "hours": "0"})
    assert not AlertMute.objects.exists()
    assert client.post(reverse("reviews:alert_mute"), {"kind": "sku_burst", "hours": "5"}).status_code == 302
    assert not AlertMute.objects.exists()  # only the offered durations


def test_settings_form_refuses_zero(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:alert_settings"), {"window_minutes": "0", "queue_age_minutes": "30"})
    assert response.status_code == 400 and "必须大于 0" in response.content.decode()
    client.post(reverse("reviews:alert_settings"), {"window_minutes": "60", "queue_age_minutes": "30"})
    found = alerting.alert_settings_for(shop_id=shop_a.pk)
    assert (found.window_minutes, found.queue_age_minutes) == (60, 30)


def test_other_shops_channels_and_alerts_answer_404(client, dora, shop_a):
    channel = AlertChannel.objects.create(shop=shop_a, name="A 群", url="https://a.test/")
    alert = Alert.objects.create(
        shop=shop_a, kind=AlertKind.SKU_BURST, subject="sku:1", title="A 的提醒", text="", url=""
    )
    client.force_login(dora)
    assert client.get(reverse("reviews:alert_channel_edit", args=[channel.pk])).status_code == 404
    assert client.post(reverse("reviews:alert_channel_delete", args=[channel.pk])).status_code == 404
    assert client.post(reverse("reviews:alert_channel_test", args=[channel.pk])).status_code == 404
    assert client.get(reverse("reviews:alert_detail", args=[alert.pk])).status_code == 404
    assert "A 的提醒" not in client.get(reverse("reviews:alert_list")).content.decode()
    assert "A 群" not in client.get(reverse("reviews:alerts")).content.decode()
    assert AlertChannel.objects.filter(pk=channel.pk).exists()


def test_alert_log_lists_alerts_with_delivery_results_in_few_queries(
    client, alice, shop_a, django_assert_max_num_queries
):
    channel = AlertChannel.objects.create(shop=shop_a, name="群", url="https://a.test/")
    for i in range(30):
        alert = Alert.objects.create(shop=shop_a, kind=AlertKind.SKU_BURST, subject=f"sku:{i}", title=f"炸店 {i}",
                                     text="", url="")  # fmt: skip
        AlertDelivery.objects.create(alert=alert, channel=channel, attempt=1, ok=i % 2 == 0, status_code=200)
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("reviews:alert_list")).content.decode()
    assert "炸店 29" in page and "成功 1" in page and "失败 1 次" in page
    filtered = client.get(reverse("reviews:alert_list") + "?kind=queue_stale").content.decode()
    assert "炸店 29" not in filtered and "还没有提醒" in filtered


def test_edit_and_delete_a_channel(client, alice, shop_a):
    channel = AlertChannel.objects.create(shop=shop_a, name="旧名", url="https://a.test/")
    client.force_login(alice)
    assert "旧名" in client.get(reverse("reviews:alert_channel_edit", args=[channel.pk])).content.decode()
    edit_url = reverse("reviews:alert_channel_edit", args=[channel.pk])
    client.post(edit_url, channel_data("https://b.test/", name="新名"), follow=True)
    channel.refresh_from_db()
    assert channel.name == "新名" and channel.url == "https://b.test/" and channel.updated_by == alice
    alert = Alert.objects.create(shop=shop_a, kind=AlertKind.SKU_BURST, subject="sku:1", title="炸店", text="", url="")
    AlertDelivery.objects.create(alert=alert, channel=channel, attempt=1, ok=True, status_code=200)
    deleted = client.post(reverse("reviews:alert_channel_delete", args=[channel.pk]), follow=True)
    assert "已删除" in deleted.content.decode()
    # Gone from the channel list and never sent to again, but its delivery log is kept.
    assert "新名" not in client.get(reverse("reviews:alerts")).content.decode()
    assert client.get(reverse("reviews:alert_channel_edit", args=[channel.pk])).status_code == 404
    channel.refresh_from_db()
    assert not channel.active and channel.removed_by == alice
    assert "新名" in client.get(reverse("reviews:alert_detail", args=[alert.pk])).content.decode()


def test_alerts_page_query_count_does_not_grow_with_deliveries(client, alice, shop_a, django_assert_max_num_queries):
    channels = [AlertChannel.objects.create(shop=shop_a, name=f"群{i}", url="https://a.test/") for i in range(3)]
    alert = Alert.objects.create(shop=shop_a, kind=AlertKind.SKU_BURST, subject="sku:1", title="炸店", text="", url="")
    for attempt in range(1, 40):
        for channel in channels:
            AlertDelivery.objects.create(
                alert=alert, channel=channel, attempt=attempt, ok=attempt == 39, status_code=200
            )
    client.force_login(alice)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("reviews:alerts")).content.decode()
    assert page.count("HTTP 200") == 3 and "群2" in page


def test_dingtalk_signing_secret_is_never_shown_and_kept_when_left_empty(client, alice, shop_a):
    channel = AlertChannel.objects.create(
        shop=shop_a, kind="dingtalk", name="钉钉", url="https://oapi.dingtalk.com/robot/send?access_token=T",
        robot_secret="SECkeepme",
    )  # fmt: skip
    client.force_login(alice)
    page = client.get(reverse("reviews:alert_channel_edit", args=[channel.pk])).content.decode()
    assert "SECkeepme" not in page and "已设置" in page
    client.post(reverse("reviews:alert_channel_edit", args=[channel.pk]),
                channel_data(channel.url, kind="dingtalk", name="钉钉群", robot_secret=""))  # fmt: skip
    channel.refresh_from_db()
    assert channel.name == "钉钉群" and channel.robot_secret == "SECkeepme"
