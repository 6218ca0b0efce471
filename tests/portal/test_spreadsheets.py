"""Uploads read within limits (finding 10) and exports that never run as formulas (11)."""

import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from portal.spreadsheets import (
    Limits,
    SpreadsheetError,
    csv_read,
    csv_write_rows,
    neutralise,
    unneutralise,
    xlsx_read,
)

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]


NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OFFICE}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_OFFICE}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="r1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook {NS.decode()} xmlns:r="{_REL}"><sheets>'
        '<sheet name="s" sheetId="1" r:id="r1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="r1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="r2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}


def xlsx_with_sheet(sheet_xml: bytes, shared: bytes = b"") -> bytes:
    """A minimal workbook of one sheet and its shared strings, as hostile as given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text, compresslevel=9)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml, compresslevel=9)
        archive.writestr("xl/sharedStrings.xml", shared or b"<sst " + NS + b"/>", compresslevel=9)
    return out.getvalue()


def _sheet(rows: bytes) -> bytes:
    return b"<worksheet " + NS + b"><sheetData>" + rows + b"</sheetData></worksheet>"


BOMB_SHEET = (
    b'<?xml version="1.0"?><worksheet ' + NS + b'><dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>'
)


def _read_all(data: bytes, limits: Limits | None = None):
    return list(xlsx_read(data, limits or Limits()).rows)


def test_a_small_xlsx_bomb_is_refused_quickly_with_little_memory():
    data = xlsx_with_sheet(BOMB_SHEET)
    assert len(data) < 1700
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SpreadsheetError, match="超过 5000 行"):
        _read_all(data)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 3, elapsed
    assert peak < 40 * 1024 * 1024, peak


def test_the_row_limit_is_checked_while_reading_not_after():
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 60))
    reader = xlsx_read(xlsx_with_sheet(_sheet(rows)), Limits(rows=10)).rows
    seen = []
    with pytest.raises(SpreadsheetError, match="超过 10 行"):
        for line, _cells in reader:
            seen.append(line)
    assert seen == list(range(1, 11))


def test_a_sheet_that_decompresses_beyond_the_limit_is_refused_before_parsing():
    padding = b" " * (3 * 1024 * 1024)
    sheet = (
        b'<?xml version="1.0"?><worksheet '
        + NS
        + b"><sheetData>"
        + padding
        + b"</sheetData></worksheet>"
    )
    data = xlsx_with_sheet(sheet)
    assert len(data) < 20_000
    with pytest.raises(SpreadsheetError, match="解压后超过 2 MB"):
        xlsx_read(data, Limits(decompressed_bytes=2 * 1024 * 1024))


def test_too_many_shared_strings_are_refused():
    strings = b"".join(b"<si><t>%d</t></si>" % i for i in range(200))
    shared = b"<sst " + NS + b">" + strings + b"</sst>"
    data = xlsx_with_sheet(_sheet(b'<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), shared)
    assert _read_all(data, Limits(shared_strings=500)) == [(1, ["7"])]
    with pytest.raises(SpreadsheetError, match="共享字符串超过 100"):
        xlsx_read(data, Limits(shared_strings=100))


def test_a_cell_too_long_or_a_row_too_wide_is_refused_with_its_line():
    book = openpyxl.Workbook()
    book.active.append(["ok"])
    book.active.append(["x" * 101])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetError, match="第 2 行有一个单元格超过 100 个字符"):
        _read_all(out.getvalue(), Limits(cell_chars=100))
    with pytest.raises(SpreadsheetError, match="第 1 行超过 3 列"):
        list(csv_read(b"a,b,c,d\n", Limits(columns=3)))


def test_a_damaged_xlsx_or_a_zip_of_nonsense_is_a_clear_error():
    with pytest.raises(SpreadsheetError, match="不是有效的 XLSX"):
        xlsx_read(b"PK\x03\x04 not really")
    with pytest.raises(SpreadsheetError):
        _read_all(xlsx_with_sheet(b"<worksheet><sheetData><row"))


def test_csv_limits_are_checked_while_reading():
    with pytest.raises(SpreadsheetError, match="超过 2 行"):
        list(csv_read(b"a\nb\nc\n", Limits(rows=2)))
    huge = b'"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(SpreadsheetError, match="第 1 行"):
        list(csv_read(huge))
    nul = b"a,b\n" + b"c" * 5000 + b"\x00\n"
    with pytest.raises(SpreadsheetError, match="不是文本格式"):
        list(csv_read(nul))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_would_run_as_a_formula_gets_a_leading_quote(value):
    assert neutralise(value) == "'" + value
    assert unneutralise(neutralise(value)) == value
    assert csv_write_rows([[value]]).startswith(("'", "\"'"))


def test_plain_values_are_written_as_they_are():
    assert neutralise("注册会计师") == "注册会计师"
    assert neutralise(5) == 5
    assert unneutralise("'plain") == "'plain"


def test_an_xml_entity_bomb_in_a_sheet_is_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    sheet = laughs + _sheet(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>')
    with pytest.raises(SpreadsheetError):
        _read_all(xlsx_with_sheet(sheet))
