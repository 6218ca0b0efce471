"""Coverage of a notice: by the administrative divisions below its issuer (GB/T 2260), and
by the authorities on record there.

Each division one and two levels below shows the first forwarding on record by an
authority of that division and level ("forwarded on … (n days)"), else the last reminder
sent ("reminded on …"), else "no record" — which never means "has not forwarded": the
portal knows only what is on record. Three queries whatever the size, besides the notice:
the first forwarding in the tree below the notice of each division (for the API, of each
authority: it lists them all), the authorities of those divisions (of the whole region),
and the reminders about it. Everything else is dicts keyed by division code over the
static GB/T 2260 tree (read once per process, `regions.py`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet

from authorities.models import Authority, Level

from . import regions
from .models import Notice, Reminder
from .trace import descendants

FORWARDED, REMINDED, NO_RECORD = "forwarded", "reminded", "no_record"
_RANK = {Level.NATIONAL: 0, Level.PROVINCIAL: 1, Level.MUNICIPAL: 2, Level.COUNTY: 3}
_DIGITS = {"provincial": 2, "municipal": 4, "county": 6}


class First(NamedTuple):
    """An authority's earliest forwarding below the notice (`days`: of its own hop)."""

    issuer_id: int
    id: int
    doc_number: str
    issued_on: date | None
    days: int | None
    issuer_name: str
    issuer_level: str
    issuer_code: str


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
    firsts: list[First] = field(default_factory=list)
    authorities: list[tuple] = field(default_factory=list)  # (id, name, level, code)

    @property
    def all_rows(self) -> list[DivisionRow]:
        return [row for g in self.groups for row in [g.head, *g.rows]]

    def counts(self) -> dict[str, int]:
        rows = self.all_rows
        return {s: sum(r.status == s for r in rows) for s in (FORWARDED, REMINDED, NO_RECORD)}


_BY_ISSUER = ("issuer_id",)
_BY_DIVISION = ("issuer__level", "issuer__division_code")


def first_forwardings(
    notice: Notice, notices: QuerySet | None = None, levels: set[str] | None = None
) -> list[First]:
    """The earliest forwarding below the notice of each issuer, or, given `levels`, of
    each division code at those levels: one query, DISTINCT ON where the database has it,
    so one row per key, not every forwarding of the tree. A hop's days count from the
    forwarded notice when that one is visible too."""
    by = _BY_ISSUER if levels is None else _BY_DIVISION
    notices = Notice.objects.all() if notices is None else notices
    found = (
        descendants(notice, notices)
        .annotate(parent_shown=Exists(notices.filter(pk=OuterRef("forwards_id"))))
        .order_by(*by, F("issued_on").asc(nulls_last=True), "id")
    )
    if levels is not None:
        found = found.filter(issuer__level__in=levels).exclude(issuer__division_code="")
    if connection.features.can_distinct_on_fields:
        found = found.distinct(*by)
    values = found.values_list(
        "issuer_id",
        "id",
        "doc_number",
        "issued_on",
        "forwards_id",
        "forwards__issued_on",
        "parent_shown",
        "issuer__name",
        "issuer__level",
        "issuer__division_code",
    )
    keyed = levels is not None
    firsts: dict[object, First] = {}
    for issuer_id, pk, number, issued_on, parent, parent_on, shown, *issuer in values:
        key = (issuer[1], issuer[2]) if keyed else issuer_id
        if key not in firsts:
            known = (shown or parent == notice.pk) and issued_on and parent_on
            days = (issued_on - parent_on).days if known else None
            firsts[key] = First(issuer_id, pk, number, issued_on, days, *issuer)
    return list(firsts.values())


