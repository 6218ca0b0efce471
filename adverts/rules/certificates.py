"""Rules on the certificates an advert names: rule 2 of the catalogue notice and rule 6."""

import re

from django.utils.translation import gettext as _

from ..certificates import RULE_6_DOCUMENT, RULE_6_TEXT, UNCERTAIN, forbidden_words_in
from ..findings import (
    AdvertType,
    Category,
    CertificateFound,
    Confidence,
    Finding,
    Reading,
    Requirement,
)
from . import documents as doc
from .patterns import in_the_past, negated

_PUBLIC = (AdvertType.PUBLIC_RECRUITMENT, AdvertType.PROCUREMENT)
# Verdicts that rule out a licence. An uncertain name is listed with its candidates, not
# reported: the portal cannot say that it is not a licence (保安员证 is one outside the catalogue).
_NOT_LICENSING = ("level_evaluation", "retired", "not_national")


def rule_2_only_access_type_tied_to_employment(reading: Reading) -> list[Finding]:
    """目录之内除准入类职业资格外一律不得与就业创业挂钩 (人社部发〔2017〕68号).

    "只有准入类职业资格才必须持证上岗": an advert that says a certificate which is not
    access-type is required to work (持证上岗, 必须持有…方可, 上岗必须, 无证不得) states a
    legal precondition that does not exist. Preferring a level is not this, nor is an
    access-type licence (电工证 may mean one, so it is not reported either).
    """
    found = []
    for certificate in reading.certificates:
        if certificate.requirement != Requirement.PRECONDITION:
            continue
        if certificate.has_access_meaning():
            continue
        if certificate.every_candidate_outside():
            found.append(_uncertain_condition_finding(reading, certificate))
        elif certificate.verdict in _NOT_LICENSING:
            found.append(_precondition_finding(reading, certificate))
    return found


def _uncertain_condition_finding(reading: Reading, certificate: CertificateFound) -> Finding:
    """A precondition or public condition on a name the check cannot tell, every candidate of
    which has left the catalogue: whichever it is, it is not an access-type qualification."""
    public = reading.advert_type in _PUBLIC
    message = _(
        "本站无法确定“%(c)s”指哪一项，但相近的名称（%(n)s）都已退出或被取消，没有一个是准入类"
        "职业资格：无论指哪一项，都不能作为从业或录用的法定条件。本站目录数据尚不完整：如果它其实"
        "是目录之外另有法规规定的许可证书，请核对。"
    ) % {"c": certificate.mention.name, "n": "、".join(certificate.candidate_names())}
    procurement = reading.advert_type == AdvertType.PROCUREMENT
    return reading.finding(
        certificate.mention.start,
        certificate.mention.end,
        code="public_condition_exited" if public else "exited_as_precondition",
        category=Category.CERTIFICATE_DEMAND,
        message=message,
        rule=f"{doc.RULE_2_TEXT}；{doc.CANCELLED_TEXT}",
        document=doc.PROCUREMENT_DOCUMENT if procurement else doc.RULE_2_DOCUMENT,
        confidence=Confidence.MEDIUM,
        report_type="revived" if public else "level_tied_to_employment",
        certificate=certificate.check,
    )


def _precondition_finding(reading: Reading, certificate: CertificateFound) -> Finding:
    verdict = certificate.verdict
    messages = {
        "level_evaluation": _(
            "“%(c)s”是水平评价类职业资格，只证明水平，不是从业的法定条件；把它说成“持证上岗”"
            "“必须持有”违反“除准入类职业资格外一律不得与就业创业挂钩”。"
        ),
        "retired": _(
            "“%(c)s”已被取消或退出目录，不再是职业资格，更不是从业的法定条件；要求持有它上岗"
            "是让已取消的资格“死灰复燃”。"
        ),
        "not_national": _(
            "目录中没有“%(c)s”，它不是国家职业资格；只有准入类职业资格才必须持证上岗，"
            "把它说成从业的法定条件是虚假的。本站目录数据尚不完整：如果它其实是准入类资格"
            "（如特种作业操作证、特种设备作业人员证）的俗称，要求持证上岗就是合法的，请核对。"
        ),
    }
    report_type = {"retired": "revived"}.get(verdict, "level_tied_to_employment")
    if verdict == "not_national" and reading.advert_type == AdvertType.TRAINING:
        report_type = "outside_catalogue"
    return reading.finding(
        certificate.mention.start,
        certificate.mention.end,
        code=f"{verdict}_as_precondition",
        category=Category.CERTIFICATE_DEMAND,
        message=messages[verdict] % {"c": certificate.mention.name},
        rule=f"{doc.RULE_2_TEXT}；{doc.ONLY_ACCESS_TYPE_TEXT}",
        document=doc.RULE_2_DOCUMENT,
        # Not finding a name is weaker than finding it: the data lacks some skilled items.
        confidence=Confidence.MEDIUM if verdict == "not_national" else Confidence.HIGH,
        report_type=report_type,
        certificate=certificate.check,
    )


