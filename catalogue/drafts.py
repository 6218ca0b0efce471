"""Reviewed adjustments: a maintainer drafts, a second maintainer reviews and publishes.

A draft changes nothing public. Publishing applies the change through the catalogue
services, which check the notice's rules (rules.py) and write the append-only log with
who drafted and who published it — all in one transaction. The review page shows the same
rule problems before publication.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import identity, rules, services
from .models import (
    Action,
    Department,
    DraftAdjustment,
    DraftStatus,
    Qualification,
)

TARGETED = {
    Action.AMENDED,
    Action.RENAMED,
    Action.RECLASSIFIED,
    Action.RETIRED,
    Action.SUB_ITEM_REMOVED,
}
PROPOSED_FIELDS = ["name", "name_en", "category", "kind", "legal_basis", "remarks"]
ADDING = {Action.ADDED, Action.SUB_ITEM_ADDED}


def _target_errors(draft: DraftAdjustment) -> dict[str, str]:
    target = draft.qualification
    if target is None:
        return {"qualification": _("请选择要调整的职业资格。")}
    if target.is_retired:
        return {"qualification": _("该职业资格已退出或取消。")}
    if draft.action == Action.SUB_ITEM_REMOVED and not target.parent_id:
        return {"qualification": _("删除子项须选择一个子项。")}
    if draft.action == Action.RENAMED and draft.name == target.name:
        return {"name": _("更名须填写新的名称。")}
    if draft.action == Action.RECLASSIFIED and (draft.category, draft.kind) == (
        target.category,
        target.kind,
    ):
        return {"kind": _("调整类型或类别须改变类型或类别。")}
    return {}


def _new_item_errors(draft: DraftAdjustment) -> dict[str, str]:
    errors = {}
    if not draft.name.strip():
        errors["name"] = _("请填写名称。")
    elif identity.is_placeholder_name(draft.name):
        errors["name"] = _("名称不完整或是占位符：请填写职业资格的正式名称。")
    if draft.action == Action.SUB_ITEM_ADDED and (
        draft.parent is None or draft.parent.parent_id or draft.parent.is_retired
    ):
        errors["parent"] = _("增加子项须选择一项在列的职业资格。")
    if draft.action == Action.ADDED and draft.parent_id:
        errors["parent"] = _("新增职业资格不属于其他资格；增加子项请选“增加子项”。")
    return errors


def draft_validate(*, draft: DraftAdjustment) -> None:
    """Check that a draft says everything its action needs; raise ValidationError if not."""
    if draft.action in TARGETED:
        errors = _target_errors(draft)
    else:
        errors = _new_item_errors(draft)
        if draft.qualification_id:
            errors["qualification"] = _("新增时不选择已有的职业资格。")
    if not draft.reason.strip():
        errors["reason"] = _("请说明调整的原因。")
    if errors:
        raise ValidationError(errors)


def draft_prefill(*, draft: DraftAdjustment) -> DraftAdjustment:
    """Copy the target's current values into the draft, so that it proposes only edits."""
    if draft.qualification is not None:
        for field in PROPOSED_FIELDS:
            setattr(draft, field, getattr(draft.qualification, field))
    return draft


@transaction.atomic
def draft_create(
    *, draft: DraftAdjustment, departments: Iterable[Department] = (), user
) -> DraftAdjustment:
    """Save a draft adjustment by ``user``; nothing public changes."""
    draft.drafted_by = user
    draft.status = DraftStatus.DRAFT
    draft_validate(draft=draft)
    draft.full_clean()
    draft.save()
    draft.departments.set(departments)
    return draft


@transaction.atomic
def draft_withdraw(*, draft: DraftAdjustment, user) -> DraftAdjustment:
    draft = DraftAdjustment.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_pending:
        raise ValidationError(_("该草稿已发布或已撤回。"))
    draft.status = DraftStatus.WITHDRAWN
    draft.save(update_fields=["status"])
    return draft


def draft_publication_problems(
    *, draft: DraftAdjustment, document: str, approved_on: date | None, user
) -> list[str]:
    """Why ``user`` may not publish ``draft`` with this approval; empty when they may."""
    if not draft.is_pending:
        return [_("该草稿已发布或已撤回。")]
    if user.pk == draft.drafted_by_id:
        return [_("草稿须由起草人以外的另一位维护人员审核发布。")]
    try:
        draft_validate(draft=draft)
    except ValidationError as error:
        return error.messages
    return [p.message for p in rules.problems(draft_change(draft, document, approved_on))]


