from datetime import datetime, timedelta

from django.test import override_settings

from enforcement.models import Action, Case
from enforcement.services import case_message_add, case_transition

from .conftest import GULOU_FUZHOU, submit
from .files import EXE, PDF, upload

REPORT = {
    "violation_type": "level_tied_to_employment",
    "organisation": "某某人力资源公司",
    "region_code": GULOU_FUZHOU,
    "description": "招聘要求持有水平评价类证书方可上岗。",
}


def test_a_report_posted_as_json_returns_a_receipt(client, fuzhou):
    response = client.post("/api/v1/reports/", REPORT, content_type="application/json")
    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "received" and body["authority"] == fuzhou.name
    assert "唯一凭证" in body["notice"]
    assert Case.objects.by_receipt(body["receipt_code"]).organisation == REPORT["organisation"]


def test_a_report_with_evidence_can_be_posted_as_multipart(client, fuzhou):
    response = client.post("/api/v1/reports/", {**REPORT, "evidence": [upload("a.pdf", PDF)]})
    assert response.status_code == 201
    assert Case.objects.get().evidence.count() == 1


def test_bad_evidence_is_a_400_naming_the_file(client, fuzhou):
    response = client.post("/api/v1/reports/", {**REPORT, "evidence": [upload("x.pdf", EXE)]})
    assert response.status_code == 400 and "x.pdf" in str(response.json())
    assert not Case.objects.exists()


def test_an_unknown_region_is_a_400(client, fuzhou):
    response = client.post(
        "/api/v1/reports/", {**REPORT, "region_code": "350199"}, content_type="application/json"
    )
    assert response.status_code == 400 and "region_code" in response.json()


def test_tracking_returns_the_public_timeline_only(client, fuzhou, fujian_officer):
    case, code = submit()
    case_transition(case=case, actor=fujian_officer, action=Action.ACCEPT, note="内部说明")
    case_message_add(case=case, actor=fujian_officer, kind="internal_note", body="内部记录")
    response = client.post("/api/v1/reports/track/", {"receipt_code": code}, "application/json")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "assigned"
    assert [entry["title"] for entry in body["timeline"]] == ["已收到举报", "已受理"]
    assert "内部" not in str(body) and fujian_officer.username not in str(body)
    assert "contact" not in body


def test_tracking_an_unknown_code_is_404(client, fuzhou):
    response = client.post(
        "/api/v1/reports/track/", {"receipt_code": "00000-00000-00000-00000"}, "application/json"
    )
    assert response.status_code == 404


def test_the_reporter_adds_information_through_the_api(client, fuzhou):
    case, code = submit()
    response = client.post(
        "/api/v1/reports/track/additions/", {"receipt_code": code, "text": "补充：收费 800 元"}
    )
    assert response.status_code == 201
    assert response.json()["timeline"][-1]["body"] == "补充：收费 800 元"


@override_settings(ENFORCEMENT_REPORT_RATE="1/h")
def test_the_api_shares_the_submission_rate_limit(client, fuzhou):
    assert client.post("/api/v1/reports/", REPORT, "application/json").status_code == 201
    response = client.post("/api/v1/reports/", REPORT, "application/json")
    assert response.status_code == 429 and "detail" in response.json()


@override_settings(RATELIMIT_ENABLE=False, ENFORCEMENT_REPORT_RATE="1/h")
def test_the_rate_limit_can_be_switched_off(client, fuzhou):
    statuses = {
        client.post("/api/v1/reports/", REPORT, "application/json").status_code for _ in range(3)
    }
    assert statuses == {201}


def test_the_schema_documents_the_report_endpoints(client, db):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/reports/" in schema and "/api/v1/reports/statistics/" in schema


def test_without_any_authority_on_record_a_report_is_a_clear_400(client, db):
    response = client.post("/api/v1/reports/", REPORT, content_type="application/json")
    assert response.status_code == 400 and "尚未登记受理机关" in str(response.json())


def test_the_case_api_lists_only_the_officers_region_without_contacts(
    client, fuzhou, guangzhou, fujian_officer, guangzhou_officer
):
    fujian_case, _ = submit()
    submit(region_code="440106")
    client.force_login(fujian_officer)
    body = client.get("/api/v1/cases/").json()
    assert [row["id"] for row in body["results"]] == [fujian_case.pk]
    assert "contact" not in body["results"][0] and "13800000000" not in str(body)
    client.force_login(guangzhou_officer)
    assert fujian_case.pk not in [r["id"] for r in client.get("/api/v1/cases/").json()["results"]]


def test_the_case_api_shares_the_queue_filters(client, fuzhou, fujian_officer):
    submit()
    revived, _ = submit(violation_type="revived")
    client.force_login(fujian_officer)
    body = client.get("/api/v1/cases/", {"violation_type": "revived"}).json()
    assert [row["id"] for row in body["results"]] == [revived.pk]


def test_the_case_api_is_closed_to_the_public_and_other_roles(client, fuzhou, maintainer):
    submit()
    assert client.get("/api/v1/cases/").status_code in (401, 403)
    client.force_login(maintainer)
    assert client.get("/api/v1/cases/").status_code == 403


def test_tracking_gives_the_deadlines_to_accept_and_to_answer(client, fuzhou):
    case, code = submit()
    body = client.post("/api/v1/reports/track/", {"receipt_code": code}, "application/json").json()
    assert body["authority"] == fuzhou.name
    accept_by = datetime.fromisoformat(body["accept_by"])
    answer_by = datetime.fromisoformat(body["answer_by"])
    assert accept_by - case.created_at == timedelta(days=15)
    assert answer_by - accept_by == timedelta(days=75)
