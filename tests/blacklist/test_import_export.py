"""Import with a dry run and row errors; export with escaped formulas; uploads sniffed."""

import io
from datetime import timedelta

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from blacklist.models import BlacklistEntry, EntryEvent, Kind, ListType, ReasonCategory, Source
from blacklist.services import blacklist_add
from shieldsite.spreadsheets import escape_formula

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "类型,值,收货人,名单,原因分类,原因,到期时间\n"
    "手机号,+86 138-0013-8000,,黑名单,炸店,30 分钟 50 单,\n"
    "收货地址,广东省深圳市南山区科技园南路1号,,,同行恶拍/占库存,,2099-12-31\n"
    "买家ID,pdd_wholesale_li,,白名单,可信买家,批发客户,\n"
)


def upload(client, content: bytes, name="blacklist.csv"):
    return client.post(reverse("blacklist:import_upload"), {"file": SimpleUploadedFile(name, content)})


def confirm(client, response):
    return client.post(reverse("blacklist:import_confirm"), {"token": response.context["token"]})


def test_dry_run_shows_counts_and_saves_nothing(client, manny, shop_a):
    client.force_login(manny)
    response = upload(client, GOOD_CSV.encode("utf-8"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary["total"], summary["new"], summary["errors"], summary["duplicates"]) == (3, 3, [], [])
    assert not BlacklistEntry.objects.exists()
    assert not EntryEvent.objects.exists()


def test_confirmed_import_adds_entries_through_the_same_service(client, manny, shop_a):
    client.force_login(manny)
    response = confirm(client, upload(client, GOOD_CSV.encode("utf-8")))
    assert response.status_code == 200
    entries = {e.kind: e for e in BlacklistEntry.objects.all()}
    assert set(entries) == {Kind.PHONE, Kind.ADDRESS, Kind.BUYER_ID}
    phone = entries[Kind.PHONE]
    assert (phone.key, phone.reason_category, phone.source, phone.created_by, phone.shop_id) == (
        "13800138000",
        ReasonCategory.BOMBING,
        Source.IMPORT,
        manny,
        shop_a.pk,
    )
    assert entries[Kind.BUYER_ID].list_type == ListType.ALLOW
    expires = timezone.localtime(entries[Kind.ADDRESS].expires_at)
    assert (expires.year, expires.month, expires.day, expires.hour) == (2099, 12, 31, 23)
    assert EntryEvent.objects.filter(action="created").count() == 3


def test_gbk_file_with_english_headers_and_codes(client, manny, shop_a):
    content = "kind,value,receiver,list,category,reason,expires_at\nphone,13912345678,王伟,block,unpaid,拍了不付,\n"
    client.force_login(manny)
    confirm(client, upload(client, content.encode("gbk")))
    entry = BlacklistEntry.objects.get()
    assert (entry.reason, entry.reason_category, entry.masked_key) == ("拍了不付", "unpaid", "139****5678|王伟")


def test_xlsx_file_is_imported(client, manny, shop_a):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["类型", "值", "收货人", "到期时间"])
    sheet.append(["手机号", 13800138000, "", timezone.now().replace(tzinfo=None) + timedelta(days=10)])
    sheet.append(["收货人+地址", "浙江省杭州市西湖区文三路90号", "李雷", None])
    sheet.append([None, None, None, None])  # Excel leaves empty rows behind: not an error
    data = io.BytesIO()
    book.save(data)
    client.force_login(manny)
    response = confirm(client, upload(client, data.getvalue(), "名单.xlsx"))
    assert response.context["summary"]["new"] == 2
    assert set(BlacklistEntry.objects.values_list("key", flat=True)) == {"13800138000", "李雷|浙江杭州西湖文三路90号"}


def test_row_errors_name_the_line_and_the_reason_in_chinese(client, manny, shop_a):
    content = (
        "类型,值,收货人,到期时间\n"
        "手机号,13800138000,,\n"  # line 2: fine
        "手机号,12345,,\n"  # line 3: malformed phone
        "手机号,138****5678,,\n"  # line 4: masked without receiver
        "收货地址,南山区,,\n"  # line 5: too short
        "手机号,13900001111,,2020-01-01\n"  # line 6: past expiry
        "银行卡,6222020000000000,,\n"  # line 7: unknown kind
        "手机号,13700001111,,明天\n"  # line 8: unreadable date
        "手机号,,,\n"  # line 9: empty value
    )
    client.force_login(manny)
    summary = upload(client, content.encode("utf-8")).context["summary"]
    assert summary["new"] == 1
    errors = {row["line"]: row["message"] for row in summary["errors"]}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9]
    assert "不是有效的手机号" in errors[3]
    assert "收货人" in errors[4]
    assert "地址太短" in errors[5]
    assert "到期时间已经过去" in errors[6]
    assert "“银行卡”不是有效的类型" in errors[7] and "手机号" in errors[7]
    assert "无法识别的到期时间" in errors[8]
    assert "请填写" in errors[9]


