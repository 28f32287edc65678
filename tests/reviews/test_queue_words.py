"""The queue, review and order pages say things in words: reasons by their labels, in the reader's
language; the block verdict named; scores coloured on the shop policy's own lines."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import Order
from reviews.phrases import Phrase
from reviews.services.order_context import FarmCell, OrderContext, Reason, reason_message
from reviews.services.policy import policy_save
from reviews.services.rules import coupon_farm
from reviews.services.screening.verdicts import screen_orders
from tests.conftest import make_flagged_order, make_order

pytestmark = pytest.mark.django_db

BURST = {"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 40}
CREDIT = {"code": "credit_low", "message": "买家信用分 42，低于 60", "weight": 30}
QUANTITY = {"code": "quantity", "message": "购买 9 件，该商品通常一单 1 件", "weight": 25}


@pytest.fixture(autouse=True)
def _back_to_the_shops_language():
    """A request in English leaves English active in this thread; later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def queue_page(client, lang="zh-hans", **params):
    return client.get(reverse("reviews:queue"), params, HTTP_ACCEPT_LANGUAGE=lang)


# -- the reason filter -------------------------------------------------------------------------
def test_reason_filter_takes_several_reasons_picked_by_their_chinese_labels(client, bob, shop_a):
    make_flagged_order(shop_a, order_no="BURST", risk_reasons=[BURST])
    make_flagged_order(shop_a, order_no="CREDIT", risk_reasons=[CREDIT, QUANTITY])
    make_flagged_order(shop_a, order_no="QTY", risk_reasons=[QUANTITY])
    client.force_login(bob)

    response = queue_page(client, reason=["burst_sku", "credit_low"])

    assert sorted(o.order_no for o in response.context["page"]) == ["BURST", "CREDIT"]
    assert response.context["page"].paginator.count == 2
    body = response.content.decode()
    select = re.search(r'<select name="reason"[^>]*>.*?</select>', body, re.S).group(0)
    assert "multiple" in select.split(">")[0]
    assert '<option value="burst_sku" selected>炸店：同一商品集中下单</option>' in select
    assert '<option value="credit_low" selected>信用分过低</option>' in select
    assert '<option value="quantity">数量异常</option>' in select
    assert '<label for="id_reason">风险原因：</label>' in body
    # The chips of both picked reasons read as on; the others do not.
    assert body.count('aria-current="true"') == 2


def test_one_reason_from_a_chip_or_report_link_still_filters(client, bob, shop_a):
    make_flagged_order(shop_a, order_no="BURST", risk_reasons=[BURST])
    make_flagged_order(shop_a, order_no="CREDIT", risk_reasons=[CREDIT])
    client.force_login(bob)
    response = queue_page(client, reason="credit_low")
    assert [o.order_no for o in response.context["page"]] == ["CREDIT"]
    assert response.context["page"].paginator.count == 1


def test_claiming_next_keeps_the_picked_reasons(client, bob, shop_a):
    make_flagged_order(shop_a, order_no="RISKIEST", risk_score=99, risk_reasons=[BURST])
    wanted = make_flagged_order(shop_a, order_no="WANTED", risk_score=50, risk_reasons=[QUANTITY])
    client.force_login(bob)
    response = client.post(reverse("reviews:queue_next"), {"filters": "reason=quantity&reason=credit_low"})
    assert response.status_code == 302 and reverse("reviews:review", args=[wanted.pk]) in response["Location"]


# -- sort options ------------------------------------------------------------------------------
def test_sort_options_are_words_in_chinese_and_in_english(client, bob, shop_a):
    client.force_login(bob)

    def options(lang):
        body = queue_page(client, lang).content.decode()
        select = re.search(r'<select name="sort".*?</select>', body, re.S).group(0)
        return re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select)

    assert options("zh-hans") == [
        ("-score", "风险分从高到低"),
        ("deadline", "发货截止最近"),
        ("-ordered", "最新下单"),
        ("ordered", "最早下单"),
        ("score", "风险分从低到高"),
        ("-deadline", "发货截止最远"),
    ]
    english = dict(options("en"))
    assert english["deadline"] == "Ship-by date, soonest first"
    assert english["ordered"] == "Oldest orders first"
    assert english["score"] == "Risk score, low to high"


# -- reasons in the reader's language ----------------------------------------------------------
def test_english_ui_shows_the_reasons_screening_stored_in_english(client, bob, shop_a):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13912345678", reason="恶意拍单")
    order = make_order(shop_a, phone="13912345678", paid_at=None, status=Order.Status.UNPAID)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])  # a job: in the shop's language
    order.refresh_from_db()
    assert order.risk_reasons[0]["message"] == "命中黑名单（手机号：13912345678）：恶意拍单"
    client.force_login(bob)

    for url in (reverse("reviews:review", args=[order.pk]), reverse("reviews:order_detail", args=[order.pk])):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Blacklist hit (Phone: 13912345678)" in english and "命中黑名单（" not in english
        chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "命中黑名单（手机号：13912345678）：恶意拍单" in chinese

    queue = queue_page(client, "en").content.decode()
    assert ">Blacklist hit</span>" in queue


