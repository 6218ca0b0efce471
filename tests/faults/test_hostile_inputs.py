"""Hostile input on every public path: never a 500, a 4xx says what is wrong, and a refused
write stores nothing.

Through Django's test client on the test database, with the real catalogue loaded. Each
case is one request; the values are the ones attackers and broken clients send: NUL bytes,
lone surrogates and overlong UTF-8 in percent-encoding, a million characters, repeated and
array keys, impossible dates and page numbers, bidi and zero-width characters, formula
injection, zip bombs, files whose content is not their extension, broken multipart and JSON.
Also the management commands that read a file (import_notice) or write one (export_edition).

Not here, run once by hand as probes (no 5xx found): schemathesis with SCHEMA_EXAMPLES=300
over tests/portal/test_api_schema_conformance.py, and its CLI against gunicorn with
production settings (`schemathesis run URL/api/schema/?format=json --phases
examples,coverage,fuzzing,stateful --checks not_a_server_error`); raw HTTP through gunicorn
(foreign or NUL Host, raw invalid UTF-8 in the request line, lying or negative
Content-Length, broken chunking, oversized headers): gunicorn or Django answer 400/431.
"""

import csv
import io
import json
import shutil
import zipfile
import zlib
from urllib.parse import quote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from enforcement.models import Case, Evidence, Message, Submission
from notices.models import Notice

HUGE = "x" * 1_000_000

# Raw query-string values, already percent-encoded where they are bytes.
QUERY_VALUES = {
    "nul": "a%00b",
    "lone-surrogate": "%ED%A0%80",
    "overlong-slash": "%C0%AF",
    "invalid-utf8": "%FF%FE%FD",
    "million": HUGE,
    "negative": "-1",
    "huge-number": "9" * 40,
    "float-inf": "1e309",
    "nan": "NaN",
    "not-a-number": "abc",
    "feb-30": "2024-02-30",
    "bidi": "%E2%80%AE%E8%AF%81%E4%B9%A6%E2%80%AC",  # RLO 证书 PDF
    "zero-width": "%E7%94%B5%E2%80%8B%E5%B7%A5",  # 电 ZWSP 工
    "full-width": "%EF%BC%A1%EF%BC%A2%EF%BC%91%EF%BC%92",  # ＡＢ１２
    "traditional": "%E9%9B%BB%E5%B7%A5%E8%AD%89",  # 電工證
    "formula": "%3Dcmd%7C%27%20%2FC%20calc%27%21A0",  # =cmd|' /C calc'!A0
    "newline": "a%0D%0ASet-Cookie%3A%20x%3D1",
    "control": "%01%02%1B%7F",
}

# Each public GET page and the query parameters it reads.
GET_PARAMETERS = {
    "/": ["q"],
    "/catalogue/": ["q", "edition", "category", "kind", "department", "status", "sort", "page"],
    "/catalogue/export.csv": ["q", "edition", "department", "sort"],
    "/catalogue/export.json": ["q", "status", "department"],
    "/editions/": ["page"],
    "/editions/2021/": ["page", "category"],
    "/editions/compare/": ["from", "to"],
    "/check/": ["name", "issuer", "issued_on", "number"],
    "/verify/": ["number"],
    "/report/": ["type", "organisation", "qualification_name", "region", "description"],
    "/track/": ["receipt_code"],
    "/statistics/": ["year", "violation_type"],
    "/notices/": ["number", "q", "issuer", "level", "region", "year", "forwards_of", "page"],
    "/notices/feed/": ["page"],
    "/catalogue/feed/": ["page"],
    "/language/": ["language", "next"],
    "/api/v1/qualifications/": ["q", "edition", "department", "page", "page_size"],
    "/api/v1/notices/": ["number", "year", "page"],
    "/api/v1/certificate-check/": ["name", "issued_on", "number"],
    "/api/v1/editions/compare/": ["from", "to"],
    "/api/docs/": ["format"],
    "/api/schema/": ["format", "lang"],
}

# Every parameter of the page at once: each field is cleaned whatever the others hold.
GET_CASES = [
    pytest.param(path, "&".join(f"{p}={value}" for p in parameters), id=f"{path}?{kind}")
    for path, parameters in GET_PARAMETERS.items()
    for kind, value in QUERY_VALUES.items()
]

# Query strings that break the shape rather than the value.
SHAPES = [
    "q=a&q=b&q=c",
    "page=1&page=2",
    "q[]=a&q[]=b",
    "page[]=1",
    "q[a][b]=c",
    "&&&==&=",
    "q",
    "%",
    "%zz=%zz",
    "a=" + "%25" * 2000,
    "&".join(f"k{i}=v" for i in range(5000)),
]


