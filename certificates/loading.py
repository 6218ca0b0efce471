"""Reading and validating an issuing body's CSV of certificates, row by row.

Columns (a header row is required, in any order): qualification (the catalogue id or the
exact name of a qualification or sub-item), number, holder_name, identity_number (may be
empty), issuer, issued_on (YYYY-MM-DD), status (valid / revoked / expired or 有效 / 已撤销 /
已过期; empty means valid). Every row is checked and every bad row is reported with its
line number and reason (registry_rules.Problem); a malformed line (NUL or other control
bytes, a field over the CSV limit, bytes that are not UTF-8) is a bad row like any other.
Rows stream: nothing holds the whole file.
"""

import csv
import datetime
import hmac
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import gettext

from catalogue.models import Qualification
from portal.spreadsheets import csv_text_problem

from . import registry_rules as rules
from .identity import identity_fold
from .models import CertificateStatus
from .numbers import certificate_number_normalise
from .registry_rules import Problem

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
# Control characters other than tab: NUL would break COPY, the others are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PROGRESS_EVERY = 10_000


class HeaderError(ValueError):
    """The file cannot be read at all: no header, or a required column missing."""


class Row(NamedTuple):
    """One valid certificate, ready to store (a tuple: millions are made per load)."""

    line: int
    qualification_id: int
    number: str
    number_key: str  # numbers.certificate_number_normalise(number)
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
    errors: list[tuple[int, Problem]] = field(default_factory=list)
    seconds: float = 0.0
    phase: str = "reading"
    loaded: bool = False  # False: validated only, or refused (nothing was written)
    duplicate_firsts: set[int] = field(default_factory=set)  # first lines already reported

    @property
    def rejected(self) -> int:
        return len(self.errors)

    @property
    def unchanged(self) -> int:
        return self.rows_read - self.rejected - self.inserted - self.updated

    def reject(self, line: int, problem: Problem) -> None:
        self.errors.append((line, problem))

    def sorted_errors(self) -> list[tuple[int, Problem]]:
        return sorted(self.errors, key=lambda error: error[0])


Progress = Callable[[LoadReport], None]


class RowReader:
    """Turns CSV lines into valid :class:`Row` objects, recording bad ones in the report.

    ``issuers`` are the issuing bodies the user registers for (None: all, a superuser).
    """

    def __init__(self, report: LoadReport, issuers: set[str] | None, progress: Progress):
        self.report = report
        self.issuers = issuers
        self.progress = progress
        self.qualifications = qualification_lookup()
        self.retirements = retirement_lookup()
        self.today = datetime.date.today().isoformat()
        self._key = settings.IDENTITY_HMAC_KEY.encode()

    def rows(self, text: Iterable[str]) -> Iterator[Row]:
        reader = csv.reader(text)
        try:
            header = next(reader, None)
        except csv.Error as error:
            raise HeaderError(_unreadable(error).message()) from None
        indexes = _header_indexes(header)
        width = len(header)
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self._count()
                self._reject(reader.line_num, _unreadable(error))
                continue
            self._count()
            if len(values) != width:
                if values:  # a blank line is skipped silently
                    params = {"expected": width, "given": len(values)}
                    self._reject(reader.line_num, Problem("columns", params))
                continue
            given = Given(*[values[i].strip() if i is not None else "" for i in indexes])
            row = self._row(reader.line_num, given)
            if row is not None:
                yield row

    def _count(self) -> None:
        self.report.rows_read += 1
        if self.report.rows_read % PROGRESS_EVERY == 0:
            self.progress(self.report)

    def _row(self, line: int, given: "Given") -> Row | None:
        identity = identity_fold(given.identity_number) if given.identity_number else ""
        key = certificate_number_normalise(given.number)
        problem = _problem(given, identity, key) or self._lookup_problem(given)
        if problem:
            self._reject(line, problem)
            return None
        return Row(
            line,
            self.qualifications[given.qualification],
            given.number,
            key,
            given.holder_name,
            hmac.digest(self._key, identity.encode(), "sha256").hex() if identity else "",
            given.issuer,
            given.issued_on,
            STATUS_WORDS[given.status.lower()],
        )

    def _reject(self, line: int, problem: Problem) -> None:
        self.report.reject(line, problem)

    def _lookup_problem(self, given: "Given") -> Problem | None:
        problem = rules.registrar_acts_for_issuer(given.issuer, self.issuers)
        if problem:
            return problem
        qualification = self.qualifications.get(given.qualification)
        if qualification is None:
            return Problem("qualification", {"value": given.qualification[:60]})
        if given.issued_on > self.today:
            return Problem("future", {"value": given.issued_on})
        retirement = self.retirements.get(qualification)
        if retirement is None:
            return None
        issued_on = datetime.date.fromisoformat(given.issued_on)
        return rules.issued_within_the_catalogue(issued_on, *retirement)


class Given(NamedTuple):
    """One line's values, stripped, in COLUMNS + OPTIONAL_COLUMNS order."""

    qualification: str
    number: str
    holder_name: str
    identity_number: str
    issuer: str
    issued_on: str
    status: str


def header_check(head: bytes) -> None:
    """Raise HeaderError unless the first line of a file names the required columns."""
    if problem := csv_text_problem(head[:4]):
        raise HeaderError(problem)
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    _header_indexes(next(csv.reader([first]), None))


def _header_indexes(header: list[str] | None) -> list[int | None]:
    """Where each of COLUMNS + OPTIONAL_COLUMNS is in the file (None: optional, absent)."""
    if not header:
        raise HeaderError(gettext("文件为空：第一行须为列名。"))
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise HeaderError(
            gettext("第一行（列名）缺少：%(columns)s") % {"columns": ", ".join(missing)}
        )
    return [names.index(c) if c in names else None for c in COLUMNS + OPTIONAL_COLUMNS]


def _unreadable(error: csv.Error) -> Problem:
    if "field larger than field limit" in str(error):
        return Problem("field_too_long", {"limit": csv.field_size_limit()})
    return Problem("unreadable", {"detail": str(error)})


def _problem(given: Given, identity: str, key: str) -> Problem | None:
    joined = "".join(given)
    if "\ufffd" in joined:
        return Problem("encoding", {})
    if _CONTROL.search(joined):
        return Problem("control_character", {})
    if not _NUMBER.match(given.number):
        return Problem("number", {"number": given.number[:64]})
    if problem := rules.number_has_a_key(given.number, key):
        return problem
    if not given.holder_name or len(given.holder_name) > 100:
        return Problem("holder_name", {})
    if not given.issuer or len(given.issuer) > 200:
        return Problem("issuer", {})
    if identity and not _IDENTITY.match(identity):
        return Problem("identity_number", {})
    if not _valid_date(given.issued_on):
        return Problem("issued_on", {"value": given.issued_on[:40]})
    if given.status.lower() not in STATUS_WORDS:
        return Problem("status", {"value": given.status[:40]})
    return None


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


def retirement_lookup() -> dict[int, tuple[datetime.date, str, bool]]:
    """Retired qualification id → (retired on, by which document, still issued?).

    Still issued: the catalogue names an equivalent successor, so the qualification goes
    on under another name and its certificates are still issued.
    """
    retired = Qualification.objects.retired().values_list(
        "id", "retired_on", "retirement_document", "successor_id", "successor_equivalent"
    )
    return {
        pk: (retired_on, document, successor is not None and bool(equivalent))
        for pk, retired_on, document, successor, equivalent in retired
    }


def open_text(binary: io.BufferedIOBase) -> io.TextIOWrapper:
    """UTF-8 (with or without BOM); undecodable bytes become U+FFFD and fail their row."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
