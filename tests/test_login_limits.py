"""Failed logins are limited per address and per username; the right password works after."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F

LOGIN = "/admin/login/"


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def _login(client, username, password, ip="10.0.0.1", **headers):
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=ip, **headers).status_code


def _lift_lockouts(settings):
    """The cool-off passes: every recorded failure is as old as the cool-off."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME)


def test_one_address_trying_many_usernames_is_locked_out(client, db, limit):
    # The limit-th failure is the last one checked, and it already answers the lockout.
    answers = [_login(client, f"user{n}", "wrong") for n in range(limit + 1)]
    assert answers == [200] * (limit - 1) + [429, 429]
    assert _login(client, "someone-else", "wrong", ip="10.0.0.2") == 200


def test_one_username_tried_from_many_addresses_is_locked_out(client, maintainer, limit):
    answers = [_login(client, "maintainer", "wrong", ip=f"10.0.1.{n}") for n in range(limit)]
    assert answers == [200] * (limit - 1) + [429]
    # Even the right password, from an address never seen, while the lockout lasts.
    assert _login(client, "maintainer", "pw-for-tests-only", ip="10.0.2.1") == 429


def test_the_right_password_works_once_the_lockout_lifts(client, maintainer, limit, settings):
    for _ in range(limit + 5):
        _login(client, "maintainer", "wrong")
    assert _login(client, "maintainer", "pw-for-tests-only") == 429
    _lift_lockouts(settings)
    assert _login(client, "maintainer", "pw-for-tests-only") == 302


def test_a_success_clears_the_failures_before_it(client, maintainer, limit):
    for _ in range(limit - 1):
        _login(client, "maintainer", "wrong")
    assert _login(client, "maintainer", "pw-for-tests-only") == 302
    client.logout()
    assert [_login(client, "maintainer", "wrong") for _ in range(limit - 1)] == [200, 200]


def test_a_forged_forwarded_for_does_not_give_a_new_bucket(client, db, limit):
    answers = [
        _login(client, f"u{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(limit + 1)
    ]
    assert answers[-1] == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(client, db, limit, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(limit - 1):
        _login(client, f"u{n}", "wrong", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    locked = _login(client, "u9", "wrong", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = _login(client, "u9", "wrong", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert (locked, other) == (429, 200)


def test_the_lockout_page_says_when_to_try_again(client, db, limit):
    for n in range(limit - 1):
        _login(client, f"u{n}", "wrong")
    response = client.post(LOGIN, {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == timedelta(minutes=15).total_seconds()
