from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import drafts
from .models import DraftAdjustment, Edition, Qualification

# Catalogue maintenance: reviewed drafts and the official table ---------------------------

OFFICIAL_TABLE_MAX_BYTES = 2 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


class DraftAdjustmentForm(forms.ModelForm):
    """A draft: the action, its target and the proposed values, validated as a whole."""

    class Meta:
        model = DraftAdjustment
        fields = [
            "action",
            "qualification",
            "parent",
            "name",
            "name_en",
            "category",
            "kind",
            "departments",
            "legal_basis",
            "remarks",
            "successor",
            "successor_equivalent",
            "reason",
        ]

    def _post_clean(self) -> None:
        super()._post_clean()
        try:
            drafts.draft_validate(draft=self.instance)
        except ValidationError as error:
            self._update_errors(error)


class DraftRetireForm(forms.Form):
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 3}))
    successor = forms.ModelChoiceField(
        label=_("承接的职业资格（可选）"),
        queryset=Qualification.objects.items().listed(),
        required=False,
    )
    successor_equivalent = forms.NullBooleanField(label=_("与承接资格等效"), required=False)


class DraftPublishForm(forms.Form):
    document = forms.CharField(label=_("批准文件"), max_length=120)
    approved_on = forms.DateField(label=_("批准日期"), help_text=_("格式：2030-01-15"))


class OfficialTableForm(forms.Form):
    edition = forms.ModelChoiceField(label=_("目录版本"), queryset=Edition.objects.all())
    document = forms.CharField(
        label=_("官方目录表的文件"),
        max_length=120,
        help_text=_("例如：人社部发〔2017〕68号附件1。核对一致的条目将以此为来源。"),
    )
    file = forms.FileField(label=_("官方目录表（CSV 或 XLSX）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if upload.size > OFFICIAL_TABLE_MAX_BYTES:
            raise ValidationError(_("文件不得超过 2 MB。"))
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError(_("只接受 .csv 或 .xlsx 文件。"))
        data = upload.read()
        if name.endswith(".xlsx") and not data.startswith(ZIP_MAGIC):
            raise ValidationError(_("这不是有效的 XLSX 文件。"))
        if name.endswith(".csv") and b"\x00" in data[:4096]:
            raise ValidationError(_("这不是文本格式的 CSV 文件。"))
        return {"name": upload.name, "data": data}
