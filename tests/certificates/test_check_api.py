"""GET /api/v1/certificate-check/: the contract other systems rely on."""

from datetime import datetime

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


def test_forbidden_words_from_a_non_government_issuer_cite_the_rule_and_the_report_form(client):
    body = check(client, "全国茶艺师职业资格证书", issuer="中华茶人联谊会")
    assert body["verdict"] == "retired"  # 茶艺师 left the catalogue in 2020
    assert body["forbidden_wording"] is True
    assert body["forbidden_words_in_name"] == ["全国", "职业资格"]
    assert body["forbidden_words_in_issuer"] == ["中华"]
    assert body["rule"]["document"].startswith("人社部发〔2017〕68号")
    warning = next(w for w in body["warnings"] if w["code"] == "forbidden_wording")
    assert warning["rule"] == body["rule"]["document"] and warning["source"]
    assert body["report_url"].startswith("/report/?type=forbidden_wording&organisation=")


def test_zhongguo_weituo_gongzhengren_is_not_flagged(client):
    body = check(client, "中国委托公证人资格（香港、澳门）")
    assert body["verdict"] == "access"
    assert body["forbidden_wording"] is False
    assert body["report_url"] is None


def test_an_uncertain_name_lists_candidates_and_the_question(client):
    body = check(client, "中级经济师")
    assert body["verdict"] == "uncertain"
    assert body["certain"] is False and body["licenses_work"] is None
    assert body["question"]
    names = [c["qualification"]["name"] for c in body["candidates"]]
    assert "经济专业技术资格" in names


def test_a_missing_name_is_a_400_naming_the_field(client):
    response = client.get("/api/v1/certificate-check/")
    assert response.status_code == 400
    assert "name" in response.json()


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/certificate-check/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"name", "issuer"}
    assert "/api/v1/certificate-verifications/" in schema["paths"]


@pytest.mark.parametrize(
    "name", ["注册结构工程师", "会计从业资格证", "电工证", "中级经济师", "职业技能等级证书（电工）"]
)
def test_a_check_takes_at_most_five_queries(client, django_assert_max_num_queries, name):
    check(client, "一级建造师")  # builds the snapshot once per catalogue version
    with django_assert_max_num_queries(5):
        check(client, name)


def test_the_snapshot_is_built_once_per_catalogue_version(client):
    from certificates.snapshot import snapshot

    first = snapshot()
    assert snapshot() is first
    Qualification.objects.get(name="注册会计师").aliases.create(name="CPA")
    assert snapshot() is not first


def test_an_old_name_is_explained_as_the_old_name_of_the_current_one(client):
    body = check(client, "专利代理人")
    assert body["verdict"] == "access"
    assert body["match_method"] in ("alias", "edition_name")
    assert body["reason"].startswith("“专利代理人”是目录中“专利代理师”的别名或旧称。")


def test_the_new_fields_are_all_there(client):
    body = client.get(
        "/api/v1/certificate-check/",
        {"name": "茶艺师", "issuer": "某茶艺协会", "issued_on": "2022-01-10", "number": "X1"},
    ).json()
    for key in ("verdict", "forbidden_wording", "qualification", "candidates"):
        assert key in body  # the fields it always had
    assert body["certificate_kind"] == "qualification" and body["verdict"] == "retired"
    assert body["licenses_work"] is False
    assert body["validity"]["issued_while_listed"] is False
    assert {w["code"] for w in body["warnings"]} >= {"issued_after_exit"}
    assert all(set(w) == {"code", "message", "rule", "source"} for w in body["warnings"])
    assert all(set(v) == {"name", "url", "what_to_enter"} for v in body["verify_at"])
    assert body["options"] == [] and body["checked_at"] and body["data_version"]
    assert body["rests_on"]["reconstructed"] is True


def test_a_colloquial_name_answers_with_options(client):
    body = check(client, "焊工证")
    assert body["verdict"] == "uncertain" and body["question"] == "证书上印的是哪一种？"
    keys = {
        "certificate",
        "issued_by",
        "licenses_work",
        "catalogue_item",
        "verify_at",
        "verification",
    }
    assert all(set(o) == keys for o in body["options"])
    licences = [o for o in body["options"] if o["licenses_work"]]
    assert {o["catalogue_item"]["name"] for o in licences} == {
        "特种作业人员",
        "特种设备安全管理和作业人员",
        "建筑施工特种作业人员",
    }


