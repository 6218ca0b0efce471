"""The qualification page: what it is, who runs it, where it is listed, its history."""

import datetime
import re

from catalogue.models import Adjustment

from .factories import make_qualification


def _page(client, qualification) -> str:
    response = client.get(f"/catalogue/{qualification.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_page_explains_the_kind_in_plain_words(client, small_catalogue):
    html = _page(client, small_catalogue.cpa)
    assert "准入类" in html and "可以与就业创业挂钩" in html
    assert "专业技术人员职业资格" in html


def test_page_shows_departments_aliases_and_source_mark(client, small_catalogue):
    html = _page(client, small_catalogue.cpa)
    assert "财政部" in html and "CPA" in html
    assert "已核对官方目录" in html


def test_page_marks_an_unverified_qualification(client, small_catalogue):
    assert "未核对" in _page(client, small_catalogue.actuary)


def test_page_lists_sub_items_with_links(client, small_catalogue):
    survey = small_catalogue.survey
    html = _page(client, survey)
    for sub_item in survey.sub_items.all():
        assert f'href="/catalogue/{sub_item.pk}/">{sub_item.name}</a>' in html


def test_sub_item_page_names_its_item(client, small_catalogue):
    sub_item = small_catalogue.mechanical
    html = _page(client, sub_item)
    assert f'href="/catalogue/{small_catalogue.survey.pk}/">勘察设计注册工程师</a>' in html


def test_page_lists_each_edition_with_its_number_name_and_kind(client, small_catalogue):
    html = _page(client, small_catalogue.supervisor)
    listing = html.split("收录该职业资格的目录版本")[1]
    assert "注册设备监理师" in listing and "设备监理师" in listing
    assert listing.index("准入类") < listing.index("水平评价类")  # 2017 access, 2021 level
    assert 'href="/editions/2017/"' in listing and 'href="/editions/2021/"' in listing


def test_page_shows_the_edition_number(client, small_catalogue):
    listing = _page(client, small_catalogue.cpa).split("收录该职业资格的目录版本")[1]
    assert re.search(r"<td[^>]*>4</td>", listing)


def test_retired_qualification_says_when_by_what_and_why(client, small_catalogue):
    html = _page(client, small_catalogue.barista)
    assert "已退出目录或被取消" in html
    assert "2016-01-13" in html and "第5批" in html and "国务院取消" in html


def test_retired_qualification_names_its_successor(client, small_catalogue):
    successor = small_catalogue.actuary
    old = make_qualification(
        "旧精算资格",
        status="retired",
        retired_on=datetime.date(2021, 11, 23),
        retirement_document="国家职业资格目录（2021年版）",
        retirement_reason="更名",
        successor=successor,
        successor_equivalent=True,
    )
    html = _page(client, old)
    assert f'href="/catalogue/{successor.pk}/">精算师</a>' in html and "等效" in html
    assert "国家职业资格目录（2021年版）" in html
    assert f'href="/catalogue/{old.pk}/">旧精算资格</a>' in _page(client, successor)


def test_page_shows_the_adjustment_history(client, small_catalogue):
    c = small_catalogue
    Adjustment.objects.create(
        qualification=c.supervisor,
        action="reclassified",
        effective_on=datetime.date(2021, 11, 23),
        edition=c.e2021,
        reason="由准入类调整为水平评价类",
    )
    history = _page(client, c.supervisor).split("调整记录")[1]
    assert "2021-11-23" in history and "由准入类调整为水平评价类" in history


def test_page_of_unknown_qualification_is_404(client, db):
    assert client.get("/catalogue/999999/").status_code == 404
    assert client.get("/catalogue/99999999999999999999999/").status_code == 404


def test_page_query_count_is_fixed(client, small_catalogue, django_assert_num_queries):
    # qualification with parent, successor and batch, carrying departments, aliases and
    # sub-items (catalogue/listing.py); entries with editions, adjustments, predecessors
    with django_assert_num_queries(4):
        client.get(f"/catalogue/{small_catalogue.survey.pk}/")
