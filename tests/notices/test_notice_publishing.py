"""Publishing and forwarding in the portal: in one's own authority's name only."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from notices import services
from notices.models import Notice, NoticeStatus


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _form(issuer, **fields):
    data = {
        "issuer": issuer.pk,
        "doc_number": "闽人社文[2018]12号",
        "title": "福建省人力资源和社会保障厅关于职业资格工作的通知",
        "issued_on": "2018-03-01",
        "recipients": "各设区市人力资源和社会保障局",
        "body": "现将有关事项通知如下。",
        "disclosure": "public",
        "publish": "on",
    }
    return data | fields


def test_a_publisher_publishes_in_her_authoritys_name(client, fujian, fujian_publisher):
    client.force_login(fujian_publisher)
    response = client.post("/notices/new/", _form(fujian))
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/notices/{notice.pk}/"
    assert (notice.issuer, notice.status) == (fujian, NoticeStatus.PUBLISHED)
    assert notice.doc_number == "闽人社文〔2018〕12号"
    assert (notice.prefix, notice.year, notice.serial) == ("闽人社文", 2018, 12)
    assert notice.published_at is not None


def test_publishing_in_another_authoritys_name_is_refused(client, fujian_publisher, guangzhou):
    client.force_login(fujian_publisher)
    response = client.post("/notices/new/", _form(guangzhou))
    assert response.status_code == 400
    assert "只能以本机关名义发布通知" in response.content.decode()
    assert not Notice.objects.exists()


def test_the_service_refuses_another_authoritys_name_too(fujian_publisher, guangzhou):
    with pytest.raises(PermissionDenied):
        services.notice_create(user=fujian_publisher, issuer=guangzhou, title="冒名的通知")
    assert not Notice.objects.exists()


def test_staff_without_the_publisher_role_may_not_publish(client, fujian, fujian_officer):
    client.force_login(fujian_officer)
    assert client.get("/notices/new/").status_code == 403
    assert client.post("/notices/new/", _form(fujian)).status_code == 403
    assert not Notice.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, fujian):
    response = client.post("/notices/new/", _form(fujian))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_number_already_used_is_a_form_error(client, chain, fujian, fujian_publisher):
    client.force_login(fujian_publisher)
    response = client.post("/notices/new/", _form(fujian, doc_number="闽人社文（2017）320号"))
    assert response.status_code == 400
    assert "文号 闽人社文〔2017〕320号 已存在" in response.content.decode()
    assert Notice.objects.count() == 3


def test_a_malformed_number_is_a_form_error(client, fujian, fujian_publisher):
    client.force_login(fujian_publisher)
    response = client.post("/notices/new/", _form(fujian, doc_number="第68号文"))
    assert response.status_code == 400
    assert "文号格式应如" in response.content.decode()


def test_a_draft_stays_hidden_until_published(client, fujian, fujian_publisher):
    client.force_login(fujian_publisher)
    client.post("/notices/new/", _form(fujian, publish=""))
    notice = Notice.objects.get()
    assert notice.status == NoticeStatus.DRAFT
    client.logout()
    assert client.get(f"/notices/{notice.pk}/").status_code == 404
    client.force_login(fujian_publisher)
    assert client.post(f"/notices/{notice.pk}/publish/").status_code == 302
    client.logout()
    assert client.get(f"/notices/{notice.pk}/").status_code == 200


def test_forward_prefills_title_recipients_and_the_link(client, chain, fujian_publisher):
    origin, _province, _city = chain
    client.force_login(fujian_publisher)
    form = client.get(f"/notices/{origin.pk}/forward/").context["form"]
    assert form.initial["title"] == (
        "福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )
    assert form.initial["recipients"] == services.USUAL_RECIPIENTS["provincial"]


def test_forwarding_a_forwarding_names_the_original_notice(chain, fuzhou):
    _origin, province, _city = chain
    prefill = services.forward_prefill(parent=province, authority=fuzhou)
    assert prefill["title"] == (
        "福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )


def test_a_forwarding_links_the_parent(client, chain, fujian, fujian_publisher):
    origin, _province, _city = chain
    client.force_login(fujian_publisher)
    response = client.post(f"/notices/{origin.pk}/forward/", _form(fujian))
    notice = Notice.objects.get(doc_number="闽人社文〔2018〕12号")
    assert response.status_code == 302
    assert notice.forwards == origin


def test_a_draft_cannot_be_forwarded(fujian, fujian_publisher, ministry):
    draft = Notice.objects.create(issuer=ministry, title="草稿")
    with pytest.raises(ValidationError):
        services.notice_create(user=fujian_publisher, issuer=fujian, title="转发", forwards=draft)
