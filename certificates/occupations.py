"""Recognised occupations that are not qualifications (data/occupations.csv).

An occupation of the 《职业分类大典》 or of a new-occupation announcement is not a national
qualification: "…是《职业分类大典》或新职业公告中的职业，不是国家职业资格；其职业技能等级证书仅
在已备案机构的备案范围内有效" (research, certificates.md §5–§6). The file lists only
occupations a cited source names, with the names under which their certificates are sold;
the check answers ``occupation`` only when a name is exactly one of these (after the
certificate words are stripped), never on a likeness.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from catalogue.text import normalise

from .matching import core

OCCUPATIONS_CSV = Path(settings.BASE_DIR) / "data" / "occupations.csv"


@dataclass(frozen=True)
class Occupation:
    name: str
    announced: str
    names_seen: tuple[str, ...]
    verification: str
    source: str
    note: str


def read_occupations(path: Path = OCCUPATIONS_CSV) -> list[Occupation]:
    """The listed occupations; none when the file is absent."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Occupation(
                name=row["name"].strip(),
                announced=row["announced"].strip(),
                names_seen=tuple(n.strip() for n in row["names_seen"].split("|") if n.strip()),
                verification=row["verification"].strip(),
                source=row["source"].strip(),
                note=row["note"].strip(),
            )
            for row in csv.DictReader(handle)
            if row["name"].strip()
        ]


def occupation_index(occupations: list[Occupation]) -> dict[str, Occupation]:
    """Each occupation under the bare form of its name and of the names it is sold as."""
    index = {}
    for occupation in occupations:
        for name in (occupation.name, *occupation.names_seen):
            index[core(normalise(name))] = occupation
    return index


def occupation_named(index: dict[str, Occupation], name: str) -> Occupation | None:
    """The listed occupation this name certainly is, or None."""
    return index.get(core(normalise(name)))
