"""The text of an uploaded document: plain text, a .docx, or a PDF's text layer.

Each kind is recognised by its first bytes, not its name alone, and checked for size
before it is opened: a .docx is a zip whose members' unpacked sizes are added up first
(a zip bomb is refused unread), a PDF's pages are counted before any is read. Text is
extracted with python-docx and pypdf. Errors are ExtractError with a message for the form.
"""

import io
import zipfile

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 100
MAX_TEXT_CHARS = 400_000


class ExtractError(ValueError):
    pass


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 as Chinese offices often save; no binary."""
    if b"\x00" in raw:
        raise UnicodeDecodeError("binary", raw, 0, 1, "NUL byte in text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def text_of_upload(name: str, raw: bytes) -> str:
    """The document's text, by what its bytes are; ExtractError saying why not."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ExtractError(_("文件超过 5 MB。"))
    lower = name.lower()
    if raw.startswith(b"%PDF-") and lower.endswith(".pdf"):
        text = _pdf_text(raw)
    elif raw.startswith(b"PK\x03\x04") and lower.endswith(".docx"):
        text = _docx_text(raw)
    elif lower.endswith((".txt", ".text")):
        try:
            text = decode_text(raw)
        except UnicodeDecodeError:
            raise ExtractError(_("无法读取：不是 UTF-8 或 GB18030 文本。")) from None
    else:
        raise ExtractError(_("只接受 .txt、.docx 或带文字层的 .pdf 文件。"))
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractError(_("文本过长（超过 40 万字）。"))
    return text


def _docx_text(raw: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise ExtractError(_("无法读取：不是有效的 .docx 文件。")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExtractError(_("无法读取：.docx 解压后过大。"))
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises several kinds for a broken package
        raise ExtractError(_("无法读取：不是有效的 .docx 文件。")) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\u3000".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ExtractError(_("PDF 超过 %(n)d 页。") % {"n": MAX_PDF_PAGES})
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, ExtractError):
            raise
        raise ExtractError(_("无法读取：不是有效的 PDF 文件。")) from None
    if not text.strip():
        raise ExtractError(_("PDF 没有文字层（扫描件），请粘贴文字。"))
    return text
