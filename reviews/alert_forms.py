"""Forms of the alert settings pages (admins)."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from reviews.models import ALERT_EVENTS, AlertChannel, AlertSettings, default_alert_kinds
from reviews.services.alerting import MUTE_HOURS, webhook_target_refused


class AlertChannelForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Webhook 地址"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"}),
    )
    events = forms.MultipleChoiceField(
        label=_("提醒哪些事件"),
        choices=[(kind.value, kind.label) for kind in ALERT_EVENTS],
        initial=default_alert_kinds,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("至少选择一个事件。")},
    )

    class Meta:
        model = AlertChannel
        fields = ["kind", "name", "url", "robot_secret", "emails", "events", "active"]
        widgets = {
            "emails": forms.Textarea(attrs={"rows": 3, "cols": 40}),
            "robot_secret": forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        }

    def clean_robot_secret(self) -> str:
        # Never sent back to the browser: an empty field on edit keeps the saved one.
        value = self.cleaned_data["robot_secret"].strip()
        return value or (self.instance.robot_secret if self.instance.pk else "")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        refused = webhook_target_refused(url) if url else ""
        if refused:
            raise forms.ValidationError(refused)
        return url

    def clean_emails(self) -> str:
        addresses = [a.strip() for a in self.cleaned_data["emails"].replace(",", "\n").splitlines() if a.strip()]
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError:
                raise forms.ValidationError(_("“%(a)s”不是有效的邮箱地址。") % {"a": address}) from None
        return "\n".join(dict.fromkeys(addresses))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == AlertChannel.Kind.EMAIL:
            if not data.get("emails") and "emails" not in self.errors:
                self.add_error("emails", _("邮件渠道至少需要一个收件邮箱。"))
        elif kind and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("请填写机器人或接收端的 Webhook 地址。"))
        return data


class AlertSettingsForm(forms.ModelForm):
    class Meta:
        model = AlertSettings
        fields = ["window_minutes", "queue_age_minutes"]

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields:
            if data.get(name) == 0:
                self.add_error(name, _("必须大于 0。"))
        return data


class MuteForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind.value, kind.label) for kind in ALERT_EVENTS])
    hours = forms.TypedChoiceField(coerce=int, choices=[(0, "0"), *[(h, str(h)) for h in MUTE_HOURS]])
