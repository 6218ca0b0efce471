"""Writes to the certificate registry: every path (admin, upload, command) comes here.

A load is one transaction: every row is validated and staged, duplicates and revocations
are checked, the rows are merged with their previous values kept in the history, and the
whole load is rolled back unless the report is accepted (no errors, or no more errors than
the user accepted). Single certificates are saved by :func:`issued_certificate_save`.
"""

import functools
import hashlib
import logging
import time
from typing import BinaryIO

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from portal.spreadsheets import csv_text_problem

from . import bulk, staging
from . import registry_rules as rules
from .access import issuers_for
from .background import run_after_commit
from .loading import HeaderError, LoadReport, Progress, RowReader, open_text, retirement_lookup
from .models import (
    CertificateLoad,
    CertificateRevision,
    IssuedCertificate,
    LoadProblem,
    LoadStatus,
    RevisionAction,
)
from .numbers import certificate_number_normalise
from .registry_rules import Problem

logger = logging.getLogger(__name__)
REGISTRAR_PERMISSIONS = [
    "certificates.add_issuedcertificate",
    "certificates.change_issuedcertificate",
]
EVERY_ERROR = 2**62  # accept_at_most for "load the good rows whatever the report says"


def _quiet(report: LoadReport) -> None:
    return None


def issued_certificates_load(
    *,
    file: BinaryIO,
    by,
    file_name: str = "",
    accept_at_most: int = 0,
    dry_run: bool = False,
    load: CertificateLoad | None = None,
    progress: Progress = _quiet,
) -> LoadReport:
    """Validate every row of an issuer's CSV and load it, in one transaction.

    Loaded only if the report has no more errors than ``accept_at_most`` (0: all or
    nothing); then the good rows are written and the bad ones skipped. ``dry_run`` always
    rolls back: the report says what loading would do. A file that cannot be read at all
    raises loading.HeaderError before anything is written. Loading a file again changes
    nothing. Each written row leaves a CertificateRevision naming the user and the load.
    """
    if not by.has_perms(REGISTRAR_PERMISSIONS):
        raise PermissionDenied(gettext("只有证书登记员可以导入证书。"))
    if problem := csv_text_problem(file.read(4)):
        raise HeaderError(problem)
    file.seek(0)
    started = time.monotonic()
    streaming = connection.vendor == "postgresql"
    scanned = staging.scan(file)
    digest = scanned.sha256
    copying = streaming and scanned.copyable and settings.CERTIFICATES_LOAD_COPY
    while True:
        report = LoadReport()
        with transaction.atomic():
            created = load is None
            if created:
                load = CertificateLoad.objects.create(
                    file_name=file_name[:255], file_sha256=digest, uploaded_by=by
                )
            writer = bulk.Writer(by_id=by.pk, load_id=load.pk)
            if copying and staging.stage(file, scanned, report, issuers_for(by), progress):
                _check_merge(report, writer, progress)
                clean = True
            else:
                text = open_text(file)
                rows = RowReader(report, issuers_for(by), progress).rows(text)
                if streaming:
                    clean = bulk.stream(rows, report, writer, progress)
                else:
                    _stage_check_merge(rows, report, writer, progress)
                    clean = True
            accepted = not dry_run and report.rejected <= accept_at_most
            report.loaded = accepted and clean
            if report.loaded:
                _finish(load, report, LoadStatus.LOADED, accepted=report.rejected > 0)
            else:
                transaction.set_rollback(True)
        if not (accepted and not clean):
            break
        # A number repeated across chunks and the good rows are to be kept: its first line
        # was merged before the repeat was seen. Load again, staging the whole file first.
        streaming = False
        text.detach()  # else closing the text wrapper would close the caller's file
        file.seek(0)
        load = None if created else load
    report.seconds = time.monotonic() - started
    report.phase = "done"
    progress(report)
    return report


