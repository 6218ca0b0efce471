from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from catalogue.loading import DATA_DIR, load_catalogue
from catalogue.models import EditionEntry, Qualification


class Command(BaseCommand):
    help = (
        "Load the shipped catalogue data (editions, entries, the 2021 changes and the State "
        "Council cancellation batches) idempotently, then print counts per edition, "
        "category and kind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir: Path, **options):
        if not (data_dir / "editions.csv").is_file():
            raise CommandError(f"{data_dir}: no editions.csv here; pass --data-dir")
        try:
            report = load_catalogue(data_dir=data_dir, progress=self.stdout.write)
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{data_dir}: unreadable data ({exc})") from exc
        for note in report.notes:
            self.stdout.write(f"  linked: {note}")
        self.stdout.write(f"created {report.created}, updated {report.updated} records")
        self._print_counts()

    def _print_counts(self) -> None:
        rows = (
            EditionEntry.objects.items()
            .values("edition__year", "edition__official_total", "category", "kind")
            .annotate(n=Count("id"))
            .order_by("edition__year", "category", "kind")
        )
        totals: dict[int, int] = {}
        for row in rows:
            totals[row["edition__year"]] = totals.get(row["edition__year"], 0) + row["n"]
        for year, total in totals.items():
            official = next(
                r["edition__official_total"] for r in rows if r["edition__year"] == year
            )
            self.stdout.write(f"edition {year}: {total} of {official} items")
            for row in rows:
                if row["edition__year"] == year:
                    self.stdout.write(f"  {row['category']} {row['kind']}: {row['n']}")
        retired = Qualification.objects.items().retired().count()
        self.stdout.write(f"retired qualifications: {retired}")
