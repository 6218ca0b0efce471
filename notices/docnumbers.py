"""Document numbers (发文字号, 文号) such as 人社部发〔2017〕68号.

A number is the issuer's prefix (人社部发, 闽人社文, 榕人社培), the year in brackets and a
serial. People type the brackets as 〔〕, [], ［］, （）, () or 【】 and the digits full-width,
and some prefixes carry an inner tag (苏人社(L)[2009]144号);
every form parses to the same `DocNumber`, whose `canonical` form (with 〔〕) is the one
stored. Framework-free.
"""

import re
import unicodedata
from dataclasses import dataclass

OPEN_BRACKETS = "〔[［（(【〖〈<｛{"
CLOSE_BRACKETS = "〕]］）)】〗〉>｝}"

# The issuer's prefix, maybe with an inner tag: 苏人社(L)〔2009〕144号
_PREFIX = r"[\u3400-\u9fffA-Za-z]{1,20}?(?:\([A-Za-z\u3400-\u9fff]{1,4}\))?"
_NUMBER = re.compile(
    rf"(?P<prefix>{_PREFIX})\s*"
    rf"[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>(?:19|20)\d\d)\s*[{re.escape(CLOSE_BRACKETS)}]"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号"
)
NUMBER_PATTERN = _NUMBER.pattern
# Without 号 only when the whole input is a number (a search box, a form field).
_BARE = re.compile(_NUMBER.pattern.removesuffix("号") + "号?")


class InvalidDocNumber(ValueError):
    pass


@dataclass(frozen=True)
class DocNumber:
    prefix: str
    year: int
    serial: int

    @property
    def canonical(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.canonical


def _fold(text: str) -> str:
    """Full-width digits and letters to ASCII; spaces of every width removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _from_match(match: re.Match) -> DocNumber:
    return DocNumber(match["prefix"], int(match["year"]), int(match["serial"]))


def parse(text: str) -> DocNumber:
    """Parse a whole string as one document number, or raise InvalidDocNumber."""
    match = _BARE.fullmatch(_fold(text))
    if match is None:
        raise InvalidDocNumber(f"not a document number: {text!r}")
    return _from_match(match)


def canonical(text: str) -> str:
    """The stored form of a typed number; raises InvalidDocNumber."""
    return parse(text).canonical


def find_all(text: str) -> list[DocNumber]:
    """Every document number cited in running text, in order."""
    return [_from_match(m) for m in _NUMBER.finditer(_fold(text))]


def is_number_line(line: str) -> bool:
    """Whether a line of a document holds nothing but a document number."""
    match = _NUMBER.fullmatch(_fold(line))
    return match is not None


def search_form(text: str) -> str:
    """A partial number as typed, with its brackets and digits folded to the stored form.

    For searching by a fragment such as "[2017]68" when the input is not a whole number.
    """
    folded = _fold(text)
    folded = re.sub(f"[{re.escape(OPEN_BRACKETS)}]", "〔", folded)
    return re.sub(f"[{re.escape(CLOSE_BRACKETS)}]", "〕", folded)
