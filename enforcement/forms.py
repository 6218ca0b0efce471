"""Forms of the public report pages and of the officers' case page."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority

from .models import Action, MessageKind, Outcome, RejectReason, ViolationType, actions_from
from .receipts import receipt_canonical
from .regions import region_of, region_options_html
from .uploads import MAX_FILES, evidence_validate

# Control, zero-width and direction characters, dropped from prefilled values (tabs and line
# breaks are kept; NUL makes a value invalid, so it is dropped whole).
_CONTROL = re.compile(
    r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
PREFILL_DESCRIPTION_MAX = 500
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _evidence_help() -> str:
    # Interpolated per request: `%` on a lazy string at import time would fix its language.
    return _("最多 %(n)s 个文件，PDF、JPEG 或 PNG，每个不超过 10 MB。") % {"n": MAX_FILES}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Up to five files, each checked by its content (see uploads.py)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        files = [super(EvidenceField, self).clean(one, initial) for one in files]
        evidence_validate(files)
        return files


class RegionSelect(forms.Widget):
    """One select of every province, city and county, grouped by city; works without JS.

    static/enforcement/region-picker.js turns it into three linked selects where it can.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        attrs.update(
            {
                "data-region-picker": "",
                "data-province-label": _("省（自治区、直辖市）"),
                "data-city-label": _("市（地区、州）"),
                "data-county-label": _("区县"),
                "data-any-province": _("请选择省份"),
                "data-any-city": _("全省 / 市县不详"),
                "data-any-county": _("全市 / 区县不详"),
            }
        )
        return format_html(
            '<select name="{}"{}><option value="">{}</option>{}</select>',
            name,
            flatatt(attrs),
            _("请选择省、市、区县"),
            region_options_html(value or "", get_language()),
        )


def _valid_region(code: str) -> None:
    if region_of(code) is None:
        raise ValidationError(_("请从列表中选择地区。"))


class ReportForm(forms.Form):
    """The report, filled on one page, checked on the next, then sent with its evidence."""

    # No type is chosen for the reporter: an empty first option they must change.
    violation_type = forms.ChoiceField(
        label=_("违规类型"), choices=[("", _("请选择违规类型")), *ViolationType.choices]
    )
    organisation = forms.CharField(
        label=_("被举报单位"),
        max_length=200,
        help_text=_("发证、收费或组织考试培训的单位全称，或证书上印的名称。"),
    )
    region_code = forms.CharField(
        label=_("单位所在地区"),
        widget=RegionSelect,
        validators=[_valid_region],
        help_text=_("不清楚区县时可选“区县不详”。举报将转给该地区的人力资源社会保障部门。"),
    )
    qualification_name = forms.CharField(
        label=_("涉及的证书或职业资格（可不填）"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "qualification-names", "autocomplete": "off"}),
        help_text=_("输入时会提示目录中的职业资格名称，也可以填写证书上印的名称。"),
    )
    description = forms.CharField(
        label=_("情况描述"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("何时、何地、发生了什么；请勿填写与举报无关的个人信息。"),
    )
    evidence = EvidenceField(
        label=_("证据材料（可不填）"),
        help_text=lazy(_evidence_help, str)(),
    )
    contact = forms.CharField(
        label=_("联系方式（可不填）"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("姓名、电话或邮箱。只有承办您案件的工作人员能看到。"),
    )
    # Honeypot: hidden from people by CSS and from screen readers; bots fill it in.
    website = forms.CharField(
        label=_("请勿填写此项"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # Sent again with a resubmitted form (after a 503, a double click): the first receipt.
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("提交未通过检查，请刷新页面后重试。"))
        return ""


class ReportPrefillForm(forms.Form):
    """GET parameters that prefill the report form, e.g. from the certificate check."""

    type = forms.ChoiceField(choices=ViolationType.choices, required=False)
    organisation = forms.CharField(max_length=200, required=False)
    qualification_name = forms.CharField(max_length=200, required=False)
    region = forms.CharField(max_length=6, required=False, validators=[_valid_region])
    # The quoted sentence of an advert check's finding. A link is anyone's to write, so every
    # value is bounded (an over-long one is dropped, not cut) and stripped of control and
    # direction characters; the template escapes it, and the reporter reads it before sending.
    description = forms.CharField(max_length=PREFILL_DESCRIPTION_MAX, required=False)

    def initial_for_report(self) -> dict:
        self.is_valid()  # invalid parameters are dropped from cleaned_data, not shown
        data = self.cleaned_data
        initial = {
            "violation_type": data.get("type"),
            "organisation": data.get("organisation"),
            "qualification_name": data.get("qualification_name"),
            "region_code": data.get("region"),
            "description": data.get("description"),
        }
        initial = {key: _CONTROL.sub("", value or "").strip() for key, value in initial.items()}
        return {key: value for key, value in initial.items() if value}


class TrackForm(forms.Form):
    receipt_code = forms.CharField(
        label=_("回执码"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("提交举报时得到的 20 位回执码，如 7KQ2M-9XW4T-H3D8R-ZC6PJ。"),
    )

    def clean_receipt_code(self):
        code = self.cleaned_data["receipt_code"]
        if receipt_canonical(code) is None:
            raise ValidationError(_("回执码应为 20 位字母和数字，请核对。"))
        return code


class AddInformationForm(forms.Form):
    receipt_code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(
        label=_("补充说明"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = EvidenceField(label=_("补充证据材料（可不填）"))


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("操作"), choices=())
    outcome = forms.ChoiceField(
        label=_("处理结论"), choices=[("", "—"), *Outcome.choices], required=False
    )
    measures = forms.CharField(
        label=_("处理措施"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reject_reason = forms.ChoiceField(
        label=_("不予受理理由"), choices=[("", "—"), *RejectReason.choices], required=False
    )
    authority = forms.ModelChoiceField(
        label=_("转交至"),
        queryset=Authority.objects.all(),
        required=False,
        help_text=_("只能转交给管辖该地区的机关。"),
    )
    region_code = forms.CharField(
        label=_("更正所在地区代码（可不填）"),
        max_length=6,
        required=False,
        validators=[_valid_region],
        help_text=_("单位实际所在地与举报不符时填写，如 440106。"),
    )
    public_reply = forms.CharField(
        label=_("给举报人的公开答复"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("举报人凭回执码可以看到。不予受理时必须说明理由。"),
    )
    note = forms.CharField(
        label=_("内部说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("仅工作人员可见。重新办理和转交时必须说明理由。"),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = actions_from(case.status)
        self.fields["action"].choices = [(a, Action(a).label) for a in allowed]


class MessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=[
            (k, MessageKind(k).label) for k in (MessageKind.INTERNAL_NOTE, MessageKind.PUBLIC_REPLY)
        ],
    )
    body = forms.CharField(
        label=_("内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
