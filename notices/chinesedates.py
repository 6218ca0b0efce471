"""Dates as Chinese official documents print them.

2017年12月19日, ２０１７年１２月１９日, 2017 年 12 月 19 日 and 二〇一七年十二月十九日 (with 〇,
○, Ｏ, 0 or 零 for zero) all read as date(2017, 12, 19). Framework-free.
"""

import re
import unicodedata
from datetime import date

# Web copies also write the zero of a year in Chinese numerals as a Latin O or an ASCII 0
# (二OO六年, 二00五年).
_DIGITS = {"〇": 0, "○": 0, "◯": 0, "O": 0, "o": 0, "0": 0, "零": 0, "一": 1, "二": 2, "三": 3}
_DIGITS |= {"四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN = "〇○◯Oo0零一二三四五六七八九十"

_DATE = re.compile(
    rf"(?P<year>\d{{4}}|[{_HAN}]{{4}})年(?P<month>\d{{1,2}}|[{_HAN}]{{1,3}})月"
    rf"(?P<day>\d{{1,2}}|[{_HAN}]{{1,3}})日"
)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _number(text: str) -> int:
    """12, 十二, 二十一, 三十 or a digit-by-digit year such as 二〇一七."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def _to_date(match: re.Match) -> date | None:
    try:
        return date(_number(match["year"]), _number(match["month"]), _number(match["day"]))
    except (KeyError, ValueError):
        return None


def parse(text: str) -> date | None:
    """The date that a whole string spells, or None."""
    match = _DATE.fullmatch(_fold(text))
    return _to_date(match) if match else None


def find(text: str) -> date | None:
    """The first valid date written anywhere in running text, or None."""
    for match in _DATE.finditer(_fold(text)):
        found = _to_date(match)
        if found:
            return found
    return None


def find_with_rest(line: str) -> tuple[date, str, str] | None:
    """A date on a line with what stands before and after it, spaces removed."""
    folded = _fold(line)
    for match in _DATE.finditer(folded):
        found = _to_date(match)
        if found:
            return found, folded[: match.start()], folded[match.end() :]
    return None
