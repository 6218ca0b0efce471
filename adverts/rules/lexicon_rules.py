"""Phrase rules: each pattern stands for rows of advert_phrases.csv (or forbidden_wording.csv).

A pattern is used only while the data lists its phrase; its document and its confidence
(official sources: high; secondary: medium) come from the data row.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from ..findings import AdvertType, Category, Confidence, Finding, Reading
from ..lexicon import Phrase, forbidden_advert_words, phrase
from . import documents as doc
from .patterns import occurrences


@dataclass(frozen=True)
class PhraseRule:
    code: str
    phrases: tuple[str, ...]  # the data rows it stands for (any one listed enables it)
    pattern: re.Pattern
    category: Category
    message: Promise
    report_type: str
    types: tuple[AdvertType, ...] = ()  # empty: every kind of advert
    unless_national: bool = False  # not said of a national qualification in the sentence
    accept: Callable[[re.Match], bool] | None = None  # a further test of each match


def document_of(row: Phrase | None) -> tuple[str, str]:
    """The document and provision a data row rests on, in the words the portal shows."""
    source = row.document if row else ""
    known = (
        ("人社部函〔2022〕25号", doc.CAMPAIGN_2022_DOCUMENT, doc.CAMPAIGN_2022_TEXT),
        ("network-governance", doc.NETWORK_2022_DOCUMENT, doc.NETWORK_2022_TEXT),
        ("Guangdong", doc.GUANGDONG_2022_DOCUMENT, doc.GUANGDONG_2022_TEXT),
        ("人社厅发〔2025〕60号", doc.ONLINE_ADVERTS_DOCUMENT, doc.ONLINE_ADVERTS_BANS_TEXT),
        ("招聘欺诈典型案例", doc.FRAUD_CASES_DOCUMENT, doc.FRAUD_CASES_TEXT),
        ("清理整顿", doc.CAMPAIGN_2025_DOCUMENT, doc.CAMPAIGN_2025_TEXT),
        ("Sichuan", doc.SICHUAN_2025_DOCUMENT, doc.CAMPAIGN_2025_TEXT),
    )
    for key, document, text in known:
        if key in source:
            return document, text
    return str(doc.CONSUMER_GUIDE_DOCUMENT), ""


def confidence_of(row: Phrase | None) -> Confidence:
    official = row is not None and row.verification.startswith("official")
    return Confidence.HIGH if official else Confidence.MEDIUM


def apply(rules: tuple[PhraseRule, ...], reading: Reading) -> list[Finding]:
    found = []
    for rule in rules:
        if rule.types and reading.advert_type not in rule.types:
            continue
        row = _row(rule)
        if row is None and not _forbidden_word_rule(rule):
            continue
        for match in occurrences(rule.pattern, reading.folded):
            if rule.accept is not None and not rule.accept(match):
                continue
            if rule.unless_national and _national_in_sentence(reading, match.start()):
                continue
            found.append(_finding(rule, row, reading, match))
    return found


def _row(rule: PhraseRule) -> Phrase | None:
    return next((p for p in map(phrase, rule.phrases) if p is not None), None)


def _forbidden_word_rule(rule: PhraseRule) -> bool:
    """Rules standing for words of forbidden_wording.csv rather than advert_phrases.csv."""
    words = forbidden_advert_words()
    return bool(rule.phrases) and all(p in words for p in rule.phrases)


def _national_in_sentence(reading: Reading, position: int) -> bool:
    """Whether the sentence names a national qualification, or a licence (电工证 may be one).

    Outside a training advert, a qualification that has left the catalogue counts too (or an
    uncertain name all of whose candidates have): a certificate issued before it left is
    genuinely titled 国家职业资格证书, and a job advert may ask for one."""
    sentence = reading.sentence_of(position)
    asked_for = reading.advert_type != AdvertType.TRAINING
    return any(
        sentence.start <= c.mention.start < sentence.end
        and (
            c.verdict in ("access", "level_evaluation")
            or c.has_access_meaning()
            or (asked_for and (c.verdict == "retired" or c.every_candidate_outside()))
        )
        for c in reading.certificates
    )


def _finding(rule: PhraseRule, row: Phrase | None, reading: Reading, match: re.Match) -> Finding:
    document, text = document_of(row) if row else (doc.CAMPAIGN_2022_DOCUMENT, "")
    text = text or doc.CAMPAIGN_2022_TEXT
    return reading.finding(
        match.start(),
        match.end(),
        code=rule.code,
        category=rule.category,
        message=str(rule.message),
        rule=text,
        document=document,
        confidence=confidence_of(row) if row else Confidence.MEDIUM,
        report_type=rule.report_type,
    )
