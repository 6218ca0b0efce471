"""Prometheus metrics: request rates and latencies (django-prometheus' middleware) and the
SQL statements each database alias runs and how long they take, at `/metrics`.

`/metrics` answers only clients whose address is in METRICS_ALLOWED_IPS (the proxy's and the
scraper's network; default this host), 404 to anyone else, and the proxy in front does not
pass it on. With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR so that the figures of
every worker are added up (gunicorn.conf.py marks finished workers dead).
"""

from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse
from django_prometheus.db import execute_total, query_duration_seconds
from django_prometheus.exports import ExportToDjangoView

from .middleware import FORWARDED


def _timed(alias: str, vendor: str):
    def execute(run, sql, params, many, context):
        execute_total.labels(alias, vendor).inc()
        with query_duration_seconds.labels(alias=alias, vendor=vendor).time():
            return run(sql, params, many, context)

    return execute


class QueryMetricsMiddleware:
    """Counts and times every SQL statement, per database alias.

    The timing wrapper is installed once on each thread's connection object and stays
    (entering and leaving a wrapper per alias on every request cost more than a hello-world
    view); statements outside a request, e.g. a worker's start-up, are counted too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for connection in connections.all(initialized_only=False):
            if not getattr(connection, "metrics_timed", False):
                # First in the list: a `with connection.execute_wrapper(...)` entered earlier
                # still pops its own wrapper, which is the last.
                timed = _timed(connection.alias, connection.vendor)
                connection.execute_wrappers.insert(0, timed)
                connection.metrics_timed = True
        return self.get_response(request)


def metrics(request: HttpRequest) -> HttpResponse:
    """For the scraper only. A request that came through a proxy is refused whoever sent it:
    behind nginx on the same host the peer is always 127.0.0.1, so the peer alone would
    let any client through a proxy that passed /metrics on."""
    if request.META.get(FORWARDED, False):
        raise Http404
    if request.META.get("REMOTE_ADDR") not in settings.METRICS_ALLOWED_IPS:
        raise Http404
    return ExportToDjangoView(request)
