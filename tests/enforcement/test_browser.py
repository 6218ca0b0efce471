"""A real browser: a citizen reports and tracks, an officer concludes, the citizen sees it."""

import re

import pytest
from playwright.sync_api import expect

from enforcement.models import Case


@pytest.fixture
def officer_login(live_server, fuzhou_officer):
    def login(page):
        page.goto(f"{live_server.url}/admin/login/?next=/cases/")
        page.fill("#id_username", fuzhou_officer.username)
        page.fill("#id_password", "pw-for-tests-only")
        page.click("input[type=submit]")
        page.wait_for_url("**/cases/")

    return login


def _act(page, action, **fields):
    page.select_option("#id_action", action)
    for name, value in fields.items():
        selector = f"#id_{name}"
        if name == "outcome":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(".case-actions form:first-of-type button[type=submit]")


def _track(page, base, code):
    page.goto(f"{base}/track/")
    page.fill("#id_receipt_code", code)
    page.click(".track-form button[type=submit]")


def test_submit_track_conclude_and_see_the_conclusion(live_server, page, browser, officer_login):
    base = live_server.url
    page.goto(f"{base}/report/?type=forbidden_wording&organisation=中华职业技能认证中心")
    assert not page.is_visible("#id_region_code")
    assert page.input_value("#id_organisation") == "中华职业技能认证中心"
    # The region picker's script turns the one grouped select into province → city → county.
    page.select_option("#region-province", "350000")
    page.select_option("#region-city", "350100")
    page.select_option("#region-county", "350102")
    assert page.input_value("#id_region_code") == "350102"
    page.fill("#id_description", "证书封面印有“国家职业资格”字样和国徽。")
    page.fill("#id_contact", "李先生 13900000000")
    page.click(".report-form button[type=submit]")
    page.click("#confirm-submit")  # after checking the answers
    code = page.inner_text("#receipt-code").strip()
    assert len(code) == 23

    _track(page, base, code)
    assert page.inner_text("#case-status") == "已收到"

    officer = browser.new_context(locale="zh-CN").new_page()
    officer_login(officer)
    case = Case.objects.get()
    officer.click(f"a[href='/cases/{case.pk}/']")
    assert "13900000000" not in officer.content()  # not yet assigned to anyone
    _act(officer, "accept")
    assert "13900000000" in officer.inner_text("#reporter-contact")
    _act(officer, "investigate", note="已约谈该中心负责人")
    _act(officer, "conclude", outcome="substantiated", measures="责令停止发放并收回证书",
         public_reply="感谢您的举报。")  # fmt: skip
    assert "已办结" in officer.inner_text(".facts")

    _track(page, base, code)
    assert page.inner_text("#case-status") == "已办结"
    assert page.inner_text("#case-outcome") == "查证属实"
    timeline = page.inner_text(".timeline")
    assert "责令停止发放并收回证书" in timeline and "感谢您的举报。" in timeline
    assert "已约谈" not in page.content() and "fuzhou-officer" not in page.content()


def test_the_region_picker_keeps_a_prefilled_region_and_allows_a_city_only(live_server, page):
    page.goto(f"{live_server.url}/report/?region=350102")
    assert page.input_value("#region-county") == "350102"
    assert page.input_value("#region-city") == "350100"
    page.select_option("#region-county", "")
    assert page.input_value("#id_region_code") == "350100"
    page.select_option("#region-province", "440000")
    assert page.input_value("#id_region_code") == "440000"
    assert page.is_disabled("#region-county")


def _fill_report(page, base):
    page.goto(f"{base}/report/")
    page.select_option("#id_violation_type", "illegal_exams_fees")
    page.fill("#id_organisation", "某某考证培训学校")
    page.select_option("#region-province", "350000")
    page.select_option("#region-city", "350100")
    page.fill("#id_description", "收费后承诺“包过”，考试当场发答案。")


def test_the_answers_are_checked_before_the_report_is_sent(live_server, page, fuzhou):
    _fill_report(page, live_server.url)
    page.click(".report-form button[type=submit]")
    expect(page).to_have_title(re.compile("^核对举报内容"))  # after the form post has loaded
    answers = page.inner_text(".check-answers")
    assert "某某考证培训学校" in answers and "福州市" in answers and "违规考试" in answers
    assert not Case.objects.exists()
    page.click('button:has-text("返回修改")')
    assert page.input_value("#id_organisation") == "某某考证培训学校"
    assert page.input_value("#region-city") == "350100"


def test_the_receipt_survives_a_reload(live_server, page, fuzhou):
    _fill_report(page, live_server.url)
    page.click(".report-form button[type=submit]")
    page.click("#confirm-submit")
    code = page.inner_text("#receipt-code").strip()
    assert fuzhou.name in page.inner_text("#handling-authority")
    page.reload()
    assert page.inner_text("#receipt-code").strip() == code
    assert page.is_visible("text=打印本页") and page.is_visible("#receipt-download")
    assert Case.objects.by_receipt(code) is not None


def test_a_failed_submit_focuses_the_error_summary_with_error_in_the_title(live_server, page):
    page.goto(f"{live_server.url}/report/")
    page.click(".report-form button[type=submit]")
    expect(page).to_have_title(re.compile("^错误："))
    # report.js runs once the page has loaded; give it that long, no more.
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    # The region's error leads to the visible province select, which announces it.
    page.click("#error-summary a[href='#region-province']")
    assert page.evaluate("document.activeElement.id") == "region-province"
    described = page.get_attribute("#region-province", "aria-describedby").split()
    assert described == ["id_region_code_helptext", "id_region_code_error"]
    assert page.is_visible("#id_region_code_error")
