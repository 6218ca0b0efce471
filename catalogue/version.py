"""The catalogue's version: one number, shared by every process, moved once when a change to
the catalogue commits.

Everything derived from the catalogue keys itself by it: the cached public pages and API
responses (catalogue.caching) and the certificate check's snapshot (certificates.snapshot).
The catalogue services call :func:`catalogue_changed` inside their transaction; the version
moves once when the outermost transaction commits, however many rows it wrote, and not at all
when it rolls back.

The version lives in the default cache (Redis in production, shared by all app servers).
Each process reads it at most once every ``VERSION_CHECK_SECONDS`` (1 s): a change committed
through this process is seen here at once, one committed through another within a second.
Writes that go round the services (bulk updates, SQL by hand) move nothing: the cached pages
expire after ``CATALOGUE_CACHE_SECONDS``, and the check asks the database anyway every
``CERTIFICATE_CHECK_STALE_SECONDS``.
"""

import logging
import time

from django.core.cache import cache
from django.db import connection, transaction

VERSION_KEY = "catalogue:version"
VERSION_CHECK_SECONDS = 1.0

_seen: dict = {"version": None, "at": 0.0}
log = logging.getLogger(__name__)


def _shared_version() -> int:
    """The version in the shared cache; a fresh one (never reused) when it was lost."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY, 0)
    return version


def catalogue_version() -> int:
    """The current version, read from the shared cache at most once a second."""
    now = time.monotonic()
    if _seen["version"] is None or now - _seen["at"] >= VERSION_CHECK_SECONDS:
        _seen["version"], _seen["at"] = _shared_version(), now
    return _seen["version"]


def catalogue_version_bump() -> None:
    """Move the version now: every cached page and every snapshot of the check is stale."""
    _seen["version"] = None
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # lost from the cache: a fresh number, never one used before
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:  # noqa: BLE001 - the change has committed; a cache outage must not undo it
        log.warning("catalogue version not bumped: the cache is unreachable", exc_info=True)


def catalogue_version_forget() -> None:
    """This process asks the shared cache again at its next read (tests; after a flush)."""
    _seen["version"] = None


class _Bump:
    """The one bump of a transaction: every service in it registers the same one (so that it
    still runs when a savepoint that registered it rolls back and another did not), and it
    moves the version once however many times the commit calls it."""

    done = False

    def __call__(self) -> None:
        if not self.done:
            self.done = True
            catalogue_version_bump()


def catalogue_changed() -> None:
    """Call in the transaction that changes the catalogue: the version moves once when it
    commits (at once outside a transaction), and not at all when it rolls back."""
    if not connection.in_atomic_block:
        catalogue_version_bump()
        return
    current = set(connection.savepoint_ids)
    pending = [(sids, f) for sids, f, *_ in connection.run_on_commit if isinstance(f, _Bump)]
    if any(sids <= current and not f.done for sids, f in pending):
        return  # registered in this block or one around it: it runs if this write commits
    waiting = [f for _, f in pending if not f.done]
    transaction.on_commit(waiting[0] if waiting else _Bump())
