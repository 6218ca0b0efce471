"""Editions: their listing in order, and how complete the portal holds them.

Completeness is shown by verification level against the official totals, never by counting
rows (2017 has 140 rows by coincidence: two access items missing, two reconstructed skilled
rows surplus). ``held`` counts only rows whose core is official (official, official-partial).
Only the figures the announcing notice gives are compared; an unknown official figure is left
out rather than guessed.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Category, Edition, EditionEntry, Kind, Verification

PT, SKILLED = Category.PROFESSIONAL_TECHNICAL, Category.SKILLED
ACCESS, LEVEL = Kind.ACCESS, Kind.LEVEL_EVALUATION

# (label, official figure field, the (category, kind) pairs it counts; None: all)
_LINES = (
    (_("合计"), "official_total", None),
    (_("专业技术人员 · 准入类"), "official_pt_access", [(PT, ACCESS)]),
    (_("专业技术人员 · 水平评价类"), "official_pt_level", [(PT, LEVEL)]),
    (_("技能人员 · 准入类"), "official_skilled_access", [(SKILLED, ACCESS)]),
    (_("技能人员 · 水平评价类"), "official_skilled_level", [(SKILLED, LEVEL)]),
    (_("技能人员合计"), "official_skilled_total", [(SKILLED, ACCESS), (SKILLED, LEVEL)]),
)


CONFIRMED = (Verification.OFFICIAL, Verification.OFFICIAL_PARTIAL)


@dataclass(frozen=True)
class Completeness:
    label: str
    held: int
    official: int
    rows: int = 0
    levels: tuple[tuple[str, int], ...] = ()

    @property
    def levels_by_code(self) -> dict[str, int]:
        return dict(self.levels)

    @property
    def labelled_levels(self) -> list[tuple[str, int]]:
        labels = dict(Verification.choices)
        return [(labels[code], n) for code, n in self.levels]

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.held / self.official)) if self.official else 0


def edition_completeness(edition: Edition, tally: dict | None = None) -> list[Completeness]:
    """One line per official figure the edition has: items held / official total."""
    if tally is None:
        tally = _tally(EditionEntry.objects.items().filter(edition=edition))[edition.pk]
    lines = []
    for label, field, pairs in _LINES:
        official = getattr(edition, field)
        if official is not None:
            counted = [(v, n) for (c, k, v), n in tally.items() if pairs is None or (c, k) in pairs]
            levels = tuple(
                (level.value, sum(n for v, n in counted if v == level)) for level in Verification
            )
            held = sum(n for v, n in counted if v in CONFIRMED)
            rows = sum(n for _, n in counted)
            lines.append(Completeness(str(label), held, official, rows, levels))
    return lines


def _tally(entries) -> dict[int, dict[tuple[str, str, str], int]]:
    rows = (
        entries.order_by()
        .values_list("edition_id", "category", "kind", "verification")
        .annotate(n=Count("id"))
    )
    tallies: dict[int, dict] = {}
    for edition_id, category, kind, verification, n in rows:
        tallies.setdefault(edition_id, {})[(category, kind, verification)] = n
    return tallies


def editions_completeness(editions) -> dict[int, list[Completeness]]:
    """Completeness of several editions in one query, keyed by edition id."""
    tallies = _tally(EditionEntry.objects.items().filter(edition__in=editions))
    return {e.pk: edition_completeness(e, tallies.get(e.pk, {})) for e in editions}


@dataclass(frozen=True)
class ListingRow:
    """An item as an edition lists it, with the sub-items that edition lists under it."""

    entry: EditionEntry
    sub_entries: list[EditionEntry]


def edition_listing(edition: Edition) -> list[ListingRow]:
    """The edition's items in order, each with its sub-item entries."""
    entries = list(EditionEntry.objects.filter(edition=edition).in_order())
    subs: dict[int, list[EditionEntry]] = {}
    for entry in entries:
        if entry.qualification.parent_id is not None:
            subs.setdefault(entry.qualification.parent_id, []).append(entry)
    items = [e for e in entries if e.qualification.parent_id is None]
    held = {e.qualification_id for e in items}
    # A sub-item whose item the edition does not list is shown as a row of its own.
    orphans = [e for e in entries if e.qualification.parent_id not in held | {None}]
    rows = [ListingRow(e, subs.get(e.qualification_id, [])) for e in items]
    return rows + [ListingRow(e, []) for e in orphans]
