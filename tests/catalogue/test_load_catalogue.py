from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from catalogue.models import (
    Action,
    Adjustment,
    EditionEntry,
    Qualification,
    Status,
)


def _load() -> str:
    out = StringIO()
    call_command("load_catalogue", stdout=out)
    return out.getvalue()


def _counts(year: int) -> dict[tuple[str, str], int]:
    rows = (
        EditionEntry.objects.items()
        .filter(edition__year=year)
        .values_list("category", "kind")
        .annotate(n=Count("id"))
    )
    return {(category, kind): n for category, kind, n in rows}


def test_load_prints_completeness_by_verification_level_against_official_totals(db):
    output = _load()
    assert (
        "edition 2017: 140 official items; 140 rows here by verification: official 0, "
        "official-partial 1, secondary-corroborated 38, secondary 19, reconstructed 82 items"
    ) in output
    assert (
        "edition 2021: 72 official items; 72 rows here by verification: official 7, "
        "official-partial 9, secondary-corroborated 43, secondary 3, reconstructed 10 items"
    ) in output
    assert "  professional-technical access: 36 official, 34 rows (" in output
    assert "  skilled level-evaluation: 76 official, 78 rows (" in output
    assert "data version: 2" in output


def test_2017_edition_holds_every_row_of_the_data_with_the_reconstructed_skilled_part(db):
    _load()
    assert _counts(2017) == {
        ("professional-technical", "access"): 34,
        ("professional-technical", "level-evaluation"): 23,
        ("skilled", "access"): 5,
        ("skilled", "level-evaluation"): 78,
    }
    assert (
        EditionEntry.objects.items()
        .filter(edition__year=2017, verification="reconstructed")
        .count()
        == 82
    )


def test_2021_edition_holds_all_72_items(db):
    _load()
    assert _counts(2021) == {
        ("professional-technical", "access"): 33,
        ("professional-technical", "level-evaluation"): 26,
        ("skilled", "access"): 10,
        ("skilled", "level-evaluation"): 3,
    }


def test_the_2021_row_without_a_name_loads_by_its_number(db):
    _load()
    untitled = EditionEntry.objects.get(
        edition__year=2021, category="professional-technical", seq=30
    )
    assert untitled.name == "" and untitled.verification == "reconstructed"
    assert "航空安全员" in untitled.qualification.sub_items.values_list("name", flat=True)


def test_research_notes_are_kept_apart_from_the_official_remarks(db):
    _load()
    assert not EditionEntry.objects.exclude(remarks="").exists()
    teacher = EditionEntry.objects.get(edition__year=2021, name="教师资格")
    assert teacher.note == "From a transcription of the official table."


def test_skilled_items_that_left_in_2020_are_retired_and_stay_findable(db):
    _load()
    catering = Qualification.objects.get(name="餐饮服务人员")
    assert catering.status == Status.RETIRED and str(catering.retired_on) == "2020-12-31"
    assert "继续有效" in catering.retirement_reason
    hr = Qualification.objects.get(name="人力资源服务人员")
    assert str(hr.retired_on) == "2020-09-30"  # named by exits.csv: the first batch


def test_rule_data_is_loaded(db):
    from catalogue.models import (
        Cancellation,
        ColloquialName,
        Exit,
        ForbiddenWord,
        VerificationService,
    )

    _load()
    assert Exit.objects.count() == 19 and Cancellation.objects.count() == 37
    assert ColloquialName.objects.filter(colloquial_name="焊工证").count() == 4
    assert ForbiddenWord.objects.count() == 38 and VerificationService.objects.count() == 8


def test_loading_twice_changes_nothing(db):
    _load()
    snapshot = {
        model: sorted(model.objects.values_list("id", flat=True))
        for model in (Qualification, EditionEntry, Adjustment)
    }
    names = sorted(Qualification.objects.values_list("name", "status", "kind", "search_text"))
    output = _load()
    assert "created 0, updated 0 records" in output
    assert {m: sorted(m.objects.values_list("id", flat=True)) for m in snapshot} == snapshot
    assert (
        sorted(Qualification.objects.values_list("name", "status", "kind", "search_text")) == names
    )


