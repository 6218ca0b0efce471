"""The registry becomes a hash-partitioned table on PostgreSQL (a plain table elsewhere).

PARTITION BY HASH (number_key) into PARTITIONS tables: a verification (one exact match on
the key) reads one partition's index, and the unique (number_key, issuer) index stays legal
because it contains the partition key. PostgreSQL wants the partition key in the primary key
too, so the database has PRIMARY KEY (id, number_key) while Django keeps ``id`` as the
model's primary key (ids still come from one identity sequence, so ``id`` alone stays
unique). No foreign key points into the table: CertificateRevision.certificate has none
(db_constraint=False), and the trigger below keeps its integrity instead.

Works on a filled table: under an exclusive lock, a partitioned copy is created, every row
is copied and counted, the old table is dropped, the copy takes its name, and its sequence,
constraints, indexes and triggers are recreated from the old table's own definitions. The
reverse does the same into a plain table. SQLite (`make run`): nothing to do.

Why 16 partitions: a lookup by key reads one partition whatever the count, so the count is
for maintenance: 10⁹ certificates make ≈ 62 M rows (≈ 19 GB with indexes) per partition,
which autovacuum and a REINDEX handle in minutes. Lookups by ``id`` alone (the signed
verification link) probe every partition's primary key: 16 small probes, not 256. A power
of two, so one partition can later be split (modulus 32) without touching the others. The
count is fixed here, not a setting: changing it means rebuilding the table.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "certificates_issuedcertificate"
PARTITIONS = 16


def partition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _rebuild(schema_editor.connection, partitioned=True)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _rebuild(schema_editor.connection, partitioned=False)


def _rebuild(connection, *, partitioned: bool) -> None:
    new = f"{TABLE}_rebuilt"
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        constraints, indexes, triggers = _definitions(cursor)
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        cursor.execute(f"SELECT last_value, is_called FROM {cursor.fetchone()[0]}")
        last_value, is_called = cursor.fetchone()
        layout = " PARTITION BY HASH (number_key)" if partitioned else ""
        cursor.execute(
            f"CREATE TABLE {new} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING IDENTITY){layout}"
        )
        for remainder in range(PARTITIONS if partitioned else 0):
            cursor.execute(
                f"CREATE TABLE {TABLE}_p{remainder:02d} PARTITION OF {new} "
                f"FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {remainder})"
            )
        cursor.execute(f"INSERT INTO {new} SELECT * FROM {TABLE}")
        copied = cursor.rowcount
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        if cursor.fetchone()[0] != copied:
            raise RuntimeError(f"{TABLE}: copied {copied} rows, not every row; nothing changed")
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(f"ALTER TABLE {new} RENAME TO {TABLE}")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s, %s)", [sequence, last_value, is_called])
        cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {TABLE}_id_seq")
        key = "id, number_key" if partitioned else "id"
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY ({key})")
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        for statement in indexes + triggers:
            cursor.execute(statement)
        cursor.execute(f"ANALYZE {TABLE}")


def _definitions(cursor) -> tuple[list, list, list]:
    """The old table's constraints (but its primary key), other indexes and triggers."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype <> 'p' ORDER BY conname",
        [TABLE],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = %s::regclass "
        "AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = %s::regclass)",
        [TABLE, TABLE],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
        "WHERE tgrelid = %s::regclass AND NOT tgisinternal",
        [TABLE],
    )
    return constraints, indexes, [row[0] for row in cursor.fetchall()]


# A certificate with history is never deleted: the history refers to it by id without a
# foreign key (there is none into a partitioned table here), so the database refuses it.
KEEP_HISTORY = f"""
CREATE OR REPLACE FUNCTION certificates_certificate_keeps_history() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM certificates_certificaterevision WHERE certificate_id = OLD.id) THEN
        RAISE EXCEPTION 'certificate % has history and cannot be deleted (revoke it)', OLD.id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER certificates_certificate_keeps_history BEFORE DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION certificates_certificate_keeps_history();
"""
DROP_KEEP_HISTORY = f"""
DROP TRIGGER IF EXISTS certificates_certificate_keeps_history ON {TABLE};
DROP FUNCTION IF EXISTS certificates_certificate_keeps_history();
"""


def keep_history(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(KEEP_HISTORY, params=None)


def drop_keep_history(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_KEEP_HISTORY, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_number_key_normalised"),
    ]

    operations = [
        # The model keeps its single ``id`` primary key: only the database changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(partition, unpartition)],
        ),
        migrations.RunPython(keep_history, drop_keep_history),
        migrations.AlterField(
            model_name="certificaterevision",
            name="certificate",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="revisions",
                to="certificates.issuedcertificate",
                verbose_name="证书",
            ),
        ),
    ]
