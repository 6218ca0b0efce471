"""All rate-limit counters of a request in one Redis round trip (portal/ratelimits.py)."""

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from django_ratelimit.core import get_usage
from redis.connection import Connection

from portal.ratelimits import Limit, limit_exceeded, limits_counting

from .servers import REDIS_URL

REDIS_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}
PER_ADDRESS = Limit("test-per-address", "TEST_ADDRESS_RATE")
PER_NUMBER = Limit("test-per-number", "TEST_NUMBER_RATE", key=lambda group, request: "NQ0001")


@pytest.fixture
def on_redis():
    redis.Redis.from_url(REDIS_URL).flushdb()
    with override_settings(CACHES=REDIS_CACHES, TEST_ADDRESS_RATE="3/m", TEST_NUMBER_RATE="5/h"):
        yield caches["default"]
    caches["default"].close()
    redis.Redis.from_url(REDIS_URL).flushdb()


def _post(address: str = "203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def _round_trips(monkeypatch) -> list:
    """Counts the answers read from Redis: one per round trip (a spy, not a stand-in)."""
    reads = []
    read_response = Connection.read_response

    def counted(self, *args, **kwargs):
        reads.append(1)
        return read_response(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "read_response", counted)
    return reads


def test_both_limits_are_counted_in_one_round_trip(on_redis, monkeypatch):
    limit_exceeded(_post(), (PER_ADDRESS, PER_NUMBER))  # loads the script once
    reads = _round_trips(monkeypatch)
    assert limit_exceeded(_post(), (PER_ADDRESS, PER_NUMBER)) is False
    assert len(reads) == 1


def test_the_counters_are_django_ratelimits_keys_with_an_expiry(on_redis):
    request = _post()
    for _ in range(2):
        limit_exceeded(request, (PER_ADDRESS, PER_NUMBER))
    usage = get_usage(request, group="test-per-address", key="ip", rate="3/m", method=("POST",))
    assert usage["count"] == 2
    usage = get_usage(
        request, group="test-per-number", key=PER_NUMBER.key, rate="5/h", method=("POST",)
    )
    assert usage["count"] == 2
    client = on_redis._cache.get_client(write=True)
    ttls = [client.ttl(key) for key in client.keys("*rl:*")]
    assert len(ttls) == 2 and all(0 < ttl <= 3600 + 5 for ttl in ttls)


def test_the_limit_answers_over_its_rate_and_per_address(on_redis):
    answers = [limit_exceeded(_post(), (PER_ADDRESS,)) for _ in range(5)]
    assert answers == [False, False, False, True, True]
    assert limit_exceeded(_post("203.0.113.8"), (PER_ADDRESS,)) is False


def test_a_request_refused_by_the_first_limit_does_not_count_against_the_second(on_redis):
    for _ in range(6):
        limit_exceeded(_post(), (PER_ADDRESS, PER_NUMBER))
    # 3 allowed, 3 refused by the address limit: the number counted only the first 4
    # (the 4th is counted by the address limit, refused, and stops there).
    usage = get_usage(
        _post(), group="test-per-number", key=PER_NUMBER.key, rate="5/h", method=("POST",)
    )
    assert usage["count"] == 3
    # From other addresses the number's own limit still holds: 2 more, then refused.
    others = [limit_exceeded(_post(f"198.51.100.{n}"), (PER_ADDRESS, PER_NUMBER)) for n in range(4)]
    assert others == [False, False, True, True]


def test_a_get_is_not_counted_by_a_post_limit(on_redis):
    get = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    assert not any(limit_exceeded(get, (PER_ADDRESS,)) for _ in range(10))


@override_settings(TEST_ADDRESS_RATE="2/m", TEST_NUMBER_RATE="5/h")
def test_per_process_memory_counts_alike(settings):
    caches["default"].clear()
    answers = [limit_exceeded(_post(), (PER_ADDRESS, PER_NUMBER)) for _ in range(4)]
    assert answers == [False, False, True, True]


@override_settings(CACHES=REDIS_CACHES, TEST_ADDRESS_RATE="1/m")
def test_redis_out_of_reach_refuses_unless_told_to_fail_open(settings):
    settings.CACHES = {
        "default": {**REDIS_CACHES["default"], "LOCATION": "redis://127.0.0.1:9199/0"}
    }
    assert limit_exceeded(_post(), (PER_ADDRESS,)) is True
    settings.RATELIMIT_FAIL_OPEN = True
    assert limit_exceeded(_post(), (PER_ADDRESS,)) is False


def test_the_counters_use_the_caches_own_pool_and_return_its_connection(on_redis, monkeypatch):
    """Django's RedisCache builds a new redis client per call: counting must not (one
    client kept alive per request before); every connection goes back to the one pool."""
    limit_exceeded(_post(), (PER_ADDRESS, PER_NUMBER))
    built = []
    get_client = type(on_redis._cache).get_client
    monkeypatch.setattr(
        type(on_redis._cache),
        "get_client",
        lambda self, *a, **k: built.append(1) or get_client(self, *a, **k),
    )
    answers = [limit_exceeded(_post(), (PER_ADDRESS,)) for _ in range(4)]
    assert answers == [False, False, True, True]  # still counted: 1 before + 2 allowed
    assert built == []
    pool = on_redis._cache._get_connection_pool(True)
    assert len(pool._available_connections) == 1 and not pool._in_use_connections


def test_counters_sent_are_answered_after_other_work(on_redis, monkeypatch):
    """limits_counting: one answer read, after what the caller did in between."""
    limit_exceeded(_post("198.51.100.1"), (PER_ADDRESS,))  # connected (its handshake read)
    reads = _round_trips(monkeypatch)
    with limits_counting(_post(), (PER_ADDRESS, PER_NUMBER)) as exceeded:
        assert reads == []  # sent, not yet waited for
        assert exceeded() is False and exceeded() is False
    assert len(reads) == 1
    for _ in range(2):
        limit_exceeded(_post(), (PER_ADDRESS,))
    with limits_counting(_post(), (PER_ADDRESS,)) as exceeded:
        assert exceeded() is True


def test_counters_never_read_close_their_connection(on_redis):
    """A caller that fails before asking leaves no reply pending on a pooled connection."""
    pool = on_redis._cache._get_connection_pool(True)
    with pytest.raises(ZeroDivisionError), limits_counting(_post(), (PER_ADDRESS,)):
        1 / 0  # noqa: B018
    assert not pool._in_use_connections
    assert all(c._sock is None for c in pool._available_connections)
    assert limit_exceeded(_post(), (PER_ADDRESS,)) is False  # counted twice: 2 of 3
    assert limit_exceeded(_post(), (PER_ADDRESS,)) is False
    assert limit_exceeded(_post(), (PER_ADDRESS,)) is True
