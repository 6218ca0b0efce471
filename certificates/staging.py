"""Staging a CSV of certificates in PostgreSQL: COPY the lines, validate them set-wise.

The fast path of a load on PostgreSQL. The file is COPYed as it is, one line per row, and one
statement checks every line by the rules of loading.RowReader (the same Problem codes, params
and line numbers), computes number_key and the identity HMAC, and stages the good rows for
bulk.reject_duplicates and bulk.merge. Python touches each byte once, to hash the file and
to decide (:func:`scan`) whether PostgreSQL's reading of it is certainly the csv module's:
no quote character at all (so one line is one row and a comma always separates), UTF-8,
no NUL, one kind of line end, no line that COPY would take as its end marker, no line longer
than csv.field_size_limit(). Any other file takes the Python reader (loading.RowReader).
"""

import codecs
import csv
import datetime
import functools
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.db import connection

from . import bulk
from .loading import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    STATUS_WORDS,
    LoadReport,
    _header_indexes,
    qualification_lookup,
    retirement_lookup,
)
from .registry_rules import Problem

BLOCK = 1 << 20
_LINES = "certificates_lines"
_KEYS = "certificates_qualification_keys"
# The two bytes COPY is told are its delimiter and quote: a file holding either is not copied.
_DELIMITER, _QUOTE = "\x01", "\x02"
_REFUSED_BYTES = (b"\x00", _DELIMITER.encode(), _QUOTE.encode(), b'"')
_END_MARKER = re.compile(rb"(?:^|\n)\\\.\r?(?:\n|$)")


@dataclass
class Scan:
    sha256: str
    copyable: bool


def scan(file: BinaryIO) -> Scan:
    """Hash the file and say whether COPY reads it as the csv module does (see above)."""
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8")()
    copyable, tail = True, b""
    crs = lfs = crlfs = 0
    while block := file.read(BLOCK):
        digest.update(block)
        if not copyable:
            continue
        joined = tail[-4:] + block
        crs += block.count(b"\r")
        lfs += block.count(b"\n")
        crlfs += joined.count(b"\r\n") - tail[-4:].count(b"\r\n")
        copyable = _copyable_block(decoder, block, joined)
        tail = joined
    file.seek(0)
    ends = crs == 0 or crs == crlfs == lfs  # only \n, or only \r\n (COPY wants one kind)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        copyable = False
    return Scan(digest.hexdigest(), copyable and ends)


def _copyable_block(decoder, block: bytes, joined: bytes) -> bool:
    if any(byte in block for byte in _REFUSED_BYTES) or _END_MARKER.search(joined):
        return False
    try:
        decoder.decode(block)
    except UnicodeDecodeError:
        return False
    return True


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


def _folded_identity(value: str) -> str:
    """SQL for identity.identity_fold before upper(): NFKC, no spaces, ß and ı spelled out."""
    folded = f"translate(normalize({value}, NFKC), %(spaces)s, '')"
    for i, _ in enumerate(_upper_to_ascii()):
        folded = f"replace({folded}, %(upper_from_{i})s, %(upper_to_{i})s)"
    return folded


def _field(indexes: list[int | None], name: str) -> str:
    index = indexes[(COLUMNS + OPTIONAL_COLUMNS).index(name)]
    return "''" if index is None else f"btrim(f[{index + 1}], %(spaces)s)"


