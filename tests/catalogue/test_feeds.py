"""Atom feeds of the published adjustments."""

import pytest

from catalogue.models import Action

from .maintenance_helpers import draft, make_item, publish


@pytest.fixture
def published(db, maintainer, second_maintainer):
    cpa, actuary = make_item(), make_item("精算师", kind="level-evaluation", legal_basis="")
    publish(draft(maintainer, Action.RENAMED, cpa, name="注册会计师（2030）"), second_maintainer)
    publish(draft(maintainer, Action.RETIRED, actuary), second_maintainer)
    return cpa, actuary


def test_the_catalogue_feed_is_atom_with_every_published_adjustment(client, published):
    cpa, actuary = published
    response = client.get("/catalogue/feed/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert 'xmlns="http://www.w3.org/2005/Atom"' in body
    assert "更名：注册会计师（2030）" in body and "退出或取消：精算师" in body
    assert f"/catalogue/{cpa.pk}/#adjustment-" in body and "国函〔2030〕1号" in body


def test_a_qualification_feed_has_only_its_adjustments(client, published):
    cpa, _actuary = published
    body = client.get(f"/catalogue/{cpa.pk}/feed/").content.decode()
    assert "更名：注册会计师（2030）" in body and "精算师" not in body


def test_the_feed_of_an_unknown_qualification_is_404(client, db):
    assert client.get("/catalogue/999999/feed/").status_code == 404


def test_the_qualification_page_links_its_feed_and_shows_its_timeline(client, published):
    cpa, _actuary = published
    body = client.get(f"/catalogue/{cpa.pk}/").content.decode()
    assert f'href="/catalogue/{cpa.pk}/feed/"' in body
    timeline = body.split('class="timeline"')[1]
    assert "更名" in timeline and "2030-01-15" in timeline and "国函〔2030〕1号" in timeline
