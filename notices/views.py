"""Public notice pages, and the pages where staff publish and forward notices."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from . import services, trace
from .access import get_notice_for_user, visible_chain
from .filters import NoticeFilter
from .forms import NoticeForm
from .models import Notice

PAGE_SIZE = 30


def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.visible_to(request.user).with_issuer()
    filterset = NoticeFilter(request.GET or None, queryset=notices)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "may_publish": _may_publish(request.user)}
    return render(
        request, "notices/notice_list.html", context, status=400 if filterset.errors else 200
    )


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_notice_for_user(request.user, pk)
    chain = visible_chain(request.user, notice)
    context = {
        "notice": notice,
        "chain": chain,
        "parent": next((n for n in chain if n.pk == notice.forwards_id), None),
        "rows": trace.tree(notice, Notice.objects.visible_to(request.user)),
        "may_forward": notice.is_published and _may_publish(request.user),
        "may_publish": not notice.is_published and _may_publish(request.user),
    }
    return render(request, "notices/notice_detail.html", context)


def notice_tree(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_notice_for_user(request.user, pk)
    rows = trace.tree(notice, Notice.objects.visible_to(request.user))
    return render(request, "notices/notice_tree.html", {"notice": notice, "rows": rows})


@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def notice_create(request: HttpRequest) -> HttpResponse:
    _require_publisher(request.user)
    form = NoticeForm(request.POST or None, user=request.user, initial=_own(request.user))
    return _save_or_show(request, form, forwards=None)


@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def notice_forward(request: HttpRequest, pk: int) -> HttpResponse:
    _require_publisher(request.user)
    parent = get_notice_for_user(request.user, pk)
    initial = _own(request.user) | services.forward_prefill(
        parent=parent, authority=request.user.authority
    )
    form = NoticeForm(request.POST or None, user=request.user, initial=initial)
    return _save_or_show(request, form, forwards=parent)


@login_required
@require_POST
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_notice_for_user(request.user, pk)
    services.notice_publish(notice=notice, user=request.user)
    return redirect(notice)


def _save_or_show(request: HttpRequest, form: NoticeForm, forwards: Notice | None):
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_create(
                user=request.user, forwards=forwards, **form.service_kwargs()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(notice)
    context = {"form": form, "forwards": forwards}
    return render(request, "notices/notice_form.html", context, status=400 if form.errors else 200)


def _may_publish(user) -> bool:
    return bool(user.is_authenticated and user.authority_id) and services.may_publish_for(
        user, user.authority
    )


def _require_publisher(user) -> None:
    if not _may_publish(user):
        raise PermissionDenied("not a notice publisher of an authority")


def _own(user) -> dict:
    return {"issuer": user.authority_id}
