"""The advert check: read a job or training advert the way the rules read it.

``advert_check(text=…, advert_type=…)`` finds the certificates the advert names (each with
the certificate check's answer and how the advert asks for it), applies every rule of
:mod:`adverts.rules` and returns the findings with their spans, rule, document, confidence,
the body that handles them and a prefilled report link. Nothing is stored.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.text import fold_keeping_offsets as fold
from enforcement.regions import all_regions

from . import routing
from .certificates import check_certificate, one_catalogue
from .findings import AdvertType, Category, CertificateFound, Finding, Reading, Requirement
from .patterns_reading import issuer_in, organisation_in, requirement_of
from .rules import RULES
from .spans import find_mentions
from .text import sentences

MAX_CHARACTERS = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def advert_text_validate(text: str) -> str:
    """The advert's text, or a ValidationError saying what is wrong with it."""
    if "\x00" in text:
        raise ValidationError(_("文本中含有空字符（NUL），请粘贴纯文本。"), code="nul")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise ValidationError(
            _("这不像是文本（含有大量控制字符），请粘贴广告的文字。"), code="binary"
        )
    if not text.strip():
        raise ValidationError(_("请粘贴广告的文字。"), code="empty")
    if len(text) > MAX_CHARACTERS:
        raise ValidationError(
            _("广告太长：最多 %(max)s 个字符，收到 %(n)s 个。")
            % {"max": MAX_CHARACTERS, "n": len(text)},
            code="too_long",
        )
    return text


@dataclass
class AdvertCheck:
    text: str
    advert_type: AdvertType
    guessed_type: AdvertType
    findings: list[Finding]
    certificates: list[CertificateFound]
    checked_at: datetime = field(default_factory=timezone.now)

    @property
    def advert_type_label(self) -> str:
        return self.advert_type.label

    @property
    def guessed_type_label(self) -> str:
        return self.guessed_type.label

    def as_dict(self) -> dict:
        return {
            "advert_type": self.advert_type.value,
            "guessed_type": self.guessed_type.value,
            "findings": [_finding_dict(f) for f in self.findings],
            "certificates": [_certificate_dict(c) for c in self.certificates],
            # As DRF writes a date-time: ISO 8601 in the current time zone, "Z" for UTC.
            "checked_at": timezone.localtime(self.checked_at).isoformat().replace("+00:00", "Z"),
            "data_version": data_version(),
        }


def advert_check(*, text: str, advert_type: str | None = None) -> AdvertCheck:
    """Check an advert's text; ``advert_type`` is guessed from the text when not given."""
    text = advert_text_validate(text)
    with one_catalogue():
        return _check(text, advert_type)


def _check(text: str, advert_type: str | None) -> AdvertCheck:
    folded = fold(text)
    guessed = advert_type_guess(folded)
    reading = Reading(text, folded, sentences(folded), AdvertType(advert_type or guessed))
    reading.type_given = bool(advert_type)
    reading.certificates = _certificates(reading)
    reading.organisation = organisation_in(folded, text)
    reading.region = _region(text)
    findings = _apply_rules(reading)
    return AdvertCheck(text, reading.advert_type, guessed, findings, reading.certificates)


def _certificates(reading: Reading) -> list[CertificateFound]:
    found = []
    mentions = find_mentions(reading.text, reading.folded)
    for mention in mentions:
        sentence = reading.sentence_of(mention.start)
        issuer, issuer_type = issuer_in(reading.folded, reading.text, sentence)
        requirement = requirement_of(reading, mention, mentions)
        check = check_certificate(mention.name, issuer)
        found.append(CertificateFound(mention, check, requirement, issuer, issuer_type))
    return found


def _apply_rules(reading: Reading) -> list[Finding]:
    findings: list[Finding] = []
    kept: dict[Category, list[Finding]] = {}
    for rule in RULES:
        for finding in rule(reading):
            same_category = kept.setdefault(finding.category, [])
            if not any(_same(finding, other) for other in same_category):
                same_category.append(finding)
                findings.append(finding)
    for finding in findings:
        finding.handled_by = routing.handled_by(finding, reading.advert_type)
        organisation = _organisation_for(finding, reading)
        finding.report_url = routing.report_url(
            finding, organisation=organisation, region=reading.region
        )
    return sorted(findings, key=lambda f: (f.start, f.end))


def _same(one: Finding, other: Finding) -> bool:
    """One finding per place and category: overlapping spans of a category are one finding."""
    if one.category != other.category:
        return False
    if one.start == one.end == 0 or other.start == other.end == 0:
        return one.code == other.code
    return one.start < other.end and other.start < one.end


