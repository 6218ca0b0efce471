"""An edition exported in the official layout reads back unchanged."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogue.identity import is_placeholder_name
from catalogue.models import Adjustment, Edition, EditionEntry, Qualification, TableChangeSet
from catalogue.officialtable.tableimport import (
    BLOCKED,
    CONFIRM,
    change_set_publish,
    change_set_submit,
    official_table_preview,
)

CONTENT = ["qualification_id", "seq", "name", "category", "kind", "departments", "legal_basis"]


def _export(year: int, path) -> bytes:
    call_command("export_edition", str(year), str(path), stdout=StringIO())
    return path.read_bytes()


def _state() -> tuple[list, list]:
    """Every entry and qualification as stored, verification and source included."""
    entries = EditionEntry.objects.order_by("id").values_list(
        *CONTENT, "remarks", "verified", "source"
    )
    qualifications = Qualification.objects.order_by("id").values_list(
        "name", "kind", "legal_basis", "verified", "source", "status"
    )
    return list(entries), list(qualifications)


# 2021 numbers each category from 1 and has one untitled row (professional-technical 30):
# the import reads one numbering per category and lists the untitled row as unreadable.
@pytest.mark.parametrize("year", [2017, 2021])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_round_trip_export_upload_submit_publish_changes_nothing_and_verifies_nothing(
    catalogue, maintainer, second_maintainer, tmp_path, year, suffix
):
    data = _export(year, tmp_path / f"edition.{suffix}")
    edition = Edition.objects.get(year=year)
    kwargs = {"edition": edition, "data": data, "filename": f"e.{suffix}", "document": "导出"}
    preview = official_table_preview(**kwargs)
    assert preview.from_portal_export
    # Every row reads back as it was, but a placeholder name (finding 2: a group whose name
    # no source gives) is never read as an official row, and the rules may block a data gap.
    placeholders = [
        e.name for e in EditionEntry.objects.filter(edition=edition) if is_placeholder_name(e.name)
    ]
    reasons = [u.reason for u in preview.unreadable]
    assert sum("占位符" in r for r in reasons) == len(placeholders)
    assert all("占位符" in r or "子项不予载入" in r for r in reasons)
    assert {r.verdict for r in preview.rows} <= {CONFIRM, BLOCKED}
    assert preview.count(CONFIRM) > 0
    read = len(preview.rows) + len(preview.not_in_table)
    assert read == EditionEntry.objects.filter(edition=edition).count()
    before, logged = _state(), Adjustment.objects.count()
    change_set = change_set_submit(user=maintainer, **kwargs)
    assert change_set.from_portal_export
    change_set_publish(change_set=change_set, user=second_maintainer, attested=True)
    change_set.refresh_from_db()
    assert not change_set.attested
    assert _state() == before and Adjustment.objects.count() == logged


def test_the_export_lays_out_sections_and_sub_items_as_the_official_table(catalogue, tmp_path):
    text = _export(2021, tmp_path / "e.csv").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("本表由国家职业资格目录公共服务平台导出")
    assert lines[1] == "序号,职业资格名称,实施部门（单位）,资格类别,设定依据,备注"
    assert lines[2].startswith("一、专业技术人员职业资格")
    assert any(line.startswith(",注册结构工程师,") for line in lines)
    assert "二、技能人员职业资格,,,,," in lines


def test_the_command_previews_and_with_commit_submits_a_change_set_naming_its_user(
    catalogue, maintainer, tmp_path
):
    path = tmp_path / "e.csv"
    _export(2021, path)
    out = StringIO()
    call_command("load_official_table", str(path), edition=2021, document="附件", stdout=out)
    assert "preview only" in out.getvalue() and "portal's own export" in out.getvalue()
    with pytest.raises(CommandError, match="--user"):
        call_command("load_official_table", str(path), edition=2021, document="附件", commit=True)
    before = _state()
    call_command(
        "load_official_table",
        str(path),
        edition=2021,
        document="附件",
        commit=True,
        user=maintainer.username,
        stdout=out,
    )
    change_set = TableChangeSet.objects.get()
    assert change_set.submitted_by == maintainer and change_set.status == "submitted"
    assert "submitted for review" in out.getvalue()
    assert _state() == before


def test_the_command_names_the_file_it_cannot_read(catalogue, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("随便写的内容\n", encoding="utf-8")
    with pytest.raises(CommandError, match="notes.csv: 没有找到表头"):
        call_command("load_official_table", str(path), edition=2021, document="附件")


def test_the_command_refuses_an_unknown_edition(catalogue, tmp_path):
    with pytest.raises(CommandError, match="--edition 1999"):
        call_command("load_official_table", str(tmp_path), edition=1999, document="附件")
