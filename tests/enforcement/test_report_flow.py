"""The report as a citizen meets it: form, check your answers, submit, a receipt that stays."""

import re

from enforcement.models import Case, Submission
from enforcement.views import RECEIPT_COOKIE

from .conftest import GULOU_FUZHOU
from .files import PDF, upload

FORM = {
    "violation_type": "forbidden_wording",
    "organisation": "某某职业技能评价协会",
    "region_code": GULOU_FUZHOU,
    "qualification_name": "",
    "description": "证书上印有国家字样。",
    "contact": "王女士 13800000000",
    "website": "",
    "submission_key": "form-7c1e",
}


def _code(html: str) -> str:
    return re.search(r'id="receipt-code">([^<]+)<', html).group(1)


def test_no_violation_type_is_chosen_for_the_reporter(client, fuzhou):
    html = client.get("/report/").content.decode()
    select = html.split('name="violation_type"')[1].split("</select>")[0]
    chosen = re.findall(r'<option value="([^"]*)"[^>]* selected', select)
    assert chosen in ([], [""]) and '<option value=""' in select


def test_a_valid_form_shows_the_answers_to_check_and_stores_nothing(client, fuzhou):
    response = client.post("/report/", FORM)
    html = response.content.decode()
    assert "核对举报内容" in html and "某某职业技能评价协会" in html
    assert "福建省福州市鼓楼区" in html.replace(" ", "") or "鼓楼区" in html
    assert 'action="/report/submit/"' in html and 'name="evidence"' in html
    assert not Case.objects.exists()


def test_going_back_from_the_check_keeps_every_answer(client, fuzhou):
    response = client.post("/report/", {**FORM, "step": "edit"})
    html = response.content.decode()
    assert 'value="某某职业技能评价协会"' in html and "王女士 13800000000" in html
    assert "错误" not in html.split("<main")[1]


def test_the_checked_answers_and_evidence_make_the_report(client, fuzhou):
    response = client.post("/report/submit/", {**FORM, "evidence": [upload("a.pdf", PDF)]})
    assert response["Location"] == "/report/receipt/"
    case = Case.objects.get()
    assert case.organisation == FORM["organisation"] and case.evidence.count() == 1


def test_a_failed_submit_has_an_error_summary_first_and_error_in_the_title(client, fuzhou):
    html = client.post("/report/", {**FORM, "organisation": "", "region_code": ""}).content
    html = html.decode()
    assert re.search(r"<title>错误：", html)
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_organisation"' in summary and 'href="#id_region_code"' in summary
    assert html.index('id="error-summary"') < html.index("<h1>")


def test_help_texts_and_errors_are_announced_by_the_ids_django_references(client, fuzhou):
    html = client.post("/report/", {**FORM, "description": ""}).content.decode()
    described = re.search(r'<textarea[^>]*aria-describedby="([^"]+)"', html).group(1).split()
    assert described == ["id_description_helptext", "id_description_error"]
    for id_ in described:
        assert f'id="{id_}"' in html


def test_the_receipt_code_is_never_in_the_session(client, fuzhou):
    client.post("/report/submit/", FORM)
    code = _code(client.get("/report/receipt/").content.decode())
    assert code.replace("-", "") not in str(dict(client.session)).replace("-", "")
    from django.contrib.sessions.models import Session

    assert all(code not in str(s.get_decoded()) for s in Session.objects.all())


def test_the_receipt_cookie_is_kept_to_the_receipt_path_for_half_an_hour(client, fuzhou):
    response = client.post("/report/submit/", FORM)
    cookie = response.cookies[RECEIPT_COOKIE]
    assert cookie["path"] == "/report/receipt/" and cookie["max-age"] == 1800
    assert cookie["httponly"] and cookie["samesite"] == "Strict"


def test_without_the_cookie_the_receipt_page_sends_to_tracking(client, fuzhou):
    response = client.get("/report/receipt/")
    assert response["Location"] == "/track/"


def test_the_receipt_names_the_authority_and_the_deadlines(client, fuzhou):
    client.post("/report/submit/", FORM)
    html = client.get("/report/receipt/").content.decode()
    assert fuzhou.name in html.split('id="handling-authority">')[1][:80]
    assert "15 日内决定是否受理" in html and "75 日内作出处理结论" in html


def test_the_receipt_downloads_as_a_text_file(client, fuzhou):
    client.post("/report/submit/", FORM)
    code = _code(client.get("/report/receipt/").content.decode())
    response = client.get("/report/receipt/download/")
    text = response.content.decode()
    assert response["Content-Disposition"] == f'attachment; filename="receipt-{code}.txt"'
    assert code in text and fuzhou.name in text and "http://testserver/track/" in text


def test_tracking_names_the_authority_and_the_deadlines(client, fuzhou):
    client.post("/report/submit/", FORM)
    code = _code(client.get("/report/receipt/").content.decode())
    html = client.post("/track/", {"receipt_code": code}).content.decode()
    assert fuzhou.name in html and "日内决定是否受理" in html and "日内作出处理结论" in html


def test_sending_the_same_form_twice_gives_one_case_and_the_same_receipt(client, fuzhou):
    client.post("/report/submit/", FORM)
    first = _code(client.get("/report/receipt/").content.decode())
    client.post("/report/submit/", FORM)
    assert _code(client.get("/report/receipt/").content.decode()) == first
    assert Case.objects.count() == 1 and Submission.objects.count() == 1
