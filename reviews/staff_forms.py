"""Forms of the staff page and of the invitation / reset link pages. They check shape and the
password rules; ``reviews.services.staff`` does the writing."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm, UserCreationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from reviews.models import Membership, Role


class StaffUserForm(UserCreationForm):
    """A new user: username (unique), name, email and a password that passes the site's rules."""

    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "email")
        labels = {"first_name": _("姓名"), "email": _("邮箱")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["email"].required = False


class StaffAddForm(StaffUserForm):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices, initial=Role.REVIEWER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("初始密码")
        self.fields["password1"].help_text = _("请当面或电话告诉员工，并提醒其登录后尽快修改。")
        self.fields["password2"].label = _("再次输入初始密码")
        # One form among several on the staff page: it must not take the focus when the page opens.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class StaffInviteForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=_("邮箱"), required=False)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices, initial=Role.REVIEWER)


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("临时密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("员工的其他登录会话将立即失效。"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password, self.user)
        return password


class JoinForm(StaffUserForm):
    """What an invitee fills in on the invitation page."""


class ResetPasswordForm(SetPasswordForm):
    """What a member fills in on a reset link's page (Django's rules for the new password)."""


class ShopLoginForm(AuthenticationForm):
    """The login form: a user in no shop cannot log in (a member deactivated from their last shop
    is also made inactive; this covers accounts made elsewhere, e.g. in Django admin).
    Superusers may, to reach every shop and Django admin."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_superuser and not Membership.objects.filter(user=user).exists():
            raise forms.ValidationError(_("这个账号不属于任何店铺，无法登录。请联系店铺管理员。"), code="no_shop")
