"""certificate_check on real certificate names (research/certificates.md, data/) against the
real shipped catalogue: kinds, verdicts, validity, where to verify, warnings, options."""

import datetime

import pytest

from catalogue.models import Qualification
from certificates.checking import certificate_check

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
        ("法律职业资格证书", "法律职业资格"),
        ("执业药师资格证书", "执业药师"),
    ],
)
def test_access_type_qualifications_are_access_and_license_work(name, official):
    check = certificate_check(name=name)
    assert (check.verdict, check.certificate_kind) == ("access", "qualification")
    assert check.qualification.name == official
    assert check.licenses_work is True
    assert check.edition.year == 2021


@pytest.mark.parametrize(
    "name, official",
    [
        ("税务师", "税务师"),
        ("计算机技术与软件专业技术资格证书", "计算机技术与软件专业技术资格"),
        ("社会工作者职业资格证书", "社会工作者职业资格"),
        ("翻譯專業資格", "翻译专业资格"),
        ("精算师", "精算师"),
        ("注册设备监理师", "设备监理师"),  # access in 2017, level-evaluation in 2021
    ],
)
def test_level_evaluation_qualifications_do_not_license_work(name, official):
    check = certificate_check(name=name)
    assert check.verdict == "level_evaluation"
    assert check.qualification.name == official
    assert check.licenses_work is False
    assert "只有准入类职业资格才必须持证上岗" in check.reason


@pytest.mark.parametrize(
    "name, item",
    [
        ("电工特种作业操作证", "特种作业人员"),
        ("低压电工作业", "特种作业人员"),
        ("特种作业操作证（熔化焊接与热切割作业）", "特种作业人员"),
        ("中华人民共和国特种设备安全管理和作业人员证", "特种设备安全管理和作业人员"),
        ("建筑施工特种作业操作资格证书", "建筑施工特种作业人员"),
    ],
)
def test_ministry_licences_are_access_type_items_of_2021(name, item):
    check = certificate_check(name=name)
    assert (check.certificate_kind, check.verdict) == ("licence", "access")
    assert check.qualification.name == item and check.licenses_work is True


def test_the_special_equipment_licence_is_verified_at_samr_without_a_wording_flag():
    check = certificate_check(
        name="中华人民共和国特种设备安全管理和作业人员证", issuer="沈阳市市场监督管理局"
    )
    assert [s["url"] for s in check.verify_at] == ["http://cnse.samr.gov.cn"]
    assert not check.forbidden_wording


def test_the_special_operations_licence_is_verified_at_the_emergency_ministry():
    check = certificate_check(name="低压电工作业")
    assert check.verify_at[0]["url"] == "http://cx.mem.gov.cn"
    assert "身份证号" in check.verify_at[0]["what_to_enter"]


@pytest.mark.parametrize("name", ["电工证", "电工", "电工操作证", "焊工证"])
def test_colloquial_names_answer_with_every_certificate_they_may_mean(name):
    check = certificate_check(name=name)
    assert check.verdict == "uncertain" and check.question == "证书上印的是哪一种？"
    assert len(check.options) >= 2
    assert {o.licenses_work for o in check.options} == {True, False}
    licences = [o for o in check.options if o.licenses_work]
    assert all(o.catalogue_item is not None and o.verify_at for o in licences)


def test_picking_an_option_answers_for_that_certificate():
    option = certificate_check(name="电工证").options[0]
    picked = certificate_check(name=option.certificate)
    assert picked.certificate_kind == "licence" and picked.verdict == "access"


@pytest.mark.parametrize(
    "name", ["茶艺师", "中式烹调师", "健康管理师", "育婴员", "企业人力资源管理师"]
)
def test_skilled_level_evaluation_items_that_left_in_2020_are_retired_not_invalid(name):
    check = certificate_check(name=name)
    assert check.verdict == "retired" and check.licenses_work is False
    assert "继续有效" in check.validity["certificates_issued_before"]
    assert check.rests_on["verification"] in ("reconstructed", "secondary")


def test_a_2022_skilled_qualification_certificate_for_a_retired_item_is_suspect():
    check = certificate_check(name="茶艺师", issued_on=datetime.date(2022, 3, 1))
    assert check.validity["issued_while_listed"] is False
    assert [w.code for w in check.warnings] == ["issued_after_exit"]


def test_a_2018_certificate_for_the_same_item_was_issued_while_listed():
    check = certificate_check(name="茶艺师", issued_on=datetime.date(2018, 3, 1))
    assert check.validity["issued_while_listed"] is True and not check.warnings


