"""Demo complaints, for ``manage.py seed_demo_complaints`` (``make run`` runs it after ``seed_demo``).

One complaint in each state a merchant meets in a month: upheld (its buyer's credit charged),
waiting past the platform's reply deadline, waiting (due by tomorrow when the calendar allows),
and a reviewer's draft about the attack under way with a logistics screenshot attached. They go
through the real services (so every step is in the audit trail), then their times are moved back
to when a merchant would have done each step, as ``seed_demo`` does with the review decisions.
"""

import io
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints.deadlines import reply_due_for
from complaints.models import Complaint, ComplaintEvent, Evidence
from complaints.querysets import due_soon_limit
from complaints.services import (
    compensation_record,
    complaint_close,
    complaint_create,
    complaint_record_reply,
    complaint_submit,
)
from reviews.models import Order, Shop
from reviews.selectors.queue import reason_filter

C = Complaint.Category


def _orders_with(
    shop: Shop, code: str, *, since: datetime, until: datetime, by: str = "buyer_id", limit: int = 4
) -> list[Order]:
    """Up to ``limit`` orders flagged for ``code`` in ``[since, until)`` that share ``by`` (one
    buyer, or one SKU for a bombing by several accounts): the largest such group, oldest first."""
    orders = reason_filter(
        Order.objects.filter(shop=shop, ordered_at__gte=since, ordered_at__lt=until, buyer__isnull=False), code
    )
    groups: dict[object, list[Order]] = {}
    for order in orders.order_by("ordered_at", "pk"):
        groups.setdefault(getattr(order, by), []).append(order)
    return max(groups.values(), key=len)[:limit] if groups else []


@contextmanager
def _at(when: datetime):
    """Date what the block writes ``when``: complaints created, their events and evidence (the
    demo runs in its own transaction, so nothing else is written meanwhile)."""
    started = timezone.now()
    yield
    Complaint.objects.filter(created_at__gte=started).update(created_at=when)
    ComplaintEvent.objects.filter(created_at__gte=started).update(created_at=when)
    Evidence.objects.filter(uploaded_at__gte=started).update(uploaded_at=when)


def _submitted_due_soon(now: datetime) -> datetime:
    """A submission time whose reply deadline is still ahead but falls by the end of tomorrow; on a
    weekend no working-day deadline does, and a submission two days ago stands in."""
    for hours in range(6, 24 * 8):
        submitted = now - timedelta(hours=hours)
        if now < reply_due_for(submitted) <= due_soon_limit(now):
            return submitted
    return now - timedelta(days=2)


def _logistics_screenshot() -> SimpleUploadedFile:
    """A small picture standing in for a courier's "refused by receiver" record."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 360), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 640, 48), fill=(230, 57, 70))
    for index, line in enumerate(
        ["SF1402238841", "2 x iPhone15 case", "Delivery attempted", "REFUSED BY RECEIVER", "Returning to sender"]
    ):
        draw.text((24, 72 + 48 * index), line, fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("物流拒收记录.png", out.getvalue(), content_type="image/png")


def _file(shop: Shop, user, *, drafted: datetime, submitted: datetime | None = None, ticket: str = "", **fields):
    """A complaint drafted at ``drafted`` and, given ``submitted``, filed on the platform then under ``ticket``.

    Two blocks: the submission is checked against the draft's time, which is moved at the end of the first."""
    with _at(drafted):
        complaint = complaint_create(shop=shop, user=user, **fields)
    if submitted is not None:
        with _at(submitted):
            complaint_submit(complaint=complaint, user=user, platform_ticket_no=ticket, submitted_at=submitted)
    return complaint


def seed_demo_complaints(*, shop: Shop, manager, reviewer) -> list[Complaint]:
    """File the demo complaints of ``shop``; a state is skipped when the demo month has no orders for it."""
    now = timezone.now()
    made: list[Complaint] = []
    month_ago, week_ago = now - timedelta(days=30), now - timedelta(days=7)

    refunds = _orders_with(shop, "refund_rate", since=month_ago, until=now - timedelta(days=12))
    if refunds:
        filed = refunds[-1].ordered_at + timedelta(days=1)
        replied, closed = filed + timedelta(days=2), filed + timedelta(days=2, hours=3)
        complaint = _file(
            shop, manager, drafted=filed, submitted=filed, ticket="PDD-TS-20261108-0193",
            category=C.REFUND, orders=refunds,
            title=f"买家 {refunds[0].receiver or refunds[0].buyer} 多次下单后仅退款",
            description="同一买家一个月内多次下单、签收后申请仅退款，商品未退回。附订单记录和聊天记录。",
        )  # fmt: skip
        with _at(replied):
            complaint_record_reply(
                complaint=complaint, user=manager, replied_at=replied,
                reply_text="经核实，该买家存在恶意退款行为，平台已对其账号进行限制处理。",
            )  # fmt: skip
        with _at(closed):
            complaint_close(
                complaint=complaint, user=manager, result=Complaint.Status.UPHELD,
                outcome="平台已限制该买家，退款已追回。",
            )  # fmt: skip
        Complaint.objects.filter(pk=complaint.pk).update(closed_at=closed)
        # The platform paid the refunded amount back two days later: the dashboard's 追回.
        paid = closed + timedelta(days=2)
        with _at(paid):
            compensation_record(
                complaint=complaint, user=manager, amount=sum(o.amount_paid for o in refunds),
                received_on=timezone.localdate(paid), note="平台先行赔付（赔付单 PF-20261112-031）",
            )  # fmt: skip
        made.append(complaint)

    bombing = _orders_with(shop, "burst_sku", since=month_ago, until=week_ago, by="sku_id")
    if bombing:
        # Filed once the merchant had gathered the orders; the platform has not answered since.
        filed = max(bombing[-1].ordered_at + timedelta(hours=5), now - timedelta(days=6))
        made.append(_file(
            shop, manager, drafted=filed, submitted=filed, ticket="PDD-TS-20261118-0457",
            category=C.BOMBING, orders=bombing, title="同一商品被几个账号集中拍下后全部取消",
            description="几个关联账号在半小时内集中拍下同一商品，占用库存后全部申请取消。",
        ))  # fmt: skip

    since, until = now - timedelta(days=12), now - timedelta(days=2)
    lock = _orders_with(shop, "inventory_lock", since=since, until=until) or _orders_with(
        shop, "quantity", since=since, until=until
    )
    if lock:
        filed = _submitted_due_soon(now)
        made.append(_file(
            shop, manager, drafted=min(filed, lock[-1].ordered_at + timedelta(hours=2)), submitted=filed,
            ticket="PDD-TS-20261202-0088", category=C.STOCK_LOCK, orders=lock,
            title="新账号大批量拍下后不发货即退款，疑似同行恶拍",
            description="新注册账号单笔拍下大量商品，随即申请退款，影响正常买家下单。",
        ))  # fmt: skip

    live = _orders_with(shop, "burst_sku", since=now - timedelta(hours=3), until=now, by="sku_id", limit=6)
    if live:
        made.append(_file(
            shop, reviewer, drafted=now - timedelta(minutes=20), category=C.BOMBING, orders=live,
            title="正在发生的炸店：同一商品两小时内被集中拍下",
            description="这几单来自几个相互关联的账号，两小时内集中拍下同一商品，正在审核队列里等待处理。"
            "先存为草稿，判定取消后由经理补充证据再提交。",
            files=[_logistics_screenshot()], evidence_kind=Evidence.Kind.LOGISTICS, caption="快递拒收记录",
        ))  # fmt: skip
    return made
