#!/usr/bin/env python
"""Benchmark: bulk-load N issued certificates into PostgreSQL, then verify them over HTTP.

    .venv/bin/python bench/certificates_verify.py 1000000
    .venv/bin/python bench/certificates_verify.py 10000000 --workers 4 --clients 32

1. (Re)creates the bench database (default certificates_bench on DATABASE_URL's server),
   migrates it and loads the real catalogue.
2. Streams N synthetic certificates to a CSV file (nothing is held in memory) and loads it
   with the same service as `manage.py load_certificates`, reporting rows/s.
3. Starts gunicorn (several sync workers) and has clients POST verifications to
   /api/v1/certificate-verifications/ — 90 % of real certificates (by holder name or
   identity number), 10 % unknown — first one client alone (the service time), then C
   concurrent clients; reports p50/p90/p99 latency and requests/s. The clients run on the
   same machine and share its cores with the server and PostgreSQL.
4. With wrk installed: Django's hello-world, verification and hello-world again on the same
   gunicorn, side by side, with the ratio (to the mean of both hello-world runs) and the
   1-minute load average after each run.

Synthetic holders and issuers only; the certificates name real catalogue qualifications.
"""

import argparse
import csv
import io
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _django import production_environment  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉斌宇浩凯"
ISSUERS = [f"基准测试发证机构{i:02d}" for i in range(1, 21)]
SAMPLE = 20_000


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when piped to a file
    args = _arguments()
    _environment(args)
    import django

    django.setup()
    args.reuse = args.reuse or args.verify_only
    _prepare_database(args)
    if args.fill_to:
        _fill(args.fill_to)
        _analyze()
    if args.verify_only:
        sample = _sample_from_database()
    else:
        with tempfile.TemporaryDirectory(prefix="certbench-") as tmp:
            path = Path(tmp) / "certificates.csv"
            sample = _generate(path, args.n, _qualification_ids())
            _load(path, args.n)
        _analyze()
    _serve_and_measure(args, sample)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("n", type=int, nargs="?", default=1_000_000, help="certificates")
    parser.add_argument("--database", default="certificates_bench", help="bench database name")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (>1: gthread, keep-alive)"
    )
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=20_000, help="verifications in all")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument(
        "--fill-to",
        type=int,
        default=0,
        help="before measuring, add SQL-generated certificates (no history) up to this many "
        "rows: the table size for a verification, without the loader's time",
    )
    parser.add_argument(
        "--wrk-seconds", type=int, default=10, help="seconds per wrk run beside hello-world"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument(
        "--verify-only", action="store_true", help="skip generating and loading (implies --reuse)"
    )
    return parser.parse_args()


def _environment(args: argparse.Namespace) -> None:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    url = urllib.parse.urlsplit(base)._replace(path=f"/{args.database}").geturl()
    production_environment(
        url,
        IDENTITY_HMAC_KEY=os.environ.get("IDENTITY_HMAC_KEY", "bench-identity-key"),
        CONN_MAX_AGE="600",
        API_ANON_RATE="",
    )


def _prepare_database(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    if not args.reuse:
        _recreate(connection.settings_dict)
    call_command("migrate", verbosity=0)
    from catalogue.models import Qualification

    if not Qualification.objects.exists():
        call_command("load_catalogue", stdout=io.StringIO())


def _recreate(settings_dict: dict) -> None:
    import psycopg2

    name = settings_dict["NAME"]
    params = {k.lower(): v for k, v in settings_dict.items() if k in ("HOST", "PORT", "USER")}
    admin = psycopg2.connect(dbname="postgres", password=settings_dict["PASSWORD"], **params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _qualification_ids() -> list[int]:
    from catalogue.models import Qualification

    ids = list(Qualification.objects.items().listed().values_list("id", flat=True))
    if not ids:
        sys.exit("error: the bench database has no listed qualification after load_catalogue")
    return ids


def _generate(path: Path, n: int, qualification_ids: list[int]) -> list[tuple]:
    """Stream n rows to path; keep a reservoir sample of (number, name, identity)."""
    rng = random.Random(2017)
    sample: list[tuple] = []
    started = time.monotonic()
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["qualification", "number", "holder_name", "identity_number"]
            + ["issuer", "issued_on", "status"]
        )
        for i in range(n):
            row = _row(rng, i, qualification_ids)
            writer.writerow(row)
            _reservoir(rng, sample, i, (row[1], row[2], row[3]))
    print(
        f"generated {n:,} rows in {time.monotonic() - started:.1f} s, "
        f"{path.stat().st_size / 1e6:,.0f} MB"
    )
    return sample


def _row(rng: random.Random, i: int, qualification_ids: list[int]) -> list:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 3 else "")
    identity = f"{rng.randrange(110000, 660000)}{rng.randrange(19500101, 20051231)}{i % 10000:04d}"
    status = "valid" if i % 20 else ("revoked" if i % 40 else "expired")
    issued = f"{2010 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return [
        rng.choice(qualification_ids),
        f"C{i:011d}",
        name,
        identity,
        ISSUERS[i % 20],
        issued,
        status,
    ]


