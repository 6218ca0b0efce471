"""Migrating a filled registry to number keys and hash partitions, and back, keeps every row.

A module of its own: the catalogue fixture of the other registry tests holds a transaction
open for its module, and a migration needs none around it.
"""

import datetime

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.models import Qualification
from certificates.models import IssuedCertificate

TABLE = "certificates_issuedcertificate"
BEFORE_KEYS = [("certificates", "0003_registry_history")]
UNPARTITIONED = [("certificates", "0004_number_key_normalised")]
PARTITIONED = [("certificates", "0005_registry_hash_partitioned")]


def _partitions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass",
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


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _migrate_to_the_latest() -> None:
    """Back to the leaf, later migrations included, as every other test expects the schema."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("certificates"))


def _rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, number, issuer, holder_name, status FROM {TABLE} ORDER BY id")
        return cursor.fetchall()


def _insert_raw(qualification_id: int, rows: list[tuple[str, str]]) -> None:
    """Rows as the table held them before number keys: only the old columns."""
    with connection.cursor() as cursor:
        for number, issuer in rows:
            cursor.execute(
                f"INSERT INTO {TABLE} (qualification_id, number, holder_name, "
                "holder_identity_hmac, issuer, issued_on, status, updated_at) "
                "VALUES (%s, %s, '张伟', '', %s, '2020-01-01', 'valid', now())",
                [qualification_id, number, issuer],
            )


@pytest.mark.django_db(transaction=True)
def test_migrating_a_filled_table_back_and_forth_keeps_every_row(live_catalogue):
    qualification = Qualification.objects.get(name="注册会计师")
    try:
        _migrate(BEFORE_KEYS)
        _insert_raw(qualification.pk, [(f"cpa-{i}", "甲协会") for i in range(500)])
        _insert_raw(qualification.pk, [("CPA-1", "乙协会")])
        before = _rows()
        _migrate(PARTITIONED)
        assert _rows() == before and len(_partitions()) == 16
        assert IssuedCertificate.objects.numbered("CPA1").count() == 2  # both issuers
        assert IssuedCertificate.objects.get(number="cpa-499").number_key == "CPA499"
        _migrate(UNPARTITIONED)
        assert _rows() == before and _partitions() == [] and _primary_key() == ["id"]
        _migrate(PARTITIONED)
        assert _rows() == before
        new = IssuedCertificate.objects.create(
            qualification=qualification, number="NEW-1", holder_name="李娜", issuer="甲协会",
            issued_on=datetime.date(2021, 1, 1),
        )  # fmt: skip
        assert new.pk > before[-1][0]  # the id sequence carried over
    finally:
        _migrate_to_the_latest()


@pytest.mark.django_db(transaction=True)
def test_the_key_migration_refuses_two_spellings_of_one_issuers_number(live_catalogue):
    qualification = Qualification.objects.get(name="注册会计师")
    try:
        _migrate(BEFORE_KEYS)
        _insert_raw(qualification.pk, [("CPA-2020-1", "甲协会"), ("cpa20201", "甲协会")])
        _insert_raw(qualification.pk, [("CPA-2020-2", "甲协会")])
        with pytest.raises(CommandError, match="differ only in case") as refused:
            _migrate(UNPARTITIONED)
        assert "'CPA-2020-1'" in str(refused.value) and "'cpa20201'" in str(refused.value)
        assert len(_rows()) == 3  # nothing lost: the migration rolled back
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET number = 'CPA-2020-3' WHERE number = 'cpa20201'")
        _migrate(PARTITIONED)
        assert sorted(IssuedCertificate.objects.values_list("number_key", flat=True)) == [
            "CPA20201", "CPA20202", "CPA20203",
        ]  # fmt: skip
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
        _migrate_to_the_latest()