def _stage_check_merge(rows, report: LoadReport, writer, progress: Progress) -> None:
    bulk.stage(rows, report, progress)
    _check_merge(report, writer, progress)


def _check_merge(report: LoadReport, writer, progress: Progress) -> None:
    report.phase = "checking"
    progress(report)
    bulk.reject_duplicates(report)
    bulk.merge(report, writer, progress)


def file_sha256(file: BinaryIO) -> str:
    digest = hashlib.sha256()
    while block := file.read(1 << 20):
        digest.update(block)
    file.seek(0)
    return digest.hexdigest()


def _finish(load: CertificateLoad, report: LoadReport, status: str, accepted: bool) -> None:
    load.status = status
    load.accepted_errors = accepted
    load.finished_at = timezone.now()
    load.rows_read, load.rejected = report.rows_read, report.rejected
    load.inserted, load.updated = report.inserted, report.updated
    load.save()


# The admin's two steps: upload → validation report → the user accepts it → load.


def certificate_load_start(*, upload, by) -> CertificateLoad:
    """Keep an uploaded file and validate it in the background (see load_progress)."""
    load = CertificateLoad(file_name=upload.name[:255], uploaded_by=by)
    load.file_sha256 = file_sha256(upload)
    load.file.save(f"{load.file_sha256}.csv", upload, save=False)
    load.save()
    run_after_commit(certificate_load_validate, load.pk)
    return load


def _marks_failure(function):
    """A background step that fails unexpectedly leaves the load refused, never stuck."""

    @functools.wraps(function)
    def run(*, load_id: int):
        try:
            return function(load_id=load_id)
        except Exception:
            logger.exception("certificate load %s failed", load_id)
            CertificateLoad.objects.filter(pk=load_id).update(
                status=LoadStatus.REFUSED,
                failure=gettext("导入时发生内部错误，未写入任何数据。"),
                finished_at=timezone.now(),
            )
            raise

    return run


@_marks_failure
def certificate_load_validate(*, load_id: int) -> CertificateLoad:
    """Run the load as a dry run and keep its report (every problem) on the load."""
    load = CertificateLoad.objects.select_related("uploaded_by").get(pk=load_id)
    try:
        with load.file.open("rb") as file:
            report = issued_certificates_load(
                file=file, by=load.uploaded_by, load=load, dry_run=True, progress=_tracker(load)
            )
    except HeaderError as error:
        load.failure = str(error)
        load.status = LoadStatus.REFUSED
        load.finished_at = timezone.now()
        load.save()
        _forget_file(load)
        return load
    with transaction.atomic():
        LoadProblem.objects.filter(load=load).delete()
        LoadProblem.objects.bulk_create(
            (
                LoadProblem(load=load, line=line, code=p.code, params=p.params)
                for line, p in report.sorted_errors()
            ),
            batch_size=5_000,
        )
        load.rows_read, load.rejected = report.rows_read, report.rejected
        load.inserted, load.updated = report.inserted, report.updated
        load.status = LoadStatus.VALIDATED
        load.save()
    return load


def certificate_load_accept(*, load: CertificateLoad, by) -> None:
    """The uploader accepts the report: the file loads in the background."""
    if by.pk != load.uploaded_by_id:
        raise PermissionDenied
    claimed = CertificateLoad.objects.filter(pk=load.pk, status=LoadStatus.VALIDATED)
    if not claimed.update(status=LoadStatus.LOADING):
        raise ValidationError(gettext("此文件不在待确认状态。"))
    run_after_commit(certificate_load_run, load.pk)


def certificate_load_discard(*, load: CertificateLoad, by) -> None:
    if by.pk != load.uploaded_by_id:
        raise PermissionDenied
    claimed = CertificateLoad.objects.filter(pk=load.pk, status=LoadStatus.VALIDATED)
    if claimed.update(status=LoadStatus.DISCARDED, finished_at=timezone.now()):
        _forget_file(load)


