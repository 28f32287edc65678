from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from shieldsite.health import healthz

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    path("blacklist/", include("blacklist.urls")),
    path("complaints/", include("complaints.urls")),
    path("", include("reviews.urls")),
]
