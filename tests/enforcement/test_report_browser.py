"""The report in a real browser at 1280 and 390 px: without JavaScript (the region in two
steps, province then city), with the keyboard alone, and axe-core on every step in both
languages."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from enforcement.models import Case
from tests.browser import (
    LANGUAGES,
    WIDTHS,
    axe_serious,
    axe_serious_without_js,
    choose_with_keys,
    focused,
    in_first_screen,
    sideways,
    tab_to,
)

FUJIAN, GULOU = "350000", "350102"  # 福建省, 福州市鼓楼区
NEXT = "#report-next"
CHOOSE_CITY = "button[name=step][value=region]"
CHANGE_PROVINCE = "button[name=step][value=province]"


@pytest.fixture
def open_page(browser, live_server):
    """A page in one language and width, with or without JavaScript."""
    contexts = []

    def make(language: str = "zh-hans", width: int = WIDTHS[0], javascript: bool = True):
        context = browser.new_context(
            locale=LANGUAGES[language],
            java_script_enabled=javascript,
            bypass_csp=True,  # only so that axe can be injected
            viewport={"width": width, "height": 800},
        )
        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
        context.add_cookies([cookie | {"url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.asked = []
        page.on("request", lambda request: page.asked.append(request.url))
        return page

    yield make
    for context in contexts:
        context.close()


def _fits_and_passes_axe(page, step: str, problems: dict, js_page=None) -> None:
    found = axe_serious_without_js(page, js_page) if js_page else axe_serious(page)
    if sideways(page) > 0:
        found.append(f"scrolls sideways by {sideways(page)} px")
    if found:
        problems[step] = found


def _asked_elsewhere(page, live_server) -> list[str]:
    here = urlsplit(live_server.url).netloc
    return [url for url in page.asked if urlsplit(url).netloc not in (here, "")]


def _options(page) -> list[str]:
    return page.eval_on_selector_all("#id_region_code option[value]", "os => os.map(o => o.value)")


def _press(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_region_is_province_then_city_with_the_keyboard_at_390(
    live_server, open_page, fuzhou, language
):
    page = open_page(language, width=390, javascript=False)
    axe_page = open_page(language, width=390)
    problems: dict[str, list[str]] = {}
    page.goto(f"{live_server.url}/report/")
    options = [code for code in _options(page) if code]
    assert len(options) == 31 and all(code.endswith("0000") for code in options)
    _fits_and_passes_axe(page, "1 province", problems, axe_page)

    tab_to(page, "#id_violation_type")
    choose_with_keys(page, "illegal_exams_fees")
    tab_to(page, "#id_organisation")
    page.keyboard.type("某某考证培训学校")
    tab_to(page, "#id_region_code")
    choose_with_keys(page, FUJIAN)
    tab_to(page, "#id_description")
    page.keyboard.type("收费后承诺“包过”，考试当场发答案。")
    _press(page, CHOOSE_CITY)

    # Step 2: the focus is on the region, the list is Fujian's, every answer is kept.
    assert focused(page, "#id_region_code")
    options = [code for code in _options(page) if code]
    assert GULOU in options and all(code.startswith("35") for code in options)
    assert page.input_value("#id_organisation") == "某某考证培训学校"
    assert page.input_value("#id_violation_type") == "illegal_exams_fees"
    assert page.input_value("#id_description") == "收费后承诺“包过”，考试当场发答案。"
    assert page.is_visible(CHANGE_PROVINCE)
    _fits_and_passes_axe(page, "2 city", problems, axe_page)
    choose_with_keys(page, GULOU)
    _press(page, NEXT)

    answers = page.inner_text(".check-answers")
    assert "鼓楼区" in answers and "某某考证培训学校" in answers
    _fits_and_passes_axe(page, "3 check", problems, axe_page)
    _press(page, "#confirm-submit")

    code = page.inner_text("#receipt-code").strip()
    assert fuzhou.name in page.inner_text("#handling-authority")
    _fits_and_passes_axe(page, "4 receipt", problems, axe_page)
    page.reload()
    assert page.inner_text("#receipt-code").strip() == code
    assert Case.objects.get().region_code == GULOU
    assert _asked_elsewhere(page, live_server) == []
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_without_javascript_next_from_the_provinces_asks_for_the_city_then_province_changes(
    live_server, open_page, fuzhou
):
    page = open_page(width=390, javascript=False)
    page.goto(f"{live_server.url}/report/")
    page.select_option("#id_violation_type", "forbidden_wording")
    page.fill("#id_organisation", "某某职业技能评价协会")
    page.select_option("#id_region_code", FUJIAN)
    page.fill("#id_description", "证书上印有“国家职业资格”字样。")
    page.click(NEXT)
    assert not page.is_visible(".check-answers")  # the city is asked for first
    assert GULOU in _options(page) and focused(page, "#id_region_code")
    page.click(CHANGE_PROVINCE)
    assert len([code for code in _options(page) if code]) == 31
    assert page.input_value("#id_region_code") == ""
    assert page.input_value("#id_organisation") == "某某职业技能评价协会"
    page.select_option("#id_region_code", "440000")
    page.click(CHOOSE_CITY)
    page.select_option("#id_region_code", "440106")
    page.click(NEXT)
    assert "天河区" in page.inner_text(".check-answers")
    page.click('button:has-text("返回修改")')  # back from the check: the city step again
    assert page.input_value("#id_region_code") == "440106"
    assert all(code.startswith("44") for code in _options(page) if code)


@pytest.mark.parametrize("javascript", (False, True), ids=("no-js", "js"))
@pytest.mark.parametrize("width", WIDTHS)
def test_a_failed_submit_shows_the_error_summary_first_focused_and_linked(
    live_server, open_page, width, javascript
):
    page = open_page(width=width, javascript=javascript)
    page.goto(f"{live_server.url}/report/")
    page.fill("#id_organisation", "某某考证培训学校")
    page.click(NEXT)
    expect(page).to_have_title(re.compile("^错误："))  # after the form post has loaded
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    assert in_first_screen(page, "#error-summary")  # on a phone too
    region = "#region-province" if javascript else "#id_region_code"
    page.click(f"#error-summary a[href='{region}']")
    assert focused(page, region)
    described = page.get_attribute(region, "aria-describedby").split()
    assert {"id_region_code_helptext", "id_region_code_error"} <= set(described)
    assert all(page.is_visible(f"#{id}") for id in described)
    assert page.input_value("#id_organisation") == "某某考证培训学校"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_is_completed_with_the_keyboard_alone(live_server, open_page, fuzhou, width):
    page = open_page(width=width)
    page.goto(f"{live_server.url}/")
    _press(page, 'a[href="/report/"]')
    tab_to(page, "#id_violation_type")
    choose_with_keys(page, "illegal_exams_fees")
    tab_to(page, "#id_organisation")
    page.keyboard.type("某某考证培训学校")
    tab_to(page, "#region-province")
    choose_with_keys(page, FUJIAN)
    tab_to(page, "#region-city")
    choose_with_keys(page, "350100")
    tab_to(page, "#region-county")
    choose_with_keys(page, GULOU)
    tab_to(page, "#id_description")
    page.keyboard.type("收费后承诺“包过”。")
    _press(page, NEXT)
    assert "鼓楼区" in page.inner_text(".check-answers")
    assert not Case.objects.exists()  # nothing is sent before the answers are checked
    _press(page, "#confirm-submit")
    code = page.inner_text("#receipt-code").strip()
    page.reload()
    assert page.inner_text("#receipt-code").strip() == code
    assert Case.objects.get().region_code == GULOU
    assert _asked_elsewhere(page, live_server) == []
    assert sideways(page) <= 0
