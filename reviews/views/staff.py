"""The staff page (admins of the current shop) and the invitation / password reset link pages
(logged out, only with a valid one-time token)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.models import Role, StaffLink
from reviews.selectors.staff import (
    open_invite,
    open_invites,
    staff_changes,
    staff_link_by_token,
    staff_member,
    staff_of_shop,
)
from reviews.services.staff import (
    LastAdmin,
    LinkUnusable,
    staff_add,
    staff_change_role,
    staff_deactivate,
    staff_invite,
    staff_invite_revoke,
    staff_join,
    staff_reset_link,
    staff_reset_password,
    staff_set_password,
)
from reviews.staff_forms import (
    JoinForm,
    ResetPasswordForm,
    StaffAddForm,
    StaffInviteForm,
    StaffRoleForm,
    TemporaryPasswordForm,
)
from reviews.views.access import current_shop_for


def _once(response):
    """A page that shows or opens a one-time link is never kept by a cache. (The site's referrer
    policy, same-origin, keeps the link's address from other sites; "no-referrer" here would make
    the browser send ``Origin: null`` with the form, which Django's CSRF check refuses.)"""
    response["Cache-Control"] = "no-store"
    return response


def staff_list(request):
    """The shop's staff with role and last login, the add and invite forms, and the audit trail."""
    shop = current_shop_for(request, Role.ADMIN)
    add_form = StaffAddForm(prefix="add")
    invite_form = StaffInviteForm(prefix="invite")
    created_link = None
    status = 200
    if request.method == "POST" and "add-username" in request.POST:
        add_form = StaffAddForm(request.POST, prefix="add")
        if add_form.is_valid():
            data = add_form.cleaned_data
            staff_add(
                shop=shop,
                actor=request.user,
                username=data["username"],
                name=data["first_name"],
                email=data["email"],
                role=data["role"],
                password=data["password1"],
            )
            messages.success(request, _("已添加员工 %(name)s。") % {"name": data["username"]})
            return redirect("reviews:staff")
        status = 400
    elif request.method == "POST":
        invite_form = StaffInviteForm(request.POST, prefix="invite")
        if invite_form.is_valid():
            link, raw = staff_invite(shop=shop, actor=request.user, **invite_form.cleaned_data)
            created_link = {"link": link, "url": request.build_absolute_uri(reverse("staff_join", args=[raw]))}
            invite_form = StaffInviteForm(prefix="invite")
        else:
            status = 400
    response = render(
        request,
        "reviews/staff.html",
        {
            "shop": shop,
            "members": staff_of_shop(shop),
            "invites": open_invites(shop),
            "changes": staff_changes(shop, limit=50),
            "add_form": add_form,
            "invite_form": invite_form,
            "created_link": created_link,
            "link_hours": settings.SHIELD_STAFF_LINK_HOURS,
        },
        status=status,
    )
    return _once(response) if created_link else response


@require_POST
def staff_invite_revoke_view(request, pk: int):
    """Withdraw an open invitation (its link stops working)."""
    shop = current_shop_for(request, Role.ADMIN)
    staff_invite_revoke(link=open_invite(shop, pk), actor=request.user)
    messages.success(request, _("邀请已撤销，链接已失效。"))
    return redirect("reviews:staff")


def _member_page(request, shop, membership, *, role_form=None, password_form=None, reset_url=None, status=200):
    response = render(
        request,
        "reviews/staff_member.html",
        {
            "shop": shop,
            "member": membership,
            "is_self": membership.user_id == request.user.pk,
            "role_form": role_form or StaffRoleForm(initial={"role": membership.role}),
            "password_form": password_form or TemporaryPasswordForm(),
            "reset_url": reset_url,
            "changes": staff_changes(shop, user_id=membership.user_id),
        },
        status=status,
    )
    return _once(response) if reset_url else response


def staff_detail(request, user_id: int):
    """One member: change role, reset password, deactivate, and their audit trail."""
    shop = current_shop_for(request, Role.ADMIN)
    return _member_page(request, shop, staff_member(shop, user_id))


@require_POST
def staff_role(request, user_id: int):
    shop = current_shop_for(request, Role.ADMIN)
    membership = staff_member(shop, user_id)
    form = StaffRoleForm(request.POST)
    if not form.is_valid():
        return _member_page(request, shop, membership, role_form=form, status=400)
    try:
        staff_change_role(membership=membership, actor=request.user, role=form.cleaned_data["role"])
    except LastAdmin as exc:
        form.add_error("role", exc)
        return _member_page(request, shop, membership, role_form=form, status=400)
    messages.success(
        request,
        _("%(name)s 现在是%(role)s。")
        % {"name": membership.user.get_username(), "role": Role(form.cleaned_data["role"]).label},
    )
    return redirect("reviews:staff_detail", user_id=user_id)


@require_POST
def staff_deactivate_view(request, user_id: int):
    shop = current_shop_for(request, Role.ADMIN)
    membership = staff_member(shop, user_id)
    try:
        staff_deactivate(membership=membership, actor=request.user)
    except LastAdmin as exc:
        messages.error(request, exc.messages[0])
        return redirect("reviews:staff_detail", user_id=user_id)
    messages.success(request, _("已停用 %(name)s，其操作记录均已保留。") % {"name": membership.user.get_username()})
    if user_id == request.user.pk:  # an admin who left the shop has nothing more to manage here
        return redirect("reviews:home")
    return redirect("reviews:staff")


@require_POST
def staff_password(request, user_id: int):
    """Set a temporary password the admin tells the member."""
    shop = current_shop_for(request, Role.ADMIN)
    membership = staff_member(shop, user_id)
    form = TemporaryPasswordForm(request.POST, user=membership.user)
    if not form.is_valid():
        return _member_page(request, shop, membership, password_form=form, status=400)
    staff_set_password(membership=membership, actor=request.user, password=form.cleaned_data["password"])
    messages.success(request, _("已为 %(name)s 设置临时密码。") % {"name": membership.user.get_username()})
    return redirect("reviews:staff_detail", user_id=user_id)


@require_POST
def staff_reset_link_view(request, user_id: int):
    """Make a one-time reset link, shown on this response only."""
    shop = current_shop_for(request, Role.ADMIN)
    membership = staff_member(shop, user_id)
    _link, raw = staff_reset_link(membership=membership, actor=request.user)
    url = request.build_absolute_uri(reverse("staff_reset", args=[raw]))
    return _member_page(request, shop, membership, reset_url=url)


# The link pages are open to anyone holding a link. A token has 256 random bits, so guessing is
# hopeless; still, an address that keeps trying unknown tokens is slowed down like a bad login.
LINK_FAILURE_LIMIT = 20
LINK_FAILURE_WINDOW = 15 * 60


def _client_key(request) -> str:
    return "staff-link-fail:" + request.META.get("REMOTE_ADDR", "")


def _link_or_refusal(request, raw: str, purpose: str):
    failures = cache.get(_client_key(request), 0)
    if failures >= LINK_FAILURE_LIMIT:
        return None, _once(render(request, "reviews/staff_link_invalid.html", {"throttled": True}, status=429))
    link = staff_link_by_token(raw, purpose)
    if link is None:
        cache.add(_client_key(request), 0, timeout=LINK_FAILURE_WINDOW)
        try:
            cache.incr(_client_key(request))
        except ValueError:
            cache.set(_client_key(request), 1, timeout=LINK_FAILURE_WINDOW)
        return None, _once(render(request, "reviews/staff_link_invalid.html", {}, status=404))
    return link, None


@login_not_required
def staff_join_view(request, token: str):
    """An invitation: choose a username and password, then log in with them."""
    link, refusal = _link_or_refusal(request, token, StaffLink.Purpose.INVITE)
    if refusal:
        return refusal
    form = JoinForm(request.POST or None, initial={"first_name": link.name, "email": link.email})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_join(
                link=link,
                username=data["username"],
                password=data["password1"],
                name=data["first_name"],
                email=data["email"],
            )
        except LinkUnusable:
            return _once(render(request, "reviews/staff_link_invalid.html", {}, status=404))
        except IntegrityError:  # the username was taken between the form's check and the save
            form.add_error("username", _("该用户名已被使用。"))
        else:
            messages.success(request, _("账号已创建，请用新的用户名和密码登录。"))
            return redirect("login")
    return _once(
        render(request, "reviews/staff_join.html", {"link": link, "form": form}, status=400 if form.errors else 200)
    )


@login_not_required
def staff_reset_view(request, token: str):
    """A reset link: set a new password, then log in with it."""
    link, refusal = _link_or_refusal(request, token, StaffLink.Purpose.RESET)
    if refusal:
        return refusal
    form = ResetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_reset_password(link=link, password=form.cleaned_data["new_password1"])
        except LinkUnusable:
            return _once(render(request, "reviews/staff_link_invalid.html", {}, status=404))
        messages.success(request, _("密码已重置，请用新密码登录。"))
        return redirect("login")
    return _once(
        render(request, "reviews/staff_reset.html", {"link": link, "form": form}, status=400 if form.errors else 200)
    )
