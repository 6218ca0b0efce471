"""Publishing a new edition from the current catalogue, announced by a notice."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from catalogue import services
from catalogue.comparison import Change, editions_compare
from catalogue.models import Action, Edition, EditionEntry
from notices.models import Notice, NoticeStatus

from .maintenance_helpers import draft, publish


@pytest.fixture
def notice(ministry) -> Notice:
    return Notice.objects.create(
        doc_number="人社部发〔2030〕1号",
        title="人力资源社会保障部关于公布国家职业资格目录（2030年版）的通知",
        issuer=ministry,
        issued_on=date(2030, 3, 1),
        status=NoticeStatus.PUBLISHED,
    )


OFFICIAL = {"official_total": 70, "official_pt_access": 33, "official_pt_level": 27}


def _propose(notice, user, year=2030):
    title = f"国家职业资格目录（{year}年版）"
    return services.edition_propose(year=year, title=title, notice=notice, user=user, **OFFICIAL)


def _publish(notice, proposer, reviewer, year=2030) -> Edition:
    """Proposed by one maintainer, reviewed and published by another."""
    return services.edition_publish(proposal=_propose(notice, proposer, year), user=reviewer)


def test_a_new_edition_lists_the_current_catalogue_linked_to_its_notice(
    catalogue, notice, maintainer, second_maintainer
):
    edition = _publish(notice, maintainer, second_maintainer)
    assert edition.announcing_notice == notice and edition.announced_on == date(2030, 3, 1)
    assert edition.announcing_document == "人社部发〔2030〕1号"
    items = EditionEntry.objects.filter(edition=edition).items()
    # The official totals are the maintainer's entry from the notice, not the portal's rows.
    assert items.count() == 72 and edition.official_total == 70
    assert edition.official_pt_access == 33 and edition.official_pt_level == 27


def test_items_are_numbered_as_the_official_table_numbers_them(
    catalogue, notice, maintainer, second_maintainer
):
    edition = _publish(notice, maintainer, second_maintainer)
    rows = list(edition.entries.items().order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, 73))
    # professional-technical access first, in the 2021 order; then level-evaluation; skilled
    assert [r.name for r in rows[:4]] == [
        "教师资格",
        "法律职业资格",
        "中国委托公证人资格（香港、澳门）",
        "注册会计师",
    ]
    kinds = [(r.category, r.kind) for r in rows]
    assert kinds == sorted(
        kinds, key=lambda k: (k[0] != "professional-technical", k[1] != "access")
    )
    sub_items = edition.entries.exclude(qualification__parent=None)
    assert sub_items.exists() and not sub_items.exclude(seq=None).exists()


def test_the_comparison_shows_what_changed_and_the_log_entries_behind_it(
    catalogue, notice, maintainer, second_maintainer
):
    proposal = draft(
        maintainer,
        Action.ADDED,
        name="数据安全工程师",
        category="professional-technical",
        kind="level-evaluation",
    )
    publish(proposal, second_maintainer, approved_on=date(2030, 1, 15))
    edition = _publish(notice, maintainer, second_maintainer)
    rows = editions_compare(older=Edition.objects.get(year=2021), newer=edition)
    (added,) = [r for r in rows if r.change == Change.ADDED]
    assert added.entry.name == "数据安全工程师"
    assert [a.document for a in added.why] == ["国函〔2030〕1号"]


def test_an_edition_must_be_newer_than_the_latest(catalogue, notice, maintainer, second_maintainer):
    with pytest.raises(ValidationError, match="晚于2021"):
        _publish(notice, maintainer, second_maintainer, year=2021)


def test_a_draft_notice_cannot_announce_an_edition(
    catalogue, notice, maintainer, second_maintainer
):
    notice.status = NoticeStatus.DRAFT
    notice.save()
    with pytest.raises(ValidationError, match="已发布"):
        _publish(notice, maintainer, second_maintainer)
    assert not Edition.objects.filter(year=2030).exists()


def test_a_maintainer_proposes_an_edition_in_admin_and_another_publishes_it(
    client, catalogue, notice, maintainer, second_maintainer
):
    client.force_login(maintainer)
    form = client.get("/admin/catalogue/edition/publish/").content.decode()
    assert "人社部发〔2030〕1号" in form
    fields = {"year": "2030", "title": "国家职业资格目录（2030年版）", "notice": notice.pk}
    response = client.post("/admin/catalogue/edition/publish/", {**fields, **OFFICIAL})
    assert response.status_code == 302 and not Edition.objects.filter(year=2030).exists()
    review = response["Location"]
    assert "须由提交人以外" in client.post(review, {"publish": "1"}).content.decode()
    assert not Edition.objects.filter(year=2030).exists()
    client.force_login(second_maintainer)
    assert client.post(review, {"publish": "1"}).status_code == 302
    edition = Edition.objects.get(year=2030)
    assert edition.entries.items().count() == 72 and edition.official_total == 70


def test_an_edition_year_already_taken_is_shown_as_a_form_error(
    client, catalogue, notice, maintainer
):
    client.force_login(maintainer)
    response = client.post(
        "/admin/catalogue/edition/publish/",
        {"year": "2017", "title": "重复", "notice": notice.pk, **OFFICIAL},
    )
    assert response.status_code == 200 and "晚于2021" in response.content.decode()


def test_a_provincial_forwarding_notice_cannot_announce_an_edition(catalogue, fujian, maintainer):
    forwarded = Notice.objects.create(
        doc_number="闽人社文〔2030〕1号",
        title="转发人力资源社会保障部关于公布国家职业资格目录（2030年版）的通知",
        issuer=fujian,
        issued_on=date(2030, 4, 1),
        status=NoticeStatus.PUBLISHED,
    )
    with pytest.raises(ValidationError, match="国家级"):
        _propose(forwarded, maintainer)


def test_an_edition_cannot_be_dated_before_the_previous_one(catalogue, notice, maintainer):
    notice.issued_on = date(2017, 12, 19)
    notice.save()
    with pytest.raises(ValidationError, match="早于上一版本"):
        _propose(notice, maintainer)


def test_the_proposer_cannot_publish_their_own_edition_and_a_return_needs_a_reason(
    catalogue, notice, maintainer, second_maintainer
):
    proposal = _propose(notice, maintainer)
    with pytest.raises(ValidationError, match="另一位维护人员"):
        services.edition_publish(proposal=proposal, user=maintainer)
    with pytest.raises(ValidationError, match="退回的原因"):
        services.edition_return(proposal=proposal, user=second_maintainer, reason=" ")
    services.edition_return(proposal=proposal, user=second_maintainer, reason="总数有误")
    with pytest.raises(ValidationError, match="已退回"):
        services.edition_publish(proposal=proposal, user=second_maintainer)
    assert not Edition.objects.filter(year=2030).exists()


def test_the_comparison_api_gives_the_log_entries_behind_each_row(catalogue, client):
    data = client.get("/api/v1/editions/compare/", {"from": 2017, "to": 2021}).json()
    renamed = [row for row in data["changes"] if row["change"] == "renamed"]
    # The 2021 announcement records most renames; a link the loader inferred has none.
    explained = [row for row in renamed if row["why"]]
    assert explained and all(a["edition"] == 2021 for row in explained for a in row["why"])
    assert "renamed" in {a["action"] for row in explained for a in row["why"]}
