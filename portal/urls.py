from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from . import bench, health, metrics
from .ratelimits import limited

# The admin's login form is a public write: limit the attempts per client address.
admin.site.login = limited("admin-login", "ADMIN_LOGIN_RATE")(admin.site.login)

urlpatterns = [
    path("", include("catalogue.urls")),
    path("", include("certificates.urls")),
    path("notices/", include("notices.urls")),
    path("", include("enforcement.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("api/v1/", include("portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", bench.hello, name="bench-hello"))