def _resulting(draft: DraftAdjustment, field: str) -> str:
    """A sub-item takes its item's kind, and its legal basis unless it states its own."""
    own = getattr(draft, field).strip()
    if draft.action == Action.SUB_ITEM_ADDED and draft.parent_id:
        return own if field == "legal_basis" and own else getattr(draft.parent, field)
    return own


def draft_change(draft: DraftAdjustment, document: str, approved_on: date | None) -> rules.Change:
    """The draft as the rules see it once published."""
    reviving = draft.action in ADDING and _revived(draft) is not None
    return rules.Change(
        action="reinstated" if reviving else draft.action,
        name=draft.name or (draft.qualification.name if draft.qualification else ""),
        kind=_resulting(draft, "kind"),
        legal_basis=_resulting(draft, "legal_basis"),
        qualification=_revived(draft) if reviving else draft.qualification,
        document=document.strip(),
        effective_on=approved_on,
    )


@transaction.atomic
def draft_publish(
    *, draft: DraftAdjustment, document: str, approved_on: date | None, user
) -> DraftAdjustment:
    """Apply a reviewed draft and log it; refused with the reasons if a rule would break."""
    draft = DraftAdjustment.objects.select_for_update().get(pk=draft.pk)
    problems = draft_publication_problems(
        draft=draft, document=document, approved_on=approved_on, user=user
    )
    if problems:
        raise ValidationError(problems)
    record = {"document": document.strip(), "reason": draft.reason, "drafted_by": draft.drafted_by}
    draft.qualification = _APPLY[draft.action](draft, approved_on, user, record)
    draft.status = DraftStatus.PUBLISHED
    draft.document, draft.approved_on = record["document"], approved_on
    draft.published_by, draft.published_at = user, timezone.now()
    draft.save()
    return draft


def _proposed(draft: DraftAdjustment, qualification: Qualification) -> Qualification:
    for field in PROPOSED_FIELDS:
        setattr(qualification, field, getattr(draft, field))
    return qualification


def _revived(draft: DraftAdjustment) -> Qualification | None:
    """The retired qualification (same item or sub-item) that an added draft brings back."""
    retired = Qualification.objects.retired().filter(parent=draft.parent)
    found = identity.namesakes(draft.name, among=retired)
    return found[0] if len(found) == 1 else None


def _departments_from(draft: DraftAdjustment, qualification: Qualification) -> None:
    names = [d.name for d in draft.departments.all()]
    services.qualification_departments_set(qualification=qualification, names=names)


def _add(draft, approved_on, user, record) -> Qualification:
    revived = _revived(draft)
    if revived is not None:
        return _reinstate(draft, revived, approved_on, user, record)
    new = _proposed(draft, Qualification(parent=draft.parent, source=record["document"]))
    if draft.parent_id:
        new.category, new.kind = draft.parent.category, draft.parent.kind
    services.qualification_add(qualification=new, effective_on=approved_on, user=user, **record)
    _departments_from(draft, new)
    return new


def _reinstate(draft, qualification, approved_on, user, record) -> Qualification:
    """Re-list a retired qualification on its new approval; the log keeps its retirement."""
    services.qualification_reinstate(
        qualification=_proposed(draft, qualification),
        effective_on=approved_on,
        user=user,
        **record,
    )
    _departments_from(draft, qualification)
    return qualification


def _amend(draft, approved_on, user, record) -> Qualification:
    qualification = _proposed(draft, draft.qualification)
    services.qualification_amend(
        qualification=qualification, effective_on=approved_on, user=user, **record
    )
    _departments_from(draft, qualification)
    return qualification


def _retire(draft, approved_on, user, record) -> Qualification:
    return services.qualification_retire(
        qualification=draft.qualification,
        retired_on=approved_on,
        successor=draft.successor,
        successor_equivalent=draft.successor_equivalent,
        user=user,
        **record,
    )


_APPLY = {
    Action.ADDED: _add,
    Action.SUB_ITEM_ADDED: _add,
    Action.AMENDED: _amend,
    Action.RENAMED: _amend,
    Action.RECLASSIFIED: _amend,
    Action.RETIRED: _retire,
    Action.SUB_ITEM_REMOVED: _retire,
}
