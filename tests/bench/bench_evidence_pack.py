"""Evidence pack build time against the floor: zipping and hashing the same files, nothing else.

Size: one complaint with 300 orders and 20 evidence files of 2 MB each (40 MB, incompressible,
as screenshots and PDFs are). The pack adds summary.html/.pdf, orders.csv/.xlsx and the
manifest; the ratio says what they cost on top of the unavoidable I/O.
Run: ``python -m tests.bench evidence_pack`` (uses DATABASE_URL; everything is rolled back).
"""

import hashlib
import os
import tempfile
import time
import zipfile
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tests.bench.report import figure

FILES, FILE_MB, ORDERS = 20, 2, 300


class Rollback(Exception):
    pass


def baseline(paths: list[str], target) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for i, path in enumerate(paths):
            digest = hashlib.sha256()
            with open(path, "rb") as src, archive.open(f"evidence/{i:02d}.pdf", "w") as dst:
                while chunk := src.read(1024 * 1024):
                    dst.write(chunk)
                    digest.update(chunk)


def main() -> dict:
    from complaints.models import Complaint, Evidence, EvidencePack
    from complaints.packs import evidence_pack_build
    from reviews.models import Buyer, Order, Shop

    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                shop = Shop.objects.create(name="基准店铺")
                user = get_user_model().objects.create_user(username=f"bench-{time.time_ns()}")
                buyer = Buyer.objects.create(shop=shop, key_kind="phone", key="13800000000", confidence="strong")
                now = timezone.now()
                orders = Order.objects.bulk_create(
                    Order(
                        shop=shop,
                        buyer=buyer,
                        order_no=f"BENCH-{i:06d}",
                        sku_name="维达抽纸 3层120抽*24包",
                        amount_paid=Decimal("39.90"),
                        ordered_at=now,
                        receiver="=王伟",
                    )
                    for i in range(ORDERS)
                )
                complaint = Complaint.objects.create(shop=shop, category="bombing", title="炸店基准", created_by=user)
                complaint.orders.set(orders)
                complaint.buyers.set([buyer])
                items = []
                for i in range(FILES):
                    data = b"%PDF-1.4\n" + os.urandom(FILE_MB * 1024 * 1024)
                    item = Evidence(
                        complaint=complaint,
                        kind="logistics",
                        original_name=f"物流凭证{i}.pdf",
                        size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(),
                        content_type="application/pdf",
                        uploaded_by=user,
                    )
                    item.file.save("x.pdf", ContentFile(data), save=False)
                    items.append(item)
                Evidence.objects.bulk_create(items)
                paths = [item.file.path for item in items]

                started = time.perf_counter()
                with tempfile.TemporaryFile() as target:
                    baseline(paths, target)
                floor = time.perf_counter() - started

                pack = EvidencePack.objects.create(complaint=complaint, created_by=user)
                started = time.perf_counter()
                pack = evidence_pack_build(pack_id=pack.pk)
                took = time.perf_counter() - started
                assert pack.status == "done", pack.error
                total_mb = FILES * FILE_MB
                print(f"{FILES} files x {FILE_MB} MB + {ORDERS} orders -> pack {pack.size / 2**20:.1f} MB")
                print(f"baseline zip+hash of the files: {floor:.2f} s ({total_mb / floor:.0f} MB/s)")
                print(f"evidence pack build:            {took:.2f} s ({total_mb / took:.0f} MB/s)")
                print(f"ratio pack / baseline: {took / floor:.2f}x")
                raise Rollback
        except Rollback:
            pass
    return {
        "figures": [
            figure(f"evidence pack, {FILES} files × {FILE_MB} MB + {ORDERS} orders", took, unit="s", baseline=floor,
                   baseline_name="zip + hash of the files"),
        ]
    }  # fmt: skip
