import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from authorities.models import Authority, Level

DATA = Path(__file__).resolve().parents[2] / "data" / "authorities.csv"


class Command(BaseCommand):
    help = (
        "Load the ministry, the 31 provincial-level human resources and social security "
        "departments and the seed's authorities, with their GB/T 2260 codes. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA)

    @transaction.atomic
    def handle(self, *args, file: Path, **options):
        try:
            rows = list(csv.DictReader(file.open(encoding="utf-8")))
        except OSError as error:
            raise CommandError(f"{file}: cannot read: {error.strerror}") from None
        created = sum(_load(row, file, n) for n, row in enumerate(rows, start=2))
        self.stdout.write(f"{created} authorities created, {len(rows) - created} already there")


def _load(row: dict, file: Path, line: int) -> bool:
    if row.get("level") not in Level.values:
        raise CommandError(f"{file}:{line}: expected a level in {Level.values}, found {row}")
    parent = Authority.objects.filter(name=row["parent"]).first() if row["parent"] else None
    if row["parent"] and parent is None:
        raise CommandError(f"{file}:{line}: parent {row['parent']!r} is not loaded above it")
    values = {"level": row["level"], "division_code": row["division_code"], "parent": parent}
    _authority, created = Authority.objects.update_or_create(name=row["name"], defaults=values)
    return created
