"""PostgreSQL restarts under load: no receipt lost, no request hung, the rest get a 503.

The app runs as in production (gunicorn, the repository's gunicorn.conf.py) against a
PostgreSQL cluster of its own, created here with initdb on a port of its own and removed
after. Reports (a third with an evidence file) are sent from several threads; mid-load
the cluster is stopped, and started again once the app has answered 503 a few times.
Slow (about a minute): `pytest -m "not fault"` leaves it out locally; `make test` runs it.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
import requests
from django.conf import settings

from enforcement.receipts import receipt_hash

pytestmark = pytest.mark.fault

ROOT = Path(__file__).resolve().parents[2]
PG_PORT, APP_PORT = 9351, 9352
THREADS = 6
REQUEST_TIMEOUT = 20  # seconds; a request still unanswered then has hung
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"PostgreSQL server binaries not found ({name})"
    return found[-1]


class Cluster:
    """A throwaway PostgreSQL cluster; as root, its commands run as the postgres user."""

    def __init__(self, directory: Path):
        self.data = directory / "data"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(directory, "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{PG_PORT}/portal_fault"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {PG_PORT} -k {self.data} -c listen_addresses=127.0.0.1 "
            "-c log_min_error_statement=panic"
        )
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
                  str(self.data / "server.log"), "start")  # fmt: skip

    def stop(self) -> None:
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def query(self, sql: str, params=()) -> list[tuple]:
        with psycopg2.connect(self.url) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        connection.close()
        return rows


def _env(cluster: Cluster) -> dict:
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"{cluster.url}?connect_timeout=3",
        "RATELIMIT_ENABLE": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }


def _manage(env: dict, *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def app():
    """The cluster, the migrated database, one national authority and gunicorn."""
    directory = Path(tempfile.mkdtemp(prefix="portal-fault-"))
    os.chmod(directory, 0o755)
    cluster = Cluster(directory)
    server = None
    try:
        cluster.init()
        cluster.start()
        connection = psycopg2.connect(cluster.url.replace("/portal_fault", "/postgres"))
        connection.autocommit = True
        connection.cursor().execute("CREATE DATABASE portal_fault")
        connection.close()
        # The test settings keep evidence in their own folder, whatever the environment.
        media = Path(settings.PRIVATE_MEDIA_ROOT)
        env = _env(cluster)
        _manage(env, "migrate", "--noinput", "-v0")
        create = "from authorities.models import Authority; Authority.objects.create(name='人力资源社会保障部', level='national')"  # noqa: E501
        _manage(env, "shell", "-c", create)
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-b", f"127.0.0.1:{APP_PORT}",
             "-w", "2", "--threads", "4", "--timeout", "30"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_for_app()
        yield cluster, media, env
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run([*cluster.as_user, _pg_bin("pg_ctl"), "-D", str(cluster.data), "-m",
                        "immediate", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(directory, ignore_errors=True)


def _wait_for_app() -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{APP_PORT}/healthz", timeout=10)
            return
        except requests.RequestException:  # not listening yet, or still loading
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def _files(media: Path) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


class Load:
    """Threads sending reports until told to stop; every answer is kept."""

    def __init__(self):
        self.results: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(THREADS)]

    def _send(self, n: int, i: int, key: str = "") -> dict:
        report = {
            "violation_type": "other",
            "organisation": f"压测单位 {n}-{i}",
            "region_code": "350102",
            "description": "故障测试",
            "contact": "13800000000",
        }
        key = key or uuid.uuid4().hex
        url = f"http://127.0.0.1:{APP_PORT}/api/v1/reports/"
        sent = {"headers": {"Idempotency-Key": key}, "timeout": REQUEST_TIMEOUT}
        if i % 3 == 0:
            sent.update(data=report, files={"evidence": ("proof.png", PNG, "image/png")})
        else:
            sent.update(json=report)
        started = time.monotonic()
        try:
            response = requests.post(url, **sent)
        except requests.RequestException as error:
            return {"status": type(error).__name__, "seconds": time.monotonic() - started}
        body = response.json() if "json" in response.headers.get("Content-Type", "") else {}
        return {"status": response.status_code, "body": body, "evidence": i % 3 == 0,
                "retry_after": response.headers.get("Retry-After"), "key": key,
                "sent_as": (n, i), "seconds": time.monotonic() - started}  # fmt: skip

    def retry(self, result: dict) -> dict:
        """The same report with the same Idempotency-Key, as a client retries a 503."""
        return self._send(*result["sent_as"], key=result["key"])

    def _run(self, n: int) -> None:
        i = 0
        while not self.stopping.is_set():
            result = self._send(n, i)
            with self.lock:
                self.results.append(result)
            i += 1

    def count(self, status) -> int:
        with self.lock:
            return sum(1 for r in self.results if r["status"] == status)

    def wait_for(self, status, at_least: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while self.count(status) < at_least:
            assert time.monotonic() < deadline, f"waited in vain for {at_least} × {status}"
            time.sleep(0.05)


def test_a_database_restart_under_load_loses_no_receipt(app):
    cluster, media, env = app
    before = _files(media)
    load = Load()
    for thread in load.threads:
        thread.start()
    try:
        load.wait_for(201, 20)
        cluster.stop()
        load.wait_for(503, 10)
        cluster.start()
        load.wait_for(201, load.count(201) + 20)
    finally:
        load.stopping.set()
        for thread in load.threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    statuses = {r["status"] for r in load.results}
    assert statuses <= {201, 503}, statuses  # a timeout or dropped connection would show
    assert max(r["seconds"] for r in load.results) < REQUEST_TIMEOUT
    refused = [r for r in load.results if r["status"] == 503]
    assert all(r["retry_after"] and "detail" in r["body"] for r in refused)

    accepted = [r for r in load.results if r["status"] == 201]
    hashes = [receipt_hash(r["body"]["receipt_code"]) for r in accepted]
    stored = cluster.query("SELECT receipt_hash FROM enforcement_case WHERE receipt_hash = ANY(%s)",
                           (hashes,))  # fmt: skip
    assert len(stored) == len(accepted), "a receipt given out was not stored"

    # A client retries each 503 with its key: one case per report, none twice, none lost
    # (a report stored although its answer was a 503 gives back its first receipt).
    retried = [load.retry(r) for r in refused]
    assert {r["status"] for r in retried} == {201}
    keys = {r["key"] for r in accepted + retried}
    assert cluster.query("SELECT count(*) FROM enforcement_case") == [(len(keys),)]

    _manage(env, "evidence_sweep", "--min-age", "0")
    rows = {name for (name,) in cluster.query("SELECT file FROM enforcement_evidence")}
    on_disk = _files(media) - before
    assert on_disk == rows, "an evidence file without its row, or a row without its file"
    assert len(rows) == len({r["key"] for r in accepted + retried if r["evidence"]})
    print(f"\n{len(accepted)} accepted, all stored; {len(refused)} got 503; "
          f"slowest answer {max(r['seconds'] for r in load.results):.1f} s")  # fmt: skip
