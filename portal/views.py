"""Project-wide views: errors and health."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def ratelimited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """django-ratelimit's response: 429 with a plain message, JSON for API clients."""
    return _too_many(request, _("请求过于频繁，请稍后再试。"))


def login_locked(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """django-axes' response to a locked-out address or username: 429 until the cool-off ends."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    message = _("登录失败次数过多，请 %(minutes)d 分钟后再试。") % {"minutes": seconds // 60}
    return _too_many(request, message, retry_after=seconds)


def _too_many(request: HttpRequest, message: str, *, retry_after: int = 0) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
