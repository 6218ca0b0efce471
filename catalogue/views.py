"""Public pages of the catalogue: home, list, qualification, editions, comparison."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .comparison import changes_summary, editions_compare, group_changes
from .editions import edition_completeness, edition_listing, editions_completeness
from .filters import EditionPairForm, QualificationFilter
from .history import qualification_timeline
from .models import KIND_EXPLAINED, Edition, Kind, Qualification
from .officialtable import exports

PAGE_SIZE = 25


def _filtered(request: HttpRequest) -> QualificationFilter:
    queryset = Qualification.objects.items().for_listing().in_catalogue_order()
    return QualificationFilter(request.GET, queryset=queryset)


def _results(filterset: QualificationFilter):
    """The filtered list; nothing when a filter value is not understood."""
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def _page(request: HttpRequest, queryset) -> Page:
    """The requested page; the first one when the number is malformed or out of range."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return paginator.page(1)


def _with_completeness(editions) -> list[tuple]:
    completeness = editions_completeness(editions)
    return [(edition, completeness[edition.pk]) for edition in editions]


def home(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year"))
    context = {
        "editions": _with_completeness(editions),
        "kinds": [(Kind(kind), KIND_EXPLAINED[kind]) for kind in Kind.values],
    }
    return render(request, "catalogue/home.html", context)


def qualification_list(request: HttpRequest) -> HttpResponse:
    filterset = _filtered(request)
    page = _page(request, _results(filterset))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    context["check"] = getattr(filterset, "check_answer", None)
    return render(request, "catalogue/qualification_list.html", context)


def qualification_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = _filtered(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(_("筛选条件无效：") + filterset.errors.as_text())
    export = exports.export_csv if fmt == "csv" else exports.export_json
    return export(filterset.qs)


def qualification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = get_object_or_404(Qualification.objects.for_detail(), pk=pk)
    context = {"q": qualification, "timeline": qualification_timeline(qualification)}
    return render(request, "catalogue/qualification_detail.html", context)


def edition_list(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year").select_related("announcing_notice"))
    context = {"editions": _with_completeness(editions)}
    return render(request, "catalogue/edition_list.html", context)


def edition_detail(request: HttpRequest, year: int) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.select_related("announcing_notice"), year=year)
    context = {
        "edition": edition,
        "completeness": edition_completeness(edition),
        "rows": edition_listing(edition),
    }
    return render(request, "catalogue/edition_detail.html", context)


def _latest_pair() -> dict:
    years = list(Edition.objects.order_by("-year").values_list("year", flat=True)[:2])
    return {"from": years[-1], "to": years[0]} if len(years) == 2 else {}


def edition_compare(request: HttpRequest) -> HttpResponse:
    form = EditionPairForm(request.GET or _latest_pair() or None)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "catalogue/edition_compare.html", {"form": form}, status=status)
    older, newer = form.cleaned_data["from"], form.cleaned_data["to"]
    rows = editions_compare(older=older, newer=newer)
    context = {"form": form, "older": older, "newer": newer, "rows": rows}
    context["counts"] = changes_summary(rows)
    context["groups"] = group_changes(older=older, newer=newer)
    return render(request, "catalogue/edition_compare.html", context)