def rule_2_public_conditions(reading: Reading) -> list[Finding]:
    """目录之内除准入类职业资格外一律不得与就业创业挂钩, where the state sets the conditions.

    A government or public-institution recruitment or a procurement notice that requires any
    qualification that is not access-type, or one that was cancelled, sets a condition the
    catalogue rules out (a tender also treats bidders differently, 《政府采购法》第七十一条).
    """
    if reading.advert_type not in _PUBLIC:
        return []
    found = []
    for certificate in reading.certificates:
        required = certificate.requirement in (Requirement.REQUIRED, Requirement.PRECONDITION)
        if not required or certificate.has_access_meaning():
            continue
        if certificate.every_candidate_outside():
            found.append(_uncertain_condition_finding(reading, certificate))
        elif certificate.verdict in _NOT_LICENSING:
            found.append(_public_finding(reading, certificate))
    return found


def _public_finding(reading: Reading, certificate: CertificateFound) -> Finding:
    verdict = certificate.verdict
    messages = {
        "level_evaluation": _(
            "公开招聘或采购把水平评价类职业资格“%(c)s”设为条件。除准入类职业资格外，目录内的"
            "职业资格一律不得与就业创业挂钩；岗位确需技能水平的，应写明并说明依据。"
        ),
        "retired": _("公开招聘或采购把已取消的“%(c)s”设为条件：已取消的职业资格不得“死灰复燃”。"),
        "not_national": _(
            "公开招聘或采购把不是国家职业资格的“%(c)s”设为条件；目录之外一律不得许可和认定"
            "职业资格，这类证书不能作为资格条件。"
        ),
    }
    confidence = {"level_evaluation": Confidence.MEDIUM}
    procurement = reading.advert_type == AdvertType.PROCUREMENT
    return reading.finding(
        certificate.mention.start,
        certificate.mention.end,
        code=f"public_condition_{verdict}",
        category=Category.CERTIFICATE_DEMAND,
        message=messages[verdict] % {"c": certificate.mention.name},
        rule=doc.RULE_2_TEXT if verdict != "retired" else doc.CANCELLED_TEXT,
        document=doc.PROCUREMENT_DOCUMENT if procurement else doc.RULE_2_DOCUMENT,
        confidence=confidence.get(verdict, Confidence.HIGH),
        report_type="revived" if verdict == "retired" else "level_tied_to_employment",
        certificate=certificate.check,
    )


def cancelled_qualification_must_not_return(reading: Reading) -> list[Finding]:
    """取消的职业资格不得“死灰复燃” (人社部发〔2017〕68号): training sold for a cancelled one.

    A qualification that left the catalogue with its certificates kept valid (the
    level-evaluation skilled ones of 2020, which go on as 职业技能等级认定, exits.csv) is not
    cancelled: training for the occupation stays lawful, and only a 职业资格证书 promised for it
    is a finding (none has been issued since it left). An uncertain name whose every
    candidate has left the catalogue is the same finding whichever it means, said with
    ``medium`` confidence and its candidates named.
    """
    if reading.advert_type != AdvertType.TRAINING:
        return []
    found = []
    for c in reading.certificates:
        if negated(reading.folded, c.mention.start):
            continue  # 不存在…证书, 任何声称…证书的说法均与…不符: not offered
        if c.every_candidate_outside() and _names_a_qualification_certificate(c):
            found.append(_uncertain_exited_finding(reading, c))
        if c.verdict != "retired":
            continue
        if not _left_with_certificates_valid(c.check):
            # 心理咨询师培训 alone teaches an occupation; 心理咨询师证 sells its certificate.
            if _names_a_certificate(c) and not _advert_says_it_ended(reading, c):
                found.append(_cancelled_finding(reading, c))
        elif _names_a_qualification_certificate(c):
            found.append(_exited_certificate_finding(reading, c))
    return _once_per_qualification(found)


# The occupation a certificate's name is of: 中华人民共和国心理咨询师(中级/高级)职业资格证书 and
# 心理咨询师证书 are both of 心理咨询师.
_NAME_NOISE = re.compile(
    r"[(（][^()（）]*[)）]|^(?:中华人民共和国|中华|中国|国家|全国)|(?:初级|中级|高级|[一二三四五1-5]级)"
    r"|(?:国家|全国)?(?:职业资格|执业资格|资格)?(?:证书|证)?$"
)


def _occupation(name: str) -> str:
    return _NAME_NOISE.sub("", name) or name


