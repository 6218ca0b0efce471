"""Evidence files: at most five, each a PDF, JPEG or PNG of at most 10 MB.

The type is read from the file's first bytes (magic numbers, via `filetype`), never from
its name or the browser's Content-Type, so a renamed executable is refused.
"""

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


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
