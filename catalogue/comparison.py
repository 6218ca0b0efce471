"""What changed between two editions of the catalogue, row by row.

Entries of the two editions are matched by qualification: an item only the newer edition
lists was added, one only the older lists was removed (for sub-items, whose qualification
has a parent: sub-item added or removed). An item both list may have been renamed, or
reclassified between kinds or categories; each such change is a row of its own.
"""

from dataclasses import dataclass, replace

from django.db import models
from django.utils.translation import gettext_lazy as _

from .history import adjustments_behind
from .models import Adjustment, Edition, EditionEntry


class Change(models.TextChoices):
    ADDED = "added", _("新增")
    REMOVED = "removed", _("退出")
    SUB_ITEM_ADDED = "sub_item_added", _("增加子项")
    SUB_ITEM_REMOVED = "sub_item_removed", _("删除子项")
    RECLASSIFIED = "reclassified", _("调整类型或类别")
    RENAMED = "renamed", _("更名")


_ORDER = {change: position for position, change in enumerate(Change.values)}


@dataclass(frozen=True)
class ChangeRow:
    """One change: the entry as the older edition listed it (before) and the newer (after)."""

    change: Change
    before: EditionEntry | None
    after: EditionEntry | None
    # The log entries behind the change: why it happened, on what approval.
    why: tuple[Adjustment, ...] = ()

    @property
    def entry(self) -> EditionEntry:
        return self.after or self.before

    @property
    def qualification(self):
        return self.entry.qualification

    @property
    def parent(self):
        return self.qualification.parent


def _entries(edition: Edition) -> dict[int, EditionEntry]:
    entries = EditionEntry.objects.filter(edition=edition).in_order()
    return {entry.qualification_id: entry for entry in entries}


def _presence(qualification_id, before, after) -> ChangeRow:
    is_sub_item = (after or before).qualification.parent_id is not None
    if after is None:
        change = Change.SUB_ITEM_REMOVED if is_sub_item else Change.REMOVED
    else:
        change = Change.SUB_ITEM_ADDED if is_sub_item else Change.ADDED
    return ChangeRow(change, before, after)


def _differs(before: str, after: str) -> bool:
    """Unknown (empty) is not a change: only two known, different values are."""
    return bool(before and after and before != after)


def _amendments(before: EditionEntry, after: EditionEntry) -> list[ChangeRow]:
    rows = []
    if before.name != after.name:
        rows.append(ChangeRow(Change.RENAMED, before, after))
    if _differs(before.kind, after.kind) or _differs(before.category, after.category):
        rows.append(ChangeRow(Change.RECLASSIFIED, before, after))
    return rows


def _sort_key(row: ChangeRow) -> tuple:
    parent = row.parent.name if row.parent else ""
    return (_ORDER[row.change], parent, row.entry.seq or 0, row.entry.name)


def editions_compare(*, older: Edition, newer: Edition) -> list[ChangeRow]:
    """Every change from ``older`` to ``newer``, grouped by kind of change."""
    before, after = _entries(older), _entries(newer)
    rows = []
    for qualification_id in before.keys() | after.keys():
        old, new = before.get(qualification_id), after.get(qualification_id)
        if old is None or new is None:
            rows.append(_presence(qualification_id, old, new))
        else:
            rows.extend(_amendments(old, new))
    reasons = adjustments_behind([r.qualification for r in rows], older=older, newer=newer)
    rows = [replace(r, why=tuple(reasons[r.qualification.pk])) for r in rows]
    return sorted(rows, key=_sort_key)


def changes_count(rows: list[ChangeRow]) -> dict[str, int]:
    """How many rows of each change there are, in the order of ``Change``."""
    counts = {change: 0 for change in Change.values}
    for row in rows:
        counts[row.change] += 1
    return {change: n for change, n in counts.items() if n}


def changes_summary(rows: list[ChangeRow]) -> list[tuple[str, int]]:
    """(label, count) of each change that occurs, for display."""
    return [(Change(change).label, n) for change, n in changes_count(rows).items()]


def group_changes(*, older: Edition, newer: Edition) -> list[Adjustment]:
    """Changes recorded for whole groups of items, which no entry row can show."""
    return list(Adjustment.objects.groups().between(older, newer).select_related("edition"))
