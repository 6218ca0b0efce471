"""Project-wide request guards and response headers."""

import time
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth import logout
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
