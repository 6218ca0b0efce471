"""The API takes the session of a signed-in user, never an HTTP Basic password."""

import base64

from enforcement import services


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def _report():
    return services.report_submit(
        violation_type="forbidden_wording",
        organisation="某某职业技能评价协会",
        region_code="350000",
        description="证书上印有“国家职业资格”字样。",
        contact="",
    )


def test_the_right_basic_password_opens_nothing(client, fujian_officer):
    _report()
    response = client.get(
        "/api/v1/cases/", HTTP_AUTHORIZATION=_basic("fujian-officer", "pw-for-tests-only")
    )
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_a_signed_in_officer_reads_the_queue_with_the_session(client, fujian_officer):
    _report()
    client.force_login(fujian_officer)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_the_schema_offers_no_basic_authentication(client, db):
    schema = client.get("/api/schema/?format=json").json()
    schemes = schema.get("components", {}).get("securitySchemes", {})
    assert all(scheme.get("scheme") != "basic" for scheme in schemes.values())