@pytest.fixture
def hostile(catalogue, settings, ministry, fuzhou):
    settings.RATELIMIT_ENABLE = False
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    yield
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


def stored() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Case, Evidence, Message, Submission)}


def assert_clear(response) -> None:
    """Not a server error; a refusal says something a person can read."""
    assert response.status_code < 500, response.content[:500]
    if response.request["REQUEST_METHOD"] == "HEAD":
        return  # no body, by definition
    if 400 <= response.status_code < 500 and response.status_code not in (404, 405):
        assert response.content.strip(), f"{response.status_code} with an empty body"
    if response.status_code == 400 and response.context:
        form = response.context.get("form") or getattr(response.context.get("filter"), "form", None)
        if form is not None:
            assert form.errors, "a 400 page whose form shows no error"


@pytest.mark.parametrize(("path", "query"), GET_CASES)
def test_a_hostile_query_value_is_never_a_server_error(client, hostile, path, query):
    assert_clear(client.get(f"{path}?{query}"))


# The pages whose parameters reach a form, a filter or a redirect.
SHAPE_PATHS = [
    "/catalogue/",
    "/catalogue/export.csv",
    "/editions/compare/",
    "/check/",
    "/report/",
    "/notices/",
    "/statistics/",
    "/language/",
    "/api/v1/qualifications/",
    "/api/v1/certificate-check/",
]


@pytest.mark.parametrize("path", SHAPE_PATHS)
@pytest.mark.parametrize("query", SHAPES, ids=range(len(SHAPES)))
def test_a_malformed_query_string_is_never_a_server_error(client, hostile, path, query):
    assert_clear(client.get(f"{path}?{query}"))


def test_the_language_switch_never_redirects_to_a_header_injection(client, hostile):
    response = client.get("/language/?language=en&next=/catalogue/%0D%0ASet-Cookie:%20x=1")
    assert response.status_code == 302
    assert "\r" not in response["Location"] and "\n" not in response["Location"]
    assert "x" not in response.cookies


@pytest.mark.parametrize("page", ["-1", "0", "9" * 30, "abc", "1.5", "last", "%ED%A0%80"])
def test_a_hostile_page_number_is_never_a_server_error(client, hostile, page):
    for path in ("/catalogue/", "/notices/", "/api/v1/qualifications/", "/api/v1/notices/"):
        assert_clear(client.get(f"{path}?page={page}"))


PATHS = [
    "/",
    "/catalogue/",
    "/catalogue/export.csv",
    "/catalogue/export.json",
    "/editions/",
    "/editions/compare/",
    "/check/",
    "/check/bulk/",
    "/verify/",
    "/verify/not-a-token/",
    "/report/",
    "/report/submit/",
    "/report/receipt/",
    "/report/receipt/download/",
    "/track/",
    "/track/add/",
    "/statistics/",
    "/advert-check/",
    "/notices/",
    "/notices/feed/",
    "/language/",
    "/about/",
    "/healthz",
    "/api/v1/qualifications/",
    "/api/v1/certificate-check/",
    "/api/v1/certificate-check/bulk/",
    "/api/v1/reports/",
    "/api/v1/reports/track/",
    "/api/v1/certificate-verifications/",
    "/api/v1/advert-check/",
    "/api/schema/",
    "/api/docs/",
]


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "DELETE"])
@pytest.mark.parametrize("path", PATHS)
def test_every_method_on_every_path_is_never_a_server_error(client, hostile, method, path):
    before = stored()
    assert_clear(client.generic(method, path, b"x=1", content_type="text/plain"))
    assert stored() == before


# ---- forms ---------------------------------------------------------------------------------

TEXT_VALUES = {
    "nul": "a\x00b",
    "lone-surrogate": "a\ud800b",
    "million": HUGE,
    "bidi": "\u202e证书\u202c",
    "zero-width": "电\u200b工\ufeff证",
    "full-width": "ＡＢ１２电工证",
    "formula": "=cmd|' /C calc'!A0",
    "control": "\x01\x02\x1b\x7f",
    "only-spaces": " \u3000\t\n",
}

