"""The orders of the catalogue list, shared by the page, the exports and the API.

By default the list reads like the official table: listed before retired, professional-
technical before skilled, access-type before level-evaluation, then by the item's number
(序号) in the edition (the one filtered on, else the latest edition listing the item).
Readers may sort by name (in pinyin order where PostgreSQL has ICU) or by department.
"""

from django.db import connections, models
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

NUMBER, NAME, DEPARTMENT = "number", "name", "department"
SORT_CHOICES = [
    (NUMBER, _("按目录序号")),
    (NAME, _("按名称")),
    (DEPARTMENT, _("按实施部门")),
]
PINYIN = "zh-Hans-x-icu"


def qualifications_ordered(
    queryset: models.QuerySet, *, sort: str = NUMBER, edition_year: int | None = None
) -> models.QuerySet:
    if sort == NAME:
        return queryset.order_by("status", _pinyin(queryset, "name"), "id")
    if sort == DEPARTMENT:
        first = queryset.annotate(first_department=_first_department(queryset))
        department = _pinyin(queryset, "first_department").asc(nulls_last=True)
        return first.order_by("status", department, _pinyin(queryset, "name"), "id")
    numbered = queryset.annotate(item_number=_item_number(edition_year))
    return numbered.order_by(
        "status",
        _blank_last("category"),
        "category",
        _blank_last("kind"),
        "kind",
        F("item_number").asc(nulls_last=True),
        _pinyin(queryset, "name"),
        "id",
    )


def _item_number(edition_year: int | None) -> Subquery:
    from .models import EditionEntry

    entries = EditionEntry.objects.filter(qualification=OuterRef("pk"), seq__isnull=False)
    if edition_year is not None:
        entries = entries.filter(edition__year=edition_year)
    return Subquery(entries.order_by("-edition__year").values("seq")[:1])


def _first_department(queryset: models.QuerySet) -> Subquery:
    from .models import Department

    departments = Department.objects.filter(qualifications=OuterRef("pk"))
    return Subquery(departments.order_by(_pinyin(queryset, "name")).values("name")[:1])


def _blank_last(field: str) -> Case:
    return Case(When(**{field: ""}, then=Value(1)), default=Value(0))


def _pinyin(queryset: models.QuerySet, field: str):
    """The field in pinyin collation on PostgreSQL; as stored elsewhere (SQLite)."""
    if connections[queryset.db].vendor == "postgresql":
        return Collate(field, PINYIN)
    return F(field)
