from django.urls import path

from . import api

urlpatterns = [
    path("certificate-check/", api.CertificateCheckView.as_view(), name="certificate-check"),
    path(
        "certificate-check/bulk/",
        api.CertificateCheckBulkView.as_view(),
        name="certificate-check-bulk",
    ),
    path(
        "certificate-verifications/",
        api.CertificateVerificationView.as_view(),
        name="certificate-verification",
    ),
    path(
        "certificate-verifications/<str:token>/",
        api.CertificateVerificationLinkView.as_view(),
        name="certificate-verification-link",
    ),
]
