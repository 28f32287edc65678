"""List complaints whose platform reply is overdue or due by the end of tomorrow.

Run it every morning (see README, "Scheduled jobs"); it exits 0 either way and prints one
line per complaint, so cron mail or a log shows what to chase.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.jobs import complaints_due


class Command(BaseCommand):
    help = "列出平台回复已逾期和明天前到期的投诉 (overdue / due by end of tomorrow)."

    def add_arguments(self, parser):
        parser.add_argument("--shop", type=int, help="only this shop id")

    def handle(self, *args, shop=None, **options):
        due = complaints_due()
        for label, complaints in (("逾期", due["overdue"]), ("即将到期", due["due_soon"])):
            if shop:
                complaints = [c for c in complaints if c.shop_id == shop]
            self.stdout.write(f"{label}: {len(complaints)}")
            for c in complaints:
                due_at = timezone.localtime(c.reply_due_at).strftime("%Y-%m-%d %H:%M")
                self.stdout.write(
                    f"  #{c.pk} [{c.shop.name}] {c.title} · 工单 {c.platform_ticket_no or '—'} · 回复截止 {due_at}"
                )
