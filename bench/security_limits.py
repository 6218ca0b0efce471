"""How many guesses the limits let through, measured against real gunicorn workers.

Starts gunicorn (5 workers × 4 threads, the production settings with Redis and nginx's
TRUSTED_PROXIES=127.0.0.1) on a throwaway database, then fires 100 guesses in parallel at
each limit, from many client addresses (X-Forwarded-For, as nginx sets it) or from one,
and prints how many were answered rather than refused (429), beside the configured rate.

    python bench/security_limits.py        (REDIS_URL, default redis://127.0.0.1:6379/5)

Static files come from the finders (tests/portal/server_settings.py) so that no
collectstatic is needed for the admin login page.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import throwaway_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "9340"))
GUESSES = 100
PASSWORD = "bench-officer-password-0123"


def _env(database_url: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k != "SINGLE_PROCESS"},
        "DJANGO_SETTINGS_MODULE": "tests.portal.server_settings",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SESSION_COOKIE_SECURE": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
        "TRUSTED_PROXIES": "127.0.0.1",
        "WEB_CONCURRENCY": "5",
        "GUNICORN_THREADS": "4",
        "PORT": str(PORT),
        "LOG_LEVEL": "ERROR",
    }


def _prepare(env: dict) -> None:
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    create = (
        "from authorities.models import User; "
        f"User.objects.create_user('officer', password='{PASSWORD}', is_staff=True)"
    )
    subprocess.run([*manage, "shell", "-c", create], cwd=ROOT, env=env, check=True)
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def _post(path: str, body: bytes, headers: dict, opener=None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", body, headers)
    try:
        return (opener or urllib.request.build_opener()).open(request, timeout=180).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _login(username: str, client: str) -> int:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
    )
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/admin/login/", headers={"X-Forwarded-For": client}
    )
    page = opener.open(request, timeout=180).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"username": username, "password": "wrong", "csrfmiddlewaretoken": token}
    body = urllib.parse.urlencode(data).encode()
    return _post("/admin/login/", body, {"X-Forwarded-For": client}, opener)


def _json(path: str, data: dict, client: str) -> int:
    headers = {"Content-Type": "application/json", "X-Forwarded-For": client}
    return _post(path, json.dumps(data).encode(), headers)


def _answered(calls) -> int:
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda call: call(), calls))
    return sum(1 for answer in answers if answer != 429)


def _many(n: int) -> list[str]:
    return [f"198.51.{i // 250}.{i % 250 + 1}" for i in range(n)]


MEASURES = [
    (
        "login, one account, many addresses",
        "10 failures / 15 min",
        lambda: [lambda c=c: _login("officer", c) for c in _many(GUESSES)],
    ),
    (
        "login, one address, many accounts",
        "10 failures / 15 min",
        lambda: [lambda n=n: _login(f"user{n}", "203.0.113.7") for n in range(GUESSES)],
    ),
    (
        "verification, one number, many addresses",
        "10 / h per number",
        lambda: [
            lambda n=n, c=c: _json(
                "/api/v1/certificate-verifications/",
                {"number": "NQ-0001", "holder_name": f"张{n}"},
                c,
            )
            for n, c in enumerate(_many(GUESSES))
        ],
    ),
    (
        "verification, one address, many numbers",
        "20 / min per address",
        lambda: [
            lambda n=n: _json(
                "/api/v1/certificate-verifications/",
                {"number": f"NQ-{n:04d}", "holder_name": "张三"},
                "203.0.113.8",
            )
            for n in range(GUESSES)
        ],
    ),
    (
        "receipt codes, one address",
        "30 / h per address",
        lambda: [
            lambda n=n: _json(
                "/api/v1/reports/track/", {"receipt_code": f"X{n:011d}"}, "203.0.113.9"
            )
            for n in range(GUESSES)
        ],
    ),
]


def main() -> None:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    with throwaway_database(base, "bench_security") as url:
        env = _env(url)
        _prepare(env)
        binary = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(binary), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
        )
        try:
            _wait(server)
            print("security limits · gunicorn 5 workers × 4 threads · Redis · DEBUG=0")
            print(f"{'guesses (of ' + str(GUESSES) + ', in parallel)':44} {'answered':>9}  limit")
            for name, limit, calls in MEASURES:
                print(f"{name:44} {_answered(calls()):>9}  {limit}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait(server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    sys.exit("gunicorn did not answer /healthz within 60 s")


if __name__ == "__main__":
    main()
