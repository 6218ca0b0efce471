import pytest
from django.test import override_settings

from enforcement.models import Action, Status
from enforcement.services import case_message_add, case_transition

from .conftest import submit
from .files import EXE, PDF, upload


@pytest.fixture
def reported(fuzhou):
    return submit()


def _track(client, code):
    return client.post("/track/", {"receipt_code": code})


def test_the_code_shows_the_status_and_public_timeline(client, reported):
    case, code = reported
    response = _track(client, code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "已收到举报" in html and case.organisation in html


def test_the_timeline_never_shows_internal_notes_or_officer_names(client, reported, fujian_officer):
    case, code = reported
    case_transition(case=case, actor=fujian_officer, action=Action.ACCEPT, note="内部：先核实")
    case_message_add(
        case=case, actor=fujian_officer, kind="internal_note", body="内部：疑似熟人举报"
    )
    case_message_add(
        case=case, actor=fujian_officer, kind="public_reply", body="已受理，正在核查。"
    )
    html = _track(client, code).content.decode()
    assert "已受理，正在核查。" in html and "已受理" in html
    assert "内部" not in html and fujian_officer.username not in html


def test_an_unknown_code_finds_nothing(client, reported):
    response = _track(client, "00000-00000-00000-00000")
    assert response.status_code == 404 and "没有找到" in response.content.decode()


def test_a_malformed_code_is_a_form_error(client, reported):
    response = _track(client, "abc")
    assert response.status_code == 400 and "20 位" in response.content.decode()


def test_the_reporter_can_add_information_to_an_open_case(client, reported):
    case, code = reported
    response = client.post(
        "/track/add/",
        {"receipt_code": code, "text": "又收到一张证书", "evidence": [upload("b.pdf", PDF)]},
    )
    assert response.status_code == 200 and "又收到一张证书" in response.content.decode()
    assert case.messages.get().body == "又收到一张证书" and case.evidence.count() == 1


def test_an_added_file_is_checked_like_the_first(client, reported):
    case, code = reported
    client.post(
        "/track/add/", {"receipt_code": code, "text": "x", "evidence": [upload("a.pdf", EXE)]}
    )
    assert not case.messages.exists() and not case.evidence.exists()


def test_nothing_can_be_added_to_a_closed_case(client, reported, fujian_officer):
    case, code = reported
    case_transition(
        case=case, actor=fujian_officer, action=Action.REJECT, reject_reason="out_of_scope",
        public_reply="不属于职业资格管理范围。",
    )  # fmt: skip
    html = _track(client, code).content.decode()
    assert "不能再补充材料" in html and 'name="text"' not in html
    client.post("/track/add/", {"receipt_code": code, "text": "再补充"})
    case.refresh_from_db()
    assert case.status == Status.REJECTED and not case.messages.filter(body="再补充").exists()


def test_adding_with_a_wrong_code_finds_nothing(client, reported):
    response = client.post("/track/add/", {"receipt_code": "00000-00000-00000-00000", "text": "x"})
    assert response.status_code == 404


@override_settings(ENFORCEMENT_TRACK_RATE="3/h")
def test_lookups_are_rate_limited_per_client(client, reported):
    _case, code = reported
    assert [_track(client, code).status_code for _ in range(3)] == [200, 200, 200]
    assert _track(client, code).status_code == 429
