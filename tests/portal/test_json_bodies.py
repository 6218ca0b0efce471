"""JSON bodies of public writes: deep nesting is a 400, an oversized body a 413."""

import pytest

PUBLIC_WRITES = [
    "/api/v1/reports/",
    "/api/v1/reports/track/",
    "/api/v1/reports/track/additions/",
    "/api/v1/certificate-verifications/",
]


def _post(client, url, body: str):
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize("url", PUBLIC_WRITES)
def test_json_nested_a_hundred_thousand_levels_is_a_400(client, db, url):
    response = _post(client, url, "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize("url", PUBLIC_WRITES)
def test_json_nested_past_the_depth_limit_is_a_400(client, db, settings, url):
    depth = settings.JSON_MAX_DEPTH + 1
    response = _post(client, url, '{"a":' * depth + "1" + "}" * depth)
    assert response.status_code == 400


@pytest.mark.parametrize("url", PUBLIC_WRITES)
def test_a_json_body_over_the_cap_is_a_413(client, db, settings, url):
    body = '{"text": "' + "x" * settings.JSON_BODY_MAX_BYTES + '"}'
    assert _post(client, url, body).status_code == 413


def test_a_malformed_json_body_is_a_400(client, db):
    assert _post(client, "/api/v1/reports/track/", '{"receipt_code": ').status_code == 400
