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
- the two hottest public answers, in --rounds rounds (default 3) of hello-world, certificate
  verification (POST /api/v1/certificate-verifications/, JSON bodies from a wrk Lua script,
  after N synthetic certificates, default 100,000, are loaded into the primary with
  bench/certificates_verify.py's generator and the portal's loader: 80 % by holder name, 10 %
  by identity number, 10 % unknown numbers) and the certificate check API (GET
  /api/v1/certificate-check/?name=… over five names, a fresh query string each request so
  the edge cache never answers), each ratio to the hello-world run just before it and the
  median of the rounds; the rate limits stay on (their Redis round trips are measured) at
  rates the load cannot reach;
- then verification at a fixed open-loop rate, half of the median maximum just measured,
  paced by wrk itself (bench/_load.py: wrk_paced, C and LuaJIT, so the client keeps the rate
  on two busy cores): request k is due at start + k / rate, and a request that could not be
  sent on time (every connection busy) is counted and reported as late;
- with --registry 1000000,10000000: the registry grown by SQL-generated rows (valid keys and
  identity HMACs, into the real partitioned table: bench/_registry.py) to each size in turn,
  and verification of rows spread over the whole table beside hello-world at each; the
  ratio of the larger to the smaller size (target ≥ 0.9).
It prints requests/s, p50/p99, errors and the ratio to hello-world. Targets (issue "beyond one
machine"): ≥ 10× from the edge cache, ≥ 0.8× past it, ≥ 0.5× for verification and the check
API, p99 ≤ 20 ms at the open-loop rate. The load generators share the machine's cores with
everything else.

    .venv/bin/python bench/deploy_speed.py [--seconds 10] [--connections 16] [--rounds 3]
        [--certificates 100000] [--open-loop-seconds 20] [--no-catalogue]
        [--registry 1000000,10000000]

Ports 9700–9799 (DEPLOY_BENCH_PORT_BASE=9400 moves them; DEPLOY_DIR names the topology's
directory, default /tmp/portal-deploy-bench-PID). Each figure is printed with the
1-minute load average right after it: the machine is shared.

With --seconds 5 it takes 4½–6 minutes on the shared 2-core machine, most of it bringing
the topology up (initdb, pg_basebackup, migrate and load the catalogue). docs/scale.md has
the figures and what they mean at national scale.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _load import LoadResult, wrk_load, wrk_paced  # noqa: E402

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
CHECK_PATH = "/api/v1/certificate-check/"
# Names citizens type (as bench/certificate_check.py), percent-encoded for the query string.
CHECK_NAMES_LIST = [
    "一级建造师",
    "电工证",
    "茶艺师",
    "职业技能等级证书（电工）",
    "国际注册茶艺大师",
]
CHECK_NAMES = """
counter = 0
names = {NAMES}
request = function()
  counter = counter + 1
  local query = "?name=" .. names[(counter % #names) + 1]
  return wrk.format(nil, wrk.path .. query .. "&bench=" .. counter .. "-" .. math.random(1e9))
end
""".replace("NAMES", ", ".join(f'"{quote(name)}"' for name in CHECK_NAMES_LIST))
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
    options.add_argument("--rounds", type=int, default=3, help="rounds of the lean answers")
    options.add_argument(
        "--certificates", type=int, default=100_000, help="synthetic certificates (0: no verify)"
    )
    options.add_argument(
        "--open-loop-seconds", type=int, default=20, help="seconds at half the maximum rate"
    )
    options.add_argument("--no-catalogue", action="store_true", help="skip the catalogue pages")
    options.add_argument(
        "--registry",
        default="",
        help="e.g. 1000000,10000000: afterwards, grow the registry by SQL to each size and "
        "measure verification beside hello-world at each (bench/_registry.py)",
    )
    args = options.parse_args()
    sizes = [int(size) for size in args.registry.split(",") if size]
    sys.stdout.reconfigure(line_buffering=True)
    deploy_dir = os.environ.get("DEPLOY_DIR") or f"/tmp/portal-deploy-bench-{os.getpid()}"
    env = {
        **os.environ,
        **PORTS,
        "DEPLOY_DIR": deploy_dir,
        "BENCH_HELLO": "1",
        # On, so that verification and the API pay for their limits (one Redis round trip
        # each, as in production), at rates the bench cannot reach.
        "RATELIMIT_ENABLE": "1",
        "CERTIFICATE_VERIFY_RATE": "100000000/m",
        "CERTIFICATE_VERIFY_NUMBER_RATE": "100000000/m",
        "API_ANON_RATE": "100000000/min",
        "API_USER_RATE": "100000000/min",
        "EDGE_CACHE_SECONDS": "5",
        "IDENTITY_HMAC_KEY": IDENTITY_HMAC_KEY,  # the app servers' and the loader's
    }
    env.pop("DATABASE_URL", None)
    # A TERM (e.g. from `timeout`) stops the topology too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scripts = [_lua(FRESH_QUERY), _lua(FRESH_COOKIE), _lua(CHECK_NAMES)]
    try:
        started = time.monotonic()
        subprocess.run(["bash", "deploy/local/up.sh"], cwd=ROOT, env=env, check=True)
        print(f"topology up in {time.monotonic() - started:.0f} s, load {_load_average()}")
        results = [] if args.no_catalogue else measure(scripts[0], scripts[1], args)
        report(results, args)
        if args.certificates:
            bodies = _certificates(deploy_dir, args.certificates)
            _replica_caught_up()
            verify_script = POST_BODIES % _lua_strings(bodies[:2000])
            scripts.append(_lua(verify_script))
            rows = lean_answers(scripts[0], scripts[-1], scripts[2], args)
            clean = [r.rps for name, r, _ in rows if name == "verify" and not r.errors]
            if args.open_loop_seconds and clean:
                open_loop(verify_script, statistics.median(clean) / 2, args)
        if sizes:
            registry_ratio(deploy_dir, sizes, scripts[0], args)
        return 0
    finally:
        subprocess.run(["bash", "deploy/local/down.sh"], cwd=ROOT, env=env)
        for script in scripts:
            os.unlink(script)


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _lua_strings(bodies: list[str]) -> str:
    return ",\n".join(f"[==[{body}]==]" for body in bodies)


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
    # Every worker warm first: a cold baseline (p99 1.6 s in its first second) flatters ratios.
    for path in ["/bench/hello", *(path for _, path in targets)]:
        wrk_load(PROXY + path, script=script, **{**load, "seconds": 2})
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


def _django(deploy_dir: str) -> None:
    """This process as a client of the primary (loading, filling), with the app's keys."""
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


def _certificates(deploy_dir: str, n: int) -> list[str]:
    """Loads n synthetic certificates into the primary; verification request bodies."""
    _django(deploy_dir)
    from certificates_verify import _analyze, _bodies, _generate, _load, _qualification_ids
    from django.db import connections

    with tempfile.TemporaryDirectory(prefix="deploybench-") as tmp:
        path = Path(tmp) / "certificates.csv"
        sample = _generate(path, n, _qualification_ids())
        _load(path, n)
    _analyze()
    connections.close_all()
    return [body.decode() for body in _bodies(sample, 20_000)]


def lean_answers(hello_script: str, verify_script: str, check_script: str, args) -> list:
    """Rounds of hello-world, verification and the check API through the proxy, each answer's
    ratio to the hello-world run just before it; the median of the rounds is the figure."""
    load = {"seconds": args.seconds, "connections": args.connections, "timeout": WRK_TIMEOUT}
    rows, ratios = [], {"verify": [], "check API": []}
    for url, script in [(PROXY + VERIFY_PATH, verify_script), (PROXY + CHECK_PATH, check_script)]:
        wrk_load(url, script=script, **{**load, "seconds": 2})  # warm every worker
    for _round in range(args.rounds):
        hello = wrk_load(f"{PROXY}/bench/hello", script=hello_script, **load)
        rows.append(("hello-world", hello, os.getloadavg()[0]))
        for name, url, script in [
            ("verify", PROXY + VERIFY_PATH, verify_script),
            ("check API", PROXY + CHECK_PATH, check_script),
        ]:
            result = wrk_load(url, script=script, **load)
            rows.append((name, result, os.getloadavg()[0]))
            if not (result.errors or hello.errors):  # errors answer fast: not a figure
                ratios[name].append(result.rps / hello.rps)
    print(
        f"\nthe two hottest public answers through nginx → 2 gunicorn → PgBouncer → replica, "
        f"Redis ({args.certificates:,} certificates; verify: POST {VERIFY_PATH}, 80 % by name, "
        f"10 % by identity number, 10 % unknown; check API: GET {CHECK_PATH}?name=… over "
        f"{len(CHECK_NAMES_LIST)} names, a fresh query string each request so the edge cache "
        f"never answers); wrk {args.connections} connections, {args.seconds} s each"
    )
    _table(rows)
    for name, found in ratios.items():
        dropped = args.rounds - len(found)
        print(
            f"{name}: × hello-world per round without errors {', '.join(f'{r:.2f}' for r in found)}"
            f"; median {statistics.median(found or [0]):.2f} (target ≥ 0.5)"
            + (f"; {dropped} round(s) with errors left out" if dropped else "")
        )
    return rows


def _table(rows) -> None:
    print(
        f"{'target':<24}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'× hello':>9}{'load':>7}"
    )
    hello = rows[0][1].rps
    for name, result, loadavg in rows:
        if name.startswith("hello-world"):
            hello = result.rps
        print(
            f"{name:<24}{result.rps:>9.0f}{result.p50:>9.2f}{result.p99:>9.2f}"
            f"{result.errors:>8}{result.rps / hello:>9.2f}{loadavg:>7.2f}"
        )


def open_loop(verify_script: str, rate: float, args) -> None:
    """Verification at a fixed rate from wrk's paced script (bench/_load.py: wrk_paced)."""
    result = wrk_paced(
        PROXY + VERIFY_PATH, rate=rate, seconds=args.open_loop_seconds, script_text=verify_script
    )
    kept = (
        "every request sent on schedule"
        if not result.late
        else (
            f"{result.late:,} requests sent late (worst {result.worst_late_ms:.0f} ms), their "
            "latency counts from sending, not from when they were due"
        )
    )
    print(
        f"\nverification, open loop at {rate:.0f} req/s (half the median maximum above) for "
        f"{args.open_loop_seconds} s, wrk paced (C/LuaJIT, 64 connections): "
        f"{result.rps:.0f} req/s done, p50 {result.p50:.2f} ms, p99 {result.p99:.2f} ms "
        f"(target ≤ 20), errors {result.errors}; {kept}; load {_load_average()}"
    )


def registry_ratio(deploy_dir: str, sizes: list[int], hello_script: str, args) -> None:
    """Grows the registry by SQL to each size (bench/_registry.py) and measures verification
    of generated rows spread over the whole table, beside hello-world, at each size."""
    _django(deploy_dir)
    from _registry import fill, holder
    from certificates_verify import _analyze, _qualification_ids
    from django.db import connection

    load = {"seconds": args.seconds, "connections": args.connections, "timeout": WRK_TIMEOUT}
    ids, rows, per_size = _qualification_ids(), [], {}
    for size in sizes:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM certificates_issuedcertificate")
            total = cursor.fetchone()[0]
            cursor.execute(
                "SELECT count(*) FROM certificates_issuedcertificate WHERE number >= 'G'"
            )
            generated = cursor.fetchone()[0]
            started = time.monotonic()
            fill(
                cursor,
                have=generated,
                upto=generated + size - total,
                qualification_ids=ids,
                key=IDENTITY_HMAC_KEY,
                say=print,
            )
            print(f"registry filled to {size:,} rows in {time.monotonic() - started:.0f} s")
        _analyze()
        connection.close()
        _replica_caught_up(600)
        bodies = _registry_bodies(holder, size - (total - generated), 2000)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(POST_BODIES % _lua_strings(bodies))
        try:
            wrk_load(PROXY + VERIFY_PATH, script=script.name, **{**load, "seconds": 2})  # warm
            found = []
            for _round in range(args.rounds):
                hello = wrk_load(f"{PROXY}/bench/hello", script=hello_script, **load)
                verify = wrk_load(PROXY + VERIFY_PATH, script=script.name, **load)
                rows += [
                    ("hello-world", hello, os.getloadavg()[0]),
                    (f"verify at {size:,}", verify, os.getloadavg()[0]),
                ]
                found.append((verify.rps, verify.rps / hello.rps))
        finally:
            os.unlink(script.name)
        per_size[size] = found
    print(f"\nverification against the registry's size (SQL-generated rows, {args.rounds} rounds):")
    _table(rows)
    small, *larger = sizes
    for size in larger:
        raw = statistics.median(v for v, _ in per_size[size]) / statistics.median(
            v for v, _ in per_size[small]
        )
        relative = statistics.median(r for _, r in per_size[size]) / statistics.median(
            r for _, r in per_size[small]
        )
        print(
            f"{size:,} / {small:,}: req/s ratio {raw:.2f}, ratio of the × hello-world figures "
            f"{relative:.2f} (target ≥ 0.9); load {_load_average()}"
        )


def _registry_bodies(holder, generated: int, count: int) -> list[str]:
    """Requests about generated rows spread over the whole table: 80 % by name, 10 % by
    identity number, 10 % unknown numbers."""
    import random

    rng = random.Random(10)
    bodies = []
    for i in range(count):
        number, name, identity = holder(rng.randrange(generated))
        body = {"number": number, "holder_name": name}
        if i % 10 == 8:
            body = {"number": number, "identity_number": identity}
        elif i % 10 == 9:
            body = {"number": f"X{number}", "holder_name": name}
        bodies.append(json.dumps(body, ensure_ascii=False))
    return bodies


def report(results, args) -> None:
    if not results:
        return
    print(
        f"\nthrough nginx → 2 gunicorn → PgBouncer → primary + replica; wrk, "
        f"{args.connections} connections, {args.seconds} s each"
    )
    print(
        f"{'target':<22}{'served':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'× hello':>9}{'load':>7}"
    )
    hello = results[0][2].rps
    for name, served, result, loadavg in results:
        if name == "hello-world":  # each ratio is to the hello-world run just before it
            hello = result.rps
        print(
            f"{name:<22}{served:<28}{result.rps:>9.0f}{result.p50:>9.2f}{result.p99:>9.2f}"
            f"{result.errors:>8}{result.rps / hello:>9.2f}{loadavg:>7.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
