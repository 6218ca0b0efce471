"""The portal through its local production topology (deploy/local/), beside hello-world.

`make deploy-local`'s topology — nginx (buffering proxy, load balancer, edge cache) → two
gunicorn app servers → PgBouncer → PostgreSQL primary + streaming replica, Redis — is brought
up on ports of its own, and wrk measures, in one run through the same proxy:
- Django's hello-world view (never from the edge cache: a fresh query string each request);
- the catalogue list, a qualification page and the list API sent to the edge cache (the
  same URL again and again), past it with a fresh cookie each request (the proxy's entry
  varies by Cookie, so nginx misses and the app answers from its own catalogue cache: the
  edge cache off) and with a fresh query string (no cache at all: every request renders).
  The "served" column
  says what the proxy's X-Edge-Cache header said of the same URL just before: a page that
  sets a cookie (a CSRF token) is never cached, whatever the column's intent;
- certificate verification (POST /api/v1/certificate-verifications/, JSON bodies from a wrk
  Lua script) after N synthetic certificates (default 100,000) are loaded into the primary
  with bench/certificates_verify.py's generator and the portal's loader: 80 % by holder name,
  10 % by identity number, 10 % unknown numbers; the rate limits stay on (their Redis round
  trips are measured) at rates the load cannot reach;
- then verification again at a fixed open-loop rate, half of the maximum just measured, from
  a scheduled Python client (wrk cannot hold a rate, wrk2 is not in Debian): each request is
  due at start + i / rate and its latency counts from when it was due, so a stalled server
  is not hidden by a client that waits for it (no coordinated omission).
It prints requests/s, p50/p99, errors and the ratio to hello-world. Targets (issue "beyond one
machine"): ≥ 10× from the edge cache, ≥ 0.8× past it, ≥ 0.5× for verification, p99 ≤ 20 ms
at the open-loop rate. The load generators share the machine's cores with everything else.

    .venv/bin/python bench/deploy_speed.py [--seconds 10] [--connections 16]
        [--certificates 100000] [--open-loop-seconds 20]

Ports 9700–9799 (DEPLOY_BENCH_PORT_BASE=9400 moves them). Each figure is printed with the
1-minute load average right after it: the machine is shared.

With --seconds 5 it takes 4½–6 minutes on the shared 2-core machine, most of it bringing
the topology up (initdb, pg_basebackup, migrate and load the catalogue). docs/scale.md has
the figures and what they mean at national scale.
"""

