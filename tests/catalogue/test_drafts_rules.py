"""Publication is blocked, with the reason, when it would break a rule of the notice."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from catalogue.models import Action, Adjustment, Qualification, Status

from .maintenance_helpers import draft, make_cancelled, make_item, publish


def _refused(proposal, user, **approval) -> str:
    with pytest.raises(ValidationError) as error:
        publish(proposal, user, **approval)
    return " ".join(error.value.messages)


def test_an_access_type_addition_without_legal_basis_is_blocked(maintainer, second_maintainer):
    proposal = draft(
        maintainer, Action.ADDED, name="无依据准入资格", category="skilled", kind="access"
    )
    assert "法律法规或国务院决定" in _refused(proposal, second_maintainer)
    assert not Qualification.objects.filter(name="无依据准入资格").exists()


def test_reclassifying_to_access_type_without_legal_basis_is_blocked(maintainer, second_maintainer):
    barista = make_item("调酒师", category="skilled", kind="level-evaluation", legal_basis="")
    proposal = draft(maintainer, Action.RECLASSIFIED, barista, kind="access")
    assert "法律法规或国务院决定" in _refused(proposal, second_maintainer)
    barista.refresh_from_db()
    assert barista.kind == "level-evaluation" and not barista.adjustments.exists()


def test_clearing_the_legal_basis_of_an_access_type_is_blocked(maintainer, second_maintainer):
    cpa = make_item()
    proposal = draft(maintainer, Action.AMENDED, cpa, legal_basis="")
    assert "设定依据" in _refused(proposal, second_maintainer)


def test_an_access_type_sub_item_may_rest_on_its_items_legal_basis(maintainer, second_maintainer):
    cpa = make_item()
    publish(draft(maintainer, Action.SUB_ITEM_ADDED, parent=cpa, name="审计"), second_maintainer)
    assert cpa.sub_items.filter(name="审计").exists()


def test_re_adding_a_cancelled_qualification_without_new_approval_is_blocked(
    maintainer, second_maintainer
):
    barista = make_cancelled("咖啡师")
    proposal = draft(
        maintainer, Action.ADDED, name="咖啡师", category="skilled", kind="level-evaluation"
    )
    reason = _refused(
        proposal, second_maintainer, document="国发〔2016〕5号", approved_on=date(2030, 1, 1)
    )
    assert "死灰复燃" in reason
    barista.refresh_from_db()
    assert barista.status == Status.RETIRED and not Adjustment.objects.exists()


def test_an_approval_dated_before_the_cancellation_does_not_revive_it(
    maintainer, second_maintainer
):
    make_cancelled("咖啡师")
    proposal = draft(maintainer, Action.ADDED, name="咖啡师", category="skilled")
    assert "死灰复燃" in _refused(
        proposal, second_maintainer, document="国函〔2015〕9号", approved_on=date(2015, 1, 1)
    )


def test_renaming_into_a_cancelled_qualification_is_blocked(maintainer, second_maintainer):
    make_cancelled("咖啡师")
    tea = make_item("茶艺师", category="skilled", kind="level-evaluation", legal_basis="")
    proposal = draft(maintainer, Action.RENAMED, tea, name="咖啡師")
    assert "死灰复燃" in _refused(proposal, second_maintainer, approved_on=date(2015, 1, 1))


def test_a_new_approval_reinstates_the_cancelled_qualification_and_keeps_its_history(
    maintainer, second_maintainer
):
    barista = make_cancelled("咖啡师")
    proposal = draft(
        maintainer, Action.ADDED, name="咖啡师", category="skilled", kind="level-evaluation"
    )
    publish(proposal, second_maintainer, document="国函〔2030〕7号", approved_on=date(2030, 2, 1))
    barista.refresh_from_db()
    assert barista.status == Status.LISTED
    log = barista.adjustments.get()
    assert log.changes == {"reinstated": True} and log.document == "国函〔2030〕7号"


def test_publishing_without_an_approving_document_is_blocked(maintainer, second_maintainer):
    cpa = make_item()
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    assert "批准文件" in _refused(proposal, second_maintainer, document=" ")
