"""Per-client rate limits (django-ratelimit) that answer with the portal's 429.

Rates are named by a setting and read on each request, so RATELIMIT_ENABLE=0 or a changed
rate takes effect at once (the benchmarks and tests rely on it).
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from .views import ratelimited


def limited(
    group: str, setting: str, *, method: tuple[str, ...] = ("POST",), key: str | Callable = "ip"
) -> Callable:
    """Limit the view to the rate in ``settings.<setting>`` (e.g. "10/h") per ``key``.

    Decorates plain views, DRF view methods and method_decorator'd methods alike: the
    request is the first argument that carries request metadata.
    """

    def rate(_group: str, _request: HttpRequest) -> str:
        return getattr(settings, setting)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            request = next(arg for arg in args if hasattr(arg, "META"))
            if is_ratelimited(
                request, group=group, key=key, rate=rate, method=method, increment=True
            ):
                return ratelimited(request, Ratelimited())
            return view(*args, **kwargs)

        return wrapper

    return decorate
