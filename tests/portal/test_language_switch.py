"""The language switch without a form token, and what that lets the edge cache share."""

import re

import pytest
from django.conf import settings
from django.test import override_settings

from catalogue.models import Qualification

PUBLIC_PAGES = ["/", "/catalogue/", "/editions/", "/notices/", "/about/", "/check/"]
TOKEN = re.compile(r"csrfmiddlewaretoken|csrftoken")


def test_the_switch_sets_the_language_and_goes_back(client, db):
    response = client.get("/language/", {"language": "en", "next": "/editions/?year=2021"})
    assert response.status_code == 302 and response["Location"] == "/editions/?year=2021"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    page = client.get("/editions/")
    assert page["Content-Language"] == "en"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://testserver/editions/",  # a same-host absolute URL: still only paths
        "",
    ],
)
def test_the_switch_never_redirects_off_the_site(client, db, next_url):
    response = client.get("/language/", {"language": "en", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("language", ["xx", "", "en-us-evil", "zh-hans\r\nX: y"])
def test_an_unknown_language_is_a_clear_400(client, db, language):
    response = client.get("/language/", {"language": language, "next": "/"})
    assert response.status_code == 400
    assert "不支持该语言" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switch_is_a_get_form_that_works_without_javascript(client, db):
    html = client.get("/catalogue/?q=%E4%BC%9A%E8%AE%A1").content.decode()  # as browsers send it
    switch = html.split('class="lang-switch"')[1].split("</form>")[0]
    assert 'action="/language/"' in switch and 'method="get"' in switch
    next_url = re.search(r'name="next" type="hidden" value="([^"]+)"', switch)[1]
    english = client.get("/language/", {"language": "en", "next": next_url}, follow=True)
    assert english.redirect_chain[-1][0] == "/catalogue/?q=%E4%BC%9A%E8%AE%A1"
    assert english["Content-Language"] == "en"


@override_settings(EDGE_CACHE_SECONDS=5)
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_public_pages_carry_no_cookie_and_no_token_and_are_shareable(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert not TOKEN.search(response.content.decode())
    assert response["Cache-Control"] == "public, max-age=5"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert response.has_header("ETag")


@override_settings(EDGE_CACHE_SECONDS=5)
def test_a_qualification_page_is_shareable_and_revalidates_with_its_etag(client, db):
    from django.core.management import call_command

    call_command("load_catalogue", verbosity=0)
    url = f"/catalogue/{Qualification.objects.order_by('pk').first().pk}/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=5" and not first.cookies
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@override_settings(EDGE_CACHE_SECONDS=5)
@pytest.mark.parametrize("url", ["/verify/", "/report/", "/track/", "/check/bulk/"])
def test_pages_with_a_posting_form_are_private(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@override_settings(EDGE_CACHE_SECONDS=5)
def test_staff_pages_and_anything_with_a_session_are_never_shared(client, db):
    login = client.get("/admin/login/")
    assert "public" not in login["Cache-Control"]
    client.cookies["sessionid"] = "someone"
    for url in ["/catalogue/", "/api/v1/editions/"]:
        assert "public" not in client.get(url).get("Cache-Control", "")


@override_settings(EDGE_CACHE_SECONDS=5)
def test_an_english_reader_gets_a_separately_varied_english_page(client, db):
    client.get("/language/", {"language": "en", "next": "/"})
    page = client.get("/editions/")
    assert page["Content-Language"] == "en" and page["Cache-Control"] == "public, max-age=5"
    assert "Cookie" in page["Vary"]
