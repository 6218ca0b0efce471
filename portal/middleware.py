"""Project-wide request guards and response headers."""

import functools
import time
from urllib.parse import unquote_to_bytes

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .clientip import is_trusted_proxy

FORWARDED = "portal.forwarded"
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")
# What a proxy adds (deploy/local/nginx.conf sets X-Real-IP too): the request was forwarded.
PROXY_HEADERS = (*FORWARDING_HEADERS, "HTTP_X_REAL_IP", "HTTP_FORWARDED")


class TrustedProxyMiddleware:
    """Forget the forwarding headers of a peer that is not in settings.TRUSTED_PROXIES.

    So SECURE_PROXY_SSL_HEADER and the client address believe only our own proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Whether any proxy forwarded it, trusted or not: /metrics answers none of them.
        request.META[FORWARDED] = any(header in request.META for header in PROXY_HEADERS)
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in FORWARDING_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL byte in the query string is never meaningful: answer 400, not a database error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            message = _("查询参数中不能含有空字符（NUL）。")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's policy built once per process.

    django-csp builds the header from the settings on every response, twice (the policy and
    the report-only one): ≈ 50 µs of each request's CPU, a tenth of a cached page's. A
    response with no policy of its own (no csp_update/csp_replace/csp_exempt decorator, no
    nonce asked for) gets the same string every time, so it is built once and again only when
    a setting changes; any other response, and a site with a report-only policy or excluded
    prefixes, goes through django-csp as before.
    """

    _OWN_POLICY = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not _site_policy_is_plain() or getattr(request, "_csp_nonce", None) is not None:
            return super().process_response(request, response)
        if any(getattr(response, name, None) for name in self._OWN_POLICY):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # as django-csp: Django's debug pages keep their inline styles
        if HEADER not in response:
            response[HEADER] = _site_policy()
        # As django-csp: a nonce asked for once the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@functools.cache
def _site_policy() -> str:
    return build_policy()


@functools.cache
def _site_policy_is_plain() -> bool:
    """A policy, no report-only policy, no excluded prefixes: one header for every response."""
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
    return bool(policy) and not report_only and not policy.get("EXCLUDE_URL_PREFIXES")


@receiver(setting_changed)
def _forget_site_policy(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policy.cache_clear()
        _site_policy_is_plain.cache_clear()


class PermissionsPolicyMiddleware:
    """Permissions-Policy: the portal uses no camera, microphone, location or payment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware:
    """Cache-Control: no-store on the pages that show a report: receipt, tracking, cases.

    Neither the browser nor any cache between may keep a receipt code or a case.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(tuple(settings.NO_STORE_PATHS)):
            add_never_cache_headers(response)
        return response


class StaffSessionMiddleware:
    """A signed-in session ends 8 hours after sign-in, or after 30 minutes without a request.

    SESSION_COOKIE_AGE and STAFF_SESSION_IDLE_SECONDS. Both clocks are kept in the session,
    since saving the session would push the cookie's own expiry back each time.
    """

    STARTED, SEEN = "portal_signed_in_at", "portal_last_seen_at"
    # Record activity at most once a minute: one session write per minute, not per request.
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._expire_or_touch(request, int(time.time()))
        return self.get_response(request)

    def _expire_or_touch(self, request: HttpRequest, now: int) -> None:
        session = request.session
        started, seen = session.setdefault(self.STARTED, now), session.get(self.SEEN, now)
        idle, age = now - seen, now - started
        if idle > settings.STAFF_SESSION_IDLE_SECONDS or age > settings.SESSION_COOKIE_AGE:
            logout(request)
        elif idle >= self.RESOLUTION or self.SEEN not in session:
            session[self.SEEN] = now
