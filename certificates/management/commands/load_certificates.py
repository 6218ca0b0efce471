import csv
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from certificates.loading import HeaderError, LoadReport
from certificates.services import EVERY_ERROR, issued_certificates_load


class Command(BaseCommand):
    help = (
        "Load an issuing body's CSV of issued certificates (upsert on issuer + number) as "
        "the registrar named by --user, who may load only their issuing bodies' certificates. "
        "Columns: qualification, number, holder_name, identity_number, issuer, issued_on, "
        "status. Every bad row is listed with its line number; by default a file with any "
        "bad row loads nothing (--accept-errors loads the good rows)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file, UTF-8, with a header row")
        parser.add_argument("--user", required=True, help="username of the registrar loading")
        parser.add_argument(
            "--accept-errors", action="store_true", help="load the good rows of a file with errors"
        )
        parser.add_argument("--errors-csv", type=Path, help="also write every error to this CSV")

    def handle(self, *args, file: Path, user: str, accept_errors: bool, **options):
        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"--user {user}: no such active user")
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        self._last = 0.0
        try:
            with file.open("rb") as binary:
                report = issued_certificates_load(
                    file=binary,
                    by=by,
                    file_name=file.name,
                    accept_at_most=EVERY_ERROR if accept_errors else 0,
                    progress=self._progress,
                )
        except HeaderError as error:
            raise CommandError(f"{file}: {error}") from None
        except PermissionDenied as error:
            raise CommandError(f"--user {user}: {error}") from None
        self._summary(file, report, options["errors_csv"])

    def _progress(self, report: LoadReport) -> None:
        if report.phase == "done":
            return
        if report.phase == "reading" and time.monotonic() - self._last < 1:
            return
        self._last = time.monotonic()
        self.stdout.write(
            f"{report.phase}: {report.rows_read:,} rows read, {report.rejected:,} rejected, "
            f"{report.inserted:,} new, {report.updated:,} updated"
        )

    def _summary(self, file: Path, report: LoadReport, errors_csv: Path | None) -> None:
        errors = report.sorted_errors()
        for line, problem in errors:
            self.stderr.write(f"{file}:{line}: {problem.message()}")
        if errors_csv:
            with errors_csv.open("w", newline="", encoding="utf-8-sig") as out:
                writer = csv.writer(out)
                writer.writerow(["line", "code", "reason"])
                writer.writerows((line, p.code, p.message()) for line, p in errors)
        rate = report.rows_read / report.seconds if report.seconds else 0
        self.stdout.write(
            f"done: {report.inserted:,} new, {report.updated:,} updated, "
            f"{report.unchanged:,} unchanged, {report.rejected:,} rejected "
            f"in {report.seconds:.1f} s ({rate:,.0f} rows/s)"
        )
        if not report.loaded:
            raise CommandError(
                f"{file}: {report.rejected:,} rows rejected (listed above); nothing was loaded "
                "(fix them, or load the good rows with --accept-errors)"
            )
