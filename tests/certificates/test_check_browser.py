"""The check page in a real browser (Debian's chromium) against a live server."""

import re

import pytest

from catalogue.models import Qualification

pytestmark = pytest.mark.usefixtures("live_catalogue")


def test_a_citizen_checks_a_certificate_by_name_and_opens_the_qualification(live_server, page):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="证书名称查验").click()
    page.get_by_label("证书名称").fill("一級建造師證書")
    page.get_by_label("证书名称").press("Enter")
    answer = page.locator(".check-answer")
    assert answer.get_attribute("data-verdict") == "access"
    assert "准入类" in answer.inner_text()
    assert "国家职业资格目录（2021年版）" in page.locator("#basis-heading + dl").inner_text()
    page.locator("#basis-heading + dl").get_by_role("link", name="建造师").click()
    pk = Qualification.objects.get(name="建造师").pk
    assert page.url == f"{live_server.url}/catalogue/{pk}/"


def test_check_options_pick_result_and_print_on_one_a4_page(live_server, page):
    page.goto(f"{live_server.url}/check/")
    page.get_by_label("证书名称").fill("电工证")
    page.get_by_role("button", name="查验").click()
    assert page.locator(".check-answer").get_attribute("data-verdict") == "uncertain"
    options = page.locator(".check-options li")
    assert options.count() == 2
    options.filter(has_text="特种作业操作证").get_by_role("link").click()
    answer = page.locator(".check-answer")
    assert answer.get_attribute("data-verdict") == "access"
    assert answer.get_attribute("data-kind") == "licence"
    assert "cx.mem.gov.cn" in page.locator("#verify-heading + ul").inner_text()
    assert "查验时间" in page.content() and "目录数据版本" in page.content()
    page.emulate_media(media="print")
    assert not page.locator("form.check-form").is_visible()
    assert answer.is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_a_forbidden_wording_certificate_offers_the_prefilled_report(live_server, page):
    page.goto(f"{live_server.url}/check/")
    page.get_by_label("证书名称").fill("全国高级茶艺师职业资格证书")
    page.get_by_label("发证机构（选填）").fill("中华茶艺协会")
    page.get_by_role("button", name="查验").click()
    warnings = page.locator(".check-warnings")
    assert "人社部发〔2017〕68号" in warnings.inner_text()
    report = warnings.get_by_role("link", name="举报这张证书")
    assert report.get_attribute("href").startswith(
        "/report/?type=forbidden_wording&organisation=%E4%B8%AD%E5%8D%8E"
    )


def test_an_uncertain_name_lists_candidates_that_can_be_checked_in_turn(live_server, page):
    page.goto(f"{live_server.url}/check/?name=中级经济师")
    assert page.locator(".check-answer").get_attribute("data-verdict") == "uncertain"
    page.locator(".check-candidates li", has_text="经济专业技术资格").get_by_role(
        "link", name="按此名称查验"
    ).click()
    assert page.locator(".check-answer").get_attribute("data-verdict") == "level_evaluation"


def test_an_employer_uploads_a_list_and_reads_the_answers(live_server, page, tmp_path):
    listing = tmp_path / "staff.csv"
    listing.write_text(
        "证书名称,发证机构,发证日期\n一级建造师,,\n茶艺师,,2022-01-01\n,某协会,\n", "utf-8"
    )
    page.goto(f"{live_server.url}/check/")
    page.get_by_role("link", name="用人单位：批量查验（CSV）").click()
    page.get_by_label("证书清单（CSV）").set_input_files(str(listing))
    page.get_by_role("button", name="开始查验").click()
    rows = page.locator(".bulk-result tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator("[data-verdict]").get_attribute("data-verdict") == "access"
    assert "存疑" in rows.nth(1).inner_text()
    assert "第 4 行" in rows.nth(2).inner_text()
    with page.expect_download() as download:
        page.get_by_label("证书清单（CSV）").set_input_files(str(listing))
        page.get_by_label("结果格式").select_option("xlsx")
        page.get_by_role("button", name="开始查验").click()
    assert download.value.suggested_filename == "certificate-check.xlsx"
