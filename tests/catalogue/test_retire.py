from datetime import date

import pytest
from django.core.exceptions import ValidationError

from catalogue import services
from catalogue.models import Action, DraftAdjustment, Qualification, Status


@pytest.fixture
def cpa(db) -> Qualification:
    return Qualification.objects.create(name="注册会计师", kind="access")


def test_retiring_keeps_the_qualification_and_writes_the_log(cpa, maintainer):
    services.qualification_retire(
        qualification=cpa,
        retired_on=date(2030, 1, 1),
        document="国发〔2030〕1号",
        reason="试验",
        user=maintainer,
    )
    cpa.refresh_from_db()
    assert cpa.status == Status.RETIRED and cpa.retirement_document == "国发〔2030〕1号"
    log = cpa.adjustments.get()
    assert (log.action, log.recorded_by, log.effective_on) == (
        Action.RETIRED,
        maintainer,
        date(2030, 1, 1),
    )


def test_retiring_records_an_equivalent_successor(cpa, maintainer):
    successor = Qualification.objects.create(name="新资格")
    services.qualification_retire(
        qualification=cpa,
        retired_on=date(2030, 1, 1),
        document="d",
        reason="r",
        successor=successor,
        successor_equivalent=True,
        user=maintainer,
    )
    cpa.refresh_from_db()
    assert cpa.successor == successor and cpa.successor_equivalent is True


def test_retiring_twice_is_refused_and_logs_nothing_more(cpa, maintainer):
    kwargs = dict(retired_on=date(2030, 1, 1), document="d", reason="r", user=maintainer)
    services.qualification_retire(qualification=cpa, **kwargs)
    with pytest.raises(ValidationError):
        services.qualification_retire(qualification=cpa, **kwargs)
    assert cpa.adjustments.count() == 1


def test_amending_logs_a_rename_and_a_reclassification(cpa, maintainer):
    cpa.name, cpa.kind = "注册会计师（新）", "level-evaluation"
    services.qualification_amend(
        qualification=cpa,
        reason="调整",
        document="批准",
        effective_on=date(2030, 1, 1),
        user=maintainer,
    )
    actions = set(cpa.adjustments.values_list("action", flat=True))
    assert actions == {Action.RENAMED, Action.RECLASSIFIED}
    assert cpa.adjustments.get(action=Action.RENAMED).changes == {
        "name": ["注册会计师", "注册会计师（新）"]
    }


def test_admin_retire_action_asks_then_drafts_a_retirement(client, cpa, maintainer):
    client.force_login(maintainer)
    url = "/admin/catalogue/qualification/"
    asked = client.post(url, {"action": "retire", "_selected_action": [cpa.pk]})
    assert asked.status_code == 200 and "reason" in asked.content.decode()
    done = client.post(
        url,
        {
            "action": "retire",
            "apply": "1",
            "_selected_action": [cpa.pk],
            "reason": "经国务院批准取消",
        },
    )
    assert done.status_code == 302
    # A retirement is a draft until a second maintainer publishes it (test_drafts.py).
    assert Qualification.objects.get(pk=cpa.pk).status == Status.LISTED
    draft = DraftAdjustment.objects.get(qualification=cpa)
    assert (draft.action, draft.drafted_by, draft.reason) == (
        Action.RETIRED,
        maintainer,
        "经国务院批准取消",
    )


def test_admin_retire_with_missing_reason_shows_the_form_again(client, cpa, maintainer):
    client.force_login(maintainer)
    response = client.post(
        "/admin/catalogue/qualification/",
        {"action": "retire", "apply": "1", "_selected_action": [cpa.pk], "retired_on": "bad"},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Qualification.objects.get(pk=cpa.pk).status == Status.LISTED


def test_maintainer_cannot_delete_a_qualification(client, cpa, maintainer):
    client.force_login(maintainer)
    response = client.post(f"/admin/catalogue/qualification/{cpa.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Qualification.objects.filter(pk=cpa.pk).exists()


def test_qualifications_are_not_added_directly_in_admin(client, maintainer):
    client.force_login(maintainer)
    response = client.post("/admin/catalogue/qualification/add/", {"name": "测试资格"})
    assert response.status_code == 403
    assert not Qualification.objects.filter(name="测试资格").exists()
