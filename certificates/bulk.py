"""Storing validated rows in bulk: COPY + one merge statement per partition on PostgreSQL.

One statement per chunk and partition (_merge_statement) finds the stored rows, refuses to
set a revoked one back, writes the previous values of every row it changes to the
append-only history and upserts, skipping rows that did not change, so loading the same
file twice changes nothing.

Two ways to get there:
- :func:`stream` (PostgreSQL): each chunk is COPYed and merged while the next is parsed
  (one merge in flight, so Python and PostgreSQL work at the same time). The keys of every
  chunk are kept, so a number that repeats in the file is caught with both its lines; the
  first of them was merged already, which only matters when the good rows are to be kept.
- :func:`stage`, :func:`reject_duplicates`, :func:`merge`: the whole file is staged first,
  then checked, then merged. SQLite always takes this way, and PostgreSQL does when a
  streamed load with a repeated number is to keep its good rows.
"""

import io
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from django.db import connection
from django.utils import timezone

from . import registry_rules as rules
from .loading import LoadReport, Progress, Row
from .models import CertificateRevision, IssuedCertificate, RevisionAction
from .registry_rules import Problem

CHUNK = 100_000
FIELDS = ("qualification_id", "number", "number_key", "holder_name", "holder_identity_hmac")
FIELDS += ("issuer", "issued_on", "status")
# The conflict key is never SET: it is the partition key, and equal on both sides anyway.
_SET = [f for f in FIELDS if f != "number_key"]
PREVIOUS_FIELDS = ("qualification_id", "holder_name", "holder_identity_hmac", "issued_on", "status")
_UPDATED = ["qualification", "number", "holder_name", "holder_identity_hmac", "issued_on"]
_UPDATED += ["status", "updated_at"]
_TABLE = IssuedCertificate._meta.db_table
_HISTORY = CertificateRevision._meta.db_table
_STAGING = "certificates_staging"
_SEEN = "certificates_seen"
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

_COLUMNS = """
    line bigint, qualification_id bigint, number varchar(64), number_key varchar(64),
    holder_name varchar(100),
    holder_identity_hmac varchar(64), issuer varchar(200), issued_on date, status varchar(10)
"""
_DUPLICATES = f"""
SELECT s.line, s.number, s.issuer, s.number_key FROM {_STAGING} s JOIN (
    SELECT number_key, issuer FROM {_STAGING} GROUP BY number_key, issuer HAVING COUNT(*) > 1
) d ON s.number_key = d.number_key AND s.issuer = d.issuer
ORDER BY s.line
"""
_DROP_DUPLICATES = f"""
DELETE FROM {_STAGING} WHERE (number_key, issuer) IN (
    SELECT number_key, issuer FROM {_STAGING} GROUP BY number_key, issuer HAVING COUNT(*) > 1
)
"""
# PostgreSQL's hash partitioning (migration 0005), computed for the staged rows so that each
# merge writes one partition directly: routing every row through the partitioned parent and
# pruning every probe at run time cost twice as much. For one text key PostgreSQL takes
# hashtextextended(key, HASH_PARTITION_SEED) + 0x49a0f4dd15e5a8e3 (hash_combine64 from 0),
# modulo the partition count; 16 divides 2⁶⁴, so the low 4 bits give the partition, and
# 0x…e3 adds 3. test_registry_partitioning checks it against where PostgreSQL puts rows.
PARTITIONS = 16
_PARTITION_OF = "((hashtextextended(number_key, 8816678312871386365) & 15) + 3) & 15"
_COPIED = "line, qualification_id, number, number_key, holder_name, holder_identity_hmac, "
_COPIED += "issuer, issued_on, status"