def region_coverage(
    notice: Notice, notices: QuerySet | None = None, *, every_authority: bool = False
) -> RegionCoverage:
    """The divisions below the issuer with what is on record for each; with
    `every_authority`, also each authority's first forwarding (the API lists them), from
    which the divisions are then filled too."""
    issuer = notice.issuer
    prefix = issuer.region_prefix
    known = prefix is not None and issuer.level != Level.COUNTY
    groups = [
        DivisionGroup(_row(head), [_row(d) for d in below])
        for head, below in regions.two_levels_below(issuer.division_code if prefix else None)
    ]
    result = RegionCoverage(notice, known, groups if known else [])
    rows = {(row.level, row.code): row for row in result.all_rows}
    if every_authority:
        result.firsts = first_forwardings(notice, notices)
        within = Authority.objects.within(issuer)
    else:
        levels = {row.level for row in rows.values()}
        result.firsts = first_forwardings(notice, notices, levels) if known else []
        within = Authority.objects.filter(division_code__in={code for _level, code in rows})
    if every_authority or known:
        result.authorities = list(within.values_list("id", "name", "level", "division_code"))
    if known:
        _fill_forwardings(notice, result.firsts, rows)
        _fill_reminders(notice, rows)
        _fill_authorities(result.authorities, rows)
    return result


def authority_regions(coverage: RegionCoverage) -> tuple[list[dict], list[dict]]:
    """Every authority on record below the issuer, with its first forwarding, grouped by
    the region one level below the issuer (provinces for the ministry), and the count
    forwarded per level: plain dicts (thousands of rows for a national notice)."""
    issuer = coverage.notice.issuer
    rank = _RANK[issuer.level]
    firsts = {f.issuer_id: f for f in coverage.firsts}
    authorities = {a[0]: a for a in coverage.authorities if a[0] != issuer.pk}
    for f in firsts.values():
        authorities.setdefault(f.issuer_id, (f.issuer_id, *f[5:]))
    below = [a for a in authorities.values() if _RANK[a[2]] > rank]
    below.sort(key=lambda a: (a[3] or "9", a[1]))
    digits = {0: 2, 1: 4, 2: 6, 3: 6}[rank]
    heads = {a[3]: a[1] for a in below if len(a[3].rstrip("0")) <= digits}
    groups: dict[str, dict] = {}
    totals = {level: [0, 0] for level in Level}
    for pk, name, level, code in below:
        first = firsts.get(pk)
        key = code[:digits].ljust(6, "0") if code else ""
        group = groups.setdefault(key, {"name": heads.get(key, key), "forwarded": 0, "rows": []})
        group["forwarded"] += first is not None
        totals[level][0] += first is not None
        totals[level][1] += 1
        group["rows"].append(_authority_row(pk, name, level, code, first))
    by_level = [
        {"level": str(level.label), "forwarded": done, "total": total}
        for level, (done, total) in totals.items()
        if total
    ]
    return list(groups.values()), by_level


def _authority_row(pk: int, name: str, level: str, code: str, first: First | None) -> dict:
    return {
        "authority": {"id": pk, "name": name, "level": level, "division_code": code},
        "forwarded": first is not None,
        "notice": first.id if first else None,
        "doc_number": first.doc_number if first else None,
        "issued_on": first.issued_on.isoformat() if first and first.issued_on else None,
        "days": first.days if first else None,
    }


def _row(division: regions.Division) -> DivisionRow:
    return DivisionRow(division.code, division.name, division.level, division.parent)


def _division_of(level: str, code: str) -> str | None:
    digits = _DIGITS.get(level)
    return code[:digits].ljust(6, "0") if digits and code else None


def _fill_forwardings(notice: Notice, firsts: list[First], rows: dict) -> None:
    """Each division's earliest forwarding among its authorities' first ones."""
    for found in firsts:
        row = rows.get((found.issuer_level, _division_of(found.issuer_level, found.issuer_code)))
        if row is None or (
            row.notice_id is not None
            and (row.forwarded_on or date.max, row.notice_id)
            <= (found.issued_on or date.max, found.id)
        ):
            continue
        row.notice_id, row.doc_number = found.id, found.doc_number
        row.forwarded_on, row.days = found.issued_on, None
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


def _fill_authorities(authorities: list[tuple], rows: dict) -> None:
    """The registry's authority of each division (the one a reminder goes to): the first
    by name of those of its level whose code is the division's."""
    for pk, name, level, code in authorities:
        row = rows.get((level, code))
        if row is not None and (row.authority_id is None or name < row.authority_name):
            row.authority_id, row.authority_name = pk, name
