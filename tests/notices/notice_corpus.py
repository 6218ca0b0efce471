"""The corpus of real documents (tests/notices/corpus/) and the field accuracy over it.

Each `NAME.txt` is a document's plain text as published; `NAME.json` holds its source URL
and the chain written by hand from reading the text (outermost first; null where the text
does not say). A notice's six fields are compared after folding what is only typography:
spaces, ASCII against full-width punctuation, and the separators between joint issuers.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
FIELDS = ("doc_number", "issuer", "title", "recipients", "date", "forwards")
_WIDE = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "<": "〈", ">": "〉"})


@dataclass
class Document:
    name: str
    text: str
    source: str
    expected: list[dict]


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def documents() -> list[Document]:
    found = []
    for meta in sorted(CORPUS.glob("*.json")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        text = meta.with_suffix(".txt").read_text(encoding="utf-8")
        found.append(Document(meta.stem, text, data["source"], data["chain"]))
    return found


def fold(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    value = re.sub(r"\s+", "", unicodedata.normalize("NFC", value)).translate(_WIDE)
    if name == "issuer":
        value = "、".join(part for part in re.split(r"[、，]", value) if part)
    return value


def score(document: Document, chain: list[dict]) -> Score:
    """Fields read right over the expected chain; a notice read in excess counts wrong."""
    result = Score()
    for n in range(max(len(document.expected), len(chain))):
        want = document.expected[n] if n < len(document.expected) else {}
        got = chain[n] if n < len(chain) else None
        for name in FIELDS:
            result.total += 1
            expected, read = fold(name, want.get(name)), None
            if got is not None:
                read = fold(name, got.get(name))
            if got is not None and n < len(document.expected) and read == expected:
                result.right += 1
            else:
                result.misses.append(f"{document.name}[{n}].{name}: {read!r} ≠ {expected!r}")
    return result