def _reservoir(rng: random.Random, sample: list, i: int, item: tuple) -> None:
    if len(sample) < SAMPLE:
        sample.append(item)
    elif (j := rng.randrange(i + 1)) < SAMPLE:
        sample[j] = item


def _sample_from_database() -> list[tuple]:
    """Certificates already loaded, verified by name (identity numbers are not stored)."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Spread over the whole table (every partition), in random order.
        cursor.execute("SELECT count(*) FROM certificates_issuedcertificate")
        percent = min(100.0, 300.0 * SAMPLE / max(cursor.fetchone()[0], 1))
        cursor.execute(
            "SELECT number, holder_name FROM certificates_issuedcertificate "
            "TABLESAMPLE SYSTEM (%s) ORDER BY random() LIMIT %s",
            [percent, SAMPLE],
        )
        rows = cursor.fetchall()
    connection.close()
    print(f"sampled {len(rows):,} loaded certificates")
    return [(number, name, "") for number, name in rows]


def _load(path: Path, n: int) -> None:
    from certificates.services import issued_certificates_load

    last = [time.monotonic()]

    def progress(report) -> None:
        if time.monotonic() - last[0] > 5:
            last[0] = time.monotonic()
            print(f"  … {report.rows_read:,} rows read")

    from _registrar import bench_registrar

    with path.open("rb") as binary:
        report = issued_certificates_load(
            file=binary, by=bench_registrar(ISSUERS), file_name=path.name, progress=progress
        )
    rate = report.rows_read / report.seconds
    print(
        f"LOAD: {report.rows_read:,} rows ({report.inserted:,} new, {report.updated:,} updated, "
        f"{report.rejected:,} rejected) in {report.seconds:.1f} s = {rate:,.0f} rows/s"
    )


FILL = """
INSERT INTO certificates_issuedcertificate (qualification_id, number, number_key, holder_name,
    holder_identity_hmac, issuer, issued_on, status, updated_at)
SELECT q.ids[1 + i %% cardinality(q.ids)], 'F' || lpad(i::text, 11, '0'),
    'F' || lpad(i::text, 11, '0'), '王伟', '', %s, DATE '2010-01-01' + i %% 5000, 'valid', now()
