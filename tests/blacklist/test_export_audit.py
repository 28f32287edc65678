"""Every blacklist export is audited: who, when and how many entries."""

import pytest
from django.urls import reverse

from blacklist.models import Kind
from blacklist.services import blacklist_add
from reviews.models import ExportEvent

pytestmark = pytest.mark.django_db


def test_exporting_the_blacklist_leaves_an_audit_entry_naming_the_user(client, shop_a, manny):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000", reason="炸店")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.RECEIVER, value="张三丰", reason="恶拍")
    client.force_login(manny)
    assert client.get(reverse("blacklist:export"), {"format": "csv"}).status_code == 200
    (event,) = ExportEvent.objects.all()
    assert (event.shop, event.user, event.kind, event.file_format, event.rows) == (
        shop_a,
        manny,
        ExportEvent.Kind.BLACKLIST,
        "csv",
        2,
    )
