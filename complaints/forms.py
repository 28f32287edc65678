"""Forms for complaint pages. Choices are always limited to the complaint's shop."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, Evidence, LegalAction
from reviews.models import Buyer, Order

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; empty files pass here so the upload check can name them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# 法律文书 are attached through the legal follow-up of an upheld complaint, not as evidence.
EVIDENCE_KINDS = [(value, label) for value, label in Evidence.Kind.choices if value != Evidence.Kind.LEGAL]


class EvidenceFields(forms.Form):
    """Files of one upload: each of the type chosen beside it (``file_kinds``, posted in the files'
    order by complaints.js), else of the upload's type (``evidence_kind``)."""

    files = MultipleFileField(
        label=_("证据文件"),
        required=False,
        help_text=_(
            "可多选，选好后可为每个文件单独选择类型。"
            "截图：PNG / JPEG / WebP；聊天记录：TXT / HTML / PDF；物流凭证：PDF 或图片。"
        ),
    )
    evidence_kind = forms.ChoiceField(
        label=_("证据类型"),
        choices=EVIDENCE_KINDS,
        initial="screenshot",
        widget=forms.Select(attrs={"data-kind-default": _("每个文件的类型")}),
    )
    caption = forms.CharField(label=_("说明"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        files = data.get("files") or []
        kinds = self.data.getlist("file_kinds") if hasattr(self.data, "getlist") else []
        if kinds and (len(kinds) != len(files) or any(k not in dict(EVIDENCE_KINDS) for k in kinds)):
            self.add_error("files", _("请为每个文件选择证据类型。"))
        data["file_kinds"] = kinds
        return data


class EvidenceForm(EvidenceFields):
    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("请选择要上传的文件。"))
        return files


class ComplaintForm(EvidenceFields):
    category = forms.ChoiceField(label=_("投诉类型"), choices=Complaint.Category.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    description = forms.CharField(
        label=_("事情经过"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("按时间写清买家做了什么：下单、取消、退款、辱骂……平台客服会据此判断。"),
    )
    orders = forms.ModelMultipleChoiceField(label=_("涉及订单"), queryset=Order.objects.none(), required=False)
    order_numbers = forms.CharField(
        label=_("其他订单号"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个，或用逗号、空格分隔。"),
    )
    buyers = forms.ModelMultipleChoiceField(label=_("涉及买家"), queryset=Buyer.objects.none(), required=False)

    field_order = ["category", "title", "description", "orders", "order_numbers", "buyers"]

    def __init__(self, *args, shop, with_files: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.shop = shop
        self.fields["orders"].queryset = Order.objects.for_shop(shop)
        self.fields["buyers"].queryset = Buyer.objects.for_shop(shop)
        self.fields["evidence_kind"].required = False
        if not with_files:
            for name in ("files", "evidence_kind", "caption"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        orders = list(data.get("orders") or [])
        numbers = [n for n in data.get("order_numbers", "").replace(",", " ").replace("，", " ").split() if n]
        if numbers:
            found = {o.order_no: o for o in Order.objects.for_shop(self.shop).filter(order_no__in=numbers)}
            missing = [n for n in numbers if n not in found]
            if missing:
                self.add_error("order_numbers", _("本店铺没有这些订单：%(nos)s") % {"nos": "、".join(missing)})
            orders += [o for o in found.values() if o not in orders]
        if not orders and "order_numbers" not in self.errors:
            self.add_error("orders", _("请至少选择一个涉及的订单：没有订单的投诉平台不会受理。"))
        data["all_orders"] = orders
        data["evidence_kind"] = data.get("evidence_kind") or Evidence.Kind.SCREENSHOT
        return data


class SubmitForm(forms.Form):
    platform_ticket_no = forms.CharField(label=_("平台工单号"), max_length=64, required=False)
    submitted_at = forms.DateTimeField(
        label=_("提交时间"), required=False, widget=DATETIME_INPUT, help_text=_("留空为现在")
    )


class ReplyForm(forms.Form):
    reply_text = forms.CharField(label=_("平台回复内容"), widget=forms.Textarea(attrs={"rows": 3}))
    replied_at = forms.DateTimeField(
        label=_("平台回复时间"), required=False, widget=DATETIME_INPUT, help_text=_("留空为现在")
    )


class CloseForm(forms.Form):
    result = forms.ChoiceField(
        label=_("结果"),
        choices=[(Complaint.Status.UPHELD, _("投诉成立")), (Complaint.Status.REJECTED, _("投诉驳回"))],
    )
    outcome = forms.CharField(label=_("处理结果"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("撤回原因"), required=False, max_length=500)


class CompensationForm(forms.Form):
    amount = forms.DecimalField(label=_("赔付金额(元)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    received_on = forms.DateField(label=_("到账日期"), widget=DATE_INPUT)
    note = forms.CharField(label=_("备注"), max_length=500, required=False, help_text=_("例如：平台赔付单号、赔付方式"))


class LegalActionForm(forms.Form):
    status = forms.ChoiceField(label=_("进展"), choices=LegalAction.Status.choices)
    filed_on = forms.DateField(label=_("立案/报案日期"), required=False, widget=DATE_INPUT)
    case_no = forms.CharField(label=_("案号/报案回执号"), max_length=100, required=False)
    outcome = forms.CharField(label=_("结果"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    recovered_amount = forms.DecimalField(
        label=_("追回金额(元)"), min_value=Decimal(0), max_digits=12, decimal_places=2, required=False
    )
    recovered_on = forms.DateField(label=_("追回日期"), required=False, widget=DATE_INPUT)
    files = MultipleFileField(
        label=_("法律文书"), required=False, help_text=_("起诉状、受理通知、判决书、报案回执等，PDF 或图片，可多选。")
    )

    @classmethod
    def for_action(cls, legal: LegalAction | None):
        """The form filled with the follow-up as it stands, to update it."""
        if legal is None:
            return cls()
        fields = ("status", "filed_on", "case_no", "outcome", "recovered_amount", "recovered_on")
        return cls(initial={name: getattr(legal, name) for name in fields})