FROM generate_series(%s, %s) i, (SELECT %s::bigint[] AS ids) q
"""


def _fill(target: int) -> None:
    """Add rows F00000000000… by SQL until the registry holds ``target`` certificates."""
    from django.db import connection

    ids = _qualification_ids()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM certificates_issuedcertificate")
        have = cursor.fetchone()[0]
        started = time.monotonic()
        for low in range(have, target, 1_000_000):
            high = min(low + 1_000_000, target) - 1
            cursor.execute(FILL, [ISSUERS[0], low, high, ids])
            print(f"  … filled to {high + 1:,} rows ({time.monotonic() - started:.0f} s)")
    connection.close()


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE certificates_issuedcertificate")
    connection.close()


def _serve_and_measure(args: argparse.Namespace, sample: list[tuple]) -> None:
    port = args.port or _free_port()
    server = _gunicorn(args.workers, args.threads, port)
    keep_alive = args.threads > 1
    try:
        _wait_until_up(port)
        _measure(port, args.clients, 500, sample, "warm-up", keep_alive)
        _measure(port, 1, 1000, sample, "VERIFY, one client (service time)", keep_alive)
        _measure(port, args.clients, args.requests, sample, "VERIFY", keep_alive)
        if shutil.which("wrk"):
            _beside_hello_world(port, sample, args)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _beside_hello_world(port: int, sample: list[tuple], args: argparse.Namespace) -> None:
    """wrk against Django's hello-world and verification on this gunicorn, one after the
    other, with the 1-minute load average after each (the machine is shared)."""
    from _load import wrk_load
    from deploy_speed import FRESH_QUERY, POST_BODIES, _lua

    bodies = [b.decode() for b in _bodies(sample, 2000)]
    scripts = [_lua(FRESH_QUERY), _lua(POST_BODIES % ",\n".join(f"[==[{b}]==]" for b in bodies))]
    load = {"seconds": args.wrk_seconds, "connections": args.clients, "timeout": 10}
    try:
        rows = []
        for name, path, script in [
            ("hello-world", "/bench/hello", scripts[0]),
            ("verification", "/api/v1/certificate-verifications/", scripts[1]),
            ("hello-world again", "/bench/hello", scripts[0]),
        ]:
            result = wrk_load(f"http://127.0.0.1:{port}{path}", script=script, **load)
            rows.append((name, result, os.getloadavg()[0]))
    finally:
        for script in scripts:
            os.unlink(script)
    hello = (rows[0][1].rps + rows[2][1].rps) / 2
    print(f"\nwrk, {args.clients} connections, {args.wrk_seconds} s each, same gunicorn:")
    print(f"{'':<20}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× hello':>9}{'load':>7}")
    for name, result, loadavg in rows:
        print(
            f"{name:<20}{result.rps:>9.0f}{result.p50:>9.2f}{result.p99:>9.2f}"
            f"{result.errors:>8}{result.rps / hello:>9.2f}{loadavg:>7.2f}"
        )


def _gunicorn(workers: int, threads: int, port: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "portal.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--backlog=2048",
    ]
    if threads > 1:
        command += ["--worker-class=gthread", f"--threads={threads}", "--keep-alive=30"]
    # The bench serves no static files: silence whitenoise's missing-STATIC_ROOT warning.
    env = os.environ | {"PYTHONWARNINGS": "ignore::UserWarning"}
    return subprocess.Popen(command, cwd=ROOT, env=env)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int) -> None:
    for _ in range(100):
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("error: gunicorn did not answer /healthz within 20 s")


def _bodies(sample: list[tuple], count: int) -> list[bytes]:
    rng = random.Random(68)
    bodies = []
    for i in range(count):
        number, name, identity = rng.choice(sample)
        if i % 10 == 9:
            body = {"number": f"X{number}", "holder_name": name}
        elif i % 10 == 8 and identity:
            body = {"number": number, "identity_number": identity}
        else:
            body = {"number": number, "holder_name": name}
        bodies.append(json.dumps(body).encode())
    return bodies


def _measure(port, clients, total, sample, label: str, keep_alive: bool) -> None:
    bodies = _bodies(sample, total)
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    share = [bodies[i::clients] for i in range(clients)]
    started = time.monotonic()
    threads = [
        threading.Thread(target=_client, args=(port, mine, latencies, failures, lock, keep_alive))
        for mine in share
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if label != "warm-up":
        _report(label, latencies, failures, elapsed, clients)


def _client(port, bodies, latencies, failures, lock, keep_alive: bool) -> None:
    """One client: a request at a time; a new connection each time unless keep-alive."""
    headers = {"Content-Type": "application/json"}
    mine, bad = [], []
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    for body in bodies:
        started = time.perf_counter()
        connection.request("POST", "/api/v1/certificate-verifications/", body, headers)
        response = connection.getresponse()
        response.read()
        mine.append(time.perf_counter() - started)
        if response.status != 200:
            bad.append(response.status)
        if not keep_alive or response.will_close:
            connection.close()
            connection = HTTPConnection("127.0.0.1", port, timeout=30)
    with lock:
        latencies.extend(mine)
        failures.extend(bad)


def _report(
    label: str, latencies: list[float], failures: list[int], elapsed: float, clients: int
) -> None:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{label}: {len(ms):,} requests, {clients} clients, {len(ms) / elapsed:,.0f} req/s; "
        f"p50 {q[49]:.1f} ms, p90 {q[89]:.1f} ms, p99 {q[98]:.1f} ms, max {ms[-1]:.1f} ms; "
        f"non-200: {len(failures)}"
    )


if __name__ == "__main__":
    main()
