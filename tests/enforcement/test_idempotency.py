"""The report API takes an Idempotency-Key: sending a report again returns the first receipt."""

from enforcement.models import Case

from .conftest import GULOU_FUZHOU

REPORT = {
    "violation_type": "illegal_exams_fees",
    "organisation": "某某培训学校",
    "region_code": GULOU_FUZHOU,
    "description": "收取考证费后承诺包过。",
}


def _post(client, key, report=REPORT):
    return client.post(
        "/api/v1/reports/", report, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_a_resubmission_with_the_same_key_returns_the_first_receipt(client, fuzhou):
    first = _post(client, "retry-7f3a")
    again = _post(client, "retry-7f3a")
    assert first.status_code == again.status_code == 201
    assert again.json()["receipt_code"] == first.json()["receipt_code"]
    assert Case.objects.count() == 1


def test_different_keys_make_different_cases(client, fuzhou):
    assert (
        _post(client, "one").json()["receipt_code"] != _post(client, "two").json()["receipt_code"]
    )
    assert Case.objects.count() == 2


def test_a_key_reused_for_another_report_is_a_422(client, fuzhou):
    _post(client, "same")
    response = _post(client, "same", {**REPORT, "organisation": "另一家单位"})
    assert response.status_code == 422 and "Idempotency-Key" in str(response.json())
    assert Case.objects.count() == 1


def test_a_malformed_key_is_a_400(client, fuzhou):
    response = _post(client, "x" * 256)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()
    assert not Case.objects.exists()


def test_the_receipt_kept_for_replays_is_not_in_clear(client, fuzhou):
    from django.db import connection

    code = _post(client, "k").json()["receipt_code"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM enforcement_submission")
        assert code not in repr(cursor.fetchall())
