"""Staff sessions: 8 hours at most, 30 minutes of idleness ends them."""

import time

from portal.middleware import StaffSessionMiddleware

CASES = "/cases/"


def _age_session(client, *, started_ago: int, seen_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[StaffSessionMiddleware.STARTED] = now - started_ago
    session[StaffSessionMiddleware.SEEN] = now - seen_ago
    session.save()


def test_a_session_lasts_eight_hours_at_most(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_an_active_officer_stays_signed_in(client, fujian_officer):
    client.force_login(fujian_officer)
    _age_session(client, started_ago=3600, seen_ago=29 * 60)
    assert client.get(CASES).status_code == 200


def test_thirty_idle_minutes_sign_the_officer_out(client, fujian_officer):
    client.force_login(fujian_officer)
    _age_session(client, started_ago=3600, seen_ago=31 * 60)
    assert client.get(CASES).status_code == 302
    assert client.get(CASES).status_code == 302


def test_eight_hours_after_sign_in_the_session_ends_however_active(client, fujian_officer):
    client.force_login(fujian_officer)
    _age_session(client, started_ago=8 * 3600 + 60, seen_ago=10)
    assert client.get(CASES).status_code == 302
