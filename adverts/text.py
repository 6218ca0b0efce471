"""Reading an advert's text without losing the position of any character.

:func:`fold` maps every character to one character (full width to half width, traditional
to simplified, upper to lower case), so a match in the folded text has the same span in the
advert as pasted. :func:`sentences` cuts the text where Chinese sentences end.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

_converter = opencc.OpenCC("t2s")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).casefold()
    folded = _converter.convert(folded) if len(folded) == 1 else char
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """The text folded character by character: ``len(fold(t)) == len(t)``."""
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """The sentences of the text, each with its span; the end mark belongs to the sentence."""
    found, start = [], 0
    for mark in _SENTENCE_END.finditer(text):
        if text[start : mark.end()].strip():
            found.append(Sentence(start, mark.end(), text[start : mark.end()]))
        start = mark.end()
    if text[start:].strip():
        found.append(Sentence(start, len(text), text[start:]))
    return found


def sentence_at(found: list[Sentence], position: int, starts: list[int] | None = None) -> Sentence:
    """The sentence holding ``position`` (the last one that starts at or before it)."""
    starts = [s.start for s in found] if starts is None else starts
    index = bisect.bisect_right(starts, position) - 1
    return found[max(index, 0)]
