"""What the advert says is printed on a certificate: seals, watermarks, emblems (rule 6, 2022).

The certificate check reads a certificate's name and issuer; an advert also describes the
certificate's marks (证书上加盖“…”印章, 印有国徽, 带…水印). The 2022 campaign checks those as
well, so the words and marks a non-government certificate may not carry are looked for there.
"""

import re

from django.utils.translation import gettext as _

from ..certificates import (
    RULE_6_TEXT,
    body_is_government,
    forbidden_marks,
    forbidden_words_in,
)
from ..findings import AdvertType, Category, Confidence, Finding, Reading
from . import documents as doc
from .patterns import occurrences

# A named mark: 加盖“X”印章, 盖有X公章, 印有“X”字样, X钢印, 带“X”水印.
_PRINT = r"(?:加盖|盖有|盖着|盖|印有|印着|印上|带有|带|附有|压有|烫印|打印|标有|标注)"
_MARK = r"(?:防伪|烫金|电子)?(?:专用章|公章|印章|钢印|章|水印|字样|标识|标志|徽标|logo|标)"
_NAMED_MARK = re.compile(
    rf"{_PRINT}[了]?\s*[“\"'《「]([^“”\"'《》「」，,。；;]{{2,40}})[”\"'》」](?:的)?\s*{_MARK}"
    rf"|{_PRINT}[了]?\s*([\u4e00-\u9fffa-z0-9]{{4,30}}?)(?:的)?{_MARK}"
)
_EMBLEM = re.compile(rf"{_PRINT}[了]?[^，,。；;]{{0,6}}?(国徽|政府(?:部门)?(?:徽标|标志|标识))")
# Verdicts of a certificate that is not a national qualification (nor possibly a licence).
_NOT_NATIONAL = ("not_national", "retired")


def rule_6_no_national_words_or_marks_on_other_certificates(reading: Reading) -> list[Finding]:
    """是否违规使用“中华人民共和国”“中国”“中华”“国家”“全国”和“职业资格”“岗位合格（凭证）”
    “专业技术职务”等字样；是否违规使用国徽、政府部门徽标等标识，以及与上述相关或易产生歧义
    和误导的字样、图案或水印 (人社部函〔2022〕25号, widening 人社部发〔2017〕68号).

    Only on a certificate that is not a national qualification: a genuine one carries the
    state's seal and emblem (research §4.3), and a seal in the name of a government body is
    not judged here (impersonation is the ×××部 rule's).
    """
    found = []
    for sentence, named in _certificates_by_sentence(reading).items():
        if any(c.has_access_meaning() for c in named):
            continue
        # An uncertain name whose every candidate has left the catalogue, issued now (a
        # training advert): whichever it is, no national certificate bears that name today.
        issued_now = reading.advert_type == AdvertType.TRAINING
        if all(
            c.verdict in _NOT_NATIONAL or (issued_now and c.every_candidate_outside())
            for c in named
        ):
            found += _named_marks(reading, sentence.start, sentence.end)
            found += _emblems(reading, sentence.start, sentence.end)
        elif all(c.verdict in (*_NOT_NATIONAL, "uncertain") for c in named):
            # Whichever certificate an uncertain name means, a seal of a body that is not
            # the government's cannot bear these words (the rule turns on the issuer, §4.3);
            # an emblem alone is left unjudged: a genuine former certificate carries it.
            found += _named_marks(reading, sentence.start, sentence.end)
    return found


def _certificates_by_sentence(reading: Reading) -> dict:
    """The sentences that name a certificate, each with the certificates it names."""
    named: dict = {}
    for c in reading.certificates:
        named.setdefault(reading.sentence_of(c.mention.start), []).append(c)
    return named


def _named_marks(reading: Reading, start: int, end: int) -> list[Finding]:
    found = []
    for match in occurrences(_NAMED_MARK, reading.folded, start, end):
        group = 1 if match.group(1) else 2
        body = reading.text[match.start(group) : match.end(group)]
        words = forbidden_words_in(body)
        if words and not body_is_government(body):
            found.append(_finding(reading, match.start(group), match.end(group), words))
    return found


def _emblems(reading: Reading, start: int, end: int) -> list[Finding]:
    marks = forbidden_marks()
    found = []
    for match in occurrences(_EMBLEM, reading.folded, start, end):
        mark = match.group(1)
        if any(m.startswith(mark[:2]) for m in marks):
            found.append(_finding(reading, match.start(1), match.end(1), [mark]))
    return found


def _finding(reading: Reading, start: int, end: int, words: list[str]) -> Finding:
    message = _(
        "广告说证书上有“%(m)s”（含“%(w)s”）。这张证书不是国家职业资格，非政府机构颁发的证书"
        "不得使用这些字样、国徽或政府部门徽标，也不得使用易产生误导的印章、图案或水印。"
    ) % {"m": reading.text[start:end], "w": "”“".join(dict.fromkeys(words))}
    return reading.finding(
        start,
        end,
        code="forbidden_marks_on_certificate",
        category=Category.FORBIDDEN_WORDING,
        message=message,
        rule=f"{RULE_6_TEXT}；{doc.MARKS_2022_TEXT}",
        document=f"{doc.RULE_2_DOCUMENT}；{doc.CAMPAIGN_2022_DOCUMENT}",
        confidence=Confidence.HIGH,
        report_type="forbidden_wording",
    )