def test_a_reconstructed_row_says_so():
    check = certificate_check(name="茶艺师")
    assert check.rests_on["reconstructed"] is True
    assert "据公开资料重建" in check.reason


@pytest.mark.parametrize(
    "name, left_on",
    [("心理咨询师", "2017-09-12"), ("会计从业资格证", "2017-11-05"), ("美甲师", None)],
)
def test_exits_known_from_the_data_are_retired_with_their_date(name, left_on):
    check = certificate_check(name=name)
    assert check.verdict == "retired" and check.qualification is None
    found = check.validity["left_on"]
    assert (found.isoformat() if found else None) == left_on


def test_a_cancelled_qualification_is_retired_with_its_batch_and_date():
    check = certificate_check(name="咖啡师证书")
    assert check.verdict == "retired"
    assert check.qualification.retirement_batch.number == 5
    assert check.qualification.retired_on.isoformat() == "2016-01-13"


def test_a_cancellation_without_a_known_date_is_still_retired():
    check = certificate_check(name="出入境检验检疫报检员资格")
    assert check.verdict == "retired" and check.validity["left_on"] is None
    assert "第2批" in check.reason


def test_a_qualification_dropped_in_2021_is_retired_and_was_in_2017():
    check = certificate_check(name="出入境检疫处理人员资格证")
    assert check.verdict == "retired"
    assert check.listed_in == [2017]


def test_the_cancelled_zhuce_shuiwushi_is_not_taken_for_the_listed_shuiwushi():
    assert certificate_check(name="注册税务师").verdict == "retired"


def test_kuangyequan_pinggushi_cancelled_in_2014_is_listed_again_in_2021():
    check = certificate_check(name="矿业权评估师")
    assert check.verdict == "level_evaluation"


@pytest.mark.parametrize("name", ["中级经济师", "人力资源管理师"])
def test_a_name_that_is_not_certain_is_uncertain_with_candidates(name):
    check = certificate_check(name=name)
    assert check.verdict == "uncertain" and check.question
    assert check.candidates and check.qualification is None
    assert check.licenses_work is None


@pytest.mark.parametrize("name", ["叉车证", "建筑电工", "起重机司机"])
def test_a_licence_like_name_the_data_cannot_rule_out_is_not_called_not_national(name):
    check = certificate_check(name=name)
    assert check.verdict == "uncertain"
    assert "特种作业人员" in [c.qualification.name for c in check.candidates]


def test_a_name_in_no_list_is_not_national_and_says_what_the_data_covers():
    check = certificate_check(name="元宇宙架构师")
    assert check.verdict == "not_national" and check.licenses_work is False
    assert "不能排除它曾是已取消的职业资格" in check.reason
    # "未列入2017年或2021年版目录" rests on both editions: each says how much is reconstructed.
    from catalogue.models import Edition, EditionEntry

    for edition in Edition.objects.all():
        items = EditionEntry.objects.filter(edition=edition, qualification__parent=None)
        rebuilt = items.filter(verification="reconstructed").count()
        assert (
            f"{edition.year}年版目录官方共{edition.official_total}项，"
            f"本站收录{items.count()}行（其中{rebuilt}行据公开资料重建）"
        ) in check.reason


def test_an_alias_makes_zhongji_jingjishi_match():
    Qualification.objects.get(name="经济专业技术资格").aliases.create(name="经济师")
    check = certificate_check(name="中级经济师")
    assert check.verdict == "level_evaluation"
    assert check.match_method == "alias"


def test_a_new_alias_is_matched_without_a_restart():
    # Before: a Latin-letter name the Chinese catalogue cannot rule out.
    assert certificate_check(name="CPA").verdict == "uncertain"
    Qualification.objects.get(name="注册会计师").aliases.create(name="CPA")
    assert certificate_check(name="ＣＰＡ").verdict == "access"


# ---- skill-level and special-ability certificates ------------------------------------


def test_a_skill_level_certificate_is_not_a_national_qualification_nor_a_licence():
    check = certificate_check(name="职业技能等级证书（茶艺师 四级）", issuer="某某茶业有限公司")
    assert (check.certificate_kind, check.verdict) == ("skill_level_certificate", "not_national")
    assert check.licenses_work is False
    assert "http://jndj.osta.org.cn" in [s["url"] for s in check.verify_at]
    assert not check.warnings


@pytest.mark.parametrize("name", ["职业技能等级证书（电工）", "焊工职业技能等级证书"])
def test_a_skill_level_certificate_cannot_replace_the_licence_the_work_needs(name):
    codes = [w.code for w in certificate_check(name=name).warnings]
    assert "skill_level_for_access_occupation" in codes