def _check_statement(indexes: list[int | None]) -> str:
    """One statement: the problem of each line (loading._problem, then the lookups), the
    good rows staged. The CASE keeps RowReader's order: the first rule broken is reported.
    """
    given = ", ".join(f"{_field(indexes, name)} AS {name}" for name in COLUMNS + OPTIONAL_COLUMNS)
    joined = " || ".join(COLUMNS + OPTIONAL_COLUMNS)
    statuses = ", ".join(f"'{word}'" for word in STATUS_WORDS if word)
    status_of = " ".join(f"WHEN '{word}' THEN '{status}'" for word, status in STATUS_WORDS.items())
    # loading._valid_date: YYYY-MM-DD, a real day of year 1 to 9999. CASE guards make_date.
    date = (
        "CASE WHEN issued_on ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' "
        "AND substr(issued_on, 1, 4) <> '0000' THEN substr(issued_on, 9)::int <= extract("
        "day from make_date(substr(issued_on, 1, 4)::int, substr(issued_on, 6, 2)::int, 1) "
        "+ interval '1 month - 1 day') ELSE false END"
    )
    return f"""
WITH given AS (
    SELECT line, cardinality(f) AS width, {given}
    FROM (SELECT line, string_to_array(raw, ',') AS f FROM {_LINES}
          WHERE line > 1 AND raw IS NOT NULL) split
), folded AS (
    SELECT g.*, {_folded_identity("identity_number")} AS identity,
        replace(upper(translate(number, '（）', '()') COLLATE "C"), '-', '') AS number_key,
        CASE WHEN status ~ '^[A-Za-z]*$' THEN lower(status COLLATE "C") ELSE status END
            AS status_word,
        {joined} AS joined
    FROM given g
), checked AS (
    SELECT f.*, k.id AS qualification_id, CASE
        WHEN width <> %(width)s THEN jsonb_build_object(
            'code', 'columns', 'expected', %(width)s, 'given', width)
        WHEN strpos(joined, U&'\\FFFD') > 0 THEN jsonb_build_object('code', 'encoding')
        WHEN joined ~ '[\\x01-\\x08\\x0b-\\x1f\\x7f]'
            THEN jsonb_build_object('code', 'control_character')
        WHEN number !~ '^[0-9A-Za-z_/.()（）-]{{1,64}}$'
            THEN jsonb_build_object('code', 'number', 'number', left(number, 64))
        WHEN number_key = '' THEN jsonb_build_object('code', 'number_key', 'number', number)
        WHEN holder_name = '' OR length(holder_name) > 100
            THEN jsonb_build_object('code', 'holder_name')
        WHEN issuer = '' OR length(issuer) > 200 THEN jsonb_build_object('code', 'issuer')
        WHEN identity <> '' AND identity !~ '^[0-9A-Za-z]{{6,40}}$'
            THEN jsonb_build_object('code', 'identity_number')
        WHEN NOT {date}
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
    FROM folded f LEFT JOIN {_KEYS} k ON k.key = f.qualification
), staged AS (
    INSERT INTO {bulk._STAGING} ({bulk._COPIED})
    SELECT line, qualification_id, number, number_key, holder_name,
        CASE WHEN identity = '' THEN '' ELSE encode(sha256(%(outer)s || sha256(
            %(inner)s || convert_to(upper(identity COLLATE "C"), 'UTF8'))), 'hex') END,
        issuer, issued_on::date, CASE status_word {status_of} END
    FROM checked WHERE problem IS NULL
)
SELECT line, problem FROM checked WHERE problem IS NOT NULL
"""


def header(file: BinaryIO) -> tuple[list[int | None], int]:
    """The column indexes of the header line and its width (HeaderError if it lacks one)."""
    first = file.readline().decode("utf-8-sig")
    file.seek(0)
    names = next(csv.reader([first]), None)
    return _header_indexes(names), len(names or [])


def stage(file: BinaryIO, report: LoadReport, issuers: set[str] | None) -> bool:
    """COPY and check the file, staging its good rows; False (nothing staged) when a line is
    longer than csv.field_size_limit(), which the csv module alone reports as it does.
    """
    indexes, width = header(file)
    with connection.cursor() as cursor:
        bulk._create_staging(cursor)
        _copy_lines(cursor, file)
        cursor.execute(f"SELECT count(*), max(length(raw)) FROM {_LINES} WHERE line > 1")
        rows_read, longest = cursor.fetchone()
        if (longest or 0) > csv.field_size_limit():
            cursor.execute(f"DROP TABLE {_LINES}")
            file.seek(0)
            return False
        _create_keys(cursor)
        # The raw cursor: Django's would log the parameters, and two are made of the key.
        raw = cursor.cursor
        raw.execute(_check_statement(indexes), _params(width, issuers))
        for line, problem in raw.fetchall():
            params = json.loads(problem)  # Django leaves jsonb as text for its JSONField
            report.reject(line, Problem(params.pop("code"), params))
        report.rows_read = rows_read
        cursor.execute(f"DROP TABLE {_LINES}")
        cursor.execute(f"CREATE INDEX {bulk._STAGING}_line ON {bulk._STAGING} (line)")
        cursor.execute(f"ANALYZE {bulk._STAGING}")
    return True


def _copy_lines(cursor, file: BinaryIO) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_LINES}, pg_temp.{_KEYS}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_LINES} (line bigint GENERATED ALWAYS AS IDENTITY, raw text) "
        "ON COMMIT DROP"
    )
    options = f"FORMAT csv, DELIMITER E'\\{ord(_DELIMITER):o}', QUOTE E'\\{ord(_QUOTE):o}'"
    cursor.cursor.copy_expert(f"COPY {_LINES} (raw) FROM STDIN ({options})", file, size=BLOCK)


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
    inner, outer = _hmac_pads()
    params = {
        "width": width,
        "spaces": _python_whitespace(),
        "everyone": issuers is None,
        "issuers": sorted(issuers or []),
        "today": datetime.date.today().isoformat(),
        "inner": inner,
        "outer": outer,
    }
    for i, (lower, upper) in enumerate(_upper_to_ascii()):
        params |= {f"upper_from_{i}": lower, f"upper_to_{i}": upper}
    return params
