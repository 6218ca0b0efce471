"""A real browser forwards the ministry's notice as a provincial publisher."""

from django.core.cache import cache

from notices.models import Notice


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/?next=/notices/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/notices/")


def test_a_publisher_forwards_a_notice_in_the_browser(page, live_server, chain, fujian_publisher):
    cache.clear()
    origin, _province, _city = chain
    _log_in(page, live_server, fujian_publisher.username)
    page.goto(f"{live_server.url}/notices/{origin.pk}/")
    page.get_by_role("link", name="转发此通知").click()
    title = page.get_by_label("标题")
    assert title.input_value() == (
        "福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )
    assert "各设区市" in page.get_by_label("主送").input_value()
    page.get_by_label("文号").fill("闽人社文[2018]1号")
    page.get_by_label("成文日期").fill("2018-01-10")
    page.get_by_label("立即发布").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=转发的通知")
    forwarded = Notice.objects.get(doc_number="闽人社文〔2018〕1号")
    assert page.url == f"{live_server.url}/notices/{forwarded.pk}/"
    assert forwarded.forwards == origin
    assert forwarded.is_published
    assert page.get_by_role("link", name=str(origin)).count() >= 1


def test_a_publisher_pastes_a_document_corrects_the_preview_and_saves_it(
    page, live_server, fujian_publisher
):
    cache.clear()
    text = (
        "福建省人力资源和社会保障厅文件\n\n闽人社文〔2018〕7号\n\n"
        "关于转发\n人力资源社会保障部关于公布国家职业资格目录的通知\n\n"
        "各设区市人力资源和社会保障局：\n"
        "　　现将《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）"
        "转发给你们，请认真贯彻执行。\n\n"
        "二〇一八年一月十日\n"
    )
    _log_in(page, live_server, fujian_publisher.username)
    page.get_by_role("link", name="导入文件").click()
    page.get_by_label("粘贴文件全文").fill(text)
    page.get_by_role("button", name="读取并预览").click()
    notice = page.get_by_test_id("chain-notice").first
    assert notice.locator("[data-field=doc_number] input").input_value() == "闽人社文〔2018〕7号"
    # Signed by no name: the issuer is read from the red head, so it is marked for checking.
    issuer = notice.locator("[data-field=issuer]")
    assert issuer.get_attribute("data-uncertain") == "1"
    assert issuer.locator("input").input_value() == "福建省人力资源和社会保障厅"
    assert notice.locator("[data-field=issued_on] input").input_value() == "2018-01-10"
    notice.locator("[data-field=recipients] input").fill(
        "各设区市人力资源和社会保障局，平潭综合实验区"
    )
    page.get_by_role("button", name="确认并保存").click()
    page.wait_for_selector("text=文件信息")
    saved = Notice.objects.get(doc_number="闽人社文〔2018〕7号")
    assert page.url == f"{live_server.url}/notices/{saved.pk}/"
    assert saved.recipients == "各设区市人力资源和社会保障局，平潭综合实验区"
    assert saved.forwards_doc_number == "人社部发〔2017〕68号"
    assert saved.body.startswith("现将《人力资源社会保障部")
