"""The client's address: the peer, or what a trusted proxy in front says the peer was.

Every per-client limit (django-ratelimit, DRF's throttles, django-axes) asks this one
function, so a forged X-Forwarded-For from an untrusted peer changes nothing and, behind
the proxy, each client has a bucket of its own.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted_proxy(address: str) -> bool:
    """Whether ``address`` is one of settings.TRUSTED_PROXIES (addresses or networks)."""
    return _trusted(address, tuple(settings.TRUSTED_PROXIES))


@lru_cache(maxsize=4096)  # asked three times per request, mostly for the same few addresses
def _trusted(address: str, proxies: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(proxies))


def client_ip(request: HttpRequest) -> str:
    """The nearest address in X-Forwarded-For that is not a trusted proxy, else the peer.

    Only a trusted peer's header is read; each proxy appends the address it saw, so the
    entries right of the last untrusted one were written by our own proxies.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(peer):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed([entry.strip() for entry in forwarded]):
        if not is_trusted_proxy(entry):
            return entry if _is_address(entry) else peer
    return peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
