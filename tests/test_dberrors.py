"""A database that cannot be reached answers 503 with Retry-After, JSON under /api/."""

import socket

import pytest
from django.db import connection


@pytest.fixture
def database_down(django_db_blocker):
    """The real connection pointed at a port where nothing listens, then put back."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]  # closed again before it is used
    saved = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(dead_port))
        yield
        connection.close()
        connection.settings_dict.update(saved)


def test_an_api_request_gets_a_json_503_with_retry_after(client, database_down):
    response = client.get("/api/v1/reports/statistics/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "unavailable" in response.json()["detail"]


def test_a_report_posted_to_the_api_gets_a_503(client, database_down):
    report = {"violation_type": "other", "organisation": "某单位", "region_code": "350102",
              "description": "情况"}  # fmt: skip
    response = client.post("/api/v1/reports/", report, content_type="application/json")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"


def test_a_page_gets_an_html_503_with_retry_after(client, database_down):
    response = client.get("/statistics/")
    assert response.status_code == 503 and response["Retry-After"]
    assert "暂时无法服务" in response.content.decode()
