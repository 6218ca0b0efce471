"""Reading an advert's text without losing the position of any character.

The advert is folded by :func:`catalogue.text.fold_keeping_offsets` (every character to one
character: full width to half width, traditional to simplified, upper to lower case), so a
match in the folded text has the same span in the advert as pasted. :func:`sentences` cuts
the text where Chinese sentences end.
"""

import bisect
import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


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
