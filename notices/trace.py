"""How far and how fast a notice has travelled: its chain up, its tree down, its coverage.

Each is a fixed number of queries whatever the size of the tree: a recursive CTE finds
the ids up or down the `forwards` links and one query loads those notices with their
issuers; the tree is then put together in memory.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from authorities.models import Authority, Level

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
_RANK = {Level.NATIONAL: 0, Level.PROVINCIAL: 1, Level.MUNICIPAL: 2, Level.COUNTY: 3}
_REGION_DIGITS = {0: 2, 1: 4, 2: 6, 3: 6}


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


@dataclass(slots=True)
class AuthorityRow:
    id: int
    name: str
    level: str
    division_code: str


@dataclass
class CoverageRow:
    authority: AuthorityRow
    notice: TreeRow | None = None

    @property
    def forwarded(self) -> bool:
        return self.notice is not None

    @property
    def days(self) -> int | None:
        return self.notice.days if self.notice else None


@dataclass
class Region:
    name: str
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def forwarded(self) -> int:
        return sum(row.forwarded for row in self.rows)


@dataclass
class Coverage:
    notice: Notice
    regions: list[Region]
    by_level: list[tuple[str, int, int]]  # level label, forwarded, total


def tree_rows(notice: Notice, notices: QuerySet | None = None) -> list[TreeRow]:
    """Every forwarding below the notice as plain rows: one query."""
    return [TreeRow(*values) for values in descendants(notice, notices).values_list(*_ROW_FIELDS)]


def coverage(
    notice: Notice, notices: QuerySet | None = None, rows: list[TreeRow] | None = None
) -> Coverage:
    """Which authorities below the issuer have forwarded the notice, which not yet, by region.

    Two queries besides the notice itself: its tree and the authorities of its region.
    An authority counts once, by its first forwarding in the tree.
    """
    forwarded = _first_forwarding_by_issuer(notice, notices, rows)
    issuer = notice.issuer
    below = Authority.objects.within(issuer).exclude(pk=issuer.pk)
    authorities = {a[0]: AuthorityRow(*a) for a in below.values_list(*_AUTHORITY_FIELDS)}
    for row in forwarded.values():
        authorities.setdefault(
            row.issuer_id,
            AuthorityRow(row.issuer_id, row.issuer_name, row.issuer_level, row.issuer_code),
        )
    rows = [
        CoverageRow(a, forwarded.get(a.id))
        for a in authorities.values()
        if _RANK[a.level] > _RANK[issuer.level]
    ]
    return Coverage(notice, _regions(issuer, rows), _by_level(rows))


_AUTHORITY_FIELDS = ["id", "name", "level", "division_code"]


def _first_forwarding_by_issuer(
    notice: Notice, notices: QuerySet | None, rows: list[TreeRow] | None = None
) -> dict[int, TreeRow]:
    """Each issuer's earliest forwarding below the notice, with the days its hop took."""
    rows = tree_rows(notice, notices) if rows is None else rows
    dates = {row.id: row.issued_on for row in rows} | {notice.pk: notice.issued_on}
    first: dict[int, TreeRow] = {}
    for row in sorted(rows, key=lambda r: (r.issued_on or date.max, r.id)):
        row.days = _days(dates.get(row.forwards_id), row.issued_on)
        first.setdefault(row.issuer_id, row)
    return first


def _regions(issuer: Authority, rows: list[CoverageRow]) -> list[Region]:
    """Rows grouped by the region one level below the issuer (provinces for the ministry)."""
    digits = _REGION_DIGITS[_RANK[issuer.level]]
    heads = {
        row.authority.division_code: row.authority.name
        for row in rows
        if len(row.authority.division_code.rstrip("0")) <= digits
    }
    regions: dict[str, Region] = {}
    for row in sorted(rows, key=lambda r: (r.authority.division_code or "9", r.authority.name)):
        code = row.authority.division_code
        code = code[:digits].ljust(6, "0") if code else ""
        regions.setdefault(code, Region(heads.get(code, code))).rows.append(row)
    return list(regions.values())


def _by_level(rows: list[CoverageRow]) -> list[tuple[str, int, int]]:
    summary = []
    for level in Level:
        at_level = [row for row in rows if row.authority.level == level]
        if at_level:
            summary.append((level.label, sum(r.forwarded for r in at_level), len(at_level)))
    return summary
