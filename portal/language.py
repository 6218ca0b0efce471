"""The language switch as a plain GET: no form token, so anonymous pages stay shareable.

Django's `set_language` is a POST with a CSRF token, and a token in every page's header
made every anonymous page personal (a csrftoken cookie, a token in the HTML): the proxy
could cache none of them. Switching the language changes nothing but the visitor's own
language cookie, so a link or a GET form does. `next` may only be a path on this site:
anything with a scheme or a host (an open redirect) goes to the home page instead.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache


def same_site_path(url: str) -> str:
    """``url`` when it is a path on this site ("/catalogue/?q=1"), else "/"."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return "/"


@never_cache
def language_switch(request: HttpRequest) -> HttpResponse:
    """GET /language/?language=en&next=/catalogue/: sets the language cookie, goes back."""
    code = request.GET.get("language", "")
    if code not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("不支持该语言。"), content_type="text/plain; charset=utf-8")
    response = HttpResponseRedirect(same_site_path(request.GET.get("next", "")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