FORM_CASES = [
    ("/check/", "get", ["name", "issuer", "issued_on", "number"]),
    ("/verify/", "post", ["number", "holder_name", "identity_number"]),
    ("/track/", "post", ["receipt_code"]),
    ("/track/add/", "post", ["receipt_code", "text"]),
    ("/advert-check/", "post", ["text", "advert_type"]),
    ("/report/", "post", ["violation_type", "organisation", "region_code", "description", "step"]),
    ("/report/submit/", "post", ["organisation", "region_code", "description", "contact"]),
]

REPORT = {
    "violation_type": "forbidden_wording",
    "organisation": "某某职业技能评价协会",
    "region_code": "350102",
    "description": "证书上印有“国家职业资格”字样。",
    "contact": "",
    "submission_key": "hostile-0001",
}


def form_body(data: dict) -> str:
    """URL-encoded as a browser would, lone surrogates as the bytes a broken client sends."""
    return "&".join(
        f"{quote(key)}={quote(value.encode('utf-8', 'surrogatepass'), safe='')}"
        for key, value in data.items()
    )


def _base(path: str) -> dict:
    if path.startswith(("/report/", "/api/v1/reports/")):
        return dict(REPORT)
    if path == "/verify/":
        return {"number": "X1", "holder_name": "张三"}
    if path == "/check/":
        return {"name": "电工证"}
    return {}


@pytest.mark.parametrize("kind", TEXT_VALUES)
@pytest.mark.parametrize(("path", "method", "fields"), FORM_CASES, ids=lambda v: str(v))
def test_a_hostile_form_value_is_refused_clearly(client, hostile, path, method, fields, kind):
    before = stored()
    body = form_body({**_base(path), **dict.fromkeys(fields, TEXT_VALUES[kind])})
    if method == "get":
        response = client.get(f"{path}?{body}")
    else:
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    assert_clear(response)
    if path != "/report/submit/" or response.status_code != 302:
        assert stored() == before


@pytest.mark.parametrize(("path", "method", "fields"), FORM_CASES, ids=lambda v: str(v))
def test_a_list_where_one_value_is_expected_is_never_a_server_error(
    client, hostile, path, method, fields
):
    data = {**_base(path), **{field: ["a", "b", "c"] for field in fields}}
    response = client.get(path, data) if method == "get" else client.post(path, data)
    assert_clear(response)


@pytest.mark.parametrize("issued_on", ["2024-02-30", "0000-01-01", "9999-99-99", "-1", "2024"])
def test_an_impossible_date_is_a_form_error(client, hostile, issued_on):
    response = client.get("/check/", {"name": "电工证", "issued_on": issued_on})
    assert response.status_code < 500
    assert response.context["form"].errors.get("issued_on") or issued_on == "2024"


# ---- uploads -------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A 1 MB-ish .docx whose document.xml expands to about 1 GB."""
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    with archive, archive.open("word/document.xml", "w", force_zip64=True) as member:
        chunk = b"<" * (1 << 20)
        for _ in range(1024):
            member.write(chunk)
    return buffer.getvalue()


def _pdf_bomb() -> bytes:
    """A 100 kB PDF whose one content stream inflates to 100 MB."""
    data = zlib.compress(b"BT (a) Tj ET " + b" " * 100_000_000, 9)
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length "
        + str(len(data)).encode()
        + b" /Filter /FlateDecode >> stream\n"
        + data
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
    )


ZIP_BOMB = _zip_bomb()

UPLOADS = {
    "empty.txt": b"",
    "nul.txt": b"\x00" * 1000,
    "exe.txt": b"MZ\x90\x00" + b"\x00" * 64,
    "latin1.txt": "caf\xe9 \xff\xfe".encode("latin-1"),
    "bidi.txt": "\u202e证书\u202c国家职业资格".encode(),
    "exe.docx": b"MZ\x90\x00" + b"\x00" * 64,
    "no-document.docx": _zip({"other.xml": b"<a/>"}),
    "bad-xml.docx": _zip({"word/document.xml": b"<w:document"}),
    "entity.docx": _zip(
        {
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "'
            + b"x" * 1000
            + b'"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;&c;&c;</a>'
        }
    ),
    "bomb.docx": ZIP_BOMB,
    "png.pdf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "truncated.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog",
    "loop.pdf": b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n",
    "bomb.pdf": _pdf_bomb(),
    "zip.csv": ZIP_BOMB[:4096],
    "formula.csv": b"name,issuer\n=cmd|' /C calc'!A0,@SUM(1+1)\n+1,-1\n",
    "nul.csv": b"name\n\x00\x00\n",
    "no-header.csv": b"\n\n\n",
    "wide.csv": b"name," + b",".join(b"c%d" % i for i in range(20000)) + b"\n",
    "long-cell.csv": b"name\n" + b"x" * 900_000 + b"\n",
    "quotes.csv": b'name\n"unterminated\n',
    "utf16.csv": "name\n电工证\n".encode("utf-16"),
    "gb18030.csv": "name\n電工證\n".encode("gb18030"),
    "bidi.csv": "name\n\u202e证书\u202c\n".encode(),
}


