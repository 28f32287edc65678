"""What a browser meets when it sends something to the wrong place: a form sent after the session
ended (``LoginRequiredMiddleware``), an address only forms may post to (``MethodNotAllowedPage``),
a NUL character in a query parameter (``StripNulFromQuery``)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import middleware
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


class LoginRequiredMiddleware(middleware.LoginRequiredMiddleware):
    """A form posted by someone whose session has ended (a reviewer's shift outlasting
    ``SESSION_COOKIE_AGE``, a logout in another tab) is not saved. After logging in again the user
    goes back to the page the form was on: the form's own address only takes POST, so the GET
    after login would be a blank 405. A message on the login page says that nothing was saved."""

    def handle_no_permission(self, request, view_func):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return super().handle_no_permission(request, view_func)
        messages.warning(request, _("登录已过期，刚才的提交没有保存。请重新登录，回到原来的页面后再操作一次。"))
        return redirect_to_login(
            self._page_of_form(request),
            resolve_url(self.get_login_url(view_func)),
            self.get_redirect_field_name(view_func),
        )

    @staticmethod
    def _page_of_form(request) -> str:
        """The path of the page that sent the form (same site only), else the dashboard."""
        referer = request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(referer)
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return resolve_url("reviews:home")


class MethodNotAllowedPage:
    """A browser opening an address that only a form may post to (a bookmarked or reloaded
    ``/queue/next/``) gets a page that says so and leads back, instead of Django's empty 405.
    Programs (the check API's clients do not ask for HTML) keep the bare 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method == "GET"
            and not response.content
            and "text/html" in request.headers.get("accept", "")
        ):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


class StripNulFromQuery:
    """NUL characters are removed from every query parameter's name and values before any view
    reads them. PostgreSQL refuses NUL in text, and no real search contains one: a ``?q=%00``
    would otherwise be a form error at best ("不允许是用空字符串") and a server error wherever
    a view passes a parameter to a query itself. Here rather than in a FilterSet base class, so
    it also covers parameters read without a FilterSet (``page``, ``kind``, ``export``, ``filters``)
    and every list page of every app, present and future, at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("QUERY_STRING", "")
        if "%00" in raw or "\x00" in raw:  # the common case reads nothing
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                for value in values:
                    cleaned.appendlist(key.replace("\x00", ""), value.replace("\x00", ""))
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
