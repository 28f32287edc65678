"""Nightly jobs for RQ's cron scheduler: ``python manage.py rqcron reviews.cron``.

Cron expressions are in UTC: 19:30 UTC is 03:30 in Asia/Shanghai, when shops are quiet.
"""

from rq import cron

from reviews.jobs import alerts_check, import_dry_runs_expire, learn_weights_all_shops, rescore_all_shops

# A full rescore per shop: re-derives every order's ledger event (so a changed policy delta
# reaches old orders too) and recomputes every buyer. Incremental rescoring after imports and
# decisions keeps scores current during the day; this catches everything else.
cron.register(rescore_all_shops, "scoring", cron="30 19 * * *", job_timeout=3600)
# Rule weights learned from each shop's labels, in shadow until they beat the policy in force.
cron.register(learn_weights_all_shops, "scoring", cron="30 20 * * *", job_timeout=3600)
# Alerts that depend on time passing, not on an import: a review queue left waiting, a
# complaint due tomorrow or overdue. Each is rate-limited per shop, so running often is cheap.
cron.register(alerts_check, "default", cron="*/5 * * * *", job_timeout=600)
# An uploaded file whose dry run nobody confirmed within a day is removed (its record stays).
cron.register(import_dry_runs_expire, "imports", cron="17 * * * *", job_timeout=600)
