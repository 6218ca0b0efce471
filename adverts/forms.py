from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .checking import MAX_CHARACTERS, advert_text_validate
from .files import advert_file_text
from .findings import AdvertType

ADVERT_TYPE_CHOICES = [("", _("由系统判断")), *AdvertType.choices]


class AdvertCheckForm(forms.Form):
    text = forms.CharField(
        label=_("广告文字"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": MAX_CHARACTERS}),
        help_text=_("粘贴招聘或培训广告的全文，最多 20000 字。不会保存。"),
    )
    file = forms.FileField(
        label=_("或上传文件（选填）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
        help_text=_(".txt、.docx 或带文字的 .pdf，最大 2 MB。"),
    )
    advert_type = forms.ChoiceField(
        label=_("广告类型"), choices=ADVERT_TYPE_CHOICES, required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        try:
            text = advert_file_text(upload) if upload else data.get("text", "")
            data["text"] = advert_text_validate(text)
        except ValidationError as error:
            self.add_error("file" if upload else "text", error)
        return data

    def cleaned_data_for_check(self) -> dict:
        data = self.cleaned_data
        return {"text": data["text"], "advert_type": data.get("advert_type") or None}