def _forget_file(load: CertificateLoad) -> None:
    """A finished load keeps the file's name and hash, not the holders' data in it."""
    if load.file:
        load.file.delete(save=False)
        CertificateLoad.objects.filter(pk=load.pk).update(file="")


@_marks_failure
def certificate_load_run(*, load_id: int) -> LoadReport:
    """Load an accepted file: it loads only if it has no more errors than were accepted."""
    load = CertificateLoad.objects.select_related("uploaded_by").get(pk=load_id)
    with load.file.open("rb") as file:
        report = issued_certificates_load(
            file=file,
            by=load.uploaded_by,
            load=load,
            accept_at_most=load.rejected,
            progress=_tracker(load),
        )
    if not report.loaded:
        load.status = LoadStatus.REFUSED
        load.failure = gettext("文件的校验结果已改变（%(n)s 行有错误），请重新上传。") % {
            "n": report.rejected
        }
        load.finished_at = timezone.now()
        load.save()
    _forget_file(load)
    return report


def _progress_key(load_id: int) -> str:
    return f"certificates:load:{load_id}:progress"


def _tracker(load: CertificateLoad) -> Progress:
    def track(report: LoadReport) -> None:
        counts = {"rows_read": report.rows_read, "rejected": report.rejected}
        cache.set(_progress_key(load.pk), counts | {"phase": report.phase}, timeout=86_400)

    return track


def load_progress(load: CertificateLoad) -> dict:
    """The counters of a running load (the cache is shared by every app server)."""
    return cache.get(_progress_key(load.pk)) or {"rows_read": 0, "rejected": 0, "phase": ""}


# One certificate at a time (the admin's change form).


def issued_certificate_problems(
    *, certificate: IssuedCertificate, by, before: IssuedCertificate | None
) -> list[Problem]:
    """Every rule a single write breaks: the same rules as a row of a load."""
    issuers = issuers_for(by)
    key = certificate_number_normalise(certificate.number or "")
    found = [rules.registrar_acts_for_issuer(certificate.issuer, issuers)]
    found.append(rules.number_has_a_key(certificate.number or "", key))
    found.append(rules.number_unique_per_issuer(certificate.number, _clashing(certificate, key)))
    if before is not None:
        found.append(rules.registrar_acts_for_issuer(before.issuer, issuers))
        found.append(
            rules.revocation_is_final(certificate.number, before.status, certificate.status)
        )
    retirement = retirement_lookup().get(certificate.qualification_id)
    if retirement is not None and certificate.issued_on is not None:
        found.append(rules.issued_within_the_catalogue(certificate.issued_on, *retirement))
    return [problem for problem in found if problem is not None]


def _clashing(certificate: IssuedCertificate, key: str) -> str | None:
    """The number of another certificate of the same issuer with this key, if any."""
    others = IssuedCertificate.objects.numbered(key).filter(issuer=certificate.issuer)
    if certificate.pk is not None:
        others = others.exclude(pk=certificate.pk)
    return others.values_list("number", flat=True).first()


@transaction.atomic
def issued_certificate_save(*, certificate: IssuedCertificate, by) -> IssuedCertificate:
    """Add or change one certificate, keeping its previous values in the history."""
    before = None
    if certificate.pk is not None:
        before = IssuedCertificate.objects.select_for_update().get(pk=certificate.pk)
    problems = issued_certificate_problems(certificate=certificate, by=by, before=before)
    if problems:
        raise ValidationError([problem.message() for problem in problems])
    certificate.save()
    revision = CertificateRevision(
        certificate=certificate,
        number=certificate.number,
        issuer=certificate.issuer,
        changed_at=timezone.now(),
        changed_by=by,
        action=RevisionAction.CREATED if before is None else RevisionAction.CHANGED,
    )
    if before is not None:
        for name in bulk.PREVIOUS_FIELDS:
            setattr(revision, f"previous_{name}", getattr(before, name))
    revision.save()
    return certificate
