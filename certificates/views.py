from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit import ALL

from portal.ratelimits import limited

from .explain import check_reason, forbidden_wording_text, verification_text
from .forms import CheckForm, VerifyForm
from .rules import RULE_6_DOCUMENT, RULE_6_TEXT
from .throttling import number_asked
from .verdicts import certificate_check
from .verification import Outcome, certificate_verify, certificate_verify_token, loaded_issuers


@limited("certificates-check", "CERTIFICATE_CHECK_RATE", method=ALL)
def check(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.GET if "name" in request.GET else None, initial=request.GET)
    context = {"form": form, "check": None}
    if form.is_valid():
        result = certificate_check(**form.cleaned_data)
        context |= {
            "check": result,
            "reason": check_reason(result),
            "verification": verification_text(result),
            "wording": forbidden_wording_text(result) if result.forbidden_wording else "",
            "rule_text": RULE_6_TEXT,
            "rule_document": RULE_6_DOCUMENT,
        }
    return render(request, "certificates/certificate_check.html", context)


@limited("certificates-verify", "CERTIFICATE_VERIFY_RATE")
@limited("certificates-verify-number", "CERTIFICATE_VERIFY_NUMBER_RATE", key=number_asked)
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
