"""Bulk certificate check for employers: a CSV of up to 1,000 certificates in, the same
answers as CSV or XLSX out. Nothing is stored.

Every row goes through ``certificates.checking.certificate_check``; a row that cannot be
checked gets a line-numbered reason instead. Cells written back are neutralised against
formula injection (a leading = + - @ tab or CR gets a ') and XLSX cells are strings.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.spreadsheets import csv_text_problem, neutralise

from .checking import MAX_NAME, certificate_check
from .snapshot import pinned_snapshot

MAX_ROWS = 1000
MAX_BYTES = 1024 * 1024  # 1,000 rows of names, issuers, dates and numbers fit well inside
HEADERS = {
    "name": ("name", "证书名称", "名称"),
    "issuer": ("issuer", "发证机构", "发证单位"),
    "issued_on": ("issued_on", "发证日期"),
    "number": ("number", "证书编号", "编号"),
}
OUTPUT_COLUMNS = (
    ("line", "行号"),
    ("name", "证书名称"),
    ("issuer", "发证机构"),
    ("issued_on", "发证日期"),
    ("number", "证书编号"),
    ("certificate_kind", "证书种类"),
    ("verdict", "结论"),
    ("licenses_work", "能否上岗"),
    ("qualification", "目录中的职业资格"),
    ("reason", "说明"),
    ("warnings", "提醒"),
    ("verify_at", "核验网址"),
    ("error", "无法查验的原因"),
)


class BulkFileError(ValueError):
    """The file as a whole cannot be read: one message saying what and where."""


@dataclass
class BulkRow:
    line: int
    values: dict[str, str]
    answer: dict = field(default_factory=dict)
    error: str = ""


@dataclass
class BulkResult:
    rows: list[BulkRow]
    checked_at: str = ""
    data_version: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.error)


def _text_cell(value) -> str:
    """A cell as text that no spreadsheet runs as a formula (portal/spreadsheets.py)."""
    return neutralise("" if value is None else str(value))


def _decode(raw: bytes) -> str:
    if problem := csv_text_problem(raw[:4]):
        raise BulkFileError(problem)
    if b"\x00" in raw:
        raise BulkFileError(_("文件不是文本格式的 CSV（含有 NUL 字节）。"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BulkFileError(_("文件编码无法识别，请另存为 UTF-8 编码的 CSV。"))


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        label = cell.strip().lower()
        for key, names in HEADERS.items():
            if label in names and key not in found:
                found[key] = index
    if "name" not in found:
        raise BulkFileError(_("第 1 行：缺少“证书名称”（name）列。"))
    return found


def read_rows(raw: bytes) -> list[BulkRow]:
    """The rows of an uploaded CSV, or BulkFileError for the file as a whole."""
    if len(raw) > MAX_BYTES:
        raise BulkFileError(_("文件过大（上限 1 MB，约 1000 行）。"))
    reader = csv.reader(io.StringIO(_decode(raw)))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise BulkFileError(_("第 %(n)s 行：CSV 格式错误。") % {"n": reader.line_num}) from exc
    if not lines:
        raise BulkFileError(_("文件是空的。"))
    columns = _columns(lines[0])
    body = [
        (n, cells) for n, cells in enumerate(lines[1:], start=2) if any(c.strip() for c in cells)
    ]
    if len(body) > MAX_ROWS:
        raise BulkFileError(
            _("一次最多查验 %(max)s 行，这个文件有 %(n)s 行。") % {"max": MAX_ROWS, "n": len(body)}
        )
    return [
        BulkRow(n, {k: (cells[i].strip() if i < len(cells) else "") for k, i in columns.items()})
        for n, cells in body
    ]


def _row_problem(values: dict[str, str]) -> tuple[str, date | None]:
    name = values.get("name", "")
    if not name:
        return _("证书名称为空"), None
    if len(name) > MAX_NAME or len(values.get("issuer", "")) > MAX_NAME:
        return _("名称过长（上限 %(n)s 字）") % {"n": MAX_NAME}, None
    if len(values.get("number", "")) > 64:
        return _("证书编号过长（上限 64 字）"), None
    issued = values.get("issued_on", "")
    if issued:
        try:
            return "", date.fromisoformat(issued)
        except ValueError:
            return _("发证日期“%(d)s”不是 YYYY-MM-DD 格式的日期") % {"d": issued}, None
    return "", None


def bulk_check(*, raw: bytes) -> BulkResult:
    """Check every row of an uploaded CSV; bad rows get a reason, good rows an answer."""
    rows = read_rows(raw)
    result = BulkResult(rows)
    with pinned_snapshot():
        check_rows(result)
    return result


def check_rows(result: BulkResult, progress: Callable[[int], None] = lambda _done: None) -> None:
    """Lists repeat the same certificates; one answer per distinct row, checked once.
    ``progress`` is told how many rows are done, before each row and at the end."""
    answers: dict[tuple, dict] = {}
    for done, row in enumerate(result.rows):
        progress(done)
        problem, issued_on = _row_problem(row.values)
        if problem:
            row.error = _("第 %(n)s 行：%(p)s") % {"n": row.line, "p": problem}
            continue
        key = (row.values["name"], row.values.get("issuer", ""), issued_on)
        key += (row.values.get("number", ""),)
        if key not in answers:
            check = certificate_check(name=key[0], issuer=key[1], issued_on=key[2], number=key[3])
            answers[key] = check.as_dict()
            result.checked_at = answers[key]["checked_at"]
            result.data_version = check.data_version
        row.answer = answers[key]
    progress(len(result.rows))


def _output_row(row: BulkRow) -> list[str]:
    a = row.answer
    q = a.get("qualification") or {}
    values = {
        "line": row.line,
        **row.values,
        "certificate_kind": a.get("certificate_kind", ""),
        "verdict": a.get("verdict", ""),
        "licenses_work": {True: "yes", False: "no"}.get(a.get("licenses_work"), ""),
        "qualification": q.get("name", ""),
        "reason": a.get("reason", ""),
        "warnings": "；".join(w["message"] for w in a.get("warnings", [])),
        "verify_at": " | ".join(s["url"] for s in a.get("verify_at", [])),
        "error": row.error,
    }
    return [_text_cell(values.get(key, "")) for key, _label in OUTPUT_COLUMNS]


def _header() -> list[str]:
    return [f"{label} {key}" for key, label in OUTPUT_COLUMNS]


def _footer(result: BulkResult) -> str:
    version = result.data_version
    return f"查验时间 checked_at: {result.checked_at}; 数据版本 data_version: {version}"


def _footer(result: BulkResult) -> str:
    version = result.data_version
    return f"查验时间 checked_at: {result.checked_at}; 数据版本 data_version: {version}"


def as_csv(result: BulkResult) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_header())
    for row in result.rows:
        writer.writerow(_output_row(row))
    writer.writerow([neutralise(_footer(result))])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(result: BulkResult) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("certificate-check")
    sheet.append(_header())
    for row in result.rows:
        sheet.append(_output_row(row))  # strings only: openpyxl stores str as text
    sheet.append([neutralise(_footer(result))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
