"""Bulk certificate check: page and API, CSV and XLSX answers, bad files, nothing stored."""

import csv
import io

import pytest
from openpyxl import load_workbook

from catalogue.models import Qualification
from certificates.checkbulk import neutralise

pytestmark = pytest.mark.usefixtures("catalogue")

GOOD = (
    "证书名称,发证机构,发证日期,证书编号\n"
    "一级建造师,,,\n"
    "电工证,,,\n"
    "茶艺师,某茶艺协会,2022-03-01,\n"
    ",某协会,,\n"
    "注册会计师,,2019-13-01,\n"
    '=HYPERLINK("http://evil"),,,\n'
)


def _upload(text: bytes | str, name="list.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    raw = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, raw, content_type="text/csv")


def _api(client, text, output="json"):
    return client.post("/api/v1/certificate-check/bulk/", {"file": _upload(text), "output": output})


def test_each_row_gets_the_answer_of_a_single_check_or_a_line_numbered_reason(client):
    body = _api(client, GOOD).json()
    rows = {r["line"]: r for r in body["rows"]}
    assert rows[2]["answer"]["verdict"] == "access"
    assert rows[3]["answer"]["verdict"] == "uncertain" and rows[3]["answer"]["options"]
    assert "issued_after_exit" in [w["code"] for w in rows[4]["answer"]["warnings"]]
    assert rows[5]["error"].startswith("第 5 行：") and rows[5]["answer"] is None
    assert rows[6]["error"].startswith("第 6 行：") and "2019-13-01" in rows[6]["error"]
    assert body["errors"] == 2 and body["data_version"]


def test_the_csv_answer_neutralises_formulas(client):
    response = _api(client, GOOD, output="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("行号")
    evil = next(r for r in rows if "HYPERLINK" in r[1])
    assert evil[1].startswith("'=")


def test_the_xlsx_answer_holds_strings_only(client):
    response = _api(client, GOOD, output="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(isinstance(v, str) for v in values)
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    assert any(v.startswith("'=HYPERLINK") for v in values)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_dangerous_cells_get_a_quote(value):
    assert neutralise(value) == "'" + value


def test_nothing_is_stored(client):
    before = Qualification.objects.count()
    _api(client, GOOD)
    assert Qualification.objects.count() == before


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "NUL"),
        ("证件,别的\n" + "x\n", "证书名称"),
        ("name\n" + "一级建造师\n" * 1001, "1000"),
        ("name\n" + "x" * (1024 * 1024 + 1), "1 MB"),
    ],
)
def test_a_bad_file_is_a_400_with_one_clear_reason(client, raw, message):
    response = _api(client, raw)
    assert response.status_code == 400
    assert message in str(response.json())


def test_a_50_mb_file_is_refused_on_the_page_with_a_form_error(client):
    big = _upload(b"name\n" + b"a" * (50 * 1024 * 1024))
    response = client.post("/check/bulk/", {"file": big, "output": "html"})
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


def test_the_page_shows_the_answers_and_downloads_xlsx(client):
    page = client.post("/check/bulk/", {"file": _upload(GOOD), "output": "html"})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-verdict="access"' in html and "第 5 行" in html
    download = client.post("/check/bulk/", {"file": _upload(GOOD), "output": "xlsx"})
    assert download["Content-Disposition"] == 'attachment; filename="certificate-check.xlsx"'


def test_a_thousand_rows_are_accepted(client):
    body = _api(client, "name\n" + "注册会计师\n" * 1000).json()
    assert len(body["rows"]) == 1000 and body["errors"] == 0