UPLOAD_FIELDS = {
    "/advert-check/": "file",
    "/check/bulk/": "file",
    "/report/submit/": "evidence",
    "/api/v1/certificate-check/bulk/": "file",
    "/api/v1/reports/": "evidence",
}


# Evidence is typed by its first bytes: a file that starts as a real PDF or PNG is evidence
# of that type (tests/enforcement/test_evidence_files.py), not a hostile upload to a report.
HOSTILE_UPLOADS = [
    (path, name)
    for path in UPLOAD_FIELDS
    for name, content in UPLOADS.items()
    if not ("report" in path and content.startswith((b"%PDF", b"\x89PNG")))
]


@pytest.mark.parametrize(("path", "name"), HOSTILE_UPLOADS)
def test_a_hostile_upload_is_refused_clearly_and_stores_nothing(client, hostile, path, name):
    before = stored()
    upload = SimpleUploadedFile(name, UPLOADS[name], content_type="application/octet-stream")
    output = "json" if path.startswith("/api/") else "html"
    data = {**_base(path), UPLOAD_FIELDS[path]: upload, "output": output}
    response = client.post(path, data)
    assert_clear(response)
    if "report" in path:
        assert response.status_code not in (201, 302), "a report with hostile evidence was kept"
    assert stored() == before


@pytest.mark.parametrize(
    ("name", "says"), [("utf16.csv", "UTF-16"), ("zip.csv", "Excel"), ("nul.csv", "NUL")]
)
def test_a_bulk_file_that_is_not_a_text_csv_says_what_it_is(client, hostile, name, says):
    upload = SimpleUploadedFile(name, UPLOADS[name], content_type="text/csv")
    response = client.post("/check/bulk/", {"file": upload, "output": "html"})
    assert response.status_code == 400
    assert says in str(response.context["form"].errors["file"])


def test_a_word_zip_bomb_is_refused_before_it_is_unpacked(client, hostile):
    """1 MB on the wire, 1 GB unpacked: refused by its declared size, not read into memory."""
    upload = SimpleUploadedFile("bomb.docx", ZIP_BOMB, content_type="application/octet-stream")
    response = client.post("/advert-check/", {"file": upload})
    assert response.status_code == 400
    assert "解压后过大" in str(response.context["form"].errors["file"])


@pytest.mark.parametrize("name", ["formula.csv", "bidi.csv", "gb18030.csv"])
@pytest.mark.parametrize("output", ["csv", "xlsx"])
def test_a_bulk_answer_file_neutralises_formulas(client, hostile, name, output):
    upload = SimpleUploadedFile(name, UPLOADS[name], content_type="text/csv")
    response = client.post("/check/bulk/", {"file": upload, "output": output})
    assert_clear(response)
    assert response.status_code == 200
    if output == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        rows = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    for row in rows[1:]:
        for cell in row:
            assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r")), cell


