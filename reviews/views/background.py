"""任务: the admins' page of background jobs (imports, bulk decisions, backtests, evidence packs,
scoring) with status, progress, duration and failure reason; a failed job can be sent again."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.models import Role
from reviews.selectors.jobs import deferred_jobs_for_shop, jobs_for_shop, scoring_jobs_for_shop
from reviews.services.background import NotRetryable, job_retry, scoring_job_retry
from reviews.views.access import current_shop_for


def job_list(request):
    shop = current_shop_for(request, Role.ADMIN)
    try:
        scoring = scoring_jobs_for_shop(shop=shop)
        redis_error = ""
    except Exception as exc:  # noqa: BLE001 - the page still lists the recorded jobs when Redis is away
        scoring, redis_error = [], str(exc)
    return render(
        request,
        "reviews/jobs.html",
        {
            "shop": shop,
            "jobs": jobs_for_shop(shop=shop),
            "scoring": scoring,
            "deferred": deferred_jobs_for_shop(shop=shop),
            "redis_error": redis_error,
            "uses_redis": bool(settings.REDIS_URL),
        },
    )


@require_POST
def job_retry_view(request, kind: str, pk: int):
    shop = current_shop_for(request, Role.ADMIN)
    try:
        sent = job_retry(kind_key=kind, pk=pk, shop=shop)
    except NotRetryable as exc:
        raise Http404 from exc
    if sent:
        messages.success(request, _("已重新排队，任务会从中断处继续。"))
    else:
        messages.info(request, _("这个任务已不是失败状态（可能已有人重试），没有再次发送。"))
    return redirect("reviews:jobs")


@require_POST
def scoring_job_retry_view(request, job_id: str):
    shop = current_shop_for(request, Role.ADMIN)
    if scoring_job_retry(job_id=job_id, shop=shop):
        messages.success(request, _("已重新排队。"))
    else:
        raise Http404
    return redirect("reviews:jobs")
