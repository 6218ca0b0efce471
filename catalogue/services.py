"""Writes to the catalogue. Each one validates, changes state and appends to the adjustment
log in a single transaction, so the log never disagrees with the catalogue."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Action, Adjustment, Qualification, Status

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