def _merge_statement(partition: int) -> str:
    """One statement per partition and range of lines: finds the stored rows, refuses to
    set a revoked one back (revocation_is_final in set form), upserts, writes the history.

    A partition is a table of its own to PostgreSQL: the identity default of the parent's
    id is not applied to it, so the id is taken from the parent's sequence here.
    """
    table = f"{_TABLE}_p{partition:02d}"
    return f"""
WITH source AS (
    SELECT line, {", ".join(FIELDS)} FROM {_STAGING}
    WHERE line > %(low)s AND line <= %(high)s AND part = {partition}
), old AS (
    -- One probe of the (number_key, issuer) index per row, as ON CONFLICT makes: LIMIT keeps
    -- the planner from hashing the whole partition (millions of rows) for every chunk.
    SELECT t.id, s.line, s.status AS new_status, {", ".join(f"t.{f}" for f in FIELDS)}
    FROM source s CROSS JOIN LATERAL (
        SELECT * FROM {table} c
        WHERE c.number_key = s.number_key AND c.issuer = s.issuer LIMIT 1
    ) t
), refused AS (
    SELECT line, number, status, new_status FROM old
    WHERE status = 'revoked' AND new_status <> 'revoked'
), merged AS (
    INSERT INTO {table} AS t (id, {", ".join(FIELDS)}, updated_at)
    SELECT nextval('{_TABLE}_id_seq'), {", ".join(FIELDS)}, %(now)s FROM source
    WHERE line NOT IN (SELECT line FROM refused)
    ON CONFLICT (number_key, issuer) DO UPDATE SET
        {", ".join(f"{f} = EXCLUDED.{f}" for f in _SET)}, updated_at = EXCLUDED.updated_at
    WHERE ({", ".join(f"t.{f}" for f in FIELDS)})
        IS DISTINCT FROM ({", ".join(f"EXCLUDED.{f}" for f in FIELDS)})
    RETURNING id, number, issuer
), written AS (
    -- Inserted: not stored before (xmax = 0 is not to be relied on for partitions).
    SELECT m.id, m.number, m.issuer, o.id IS NULL AS inserted, o.qualification_id,
        o.holder_name, o.holder_identity_hmac, o.issued_on, o.status
    FROM merged m LEFT JOIN old o ON o.id = m.id
), history AS (
    INSERT INTO {_HISTORY} (certificate_id, number, issuer, action, changed_at, changed_by_id,
        load_id, {", ".join(f"previous_{f}" for f in PREVIOUS_FIELDS)})
    SELECT id, number, issuer,
        CASE WHEN inserted THEN '{RevisionAction.CREATED}' ELSE '{RevisionAction.CHANGED}' END,
        %(now)s, %(by)s, %(load)s, qualification_id, COALESCE(holder_name, ''),
        COALESCE(holder_identity_hmac, ''), issued_on, COALESCE(status, '')
    FROM written
)
SELECT 0, count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), '', ''
FROM written
UNION ALL SELECT 1, line, 0, number, new_status FROM refused
"""


_MERGES = [_merge_statement(partition) for partition in range(PARTITIONS)]


def _merge_partitions(cursor, params: dict) -> list[tuple]:
    """Merge the staged rows of every partition (all in the caller's transaction)."""
    merged = []
    for statement in _MERGES:
        cursor.execute(statement, params)
        merged += cursor.fetchall()
    return merged


_CHUNK_DUPLICATES = f"""
SELECT c.line, c.number, c.issuer, c.number_key, 0 FROM {_STAGING} c JOIN (
    SELECT number_key, issuer FROM {_STAGING} GROUP BY number_key, issuer HAVING COUNT(*) > 1
) d ON c.number_key = d.number_key AND c.issuer = d.issuer
UNION ALL
SELECT c.line, c.number, c.issuer, c.number_key, s.line FROM {_STAGING} c
JOIN {_SEEN} s ON s.number_key = c.number_key AND s.issuer = c.issuer
"""
_REMEMBER = f"""
INSERT INTO {_SEEN} SELECT number_key, issuer, MIN(line) FROM {_STAGING}
GROUP BY number_key, issuer ON CONFLICT DO NOTHING
"""


class Writer:
    """Who writes and from which file: every revision the load leaves names them."""

    def __init__(self, *, by_id: int, load_id: int | None):
        self.by_id = by_id
        self.load_id = load_id
        self.now = timezone.now()


def stream(rows: Iterable[Row], report: LoadReport, writer: Writer, progress: Progress) -> bool:
    """Copy and merge chunk by chunk (PostgreSQL); False if a number repeated across chunks."""
    with connection.cursor() as cursor:
        _create_staging(cursor)
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_SEEN} (number_key varchar(64), issuer varchar(200), "
            "line bigint, PRIMARY KEY (number_key, issuer)) ON COMMIT DROP"
        )
        raw = cursor.cursor  # psycopg2's own: Django's connection belongs to this thread
        crossed = False
        with ThreadPoolExecutor(max_workers=1) as merger:
            pending = None
            for chunk in _chunks(rows, CHUNK):
                text = _copy_text(chunk)
                if pending is not None:
                    crossed |= _stream_result(pending.result(), report)
                    progress(report)
                pending = merger.submit(_stream_chunk, raw, text, writer)
            if pending is not None:
                crossed |= _stream_result(pending.result(), report)
    report.phase = "storing"
    progress(report)
    return not crossed


