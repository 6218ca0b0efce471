"""Editions: their listing in order, and how complete the portal holds them.

Completeness compares the items held with the official totals (57 / 140). Only the
figures the announcing notice gives are compared; an unknown official figure is left
out rather than guessed.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Category, Edition, EditionEntry, Kind

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


@dataclass(frozen=True)
class Completeness:
    label: str
    held: int
    official: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.held / self.official)) if self.official else 0


def edition_completeness(edition: Edition, tally: dict | None = None) -> list[Completeness]:
    """One line per official figure the edition has: items held / official total."""
    if tally is None:
        tally = EditionEntry.objects.items().filter(edition=edition).tally()
    lines = []
    for label, field, pairs in _LINES:
        official = getattr(edition, field)
        if official is not None:
            held = sum(n for pair, n in tally.items() if pairs is None or pair in pairs)
            lines.append(Completeness(str(label), held, official))
    return lines


def editions_completeness(editions) -> dict[int, list[Completeness]]:
    """Completeness of several editions in one query, keyed by edition id."""
    rows = (
        EditionEntry.objects.items()
        .filter(edition__in=editions)
        .order_by()
        .values_list("edition_id", "category", "kind")
        .annotate(n=Count("id"))
    )
    tallies: dict[int, dict] = {edition.pk: {} for edition in editions}
    for edition_id, category, kind, n in rows:
        tallies[edition_id][(category, kind)] = n
    return {e.pk: edition_completeness(e, tallies[e.pk]) for e in editions}


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
