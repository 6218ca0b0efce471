from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .access import issuers_for
from .identity import identity_hmac
from .loading import HeaderError, header_check
from .models import IssuedCertificate
from .services import issued_certificate_problems


class CheckForm(forms.Form):
    name = forms.CharField(
        label=_("证书名称"),
        max_length=200,
        help_text=_("照证书上印的名称填写，如“一级建造师”“注册会计师证书”。"),
    )
    issuer = forms.CharField(
        label=_("发证机构（选填）"),
        max_length=200,
        required=False,
        help_text=_("证书上印的发证单位名称。"),
    )
    issued_on = forms.DateField(
        label=_("发证日期（选填）"),
        required=False,
        help_text=_(
            "格式：2019-06-30。已退出目录的职业资格，发证日期决定证书是否仍可作为水平证明。"
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    number = forms.CharField(
        label=_("证书编号（选填）"),
        max_length=64,
        required=False,
        help_text=_("职业技能等级证书的编号结构可作参考。本站不保存您填写的内容。"),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("请填写证书名称。"))
        return name


class CheckQueryForm(forms.Form):
    """The check API's query: CheckForm's fields without the page's labels and help, whose
    translation would cost more than the check itself (the schema documents the API)."""

    name = forms.CharField(max_length=200)
    issuer = forms.CharField(max_length=200, required=False)
    issued_on = forms.DateField(required=False)
    number = forms.CharField(max_length=64, required=False)

    clean_name = CheckForm.clean_name


# The form's text fields and their max_length, read from the form itself.
_LIGHT_FIELDS = [
    (f, CheckQueryForm.base_fields[f].max_length) for f in ("name", "issuer", "number")
]


def light_check_query(params) -> dict | None:
    """CheckQueryForm's cleaned_data for a plainly valid query, without building the form
    (its fields are deep-copied for every instance: a fifth of the check API's CPU); None
    when the form has to say what is wrong or parse a date. A test keeps the two identical.
    """
    if params.get("issued_on"):
        return None
    query = {"issued_on": None}
    for field, max_length in _LIGHT_FIELDS:
        value = params.get(field) or ""
        value = value.strip()  # as CharField(strip=True)
        if len(value) > max_length or "\x00" in value:
            return None
        query[field] = value
    return query if query["name"] else None


class BulkCheckForm(forms.Form):
    file = forms.FileField(
        label=_("证书清单（CSV）"),
        help_text=_(
            "第一行为列名：证书名称（name，必填）、发证机构（issuer）、发证日期（issued_on，"
            "YYYY-MM-DD）、证书编号（number）；最多 1000 行，UTF-8 或 GB18030 编码。"
            "本站不保存上传的文件。"
        ),
    )
    output = forms.ChoiceField(
        label=_("结果格式"),
        choices=[("html", _("在本页显示")), ("csv", "CSV"), ("xlsx", "XLSX (Excel)")],
        initial="html",
    )

    def clean_file(self):
        from .checkbulk import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件过大（上限 1 MB，约 1000 行）。"))
        return upload


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("证书编号"), max_length=64)
    holder_name = forms.CharField(label=_("持证人姓名"), max_length=100, required=False)
    identity_number = forms.CharField(
        label=_("或：持证人身份证件号码"),
        max_length=40,
        required=False,
        help_text=_("只用于比对，本站不保存您填写的号码。"),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("holder_name", "").strip() or data.get("identity_number", "").strip()):
            raise forms.ValidationError(_("请填写持证人姓名或身份证件号码。"))
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("证书数据文件（CSV，UTF-8）"),
        help_text=_(
            "列：qualification, number, holder_name, identity_number, issuer, issued_on, status。"
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CERTIFICATE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件过大（上限 %(mb)s MB）。更大的文件请用 load_certificates 命令导入。")
                % {"mb": limit // (1024 * 1024)}
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("只接受 .csv 文件。"))
        head = upload.read(4096)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(_("文件不是文本格式的 CSV。"))
        try:
            header_check(head)
        except HeaderError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class IssuedCertificateAdminForm(forms.ModelForm):
    """Takes an identity number and stores only its keyed hash."""

    identity_number = forms.CharField(
        label=_("身份证件号码"),
        max_length=40,
        required=False,
        help_text=_("只保存其 HMAC 散列值；留空则不修改。"),
    )

    registrar = None  # the user saving, set by the admin's get_form

    class Meta:
        model = IssuedCertificate
        fields = ["qualification", "number", "holder_name", "issuer", "issued_on", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issuers = issuers_for(self.registrar) if self.registrar is not None else None
        if issuers is not None and "issuer" in self.fields:
            # A registrar picks one of their issuing bodies; the rule still checks on save.
            choices = [(name, name) for name in sorted(issuers)]
            self.fields["issuer"] = forms.ChoiceField(label=_("发证机构"), choices=choices)

    def _post_clean(self) -> None:
        """After the model's own validation, the registry's rules, as the service runs them."""
        super()._post_clean()
        if self.errors:
            return
        before = IssuedCertificate.objects.filter(pk=self.instance.pk).first()
        certificate = self.instance
        problems = issued_certificate_problems(
            certificate=certificate, by=self.registrar, before=before
        )
        for problem in problems:
            self.add_error(None, problem.message())

    def save(self, commit: bool = True):
        identity = self.cleaned_data.get("identity_number", "").strip()
        if identity:
            self.instance.holder_identity_hmac = identity_hmac(identity)
        return super().save(commit=commit)