def _stream_chunk(cursor, text: io.StringIO, writer: Writer) -> tuple[list, list]:
    cursor.execute(f"TRUNCATE {_STAGING}")
    cursor.copy_expert(f"COPY {_STAGING} ({_COPIED}) FROM STDIN", text)
    cursor.execute(_CHUNK_DUPLICATES)
    duplicates = cursor.fetchall()
    cursor.execute(_REMEMBER)
    if duplicates:
        cursor.execute(f"DELETE FROM {_STAGING} WHERE line = ANY(%s)", [[d[0] for d in duplicates]])
    params = {"low": 0, "high": 2**62, "now": writer.now, "by": writer.by_id}
    return duplicates, _merge_partitions(cursor, params | {"load": writer.load_id})


def _stream_result(result: tuple[list, list], report: LoadReport) -> bool:
    """Count one streamed chunk; True if a number repeated one of an earlier chunk."""
    duplicates, merged = result
    _count_merged(merged, report)
    within: dict[tuple[str, str], list[int]] = {}
    crossed = False
    for line, number, issuer, key, earlier in duplicates:
        if earlier:
            crossed = True
            report.reject(line, Problem("duplicate", {"number": number, "other": earlier}))
            if earlier not in report.duplicate_firsts:
                report.duplicate_firsts.add(earlier)
                report.reject(earlier, Problem("duplicate", {"number": number, "other": line}))
        else:
            within.setdefault((key, issuer), []).append((line, number))
    _reject_groups(within, report)
    return crossed


def _reject_groups(groups: dict[tuple, list[tuple[int, str]]], report: LoadReport) -> None:
    """Lines of one issuer whose numbers share a key: each names another of them."""
    for found in groups.values():
        found.sort()
        for line, number in found:
            other = found[1][0] if line == found[0][0] else found[0][0]
            report.reject(line, Problem("duplicate", {"number": number, "other": other}))


def stage(rows: Iterable[Row], report: LoadReport, progress: Progress) -> None:
    """Put every valid row in the staging table; the caller holds the transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _stage_postgresql(cursor, rows, report, progress)
        else:
            cursor.execute(f"DROP TABLE IF EXISTS temp.{_STAGING}")
            cursor.execute(f"CREATE TEMPORARY TABLE {_STAGING} ({_COLUMNS})")
            for chunk in _chunks(rows, 2_000):
                placeholders = ", ".join(["%s"] * 9)
                cursor.executemany(f"INSERT INTO {_STAGING} VALUES ({placeholders})", chunk)
        index_staging(cursor)


def index_staging(cursor) -> None:
    """Each merge statement reads one partition's rows of a range of lines (PostgreSQL)."""
    columns = "part, line" if connection.vendor == "postgresql" else "line"
    cursor.execute(f"CREATE INDEX {_STAGING}_line ON {_STAGING} ({columns})")
    cursor.execute(f"ANALYZE {_STAGING}")


def reject_duplicates(report: LoadReport) -> None:
    """A number given twice by one issuer in one file (in any spelling): both lines are errors."""
    with connection.cursor() as cursor:
        cursor.execute(_DUPLICATES)
        lines: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for line, number, issuer, key in cursor.fetchall():
            lines.setdefault((key, issuer), []).append((line, number))
        _reject_groups(lines, report)
        if lines:
            cursor.execute(_DROP_DUPLICATES)


def merge(report: LoadReport, writer: Writer, progress: Progress) -> None:
    """Upsert the staged rows range by range, keeping the previous values in the history."""
    report.phase = "storing"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(line) FROM {_STAGING}")
        last = cursor.fetchone()[0] or 0
        for low in range(0, last, CHUNK):
            if connection.vendor == "postgresql":
                _merge_postgresql(cursor, low, low + CHUNK, report, writer)
            else:
                _merge_batched(cursor, low, low + CHUNK, report, writer)
            progress(report)


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _create_staging(cursor) -> None:
    cursor.execute("SET LOCAL work_mem = '256MB'")
    # A caller's enclosing transaction may already hold them from an earlier load.
    cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_STAGING}, pg_temp.{_SEEN}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_STAGING} ({_COLUMNS}, "
        f"part int GENERATED ALWAYS AS ({_PARTITION_OF}) STORED) ON COMMIT DROP"
    )


