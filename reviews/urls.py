from django.urls import path

from reviews.views import imports, orders, shops

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
]
