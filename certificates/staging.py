"""Staging a CSV of certificates in PostgreSQL: COPY the lines, validate them set-wise.

The fast path of a load on PostgreSQL. The file is COPYed as it is, one line per row, and one
statement checks every line by the rules of loading.RowReader (the same Problem codes, params
and line numbers), computes number_key and the identity HMAC, and stages the good rows for
bulk.reject_duplicates and bulk.merge. Python reads the file once, to hash it and to decide
(:func:`scan`) whether PostgreSQL's reading of it is certainly the csv module's, then hands
it to COPY unparsed. That is so when the file has no quote character at all (so one line is
one row and a comma always separates), is UTF-8, has no NUL, one kind of line end, no line
COPY would take as its end marker and no line longer than csv.field_size_limit(). Any other
file takes the Python reader (loading.RowReader).
"""

import codecs
import csv
import datetime
import functools
import hashlib
import io
import json
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.db import connection

from . import bulk
from .loading import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    PROGRESS_EVERY,
    STATUS_WORDS,
    LoadReport,
    Progress,
    _header_indexes,
    qualification_lookup,
    retirement_lookup,
)
from .registry_rules import Problem

BLOCK = 1 << 20
_LINES = "certificates_lines"
_KEYS = "certificates_qualification_keys"
_KEY = "certificates_hmac_pads"
# The two bytes COPY is told are its delimiter and quote: a file holding either is not copied.
_DELIMITER, _QUOTE = "\x01", "\x02"
_REFUSED_BYTES = (b"\x00", _DELIMITER.encode(), _QUOTE.encode(), b'"')
_END_MARKERS = (b"\n\\.\n", b"\n\\.\r\n")  # a line "\." ends COPY's data
# Control bytes, and the UTF-8 of U+FFFD and of whitespace beyond space and tab (U+0085,
# U+00A0, U+1680, U+2000–U+202F by their first two bytes, U+205F, U+3000): a file without
# any is plain, and no line of it needs the full reading of _RARE.
_CONTROL_BYTES = bytes([*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_RARE_BYTES = (b"\xc2\x85", b"\xc2\xa0", b"\xe1\x9a\x80", b"\xe2\x80", b"\xe2\x81\x9f")
_RARE_BYTES += (b"\xe3\x80\x80", b"\xef\xbf\xbd")


@dataclass
class Scan:
    sha256: str
    copyable: bool
    plain: bool = False


def scan(file: BinaryIO) -> Scan:
    """Hash the file and say whether COPY reads it as the csv module does (see above)."""
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
    copyable = plain = True
    tail = b"\n"  # the file begins a line
    crs = lfs = crlfs = 0
    while block := file.read(BLOCK):
        digest.update(block)
        if not copyable:
            continue
        joined = tail + block
        crs += block.count(b"\r")
        lfs += block.count(b"\n")
        crlfs += joined.count(b"\r\n") - tail.count(b"\r\n")
        copyable = _copyable_block(decoder, block, joined)
        plain = plain and _plain_block(joined)
        tail = joined[-4:]
    file.seek(0)
    ends = crs == 0 or crs == crlfs == lfs  # only \n, or only \r\n (COPY wants one kind)
    if tail.endswith((b"\n\\.", b"\n\\.\r")):
        copyable = False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        copyable = False
    return Scan(digest.hexdigest(), copyable and ends, plain)


def _copyable_block(decoder, block: bytes, joined: bytes) -> bool:
    if any(byte in block for byte in _REFUSED_BYTES):
        return False
    if any(marker in joined for marker in _END_MARKERS):
        return False
    try:
        decoder.decode(block)
    except UnicodeDecodeError:
        return False
    return True


def _plain_block(joined: bytes) -> bool:
    if len(joined.translate(None, _CONTROL_BYTES)) != len(joined):
        return False
    return not any(sequence in joined for sequence in _RARE_BYTES)


@functools.cache
def _python_whitespace() -> str:
    """Every character str.strip() and str.split() take for a space."""
    return "".join(c for c in map(chr, range(0x110000)) if c.isspace())


@functools.cache
def _upper_to_ascii() -> list[tuple[str, str]]:
    """Characters NFKC keeps whose str.upper() is ASCII ("ß" → "SS", "ı" → "I")."""
    return [
        (c, c.upper())
        for c in map(chr, range(0x80, 0x110000))
        if c.upper().isascii() and unicodedata.normalize("NFKC", c) == c
    ]


def _hmac_pads() -> tuple[bytes, bytes]:
    """HMAC-SHA256 (RFC 2104) as PostgreSQL's sha256() computes it: the key's two pads."""
    key = settings.IDENTITY_HMAC_KEY.encode()
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


@functools.cache
def _lower_to_ascii() -> list[tuple[str, str]]:
    """Characters whose str.lower() is ASCII ("K", the Kelvin sign, → "k")."""
    return [(c, c.lower()) for c in map(chr, range(0x80, 0x110000)) if c.lower().isascii()]


def _replaced(value: str, pairs: list[tuple[str, str]], name: str) -> str:
    for i, _ in enumerate(pairs):
        value = f"replace({value}, %({name}_from_{i})s, %({name}_to_{i})s)"
    return value


# A character of a line that only the full reading handles: whitespace str.strip() takes
# beyond space and tab, control characters, U+FFFD. Most lines have none (a plain line).
_RARE = (
    "[\\x01-\\x08\\x0b-\\x1f\\x7f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029"
    "\\u202f\\u205f\\u3000\\ufffd]"
)


def _field(indexes: list[int | None], name: str) -> str:
    index = indexes[(COLUMNS + OPTIONAL_COLUMNS).index(name)]
    if index is None:
        return "''"
    field = f"f[{index + 1}]"
    return f"CASE WHEN plain THEN btrim({field}, E' \\t') ELSE btrim({field}, %(spaces)s) END"


def _identity() -> str:
    """identity.identity_fold in SQL: NFKC, no whitespace, upper case (ß → SS, ı → I)."""
    full = "translate(normalize(identity_number, NFKC), %(spaces)s, '')"
    full = _replaced(full, _upper_to_ascii(), "upper")
    plain = "replace(replace(identity_number, ' ', ''), E'\\t', '')"
    return (
        "upper(CASE WHEN plain AND octet_length(identity_number) = length(identity_number) "
        f'THEN {plain} ELSE {full} END COLLATE "C")'
    )


def _status() -> str:
    """str.lower() of the status in SQL (C collation: ASCII only, the rest spelled out)."""
    full = _replaced("status", _lower_to_ascii(), "lower")
    return (
        "lower(CASE WHEN octet_length(status) = length(status) THEN status "
        f'ELSE {full} END COLLATE "C")'
    )


# loading._valid_date: YYYY-MM-DD (ASCII digits), a real day of a year from 1 to 9999.
_DATE = """CASE WHEN length(issued_on) = 10 AND substr(issued_on, 5, 1) = '-'
    AND substr(issued_on, 8, 1) = '-' AND translate(issued_on, '0123456789', '') = '--'
    AND substr(issued_on, 1, 4) <> '0000' THEN CASE
        WHEN substr(issued_on, 6, 2)::int NOT BETWEEN 1 AND 12 THEN false
        WHEN substr(issued_on, 9, 2)::int BETWEEN 1 AND 28 THEN true
        WHEN substr(issued_on, 6, 2) = '02' THEN substr(issued_on, 9, 2) = '29' AND (
            substr(issued_on, 1, 4)::int %% 4 = 0 AND (substr(issued_on, 1, 4)::int %% 100 <> 0
            OR substr(issued_on, 1, 4)::int %% 400 = 0))
        WHEN substr(issued_on, 6, 2) IN ('04', '06', '09', '11')
            THEN substr(issued_on, 9, 2) IN ('29', '30')
        ELSE substr(issued_on, 9, 2) IN ('29', '30', '31')
    END ELSE false END"""


def _check_statement(indexes: list[int | None]) -> str:
    """One statement stages every line with its problem (loading._problem, then the
    lookups; None for a good row): the CASE keeps RowReader's order, the first rule broken
    is the one reported. Good rows get number_key, the identity HMAC and the partition.
    """
    given = ", ".join(f"{_field(indexes, name)} AS {name}" for name in COLUMNS + OPTIONAL_COLUMNS)
    joined = " || ".join(COLUMNS + OPTIONAL_COLUMNS)
    statuses = ", ".join(f"'{word}'" for word in STATUS_WORDS if word)
    status_of = " ".join(f"WHEN '{word}' THEN '{status}'" for word, status in STATUS_WORDS.items())
    part = bulk._PARTITION_OF
    return f"""
CREATE TEMPORARY TABLE {bulk._STAGING} ON COMMIT DROP AS
SELECT line, qualification_id, number, number_key, holder_name,
    CASE WHEN problem IS NOT NULL OR identity = '' THEN '' ELSE encode(sha256(
        (SELECT outer_pad FROM {_KEY}) || sha256((SELECT inner_pad FROM {_KEY})
        || identity::bytea)), 'hex') END AS holder_identity_hmac,
    issuer, CASE WHEN problem IS NULL THEN issued_on::date END AS issued_on,
    CASE status_word {status_of} END AS status,
    CASE WHEN problem IS NULL THEN {part} END AS part, problem
FROM (
    SELECT c.*, k.id AS qualification_id, CASE
        WHEN width <> %(width)s THEN jsonb_build_object(
            'code', 'columns', 'expected', %(width)s, 'given', width)
        WHEN NOT plain AND strpos(({joined}), U&'\\FFFD') > 0
            THEN jsonb_build_object('code', 'encoding')
        WHEN NOT plain AND ({joined}) ~ '[\\x01-\\x08\\x0b-\\x1f\\x7f]'
            THEN jsonb_build_object('code', 'control_character')
        WHEN number !~ '^[-0-9A-Za-z_/.()（）]+$' OR length(number) > 64
            THEN jsonb_build_object('code', 'number', 'number', left(number, 64))
        WHEN number_key = '' THEN jsonb_build_object('code', 'number_key', 'number', number)
        WHEN holder_name = '' OR length(holder_name) > 100
            THEN jsonb_build_object('code', 'holder_name')
        WHEN issuer = '' OR length(issuer) > 200 THEN jsonb_build_object('code', 'issuer')
        WHEN identity <> '' AND (identity !~ '^[0-9A-Z]+$' OR length(identity) NOT BETWEEN 6 AND 40)
            THEN jsonb_build_object('code', 'identity_number')
        WHEN NOT ({_DATE})
            THEN jsonb_build_object('code', 'issued_on', 'value', left(issued_on, 40))
        WHEN status_word NOT IN ('', {statuses})
            THEN jsonb_build_object('code', 'status', 'value', left(status, 40))
        WHEN NOT %(everyone)s AND issuer <> ALL(%(issuers)s::text[])
            THEN jsonb_build_object('code', 'not_registrar', 'issuer', issuer)
        WHEN k.id IS NULL
            THEN jsonb_build_object('code', 'qualification', 'value', left(qualification, 60))
        WHEN issued_on::date > %(today)s::date
            THEN jsonb_build_object('code', 'future', 'value', issued_on)
        WHEN k.retired_on IS NOT NULL AND NOT k.still_issued
            AND issued_on::date > k.retired_on THEN jsonb_build_object(
                'code', 'issued_after_retirement', 'issued_on', issued_on,
                'retired_on', k.retired_on::text, 'document', k.document)
    END AS problem
    FROM (
        SELECT g.*, {_identity()} AS identity,
            -- Back to the default collation: the merge's probes compare it with the stored
            -- key, and a key in "C" cannot use the (number_key, issuer) index.
            replace(upper(translate(number, '（）', '()') COLLATE "C"), '-', '')
                COLLATE "default" AS number_key,
            {_status()} AS status_word
        FROM (
            SELECT line, plain, cardinality(f) AS width, {given}
            FROM (
                SELECT line, %(plain)s OR raw !~ '{_RARE}' AS plain,
                    string_to_array(raw, ',') AS f
                FROM {_LINES} WHERE line > 1 AND raw IS NOT NULL OFFSET 0
            ) split OFFSET 0  -- each level once per row, not again at each use above it
        ) g OFFSET 0
    ) c LEFT JOIN {_KEYS} k ON k.key = c.qualification
    OFFSET 0
) checked
"""


def header(file: BinaryIO) -> tuple[list[int | None], int]:
    """The column indexes of the header line and its width (HeaderError if it lacks one)."""
    first = file.readline().decode("utf-8-sig")
    file.seek(0)
    names = next(csv.reader([first]), None)
    return _header_indexes(names), len(names or [])


def stage(
    file: BinaryIO, scanned: Scan, report: LoadReport, issuers: set[str] | None, progress
) -> bool:
    """COPY and check the file, staging its good rows; False (nothing staged) when a line is
    longer than csv.field_size_limit(), which the csv module alone reports as it does.
    """
    indexes, width = header(file)
    with connection.cursor() as cursor:
        _copy_lines(cursor, _Counting(file, report, progress))
        cursor.execute(f"SELECT count(*), max(length(raw)) FROM {_LINES} WHERE line > 1")
        rows_read, longest = cursor.fetchone()
        if (longest or 0) > csv.field_size_limit():
            cursor.execute(f"DROP TABLE {_LINES}")
            file.seek(0)
            report.rows_read = 0  # the Python reader counts again
            return False
        _create_keys(cursor)
        _copy_pads(cursor)
        params = _params(width, issuers) | {"plain": scanned.plain}
        cursor.execute(_check_statement(indexes), params)
        cursor.execute(f"DROP TABLE {_LINES}")
        cursor.execute(f"SELECT line, problem FROM {bulk._STAGING} WHERE problem IS NOT NULL")
        for line, problem in cursor.fetchall():
            params = json.loads(problem)  # Django leaves jsonb as text for its JSONField
            report.reject(line, Problem(params.pop("code"), params))
        if report.errors:
            cursor.execute(f"DELETE FROM {bulk._STAGING} WHERE problem IS NOT NULL")
        report.rows_read = rows_read
        bulk.index_staging(cursor)
    return True


class _Counting:
    """The file as COPY reads it, reporting progress every PROGRESS_EVERY lines after the
    header, as loading.RowReader does (rows_read is set exactly once the check is done)."""

    def __init__(self, file: BinaryIO, report: LoadReport, progress: Progress):
        self.file, self.report, self.progress = file, report, progress
        self.lines = -1  # the header's line is not a row

    def read(self, size: int = -1) -> bytes:
        block = self.file.read(size)
        before, self.lines = self.lines, self.lines + block.count(b"\n")
        for mark in range(
            (max(before, 0) // PROGRESS_EVERY + 1) * PROGRESS_EVERY, self.lines + 1, PROGRESS_EVERY
        ):
            self.report.rows_read = mark
            self.progress(self.report)
        return block


def _copy_lines(cursor, file: "_Counting") -> None:
    cursor.execute("SET LOCAL work_mem = '256MB'")
    # A caller's enclosing transaction may already hold them from an earlier load.
    tables = (_LINES, _KEYS, _KEY, bulk._STAGING, bulk._SEEN)
    cursor.execute(f"DROP TABLE IF EXISTS {', '.join(f'pg_temp.{t}' for t in tables)}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_LINES} (line bigint GENERATED ALWAYS AS IDENTITY, raw text) "
        "ON COMMIT DROP"
    )
    options = f"FORMAT csv, DELIMITER E'\\{ord(_DELIMITER):o}', QUOTE E'\\{ord(_QUOTE):o}'"
    cursor.cursor.copy_expert(f"COPY {_LINES} (raw) FROM STDIN ({options})", file, size=BLOCK)


def _copy_pads(cursor) -> None:
    """The HMAC key's pads reach PostgreSQL as COPY data, which no statement log records
    (a bind parameter would be: psycopg2 puts parameters into the statement's text)."""
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_KEY} (inner_pad bytea, outer_pad bytea) ON COMMIT DROP"
    )
    inner, outer = _hmac_pads()
    data = io.StringIO(f"\\\\x{inner.hex()}\t\\\\x{outer.hex()}\n")
    cursor.cursor.copy_expert(f"COPY {_KEY} (inner_pad, outer_pad) FROM STDIN", data)


def _create_keys(cursor) -> None:
    """What a qualification column may say (id or unique name) → the id and its retirement."""
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_KEYS} (key text PRIMARY KEY, id bigint, retired_on date, "
        "document text, still_issued bool) ON COMMIT DROP"
    )
    retirements = retirement_lookup()
    rows = []
    for key, pk in qualification_lookup().items():
        retired_on, document, still_issued = retirements.get(pk, (None, "", False))
        rows.append((key, pk, retired_on, f"（{document}）" if document else "", still_issued))
    cursor.executemany(f"INSERT INTO {_KEYS} VALUES (%s, %s, %s, %s, %s)", rows)
    cursor.execute(f"ANALYZE {_KEYS}")


def _params(width: int, issuers: set[str] | None) -> dict:
    params = {
        "width": width,
        "spaces": _python_whitespace(),
        "everyone": issuers is None,
        "issuers": sorted(issuers or []),
        "today": datetime.date.today().isoformat(),
    }
    for name, pairs in (("upper", _upper_to_ascii()), ("lower", _lower_to_ascii())):
        for i, (before, after) in enumerate(pairs):
            params |= {f"{name}_from_{i}": before, f"{name}_to_{i}": after}
    return params
