from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.ratelimits import limited

from .checking import advert_check
from .display import highlighted
from .forms import AdvertCheckForm


@limited("adverts-check", "CERTIFICATE_CHECK_RATE")
def check(request: HttpRequest) -> HttpResponse:
    # Bound on every POST, even one whose body parsed to nothing (a broken multipart, JSON
    # sent to the page): its 400 then says what is missing instead of showing a blank form.
    posted = request.method == "POST"
    form = AdvertCheckForm(request.POST, request.FILES) if posted else AdvertCheckForm()
    context = {"form": form, "result": None}
    if request.method == "POST" and form.is_valid():
        result = advert_check(**form.cleaned_data_for_check())
        context |= {"result": result, "segments": highlighted(result)}
    return render(request, "adverts/advert_check.html", context, status=_status(form, request))


def _status(form: AdvertCheckForm, request: HttpRequest) -> int:
    return 400 if request.method == "POST" and not form.is_valid() else 200
