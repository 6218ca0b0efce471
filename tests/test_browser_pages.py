"""Every public page in a real browser (Debian's chromium), in Chinese and English.

At 1280 and 390 px wide: nothing is requested from another host, nothing scrolls
sideways on a phone, and axe-core (installed from npm: `npm ci`) finds no serious or
critical violation. Then the certificate check and verification done with the keyboard
alone, a genuine number typed in lower case and without hyphens.
"""

import datetime
import json
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from catalogue.models import Qualification
from certificates.identity import identity_hmac
from certificates.models import IssuedCertificate
from certificates.numbers import certificate_number_normalise
from enforcement import services
from notices.models import Notice

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
SERIOUS = {"serious", "critical"}
LANGUAGES = {"zh-hans": "zh-CN", "en": "en-GB"}


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
        "/verify/",
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


def _axe(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


def _sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_is_local_fits_a_phone_and_passes_axe(
    live_server, portal, page_in, language
):
    page = page_in(language)
    problems: dict[str, list[str]] = {}
    for path in _public_pages(portal):
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        _visit(page, live_server, path)
        found = [f"axe at {WIDTHS[0]} px: {violation}" for violation in _axe(page)]
        page.set_viewport_size({"width": WIDTHS[1], "height": 900})
        if _sideways(page) > 0:
            found.append(f"scrolls sideways by {_sideways(page)} px at {WIDTHS[1]} px")
        header = page.evaluate("document.querySelector('.site-header').offsetHeight")
        if header > 900 * 0.25:
            found.append(f"the header takes {header} px of a 900 px phone screen")
        found += [f"axe at {WIDTHS[1]} px: {violation}" for violation in _axe(page)]
        found += [f"asked another host: {url}" for url in page.asked if _foreign(url, live_server)]
        if found:
            problems[path] = found
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{selector} has the focus but shows no outline"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_certificate_check_is_done_with_the_keyboard_alone(live_server, portal, page_in, width):
    page = page_in("zh-hans")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    _tab_to(page, 'a[href="/check/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    _tab_to(page, "#id_name")
    page.keyboard.type("注册会计师证书")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/?name=*")
    assert page.locator(".check-answer").get_attribute("data-verdict") == "access"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_genuine_number_typed_in_lower_case_is_verified_with_the_keyboard_alone(
    live_server, portal, page_in, width
):
    page = page_in("zh-hans")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    _tab_to(page, 'a[href="/verify/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/verify/")
    _tab_to(page, "#id_number")
    page.keyboard.type("cpa2020-000123")
    _tab_to(page, "#id_holder_name")
    page.keyboard.type("张伟")
    _tab_to(page, 'form[action^="/verify/"] button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    result = page.locator(".verify-result")
    assert result.get_attribute("data-outcome") == "valid"
    assert "证书真实有效" in result.inner_text()


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
