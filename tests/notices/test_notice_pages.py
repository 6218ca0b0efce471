"""Public notice pages: list and filters, detail with chain and tree, coverage; drafts hidden."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from notice_factories import make_notice

from notices.models import Notice


@pytest.mark.parametrize(
    "typed",
    ["闽人社文〔2017〕320号", "闽人社文[2017]320号", "闽人社文（２０１７）320号", "[2017]320"],
)
def test_the_list_finds_a_notice_by_number_in_any_bracket_form(client, chain, typed):
    response = client.get("/notices/", {"number": typed})
    assert [n.doc_number for n in response.context["page"]] == ["闽人社文〔2017〕320号"]


def test_the_list_filters_by_level_region_year_and_forwards_of(client, chain, guangzhou):
    origin, province, city = chain
    make_notice(guangzhou, doc_number="穗人社〔2018〕1号", issued_on=date(2018, 1, 5))

    def numbers(**params):
        return {n.doc_number for n in client.get("/notices/", params).context["page"]}

    assert numbers(level="municipal") == {city.doc_number, "穗人社〔2018〕1号"}
    assert numbers(region="350000") == {province.doc_number, city.doc_number}
    assert numbers(region="350100") == {city.doc_number}
    assert numbers(year="2018") == {"穗人社〔2018〕1号"}
    assert numbers(forwards_of=origin.pk) == {province.doc_number}
    assert numbers(issuer=province.issuer_id) == {province.doc_number}


def test_the_list_filters_by_disclosure(client, fujian):
    make_notice(fujian, doc_number="闽人社文〔2017〕1号", disclosure="public")
    make_notice(fujian, doc_number="闽人社文〔2017〕2号", disclosure="on-request")
    response = client.get("/notices/", {"disclosure": "on-request"})
    assert [n.doc_number for n in response.context["page"]] == ["闽人社文〔2017〕2号"]


def test_an_empty_search_says_so(client, chain):
    response = client.get("/notices/", {"number": "京人社〔2099〕1号"})
    assert "没有符合条件的通知" in response.content.decode()


def test_the_list_page_runs_a_fixed_number_of_queries(client, chain, guangzhou):
    for n in range(20):
        make_notice(guangzhou, doc_number=f"穗人社〔2018〕{n + 1}号")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/notices/").status_code == 200
    assert len(captured) == 3  # count, page, issuers offered by the filter form


def test_drafts_are_invisible_to_the_public(client, fujian):
    draft = make_notice(fujian, doc_number="闽人社文〔2017〕9号", published=False)
    assert draft.doc_number not in client.get("/notices/").content.decode()
    assert client.get(f"/notices/{draft.pk}/").status_code == 404
    assert client.get(f"/notices/{draft.pk}/tree/").status_code == 404
    assert client.get(f"/api/v1/notices/{draft.pk}/").status_code == 404
    assert draft.doc_number not in client.get("/api/v1/notices/").content.decode()
    assert draft.doc_number not in client.get("/notices/feed/").content.decode()


def test_a_draft_is_shown_to_its_own_authoritys_publisher(client, fujian, fujian_publisher):
    draft = make_notice(fujian, doc_number="闽人社文〔2017〕9号", published=False)
    client.force_login(fujian_publisher)
    assert client.get(f"/notices/{draft.pk}/").status_code == 200


def test_a_draft_is_hidden_from_another_authoritys_staff(client, fuzhou, guangzhou_officer):
    draft = make_notice(fuzhou, published=False)
    client.force_login(guangzhou_officer)
    assert client.get(f"/notices/{draft.pk}/").status_code == 404


def test_a_draft_forwarding_is_left_out_of_the_public_tree(client, chain, fuzhou):
    origin, _province, city = chain
    hidden = make_notice(fuzhou, doc_number="榕人社〔2018〕77号", forwards=city, published=False)
    body = client.get(f"/notices/{origin.pk}/tree/").content.decode()
    assert city.doc_number in body
    assert hidden.doc_number not in body


def test_the_notice_page_shows_the_chain_up_and_the_tree_down(client, chain):
    origin, province, city = chain
    body = client.get(f"/notices/{province.pk}/").content.decode()
    assert origin.doc_number in body  # chain up
    assert city.doc_number in body  # tree down
    assert "32 天后转发" in body  # Fujian 11-17 → Fuzhou 12-19


def test_the_tree_gives_the_days_of_each_hop(client, chain):
    origin, _province, _city = chain
    body = client.get(f"/notices/{origin.pk}/tree/").content.decode()
    assert "66 天后转发" in body  # ministry 09-12 → Fujian 11-17
    assert "32 天后转发" in body


def test_coverage_lists_the_divisions_below_the_issuer_and_what_is_on_record(
    client, chain, guangzhou
):
    origin, _province, _city = chain
    response = client.get(f"/notices/{origin.pk}/coverage/")
    rows = {row.code: row for row in response.context["coverage"].all_rows}
    assert len([r for r in rows.values() if r.level == "provincial"]) == 31
    assert rows["350000"].status == "forwarded" and rows["350000"].days == 66
    assert rows["350100"].status == "forwarded"  # 福州市
    assert rows["440000"].status == "no_record"  # 广东: nothing on record, not "not forwarded"
    page = response.content.decode()
    assert "无记录" in page and "2017-11-17 转发（66 天）" in page
    # Only the explanation under the heading says it: "无记录" is not "未转发".
    assert page.count("未转发") == 1 and "不表示该地区未转发" in page


@pytest.mark.parametrize("page", ["", "tree/", "coverage/"])
def test_tree_pages_run_a_fixed_number_of_queries_however_large_the_tree(client, chain, page):
    origin, province, city = chain
    for n in range(30):
        Notice.objects.create(
            issuer=city.issuer, forwards=city, title=f"第{n}件", status="published"
        )
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/notices/{origin.pk}/{page}").status_code == 200
    # The notice page also reads the catalogue editions the notice announces (attachments);
    # coverage reads the divisions.
    assert len(captured) <= (3 if page == "tree/" else 4)
