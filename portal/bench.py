"""A trivial view to measure the server itself against, enabled only by BENCH_HELLO=1."""

from django.http import HttpRequest, HttpResponse


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")
