"""adverts.certificates.check_certificate: the certificate check's answer in its new shape."""

import pytest

from adverts.certificates import check_certificate

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize(
    "name, verdict, licenses_work",
    [
        ("一级建造师证书", "access", True),
        ("会计专业技术资格（中级）", "level_evaluation", False),
        ("咖啡师证书", "retired", False),
        ("奶茶品鉴师证书", "not_national", False),
    ],
)
def test_verdicts_keep_their_names_and_say_whether_the_certificate_licenses_work(
    name, verdict, licenses_work
):
    answer = check_certificate(name)
    assert (answer["verdict"], answer["licenses_work"]) == (verdict, licenses_work)


def test_a_name_with_close_catalogue_names_but_no_certain_match_is_uncertain():
    answer = check_certificate("育婴师证书")
    assert answer["verdict"] == "uncertain"
    assert answer["licenses_work"] is None
    assert answer["candidates"] and answer["question"]
    assert {"qualification", "matched_name", "score"} <= set(answer["candidates"][0])


def test_a_colloquial_name_is_uncertain_with_its_meanings_from_the_data():
    answer = check_certificate("电工证")
    assert (answer["verdict"], answer["certificate_kind"]) == ("uncertain", "colloquial")
    meanings = {o["certificate"]: o["licenses_work"] for o in answer["options"]}
    assert meanings["职业技能等级证书（电工）"] is False
    assert any(meanings.values())


def test_forbidden_words_are_those_of_the_certificate_check():
    answer = check_certificate("全国高级茶艺师职业资格证书", "中华茶艺协会")
    assert answer["forbidden_wording"] is True
    assert answer["forbidden_words_in_name"] == ["全国", "职业资格"]
    # 茶艺师 left the catalogue in 2020 (data v2): the name is found, as retired.
    assert answer["verdict"] == "retired" and answer["qualification"]["name"] == "茶艺师"


def test_a_catalogue_qualification_is_named_with_its_page():
    answer = check_certificate("注册会计师证书")
    assert answer["certificate_kind"] == "qualification"
    assert answer["qualification"]["name"] == "注册会计师"
    assert answer["qualification"]["url"].startswith("/catalogue/")


def test_answers_are_copies_that_callers_may_change():
    check_certificate("注册会计师")["verdict"] = "changed"
    assert check_certificate("注册会计师")["verdict"] == "access"
