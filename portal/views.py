"""Project-wide views: errors and health."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def ratelimited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """django-ratelimit's response: 429 with a plain message, JSON for API clients."""
    message = _("请求过于频繁，请稍后再试。")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "429.html", {"message": message}, status=429)
