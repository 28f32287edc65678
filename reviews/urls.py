from django.urls import path

from reviews.views import api, background, imports, orders, policy, queue, shops

app_name = "reviews"

urlpatterns = [
    path("", orders.home, name="home"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("shop/switch/", shops.switch_shop, name="switch_shop"),
    path("orders/export/", orders.order_export, name="order_export"),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/new/", imports.import_new, name="import_new"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/status/", imports.import_status, name="import_status"),
    path("imports/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/rejected.csv", imports.import_rejected, name="import_rejected"),
    path("policy/", policy.policy_page, name="policy"),
    path("policy/backtests/<int:pk>/", policy.policy_backtest, name="policy_backtest"),
    path("policy/backtests/<int:pk>/save/", policy.policy_save_view, name="policy_save"),
    path("policy/versions/<int:version>/", policy.policy_version, name="policy_version"),
    path("policy/rescore/", policy.policy_rescore, name="policy_rescore"),
    path("policy/tokens/", policy.api_tokens, name="api_tokens"),
    path("policy/tokens/<int:pk>/revoke/", policy.api_token_revoke_view, name="api_token_revoke"),
    path("api/v1/check", api.check, name="api_check"),
    path("queue/", queue.queue, name="queue"),
    path("queue/next/", queue.queue_next, name="queue_next"),
    path("queue/orders/<int:pk>/", queue.review, name="review"),
    path("queue/orders/<int:pk>/decide/", queue.decide, name="decide"),
    path("queue/release/", queue.release, name="queue_release"),
    path("queue/bulk/", queue.bulk, name="queue_bulk"),
    path("queue/bulk/<int:pk>/", queue.bulk_job, name="bulk_job"),
    path("queue/to-cancel/", queue.to_cancel, name="to_cancel"),
    path("queue/to-cancel.csv", queue.to_cancel_csv, name="to_cancel_csv"),
    path("queue/decisions/<int:pk>/platform-cancelled/", queue.platform_cancel_confirm, name="platform_cancel_confirm"),
    path("queue/mine/", queue.my_decisions, name="my_decisions"),
    path("jobs/", background.job_list, name="jobs"),
    # Before the record route: an RQ job id may look like anything.
    path("jobs/queue/<str:job_id>/retry/", background.scoring_job_retry_view, name="scoring_job_retry"),
    path("jobs/<slug:kind>/<int:pk>/retry/", background.job_retry_view, name="job_retry"),
]
