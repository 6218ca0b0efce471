"""The permission matrix: every role against every case page and action."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enforcement.models import Action, Status
from enforcement.services import case_transition

from .conftest import submit
from .files import PDF, upload

TAIJIANG_FUZHOU = "350103"  # 台江区: no county bureau in the fixtures, so Fuzhou's case
SEES = {"fujian_officer", "fuzhou_officer", "ministry_officer"}
EVERYONE = [
    "maintainer",
    "fujian_publisher",
    "fujian_officer",
    "fuzhou_officer",
    "gulou_officer",
    "guangzhou_officer",
    "ministry_officer",
]


@pytest.fixture
def case(fuzhou, gulou, django_capture_on_commit_callbacks):
    # Evidence reaches its final name when the report's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        case, _code = submit(region_code=TAIJIANG_FUZHOU, files=[upload("proof.pdf", PDF)])
    assert case.authority == fuzhou
    return case


def _as(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    return user


def _requests(case):
    evidence = case.evidence.get()
    return {
        "list": ("get", "/cases/", {}),
        "detail": ("get", f"/cases/{case.pk}/", {}),
        "evidence": ("get", f"/cases/{case.pk}/evidence/{evidence.pk}/", {}),
        "transition": ("post", f"/cases/{case.pk}/transition/", {"action": "accept"}),
        "message": ("post", f"/cases/{case.pk}/messages/", {"kind": "internal_note", "body": "记"}),
    }


@pytest.mark.parametrize("view", ["list", "detail", "evidence", "transition", "message"])
def test_anonymous_visitors_are_sent_to_log_in(client, case, view):
    method, url, data = _requests(case)[view]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("view", ["detail", "evidence", "transition", "message"])
def test_only_officers_over_the_region_see_or_act_on_a_case(client, request, case, role, view):
    _as(client, request, role)
    method, url, data = _requests(case)[view]
    response = getattr(client, method)(url, data)
    expected = ({"transition": 302, "message": 302}.get(view, 200)) if role in SEES else 404
    assert response.status_code == expected
    case.refresh_from_db()
    acted = case.status == Status.ASSIGNED or case.messages.exists()
    assert acted == (role in SEES and view in ("transition", "message"))


NOT_OFFICERS = {"maintainer", "fujian_publisher"}


@pytest.mark.parametrize("role", sorted(set(EVERYONE) - NOT_OFFICERS))
def test_the_queue_lists_only_cases_of_the_officers_region(client, request, case, role):
    _as(client, request, role)
    response = client.get("/cases/")
    assert response.status_code == 200
    listed = [c.pk for c in response.context["page"].object_list]
    assert listed == ([case.pk] if role in SEES else [])


@pytest.mark.parametrize("role", sorted(NOT_OFFICERS))
def test_staff_who_are_not_officers_are_refused_the_queue(client, request, case, role):
    _as(client, request, role)
    response = client.get("/cases/")
    assert response.status_code == 403


def test_a_city_officer_of_another_province_gets_404_by_url(client, case, guangzhou_officer):
    client.force_login(guangzhou_officer)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk + 1000}/").status_code == 404


def test_the_contact_is_shown_only_to_the_assigned_officer(
    client, case, fuzhou_officer, fujian_officer
):
    case_transition(case=case, actor=fuzhou_officer, action=Action.ACCEPT)
    client.force_login(fuzhou_officer)
    assert "13800000000" in client.get(f"/cases/{case.pk}/").content.decode()
    client.force_login(fujian_officer)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "13800000000" not in html and "仅承办人可见" in html


def test_before_assignment_nobody_sees_the_contact(client, case, fuzhou_officer):
    client.force_login(fuzhou_officer)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "13800000000" not in html and "仅承办人可见" in html


def test_evidence_is_served_as_a_private_download(client, case, fuzhou_officer):
    client.force_login(fuzhou_officer)
    evidence = case.evidence.get()
    response = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_an_officer_concludes_from_the_case_page(client, case, fuzhou_officer):
    client.force_login(fuzhou_officer)
    url = f"/cases/{case.pk}/transition/"
    for data in (
        {"action": "accept"},
        {"action": "investigate", "note": "约谈该协会"},
        {"action": "conclude", "outcome": "substantiated", "measures": "责令收回证书",
         "public_reply": "感谢举报。"},
    ):  # fmt: skip
        assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome, case.assignee) == (
        Status.CONCLUDED,
        "substantiated",
        fuzhou_officer,
    )


def test_a_forbidden_action_on_the_page_is_a_clear_error(client, case, fuzhou_officer):
    client.force_login(fuzhou_officer)
    response = client.post(f"/cases/{case.pk}/transition/", {"action": "close"})
    assert response.status_code == 400
    assert "action" in response.context["transition_form"].errors


def test_concluding_without_measures_is_a_form_error(client, case, fuzhou_officer):
    client.force_login(fuzhou_officer)
    url = f"/cases/{case.pk}/transition/"
    client.post(url, {"action": "accept"})
    client.post(url, {"action": "investigate"})
    response = client.post(url, {"action": "conclude", "outcome": "substantiated"})
    assert response.status_code == 400
    assert "measures" in response.context["transition_form"].errors


def test_overdue_cases_come_first_in_the_queue(client, fuzhou, fuzhou_officer):
    from datetime import timedelta

    from django.utils import timezone

    from enforcement.models import Case

    fresh, _ = submit(organisation="甲")
    late, _ = submit(organisation="乙")
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2))
    client.force_login(fuzhou_officer)
    listed = list(client.get("/cases/").context["page"].object_list)
    assert [c.pk for c in listed] == [late.pk, fresh.pk] and listed[0].is_overdue
    only_late = client.get("/cases/", {"overdue": "true"}).context["page"].object_list
    assert [c.pk for c in only_late] == [late.pk]


def test_a_report_like_an_open_case_is_flagged_to_officers(client, fuzhou, fuzhou_officer):
    first, _ = submit(organisation="某某 职业技能评价协会")
    second, _ = submit(organisation="某某职业技能评价协会")
    other, _ = submit(organisation="某某职业技能评价协会", violation_type="other")
    client.force_login(fuzhou_officer)
    html = client.get(f"/cases/{second.pk}/").content.decode()
    assert 'id="match-hint"' in html and f"/cases/{first.pk}/" in html
    assert f"/cases/{other.pk}/" not in html.split('id="match-hint"')[1].split("</div>")[0]
    flags = {c.pk: c.has_match for c in client.get("/cases/").context["page"].object_list}
    assert flags == {first.pk: True, second.pk: True, other.pk: False}


def test_the_queue_costs_the_same_queries_for_one_case_or_many(client, fuzhou, fuzhou_officer):
    client.force_login(fuzhou_officer)
    submit()
    client.get("/cases/")
    with CaptureQueriesContext(connection) as one:
        client.get("/cases/")
    for _ in range(5):
        submit()
    with CaptureQueriesContext(connection) as many:
        client.get("/cases/")
    assert len(many) == len(one) <= 8


def test_reassigning_outside_the_region_returns_the_officer_to_the_queue(
    client, case, fuzhou_officer, guangzhou
):
    client.force_login(fuzhou_officer)
    response = client.post(
        f"/cases/{case.pk}/transition/",
        {
            "action": "reassign",
            "authority": guangzhou.pk,
            "region_code": "440106",
            "note": "单位注册地在广州",
        },
    )
    assert response["Location"] == "/cases/"
    case.refresh_from_db()
    assert case.authority == guangzhou and case.status == Status.RECEIVED
    assert client.get(f"/cases/{case.pk}/").status_code == 404
