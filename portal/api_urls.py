"""API v1: each app registers its own routes here."""

from django.urls import include, path

urlpatterns = [
    # The two hottest answers (verification, the check) first: see portal/urls.py.
    path("", include("certificates.api_urls")),
    path("", include("catalogue.api_urls")),
    path("", include("notices.api_urls")),
    path("", include("enforcement.api_urls")),
    path("", include("adverts.api_urls")),
]
