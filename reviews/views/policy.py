"""The risk policy page (admins): thresholds, backtest before save, version history, rescore, API tokens."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.forms import POLICY_SECTIONS, ApiTokenForm, PolicyForm, SavePolicyForm
from reviews.models import ApiToken, Backtest, RiskPolicy, Role
from reviews.services.backtesting import backtest_start
from reviews.services.policy import policy_current, policy_save
from reviews.services.rules import REASON_LABELS
from reviews.services.tokens import api_token_create, api_token_revoke
from reviews.views.access import current_shop_for
from shieldsite.queues import enqueue


def _labelled_diff(diff: dict) -> list[tuple[str, object, object]]:
    return [(str(RiskPolicy._meta.get_field(name).verbose_name), old, new) for name, (old, new) in diff.items()]


def _versions(shop):
    versions = RiskPolicy.objects.filter(shop=shop).select_related("created_by").order_by("-version")[:50]
    return [(version, _labelled_diff(version.diff)) for version in versions]


def policy_page(request):
    """The current thresholds in a form; "试算" starts a backtest of the edited values."""
    shop = current_shop_for(request, Role.ADMIN)
    current = policy_current(shop_id=shop.pk)
    if request.method == "POST":
        form = PolicyForm(request.POST, instance=RiskPolicy(shop=shop, version=0))
        if form.is_valid():
            backtest = backtest_start(shop=shop, values=form.tunable_values(), user=request.user)
            return redirect("reviews:policy_backtest", pk=backtest.pk)
    else:
        form = PolicyForm(instance=current)
    return render(
        request,
        "reviews/policy.html",
        {"shop": shop, "current": current, "form": form, "versions": _versions(shop)},
    )


def policy_backtest(request, pk: int):
    """A backtest's progress, then its figures and the button that saves exactly these values."""
    shop = current_shop_for(request, Role.ADMIN)
    backtest = get_object_or_404(Backtest, pk=pk, shop=shop)
    current = policy_current(shop_id=shop.pk)
    form = PolicyForm(initial=backtest.values, instance=RiskPolicy(shop=shop, version=0))
    diff = _labelled_diff(
        {name: [current.values().get(name), value] for name, value in backtest.values.items()
         if current.values().get(name) != value}
    )  # fmt: skip
    return render(
        request,
        "reviews/policy_backtest.html",
        {
            "shop": shop,
            "backtest": backtest,
            "current": current,
            "form": form,
            "diff": diff,
            "stale": backtest.base_version != current.version,
            "save_form": SavePolicyForm(),
            # Each rule with the short name the queue shows it by (the code if it has none).
            "rules": [
                (REASON_LABELS.get(code, code), n) for code, n in (backtest.result or {}).get("rules", {}).items()
            ],
        },
    )


@require_POST
def policy_save_view(request, pk: int):
    """Save the values of a finished backtest as the next policy version."""
    shop = current_shop_for(request, Role.ADMIN)
    backtest = get_object_or_404(Backtest, pk=pk, shop=shop)
    form = SavePolicyForm(request.POST)
    if backtest.status != Backtest.Status.DONE or not form.is_valid():
        messages.error(request, _("请等试算完成后再保存。"))
        return redirect("reviews:policy_backtest", pk=backtest.pk)
    before = policy_current(shop_id=shop.pk)
    policy = policy_save(shop=shop, values=backtest.values, user=request.user, note=form.cleaned_data["note"])
    if policy.version == before.version:
        messages.info(request, _("数值与当前版本相同，没有保存新版本。"))
    else:
        messages.success(request, _("已保存为第 %(v)d 版，之后的筛查使用新策略。") % {"v": policy.version})
    return redirect("reviews:policy")


def policy_version(request, version: int):
    """One saved version, read-only."""
    shop = current_shop_for(request, Role.ADMIN)
    policy = get_object_or_404(RiskPolicy, shop=shop, version=version)
    rows = [
        (title, [(RiskPolicy._meta.get_field(name), getattr(policy, name)) for name in names])
        for title, names in POLICY_SECTIONS
    ]
    return render(
        request,
        "reviews/policy_version.html",
        {"shop": shop, "policy": policy, "rows": rows, "diff": _labelled_diff(policy.diff)},
    )


@require_POST
def policy_rescore(request):
    """Start a full rescore of the shop's buyers in the background."""
    shop = current_shop_for(request, Role.ADMIN)
    enqueue("scoring", "reviews.jobs.rescore_shop", shop.pk)
    messages.success(request, _("已开始重新计算全部买家的信用分，稍后刷新即可看到结果。"))
    return redirect("reviews:policy")


def api_tokens(request):
    """List the shop's API tokens and create one (its value is shown once, on this response only)."""
    shop = current_shop_for(request, Role.ADMIN)
    created = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = api_token_create(shop=shop, name=form.cleaned_data["name"], user=request.user)
        created = {"token": token, "raw": raw}
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(shop=shop).select_related("created_by", "revoked_by")
    response = render(
        request, "reviews/api_tokens.html", {"shop": shop, "tokens": tokens, "form": form, "created": created}
    )
    if created:
        response["Cache-Control"] = "no-store"
    return response


@require_POST
def api_token_revoke_view(request, pk: int):
    shop = current_shop_for(request, Role.ADMIN)
    token = get_object_or_404(ApiToken, pk=pk, shop=shop)
    api_token_revoke(token=token, user=request.user)
    messages.success(request, _("令牌“%(name)s”已吊销。") % {"name": token.name})
    return redirect("reviews:api_tokens")
