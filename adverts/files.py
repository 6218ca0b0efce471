"""The text of an uploaded advert: plain text (UTF-8 or GB18030), Word (.docx) or PDF.

Images are not read (no OCR): a PDF without a text layer is refused with a message.
"""

import io
import re
import zipfile
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_BYTES = 2 * 1024 * 1024
# A Word file's text, unpacked: far above any advert (20,000 characters), far below what a
# zip bomb of 2 MB unpacks to (gigabytes, read into memory before anything is checked).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def advert_file_text(upload: UploadedFile) -> str:
    """The text of the file, or a ValidationError naming what is wrong with it."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("文件太大：最多 2 MB。"), code="too_big")
    data = upload.read()
    name = (upload.name or "").lower()
    readers = {".txt": _plain, ".docx": _docx, ".pdf": _pdf}
    reader = next((r for suffix, r in readers.items() if name.endswith(suffix)), None)
    if reader is None:
        raise ValidationError(_("只能上传 .txt、.docx 或 .pdf 文件。"), code="file_type")
    return reader(data)


def _plain(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("无法识别文件的文字编码，请另存为 UTF-8 文本。"), code="encoding")


def _docx(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("word/document.xml").file_size > MAX_DOCUMENT_BYTES:
                raise ValidationError(
                    _("这个 Word 文件解压后过大，请粘贴广告的文字。"), code="docx"
                )
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ElementTree.ParseError) as error:
        raise ValidationError(_("无法读取这个 Word 文件。"), code="docx") from error
    paragraphs = root.iter(f"{_WORD}p")
    return "\n".join("".join(t.text or "" for t in p.iter(f"{_WORD}t")) for p in paragraphs)


def _pdf(data: bytes) -> str:
    try:
        pages = PdfReader(io.BytesIO(data)).pages
        text = "\n".join(page.extract_text() or "" for page in pages)
    except (PyPdfError, ValueError, KeyError) as error:
        raise ValidationError(_("无法读取这个 PDF 文件。"), code="pdf") from error
    if not re.search(r"\w", text):
        raise ValidationError(
            _("这个 PDF 没有文字层（可能是扫描图片），请粘贴广告的文字。"), code="pdf"
        )
    return text
