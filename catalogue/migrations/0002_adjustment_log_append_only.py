"""On PostgreSQL, refuse UPDATE and DELETE on the adjustment log at the database level."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION catalogue_adjustment_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the adjustment log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalogue_adjustment_append_only
    BEFORE UPDATE OR DELETE ON catalogue_adjustment
    FOR EACH ROW EXECUTE FUNCTION catalogue_adjustment_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS catalogue_adjustment_append_only ON catalogue_adjustment;
DROP FUNCTION IF EXISTS catalogue_adjustment_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
