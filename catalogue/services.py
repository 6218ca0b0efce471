"""Writes to the catalogue. Each one validates, changes state and appends to the adjustment
log in a single transaction, so the log never disagrees with the catalogue."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from notices.models import Notice, NoticeStatus

from .caching import catalogue_cache_bump
from .models import (
    Action,
    Adjustment,
    Category,
    Edition,
    EditionEntry,
    Kind,
    Qualification,
    Status,
)

# Fields whose change is worth a line in the adjustment log, with the action it counts as.
TRACKED_FIELDS = {
    "name": Action.RENAMED,
    "category": Action.RECLASSIFIED,
    "kind": Action.RECLASSIFIED,
    "legal_basis": Action.AMENDED,
    "remarks": Action.AMENDED,
    "name_en": Action.AMENDED,
    "parent": Action.AMENDED,
}


def _snapshot(qualification: Qualification) -> dict[str, str]:
    return {
        field: str(getattr(qualification, f"{field}_id" if field == "parent" else field) or "")
        for field in TRACKED_FIELDS
    }


def qualification_search_refresh(*, qualification: Qualification) -> None:
    """Recompute the search text of a qualification and of the item it belongs to."""
    qualification.refresh_search_text()
    qualification.save(update_fields=["search_text"])
    if qualification.parent_id:
        qualification_search_refresh(qualification=qualification.parent)


@transaction.atomic
def qualification_add(
    *,
    qualification: Qualification,
    effective_on: date | None,
    document: str,
    reason: str,
    user,
    drafted_by=None,
) -> Qualification:
    """Save a new qualification and log its addition."""
    qualification.full_clean()
    qualification.save()
    qualification_search_refresh(qualification=qualification)
    Adjustment.objects.create(
        qualification=qualification,
        action=Action.SUB_ITEM_ADDED if qualification.parent_id else Action.ADDED,
        effective_on=effective_on,
        document=document,
        reason=reason,
        changes={"after": _snapshot(qualification)},
        recorded_by=user,
        drafted_by=drafted_by,
        published_by=user,
    )
    return qualification


@transaction.atomic
def qualification_amend(
    *,
    qualification: Qualification,
    effective_on: date | None = None,
    document: str = "",
    reason: str = "",
    user,
    drafted_by=None,
) -> list[Adjustment]:
    """Save edits to a qualification and log what changed (rename, reclassify, amend)."""
    before = _snapshot(Qualification.objects.select_for_update().get(pk=qualification.pk))
    qualification.full_clean()
    qualification.save()
    qualification_search_refresh(qualification=qualification)
    after = _snapshot(qualification)
    changed = {f: [before[f], after[f]] for f in TRACKED_FIELDS if before[f] != after[f]}
    actions = dict.fromkeys(TRACKED_FIELDS[f] for f in changed) or {Action.AMENDED: None}
    return [
        Adjustment.objects.create(
            qualification=qualification,
            action=action,
            effective_on=effective_on,
            document=document,
            reason=reason,
            changes={f: v for f, v in changed.items() if TRACKED_FIELDS[f] == action},
            recorded_by=user,
            drafted_by=drafted_by,
            published_by=user,
        )
        for action in actions
    ]


@transaction.atomic
def qualification_retire(
    *,
    qualification: Qualification,
    retired_on: date,
    document: str,
    reason: str,
    successor: Qualification | None = None,
    successor_equivalent: bool | None = None,
    user,
    drafted_by=None,
) -> Qualification:
    """Retire a qualification: it stays in the catalogue's history, never deleted.

    坚决防止已取消的职业资格"死灰复燃": a retired qualification keeps its retirement record
    so that it stays findable and cannot quietly come back.
    """
    qualification = Qualification.objects.select_for_update().get(pk=qualification.pk)
    if qualification.is_retired:
        raise ValidationError(
            _("该职业资格已于 %(d)s 退出或取消。") % {"d": qualification.retired_on}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("请说明退出或取消的原因。")})
    if successor is not None and (successor.pk == qualification.pk or successor.is_retired):
        raise ValidationError({"successor": _("承接资格必须是目录中另一项在列的职业资格。")})
    qualification.status = Status.RETIRED
    qualification.retired_on = retired_on
    qualification.retirement_document = document
    qualification.retirement_reason = reason
    qualification.successor = successor
    qualification.successor_equivalent = successor_equivalent if successor else None
    qualification.save()
    Adjustment.objects.create(
        qualification=qualification,
        action=Action.RETIRED,
        effective_on=retired_on,
        document=document,
        reason=reason,
        changes={
            "successor": successor.name if successor else None,
            "successor_equivalent": qualification.successor_equivalent,
        },
        recorded_by=user,
        drafted_by=drafted_by,
        published_by=user,
    )
    return qualification


CATEGORY_ORDER = [Category.PROFESSIONAL_TECHNICAL, Category.SKILLED, ""]
KIND_ORDER = [Kind.ACCESS, Kind.LEVEL_EVALUATION, ""]


def _numbering_key(previous: dict[int, int]):
    """The official order: category, then kind (access first), then the previous number."""

    def key(qualification: Qualification) -> tuple:
        seq = previous.get(qualification.pk)
        return (
            CATEGORY_ORDER.index(qualification.category),
            KIND_ORDER.index(qualification.kind),
            seq is None,
            seq or 0,
            qualification.pk,
        )

    return key


def _entry(edition: Edition, qualification: Qualification, seq: int | None) -> EditionEntry:
    return EditionEntry(
        edition=edition,
        qualification=qualification,
        seq=seq,
        name=qualification.name,
        category=qualification.category,
        kind=qualification.kind,
        departments="；".join(d.name for d in qualification.departments.all()),
        legal_basis=qualification.legal_basis,
        remarks=qualification.remarks if seq else "",
        verified=qualification.verified,
        source=qualification.source,
    )


def _official_counts(items: list[Qualification]) -> dict[str, int]:
    def count(category: str, kind: str | None = None) -> int:
        return sum(1 for q in items if q.category == category and kind in (None, q.kind))

    pt, skilled = Category.PROFESSIONAL_TECHNICAL, Category.SKILLED
    return {
        "official_total": len(items),
        "official_pt_access": count(pt, Kind.ACCESS),
        "official_pt_level": count(pt, Kind.LEVEL_EVALUATION),
        "official_skilled_access": count(skilled, Kind.ACCESS),
        "official_skilled_level": count(skilled, Kind.LEVEL_EVALUATION),
        "official_skilled_total": count(skilled),
    }


@transaction.atomic
def edition_publish(*, year: int, title: str, notice: Notice, user) -> Edition:
    """Publish a new edition from the catalogue as it stands, announced by ``notice``.

    Items are numbered as the official table numbers them: professional-technical before
    skilled, access-type before level-evaluation, keeping the previous edition's order;
    sub-items are listed under their item without a number of their own.
    """
    latest = Edition.objects.select_for_update().order_by("-year").first()
    if latest is not None and year <= latest.year:
        raise ValidationError({"year": _("新版本的年份须晚于%(y)s。") % {"y": latest.year}})
    if notice.status != NoticeStatus.PUBLISHED:
        raise ValidationError({"notice": _("公布通知须已发布。")})
    items = list(
        Qualification.objects.items()
        .listed()
        .prefetch_related("departments", "sub_items__departments")
    )
    if not items:
        raise ValidationError(_("目录中没有在列的职业资格。"))
    previous = dict(latest.entries.values_list("qualification_id", "seq")) if latest else {}
    items.sort(key=_numbering_key(previous))
    edition = Edition.objects.create(
        year=year,
        title=title,
        announced_on=notice.issued_on,
        announcing_document=notice.doc_number,
        announcing_notice=notice,
        source=_("由 %(user)s 依据%(doc)s从当前目录发布") % {"user": user, "doc": notice},
        **_official_counts(items),
    )
    entries = []
    for seq, item in enumerate(items, start=1):
        entries.append(_entry(edition, item, seq))
        subs = [s for s in item.sub_items.all() if not s.is_retired]
        entries += [_entry(edition, sub, None) for sub in subs]
    EditionEntry.objects.bulk_create(entries)
    transaction.on_commit(catalogue_cache_bump)
    return edition
