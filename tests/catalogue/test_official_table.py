"""Loading an edition's official table: preview row by row, then commit."""

import csv
import io

import pytest

from catalogue.models import Action, Adjustment, Edition, EditionEntry, Qualification, Status
from catalogue.officialtable.table import TableError, table_read
from catalogue.officialtable.tableimport import (
    ADD,
    BLOCKED,
    CHANGE,
    CONFIRM,
    change_set_publish,
    change_set_submit,
    official_table_preview,
)

HEADER = "序号,职业资格名称,实施部门（单位）,资格类别,设定依据,备注\n"
PT = "一、专业技术人员职业资格,,,,,\n"


def _line(*cells) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _csv(*rows: str) -> bytes:
    return (HEADER + PT + "".join(r + "\n" for r in rows)).encode()


def _preview(data: bytes, year: int = 2021, filename: str = "t.csv"):
    edition = Edition.objects.get(year=year)
    return official_table_preview(edition=edition, data=data, filename=filename, document="附件")


def _commit(data: bytes, user, reviewer, year: int = 2021):
    """Submit the table as a change set and publish it as a second maintainer who attests it."""
    edition = Edition.objects.get(year=year)
    change_set = change_set_submit(
        edition=edition, data=data, filename="t.csv", document="人社部发〔2021〕附件", user=user
    )
    return change_set_publish(change_set=change_set, user=reviewer, attested=True)


def _unverified_level_evaluation_entry() -> EditionEntry:
    entries = EditionEntry.objects.filter(edition__year=2021, kind="level-evaluation")
    return next(
        e
        for e in entries.select_related("qualification").order_by("seq")
        if not e.verified and not e.qualification.sub_items.exists() and e.seq
    )


def test_a_confirmed_row_becomes_verified_with_the_document_as_source(
    catalogue, maintainer, second_maintainer
):
    entry = _unverified_level_evaluation_entry()
    row = _line(
        entry.seq, entry.name, entry.departments, "水平评价类", entry.legal_basis, entry.remarks
    )
    preview = _preview(_csv(row))
    assert [r.verdict for r in preview.rows] == [CONFIRM]
    _commit(_csv(row), maintainer, second_maintainer)
    entry.refresh_from_db()
    assert entry.verified and entry.source == "verified: official table 人社部发〔2021〕附件"
    assert entry.qualification.adjustments.get(changes__has_key="verified").edition.year == 2021


def test_an_access_type_row_without_legal_basis_is_blocked_by_the_rule(catalogue):
    fire = EditionEntry.objects.get(edition__year=2021, name="注册消防工程师")
    row = _line(fire.seq, "注册消防工程师", "", "准入类", "", fire.remarks)
    (prow,) = _preview(_csv(row)).rows
    assert prow.verdict == BLOCKED and "设定依据" in prow.note


def test_a_changed_row_shows_each_difference_and_commit_logs_the_amendment(
    catalogue, maintainer, second_maintainer
):
    fire = EditionEntry.objects.get(edition__year=2021, name="注册消防工程师")
    row = f"{fire.seq},注册消防工程师,应急管理部,准入类,《中华人民共和国消防法》,"
    preview = _preview(_csv(row))
    (prow,) = preview.rows
    assert prow.verdict == CHANGE
    assert ("legal_basis", "", "《中华人民共和国消防法》") in prow.differences
    assert ("departments", "", "应急管理部") in prow.differences
    _commit(_csv(row), maintainer, second_maintainer)
    qualification = Qualification.objects.get(name="注册消防工程师")
    assert qualification.legal_basis == "《中华人民共和国消防法》"
    assert [d.name for d in qualification.departments.all()] == ["应急管理部"]
    log = qualification.adjustments.get(changes__has_key="legal_basis")
    assert (log.action, log.document, log.edition.year) == (
        Action.AMENDED,
        "人社部发〔2021〕附件",
        2021,
    )
    assert (log.drafted_by, log.published_by) == (maintainer, second_maintainer)
    entry_log = qualification.adjustments.get(changes__has_key="edition_entry")
    assert entry_log.edition.year == 2021


def test_a_new_row_of_the_latest_edition_is_added_and_logged(
    catalogue, maintainer, second_maintainer
):
    row = "73,测试新增资格,人力资源社会保障部,水平评价类,,"
    assert [r.verdict for r in _preview(_csv(row)).rows] == [ADD]
    _commit(_csv(row), maintainer, second_maintainer)
    added = Qualification.objects.get(name="测试新增资格")
    assert added.status == Status.LISTED and added.verified
    assert added.entries.get().seq == 73
    logged = list(added.adjustments.values_list("action", "edition__year"))
    assert logged == [(Action.ADDED, 2021), (Action.AMENDED, 2021)]  # added, then listed


