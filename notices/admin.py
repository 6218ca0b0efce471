from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from authorities.models import Authority

from . import docnumbers, services
from .forms import ImportForm
from .importer import UnreadableText
from .models import Notice


class NoticeAdminForm(forms.ModelForm):
    class Meta:
        model = Notice
        fields = [
            "doc_number",
            "title",
            "issuer",
            "issued_on",
            "recipients",
            "body",
            "opinions",
            "contacts",
            "disclosure",
            "attachments",
            "forwards",
            "status",
        ]

    user = None  # set by NoticeAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        notice = self.instance
        issuer = cleaned.get("issuer") or (notice.issuer if notice.issuer_id else None)
        if self.user is not None and issuer is not None:
            notice.issuer = issuer
            try:
                services.check_notice_rules(
                    user=self.user, notice=notice, forwards=cleaned.get("forwards")
                )
            except PermissionDenied as denied:
                raise forms.ValidationError(str(denied)) from None
        return cleaned

    def clean_doc_number(self) -> str:
        text = self.cleaned_data["doc_number"]
        try:
            return docnumbers.canonical(text) if text.strip() else ""
        except docnumbers.InvalidDocNumber:
            raise forms.ValidationError(_("文号格式应如 人社部发〔2017〕68号。")) from None


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    form = NoticeAdminForm
    list_display = ["doc_number", "title", "issuer", "issued_on", "status", "forwards"]
    list_filter = ["status", "disclosure", "issuer__level"]
    search_fields = ["doc_number", "title", "issuer__name"]
    list_select_related = ["issuer", "forwards"]
    autocomplete_fields = ["issuer", "forwards"]
    readonly_fields = ["prefix", "year", "serial", "created_at", "published_at"]
    date_hierarchy = "issued_on"
    change_list_template = "notices/admin_change_list.html"

    def get_queryset(self, request):
        """Staff see and change their own authority's notices; superusers all."""
        notices = super().get_queryset(request)
        if request.user.is_superuser:
            return notices
        return notices.filter(issuer_id=request.user.authority_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issuer" and not request.user.is_superuser:
            kwargs["queryset"] = Authority.objects.filter(pk=request.user.authority_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        """The same service, and so the same rules, as the pages."""
        services.notice_save(user=request.user, notice=obj)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.import_view)
        return [path("import/", upload, name="notices_notice_import"), *super().get_urls()]

    def import_view(self, request):
        """Upload a forwarding document's text; the same service as `import_notice`."""
        if not request.user.has_perm("notices.import_notice"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = services.notice_chain_import(text=form.cleaned_data["file"])
            except UnreadableText as error:
                form.add_error("file", str(error))
            else:
                made = len(result.created_notices)
                messages.success(request, _("已导入：新建 %(n)d 件通知。") % {"n": made})
                return redirect("admin:notices_notice_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta}
        return render(request, "notices/notice_import.html", context)
