"""The production app server: gunicorn, configured from the environment.

`gunicorn` reads this file from the working directory; run it from the project root:
    gunicorn            (binds 127.0.0.1:$PORT, default 8000)
It listens on the loopback only: the nginx of deploy/nginx/ is in front, reading slow
bodies in full before a gunicorn thread sees them. GUNICORN_BIND overrides the address.
Static files are served by WhiteNoise from STATIC_ROOT (run collectstatic first): hashed,
pre-compressed (Brotli and gzip) and cached for a year by the browser.
"""

import gc
import multiprocessing
import os

from gunicorn.http import wsgi

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker overlap its waits on PostgreSQL and Redis.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5  # deploy/local/nginx.conf closes idle upstream connections after 4 s
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Recycle workers now and then so that a slow leak never grows unbounded, but rarely: a new
# worker starts with an empty in-process cache and new connections (at a few thousand
# requests/s, 10,000 would restart each worker every few seconds).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# gunicorn believes X-Forwarded-Proto only from the proxies Django trusts (TRUSTED_PROXIES);
# none unless configured, as in portal/settings/base.py.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", os.environ.get("TRUSTED_PROXIES", ""))


def _without_server_header(default_headers):
    """gunicorn always names itself in a Server header, and has no setting to stop it."""

    def headers(response) -> list[str]:
        return [line for line in default_headers(response) if not line.startswith("Server:")]

    return headers


wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR, a finished worker's live gauges stop counting."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


# The garbage collector's full collections stop every thread of a worker while they walk
# every object it tracks: 124-130 ms for the ~226,000 objects of a warm worker (Django, the
# catalogue, the check's snapshot; measured in-process), once every few thousand requests
# and so in the p99 of verification. Nearly all of them live as long as the worker: frozen
# (gc.freeze, moved out of the collector's sight; freed as before when their last reference
# goes) a full collection walks what the requests allocate since (≈ 17 ms after a freeze at
# preload, ≈ 0 after warming). Frozen cycles that later become garbage are never collected:
# a few snapshots' worth until max_requests recycles the worker.
WARM_REQUESTS = 200


def pre_fork(server, worker):
    """The preloaded app, in the master: workers inherit it frozen (and share its pages)."""
    gc.freeze()


def post_request(worker, req, environ, resp):
    """Once a worker has warmed its caches (the check's snapshot, templates, compiled SQL)."""
    # Threads count requests before any of them reaches this hook: >=, once per worker.
    if worker.nr >= WARM_REQUESTS and not getattr(worker, "portal_frozen", False):
        worker.portal_frozen = True
        gc.freeze()
