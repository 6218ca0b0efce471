"""Screenshots of the key pages' first screen, desktop (1280 px) and phone (390 px).

Run against a portal filled as `make run` fills it (plus one issued certificate
CPA2020000123 of 张伟 and a few reports), e.g. on http://127.0.0.1:8000:

    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8000
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
PAGES = {
    "home": "/",
    "catalogue": "/catalogue/",
    "check": "/check/?name=注册会计师证书",
    "verify-not-found": None,  # posted below
    "statistics": "/statistics/",
    "api-docs": "/api/docs/",
}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def report_without_javascript(browser, base: str) -> None:
    """The report's region in two steps on a phone without JavaScript: the provinces, then,
    after "Choose the city", that province's cities and counties, the other answers kept.
    In English: its words need no CJK font on the machine taking the pictures."""
    context = browser.new_context(
        locale="en-GB", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page = context.new_page()
    region = "document.querySelector('.field:has(#id_region_code)').scrollIntoView()"
    page.goto(f"{base}/report/")
    page.select_option("#id_violation_type", "forbidden_wording")
    page.fill("#id_organisation", "Example Skills Assessment Association")
    page.evaluate(region)
    page.screenshot(path=HERE / "report-nojs-province-phone.png")
    page.select_option("#id_region_code", "350000")
    page.click("button[name=step][value=region]")
    page.evaluate(region)
    page.screenshot(path=HERE / "report-nojs-city-phone.png")
    context.close()


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                locale="zh-CN", viewport={"width": width, "height": height}
            )
            page = context.new_page()
            for name, path in PAGES.items():
                if path is None:
                    page.goto(f"{base}/verify/")
                    page.fill("#id_number", "cpa-2020-999999")
                    page.fill("#id_holder_name", "张伟")
                    page.click('form[action^="/verify/"] button[type="submit"]')
                else:
                    page.goto(base + path)
                page.screenshot(path=HERE / f"{name}-{size}.png")
            context.close()
        report_without_javascript(browser, base)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
