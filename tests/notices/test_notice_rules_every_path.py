"""Issue 14, finding 6: the admin obeys the pages' rules; 不予公开 is never public.

A notice marked 不予公开 is seen by the staff of its issuing authority and of the
authorities above it, on no public list, feed or API answer — not even as the notice a
public one forwards.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from notice_factories import make_notice

from authorities import roles
from notices.models import Disclosure, Notice


@pytest.fixture
def withheld(fujian):
    return make_notice(
        fujian,
        doc_number="闽人社文〔2017〕999号",
        title="福建省人力资源和社会保障厅关于内部事项的通知",
        disclosure=Disclosure.WITHHELD,
        issued_on=date(2017, 11, 20),
    )


@pytest.fixture
def public_forwarding(fuzhou, withheld):
    return make_notice(
        fuzhou,
        doc_number="榕人社培〔2017〕150号",
        title="福州市人力资源和社会保障局转发内部事项的通知",
        forwards=withheld,
    )


def _publisher(django_user_model, authority, name):
    user = django_user_model.objects.create_user(
        username=name, password="pw-for-tests-only", is_staff=True, authority=authority
    )
    user.groups.add(Group.objects.get(name=roles.NOTICE_PUBLISHER))
    return user


def test_in_the_admin_a_publisher_cannot_forward_a_draft(client, fujian_publisher, ministry):
    draft = make_notice(ministry, doc_number="人社部发〔2017〕70号", published=False)
    client.force_login(fujian_publisher)
    response = client.post(
        "/admin/notices/notice/add/",
        {
            "title": "转发草稿的通知",
            "issuer": fujian_publisher.authority_id,
            "forwards": draft.pk,
            "status": "published",
        },
    )
    assert response.status_code == 200
    assert "只能转发已发布的通知" in response.content.decode()
    assert not Notice.objects.filter(title="转发草稿的通知").exists()


def test_in_the_admin_no_forwarding_cycle_can_be_made(client, chain, admin_user):
    origin, _province, city = chain
    client.force_login(admin_user)
    response = client.post(
        f"/admin/notices/notice/{origin.pk}/change/",
        {
            "title": origin.title,
            "issuer": origin.issuer_id,
            "forwards": city.pk,
            "status": "published",
            "doc_number": origin.doc_number,
        },
    )
    assert response.status_code == 200
    assert "转发不能成环" in response.content.decode()
    origin.refresh_from_db()
    assert origin.forwards_id is None


def test_a_withheld_notice_is_in_no_public_list_feed_or_api(client, withheld, public_forwarding):
    pages = [
        client.get("/notices/").content.decode(),
        client.get("/notices/feed/").content.decode(),
        client.get(f"/notices/feed/authority/{withheld.issuer_id}/").content.decode(),
        client.get("/api/v1/notices/").content.decode(),
        client.get(f"/api/v1/notices/{public_forwarding.pk}/").content.decode(),
        client.get(f"/api/v1/notices/{public_forwarding.pk}/chain/").content.decode(),
        client.get(f"/notices/{public_forwarding.pk}/").content.decode(),
    ]
    for page in pages:
        assert "闽人社文〔2017〕999号" not in page
        assert "内部事项的通知" not in page.replace("转发内部事项的通知", "")
    assert client.get(f"/notices/{withheld.pk}/").status_code == 404
    assert client.get(f"/api/v1/notices/{withheld.pk}/").status_code == 404


def test_a_withheld_notice_is_seen_by_its_issuers_staff_and_by_those_above(
    client, django_user_model, withheld, ministry, fujian, guangzhou
):
    for authority, seen in [(fujian, True), (ministry, True), (guangzhou, False)]:
        user = _publisher(django_user_model, authority, f"staff-{authority.pk}")
        client.force_login(user)
        status = client.get(f"/notices/{withheld.pk}/").status_code
        assert (status == 200) is seen, authority.name
        listed = "闽人社文〔2017〕999号" in client.get("/notices/").content.decode()
        assert listed is seen, authority.name


def test_a_withheld_notice_stays_off_the_public_api_for_signed_in_staff_too(
    client, fujian_publisher, withheld
):
    client.force_login(fujian_publisher)
    assert "闽人社文〔2017〕999号" not in client.get("/api/v1/notices/").content.decode()
