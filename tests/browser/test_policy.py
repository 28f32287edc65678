"""An admin tunes the risk policy in the browser: edit, backtest, save a new version."""

import pytest

from reviews.models import RiskPolicy
from tests.conftest import make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_backtests_then_saves_a_stricter_policy(login, page, screenshots, alice, shop_a):
    make_order(shop_a, address="南山区科技园南路菜鸟驿站3号")
    login("alice")
    page.get_by_role("link", name="风控策略").click()
    page.wait_for_url("**/policy/")
    page.get_by_label("送审分数线").fill("20")
    page.get_by_role("button", name="试算（回测最近 30 天）").click()
    page.wait_for_url("**/policy/backtests/*/")
    summary = page.locator(".backtest-summary").inner_text()
    assert "会被送审" in summary and "1 笔" in summary  # the pickup-point order scores 20
    page.screenshot(path=str(screenshots / "policy_backtest.png"), full_page=True)
    page.get_by_label("修改说明").fill("驿站订单也要看")
    page.get_by_role("button", name="保存为新版本").click()
    page.wait_for_url("**/policy/")
    assert "已保存为第 2 版" in page.locator("main").inner_text()
    assert RiskPolicy.objects.get(shop=shop_a, version=2).review_threshold == 20