import argparse
import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _load import LoadResult, wrk_load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# 9700–9799 unless DEPLOY_BENCH_PORT_BASE says otherwise (parallel checkouts, one machine).
BASE = int(os.environ.get("DEPLOY_BENCH_PORT_BASE", "9700"))
PORTS = {
    "PG_PRIMARY_PORT": str(BASE + 32),
    "PG_REPLICA_PORT": str(BASE + 33),
    "PGBOUNCER_PORT": str(BASE + 34),
    "REDIS_PORT": str(BASE + 79),
    "APP_PORTS": f"{BASE + 1} {BASE + 2}",
    "NGINX_PORT": str(BASE + 80),
}
PROXY_PORT = int(PORTS["NGINX_PORT"])
PROXY = f"http://127.0.0.1:{PROXY_PORT}"
VERIFY_PATH = "/api/v1/certificate-verifications/"
IDENTITY_HMAC_KEY = "bench-identity-key"
WRK_TIMEOUT = 10  # seconds; on a loaded machine wrk's 2 s default counts slow answers as errors
FRESH_QUERY = """
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench=" .. counter .. "-" .. math.random(1e9))
end
"""
# A fresh cookie each request: the proxy's entry varies by Cookie, so nginx misses every
# time and the app answers (from its own catalogue cache, as with the edge cache off).
FRESH_COOKIE = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, {Cookie = "bench=" .. counter .. "-" .. math.random(1e9)})
end
"""
POST_BODIES = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", nil, nil, bodies[(counter %% #bodies) + 1])
end
bodies = {
%s
}
"""


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=int, default=10, help="seconds per wrk run")
    options.add_argument("--connections", type=int, default=16)
    options.add_argument(
        "--certificates", type=int, default=100_000, help="synthetic certificates (0: no verify)"
    )
    options.add_argument(
        "--open-loop-seconds", type=int, default=20, help="seconds at half the maximum rate"
    )
    args = options.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    deploy_dir = f"/tmp/portal-deploy-bench-{os.getpid()}"
    env = {
        **os.environ,
        **PORTS,
        "DEPLOY_DIR": deploy_dir,
        "BENCH_HELLO": "1",
        # On, so that verification pays for its limits, at rates the bench cannot reach;
        # nothing else measured here is limited (the API's anonymous throttle is off).
        "RATELIMIT_ENABLE": "1",
        "CERTIFICATE_VERIFY_RATE": "100000000/m",
        "CERTIFICATE_VERIFY_NUMBER_RATE": "100000000/m",
        "API_ANON_RATE": "",
        "EDGE_CACHE_SECONDS": "5",
        "IDENTITY_HMAC_KEY": IDENTITY_HMAC_KEY,  # the app servers' and the loader's
    }
    env.pop("DATABASE_URL", None)
    # A TERM (e.g. from `timeout`) stops the topology too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scripts = []
    try:
        scripts.append(_lua(FRESH_QUERY))
        scripts.append(_lua(FRESH_COOKIE))
        started = time.monotonic()
        subprocess.run(["bash", "deploy/local/up.sh"], cwd=ROOT, env=env, check=True)
        print(f"topology up in {time.monotonic() - started:.0f} s")
        results = measure(scripts[0], scripts[1], args)
        open_loop = None
        if args.certificates:
            bodies = _certificates(deploy_dir, args.certificates)
            scripts.append(_lua(POST_BODIES % ",\n".join(f"[==[{b}]==]" for b in bodies[:2000])))
            _replica_caught_up()
            load = {
                "seconds": args.seconds,
                "connections": args.connections,
                "timeout": WRK_TIMEOUT,
            }
            hello = wrk_load(f"{PROXY}/bench/hello", script=scripts[0], **load)
            results.append(("hello-world", "app (beside verify)", hello, os.getloadavg()[0]))
            verify = wrk_load(
                PROXY + VERIFY_PATH,
                script=scripts[-1],
                seconds=args.seconds,
                connections=args.connections,
                timeout=WRK_TIMEOUT,
            )
            results.append(
                (f"verify ({args.certificates:,})", "app (POST)", verify, os.getloadavg()[0])
            )
            if args.open_loop_seconds:
                rate = verify.rps / 2
                open_loop = (rate, scheduled_load(bodies, rate, args.open_loop_seconds))
        return report(results, open_loop, args)
    finally:
        subprocess.run(["bash", "deploy/local/down.sh"], cwd=ROOT, env=env)
        for script in scripts:
            os.unlink(script)


def _replica_caught_up(limit: float = 120.0) -> None:
    """Waits until the replica has replayed the bulk load and is back in the read pool."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{PROXY}/readyz") as response:
            replicas = json.load(response)["replicas"]
        if all(replica["in_read_pool"] for replica in replicas):
            return
        time.sleep(1)
    print("the replica did not catch up: verification reads from the primary")


def _lua(text: str) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(text)
    return script.name


def _first_qualification() -> int:
    with urllib.request.urlopen(f"{PROXY}/api/v1/qualifications/") as response:
        return json.load(response)["results"][0]["id"]


def _edge_status(path: str) -> str:
    """What the proxy says of the URL after a warm-up request: HIT, MISS, BYPASS…"""
    urllib.request.urlopen(PROXY + path).read()  # warm both caches
    with urllib.request.urlopen(PROXY + path) as response:
        response.read()
        status = response.headers.get("X-Edge-Cache", "-")
        return status + (", sets a cookie" if response.headers.get("Set-Cookie") else "")


def measure(script: str, cookie_script: str, args) -> list[tuple[str, str, LoadResult, float]]:
    pk = _first_qualification()
    targets = [
        ("catalogue list", "/catalogue/"),
        ("qualification page", f"/catalogue/{pk}/"),
        ("list API", "/api/v1/qualifications/"),
    ]
    load = {"seconds": args.seconds, "connections": args.connections, "timeout": WRK_TIMEOUT}
    hello = wrk_load(f"{PROXY}/bench/hello", script=script, **load)
    results = [("hello-world", "app", hello, os.getloadavg()[0])]
    for name, path in targets:
        status = _edge_status(path)
        served = "edge cache" if status == "HIT" else f"edge? {status}"
        results.append((name, served, wrk_load(PROXY + path, **load), os.getloadavg()[0]))
        past = wrk_load(PROXY + path, script=cookie_script, **load)
        results.append((name, "edge missed (app cache)", past, os.getloadavg()[0]))
        past = wrk_load(PROXY + path, script=script, **load)
        results.append((name, "fresh query (no cache)", past, os.getloadavg()[0]))
    return results


def _certificates(deploy_dir: str, n: int) -> list[str]:
    """Loads n synthetic certificates into the primary; verification request bodies."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PORTS['PG_PRIMARY_PORT']}/portal",
        DATABASE_REPLICA_URLS="",
        REDIS_URL=f"redis://127.0.0.1:{PORTS['REDIS_PORT']}/0",
        SECRET_KEY=Path(deploy_dir, "secret").read_text().strip(),
        IDENTITY_HMAC_KEY=IDENTITY_HMAC_KEY,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from certificates_verify import _analyze, _bodies, _generate, _load, _qualification_ids
    from django.db import connections

    with tempfile.TemporaryDirectory(prefix="deploybench-") as tmp:
        path = Path(tmp) / "certificates.csv"
        sample = _generate(path, n, _qualification_ids())
        _load(path, n)
    _analyze()
    connections.close_all()
    return [body.decode() for body in _bodies(sample, 20_000)]


