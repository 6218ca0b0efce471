"""Small helpers the rules share: negation, clauses, pattern search."""

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

# A phrase said in the negative (不承诺包过, 不收取任何费用, 非职业资格) or warned against
# (谨防“挂证”): a denial right before it, or a warning a few characters before.
_NEGATION = re.compile(
    r"(?:(?:不(?:承诺|保证|提供|会|得|收取?|需要?|用|要|搞|做|接受|存在|设)?|没有|无需|无须|非"
    r"|并非|从不|绝不|决不|从未)[^，,。；;！!？?\n]{0,2}"
    # 免 denies only what follows it at once (免押金, 免收费用), not a word further on:
    # 免考包过 is "no exam, pass guaranteed".
    r"|免(?:收取?|交|缴纳?|除|费)?"
    r"|(?:谨防|警惕|杜绝|打击|反对|拒绝|严禁|禁止|切勿|识别|揭穿|曝光|举报|勿信|别信|防范|以防|谨慎)"
    r"[^，,。；;！!？?\n]{0,6})$"
)
_CLAUSE_MARK = re.compile(r"[，,：:。；;！!？?\n]")


# A sentence that reports a claim in order to reject it: 不存在一个由…颁发、全国通用的…证书;
# 任何声称能够颁发“国家承认”的…证书的说法，均与现行政策不符.
_SENTENCE_MARK = re.compile(r"[。；;！!？?\n]")
# Within one clause, and not 没有任何…: "没有任何门槛，30天拿证" is the hype itself.
_DENIED_BEFORE = re.compile(r"(?:^|[，,：:])\s*(?:并)?(?:不存在|并无)[^，,。；;！!？?\n]{0,40}$")
_REPORTED_BEFORE = re.compile(r"(?:声称|宣称|号称|所谓|自称|打着)[^。；;！!？?\n]{0,40}$")
_REJECTED_AFTER = re.compile(
    r"^[^。；;！!？?\n]{0,40}?(?:说法|宣传|广告|承诺)?[^。；;！!？?\n]{0,6}?"
    r"(?:均?与[^。；;！!？?\n]{0,8}不符|(?:均|都)?(?:是|为|属于?)(?:虚假|骗局|不实|违规|违法)"
    r"|不可信|不属实|不实|是假的)"
)


# A sentence about the past (2017年以前：…, 在2016年之前…, 此前…) and the sentence after it that
# goes on about the same thing (该考试…, 其证书…): what was, not what the advert offers now.
_PAST_START = re.compile(
    r"\s*(?:在|于)?(?:\d{4}\s*年(?:以前|之前|前)|此前|以前|过去|当时|早年|曾经)"
)
_GOES_ON = re.compile(r"\s*(?:该|其|此|这|当时)")
# A clause that says the thing ended (人社部停止了该项考试, 其证书不再颁发, 取消多项职业资格…).
_ENDED = re.compile(
    r"不再(?:颁发|发放|核发|发证|认定|鉴定|组织|举办|开展|进行|统一|是|属于|列入|纳入)|停止|取消|撤销"
    r"|废止|已退出|退出了?(?:国家职业资格)?目录"
    # 心理咨询师考试就转移到了第三方机构: no longer the state's.
    r"|转(?:移|交)?了?(?:到|至|给|由)了?第三方"
)
# …现在30天拿证: the sentence has come back to the present before the phrase.
_PRESENT = re.compile(r"现在|目前|如今|当前|现已|现由|今年|本期|本次|本校|我们|我校|即日起")


def negated(folded: str, start: int) -> bool:
    """Whether the words just before ``start``, in its clause, deny or warn against it, or
    its sentence reports it only to reject it, or speaks of the past or of its end."""
    before = folded[max(0, start - 12) : start]
    marks = list(_CLAUSE_MARK.finditer(before))
    if marks:
        before = before[marks[-1].end() :]
    return (
        bool(_NEGATION.search(before))
        or _rejected_claim(folded, start)
        or in_the_past(folded, start)
    )


def in_the_past(folded: str, start: int) -> bool:
    """The clause says it ended (停止, 不再, 取消), or the sentence is about the past: it
    begins 2017年以前 / 此前 …, or it goes on (该…, 其…) from a sentence that does."""
    left, right = clause_bounds(folded, start, start + 1)
    if _ENDED.search(folded, left, right):
        return True
    begin = _sentence_start(folded, start)
    if _PRESENT.search(folded, begin, start):
        return False
    if _PAST_START.match(folded, begin):
        return True
    if begin > 0 and _GOES_ON.match(folded, begin):
        previous = _sentence_start(folded, begin - 1)
        return bool(_PAST_START.match(folded, previous)) and not _PRESENT.search(
            folded, previous, begin
        )
    return False


def _sentence_start(folded: str, position: int) -> int:
    marks = _sentence_marks(folded)
    before = bisect.bisect_left(marks, position)
    return marks[before - 1] + 1 if before else 0


@lru_cache(maxsize=8)
def _sentence_marks(folded: str) -> list[int]:
    return [m.start() for m in _SENTENCE_MARK.finditer(folded)]


def _rejected_claim(folded: str, start: int) -> bool:
    window = folded[max(0, start - 48) : start]
    marks = list(_SENTENCE_MARK.finditer(window))
    sentence_before = window[marks[-1].end() :] if marks else window
    if _DENIED_BEFORE.search(sentence_before):
        return True
    if not _REPORTED_BEFORE.search(sentence_before):
        return False
    after = folded[start : start + 80]
    cut = _SENTENCE_MARK.search(after)
    return bool(_REJECTED_AFTER.search(after[: cut.start()] if cut else after))


def clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, colons and sentence ends) around a span."""
    marks = _clause_marks(folded)
    left = bisect.bisect_left(marks, start)
    right = bisect.bisect_left(marks, end)
    return (marks[left - 1] + 1 if left else 0), (
        marks[right] if right < len(marks) else len(folded)
    )


@lru_cache(maxsize=8)
def _clause_marks(folded: str) -> list[int]:
    return [m.start() for m in _CLAUSE_MARK.finditer(folded)]


def occurrences(pattern: re.Pattern, folded: str, start: int = 0, end: int | None = None):
    """The pattern's matches that are not negated."""
    end = len(folded) if end is None else end
    return (m for m in pattern.finditer(folded, start, end) if not negated(folded, m.start()))


def first(pattern: re.Pattern, folded: str, start: int = 0, end: int | None = None):
    return next(iter(occurrences(pattern, folded, start, end)), None)


def matches(pattern: re.Pattern, folded: str) -> Iterator[re.Match]:
    return iter(occurrences(pattern, folded))
