from django.core.management.base import BaseCommand

from enforcement.submissions import submission_sweep
from enforcement.uploads import evidence_sweep


class Command(BaseCommand):
    help = (
        "Finish or remove evidence files left half-written (…part) by a report whose "
        "transaction failed or whose process died, and forget expired idempotency keys. "
        "Run it hourly (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age", type=int, default=3600, help="seconds a part must be old (3600)"
        )

    def handle(self, *args, min_age: int, **options):
        moved, removed = evidence_sweep(min_age_seconds=min_age)
        forgotten = submission_sweep()
        self.stdout.write(
            f"{moved} evidence files moved into place, {removed} removed; "
            f"{forgotten} expired idempotency keys forgotten"
        )
