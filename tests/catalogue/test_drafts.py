"""Reviewed changes: drafted by one maintainer, published by another, logged with both."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from catalogue.models import Action, Adjustment, DraftStatus, Qualification, Status

from .maintenance_helpers import APPROVAL, draft, make_item, publish


@pytest.fixture
def cpa(db) -> Qualification:
    return make_item()


def test_a_draft_changes_nothing_in_the_catalogue(cpa, maintainer):
    draft(maintainer, Action.RENAMED, cpa, name="注册会计师（新）")
    draft(
        maintainer,
        Action.ADDED,
        name="数据安全工程师",
        category="professional-technical",
        kind="level-evaluation",
    )
    cpa.refresh_from_db()
    assert cpa.name == "注册会计师"
    assert not Qualification.objects.filter(name="数据安全工程师").exists()
    assert not Adjustment.objects.exists()


def test_the_drafter_cannot_publish_their_own_draft(cpa, maintainer):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="注册会计师（新）")
    with pytest.raises(ValidationError, match="起草人以外"):
        publish(proposal, maintainer)
    cpa.refresh_from_db()
    assert cpa.name == "注册会计师" and not Adjustment.objects.exists()


def test_the_database_refuses_a_draft_published_by_its_drafter(cpa, maintainer):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    proposal.status, proposal.published_by = DraftStatus.PUBLISHED, maintainer
    proposal.document, proposal.approved_on = APPROVAL["document"], APPROVAL["approved_on"]
    with pytest.raises(IntegrityError), transaction.atomic():
        proposal.save()


def test_publishing_a_rename_logs_who_drafted_and_who_published(cpa, maintainer, second_maintainer):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="注册会计师（新）")
    publish(proposal, second_maintainer)
    cpa.refresh_from_db()
    assert cpa.name == "注册会计师（新）"
    log = cpa.adjustments.get()
    assert (log.action, log.drafted_by, log.published_by) == (
        Action.RENAMED,
        maintainer,
        second_maintainer,
    )
    assert (log.document, log.effective_on) == (APPROVAL["document"], APPROVAL["approved_on"])
    proposal.refresh_from_db()
    assert proposal.status == DraftStatus.PUBLISHED and proposal.published_by == second_maintainer


def test_publishing_an_addition_creates_the_qualification(maintainer, second_maintainer, db):
    proposal = draft(
        maintainer,
        Action.ADDED,
        name="数据安全工程师",
        category="professional-technical",
        kind="level-evaluation",
    )
    publish(proposal, second_maintainer)
    added = Qualification.objects.get(name="数据安全工程师")
    assert added.status == Status.LISTED and added.search_text
    assert added.adjustments.get().action == Action.ADDED
    proposal.refresh_from_db()
    assert proposal.qualification == added


def test_publishing_a_reclassification_logs_it(cpa, maintainer, second_maintainer):
    publish(draft(maintainer, Action.RECLASSIFIED, cpa, kind="level-evaluation"), second_maintainer)
    assert cpa.adjustments.get().changes == {"kind": ["access", "level-evaluation"]}


def test_publishing_a_retirement_keeps_the_qualification(cpa, maintainer, second_maintainer):
    publish(draft(maintainer, Action.RETIRED, cpa), second_maintainer)
    cpa.refresh_from_db()
    assert cpa.status == Status.RETIRED and cpa.retired_on == APPROVAL["approved_on"]
    assert cpa.retirement_document == APPROVAL["document"]
    assert cpa.adjustments.get().drafted_by == maintainer


def test_sub_items_are_added_and_removed_by_reviewed_drafts(cpa, maintainer, second_maintainer):
    publish(draft(maintainer, Action.SUB_ITEM_ADDED, parent=cpa, name="审计"), second_maintainer)
    sub_item = cpa.sub_items.get()
    assert (sub_item.name, sub_item.kind) == ("审计", "access")
    publish(draft(maintainer, Action.SUB_ITEM_REMOVED, sub_item), second_maintainer)
    sub_item.refresh_from_db()
    assert sub_item.status == Status.RETIRED
    assert list(sub_item.adjustments.values_list("action", flat=True)) == [
        Action.SUB_ITEM_ADDED,
        Action.RETIRED,
    ]


def test_a_draft_is_published_only_once(cpa, maintainer, second_maintainer):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    publish(proposal, second_maintainer)
    with pytest.raises(ValidationError, match="已发布"):
        publish(proposal, second_maintainer)
    assert cpa.adjustments.count() == 1


def test_a_draft_must_say_why(cpa, maintainer):
    with pytest.raises(ValidationError) as error:
        draft(maintainer, Action.RENAMED, cpa, name="新名", reason=" ")
    assert "reason" in error.value.message_dict


def test_a_rename_must_change_the_name(cpa, maintainer):
    with pytest.raises(ValidationError) as error:
        draft(maintainer, Action.RENAMED, cpa)
    assert "name" in error.value.message_dict


def test_the_log_stays_append_only_with_its_new_columns(cpa, maintainer, second_maintainer):
    publish(draft(maintainer, Action.RENAMED, cpa, name="新名"), second_maintainer)
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE catalogue_adjustment SET published_by_id = NULL")
