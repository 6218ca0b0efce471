from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from enforcement.models import (
    TRANSITIONS,
    Action,
    Case,
    Message,
    Status,
    Transition,
    TransitionNotAllowed,
)
from enforcement.services import case_transition

# What each action needs to succeed; the authority for reassignment is set in the test.
COMPLETE = {
    Action.CONCLUDE: {"outcome": "substantiated", "measures": "责令停止发证"},
    Action.REJECT: {"reject_reason": "duplicate", "public_reply": "与已受理的案件重复。"},
    Action.REOPEN: {"note": "举报人补充了新证据"},
    Action.REASSIGN: {"note": "单位实际在厦门"},
}
PATH_TO = {
    Status.RECEIVED: [],
    Status.ASSIGNED: [Action.ACCEPT],
    Status.INVESTIGATING: [Action.ACCEPT, Action.INVESTIGATE],
    Status.CONCLUDED: [Action.ACCEPT, Action.INVESTIGATE, Action.CONCLUDE],
    Status.CLOSED: [Action.ACCEPT, Action.INVESTIGATE, Action.CONCLUDE, Action.CLOSE],
    Status.REJECTED: [Action.REJECT],
}
ALLOWED = {
    (Status.RECEIVED, Action.ACCEPT): Status.ASSIGNED,
    (Status.RECEIVED, Action.REJECT): Status.REJECTED,
    (Status.RECEIVED, Action.REASSIGN): Status.RECEIVED,
    (Status.ASSIGNED, Action.INVESTIGATE): Status.INVESTIGATING,
    (Status.ASSIGNED, Action.REJECT): Status.REJECTED,
    (Status.ASSIGNED, Action.REASSIGN): Status.RECEIVED,
    (Status.INVESTIGATING, Action.CONCLUDE): Status.CONCLUDED,
    (Status.INVESTIGATING, Action.REJECT): Status.REJECTED,
    (Status.INVESTIGATING, Action.REASSIGN): Status.RECEIVED,
    (Status.CONCLUDED, Action.CLOSE): Status.CLOSED,
    (Status.CLOSED, Action.REOPEN): Status.INVESTIGATING,
}


def _move(case, officer, action, **extra):
    values = {**COMPLETE.get(action, {}), **extra}
    return case_transition(case=case, actor=officer, action=action, **values)


def _bring(case, officer, status):
    for action in PATH_TO[status]:
        case = _move(case, officer, action)
    return case


def test_the_table_allows_exactly_the_documented_moves():
    table = {(s, a): rule.target for a, rule in TRANSITIONS.items() for s in rule.sources}
    assert table == ALLOWED


@pytest.mark.parametrize(("status", "action"), sorted(ALLOWED))
def test_every_allowed_transition_moves_and_is_logged(
    status, action, fuzhou_case, fujian_officer, fujian
):
    case = _bring(fuzhou_case, fujian_officer, status)
    extra = {"authority": fujian} if action == Action.REASSIGN else {}
    case = _move(case, fujian_officer, action, **extra)
    case.refresh_from_db()
    assert case.status == ALLOWED[(status, action)]
    last = case.transitions.last()
    assert (last.action, last.from_status, last.to_status) == (action, status, case.status)
    assert last.actor == fujian_officer and last.at is not None


FORBIDDEN = [(s, a) for s in Status.values for a in Action.values if (s, a) not in ALLOWED]


