"""Health endpoints for the proxy and the orchestrator.

`/healthz` is liveness: the process answers, nothing else is asked (cheap enough to probe
every second). `/readyz` is readiness: the primary answers, each replica's reachability and
replay lag (and whether it is in the read pool), and Redis when it is the shared cache. It
answers 503 when the primary or the shared cache cannot be reached; a lagging or lost
replica only leaves the read pool, so it is reported but does not make the app unready.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import Error, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from . import dbrouting


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    primary = _primary()
    replicas = [_replica(alias) for alias in dbrouting.replica_aliases()]
    redis = _redis()
    ready = primary["reachable"] and redis["reachable"] is not False
    body = {"ready": ready, "primary": primary, "replicas": replicas, "redis": redis}
    return JsonResponse(body, status=200 if ready else 503)


def _primary() -> dict:
    try:
        with connections[dbrouting.PRIMARY].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error:
        return {"reachable": False}
    return {"reachable": True}


def _replica(alias: str) -> dict:
    lag = dbrouting.replica_lag(alias)
    return {
        "alias": alias,
        "reachable": lag is not None,
        "lag_seconds": None if lag is None else round(lag, 3),
        "in_read_pool": lag is not None and lag <= settings.DATABASE_REPLICA_MAX_LAG,
    }


def _redis() -> dict:
    """None when Redis is not configured (a single-process install), else reachable or not."""
    if not settings.REDIS_URL:
        return {"reachable": None}
    try:
        cache.set("readyz", "1", 5)
        return {"reachable": cache.get("readyz") == "1"}
    except Exception:  # the Redis client raises its own errors, not Django's
        return {"reachable": False}
