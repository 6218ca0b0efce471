"""Spreadsheets in and out: uploads read within limits, exports that cannot run as formulas.

Uploads. An XLSX file is a zip of XML: a few hundred bytes can declare a sheet of a million
rows, a merged range over the whole sheet or gigabytes of decompressed XML. So the zip's
declared sizes are checked before anything is parsed (``zipfile`` never returns more than an
entry declares), the sheet is read with openpyxl's read-only (streaming) parser, and rows,
columns, cell sizes, shared strings and merged ranges are counted while reading: the first
limit passed stops the reading with a ``SpreadsheetError`` saying which. XML is parsed with
defusedxml (openpyxl uses it too when installed): no entity expansion. CSV likewise.

Exports. OWASP's rule against formula injection ("CSV injection"): a cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``; XLSX cells are
written as text, never as formulas. ``unneutralise`` undoes exactly that on reading, so that
an export reads back as what was exported.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import openpyxl
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_MERGE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet within the limits; the message says why."""


@dataclass(frozen=True)
class Limits:
    rows: int = 5000
    columns: int = 50
    cell_chars: int = 10_000
    shared_strings: int = 50_000
    merged_ranges: int = 5000
    decompressed_bytes: int = 20 * 1024 * 1024
    zip_entries: int = 200


@dataclass
class Sheet:
    """The first worksheet: its rows as strings, and its merged ranges clipped to the limits."""

    rows: Iterator[tuple[int, list[str]]]
    # (first row, first column, last row, last column), 1-based and inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


# Exports -----------------------------------------------------------------------------------


def neutralise(value):
    """A cell value safe to open in a spreadsheet program (OWASP: prefix ' to formulas)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """The value ``neutralise`` was given, for a cell read back from an export."""
    return _NEUTRALISED.sub("", value)


def csv_write_rows(rows, *, out: io.StringIO | None = None) -> str:
    """CSV text of ``rows`` with every cell neutralised."""
    out = out or io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def xlsx_append_text_row(sheet, row: list) -> None:
    """Append ``row`` to an openpyxl sheet, strings as text cells: nothing is a formula."""
    sheet.append([None if cell == "" else cell for cell in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            cell.number_format = "@"


# Uploads -----------------------------------------------------------------------------------


def _cell_text(value, limits: Limits, line: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unneutralise(str(value))
    if len(text) > limits.cell_chars:
        raise SpreadsheetError(
            _("第 %(line)s 行有一个单元格超过 %(n)s 个字符。")
            % {"line": line, "n": limits.cell_chars}
        )
    return text


def _row_checked(line: int, cells: list, limits: Limits) -> list[str]:
    if line > limits.rows:
        raise SpreadsheetError(_("文件超过 %(n)s 行。") % {"n": limits.rows})
    if len(cells) > limits.columns and any(c not in (None, "") for c in cells[limits.columns :]):
        raise SpreadsheetError(
            _("第 %(line)s 行超过 %(n)s 列。") % {"line": line, "n": limits.columns}
        )
    texts = [_cell_text(c, limits, line) for c in cells[: limits.columns]]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def csv_read(data: bytes, limits: Limits = Limits()) -> Iterator[tuple[int, list[str]]]:
    """The rows of a UTF-8 or GB18030 CSV file, numbered from 1, within ``limits``."""
    if len(data) > limits.decompressed_bytes:
        raise SpreadsheetError(_("文件过大。"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(_("文件既不是 UTF-8 也不是 GB18030 编码的 CSV。"))
    if "\x00" in text:
        raise SpreadsheetError(_("这不是文本格式的 CSV 文件。"))
    reader = csv.reader(io.StringIO(text))
    line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SpreadsheetError(
                _("第 %(line)s 行无法读取：%(e)s") % {"line": reader.line_num, "e": error}
            ) from None
        line += 1
        yield line, _row_checked(line, cells, limits)


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise SpreadsheetError(_("这不是有效的 XLSX 文件。")) from None
    entries = archive.infolist()
    if len(entries) > limits.zip_entries:
        raise SpreadsheetError(_("XLSX 文件包含的部件过多。"))
    # zipfile never returns more than an entry declares, so the declared sizes bound the work.
    if sum(e.file_size for e in entries) > limits.decompressed_bytes:
        raise SpreadsheetError(
            _("XLSX 文件解压后超过 %(n)s MB。") % {"n": limits.decompressed_bytes // 1024 // 1024}
        )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _ref(text: str) -> tuple[int, int]:
    found = _CELL_REF.match(text.replace("$", "").upper())
    if not found:
        raise SpreadsheetError(_("XLSX 文件中的合并单元格“%(ref)s”无法识别。") % {"ref": text})
    return int(found[2]), _column_number(found[1])


def _merged_ranges(source, limits: Limits) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges, read by streaming its XML, clipped to the row and column
    limits so that a range over the whole sheet costs no more than the limits allow."""
    ranges = []
    for _event, element in iterparse(source, events=("end",)):
        if element.tag == _MERGE_TAG:
            if len(ranges) >= limits.merged_ranges:
                raise SpreadsheetError(_("XLSX 文件的合并单元格过多。"))
            first, _sep, last = element.get("ref", "").partition(":")
            (top, left), (bottom, right) = _ref(first), _ref(last or first)
            if top <= limits.rows and left <= limits.columns:
                ranges.append((top, left, min(bottom, limits.rows), min(right, limits.columns)))
        element.clear()
    return ranges


