from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import apidocs, bench, health, language, metrics

# Failed admin logins are limited per address and per username by django-axes (settings).

# Swagger UI styles itself inline and runs a worker from a blob; its scripts still come from
# this site only.
docs_policy = csp_update({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

urlpatterns = [
    # First: Django tries the patterns in order, and each include() passed over builds the
    # list of what it tried (64 µs to reach the verification API behind five "" includes,
    # measured; ResolverMatch.tried, tested in tests/portal/test_url_order.py). Nothing
    # else starts with api/v1/, so the order changes no other answer.
    path("api/v1/", include("portal.api_urls")),
    path("", include("catalogue.urls")),
    path("", include("certificates.urls")),
    path("notices/", include("notices.urls")),
    path("", include("enforcement.urls")),
    path("", include("adverts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/", language.language_switch, name="language"),
    path("about/", TemplateView.as_view(template_name="portal/about.html"), name="about"),
    path("privacy/", TemplateView.as_view(template_name="portal/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="portal/accessibility.html"),
        name="accessibility",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # A plain page from the schema (no JavaScript, nothing from another host).
    path("api/docs/", apidocs.api_docs, name="api-docs"),
    # The interactive Swagger UI, served from this site (drf-spectacular-sidecar).
    path(
        "api/docs/try/",
        docs_policy(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs-try",
    ),
]

if settings.BENCH_HELLO:
    # First, as a hello-world is: the baseline the benches divide by pays no resolving.
    urlpatterns.insert(0, path("bench/hello", bench.hello, name="bench-hello"))