def test_reasons_stored_before_phrases_show_as_they_were_stored(client, bob, shop_a):
    order = make_flagged_order(shop_a, risk_reasons=[BURST])
    client.force_login(bob)
    body = client.get(reverse("reviews:review", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert BURST["message"] in body
    assert reason_message({**BURST, "text": {"msgid": 5}}) == BURST["message"]  # unreadable: as stored
    assert reason_message({**BURST, "text": {"msgid": "%(n)d 单", "params": {}}}) == BURST["message"]


def test_a_reason_with_translated_words_inside_says_them_all_in_the_language_shown():
    ctx = OrderContext(None, None, "S1", 1, 0.0, "王伟", "", "", farm_cell=FarmCell(7, 0.02, "a:x", "某地址"))
    with translation.override("zh-hans"):
        reason = coupon_farm(ctx, None)
    assert reason.message == "疑似羊毛党：7 个新账号低价购买该商品并寄往同一收货地址，按该地平时的下单量应不到 0.1 个"
    stored = reason.as_stored()
    assert "text" not in reason.as_dict()  # the check API answers as before
    with translation.override("en"):
        said = reason_message(stored)
    assert "同一" not in said and "不到" not in said and "7" in said and said != reason.message
    with translation.override("zh-hans"):
        assert reason_message(stored) == reason.message


def test_the_masked_identity_note_follows_the_language_too():
    sentence = Phrase.of("同一买家 %(m)d 分钟内下单 %(n)d 笔", m=10, n=6)
    note = Phrase.of("（买家身份仅凭脱敏手机号识别，按 %(pct)d%% 计分）", pct=50)
    stored = Reason.of("burst_buyer", Phrase.joined(sentence, note), 25).as_stored()
    with translation.override("en"):
        said = reason_message(stored)
    assert said.startswith("Same buyer placed 6 orders within 10 minutes") and "50%" in said
    assert "脱敏" not in said
    assert Phrase.from_json(stored["text"]) == Phrase.joined(sentence, note)


# -- the verdict and the score colours ---------------------------------------------------------
def score_colour(body: str, score: int) -> str:
    """The colour class of the element showing the risk score ``score`` (the number alone, or 风险分 N)."""
    found = re.search(rf'class="([^"]*)">(?:风险分 )?{score}</', body)
    assert found, f"no risk score {score} on the page"
    return " ".join(c for c in found.group(1).split() if c.startswith("score-"))


def test_block_verdict_is_named_in_the_queue_and_on_the_review_page(client, bob, shop_a):
    blocked = make_flagged_order(shop_a, order_no="BLOCKED", risk_score=95, risk_decision=Order.Decision.BLOCK)
    review = make_flagged_order(shop_a, order_no="REVIEW", risk_score=45, risk_decision=Order.Decision.REVIEW)
    client.force_login(bob)

    queue = queue_page(client).content.decode()
    row = re.search(r"<tr>(?:(?!</tr>).)*BLOCKED(?:(?!</tr>).)*</tr>", queue, re.S).group(0)
    assert '<span class="badge badge-block">建议拦截</span>' in row
    other = re.search(r"<tr>(?:(?!</tr>).)*>REVIEW<(?:(?!</tr>).)*</tr>", queue, re.S).group(0)
    assert "badge-block" not in other

    page = client.get(reverse("reviews:review", args=[blocked.pk])).content.decode()
    assert '<span class="badge badge-block">建议拦截</span>' in page
    assert "badge-block" not in client.get(reverse("reviews:review", args=[review.pk])).content.decode()


def test_score_colour_follows_the_policy_review_and_block_lines(client, bob, alice, shop_a):
    order = make_flagged_order(shop_a, order_no="FIFTY", risk_score=50)
    client.force_login(bob)
    pages = {
        "queue": reverse("reviews:queue"),
        "review": reverse("reviews:review", args=[order.pk]),
        "orders": reverse("reviews:order_list"),
        "order": reverse("reviews:order_detail", args=[order.pk]),
    }

    def colours():
        return {name: score_colour(client.get(url).content.decode(), 50) for name, url in pages.items()}

    assert colours() == dict.fromkeys(pages, "score-mid")  # defaults: review at 40, block at 80
    policy_save(shop=shop_a, values={"review_threshold": 60, "block_threshold": 90}, user=alice)
    assert colours() == dict.fromkeys(pages, "")  # under the review line now: not coloured
    policy_save(shop=shop_a, values={"review_threshold": 30, "block_threshold": 50}, user=alice)
    assert colours() == dict.fromkeys(pages, "score-high")


def test_rule_report_names_rules_in_the_language_of_each_reader(client, manny, shop_a):
    """Its figures are cached for everyone; the first reader's language must not stick to them."""
    # Placed an hour ago: make_order's default time drifts back with every order the run has made.
    make_flagged_order(shop_a, risk_reasons=[BURST], ordered_at=timezone.now() - timedelta(hours=1))
    client.force_login(manny)
    url = reverse("reviews:report_rules")
    assert "炸店：同一商品集中下单" in client.get(url, {"range": "7"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(url, {"range": "7"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Concentrated orders for one product" in english and "炸店：同一商品集中下单" not in english


def test_every_sentence_a_rule_can_say_has_an_english_translation():
    import inspect

    from reviews.services import rules

    msgids = re.findall(r'gettext_noop\(\s*"((?:[^"\\]|\\.)*)"\s*\)', inspect.getsource(rules))
    assert len(msgids) > 25
    with translation.override("en"):
        untranslated = [msgid for msgid in msgids if translation.gettext(msgid) == msgid]
    assert untranslated == []
