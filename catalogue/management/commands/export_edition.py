from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Edition
from catalogue.officialtable.table import table_write_csv, table_write_xlsx
from catalogue.officialtable.tableimport import edition_table


class Command(BaseCommand):
    help = "Export an edition in the official table's layout, as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("output", type=Path, help="file to write: .csv or .xlsx")

    def handle(self, *args, year: int, output: Path, **options):
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"{year}: no such edition")
        rows = edition_table(edition=edition)
        if output.suffix.lower() == ".xlsx":
            data = table_write_xlsx(rows, edition.title)
        elif output.suffix.lower() == ".csv":
            data = table_write_csv(rows)
        else:
            raise CommandError(f"{output}: the name must end in .csv or .xlsx")
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror}") from error
        self.stdout.write(f"edition {year}: {len(rows)} items written to {output}")
