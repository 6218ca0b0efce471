"""X-Forwarded-Proto and X-Forwarded-For count only from a configured trusted proxy."""

import pytest

PROXY_SSL = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.fixture
def behind_proxy(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = PROXY_SSL


def test_an_untrusted_peer_cannot_claim_https(client, behind_proxy):
    response = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.9")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_the_trusted_proxy_may_say_the_client_used_https(client, behind_proxy):
    response = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200


def test_without_a_trusted_proxy_the_header_is_never_read(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = []
    response = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 301


def test_a_changed_list_of_proxies_is_believed_at_once(settings):
    """The answer per address is cached, keyed by the list itself."""
    from portal.clientip import is_trusted_proxy

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert is_trusted_proxy("127.0.0.1") and not is_trusted_proxy("10.0.0.5")
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert is_trusted_proxy("10.0.0.5") and not is_trusted_proxy("127.0.0.1")
    assert not is_trusted_proxy("not an address")
