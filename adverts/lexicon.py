"""The rules' data that the advert check reads from the project's ``data/``.

``advert_phrases.csv`` (the 2022 lexicon, 人社厅发〔2025〕60号, 招转培), ``forbidden_wording.csv``
(rule 6 and the 2022 campaign) and ``colloquial_names.csv`` (电工证, 焊工证), read once per
process: they ship with the code and change only with a release.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Phrase:
    """One row of advert_phrases.csv: a phrase (or pattern) and the document it rests on."""

    phrase: str
    signals: str
    document: str
    verification: str
    source: str


@dataclass(frozen=True)
class ColloquialMeaning:
    """One meaning of an everyday certificate name (one row of colloquial_names.csv)."""

    colloquial_name: str
    certificate: str
    issued_by: str
    licenses_work: bool
    catalogue_item: str
    verification: str


def _rows(name: str) -> list[dict[str, str]]:
    path = Path(settings.BASE_DIR) / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def advert_phrases() -> dict[str, list[Phrase]]:
    """Each phrase with every document that lists it (包过 is in two)."""
    found: dict[str, list[Phrase]] = {}
    for row in _rows("advert_phrases.csv"):
        phrase = Phrase(
            row["phrase"], row["signals"], row["document"], row["verification"], row["source"]
        )
        found.setdefault(row["phrase"], []).append(phrase)
    return found


def phrase(text: str) -> Phrase | None:
    """The data row for a phrase, the official document first; None if the data lacks it."""
    rows = advert_phrases().get(text, [])
    official = [p for p in rows if p.verification.startswith("official")]
    return (official or rows or [None])[0]


@cache
def forbidden_advert_words() -> tuple[str, ...]:
    """Words forbidden_wording.csv lists for adverts (applies_to advert or both)."""
    rows = _rows("forbidden_wording.csv")
    words = [r["text"] for r in rows if r["applies_to"] in ("advert", "both")]
    return tuple(dict.fromkeys(words))


@cache
def colloquial_names() -> dict[str, list[ColloquialMeaning]]:
    meanings: dict[str, list[ColloquialMeaning]] = {}
    for row in _rows("colloquial_names.csv"):
        meaning = ColloquialMeaning(
            row["colloquial_name"],
            row["certificate"],
            row["issued_by"],
            row["licenses_work"] == "yes",
            row["catalogue_item"],
            row["verification"],
        )
        meanings.setdefault(row["colloquial_name"], []).append(meaning)
    return meanings
