"""The append-only logs refuse TRUNCATE on PostgreSQL, whatever code runs it."""

import pytest
from django.db import connection, transaction

TABLES = [
    "catalogue_adjustment",
    "enforcement_transition",
    "enforcement_message",
    "certificates_certificaterevision",
]


class Rollback(Exception):
    pass


@pytest.mark.parametrize("table", TABLES)
def test_the_database_refuses_to_truncate_an_append_only_log(db, table):
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The test database lets its flush through; a portal session never sets this.
        cursor.execute("SET LOCAL portal.append_only = 'on'")
        cursor.execute(f"TRUNCATE {table} CASCADE")


def test_truncating_an_ordinary_table_still_works(db):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL portal.append_only = 'on'")
        cursor.execute("TRUNCATE django_session")


def test_the_test_database_keeps_failed_statements_out_of_the_server_log(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW log_min_error_statement")
        assert cursor.fetchone()[0] == "panic"


@pytest.mark.parametrize("table", TABLES)
def test_one_switch_lets_a_deliberate_truncate_through_on_every_append_only_table(db, table):
    """portal.append_only (portal/append_only.py) is the only switch: the registry history
    no longer answers to a switch of its own (portal.flush_allowed)."""
    with pytest.raises(Rollback), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL portal.append_only = 'on'")
        cursor.execute("SET LOCAL portal.flush_allowed = 'on'")
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            cursor.execute(f"TRUNCATE {table} CASCADE")
        cursor.execute("SET LOCAL portal.append_only = 'off'")
        cursor.execute(f"TRUNCATE {table} CASCADE")
        raise Rollback


def test_the_test_database_turns_the_one_switch_off(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW portal.append_only")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_ends_with_a_flush_through_the_one_switch():
    """Django's flush TRUNCATEs every table at the end of this test: the append-only ones
    (the adjustment log, the registry history) let it through only by the switch."""
    from catalogue.models import Action, Adjustment

    Adjustment.objects.create(qualification=None, action=Action.GROUP_REMOVED, reason="x")
    with connection.cursor() as cursor:
        cursor.execute("SHOW portal.append_only")
        assert cursor.fetchone()[0] == "off"
