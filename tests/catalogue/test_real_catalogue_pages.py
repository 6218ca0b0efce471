"""The public pages over the real shipped catalogue, as `make run` loads it."""

import pytest

from catalogue.models import Qualification


def _names(response) -> list[str]:
    return [q.name for q in response.context["page"].object_list]


def test_home_page_shows_each_editions_completeness(client, catalogue):
    html = client.get("/").content.decode()
    assert "官方共 140 项；本站 140 行，其中官方或部分官方 1 / 140" in html
    assert "官方共 72 项；本站 72 行，其中官方或部分官方 16 / 72" in html


@pytest.mark.parametrize(("year", "count"), [("2017", 140), ("2021", 72)])
def test_list_of_an_edition_counts_its_items(client, catalogue, year, count):
    response = client.get("/catalogue/", {"edition": year})
    assert response.context["page"].paginator.count == count
    assert f"共找到 {count} 项职业资格" in response.content.decode()


@pytest.mark.parametrize("query", ["注册會計師", "注册会计师证书", "注册会计师"])
def test_a_new_user_finds_the_cpa_as_they_type_it(client, catalogue, query):
    assert _names(client.get("/catalogue/", {"q": query})) == ["注册会计师"]


@pytest.mark.parametrize("query", ["一级建造师执业证书", "二级建造师", "建造师（一级）"])
def test_search_ignores_the_level_printed_before_or_after_the_name(client, catalogue, query):
    assert _names(client.get("/catalogue/", {"q": query})) == ["建造师"]


def test_barista_shows_as_cancelled_in_2016(client, catalogue):
    barista = Qualification.objects.get(name="咖啡师")
    assert _names(client.get("/catalogue/", {"q": "咖啡师"})) == ["咖啡师"]
    html = client.get(f"/catalogue/{barista.pk}/").content.decode()
    assert "已退出目录或被取消" in html
    assert "2016-01-13" in html and "第5批" in html


def test_editions_page_shows_completeness_per_category_and_kind(client, catalogue):
    html = client.get("/editions/").content.decode()
    # official or partly official rows against the official totals (data/SOURCES.md)
    assert "1 / 140" in html and "1 / 36" in html and "0 / 76" in html
    assert "16 / 72" in html and "5 / 13" in html and "8 / 33" in html
    assert "人社部发〔2017〕68号" in html


def test_edition_page_lists_the_2021_items_in_their_official_order(client, catalogue):
    rows = client.get("/editions/2021/").context["rows"]
    assert len(rows) == 72
    assert [row.entry.name for row in rows[:4]] == [
        "教师资格",
        "法律职业资格",
        "中国委托公证人资格（香港、澳门）",
        "注册会计师",
    ]


def test_comparison_of_2017_and_2021_names_the_announced_changes(client, catalogue):
    response = client.get("/editions/compare/", {"from": "2017", "to": "2021"})
    changes = {(row.change, row.entry.name) for row in response.context["rows"]}
    assert {
        ("renamed", "专利代理师"),
        ("reclassified", "设备监理师"),
        ("removed", "出入境检疫处理人员资格"),
        ("added", "精算师"),
        ("sub_item_added", "职业病诊断医师"),
        ("sub_item_removed", "注册机械工程师"),
    } <= changes
    assert "水平评价类技能人员职业资格（73项）" in response.content.decode()


def test_list_page_query_count_is_fixed_on_the_real_catalogue(
    client, catalogue, django_assert_num_queries
):
    # editions (choices and value), count, page with its departments, aliases and
    # sub-items, entries, departments' choices
    with django_assert_num_queries(5):
        response = client.get("/catalogue/", {"edition": "2021"})
    assert len(response.context["page"].object_list) == 25


@pytest.mark.parametrize(
    "q, expected",
    [
        ("电工", "特种作业人员"),
        ("焊工证", "特种设备安全管理和作业人员"),
        ("茶艺师", "餐饮服务人员"),
    ],
)
def test_search_uses_the_certificate_checks_matcher(client, catalogue, q, expected):
    html = client.get("/catalogue/", {"q": q}).content.decode()
    assert "共找到 0 项" not in html
    assert expected in html
    assert "证书查验" in html


def test_a_search_for_a_name_that_left_shows_the_checks_answer(client, catalogue):
    html = client.get("/catalogue/", {"q": "心理咨询师"}).content.decode()
    assert 'data-verdict="retired"' in html and "2017-09-12" in html


def test_the_list_api_search_uses_the_same_matcher(client, catalogue):
    names = [
        r["name"] for r in client.get("/api/v1/qualifications/", {"q": "电工证"}).json()["results"]
    ]
    assert "特种作业人员" in names


def test_a_reconstructed_row_says_so_on_its_page(client, catalogue):
    from catalogue.models import Qualification

    q = Qualification.objects.get(name="餐饮服务人员")
    html = client.get(f"/catalogue/{q.pk}/").content.decode()
    assert "据公开资料重建，分组与名称为推断" in html
    assert "<details>" in html and "<dt>备注</dt>" not in html


def test_the_untitled_2021_row_displays_honestly(client, catalogue):
    from catalogue.models import EditionEntry

    entry = EditionEntry.objects.get(edition__year=2021, category="professional-technical", seq=30)
    html = client.get(f"/catalogue/{entry.qualification_id}/").content.decode()
    assert "名称不详" in html and "航空安全员" in html
    assert "名称不详" in client.get("/editions/2021/").content.decode()
