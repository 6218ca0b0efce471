"""Pages: the public report form, tracking, statistics; the officers' case queue."""

from uuid import uuid4

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue.models import Qualification
from portal.ratelimits import limited

from . import services
from .access import case_for_user, contact_for_user, evidence_for_user
from .filters import CaseFilter, StatisticsFilter
from .forms import (
    AddInformationForm,
    MessageForm,
    ReportForm,
    ReportPrefillForm,
    TrackForm,
    TransitionForm,
)
from .models import Case, ViolationType
from .region_steps import STEP_CITY, STEP_PROVINCE, region_step_pending, region_steps_apply
from .regions import region_of
from .statistics import report_statistics
from .timeline import public_deadlines, public_timeline, staff_timeline
from .uploads import download_name

# The receipt page reads the code from a signed cookie of its own, for half an hour and
# only on that path: it survives a reload, yet is never kept on the server (the session
# table would hold it in clear) nor put in a URL (and so in logs and history).
RECEIPT_COOKIE = "enforcement-receipt"
RECEIPT_COOKIE_SALT = "enforcement.receipt"
RECEIPT_SECONDS = 30 * 60


def _qualification_names() -> list[str]:
    return list(Qualification.objects.items().order_by("name").values_list("name", flat=True))


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _report_page(request: HttpRequest, form: ReportForm, region_step=False) -> HttpResponse:
    region_steps_apply(form, "region_code", autofocus=region_step)
    context = {"form": form, "qualification_names": _qualification_names()}
    return render(request, "enforcement/report_form.html", context)


def _check_page(request: HttpRequest, form: ReportForm) -> HttpResponse:
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    region = region_of(data.get("region_code") or form.data.get("region_code", ""))
    context = {
        "form": form,
        "violation": dict(ViolationType.choices).get(form.data.get("violation_type")),
        "region": region.full_name if region else "",
    }
    return render(request, "enforcement/report_check.html", context)


def report_create(request: HttpRequest) -> HttpResponse:
    """The report form; a valid form goes on to "check your answers", never straight in."""
    if request.method != "POST":
        initial = ReportPrefillForm(request.GET).initial_for_report()
        return _report_page(request, ReportForm(initial={**initial, "submission_key": uuid4().hex}))
    form = ReportForm(request.POST)
    if request.POST.get("step") == "edit":
        answers = {name: request.POST.get(name, "") for name in form.fields}
        answers["submission_key"] = uuid4().hex  # changed answers are another submission
        return _report_page(request, ReportForm(initial=answers))
    step = request.POST.get("step")
    if step in (STEP_CITY, STEP_PROVINCE):  # the region's steps without JavaScript
        return _report_page(request, _answers_kept(request, form, step), region_step=True)
    if not form.is_valid():
        return _report_page(request, form)
    if region_step_pending(request.POST):  # a province chosen: its city or county next
        return _report_page(request, _answers_kept(request, form, STEP_CITY), region_step=True)
    return _check_page(request, form)


def _answers_kept(request: HttpRequest, form: ReportForm, step: str) -> ReportForm:
    """The answers sent so far, shown again unchecked; "更换省份" forgets the region."""
    answers = {name: request.POST.get(name, "") for name in form.fields}
    if step == STEP_PROVINCE:
        answers["region_code"] = ""
    return ReportForm(initial=answers)


@require_POST
@limited("enforcement-report", "ENFORCEMENT_REPORT_RATE")
def report_submit(request: HttpRequest) -> HttpResponse:
    """The checked answers and the evidence: record the report, then show its receipt."""
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in _NOT_REPORTED}
        try:
            _case, code = services.report_submit(
                files=form.cleaned_data["evidence"],
                idempotency_key=form.cleaned_data["submission_key"],
                **data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            response = redirect("enforcement:report-receipt")
            response.set_signed_cookie(
                RECEIPT_COOKIE,
                code,
                salt=RECEIPT_COOKIE_SALT,
                max_age=RECEIPT_SECONDS,
                path=reverse("enforcement:report-receipt"),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Strict",
            )
            return response
    # Only the evidence can be wrong on the check page; anything else goes back to the form.
    if set(form.errors) <= {"evidence", NON_FIELD_ERRORS}:
        return _check_page(request, form)
    return _report_page(request, form)


_NOT_REPORTED = ("website", "evidence", "submission_key")


def _recalled_case(request: HttpRequest) -> tuple[Case, str] | tuple[None, None]:
    code = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE_SALT, max_age=RECEIPT_SECONDS
    )
    case = Case.objects.select_related("authority").by_receipt(code) if code else None
    return (case, code) if case else (None, None)


def report_receipt(request: HttpRequest) -> HttpResponse:
    case, code = _recalled_case(request)
    if case is None:
        messages.info(
            request, _("回执页面只在提交后 30 分钟内、在提交举报的设备上显示。请凭回执码查询。")
        )
        return redirect("enforcement:report-track")
    context = {"code": code, "case": case, "deadlines": public_deadlines(case)}
    response = render(request, "enforcement/report_receipt.html", context)
    response["Cache-Control"] = "no-store"
    return response


