"""Coverage by region, and the reminders an issuing authority sends to those below it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from authorities.models import Authority

from . import services
from .access import get_notice_for_user
from .coverage import region_coverage
from .models import Notice, Reminder


def notice_coverage(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_notice_for_user(request.user, pk)
    may_remind = _may_remind(request.user, notice)
    context = {
        "notice": notice,
        "coverage": region_coverage(notice, Notice.objects.published()),
        "may_remind": may_remind,
        "reminders": notice.reminders.select_related("authority", "sent_by")[:200]
        if may_remind
        else [],
    }
    return render(request, "notices/notice_coverage.html", context)


@login_required
@require_POST
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def reminder_send(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_notice_for_user(request.user, pk)
    ids = [int(v) for v in request.POST.getlist("authority") if v.isdigit()]
    authorities = list(Authority.objects.filter(pk__in=ids))
    try:
        sent = services.reminder_send(
            user=request.user,
            notice=notice,
            authorities=authorities,
            text=request.POST.get("text", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已向 %(n)d 个机关发送提醒。") % {"n": len(sent)})
    return redirect("notices:notice-coverage", pk=notice.pk)


@login_required
def reminder_queue(request: HttpRequest) -> HttpResponse:
    """The reminders the user's authority has received, newest first."""
    if not request.user.authority_id:
        raise PermissionDenied("not the staff of an authority")
    reminders = (
        Reminder.objects.filter(authority=request.user.authority_id)
        .select_related("notice", "notice__issuer", "sent_by")
        .order_by("-sent_at")[:200]
    )
    return render(request, "notices/reminder_queue.html", {"reminders": reminders})


def _may_remind(user, notice: Notice) -> bool:
    try:
        services.check_reminds_in_own_name(user=user, notice=notice)
    except PermissionDenied:
        return False
    return notice.is_public
