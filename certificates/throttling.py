"""Rate limits of the public check and verification, with the portal's 429 answer.

Rates are read from the settings at request time, keyed by client IP
(CERTIFICATE_CHECK_RATE, CERTIFICATE_VERIFY_RATE) and, for verification, also by the
certificate number asked about (CERTIFICATE_VERIFY_NUMBER_RATE), so that neither numbers
from one address nor holders' names for one number can be tried at length.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from portal.views import ratelimited


def check_rate(group: str, request) -> str:
    return settings.CERTIFICATE_CHECK_RATE


def verify_rate(group: str, request) -> str:
    return settings.CERTIFICATE_VERIFY_RATE


def verify_number_rate(group: str, request) -> str:
    return settings.CERTIFICATE_VERIFY_NUMBER_RATE


def number_asked(group: str, request) -> str:
    """The certificate number in a verification request (form or JSON body)."""
    data = request.data if hasattr(request, "data") else request.POST
    number = data.get("number", "") if hasattr(data, "get") else ""
    return str(number).strip()[:64]


def limited(
    group: str, rate: Callable, method: tuple = ALL, key: str | Callable = "ip"
) -> Callable:
    """Answer 429 (portal.views.ratelimited) once the key (client IP) exceeds the rate.

    By default every method counts. Works without django-ratelimit's middleware, for plain
    views and DRF views alike.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            # A plain view's first argument is the request; an API view method's second.
            request = args[0] if isinstance(args[0], HttpRequest) else args[1]
            if is_ratelimited(
                request, group=group, key=key, rate=rate, method=method, increment=True
            ):
                return ratelimited(request, None)
            return view(*args, **kwargs)

        return wrapper

    return decorate