def scheduled_load(bodies: list[str], rate: float, seconds: int, clients: int = 64) -> LoadResult:
    """POSTs verifications at `rate`/s for `seconds`, open loop, over keep-alive connections.

    Request i is due at start + i / rate; a client thread takes the next due request, waits
    for its time and sends it. Latency counts from the due time, so when every thread is
    busy (the server stalls) the wait shows in the latency instead of lowering the rate."""
    total = int(rate * seconds)
    due = itertools.count()
    latencies: list[float] = []
    errors = [0]
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    headers = {"Content-Type": "application/json"}
    start = time.perf_counter() + 0.2

    def client() -> None:
        mine, bad, seen = [], 0, Counter()
        connection = HTTPConnection("127.0.0.1", PROXY_PORT, timeout=30)
        while (i := next(due)) < total:
            when = start + i / rate
            if (wait := when - time.perf_counter()) > 0:
                time.sleep(wait)
            try:
                connection.request("POST", VERIFY_PATH, bodies[i % len(bodies)], headers)
                response = connection.getresponse()
                answer = response.read()
                bad += response.status != 200
                ok = response.status == 200
                seen[
                    json.loads(answer).get("outcome", "-") if ok else f"HTTP {response.status}"
                ] += 1
                if response.will_close:
                    connection.close()
            except OSError as error:
                bad += 1
                seen[type(error).__name__] += 1
                connection.close()
            mine.append(time.perf_counter() - when)
        with lock:
            latencies.extend(mine)
            errors[0] += bad
            outcomes.update(seen)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print("open-loop outcomes:", ", ".join(f"{k} {v:,}" for k, v in outcomes.most_common()))
    return LoadResult(rps=len(ms) / elapsed, p50=q[49], p99=q[98], errors=errors[0])


def report(results, open_loop, args) -> int:
    hello = results[0][2].rps
    print(
        f"\nthrough nginx → 2 gunicorn → PgBouncer → primary + replica; wrk, "
        f"{args.connections} connections, {args.seconds} s each"
    )
    print(
        f"{'target':<22}{'served':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'× hello':>9}{'load':>7}"
    )
    for name, served, result, loadavg in results:
        if name == "hello-world":  # each ratio is to the hello-world run just before it
            hello = result.rps
        print(
            f"{name:<22}{served:<28}{result.rps:>9.0f}{result.p50:>9.2f}{result.p99:>9.2f}"
            f"{result.errors:>8}{result.rps / hello:>9.2f}{loadavg:>7.2f}"
        )
    if open_loop:
        rate, result = open_loop
        print(
            f"\nverification, open loop at {rate:.0f} req/s (half the maximum) for "
            f"{args.open_loop_seconds} s, scheduled Python client: {result.rps:.0f} req/s done, "
            f"p50 {result.p50:.2f} ms, p99 {result.p99:.2f} ms, errors {result.errors}, "
            f"load {os.getloadavg()[0]:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
