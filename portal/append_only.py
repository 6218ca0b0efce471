"""Append-only records (logs of adjustments, case transitions, messages).

The ORM refuses to update or delete them; on PostgreSQL a row trigger added by each app's
migration refuses the same at the database level, whatever code runs the SQL. TRUNCATE
fires no row trigger, so after every `migrate` a statement-level trigger is (re)installed
on the table of every concrete `AppendOnly` model, of whichever app (the way
django-pgtrigger installs its triggers, without the dependency).

The one way through is deliberate, and it is this one switch for every append-only table
(the catalogue's, the cases', the certificate registry's history): a session that sets
`portal.append_only = off` (SWITCH; the test database does, for Django's flush between
transactional tests; an operator resetting a staging database may). No code path of the
portal sets it. Triggers written elsewhere ask `truncate_allowed_sql()`.
"""

from django.apps import AppConfig
from django.db import models
from django.db.models.signals import post_migrate

REFUSED = "this log is append-only"
SWITCH = "portal.append_only"


def truncate_allowed_sql() -> str:
    """The SQL condition under which a trigger lets a TRUNCATE through: the switch is off."""
    return f"current_setting('{SWITCH}', true) = 'off'"


def switch_off_sql(database: str) -> str:
    """Let every later session of ``database`` (quoted) flush the tables: the test database."""
    return f"ALTER DATABASE {database} SET {SWITCH} = 'off'"


TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION portal_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF {truncate_allowed_sql()} THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only (TRUNCATE refused)', TG_TABLE_NAME
        USING HINT = 'Only a deliberate reset may SET portal.append_only = off first.';
END;
$$ LANGUAGE plpgsql;
"""
TRUNCATE_TRIGGER = """
CREATE OR REPLACE TRIGGER {name}_refuse_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION portal_refuse_truncate();
"""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(REFUSED)

    def delete(self):
        raise TypeError(REFUSED)


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(REFUSED)


def append_only_tables(app_config: AppConfig) -> list[str]:
    return [
        model._meta.db_table
        for model in app_config.get_models()
        if issubclass(model, AppendOnly) and not model._meta.proxy
    ]


def install_truncate_refusal(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """After `migrate`, make PostgreSQL refuse TRUNCATE of the app's append-only tables."""
    from django.db import connections

    connection = connections[using]
    tables = append_only_tables(sender)
    if connection.vendor != "postgresql" or not tables:
        return
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(TRUNCATE_FUNCTION)
        for table in tables:
            if table in existing:
                quoted = connection.ops.quote_name(table)
                cursor.execute(TRUNCATE_TRIGGER.format(name=table, table=quoted))


post_migrate.connect(install_truncate_refusal, dispatch_uid="portal-append-only-truncate")
