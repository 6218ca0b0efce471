from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView

from . import apidocs, bench, views
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
    path("about/", TemplateView.as_view(template_name="portal/about.html"), name="about"),
    path("privacy/", TemplateView.as_view(template_name="portal/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="portal/accessibility.html"),
        name="accessibility",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", include("portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # A plain page from the schema (no JavaScript, nothing from another host).
    path("api/docs/", apidocs.api_docs, name="api-docs"),
]

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", bench.hello, name="bench-hello"))
