"""A cache of the public catalogue's pages and API responses.

Every cached response is keyed by the catalogue's version number, which is kept in the
cache itself and bumped when a change to the catalogue commits (signals.py). Bumping makes
every older entry unreachable at once, so nothing has to be found and deleted. With Redis
(REDIS_URL) all app servers share the version; with the per-process default cache each
process has its own, and entries expire after CATALOGUE_CACHE_SECONDS anyway.

Only anonymous GET/HEAD requests are cached, never a response that sets cookies of its own.
The CSRF token of the language switch is swapped for a placeholder when storing and for a
token of the current visitor when serving.
"""

import hashlib
import re
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

VERSION_KEY = "catalogue:version"
CSRF_PLACEHOLDER = b"@@catalogue-csrf-token@@"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
HIT_HEADER = "X-Catalogue-Cache"


def _timeout() -> int:
    return settings.CATALOGUE_CACHE_SECONDS


def catalogue_version() -> int:
    """The current version; a fresh one (never reused) when the cache has lost it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY, 0)
    return version


def catalogue_cache_bump() -> None:
    """Make every cached page and API response of the catalogue stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def _cacheable(request: HttpRequest) -> bool:
    # A session or messages cookie may mean a signed-in user or flash messages: serve fresh.
    personal = {settings.SESSION_COOKIE_NAME, "messages"} & request.COOKIES.keys()
    return request.method in ("GET", "HEAD") and not personal and _timeout() > 0


def _key(request: HttpRequest) -> str:
    variant = "|".join(
        [
            request.method,
            getattr(request, "LANGUAGE_CODE", ""),
            request.META.get("HTTP_ACCEPT", ""),
            request.get_full_path(),
        ]
    )
    digest = hashlib.sha256(variant.encode()).hexdigest()
    return f"catalogue:response:{catalogue_version()}:{digest}"


def _store(key: str, response: HttpResponse) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    content = response.content
    found = CSRF_INPUT.search(content)
    if found:
        content = content.replace(found.group(1), CSRF_PLACEHOLDER)
    cache.set(key, (content, list(response.items())), _timeout())


def _restore(request: HttpRequest, stored: tuple) -> HttpResponse:
    content, headers = stored
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


def cache_public(view: Callable) -> Callable:
    """Serve a public view from the catalogue cache; fill the cache on a miss."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            return _restore(request, stored)
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response.add_post_render_callback(lambda rendered: _store(key, rendered))
        else:
            _store(key, response)
        return response

    return cached_view


class CachedReadMixin:
    """For read-only DRF viewsets: list and retrieve answered from the catalogue cache.

    Applied to the handler, so that authentication and throttling still run first.
    """

    def list(self, request, *args, **kwargs):
        return cache_public(super().list)(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return cache_public(super().retrieve)(request, *args, **kwargs)
