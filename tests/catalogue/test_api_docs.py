"""The OpenAPI schema and the interactive docs, served by the portal itself."""

import re

from django.contrib.staticfiles import finders


def test_schema_describes_the_catalogue_api(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/qualifications/",
        "/api/v1/qualifications/{id}/",
        "/api/v1/editions/",
        "/api/v1/editions/{year}/",
        "/api/v1/editions/compare/",
    ):
        assert path in paths
    names = {p["name"] for p in paths["/api/v1/qualifications/"]["get"]["parameters"]}
    assert {"q", "edition", "category", "kind", "department", "status", "page"} <= names


def test_docs_page_loads_only_local_static_files(client, db):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    # The page's own start-up script, served by the docs view itself (no inline script).
    urls.remove("/api/docs/?script=")
    assert urls, html
    assert "https://" not in html and "cdn" not in html.lower()
    assert all(url.startswith("/static/") for url in urls), urls
    assert "//" not in "".join(urls).replace("/static/", "")
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url
