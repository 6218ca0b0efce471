"""A qualification's history as one timeline, and the log entries behind a comparison.

Both read what is already loaded or fetch in one query: the qualification page keeps its
fixed number of queries, and a comparison adds one.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Adjustment, Edition, Qualification


@dataclass(frozen=True)
class TimelineEvent:
    on: date | None
    label: str
    detail: str
    document: str = ""
    adjustment: Adjustment | None = None


def _listing(entry) -> TimelineEvent:
    number = _("第 %(n)s 项") % {"n": entry.seq} if entry.seq else ""
    label = _("列入%(title)s") % {"title": entry.edition.title}
    return TimelineEvent(entry.edition.announced_on, label, f"{number} {entry.name}".strip())


def _adjustment(adjustment: Adjustment) -> TimelineEvent:
    where = adjustment.batch or adjustment.edition or ""
    document = " ".join(str(part) for part in (adjustment.document, where) if part)
    return TimelineEvent(
        adjustment.effective_on,
        adjustment.get_action_display(),
        adjustment.reason,
        document,
        adjustment,
    )


def qualification_timeline(qualification: Qualification) -> list[TimelineEvent]:
    """Editions that listed it and every logged adjustment, oldest first (undated last)."""
    events = [_listing(e) for e in qualification.entries.all()]
    events += [_adjustment(a) for a in qualification.adjustments.all()]
    return sorted(events, key=lambda e: (e.on is None, e.on or date.min))


def _window(older: Edition, newer: Edition) -> Q:
    """Adjustments that happened after ``older`` up to ``newer``."""
    window = Q(edition__year__gt=older.year, edition__year__lte=newer.year)
    if older.announced_on and newer.announced_on:
        window |= Q(
            edition__isnull=True,
            effective_on__gt=older.announced_on,
            effective_on__lte=newer.announced_on,
        )
    return window


def adjustments_behind(
    qualifications: list[Qualification], *, older: Edition, newer: Edition
) -> dict[int, list[Adjustment]]:
    """For each qualification, the log entries that explain a change between two editions.

    A sub-item's changes are often logged on its item ("sub-item added: 注册结构工程师"):
    those count for the sub-item too.
    """
    ids = {q.pk for q in qualifications} | {q.parent_id for q in qualifications if q.parent_id}
    found = Adjustment.objects.filter(_window(older, newer), qualification_id__in=ids)
    logged = list(found.select_related("edition", "batch"))
    reasons: dict[int, list[Adjustment]] = {}
    for q in qualifications:
        reasons[q.pk] = [
            a
            for a in logged
            if a.qualification_id == q.pk
            or (a.qualification_id == q.parent_id and a.changes.get("sub_item") == q.name)
        ]
    return reasons
