"""Marks anonymous public answers cacheable by the proxy in front (deploy/local/nginx.conf).

A GET or HEAD answered 200 (or 304 to a revalidation), from a request without a session or a
primary pin, gets `Cache-Control: public, max-age=EDGE_CACHE_SECONDS` unless the view
already said how it may be cached (never_cache, private, no-store), set a cookie, or put the
visitor's CSRF token in the page: a page with a form that posts is never shared (the
language switch is a GET, portal/language.py, so the catalogue's pages carry no token).
Everything else the app answers while the edge cache is on says `Cache-Control: private`,
so no shared cache keeps it even by mistake. A shared answer says
`Vary: Accept-Language, Cookie` (the language comes from either); the proxy also keys
entries by the language cookie, so cookieless visitors share one entry per
Accept-Language, and revalidates with the ETag that ConditionalGetMiddleware adds.
0 (the default) turns it off.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from .dbrouting import reads_from_replica


def shareable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        settings.EDGE_CACHE_SECONDS > 0
        and response.status_code in (200, 304)
        and reads_from_replica(request)
        and not response.has_header("Cache-Control")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class EdgeCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if shareable(request, response):
            patch_cache_control(response, public=True, max_age=settings.EDGE_CACHE_SECONDS)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        elif settings.EDGE_CACHE_SECONDS > 0 and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response
