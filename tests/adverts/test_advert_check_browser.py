"""The advert check in a real browser (Debian's chromium) against a live server."""

import pytest

pytestmark = pytest.mark.usefixtures("live_catalogue")

ADVERT = (
    "福州市海润财务咨询有限公司招聘出纳1名。工作内容：负责现金收付。任职要求：必须持有"
    "会计专业技术资格证书方可上岗。工作地点：福州市鼓楼区。月薪5000元。招聘截止2026年11月30日。"
)


def test_a_citizen_pastes_an_advert_sees_the_finding_and_reports_it_prefilled(live_server, page):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="广告检查：粘贴招聘或培训广告，逐句对照规则").click()
    page.get_by_label("广告文字").fill(ADVERT)
    page.get_by_label("广告类型").select_option("job")
    page.get_by_role("button", name="检查广告").click()
    result = page.locator(".advert-result")
    assert result.get_attribute("data-findings") == "1"
    assert page.locator(".advert-text mark").inner_text().startswith("会计专业技术资格证书")
    finding = page.locator("#finding-1")
    assert "水平评价类职业资格" in finding.inner_text()
    assert "任职要求：必须持有会计专业技术资格证书方可上岗。" in finding.inner_text()
    finding.get_by_role("link", name="举报此问题").click()
    assert page.url.startswith(f"{live_server.url}/report/?type=level_tied_to_employment")
    assert page.get_by_label("违规类型").input_value() == "level_tied_to_employment"
    assert page.get_by_label("被举报单位").input_value() == "福州市海润财务咨询有限公司"
    certificate = page.get_by_label("涉及的证书或职业资格（可不填）")
    assert certificate.input_value() == "会计专业技术资格证书"
    description = page.get_by_label("情况描述")
    assert description.input_value() == "任职要求：必须持有会计专业技术资格证书方可上岗。"


def test_a_marked_phrase_leads_to_its_explanation(live_server, page):
    page.goto(f"{live_server.url}/advert-check/")
    page.get_by_label("广告文字").fill("零基础包拿证，15天拿证，不过包退！")
    page.get_by_role("button", name="检查广告").click()
    page.locator(".advert-text mark a", has_text="15天拿证").click()
    assert page.url.endswith("#finding-2")
    assert "×天拿证" in page.locator("#finding-2").inner_text()
