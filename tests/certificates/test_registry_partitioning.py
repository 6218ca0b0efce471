"""The registry is hash-partitioned on PostgreSQL, and migrating to it keeps every row."""

import datetime
from io import StringIO

import pytest
from conftest import HEADER
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from certificates.models import CertificateRevision, IssuedCertificate
from certificates.services import issued_certificate_save

TABLE = "certificates_issuedcertificate"


def _partitions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits "
            "WHERE inhparent = %s::regclass ORDER BY 1",
            [TABLE],
        )
        return [row[0] for row in cursor.fetchall()]


def _primary_key() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
            "ORDER BY array_position(i.indkey, a.attnum)",
            [TABLE],
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_registry_is_hash_partitioned_with_the_key_in_its_primary_key(db):
    assert _partitions() == [f"{TABLE}_p{r:02d}" for r in range(16)]
    assert _primary_key() == ["id", "number_key"]


def test_a_lookup_by_number_reads_one_partition(make_certificate):
    for i in range(50):
        make_certificate(number=f"CPA-{i}")
    sql, params = IssuedCertificate.objects.numbered("cpa-7").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count(f" on {TABLE}_p") == 1, plan  # one partition scanned
    assert IssuedCertificate.objects.numbered("cpa-7").get().number == "CPA-7"


def test_a_certificate_with_history_cannot_be_deleted(registrar, cpa, make_certificate):
    certificate = issued_certificate_save(
        certificate=IssuedCertificate(
            qualification=cpa, number="CPA-1", holder_name="张伟", issuer="中国注册会计师协会",
            issued_on=datetime.date(2020, 1, 1),
        ),
        by=registrar,
    )  # fmt: skip
    with pytest.raises(ProtectedError):
        certificate.delete()  # the ORM refuses
    with pytest.raises(IntegrityError, match="has history"), transaction.atomic():
        IssuedCertificate.objects.filter(pk=certificate.pk)._raw_delete(connection.alias)
    history = CertificateRevision.objects.filter(certificate_id=certificate.pk)
    assert IssuedCertificate.objects.filter(pk=certificate.pk).exists() and history.exists()
    make_certificate(number="NO-HISTORY").delete()  # without history: deletable


def test_every_revision_points_at_a_stored_certificate(tmp_path, registrar):
    rows = "".join(
        f"注册会计师,CPA-{i},张伟,,中国注册会计师协会,2020-05-01,valid\n" for i in range(300)
    )
    (tmp_path / "a.csv").write_text(HEADER + rows)
    (tmp_path / "b.csv").write_text(HEADER + rows.replace(",valid", ",revoked"))
    for name in ("a.csv", "b.csv"):
        call_command(
            "load_certificates", str(tmp_path / name), "--user", registrar.username,
            stdout=StringIO(),
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(c.id) FROM certificates_certificaterevision r "
            f"LEFT JOIN {TABLE} c ON c.id = r.certificate_id AND c.number_key = "
            "upper(replace(r.number, '-', ''))"
        )
        assert cursor.fetchone() == (600, 600)


def test_the_loader_computes_the_partition_postgresql_puts_each_row_in(make_certificate):
    from certificates import bulk

    for i in range(400):
        make_certificate(number=f"K-{i}-{i * 7919}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE tableoid::regclass::text = "
            f"'{TABLE}_p' || lpad(({bulk._PARTITION_OF})::text, 2, '0')), count(*) FROM {TABLE}"
        )
        assert cursor.fetchone() == (400, 400)
    assert len(_partitions()) == bulk.PARTITIONS


def test_the_admin_estimates_the_partitioned_table_from_its_partitions(make_certificate):
    from certificates.admin import _estimated_rows

    for i in range(30):
        make_certificate(number=f"EST-{i}")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
    assert _estimated_rows(TABLE) == 30  # from the partitions (not counted twice)
