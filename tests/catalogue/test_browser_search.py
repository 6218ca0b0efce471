"""A citizen types a traditional-character name on the home page and opens the result."""

import re

from playwright.sync_api import expect

from catalogue.models import Qualification


def test_search_from_home_page_then_open_the_qualification(live_server, page, live_catalogue):
    cpa = Qualification.objects.get(name="注册会计师")

    page.goto(live_server.url + "/")
    page.get_by_label("查询职业资格（名称、别名或证书上的名称）").fill("注册會計師")
    page.get_by_role("button", name="查询").click()

    expect(page).to_have_url(re.compile(r"/catalogue/\?q="))
    expect(page.locator(".result-count")).to_contain_text("共找到 1 项职业资格")
    page.get_by_role("link", name="注册会计师", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/catalogue/{cpa.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("注册会计师")
    expect(page.locator("dl.facts").first).to_contain_text("财政部")
    expect(page.locator("dl.facts").first).to_contain_text("中华人民共和国注册会计师法")
