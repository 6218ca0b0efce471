"""The API's throttle: DRF's anon and user rates, counted in one round trip per request,
keyed by the portal's client address (portal.clientip).

DRF's own throttles read and rewrite a list of timestamps per scope, and an anonymous request
counts in both its anon and its user scope: four round trips to the cache per API request.
DRF's get_ident also believes any X-Forwarded-For, so a client could pick its own bucket.
"""

import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from .clientip import client_ip
from .ratelimits import counters_exceeded


class OneTripRateThrottle(BaseThrottle):
    """DRF's anon and user rates (``API_ANON_RATE``, ``API_USER_RATE``): an anonymous
    client counted by its address, a signed-in one by its account, in fixed windows with one
    cache round trip per request (the API's default throttle).

    DRF's own throttles read and rewrite a list of timestamps (two round trips and a list
    that grows with the rate); a counter that Redis increments and expires in one script
    costs one. A fixed window lets a client reach at most twice the rate across a window's
    edge, which is fine for public reads.
    """

    bucket = "api"  # the counters' name: every view of a bucket counts into the same ones

    def allow_request(self, request, view) -> bool:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        scope = "user" if signed_in else "anon"
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if not rate:
            return True
        limit, seconds = SimpleRateThrottle.parse_rate(None, rate)
        now = time.time()
        window = int(now // seconds)
        self._retry_after = (window + 1) * seconds - now
        who = f"user-{user.pk}" if signed_in else client_ip(request)
        key = f"throttle:{self.bucket}:{scope}:{who}:{window}"
        return _counted_within(key, seconds + 1, limit)

    def wait(self) -> float:
        return self._retry_after


def _counted_within(key: str, lifetime: int, limit: int) -> bool:
    """Count the request in the window's counter; True while it is within the limit.

    One round trip on Redis (portal/ratelimits.counters_exceeded); per-process memory
    otherwise (one-process installs and unit tests)."""
    store = caches["default"]
    if isinstance(store, RedisCache):
        return not counters_exceeded(store, [(key, lifetime, limit)])
    if store.add(key, 1, lifetime):
        return True
    try:
        return store.incr(key) <= limit
    except ValueError:  # expired between the two calls
        store.add(key, 1, lifetime)
        return True
