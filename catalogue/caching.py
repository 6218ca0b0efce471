"""A cache of the public catalogue's pages and API responses.

Every cached response is keyed by the catalogue's version (catalogue.version), which the
catalogue services move once when a change commits. Moving it makes every older entry
unreachable at once, so nothing has to be found and deleted. With Redis (REDIS_URL) all app
servers share the version and the responses; with the per-process default cache each process
has its own, and entries expire after CATALOGUE_CACHE_SECONDS.

Each process also keeps the responses it served lately in its own memory and asks the
shared cache for the version at most once every VERSION_CHECK_SECONDS: a hit then costs no
network round trip. A change published through this process shows at once; one published
through another app server shows here within VERSION_CHECK_SECONDS.

Only anonymous GET/HEAD requests are cached, never a response that sets cookies of its own
and never one carrying a CSRF token (a form that posts): the token is the visitor's, and a
cached copy would hand it to the next one. The public pages carry none (the language switch
is a GET form).
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import set_response_etag

from .version import catalogue_version, catalogue_version_forget

# The benchmarks (bench/catalogue_speed.py) make the pages cold by this name.
from .version import catalogue_version_bump as catalogue_cache_bump  # noqa: F401

CSRF_FIELD = b'name="csrfmiddlewaretoken"'
HIT_HEADER = "X-Catalogue-Cache"

_local = LocMemCache("catalogue-responses", {"OPTIONS": {"MAX_ENTRIES": 1000}})


def _timeout() -> int:
    return settings.CATALOGUE_CACHE_SECONDS


def catalogue_cache_clear() -> None:
    """Forget this process's responses and version too (tests; after a cache flush)."""
    _local.clear()
    catalogue_version_forget()


def _cacheable(request: HttpRequest) -> bool:
    # A session or messages cookie may mean a signed-in user or flash messages: serve fresh.
    personal = {settings.SESSION_COOKIE_NAME, "messages"} & request.COOKIES.keys()
    # With the dummy backend there is no shared version to invalidate by: cache nothing.
    configured = _timeout() > 0 and not isinstance(caches["default"], DummyCache)
    return request.method in ("GET", "HEAD") and not personal and configured


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
    if CSRF_FIELD in response.content:
        return
    # The ETag ConditionalGetMiddleware would compute (an MD5 of the content) on every hit,
    # computed once and stored with the headers.
    if not response.has_header("ETag"):
        set_response_etag(response)
    stored = (response.content, list(response.items()))
    cache.set(key, stored, _timeout())
    _local.set(key, stored, _timeout())


def _restore(stored: tuple) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


def _lookup(key: str) -> tuple | None:
    stored = _local.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            _local.set(key, stored, _timeout())
    return stored


def cache_public(view: Callable) -> Callable:
    """Serve a public view from the catalogue cache; fill the cache on a miss."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = _lookup(key)
        if stored is not None:
            return _restore(stored)
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
