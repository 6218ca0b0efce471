"""Which entry of a later edition continues which entry of an earlier one.

Framework-free. A lineage is one qualification followed through the editions; every link
that is not an identical name is reported with the rule that made it.
"""

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..text import normalise
from .sources import ChangeRecord, EntryRecord, contained_names, same_name

RENAMING_ACTIONS = {"renamed", "reclassified_renamed"}
# A rename the announcement records may be worded a little differently from the table
# (证券期货业从业资格 / 证券期货业从业人员资格): accept only a close, unique match.
RENAME_SIMILARITY = 85


@dataclass
class Lineage:
    entries: list[EntryRecord] = field(default_factory=list)

    @property
    def latest(self) -> EntryRecord:
        return self.entries[-1]

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    @property
    def former_names(self) -> list[str]:
        return [n for n in dict.fromkeys(self.names) if n != self.latest.name]

    def sub_item_names(self) -> list[str]:
        names = [s.name for e in self.entries for s in e.sub_items]
        # A sub-item promoted to be the item itself (兽医资格 › 执业兽医 → 执业兽医).
        return [n for n in dict.fromkeys(names) if n != self.latest.name]


def close_names(a: str, b: str) -> bool:
    return same_name(a, b) or fuzz.ratio(normalise(a), normalise(b)) >= RENAME_SIMILARITY


def _renamed_from(entry: EntryRecord, changes: list[ChangeRecord]) -> str | None:
    for change in changes:
        if change.action in RENAMING_ACTIONS and close_names(change.new_name, entry.name):
            return change.name
    return None


def _find_predecessor(
    entry: EntryRecord, open_lineages: list[Lineage], changes: list[ChangeRecord]
) -> tuple[Lineage | None, str]:
    for lineage in open_lineages:
        if lineage.latest.name == entry.name:
            return lineage, ""
    old_name = _renamed_from(entry, changes)
    if old_name:
        best = [lin for lin in open_lineages if close_names(old_name, lin.latest.name)]
        if len(best) == 1:
            return best[0], f"renamed from {best[0].latest.name} (announcement: {old_name})"
    for lineage in open_lineages:
        if any(same_name(s.name, entry.name) for s in lineage.latest.sub_items):
            return lineage, f"sub-item of {lineage.latest.name} listed as an item"
    contained = [
        lin
        for lin in open_lineages
        if lin.latest.category == entry.category and contained_names(lin.latest.name, entry.name)
    ]
    if len(contained) == 1:
        return contained[0], f"name contains or is contained in {contained[0].latest.name}"
    return None, ""


def build_lineages(
    editions: list[list[EntryRecord]], changes: list[ChangeRecord]
) -> tuple[list[Lineage], list[str]]:
    """Follow every entry through the editions, oldest first. Returns lineages and notes."""
    lineages: list[Lineage] = []
    notes: list[str] = []
    for entries in editions:
        open_lineages = list(lineages)
        for entry in entries:
            lineage, why = _find_predecessor(entry, open_lineages, changes)
            if lineage is None:
                lineage = Lineage()
                lineages.append(lineage)
            else:
                open_lineages.remove(lineage)
                if why:
                    notes.append(f"{entry.edition} {entry.name}: {why}")
            lineage.entries.append(entry)
    return lineages, notes
