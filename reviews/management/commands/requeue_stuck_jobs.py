"""Send again the jobs a dead worker or a Redis outage left behind (run every few minutes)."""

from django.core.management.base import BaseCommand

from reviews.services.background import jobs_requeue_stuck


class Command(BaseCommand):
    help = (
        "Clean RQ's started-job registries (abandoned jobs), flush the outbox of jobs that could not "
        "reach Redis, and re-enqueue every import / bulk / backtest / pack still marked running whose "
        "RQ job failed or vanished. Safe to run at any time: every job is idempotent."
    )

    def handle(self, *args, **options):
        result = jobs_requeue_stuck()
        if result.redis_error:
            self.stderr.write(f"Redis unreachable, will try again next run: {result.redis_error}")
        self.stdout.write(
            f"abandoned cleaned: {result.abandoned_cleaned}; "
            f"outbox sent: {result.deferred_sent}, still waiting: {result.deferred_waiting}; "
            f"records requeued: {len(result.requeued_records)} {' '.join(result.requeued_records)}; "
            f"abandoned scoring jobs requeued: {len(result.requeued_abandoned)}"
        )
