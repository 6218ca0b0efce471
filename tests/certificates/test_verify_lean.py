"""The lean verification path: the same answers as DRF's, precompiled SQL, replica reads."""

import pytest
from django.test import override_settings

from certificates import verification

URL = "/api/v1/certificate-verifications/"
GIVEN = {"number": "CPA-2020-0001", "holder_name": "张伟"}


def _json(client, data, **extra):
    return client.post(URL, data, content_type="application/json", **extra)


@pytest.mark.parametrize("status", ["valid", "revoked", "expired"])
def test_the_lean_json_answer_is_the_same_as_drfs_form_answer(client, make_certificate, status):
    make_certificate(status=status)
    lean = _json(client, GIVEN)
    drf = client.post(URL, GIVEN)  # form-encoded: answered by the DRF view
    assert lean.status_code == drf.status_code == 200
    assert lean["Content-Type"] == drf["Content-Type"] == "application/json"
    assert lean.content == drf.content
    assert lean.json()["qualification"]["url"].startswith("/catalogue/")


def test_not_found_is_the_same_on_both_paths(client, make_certificate):
    make_certificate()
    wrong = {**GIVEN, "holder_name": "李娜"}
    assert _json(client, wrong).content == client.post(URL, wrong).content
    assert _json(client, wrong).json() == {
        "outcome": "not_found",
        "qualification": None,
        "issuer": None,
        "issued_on": None,
    }


@pytest.mark.parametrize(
    "body",
    [
        {"holder_name": "张伟"},
        {"number": "", "holder_name": "张伟"},
        {"number": "CPA-2020-0001", "holder_name": "  "},
        {"number": "CPA-2020-0001"},
        {"number": 20200001, "holder_name": None},
        {"number": "C" * 65, "holder_name": "张伟"},
        {"number": "CPA\x00", "holder_name": "张伟"},
        ["CPA-2020-0001"],
    ],
)
def test_requests_that_are_not_plainly_valid_get_drfs_own_400(client, db, body):
    response = _json(client, body)
    assert response.status_code == 400
    assert response.json()  # DRF's field errors, as the schema describes them


def test_a_broken_json_body_is_drfs_400_not_a_500(client, db):
    response = client.post(URL, b'{"number": ', content_type="application/json")
    assert response.status_code == 400 and "detail" in response.json()


@override_settings(CERTIFICATE_VERIFY_RATE="2/h")
def test_a_bad_request_counts_once_against_the_limit(client, db):
    codes = [_json(client, {"number": "CPA-2020-0001"}).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_the_lookup_is_compiled_once_and_finds_what_the_orm_finds(make_certificate):
    make_certificate()  # printed with hyphens
    make_certificate(number="CPA20200002")  # printed without
    assert verification._compiled("default") is not None
    for typed in ["CPA-2020-0001", "cpa 2020 0001", "cpa 2020 0002", "CPA-2020-0002"]:
        orm = list(verification._numbered(typed).values_list(*verification._COLUMNS))
        assert len(orm) == 1
        assert list(verification._rows(typed)) == orm


def test_a_verification_page_answers_from_the_same_rows(client, make_certificate):
    make_certificate(status="revoked")
    page = client.post("/verify/", GIVEN)
    assert page.status_code == 200
    text = page.content.decode()
    assert "注册会计师" in text and "中国注册会计师协会" in text and "2020-05-01" in text


@override_settings(CERTIFICATE_VERIFY_RATE="2/h")
def test_on_redis_the_query_overlaps_the_counters_and_a_refusal_tells_nothing(
    client, make_certificate, settings
):
    """The lean path sends the counters, queries, then reads Redis once: over the limit it
    answers 429 without the certificate it looked up, and every connection is returned."""
    import redis
    from django.core.cache import caches

    from tests.portal.servers import REDIS_URL

    make_certificate()
    redis.Redis.from_url(REDIS_URL).flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    try:
        answers = [_json(client, GIVEN) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[0].json()["outcome"] == "valid"
        assert b"valid" not in answers[2].content and b"CPA" not in answers[2].content
        pool = caches["default"]._cache._get_connection_pool(True)
        assert not pool._in_use_connections
    finally:
        caches["default"].close()
        redis.Redis.from_url(REDIS_URL).flushdb()
