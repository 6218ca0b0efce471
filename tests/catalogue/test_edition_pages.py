"""Editions, one edition's entries, and the comparison of two editions."""

import pytest


def test_editions_page_shows_completeness_against_official_totals(client, small_catalogue):
    response = client.get("/editions/")
    html = response.content.decode()
    assert response.status_code == 200
    # official (or partly official) rows against the official totals, never rows counted
    assert "1 / 140" in html and "1 / 72" in html
    # per category and kind only where the official figures exist
    assert "1 / 36" in html  # 2017 professional-technical access
    assert "0 / 81" in html and "0 / 13" in html  # skilled totals


def test_editions_page_shows_the_announcing_document(client, small_catalogue):
    c = small_catalogue
    c.e2017.announcing_document = "人社部发〔2017〕68号"
    c.e2017.save()
    html = client.get("/editions/").content.decode()
    assert "人社部发〔2017〕68号" in html and 'href="/editions/compare/"' in html


def test_edition_page_lists_entries_in_order_with_sub_items(client, small_catalogue):
    response = client.get("/editions/2021/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[0].entry.name == "注册会计师"  # the only numbered entry comes first
    survey = next(row for row in rows if row.entry.name == "勘察设计注册工程师")
    assert [e.name for e in survey.sub_entries] == ["注册结构工程师"]
    assert "注册结构工程师" not in [row.entry.name for row in rows]


def test_unknown_edition_is_404(client, small_catalogue):
    assert client.get("/editions/1999/").status_code == 404
    assert client.get("/editions/99999999999999/").status_code == 404


def test_compare_page_names_each_change(client, small_catalogue):
    response = client.get("/editions/compare/", {"from": "2017", "to": "2021"})
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("新增", "退出", "删除子项", "调整类型或类别", "更名"):
        assert f'<span class="badge change">{label}</span>' in html
    assert "勘察设计注册工程师 的子项" in html


def test_compare_page_without_parameters_compares_the_latest_two(client, small_catalogue):
    response = client.get("/editions/compare/")
    assert response.status_code == 200
    assert (response.context["older"].year, response.context["newer"].year) == (2017, 2021)


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2017"},
        {"from": "2017", "to": "1999"},
        {"from": "abc", "to": "2021"},
        {"from": "2021", "to": "2021"},
        {"from": "9" * 5000, "to": "2021"},
    ],
)
def test_compare_page_with_bad_editions_is_a_400_with_the_error(client, small_catalogue, params):
    response = client.get("/editions/compare/", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_compare_page_with_no_editions_loaded_shows_the_form(client, db):
    assert client.get("/editions/compare/").status_code == 200
