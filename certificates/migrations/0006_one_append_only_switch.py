"""The registry history lets a TRUNCATE through only by the portal's one append-only switch
(portal/append_only.py: `portal.append_only = off`), not a switch of its own."""

from django.db import migrations

from portal.append_only import truncate_allowed_sql

FUNCTION = """
CREATE OR REPLACE FUNCTION certificates_revision_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND {allowed} THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
ONE_SWITCH = FUNCTION.format(allowed=truncate_allowed_sql())
OWN_SWITCH = FUNCTION.format(allowed="current_setting('portal.flush_allowed', true) = 'on'")


def _one_switch(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ONE_SWITCH, params=None)


def _own_switch(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OWN_SWITCH, params=None)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0005_registry_hash_partitioned")]

    operations = [migrations.RunPython(_one_switch, _own_switch)]
