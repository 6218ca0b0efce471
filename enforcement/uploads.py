"""Evidence files: at most five, each a PDF, JPEG or PNG of at most 10 MB.

The type is read from the file's first bytes (magic numbers, via `filetype`), never from
its name or the browser's Content-Type, so a renamed executable is refused, and the name
a file is stored and downloaded under takes its extension from that sniffed type.

A file is written under a temporary name (`….part`) inside the report's transaction and
moved to its final name only once that transaction has committed: a row never points at
a missing file, and a file whose transaction rolled back (or whose process died) is left
as a `.part` that `manage.py evidence_sweep` removes, or finishes moving if its row exists.
"""

import logging
import os
import re
import time
from uuid import uuid4

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
PART = ".part"
# Characters kept from a reporter's file name in the download name; the rest become "_".
_UNSAFE = re.compile(r"[^\w\u3400-\u9fff-]+")

logger = logging.getLogger(__name__)


def sniffed_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(261)  # filetype needs no more than the first 261 bytes
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind and kind.mime in ALLOWED else None


def evidence_validate(files: list[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    """Each file with its sniffed content type; ValidationError naming every bad file."""
    if len(files) > MAX_FILES:
        raise ValidationError(_("最多上传 %(n)s 个文件。") % {"n": MAX_FILES}, code="too_many")
    errors, accepted = [], []
    for upload in files:
        mime = sniffed_type(upload)
        if upload.size > MAX_BYTES:
            errors.append(_("“%(name)s”超过 10 MB。") % {"name": upload.name})
        elif mime is None:
            errors.append(_("“%(name)s”不是 PDF、JPEG 或 PNG 文件。") % {"name": upload.name})
        else:
            accepted.append((upload, mime))
    if errors:
        raise ValidationError(errors, code="bad_file")
    return accepted


def download_name(original_name: str, content_type: str) -> str:
    """The reporter's name up to its first dot, with the sniffed type's extension.

    `evil.jpg.html` holding a JPEG downloads as `evil.jpg`, never as a page.
    """
    stem = _UNSAFE.sub("_", original_name.split(".", 1)[0]).strip("_")[:80]
    return f"{stem or 'evidence'}.{ALLOWED[content_type]}"


def evidence_stage(case, accepted: list[tuple[UploadedFile, str]], staged: list[str]) -> None:
    """Write each file as `<final>.part` and its row; move them into place on commit.

    Names of the written parts are appended to `staged`, so that a caller whose
    transaction fails can remove them (`evidence_discard`).
    """
    from .models import Evidence

    for upload, mime in accepted:
        evidence = Evidence(
            case=case, original_name=upload.name[:200], content_type=mime, size=upload.size
        )
        # A random stored name: the reporter's file name never reaches the file system.
        final = evidence.file.field.generate_filename(evidence, f"{uuid4().hex}.{ALLOWED[mime]}")
        storage = evidence.file.storage
        staged.append(storage.save(final + PART, upload))
        evidence.file.name = final
        evidence.save()
    parts = list(staged)
    transaction.on_commit(lambda: evidence_publish(parts), robust=True)


def evidence_publish(parts: list[str]) -> None:
    """Move committed parts to their final names (an atomic rename in one folder)."""
    storage = _storage()
    for part in parts:
        os.replace(storage.path(part), storage.path(part.removesuffix(PART)))


def evidence_discard(parts: list[str]) -> None:
    storage = _storage()
    for part in parts:
        storage.delete(part)


def evidence_sweep(*, min_age_seconds: int = 3600) -> tuple[int, int]:
    """Finish or remove parts older than `min_age_seconds`: (moved, removed).

    Younger parts may belong to a transaction still running, and are left alone.
    """
    from .models import Evidence

    storage = _storage()
    root = storage.path("")
    cutoff = time.time() - min_age_seconds
    moved = removed = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if not name.endswith(PART) or os.path.getmtime(path) > cutoff:
                continue
            final = os.path.relpath(path, root).removesuffix(PART)
            if Evidence.objects.filter(file=final).exists():
                os.replace(path, path.removesuffix(PART))
                moved += 1
            else:
                os.remove(path)
                removed += 1
    logger.info("evidence sweep: %s moved into place, %s removed", moved, removed)
    return moved, removed


def _storage():
    from .models import evidence_storage

    return evidence_storage()
