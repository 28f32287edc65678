"""Alert settings (admins): channels, the signing secret, mutes, and every alert with its deliveries."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.alert_forms import AlertChannelForm, AlertSettingsForm, MuteForm
from reviews.models import ALERT_EVENTS, Alert, AlertChannel, AlertDelivery, AlertKind, Role
from reviews.services import alerting
from reviews.views.access import current_shop_for


def _render_page(request, shop, *, channel_form=None, settings_form=None, secret=None, status=200):
    found = alerting.alert_settings_for(shop_id=shop.pk)
    mutes = alerting.active_mutes(shop_id=shop.pk)
    latest = AlertDelivery.objects.filter(channel=OuterRef("pk")).order_by("-created_at", "-pk").values("pk")[:1]
    live = AlertChannel.objects.filter(shop=shop, removed_at__isnull=True)
    channels = list(live.annotate(last_delivery=Subquery(latest)))
    last = {d.channel_id: d for d in AlertDelivery.objects.filter(pk__in=[c.last_delivery for c in channels])}
    response = render(
        request,
        "reviews/alerts.html",
        {
            "shop": shop,
            "settings": found,
            "settings_form": settings_form or AlertSettingsForm(instance=found),
            "channel_form": channel_form or AlertChannelForm(),
            "channels": [(c, last.get(c.pk)) for c in channels],
            "events": [(kind, mutes.get(kind.value)) for kind in ALERT_EVENTS],
            "mute_hours": alerting.MUTE_HOURS,
            "secret": secret,
            "recent": alerting.recent_alerts(shop=shop)[:10],
        },
        status=status,
    )
    if secret:
        response["Cache-Control"] = "no-store"
    return response


def alerts_page(request):
    """Channels, settings, mutes and the latest alerts of the current shop."""
    shop = current_shop_for(request, Role.ADMIN)
    return _render_page(request, shop)


@require_POST
def alert_channel_create(request):
    shop = current_shop_for(request, Role.ADMIN)
    form = AlertChannelForm(request.POST, instance=AlertChannel(shop=shop))
    if not form.is_valid():
        return _render_page(request, shop, channel_form=form, status=400)
    channel = alerting.alert_channel_save(channel=form.save(commit=False), user=request.user)
    messages.success(request, _("已添加提醒渠道“%(name)s”。可点“发送测试”确认能收到。") % {"name": channel.name})
    return redirect("reviews:alerts")


def alert_channel_edit(request, pk: int):
    shop = current_shop_for(request, Role.ADMIN)
    channel = get_object_or_404(AlertChannel, pk=pk, shop=shop, removed_at__isnull=True)
    form = AlertChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        alerting.alert_channel_save(channel=form.save(commit=False), user=request.user)
        messages.success(request, _("已保存提醒渠道“%(name)s”。") % {"name": channel.name})
        return redirect("reviews:alerts")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "reviews/alert_channel.html", {"shop": shop, "channel": channel, "form": form}, status=status
    )


@require_POST
def alert_channel_delete(request, pk: int):
    shop = current_shop_for(request, Role.ADMIN)
    channel = get_object_or_404(AlertChannel, pk=pk, shop=shop, removed_at__isnull=True)
    alerting.alert_channel_delete(channel=channel, user=request.user)
    messages.success(request, _("已删除提醒渠道“%(name)s”，它的投递记录仍保留在提醒日志里。") % {"name": channel.name})
    return redirect("reviews:alerts")


@require_POST
def alert_channel_test(request, pk: int):
    shop = current_shop_for(request, Role.ADMIN)
    channel = get_object_or_404(AlertChannel, pk=pk, shop=shop, removed_at__isnull=True)
    alert = alerting.alert_test(channel=channel, user=request.user)
    messages.info(request, _("测试消息已发出，投递结果见下方。"))
    return redirect("reviews:alert_detail", pk=alert.pk)


@require_POST
def alert_settings_save(request):
    shop = current_shop_for(request, Role.ADMIN)
    form = AlertSettingsForm(request.POST, instance=alerting.alert_settings_for(shop_id=shop.pk))
    if not form.is_valid():
        return _render_page(request, shop, settings_form=form, status=400)
    alerting.alert_settings_update(shop=shop, **form.cleaned_data)
    messages.success(request, _("提醒设置已保存。"))
    return redirect("reviews:alerts")


@require_POST
def alert_secret_regenerate(request):
    """A new signing secret, shown on this response only; the old one stops verifying at once."""
    shop = current_shop_for(request, Role.ADMIN)
    secret = alerting.alert_secret_regenerate(shop=shop, user=request.user)
    messages.warning(request, _("已生成新的签名密钥：请立即复制到接收端，离开本页后不再显示。"))
    return _render_page(request, shop, secret=secret)


@require_POST
def alert_mute(request):
    shop = current_shop_for(request, Role.ADMIN)
    form = MuteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("无法识别的静音设置。"))
        return redirect("reviews:alerts")
    kind, hours = form.cleaned_data["kind"], form.cleaned_data["hours"]
    alerting.alert_mute(shop=shop, kind=kind, hours=hours, user=request.user)
    label = AlertKind(kind).label
    if hours:
        messages.success(request, _("“%(kind)s”提醒已静音 %(h)d 小时。") % {"kind": label, "h": hours})
    else:
        messages.success(request, _("“%(kind)s”提醒已恢复。") % {"kind": label})
    return redirect("reviews:alerts")


def alert_list(request):
    """Every alert of the shop, newest first, with how many deliveries succeeded."""
    shop = current_shop_for(request, Role.ADMIN)
    kind = request.GET.get("kind", "")
    if kind not in AlertKind.values:
        kind = ""
    page = Paginator(alerting.recent_alerts(shop=shop, kind=kind), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/alert_list.html",
        {"shop": shop, "page_obj": page, "kind": kind, "kinds": AlertKind.choices, "now": timezone.now()},
    )


def alert_detail(request, pk: int):
    """One alert: what it said, where it links, and every delivery attempt to every channel."""
    shop = current_shop_for(request, Role.ADMIN)
    alert = get_object_or_404(Alert, pk=pk, shop=shop)
    deliveries = alert.deliveries.select_related("channel").order_by("created_at", "pk")
    return render(request, "reviews/alert_detail.html", {"shop": shop, "alert": alert, "deliveries": deliveries})
