from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Edition, Qualification


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/home.html")


def qualification_list(request: HttpRequest) -> HttpResponse:
    qualifications = Qualification.objects.items().order_by("name")
    return render(request, "catalogue/qualification_list.html", {"qualifications": qualifications})


def qualification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    qualification = get_object_or_404(Qualification, pk=pk)
    return render(request, "catalogue/qualification_detail.html", {"q": qualification})


def edition_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/edition_list.html", {"editions": Edition.objects.all()})
