"""The admin for drafts: draft, review beside the catalogue, publish or be told why not."""

import pytest

from catalogue.models import Action, DraftAdjustment, DraftStatus, Qualification

from .maintenance_helpers import draft, make_item

ADD_URL = "/admin/catalogue/draftadjustment/add/"


def _review_url(proposal) -> str:
    return f"/admin/catalogue/draftadjustment/{proposal.pk}/review/"


@pytest.fixture
def cpa(db):
    return make_item()


def test_a_maintainer_drafts_an_addition_in_admin_and_nothing_is_published(client, maintainer):
    client.force_login(maintainer)
    response = client.post(
        ADD_URL,
        {
            "action": Action.ADDED,
            "name": "数据安全工程师",
            "category": "professional-technical",
            "kind": "level-evaluation",
            "reason": "经专家评估论证",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = DraftAdjustment.objects.get()
    assert proposal.drafted_by == maintainer and proposal.status == DraftStatus.DRAFT
    assert not Qualification.objects.filter(name="数据安全工程师").exists()


def test_the_draft_form_starts_from_the_qualifications_current_values(client, maintainer, cpa):
    client.force_login(maintainer)
    page = client.get(ADD_URL, {"action": "renamed", "qualification": cpa.pk}).content.decode()
    assert "《中华人民共和国注册会计师法》" in page and 'value="注册会计师"' in page


def test_a_malformed_prefill_is_ignored(client, maintainer):
    client.force_login(maintainer)
    assert client.get(ADD_URL, {"qualification": "abc"}).status_code == 200


def test_an_incomplete_draft_is_shown_again_with_the_reason(client, maintainer, cpa):
    client.force_login(maintainer)
    response = client.post(
        ADD_URL, {"action": Action.RENAMED, "qualification": cpa.pk, "name": cpa.name}
    )
    assert response.status_code == 200 and "更名须填写新的名称" in response.content.decode()
    assert not DraftAdjustment.objects.exists()


def test_the_drafter_is_told_a_second_maintainer_must_publish(client, maintainer, cpa):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    client.force_login(maintainer)
    page = client.get(_review_url(proposal)).content.decode()
    assert "另一位维护人员" in page and 'name="document"' not in page
    client.post(_review_url(proposal), {"document": "国函〔2030〕1号", "approved_on": "2030-01-15"})
    cpa.refresh_from_db()
    assert cpa.name == "注册会计师"


def test_a_second_maintainer_publishes_from_the_review_page(
    client, maintainer, second_maintainer, cpa
):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    client.force_login(second_maintainer)
    page = client.get(_review_url(proposal)).content.decode()
    assert "注册会计师" in page and "新名" in page
    response = client.post(
        _review_url(proposal), {"document": "国函〔2030〕1号", "approved_on": "2030-01-15"}
    )
    assert response.status_code == 302
    cpa.refresh_from_db()
    assert cpa.name == "新名" and cpa.adjustments.get().published_by == second_maintainer


def test_a_blocked_publication_shows_the_rule_it_would_break(
    client, maintainer, second_maintainer, cpa
):
    proposal = draft(maintainer, Action.AMENDED, cpa, legal_basis="")
    client.force_login(second_maintainer)
    response = client.post(
        _review_url(proposal), {"document": "国函〔2030〕1号", "approved_on": "2030-01-15"}
    )
    assert response.status_code == 200
    assert "法律法规或国务院决定" in response.content.decode()
    cpa.refresh_from_db()
    assert cpa.legal_basis and not cpa.adjustments.exists()


def test_an_enforcement_officer_cannot_review_drafts(client, maintainer, fujian_officer, cpa):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    client.force_login(fujian_officer)
    assert client.get(_review_url(proposal)).status_code == 403


def test_the_drafter_withdraws_a_draft_from_its_page(client, maintainer, cpa):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    client.force_login(maintainer)
    page = client.get(f"/admin/catalogue/draftadjustment/{proposal.pk}/change/")
    assert "撤回草稿" in page.content.decode()
    response = client.post(f"/admin/catalogue/draftadjustment/{proposal.pk}/withdraw/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == DraftStatus.WITHDRAWN


def test_someone_else_without_review_rights_cannot_withdraw(
    client, maintainer, fujian_officer, cpa
):
    proposal = draft(maintainer, Action.RENAMED, cpa, name="新名")
    client.force_login(fujian_officer)
    assert (
        client.post(f"/admin/catalogue/draftadjustment/{proposal.pk}/withdraw/").status_code == 403
    )
    proposal.refresh_from_db()
    assert proposal.status == DraftStatus.DRAFT
