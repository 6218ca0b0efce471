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
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
