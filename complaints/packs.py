"""The evidence pack: one ZIP a merchant uploads to the platform with the complaint.

Contents: summary.html and summary.pdf (Chinese), orders.csv and orders.xlsx of the orders
concerned, every evidence file under evidence/, and manifest.json with each file's size
and SHA-256 so the platform (or a court) can check nothing was altered.

A pack built for a reviewer (``pack.masked``) shows buyers' phones, receivers and addresses
masked in every file Shield writes (``summary.masked_summary``); evidence files go in as
uploaded, since their SHA-256 is what proves them.
"""

import csv
import hashlib
import io
import json
import logging
import re
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from pathlib import PurePath
from xml.sax.saxutils import escape

from django.core.files import File
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.models import EvidencePack
from complaints.summary import ComplaintSummary, complaint_summary, masked_summary
from reviews.services.alerting import mask_phones
from shieldsite.spreadsheets import escape_formula

logger = logging.getLogger(__name__)
Progress = Callable[[int], None]
CHUNK = 1024 * 1024


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def order_headers() -> list[str]:
    return [
        _("订单号"),
        _("下单时间"),
        _("支付时间"),
        _("发货时间"),
        _("收货时间"),
        _("订单状态"),
        _("售后状态"),
        _("商品ID"),
        _("商品"),
        _("规格"),
        _("数量"),
        _("实付金额(元)"),
        _("收货人"),
        _("手机"),
        _("收货地址"),
        _("买家"),
        _("风险分"),
        _("买家留言"),
        _("商家备注"),
    ]


def order_rows(summary: ComplaintSummary) -> list[list]:
    rows = []
    for order in summary.orders:
        row = [
            order.order_no,
            local(order.ordered_at),
            local(order.paid_at),
            local(order.shipped_at),
            local(order.received_at),
            order.get_status_display(),
            order.after_sale_status,
            order.sku_id,
            order.sku_name,
            order.spec,
            order.quantity,
            str(order.amount_paid),
            order.receiver,
            order.phone,
            order.full_address,
            str(order.buyer) if order.buyer else "",
            order.risk_score if order.risk_score is not None else "",
            order.buyer_note,
            order.merchant_note,
        ]
        rows.append([escape_formula(cell) for cell in row])
    return rows


def orders_csv(summary: ComplaintSummary) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(order_headers())
    writer.writerows(order_rows(summary))
    # UTF-8 with BOM: Excel on a Chinese Windows opens it without mojibake.
    return out.getvalue().encode("utf-8-sig")


def orders_xlsx(summary: ComplaintSummary) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("订单"))
    sheet.append(order_headers())
    for row in order_rows(summary):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_html(summary: ComplaintSummary) -> bytes:
    return render_to_string(
        "complaints/pack_summary.html", {"s": summary, "c": summary.complaint, "generated_at": timezone.now()}
    ).encode("utf-8")


def summary_pdf(summary: ComplaintSummary) -> bytes:
    """The same summary as a PDF; reportlab's built-in STSong-Light CID font draws the Chinese."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11)
    h1 = ParagraphStyle("h1", parent=body, fontSize=16, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=body, fontSize=12, leading=18, spaceBefore=10, spaceAfter=4)
    c = summary.complaint

    def p(text, style=body):
        # STSong-Light has no U+00B7 middle dot; an em dash reads the same in Chinese text.
        return Paragraph(escape(str(text).replace("·", "—")).replace("\n", "<br/>"), style)

    def table(rows, widths):
        t = Table([[p(cell, small) for cell in row] for row in rows], colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    story = [
        p(_("恶意买家投诉 · 证据摘要"), h1),
        p(f"{_('标题')}：{c.title}"),
        p(f"{_('店铺')}：{c.shop.name}（{c.shop.get_platform_display()}）"),
        p(f"{_('投诉类型')}：{c.get_category_display()}"),
        *(p(f"{label}：{text}") for label, text in summary.state),
        p(f"{_('生成时间')}：{local(timezone.now())}"),
        p(_("事情经过"), h2),
        p(c.description or "—"),
    ]
    story.append(p(_("涉及买家"), h2))
    story.append(
        table(
            [[_("买家"), _("手机号(脱敏)"), _("身份可信度"), _("信用分")]]
            + [[str(b), b.masked_phone, b.get_confidence_display(), b.credit_score] for b in summary.buyers],
            [50 * mm, 40 * mm, 40 * mm, 30 * mm],
        )
    )
    story.append(p(_("关联账号"), h2))
    if summary.linked:
        story.append(
            table(
                [[_("关联账号"), _("关联到"), _("关联方式")]]
                + [[str(x.buyer), str(x.linked_to), x.via] for x in summary.linked],
                [55 * mm, 55 * mm, 50 * mm],
            )
        )
    else:
        story.append(p(_("未发现关联账号。")))
    story.append(p(_("涉及订单"), h2))
    story.append(
        table(
            [[_("订单号"), _("下单时间"), _("商品"), _("数量"), _("实付(元)"), _("状态"), _("收货人")]]
            + [
                [
                    o.order_no,
                    local(o.ordered_at),
                    o.sku_name,
                    o.quantity,
                    o.amount_paid,
                    o.get_status_display(),
                    o.receiver,
                ]
                for o in summary.orders
            ],
            [38 * mm, 28 * mm, 44 * mm, 12 * mm, 18 * mm, 16 * mm, 20 * mm],
        )
    )
    story.append(p(_("时间线"), h2))
    story.append(
        table([[_("时间"), _("事件")]] + [[local(e.at), e.label] for e in summary.timeline], [34 * mm, 142 * mm])
    )
    story.append(p(_("证据文件"), h2))
    evidence = list(c.evidence.all())
    if evidence:
        story.append(
            table(
                [[_("文件"), _("类型"), _("说明"), "SHA-256"]]
                + [[e.original_name, e.get_kind_display(), e.caption, e.sha256] for e in evidence],
                [40 * mm, 18 * mm, 50 * mm, 68 * mm],
            )
        )
    else:
        story.append(p(_("没有附加文件。")))
    story.append(Spacer(1, 6 * mm))
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=c.title,
        author="Shield",
    ).build(story)
    return out.getvalue()


def safe_member_name(index: int, original: str) -> str:
    """evidence/03_聊天记录.txt: numbered so two files of one name never collide, no paths."""
    name = PurePath(original.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f/\\:*?\"<>|]", "_", name).strip(" .") or "file"
    return f"evidence/{index:02d}_{name[:120]}"


class HashingZip:
    """A ZipFile wrapper that records each member's size and SHA-256 for the manifest."""

    def __init__(self, fileobj):
        self.zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED)
        self.entries: list[dict] = []

    def add_bytes(self, name: str, data: bytes) -> None:
        self.zip.writestr(name, data)
        self.entries.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})

    def add_stream(self, name: str, stream) -> None:
        digest, size = hashlib.sha256(), 0
        # Pictures and PDFs are compressed already; store them as they are.
        with self.zip.open(zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6]), "w") as target:
            while chunk := stream.read(CHUNK):
                target.write(chunk)
                digest.update(chunk)
                size += len(chunk)
        self.entries.append({"name": name, "size": size, "sha256": digest.hexdigest()})

    def __enter__(self) -> "HashingZip":
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()


