"""Drafts never show on public pages, in the API or in the feeds."""

import pytest

from catalogue.models import Action

from .maintenance_helpers import draft, make_item


@pytest.fixture
def drafted(db, maintainer):
    cpa = make_item()
    draft(maintainer, Action.RENAMED, cpa, name="草稿中的新名称")
    draft(
        maintainer,
        Action.ADDED,
        name="草稿中的新资格",
        category="professional-technical",
        kind="level-evaluation",
    )
    return cpa


def test_drafts_do_not_show_on_the_public_pages(client, drafted):
    listing = client.get("/catalogue/", {"q": "草稿"}).content.decode()
    detail = client.get(f"/catalogue/{drafted.pk}/").content.decode()
    assert "草稿中的新资格" not in listing and "共找到 0 项" in listing
    assert "注册会计师" in detail and "草稿中" not in detail


def test_drafts_do_not_show_in_the_api(client, drafted):
    found = client.get("/api/v1/qualifications/", {"q": "草稿中"}).json()
    detail = client.get(f"/api/v1/qualifications/{drafted.pk}/").json()
    everything = client.get("/api/v1/qualifications/").json()
    assert found["count"] == 0 and detail["name"] == "注册会计师"
    assert [q["name"] for q in everything["results"]] == ["注册会计师"]


def test_drafts_do_not_show_in_the_feeds(client, drafted):
    feeds = [client.get("/catalogue/feed/"), client.get(f"/catalogue/{drafted.pk}/feed/")]
    assert all("草稿中" not in f.content.decode() for f in feeds)
