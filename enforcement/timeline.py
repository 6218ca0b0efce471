"""A case's history as the reporter sees it, and as officers see it."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Action, Case, MessageKind, Status


@dataclass
class Entry:
    at: datetime
    title: str
    body: str = ""
    kind: str = ""
    actor: str = ""
    internal: bool = False


def _transition_title(transition) -> str:
    if not transition.from_status:
        return _("已收到举报")
    if transition.action == Action.REASSIGN:
        return _("已转交%(authority)s办理") % {"authority": transition.to_authority}
    if transition.action == Action.REOPEN:
        return _("重新办理")
    return Status(transition.to_status).label


def public_timeline(case: Case) -> list[Entry]:
    """Status changes and public messages; never internal notes nor officers' names."""
    entries = [
        Entry(at=t.at, title=_transition_title(t), kind="status")
        for t in case.transitions.select_related("to_authority")
    ]
    for message in case.messages.public():
        title = _("办理机关答复") if message.kind == MessageKind.PUBLIC_REPLY else _("举报人补充")
        entries.append(Entry(at=message.at, title=title, body=message.body, kind=message.kind))
    return sorted(entries, key=lambda e: e.at)


def staff_timeline(case: Case) -> list[Entry]:
    """Everything, with who did it and the internal notes."""
    entries = [
        Entry(
            at=t.at,
            title=_transition_title(t),
            body=t.note,
            kind="status",
            actor=str(t.actor or ""),
            internal=bool(t.note),
        )
        for t in case.transitions.select_related("to_authority", "actor")
    ]
    for message in case.messages.select_related("author"):
        internal = message.kind == MessageKind.INTERNAL_NOTE
        entries.append(
            Entry(
                at=message.at,
                title=message.get_kind_display(),
                body=message.body,
                kind=message.kind,
                actor=str(message.author or ""),
                internal=internal,
            )
        )
    return sorted(entries, key=lambda e: e.at)


@dataclass
class Deadlines:
    """What the reporter is promised, from ENFORCEMENT_DEADLINE_DAYS: accept, then answer."""

    accept_days: int
    answer_days: int
    accept_by: datetime
    answer_by: datetime


def public_deadlines(case: Case) -> Deadlines:
    """By when the case is to be accepted, and by when concluded and answered.

    The answer is due the days to start plus the days to conclude after acceptance
    (after the acceptance deadline while the case still waits for it).
    """
    days = settings.ENFORCEMENT_DEADLINE_DAYS
    accept_days = days[Status.RECEIVED]
    answer_days = days[Status.ASSIGNED] + days[Status.INVESTIGATING]
    accept_by = case.created_at + timedelta(days=accept_days)
    accepted = case.transitions.filter(action=Action.ACCEPT).order_by("at").first()
    start = accepted.at if accepted else accept_by
    return Deadlines(accept_days, answer_days, accept_by, start + timedelta(days=answer_days))
