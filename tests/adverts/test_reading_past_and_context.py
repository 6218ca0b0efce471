"""How the check reads what an advert says of the past, of a law, and of who pays (round 4)."""

import pytest

from adverts.checking import advert_check
from adverts.spans import find_mentions
from catalogue.text import fold_keeping_offsets as fold

pytestmark = pytest.mark.usefixtures("catalogue")


def _codes(text: str, advert_type: str) -> set[str]:
    return {f.code for f in advert_check(text=text, advert_type=advert_type).findings}


def test_a_level_in_brackets_stays_inside_the_certificate_name():
    text = "考取心理咨询师(中级/高级)职业资格证书。"
    assert [m.name for m in find_mentions(text, fold(text))] == [
        "心理咨询师(中级/高级)职业资格证书"
    ]


def test_a_number_of_qualifications_is_not_a_certificate():
    text = "国务院取消多项职业资格许可和认定事项。"
    assert find_mentions(text, fold(text)) == []


def test_what_was_is_not_what_is_offered():
    past = (
        "2017年以前：存在由原人力资源和社会保障部组织考试的“国家心理咨询师职业资格证书”。"
        "2017年之后：人社部停止了该项全国统一考试，其证书不再颁发。"
    )
    assert _codes(past, "training") == set()


def test_a_sentence_that_comes_back_to_the_present_is_judged():
    assert {"certificate_in_days", "guaranteed_pass"} <= _codes(
        "以前考证很难，现在30天拿证，包过。", "training"
    )
    assert "guaranteed_pass" in _codes("此前已有上千名学员通过，本期包过。", "training")


def test_a_cancelled_qualification_still_sold_is_found():
    codes = _codes("心理咨询师证书不再需要考试，交钱即可拿证，全国通用。", "training")
    assert {"cancelled_qualification_offered", "national_claim"} <= codes


def test_a_precondition_a_named_law_sets_is_not_the_adverts_claim():
    text = "根据《保安服务管理条例》规定，保安员必须持有保安员证方可上岗。"
    assert not {f.category for f in advert_check(text=text, advert_type="training").findings} & {
        "certificate_demand"
    }
    assert "retired_as_precondition" in _codes("招聘育婴员，必须持有育婴员证书方可上岗。", "job")


def test_training_the_employer_pays_for_is_not_a_front():
    assert "job_sells_training" not in _codes("入职前需参加岗前培训，培训费用由公司承担。", "job")
    assert "job_sells_training" in _codes(
        "入职要先进行就业培训，培训费用以助学贷款的形式从工资里扣除。", "job"
    )


def test_a_course_filling_the_gap_is_a_front_only_beside_a_fee():
    assert "job_sells_training" not in _codes(
        "新员工可通过公司培训课程提升技能，月薪6000元。", "job"
    )
    codes = _codes("你的不足可以通过我们公司的培训课程弥补，通过网贷支付培训费。", "job")
    assert {"job_sells_training", "fee_before_hiring"} <= codes


def test_instalments_in_a_training_advert_are_a_loan_only_beside_a_job_promise():
    assert "training_loan" not in _codes("学费可分期每月支付500元。", "training")
    assert {"training_loan", "training_sold_with_a_job"} <= _codes(
        "0元入学，分期每月支付500元，学完包找工作。", "training"
    )


def test_a_fee_threshold_is_not_an_entry_threshold():
    assert "anyone_can_enrol" not in _codes("营养师培训，学费零门槛，结业颁发证书。", "training")
    assert "anyone_can_enrol" in _codes("营养师培训，零门槛，结业颁发证书。", "training")


def test_a_state_recognised_diploma_is_no_national_claim():
    assert "national_claim" not in _codes("报名条件：具有国家承认的大专及以上学历。", "training")
    assert "national_claim" in _codes("结业颁发国家承认的茶艺师证书。", "training")


def test_an_exam_moved_to_a_third_party_is_not_the_state_qualification_sold():
    text = "2017年之后，心理咨询师考试就转移到了第三方机构。心理咨询师证书比较好考。"
    assert "cancelled_qualification_offered" not in _codes(text, "training")


def test_any_fee_asked_first_is_a_fee():
    assert "fee_before_hiring" in _codes("招聘网络客服，兼职，要先交马甲费、会费。", "job")


def test_where_jobs_are_found_and_the_police_do_not_make_a_job_or_public_advert():
    from adverts.checking import advert_type_guess
    from adverts.findings import AdvertType

    assert advert_type_guess(fold("可通过招聘网站求职。必须考取电工证，这是基本要求。")) == (
        AdvertType.TRAINING
    )
    assert advert_type_guess(fold("保安员证到期前需向公安机关申请，参加考试。")) == (
        AdvertType.TRAINING
    )
    assert advert_type_guess(fold("市人社局所属事业单位公开招聘工作人员，机关岗位。")) == (
        AdvertType.PUBLIC_RECRUITMENT
    )