def _xlsx_rows(sheet, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    # Bounds on iter_rows stop openpyxl from padding to the sheet's declared dimension.
    rows = sheet.iter_rows(max_row=limits.rows + 1, max_col=limits.columns + 1, values_only=True)
    try:
        for line, cells in enumerate(rows, start=1):
            yield line, _row_checked(line, list(cells), limits)
    except SpreadsheetError:
        raise
    except Exception as error:  # a damaged sheet's XML, found while streaming it
        raise SpreadsheetError(_("无法读取 XLSX 文件：%(e)s") % {"e": error}) from None
    finally:
        sheet.parent.close()


def xlsx_read(data: bytes, limits: Limits = Limits()) -> Sheet:
    """The first worksheet of an XLSX file, streamed, within ``limits``."""
    _check_zip(data, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except SpreadsheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(_("无法打开 XLSX 文件：%(e)s") % {"e": error}) from None
    if len(sheet._shared_strings) > limits.shared_strings:
        book.close()
        raise SpreadsheetError(
            _("XLSX 文件的共享字符串超过 %(n)s 个。") % {"n": limits.shared_strings}
        )
    # openpyxl's read-only sheet does not read merged ranges: read them from its XML. Pinned
    # openpyxl 3.1: a read-only sheet keeps ``_shared_strings`` and ``_worksheet_path``.
    try:
        with book._archive.open(sheet._worksheet_path) as source:
            merged = _merged_ranges(source, limits)
    except SpreadsheetError:
        book.close()
        raise
    except Exception as error:
        book.close()
        raise SpreadsheetError(_("无法打开 XLSX 文件：%(e)s") % {"e": error}) from None
    area = sum((b - t + 1) * (r - left + 1) for t, left, b, r in merged)
    if area > limits.rows * limits.columns:
        book.close()
        raise SpreadsheetError(_("XLSX 文件的合并单元格过多。"))
    return Sheet(rows=_xlsx_rows(sheet, limits), merged=merged)


def csv_text_problem(head: bytes) -> str | None:
    """Why a file that should be a CSV is not one, from its first bytes (None: it may be).

    Excel saves "Unicode text" as UTF-16 and a workbook as a zip: both are full of NUL bytes
    and read as nonsense, so the user is told what the file is and how to save it instead.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("文件是 UTF-16 编码，请另存为 UTF-8 编码的 CSV。")
    if head.startswith(b"PK\x03\x04"):
        return _("这是 Excel 工作簿或压缩文件，不是 CSV：请在 Excel 中另存为 CSV UTF-8。")
    return None