def test_duplicates_are_reported_per_row_not_added_twice(client, manny, shop_a):
    existing = blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000")
    content = "类型,值\n手机号,138 0013 8000\n收货人,张三丰\n收货人,张 三丰\n"
    client.force_login(manny)
    preview = upload(client, content.encode("utf-8"))
    duplicates = {row["line"]: row for row in preview.context["summary"]["duplicates"]}
    assert duplicates[2]["entry"] == existing and f"#{existing.pk}" in duplicates[2]["message"]
    assert duplicates[4]["entry"] is None and "第 3 行" in duplicates[4]["message"]
    confirm(client, preview)
    assert BlacklistEntry.objects.count() == 2


def test_upload_missing_required_columns_is_refused(client, manny, shop_a):
    client.force_login(manny)
    response = upload(client, "手机,备注\n13800138000,x\n".encode())
    assert response.status_code == 400
    assert "缺少必需的列：类型、值" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "blacklist.csv", "PNG"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "blacklist.csv", "JPEG"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "blacklist.csv", "不是文本文件"),
        (b"kind,value\nphone,13800138000\n", "blacklist.xlsx", "不是有效的 XLSX"),
        (b"", "blacklist.csv", "空"),
    ],
)
def test_binary_renamed_csv_is_refused_with_a_clear_message(client, manny, shop_a, content, name, message):
    client.force_login(manny)
    response = upload(client, content, name)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])


def test_oversized_upload_is_refused(client, manny, shop_a, monkeypatch):
    monkeypatch.setattr("blacklist.views.IMPORT_MAX_BYTES", 100)
    client.force_login(manny)
    response = upload(client, GOOD_CSV.encode("utf-8") * 3)
    assert "文件太大" in " ".join(response.context["form"].errors["file"])


def test_confirm_without_a_matching_preview_imports_nothing(client, manny, shop_a):
    client.force_login(manny)
    upload(client, GOOD_CSV.encode("utf-8"))
    response = client.post(reverse("blacklist:import_confirm"), {"token": "forged"})
    assert response.status_code == 302
    assert not BlacklistEntry.objects.exists()


# --- Export ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+86 138", "'+86 138"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("王伟", "王伟"),
        (None, ""),
        (42, 42),
    ],
)
def test_escape_formula(value, escaped):
    assert escape_formula(value) == escaped


def test_export_escapes_formula_cells_and_uses_chinese_headers(client, manny, shop_a):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.RECEIVER, value="张三丰", reason='=HYPERLINK("http://evil")')
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="+86 13800138000", reason="@炸店")
    client.force_login(manny)
    response = client.get(reverse("blacklist:export"), {"format": "csv"})
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")
    dataset = tablib.Dataset().load(text, format="csv")
    assert dataset.headers[:7] == ["类型", "值", "收货人", "名单", "原因分类", "原因", "到期时间"]
    rows = {row["类型"]: row for row in dataset.dict}
    assert rows["收货人"]["原因"] == '\'=HYPERLINK("http://evil")'
    assert rows["手机号"]["值"] == "'+86 13800138000" and rows["手机号"]["原因"] == "'@炸店"
    assert rows["手机号"]["名单"] == "黑名单"


def test_exported_xlsx_imports_again_as_duplicates(client, manny, shop_a, shop_b):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="+86 13800138000", reason="-恶拍")
    blacklist_add(shop_id=shop_b.pk, kind=Kind.PHONE, value="13911112222")
    client.force_login(manny)
    exported = client.get(reverse("blacklist:export"), {"format": "xlsx"}).content
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert sheet.max_row == 2  # header + shop A's one entry, never shop B's
    summary = upload(client, exported, "export.xlsx").context["summary"]
    assert (summary["new"], len(summary["duplicates"]), summary["errors"]) == (0, 1, [])


def test_export_follows_the_list_filters(client, manny, shop_a):
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13800138000")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.RECEIVER, value="张三丰")
    client.force_login(manny)
    text = client.get(reverse("blacklist:export"), {"format": "csv", "kind": "receiver"}).content.decode("utf-8-sig")
    assert "张三丰" in text and "13800138000" not in text


def test_export_query_count_does_not_grow_with_rows(client, manny, shop_a, django_assert_max_num_queries):
    for n in range(40):
        blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value=f"1380000{n:04d}", created_by=manny)
    client.force_login(manny)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("blacklist:export"), {"format": "xlsx"})
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.max_row == 41


def test_export_carries_the_tags_of_the_buyer_behind_a_phone(client, manny, bob, shop_a):
    from reviews.services.tagging import buyer_tag_add, shop_tags
    from tests.conftest import make_buyer

    buyer = make_buyer(shop_a, key="13800138000")
    words = {t.name: t for t in shop_tags(shop_id=shop_a.pk)}
    buyer_tag_add(buyer=buyer, tag=words["兔子"], user=bob)
    buyer_tag_add(buyer=buyer, tag=words["野狗"], user=bob)
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="+86 138-0013-8000")
    blacklist_add(shop_id=shop_a.pk, kind=Kind.PHONE, value="13911112222")
    client.force_login(manny)
    text = client.get(reverse("blacklist:export"), {"format": "csv"}).content.decode("utf-8-sig")
    rows = {row["值"]: row for row in tablib.Dataset().load(text, format="csv").dict}
    assert rows["'+86 138-0013-8000"]["买家标签"] == "兔子、野狗"
    assert rows["13911112222"]["买家标签"] == ""
