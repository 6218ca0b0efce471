"""What the certificate check learned from names it had never seen (corpus/names-round2.json):
an uncertain match stays uncertain with its candidates, and a gap in the data is said."""

import pytest
from django.utils import translation

from certificates.checking import certificate_check

pytestmark = pytest.mark.usefixtures("catalogue")


def candidate_names(check) -> list[str]:
    return [c.qualification.name for c in check.candidates]


@pytest.mark.parametrize(
    "typed, meant", [("中式烹饪师证", "中式烹调师"), ("注册会记师", "注册会计师")]
)
def test_a_name_a_character_off_is_a_candidate_not_a_verdict(typed, meant):
    check = certificate_check(name=typed)
    assert check.verdict == "uncertain"
    assert check.qualification is None
    assert candidate_names(check) == [meant]


@pytest.mark.parametrize("name", ["律师执业证书", "公职律师证书", "律师资格证"])
def test_a_profession_whose_law_an_item_rests_on_is_never_not_national(name):
    check = certificate_check(name=name)
    assert check.verdict == "uncertain"
    assert "法律职业资格" in candidate_names(check)
    assert "《中华人民共和国律师法》" in check.reason


def test_a_profession_no_law_names_is_still_not_national():
    assert certificate_check(name="风水师证").verdict == "not_national"


def test_a_latin_class_mark_after_the_title_is_read_past():
    check = certificate_check(name="法律职业资格证书A证")
    assert (check.verdict, check.qualification.name) == ("access", "法律职业资格")


def test_a_certification_of_a_qualification_names_it():
    check = certificate_check(name="育婴员职业资格认证")
    assert (check.verdict, check.qualification.name) == ("retired", "育婴员")


def test_an_organisations_certification_is_still_not_national():
    assert certificate_check(name="皮肤管理师认证").verdict == "not_national"


@pytest.mark.parametrize("name", ["建筑施工特种操作资格证", "建筑施工特种作业操作证"])
def test_the_construction_licence_is_read_from_its_own_words(name):
    check = certificate_check(name=name)
    assert (check.verdict, check.certificate_kind) == ("access", "licence")
    assert check.qualification.name == "建筑施工特种作业人员"


def test_a_title_like_name_outside_the_data_says_what_the_data_does_not_list():
    check = certificate_check(name="主管护师")
    assert check.verdict == "not_national"
    assert "卫生专业技术资格" in check.reason
    assert "本站数据没有列出这些级别和专业的名称" in check.reason
    assert "级别" not in certificate_check(name="风水证").reason


def test_english_reasons_have_a_space_between_sentences():
    with translation.override("en"):
        reasons = [certificate_check(name=n).reason for n in ("主管护师", "中式烹饪师证")]
    for reason in reasons:
        assert ".O" not in reason and ".T" not in reason and ".(" not in reason, reason
    assert "If this is the name of a grade or speciality of" in reasons[0]
