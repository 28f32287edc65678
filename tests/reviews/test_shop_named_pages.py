"""Admins of several shops see on each policy, token and alert page which shop it applies to;
the new API token comes with a copy button."""

import pytest
from django.urls import reverse

from reviews.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["reviews:policy", "reviews:api_tokens", "reviews:alerts", "reviews:alert_list"])
def test_heading_names_the_current_shop(client, alice, shop_a, shop_b, name):
    Membership.objects.create(user=alice, shop=shop_b, role=Role.ADMIN)
    client.force_login(alice)
    client.post(reverse("reviews:switch_shop"), {"shop": shop_b.pk})
    body = client.get(reverse(name)).content.decode()
    heading = body.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "店铺B" in heading and "店铺A" not in heading


def test_new_token_has_a_copy_button_for_that_token(client, alice):
    client.force_login(alice)
    response = client.post(reverse("reviews:api_tokens"), {"name": "ERP"})
    body = response.content.decode()
    assert 'id="new-token"' in body and 'data-copy-target="new-token"' in body
    assert "复制" in body and 'data-copied="已复制"' in body and 'role="status"' in body
    # Only on the response that shows the token once.
    assert 'data-copy-target="new-token"' not in client.get(reverse("reviews:api_tokens")).content.decode()
