from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from catalogue.models import (
    VERIFICATION_ORDER,
    Category,
    Edition,
    EditionEntry,
    Kind,
    Qualification,
)
from catalogue.shipped.loading import DATA_DIR, load_catalogue


class Command(BaseCommand):
    help = (
        "Load the shipped catalogue data (editions, entries with their verification level, the "
        "2021 changes, the State Council cancellation batches, exits, verification services, "
        "forbidden wording, colloquial names and advert phrases) idempotently, then print "
        "each edition's official totals and its rows by verification level."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir: Path, **options):
        if not (data_dir / "editions.csv").is_file():
            raise CommandError(f"{data_dir}: no editions.csv here; pass --data-dir")
        try:
            report = load_catalogue(data_dir=data_dir, progress=self.stdout.write)
        except ValidationError as exc:  # a rule of the notice the data would break: nothing loaded
            raise CommandError(f"{data_dir}: refused, {' '.join(exc.messages)}") from exc
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{data_dir}: unreadable data ({exc})") from exc
        for note in report.notes:
            self.stdout.write(f"  linked: {note}")
        self.stdout.write(f"created {report.created}, updated {report.updated} records")
        self._print_counts()

    def _print_counts(self) -> None:
        """Completeness per edition by verification level against the official totals;
        the number of rows says nothing about it (2017 has 140 rows by coincidence)."""
        for edition in Edition.objects.order_by("year"):
            entries = EditionEntry.objects.items().filter(edition=edition)
            levels = _by_level(entries)
            self.stdout.write(
                f"edition {edition.year}: {edition.official_total} official items; "
                f"{entries.count()} rows here by verification: {levels} items"
            )
            for (category, kind), official in _official(edition).items():
                rows = entries.filter(category=category, kind=kind)
                self.stdout.write(
                    f"  {category} {kind}: {official if official is not None else '?'} "
                    f"official, {rows.count()} rows ({_by_level(rows)})"
                )
        retired = Qualification.objects.items().retired().count()
        self.stdout.write(f"retired qualifications: {retired}")


def _by_level(entries) -> str:
    counts = dict(entries.order_by().values_list("verification").annotate(n=Count("id")))
    return ", ".join(f"{level} {counts.get(level, 0)}" for level in VERIFICATION_ORDER)


def _official(edition: Edition) -> dict[tuple[str, str], int | None]:
    pt, sk = Category.PROFESSIONAL_TECHNICAL, Category.SKILLED
    access, level = Kind.ACCESS, Kind.LEVEL_EVALUATION
    return {
        (pt, access): edition.official_pt_access,
        (pt, level): edition.official_pt_level,
        (sk, access): edition.official_skilled_access,
        (sk, level): edition.official_skilled_level,
    }
