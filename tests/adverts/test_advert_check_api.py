"""POST /api/v1/advert-check/: the answer's shape, its findings, and bad input."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from adverts.serializers import AdvertCheckSerializer

from .conftest import check

pytestmark = pytest.mark.usefixtures("catalogue")

JOB = (
    "福州市海润财务咨询有限公司招聘出纳1名。工作内容：负责现金收付。任职要求：必须持有"
    "会计专业技术资格证书方可上岗。工作地点：福州市鼓楼区。月薪5000元。招聘截止2026年11月30日。"
)


def test_a_level_evaluation_certificate_said_to_be_required_is_a_finding_with_its_grounds(client):
    answer = check(client, JOB).json()
    (finding,) = answer["findings"]
    assert finding["code"] == "level_evaluation_as_precondition"
    assert finding["category"] == "certificate_demand"
    assert JOB[finding["start"] : finding["end"]] == finding["quote"] == "会计专业技术资格证书"
    assert finding["sentence"].startswith("任职要求：必须持有")
    assert finding["document"] == "人社部发〔2017〕68号"
    assert "目录之内除准入类职业资格外一律不得与就业创业挂钩" in finding["rule"]
    assert finding["confidence"] == "high"
    assert finding["certificate"]["verdict"] == "level_evaluation"
    assert finding["certificate"]["qualification"]["name"] == "会计专业技术资格"
    assert "12333" in finding["handled_by"]


def test_the_report_link_is_prefilled_with_type_organisation_certificate_region_and_sentence(
    client,
):
    (finding,) = check(client, JOB).json()["findings"]
    url = urlsplit(finding["report_url"])
    query = parse_qs(url.query)
    assert url.path == "/report/"
    assert query["type"] == ["level_tied_to_employment"]
    assert query["organisation"] == ["福州市海润财务咨询有限公司"]
    assert query["qualification_name"] == ["会计专业技术资格证书"]
    assert query["region"] == ["350100"]
    assert query["description"] == ["任职要求：必须持有会计专业技术资格证书方可上岗。"]
    form = client.get(finding["report_url"]).content.decode()
    assert "\n任职要求：必须持有会计专业技术资格证书方可上岗。</textarea>" in form
    assert 'value="福州市海润财务咨询有限公司"' in form
    assert 'value="level_tied_to_employment" selected' in form


def test_every_certificate_named_is_listed_with_its_verdict_and_how_it_is_asked_for(client):
    text = "招聘建筑施工员，须持有二级建造师证书，持有会计专业技术资格者优先。"
    certificates = check(client, text, "job").json()["certificates"]
    listed = {c["name"]: (c["check"]["verdict"], c["requirement"]) for c in certificates}
    assert listed == {
        "二级建造师证书": ("access", "required"),
        "会计专业技术资格": ("level_evaluation", "preferred"),
    }


def test_an_access_type_licence_required_to_work_is_fine_and_says_so(client):
    answer = check(client, "招聘护士5名，须取得护士执业证书，持证上岗。", "job").json()
    assert [f["code"] for f in answer["findings"]] == ["missing_required_elements"]
    (nurse,) = answer["certificates"]
    assert nurse["check"]["verdict"] == "access"
    assert "有效期" in nurse["note"]


def test_the_type_is_guessed_when_absent_and_kept_when_given(client):
    text = "零基础包拿证，学费1980元，报名从速。"
    assert check(client, text).json()["advert_type"] == "training"
    answer = check(client, text, "job").json()
    assert (answer["advert_type"], answer["guessed_type"]) == ("job", "training")


def test_the_answer_says_when_it_was_checked_and_on_which_data(client):
    answer = check(client, "包过！", "training").json()
    assert answer["checked_at"][:4].isdigit()
    assert len(answer["data_version"]) == 12


@pytest.mark.parametrize(
    "body, status",
    [
        ({"text": ""}, 400),
        ({"text": "   \n "}, 400),
        ({"text": "a\x00b"}, 400),
        ({"text": "招" * 20_001}, 400),
        ({"text": "招" * 1_000_000}, 413),
        ({"text": "\x01\x02\x03\x04" * 50}, 400),
        ({}, 400),
        ({"text": "包过", "advert_type": "leaflet"}, 400),
        ({"text": ["包过"]}, 400),
    ],
)
def test_bad_input_gets_a_clear_client_error(client, body, status):
    response = client.post(
        "/api/v1/advert-check/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == status
    assert response.json()


def test_a_body_that_is_not_json_gets_a_400(client):
    response = client.post(
        "/api/v1/advert-check/", b"\xff\xfe\x00\x81binary", content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


@override_settings(CERTIFICATE_CHECK_RATE="2/h")
def test_the_check_is_rate_limited_per_client(client):
    codes = [check(client, "包过", "training").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/advert-check/"]["post"]
    assert operation["operationId"] == "advert_check"
    answer = schema["components"]["schemas"]["AdvertCheck"]["properties"]
    assert {"findings", "certificates", "advert_type", "checked_at", "data_version"} <= set(answer)


def test_a_long_sentence_is_cut_around_its_quote_for_the_report_link(client):
    filler = "，".join(["工作认真负责"] * 80)
    text = f"招聘电工，{filler}，必须持有心理咨询师证书方可上岗，{filler}。"
    (finding,) = [f for f in check(client, text, "job").json()["findings"] if f["quote"]]
    (description,) = parse_qs(urlsplit(finding["report_url"]).query)["description"]
    assert len(finding["sentence"]) > 900
    assert len(description) <= 300 and "心理咨询师证书方可上岗" in description
    assert description.startswith("…") and description.endswith("…")
    assert len(finding["report_url"].encode()) < 8192  # the proxy's request-line buffer


def test_the_answer_is_exactly_what_its_documented_serializer_gives(client):
    """The view returns AdvertCheck.as_dict() unserialised (for speed): it must stay the
    schema's shape, field for field."""
    text = JOB + "包过！15天拿证。证书上加盖“中国职业技能认证中心”印章，学员须交押金500元。"
    answer = check(client, text).json()
    assert answer["findings"] and answer["certificates"]
    assert json.loads(json.dumps(AdvertCheckSerializer(answer).data)) == answer


def test_a_long_advert_costs_one_sql_query_once_the_catalogue_is_read(
    client, django_assert_num_queries
):
    """No query per sentence or per certificate: the catalogue's version, and nothing else."""
    text = "\n".join([JOB, "包过！15天拿证。学员须交押金500元。", "招聘保育员，持证上岗。"] * 30)
    check(client, text, "job")  # the first check reads the catalogue (the snapshot)
    with django_assert_num_queries(1):
        response = check(client, text, "job")
    assert len(response.json()["findings"]) >= 60
