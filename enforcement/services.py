"""Writes with rules: submitting a report, adding to it, moving a case along its workflow.

`case_transition` is the only function that changes a case's status, and it moves it
only along `models.TRANSITIONS`, as `Case.rule_for` allows.
"""

from datetime import timedelta

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.models import Authority
from catalogue import identity
from catalogue.models import Qualification
from catalogue.text import normalise

from .contact import contact_encrypt, contact_rotate
from .models import (
    Action,
    Case,
    Message,
    MessageKind,
    Outcome,
    RejectReason,
    Status,
    Transition,
    ViolationType,
)
from .receipts import receipt_hash, receipt_new
from .regions import region_of
from .routing import NoAuthorityError, authority_for_region
from .submissions import submission_fingerprint, submission_record, submission_replay
from .uploads import evidence_discard, evidence_stage, evidence_validate


def _due_at(status: str, now):
    days = settings.ENFORCEMENT_DEADLINE_DAYS.get(status)
    return now + timedelta(days=days) if days is not None else None


def _qualification_named(name: str) -> Qualification | None:
    """The catalogue's one answer to "which qualification is this?" (catalogue/identity.py)."""
    return identity.qualification_named(name)


def _report_validate(*, violation_type: str, region_code: str, organisation: str, description: str):
    errors = {}
    if violation_type not in ViolationType.values:
        errors["violation_type"] = _("请选择违规类型。")
    if region_of(region_code) is None:
        errors["region_code"] = _("请选择被举报单位所在地区。")
    if not organisation.strip():
        errors["organisation"] = _("请填写被举报单位。")
    if not description.strip():
        errors["description"] = _("请描述违规情况。")
    if errors:
        raise ValidationError(errors)


def report_submit(
    *,
    violation_type: str,
    organisation: str,
    region_code: str,
    description: str,
    qualification_name: str = "",
    contact: str = "",
    files: list[UploadedFile] = (),
    idempotency_key: str = "",
) -> tuple[Case, str]:
    """Record a report, route it, and return the case with its receipt code (shown once).

    With an `idempotency_key`, sending the same report again returns the first case and
    receipt instead of a second case (submissions.py); the same key with a different
    report raises IdempotencyConflict.
    """
    _report_validate(
        violation_type=violation_type,
        region_code=region_code,
        organisation=organisation,
        description=description,
    )
    accepted = evidence_validate(list(files))
    fields = {
        "violation_type": violation_type,
        "organisation": organisation.strip(),
        "region_code": region_code,
        "description": description.strip(),
        "qualification_name": qualification_name.strip(),
        "contact": contact.strip(),
    }
    fingerprint = submission_fingerprint(fields, accepted)
    if idempotency_key and (
        replay := submission_replay(key=idempotency_key, fingerprint=fingerprint)
    ):
        return replay
    try:
        return _report_create(fields, accepted, idempotency_key, fingerprint)
    except IntegrityError:
        # A twin with the same key committed first: answer with its receipt.
        if idempotency_key and (
            replay := submission_replay(key=idempotency_key, fingerprint=fingerprint)
        ):
            return replay
        raise


def _report_create(fields: dict, accepted: list, key: str, fingerprint: str) -> tuple[Case, str]:
    authority = _route(fields["region_code"])
    code = receipt_new()
    now = timezone.now()
    staged: list[str] = []
    try:
        with transaction.atomic():
            case = Case.objects.create(
                receipt_hash=receipt_hash(code),
                violation_type=fields["violation_type"],
                organisation=fields["organisation"],
                organisation_key=normalise(fields["organisation"]),
                region_code=fields["region_code"],
                qualification=_qualification_named(fields["qualification_name"]),
                qualification_name=fields["qualification_name"],
                description=fields["description"],
                contact_encrypted=contact_encrypt(fields["contact"]),
                authority=authority,
                status=Status.RECEIVED,
                status_changed_at=now,
                due_at=_due_at(Status.RECEIVED, now),
                created_at=now,
            )
            Transition.objects.create(case=case, to_status=Status.RECEIVED, at=now)
            if key:
                submission_record(key=key, fingerprint=fingerprint, case=case, code=code)
            evidence_stage(case, accepted, staged)
    except BaseException as error:
        _evidence_abandon(staged, error)
        raise
    return case, code


def _evidence_abandon(staged: list[str], error: BaseException) -> None:
    """Remove the parts of a transaction that certainly rolled back.

    When the connection itself failed, COMMIT may have reached the server before the
    answer was lost: the parts stay for `evidence_sweep`, which looks for their rows
    once the database is back.
    """
    if not isinstance(error, OperationalError | InterfaceError):
        evidence_discard(staged)


def _route(region_code: str) -> Authority:
    try:
        return authority_for_region(region_code)
    except NoAuthorityError:
        # An installation without its authorities loaded: say so instead of failing.
        raise ValidationError(_("暂时无法受理举报：尚未登记受理机关。")) from None


def report_add_information(*, case: Case, text: str, files: list[UploadedFile] = ()) -> Message:
    """The reporter adds information or files to their case while it is open."""
    if not case.is_open:
        raise ValidationError(_("该案件已经办结，不能再补充材料。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写补充的内容。")})
    accepted = evidence_validate(list(files))
    staged: list[str] = []
    try:
        with transaction.atomic():
            message = Message.objects.create(
                case=case, kind=MessageKind.REPORTER_ADDITION, body=text.strip()
            )
            evidence_stage(case, accepted, staged)
    except BaseException as error:
        _evidence_abandon(staged, error)
        raise
    return message


def _missing(rule, values: dict) -> dict:
    return {name: _("此操作必须填写这一项。") for name in rule.requires if not values.get(name)}


