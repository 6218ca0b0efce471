"""/api/v1/qualifications/: the catalogue list's filters and search, and the detail."""

import pytest

from .factories import make_edition, make_entry, make_qualification


def _names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def test_list_is_paginated_items_with_explicit_fields(client, small_catalogue):
    data = client.get("/api/v1/qualifications/").json()
    assert data["count"] == 7 and "next" in data
    cpa = next(row for row in data["results"] if row["name"] == "注册会计师")
    assert set(cpa) == {
        "id", "name", "name_en", "category", "kind", "status", "departments",
        "aliases", "sub_items", "editions", "retired_on", "verified", "source",
    }  # fmt: skip
    assert (cpa["departments"], cpa["aliases"], cpa["editions"]) == (
        ["财政部"],
        ["CPA"],
        [2017, 2021],
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "注册會計師"}, {"注册会计师"}),
        ({"q": "注册会计师证书"}, {"注册会计师"}),
        ({"q": "注册结构工程师"}, {"勘察设计注册工程师"}),
        ({"q": "茶艺大师"}, set()),
        ({"edition": "2021", "kind": "level-evaluation"}, {"设备监理师", "精算师"}),
        ({"edition": "2017", "kind": "access", "q": "设备监理"}, {"设备监理师"}),
        ({"category": "skilled", "edition": "2021"}, {"道路运输从业人员"}),
        ({"status": "retired"}, {"咖啡师"}),
    ],
)
def test_list_filters_as_the_catalogue_page_does(client, small_catalogue, params, expected):
    assert _names(client.get("/api/v1/qualifications/", params)) == expected


def test_list_filters_by_department(client, small_catalogue):
    department = small_catalogue.cpa.departments.get()
    response = client.get("/api/v1/qualifications/", {"department": department.pk})
    assert _names(response) == {"注册会计师"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"edition": "1999"}, "edition"),
        ({"edition": "9" * 30}, "edition"),
        ({"kind": "licence"}, "kind"),
        ({"category": "x"}, "category"),
        ({"department": "x"}, "department"),
        ({"status": "deleted"}, "status"),
        ({"q": "注" * 5000}, "q"),
    ],
)
def test_bad_filter_values_are_a_400_naming_the_filter(client, small_catalogue, params, field):
    response = client.get("/api/v1/qualifications/", params)
    assert response.status_code == 400
    assert response.json()[field]


@pytest.mark.parametrize("page", ["abc", "999", "0"])
def test_bad_page_is_a_404_with_a_message(client, small_catalogue, page):
    response = client.get("/api/v1/qualifications/", {"page": page})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_detail_has_history_editions_and_retirement(client, small_catalogue):
    barista = small_catalogue.barista
    data = client.get(f"/api/v1/qualifications/{barista.pk}/").json()
    assert (data["status"], data["retired_on"], data["retirement_batch"]) == (
        "retired",
        "2016-01-13",
        5,
    )
    (adjustment,) = data["adjustments"]
    assert (adjustment["action"], adjustment["batch"], adjustment["reason"]) == (
        "retired",
        5,
        "国务院取消",
    )
    assert "不得作为就业创业的前置条件" in data["kind_explained"]


def test_detail_lists_each_edition_as_it_listed_the_item(client, small_catalogue):
    supervisor = small_catalogue.supervisor
    entries = client.get(f"/api/v1/qualifications/{supervisor.pk}/").json()["entries"]
    assert [(e["edition"], e["name"], e["kind"]) for e in entries] == [
        (2017, "注册设备监理师", "access"),
        (2021, "设备监理师", "level-evaluation"),
    ]


def test_detail_of_unknown_qualification_is_404(client, db):
    assert client.get("/api/v1/qualifications/999999/").status_code == 404


def test_api_is_read_only(client, small_catalogue):
    assert client.post("/api/v1/qualifications/", {"name": "x"}).status_code in (401, 403)
    pk = small_catalogue.cpa.pk
    assert client.delete(f"/api/v1/qualifications/{pk}/").status_code in (401, 403)


def test_list_api_query_count_does_not_grow_with_rows(client, db, django_assert_num_queries):
    editions = [make_edition(2017), make_edition(2021)]
    for n in range(50):
        item = make_qualification(
            f"资格{n:02d}",
            departments=(f"部门{n}",),
            aliases=(f"别名{n}",),
            sub_items=(f"子项{n}",),
        )
        for edition in editions:
            make_entry(edition, item)
    # the edition filter's value, count, page (carrying departments, aliases and sub-items:
    # catalogue/listing.py), entries
    with django_assert_num_queries(4):
        response = client.get("/api/v1/qualifications/", {"edition": "2021"})
    assert len(response.json()["results"]) == 50


def test_anonymous_clients_are_throttled(client, small_catalogue, settings):
    rates = {"anon": "3/min", "user": "600/min"}
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": rates}
    statuses = [client.get("/api/v1/qualifications/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Across the API's views (one bucket), apart from the check API's, per address.
    assert client.get("/api/v1/editions/").status_code == 429
    assert client.get("/api/v1/certificate-check/", {"name": "电工证"}).status_code == 200
    assert client.get("/api/v1/editions/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_signed_in_client_is_counted_by_its_account(client, small_catalogue, settings):
    from django.contrib.auth import get_user_model

    rates = {"anon": "1/min", "user": "2/min"}
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": rates}
    client.force_login(get_user_model().objects.create_user("reader", password="x" * 20))
    statuses = [client.get("/api/v1/qualifications/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert int(client.get("/api/v1/qualifications/")["Retry-After"]) <= 60


def test_the_api_throttle_is_one_script_on_redis_per_request(client, small_catalogue, settings):
    import os

    import redis
    from django.core.cache import caches

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    caches["default"].clear()
    server = redis.Redis.from_url(url)

    def scripts_run() -> int:
        return server.info("commandstats").get("cmdstat_eval", {}).get("calls", 0)

    before = scripts_run()
    for _ in range(3):
        assert client.get("/api/v1/qualifications/").status_code == 200
    # Shared with other tests' databases on the same server: at least ours, and no list of
    # timestamps (DRF's own throttles keep one per client and scope).
    assert scripts_run() - before >= 3
    assert not server.keys("*throttle_*") and server.keys("*throttle:api:anon:127.0.0.1:*")
    caches["default"].clear()
