"""Keys for the rate limits of the public check and verification.

The check API counts DRF's API rates in one cache round trip (OneTripRateThrottle).
Verification is limited per client IP (CERTIFICATE_VERIFY_RATE) and also per certificate
number asked about (CERTIFICATE_VERIFY_NUMBER_RATE), so that neither numbers from one
address nor holders' names for one number can be tried at length.
"""

import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from portal.clientip import client_ip

from .numbers import certificate_number_normalise


def number_asked(group: str, request) -> str:
    """The certificate number in a verification request (form or JSON body)."""
    data = request.data if hasattr(request, "data") else request.POST
    number = data.get("number", "") if hasattr(data, "get") else ""
    # Normalised: "cpa-2020-1" and "CPA20201" name one certificate and share one limit.
    return certificate_number_normalise(str(number))[:64]


class OneTripRateThrottle(BaseThrottle):
    """DRF's anon and user rates (``API_ANON_RATE``, ``API_USER_RATE``) for the hot check
    endpoint, counted in fixed windows with one cache round trip per request.

    DRF's own throttles read and rewrite a list of timestamps (two round trips and a list
    that grows with the rate); a counter that Redis increments and expires in one pipeline
    costs one. A fixed window lets a client reach at most twice the rate across a window's
    edge, which is fine for a read that costs no query.
    """

    def allow_request(self, request, view) -> bool:
        user = getattr(request, "user", None)
        scope = "user" if user is not None and user.is_authenticated else "anon"
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if not rate:
            return True
        limit, seconds = SimpleRateThrottle.parse_rate(None, rate)
        now = time.time()
        window = int(now // seconds)
        self._retry_after = (window + 1) * seconds - now
        key = f"throttle:check:{scope}:{client_ip(request)}:{window}"
        return _count(key, seconds) <= limit

    def wait(self) -> float:
        return self._retry_after


def _count(key: str, seconds: int) -> int:
    """Increment the window's counter and return it: one round trip on Redis."""
    store = caches["default"]
    if isinstance(store, RedisCache):
        full_key = store.make_and_validate_key(key)
        pipe = store._cache.get_client(full_key, write=True).pipeline(transaction=False)
        pipe.incr(full_key)
        pipe.expire(full_key, seconds + 1, nx=True)
        return pipe.execute()[0]
    if store.add(key, 1, seconds + 1):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between the two calls
        store.add(key, 1, seconds + 1)
        return 1
