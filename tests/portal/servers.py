"""Real gunicorn workers (and nginx in front) on the test database and Redis db 5.

Ports come from 9300–9349, this worktree's range. The servers read the test database, so the
tests that start them commit their data (transactional_db).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from string import Template

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HEADERS_MORE = "/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so"


def free_port() -> int:
    for port in range(9300, 9350):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 9300–9349")


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def wait_until_up(port: int, process: subprocess.Popen, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not answer within 60 s")


@contextmanager
def gunicorn(*, workers: int = 3, threads: int = 2, **env: str):
    """gunicorn.conf.py with production settings; yields its port."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k not in {"SINGLE_PROCESS"}}
    environ.update(
        DJANGO_SETTINGS_MODULE="tests.portal.server_settings",
        SECRET_KEY="server-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=_database_url(),
        REDIS_URL=REDIS_URL,
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        PORT=str(port),
        **env,
    )
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(binary), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def nginx(upstream_port: int):
    """deploy/nginx/portal.conf in front of ``upstream_port``; yields nginx's port."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
    site = Template((ROOT / "deploy/nginx/portal.conf").read_text())
    (folder / "portal.conf").write_text(
        site.safe_substitute(
            PORTAL_LISTEN=f"127.0.0.1:{port}", PORTAL_UPSTREAM=f"127.0.0.1:{upstream_port}"
        )
    )
    (folder / "nginx.conf").write_text(_main_config(folder))
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def _main_config(folder: Path) -> str:
    """Only the process plumbing; every behaviour under test is in portal.conf."""
    user = "user root root;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"{kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
load_module {HEADERS_MORE};
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    {temp}
    include {folder}/portal.conf;
}}
"""


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
