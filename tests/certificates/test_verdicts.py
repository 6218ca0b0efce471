"""Verdicts on real certificate names against the real shipped catalogue."""

import pytest

from catalogue.models import Qualification
from certificates.verdicts import Verdict, VerifyAt, certificate_check

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize(
    "name, official",
    [
        ("一级建造师", "建造师"),
        ("二级建造师执业资格证书", "建造师"),
        ("注册会计师证书", "注册会计师"),
        ("教師資格證", "教师资格"),
        ("导游证", "导游资格"),
        ("护士执业证书", "护士执业资格"),
        ("中国委托公证人资格（香港、澳门）", "中国委托公证人资格（香港、澳门）"),
        ("专利代理人", "专利代理师"),
        ("执业医师资格证", "医师"),
        ("注册结构工程师", "注册结构工程师"),
        ("特种作业人员", "特种作业人员"),
    ],
)
def test_access_type_names_get_the_access_verdict(name, official):
    check = certificate_check(name=name)
    assert check.verdict == Verdict.ACCESS
    assert check.qualification.name == official
    assert check.edition.year == 2021


@pytest.mark.parametrize(
    "name, official",
    [
        ("税务师", "税务师"),
        ("计算机技术与软件专业技术资格证书", "计算机技术与软件专业技术资格"),
        ("社会工作者职业资格证书", "社会工作者职业资格"),
        ("翻譯專業資格", "翻译专业资格"),
        ("精算师", "精算师"),
        # Access-type in 2017, level-evaluation in 2021 under its new name.
        ("注册设备监理师", "设备监理师"),
    ],
)
def test_level_evaluation_names_get_the_level_evaluation_verdict(name, official):
    check = certificate_check(name=name)
    assert check.verdict == Verdict.LEVEL_EVALUATION
    assert check.qualification.name == official


def test_a_cancelled_qualification_is_retired_with_its_batch_and_date():
    check = certificate_check(name="咖啡师证书")
    assert check.verdict == Verdict.RETIRED
    assert check.qualification.retirement_batch.number == 5
    assert check.qualification.retired_on.isoformat() == "2016-01-13"


def test_a_qualification_dropped_in_2021_is_retired_and_was_in_2017():
    check = certificate_check(name="出入境检疫处理人员资格证")
    assert check.verdict == Verdict.RETIRED
    assert check.listed_in == [2017]


def test_a_dropped_sub_item_is_retired_though_its_item_is_listed():
    check = certificate_check(name="注册冶金工程师")
    assert check.verdict == Verdict.RETIRED
    assert check.qualification.parent.name == "勘察设计注册工程师"


def test_the_cancelled_zhuce_shuiwushi_is_not_taken_for_the_listed_shuiwushi():
    assert certificate_check(name="注册税务师").verdict == Verdict.RETIRED


@pytest.mark.parametrize(
    "name", ["国际注册心理咨询师", "茶艺师", "心理咨询师", "人力资源管理师", "健康管理师", "育婴师"]
)
def test_names_outside_the_catalogue_are_not_national(name):
    check = certificate_check(name=name)
    assert check.verdict == Verdict.NOT_NATIONAL
    assert check.qualification is None


def test_an_uncertain_name_shows_candidates_instead_of_a_guess():
    check = certificate_check(name="中级经济师")
    assert check.verdict == Verdict.NOT_NATIONAL
    assert "经济专业技术资格" in [c.qualification.name for c in check.candidates]


def test_an_alias_in_the_data_makes_zhongji_jingjishi_match():
    Qualification.objects.get(name="经济专业技术资格").aliases.create(name="经济师")
    check = certificate_check(name="中级经济师")
    assert check.verdict == Verdict.LEVEL_EVALUATION
    assert check.match.method == "alias"


def test_a_national_qualification_named_with_zhongguo_is_not_flagged():
    check = certificate_check(name="中国委托公证人资格", issuer="司法部")
    assert check.wording.in_name == ["中国"]
    assert not check.forbidden_wording


def test_a_not_national_certificate_with_forbidden_words_in_its_name_is_flagged():
    check = certificate_check(name="全国茶艺师职业资格证书", issuer="某茶文化发展中心")
    assert check.forbidden_wording
    assert check.wording.in_name == ["全国", "职业资格"]


def test_forbidden_words_in_the_issuers_name_are_flagged_too():
    check = certificate_check(name="高级茶艺师", issuer="中华茶艺协会")
    assert check.forbidden_wording
    assert check.wording.in_issuer == ["中华"]


def test_a_not_national_certificate_without_forbidden_words_is_not_flagged():
    assert not certificate_check(name="茶艺师", issuer="某茶文化发展中心").forbidden_wording


def test_where_to_verify_names_the_department_our_data_holds():
    check = certificate_check(name="注册会计师")
    assert check.verify_at == VerifyAt.DEPARTMENT
    assert check.departments == ["财政部"]


def test_where_to_verify_stays_generic_when_our_data_names_no_department():
    assert certificate_check(name="建造师").verify_at == VerifyAt.UNKNOWN


def test_where_to_verify_is_this_portals_registry_once_certificates_are_loaded(
    make_certificate,
):
    make_certificate()
    assert certificate_check(name="注册会计师").verify_at == VerifyAt.REGISTRY


def test_a_new_alias_is_matched_without_a_restart():
    assert certificate_check(name="CPA").verdict == Verdict.NOT_NATIONAL
    Qualification.objects.get(name="注册会计师").aliases.create(name="CPA")
    assert certificate_check(name="ＣＰＡ").verdict == Verdict.ACCESS
