"""Publication rules: what the notice 人社部发〔2017〕68号 forbids the catalogue to become.

Each rule is named after the provision it enforces and quotes it. A rule looks at a draft
adjustment and the approval it is published with, and returns the reason publication is
refused, or None. ``publication_problems`` runs them all.
"""

from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext as _

from .models import Action, DraftAdjustment, Kind, Qualification
from .text import normalise

ADDING = {Action.ADDED, Action.SUB_ITEM_ADDED}
RESHAPING = {Action.AMENDED, Action.RENAMED, Action.RECLASSIFIED}


def _resulting_kind(draft: DraftAdjustment) -> str:
    if draft.action == Action.SUB_ITEM_ADDED and draft.parent_id:
        return draft.parent.kind
    return draft.kind


def _resulting_legal_basis(draft: DraftAdjustment) -> str:
    own = draft.legal_basis.strip()
    if not own and draft.action == Action.SUB_ITEM_ADDED and draft.parent_id:
        return draft.parent.legal_basis.strip()
    return own


def access_type_must_rest_on_law_or_state_council_decision(
    draft: DraftAdjustment, document: str, approved_on: date | None
) -> str | None:
    """设置准入类职业资格，其所涉职业（工种）必须关系公共利益或涉及国家安全、公共安全、
    人身健康、生命财产安全，且必须有法律法规或国务院决定作为依据。

    An added, amended or reclassified access-type qualification needs its legal basis.
    """
    if draft.action not in ADDING | RESHAPING or _resulting_kind(draft) != Kind.ACCESS:
        return None
    if _resulting_legal_basis(draft):
        return None
    return _(
        "准入类职业资格必须有法律法规或国务院决定作为设定依据（人社部发〔2017〕68号）："
        "请在草稿中填写设定依据。"
    )


def _cancelled_namesakes(draft: DraftAdjustment) -> list[Qualification]:
    """Retired qualifications that the draft's resulting name would bring back."""
    if not draft.name.strip():
        return []
    wanted = normalise(draft.name)
    retired = Qualification.objects.retired().exclude(pk=draft.qualification_id)
    return [
        q
        for q in retired.prefetch_related("aliases")
        if wanted in {normalise(q.name), *(normalise(a.name) for a in q.aliases.all())}
    ]


def _is_new_approval(cancelled: Qualification, document: str, approved_on: date | None) -> bool:
    return bool(
        document.strip()
        and document.strip() != cancelled.retirement_document.strip()
        and approved_on
        and cancelled.retired_on
        and approved_on > cancelled.retired_on
    )


def cancelled_qualification_must_not_revive(
    draft: DraftAdjustment, document: str, approved_on: date | None
) -> str | None:
    """坚决防止已取消的职业资格"死灰复燃"。

    今后职业资格设置、取消及纳入、退出目录……按程序报经国务院批准: a qualification that
    was cancelled or retired comes back only on a new approval — another document than the
    one that retired it, dated after the retirement.
    """
    if draft.action not in ADDING | RESHAPING:
        return None
    for cancelled in _cancelled_namesakes(draft):
        if not _is_new_approval(cancelled, document, approved_on):
            return _(
                "“%(name)s”已于 %(date)s 退出或取消（%(doc)s），不得“死灰复燃”："
                "重新列入须有退出之后新的批准文件和日期。"
            ) % {
                "name": cancelled.name,
                "date": cancelled.retired_on,
                "doc": cancelled.retirement_document or cancelled.retirement_reason,
            }
    return None


def adjustment_needs_approval(
    draft: DraftAdjustment, document: str, approved_on: date | None
) -> str | None:
    """职业资格设置、取消及纳入、退出目录……按程序报经国务院批准。

    Every published adjustment names the approving document and its date.
    """
    if document.strip() and approved_on:
        return None
    return _("发布调整须填写批准文件及批准日期。")


RULES: list[Callable[[DraftAdjustment, str, date | None], str | None]] = [
    adjustment_needs_approval,
    access_type_must_rest_on_law_or_state_council_decision,
    cancelled_qualification_must_not_revive,
]


def publication_problems(
    draft: DraftAdjustment, *, document: str, approved_on: date | None
) -> list[str]:
    """The reasons, if any, why publishing ``draft`` would break a rule of the notice."""
    return [p for rule in RULES if (p := rule(draft, document, approved_on))]
