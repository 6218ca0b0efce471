"""Idempotent report submission: the same report sent again returns the first receipt.

A client that lost the answer to a report (a timeout, a 503 while the database
restarted, a double click) sends it again with the same key: the API's Idempotency-Key
header, the form's hidden submission key. Within `IDEMPOTENCY_WINDOW` it gets the first
case and receipt back instead of making a second case; the same key with a different
report is refused. The key is kept only as a keyed hash, the receipt sealed with the
contact keys (contact.py).
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from .contact import seal, unseal
from .models import IDEMPOTENCY_WINDOW, Case, Submission


class IdempotencyConflict(ValidationError):
    """An Idempotency-Key already used for a different report."""


def submission_key_hash(key: str) -> str:
    secret = settings.RECEIPT_HMAC_KEY.encode()
    return hmac.new(secret, f"idempotency:{key}".encode(), hashlib.sha256).hexdigest()


def submission_fingerprint(fields: dict, accepted: list[tuple[UploadedFile, str]]) -> str:
    """What makes two submissions the same report: its fields and its files' names and sizes."""
    files = [(upload.name, upload.size, mime) for upload, mime in accepted]
    payload = json.dumps([fields, files], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def submission_record(*, key: str, fingerprint: str, case: Case, code: str) -> Submission:
    """Called inside the report's transaction: a twin with the same key fails its INSERT."""
    return Submission.objects.create(
        key_hash=submission_key_hash(key),
        fingerprint=fingerprint,
        case=case,
        receipt_sealed=seal(code),
        created_at=case.created_at,
    )


def submission_replay(*, key: str, fingerprint: str) -> tuple[Case, str] | None:
    """The first case and receipt sent with this key, or None; IdempotencyConflict if the
    key came with another report."""
    since = timezone.now() - IDEMPOTENCY_WINDOW
    found = (
        Submission.objects.select_related("case__authority")
        .filter(key_hash=submission_key_hash(key), created_at__gte=since)
        .first()
    )
    if found is None:
        return None
    if found.fingerprint != fingerprint:
        raise IdempotencyConflict(_("这个 Idempotency-Key 已用于另一份举报，请换一个。"))
    return found.case, unseal(found.receipt_sealed)


def submission_sweep() -> int:
    """Forget keys older than the window; returns how many were removed."""
    deleted, _by_model = Submission.objects.filter(
        created_at__lt=timezone.now() - IDEMPOTENCY_WINDOW
    ).delete()
    return deleted