MULTIPART_PATHS = ["/advert-check/", "/check/bulk/", "/report/submit/", "/verify/", "/track/"]
BROKEN_BODIES = {
    "no-boundary": ("multipart/form-data", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
    "wrong-boundary": ("multipart/form-data; boundary=abc", b"--zzz\r\n\r\nhello\r\n--zzz--"),
    "truncated": (
        "multipart/form-data; boundary=abc",
        b'--abc\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhi',
    ),
    "empty-boundary": ("multipart/form-data; boundary=", b"----\r\n\r\n"),
    "long-boundary": ("multipart/form-data; boundary=" + "b" * 5000, b"--b\r\n"),
    "json": ("application/json", b'{"text": "a", "text": "b"}'),
    "bad-urlencoded": ("application/x-www-form-urlencoded", b"%ED%A0%80=%C0%AF&a=%00"),
    "xml": ("application/xml", b"<?xml version='1.0'?><a>&x;</a>"),
    "binary": ("application/octet-stream", b"\x00\xff" * 1000),
}


@pytest.mark.parametrize("path", ["/advert-check/", "/check/bulk/"])
def test_a_post_whose_body_parses_to_nothing_says_what_is_missing(client, hostile, path):
    content_type, body = BROKEN_BODIES["wrong-boundary"]
    response = client.generic("POST", path, body, content_type=content_type)
    assert response.status_code == 400
    assert response.context["form"].errors


@pytest.mark.parametrize("kind", BROKEN_BODIES)
@pytest.mark.parametrize("path", MULTIPART_PATHS)
def test_a_broken_request_body_is_refused_clearly(client, hostile, path, kind):
    before = stored()
    content_type, body = BROKEN_BODIES[kind]
    assert_clear(client.generic("POST", path, body, content_type=content_type))
    assert stored() == before


# ---- JSON API ------------------------------------------------------------------------------

API_WRITES = [
    "/api/v1/reports/",
    "/api/v1/reports/track/",
    "/api/v1/certificate-verifications/",
    "/api/v1/advert-check/",
    "/api/v1/certificate-check/bulk/",
]

JSON_BODIES = {
    "duplicate-keys": b'{"organisation": "a", "organisation": "b", "violation_type": "x"}',
    "deep": b'{"a":' * 5000 + b"1" + b"}" * 5000,
    "deep-array": b"[" * 100_000 + b"]" * 100_000,
    "huge-number": b'{"region_code": 1' + b"0" * 5000 + b"}",
    "huge-exponent": b'{"region_code": 1e999999}',
    "nan": b'{"region_code": NaN, "text": Infinity}',
    "array-root": b'["violation_type", "forbidden_wording"]',
    "scalar-root": b'"hello"',
    "null-root": b"null",
    "arrays-for-scalars": json.dumps({k: [v, v] for k, v in REPORT.items()}).encode(),
    "objects-for-scalars": json.dumps({k: {"v": v} for k, v in REPORT.items()}).encode(),
    "lone-surrogate": b'{"organisation": "\\ud800", "text": "\\udfff"}',
    "nul": b'{"organisation": "a\\u0000b", "text": "\\u0000", "number": "\\u0000"}',
    "invalid-utf8": b'{"organisation": "\xff\xfe"}',
    "truncated": b'{"organisation": "a',
    "empty": b"",
    "bom": b'\xef\xbb\xbf{"text": "a"}',
}


@pytest.mark.parametrize("kind", JSON_BODIES)
@pytest.mark.parametrize("path", API_WRITES)
def test_a_hostile_json_body_is_refused_clearly(client, hostile, path, kind):
    before = stored()
    response = client.post(path, JSON_BODIES[kind], content_type="application/json")
    assert_clear(response)
    assert stored() == before


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "multipart/form-data", "x/y"]
)
@pytest.mark.parametrize("path", API_WRITES)
def test_a_wrong_content_type_is_refused_clearly(client, hostile, path, content_type):
    before = stored()
    response = client.post(path, json.dumps(REPORT), content_type=content_type)
    assert_clear(response)
    assert stored() == before


HOSTILE_PATHS = [
    "/catalogue/99999999999999999999/",
    "/catalogue/9223372036854775808/",
    "/catalogue/2147483648/feed/",
    "/editions/99999999999/",
    "/editions/0/",
    "/notices/9999999999999999999/",
    "/notices/9999999999999999999/tree/",
    "/notices/9999999999999999999/coverage/",
    "/notices/feed/authority/99999999999999999999/",
    "/cases/99999999999999999999/",
    "/verify/%ED%A0%80/",
    "/verify/a%00b/",
    "/verify/" + "A" * 5000 + "/",
    "/check/bulk/%ED%A0%80/",
    "/check/bulk/..%2F..%2Fetc%2Fpasswd/",
    "/check/bulk/" + "0" * 5000 + "/",
    "/catalogue/%ED%A0%80/",
    "/%C0%AF/",
    "/static/..%2F..%2Fportal%2Fsettings%2Fbase.py",
    "/api/v1/qualifications/99999999999999999999/",
    "/api/v1/editions/99999999999/",
    "/api/v1/notices/99999999999999999999/chain/",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_hostile_path_is_never_a_server_error(client, hostile, path):
    assert_clear(client.get(path))
    assert_clear(client.post(path, {"x": "1"}))


REGION_CODES = ["350000", "35", "3500000", "999999", "-35000", "３５００００", "35\u200b0000", ""]


@pytest.mark.parametrize("code", REGION_CODES)
@pytest.mark.parametrize(
    "step", [{"step": "region"}, {"step": "province"}, {"region_step": "province"}, {}]
)
def test_the_region_steps_take_any_region_code(client, hostile, step, code):
    """The no-JavaScript steps post the whole form back: any code re-renders it, nothing is
    stored, and an unknown code is a form error, not a region."""
    before = stored()
    response = client.post("/report/", {**REPORT, "region_code": code, **step})
    assert_clear(response)
    assert response.status_code == 200
    assert stored() == before


@pytest.mark.parametrize("path", ["/verify/", "/advert-check/", "/track/", "/api/v1/reports/"])
@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=nonexistent",
        "multipart/form-data; boundary=b; charset=nonexistent",
        "application/json; charset=nonexistent",
    ],
)
def test_an_unknown_charset_is_never_a_server_error(client, hostile, path, content_type):
    body = b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nx\r\n--b--\r\n'
    if not content_type.startswith("multipart"):
        body = b"number=1&text=x" if "urlencoded" in content_type else b'{"text": "x"}'
    before = stored()
    assert_clear(client.generic("POST", path, body, content_type=content_type))
    assert stored() == before


