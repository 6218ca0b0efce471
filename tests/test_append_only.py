"""The append-only logs refuse TRUNCATE on PostgreSQL, whatever code runs it."""

import pytest
from django.db import connection, transaction

TABLES = ["catalogue_adjustment", "enforcement_transition", "enforcement_message"]


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
