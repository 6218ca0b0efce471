from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import bench, health

# Failed admin logins are limited per address and per username by django-axes (settings).

# Swagger UI and Redoc style themselves inline and Redoc runs a worker from a blob; their
# scripts still come from this site only.
docs_policy = csp_update({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

urlpatterns = [
    path("", include("catalogue.urls")),
    path("", include("certificates.urls")),
    path("notices/", include("notices.urls")),
    path("", include("enforcement.urls")),
    path("", include("adverts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/v1/", include("portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        docs_policy(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        docs_policy(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-redoc",
    ),
]

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", bench.hello, name="bench-hello"))
