"""Opening a form-only address in the browser: a page that leads back, not an empty 405."""

from django.test import Client


def test_a_bookmarked_next_order_address_leads_back_to_the_queue(bob):
    client = Client()
    client.force_login(bob)
    response = client.get("/queue/next/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "这个地址不能直接打开" in page and "没有任何改动被保存" in page
    assert 'href="/queue/"' in page


def test_programs_keep_the_bare_405(bob):
    client = Client()
    client.force_login(bob)
    assert client.get("/queue/next/", HTTP_ACCEPT="*/*").content == b""
    assert Client().get("/api/v1/check", HTTP_ACCEPT="application/json").status_code == 405
