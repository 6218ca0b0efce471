"""Forms for publishing and forwarding notices, and for uploading a document to import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority

from . import docnumbers
from .extract import ExtractError, decode_text, text_of_upload
from .models import Notice

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class NoticeForm(forms.ModelForm):
    """A notice in the user's own authority's name: the issuer offered is that one only."""

    publish = forms.BooleanField(
        label=_("立即发布"), required=False, help_text=_("不勾选则保存为草稿，公众不可见。")
    )

    class Meta:
        model = Notice
        fields = [
            "issuer",
            "doc_number",
            "title",
            "issued_on",
            "recipients",
            "body",
            "opinions",
            "contacts",
            "disclosure",
            "attachments",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "recipients": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "opinions": forms.Textarea(attrs={"rows": 6}),
            "contacts": forms.Textarea(attrs={"rows": 2}),
            "attachments": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        own = Authority.objects.filter(pk=user.authority_id)
        self.fields["issuer"].queryset = own
        self.fields["issuer"].empty_label = None
        self.fields["issuer"].error_messages["invalid_choice"] = _("只能以本机关名义发布通知。")

    def clean_doc_number(self) -> str:
        text = self.cleaned_data["doc_number"]
        try:
            number = docnumbers.canonical(text) if text.strip() else ""
        except docnumbers.InvalidDocNumber:
            raise forms.ValidationError(_("文号格式应如 人社部发〔2017〕68号。")) from None
        taken = Notice.objects.filter(doc_number=number).exclude(pk=self.instance.pk)
        if number and taken.exists():
            raise forms.ValidationError(_("文号 %(n)s 已存在。") % {"n": number})
        return number

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["publish"] = bool(data.get("publish"))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("转发文件（纯文本，UTF-8 或 GB18030）"),
        help_text=_("最大 2 MB；按文件中的顺序，第一个通知转发下一个。"),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("文件超过 2 MB。"))
        if not upload.name.lower().endswith((".txt", ".text")):
            raise forms.ValidationError(_("只接受 .txt 纯文本文件。"))
        try:
            return decode_text(upload.read())
        except UnicodeDecodeError:
            raise forms.ValidationError(_("无法读取：不是 UTF-8 或 GB18030 文本。")) from None


class PastePreviewForm(forms.Form):
    """A document's text, pasted or uploaded (.txt, .docx, a PDF's text layer)."""

    text = forms.CharField(
        label=_("粘贴文件全文"),
        required=False,
        max_length=400_000,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    file = forms.FileField(
        label=_("或上传文件（.txt、.docx、带文字层的 .pdf，最大 5 MB）"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > 5 * 1024 * 1024:
                raise forms.ValidationError(_("文件超过 5 MB。"))
            try:
                cleaned["text"] = text_of_upload(upload.name, upload.read())
            except ExtractError as error:
                raise forms.ValidationError(str(error)) from None
        if not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(_("请粘贴文件全文或上传文件。"))
        return cleaned


class ChainNoticeForm(forms.Form):
    """One notice of the chain as read, for the publisher to correct before saving."""

    doc_number = forms.CharField(label=_("文号"), required=False, max_length=60)
    issuer = forms.CharField(label=_("发文机关"), required=False, max_length=100)
    title = forms.CharField(label=_("标题"), required=False, max_length=300)
    recipients = forms.CharField(label=_("主送"), required=False, max_length=2000)
    issued_on = forms.DateField(
        label=_("成文日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_doc_number(self) -> str:
        text = self.cleaned_data["doc_number"]
        try:
            return docnumbers.canonical(text) if text.strip() else ""
        except docnumbers.InvalidDocNumber:
            raise forms.ValidationError(_("文号格式应如 人社部发〔2017〕68号。")) from None


ChainFormSet = forms.formset_factory(ChainNoticeForm, extra=0, max_num=8, validate_max=True)