def report_receipt_download(request: HttpRequest) -> HttpResponse:
    case, code = _recalled_case(request)
    if case is None:
        return redirect("enforcement:report-receipt")
    context = {
        "code": code,
        "case": case,
        "deadlines": public_deadlines(case),
        "track_url": request.build_absolute_uri(reverse("enforcement:report-track")),
    }
    text = render_to_string("enforcement/report_receipt.txt", context, request=request)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="receipt-{code}.txt"'
    response["Cache-Control"] = "no-store"
    return response


def _track_page(request, case: Case | None, form, add_form=None, status=200) -> HttpResponse:
    context = {"form": form, "case": case, "add_form": add_form}
    if case is not None:
        context["timeline"] = public_timeline(case)
        context["deadlines"] = public_deadlines(case)
    return render(request, "enforcement/report_track.html", context, status=status)


@limited("enforcement-track", "ENFORCEMENT_TRACK_RATE")
def report_track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _track_page(request, None, TrackForm())
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _track_page(request, None, form, status=400)
    code = form.cleaned_data["receipt_code"]
    case = Case.objects.by_receipt(code)
    if case is None:
        form.add_error("receipt_code", _("没有找到与这个回执码对应的举报，请核对后重试。"))
        return _track_page(request, None, form, status=404)
    add_form = AddInformationForm(initial={"receipt_code": code}) if case.is_open else None
    return _track_page(request, case, form, add_form)


@require_POST
@limited("enforcement-track", "ENFORCEMENT_TRACK_RATE")
def report_add_information(request: HttpRequest) -> HttpResponse:
    add_form = AddInformationForm(request.POST, request.FILES)
    code = add_form.data.get("receipt_code", "")
    case = Case.objects.by_receipt(code)
    if case is None:
        return _track_page(request, None, TrackForm(initial={"receipt_code": code}), status=404)
    if add_form.is_valid():
        try:
            services.report_add_information(
                case=case,
                text=add_form.cleaned_data["text"],
                files=add_form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            _add_errors(add_form, error)
        else:
            messages.success(request, _("补充材料已提交，办理机关会看到。"))
            add_form = AddInformationForm(initial={"receipt_code": code})
    form = TrackForm(initial={"receipt_code": code})
    return _track_page(request, case, form, add_form if case.is_open else None)


def report_statistics_page(request: HttpRequest) -> HttpResponse:
    filterset = StatisticsFilter(request.GET, queryset=Case.objects.all())
    context = {"filter": filterset, "stats": report_statistics(filterset.qs)}
    status = 400 if filterset.errors else 200
    return render(request, "enforcement/report_statistics.html", context, status=status)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    # Staff of other roles are told so, not shown a queue that only looks empty.
    if not request.user.has_perm("enforcement.view_case"):
        raise PermissionDenied
    cases = Case.objects.visible_to(request.user).select_related("authority").with_queue_flags()
    filterset = CaseFilter(request.GET, queryset=cases.queue_order(), request=request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/case_list.html", {"filter": filterset, "page": page})


def _case_page(request, case: Case, transition_form=None, message_form=None, status=200):
    context = {
        "case": case,
        "timeline": staff_timeline(case),
        "matches": Case.objects.visible_to(request.user).matching(case).select_related("authority"),
        "evidence": case.evidence.all(),
        "contact": contact_for_user(request.user, case),
        "transition_form": transition_form or TransitionForm(case=case),
        "message_form": message_form or MessageForm(),
    }
    return render(request, "enforcement/case_detail.html", context, status=status)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, case_for_user(request.user, pk))


@login_required
@require_POST
def case_transition(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_user(request.user, pk, act=True)
    form = TransitionForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_transition(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已记录。"))
            return _after_transition(request, case)
    return _case_page(request, case, transition_form=form, status=400)


def _after_transition(request: HttpRequest, case: Case) -> HttpResponse:
    # A case reassigned outside the officer's region is no longer theirs to open.
    if Case.objects.visible_to(request.user).filter(pk=case.pk).exists():
        return redirect("enforcement:case-detail", pk=case.pk)
    return redirect("enforcement:case-list")


@login_required
@require_POST
def case_message(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_user(request.user, pk, act=True)
    form = MessageForm(request.POST)
    if form.is_valid():
        services.case_message_add(case=case, actor=request.user, **form.cleaned_data)
        messages.success(request, _("已记录。"))
        return redirect("enforcement:case-detail", pk=case.pk)
    return _case_page(request, case, message_form=form, status=400)


@login_required
def evidence_download(request: HttpRequest, case_pk: int, pk: int) -> FileResponse:
    evidence = evidence_for_user(request.user, case_pk, pk)
    try:
        opened = evidence.file.open("rb")
    except FileNotFoundError:
        # Committed but not yet moved into place (evidence_sweep finishes it).
        raise Http404(_("该文件暂时无法读取，请稍后再试。")) from None
    response = FileResponse(
        opened,
        content_type=evidence.content_type,
        as_attachment=True,
        filename=download_name(evidence.original_name, evidence.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
