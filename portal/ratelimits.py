"""Per-client rate limits that answer with the portal's 429, all counted in one round trip.

Rates are named by a setting and read on each request, so RATELIMIT_ENABLE=0 or a changed
rate takes effect at once (the benchmarks and tests rely on it).

The counters are django-ratelimit's: the same cache keys and fixed windows, so every app
server counts into the same Redis keys. But where django-ratelimit asks the cache two or three
times per limit (ADD, then EXISTS and INCR), `limit_exceeded` counts every limit of a request
with ONE Lua script on Redis: INCR each counter in order, EXPIRE it when it is new, and stop
at the first one over its rate. Stopping there is what stacked decorators did: a request
refused by the per-address limit does not also count against the certificate number.
With another cache (per-process memory in one-process installs and unit tests) the limits are
counted one by one through django-ratelimit.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from django_ratelimit.core import (
    _SIMPLE_KEYS,
    EXPIRATION_FUDGE,
    _get_window,
    _make_cache_key,
    _method_match,
    _split_rate,
    get_usage,
)
from django_ratelimit.exceptions import Ratelimited
from redis.exceptions import RedisError

from .views import ratelimited

log = logging.getLogger(__name__)

# KEYS: the counters in order; ARGV: per counter its lifetime (s), then its limit.
# Returns the 1-based position of the first counter over its limit, 0 when none is.
_COUNT_SCRIPT = """
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[2 * i - 1]) end
  if count > tonumber(ARGV[2 * i]) then return i end
end
return 0
"""


@dataclass(frozen=True)
class Limit:
    """At most ``settings.<setting>`` (e.g. "10/h") requests of ``group`` per ``key``."""

    group: str
    setting: str
    method: tuple[str, ...] | str = ("POST",)
    key: str | Callable = "ip"

    def counter(self, request: HttpRequest) -> tuple[str, int, int] | None:
        """(cache key, lifetime in s, limit) of this request's counter; None if not counted."""
        if not _method_match(request, self.method):
            return None
        rate = getattr(settings, self.setting)
        if rate is None:
            return None
        limit, period = _split_rate(rate)
        value = (
            self.key(self.group, request) if callable(self.key) else _SIMPLE_KEYS[self.key](request)
        )
        window = _get_window(value, period)
        key = _make_cache_key(self.group, window, rate, value, self.method)
        return key, period + EXPIRATION_FUDGE, limit


def limit_exceeded(request: HttpRequest, limits: tuple[Limit, ...]) -> bool:
    """Counts the request against each limit in order; True at the first one it exceeds."""
    if not settings.RATELIMIT_ENABLE:
        return False
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    if not isinstance(cache, RedisCache):
        return any(_counted_by_django_ratelimit(request, limit) for limit in limits)
    counters = [c for c in (limit.counter(request) for limit in limits) if c is not None]
    return counters_exceeded(cache, counters)


def counters_exceeded(cache: RedisCache, counters: list[tuple[str, int, int]]) -> bool:
    """Counts each (cache key, lifetime in s, limit) in order with ONE script on Redis;
    True at the first counter over its limit. The one counting primitive of the portal's
    limits (the per-client limits above and the check API's DRF throttle)."""
    if not counters:
        return False
    keys = [cache.make_key(key) for key, _, _ in counters]  # no key validation on the hot path
    args = [number for _, lifetime, limit in counters for number in (lifetime, limit)]
    script = _count_script(cache)
    try:
        return bool(script(keys=keys, args=args))
    except RedisError as error:  # as django-ratelimit: closed unless RATELIMIT_FAIL_OPEN
        log.warning("rate-limit counters unavailable: %s", error)
        return not getattr(settings, "RATELIMIT_FAIL_OPEN", False)


def _count_script(cache: RedisCache):
    """The counting script, registered once per cache client (each thread has its own).

    Django's RedisCache builds a new redis client on every call of get_client (cheap for one
    command, but on the hot path it cost more than the round trip, and a script registered per
    client would be one per request); the script keeps the one it was registered with, whose
    connection pool is the cache's own."""
    store = cache._cache
    script = getattr(store, "portal_count_script", None)
    if script is None:
        script = store.portal_count_script = store.get_client(write=True).register_script(
            _COUNT_SCRIPT
        )
    return script


def _counted_by_django_ratelimit(request: HttpRequest, limit: Limit) -> bool:
    usage = get_usage(
        request,
        group=limit.group,
        key=limit.key,
        rate=lambda _group, _request: getattr(settings, limit.setting),
        method=limit.method,
        increment=True,
    )
    return bool(usage and usage["should_limit"])


def limited_together(*limits: Limit) -> Callable:
    """Limit the view by every one of ``limits``, counted in one round trip (see above).

    Decorates plain views, DRF view methods and method_decorator'd methods alike: the
    request is the first argument that carries request metadata.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            request = next(arg for arg in args if hasattr(arg, "META"))
            if limit_exceeded(request, limits):
                return ratelimited(request, Ratelimited())
            return view(*args, **kwargs)

        return wrapper

    return decorate


def limited(
    group: str,
    setting: str,
    *,
    method: tuple[str, ...] | str = ("POST",),
    key: str | Callable = "ip",
) -> Callable:
    """Limit the view to the rate in ``settings.<setting>`` (e.g. "10/h") per ``key``."""
    return limited_together(Limit(group, setting, method, key))
