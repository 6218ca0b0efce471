"""A real browser: a citizen reports and tracks, an officer concludes, the citizen sees it."""

import pytest

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
