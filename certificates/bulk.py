"""Storing validated rows in bulk: COPY + upsert on PostgreSQL, batched upserts elsewhere.

On PostgreSQL each chunk is COPYed into a temporary (hence unlogged) staging table and
merged with one INSERT … ON CONFLICT (number, issuer) DO UPDATE, which skips rows that did
not change, so loading the same file twice changes nothing. Within a chunk the last line
for a certificate wins, as a later line would on a second load.
"""

import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from django.db import connection
from django.utils import timezone

from .loading import LoadReport, Row
from .models import IssuedCertificate

CHUNK = 200_000
FIELDS = ("qualification_id", "number", "holder_name", "holder_identity_hmac", "issuer")
FIELDS += ("issued_on", "status")
_UPDATED = ["qualification", "holder_name", "holder_identity_hmac", "issued_on", "status"]
_UPDATED += ["updated_at"]
_TABLE = IssuedCertificate._meta.db_table
_STAGING = "certificates_staging"
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

_CREATE_STAGING = f"""
CREATE TEMPORARY TABLE {_STAGING} (
    line bigint, qualification_id bigint, number varchar(64), holder_name varchar(100),
    holder_identity_hmac varchar(64), issuer varchar(200), issued_on date, status varchar(10)
) ON COMMIT DROP
"""
_MERGE = f"""
WITH merged AS (
    INSERT INTO {_TABLE} AS t ({", ".join(FIELDS)}, updated_at)
    SELECT DISTINCT ON (number, issuer) {", ".join(FIELDS)}, %s FROM {_STAGING}
    ORDER BY number, issuer, line DESC
    ON CONFLICT (number, issuer) DO UPDATE SET
        {", ".join(f"{f} = EXCLUDED.{f}" for f in FIELDS)}, updated_at = EXCLUDED.updated_at
    WHERE ({", ".join(f"t.{f}" for f in FIELDS)})
        IS DISTINCT FROM ({", ".join(f"EXCLUDED.{f}" for f in FIELDS)})
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
"""

Progress = Callable[[LoadReport], None]


def store(rows: Iterable[Row], report: LoadReport, progress: Progress) -> None:
    """Upsert every row, reporting progress after each chunk; the caller holds the transaction."""
    if connection.vendor == "postgresql":
        _store_postgresql(rows, report, progress)
    else:
        _store_batched(rows, report, progress)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _store_postgresql(rows: Iterable[Row], report: LoadReport, progress: Progress) -> None:
    """Parse the next chunk while PostgreSQL merges this one (one merge in flight)."""
    with connection.cursor() as cursor, ThreadPoolExecutor(max_workers=1) as merger:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        # A caller's enclosing transaction may already hold one from an earlier load.
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_STAGING}")
        cursor.execute(_CREATE_STAGING)
        # The raw psycopg2 cursor: Django's connection object belongs to this thread.
        raw = cursor.cursor
        pending = None
        for chunk in _chunks(rows, CHUNK):
            text = _copy_text(chunk)
            if pending is not None:
                _count(pending.result(), report, progress)
            pending = merger.submit(_merge, raw, text)
        if pending is not None:
            _count(pending.result(), report, progress)


def _merge(cursor, text: io.StringIO) -> tuple[int, int]:
    cursor.copy_expert(f"COPY {_STAGING} FROM STDIN", text)
    cursor.execute(_MERGE, [timezone.now()])
    inserted, updated = cursor.fetchone()
    cursor.execute(f"TRUNCATE {_STAGING}")
    return inserted, updated


def _count(merged: tuple[int, int], report: LoadReport, progress: Progress) -> None:
    report.inserted += merged[0]
    report.updated += merged[1]
    progress(report)


def _copy_text(chunk: list[Row]) -> io.StringIO:
    """The chunk in COPY's text format: tab-separated, backslash escapes."""
    lines = (
        f"{r.line}\t{r.qualification_id}\t{r.number}\t{r.holder_name.translate(_ESCAPE)}\t"
        f"{r.holder_identity_hmac}\t{r.issuer.translate(_ESCAPE)}\t{r.issued_on}\t{r.status}\n"
        for r in chunk
    )
    return io.StringIO("".join(lines))


def _store_batched(rows: Iterable[Row], report: LoadReport, progress: Progress) -> None:
    """The portable path (SQLite quick start): batched upserts through the ORM."""
    for chunk in _chunks(rows, 2_000):
        latest = {(r.number, r.issuer): r for r in chunk}
        known = _existing(latest)
        objects = [_instance(r) for r in latest.values() if _changed(r, known)]
        IssuedCertificate.objects.bulk_create(
            objects,
            update_conflicts=True,
            unique_fields=["number", "issuer"],
            update_fields=_UPDATED,
        )
        report.inserted += sum(1 for o in objects if (o.number, o.issuer) not in known)
        report.updated += sum(1 for o in objects if (o.number, o.issuer) in known)
        progress(report)


def _existing(latest: dict[tuple[str, str], Row]) -> dict[tuple[str, str], tuple]:
    numbers = {number for number, _ in latest}
    found = IssuedCertificate.objects.filter(number__in=numbers).values_list("issuer", *FIELDS)
    return {(f[2], f[0]): f[1:] for f in found if (f[2], f[0]) in latest}


def _changed(row: Row, known: dict[tuple[str, str], tuple]) -> bool:
    before = known.get((row.number, row.issuer))
    return before is None or before != _values(row)


def _values(row: Row) -> tuple:
    values = [getattr(row, f) for f in FIELDS]
    values[FIELDS.index("issued_on")] = datetime.date.fromisoformat(row.issued_on)
    return tuple(values)


def _instance(row: Row) -> IssuedCertificate:
    return IssuedCertificate(
        **dict(zip(FIELDS, _values(row), strict=True)), updated_at=timezone.now()
    )
