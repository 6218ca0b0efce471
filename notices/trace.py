"""How far and how fast a notice has travelled: its chain up, its tree down, its coverage.

Each is a fixed number of queries whatever the size of the tree: a recursive CTE finds
the ids up or down the `forwards` links and one query loads those notices with their
issuers; the tree is then put together in memory.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
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


def ancestors(notice: Notice) -> list[Notice]:
    """The notice and those it forwards, up to the origin (the notice first): one query."""
    found = Notice.objects.filter(pk__in=RawSQL(_UP, [notice.pk])).select_related("issuer")
    by_id = {n.pk: n for n in found}
    chain, current = [], by_id.get(notice.pk)
    while current is not None and current not in chain:
        chain.append(current)
        current = by_id.get(current.forwards_id)
    return chain


def days_between(earlier: Notice | None, later: Notice) -> int | None:
    if earlier is None or earlier.issued_on is None or later.issued_on is None:
        return None
    return (later.issued_on - earlier.issued_on).days


@dataclass
class TreeRow:
    notice: Notice
    depth: int
    days: int | None
    days_from_root: int | None


def tree(notice: Notice, notices: QuerySet | None = None) -> list[TreeRow]:
    """The notice and every forwarding below it, depth first, each hop with its days."""
    below = list(descendants(notice, notices))
    children = defaultdict(list)
    for child in below:
        children[child.forwards_id].append(child)
    for group in children.values():
        group.sort(key=lambda n: (n.issuer.division_code, n.issued_on or n.created_at.date()))
    rows: list[TreeRow] = []
    stack = [(notice, 0, None)]
    while stack:
        current, depth, parent = stack.pop()
        rows.append(
            TreeRow(current, depth, days_between(parent, current), days_between(notice, current))
        )
        stack.extend((c, depth + 1, current) for c in reversed(children[current.pk]))
    return rows


@dataclass
class CoverageRow:
    authority: Authority
    notice: Notice | None = None
    days: int | None = None

    @property
    def forwarded(self) -> bool:
        return self.notice is not None


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


def coverage(notice: Notice, notices: QuerySet | None = None) -> Coverage:
    """Which authorities below the issuer have forwarded the notice, which not yet, by region.

    Two queries besides the notice itself: its tree and the authorities of its region.
    """
    rows = {row.notice.issuer_id: row for row in reversed(tree(notice, notices)[1:])}
    issuer = notice.issuer
    below = Authority.objects.within(issuer).exclude(pk=issuer.pk)
    authorities = {a.pk: a for a in below} | {
        r.notice.issuer_id: r.notice.issuer for r in rows.values()
    }
    result = [
        CoverageRow(a, rows[a.pk].notice, rows[a.pk].days) if a.pk in rows else CoverageRow(a)
        for a in authorities.values()
        if _RANK[Level(a.level)] > _RANK[Level(issuer.level)]
    ]
    return Coverage(notice, _regions(issuer, result), _by_level(result))


def _regions(issuer: Authority, rows: list[CoverageRow]) -> list[Region]:
    digits = _REGION_DIGITS[_RANK[Level(issuer.level)]]
    heads = {
        row.authority.division_code: row.authority.name
        for row in rows
        if len(row.authority.division_code.rstrip("0")) <= digits
    }
    regions: dict[str, Region] = {}
    for row in sorted(rows, key=lambda r: (r.authority.division_code or "9", r.authority.name)):
        code = (
            row.authority.division_code[:digits].ljust(6, "0")
            if row.authority.division_code
            else ""
        )
        name = heads.get(code, code) or "—"
        regions.setdefault(code, Region(name)).rows.append(row)
    return list(regions.values())


def _by_level(rows: list[CoverageRow]) -> list[tuple[str, int, int]]:
    summary = []
    for level in Level:
        at_level = [row for row in rows if row.authority.level == level]
        if at_level:
            summary.append((level.label, sum(r.forwarded for r in at_level), len(at_level)))
    return summary
