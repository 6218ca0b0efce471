"""Each rule of the notice (catalogue/rules.py) on each write path: a reviewed draft, an
official-table change set, the admin's table upload, the `load_official_table` command and
the loader of the shipped data (`load_catalogue`). The paths refuse the write with the rule's
message; the loader accepts the shipped data's gaps as warnings kept in the log
(rules.SHIPPED_DATA_WARNINGS) and refuses a revival."""

import csv
import io
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from catalogue.models import (
    Action,
    Adjustment,
    Edition,
    EditionEntry,
    Qualification,
    TableChangeSet,
)
from catalogue.officialtable.tableimport import BLOCKED, change_set_publish, change_set_submit
from catalogue.officialtable.tableimport import official_table_preview as preview_table

from .factories import make_edition, make_entry
from .maintenance_helpers import draft, make_cancelled, make_item, publish

HEADER = ["序号", "职业资格名称", "实施部门（单位）", "资格类别", "设定依据", "备注"]
DATA = Path(settings.BASE_DIR) / "data"
MESSAGES = {
    "legal_basis": "设定依据",
    "revival": "死灰复燃",
    "approval": "调整须有批准文件",
}
RULES = list(MESSAGES)
PATHS = ["draft", "change_set", "admin", "command", "loader"]


def _table(*rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, ["一、专业技术人员职业资格"], *rows])
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
def scenario(request, db):
    """The edition a table goes into and its rows, per rule, and what must stay as it is."""
    rule = request.param
    if rule == "legal_basis":
        fire = request.getfixturevalue("fire")
        rows = [["9", "注册消防工程师", "应急管理部", "准入类", "", ""]]
        return rule, fire.entries.get().edition, rows
    if rule == "revival":
        edition = request.getfixturevalue("edition2021")
        make_cancelled("咖啡师")
        return rule, edition, [["73", "咖啡师资格", "", "水平评价类", "", ""]]
    # approval: an edition whose date nobody has entered approves no new qualification.
    edition = make_edition(2031, official_total=1)
    return rule, edition, [["1", "测试职业资格", "", "水平评价类", "", ""]]


def _unchanged(rule: str) -> None:
    if rule == "legal_basis":
        fire = Qualification.objects.get(name="注册消防工程师")
        assert fire.legal_basis == "《中华人民共和国消防法》" and not fire.verified
        assert fire.entries.get().legal_basis == "《中华人民共和国消防法》"
    elif rule == "revival":
        assert Qualification.objects.get(name="咖啡师").is_retired
        assert not EditionEntry.objects.filter(qualification__name__startswith="咖啡师").exists()
        assert not Qualification.objects.filter(name="咖啡师资格").exists()
    else:
        assert not Qualification.objects.filter(name="测试职业资格").exists()
    assert not Adjustment.objects.exists()


# Drafts ----------------------------------------------------------------------------------


def _draft_for(rule: str, maintainer):
    if rule == "legal_basis":
        fire = Qualification.objects.get(name="注册消防工程师")
        return draft(maintainer, Action.AMENDED, fire, legal_basis=""), {}
    if rule == "revival":
        proposal = draft(
            maintainer,
            Action.ADDED,
            name="咖啡师资格",
            category="skilled",
            kind="level-evaluation",
        )
        # The document that cancelled it is no new approval.
        return proposal, {"document": "国发〔2016〕5号", "approved_on": date(2030, 1, 15)}
    proposal = draft(
        maintainer,
        Action.ADDED,
        name="测试职业资格",
        category="professional-technical",
        kind="level-evaluation",
    )
    return proposal, {"document": " ", "approved_on": date(2030, 1, 15)}


def _on_draft(rule, edition, rows, request):
    maintainer = request.getfixturevalue("maintainer")
    reviewer = request.getfixturevalue("second_maintainer")
    proposal, approval = _draft_for(rule, maintainer)
    with pytest.raises(ValidationError, match=MESSAGES[rule]):
        publish(proposal, reviewer, **approval)


# Official table: the change set, the admin's upload, the command -------------------------


def _on_change_set(rule, edition, rows, request):
    maintainer = request.getfixturevalue("maintainer")
    reviewer = request.getfixturevalue("second_maintainer")
    data = _table(*rows)
    preview = preview_table(edition=edition, data=data, filename="t.csv", document="附件")
    assert [r.verdict for r in preview.rows] == [BLOCKED]
    assert MESSAGES[rule] in preview.rows[0].note
    change_set = change_set_submit(
        edition=edition, data=data, filename="t.csv", document="附件", user=maintainer
    )
    change_set_publish(change_set=change_set, user=reviewer, attested=True)


def _on_admin(rule, edition, rows, request):
    client = request.getfixturevalue("client")
    client.force_login(request.getfixturevalue("maintainer"))
    upload = SimpleUploadedFile("t.csv", _table(*rows), content_type="text/csv")
    response = client.post(
        "/admin/catalogue/edition/official-table/",
        {"edition": edition.pk, "document": "附件", "file": upload},
    )
    page = response.content.decode()
    assert response.status_code == 200 and MESSAGES[rule] in page
    assert not TableChangeSet.objects.exists()


