"""The check page in a real browser (Debian's chromium) against a live server."""

import pytest

from catalogue.models import Qualification

pytestmark = pytest.mark.usefixtures("live_catalogue")


def test_a_citizen_checks_a_certificate_by_name_and_opens_the_qualification(live_server, page):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="证书名称查验").click()
    page.get_by_label("证书名称").fill("一級建造師證書")
    page.get_by_label("证书名称").press("Enter")
    result = page.locator(".check-result")
    assert result.get_attribute("data-verdict") == "access"
    assert "准入类" in result.inner_text()
    assert "国家职业资格目录（2021年版）" in result.inner_text()
    result.get_by_role("link", name="建造师").click()
    pk = Qualification.objects.get(name="建造师").pk
    assert page.url == f"{live_server.url}/catalogue/{pk}/"


def test_a_forbidden_wording_certificate_offers_the_prefilled_report(live_server, page):
    page.goto(f"{live_server.url}/check/")
    page.get_by_label("证书名称").fill("全国高级茶艺师职业资格证书")
    page.get_by_label("发证机构（选填）").fill("中华茶艺协会")
    page.get_by_role("button", name="查验").click()
    result = page.locator(".check-result")
    assert result.get_attribute("data-verdict") == "not_national"
    assert "人社部发〔2017〕68号" in result.inner_text()
    report = result.get_by_role("link", name="举报这张证书")
    assert report.get_attribute("href").startswith(
        "/report/?type=forbidden_wording&organisation=%E4%B8%AD%E5%8D%8E"
    )


def test_an_uncertain_name_lists_candidates_that_can_be_checked_in_turn(live_server, page):
    page.goto(f"{live_server.url}/check/?name=会计从业资格证")
    candidates = page.locator("ul.candidates li")
    assert candidates.count() >= 1
    page.locator("ul.candidates li", has_text="会计专业技术资格").get_by_role(
        "link", name="按此名称查验"
    ).click()
    assert page.locator(".check-result").get_attribute("data-verdict") == "level_evaluation"
