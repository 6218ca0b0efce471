"""The portal through its local production topology (deploy/local/), beside hello-world.

`make deploy-local`'s topology — nginx (buffering proxy, load balancer, edge cache) → two
gunicorn app servers → PgBouncer → PostgreSQL primary + streaming replica, Redis — is brought
up on ports of its own, and wrk measures, in one run through the same proxy:
- Django's hello-world view (never from the edge cache: a fresh query string each request);
- the catalogue list, a qualification page and the list API served from the edge cache (the
  same URL again and again) and past it (a fresh query string each request, so every request
  reaches an app server; the app's own catalogue cache still answers).
It prints requests/s, p50/p99 and the ratio to hello-world. Targets (issue "beyond one
machine"): ≥ 10× from the edge cache, ≥ 0.8× past it.

    .venv/bin/python bench/deploy_speed.py [--seconds 10] [--connections 16]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _load import wrk_load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORTS = {
    "PG_PRIMARY_PORT": "9732",
    "PG_REPLICA_PORT": "9733",
    "PGBOUNCER_PORT": "9734",
    "REDIS_PORT": "9779",
    "APP_PORTS": "9701 9702",
    "NGINX_PORT": "9780",
}
PROXY = f"http://127.0.0.1:{PORTS['NGINX_PORT']}"
FRESH_QUERY = """
counter = 0
request = function()
  counter = counter + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench=" .. counter .. "-" .. math.random(1e9))
end
"""


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=int, default=10)
    options.add_argument("--connections", type=int, default=16)
    args = options.parse_args()
    env = {
        **os.environ,
        **PORTS,
        "DEPLOY_DIR": f"/tmp/portal-deploy-bench-{os.getpid()}",
        "BENCH_HELLO": "1",
        "RATELIMIT_ENABLE": "0",
        "API_ANON_RATE": "",
        "EDGE_CACHE_SECONDS": "5",
    }
    env.pop("DATABASE_URL", None)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(FRESH_QUERY)
    try:
        subprocess.run(["bash", "deploy/local/up.sh"], cwd=ROOT, env=env, check=True)
        return report(measure(script.name, args), args)
    finally:
        subprocess.run(["bash", "deploy/local/down.sh"], cwd=ROOT, env=env)
        os.unlink(script.name)


def _first_qualification() -> int:
    with urllib.request.urlopen(f"{PROXY}/api/v1/qualifications/") as response:
        return json.load(response)["results"][0]["id"]


def measure(script: str, args) -> list[tuple[str, str, object]]:
    pk = _first_qualification()
    targets = [
        ("catalogue list", "/catalogue/"),
        ("qualification page", f"/catalogue/{pk}/"),
        ("list API", "/api/v1/qualifications/"),
    ]
    load = {"seconds": args.seconds, "connections": args.connections}
    results = [("hello-world", "app", wrk_load(f"{PROXY}/bench/hello", script=script, **load))]
    for name, path in targets:
        urllib.request.urlopen(PROXY + path).read()  # warm both caches
        results.append((name, "edge cache", wrk_load(PROXY + path, **load)))
        results.append((name, "past the edge", wrk_load(PROXY + path, script=script, **load)))
    return results


def report(results, args) -> int:
    hello = results[0][2].rps
    print(
        f"\nthrough nginx → 2 gunicorn → PgBouncer → primary + replica; wrk, "
        f"{args.connections} connections, {args.seconds} s each"
    )
    print(
        f"{'target':<20}{'served':<16}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}{'× hello':>9}"
    )
    for name, served, result in results:
        print(
            f"{name:<20}{served:<16}{result.rps:>10.0f}{result.p50:>9.2f}{result.p99:>9.2f}"
            f"{result.errors:>8}{result.rps / hello:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
