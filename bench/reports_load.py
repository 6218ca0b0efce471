"""Load test: submit reports over HTTP for a while, then count them in the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \
        .venv/bin/python bench/reports_load.py --duration 60

Creates a throwaway database on DATABASE_URL's server (dropped afterwards), migrates it,
makes sure a national authority exists to receive reports, starts
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import throwaway_database  # noqa: E402

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
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument(
        "--worker-threads", type=int, default=2, help="threads per worker (gthread, 2)"
    )
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
    from django.db import OperationalError

    from authorities.models import Authority, Level

    try:
        call_command("migrate", verbosity=0)
    except OperationalError as error:
        _fail(f"cannot use the database in DATABASE_URL: {str(error).strip().splitlines()[0]}")
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
        "--worker-class", "gthread", "--threads", str(args.worker_threads),
        "--keep-alive", "5",
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


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes, from /proc (Linux)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _app_pids(server: subprocess.Popen | None) -> list[int]:
    """The gunicorn master and its workers."""
    pids = []
    if server is not None:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
            if parent == server.pid:
                pids.append(int(stat.parent.name))
        pids.append(server.pid)
    return pids


def _database_pids() -> list[int]:
    """This database's PostgreSQL backends, but the bench's own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    connection.close()
    return pids


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


class Connection:
    """A kept-alive HTTP/1.1 connection over a raw socket: the client must cost far less
    than the server it measures, on the same 2 cores."""

    def __init__(self, host: str, port: int):
        self.host, self.port, self.sock, self.buffer = host, port, None, b""

    def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        if self.sock is None:
            self.sock = socket.create_connection((self.host, self.port), timeout=30)
            self.buffer = b""
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        self.sock.sendall(head + body)
        return self._response()

    def _read_until(self, predicate) -> None:
        while not predicate():
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionResetError("server closed the connection")
            self.buffer += chunk

    def _response(self) -> tuple[int, bytes]:
        self._read_until(lambda: b"\r\n\r\n" in self.buffer)
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        headers = head.decode("latin-1").lower()
        length = int(headers.split("content-length:")[1].split("\r\n")[0])
        self._read_until(lambda: len(self.buffer) >= length)
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        if "connection: close" in headers:
            self.close()
        return int(head[9:12]), body

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None


def _thread_loop(url: str, deadline: float, out: dict) -> None:
    parts = urlsplit(url)
    connection = Connection(parts.hostname, parts.port)
    n = random.randrange(10**6)
    while time.monotonic() < deadline:
        n += 1
        started = time.monotonic()
        try:
            status, body = connection.post("/api/v1/reports/", _report(n))
        except (OSError, ValueError, IndexError) as error:
            out["errors"].append(type(error).__name__)
            connection.close()
            continue
        if status == 201:
            out["codes"].append(json.loads(body)["receipt_code"])
            out["latencies"].append(time.monotonic() - started)
        else:
            out["errors"].append(str(status))


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


def _print_cost(cpu: tuple[float, float], done: int) -> None:
    """CPU the server side spent per report, which bounds the rate on idle cores."""
    if not done:
        return
    app, database = (seconds * 1000 / done for seconds in cpu)
    print(f"CPU per report    {app:8.2f} ms gunicorn + {database:.2f} ms PostgreSQL")
    print(f"bound on 2 cores  {2000 / (app + database):8.0f} reports/s (server side alone)")
    print(
        f"load average      {os.getloadavg()[0]:8.2f} (other work on the machine lowers the rate)"
    )


def main() -> int:
    args = _arguments()
    if args.url:
        return _run(args)
    with throwaway_database(os.environ.get("DATABASE_URL", ""), "bench_reports") as url:
        os.environ["DATABASE_URL"] = url
        return _run(args)


def _run(args) -> int:
    _prepare()
    server = None if args.url else _start_server(args)  # sets args.port
    url = args.url or f"http://127.0.0.1:{args.port}"
    try:
        app, database = _app_pids(server), _database_pids()
        before = (_cpu_seconds(app), _cpu_seconds(database))
        result, elapsed = _load(args, url)
        app, database = _app_pids(server), _database_pids()  # backends opened meanwhile
        cpu = (_cpu_seconds(app) - before[0], _cpu_seconds(database) - before[1])
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    present = _present(result["codes"])
    rate = _print(result, elapsed, present)
    _print_cost(cpu, len(result["codes"]))
    ok = rate >= args.target and present == len(result["codes"])
    print(
        f"target {args.target:.0f} reports/s and every receipt present: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
