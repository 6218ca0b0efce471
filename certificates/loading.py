"""Reading and validating an issuing body's CSV of certificates, row by row.

Columns (a header row is required, in any order): qualification (the catalogue id or the
exact name of a qualification or sub-item), number, holder_name, identity_number (may be
empty), issuer, issued_on (YYYY-MM-DD), status (valid / revoked / expired or 有效 / 已撤销 /
已过期; empty means valid). Every row is checked; a bad row is reported with its line
number and reason and the others still load. Rows stream: nothing holds the whole file.
"""

import csv
import datetime
import hmac
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings

from catalogue.models import Qualification

from .identity import identity_fold
from .models import CertificateStatus

COLUMNS = ("qualification", "number", "holder_name", "identity_number", "issuer", "issued_on")
OPTIONAL_COLUMNS = ("status",)
STATUS_WORDS = {
    "": CertificateStatus.VALID,
    "valid": CertificateStatus.VALID,
    "有效": CertificateStatus.VALID,
    "revoked": CertificateStatus.REVOKED,
    "撤销": CertificateStatus.REVOKED,
    "已撤销": CertificateStatus.REVOKED,
    "expired": CertificateStatus.EXPIRED,
    "过期": CertificateStatus.EXPIRED,
    "已过期": CertificateStatus.EXPIRED,
}
_NUMBER = re.compile(r"^[0-9A-Za-z\-_/.()（）]{1,64}$")
_IDENTITY = re.compile(r"^[0-9A-Z]{6,40}$")
MAX_ERRORS_KEPT = 1000


class HeaderError(ValueError):
    """The file cannot be read at all: no header, or a required column missing."""


class Row(NamedTuple):
    """One valid certificate, ready to store (a tuple: millions are made per load)."""

    line: int
    qualification_id: int
    number: str
    holder_name: str
    holder_identity_hmac: str
    issuer: str
    issued_on: str  # validated YYYY-MM-DD
    status: str


@dataclass
class LoadReport:
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    rejected: int = 0
    seconds: float = 0.0

    @property
    def unchanged(self) -> int:
        return self.rows_read - self.rejected - self.inserted - self.updated

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append((line, reason))


class RowReader:
    """Turns CSV lines into valid :class:`Row` objects, recording bad ones in the report."""

    def __init__(self, report: LoadReport):
        self.report = report
        self.qualifications = qualification_lookup()
        self.today = datetime.date.today().isoformat()
        self._key = settings.IDENTITY_HMAC_KEY.encode()

    def rows(self, text: Iterable[str]) -> Iterator[Row]:
        reader = csv.reader(text)
        header = next(reader, None)
        indexes = _header_indexes(header)
        width = len(header)
        for values in reader:
            self.report.rows_read += 1
            if len(values) != width:
                if values:  # a blank line is skipped silently
                    self._reject(reader.line_num, f"expected {width} columns, got {len(values)}")
                continue
            given = Given(*[values[i].strip() if i is not None else "" for i in indexes])
            row = self._row(reader.line_num, given)
            if row is not None:
                yield row

    def _row(self, line: int, given: "Given") -> Row | None:
        identity = identity_fold(given.identity_number) if given.identity_number else ""
        reason = _problem(given, identity) or self._lookup_problem(given)
        if reason:
            self._reject(line, reason)
            return None
        return Row(
            line,
            self.qualifications[given.qualification],
            given.number,
            given.holder_name,
            hmac.digest(self._key, identity.encode(), "sha256").hex() if identity else "",
            given.issuer,
            given.issued_on,
            STATUS_WORDS[given.status.lower()],
        )

    def _reject(self, line: int, reason: str) -> None:
        self.report.reject(line, reason)

    def _lookup_problem(self, given: "Given") -> str:
        if given.qualification not in self.qualifications:
            return f"unknown qualification {given.qualification!r} (use the catalogue id)"
        if given.issued_on > self.today:
            return f"issued_on {given.issued_on} is in the future"
        return ""


class Given(NamedTuple):
    """One line's values, stripped, in COLUMNS + OPTIONAL_COLUMNS order."""

    qualification: str
    number: str
    holder_name: str
    identity_number: str
    issuer: str
    issued_on: str
    status: str


def _header_indexes(header: list[str] | None) -> list[int | None]:
    """Where each of COLUMNS + OPTIONAL_COLUMNS is in the file (None: optional, absent)."""
    if not header:
        raise HeaderError("the file is empty: a header row naming the columns is required")
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise HeaderError(f"header row lacks column(s): {', '.join(missing)}")
    return [names.index(c) if c in names else None for c in COLUMNS + OPTIONAL_COLUMNS]


def _problem(given: Given, identity: str) -> str:
    if "\ufffd" in given.holder_name or "\ufffd" in given.issuer:
        return "not valid UTF-8 text"
    if not _NUMBER.match(given.number):
        return f"number {given.number!r} is empty, too long or has characters not allowed"
    if not given.holder_name or len(given.holder_name) > 100:
        return "holder_name is empty or longer than 100 characters"
    if not given.issuer or len(given.issuer) > 200:
        return "issuer is empty or longer than 200 characters"
    if identity and not _IDENTITY.match(identity):
        return "identity_number must be 6–40 letters or digits"
    if not _valid_date(given.issued_on):
        return f"issued_on {given.issued_on!r} is not a date (YYYY-MM-DD)"
    if given.status.lower() not in STATUS_WORDS:
        return f"status {given.status!r} is not valid, revoked or expired"
    return ""


def _valid_date(text: str) -> bool:
    """YYYY-MM-DD and a real day (fromisoformat alone also takes 20200101 or 2020-W01)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def qualification_lookup() -> dict[str, int]:
    """Catalogue id (as text) or unambiguous exact name → qualification id."""
    rows = Qualification.objects.values_list("id", "name")
    lookup = {str(pk): pk for pk, _ in rows}
    by_name: dict[str, set[int]] = {}
    for pk, name in rows:
        by_name.setdefault(name, set()).add(pk)
    lookup |= {name: ids.pop() for name, ids in by_name.items() if len(ids) == 1}
    return lookup


def open_text(binary: io.BufferedIOBase) -> io.TextIOWrapper:
    """UTF-8 (with or without BOM); undecodable bytes become U+FFFD and fail their row."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