@pytest.mark.parametrize("count", [6, 150])
@pytest.mark.parametrize("path", ["/report/submit/", "/api/v1/reports/"])
def test_too_many_evidence_files_are_refused_and_store_nothing(client, hostile, path, count):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    files = [SimpleUploadedFile(f"{n}.png", png, content_type="image/png") for n in range(count)]
    before = stored()
    response = client.post(path, {**REPORT, "evidence": files})
    assert_clear(response)
    assert 400 <= response.status_code < 500 or response.status_code == 200
    if count > 100:  # past DATA_UPLOAD_MAX_NUMBER_FILES: refused by Django itself
        assert "请求无法处理" in response.content.decode()
    assert stored() == before


@pytest.mark.parametrize(
    "request_args",
    [
        {"path": "/catalogue/?" + "&".join(f"k{i}=v" for i in range(1500))},
        {"path": "/catalogue/", "HTTP_HOST": "evil.example"},
        {"path": "/verify/", "data": {f"k{i}": "v" for i in range(1500)}, "post": True},
    ],
    ids=["1500-query-fields", "foreign-host", "1500-form-fields"],
)
def test_a_request_django_refuses_outright_says_why(client, hostile, request_args):
    """Django's own refusals (too many fields or files, a foreign Host) get a page that
    says what the site accepts, in both languages, not a bare "Bad Request (400)"."""
    args = dict(request_args)
    send = client.post if args.pop("post", False) else client.get
    response = send(args.pop("path"), args.pop("data", None), **args)
    assert response.status_code == 400
    assert "请求无法处理" in response.content.decode()
    assert "at most 100 files" in response.content.decode()


@pytest.mark.parametrize("path", ["/verify/", "/report/", "/report/submit/", "/advert-check/"])
def test_a_form_sent_without_its_token_is_refused_saying_why(hostile, path):
    client = Client(enforce_csrf_checks=True)
    before = stored()
    response = client.post(path, REPORT if "report" in path else {"number": "1", "text": "x"})
    assert response.status_code == 403
    assert "表单无法提交" in response.content.decode()
    assert stored() == before


IMPORT_FILES = {
    "megabyte-line": ("人社部发〔2017〕68号" * 60_000).encode(),
    "nul": b"abc\x00def\n",
    "lone-surrogate": b"\xed\xa0\x80 \xe5\x85\xb3\xe4\xba\x8e\xe9\x80\x9a\xe7\x9f\xa5\n",
    "binary": bytes(range(256)) * 20,
    "empty": b"",
    "formula": b"=cmd|' /C calc'!A0\n",
}


@pytest.mark.parametrize("kind", IMPORT_FILES)
def test_import_notice_refuses_a_hostile_file_in_one_short_line(db, tmp_path, kind):
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(IMPORT_FILES[kind])
    before = Notice.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("import_notice", str(path), "--json", stdout=io.StringIO())
    message = str(raised.value)
    assert str(path) in message and "\n" not in message
    assert len(message) < 500, f"a {len(message)}-character message"
    assert Notice.objects.count() == before


@pytest.mark.parametrize("output", ["/nonexistent/dir/out.csv", "/tmp", "/proc/version.csv"])
def test_export_edition_to_a_path_it_cannot_write_is_one_line(catalogue, output):
    with pytest.raises(CommandError, match=r"cannot write|must end in") as raised:
        call_command("export_edition", "2021", output, stdout=io.StringIO())
    assert "\n" not in str(raised.value)
