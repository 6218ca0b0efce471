#!/usr/bin/env python
"""Benchmark: bulk-load N issued certificates, then reload them with 10 % changed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python \
        bench/certificates_load.py 300000

Creates a throwaway database, loads the real catalogue, streams N synthetic rows (20
issuers) to a CSV file and loads it with the service behind `manage.py load_certificates`
as a registrar of all 20 issuers: first load (all new), then a second file where one row in
ten changed (holder name or status), which writes the history of the previous values.
Prints rows/s of each load, the load average (the machine is shared: figures are noisy)
and when each phase began (µs per row between them): "checking" after the file is read,
checked and staged, "storing" after the duplicates and the first merge, "done" at the end.
CERTIFICATES_LOAD_COPY=0 measures the Python reader instead of the COPY path.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _database import throwaway_database  # noqa: E402
from _registrar import bench_registrar  # noqa: E402
from certificates_verify import ISSUERS, _generate  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    with throwaway_database(os.environ.get("DATABASE_URL", ""), "certificates_load") as url:
        os.environ.update(
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="portal.settings.base",
            SECRET_KEY="bench-secret-key-" + "x" * 40,
            DEBUG="0",
            SINGLE_PROCESS="1",
        )
        import django

        django.setup()
        _prepare()
        with tempfile.TemporaryDirectory(prefix="certload-") as tmp:
            first, second = Path(tmp) / "first.csv", Path(tmp) / "second.csv"
            _generate(first, n, _qualification_ids())
            _changed_copy(first, second)
            _measure("first load (all new)", first)
            _measure("second load (10 % changed)", second)
        from django.db import connection

        connection.close()


def _prepare() -> None:
    import io

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", stdout=io.StringIO())


def _qualification_ids() -> list[int]:
    from catalogue.models import Qualification

    return list(Qualification.objects.items().listed().values_list("id", flat=True))


def _changed_copy(source: Path, target: Path) -> None:
    with source.open(encoding="utf-8") as rows, target.open("w", encoding="utf-8") as out:
        for i, line in enumerate(rows):
            if i and i % 10 == 0:
                line = (
                    line.replace(",valid\n", ",revoked\n")
                    if i % 20
                    else line.replace(",", ",改", 2).replace(",改", ",", 1)
                )
            out.write(line)


def _measure(label: str, path: Path) -> None:
    from certificates.services import issued_certificates_load

    phases: dict[str, float] = {}

    def progress(report) -> None:
        phases.setdefault(report.phase, time.monotonic())

    with path.open("rb") as binary:
        started = time.monotonic()
        report = issued_certificates_load(
            file=binary, by=bench_registrar(ISSUERS), progress=progress
        )
        seconds = time.monotonic() - started
    print(
        f"{label:28} {report.rows_read:>10,} rows  {report.inserted:>9,} new  "
        f"{report.updated:>9,} updated  {seconds:6.1f} s  "
        f"{report.rows_read / seconds:>9,.0f} rows/s  load average {_load_average()}"
    )
    marks = [("start", started)] + sorted(phases.items(), key=lambda item: item[1])
    spans = [
        f"{later[0]} at {later[1] - started:.1f} s "
        f"({(later[1] - earlier[1]) / max(report.rows_read, 1) * 1e6:.1f} µs/row)"
        for earlier, later in zip(marks, marks[1:], strict=False)
    ]
    print("    phases: " + ", ".join(spans))


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