def test_a_skill_level_certificate_for_an_access_type_catalogue_occupation_is_flagged():
    check = certificate_check(name="职业技能等级证书（消防设施操作员）")
    assert "skill_level_for_access_occupation" in [w.code for w in check.warnings]


def test_a_skill_level_certificate_titled_otherwise_is_flagged():
    check = certificate_check(name="电工技能等级证")
    assert "skill_level_title" in [w.code for w in check.warnings]


def test_a_national_prefix_on_a_skill_level_certificate_is_forbidden_wording():
    check = certificate_check(name="国家职业技能等级证书（茶艺师）", issuer="某某茶业有限公司")
    assert check.forbidden_wording
    assert check.as_dict()["forbidden_words_in_name"] == ["国家"]


@pytest.mark.parametrize(
    "number, issued, problem",
    [
        ("S00032420250001", None, True),  # 15 characters, offered online as "genuine"
        ("Y000123000001195000001", datetime.date(2019, 8, 1), False),  # the rule's example
        ("S000023000001193000001", datetime.date(2018, 1, 1), True),  # year after issue
        ("S000023000001193000001", datetime.date(2019, 8, 1), False),
    ],
)
def test_the_number_structure_is_a_hint(number, issued, problem):
    check = certificate_check(name="职业技能等级证书（茶艺师）", number=number, issued_on=issued)
    assert ("number_structure" in [w.code for w in check.warnings]) is problem


def test_a_special_ability_certificate_is_one_skill_unit():
    check = certificate_check(name="专项职业能力证书（拉面制作）")
    assert (check.certificate_kind, check.verdict) == (
        "special_ability_certificate",
        "not_national",
    )
    assert check.licenses_work is False and not check.warnings


def test_a_special_ability_title_ending_like_an_occupation_is_flagged():
    check = certificate_check(name="专项职业能力证书（茶艺师）")
    assert [w.code for w in check.warnings] == ["special_ability_title"]


# ---- issuers and wording ---------------------------------------------------------------


def test_a_teacher_qualification_from_an_association_is_flagged():
    check = certificate_check(name="教师资格证", issuer="某某教育培训协会")
    assert check.verdict == "access"
    assert "issuer_not_department" in [w.code for w in check.warnings]


def test_a_teacher_qualification_from_an_education_authority_is_not_flagged():
    assert not certificate_check(name="教师资格证", issuer="福建省教育厅").warnings


def test_a_body_named_after_its_qualification_is_not_flagged():
    check = certificate_check(name="注册会计师", issuer="北京注册会计师协会")
    assert not check.warnings


def test_a_national_qualification_named_with_zhongguo_is_not_flagged():
    check = certificate_check(name="中国委托公证人资格", issuer="司法部")
    assert not check.forbidden_wording and not check.warnings


def test_forbidden_words_on_a_certificate_from_a_company_are_flagged():
    check = certificate_check(name="全国茶艺师职业资格证书", issuer="某茶文化发展中心")
    assert check.forbidden_wording
    assert check.as_dict()["forbidden_words_in_name"] == ["全国", "职业资格"]


def test_forbidden_words_in_the_issuers_name_are_flagged_too():
    check = certificate_check(name="高级茶艺师", issuer="中华茶艺协会")
    assert check.forbidden_wording
    assert check.as_dict()["forbidden_words_in_issuer"] == ["中华"]


def test_the_2022_words_are_flagged_for_non_government_issuers():
    check = certificate_check(name="岗位合格证书（项目管理）", issuer="某某管理咨询有限公司")
    assert check.forbidden_wording and check.verdict in ("not_national", "uncertain")


def test_a_certificate_without_forbidden_words_is_not_flagged():
    assert not certificate_check(name="茶艺师", issuer="某茶文化发展中心").forbidden_wording


# ---- where to verify -------------------------------------------------------------------


def test_professional_technical_certificates_are_verified_at_cpta_and_free():
    check = certificate_check(name="注册会计师")
    assert check.verify_at[0]["url"] == "http://www.cpta.com.cn"
    assert "查询免费" in check.as_dict()["verify_note"]


def test_this_portals_registry_comes_first_once_certificates_are_loaded(make_certificate):
    make_certificate()
    assert certificate_check(name="注册会计师").verify_at[0]["url"] == "/verify/"


def test_the_answer_carries_its_time_and_data_version():
    answer = certificate_check(name="注册会计师").as_dict()
    assert answer["checked_at"] and answer["data_version"].startswith("2")