def write_pack(summary: ComplaintSummary, fileobj, progress: Progress, *, masked: bool = False) -> None:
    """Write the whole ZIP into ``fileobj``, reporting progress from 0 to 95; ``masked`` masks
    buyers' personal data in the summary, the order sheets and the manifest."""
    if masked:
        summary = masked_summary(summary)
    complaint = summary.complaint
    text = mask_phones if masked else str
    evidence = list(complaint.evidence.all())
    steps = 5 + len(evidence)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        progress(min(95, int(done * 95 / steps)))

    with HashingZip(fileobj) as pack:
        pack.add_bytes("summary.html", summary_html(summary))
        step()
        pack.add_bytes("summary.pdf", summary_pdf(summary))
        step()
        pack.add_bytes("orders.csv", orders_csv(summary))
        step()
        pack.add_bytes("orders.xlsx", orders_xlsx(summary))
        step()
        for index, item in enumerate(evidence, start=1):
            with item.file.open("rb") as stream:
                pack.add_stream(safe_member_name(index, text(item.original_name)), stream)
            recorded = pack.entries[-1]
            if recorded["sha256"] != item.sha256:
                raise ValueError(f"evidence {item.pk} changed on disk since upload")
            recorded.update(
                {"original_name": text(item.original_name), "caption": text(item.caption), "kind": item.kind}
            )
            step()
        manifest = {
            "complaint": complaint.pk,
            "shop": complaint.shop.name,
            "title": complaint.title,
            "generated_at": timezone.localtime().isoformat(),
            "masked": masked,
            "algorithm": "SHA-256",
            "files": pack.entries,
        }
        pack.add_bytes("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        step()


def evidence_pack_build(*, pack_id: int, progress: Progress | None = None) -> EvidencePack:
    """Build one requested pack and store it; safe to run twice (a finished pack is left alone).

    Failure is recorded on the pack (status failed, the error) rather than raised, so the page
    can say what went wrong and the merchant can ask for a new one.
    """
    pack = EvidencePack.objects.select_related("complaint__shop").get(pk=pack_id)
    if pack.status == EvidencePack.Status.DONE:
        return pack

    def report(percent: int) -> None:
        EvidencePack.objects.filter(pk=pack.pk).update(progress=percent)
        if progress:
            progress(percent)

    EvidencePack.objects.filter(pk=pack.pk).update(status=EvidencePack.Status.RUNNING, progress=0)
    try:
        with translation.override("zh-hans"), tempfile.TemporaryFile() as tmp:
            write_pack(complaint_summary(pack.complaint), tmp, report, masked=pack.masked)
            tmp.seek(0)
            digest = hashlib.sha256()
            while chunk := tmp.read(CHUNK):
                digest.update(chunk)
            size = tmp.tell()
            tmp.seek(0)
            name = f"evidence/packs/{pack.complaint.shop_id}/{uuid.uuid4().hex}.zip"
            stored = pack.file.storage.save(name, File(tmp, name=name))
    except Exception as exc:
        logger.exception("evidence pack %s failed", pack.pk)
        EvidencePack.objects.filter(pk=pack.pk).update(
            status=EvidencePack.Status.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
    else:
        EvidencePack.objects.filter(pk=pack.pk).update(
            status=EvidencePack.Status.DONE,
            progress=100,
            file=stored,
            size=size,
            sha256=digest.hexdigest(),
            finished_at=timezone.now(),
        )
    pack.refresh_from_db()
    return pack
