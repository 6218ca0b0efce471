"""The catalogue cache: pages and API answered from it, renewed when a change commits."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory

from catalogue.caching import HIT_HEADER, cache_public, catalogue_cache_clear
from catalogue.models import Action

from .maintenance_helpers import draft, make_item, publish


@pytest.fixture
def cached(settings):
    settings.CATALOGUE_CACHE_SECONDS = 600
    cache.clear()
    catalogue_cache_clear()
    yield
    cache.clear()
    catalogue_cache_clear()


@pytest.fixture
def cpa(db):
    return make_item()


def test_a_second_visit_is_served_from_the_cache_without_queries(
    client, cached, cpa, django_assert_num_queries
):
    first = client.get(f"/catalogue/{cpa.pk}/")
    with django_assert_num_queries(0):
        second = client.get(f"/catalogue/{cpa.pk}/")
    assert HIT_HEADER not in first and second[HIT_HEADER] == "hit"
    assert second.content.decode().count("注册会计师") == first.content.decode().count("注册会计师")


@pytest.mark.parametrize("path", ["/catalogue/{pk}/", "/api/v1/qualifications/{pk}/"])
def test_a_cached_answer_keeps_the_etag_computed_once_and_revalidates(
    client, cached, cpa, path, monkeypatch
):
    url = path.format(pk=cpa.pk)
    first = client.get(url)
    # A hit is not hashed again: its ETag was stored with it.
    monkeypatch.setattr("django.utils.cache.md5", None)
    second = client.get(url)
    assert second[HIT_HEADER] == "hit" and second["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_an_adjustment_renews_the_pages_and_the_api(
    client, cached, cpa, maintainer, second_maintainer, django_capture_on_commit_callbacks
):
    urls = [f"/catalogue/{cpa.pk}/", "/catalogue/", "/api/v1/qualifications/"]
    for url in urls:
        client.get(url)
    assert all(client.get(url)[HIT_HEADER] == "hit" for url in urls)
    proposal = draft(maintainer, Action.RENAMED, cpa, name="注册会计师（新）")
    with django_capture_on_commit_callbacks(execute=True):
        publish(proposal, second_maintainer)
    for url in urls:
        response = client.get(url)
        assert HIT_HEADER not in response and "注册会计师（新）" in response.content.decode()


def test_a_draft_does_not_renew_the_cache(
    client, cached, cpa, maintainer, django_capture_on_commit_callbacks
):
    client.get(f"/catalogue/{cpa.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        draft(maintainer, Action.RENAMED, cpa, name="注册会计师（新）")
    assert client.get(f"/catalogue/{cpa.pk}/")[HIT_HEADER] == "hit"


def test_signed_in_staff_are_served_fresh_pages(client, cached, cpa, maintainer):
    client.force_login(maintainer)
    client.get(f"/catalogue/{cpa.pk}/")
    assert HIT_HEADER not in client.get(f"/catalogue/{cpa.pk}/")


def test_a_cached_page_carries_no_token_and_its_language_switch_needs_none(cached, cpa):
    Client().get(f"/catalogue/{cpa.pk}/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(f"/catalogue/{cpa.pk}/")
    assert page[HIT_HEADER] == "hit"
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies
    switched = visitor.get("/language/", {"language": "en", "next": f"/catalogue/{cpa.pk}/"})
    assert switched.status_code == 302
    assert visitor.get(f"/catalogue/{cpa.pk}/")["Content-Language"] == "en"


def test_a_page_whose_form_carries_a_csrf_token_is_never_cached(cached, db):
    form = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    view = cache_public(lambda request: HttpResponse(form.render({}, request)))
    first, second = (view(RequestFactory().get("/posting-form/")) for _ in range(2))
    tokens = [r.content.decode().split('value="')[1].split('"')[0] for r in (first, second)]
    assert HIT_HEADER not in second and tokens[0] != tokens[1]


def test_languages_are_cached_apart(client, cached, cpa):
    client.get(f"/catalogue/{cpa.pk}/")
    english = client.get(f"/catalogue/{cpa.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert HIT_HEADER not in english and english["Content-Language"] == "en"


def test_pages_still_work_with_no_cache_configured(client, settings, cpa):
    catalogue_cache_clear()
    settings.CATALOGUE_CACHE_SECONDS = 600
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.RATELIMIT_ENABLE = False
    for url in [f"/catalogue/{cpa.pk}/", "/catalogue/", "/api/v1/qualifications/"]:
        first, second = client.get(url), client.get(url)
        assert first.status_code == second.status_code == 200 and HIT_HEADER not in second
