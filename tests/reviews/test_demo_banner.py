"""`make run` opens on an attack under way: the demo's live bombing raises the real banner."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reviews.models import Shop
from reviews.selectors.dashboard import bursts_in_progress


@pytest.mark.django_db(transaction=True)
def test_after_seed_demo_the_dashboard_shows_the_attack_banner():
    # transaction=True: screening runs on commit, as in `make run`.
    call_command("seed_demo", "--orders", "300")
    client = Client()
    client.force_login(get_user_model().objects.get(username="reviewer"))
    body = client.get(reverse("reviews:home")).content.decode()
    assert 'class="attack-banner"' in body and "正在被炸店" in body
    # Real orders the rules flagged, not a banner switched on: the same figures as the queue's.
    burst = bursts_in_progress(Shop.objects.get(name="小米粒日用百货专营店"))[0]
    assert burst.orders >= 15 and burst.accounts <= 5