def _organisation_for(finding: Finding, reading: Reading) -> str:
    if finding.category == Category.FORBIDDEN_WORDING and finding.certificate:
        return finding.certificate.get("issuer") or reading.organisation
    return reading.organisation


@cache
def _region_names() -> dict[str, list[tuple[str, str]]]:
    """City and province names by their first two characters, longest first."""
    regions = [r for r in all_regions().values() if r.level in ("province", "city")]
    names: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(regions, key=lambda r: -len(r.name)):
        if r.name not in ("市辖区", "县") and len(r.name) >= 3:
            names.setdefault(r.name[:2], []).append((r.name, r.code))
    return names


def _region(text: str) -> str:
    """The GB/T 2260 code of the first city (or province) the advert names, for the report."""
    names = _region_names()
    for i in range(len(text) - 1):
        for name, code in names.get(text[i : i + 2], ()):
            if text.startswith(name, i):
                return code
    return ""


_TYPE_WORDS = {
    AdvertType.PROCUREMENT: (3, r"采购|招标|投标|供应商|磋商|比选|中标|成交|标段|询价"),
    AdvertType.PUBLIC_RECRUITMENT: (
        2,
        # 公安机关 (who issues the 保安员证) is a body named, not a public employer.
        r"事业单位|公开招聘|公务员|招录|编制|考试录用|(?<!公安)(?<!行政)(?<!司法)(?<!执法)机关"
        r"|人事考试|资格复审|岗位表|人力资源和社会保障局"
        r"|国籍|宪法|品行",
    ),
    AdvertType.TRAINING: (
        1,
        r"培训|招生|课程|学员|考证|拿证|学费|开班|班次|报考|取证|辅导|授课|教材|结业|报名|学习|考试"
        r"|考取",
    ),
    # 招聘网站, 招聘会, 招聘信息: where jobs are found, not a job offered.
    AdvertType.JOB: (
        1,
        r"招聘(?!网站?|会|平台|信息|渠道|市场|app)|诚聘|急招|岗位|薪资|月薪|任职|职位|入职|底薪|五险|工资",
    ),
}


def advert_type_guess(folded: str) -> AdvertType:
    """The kind of advert the words suggest; a job advert when nothing stands out."""
    scores = {t: weight * len(re.findall(p, folded)) for t, (weight, p) in _TYPE_WORDS.items()}
    best = max(scores.values())
    if best == 0:
        return AdvertType.JOB
    return next(t for t in _TYPE_WORDS if scores[t] == best)


@cache
def data_version() -> str:
    """A digest of the rules' data files, so an answer says which data it rests on."""
    digest = hashlib.sha256()
    for name in ("advert_phrases.csv", "forbidden_wording.csv", "colloquial_names.csv"):
        digest.update((Path(settings.BASE_DIR) / "data" / name).read_bytes())
    return digest.hexdigest()[:12]


def _finding_dict(finding: Finding) -> dict:
    """The finding as JSON-ready data, built by hand: ``dataclasses.asdict`` deep-copies the
    certificate check's answer in every finding, which cost a third of a long advert's time."""
    return {
        "code": finding.code,
        "category": finding.category.value,
        "start": finding.start,
        "end": finding.end,
        "quote": finding.quote,
        "sentence": finding.sentence,
        "message": finding.message,
        "rule": finding.rule,
        "document": finding.document,
        "confidence": finding.confidence.value,
        "report_type": finding.report_type,
        "certificate": finding.certificate,
        "handled_by": finding.handled_by,
        "report_url": finding.report_url,
    }


def _certificate_dict(found: CertificateFound) -> dict:
    return {
        "start": found.mention.start,
        "end": found.mention.end,
        "name": found.mention.name,
        "requirement": found.requirement.value,
        "issuer": found.issuer,
        "issuer_type": found.issuer_type,
        "check": found.check,
        "note": _certificate_note(found),
    }


def _certificate_note(found: CertificateFound) -> str:
    if found.check.get("certificate_kind") == "colloquial":
        return _(
            "“%(c)s”是俗称，可能指几种证书：只有应急管理、市场监管（及建筑工地上住建）部门的"
            "作业证书准许从事这项工作，职业技能等级证书不能代替。"
        ) % {"c": found.mention.name}
    if found.verdict == "access":
        return _(
            "准入类职业资格：依法从事该职业必须取得，可以作为录用条件；证书须在有效期内并按规定复审。"
        )
    if found.verdict == "uncertain":
        return _(
            "无法确定“%(c)s”对应目录中的哪一项（见候选名称），所以不判断它能否作为录用条件："
            "只有准入类职业资格才能要求持证上岗。"
        ) % {"c": found.mention.name}
    if found.requirement == Requirement.PREFERRED:
        return _("广告只是优先考虑持证者，这不违反规则。")
    return ""
