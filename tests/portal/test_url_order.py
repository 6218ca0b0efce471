"""The hottest public answers are found first when Django resolves a path (portal/urls.py).

Django tries the patterns in order; each include() passed over costs the list of what it
tried. Verification sat behind five "" includes (64 µs per request to resolve, measured).
"""

import pytest
from django.urls import resolve


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/certificate-verifications/", "certificate-verification"),
        ("/api/v1/certificate-check/", "certificate-check"),
    ],
)
def test_the_two_hottest_answers_resolve_before_any_page(path, name):
    match = resolve(path)
    assert match.url_name == name
    # Only the patterns ahead of it in certificates/api_urls.py, none of the site's pages.
    assert len(match.tried or []) <= 3, [str(p[-1].pattern) for p in match.tried]


def test_pages_still_resolve_behind_the_api():
    assert resolve("/catalogue/").url_name == "qualification-list"
    assert resolve("/api/v1/qualifications/").url_name == "qualification-list"
    assert resolve("/api/schema/").url_name == "api-schema"
