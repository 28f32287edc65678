"""File the demo complaints in the demo's main shop (after ``seed_demo``; ``make run`` runs both)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from complaints.demo import seed_demo_complaints
from complaints.models import Complaint
from reviews.models import Membership, Role


class Command(BaseCommand):
    help = "Add demo complaints (upheld, overdue, due soon, a draft) to the shop seed_demo made for 'reviewer'."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing when a complaint already exists")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Complaint.objects.exists():
            self.stdout.write("Demo complaints already present; skipping.")
            return
        users = get_user_model().objects.filter(username__in=["manager", "reviewer"]).in_bulk(field_name="username")
        memberships = Membership.objects.filter(user__username="reviewer", role=Role.REVIEWER)
        membership = memberships.select_related("shop").order_by("shop_id").first()
        if len(users) < 2 or membership is None:
            raise CommandError("没有演示店铺：请先运行 manage.py seed_demo。")
        with transaction.atomic():
            made = seed_demo_complaints(shop=membership.shop, manager=users["manager"], reviewer=users["reviewer"])
        for complaint in Complaint.objects.filter(pk__in=[c.pk for c in made]).order_by("created_at"):
            self.stdout.write(f"  {membership.shop.name}: 投诉「{complaint.title}」{complaint.get_status_display()}")
