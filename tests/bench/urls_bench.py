"""Shield's URLs plus one trivial view: the baseline the check API's latency is compared with."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@login_not_required
@csrf_exempt
def ping(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ping", ping), path("", include("shieldsite.urls"))]
