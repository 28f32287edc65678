"""Buyers' personal data is shown masked; revealing one order's data is a recorded click.

Phones show as 191****4814, receivers as 王** and addresses down to the street, for every role;
a reveal shows that one order's full data to the person who asked, for a few minutes, and
leaves a RevealEvent that managers and admins can read.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.masking import buyer_label, masked_address, masked_phone, masked_receiver
from reviews.models import RevealEvent
from tests.conftest import make_buyer, make_flagged_order, make_order

PHONE, MASKED_PHONE = "19112344814", "191****4814"
NAME, MASKED_NAME = "王小明", "王**"
DETAIL = "科技园南路88号3栋101"


def private_order(shop, **fields):
    fields.setdefault("buyer", make_buyer(shop, display_name=NAME))
    return make_flagged_order(
        shop,
        receiver=NAME,
        phone=PHONE,
        province="广东省",
        city="深圳市",
        district="南山区",
        street="粤海街道",
        address=f"广东省深圳市南山区粤海街道{DETAIL}",
        **fields,
    )


def page_url(name: str, order) -> str:
    if name in ("reviews:queue", "reviews:order_list"):
        return reverse(name)
    if name == "reviews:buyer_ring":
        return reverse(name, args=[order.buyer_id])
    return reverse(name, args=[order.pk])


PAGES = ["reviews:queue", "reviews:review", "reviews:order_list", "reviews:order_detail", "reviews:buyer_ring"]


def test_masking_helpers():
    assert masked_phone(PHONE) == MASKED_PHONE
    assert masked_phone("+86 191-1234-4814") == MASKED_PHONE
    assert masked_phone("138****5678") == "138****5678"
    assert masked_phone("") == ""
    assert masked_receiver(NAME) == MASKED_NAME and masked_receiver("欧阳娜娜") == "欧***"
    assert masked_receiver("") == ""


def test_address_keeps_the_region_and_masks_the_detail(shop_a):
    order = private_order(shop_a)
    assert masked_address(order) == "广东省深圳市南山区粤海街道****"
    bare = make_order(shop_a, province="", city="", address="广东省深圳市南山区粤海街道科技园南路88号")
    assert masked_address(bare) == "广东省深圳市南山区粤海街道****"
    region_only = make_order(shop_a, province="广东省", city="深圳市", address="")
    assert masked_address(region_only) == "广东省深圳市"


def test_buyer_label_masks_the_receiver_name_only(shop_a):
    assert buyer_label(make_buyer(shop_a, display_name=NAME)) == MASKED_NAME
    privacy = make_buyer(shop_a, display_name="", masked_phone="138****5678")
    assert buyer_label(privacy) == "138****5678"


@pytest.mark.parametrize("name", PAGES)
def test_reviewer_sees_phone_and_receiver_masked(client, bob, shop_a, name):
    order = private_order(shop_a)
    client.force_login(bob)

    response = client.get(page_url(name, order))

    assert response.status_code == 200
    body = response.content.decode()
    assert MASKED_PHONE in body and PHONE not in body
    assert MASKED_NAME in body and NAME not in body
    assert DETAIL not in body


@pytest.mark.parametrize("who", ["manny", "alice"])
@pytest.mark.parametrize("name", ["reviews:review", "reviews:order_detail"])
def test_managers_and_admins_see_masked_data_by_default_too(client, request, shop_a, who, name):
    order = private_order(shop_a)
    client.force_login(request.getfixturevalue(who))

    body = client.get(page_url(name, order)).content.decode()

    assert MASKED_PHONE in body and PHONE not in body and NAME not in body
    assert "粤海街道" in body and DETAIL not in body


@pytest.mark.parametrize("name", ["reviews:review", "reviews:order_detail"])
def test_order_pages_offer_a_keyboard_reachable_reveal_form(client, bob, shop_a, name):
    order = private_order(shop_a)
    client.force_login(bob)

    body = client.get(page_url(name, order)).content.decode()

    action = reverse("reviews:order_reveal", args=[order.pk])
    form = body[body.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    assert "csrfmiddlewaretoken" in form
    assert '<button type="submit"' in form and "显示完整信息" in form


@pytest.mark.parametrize("back", ["review", "detail"])
def test_reveal_shows_that_order_in_full_to_that_user_and_is_recorded(client, bob, manny, shop_a, back):
    order, other = private_order(shop_a), private_order(shop_a)
    client.force_login(bob)

    response = client.post(reverse("reviews:order_reveal", args=[order.pk]), {"back": back, "filters": "sku_id=1"})

    expected = reverse("reviews:review" if back == "review" else "reviews:order_detail", args=[order.pk])
    assert response.status_code == 302 and response["Location"].startswith(expected)
    event = RevealEvent.objects.get()
    assert (event.user, event.order, event.shop) == (bob, order, shop_a)
    assert timezone.now() - event.at < timedelta(minutes=1)
    for name in ("reviews:review", "reviews:order_detail"):
        body = client.get(page_url(name, order)).content.decode()
        assert PHONE in body and NAME in body and DETAIL in body, name
        other_body = client.get(page_url(name, other)).content.decode()
        assert PHONE not in other_body and MASKED_PHONE in other_body, "only the revealed order"
    # Lists stay masked.
    assert PHONE not in client.get(reverse("reviews:order_list")).content.decode()
    # Another user still sees it masked.
    client.force_login(manny)
    assert PHONE not in client.get(page_url("reviews:order_detail", order)).content.decode()


def test_a_reveal_lapses_after_ten_minutes(client, bob, shop_a):
    order = private_order(shop_a)
    client.force_login(bob)
    client.post(reverse("reviews:order_reveal", args=[order.pk]))
    RevealEvent.objects.update(at=timezone.now() - timedelta(minutes=11))

    body = client.get(page_url("reviews:order_detail", order)).content.decode()

    assert PHONE not in body and MASKED_PHONE in body


def test_reveal_is_a_post(client, bob, shop_a):
    order = private_order(shop_a)
    client.force_login(bob)
    assert client.get(reverse("reviews:order_reveal", args=[order.pk])).status_code == 405
    assert not RevealEvent.objects.exists()


def test_reveal_of_another_shops_order_is_404_and_not_recorded(client, bob, shop_b):
    order = private_order(shop_b)
    client.force_login(bob)
    assert client.post(reverse("reviews:order_reveal", args=[order.pk])).status_code == 404
    assert not RevealEvent.objects.exists()


def test_reveal_goes_back_only_to_the_orders_own_pages(client, bob, shop_a):
    order = private_order(shop_a)
    client.force_login(bob)
    response = client.post(reverse("reviews:order_reveal", args=[order.pk]), {"back": "https://evil.example/"})
    assert response["Location"] == reverse("reviews:order_detail", args=[order.pk])


def test_reveal_list_is_for_managers_of_the_shop(client, bob, manny, charlie, shop_a, shop_b):
    mine, theirs = private_order(shop_a), private_order(shop_b)
    client.force_login(bob)
    client.post(reverse("reviews:order_reveal", args=[mine.pk]))
    client.force_login(charlie)
    client.post(reverse("reviews:order_reveal", args=[theirs.pk]))

    client.force_login(bob)
    assert client.get(reverse("reviews:reveal_list")).status_code == 403

    client.force_login(manny)
    response = client.get(reverse("reviews:reveal_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert mine.order_no in body and "bob" in body
    assert theirs.order_no not in body and "charlie" not in body
    assert PHONE not in body


def test_order_detail_links_managers_to_the_reveal_list(client, bob, manny, shop_a):
    order = private_order(shop_a)
    client.force_login(manny)
    assert reverse("reviews:reveal_list") in client.get(page_url("reviews:order_detail", order)).content.decode()
    client.force_login(bob)
    assert reverse("reviews:reveal_list") not in client.get(page_url("reviews:order_detail", order)).content.decode()


def test_decision_history_masks_blacklisted_keys_until_revealed(client, bob, shop_a):
    order = private_order(shop_a)
    client.force_login(bob)
    client.post(reverse("reviews:decide", args=[order.pk]), {"action": "blacklist", "blacklist_kinds": ["phone"]})

    body = client.get(page_url("reviews:order_detail", order)).content.decode()

    assert f"phone: {MASKED_PHONE}</div>" in body and f"phone: {PHONE}</div>" not in body
    client.post(reverse("reviews:order_reveal", args=[order.pk]))
    assert f"phone: {PHONE}</div>" in client.get(page_url("reviews:order_detail", order)).content.decode()
