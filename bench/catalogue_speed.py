"""How fast the public catalogue is when served the way production serves it.

In one run: a throwaway PostgreSQL database loaded with the catalogue, collectstatic, then
gunicorn (gunicorn.conf.py) with DEBUG=0 and the production settings, and the shared Redis
cache when one answers on 127.0.0.1:6379 (or REDIS_URL). For the catalogue list page, a
qualification page and the list API, each beside the hello-world view /bench/hello on the
same server: requests per second and p50/p99 latency measured with wrk (Debian's; a
threaded Python client when wrk is missing), and the ratio to hello-world. Then the SQL
queries per request, counted in-process with the test client on the same database, with
the catalogue cache cold and warm, over pages of different sizes.

Targets (issue 3): ≥ 0.6× the hello-world throughput, ≤ 5 queries per request.
Settings: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16), BENCH_WORKERS (2),
DATABASE_URL.
"""

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import throwaway_database  # noqa: E402
from _load import LoadResult, python_load, wrk_load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
TARGET_RATIO, TARGET_QUERIES = 0.6, 5


def _say(text: str) -> None:
    print(text, flush=True)


def _redis_url() -> str:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/14"


def production_env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # Plain HTTP on the loopback: no TLS redirect, no secure-only cookies.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "BENCH_HELLO": "1",
        # The load comes from one address: the per-client API throttle would only measure
        # its own 429s (and its history list grows with every request), so it is off.
        "API_ANON_RATE": "",
        "API_USER_RATE": "",
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": WORKERS,
    }


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict):
    # BENCH_PORT pins the port (a shared machine gives each user a range).
    port = int(os.environ.get("BENCH_PORT") or 0) or _free_port()
    binary = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(binary), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/healthz", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer {url} within 60 s")


def count_queries(env: dict) -> dict:
    """Run this script's --count-queries pass in a child process with the production env."""
    child = subprocess.run(
        [sys.executable, __file__, "--count-queries"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if child.returncode:
        sys.exit(f"query count failed:\n{child.stderr[-2000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _count_queries_here() -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.caching import catalogue_cache_bump
    from catalogue.models import Qualification

    pk = Qualification.objects.get(name="注册会计师").pk
    client, rows = Client(), []
    for label, url in _targets(pk) + _page_variants():
        catalogue_cache_bump()
        with CaptureQueriesContext(connection) as cold:
            status = client.get(url).status_code
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        rows.append([label, url, status, len(cold), len(warm)])
    print(json.dumps({"pk": pk, "rows": rows}))


def _targets(pk: int) -> list[tuple[str, str]]:
    return [
        ("catalogue list", "/catalogue/"),
        ("qualification page", f"/catalogue/{pk}/"),
        ("list API", "/api/v1/qualifications/"),
    ]


def _page_variants() -> list[tuple[str, str]]:
    return [
        ("list, page 3 (last, shorter)", "/catalogue/?page=3"),
        ("list, retired only", "/catalogue/?status=retired"),
        ("list, edition 2021", "/catalogue/?edition=2021"),
        ("list, search", "/catalogue/?q=%E5%B8%88"),
        ("API, page 2 (last, shorter)", "/api/v1/qualifications/?page=2"),
        ("API, access-type only", "/api/v1/qualifications/?kind=access"),
    ]


def _load(url: str) -> LoadResult:
    if shutil.which("wrk"):
        return wrk_load(url, seconds=SECONDS, connections=CONNECTIONS)
    return python_load(url, seconds=SECONDS, connections=CONNECTIONS)


def _static_check(base: str) -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    path = manifest["paths"]["css/portal.css"]
    request = urllib.request.Request(f"{base}/static/{path}", headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request) as response:
        encoding = response.headers.get("Content-Encoding", "none")
        return f"/static/{path}: Content-Encoding {encoding}; {response.headers['Cache-Control']}"


def _median(results: list[LoadResult]) -> LoadResult:
    return LoadResult(
        rps=statistics.median(r.rps for r in results),
        p50=statistics.median(r.p50 for r in results),
        p99=statistics.median(r.p99 for r in results),
        errors=sum(r.errors for r in results),
    )


def measure(base: str, pk: int) -> list[tuple[str, str, LoadResult, LoadResult, float]]:
    """Hello and the page in turn, ROUNDS times, so that both see the same machine load
    (it is shared); medians of each, and the median of the per-round ratios."""
    results = []
    for label, path in _targets(pk):
        _load_briefly(base + path)
        pages, hellos = [], []
        for _round in range(ROUNDS):
            hellos.append(_load(f"{base}/bench/hello"))
            pages.append(_load(base + path))
        ratios = sorted(p.rps / h.rps for p, h in zip(pages, hellos, strict=True))
        _say(f"  {label}: per-round ratios {', '.join(f'{r:.2f}' for r in ratios)}")
        results.append((label, path, _median(pages), _median(hellos), statistics.median(ratios)))
    return results


def _load_briefly(url: str) -> None:
    for _ in range(20):
        urllib.request.urlopen(url).read()


def report(results, queries: dict, tool: str, cache: str, static: str) -> bool:
    _say("")
    _say(f"catalogue speed · gunicorn gthread {WORKERS} workers × 4 threads · DEBUG=0 · {cache}")
    _say(
        f"load: {tool}, {CONNECTIONS} connections; hello and page alternately, {SECONDS} s"
        f" each, {ROUNDS} rounds; medians (ratio: median of the per-round ratios)"
    )
    _say(f"{'page':<20}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'hello/s':>10}{'ratio':>8}  ok")
    met = True
    for label, _path, page, hello, ratio in results:
        ok = ratio >= TARGET_RATIO and not page.errors
        met &= ok
        _say(
            f"{label:<20}{page.rps:>9.0f}{page.p50:>9.1f}{page.p99:>9.1f}"
            f"{hello.rps:>10.0f}{ratio:>8.2f}  {'yes' if ok else 'NO'}"
            + (f"  ({page.errors} errors)" if page.errors else "")
        )
    _say("")
    _say(f"SQL queries per request (cache cold / warm; target ≤ {TARGET_QUERIES})")
    for label, url, status, cold, warm in queries["rows"]:
        ok = status == 200 and cold <= TARGET_QUERIES
        met &= ok
        _say(f"  {label:<30}{url:<36}{status:>4}{cold:>4} /{warm:>2}  {'yes' if ok else 'NO'}")
    _say("")
    _say(f"static: {static}")
    _say("targets met" if met else "targets NOT met")
    return met


def main() -> int:
    if "--count-queries" in sys.argv:
        _count_queries_here()
        return 0
    base_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/portal"
    redis_url = _redis_url()
    with throwaway_database(base_url, "bench_catalogue") as database_url:
        env = production_env(database_url, redis_url)
        _say("preparing: migrate, load_catalogue, collectstatic (DEBUG=0)")
        manage(env, "migrate", "--noinput")
        manage(env, "load_catalogue")
        manage(env, "collectstatic", "--noinput")
        queries = count_queries(env)
        with gunicorn(env) as base:
            results = measure(base, queries["pk"])
            static = _static_check(base)
    tool = "wrk" if shutil.which("wrk") else "Python threads (wrk not installed)"
    cache = f"cache: Redis {redis_url}" if redis_url else "cache: per-process memory"
    report(results, queries, tool, cache, static)
    return 0


if __name__ == "__main__":
    sys.exit(main())
