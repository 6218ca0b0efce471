"""Maintainers in a real browser: upload an official table, preview, submit it, and a second
maintainer publishes it; draft a change, then a second maintainer reviews and publishes it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from catalogue.models import Edition, EditionEntry, Qualification

from .maintenance_helpers import make_item

TABLE = (
    "序号,职业资格名称,实施部门（单位）,资格类别,设定依据,备注\n"
    "一、专业技术人员职业资格,,,,,\n"
    "4,注册会计师,财政部,准入类,《中华人民共和国注册会计师法》,\n"
    "5,数据安全工程师,人力资源社会保障部,水平评价类,,\n"
    "六,坏行,,,,\n"
)


def _sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill("pw-for-tests-only")
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()


@pytest.fixture
def edition(transactional_db):
    cpa = make_item()
    year = Edition.objects.create(
        year=2021,
        title="国家职业资格目录（2021年版）",
        official_total=72,
        announced_on=date(2021, 11, 23),
    )
    EditionEntry.objects.create(
        edition=year, qualification=cpa, seq=4, name=cpa.name, category=cpa.category, kind=cpa.kind
    )
    return year


def test_upload_preview_submit_then_a_second_maintainer_publishes_an_official_table(
    live_server, page, browser, edition, maintainer, second_maintainer
):
    _sign_in(page, live_server, maintainer)
    page.goto(f"{live_server.url}/admin/catalogue/edition/")
    page.get_by_role("link", name="载入官方目录表").click()
    page.get_by_label("目录版本").select_option(label=edition.title)
    page.get_by_label("官方目录表的文件").fill("人社部发〔2021〕附件")
    page.get_by_label("官方目录表（CSV 或 XLSX）").set_input_files(
        {"name": "2021.csv", "mimeType": "text/csv", "buffer": TABLE.encode()}
    )
    page.get_by_role("button", name="预览").click()

    expect(page.locator(".preview-counts")).to_contain_text("新增 1 · 修改 1")
    expect(page.locator("table.unreadable")).to_contain_text("序号“六”不是数字")
    expect(page.locator("tr.verdict-add")).to_contain_text("数据安全工程师")
    assert not Qualification.objects.filter(name="数据安全工程师").exists()

    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".messagelist")).to_contain_text("已提交审核")
    assert not Qualification.objects.filter(name="数据安全工程师").exists()

    second_context = browser.new_context(locale="zh-CN")
    reviewer = second_context.new_page()
    _sign_in(reviewer, live_server, second_maintainer)
    reviewer.goto(f"{live_server.url}/admin/catalogue/tablechangeset/")
    reviewer.get_by_role("link", name="查看与审核").click()
    expect(reviewer.locator("tr.verdict-add")).to_contain_text("数据安全工程师")
    reviewer.get_by_label("我已核对：该文件是人力资源社会保障部公布的官方目录表").check()
    reviewer.get_by_role("button", name="审核发布").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("已审核发布")
    second_context.close()
    assert Qualification.objects.get(name="数据安全工程师").verified
    cpa = Qualification.objects.get(name="注册会计师")
    assert [d.name for d in cpa.departments.all()] == ["财政部"]


def test_draft_then_a_second_maintainer_reviews_and_publishes(
    live_server, page, browser, transactional_db, maintainer, second_maintainer
):
    cpa = make_item()
    _sign_in(page, live_server, maintainer)
    page.goto(f"{live_server.url}/admin/catalogue/qualification/{cpa.pk}/change/")
    page.get_by_role("link", name="起草更名").click()
    # The admin labels its fields with a trailing colon: find them by id.
    page.locator("#id_name").fill("注册会计师（2030年版）")
    page.locator("#id_reason").fill("经专家评估论证并报国务院批准更名")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Qualification.objects.get(pk=cpa.pk).name == "注册会计师"

    second_context = browser.new_context(locale="zh-CN")
    reviewer = second_context.new_page()
    _sign_in(reviewer, live_server, second_maintainer)
    reviewer.goto(f"{live_server.url}/admin/catalogue/draftadjustment/?status__exact=draft")
    expect(reviewer.locator("#result_list")).to_contain_text("注册会计师")
    reviewer.locator("#result_list tbody a").first.click()
    reviewer.get_by_role("link", name="审核并发布").click()
    expect(reviewer.locator("tr.changed")).to_contain_text("注册会计师（2030年版）")
    reviewer.locator("#id_document").fill("国函〔2030〕1号")
    reviewer.locator("#id_approved_on").fill("2030-01-15")
    reviewer.get_by_role("button", name="发布").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("已发布")

    reviewer.goto(f"{live_server.url}/catalogue/{cpa.pk}/")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("注册会计师（2030年版）")
    expect(reviewer.locator("ol.timeline")).to_contain_text("国函〔2030〕1号")
    log = Qualification.objects.get(pk=cpa.pk).adjustments.get()
    assert (log.drafted_by, log.published_by) == (maintainer, second_maintainer)
    second_context.close()
