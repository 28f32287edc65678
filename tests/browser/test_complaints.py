"""A reviewer files a complaint from an order with two screenshots and downloads the evidence pack."""

import hashlib
import json
import zipfile

import pytest

from complaints.models import Complaint
from tests.conftest import make_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def screenshot_file(path, color):
    from PIL import Image

    Image.new("RGB", (390, 844), color).save(path)
    return path


def test_reviewer_files_complaint_with_two_screenshots_and_downloads_the_pack(
    login, page, live_server, screenshots, tmp_path, bob, shop_a
):
    order = make_order(shop_a, order_no="251125-000000000000777", sku_name="皇家猫粮 成猫通用粮 2kg")
    first = screenshot_file(tmp_path / "聊天截图1.png", (220, 60, 60))
    second = screenshot_file(tmp_path / "聊天截图2.png", (60, 60, 220))

    login("bob")
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.get_by_role("link", name="发起投诉").click()
    page.wait_for_url("**/complaints/new/?order=*")
    assert page.locator(f"#order-{order.pk}").is_checked()
    page.select_option("#id_category", label="恶意拍单不付款")
    page.fill("#id_title", "买家拍下不付款并辱骂客服")
    page.fill("#id_description", "11月20日起连续下单后取消，客服询问时辱骂。")
    page.set_input_files("#id_files", [str(first), str(second)])
    page.fill("#id_caption", "聊天截图")
    page.screenshot(path=str(screenshots / "complaint_form.png"), full_page=True)
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/complaints/*/")

    complaint = Complaint.objects.get()
    assert page.get_by_text("投诉草稿已保存").is_visible()
    thumbs = page.locator(".evidence img")
    assert thumbs.count() == 2
    thumbs.nth(1).scroll_into_view_if_needed()
    assert page.evaluate("[...document.querySelectorAll('.evidence img')].every(i => i.naturalWidth > 0)")

    page.get_by_role("button", name="生成脱敏证据包").click()  # a reviewer's pack hides buyers' details
    download_link = page.get_by_role("link", name="下载证据包")
    download_link.wait_for()
    page.screenshot(path=str(screenshots / "complaint_detail.png"), full_page=True)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert download.suggested_filename == f"evidence-pack-{complaint.pk}-{complaint.packs.get().pk}.zip"

    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        assert [n for n in names if n.startswith("evidence/")] == [
            "evidence/01_聊天截图1.png",
            "evidence/02_聊天截图2.png",
        ]
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
        assert "251125-000000000000777" in archive.read("summary.html").decode()
        assert archive.read("evidence/01_聊天截图1.png") == first.read_bytes()


def test_complaints_list_marks_the_nav_link_current(login, page, live_server, bob, shop_a):
    login("bob")
    page.get_by_role("link", name="投诉", exact=True).click()
    page.wait_for_url("**/complaints/")
    assert page.get_by_role("link", name="投诉", exact=True).get_attribute("aria-current") == "page"
    assert page.get_by_role("link", name="新建投诉").is_visible()
