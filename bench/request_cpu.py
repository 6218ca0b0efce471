#!/usr/bin/env python
"""Benchmark: CPU per request inside one Django process, beside hello-world, no network.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python \
        bench/request_cpu.py [--requests 2000]

Creates a throwaway database, loads the real catalogue and calls the WSGI application of
portal.wsgi (the one gunicorn preloads: the whole middleware stack, DEBUG off, Redis for the
cache and the rate-limit counters, the API's throttle on at a rate never reached) directly,
request after request, for: Django's hello-world (bench/hello), the check API (five names in
turn), the list API (from the catalogue cache) and certificate verification (an unknown
number: the rate-limit script on Redis and the one query run as for any number). Prints the
mean CPU time per request and the ratio to hello-world — what each answer costs an app
server, without nginx, PgBouncer or the load generator sharing the cores
(bench/deploy_speed.py measures those through the topology). Then, side by side in the same
process, the Content-Security-Policy middleware: django-csp's (builds the header on every
response) and the portal's (built once).
REDIS_URL defaults to redis://127.0.0.1:6379/14 (flushed before and after).
"""

import argparse
import io
import json
import os
import sys
import time
import timeit
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _database import throwaway_database  # noqa: E402
from _django import production_environment  # noqa: E402

CHECK_NAMES = ["一级建造师", "电工证", "茶艺师", "职业技能等级证书（电工）", "国际注册茶艺大师"]


def _environ(method: str, path: str, query: str = "", body: bytes = b"") -> dict:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json" if body else "",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def _cases() -> dict:
    names = [quote(name) for name in CHECK_NAMES]
    verify = json.dumps({"number": "BENCH-NO-SUCH-0001", "holder_name": "张三"}).encode()
    counter = iter(range(10**9))
    return {
        "hello-world": lambda: _environ("GET", "/bench/hello", f"b={next(counter)}"),
        "check API": lambda: _environ(
            "GET", "/api/v1/certificate-check/", f"name={names[next(counter) % len(names)]}"
        ),
        "list API (cached)": lambda: _environ("GET", "/api/v1/qualifications/"),
        "verify": lambda: _environ("POST", "/api/v1/certificate-verifications/", body=verify),
    }


def _call(application, environ: dict) -> str:
    status = []
    body = application(environ, lambda s, headers: status.append(s))
    b"".join(body)
    body.close()
    return status[0]


def _per_request(application, make, n: int) -> tuple[float, str]:
    for _ in range(200):  # warm: compiled SQL, the check's snapshot, the caches
        status = _call(application, make())
    started = time.process_time()
    for _ in range(n):
        _call(application, make())
    return (time.process_time() - started) / n * 1e3, status


def _csp_side_by_side() -> None:
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.middleware import ContentSecurityPolicyMiddleware

    factory = RequestFactory()

    def cost(make) -> float:
        def once():
            request = factory.get("/")
            response = HttpResponse("x")
            if make:
                middleware = make(lambda r: response)
                middleware.process_request(request)
                middleware.process_response(request, response)

        return min(timeit.repeat(once, number=5000, repeat=5)) / 5000 * 1e6

    alone = cost(None)
    print("\nContent-Security-Policy middleware, µs per response (best of 5 × 5,000):")
    for name, middleware in [
        ("django-csp (policy built per response)", CSPMiddleware),
        ("portal (site policy built once)", ContentSecurityPolicyMiddleware),
    ]:
        print(f"  {name:<42} {cost(middleware) - alone:6.1f}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--requests", type=int, default=2000, help="requests per answer")
    args = options.parse_args()
    with throwaway_database(os.environ.get("DATABASE_URL", ""), "request_cpu") as url:
        production_environment(
            url,
            REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            RATELIMIT_ENABLE="1",
            API_ANON_RATE="100000000/min",  # counted, as in production, never reached
            API_USER_RATE="100000000/min",
        )
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        call_command("load_catalogue", stdout=io.StringIO())
        cache.clear()
        import portal.wsgi

        print(
            f"CPU per request in one process, {args.requests:,} requests each, load "
            f"{os.getloadavg()[0]:.2f}:"
        )
        hello = None
        for name, make in _cases().items():
            ms, status = _per_request(portal.wsgi.application, make, args.requests)
            hello = hello or ms
            print(f"  {name:<20} {ms:6.3f} ms  ({status}) × hello-world {hello / ms:4.2f}")
        _csp_side_by_side()
        cache.clear()
        connections.close_all()


if __name__ == "__main__":
    main()
