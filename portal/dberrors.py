"""A database that cannot be reached answers 503 with Retry-After, not a 500.

While PostgreSQL restarts or fails over, every query raises OperationalError (or
InterfaceError on a connection it closed). That is the service being unavailable for a
moment, not a bug: clients are told to come back, API clients in JSON. Nothing here
touches the database, the session or the templates' context processors, which would
fail the same way.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 30
MESSAGE = "数据库暂时无法访问，请稍后再试。The database is briefly unavailable; please retry."

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s %s: %s", request.method, request.path, exception)
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": MESSAGE}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
