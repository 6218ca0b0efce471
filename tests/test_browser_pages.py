"""Every public page in a real browser (Debian's chromium), in Chinese and English.

At 1280 and 390 px wide: nothing is requested from another host, nothing scrolls
sideways on a phone, and axe-core (installed from npm: `npm ci`) finds no serious or
critical violation. Then the certificate check and verification done with the keyboard
alone, a genuine number typed in lower case and without hyphens.
"""

import datetime
import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from catalogue.models import Qualification
from certificates.identity import identity_hmac
from certificates.models import IssuedCertificate
from certificates.numbers import certificate_number_normalise
from certificates.verification import verification_token
from enforcement import services
from notices.models import Notice
from tests.browser import LANGUAGES, WIDTHS, axe_serious, in_first_screen, sideways, tab_to


@pytest.fixture
def portal(transactional_db):
    """The portal as `make run` fills it, plus one issued certificate and one report."""
    for command, *args in (
        ("load_authorities",),
        ("import_notice", "data/seeds/000_fc6201608e7ab29d.txt"),
        ("load_catalogue",),
    ):
        call_command(command, *args, stdout=StringIO())
    cpa = Qualification.objects.get(name="注册会计师")
    IssuedCertificate.objects.create(
        qualification=cpa,
        number=certificate_number_normalise("CPA-2020-000123"),
        holder_name="张伟",
        holder_identity_hmac=identity_hmac("11010519491231002X"),
        issuer="中国注册会计师协会",
        issued_on=datetime.date(2020, 5, 1),
    )
    services.report_submit(
        violation_type="forbidden_wording",
        organisation="某某职业技能评价协会",
        region_code="350102",
        description="证书上印有“国家职业资格”字样。",
    )
    return cpa


def _public_pages(cpa: Qualification) -> list[str]:
    notice = Notice.objects.get(doc_number="人社部发〔2017〕68号").get_absolute_url()
    return [
        "/",
        "/catalogue/",
        "/catalogue/?sort=department&kind=access",
        f"/catalogue/{cpa.pk}/",
        "/editions/",
        "/editions/2017/",
        "/editions/2021/",
        "/editions/compare/?from=2017&to=2021",
        "/check/",
        "/check/?name=注册会计师证书",
        "/check/?name=全国高级茶艺师职业资格证书&issuer=中华茶艺协会",
        "/check/bulk/",
        "/verify/",
        f"/verify/{verification_token(IssuedCertificate.objects.get())}/",
        "/advert-check/",
        "/notices/",
        notice,
        f"{notice}tree/",
        f"{notice}coverage/",
        "/report/",
        "/track/",
        "/statistics/",
        "/about/",
        "/privacy/",
        "/accessibility/",
        "/api/docs/",
    ]


@pytest.fixture
def page_in(browser, live_server):
    """A page in one language; CSP is bypassed only so that axe can be injected."""
    contexts = []

    def make(language: str):
        context = browser.new_context(locale=LANGUAGES[language], bypass_csp=True)
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


def _visit(page, live_server, path: str) -> None:
    """Open `path`, recording from here on every address the browser asks for."""
    page.asked.clear()
    page.goto(f"{live_server.url}{path}")


