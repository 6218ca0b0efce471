import csv
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.models import IssuedCertificate
from certificates.qrcodes import verification_qr_file, verification_url


class Command(BaseCommand):
    help = (
        "Write the QR codes of issued certificates' signed verification links to a ZIP file: "
        "one SVG or PNG per certificate and index.csv (issuer, number, file, "
        "verification_url). The links are absolute, built on SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("zipfile", type=Path, help="the ZIP file to write")
        parser.add_argument("--issuer", help="only this issuing body's certificates")
        parser.add_argument("--format", choices=["svg", "png"], default="svg")

    def handle(self, *args, zipfile: Path, issuer: str | None, format: str, **options):
        if not settings.SITE_URL:
            raise CommandError("SITE_URL is not set: the QR codes need absolute links")
        if not zipfile.parent.is_dir():
            raise CommandError(f"{zipfile.parent}: no such directory")
        certificates = IssuedCertificate.objects.order_by("issuer", "number")
        if issuer:
            certificates = certificates.filter(issuer=issuer)
        count = _write(zipfile, certificates.iterator(chunk_size=2000), format)
        self.stdout.write(f"{zipfile}: {count} QR codes ({format})")


def _write(path: Path, certificates, kind: str) -> int:
    index = io.StringIO()
    rows = csv.writer(index)
    rows.writerow(["issuer", "number", "file", "verification_url"])
    count = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            count += 1
            name = f"{certificate.pk}.{kind}"
            archive.writestr(name, verification_qr_file(certificate, kind=kind))
            rows.writerow(
                [certificate.issuer, certificate.number, name, verification_url(certificate)]
            )
        archive.writestr("index.csv", index.getvalue())
    return count
