"""The contact log's pages: reviewers record contacts on order and buyer pages, admins edit templates."""

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import ContactAttempt, ContactTemplate, Decision
from reviews.services.contacting import contact_record, contact_template_create
from reviews.services.deciding import order_decide
from tests.conftest import make_buyer, make_flagged_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(shop_a, alice):
    return contact_template_create(
        shop=shop_a, user=alice, title="核实下单", text="您好，订单 {订单号} 是您本人拍下的吗？"
    )


def record(client, order, **data):
    data = {"channel": "phone", "outcome": "admitted", **data}
    return client.post(reverse("reviews:contact_order", args=[order.pk]), data)


def test_reviewer_records_a_contact_on_the_review_page_and_sees_it_next_to_the_reasons(client, bob, shop_a, template):
    order = make_flagged_order(shop_a, order_no="PDD-42")
    client.force_login(bob)
    review_url = reverse("reviews:review", args=[order.pk])
    page = client.get(review_url).content.decode()
    assert "联系买家核实" in page and "您好，订单 PDD-42 是您本人拍下的吗？" in page  # filled in

    response = record(
        client, order, template=str(template.pk), note="电话里承认是同行", back="review", filters="sort=score"
    )

    assert response.status_code == 302
    assert response["Location"] == f"{review_url}?filters=sort%3Dscore#contact-log"
    attempt = ContactAttempt.objects.get()
    assert (attempt.order, attempt.created_by, attempt.template, attempt.outcome) == (order, bob, template, "admitted")
    page = client.get(review_url).content.decode()
    assert "已联系买家：承认恶意" in page
    assert "电话里承认是同行" in page
    # ...after the flag's reasons, before the order's facts.
    assert page.index('id="reasons"') < page.index("已联系买家：承认恶意") < page.index('id="sku-burst"')


def test_order_page_records_a_contact_and_shows_it_in_the_buyers_timeline(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    client.force_login(bob)

    response = record(client, order, channel="sms", outcome="no_answer", back="detail")

    assert response["Location"] == reverse("reviews:order_detail", args=[order.pk]) + "#contact-log"
    page = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert "联系买家（短信）：无人应答" in page  # a line of the buyer's credit history


def test_buyer_page_records_a_contact_about_the_buyer(client, bob, shop_a):
    buyer = make_buyer(shop_a)
    client.force_login(bob)
    url = reverse("reviews:buyer_ring", args=[buyer.pk])
    assert 'id="contact-log"' in client.get(url).content.decode()

    response = client.post(
        reverse("reviews:contact_buyer", args=[buyer.pk]), {"channel": "other", "outcome": "refused"}
    )

    assert response["Location"] == url + "#contact-log"
    attempt = ContactAttempt.objects.get()
    assert (attempt.buyer, attempt.order, attempt.outcome) == (buyer, None, "refused")
    assert "拒绝配合" in client.get(url).content.decode()


def test_the_decision_history_shows_the_contact_outcome(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    contact_record(user=bob, order=order, channel="phone", outcome="admitted")
    order_decide(order=order, user=bob, action=Decision.Action.CANCEL, note="同行恶拍")
    client.force_login(bob)

    page = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()

    history = page[page.index('id="decision-history"') :]
    assert "同行恶拍" in history and "已联系买家：承认恶意" in history


def test_english_page_names_the_outcome_in_english(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    contact_record(user=bob, order=order, channel="phone", outcome="admitted")
    order_decide(order=order, user=bob, action=Decision.Action.CANCEL)
    client.force_login(bob)

    page = client.get(reverse("reviews:order_detail", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Buyer contacted: Admitted malice" in page
    assert "已联系买家" not in page


def test_a_bad_choice_records_nothing_and_says_why(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    client.force_login(bob)
    response = record(client, order, outcome="maybe", back="detail")
    assert response.status_code == 302
    assert not ContactAttempt.objects.exists()
    assert "请选择联系结果" in client.get(response["Location"]).content.decode()


def test_other_shops_order_buyer_and_template_answer_404(client, charlie, bob, shop_a, shop_b, template):
    order = make_flagged_order(shop_a)
    client.force_login(charlie)
    assert record(client, order).status_code == 404
    assert client.post(reverse("reviews:contact_buyer", args=[order.buyer_id]), {}).status_code == 404
    theirs = make_flagged_order(shop_b)
    client.force_login(bob)
    assert record(client, theirs).status_code == 404
    assert (
        record(
            client, order, template=str(contact_template_create(shop=shop_b, user=charlie, title="B", text="b").pk)
        ).status_code
        == 404
    )
    assert not ContactAttempt.objects.exists()


def test_recording_needs_the_csrf_token(bob, shop_a):
    order = make_flagged_order(shop_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    assert record(client, order).status_code == 403
    assert not ContactAttempt.objects.exists()


def test_recording_is_post_only(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    client.force_login(bob)
    assert client.get(reverse("reviews:contact_order", args=[order.pk])).status_code == 405


# -- the templates page ----------------------------------------------------------------------


def test_admin_adds_edits_and_retires_a_template(client, alice, shop_a, template):
    client.force_login(alice)
    url = reverse("reviews:contact_templates")
    assert "核实下单" in client.get(url).content.decode()

    assert client.post(url, {"title": "催付款", "text": "您好，{商品} 还没付款哦"}).status_code == 302
    response = client.post(url, {"template": str(template.pk), "title": "核实下单", "text": "新的话术 {订单号}"})
    assert response.status_code == 302

    template.refresh_from_db()
    assert (template.text, template.active, template.updated_by) == ("新的话术 {订单号}", False, alice)
    assert ContactTemplate.objects.filter(shop=shop_a, title="催付款", created_by=alice).exists()
    assert ContactTemplate.objects.count() == 2  # retired, not deleted


def test_a_template_without_text_is_refused_with_the_reason(client, alice, shop_a):
    client.force_login(alice)
    response = client.post(reverse("reviews:contact_templates"), {"title": "空", "text": "  "})
    assert response.status_code == 400
    assert "请填写话术内容" in response.content.decode()
    assert not ContactTemplate.objects.exists()


@pytest.mark.parametrize("who", ["manny", "bob"])
def test_only_admins_edit_templates(client, request, shop_a, template, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("reviews:contact_templates")
    assert client.get(url).status_code == 403
    assert client.post(url, {"template": str(template.pk), "title": "改", "text": "改"}).status_code == 403
    assert client.post(url, {"title": "新", "text": "新"}).status_code == 403
    template.refresh_from_db()
    assert template.title == "核实下单" and ContactTemplate.objects.count() == 1


def test_reviewers_do_not_see_the_templates_link_admins_do(client, alice, bob, shop_a):
    order = make_flagged_order(shop_a)
    link = reverse("reviews:contact_templates")
    client.force_login(bob)
    assert link not in client.get(reverse("reviews:review", args=[order.pk])).content.decode()
    client.force_login(alice)
    assert link in client.get(reverse("reviews:review", args=[order.pk])).content.decode()


def test_admin_cannot_edit_another_shops_template(client, alice, charlie, shop_b):
    theirs = contact_template_create(shop=shop_b, user=charlie, title="B", text="b")
    client.force_login(alice)
    response = client.post(
        reverse("reviews:contact_templates"), {"template": str(theirs.pk), "title": "x", "text": "x"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "B"
