"""Findings 1, 4 and 9: the rules of the notice on every write path, one answer to "is this
the same qualification?", clear messages, and the admin's history of every service write."""

import csv
import io
import time
from datetime import date
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from catalogue import identity, rules, services
from catalogue.models import Action, Edition, EditionEntry, Qualification, TableChangeSet
from catalogue.officialtable.tableimport import (
    BLOCKED,
    change_set_publish,
    change_set_submit,
    official_table_preview,
)
from tests.portal.test_spreadsheets import BOMB_SHEET, xlsx_with_sheet

from .factories import make_edition, make_entry, make_sub_item
from .maintenance_helpers import draft, make_cancelled, make_item, publish

HEADER = ["序号", "职业资格名称", "实施部门（单位）", "资格类别", "设定依据", "备注"]


def _table(*rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([HEADER, ["一、专业技术人员职业资格"], *rows])
    return out.getvalue().encode()


@pytest.fixture
def edition2021(db) -> Edition:
    return make_edition(2021, official_total=72, announced_on=date(2021, 11, 23))


@pytest.fixture
def fire(edition2021) -> Qualification:
    item = make_item("注册消防工程师", legal_basis="《中华人民共和国消防法》")
    make_entry(edition2021, item, seq=9, legal_basis=item.legal_basis)
    return item


@pytest.fixture
def village_vet(db) -> Qualification:
    vet = make_item("兽医资格", legal_basis="《中华人民共和国动物防疫法》")
    sub = make_sub_item(vet, "乡村兽医")
    return services.qualification_retire(
        qualification=sub,
        retired_on=date(2021, 11, 23),
        document="人社部发〔2021〕75号",
        reason="2021年版目录未列入",
        user=None,
    )


def test_same_qualification_ignores_the_words_added_around_a_name_but_not_levels():
    assert identity.same_qualification_name("乡村兽医资格", "乡村兽医")
    assert identity.same_qualification_name("乡村兽医资格证书", "鄉村獸醫")
    assert not identity.same_qualification_name("一级建造师", "二级建造师")
    assert not identity.same_qualification_name(
        "注册土木工程师（岩土）", "注册土木工程师（港口与航道工程）"
    )


# Drafts --------------------------------------------------------------------------------


def test_a_draft_named_with_zige_cannot_revive_the_cancelled_qualification(
    village_vet, maintainer, second_maintainer
):
    proposal = draft(
        maintainer,
        Action.ADDED,
        name="乡村兽医资格",
        category="professional-technical",
        kind="level-evaluation",
    )
    with pytest.raises(ValidationError, match="死灰复燃"):
        publish(
            proposal,
            second_maintainer,
            approved_on=date(2030, 1, 15),
            document="人社部发〔2021〕75号",
        )
    assert not Qualification.objects.filter(name="乡村兽医资格").exists()


def test_renaming_to_a_cancelled_name_is_a_clear_message_not_a_database_error(
    db, maintainer, second_maintainer
):
    make_cancelled("咖啡师")
    item = make_item("茶艺师", kind="level-evaluation", category="skilled")
    proposal = draft(maintainer, Action.RENAMED, item, name="咖啡师")
    with pytest.raises(ValidationError, match="死灰复燃"):
        publish(proposal, second_maintainer, document="国发〔2016〕5号")
    # With a new approval after the cancellation the rule passes; the name is still taken.
    with pytest.raises(ValidationError, match="已是目录中另一项职业资格的名称"):
        publish(proposal, second_maintainer)
    item.refresh_from_db()
    assert item.name == "茶艺师"


def test_an_access_type_amendment_cannot_drop_its_legal_basis(fire, maintainer, second_maintainer):
    proposal = draft(maintainer, Action.AMENDED, fire, legal_basis="")
    with pytest.raises(ValidationError, match="设定依据"):
        publish(proposal, second_maintainer)
    fire.refresh_from_db()
    assert fire.legal_basis == "《中华人民共和国消防法》"


def test_reinstating_needs_a_new_approval_on_the_service_itself(db, maintainer):
    barista = make_cancelled("咖啡师")
    barista.status = "listed"
    with pytest.raises(ValidationError, match="死灰复燃"):
        services.qualification_reinstate(
            qualification=Qualification.objects.get(pk=barista.pk),
            effective_on=date(2030, 1, 1),
            document="国发〔2016〕5号",
            reason="恢复",
            user=maintainer,
        )
    assert Qualification.objects.get(pk=barista.pk).is_retired


# The official table --------------------------------------------------------------------


def test_a_table_cannot_remove_an_access_types_legal_basis_or_list_a_cancelled_one(
    fire, edition2021, maintainer, second_maintainer
):
    make_cancelled("咖啡师")
    data = _table(
        ["9", "注册消防工程师", "应急管理部", "准入类", "", ""],
        ["73", "咖啡师", "", "水平评价类", "", ""],
    )
    preview = official_table_preview(
        edition=edition2021, data=data, filename="t.csv", document="附件"
    )
    assert [r.verdict for r in preview.rows] == [BLOCKED, BLOCKED]
    assert "设定依据" in preview.rows[0].note and "死灰复燃" in preview.rows[1].note
    change_set = change_set_submit(
        edition=edition2021, data=data, filename="t.csv", document="附件", user=maintainer
    )
    change_set_publish(change_set=change_set, user=second_maintainer, attested=True)
    fire.refresh_from_db()
    assert fire.legal_basis == "《中华人民共和国消防法》" and not fire.verified
    assert not EditionEntry.objects.filter(edition=edition2021, name="咖啡师").exists()


def test_the_submitter_cannot_publish_their_own_change_set(fire, edition2021, maintainer):
    data = _table(["9", "注册消防工程师", "", "准入类", "《中华人民共和国消防法》", ""])
    change_set = change_set_submit(
        edition=edition2021, data=data, filename="t.csv", document="附件", user=maintainer
    )
    with pytest.raises(ValidationError, match="另一位维护人员"):
        change_set_publish(change_set=change_set, user=maintainer, attested=True)
    assert not EditionEntry.objects.get(qualification=fire).verified


def test_without_the_reviewers_attestation_nothing_becomes_verified(
    fire, edition2021, maintainer, second_maintainer
):
    data = _table(["9", "注册消防工程师", "", "准入类", "《中华人民共和国消防法》", ""])
    change_set = change_set_submit(
        edition=edition2021, data=data, filename="t.csv", document="附件", user=maintainer
    )
    change_set_publish(change_set=change_set, user=second_maintainer, attested=False)
    assert not EditionEntry.objects.get(qualification=fire).verified
    assert not Qualification.objects.get(pk=fire.pk).verified


# Command and admin ---------------------------------------------------------------------


def test_the_command_shows_the_rule_and_submits_without_changing_the_catalogue(
    fire, edition2021, maintainer, tmp_path
):
    path = tmp_path / "t.csv"
    path.write_bytes(_table(["9", "注册消防工程师", "", "准入类", "", ""]))
    out = StringIO()
    call_command(
        "load_official_table",
        str(path),
        edition=2021,
        document="附件",
        commit=True,
        user=maintainer.username,
        stdout=out,
    )
    assert "blocked" in out.getvalue() and "设定依据" in out.getvalue()
    assert TableChangeSet.objects.get().submitted_by == maintainer
    fire.refresh_from_db()
    assert fire.legal_basis == "《中华人民共和国消防法》"


def test_the_admin_cannot_edit_an_editions_entries_or_totals(client, fire, edition2021, maintainer):
    client.force_login(maintainer)
    url = f"/admin/catalogue/edition/{edition2021.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="official_total"' not in page and 'name="entries-0-verified"' not in page
    client.post(url, {"official_total": "1", "title": "x"})
    edition2021.refresh_from_db()
    assert edition2021.official_total == 72


# History -------------------------------------------------------------------------------


def test_published_drafts_and_change_sets_appear_in_the_admin_history(
    client, fire, edition2021, maintainer, second_maintainer
):
    proposal = draft(maintainer, Action.AMENDED, fire, remarks="经审核的备注")
    publish(proposal, second_maintainer)
    data = _table(["9", "注册消防工程师", "", "准入类", "《中华人民共和国消防法》", "经审核的备注"])
    change_set = change_set_submit(
        edition=edition2021, data=data, filename="t.csv", document="附件一", user=maintainer
    )
    change_set_publish(change_set=change_set, user=second_maintainer, attested=True)
    entries = LogEntry.objects.filter(object_id=str(fire.pk), content_type__model="qualification")
    assert entries.filter(
        user=second_maintainer, change_message__contains="国函〔2030〕1号"
    ).exists()
    assert entries.filter(change_message__contains="附件一").exists()
    client.force_login(second_maintainer)
    history = client.get(f"/admin/catalogue/qualification/{fire.pk}/history/").content.decode()
    assert "附件一" in history and "国函〔2030〕1号" in history


# Placeholders and spreadsheet bombs ----------------------------------------------------


def test_a_placeholder_name_is_never_read_from_a_table_or_drafted(edition2021, maintainer):
    data = _table(["73", "国…", "", "水平评价类", "", ""], ["74", "[not captured]", "", "", "", ""])
    preview = official_table_preview(
        edition=edition2021, data=data, filename="t.csv", document="附件"
    )
    assert preview.rows == [] and [u.line for u in preview.unreadable] == [3, 4]
    assert all("占位符" in u.reason for u in preview.unreadable)
    with pytest.raises(ValidationError, match="占位符"):
        draft(maintainer, Action.ADDED, name="待补充", category="skilled", kind="level-evaluation")


def test_an_xlsx_bomb_uploaded_in_the_admin_is_a_form_error(client, edition2021, maintainer):
    client.force_login(maintainer)
    bomb = SimpleUploadedFile("bomb.xlsx", xlsx_with_sheet(BOMB_SHEET))
    started = time.perf_counter()
    response = client.post(
        "/admin/catalogue/edition/official-table/",
        {"edition": edition2021.pk, "document": "附件", "file": bomb},
    )
    assert time.perf_counter() - started < 5
    assert response.status_code == 200 and "文件超过 5000 行" in response.content.decode()
    assert not TableChangeSet.objects.exists()


def test_a_caller_may_accept_a_data_gap_as_a_warning_which_the_log_keeps(db, maintainer):
    gap = Qualification(name="核设施操纵人员资格", category="professional-technical", kind="access")
    record = {
        "effective_on": date(2021, 11, 23),
        "document": "人社部发〔2021〕75号",
        "reason": "载入",
    }
    with pytest.raises(ValidationError, match="设定依据"):
        services.qualification_add(qualification=gap, user=maintainer, **record)
    services.qualification_add(
        qualification=gap, user=maintainer, warn=rules.DATA_GAP_WARNINGS, **record
    )
    (logged,) = gap.adjustments.all()
    assert "设定依据" in logged.changes["warnings"][0]


def test_the_review_lists_link_each_change_set_to_its_review(client, fire, edition2021, maintainer):
    data = _table(["9", "注册消防工程师", "", "准入类", "《中华人民共和国消防法》", ""])
    change_set = change_set_submit(
        edition=edition2021, data=data, filename="t.csv", document="附件", user=maintainer
    )
    client.force_login(maintainer)
    page = client.get("/admin/catalogue/tablechangeset/").content.decode()
    assert f"/admin/catalogue/tablechangeset/{change_set.pk}/review/" in page
    assert client.get("/admin/catalogue/editionproposal/").status_code == 200
    review = client.get(f"/admin/catalogue/tablechangeset/{change_set.pk}/review/").content
    assert "这是您提交的变更" in review.decode()
