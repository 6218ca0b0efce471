from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .access import issuers_for
from .admin_qr import VerificationQRAdminMixin
from .errorsexport import load_errors_csv
from .forms import IssuedCertificateAdminForm, UploadForm
from .models import CertificateLoad, CertificateRevision, IssuedCertificate, IssuingBody, LoadStatus
from .verification import verification_token

REPORT_ROWS_SHOWN = 500


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
    """The planner's row estimate; a partitioned table's is the sum of its partitions'
    (autovacuum analyses the partitions, never the parent)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN c.relkind = 'p' THEN (SELECT COALESCE(SUM(GREATEST(p.reltuples, "
            "0)), 0) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid "
            "WHERE i.inhparent = c.oid) ELSE GREATEST(c.reltuples, 0) END::bigint "
            "FROM pg_class c WHERE c.oid = %s::regclass",
            [table],
        )
        return cursor.fetchone()[0]


class RevisionInline(admin.TabularInline):
    """The certificate's history: what it was before each load or change (read-only)."""

    model = CertificateRevision
    fk_name = "certificate"
    extra = 0
    can_delete = False
    fields = ["changed_at", "changed_by", "action", "load", "previous_qualification"]
    fields += ["previous_holder_name", "previous_issued_on", "previous_status"]
    readonly_fields = fields
    ordering = ["-changed_at", "-id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IssuedCertificate)
class IssuedCertificateAdmin(VerificationQRAdminMixin, admin.ModelAdmin):
    form = IssuedCertificateAdminForm
    paginator = EstimatedCountPaginator
    list_display = ["number", "issuer", "qualification", "issued_on", "status", "updated_at"]
    list_filter = ["status"]
    # Exact number only, however typed (get_search_results): the key's index answers it.
    search_fields = ["=number_key"]
    search_help_text = _("按证书编号精确查找。")
    list_select_related = ["qualification__parent"]
    autocomplete_fields = ["qualification"]
    readonly_fields = ["holder_identity_hmac", "verification_link", "updated_at"]
    show_full_result_count = False
    change_list_template = "certificates/issuedcertificate_change_list.html"
    inlines = [RevisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).of_issuers(issuers_for(request.user))

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset & IssuedCertificate.objects.numbered(search_term), False

    def get_readonly_fields(self, request, obj=None):
        # The key of a certificate never changes: a different number is another certificate.
        fixed = ["number", "issuer"] if obj is not None else []
        return [*fixed, *super().get_readonly_fields(request, obj)]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"registrar": request.user})

    def save_model(self, request, obj, form, change) -> None:
        services.issued_certificate_save(certificate=obj, by=request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # certificates are revoked, never deleted: the history refers to them

    @admin.display(description=_("查验链接（二维码内容）"))
    def verification_link(self, certificate: IssuedCertificate) -> str:
        if certificate.pk is None:
            return "—"
        url = reverse("certificates:verify-link", args=[verification_token(certificate)])
        return format_html('<a href="{}">{}</a>', url, url)

    def get_urls(self):
        view = self.admin_site.admin_view
        prefix = "certificates_issuedcertificate"
        return [
            path("upload/", view(self.upload_view), name=f"{prefix}_upload"),
            path("loads/<int:pk>/", view(self.load_view), name=f"{prefix}_load"),
            path("loads/<int:pk>/errors.csv", view(self.errors_view), name=f"{prefix}_errors"),
            *super().get_urls(),
        ]

    def _may_load(self, request) -> None:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def upload_view(self, request):
        self._may_load(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            load = services.certificate_load_start(
                upload=form.cleaned_data["file"], by=request.user
            )
            return redirect("admin:certificates_issuedcertificate_load", load.pk)
        context = {**self.admin_site.each_context(request), "form": form}
        context |= {"opts": self.model._meta, "title": _("批量导入证书")}
        return TemplateResponse(request, "certificates/issuedcertificate_upload.html", context)

    def load_view(self, request, pk: int):
        self._may_load(request)
        load = _get_load_for_user(request.user, pk)
        if request.method == "POST":
            return self._decide(request, load)
        running = load.status in (LoadStatus.VALIDATING, LoadStatus.LOADING)
        problems = load.problems.order_by("line")[:REPORT_ROWS_SHOWN]
        context = {**self.admin_site.each_context(request), "load": load, "running": running}
        context |= {"opts": self.model._meta, "title": _("证书导入报告"), "problems": problems}
        context |= {"progress": services.load_progress(load) if running else None}
        return TemplateResponse(request, "certificates/certificateload_report.html", context)

    def _decide(self, request, load: CertificateLoad):
        try:
            if request.POST.get("decision") == "accept":
                services.certificate_load_accept(load=load, by=request.user)
            else:
                services.certificate_load_discard(load=load, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect("admin:certificates_issuedcertificate_load", load.pk)

    def errors_view(self, request, pk: int):
        self._may_load(request)
        return load_errors_csv(_get_load_for_user(request.user, pk))


def _get_load_for_user(user, pk: int) -> CertificateLoad:
    """A load its uploader (or a superuser) may see; 404 for anyone else's."""
    loads = CertificateLoad.objects.select_related("uploaded_by")
    load = loads.filter(pk=pk).first()
    if load is None or not (user.is_superuser or load.uploaded_by_id == user.pk):
        raise Http404("no such load")
    return load


@admin.register(CertificateLoad)
class CertificateLoadAdmin(admin.ModelAdmin):
    list_display = ["report_link", "uploaded_by", "started_at", "status", "rows_read"]
    list_display += ["rejected", "inserted", "updated", "accepted_errors"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]

    def get_queryset(self, request):
        loads = super().get_queryset(request)
        return loads if request.user.is_superuser else loads.filter(uploaded_by=request.user)

    @admin.display(description=_("文件名"))
    def report_link(self, load: CertificateLoad) -> str:
        url = reverse("admin:certificates_issuedcertificate_load", args=[load.pk])
        return format_html('<a href="{}">{}</a>', url, load.file_name)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["registrars"]
