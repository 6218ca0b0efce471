from enforcement.models import Action
from enforcement.services import case_transition

from .conftest import TIANHE_GUANGZHOU, submit


def _cases(fujian_officer):
    first, _ = submit()
    submit(violation_type="revived")
    submit(region_code=TIANHE_GUANGZHOU)
    case_transition(case=first, actor=fujian_officer, action=Action.ACCEPT)


def _counts(rows):
    return {row["key"]: row["count"] for row in rows if row["count"]}


def test_the_api_counts_by_type_region_status_and_month(client, fuzhou, guangzhou, fujian_officer):
    _cases(fujian_officer)
    body = client.get("/api/v1/reports/statistics/").json()
    assert body["total"] == 3
    assert _counts(body["by_type"]) == {"forbidden_wording": 2, "revived": 1}
    assert _counts(body["by_region"]) == {"350000": 2, "440000": 1}
    assert {r["key"]: r["label"] for r in body["by_region"]}["350000"] == "福建省"
    assert _counts(body["by_status"]) == {"received": 2, "assigned": 1}
    assert sum(row["count"] for row in body["by_month"]) == 3


def test_statistics_can_be_filtered_by_type(client, fuzhou, guangzhou, fujian_officer):
    _cases(fujian_officer)
    body = client.get("/api/v1/reports/statistics/", {"violation_type": "revived"}).json()
    assert body["total"] == 1


def test_a_bad_filter_is_a_400(client, db):
    response = client.get("/api/v1/reports/statistics/", {"year": "soon"})
    assert response.status_code == 400 and "year" in response.json()


def test_the_page_draws_charts_without_any_script(client, fuzhou, guangzhou, fujian_officer):
    _cases(fujian_officer)
    html = client.get("/statistics/").content.decode()
    assert html.count("<svg") == 4 and "<script" not in html
    assert "福建省" in html and "共收到举报 3 件" in html


def test_the_page_says_when_there_is_nothing_to_count(client, db):
    assert "所选范围内没有举报" in client.get("/statistics/").content.decode()


def test_the_page_costs_a_fixed_number_of_queries(client, fuzhou, guangzhou, fujian_officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _cases(fujian_officer)
    with CaptureQueriesContext(connection) as queries:
        client.get("/statistics/")
    assert len(queries) == 5  # total, then one per breakdown


def test_each_chart_is_explained_in_one_sentence_with_its_table_below(
    client, fuzhou, guangzhou, fujian_officer
):
    _cases(fujian_officer)
    html = client.get("/statistics/").content.decode()
    figures = html.split('<figure class="chart">')[1:]
    assert len(figures) == 4
    for figure in figures:
        explain = figure.split('<p class="chart-explain" id="')[1]
        anchor, sentence = explain.split('">', 1)
        assert f'aria-describedby="{anchor}"' in figure
        assert sentence.split("</p>")[0].count("。") == 1
        assert figure.index("<svg") < figure.index('<table class="stack chart-data">')