def _on_command(rule, edition, rows, request):
    maintainer = request.getfixturevalue("maintainer")
    path = request.getfixturevalue("tmp_path") / "t.csv"
    path.write_bytes(_table(*rows))
    out = StringIO()
    call_command(
        "load_official_table",
        str(path),
        edition=edition.year,
        document="附件",
        commit=True,
        user=maintainer.username,
        stdout=out,
    )
    assert "blocked" in out.getvalue() and MESSAGES[rule] in out.getvalue()
    assert TableChangeSet.objects.get().submitted_by == maintainer


# The loader of the shipped data ----------------------------------------------------------

EDITION = {
    "edition": "2017",
    "title": "国家职业资格目录",
    "announced_by": "人社部发〔2017〕68号",
    "announced_on": "2017-09-12",
    "official_total": "1",
    "professional_technical_access": "1",
    "professional_technical_level_evaluation": "0",
    "skilled_access": "0",
    "skilled_level_evaluation": "0",
    "skilled_total": "0",
    "verification": "official",
    "source": "test",
    "note": "",
}
ENTRY = {
    "edition": "2017",
    "seq": "1",
    "name": "测试职业资格",
    "sub_items": "",
    "category": "professional-technical",
    "kind": "access",
    "departments": "某部",
    "legal_basis": "《某法》",
    "remarks": "",
    "verification": "secondary",
    "source": "test",
    "note": "",
}


def _shipped(directory: Path, edition: dict, entry: dict) -> Path:
    """A data directory as data/ lays it out, with one edition of one entry."""
    for source in DATA.glob("*.csv"):
        header = source.read_text(encoding="utf-8").splitlines()[0]
        (directory / source.name).write_text(header + "\n", encoding="utf-8")
    (directory / "VERSION").write_text("test\n", encoding="utf-8")
    for name, row in (("editions.csv", edition), ("catalogue_2017.csv", entry)):
        with (directory / name).open("a", encoding="utf-8", newline="") as out:
            csv.DictWriter(out, fieldnames=list(row)).writerow(row)
    return directory


def _on_loader(rule, edition, rows, request):
    directory = _shipped(
        request.getfixturevalue("tmp_path"),
        {**EDITION, "announced_by": ""} if rule == "approval" else EDITION,
        {
            **ENTRY,
            **({"legal_basis": ""} if rule == "legal_basis" else {}),
            **(
                {"name": "咖啡师资格", "category": "skilled", "kind": "level-evaluation"}
                if rule == "revival"
                else {}
            ),
        },
    )
    before = Adjustment.objects.count()
    if rule == "revival":  # never a data gap: the load is refused, nothing written
        with pytest.raises(CommandError, match=MESSAGES[rule]):
            call_command("load_catalogue", data_dir=directory, stdout=StringIO())
        assert not Edition.objects.filter(year=2017).exists()
        return
    # A gap of the shipped data: loaded, and the log entry of the addition says so.
    call_command("load_catalogue", data_dir=directory, stdout=StringIO())
    added = Adjustment.objects.get(qualification__name="测试职业资格", action=Action.ADDED)
    assert any(MESSAGES[rule] in warning for warning in added.changes["warnings"])
    assert added.recorded_by is None and Adjustment.objects.count() == before + 1
    # Run twice: nothing new, the warning included.
    out = StringIO()
    call_command("load_catalogue", data_dir=directory, stdout=out)
    assert "created 0, updated 0 records" in out.getvalue()
    assert Adjustment.objects.count() == before + 1


ON = {
    "draft": _on_draft,
    "change_set": _on_change_set,
    "admin": _on_admin,
    "command": _on_command,
    "loader": _on_loader,
}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("scenario", RULES, indirect=True)
def test_each_rule_runs_on_each_write_path(scenario, path, request):
    rule, edition, rows = scenario
    ON[path](rule, edition, rows, request)
    if path != "loader":
        _unchanged(rule)


# The derived fields: search text, departments, aliases ------------------------------------


def test_a_maintainers_amend_through_the_service_writes_the_search_text_as_the_loader_does(
    catalogue, client, maintainer, second_maintainer
):
    from catalogue.text import normalise

    patent = Qualification.objects.get(name="专利代理师")
    loaded = patent.search_text  # as load_catalogue wrote it: the name, then the aliases
    assert normalise("专利代理人") in loaded.split()
    departments = list(patent.departments.all())
    renamed = draft(
        maintainer,
        Action.RENAMED,
        patent,
        name="专利代理师（试行）",
        legal_basis="《专利代理条例》",
    )
    publish(renamed, second_maintainer)
    patent.refresh_from_db()
    assert patent.search_text == loaded.replace(
        normalise("专利代理师"), normalise("专利代理师（试行）"), 1
    )
    assert list(patent.departments.all()) == departments
    for query in ("专利代理师（试行）", "专利代理人"):
        page = client.get("/catalogue/", {"q": query}).content.decode()
        assert "专利代理师（试行）" in page


def test_renaming_a_sub_item_through_the_service_renews_its_items_search_text(
    catalogue, maintainer, second_maintainer
):
    from catalogue.text import normalise

    subs = Qualification.objects.filter(parent__isnull=False, status="listed")
    sub = subs.filter(kind="level-evaluation").order_by("pk")[0]
    item = sub.parent
    assert normalise(sub.name) in item.search_text.split()
    publish(draft(maintainer, Action.RENAMED, sub, name=f"{sub.name}（试行）"), second_maintainer)
    item.refresh_from_db()
    assert normalise(f"{sub.name}（试行）") in item.search_text.split()
    assert normalise(sub.name) not in item.search_text.split()
