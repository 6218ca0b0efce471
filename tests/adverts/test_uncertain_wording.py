"""Rule 6 on a certificate the check cannot name: judged only where it holds whichever it is."""

import pytest

from adverts.checking import advert_check

pytestmark = pytest.mark.usefixtures("catalogue")


def _wording(text: str, advert_type: str) -> list:
    result = advert_check(text=text, advert_type=advert_type)
    return [f for f in result.findings if f.category == "forbidden_wording"]


def test_a_name_close_only_to_exited_qualifications_is_judged_with_medium_confidence():
    text = "本中心开设营养师周末班，学完颁发《国家高级营养师职业资格证书》。"
    result = advert_check(text=text, advert_type="training")
    (certificate,) = result.certificates
    assert certificate.verdict == "uncertain"
    assert certificate.check["national_candidates"] == []
    assert "公共营养师" in certificate.check["retired_candidates"]
    (finding,) = [f for f in result.findings if f.category == "forbidden_wording"]
    assert finding.confidence == "medium"
    assert finding.quote == "国家高级营养师职业资格证书"
    assert "公共营养师" in finding.message and "无法确定" in finding.message
    selling = [f.code for f in result.findings if f.category == "certificate_selling"]
    assert "exited_qualification_certificate_offered" in selling


def test_a_job_advert_asking_for_such_a_name_is_not_judged():
    # A genuine certificate issued before the exit carries these words lawfully.
    text = "招聘营养顾问2名，持有国家二级公共营养师证书者优先。"
    assert _wording(text, "job") == []


def test_a_generic_national_name_is_judged_only_beside_a_non_government_issuer():
    by_institute = "学员考试合格后由华夏职业能力研究院颁发全国职业资格证书。"
    (finding,) = _wording(by_institute, "training")
    assert finding.confidence == "medium" and "华夏职业能力研究院" in finding.message
    # No issuer named and no candidate: it may be a genuine national certificate.
    assert _wording("考试合格颁发全国职业资格证书。", "training") == []


def test_the_seal_of_a_non_government_body_names_the_issuer():
    text = "学员获得注册职业资格证书，证书上加盖“JYPC全国职业资格考试认证中心”印章。"
    result = advert_check(text=text, advert_type="training")
    (certificate,) = result.certificates
    assert certificate.issuer == "JYPC全国职业资格考试认证中心"
    quotes = {f.quote for f in result.findings if f.category == "forbidden_wording"}
    assert quotes == {"注册职业资格证书", "JYPC全国职业资格考试认证中心"}


def test_a_precondition_on_a_name_close_only_to_exited_qualifications_is_a_medium_finding():
    text = "任职要求：身体健康，要求持有育婴师证书，持证上岗。"
    result = advert_check(text=text, advert_type="job")
    (finding,) = [f for f in result.findings if f.category == "certificate_demand"]
    assert finding.quote == "育婴师证书" and finding.confidence == "medium"
    assert "育婴员" in finding.message
    preferred = "任职要求：身体健康，持有育婴师证书者优先。"
    demands = advert_check(text=preferred, advert_type="job").findings
    assert [f for f in demands if f.category == "certificate_demand"] == []


def test_a_tender_condition_on_a_name_close_only_to_a_cancelled_one_is_a_finding():
    text = "招标代理机构应当拥有3名以上取得招标职业资格的专职招标业务人员。"
    result = advert_check(text=text, advert_type="procurement")
    (finding,) = [f for f in result.findings if f.category == "certificate_demand"]
    assert finding.code == "public_condition_exited" and "招标师" in finding.message


def test_a_name_with_a_current_candidate_is_never_judged_as_a_precondition():
    # 家政服务员 may be close to a licence item: the portal cannot say it is not one.
    text = "招聘家政人员，必须持有家政服务员证，持证上岗。"
    result = advert_check(text=text, advert_type="job")
    assert [f for f in result.findings if f.category == "certificate_demand"] == []


def test_a_claim_reported_only_to_be_rejected_is_not_a_finding():
    denial = "不存在一个由教育部或人社部直接颁发、全国通用的“家庭教育指导师”资格证书。"
    warning = "任何声称能够颁发“国家承认”的“家庭教育指导师职业资格证书”的说法，均与现行政策不符。"
    for text in (denial, warning):
        assert advert_check(text=text, advert_type="training").findings == []
    # The same claim made, not rejected, is judged.
    claim = "本机构颁发“国家承认”的家庭教育指导师职业资格证书。"
    assert advert_check(text=claim, advert_type="training").findings != []


def test_a_denial_reaches_no_further_than_its_clause():
    text = "本班没有任何门槛，不存在学不会的问题，30天拿证。"
    codes = [f.code for f in advert_check(text=text, advert_type="training").findings]
    assert "certificate_in_days" in codes


def test_a_job_advert_may_ask_for_a_former_national_certificate_by_its_title():
    text = "本公司招聘营养顾问，要求持有公共营养师国家职业资格证书（二级），证书须在有效期内。"
    result = advert_check(text=text, advert_type="job")
    assert [f for f in result.findings if f.category == "certificate_selling"] == []
    # Sold now, the same title is a national claim the certificate cannot bear.
    sold = "本校培训结业颁发公共营养师国家职业资格证书（二级）。"
    assert [f for f in advert_check(text=sold, advert_type="training").findings] != []


def test_the_issuer_before_a_certificate_name_is_not_part_of_it():
    text = "本协会会员单位培训结业颁发中国营养学会注册营养师证书，供学员参考。"
    (certificate,) = advert_check(text=text, advert_type="training").certificates
    assert certificate.mention.name == "注册营养师证书"
