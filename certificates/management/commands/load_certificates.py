from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.loading import HeaderError, LoadReport
from certificates.services import issued_certificates_load


class Command(BaseCommand):
    help = (
        "Load an issuing body's CSV of issued certificates (upsert on issuer + number). "
        "Columns: qualification, number, holder_name, identity_number, issuer, issued_on, "
        "status. Bad rows are listed with their line number; the others load."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8, with a header row")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            with file.open("rb") as binary:
                report = issued_certificates_load(file=binary, progress=self._progress)
        except HeaderError as error:
            raise CommandError(f"{file}: {error}") from None
        self._summary(file, report)

    def _progress(self, report: LoadReport) -> None:
        self.stdout.write(
            f"{report.rows_read:,} rows read, {report.inserted:,} new, "
            f"{report.updated:,} updated, {report.rejected:,} rejected"
        )

    def _summary(self, file: Path, report: LoadReport) -> None:
        for line, reason in report.errors:
            self.stderr.write(f"{file}:{line}: {reason}")
        if report.rejected > len(report.errors):
            self.stderr.write(f"… and {report.rejected - len(report.errors):,} more bad rows")
        rate = report.rows_read / report.seconds if report.seconds else 0
        self.stdout.write(
            f"done: {report.inserted:,} new, {report.updated:,} updated, "
            f"{report.unchanged:,} unchanged, {report.rejected:,} rejected "
            f"in {report.seconds:.1f} s ({rate:,.0f} rows/s)"
        )
        if report.rejected:
            raise CommandError(f"{file}: {report.rejected:,} rows rejected (listed above)")
