"""Run the periodic alert checks: a review queue waiting too long, complaints due tomorrow or overdue.

Schedule it every few minutes (README, "Alerts"): each alert is rate-limited per shop, so a
frequent run only sends what is new. Prints how many alerts each check sent.
"""

from django.core.management.base import BaseCommand, CommandError

from reviews.services.alerting import alerts_check


class Command(BaseCommand):
    help = "检查审核队列积压和投诉截止，按店铺的提醒设置发送提醒 (run every 5 minutes)."

    def handle(self, *args, **options):
        results = alerts_check()
        for check, sent in results.items():
            self.stdout.write(f"{check}: {'failed' if sent < 0 else sent}")
        if any(sent < 0 for sent in results.values()):
            raise CommandError("an alert check failed (see the log above)")