def test_cancelled_qualification_is_a_retired_record_with_its_batch(db):
    _load()
    coffee = Qualification.objects.get(name="咖啡师")
    assert coffee.status == Status.RETIRED
    assert str(coffee.retired_on) == "2016-01-13"
    assert coffee.retirement_batch.number == 5
    assert coffee.adjustments.filter(action=Action.RETIRED, batch__number=5).exists()
    assert not coffee.entries.exists()


def test_item_removed_in_2021_stays_listed_in_2017_and_is_retired(db):
    _load()
    removed = Qualification.objects.get(name="出入境检疫处理人员资格")
    assert removed.status == Status.RETIRED
    assert str(removed.retired_on) == "2021-11-23"
    assert list(removed.entries.values_list("edition__year", flat=True)) == [2017]


def test_renamed_item_keeps_its_history_and_old_name_as_alias(db):
    _load()
    patent = Qualification.objects.get(name="专利代理师")
    assert list(patent.aliases.values_list("name", flat=True)) == ["专利代理人"]
    assert dict(patent.entries.values_list("edition__year", "name")) == {
        2017: "专利代理人",
        2021: "专利代理师",
    }
    assert patent.adjustments.filter(action=Action.RENAMED).count() == 1


def test_reclassified_item_has_a_different_kind_in_each_edition(db):
    _load()
    supervisor = Qualification.objects.get(name="设备监理师")
    assert dict(supervisor.entries.values_list("edition__year", "kind")) == {
        2017: "access",
        2021: "level-evaluation",
    }
    assert supervisor.kind == "level-evaluation"


def test_removed_sub_items_are_retired_and_logged_on_their_item(db):
    _load()
    group = Qualification.objects.get(name="勘察设计注册工程师")
    retired = set(group.sub_items.retired().values_list("name", flat=True))
    assert retired == {
        "注册石油天然气工程师",
        "注册冶金工程师",
        "注册采矿/矿物工程师",
        "注册机械工程师",
    }
    assert group.adjustments.filter(action=Action.SUB_ITEM_REMOVED).count() == 4
    assert group.sub_items.listed().count() == 6


def test_sub_item_departments_and_legal_basis_come_from_their_own_cells(db):
    _load()
    civil = Qualification.objects.get(name="民用核安全设备无损检验人员")
    assert list(civil.departments.values_list("name", flat=True)) == ["生态环境部"]
    assert civil.legal_basis == "《民用核安全设备监督管理条例》"
    military = Qualification.objects.get(name="国防科技工业军用核设施操纵人员")
    assert military.legal_basis == "" and not military.departments.exists()  # not captured


def test_unknown_fields_stay_empty(db):
    _load()
    teacher = Qualification.objects.get(name="教师资格")
    assert teacher.legal_basis.startswith("《中华人民共和国教师法》")
    cpa_2017 = EditionEntry.objects.get(edition__year=2017, name="注册会计师")
    assert cpa_2017.seq is None and cpa_2017.legal_basis == "" and not cpa_2017.verified


def test_every_record_keeps_its_source_and_verification(db):
    _load()
    assert not EditionEntry.objects.filter(source="").exists()
    assert EditionEntry.objects.items().filter(edition__year=2021, verified=True).count() == 7
    assert Qualification.objects.get(name="注册会计师").verified


def test_group_removal_of_73_skilled_items_is_logged_without_inventing_names(db):
    _load()
    group = Adjustment.objects.get(action=Action.GROUP_REMOVED)
    assert group.qualification is None
    assert group.edition.year == 2021


def test_missing_data_directory_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no editions.csv"):
        call_command("load_catalogue", data_dir=tmp_path)
