"""The rules of 人社部发〔2017〕68号 that a change to the catalogue must obey.

Each rule is named after the provision it enforces and quotes it once. A rule looks at a
``Change`` — what a qualification would be after a write, with the approving document — and
returns the reason the write breaks the provision, or None. The catalogue services
(services.py) run them on every write: add, amend, retire, reinstate and inclusion in an
edition. Callers (drafts, the official-table import, the loader, the admin, commands) only
say which problems they accept as warnings; any other problem refuses the write.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import identity
from .models import Action, Edition, Kind, Qualification

ADDING = {Action.ADDED, Action.SUB_ITEM_ADDED}
RESHAPING = {Action.AMENDED, Action.RENAMED, Action.RECLASSIFIED}
RETIRING = {Action.RETIRED, Action.SUB_ITEM_REMOVED}
INCLUDED = "included"  # inclusion in an edition's list


@dataclass(frozen=True)
class Change:
    """A write to the catalogue as the rules see it: the result, and its approval."""

    action: str
    name: str
    kind: str = ""
    legal_basis: str = ""
    qualification: Qualification | None = None
    document: str = ""
    effective_on: date | None = None
    edition: Edition | None = None


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str


class RuleBroken(ValidationError):
    """A write refused because it breaks a rule of the notice; ``problems`` say which."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([p.message for p in problems])


def adjustment_needs_approval(change: Change) -> str | None:
    """职业资格设置、取消及纳入、退出目录……按程序报经国务院批准。

    Every adjustment names the approving document and its date.
    """
    if change.action == INCLUDED or (change.document.strip() and change.effective_on):
        return None
    return _("调整须有批准文件及批准日期。")


def access_type_must_rest_on_law_or_state_council_decision(change: Change) -> str | None:
    """设置准入类职业资格，其所涉职业（工种）必须关系公共利益或涉及国家安全、公共安全、
    人身健康、生命财产安全，且必须有法律法规或国务院决定作为依据。

    An added, amended, reinstated or included access-type qualification keeps a legal basis.
    """
    if change.action in RETIRING or change.kind != Kind.ACCESS:
        return None
    if change.legal_basis.strip():
        return None
    return _(
        "准入类职业资格“%(name)s”必须有法律法规或国务院决定作为设定依据"
        "（人社部发〔2017〕68号），设定依据不得为空。"
    ) % {"name": change.name}


def _is_new_approval(cancelled: Qualification, change: Change) -> bool:
    return bool(
        change.document.strip()
        and change.document.strip() != cancelled.retirement_document.strip()
        and change.effective_on
        and cancelled.retired_on
        and change.effective_on > cancelled.retired_on
    )


def _revived(change: Change) -> list[Qualification]:
    """Retired qualifications that the change would bring back under their name."""
    if change.action == INCLUDED:
        target = change.qualification
        listed_on = change.edition.announced_on if change.edition else None
        retired = target is not None and target.is_retired and target.retired_on
        return [target] if retired and (listed_on is None or listed_on > target.retired_on) else []
    exclude = [change.qualification.pk] if change.qualification and change.qualification.pk else []
    own = [change.qualification] if change.action == "reinstated" else []
    retired = Qualification.objects.retired()
    return own + identity.namesakes(change.name, among=retired, exclude=exclude)


def cancelled_qualification_must_not_revive(change: Change) -> str | None:
    """坚决防止已取消的职业资格"死灰复燃"。

    A qualification cancelled or retired comes back — by a new name that is the same
    qualification (identity.py), by reinstatement or by being listed in a later edition —
    only on a new approval: another document than the one that retired it, dated after.
    """
    if change.action in RETIRING:
        return None
    for cancelled in _revived(change):
        if change.action == INCLUDED or not _is_new_approval(cancelled, change):
            return _(
                "“%(name)s”已于 %(date)s 退出或取消（%(doc)s），不得“死灰复燃”："
                "重新列入须有退出之后新的批准文件和日期。"
            ) % {
                "name": cancelled.name,
                "date": cancelled.retired_on,
                "doc": cancelled.retirement_document or cancelled.retirement_reason,
            }
    return None


# A legal basis the public sources did not give is a data gap, shown as a gap: a caller that
# records what the sources say passes this to ``warn=`` (the warning goes into the log entry).
DATA_GAP_WARNINGS = frozenset({"access_type_must_rest_on_law_or_state_council_decision"})
# The shipped data (data/) also lacks some approving documents (the 2021 edition's 文号, most
# cancellation batches'): the loader records them as gaps too (a revival always blocks),
# and one 2021 row whose name no source captured (services refuse a nameless one otherwise).
UNTITLED_ROW = "untitled_row"
SHIPPED_DATA_WARNINGS = DATA_GAP_WARNINGS | {"adjustment_needs_approval", UNTITLED_ROW}

RULES: list[Callable[[Change], str | None]] = [
    adjustment_needs_approval,
    access_type_must_rest_on_law_or_state_council_decision,
    cancelled_qualification_must_not_revive,
]


def problems(change: Change) -> list[Problem]:
    """Every rule the change would break."""
    return [Problem(rule.__name__, p) for rule in RULES if (p := rule(change))]


def enforce(change: Change, *, warn: frozenset[str] = frozenset()) -> list[Problem]:
    """Refuse the change if it breaks a rule not in ``warn``; return the accepted warnings."""
    found = problems(change)
    blocking = [p for p in found if p.rule not in warn]
    if blocking:
        raise RuleBroken(blocking)
    return found


def reviewed_by_another_maintainer(*, submitted_by_id: int | None, reviewer) -> None:
    """A change to what the catalogue says is published only after a second maintainer has
    reviewed it: nobody publishes their own change set or edition proposal."""
    if reviewer is None or reviewer.pk == submitted_by_id:
        raise ValidationError(_("须由提交人以外的另一位维护人员审核。"))
