"""How far and how fast a notice has travelled: its chain up, its tree down (coverage:
`coverage.py`).

Each is a fixed number of queries whatever the size of the tree: a recursive CTE finds
the ids up or down the `forwards` links and one query loads those notices with their
issuers; the tree is then put together in memory.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from .models import Notice

_TABLE = Notice._meta.db_table
# UNION (not UNION ALL) so that even a cycle entered by hand ends the recursion.
_DOWN = f"""
WITH RECURSIVE below(id) AS (
    SELECT id FROM {_TABLE} WHERE forwards_id = %s
    UNION
    SELECT n.id FROM {_TABLE} n JOIN below b ON n.forwards_id = b.id
) SELECT id FROM below
"""
_UP = f"""
WITH RECURSIVE above(id, forwards_id) AS (
    SELECT id, forwards_id FROM {_TABLE} WHERE id = %s
    UNION
    SELECT n.id, n.forwards_id FROM {_TABLE} n JOIN above a ON n.id = a.forwards_id
) SELECT id FROM above
"""


def descendants(notice: Notice, notices: QuerySet | None = None) -> QuerySet:
    """Every forwarding below a notice, at any depth, with its issuer: one query."""
    notices = Notice.objects.all() if notices is None else notices
    return notices.filter(pk__in=RawSQL(_DOWN, [notice.pk])).select_related("issuer")


def ancestors(notice: Notice, visible: QuerySet | None = None) -> list[Notice]:
    """The notice and those it forwards, up to the origin (the notice first): one query.

    With `visible`, the links outside it (a draft, a notice marked 不予公开) are left out.
    """
    found = Notice.objects.filter(pk__in=RawSQL(_UP, [notice.pk])).select_related("issuer")
    if visible is not None:
        found = found.annotate(shown=Exists(visible.filter(pk=OuterRef("pk"))))
    by_id = {n.pk: n for n in found}
    chain, current = [], by_id.get(notice.pk)
    while current is not None and current not in chain:
        chain.append(current)
        current = by_id.get(current.forwards_id)
    return [link for link in chain if getattr(link, "shown", True)]


def _days(earlier: date | None, later: date | None) -> int | None:
    return (later - earlier).days if earlier and later else None


@dataclass(slots=True)
class TreeRow:
    """One notice of a tree, as plain values (thousands are built per page)."""

    id: int
    forwards_id: int | None
    doc_number: str
    title: str
    issued_on: date | None
    issuer_id: int
    issuer_name: str
    issuer_level: str
    issuer_code: str
    depth: int = 0
    days: int | None = None
    days_from_root: int | None = None


_ROW_FIELDS = [
    "id",
    "forwards_id",
    "doc_number",
    "title",
    "issued_on",
    "issuer_id",
    "issuer__name",
    "issuer__level",
    "issuer__division_code",
]


def _row(notice: Notice) -> TreeRow:
    issuer = notice.issuer
    return TreeRow(
        notice.pk,
        notice.forwards_id,
        notice.doc_number,
        notice.title,
        notice.issued_on,
        issuer.pk,
        issuer.name,
        issuer.level,
        issuer.division_code,
    )


def tree(notice: Notice, notices: QuerySet | None = None) -> list[TreeRow]:
    """The notice and every forwarding below it, depth first, each hop with its days.

    Siblings are ordered by their issuer's division code, then date.
    """
    children = defaultdict(list)
    for values in descendants(notice, notices).values_list(*_ROW_FIELDS):
        row = TreeRow(*values)
        children[row.forwards_id].append(row)
    for group in children.values():
        group.sort(key=lambda r: (r.issuer_code, r.issued_on or date.max, r.id))
    root = _row(notice)
    rows: list[TreeRow] = []
    stack = [(root, 0, None)]
    while stack:
        row, depth, parent = stack.pop()
        row.depth, row.days_from_root = depth, _days(root.issued_on, row.issued_on)
        row.days = _days(parent.issued_on, row.issued_on) if parent else None
        rows.append(row)
        stack.extend((c, depth + 1, row) for c in reversed(children.pop(row.id, [])))
    return rows
