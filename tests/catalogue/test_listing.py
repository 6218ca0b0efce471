"""List rows carry their departments, aliases and sub-items without a query each."""

from catalogue.models import Alias, Department, Qualification, Status

from .maintenance_helpers import make_item


def test_rows_carry_their_related_names_in_order(db, django_assert_num_queries):
    cpa = make_item()
    cpa.departments.set([Department.objects.create(name=n) for n in ("财政部", "审计署")])
    Alias.objects.create(qualification=cpa, name="CPA")
    Alias.objects.create(qualification=cpa, name="注会")
    Qualification.objects.create(name="审计", parent=cpa, status=Status.LISTED)
    Qualification.objects.create(
        name="税务",
        parent=cpa,
        status=Status.RETIRED,
        retired_on="2020-01-01",
        retirement_reason="r",
    )
    with django_assert_num_queries(2):  # the rows, and their entries
        (row,) = Qualification.objects.items().for_listing()
        departments = [d.name for d in row.departments.all()]
        aliases = [a.name for a in row.aliases.all()]
        sub_items = [(s.name, s.is_retired, s.parent.name) for s in row.sub_items.all()]
        list(row.entries.all())
    assert departments == ["审计署", "财政部"]
    assert aliases == ["CPA", "注会"]
    assert sub_items == [("审计", False, "注册会计师"), ("税务", True, "注册会计师")]
    assert {s.pk for s in row.sub_items.all()} == set(cpa.sub_items.values_list("pk", flat=True))


def test_a_row_without_related_names_has_empty_lists(db):
    make_item("精算师")
    (row,) = Qualification.objects.items().for_listing()
    assert list(row.departments.all()) == list(row.aliases.all()) == list(row.sub_items.all()) == []