def _once_per_qualification(found: list[Finding]) -> list[Finding]:
    """One finding per code and occupation, at its fullest naming: an advert that names
    心理咨询师证书 three times sells one certificate."""
    best: dict[tuple[str, str], Finding] = {}
    for finding in found:
        key = (finding.code, _occupation(finding.quote))
        kept = best.get(key)
        if kept is None or len(finding.quote) > len(kept.quote):
            best[key] = finding
    return sorted(best.values(), key=lambda f: f.start)


def _advert_says_it_ended(reading: Reading, c: CertificateFound) -> bool:
    """The advert itself says the state stopped certifying it (自2017年人社部不再进行心理咨询师证书
    认定, 其证书不再颁发): it names the certificate as what remains, not as the qualification.
    Other claims (全国通用, 人社部颁发) are still judged where it makes them."""
    occupation = _occupation(c.mention.name)
    if len(occupation) < 2:
        return False
    folded = reading.folded
    return any(in_the_past(folded, m.start()) for m in re.finditer(re.escape(occupation), folded))


def _names_a_certificate(c: CertificateFound) -> bool:
    return "证" in c.mention.name or "资格" in c.mention.name


def _names_a_qualification_certificate(c: CertificateFound) -> bool:
    return "职业资格" in c.mention.name or "资格证" in c.mention.name


def _uncertain_exited_finding(reading: Reading, c: CertificateFound) -> Finding:
    return reading.finding(
        c.mention.start,
        c.mention.end,
        code="exited_qualification_certificate_offered",
        category=Category.CERTIFICATE_SELLING,
        message=_(
            "广告许诺颁发“%(c)s”。本站无法确定它指哪一项，但相近的名称（%(n)s）都已退出或被取消，"
            "不在现行国家职业资格目录中：无论指哪一项，现在都不再颁发这样的职业资格证书。"
        )
        % {"c": c.mention.name, "n": "、".join(c.candidate_names())},
        rule=doc.CANCELLED_TEXT,
        document=doc.RULE_2_DOCUMENT,
        confidence=Confidence.MEDIUM,
        report_type="outside_catalogue",
        certificate=c.check,
    )


def _left_with_certificates_valid(check: dict) -> bool:
    return bool((check.get("validity") or {}).get("certificates_issued_before"))


def _cancelled_finding(reading: Reading, c: CertificateFound) -> Finding:
    return reading.finding(
        c.mention.start,
        c.mention.end,
        code="cancelled_qualification_offered",
        category=Category.CERTIFICATE_SELLING,
        message=_(
            "广告以“%(c)s”招生或发证，但它已被取消或退出目录，不再是职业资格；"
            "以已取消的职业资格名义培训、考试、发证属于“死灰复燃”。"
        )
        % {"c": c.mention.name},
        rule=doc.CANCELLED_TEXT,
        document=doc.RULE_2_DOCUMENT,
        confidence=Confidence.HIGH,
        report_type="revived",
        certificate=c.check,
    )


def _exited_certificate_finding(reading: Reading, c: CertificateFound) -> Finding:
    validity = c.check.get("validity") or {}
    return reading.finding(
        c.mention.start,
        c.mention.end,
        code="exited_qualification_certificate_offered",
        category=Category.CERTIFICATE_SELLING,
        message=_(
            "广告许诺颁发“%(c)s”，但这项职业资格已退出国家职业资格目录（%(d)s），此后不再颁发"
            "职业资格证书；此前已发的证书继续有效，新的培训只能参加职业技能等级认定。"
        )
        % {"c": c.mention.name, "d": validity.get("left_on") or _("日期不详")},
        rule=doc.CANCELLED_TEXT,
        document=validity.get("document") or doc.RULE_2_DOCUMENT,
        confidence=Confidence.MEDIUM,
        report_type="outside_catalogue",
        certificate=c.check,
    )


def rule_6_no_national_words_on_other_certificates(reading: Reading) -> list[Finding]:
    """证书不得使用“中华人民共和国”、“中国”、“中华”、“国家”、“全国”、“职业资格”或“人员资格”等字样.

    The certificate check's rule 6, for each certificate the advert names that is not a
    national qualification: in a training advert (the certificate sold), or in any advert
    whose issuer is an association or a company.

    An uncertain name is judged where the rule holds whichever candidate it is: every
    candidate has left the catalogue and the advert issues it now (a training advert), or
    the advert says a body that is not the government's issues it (the rule turns on the
    issuer, research §4.3). Such a finding is ``medium`` and names the candidates; it never
    says what the certificate itself is.
    """
    found = []
    for certificate in reading.certificates:
        if negated(reading.folded, certificate.mention.start):
            continue
        if certificate.verdict == UNCERTAIN:
            finding = _uncertain_wording(reading, certificate)
            found += [finding] if finding else []
            continue
        selling = reading.advert_type == AdvertType.TRAINING
        if selling and certificate.verdict == "retired":
            finding = _retired_wording(reading, certificate)
            found += [finding] if finding else []
            continue
        if not certificate.check.get("forbidden_wording"):
            continue
        if not (selling or certificate.issuer_type in ("association", "company")):
            continue
        # Only the certificate's own name: whether a registered evaluation organisation may
        # bear a name beginning with 中国 is not known (data/SOURCES.md), so issuers are not judged.
        words = certificate.check.get("forbidden_words_in_name", [])
        if words:
            found.append(_wording_finding(reading, certificate, words))
    return found