def _stage_postgresql(cursor, rows: Iterable[Row], report: LoadReport, progress) -> None:
    """Parse the next chunk while PostgreSQL copies this one (one COPY in flight)."""
    _create_staging(cursor)
    # The raw psycopg2 cursor: Django's connection object belongs to this thread.
    raw = cursor.cursor
    with ThreadPoolExecutor(max_workers=1) as copier:
        pending = None
        for chunk in _chunks(rows, CHUNK):
            text = _copy_text(chunk)
            if pending is not None:
                pending.result()
            pending = copier.submit(
                raw.copy_expert, f"COPY {_STAGING} ({_COPIED}) FROM STDIN", text
            )
        if pending is not None:
            pending.result()


def _copy_text(chunk: list[Row]) -> io.StringIO:
    """The chunk in COPY's text format: tab-separated, backslash escapes."""
    lines = (
        f"{r.line}\t{r.qualification_id}\t{r.number}\t{r.number_key}\t"
        f"{r.holder_name.translate(_ESCAPE)}\t"
        f"{r.holder_identity_hmac}\t{r.issuer.translate(_ESCAPE)}\t{r.issued_on}\t{r.status}\n"
        for r in chunk
    )
    return io.StringIO("".join(lines))


def _merge_postgresql(cursor, low: int, high: int, report: LoadReport, writer: Writer) -> None:
    params = {"low": low, "high": high, "now": writer.now, "by": writer.by_id}
    _count_merged(_merge_partitions(cursor, params | {"load": writer.load_id}), report)


def _count_merged(merged: list[tuple], report: LoadReport) -> None:
    for kind, first, second, number, new_status in merged:
        if kind == 0:
            report.inserted += first
            report.updated += second
        else:
            report.reject(first, rules.revocation_is_final(number, "revoked", new_status))


def _merge_batched(cursor, low: int, high: int, report: LoadReport, writer: Writer) -> None:
    """The portable path (SQLite quick start): the same steps through the ORM."""
    cursor.execute(
        f"SELECT {', '.join(FIELDS)}, line FROM {_STAGING} WHERE line > %s AND line <= %s",
        [low, high],
    )
    # Dates come back as text from SQLite and as dates from PostgreSQL: compare as text.
    staged = {}
    for row in cursor.fetchall():
        values = dict(zip(FIELDS, row[:-1], strict=True)) | {"line": row[-1]}
        values["issued_on"] = str(values["issued_on"])
        staged[(values["number_key"], values["issuer"])] = values
    known = _existing(staged)
    objects, revisions = [], []
    for key, values in staged.items():
        line = values.pop("line")
        before = known.get(key)
        if before is not None:
            problem = rules.revocation_is_final(values["number"], before.status, values["status"])
            if problem:
                report.reject(line, problem)
                continue
            if _values(before) == values:
                continue
        objects.append(IssuedCertificate(**values))
        objects[-1].updated_at = writer.now
        revisions.append((key, values["number"], before))
    IssuedCertificate.objects.bulk_create(
        objects,
        update_conflicts=True,
        unique_fields=["number_key", "issuer"],
        update_fields=_UPDATED,
    )
    ids = _existing(staged)
    CertificateRevision.objects.bulk_create(
        _revision(ids[key].pk, number, key[1], before, writer) for key, number, before in revisions
    )
    report.inserted += sum(1 for *_, before in revisions if before is None)
    report.updated += sum(1 for *_, before in revisions if before is not None)


def _existing(staged: dict) -> dict[tuple[str, str], IssuedCertificate]:
    keys = {key for key, _ in staged}
    found = IssuedCertificate.objects.filter(number_key__in=keys).order_by()
    return {(c.number_key, c.issuer): c for c in found if (c.number_key, c.issuer) in staged}


def _values(certificate: IssuedCertificate) -> dict:
    values = {f: getattr(certificate, f) for f in FIELDS}
    return values | {"issued_on": certificate.issued_on.isoformat()}


def _revision(pk: int, number: str, issuer: str, before, writer: Writer) -> CertificateRevision:
    revision = CertificateRevision(
        certificate_id=pk,
        number=number,
        issuer=issuer,
        changed_at=writer.now,
        changed_by_id=writer.by_id,
        load_id=writer.load_id,
        action=RevisionAction.CREATED if before is None else RevisionAction.CHANGED,
    )
    if before is not None:
        for name in PREVIOUS_FIELDS:
            setattr(revision, f"previous_{name}", getattr(before, name))
    return revision
