"""Health endpoints, read routing and edge-cache marking, on one PostgreSQL (no replica).

The topology with a real replica and proxy is tested in tests/deploy/test_scale_out.py.
"""

import threading

import pytest
from django.test import RequestFactory, override_settings

from portal import dbrouting
from portal.edgecache import shareable

factory = RequestFactory()


def test_liveness_answers_without_asking_anything(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_the_primary_and_no_replica(client, db):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["ready"] is True
    assert body["primary"] == {"reachable": True} and body["replicas"] == []
    assert body["redis"] == {"reachable": None}


def test_only_anonymous_reads_without_a_pin_may_use_a_replica():
    assert dbrouting.reads_from_replica(factory.get("/catalogue/"))
    assert not dbrouting.reads_from_replica(factory.post("/api/v1/reports/"))
    assert not dbrouting.reads_from_replica(factory.get("/admin/"))
    with_session = factory.get("/catalogue/", HTTP_COOKIE="sessionid=abc")
    pinned = factory.get("/catalogue/", HTTP_COOKIE=f"{dbrouting.PIN_COOKIE}=1")
    assert not dbrouting.reads_from_replica(with_session)
    assert not dbrouting.reads_from_replica(pinned)


def test_without_replicas_every_read_goes_to_the_primary():
    router = dbrouting.ReplicaRouter()
    token = dbrouting._use_primary.set(False)
    try:
        assert router.db_for_read(None) == dbrouting.PRIMARY
    finally:
        dbrouting._use_primary.reset(token)
    assert router.db_for_write(None) == dbrouting.PRIMARY
    assert router.allow_migrate("replica1", "catalogue") is False


@override_settings(EDGE_CACHE_SECONDS=5)
def test_an_anonymous_api_answer_is_marked_shareable_for_the_proxy(client, db):
    response = client.get("/api/v1/editions/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=5" and response.has_header("ETag")


@override_settings(EDGE_CACHE_SECONDS=5)
def test_a_page_with_a_form_or_a_session_is_never_marked_shareable(client, db):
    form_page = client.get("/report/")
    assert "public" not in form_page.get("Cache-Control", "")
    client.cookies["sessionid"] = "someone"
    assert "public" not in client.get("/api/v1/editions/").get("Cache-Control", "")


@override_settings(EDGE_CACHE_SECONDS=0)
def test_edge_caching_is_off_by_default(client, db):
    request, response = factory.get("/api/v1/editions/"), client.get("/api/v1/editions/")
    assert not shareable(request, response)
    assert "public" not in response.get("Cache-Control", "")


def test_metrics_count_requests_and_sql_statements_for_this_host(client, db):
    client.get("/api/v1/editions/")
    text = client.get("/metrics").content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert 'django_db_execute_total{alias="default",vendor="postgresql"}' in text


def test_every_statement_is_timed_once_however_many_requests(client, db):
    from django.db import connection
    from django_prometheus.db import execute_total

    def counted() -> float:
        return execute_total.labels("default", "postgresql")._value.get()

    client.get("/api/v1/editions/")  # installs the timing wrapper on this connection
    wrappers = len(connection.execute_wrappers)
    before = counted()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert counted() == before + 1  # counted by the wrapper that stays
    client.get("/api/v1/editions/")
    assert len(connection.execute_wrappers) == wrappers  # not one more per request

    def mine(execute, sql, params, many, context):
        return execute(sql, params, many, context)

    def fresh_thread() -> None:  # its own connection object, no timing wrapper yet
        from django.db import connection as its_own

        try:
            with its_own.execute_wrapper(mine):  # entered before the middleware installs ours
                client.get("/healthz")
                its_own.ensure_connection()
                client.get("/api/v1/editions/")
            left.extend(its_own.execute_wrappers)
        finally:
            its_own.close()

    left: list = []
    thread = threading.Thread(target=fresh_thread)
    thread.start()
    thread.join()
    assert len(left) == 1 and left[0] is not mine  # ours stayed, Django's own came and went


def test_metrics_are_hidden_from_other_addresses(client, db):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


@pytest.mark.parametrize("trusted", [[], ["127.0.0.1"]])
@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"])
def test_metrics_are_hidden_from_clients_behind_a_proxy_on_this_host(client, db, header, trusted):
    # nginx on the same host: the peer is an allowed address, the client is not (whether or
    # not the proxy is among TRUSTED_PROXIES).
    with override_settings(TRUSTED_PROXIES=trusted):
        assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
        forwarded = client.get("/metrics", REMOTE_ADDR="127.0.0.1", **{header: "203.0.113.9"})
        assert forwarded.status_code == 404
