"""Reading the shipped catalogue data (data/*.csv) into plain records.

Framework-free: this module only parses. Which row of one edition is the same
qualification as a row of another is decided here, from the data alone (same name, a
rename or reclassification the 2021 announcement records, a sub-item promoted to an item,
or one name contained in the other within the same category), and every such decision is
reported so that a maintainer can check it.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..identity import same_qualification_name
from ..text import normalise

NOT_CAPTURED = "[not captured]"


@dataclass
class SubItemRecord:
    name: str
    departments: list[str] = field(default_factory=list)
    legal_basis: str = ""


@dataclass
class EntryRecord:
    edition: int
    seq: int | None
    name: str
    category: str
    kind: str
    departments: list[str]
    legal_basis: str
    remarks: str
    source: str
    sub_items: list[SubItemRecord]
    verification: str = ""
    note: str = ""

    @property
    def verified(self) -> bool:
        """Every filled field read from the official table (data/SOURCES.md: official)."""
        return self.verification == "official"


@dataclass
class EditionRecord:
    year: int
    title: str
    announcing_document: str
    announced_on: str
    official: dict[str, int | None]
    source: str
    note: str = ""


@dataclass
class ChangeRecord:
    action: str
    name: str
    new_name: str
    kind_before: str
    kind_after: str
    parent: str
    note: str
    source: str


@dataclass
class BatchRecord:
    batch: int
    decided_on: str
    published_on: str
    document: str
    items_cancelled: int | None
    verification: str
    source: str
    note: str


@dataclass
class CancellationRecord:
    batch: int
    name: str
    category: str
    kind: str
    verification: str
    source: str
    note: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _int_or_none(value: str) -> int | None:
    return int(value) if value else None


def _split(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def _per_sub_item(cell: str, sub_names: list[str]) -> tuple[str, dict[str, str]]:
    """Split a cell into the item's own value and values written "sub-item: value"."""
    own, per_sub = [], {}
    for part in _split(cell, " | "):
        name, sep, value = part.partition(": ")
        if sep and name in sub_names:
            per_sub[name] = "" if value == NOT_CAPTURED else value
        else:
            own.append(part)
    return " | ".join(own), per_sub


def _departments(value: str) -> list[str]:
    return [d for d in _split(value, "；") if d != NOT_CAPTURED]


def read_entries(path: Path) -> list[EntryRecord]:
    entries = []
    for row in _rows(path):
        sub_names = _split(row["sub_items"], " | ")
        departments, sub_departments = _per_sub_item(row["departments"], sub_names)
        legal_basis, sub_basis = _per_sub_item(row["legal_basis"], sub_names)
        subs = [
            SubItemRecord(n, _departments(sub_departments.get(n, "")), sub_basis.get(n, ""))
            for n in sub_names
        ]
        entries.append(
            EntryRecord(
                edition=int(row["edition"]),
                seq=_int_or_none(row["seq"]),
                name=row["name"],
                category=row["category"],
                kind=row["kind"],
                departments=_departments(departments),
                legal_basis=legal_basis,
                remarks=row["remarks"],
                source=row["source"],
                sub_items=subs,
                verification=row.get("verification", ""),
                note=row.get("note", ""),
            )
        )
    return entries


def read_editions(path: Path) -> list[EditionRecord]:
    keys = [
        "official_total",
        "professional_technical_access",
        "professional_technical_level_evaluation",
        "skilled_access",
        "skilled_level_evaluation",
        "skilled_total",
    ]
    return [
        EditionRecord(
            year=int(row["edition"]),
            title=row["title"],
            announcing_document=row["announced_by"],
            announced_on=row["announced_on"],
            official={key: _int_or_none(row[key]) for key in keys},
            source=row["source"],
            note=row.get("note", ""),
        )
        for row in _rows(path)
    ]


def read_changes(path: Path) -> list[ChangeRecord]:
    previous_source = ""
    changes = []
    for row in _rows(path):
        # "same announcement" / "same" point back at the row above.
        source = previous_source if row["source"].startswith("same") else row["source"]
        previous_source = source
        changes.append(
            ChangeRecord(
                row["action"],
                row["name"],
                row["new_name"],
                row["kind_before"],
                row["kind_after"],
                row["parent"],
                row["note"],
                source,
            )
        )
    return changes


def read_batches(path: Path) -> list[BatchRecord]:
    return [
        BatchRecord(
            batch=int(row["batch"]),
            decided_on=row["decided_on"],
            published_on=row["published_on"],
            document=row["document"],
            items_cancelled=_int_or_none(row["items_cancelled"]),
            verification=row["verification"],
            source=row["source"],
            note=row["note"],
        )
        for row in _rows(path)
    ]


def read_cancellations(path: Path) -> list[CancellationRecord]:
    return [
        CancellationRecord(
            batch=int(row["batch"]),
            name=row["name"],
            category=row["category"],
            kind=row["kind"],
            verification=row["verification"],
            source=row["source"],
            note=row["note"],
        )
        for row in _rows(path)
    ]


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a rules' data file (exits, services, wording …), values stripped."""
    return _rows(path)


def same_name(a: str, b: str) -> bool:
    """The catalogue's one answer (identity.py), for the loader's matching."""
    return same_qualification_name(a, b)


def contained_names(a: str, b: str) -> bool:
    """One name inside the other: 民用核安全设备无损检验人员资格 / 核安全设备无损检验人员资格."""
    na, nb = normalise(a), normalise(b)
    return min(len(na), len(nb)) >= 4 and (na in nb or nb in na)
