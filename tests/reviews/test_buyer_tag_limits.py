"""A shop's own tag words that do not fit their columns (or carry a NUL) are a form error on the
tags page, not a server error."""

import pytest
from django.test import Client

from reviews.models import BuyerTag

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of_alice(alice):
    client = Client()
    client.force_login(alice)
    return client


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "很" * 21}, "标签名不能超过 20 个字符"),
        ({"name": "刷单", "description": "长" * 101}, "含义不能超过 100 个字符"),
        ({"name": "刷\x00单"}, "不能包含空字符"),
        ({"name": "刷单", "description": "a\x00"}, "不能包含空字符"),
    ],
)
def test_a_tag_that_does_not_fit_is_a_form_error(client_of_alice, shop_a, form, message):
    response = client_of_alice.post("/tags/", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BuyerTag.objects.filter(shop=shop_a, builtin=False).exists()


def test_a_tag_name_of_twenty_characters_is_added(client_of_alice, shop_a):
    response = client_of_alice.post("/tags/", {"name": "很" * 20})
    assert response.status_code == 302
    assert BuyerTag.objects.filter(shop=shop_a, name="很" * 20).exists()
