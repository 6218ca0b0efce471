from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_qr import VerificationQRAdminMixin
from .forms import IssuedCertificateAdminForm, UploadForm
from .loading import HeaderError
from .models import IssuedCertificate
from .services import issued_certificates_load
from .verification import verification_token


class EstimatedCountPaginator(Paginator):
    """Counting ten million rows takes seconds: use PostgreSQL's estimate when unfiltered."""

    @cached_property
    def count(self) -> int:
        query = self.object_list.query
        if connection.vendor == "postgresql" and not query.where:
            estimate = _estimated_rows(self.object_list.model._meta.db_table)
            if estimate > 100_000:
                return estimate
        return super().count


def _estimated_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [table])
        return cursor.fetchone()[0]


@admin.register(IssuedCertificate)
class IssuedCertificateAdmin(VerificationQRAdminMixin, admin.ModelAdmin):
    form = IssuedCertificateAdminForm
    paginator = EstimatedCountPaginator
    list_display = ["number", "issuer", "qualification", "issued_on", "status", "updated_at"]
    list_filter = ["status"]
    # Exact number only: the (number, issuer) index answers it among millions of rows.
    search_fields = ["=number"]
    search_help_text = _("按证书编号精确查找。")
    list_select_related = ["qualification__parent"]
    autocomplete_fields = ["qualification"]
    readonly_fields = ["holder_identity_hmac", "verification_link", "updated_at"]
    show_full_result_count = False
    change_list_template = "certificates/issuedcertificate_change_list.html"

    @admin.display(description=_("查验链接（二维码内容）"))
    def verification_link(self, certificate: IssuedCertificate) -> str:
        if certificate.pk is None:
            return "—"
        url = reverse("certificates:verify-link", args=[verification_token(certificate)])
        return format_html('<a href="{}">{}</a>', url, url)

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        name = "certificates_issuedcertificate_upload"
        return [path("upload/", upload, name=name), *super().get_urls()]

    def upload_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = self._load(request, form)
        context = {**self.admin_site.each_context(request), "form": form, "report": report}
        context |= {"opts": self.model._meta, "title": _("批量导入证书")}
        return TemplateResponse(request, "certificates/issuedcertificate_upload.html", context)

    def _load(self, request, form: UploadForm):
        try:
            report = issued_certificates_load(file=form.cleaned_data["file"].file)
        except HeaderError as error:
            form.add_error("file", str(error))
            return None
        level = messages.WARNING if report.rejected else messages.SUCCESS
        self.message_user(request, _("导入完成。"), level)
        return report
