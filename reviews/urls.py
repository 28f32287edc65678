from django.urls import path

from reviews.views import api, orders, policy, shops

app_name = "reviews"

urlpatterns = [
    path("", orders.home, name="home"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("shop/switch/", shops.switch_shop, name="switch_shop"),
    path("policy/", policy.policy_page, name="policy"),
    path("policy/backtests/<int:pk>/", policy.policy_backtest, name="policy_backtest"),
    path("policy/backtests/<int:pk>/save/", policy.policy_save_view, name="policy_save"),
    path("policy/versions/<int:version>/", policy.policy_version, name="policy_version"),
    path("policy/rescore/", policy.policy_rescore, name="policy_rescore"),
    path("policy/tokens/", policy.api_tokens, name="api_tokens"),
    path("policy/tokens/<int:pk>/revoke/", policy.api_token_revoke_view, name="api_token_revoke"),
    path("api/v1/check", api.check, name="api_check"),
]
