"""Reminders from an issuing authority to those below it with no forwarding on record."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.models import Authority

from ..models import Notice, Reminder
from ..trace import descendants

MAX_TEXT = 2000


def check_reminds_in_own_name(*, user, notice: Notice) -> None:
    """只有发文机关的工作人员可以提醒下级机关转发本机关的通知。"""
    if not (
        user.is_authenticated
        and user.has_perm("notices.add_reminder")
        and user.authority_id == notice.issuer_id
    ):
        raise PermissionDenied(_("只有发文机关的工作人员可以发送转发提醒。"))


def check_reminds_of_a_public_notice(*, notice: Notice) -> None:
    """只提醒转发已公开发布的通知（草稿、不予公开的通知不提醒）。"""
    if not notice.is_public:
        raise ValidationError(_("只能就已公开发布的通知发送提醒。"))


def check_reminds_only_divisions_without_a_record(*, notice: Notice, authority: Authority) -> None:
    """提醒只发给辖区内尚无转发记录的下级机关。"""
    if not notice.issuer.governs(authority.division_code) or authority == notice.issuer:
        raise ValidationError(_("%(a)s 不在发文机关辖区内。") % {"a": authority.name})
    if descendants(notice).filter(issuer=authority).exists():
        raise ValidationError(_("%(a)s 已有转发记录，无需提醒。") % {"a": authority.name})


def check_not_reminded_twice_within_a_day(*, notice: Notice, authority: Authority) -> None:
    """同一通知对同一机关，一天之内只提醒一次。"""
    since = timezone.now() - timedelta(days=1)
    if Reminder.objects.filter(notice=notice, authority=authority, sent_at__gt=since).exists():
        raise ValidationError(_("%(a)s 在一天之内已被提醒过，请明天再发。") % {"a": authority.name})


@transaction.atomic
def reminder_send(
    *, user, notice: Notice, authorities: list[Authority], text: str
) -> list[Reminder]:
    """Record one reminder per authority: who, when, to whom, what. All or none."""
    check_reminds_in_own_name(user=user, notice=notice)
    check_reminds_of_a_public_notice(notice=notice)
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise ValidationError(_("提醒内容不能为空，且不超过 2000 字。"))
    if not authorities:
        raise ValidationError(_("请选择要提醒的机关。"))
    for authority in authorities:
        check_reminds_only_divisions_without_a_record(notice=notice, authority=authority)
        check_not_reminded_twice_within_a_day(notice=notice, authority=authority)
    return Reminder.objects.bulk_create(
        Reminder(
            notice=notice,
            authority=a,
            division_code=a.division_code,
            sent_by=user,
            text=text,
        )
        for a in authorities
    )