def _transition_validate(case: Case, action: str, values: dict):
    rule = case.rule_for(action)
    errors = _missing(rule, values)
    if values.get("outcome") and values["outcome"] not in Outcome.values:
        errors["outcome"] = _("请选择处理结论。")
    if values.get("reject_reason") and values["reject_reason"] not in RejectReason.values:
        errors["reject_reason"] = _("请选择不予受理的理由。")
    if action == Action.REASSIGN and values.get("authority"):
        errors.update(_reassignment_problems(case, values["authority"], values["region_code"]))
    if errors:
        raise ValidationError(errors)
    return rule


def _reassignment_problems(case: Case, authority: Authority, region_code: str) -> dict:
    """A case goes only to an authority whose jurisdiction holds its region (属地管辖).

    An authority with no division code governs no region: a case sent there would be
    seen by no officer at all. The region may be corrected in the same move.
    """
    if region_code and region_of(region_code) is None:
        return {"region_code": _("请从列表中选择地区。")}
    if authority == case.authority and not region_code:
        return {"authority": _("请选择另一个机关。")}
    if not authority.governs(region_code or case.region_code):
        return {
            "authority": _("%(authority)s不管辖%(region)s，不能转交给它。")
            % {"authority": authority.name, "region": region_code or case.region_name}
        }
    return {}


def _apply(case: Case, action: str, actor, values: dict) -> None:
    if action == Action.ACCEPT:
        case.assignee = actor
    elif action == Action.CONCLUDE:
        case.outcome, case.measures = values["outcome"], values["measures"].strip()
    elif action == Action.REJECT:
        case.reject_reason = values["reject_reason"]
    elif action == Action.REOPEN:
        case.outcome, case.measures = "", ""
    elif action == Action.REASSIGN:
        case.authority, case.assignee = values["authority"], None
        case.region_code = values["region_code"] or case.region_code


def _public_text(case: Case, action: str, public_reply: str) -> str:
    if action == Action.CONCLUDE:
        summary = _("处理结论：%(outcome)s。处理措施：%(measures)s") % {
            "outcome": case.get_outcome_display(),
            "measures": case.measures,
        }
        return "\n".join(filter(None, [summary, public_reply.strip()]))
    if action == Action.REJECT:
        reason = _("不予受理：%(reason)s。") % {"reason": case.get_reject_reason_display()}
        return "\n".join([reason, public_reply.strip()])
    return public_reply.strip()


def case_transition(
    *,
    case: Case,
    actor,
    action: str,
    note: str = "",
    public_reply: str = "",
    outcome: str = "",
    measures: str = "",
    reject_reason: str = "",
    authority: Authority | None = None,
    region_code: str = "",
) -> Case:
    """Move a case by one allowed action, log it, and post the public reply if any.

    `note` is internal (the reason for reopening or reassigning, an officer's remark);
    `public_reply` is what the reporter will read on the tracking page. Reassigning
    (to `authority`, optionally correcting `region_code`) keeps the case's deadline:
    moving a case between desks does not buy time.
    """
    values = {
        "note": note.strip(),
        "public_reply": public_reply.strip(),
        "outcome": outcome,
        "measures": measures.strip(),
        "reject_reason": reject_reason,
        "authority": authority,
        "region_code": region_code.strip(),
    }
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        rule = _transition_validate(case, action, values)
        from_status, from_authority, now = case.status, case.authority, timezone.now()
        _apply(case, action, actor, values)
        case.status, case.status_changed_at = rule.target, now
        if action != Action.REASSIGN:
            case.due_at = _due_at(rule.target, now)
        case.save()
        _log(case, action, actor, values["note"], from_status, from_authority)
        _admin_history(case, action, actor, from_authority)
        text = _public_text(case, action, public_reply)
        if text:
            Message.objects.create(
                case=case, kind=MessageKind.PUBLIC_REPLY, body=text, author=actor, at=now
            )
    return case


def _log(case: Case, action: str, actor, note: str, from_status: str, from_authority) -> None:
    Transition.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=case.status,
        from_authority=from_authority,
        to_authority=case.authority,
        actor=actor,
        note=note,
        at=case.status_changed_at,
    )


def _admin_history(case: Case, action: str, actor, from_authority: Authority) -> None:
    """The admin's 历史 of the case shows every move, not only admin-form edits."""
    if actor is None:
        return
    message = Action(action).label
    if case.authority != from_authority:
        message = _("%(action)s：%(from)s → %(to)s") % {
            "action": message,
            "from": from_authority.name,
            "to": case.authority.name,
        }
    LogEntry.objects.log_actions(
        actor.pk, [case], CHANGE, change_message=str(message), single_object=True
    )


def case_message_add(*, case: Case, actor, kind: str, body: str) -> Message:
    """An officer's internal note or public reply outside a transition."""
    if kind not in (MessageKind.INTERNAL_NOTE, MessageKind.PUBLIC_REPLY):
        raise ValidationError({"kind": _("请选择内部记录或公开答复。")})
    if not body.strip():
        raise ValidationError({"body": _("请填写内容。")})
    return Message.objects.create(case=case, kind=kind, body=body.strip(), author=actor)


def contact_keys_rotate() -> int:
    """Re-encrypt every stored contact under the newest key; all or nothing.

    Raises InvalidToken naming the case whose contact no configured key opens.
    """
    count = 0
    with transaction.atomic():
        cases = Case.objects.exclude(contact_encrypted="").select_for_update()
        for case in cases.only("pk", "contact_encrypted").iterator():
            try:
                token = contact_rotate(case.contact_encrypted)
            except InvalidToken:
                raise InvalidToken(
                    f"case {case.pk}: no key of CONTACT_ENCRYPTION_KEYS opens it"
                ) from None
            Case.objects.filter(pk=case.pk).update(contact_encrypted=token)
            count += 1
    return count
