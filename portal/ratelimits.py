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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    with limits_counting(request, limits) as exceeded:
        return exceeded()


@contextmanager
def limits_counting(request: HttpRequest, limits: tuple[Limit, ...]) -> Iterator[Callable]:
    """Send the request's counters now and read Redis's answer when asked: yields a callable
    answering limit_exceeded's question. What the caller does in between (verification's
    query) overlaps the round trip, so the request waits once for both, not twice: each wait
    costs an app server more CPU in waking up than the command itself (docs/scale.md).
    A caller must not act on what it did in between until the callable said False."""
    if not settings.RATELIMIT_ENABLE:
        yield _answered(False)
        return
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    if not isinstance(cache, RedisCache):
        yield _answered(any(_counted_by_django_ratelimit(request, limit) for limit in limits))
        return
    counters = [c for c in (limit.counter(request) for limit in limits) if c is not None]
    sent = _Sent(cache, counters)
    try:
        yield sent
    finally:
        sent.close()


def counters_exceeded(cache: RedisCache, counters: list[tuple[str, int, int]]) -> bool:
    """Counts each (cache key, lifetime in s, limit) in order with ONE script on Redis;
    True at the first counter over its limit. The one counting primitive of the portal's
    limits (the per-client limits above and the check API's DRF throttle)."""
    sent = _Sent(cache, counters)
    try:
        return sent()
    finally:
        sent.close()


def _answered(answer: bool) -> Callable[[], bool]:
    return lambda: answer


class _Sent:
    """The counting script sent on a connection of the cache's own pool, its answer unread.

    EVAL with the script's text (Redis keeps it compiled by its digest), not EVALSHA: an
    answer read later cannot be retried with the script loaded after a NOSCRIPT. No key
    validation on the hot path. A connection whose answer was never read is closed, not
    returned to the pool with a reply pending on it.
    """

    def __init__(self, cache: RedisCache, counters: list[tuple[str, int, int]]):
        self.answer: bool | None = False if not counters else None
        self.pool = self.connection = None
        if self.answer is not None:
            return
        keys = [cache.make_key(key) for key, _, _ in counters]
        args = [number for _, lifetime, limit in counters for number in (lifetime, limit)]
        self.pool = cache._cache._get_connection_pool(True)
        try:
            self.connection = self.pool.get_connection()
            self.connection.send_command("EVAL", _COUNT_SCRIPT, len(keys), *keys, *args)
        except RedisError as error:
            self._unavailable(error)

    def __call__(self) -> bool:
        if self.answer is None:
            try:
                self.answer = bool(self.connection.read_response())
            except RedisError as error:
                self._unavailable(error)
            else:
                self._release()
        return self.answer

    def close(self) -> None:
        if self.connection is not None:  # sent and never read, or broken
            self.connection.disconnect()
            self._release()

    def _unavailable(self, error: RedisError) -> None:
        # As django-ratelimit: closed unless RATELIMIT_FAIL_OPEN.
        log.warning("rate-limit counters unavailable: %s", error)
        self.answer = not getattr(settings, "RATELIMIT_FAIL_OPEN", False)
        self.close()

    def _release(self) -> None:
        self.pool.release(self.connection)
        self.connection = None


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
