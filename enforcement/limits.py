"""Per-client rate limits on the public writes (django-ratelimit), answering 429.

The limits are read from settings on each request, so RATELIMIT_ENABLE=0 or a changed
rate takes effect without a restart of the code that imported the views.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from portal.views import ratelimited


def limited(group: str, setting: str):
    """Limit POSTs per client address to the rate named by `setting`, e.g. "10/h"."""

    def rate(_group, _request) -> str:
        return getattr(settings, setting)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            over = is_ratelimited(
                request, group=group, key="ip", rate=rate, method="POST", increment=True
            )
            if over:
                return ratelimited(request, Ratelimited())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
