"""The departments, aliases and sub-items of catalogue rows, fetched with the rows.

A list row shows all three. Prefetching them costs a query each; on PostgreSQL the rows
carry them instead as arrays (ARRAY(SELECT …) per column), and each row's arrays are put
where prefetch_related would have put the objects, so that templates, serializers and
exports read them the usual way (``q.departments.all()``) without a query. Elsewhere
(SQLite, the quick start) they are prefetched.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, models
from django.db.models import OuterRef
from django.db.models.query import ModelIterable


def _related() -> dict[str, tuple[models.QuerySet, list[str]]]:
    from .models import Alias, Department, Qualification

    return {
        "departments": (
            Department.objects.filter(qualifications=OuterRef("pk")).order_by("name"),
            ["id", "name"],
        ),
        "aliases": (
            Alias.objects.filter(qualification=OuterRef("pk")).order_by("id"),
            ["id", "name"],
        ),
        "sub_items": (
            Qualification.objects.filter(parent=OuterRef("pk")).order_by("name", "id"),
            ["id", "name", "status"],
        ),
    }


def _column(relation: str, field: str) -> str:
    return f"_listed_{relation}_{field}"


def _as_prefetched(obj: models.Model, relation: str, objects: list[models.Model]) -> None:
    queryset = getattr(obj, relation).all()
    queryset._result_cache, queryset._prefetch_done = objects, True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


class RowsWithRelatedIterable(ModelIterable):
    """Model instances whose related arrays become their prefetched relations."""

    def __iter__(self):
        related = _related()
        for obj in super().__iter__():
            for relation, (queryset, fields) in related.items():
                columns = [obj.__dict__.pop(_column(relation, f)) or [] for f in fields]
                extra = {"parent": obj} if relation == "sub_items" else {}
                rows = [
                    dict(zip(fields, values, strict=True)) for values in zip(*columns, strict=True)
                ]
                _as_prefetched(obj, relation, [queryset.model(**row, **extra) for row in rows])
            yield obj


def with_related_names(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` whose rows come with their departments, aliases and sub-items."""
    related = _related()
    if connections[queryset.db].vendor != "postgresql":
        ordered_sub_items = models.Prefetch(
            "sub_items", queryset=related["sub_items"][0].model.objects.order_by("name", "id")
        )
        return queryset.prefetch_related("departments", "aliases", ordered_sub_items)
    arrays = {
        _column(relation, field): ArraySubquery(subquery.values(field))
        for relation, (subquery, fields) in related.items()
        for field in fields
    }
    annotated = queryset.annotate(**arrays)
    annotated._iterable_class = RowsWithRelatedIterable
    return annotated
