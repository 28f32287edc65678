"""Forms for adding and changing entries. They check shape only; ``services`` checks meaning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from blacklist.models import Kind, ListType, ReasonCategory

EMPTY_VALUE_MESSAGES = {
    Kind.BUYER_ID: _("请填写买家ID。"),
    Kind.PHONE: _("请填写手机号。"),
    Kind.RECEIVER: _("请填写收货人姓名。"),
    Kind.ADDRESS: _("请填写收货地址。"),
    Kind.RECEIVER_ADDRESS: _("请填写收货地址（收货人填在下一栏）。"),
}


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EntryFieldsForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Kind.choices, initial=Kind.PHONE)
    value = forms.CharField(
        label=_("值"),
        max_length=255,
        required=False,
        help_text=_("手机号可带 +86、空格或横线；脱敏手机号（138****5678）须同时填写收货人。"),
    )
    receiver = forms.CharField(
        label=_("收货人"), max_length=100, required=False, help_text=_("“收货人+地址”和脱敏手机号必填。")
    )
    reason_category = forms.ChoiceField(label=_("原因分类"), choices=ReasonCategory.choices)
    reason = forms.CharField(label=_("原因说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expires_at = forms.DateTimeField(
        label=_("到期时间"), required=False, widget=DateTimeLocalInput(), help_text=_("留空表示长期有效。")
    )

    def clean_value(self):
        value = self.cleaned_data["value"].strip()
        if not value:
            raise forms.ValidationError(EMPTY_VALUE_MESSAGES.get(self.cleaned_data.get("kind"), _("请填写值。")))
        return value


class ShareableForm(EntryFieldsForm):
    """An entry's fields and, for a manager of a merchant's shop (``share_with``: the merchant),
    whether every shop of the merchant uses it. The box becomes ``organization_id`` in
    ``cleaned_data`` (the merchant, or None); without the box the entry's sharing is not touched."""

    shared = forms.BooleanField(
        label=_("本商家所有店铺共用"),
        required=False,
        help_text=_("勾选后，这一条在同一商家的每个店铺都生效（经理及以上）；其他商家看不到。"),
    )

    def __init__(self, *args, share_with: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.share_with = share_with
        if share_with is None:
            del self.fields["shared"]

    def clean(self):
        data = super().clean()
        if "shared" in data:
            data["organization_id"] = self.share_with if data.pop("shared") else None
        return data


class EntryAddForm(ShareableForm):
    list_type = forms.ChoiceField(
        label=_("名单"), choices=ListType.choices, initial=ListType.BLOCK, widget=forms.RadioSelect
    )
    field_order = ["list_type", "kind", "value", "receiver", "reason_category", "reason", "expires_at", "shared"]

    def __init__(self, *args, allow_list: bool = True, **kwargs):
        """``allow_list``: whether this person may add to the allow list (managers and admins).
        Without it the form offers only the block list, and refuses an allow-list entry sent anyway."""
        super().__init__(*args, **kwargs)
        if not allow_list:
            field = self.fields["list_type"]
            field.choices = [(ListType.BLOCK, ListType.BLOCK.label)]
            field.widget = forms.HiddenInput()
            field.error_messages["invalid_choice"] = _("只有经理或管理员可以添加白名单。")


class EntryEditForm(ShareableForm):
    note = forms.CharField(label=_("修改说明"), required=False, max_length=500)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class RemoveForm(forms.Form):
    note = forms.CharField(
        label=_("移除原因"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写移除原因，便于日后查证。")},
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("名单文件"), help_text=_("CSV（UTF-8 或 GBK）或 XLSX，表头可用中文或英文。"))
