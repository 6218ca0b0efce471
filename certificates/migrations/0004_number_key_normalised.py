"""Every certificate gets its normalised number (number_key), unique per issuer.

Three steps on a filled table: the column nullable, the backfill, then NOT NULL and the new
unique constraint in place of (number, issuer). Two numbers of one issuer that normalise to
the same key ("CPA-1" and "cpa1") would become one certificate: the migration refuses and
names them rather than lose a row; the registrar revokes or renumbers one, then migrates.
"""

from django.core.management.base import CommandError
from django.db import migrations, models
from django.db.models import Count

import certificates.models
from certificates.numbers import certificate_number_normalise

BATCH = 5_000
CLASHES_SHOWN = 20


def backfill(apps, schema_editor):
    certificates = apps.get_model("certificates", "IssuedCertificate")
    batch = []
    for certificate in certificates.objects.only("id", "number").order_by().iterator(BATCH):
        certificate.number_key = certificate_number_normalise(certificate.number)
        batch.append(certificate)
        if len(batch) == BATCH:
            certificates.objects.bulk_update(batch, ["number_key"])
            batch = []
    certificates.objects.bulk_update(batch, ["number_key"])
    refuse_clashes(certificates)


def refuse_clashes(certificates) -> None:
    clashing = (
        certificates.objects.values("number_key", "issuer")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("issuer", "number_key")
    )
    groups = list(clashing[:CLASHES_SHOWN])
    if not groups:
        return
    lines = []
    for group in groups:
        rows = certificates.objects.filter(number_key=group["number_key"], issuer=group["issuer"])
        numbers = ", ".join(f"{n!r} (id {pk})" for pk, n in rows.values_list("id", "number"))
        lines.append(f"  {group['issuer']}: {numbers}")
    raise CommandError(
        f"certificates 0004: {clashing.count()} group(s) of numbers of one issuer differ only "
        "in case, width, spaces or hyphens and would become one certificate. Revoke or "
        "renumber all but one of each, then migrate again:\n" + "\n".join(lines)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_registry_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="issuedcertificate",
            name="number_key",
            field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="issuedcertificate",
            name="number_key",
            field=certificates.models.NumberKeyField(
                editable=False, max_length=64, verbose_name="证书编号（规范化）"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="issuedcertificate",
            name="issued_certificate_number_per_issuer",
        ),
        migrations.AddConstraint(
            model_name="issuedcertificate",
            constraint=models.UniqueConstraint(
                fields=("number_key", "issuer"), name="issued_certificate_number_key_per_issuer"
            ),
        ),
    ]
