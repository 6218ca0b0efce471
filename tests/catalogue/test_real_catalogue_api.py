"""API v1 over the real shipped catalogue."""

import pytest


@pytest.mark.parametrize(("year", "count"), [("2017", 140), ("2021", 72)])
def test_qualifications_of_an_edition_are_counted(client, catalogue, year, count):
    assert client.get("/api/v1/qualifications/", {"edition": year}).json()["count"] == count


@pytest.mark.parametrize("query", ["注册會計師", "注册会计师证书"])
def test_search_finds_the_cpa(client, catalogue, query):
    results = client.get("/api/v1/qualifications/", {"q": query}).json()["results"]
    assert [row["name"] for row in results] == ["注册会计师"]


def test_barista_is_retired_in_2016(client, catalogue):
    (row,) = client.get("/api/v1/qualifications/", {"q": "咖啡师"}).json()["results"]
    assert (row["status"], row["retired_on"]) == ("retired", "2016-01-13")


def test_comparison_lists_the_group_removal(client, catalogue):
    data = client.get("/api/v1/editions/compare/", {"from": "2017", "to": "2021"}).json()
    (group,) = data["group_changes"]
    assert (group["action"], group["edition"]) == ("group_removed", 2021)
    assert group["group"] == "水平评价类技能人员职业资格（73项）"
    assert data["counts"]["renamed"] >= 4


def test_edition_completeness_is_served(client, catalogue):
    total = client.get("/api/v1/editions/2017/").json()["completeness"][0]
    assert (total["held"], total["official"], total["rows"]) == (1, 140, 140)
    assert total["levels"] == {
        "official": 0,
        "official-partial": 1,
        "secondary-corroborated": 38,
        "secondary": 19,
        "reconstructed": 82,
    }


def test_list_api_query_count_is_fixed_on_the_real_catalogue(
    client, catalogue, django_assert_num_queries
):
    # edition, count, page with its departments, aliases and sub-items, entries
    with django_assert_num_queries(4):
        response = client.get("/api/v1/qualifications/", {"edition": "2021"})
    assert len(response.json()["results"]) == 50
