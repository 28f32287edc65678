"""The two real-looking sample exports in tests/data import with the right statuses, amounts,
buyers and identity confidence: a Douyin (抖店) export, and a Pinduoduo privacy export that
carries only a masked phone and the region."""

from decimal import Decimal
from pathlib import Path

import pytest

from reviews.models import Buyer, Order
from reviews.services.policy import policy_save
from reviews.services.screening.verdicts import screen_orders
from tests.reviews.importing_helpers import import_file

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data"


def test_douyin_sample_export_imports_statuses_amounts_and_buyers(shop_a):
    check, run = import_file(DATA / "douyin_orders.csv", shop_a)
    assert check.platform == "douyin" and check.rejected == 0 and run.created == 15
    orders = {o.order_no: o for o in Order.objects.select_related("buyer")}
    status = {no[-3:] if "-" not in no else no[-5:]: o.status for no, o in orders.items()}
    assert status["101"] == Order.Status.COMPLETED  # 已完成
    assert status["102"] == Order.Status.SHIPPED  # 已发货
    assert status["103"] == status["104"] == Order.Status.PAID  # 备货中 / 待发货
    assert status["105"] == Order.Status.UNPAID  # 待支付
    assert status["106"] == Order.Status.CANCELLED  # 已关闭, 超时未支付
    assert status["107"] == Order.Status.REFUNDED  # 已关闭 + 售后 退款成功
    assert status["108"] == Order.Status.REFUNDING  # 售后中
    assert status["113"] == Order.Status.COMPLETED  # 售后关闭 does not undo the completion
    assert status["114"] == Order.Status.CANCELLED  # 已取消
    assert status["115"] == Order.Status.REFUNDED  # 已发货 + 退款成功

    # Sub-orders are orders of their own; the main order number is kept, like Taobao's.
    first, second = orders["6938201745521300111-1"], orders["6938201745521300111-2"]
    assert first.extra["主订单编号"] == second.extra["主订单编号"] == "6938201745521300111"
    assert (first.sku_id, second.sku_id) == ("3689012340001", "3689012340002")
    assert first.extra["运费"] == "10.00" and first.extra["达人ID"] == "7034512"
    assert first.extra["商家编码"] == "GUO-32" and first.extra["流量来源"] == "直播"
    paid = orders["6938201745521300109"]
    assert (paid.quantity, paid.amount_paid) == (5, Decimal("199.50")) and paid.extra["商品金额"] == "299.50"

    # A full phone is a strong identity; a masked phone with a (masked) name and the address is masked.
    wang = orders["6938201745521300103"].buyer
    assert wang == orders["6938201745521300104"].buyer
    assert (wang.key_kind, wang.confidence, wang.masked_phone) == ("phone", "strong", "138****8000")
    zhang = orders["6938201745521300101"].buyer
    assert zhang == orders["6938201745521300113"].buyer
    assert (zhang.key_kind, zhang.confidence, zhang.masked_phone) == ("masked_phone", "masked", "138****5678")


def test_pdd_privacy_sample_resolves_masked_buyers_from_phone_and_region(shop_a):
    check, run = import_file(DATA / "pdd_privacy_orders.csv", shop_a)
    assert check.platform == "pdd" and check.rejected == 0 and run.created == 16
    orders = {o.order_no[-2:]: o for o in Order.objects.select_related("buyer")}

    shenzhen = orders["01"].buyer
    assert shenzhen is not None and shenzhen.confidence == Buyer.Confidence.MASKED
    assert shenzhen.key_kind == Buyer.KeyKind.MASKED_PHONE and shenzhen.masked_phone == "138****5678"
    # A masked province (****) in one row does not split the buyer.
    assert {orders[n].buyer for n in ("02", "03", "04", "05", "15", "16")} == {shenzhen}
    # The same masked phone in another city is another person, and is shown with its place.
    assert orders["06"].buyer not in (None, shenzhen) and orders["06"].buyer.confidence == "masked"
    assert (str(shenzhen), str(orders["06"].buyer)) == ("138****5678·深圳南山", "138****5678·杭州西湖")
    chengdu = orders["07"].buyer
    assert {orders[n].buyer for n in ("08", "09", "10")} == {chengdu}
    assert [orders[n].status for n in ("07", "08", "09", "10")] == ["shipped", "refunded", "cancelled", "refunding"]
    # No phone and no district: nothing identifies the buyer.
    assert orders["14"].buyer is None
    assert Buyer.objects.filter(shop=shop_a).exclude(confidence="masked").count() == 0
    assert orders["05"].extra["是否审核中"] == "是" and orders["12"].extra["是否抽奖或0元试用"] == "是"
    assert orders["11"].extra["订单来源"] == "多多视频" and orders["02"].buyer_note == "请尽快发货"

    # Six orders in a few minutes, left unpaid (as a 炸店 burst is): counted in full (a masked phone
    # in one district and street is one buyer), or at the weight the shop sets for masked identities.
    Order.objects.filter(pk__in=[orders[n].pk for n in ("02", "03", "04", "05", "15", "16")]).update(
        status=Order.Status.UNPAID
    )
    order = orders["16"]
    screen_orders(shop_id=shop_a.pk, order_ids=[o.pk for o in orders.values()])
    order.refresh_from_db()
    burst = next(r for r in order.risk_reasons if r["code"] == "burst_buyer")
    assert burst["weight"] == 50 and "脱敏" not in burst["message"]
    policy_save(shop=shop_a, values={"masked_identity_weight_pct": 50}, user=None)
    screen_orders(shop_id=shop_a.pk, order_ids=[order.pk])
    order.refresh_from_db()
    burst = next(r for r in order.risk_reasons if r["code"] == "burst_buyer")
    assert burst["weight"] == 25 and "脱敏" in burst["message"]