def test_a_new_row_of_an_older_edition_waits_for_the_latest_table(
    catalogue, maintainer, second_maintainer
):
    # Data v2 holds all 72 rows of 2021; the rule applies while the latest edition is
    # incomplete, so the test makes it so.
    Edition.objects.filter(year=2021).update(official_total=73)
    preview = _preview(_csv(",测试旧版资格,,水平评价类,,"), year=2017)
    (prow,) = preview.rows
    assert prow.verdict == BLOCKED and "最新" in prow.note
    _commit(_csv(",测试旧版资格,,水平评价类,,"), maintainer, second_maintainer, year=2017)
    assert not Qualification.objects.filter(name="测试旧版资格").exists()


def test_unreadable_rows_are_listed_with_line_and_reason_and_change_nothing(
    catalogue, maintainer, second_maintainer
):
    data = _csv("一,注册会计师,财政部,准入类,,", "99,测试资格,,许可类,,", ",,财政部,,,")
    preview = _preview(data)
    assert [(u.line, u.reason[:4]) for u in preview.unreadable] == [
        (3, "序号“一"),
        (4, "资格类别"),
        (5, "缺少职业"),
    ]
    assert preview.rows == []
    before = Adjustment.objects.count()
    _commit(data, maintainer, second_maintainer)
    assert Adjustment.objects.count() == before
    assert not Qualification.objects.filter(name="测试资格").exists()


def test_a_file_without_the_official_header_is_refused():
    with pytest.raises(TableError, match="表头"):
        table_read("名称,类别\n注册会计师,准入类\n".encode(), "t.csv")


def test_sub_items_are_read_from_their_own_rows_and_from_inside_a_cell():
    table = table_read(
        _csv(
            "12,勘察设计注册工程师,住房城乡建设部,准入类,,",
            ",注册结构工程师,住房城乡建设部,,《建设工程勘察设计管理条例》,",
            ",—注册土木工程师,住房城乡建设部,,,",
            '13,"医生资格\n医师\n乡村医生",国家卫生健康委,准入类,,',
        ),
        "t.csv",
    )
    survey, doctor = table.items
    assert [s.name for s in survey.sub_items] == ["注册结构工程师", "注册土木工程师"]
    assert survey.sub_items[0].legal_basis == "《建设工程勘察设计管理条例》"
    assert [s.name for s in doctor.sub_items] == ["医师", "乡村医生"]
    assert survey.category == "professional-technical" and survey.kind == "access"


def test_a_gb18030_csv_from_excel_is_read():
    table = table_read(_csv("4,注册会计师,财政部,准入类,,").decode().encode("gb18030"), "t.csv")
    assert table.items[0].name == "注册会计师" and table.items[0].departments == ["财政部"]


def test_an_edition_number_held_by_an_entry_missing_from_the_table_blocks_the_row(catalogue):
    # Data v2 numbers each 2021 category from 1: 教师资格 and 焊工 both hold number 1; a
    # professional-technical row numbered 1 is blocked on 教师资格, the one of its category.
    holders = list(EditionEntry.objects.filter(edition__year=2021, seq=1))
    assert {h.name for h in holders} == {"教师资格", "焊工"}
    preview = _preview(_csv("1,测试资格,,水平评价类,,"))
    assert preview.rows[0].verdict == BLOCKED
    assert "教师资格" in preview.rows[0].note and "焊工" not in preview.rows[0].note
    assert all(h in preview.not_in_table for h in holders)


def test_each_category_of_the_2021_table_is_numbered_from_one(catalogue):
    teacher = EditionEntry.objects.get(edition__year=2021, seq=1, category="professional-technical")
    welder = EditionEntry.objects.get(edition__year=2021, seq=1, category="skilled")
    rows = [
        _line(
            e.seq,
            e.name,
            e.departments,
            "准入类" if e.kind == "access" else "水平评价类",
            e.legal_basis,
            e.remarks,
        )
        for e in (teacher, welder)
    ]
    data = _csv(rows[0], "二、技能人员职业资格,,,,,", rows[1])
    preview = _preview(data)
    assert not preview.unreadable
    assert [(r.row.name, r.row.category) for r in preview.rows] == [
        ("教师资格", "professional-technical"),
        ("焊工", "skilled"),
    ]
    # Neither number clashes with the other category's (a rule may still block a data gap).
    assert not any("序号" in r.note for r in preview.rows)
    assert preview.rows[0].verdict in {CONFIRM, CHANGE}
