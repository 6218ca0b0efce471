"""Every public catalogue page renders with English chosen as the language."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/catalogue/",
        "/catalogue/?q=nothing-like-this",
        "/catalogue/?kind=licence",
        "/editions/",
        "/editions/2017/",
        "/editions/compare/?from=2017&to=2021",
    ],
)
def test_page_renders_in_english(client, small_catalogue, path):
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_qualification_page_renders_in_english(client, small_catalogue):
    client.cookies["django_language"] = "en"
    response = client.get(f"/catalogue/{small_catalogue.barista.pk}/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