@pytest.mark.parametrize(("status", "action"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(
    status, action, fuzhou_case, fujian_officer, fujian
):
    case = _bring(fuzhou_case, fujian_officer, status)
    logged = case.transitions.count()
    with pytest.raises(TransitionNotAllowed):
        _move(case, fujian_officer, action, authority=fujian)
    case.refresh_from_db()
    assert case.status == status and case.transitions.count() == logged


def test_an_unknown_action_is_refused(fuzhou_case, fujian_officer):
    with pytest.raises(TransitionNotAllowed):
        case_transition(case=fuzhou_case, actor=fujian_officer, action="delete")


@pytest.mark.parametrize(
    ("action", "missing"),
    [
        (Action.CONCLUDE, "outcome"),
        (Action.CONCLUDE, "measures"),
        (Action.REJECT, "reject_reason"),
        (Action.REJECT, "public_reply"),
        (Action.REOPEN, "note"),
        (Action.REASSIGN, "note"),
        (Action.REASSIGN, "authority"),
    ],
)
def test_an_action_without_its_required_field_is_refused(
    action, missing, fuzhou_case, fujian_officer, fujian
):
    source = next(s for (s, a) in ALLOWED if a == action)
    case = _bring(fuzhou_case, fujian_officer, source)
    values = {
        **COMPLETE.get(action, {}),
        "authority": fujian,
        missing: "" if missing != "authority" else None,
    }
    with pytest.raises(ValidationError) as raised:
        case_transition(case=case, actor=fujian_officer, action=action, **values)
    assert missing in raised.value.message_dict
    case.refresh_from_db()
    assert case.status == source


def test_reassigning_moves_the_case_and_records_both_authorities(
    fuzhou_case, fujian_officer, fuzhou, fujian
):
    case = _move(
        _bring(fuzhou_case, fujian_officer, Status.ASSIGNED),
        fujian_officer,
        Action.REASSIGN,
        authority=fujian,
    )
    assert (case.authority, case.assignee, case.status) == (fujian, None, Status.RECEIVED)
    last = case.transitions.last()
    assert (last.from_authority, last.to_authority, last.note) == (fuzhou, fujian, "单位实际在厦门")


def test_reassigning_to_the_same_authority_is_refused(fuzhou_case, fujian_officer, fuzhou):
    with pytest.raises(ValidationError):
        _move(fuzhou_case, fujian_officer, Action.REASSIGN, authority=fuzhou)


def test_concluding_posts_the_outcome_and_measures_as_a_public_reply(fuzhou_case, fujian_officer):
    case = _bring(fuzhou_case, fujian_officer, Status.CONCLUDED)
    reply = case.messages.public().get()
    assert "查证属实" in reply.body and "责令停止发证" in reply.body


def test_the_transition_log_is_append_only(fuzhou_case):
    entry = fuzhou_case.transitions.get()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        Transition.objects.filter(pk=entry.pk).delete()
    with pytest.raises(TypeError):
        Message.objects.all().update(body="x")


def test_the_database_refuses_to_rewrite_the_log(fuzhou_case):
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE enforcement_transition SET note = 'rewritten'")


def test_the_database_refuses_a_concluded_case_without_outcome(fuzhou_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=fuzhou_case.pk).update(status=Status.CONCLUDED)


@override_settings(ENFORCEMENT_DEADLINE_DAYS={"received": 15, "investigating": 60})
def test_each_state_gets_its_configured_deadline(fuzhou_case, fujian_officer):
    case = _move(fuzhou_case, fujian_officer, Action.ACCEPT)
    assert case.due_at is None  # "assigned" has no deadline in this configuration
    case = _move(case, fujian_officer, Action.INVESTIGATE)
    assert abs(case.due_at - (case.status_changed_at + timedelta(days=60))) < timedelta(seconds=1)


def test_a_new_report_must_be_accepted_within_fifteen_days(fuzhou_case):
    assert fuzhou_case.due_at.date() == (fuzhou_case.created_at + timedelta(days=15)).date()


def test_a_case_past_its_deadline_is_overdue_and_closed_ones_never_are(fuzhou_case, fujian_officer):
    Case.objects.filter(pk=fuzhou_case.pk).update(due_at=timezone.now() - timedelta(days=1))
    fuzhou_case.refresh_from_db()
    assert fuzhou_case.overdue and list(Case.objects.overdue()) == [fuzhou_case]
    case = _bring(fuzhou_case, fujian_officer, Status.CLOSED)
    assert case.due_at is None and not case.overdue


def test_reassigning_to_an_authority_without_a_region_is_refused(
    fuzhou_case, fujian_officer, ministry
):
    from authorities.models import Authority, Level

    nowhere = Authority.objects.create(name="某市人社局（代码未登记）", level=Level.MUNICIPAL)
    with pytest.raises(ValidationError) as refused:
        _move(fuzhou_case, fujian_officer, Action.REASSIGN, authority=nowhere)
    assert "不管辖" in str(refused.value.message_dict["authority"])
    fuzhou_case.refresh_from_db()
    assert fuzhou_case.authority.name == "福州市人力资源和社会保障局"


def test_reassigning_to_an_authority_of_another_region_is_refused(
    fuzhou_case, fujian_officer, guangzhou
):
    with pytest.raises(ValidationError):
        _move(fuzhou_case, fujian_officer, Action.REASSIGN, authority=guangzhou)


def test_reassigning_with_a_corrected_region_moves_the_case_there(
    fuzhou_case, fujian_officer, guangzhou
):
    _move(fuzhou_case, fujian_officer, Action.REASSIGN, authority=guangzhou, region_code="440106")
    fuzhou_case.refresh_from_db()
    assert (fuzhou_case.authority, fuzhou_case.region_code) == (guangzhou, "440106")


def test_reassigning_keeps_the_deadline(fuzhou_case, fujian_officer, fujian):
    case = _bring(fuzhou_case, fujian_officer, Status.INVESTIGATING)
    due = case.due_at
    case = _move(case, fujian_officer, Action.REASSIGN, authority=fujian)
    case.refresh_from_db()
    assert case.due_at == due and case.status == Status.RECEIVED


def test_a_move_between_authorities_is_in_the_admin_history(fuzhou_case, fujian_officer, fujian):
    from django.contrib.admin.models import LogEntry

    _move(fuzhou_case, fujian_officer, Action.REASSIGN, authority=fujian)
    entry = LogEntry.objects.get(object_id=str(fuzhou_case.pk))
    assert entry.user == fujian_officer
    assert "福州市人力资源和社会保障局 → 福建省人力资源和社会保障厅" in entry.get_change_message()
