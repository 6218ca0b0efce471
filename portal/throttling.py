"""DRF's throttles, keyed by the portal's client address (portal.clientip).

DRF's own get_ident believes any X-Forwarded-For, so a client could pick its own bucket.
"""

from rest_framework import throttling

from .clientip import client_ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)


class UserRateThrottle(throttling.UserRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)
