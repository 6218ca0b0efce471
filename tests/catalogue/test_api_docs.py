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


def test_docs_page_loads_nothing_from_another_host(client, db):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    loaded = re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]+)"', html)
    assert loaded, html
    assert all(url.startswith("/static/") for url in loaded), loaded
    for url in loaded:
        assert finders.find(url.removeprefix("/static/")), url
    links = re.findall(r'href="([^"]+)"', html.split("<footer")[0])
    assert all(url.startswith(("/", "#")) and not url.startswith("//") for url in links), links
