"""/api/v1/editions/ and the comparison of two editions."""

import pytest


def test_editions_list_official_totals(client, small_catalogue):
    data = client.get("/api/v1/editions/").json()
    assert [(e["year"], e["official_total"]) for e in data["results"]] == [(2021, 72), (2017, 140)]


def test_edition_detail_has_completeness_and_entries_in_order(client, small_catalogue):
    data = client.get("/api/v1/editions/2021/").json()
    total = data["completeness"][0]
    assert (total["held"], total["official"], total["rows"]) == (1, 72, 5)
    assert total["levels"]["official"] == 1 and total["levels"]["secondary"] == 4
    assert data["entries"][0]["name"] == "注册会计师"
    sub_item = next(e for e in data["entries"] if e["name"] == "注册结构工程师")
    assert sub_item["parent"] == small_catalogue.survey.pk


def test_unknown_edition_is_404(client, small_catalogue):
    assert client.get("/api/v1/editions/1999/").status_code == 404
    assert client.get("/api/v1/editions/abcd/").status_code == 404


def test_comparison_names_each_change(client, small_catalogue):
    response = client.get("/api/v1/editions/compare/", {"from": "2017", "to": "2021"})
    data = response.json()
    assert response.status_code == 200
    assert (data["older"], data["newer"]) == (2017, 2021)
    assert data["counts"] == {
        "added": 2, "removed": 1, "sub_item_removed": 1, "reclassified": 1, "renamed": 1
    }  # fmt: skip
    renamed = next(row for row in data["changes"] if row["change"] == "renamed")
    assert (renamed["before"]["name"], renamed["after"]["name"]) == ("注册设备监理师", "设备监理师")
    removed = next(row for row in data["changes"] if row["change"] == "sub_item_removed")
    assert removed["parent"] == small_catalogue.survey.pk and removed["after"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "from"),
        ({"from": "2017"}, "to"),
        ({"from": "2017", "to": "1999"}, "to"),
        ({"from": "x", "to": "2021"}, "from"),
        ({"from": "2021", "to": "2021"}, "non_field_errors"),
    ],
)
def test_bad_comparison_parameters_are_a_400_with_a_message(client, small_catalogue, params, field):
    response = client.get("/api/v1/editions/compare/", params)
    assert response.status_code == 400
    assert response.json()[field]
