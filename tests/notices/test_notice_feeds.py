from notice_factories import make_notice

from notices.services import notice_publish


def test_the_feed_of_all_notices_is_atom(client, chain):
    response = client.get("/notices/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "人社部发〔2017〕68号" in response.content.decode()


def test_an_authoritys_feed_holds_only_its_notices(client, chain, fujian):
    body = client.get(f"/notices/feed/authority/{fujian.pk}/").content.decode()
    assert "闽人社文〔2017〕320号" in body
    assert "人社部发〔2017〕68号" not in body


def test_a_notice_enters_the_feed_when_published(client, fujian, fujian_publisher):
    draft = make_notice(fujian, doc_number="闽人社文〔2018〕5号", published=False)
    assert draft.doc_number not in client.get("/notices/feed/").content.decode()
    notice_publish(notice=draft, user=fujian_publisher)
    assert draft.doc_number in client.get("/notices/feed/").content.decode()


def test_an_unknown_authoritys_feed_is_404(client, db):
    assert client.get("/notices/feed/authority/999999/").status_code == 404
