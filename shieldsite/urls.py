from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views import defaults

from reviews.staff_forms import ShopLoginForm
from reviews.views.api import error
from reviews.views.staff import staff_join_view, staff_reset_view
from shieldsite.health import healthz

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=ShopLoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # One-time links an admin hands out from the staff page: open without logging in.
    path("accounts/invite/<str:token>/", staff_join_view, name="staff_join"),
    path("accounts/reset/<str:token>/", staff_reset_view, name="staff_reset"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/rq/", include("django_rq.urls")),
    path("admin/", admin.site.urls),
    path("blacklist/", include("blacklist.urls")),
    path("complaints/", include("complaints.urls")),
    path("", include("reviews.urls")),
]


# With DEBUG off, an error under /api/ answers in the check API's JSON shape: its clients are
# programs that cannot read the dashboard's HTML error pages. Every other address keeps them.
def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, exception):
    if _is_api(request):
        return error(400, "bad_request", "请求无法处理，请检查请求的大小和格式")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _is_api(request):
        return error(403, "forbidden", "没有权限")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _is_api(request):
        return error(404, "not_found", "接口地址不存在，请检查 URL（例如 /api/v1/check）")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return error(500, "server_error", "服务器暂时出错，请稍后重试")
    return defaults.server_error(request)


handler400 = bad_request
handler403 = permission_denied
handler404 = page_not_found
handler500 = server_error
