from django.urls import path

from reviews.views import orders, shops

app_name = "reviews"

urlpatterns = [
    path("", orders.home, name="home"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("shop/switch/", shops.switch_shop, name="switch_shop"),
]
