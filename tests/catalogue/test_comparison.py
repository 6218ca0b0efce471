from catalogue.comparison import Change, changes_count, editions_compare, group_changes
from catalogue.models import Adjustment

from .factories import make_edition, make_entry, make_qualification


def _changes(rows) -> set[tuple[str, str]]:
    return {(row.change, row.entry.name) for row in rows}


def test_comparison_names_each_rows_change(small_catalogue):
    c = small_catalogue
    rows = editions_compare(older=c.e2017, newer=c.e2021)
    assert _changes(rows) == {
        (Change.ADDED, "精算师"),
        (Change.ADDED, "道路运输从业人员"),
        (Change.REMOVED, "出入境检疫处理人员资格"),
        (Change.SUB_ITEM_REMOVED, "注册机械工程师"),
        (Change.RENAMED, "设备监理师"),
        (Change.RECLASSIFIED, "设备监理师"),
    }


def test_a_renamed_item_keeps_both_names(small_catalogue):
    c = small_catalogue
    rows = editions_compare(older=c.e2017, newer=c.e2021)
    renamed = next(row for row in rows if row.change == Change.RENAMED)
    assert (renamed.before.name, renamed.after.name) == ("注册设备监理师", "设备监理师")
    assert renamed.qualification == c.supervisor


def test_a_sub_item_change_names_its_item(small_catalogue):
    c = small_catalogue
    rows = editions_compare(older=c.e2017, newer=c.e2021)
    removed = next(row for row in rows if row.change == Change.SUB_ITEM_REMOVED)
    assert removed.parent == c.survey
    assert removed.after is None


def test_a_sub_item_added_is_not_an_item_added(small_catalogue):
    c = small_catalogue
    doctor = make_qualification("医生资格", sub_items=("职业病诊断医师",))
    make_entry(c.e2017, doctor)
    make_entry(c.e2021, doctor)
    make_entry(c.e2021, doctor.sub_items.get())
    rows = editions_compare(older=c.e2017, newer=c.e2021)
    assert (Change.SUB_ITEM_ADDED, "职业病诊断医师") in _changes(rows)


def test_a_category_change_is_a_reclassification(db):
    older, newer = make_edition(2017), make_edition(2021)
    item = make_qualification("特种作业人员")
    make_entry(older, item, category="professional-technical")
    make_entry(newer, item, category="skilled")
    assert _changes(editions_compare(older=older, newer=newer)) == {
        (Change.RECLASSIFIED, "特种作业人员")
    }


def test_an_unknown_kind_is_not_a_reclassification(db):
    older, newer = make_edition(2017), make_edition(2021)
    item = make_qualification("教师资格")
    make_entry(older, item, kind="")
    make_entry(newer, item)
    assert editions_compare(older=older, newer=newer) == []


def test_changes_are_counted_in_the_order_of_change(small_catalogue):
    c = small_catalogue
    counts = changes_count(editions_compare(older=c.e2017, newer=c.e2021))
    assert list(counts.items()) == [
        ("added", 2),
        ("removed", 1),
        ("sub_item_removed", 1),
        ("reclassified", 1),
        ("renamed", 1),
    ]


def test_comparing_an_edition_with_itself_finds_nothing(small_catalogue):
    c = small_catalogue
    assert editions_compare(older=c.e2021, newer=c.e2021) == []


def test_comparison_takes_three_queries(small_catalogue, django_assert_num_queries):
    c = small_catalogue
    # the entries of each edition, and the log entries behind the rows
    with django_assert_num_queries(3):
        rows = editions_compare(older=c.e2017, newer=c.e2021)
        [row.parent for row in rows]


def test_group_changes_are_those_recorded_with_the_newer_edition(small_catalogue):
    c = small_catalogue
    Adjustment.objects.create(
        action="group_removed",
        edition=c.e2021,
        changes={"group": "水平评价类技能人员职业资格（73项）"},
    )
    (group,) = group_changes(older=c.e2017, newer=c.e2021)
    assert group.changes["group"] == "水平评价类技能人员职业资格（73项）"
    assert group_changes(older=c.e2021, newer=c.e2017) == []
