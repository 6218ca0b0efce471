"""Reads from streaming replicas, everything else from the primary.

Public read traffic (an anonymous GET or HEAD without a session) reads from a replica; every
write, every transaction, every request with a session (staff pages, the admin) and every
request that comes within DATABASE_PRIMARY_PIN_SECONDS of a write by the same browser (the
`primary_pin` cookie) reads from the primary, so a user who has just written reads their
own writes. A view marked `@reads_only` (certificate verification: a POST that writes
nothing to the database, its rate-limit counters go to Redis) reads from a replica even
when posted, and does not pin the browser; a session or a pin still sends it to the primary.
A replica whose replay lags more than DATABASE_REPLICA_MAX_LAG seconds, or that
cannot be reached, leaves the read pool until it catches up; with no replica left, reads go
to the primary. Without DATABASE_REPLICA_URLS there is only the primary and nothing changes.
"""

import contextvars
import itertools
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import Error, connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
PIN_COOKIE = "primary_pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# How long one lag reading is trusted before a replica is asked again (per process), and
# how long an unreachable replica stays out before it is tried again.
LAG_CHECK_SECONDS = 1.0
UNREACHABLE_RETRY_SECONDS = 5.0
LAG_SQL = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL THEN NULL"
    " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)

log = logging.getLogger(__name__)
_use_primary: contextvars.ContextVar[bool] = contextvars.ContextVar("use_primary", default=True)
_lag: dict[str, tuple[float, float | None]] = {}  # alias → (checked at, lag in s or None)
_turn = itertools.count()


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def replica_lag(alias: str) -> float | None:
    """Seconds the replica's replay is behind the primary; None when it cannot be asked."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(LAG_SQL)
            (lag,) = cursor.fetchone()
    except Error as error:  # InterfaceError (a closed connection) is not a DatabaseError
        log.warning("replica %s unreachable: %s", alias, error)
        connections[alias].close()
        return None
    return 0.0 if lag is None else float(lag)


def _cached_lag(alias: str) -> float | None:
    now = time.monotonic()
    checked, lag = _lag.get(alias, (0.0, None))
    wait = LAG_CHECK_SECONDS if lag is not None else UNREACHABLE_RETRY_SECONDS
    if alias not in _lag or now - checked >= wait:
        lag = replica_lag(alias)
        _lag[alias] = (now, lag)
    return lag


def in_read_pool(alias: str) -> bool:
    lag = _cached_lag(alias)
    return lag is not None and lag <= settings.DATABASE_REPLICA_MAX_LAG


def healthy_replicas() -> list[str]:
    return [alias for alias in replica_aliases() if in_read_pool(alias)]


class ReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model, **hints) -> str:
        if _use_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        pool = healthy_replicas()
        return pool[next(_turn) % len(pool)] if pool else PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


def reads_only(view: Callable) -> Callable:
    """Marks a view (function or class) that writes nothing to the database, whatever its
    method: its reads may go to a replica (ReplicaRoutingMiddleware.process_view)."""
    view.reads_only = True
    return view


def _marked_reads_only(view: Callable) -> bool:
    cls = getattr(view, "view_class", None) or getattr(view, "cls", None)
    return getattr(view, "reads_only", False) or getattr(cls, "reads_only", False)


def _anonymous_and_unpinned(request: HttpRequest) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and not request.path.startswith(("/admin/", "/cases/"))
    )


def reads_from_replica(request: HttpRequest) -> bool:
    """An anonymous, cookie-session-free read that has not just followed a write."""
    return request.method in SAFE_METHODS and _anonymous_and_unpinned(request)


class ReplicaRoutingMiddleware:
    """Decides per request whether reads may go to a replica; pins the browser after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        replica_read = reads_from_replica(request) and bool(replica_aliases())
        response = self._respond(request, primary=not replica_read)
        replica_read = replica_read or getattr(request, "replica_read", False)
        if replica_read and response.status_code >= 500 and _a_replica_failed():
            # A replica went away between two lag checks: the read is safe to repeat.
            request.replica_read, request.replica_failed = False, True
            response = self._respond(request, primary=True)
        writes = request.method not in SAFE_METHODS and not getattr(request, "reads_only", False)
        if writes and replica_aliases():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_PRIMARY_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, view: Callable, args, kwargs) -> None:
        """A POST to a `@reads_only` view reads from a replica like an anonymous GET."""
        if request.method in SAFE_METHODS or not _marked_reads_only(view):
            return None
        request.reads_only = True
        if (
            replica_aliases()
            and _anonymous_and_unpinned(request)
            and not getattr(request, "replica_failed", False)
        ):
            request.replica_read = True
            _use_primary.set(False)  # undone by _respond's reset once the response is out
        return None

    def _respond(self, request: HttpRequest, *, primary: bool) -> HttpResponse:
        token = _use_primary.set(primary)
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)


def _a_replica_failed() -> bool:
    """Asks every replica again now; True when one of them is out of the read pool."""
    now = time.monotonic()
    for alias in replica_aliases():
        _lag[alias] = (now, replica_lag(alias))
    return not all(in_read_pool(alias) for alias in replica_aliases())
