from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_ratelimit import ALL

from portal.dbrouting import reads_only
from portal.ratelimits import limited, limited_together

from .checkbulk import BulkFileError, BulkResult, as_csv, as_xlsx, bulk_check, read_rows
from .checking import certificate_check
from .checkjobs import PROGRESS_ROWS, bulk_check_discard, bulk_check_job, bulk_check_start
from .explain import VERIFY_NOTE
from .forms import BulkCheckForm, CheckForm, VerifyForm
from .rules import RULE_6_TEXT, rule_6_report_url
from .throttling import VERIFY_LIMITS
from .verification import Outcome, certificate_verify, certificate_verify_token, loaded_issuers


@limited("certificates-check", "CERTIFICATE_CHECK_RATE", method=ALL)
def check(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.GET if "name" in request.GET else None, initial=request.GET)
    context = {"form": form, "check": None}
    if form.is_valid():
        result = certificate_check(**form.cleaned_data)
        context |= {
            "check": result,
            "verify_note": VERIFY_NOTE,
            "rule_text": RULE_6_TEXT,
            "report_url": rule_6_report_url(name=result.name, issuer=result.issuer),
        }
    return render(request, "certificates/certificate_check.html", context)


@reads_only
@limited_together(*VERIFY_LIMITS)
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST if request.method == "POST" else None)
    result = certificate_verify(**form.cleaned_data) if form.is_valid() else None
    context = {"form": form, "verification": result, "issuers": _issuers_if_not_found(result)}
    return render(request, "certificates/certificate_verify.html", context)


@limited("certificates-verify-link", "CERTIFICATE_VERIFY_RATE", method=ALL)
def verify_link(request: HttpRequest, token: str) -> HttpResponse:
    result = certificate_verify_token(token)
    if result is None:
        raise Http404("forged or damaged verification link")
    context = {"form": None, "verification": result, "by_link": True}
    context["issuers"] = _issuers_if_not_found(result)
    return render(request, "certificates/certificate_verify.html", context)


def _issuers_if_not_found(result) -> list[str] | None:
    return loaded_issuers() if result and result.outcome == Outcome.NOT_FOUND else None


_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def bulk_file_response(result: BulkResult, output: str) -> HttpResponse:
    """The answers as a downloaded CSV or XLSX file, built in memory and never stored."""
    body = as_csv(result) if output == "csv" else as_xlsx(result)
    response = HttpResponse(body, content_type=_CONTENT_TYPES[output])
    response["Content-Disposition"] = f'attachment; filename="certificate-check.{output}"'
    return response


@limited("certificates-check-bulk", "CERTIFICATE_CHECK_BULK_RATE", method=ALL)
def check_bulk(request: HttpRequest) -> HttpResponse:
    # Bound on every POST, even one whose body parsed to nothing: its 400 names the missing file.
    posted = request.method == "POST"
    form = BulkCheckForm(request.POST, request.FILES) if posted else BulkCheckForm()
    context = {"form": form, "result": None, "progress_rows": PROGRESS_ROWS}
    if request.method == "POST" and form.is_valid():
        raw, output = form.cleaned_data["file"].read(), form.cleaned_data["output"]
        try:
            if len(read_rows(raw)) > PROGRESS_ROWS:
                job = bulk_check_start(raw=raw)
                url = reverse("certificates:check-bulk-job", args=[job.id])
                return redirect(f"{url}?output={output}" if output != "html" else url)
            result = bulk_check(raw=raw)
        except BulkFileError as exc:
            form.add_error("file", str(exc))
        else:
            if output != "html":
                return bulk_file_response(result, output)
            context["result"] = result
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "certificates/certificate_check_bulk.html", context, status=status)


@never_cache
def check_bulk_job(request: HttpRequest, job_id: str) -> HttpResponse:
    """A large file's progress (the page refreshes itself), then its answers and downloads."""
    job = bulk_check_job(job_id)
    if job is None:
        context = {"form": BulkCheckForm(), "job_gone": True, "progress_rows": PROGRESS_ROWS}
        return render(request, "certificates/certificate_check_bulk.html", context, status=404)
    if request.method == "POST":  # delete the answers now
        bulk_check_discard(job_id)
        return redirect("certificates:check-bulk")
    output = request.GET.get("output", "")
    if job.finished and output in _CONTENT_TYPES:
        return bulk_file_response(job.result, output)
    context = {"job": job, "result": job.result, "output": output}
    return render(request, "certificates/certificate_check_bulk_job.html", context)
