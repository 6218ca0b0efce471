"""Home page, catalogue list, its filters, pagination and exports."""

import csv
import io
import json

import pytest

from .factories import make_edition, make_entry, make_qualification


def _names(response) -> list[str]:
    return [q.name for q in response.context["page"].object_list]


def test_home_page_has_search_kinds_editions_check_and_report(client, small_catalogue):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/catalogue/"' in html and 'name="q"' in html
    assert "准入类" in html and "水平评价类" in html
    assert "不得作为就业创业的前置条件" in html
    assert 'href="/editions/2017/"' in html and 'href="/editions/2021/"' in html
    assert 'href="/check/"' in html and 'href="/report/"' in html


def test_home_page_shows_each_editions_completeness(client, small_catalogue):
    html = client.get("/").content.decode()
    # Completeness by verification level: only 注册会计师 is official in the small catalogue.
    assert "1 / 140" in html and "1 / 72" in html
    assert "本站 4 行" in html and "本站 5 行" in html  # rows, 2017 and 2021


def test_home_page_renders_in_english(client, small_catalogue):
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_list_shows_items_not_sub_items(client, small_catalogue):
    response = client.get("/catalogue/")
    assert response.status_code == 200
    assert "注册结构工程师" not in _names(response)
    assert response.context["page"].paginator.count == 7


def test_listed_items_come_before_retired_ones(client, small_catalogue):
    assert _names(client.get("/catalogue/"))[-1] == "咖啡师"


@pytest.mark.parametrize(
    "query", ["注册会计师", "注册會計師", "注册会计师证书", "ＣＰＡ", "cpa", " 注册 会计师 "]
)
def test_search_finds_a_name_as_people_type_it(client, small_catalogue, query):
    assert _names(client.get("/catalogue/", {"q": query})) == ["注册会计师"]


def test_search_finds_an_item_by_its_sub_item(client, small_catalogue):
    assert _names(client.get("/catalogue/", {"q": "注册结构工程师"})) == ["勘察设计注册工程师"]


def test_search_finds_a_retired_qualification(client, small_catalogue):
    html = client.get("/catalogue/", {"q": "咖啡师"}).content.decode()
    assert "咖啡师" in html and "已退出或取消 2016-01-13" in html


def test_search_that_finds_nothing_points_to_the_certificate_check(client, small_catalogue):
    html = client.get("/catalogue/", {"q": "国际注册茶艺大师"}).content.decode()
    assert "可能不是国家职业资格" in html
    assert 'href="/check/?name=%E5%9B%BD%E9%99%85' in html


def test_search_of_only_punctuation_finds_nothing(client, small_catalogue):
    assert _names(client.get("/catalogue/", {"q": "！？"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"edition": "2017"},
            {"注册会计师", "勘察设计注册工程师", "设备监理师", "出入境检疫处理人员资格"},
        ),
        ({"edition": "2021", "kind": "level-evaluation"}, {"设备监理师", "精算师"}),
        ({"edition": "2017", "kind": "level-evaluation"}, set()),
        ({"edition": "2017", "kind": "access", "q": "设备监理"}, {"设备监理师"}),
        ({"category": "skilled"}, {"道路运输从业人员", "咖啡师"}),
        ({"category": "skilled", "edition": "2021"}, {"道路运输从业人员"}),
        ({"status": "retired"}, {"咖啡师"}),
        ({"kind": "access", "status": "listed", "q": "资格"}, {"出入境检疫处理人员资格"}),
    ],
)
def test_filters_narrow_the_list(client, small_catalogue, params, expected):
    assert set(_names(client.get("/catalogue/", params))) == expected


def test_department_filter_narrows_the_list(client, small_catalogue):
    department = small_catalogue.cpa.departments.get()
    response = client.get("/catalogue/", {"department": department.pk})
    assert _names(response) == ["注册会计师"]


def test_a_nul_byte_in_the_query_string_is_refused(client, small_catalogue):
    assert client.get("/catalogue/", {"q": "a\x00b"}).status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"edition": "1999"},
        {"edition": "abc"},
        {"edition": "9" * 30},
        {"kind": "licence"},
        {"category": "<script>"},
        {"department": "x"},
        {"department": "9" * 30},
        {"status": "deleted"},
        {"q": "注" * 5000},
    ],
)
def test_unknown_filter_values_show_an_error_and_nothing(client, small_catalogue, params):
    response = client.get("/catalogue/", params)
    assert response.status_code == 200
    assert _names(response) == []
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5", "9" * 5000, ""])
def test_malformed_or_out_of_range_page_shows_the_first(client, db, page):
    edition = make_edition(2021)
    for n in range(30):
        make_entry(edition, make_qualification(f"资格{n:02d}"))
    response = client.get("/catalogue/", {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_second_page_keeps_the_filters(client, db):
    edition = make_edition(2021)
    for n in range(30):
        make_entry(edition, make_qualification(f"资格{n:02d}"))
    response = client.get("/catalogue/", {"edition": "2021", "page": "2"})
    assert _names(response) == [f"资格{n:02d}" for n in range(25, 30)]
    assert "edition=2021&amp;page=1" in response.content.decode()


def test_list_marks_unverified_rows(client, small_catalogue):
    html = client.get("/catalogue/", {"q": "精算师"}).content.decode()
    assert "未核对" in html
    html = client.get("/catalogue/", {"q": "注册会计师"}).content.decode()
    assert "未核对" not in html.split("<tbody>")[1].split("</tbody>")[0]


def test_list_page_query_count_does_not_grow_with_rows(client, db, django_assert_num_queries):
    editions = [make_edition(2017), make_edition(2021)]
    for n in range(25):
        item = make_qualification(
            f"资格{n:02d}",
            departments=(f"部门{n}", "人力资源社会保障部"),
            aliases=(f"别名{n}",),
            sub_items=(f"子项{n}a", f"子项{n}b"),
        )
        for edition in editions:
            make_entry(edition, item)
    # the editions (read once, for the choices and the filter's value), count, page
    # (carrying departments, aliases and sub-items: catalogue/listing.py), entries with
    # editions, and the departments' choice list
    with django_assert_num_queries(5):
        response = client.get("/catalogue/", {"edition": "2021"})
    assert len(response.context["page"].object_list) == 25


def test_csv_export_honours_the_filters(client, small_catalogue):
    response = client.get("/catalogue/export.csv", {"edition": "2021", "kind": "access"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["name"] for row in rows} == {"注册会计师", "勘察设计注册工程师", "道路运输从业人员"}
    cpa = next(row for row in rows if row["name"] == "注册会计师")
    assert (cpa["departments"], cpa["editions"], cpa["verified"]) == (
        "财政部",
        "2017；2021",
        "True",
    )


def test_json_export_honours_the_search(client, small_catalogue):
    response = client.get("/catalogue/export.json", {"q": "注册會計師"})
    data = json.loads(response.content)
    assert data["count"] == 1
    assert data["results"][0]["aliases"] == ["CPA"]
    assert data["results"][0]["editions"] == [2017, 2021]


def test_export_of_unknown_filter_values_is_a_400_with_a_message(client, small_catalogue):
    response = client.get("/catalogue/export.json", {"kind": "licence"})
    assert response.status_code == 400
    assert "kind" in response.content.decode()


def test_list_page_links_to_exports_with_its_filters(client, small_catalogue):
    html = client.get("/catalogue/", {"edition": "2021"}).content.decode()
    assert 'href="/catalogue/export.csv?edition=2021"' in html
    assert 'href="/catalogue/export.json?edition=2021"' in html