_TITLE_WORDS = ("职业资格", "人员资格", "执业资格")


def _retired_wording(reading: Reading, certificate: CertificateFound) -> Finding | None:
    """A qualification that has left the catalogue, offered now (a training advert): no state
    body issues it any more, so the certificate on sale is not a national one and may not
    bear 国家/全国 … (the ground on which an uncertain name whose candidates all left is judged)."""
    # 职业资格 alone is judged as the 职业资格证书 promised (exited_qualification_…): here the
    # words that claim the state (中华人民共和国, 国家, 全国 …).
    words = [w for w in forbidden_words_in(certificate.mention.name) if w not in _TITLE_WORDS]
    if not words:
        return None
    message = _(
        "“%(c)s”已退出或被取消，不在现行国家职业资格目录中，现在不再由政府部门颁发；"
        "广告现在提供的证书却使用了“%(w)s”字样。非政府机构自行评价发证，证书不得使用这些字样和国徽标志。"
    ) % {"c": certificate.mention.name, "w": "”“".join(dict.fromkeys(words))}
    return reading.finding(
        certificate.mention.start,
        certificate.mention.end,
        code="forbidden_words_on_certificate",
        category=Category.FORBIDDEN_WORDING,
        message=message,
        rule=RULE_6_TEXT,
        document=RULE_6_DOCUMENT,
        confidence=Confidence.MEDIUM,
        report_type="forbidden_wording",
        certificate=certificate.check,
    )


def _uncertain_wording(reading: Reading, certificate: CertificateFound) -> Finding | None:
    words = forbidden_words_in(certificate.mention.name)
    if not words:
        return None
    issued_now = reading.advert_type == AdvertType.TRAINING
    outside = issued_now and certificate.every_candidate_outside()
    # The check flags the wording of an uncertain name only beside an issuer it reads as
    # neither the government nor unknown (certificates.checking._forbidden_wording).
    other_issuer = bool(certificate.issuer) and bool(certificate.check.get("forbidden_wording"))
    if not (outside or other_issuer):
        return None
    names = certificate.candidate_names()
    if other_issuer:
        why = _("广告说它由“%(i)s”颁发，这不是政府部门；") % {"i": certificate.issuer}
    else:
        why = _("相近的名称都已退出或被取消，现在不再颁发这样的国家职业资格证书；")
    message = _(
        "本站无法确定“%(c)s”指哪一项%(n)s，但它使用了“%(w)s”字样：%(why)s"
        "无论它指哪一项，非政府机构自行评价发证，证书都不得使用这些字样和国徽标志。"
    ) % {
        "c": certificate.mention.name,
        "n": (_("（候选：%(l)s）") % {"l": "、".join(names)}) if names else "",
        "w": "”“".join(dict.fromkeys(words)),
        "why": why,
    }
    code = "forbidden_words_on_uncertain_certificate"
    return _rule_6_finding(reading, certificate, code, message, Confidence.MEDIUM)


def _wording_finding(reading: Reading, certificate: CertificateFound, words: list[str]) -> Finding:
    issuer = certificate.issuer or _("发证机构未写明")
    kinds = {"association": _("社会组织"), "company": _("企业")}
    issuer_type = kinds.get(certificate.issuer_type, _("类型未知"))
    message = _(
        "“%(c)s”不是国家职业资格，却使用了“%(w)s”字样（发证机构：%(i)s，%(t)s）。"
        "社会组织和企事业单位自行评价发证，证书不得使用这些字样和国徽标志。"
    ) % {
        "c": certificate.mention.name,
        "w": "”“".join(dict.fromkeys(words)),
        "i": issuer,
        "t": issuer_type,
    }
    code = "forbidden_words_on_certificate"
    return _rule_6_finding(reading, certificate, code, message, Confidence.HIGH)


def _rule_6_finding(
    reading: Reading, certificate: CertificateFound, code: str, message: str, confidence
) -> Finding:
    """A rule-6 finding on the certificate's own words, whoever's answer it rests on."""
    return reading.finding(
        certificate.mention.start,
        certificate.mention.end,
        code=code,
        category=Category.FORBIDDEN_WORDING,
        message=message,
        rule=RULE_6_TEXT,
        document=RULE_6_DOCUMENT,
        confidence=confidence,
        report_type="forbidden_wording",
        certificate=certificate.check,
    )
