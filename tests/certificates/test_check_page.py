"""The public check page at /check/."""

import pytest
from django.test import override_settings

from catalogue.models import Qualification

pytestmark = pytest.mark.usefixtures("catalogue")


def test_the_page_offers_an_empty_form(client):
    response = client.get("/check/")
    assert response.status_code == 200
    assert 'name="name"' in response.content.decode()


def test_a_prefilled_link_answers_with_the_verdict_and_links_the_qualification(client):
    response = client.get("/check/", {"name": "一级注册结构工程师证书"})
    page = response.content.decode()
    pk = Qualification.objects.get(name="注册结构工程师").pk
    assert 'data-verdict="access"' in page
    assert f'href="/catalogue/{pk}/"' in page
    assert "国家职业资格目录（2021年版）" in page


def test_a_forbidden_wording_answer_links_the_prefilled_report_form(client):
    response = client.get("/check/", {"name": "全国茶艺师证书", "issuer": "某茶艺协会"})
    page = response.content.decode()
    assert 'data-verdict="retired"' in page
    assert "人社部发〔2017〕68号" in page
    assert (
        "/report/?type=forbidden_wording&amp;organisation=%E6%9F%90%E8%8C%B6%E8%89%BA%E5%8D%8F"
        in page
    )


def test_a_retired_answer_says_when_and_by_what(client):
    page = client.get("/check/", {"name": "咖啡师"}).content.decode()
    assert 'data-verdict="retired"' in page
    assert "2016-01-13" in page


def test_an_empty_name_is_a_form_error_not_a_500(client):
    response = client.get("/check/", {"name": "  "})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


# Per hour, not per minute: a window that turns between two requests (a cold first check
# can take seconds) would start the count again.
@override_settings(CERTIFICATE_CHECK_RATE="3/h")
def test_the_page_is_rate_limited(client):
    codes = [client.get("/check/", {"name": "茶艺师"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_home_page_links_to_the_check(client):
    assert 'href="/check/"' in client.get("/").content.decode()


def test_a_forbidden_wording_answer_quotes_the_provision(client):
    page = client.get(
        "/check/", {"name": "国家高级茶艺师", "issuer": "某茶艺协会"}
    ).content.decode()
    assert "证书不得使用“中华人民共和国”" in page


def test_a_retired_answer_warns_against_reviving_it(client):
    page = client.get("/check/", {"name": "咖啡师"}).content.decode()
    assert "死灰复燃" in page
