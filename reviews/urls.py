from django.urls import path

from reviews.views import orders, queue, shops

app_name = "reviews"

urlpatterns = [
    path("", orders.home, name="home"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("shop/switch/", shops.switch_shop, name="switch_shop"),
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
]
