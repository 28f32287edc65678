"""The queue pages as reviewers and managers use them; every view scoped to the user's shops."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from blacklist.models import BlacklistEntry
from reviews.expressions import reason_codes_of
from reviews.models import BulkDecisionJob, Decision, Order
from reviews.services.deciding import claim_next_order, order_decide
from reviews.views.queue import escape_formula
from tests.conftest import make_flagged_order, make_link, make_order

pytestmark = pytest.mark.django_db

BURST = {"code": "burst_sku", "message": "10 分钟内同一商品 60 单，来自 3 个账号", "weight": 40}
CREDIT = {"code": "credit_low", "message": "买家信用分 42，低于 60", "weight": 30}


def test_queue_lists_only_flagged_orders_of_the_shop_with_reason_counts(client, bob, shop_a, shop_b):
    make_flagged_order(shop_a, order_no="F-1", risk_reasons=[BURST])
    make_flagged_order(shop_a, order_no="F-2", risk_reasons=[BURST, CREDIT])
    make_order(shop_a, order_no="OK-1", risk_state=Order.RiskState.ALLOWED)
    make_flagged_order(shop_b, order_no="B-1")
    client.force_login(bob)

    response = client.get(reverse("reviews:queue"))

    assert {o.order_no for o in response.context["page"]} == {"F-1", "F-2"}
    assert response.context["reason_counts"][:2] == [
        ("burst_sku", "炸店：同一商品集中下单", 2),
        ("credit_low", "信用分过低", 1),
    ]
    body = response.content.decode()
    assert "领取下一单" in body and "<kbd>J</kbd>" in body


def test_queue_choice_filters_offer_all_in_words_not_dashes(client, bob, shop_a):
    client.force_login(bob)
    page = client.get(reverse("reviews:queue"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<option value="" selected>全部</option>' in page
    assert "---------" not in page


def test_form_labels_end_in_a_full_width_colon_in_chinese_and_a_plain_one_in_english(client, bob, shop_a):
    client.force_login(bob)
    chinese = client.get(reverse("reviews:queue"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert ">买家：</label>" in chinese and ">买家:</label>" not in chinese
    english = client.get(reverse("reviews:queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Buyer:</label>" in english


def test_queue_filters_by_reason_score_sku_and_buyer(client, bob, shop_a):
    make_flagged_order(shop_a, order_no="F-1", risk_reasons=[BURST], risk_score=90, sku_id="S1", receiver="王伟")
    make_flagged_order(shop_a, order_no="F-2", risk_reasons=[CREDIT], risk_score=40, sku_id="S2", receiver="李娜")
    client.force_login(bob)

    def numbers(**params):
        return {o.order_no for o in client.get(reverse("reviews:queue"), params).context["page"]}

    assert numbers(reason="credit_low") == {"F-2"}
    assert numbers(score_min=50) == {"F-1"}
    assert numbers(sku_id="S2") == {"F-2"}
    assert numbers(buyer="王伟") == {"F-1"}
    assert numbers(reason="nonsense'; drop") == set()


def test_queue_claim_filter_and_sorts(client, bob, manny, shop_a):
    low = make_flagged_order(shop_a, order_no="LOW", risk_score=30)
    make_flagged_order(shop_a, order_no="HIGH", risk_score=95)
    claim_next_order(user=manny, shop=shop_a)  # takes HIGH
    client.force_login(bob)

    def numbers(**params):
        return [o.order_no for o in client.get(reverse("reviews:queue"), params).context["page"]]

    assert numbers() == ["HIGH", "LOW"]
    assert numbers(sort="score") == ["LOW", "HIGH"]
    assert numbers(claim="unclaimed") == ["LOW"]
    assert numbers(claim="mine") == []
    claim_next_order(user=bob, shop=shop_a)
    assert numbers(claim="mine") == [low.order_no]


def test_queue_total_and_reason_counts_agree_with_the_list_under_the_reason_filter(client, bob, shop_a):
    make_flagged_order(shop_a, order_no="F-1", risk_reasons=[BURST], risk_score=90)
    make_flagged_order(shop_a, order_no="F-2", risk_reasons=[BURST, CREDIT, CREDIT], risk_score=60)  # once per order
    make_flagged_order(shop_a, order_no="F-3", risk_reasons=[], risk_score=50)
    make_flagged_order(shop_a, order_no="F-4", risk_reasons=[CREDIT], risk_score=20)
    client.force_login(bob)

    def seen(**params):
        context = client.get(reverse("reviews:queue"), params).context
        listed = sorted(o.order_no for o in context["page"].object_list)
        return context["page"].paginator.count, listed, [(code, n) for code, _label, n in context["reason_counts"]]

    everything = [("burst_sku", 2), ("credit_low", 2)]
    assert seen() == (4, ["F-1", "F-2", "F-3", "F-4"], everything)
    assert seen(reason="credit_low") == (2, ["F-2", "F-4"], everything)
    assert seen(reason="credit_low", score_min=50) == (1, ["F-2"], [("burst_sku", 2), ("credit_low", 1)])
    assert seen(reason="no_such_rule") == (0, [], everything)
    assert seen(reason="nonsense'; drop") == (0, [], everything)


def test_reason_codes_are_kept_by_the_database_from_the_reasons(shop_a):
    order = make_flagged_order(shop_a, risk_reasons=[BURST, CREDIT])
    order.refresh_from_db()
    assert reason_codes_of(order.reason_codes) == ["burst_sku", "credit_low"]

    Order.objects.filter(pk=order.pk).update(risk_reasons=[CREDIT])  # no save(): still follows
    order.refresh_from_db()
    assert reason_codes_of(order.reason_codes) == ["credit_low"]


def test_queue_sorts_read_the_queue_indexes_without_sorting(postgres, bob, shop_a):
    """The deadline sort key (reviews.expressions.DeadlineKey) must match migration 0016's index
    expressions exactly, or PostgreSQL sorts every queued order again on each page."""
    from django.db import connection

    from reviews.selectors.queue import QueueCriteria
    from reviews.services.deciding import queue_orders

    for score in range(30):
        make_flagged_order(shop_a, risk_score=score)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")  # a plan that can avoid sorting then does
        cursor.execute("SET LOCAL enable_seqscan = off")
        for criteria, index in (
            (QueueCriteria(), "order_queue_priority"),
            (QueueCriteria(sort=("deadline",)), "order_queue_deadline"),
        ):
            sql, params = queue_orders(user=bob, shop=shop_a, criteria=criteria)[:25].query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert index in plan and "Sort" not in plan, plan


def test_queue_query_count_is_constant_in_page_size(client, bob, shop_a, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(60):
        make_flagged_order(shop_a, risk_score=i, risk_reasons=[BURST, CREDIT])
    client.force_login(bob)
    client.get(reverse("reviews:queue"))  # the shop's first visit creates its tag vocabulary once
    counts = []
    for per_page in (25, 50):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("reviews:queue"), {"per_page": per_page})
        assert len(response.context["page"].object_list) == per_page
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    # 11 with the page's buyer tags, the shop's tag words and the reviewer's last settlement (the
    # 撤销 bar); the reason counts give the total (no COUNT).
    assert counts[0] <= 11


def test_next_claims_and_opens_the_review_page_keeping_the_filter(client, bob, shop_a):
    make_flagged_order(shop_a, risk_score=90, sku_id="S1")
    wanted = make_flagged_order(shop_a, risk_score=10, sku_id="S2")
    client.force_login(bob)
    filters = urlencode({"sku_id": "S2"})

    response = client.post(reverse("reviews:queue_next"), {"filters": filters})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reviews:review", args=[wanted.pk]))
    wanted.refresh_from_db()
    assert wanted.claimed_by == bob


def test_review_page_shows_reasons_buyer_links_burst_and_history(client, bob, shop_a):
    from reviews.models import BuyerLink
    from tests.conftest import make_buyer

    buyer, other = make_buyer(shop_a, display_name="买家甲"), make_buyer(shop_a, display_name="买家乙")
    make_link(shop_a, buyer, other, via=BuyerLink.Via.PHONE, key="13800001111")
    order = make_flagged_order(shop_a, buyer=buyer, risk_reasons=[BURST], sku_id="S9")
    make_order(shop_a, buyer=other, sku_id="S9", ordered_at=order.ordered_at, status=Order.Status.CANCELLED)
    client.force_login(bob)

    response = client.get(reverse("reviews:review", args=[order.pk]))

    body = response.content.decode()
    assert "10 分钟内同一商品 60 单" in body and "+40" in body
    # The linked account is listed under its masked name (王** style), never the full one.
    assert response.context["linked"][0].buyer == other
    assert f'{reverse("reviews:buyer_ring", args=[other.pk])}">买**</a>' in body and "同一手机号" in body
    assert "买家乙" not in body
    assert response.context["burst"].orders == 2 and response.context["burst"].accounts == 2
    assert response.context["linked"][0].history["cancelled"] == 1
    for key in ("<kbd>A</kbd>", "<kbd>C</kbd>", "<kbd>B</kbd>", "<kbd>N</kbd>", "<kbd>S</kbd>"):
        assert key in body
    assert "<script>" not in body and 'style="' not in body


def test_buyer_history_says_which_figures_are_of_the_last_30_days(client, bob, shop_a):
    import re
    from datetime import timedelta

    from django.utils import timezone

    from tests.conftest import make_buyer

    buyer = make_buyer(shop_a, display_name="老买家")
    long_ago = timezone.now() - timedelta(days=45)
    make_order(shop_a, buyer=buyer, ordered_at=long_ago, paid_at=long_ago, status=Order.Status.COMPLETED)
    order = make_flagged_order(shop_a, buyer=buyer)
    client.force_login(bob)

    body = client.get(reverse("reviews:review", args=[order.pk])).content.decode()

    table = re.search(r'<section class="panel" id="buyer">.*?</table>', body, re.S).group(0)
    headers = re.findall(r"<th[^>]*>([^<]+)</th>", table)
    cells = re.findall(r'<td class="num">(\d+)</td>', table)
    # The paid order of 45 days ago counts in the total, not under the 30-day group's 已付款.
    assert headers == ["累计订单", "近30天", "下单", "已付款", "已取消", "退款"]
    assert 'colspan="4" scope="colgroup">近30天' in table
    assert cells == ["2", "1", "1", "0", "0"]  # total, then 30 days: ordered, paid, cancelled, refunded


def test_approve_advances_to_the_next_order(client, bob, shop_a):
    first = make_flagged_order(shop_a, risk_score=90)
    second = make_flagged_order(shop_a, risk_score=80)
    client.force_login(bob)
    client.post(reverse("reviews:queue_next"), {"filters": ""})

    response = client.post(reverse("reviews:decide", args=[first.pk]), {"action": "approve", "filters": ""})

    assert response["Location"] == reverse("reviews:review", args=[second.pk])
    assert Decision.objects.get().action == "approve"
    second.refresh_from_db()
    assert second.claimed_by == bob


def test_last_decision_returns_to_the_queue(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    client.force_login(bob)
    response = client.post(reverse("reviews:decide", args=[order.pk]), {"action": "cancel"})
    assert response["Location"] == reverse("reviews:queue")


def test_after_cancelling_the_reviewer_is_told_the_order_still_needs_cancelling_on_the_platform(client, bob, shop_a):
    cancelled, approved = make_flagged_order(shop_a, order_no="C-1"), make_flagged_order(shop_a, order_no="A-1")
    client.force_login(bob)
    page = client.post(reverse("reviews:decide", args=[cancelled.pk]), {"action": "cancel"}, follow=True)
    assert "订单 C-1 判定为取消，已列入“待平台取消”，请在平台后台取消。" in page.content.decode()
    page = client.post(reverse("reviews:decide", args=[approved.pk]), {"action": "approve"}, follow=True)
    assert "订单 A-1 已通过。" in page.content.decode()


def test_blacklist_from_the_review_page(client, bob, shop_a):
    order = make_flagged_order(shop_a, receiver="王伟", phone="13812345678", address="南山区科技园南路88号")
    client.force_login(bob)
    response = client.post(
        reverse("reviews:decide", args=[order.pk]),
        {"action": "blacklist", "blacklist_kinds": ["phone", "receiver_address"], "reason_category": "bombing"},
    )
    assert response.status_code == 302
    assert BlacklistEntry.objects.filter(shop_id=shop_a.pk).count() == 2


def test_review_page_preselects_the_blacklist_category_of_the_flag(client, bob, shop_a):
    refunds = {"code": "refund_rate", "message": "近 10 单取消/退款 8 单", "weight": 35}
    order = make_flagged_order(shop_a, risk_reasons=[refunds, CREDIT])
    client.force_login(bob)

    body = client.get(reverse("reviews:review", args=[order.pk])).content.decode()

    assert '<option value="refund" selected>' in body
    assert body.count(" selected>") == 1


def test_review_page_shows_the_entry_that_stopped_the_order_and_files_under_its_category(client, bob, manny, shop_a):
    from blacklist.services import blacklist_add
    from reviews.services.screening.verdicts import screen_orders

    entry = blacklist_add(
        shop_id=shop_a.pk, kind="phone", value="13912345678", reason_category="bombing", reason="上周炸店",
        created_by=manny,
    )  # fmt: skip
    order = make_order(shop_a, receiver="王伟", phone="13912345678", address="南山区科技园南路88号")
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    client.force_login(bob)

    body = client.get(reverse("reviews:review", args=[order.pk])).content.decode()

    assert "命中的名单条目" in body
    assert f'<a href="{reverse("blacklist:entry_detail", args=[entry.pk])}">13912345678</a>' in body
    assert "炸店：上周炸店" in body and "manny" in body
    assert '<option value="bombing" selected>' in body
    detail = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert f'<a href="{reverse("blacklist:entry_detail", args=[entry.pk])}">13912345678</a>' in detail
    client.post(
        reverse("reviews:decide", args=[order.pk]), {"action": "blacklist", "blacklist_kinds": ["receiver_address"]}
    )
    assert BlacklistEntry.objects.get(kind="receiver_address").reason_category == "bombing"


def test_bulk_form_offers_filing_each_order_under_its_own_flags(client, bob, shop_a):
    make_flagged_order(shop_a)
    client.force_login(bob)

    body = client.get(reverse("reviews:queue")).content.decode()

    assert '<option value="">按各单送审原因</option>' in body


def test_blacklist_with_a_weak_key_shows_a_form_error(client, bob, shop_a):
    order = make_flagged_order(shop_a, receiver="林*坤", phone="", province="", city="", address="")
    client.force_login(bob)
    response = client.post(
        reverse("reviews:decide", args=[order.pk]), {"action": "blacklist", "blacklist_kinds": ["receiver"]}
    )
    assert response.status_code == 400
    assert "收货人姓名至少两个字" in response.content.decode()
    assert not Decision.objects.exists()


def test_decide_refused_when_another_reviewer_holds_the_order(client, bob, manny, shop_a):
    order = make_flagged_order(shop_a)
    claim_next_order(user=manny, shop=shop_a)
    client.force_login(bob)

    response = client.post(reverse("reviews:decide", args=[order.pk]), {"action": "approve"}, follow=True)

    assert "正由 manny 处理中" in response.content.decode()
    assert not Decision.objects.exists()


def test_double_decide_is_refused(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    client.force_login(bob)
    client.post(reverse("reviews:decide", args=[order.pk]), {"action": "approve"})
    response = client.post(reverse("reviews:decide", args=[order.pk]), {"action": "cancel"}, follow=True)
    assert "不能重复处理" in response.content.decode()
    assert Decision.objects.count() == 1


# -- shop scoping: charlie (reviewer of shop B) and shop A's records ---------------------------


@pytest.fixture
def a_claimed(shop_a, manny):
    order = make_flagged_order(shop_a)
    claim_next_order(user=manny, shop=shop_a)
    return order


def test_other_shop_reviewer_gets_404_for_the_review_page(client, charlie, a_claimed):
    client.force_login(charlie)
    assert client.get(reverse("reviews:review", args=[a_claimed.pk])).status_code == 404


def test_other_shop_reviewer_cannot_decide(client, charlie, a_claimed):
    client.force_login(charlie)
    for action in ("approve", "cancel", "skip", "note", "blacklist"):
        response = client.post(
            reverse("reviews:decide", args=[a_claimed.pk]), {"action": action, "note": "x", "blacklist_kinds": "phone"}
        )
        assert response.status_code == 404
    assert not Decision.objects.exists()


def test_other_shop_reviewer_gets_404_for_queue_next_bulk_and_release_of_shop_a(client, charlie, shop_a, a_claimed):
    client.force_login(charlie)
    filters = urlencode({"shop": shop_a.pk})
    assert client.get(reverse("reviews:queue"), {"shop": shop_a.pk}).status_code == 404
    assert client.post(reverse("reviews:queue_next"), {"filters": filters}).status_code == 404
    assert (
        client.post(
            reverse("reviews:queue_bulk"), {"filters": filters, "action": "approve", "order_ids": [a_claimed.pk]}
        ).status_code
        == 404
    )
    assert client.post(reverse("reviews:queue_release"), {"filters": filters, "all": "1"}).status_code == 404
    a_claimed.refresh_from_db()
    assert a_claimed.claimed_by is not None and not Decision.objects.exists()


def test_bulk_ids_of_another_shop_are_ignored(client, charlie, shop_b, a_claimed):
    client.force_login(charlie)
    client.post(reverse("reviews:queue_bulk"), {"action": "approve", "order_ids": [a_claimed.pk]})
    assert not Decision.objects.exists()


def test_other_shop_cannot_see_bulk_jobs_or_confirm_cancellations(client, charlie, bob, shop_a):
    order = make_flagged_order(shop_a)
    decision = order_decide(order=order, user=bob, action=Decision.Action.CANCEL)
    job = BulkDecisionJob.objects.create(shop=shop_a, user=bob, action="approve")
    client.force_login(charlie)
    assert client.get(reverse("reviews:bulk_job", args=[job.pk])).status_code == 404
    assert client.post(reverse("reviews:platform_cancel_confirm", args=[decision.pk])).status_code == 404
    assert order.order_no not in client.get(reverse("reviews:to_cancel")).content.decode()
    assert order.order_no not in client.get(reverse("reviews:to_cancel_csv")).content.decode()
    assert order.order_no not in client.get(reverse("reviews:my_decisions")).content.decode()
    decision.refresh_from_db()
    assert decision.platform_cancel_confirmed_at is None


def test_reviewer_cannot_release_claims_but_manager_can(client, bob, manny, shop_a):
    order = make_flagged_order(shop_a)
    claim_next_order(user=bob, shop=shop_a)
    client.force_login(bob)
    assert client.post(reverse("reviews:queue_release"), {"all": "1"}).status_code == 403
    client.force_login(manny)
    assert client.post(reverse("reviews:queue_release"), {"order_ids": [order.pk]}).status_code == 302
    order.refresh_from_db()
    assert order.claimed_by is None
    assert Decision.objects.get().action == Decision.Action.RELEASE


# -- bulk, to-cancel, history ---------------------------------------------------------------


def test_bulk_approve_of_all_matching_the_filter_crosses_pages(client, bob, shop_a, django_capture_on_commit_callbacks):
    for _ in range(30):
        make_flagged_order(shop_a, sku_id="BULK")
    make_flagged_order(shop_a, sku_id="OTHER")
    client.force_login(bob)
    data = {"filters": urlencode({"sku_id": "BULK"}), "select_all": "1", "action": "approve"}
    asked = client.post(reverse("reviews:queue_bulk"), data)
    assert "确认通过 30 个订单？" in asked.content.decode() and not BulkDecisionJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:queue_bulk"), {**data, "confirmed": "1"})
    job = BulkDecisionJob.objects.get()
    assert response["Location"].startswith(reverse("reviews:bulk_job", args=[job.pk]))
    status = client.get(reverse("reviews:bulk_job", args=[job.pk]), {"format": "json"}).json()
    assert status == {
        "status": "done",
        "status_label": "已完成",
        "total": 30,
        "done": 30,
        "skipped": 0,
        "percent": 100,
        "finished": True,
    }
    assert Decision.objects.filter(action="approve").count() == 30
    assert Order.objects.flagged().get().sku_id == "OTHER"


def test_bulk_without_a_selection_says_so(client, bob, shop_a):
    client.force_login(bob)
    response = client.post(reverse("reviews:queue_bulk"), {"action": "approve"}, follow=True)
    assert "请先勾选订单" in response.content.decode()
    assert not BulkDecisionJob.objects.exists()


def test_to_cancel_list_confirm_and_csv_escapes_formulas(client, bob, shop_a):
    evil = make_flagged_order(shop_a, order_no="=HYPERLINK(1)", sku_name="+cmd", receiver="@x")
    plain = make_flagged_order(shop_a, order_no="P-1")
    order_decide(order=evil, user=bob, action=Decision.Action.CANCEL, note="-2")
    confirmed = order_decide(order=plain, user=bob, action=Decision.Action.CANCEL)
    client.force_login(bob)

    client.post(reverse("reviews:platform_cancel_confirm", args=[confirmed.pk]))
    page = client.get(reverse("reviews:to_cancel"))
    rows = list(csv.reader(io.StringIO(client.get(reverse("reviews:to_cancel_csv")).content.decode("utf-8-sig"))))

    assert [d.order.order_no for d in page.context["page"]] == ["=HYPERLINK(1)"]
    assert "data-copy" in page.content.decode()
    assert rows[0][0] == "订单号" and len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(1)" and rows[1][1] == "'+cmd" and rows[1][4] == "'@x" and rows[1][8] == "'-2"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
    ],
)
def test_escape_formula(cell, expected):
    assert escape_formula(cell) == expected


def test_my_decisions_shows_only_my_own(client, bob, manny, shop_a):
    mine = make_flagged_order(shop_a, order_no="MINE")
    theirs = make_flagged_order(shop_a, order_no="THEIRS")
    order_decide(order=mine, user=bob, action=Decision.Action.APPROVE)
    order_decide(order=theirs, user=manny, action=Decision.Action.APPROVE)
    client.force_login(bob)
    body = client.get(reverse("reviews:my_decisions")).content.decode()
    assert "MINE" in body and "THEIRS" not in body


def test_order_page_shows_its_decision_history(client, bob, shop_a):
    order = make_flagged_order(shop_a)
    order_decide(order=order, user=bob, action=Decision.Action.NOTE, note="等买家回复")
    client.force_login(bob)
    body = client.get(reverse("reviews:order_detail", args=[order.pk])).content.decode()
    assert "等买家回复" in body and "处理记录" in body
