"""Writes to the certificate registry."""

import time
from collections.abc import Callable
from typing import BinaryIO

from django.db import transaction

from . import bulk
from .loading import LoadReport, RowReader, open_text


def _quiet(report: LoadReport) -> None:
    return None


def issued_certificates_load(
    *, file: BinaryIO, progress: Callable[[LoadReport], None] = _quiet
) -> LoadReport:
    """Validate every row of an issuer's CSV and upsert the good ones, in one transaction.

    Bad rows are reported (line and reason) and skipped; a file that cannot be read at all
    (no header, a required column missing) raises loading.HeaderError before anything is
    written. Loading the same file again changes nothing.
    """
    report = LoadReport()
    started = time.monotonic()
    with transaction.atomic():
        rows = RowReader(report).rows(open_text(file))
        bulk.store(rows, report, progress)
    report.seconds = time.monotonic() - started
    return report
