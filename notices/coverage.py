"""Coverage of a notice over the administrative divisions below its issuer (GB/T 2260).

Each division one and two levels below shows the first forwarding on record by an
authority of that division and level ("forwarded on … (n days)"), else the last reminder
sent ("reminded on …"), else "no record" — which never means "has not forwarded": the
portal knows only what is on record. Three queries whatever the size: the tree below the
notice, the reminders about it, and the registry's authorities of the divisions.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import F

from authorities.models import Authority, Level

from . import regions
from .models import Notice, Reminder
from .trace import _ROW_FIELDS, TreeRow, descendants, tree_rows

FORWARDED, REMINDED, NO_RECORD = "forwarded", "reminded", "no_record"


@dataclass
class DivisionRow:
    code: str
    name: str
    level: str
    parent: str | None
    notice_id: int | None = None
    doc_number: str = ""
    forwarded_on: date | None = None
    days: int | None = None
    reminded_on: datetime | None = None
    authority_id: int | None = None
    authority_name: str = ""

    @property
    def status(self) -> str:
        if self.notice_id is not None:
            return FORWARDED
        return REMINDED if self.reminded_on else NO_RECORD


@dataclass
class DivisionGroup:
    head: DivisionRow
    rows: list[DivisionRow] = field(default_factory=list)


@dataclass
class RegionCoverage:
    notice: Notice
    known: bool  # whether the issuer's division is known at all
    groups: list[DivisionGroup] = field(default_factory=list)

    @property
    def all_rows(self) -> list[DivisionRow]:
        return [row for g in self.groups for row in [g.head, *g.rows]]

    def counts(self) -> dict[str, int]:
        rows = self.all_rows
        return {s: sum(r.status == s for r in rows) for s in (FORWARDED, REMINDED, NO_RECORD)}


def region_coverage(
    notice: Notice, notices=None, tree: list[TreeRow] | None = None
) -> RegionCoverage:
    issuer = notice.issuer
    prefix = issuer.region_prefix
    if prefix is None or issuer.level == Level.COUNTY:
        return RegionCoverage(notice, known=False)
    top = regions.children_of(issuer.division_code if prefix else None)
    groups = [DivisionGroup(_row(d), [_row(c) for c in regions.children_of(d.code)]) for d in top]
    result = RegionCoverage(notice, known=True, groups=groups)
    rows = {(row.level, row.code): row for row in result.all_rows}
    if tree is None and connection.features.can_distinct_on_fields:
        tree = _first_forwardings(notice, notices, {row.level for row in rows.values()})
    _fill_forwardings(notice, tree_rows(notice, notices) if tree is None else tree, rows)
    _fill_reminders(notice, rows)
    _fill_authorities(rows)
    return result


def _row(division: regions.Division) -> DivisionRow:
    return DivisionRow(division.code, division.name, division.level, division.parent)


def _division_of(level: str, code: str) -> str | None:
    digits = {"provincial": 2, "municipal": 4, "county": 6}.get(level)
    return code[:digits].ljust(6, "0") if digits and code else None


def _first_forwardings(notice: Notice, notices, levels: set[str]) -> list[TreeRow]:
    """The earliest forwarding of each authority's division and level, found by the
    database (DISTINCT ON): a few hundred rows instead of every forwarding of the tree.
    An authority's code names its own division (350000 a province's, 350100 a city's)."""
    found = (
        descendants(notice, notices)
        .filter(issuer__level__in=levels)
        .exclude(issuer__division_code="")
        .order_by(
            "issuer__level", "issuer__division_code", F("issued_on").asc(nulls_last=True), "id"
        )
        .distinct("issuer__level", "issuer__division_code")
    )
    return [TreeRow(*values) for values in found.values_list(*_ROW_FIELDS)]


def _fill_forwardings(notice: Notice, tree: list[TreeRow], rows: dict) -> None:
    for found in sorted(tree, key=lambda r: (r.issued_on or date.max, r.id)):
        row = rows.get((found.issuer_level, _division_of(found.issuer_level, found.issuer_code)))
        if row is None or row.notice_id is not None:
            continue
        row.notice_id, row.doc_number, row.forwarded_on = (
            found.id,
            found.doc_number,
            found.issued_on,
        )
        if found.issued_on and notice.issued_on:
            row.days = (found.issued_on - notice.issued_on).days


def _fill_reminders(notice: Notice, rows: dict) -> None:
    sent = Reminder.objects.filter(notice=notice).values_list(
        "authority__level", "division_code", "sent_at"
    )
    for level, code, sent_at in sent:
        row = rows.get((level, code))
        if row is not None and (row.reminded_on is None or sent_at > row.reminded_on):
            row.reminded_on = sent_at


def _fill_authorities(rows: dict) -> None:
    """The registry's authority of each division (the one a reminder goes to)."""
    codes = {code for _level, code in rows}
    found = Authority.objects.filter(division_code__in=codes).order_by("name")
    for pk, name, level, code in found.values_list("pk", "name", "level", "division_code"):
        row = rows.get((level, code))
        if row is not None and row.authority_id is None:
            row.authority_id, row.authority_name = pk, name
