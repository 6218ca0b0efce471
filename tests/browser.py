"""Helpers of the real-browser tests: axe-core, sideways scroll, keyboard-only moves."""

import json
import re
from pathlib import Path

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
SERIOUS = {"serious", "critical"}
LANGUAGES = {"zh-hans": "zh-CN", "en": "en-GB"}


def axe_serious(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


def axe_serious_without_js(page, js_page) -> list[str]:
    """axe-core on what `page`, which runs no JavaScript, shows. axe needs timers, and a page
    without JavaScript fires none; so its DOM (<noscript> content included, as it parsed
    there) is served to `js_page` at the same address, scripts removed, and checked there."""
    html = page.evaluate("document.documentElement.outerHTML")
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    html = html.replace("<noscript>", "<div data-noscript>").replace("</noscript>", "</div>")
    body = "<!DOCTYPE html>" + html

    def serve(route):
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    js_page.set_viewport_size(page.viewport_size)
    js_page.route(page.url, serve)
    js_page.goto(page.url)
    js_page.unroute(page.url, serve)
    return axe_serious(js_page)


def sideways(page) -> int:
    """How far the page scrolls sideways (0 when it fits the window)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def focused(page, selector: str) -> bool:
    return page.evaluate(f"document.activeElement.matches({json.dumps(selector)})")


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{selector} has the focus but shows no outline"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def choose_with_keys(page, value: str) -> None:
    """Change the focused select to `value` with the arrow keys, as a keyboard user does."""
    index = page.evaluate(
        "v => Array.from(document.activeElement.options).findIndex(o => o.value === v)", value
    )
    assert index >= 0, f"{value} is not an option of the focused select"
    page.keyboard.press("Home")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == value


def in_first_screen(page, selector: str) -> bool:
    """The element's top is within the window without scrolling down."""
    return page.evaluate(
        f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top"
        " < window.innerHeight"
    )
