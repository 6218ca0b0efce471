"""The QR code of a certificate's verification link on its admin page, with downloads."""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import IssuedCertificate
from .qrcodes import verification_qr_file, verification_qr_svg, verification_url

CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


class VerificationQRAdminMixin:
    """Adds the readonly field "verification_qr" and its SVG and PNG downloads.

    Use: ``class IssuedCertificateAdmin(VerificationQRAdminMixin, admin.ModelAdmin)``.
    """

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "verification_qr"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.verification_qr_download)
        name = "certificates_issuedcertificate_qr"
        return [path("<int:pk>/qr.<str:kind>", view, name=name), *super().get_urls()]

    def verification_qr_download(self, request, pk: int, kind: str) -> HttpResponse:
        if kind not in CONTENT_TYPES:
            raise Http404("QR codes come as .svg or .png")
        # Through the admin's queryset: a registrar reaches only their issuers' certificates.
        certificate = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, certificate):
            raise PermissionDenied
        response = HttpResponse(
            verification_qr_file(certificate, kind=kind), content_type=CONTENT_TYPES[kind]
        )
        filename = f"qr-{certificate.pk}.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.display(description=gettext_lazy("查验二维码"))
    def verification_qr(self, certificate: IssuedCertificate) -> str:
        if certificate.pk is None:
            return "—"
        try:
            url = verification_url(certificate)
        except ImproperlyConfigured:
            return _("未设置 SITE_URL，无法生成带完整网址的二维码。")
        downloads = [
            reverse("admin:certificates_issuedcertificate_qr", args=[certificate.pk, kind])
            for kind in ("svg", "png")
        ]
        return format_html(
            '<div class="verification-qr">{}</div><p><a href="{}">{}</a></p>'
            '<p><a href="{}" download>SVG</a> · <a href="{}" download>PNG</a></p>',
            mark_safe(verification_qr_svg(certificate)),  # segno's own markup, no user text
            url,
            url,
            *downloads,
        )
