"""Rate limits hold across gunicorn workers: counted in Redis, per client behind the proxy."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http.cookiejar import CookieJar

import pytest
import redis
from axes.models import AccessAttempt
from django.db.models import F

from .servers import REDIS_URL, csrf_token, gunicorn

TRIES = 30
COOLOFF = timedelta(minutes=15)  # LOGIN_COOLOFF_MINUTES' default


# One server for the module (starting workers takes seconds); the rates are its settings.
SERVER = {
    "TRUSTED_PROXIES": "127.0.0.1",
    "ENFORCEMENT_TRACK_RATE": "5/h",
    "CERTIFICATE_VERIFY_NUMBER_RATE": "10/h",
    "LOGIN_FAILURE_LIMIT": "5",
    "CSRF_COOKIE_SECURE": "0",
    "SESSION_COOKIE_SECURE": "0",
}


@pytest.fixture(scope="module")
def port(django_db_setup, django_db_blocker):
    with gunicorn(**SERVER) as port:
        yield port


@pytest.fixture(autouse=True)
def _empty_redis():
    redis.Redis.from_url(REDIS_URL).flushdb()
    yield
    redis.Redis.from_url(REDIS_URL).flushdb()


def _post_json(port: int, path: str, data: dict, client: str = "") -> int:
    headers = {"Content-Type": "application/json"}
    if client:
        headers["X-Forwarded-For"] = client
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", json.dumps(data).encode(), headers
    )
    try:
        return urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def _in_parallel(calls) -> list[int]:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_a_per_address_limit_is_counted_once_for_all_workers(port, transactional_db):
    answers = _in_parallel(
        [lambda: _post_json(port, "/api/v1/reports/track/", {"receipt_code": "x"})] * TRIES
    )
    assert answers.count(429) == TRIES - 5


def test_names_tried_for_one_number_from_many_addresses_are_counted_together(
    port, transactional_db
):
    answers = _in_parallel(
        [
            lambda n=n: _post_json(
                port,
                "/api/v1/certificate-verifications/",
                {"number": "NQ-0001", "holder_name": f"张{n}"},
                client=f"198.51.100.{n}",
            )
            for n in range(TRIES)
        ]
    )
    assert answers.count(429) == TRIES - 10


def test_behind_the_trusted_proxy_each_client_has_its_own_bucket(port, transactional_db):
    def track(client: str):
        return lambda: _post_json(port, "/api/v1/reports/track/", {"receipt_code": "x"}, client)

    answers = _in_parallel([track("203.0.113.1")] * 8 + [track("203.0.113.2")] * 8)
    assert answers[:8].count(429) == 3
    assert answers[8:].count(429) == 3


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class AdminLogin:
    """A browser at the admin login form: its own cookies and CSRF token."""

    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}/admin/login/"
        cookies = urllib.request.HTTPCookieProcessor(CookieJar())
        self.opener = urllib.request.build_opener(cookies, _NoRedirect())
        self.token = csrf_token(self.opener.open(self.url, timeout=30).read().decode())

    def attempt(self, username: str, password: str) -> int:
        data = {"username": username, "password": password, "csrfmiddlewaretoken": self.token}
        body = urllib.parse.urlencode(data).encode()
        try:
            return self.opener.open(self.url, body, timeout=30).status
        except urllib.error.HTTPError as error:  # 302 (signed in) and 429 among them
            return error.code


def test_failed_logins_for_one_username_are_counted_across_workers(
    port, transactional_db, maintainer
):
    browsers = [AdminLogin(port) for _ in range(4)]
    answers = _in_parallel(
        [lambda b=b: b.attempt("maintainer", "wrong") for b in browsers for _ in range(5)]
    )
    # At most LOGIN_FAILURE_LIMIT - 1 wrong passwords answered as such, whichever worker
    # took them (parallel attempts may lock out a little sooner, never later).
    assert 1 <= answers.count(200) <= 4
    assert browsers[0].attempt("maintainer", "pw-for-tests-only") == 429
    # The cool-off passes: the right password works again.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - COOLOFF)
    assert browsers[0].attempt("maintainer", "pw-for-tests-only") == 302
