"""Load test: submit reports over HTTP for a while, then count them in the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enforcement_bench \
        .venv/bin/python bench/reports_load.py --duration 60

Migrates the database, makes sure a national authority exists to receive reports, starts
gunicorn (several sync workers, rate limiting off with RATELIMIT_ENABLE=0) unless --url
names a running server, posts JSON reports to /api/v1/reports/ from several client
processes for --duration seconds, stops the server, and checks that every receipt code
the server returned has its case in the database. Exits 1 if the target rate is missed
or any receipt is missing.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["350102", "350103", "350100", "440106", "110101", "330106", "510104", "350200"]
TYPES = ["forbidden_wording", "outside_catalogue", "revived", "illegal_exams_fees", "other"]
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "RATELIMIT_ENABLE": "0",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (60)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (5)")
    parser.add_argument("--clients", type=int, default=2, help="client processes (2)")
    parser.add_argument("--threads", type=int, default=6, help="connections per client (6)")
    parser.add_argument("--port", type=int, default=0, help="server port (a free one)")
    parser.add_argument("--url", help="use this running server instead of starting gunicorn")
    parser.add_argument("--target", type=float, default=200.0, help="reports/s to reach (200)")
    return parser.parse_args()


def _fail(message: str) -> None:
    print(f"reports_load: {message}", file=sys.stderr)
    sys.exit(2)


def _django():
    os.environ.update({k: v for k, v in SERVER_ENV.items() if k not in os.environ})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _prepare() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        _fail("DATABASE_URL must point at PostgreSQL (the bench measures the real database)")
    _django()
    from django.core.management import call_command

    from authorities.models import Authority, Level

    call_command("migrate", verbosity=0)
    if not Authority.objects.filter(level=Level.NATIONAL).exists():
        Authority.objects.create(name="人力资源社会保障部", level=Level.NATIONAL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(args) -> subprocess.Popen:
    args.port = args.port or _free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi",
        "--workers", str(args.workers), "--bind", f"127.0.0.1:{args.port}",
        "--backlog", "2048", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **SERVER_ENV})
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    _fail(f"gunicorn did not answer on port {args.port}")


def _report(n: int) -> bytes:
    return json.dumps(
        {
            "violation_type": random.choice(TYPES),
            "organisation": f"压测单位{n % 500}",
            "region_code": random.choice(REGIONS),
            "description": "证书上印有“国家职业资格”字样，收费 800 元。" * 3,
            "contact": "",
        }
    ).encode()


def _thread_loop(url: str, deadline: float, out: dict) -> None:
    parts = urlsplit(url)
    n = random.randrange(10**6)
    while time.monotonic() < deadline:
        n += 1
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            connection.request(
                "POST", "/api/v1/reports/", _report(n), {"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            body = response.read()
            connection.close()
        except OSError as error:
            out["errors"].append(type(error).__name__)
            continue
        if response.status == 201:
            out["codes"].append(json.loads(body)["receipt_code"])
            out["latencies"].append(time.monotonic() - started)
        else:
            out["errors"].append(str(response.status))


def _client(job: tuple[str, float, int]) -> dict:
    url, deadline, threads = job
    out = {"codes": [], "latencies": [], "errors": []}
    workers = [
        threading.Thread(target=_thread_loop, args=(url, deadline, out)) for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return out


def _load(args, url: str) -> tuple[dict, float]:
    started = time.monotonic()
    deadline = started + args.duration
    with Pool(args.clients) as pool:
        parts = pool.map(_client, [(url, deadline, args.threads)] * args.clients)
    elapsed = time.monotonic() - started
    merged = {key: [item for part in parts for item in part[key]] for key in parts[0]}
    return merged, elapsed


def _present(codes: list[str]) -> int:
    from enforcement.models import Case
    from enforcement.receipts import receipt_hash

    hashes = [receipt_hash(code) for code in codes]
    return sum(
        Case.objects.filter(receipt_hash__in=hashes[i : i + 5000]).count()
        for i in range(0, len(hashes), 5000)
    )


def _print(result: dict, elapsed: float, present: int) -> float:
    done, latencies = len(result["codes"]), sorted(result["latencies"]) or [0.0]
    rate = done / elapsed
    print(f"duration          {elapsed:8.1f} s")
    print(f"reports accepted  {done:8d}")
    print(f"rate              {rate:8.1f} reports/s")
    print(f"latency p50       {statistics.median(latencies) * 1000:8.1f} ms")
    print(f"latency p95       {latencies[int(len(latencies) * 0.95) - 1] * 1000:8.1f} ms")
    print(f"errors            {len(result['errors']):8d} {sorted(set(result['errors']))}")
    print(f"receipts in DB    {present:8d} of {done}")
    return rate


def main() -> int:
    args = _arguments()
    _prepare()
    server = None if args.url else _start_server(args)  # sets args.port
    url = args.url or f"http://127.0.0.1:{args.port}"
    try:
        result, elapsed = _load(args, url)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    present = _present(result["codes"])
    rate = _print(result, elapsed, present)
    ok = rate >= args.target and present == len(result["codes"])
    print(
        f"target {args.target:.0f} reports/s and every receipt present: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
