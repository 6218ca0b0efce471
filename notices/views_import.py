"""The paste-and-preview import: a publisher pastes or uploads a document, sees the chain
read from it field by field (what is uncertain marked), corrects it, and saves it through
the same service as `manage.py import_notice`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from . import services
from .forms import ChainFormSet, PastePreviewForm
from .importer import ParsedNotice, ReadReport, parse_document, unusable

_FIELDS = {
    "doc_number": "doc_number",
    "issuer": "issuer",
    "title": "title",
    "recipients": "recipients",
    "issued_on": "date",
}


@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def notice_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("notices.import_notice"):
        raise PermissionDenied("may not import documents")
    if request.method == "POST" and "source" in request.POST:
        return _save(request)
    form = PastePreviewForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        report = parse_document(text)
        if report.usable:
            context |= _preview(
                report, text, ChainFormSet(initial=_initial(report), prefix="chain")
            )
        else:
            form.add_error(None, str(unusable(text)))
    status = 400 if form.errors else 200
    return render(request, "notices/notice_import_preview.html", context, status=status)


def _save(request: HttpRequest) -> HttpResponse:
    source = request.POST["source"]
    report = parse_document(source)
    formset = ChainFormSet(request.POST, prefix="chain")
    if not (report.usable and formset.is_valid() and len(formset.forms) == len(report.chain)):
        context = {"form": PastePreviewForm(initial={"text": source})}
        if report.usable:
            context |= _preview(report, source, formset)
        return render(request, "notices/notice_import_preview.html", context, status=400)
    for parsed, form in zip(report.chain, formset.forms, strict=True):
        _correct(parsed, form.cleaned_data)
    result = services.notice_chain_import(text=source, chain=report.chain)
    made = len(result.created_notices)
    messages.success(request, _("已导入：新建 %(n)d 件通知。") % {"n": made})
    for warning in result.warnings:
        messages.warning(request, str(warning))
    stored = next((notice for _parsed, notice in result.chain if notice), None)
    return redirect(stored) if stored else redirect("notices:notice-list")


def _initial(report: ReadReport) -> list[dict]:
    return [{name: getattr(n, name) for name in _FIELDS} for n in report.chain]


def _correct(parsed: ParsedNotice, data: dict) -> None:
    parsed.doc_number = data["doc_number"] or None
    parsed.issuer = data["issuer"].strip() or None
    parsed.title = data["title"].strip()
    parsed.recipients = data["recipients"].strip() or None
    parsed.issued_on = data["issued_on"]


def _preview(report: ReadReport, text: str, formset) -> dict:
    rows = []
    for parsed, form in zip(report.chain, formset.forms, strict=False):
        fields = [
            (form[name], name in _uncertain(parsed) or not getattr(parsed, name))
            for name in _FIELDS
        ]
        rows.append({"form": form, "fields": fields, "parsed": parsed})
    return {"rows": rows, "formset": formset, "warnings": report.warnings, "source": text}


def _uncertain(parsed: ParsedNotice) -> set[str]:
    by_key = {key: name for name, key in _FIELDS.items()}
    return {by_key.get(key, key) for key in parsed.uncertain}
