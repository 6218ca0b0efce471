"""Bulk checks of large files in the background, with progress for the page.

A file of more than ``PROGRESS_ROWS`` rows is read and its bad file errors are reported at
once; its rows are then checked in a thread of the app server (certificates.background)
while the page polls the job. The job lives only in the shared cache (Redis in
production), under an unguessable id: its progress while it runs, then its answers for
``KEEP_SECONDS`` (10 minutes) or until the employer deletes them. Nothing goes to the
database. If the server restarts during a job, its progress stops being renewed and the
job expires within ``RUNNING_SECONDS``: the page then asks for the file again.
"""

import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import get_language

from .background import run_soon
from .checkbulk import BulkResult, check_rows, read_rows
from .snapshot import Snapshot, pinned_snapshot, snapshot

PROGRESS_ROWS = 200  # smaller files are answered in the request itself
KEEP_SECONDS = 10 * 60
RUNNING_SECONDS = 60
_STEP = 50  # rows between two progress writes


@dataclass
class BulkJob:
    id: str
    total: int
    done: int = 0
    result: BulkResult | None = None

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def percent(self) -> int:
        return 100 if self.finished else int(100 * self.done / max(self.total, 1))


def _key(job_id: str) -> str:
    return f"certificates:bulk-check:{job_id}"


def bulk_check_start(*, raw: bytes) -> BulkJob:
    """Read the file (BulkFileError for a bad one) and start checking its rows."""
    rows = read_rows(raw)
    job = BulkJob(id=secrets.token_urlsafe(24), total=len(rows))
    cache.set(_key(job.id), job, RUNNING_SECONDS)
    # The snapshot of this request: the thread checks against the catalogue the upload saw.
    run_soon(_run, job=job, result=BulkResult(rows), snap=snapshot(), language=get_language())
    return job


def _run(*, job: BulkJob, result: BulkResult, snap: Snapshot, language: str) -> None:
    def progress(done: int) -> None:
        if done % _STEP == 0:
            job.done = done
            cache.set(_key(job.id), job, RUNNING_SECONDS)

    with pinned_snapshot(snap), translation.override(language):
        check_rows(result, progress)
    job.done, job.result = job.total, result
    cache.set(_key(job.id), job, KEEP_SECONDS)


def bulk_check_job(job_id: str) -> BulkJob | None:
    """The job's progress or answers; None when unknown, expired or deleted."""
    found = cache.get(_key(job_id)) if len(job_id) <= 64 else None
    return found if isinstance(found, BulkJob) else None


def bulk_check_discard(job_id: str) -> None:
    """Delete the job's answers now rather than when they expire."""
    cache.delete(_key(job_id))
