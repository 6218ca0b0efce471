"""The check's hot path: a warm check asks the database nothing, and still sees changes."""

import os
from datetime import date

import pytest
from conftest import check
from django.core.cache import cache, caches

from catalogue import services
from catalogue.models import Alias, Qualification

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def trusting(settings):
    """Production's staleness: the snapshot is trusted for a minute between version queries."""
    settings.CERTIFICATE_CHECK_STALE_SECONDS = 60


def test_a_warm_check_asks_the_database_nothing(client, trusting, django_assert_num_queries):
    check(client, "一级建造师")
    check(client, "电工证")
    with django_assert_num_queries(0):
        body = check(client, "电工证")
    assert body["verdict"] == "uncertain" and body["options"]


@pytest.mark.parametrize("name", ["注册会计师证书", "茶艺师", "职业技能等级证书（电工）", "叉车证"])
def test_a_warm_check_of_a_new_name_asks_at_most_once(
    client, trusting, django_assert_max_num_queries, name
):
    check(client, "一级建造师")
    with django_assert_max_num_queries(1):
        check(client, name)


def test_a_change_through_the_catalogue_service_is_seen_by_the_next_check(
    client, trusting, maintainer, django_capture_on_commit_callbacks
):
    assert check(client, "税务师")["verdict"] == "level_evaluation"
    with django_capture_on_commit_callbacks(execute=True):  # the version moves on commit
        services.qualification_retire(
            qualification=Qualification.objects.get(name="税务师"),
            retired_on=date(2030, 1, 1),
            document="国发〔2030〕1号",
            reason="试验",
            user=maintainer,
        )
    body = check(client, "税务师")
    assert body["verdict"] == "retired"
    assert body["validity"]["document"] == "国发〔2030〕1号"


def test_a_write_round_the_services_is_seen_once_the_staleness_has_passed(
    client, settings, trusting
):
    before = check(client, "国税执业顾问")["verdict"]
    assert before != "level_evaluation"
    tax = Qualification.objects.get(name="税务师")
    Alias.objects.bulk_create(
        [Alias(qualification=tax, name="国税执业顾问")]
    )  # no service: the version stays
    assert check(client, "国税执业顾问")["verdict"] == before  # trusted for a minute
    settings.CERTIFICATE_CHECK_STALE_SECONDS = 0
    assert check(client, "国税执业顾问")["verdict"] == "level_evaluation"


_REDIS = "django.core.cache.backends.redis.RedisCache"


def _redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(params=["memory", "redis"])
def api_rate_of_three(request, settings):
    """DRF's anon rate at 3/min, counted in the test's memory cache or in Redis."""
    if request.param == "redis":
        settings.CACHES = {"default": {"BACKEND": _REDIS, "LOCATION": _redis_url()}}
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] | {"anon": "3/min"}
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": rates}
    cache.clear()
    yield
    cache.clear()


def test_the_check_api_counts_its_rate_per_client(client, api_rate_of_three):
    url = "/api/v1/certificate-check/?name=税务师"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    other = client.get(url, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_redis_counter_counts_and_expires_with_its_window(settings):
    from portal.throttling import _counted_within

    settings.CACHES = {"default": {"BACKEND": _REDIS, "LOCATION": _redis_url()}}
    store = caches["default"]
    store.delete("throttle:check:test")
    assert [_counted_within("throttle:check:test", 61, 2) for _ in range(3)] == [True, True, False]
    client = store._cache.get_client(write=True)
    assert 0 < client.ttl(store.make_key("throttle:check:test")) <= 61
    assert int(client.get(store.make_key("throttle:check:test"))) == 3
    store.delete("throttle:check:test")