def test_the_new_fields_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/certificate-check/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"name", "issuer", "issued_on", "number"}
    fields = schema["components"]["schemas"]["CertificateCheck"]["properties"]
    assert set(fields) >= {
        "certificate_kind",
        "licenses_work",
        "verify_at",
        "warnings",
        "options",
        "checked_at",
        "data_version",
    }
    assert "/api/v1/certificate-check/bulk/" in schema["paths"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 100_000}, "name"),
        ({"name": "电工证", "issued_on": "2022-13-45"}, "issued_on"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, params, field):
    response = client.get("/api/v1/certificate-check/", params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("params", [{"name": "电工\x00证"}, {"name": "电工证", "issuer": "a\x00"}])
def test_a_nul_byte_in_any_field_is_a_400_before_the_check_runs(client, params):
    response = client.get("/api/v1/certificate-check/", params)
    assert response.status_code == 400 and "NUL" in response.json()["detail"]


def test_the_api_payload_is_the_service_result(client):
    from certificates.checking import certificate_check

    body = check(client, "一级建造师")
    expected = certificate_check(name="一级建造师").as_dict()
    assert {k: v for k, v in body.items() if k != "checked_at"} == {
        k: v for k, v in expected.items() if k != "checked_at"
    }


@pytest.mark.parametrize("name", ["茶艺师", "电工证", "全国茶艺师职业资格证书", "中级经济师"])
def test_the_hand_built_payload_is_what_the_schema_serializer_gives(name):
    from certificates.checking import certificate_check
    from certificates.serializers import CertificateCheckSerializer

    result = certificate_check(name=name, issuer="中华茶人联谊会", number="S1")
    assert result.as_dict() == CertificateCheckSerializer(result).data


@pytest.mark.parametrize("accept", ["text/html", "text/csv", "application/json"])
def test_the_answer_and_its_errors_are_json_whatever_the_client_accepts(client, accept):
    answer = client.get("/api/v1/certificate-check/", {"name": "电工证"}, HTTP_ACCEPT=accept)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer.json()["verdict"] == "uncertain"
    error = client.get("/api/v1/certificate-check/", HTTP_ACCEPT=accept)
    assert error.status_code == 400 and "name" in error.json()


def test_a_remembered_answer_is_the_same_answer_with_a_fresh_time(client):
    first, second = check(client, "一级建造师"), check(client, "一级建造师")
    moment = datetime.fromisoformat
    assert moment(second["checked_at"]) > moment(first["checked_at"])
    assert {**second, "checked_at": None} == {**first, "checked_at": None}


def test_answers_are_remembered_per_language(client):
    chinese = check(client, "国际注册茶艺大师")
    english = client.get(
        "/api/v1/certificate-check/", {"name": "国际注册茶艺大师"}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert chinese["verdict"] == english["verdict"] and chinese["reason"] != english["reason"]
    assert check(client, "国际注册茶艺大师")["reason"] == chinese["reason"]


@pytest.mark.parametrize(
    "query",
    [
        "name=电工证",
        "name=+%E3%80%80一级建造师%E3%80%80+&issuer=+中国建造师协会+&number=+A1+",
        "name=x&issuer=+&number=",
        "name=x&bench=1-2",
        "name=a&name=b",
        "name=" + "长" * 200,
        "name=" + "长" * 201,
        "name=x&issuer=" + "长" * 201,
        "name=x&number=" + "1" * 65,
        "name=x&issued_on=2020-01-31",
        "name=x&issued_on=",
        "name=x&issued_on=2020-02-30",
        "name=",
        "name=++%E3%80%80",
        "",
        "issuer=x",
        "name=x%00y",
    ],
)
def test_the_light_reading_of_a_query_is_the_forms(query):
    from django.http import QueryDict

    from certificates.forms import CheckQueryForm, light_check_query

    params = QueryDict(query)
    form = CheckQueryForm(params)
    light = light_check_query(params)
    if light is not None:
        assert form.is_valid() and light == form.cleaned_data
    elif form.is_valid():  # left to the form: only a date, which it parses
        assert params.get("issued_on")
