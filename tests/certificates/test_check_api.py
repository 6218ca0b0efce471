"""GET /api/v1/certificate-check/: the contract other systems rely on."""

import pytest
from conftest import check

from catalogue.models import Qualification

pytestmark = pytest.mark.usefixtures("catalogue")


def test_an_access_type_name_answers_access_with_its_qualification_and_edition(client):
    body = check(client, "一级建造师")
    pk = Qualification.objects.get(name="建造师").pk
    assert body["verdict"] == "access"
    assert body["forbidden_wording"] is False
    assert body["qualification"]["id"] == pk
    assert body["qualification"]["url"] == f"/catalogue/{pk}/"
    assert body["edition"]["year"] == 2021
    assert body["certain"] is True
    assert body["candidates"] == []


def test_a_level_evaluation_name_answers_level_evaluation(client):
    assert check(client, "税务师")["verdict"] == "level_evaluation"


def test_a_retired_name_answers_when_and_by_what(client):
    body = check(client, "咖啡师")
    assert body["verdict"] == "retired"
    assert body["qualification"]["retired_on"] == "2016-01-13"
    assert body["qualification"]["retirement_batch"]["number"] == 5
    assert "第5批" in body["reason"]


def test_a_not_national_name_with_forbidden_words_cites_rule_6_and_the_report_form(client):
    body = check(client, "全国茶艺师职业资格证书", issuer="中华茶人联谊会")
    assert body["verdict"] == "not_national"
    assert body["qualification"] is None
    assert body["forbidden_wording"] is True
    assert body["forbidden_words_in_issuer"] == ["中华"]
    assert body["rule"]["document"] == "人社部发〔2017〕68号"
    assert body["report_url"].startswith("/report/?type=forbidden_wording&organisation=")


def test_zhongguo_weituo_gongzhengren_is_not_flagged(client):
    body = check(client, "中国委托公证人资格（香港、澳门）")
    assert body["verdict"] == "access"
    assert body["forbidden_wording"] is False
    assert body["report_url"] is None


def test_an_uncertain_name_lists_candidates(client):
    body = check(client, "会计从业资格证")
    assert body["verdict"] == "not_national"
    assert body["certain"] is False
    names = [c["qualification"]["name"] for c in body["candidates"]]
    assert "会计专业技术资格" in names


def test_a_missing_name_is_a_400_naming_the_field(client):
    response = client.get("/api/v1/certificate-check/")
    assert response.status_code == 400
    assert "name" in response.json()


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/certificate-check/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"name", "issuer"}
    assert "/api/v1/certificate-verifications/" in schema["paths"]


def test_a_check_takes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    check(client, "一级建造师")  # builds the name index once
    with django_assert_max_num_queries(10):
        check(client, "注册结构工程师")
    with django_assert_max_num_queries(10):
        check(client, "会计从业资格证")


def test_an_old_name_is_explained_as_the_old_name_of_the_current_one(client):
    body = check(client, "专利代理人")
    assert body["verdict"] == "access"
    assert body["match_method"] in ("alias", "edition_name")
    assert body["reason"].startswith("“专利代理人”是目录中“专利代理师”的别名或旧称。")