def _foreign(url: str, live_server) -> bool:
    return urlsplit(url).netloc not in (urlsplit(live_server.url).netloc, "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_is_local_fits_a_phone_and_passes_axe(
    live_server, portal, page_in, language
):
    page = page_in(language)
    problems: dict[str, list[str]] = {}
    for path in _public_pages(portal):
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        _visit(page, live_server, path)
        found = [f"axe at {WIDTHS[0]} px: {violation}" for violation in axe_serious(page)]
        page.set_viewport_size({"width": WIDTHS[1], "height": 900})
        if sideways(page) > 0:
            found.append(f"scrolls sideways by {sideways(page)} px at {WIDTHS[1]} px")
        header = page.evaluate("document.querySelector('.site-header').offsetHeight")
        if header > 900 * 0.25:
            found.append(f"the header takes {header} px of a 900 px phone screen")
        found += [f"axe at {WIDTHS[1]} px: {violation}" for violation in axe_serious(page)]
        found += [f"asked another host: {url}" for url in page.asked if _foreign(url, live_server)]
        if found:
            problems[path] = found
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_certificate_check_is_done_with_the_keyboard_alone(live_server, portal, page_in, width):
    page = page_in("zh-hans")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    tab_to(page, 'a[href="/check/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    tab_to(page, "#id_name")
    page.keyboard.type("注册会计师证书")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/?name=*")
    assert page.locator(".check-answer").get_attribute("data-verdict") == "access"
    # The answer comes first: in the title, above the form, on the first screen of a phone.
    verdict = "准入类国家职业资格：从事该职业依法须持证"
    assert page.title() == f"{verdict} · 证书名称查验 · 国家职业资格目录公共服务平台"
    assert page.inner_text(".check-answer .verdict") == verdict
    answer, form = (page.locator(s).bounding_box()["y"] for s in (".check-answer", ".check-form"))
    assert answer < form and in_first_screen(page, ".check-answer")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_genuine_number_typed_in_lower_case_is_verified_with_the_keyboard_alone(
    live_server, portal, page_in, width
):
    page = page_in("zh-hans")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    tab_to(page, 'a[href="/verify/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/verify/")
    tab_to(page, "#id_number")
    page.keyboard.type("cpa2020-000123")
    tab_to(page, "#id_holder_name")
    page.keyboard.type("张伟")
    tab_to(page, 'form[action^="/verify/"] button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    result = page.locator(".verify-result")
    assert result.get_attribute("data-outcome") == "valid"
    assert "证书真实有效" in result.inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_2017_notice_shows_its_attachment_the_catalogue_and_links_it(
    live_server, portal, page_in, width
):
    page = page_in("zh-hans")
    page.set_viewport_size({"width": width, "height": 900})
    notice = Notice.objects.get(doc_number="人社部发〔2017〕68号")
    page.goto(f"{live_server.url}{notice.get_absolute_url()}")
    attachment = page.locator("article.notice-doc ol.attachments a")
    assert attachment.inner_text() == "国家职业资格目录"
    assert sideways(page) <= 0
    attachment.click()
    page.wait_for_url(f"{live_server.url}/editions/2017/")
    assert page.locator("h1").inner_text() == "国家职业资格目录"
    assert "注册会计师" in page.inner_text("main")  # the catalogue itself, item by item


@pytest.mark.parametrize("width", WIDTHS)
def test_each_statistics_chart_is_explained_in_one_sentence_with_its_table_below(
    live_server, portal, page_in, width
):
    page = page_in("zh-hans")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/statistics/")
    charts = page.locator("figure.chart")
    assert charts.count() == 4
    for chart in charts.all():
        sentence = chart.locator(".chart-explain").inner_text()
        assert sentence.endswith("。") and sentence.count("。") == 1
        svg, table = chart.locator("svg.bar-chart"), chart.locator("table.chart-data")
        assert svg.is_visible() and table.is_visible()
        assert table.bounding_box()["y"] > svg.bounding_box()["y"]
        assert svg.get_attribute("aria-describedby") == chart.locator(
            ".chart-explain"
        ).get_attribute("id")
    # On a phone the table's rows stack, and each cell still says which column it is.
    first_cell = "figure.chart table.chart-data td"
    before = page.eval_on_selector(first_cell, "td => getComputedStyle(td, '::before').content")
    assert ("违规类型" in before) == (width == 390)
    assert sideways(page) <= 0


def test_the_language_switch_works_without_javascript_and_sets_no_token(
    live_server, portal, browser
):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/editions/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert not [c for c in context.cookies() if c["name"] == "csrftoken"]
    page.locator('.lang-switch button[lang="en"]').click()
    page.wait_for_url("**/editions/")
    assert page.get_attribute("html", "lang") == "en"
    page.locator('.lang-switch button[lang="zh-Hans"]').click()
    page.wait_for_url("**/editions/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    context.close()
