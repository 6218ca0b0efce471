"""The official table's own layout (国家职业资格目录 as published), read and written.

Columns: 序号, 职业资格名称, 实施部门（单位）, 资格类别, 设定依据, 备注. Section rows
(一、专业技术人员职业资格 / 二、技能人员职业资格) give the category of the rows below.
Sub-items are written on their own rows below their item (序号 and 资格类别 merged with the
item's in XLSX, left empty in CSV, or the name marked with a dash), or inside the item's
name cell, one per line. Only parsing and writing here; tableimport.py compares and loads.
"""

import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from portal import spreadsheets

from ..identity import is_placeholder_name
from ..models import Category, Kind

COLUMNS = ["序号", "职业资格名称", "实施部门（单位）", "资格类别", "设定依据", "备注"]
SECTIONS = {
    Category.PROFESSIONAL_TECHNICAL: "一、专业技术人员职业资格",
    Category.SKILLED: "二、技能人员职业资格",
}
KIND_WORDS = {"准入类": Kind.ACCESS, "水平评价类": Kind.LEVEL_EVALUATION}
KIND_NAMES = {kind: word for word, kind in KIND_WORDS.items()}
SUB_ITEM_MARK = re.compile(r"^\s*(?:[—－\-–·•]+|其中[:：]|[（(]\d+[)）]|\d+[.．、])\s*")
LIST_SEPARATORS = re.compile(r"[；;、，,\n]+")
MAX_ROWS = 5000
LIMITS = spreadsheets.Limits(rows=MAX_ROWS, columns=30)
# The first line of every table the portal exports: such a file is never an official table.
EXPORT_MARKER = "本表由国家职业资格目录公共服务平台导出，不是官方公布的目录表"


class TableError(ValueError):
    """The file as a whole cannot be read as an official table."""


def is_portal_export(cells: list[str]) -> bool:
    return any(EXPORT_MARKER in cell for cell in cells)


@dataclass
class TableRow:
    line: int
    name: str
    seq: int | None = None
    category: str = ""
    kind: str = ""
    departments: list[str] = field(default_factory=list)
    legal_basis: str = ""
    remarks: str = ""
    sub_items: list["TableRow"] = field(default_factory=list)
    # False for a sub-item named inside its item's cell: the table says nothing else of it.
    detailed: bool = True


@dataclass
class Unreadable:
    line: int
    reason: str


@dataclass
class Table:
    items: list[TableRow] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    # The file carries the marker the portal's own export writes: it is no official table.
    from_portal_export: bool = False


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r", "").strip()


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _clean(text)))


# Reading ---------------------------------------------------------------------------------


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[str], bool]]:
    for line, cells in spreadsheets.csv_read(data, LIMITS):
        yield line, cells, False


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[str], bool]]:
    """Rows with merged cells filled in from their top-left cell; ``continued`` for a row
    whose first column is merged with the row above (a sub-item below its item)."""
    sheet = spreadsheets.xlsx_read(data, LIMITS)
    starting = defaultdict(list)
    for merged in sheet.merged:
        starting[merged[0]].append(merged)
    active: list[tuple[int, int, int, str]] = []
    for line, cells in sheet.rows:
        active = [m for m in active if m[0] >= line]
        out, continued = list(cells), False
        for _bottom, left, right, value in active:
            continued |= left == 1
            out.extend([""] * (right - len(out)))
            out[max(left, 2) - 1 : right] = [value] * (right - max(left, 2) + 1)
        for _top, left, bottom, right in starting.pop(line, []):
            value = cells[left - 1] if left <= len(cells) else ""
            active.append((bottom, left, right, value))
        yield line, out, continued


class _Reader:
    def __init__(self):
        self.table = Table()
        self.columns: dict[str, int] | None = None
        self.category = ""
        self.section_kind = ""
        self.seqs: set[tuple[str, int]] = set()  # each category is numbered from 1
        self.names: set[str] = set()
        self.item_unreadable = False

    def feed(self, line: int, cells: list[str], continued: bool) -> None:
        cells = [_clean(c) for c in cells]
        if not any(cells):
            return
        if self.columns is None or self._is_header(cells):
            self._header(cells)
            return
        values = {name: (cells[i] if i < len(cells) else "") for name, i in self.columns.items()}
        if self._is_section(values):
            return
        try:
            self._row(line, values, continued)
        except ValueError as error:
            self.table.unreadable.append(Unreadable(line, str(error)))

    def _is_header(self, cells: list[str]) -> bool:
        keys = [_header_key(c) for c in cells]
        return "序号" in keys and "职业资格名称" in keys

    def _header(self, cells: list[str]) -> None:
        if not self._is_header(cells):
            return
        keys = [_header_key(c) for c in cells]
        self.columns = {}
        for column in COLUMNS:
            wanted = _header_key(column)
            found = [i for i, k in enumerate(keys) if k == wanted or k == wanted[:4]]
            if found:
                self.columns[column] = found[0]

    def _is_section(self, values: dict[str, str]) -> bool:
        filled = [v for v in values.values() if v]
        if len(filled) != 1:
            return False
        text = filled[0]
        for category, title in SECTIONS.items():
            if title[2:] in text:
                self.category, self.section_kind = category, ""
                return True
        kind = next((k for word, k in KIND_WORDS.items() if text.startswith(word)), "")
        if kind and len(text) <= 20:
            self.section_kind = kind
            return True
        return False

    def _row(self, line: int, values: dict[str, str], continued: bool) -> None:
        name = values.get("职业资格名称", "")
        seq = _seq(values.get("序号", ""))
        names = [n for n in (SUB_ITEM_MARK.sub("", n).strip() for n in name.split("\n")) if n]
        sub_row = (
            continued
            or bool(SUB_ITEM_MARK.match(name))
            or (seq is None and not values.get("资格类别") and bool(self.table.items))
        )
        if sub_row and self.item_unreadable:
            raise ValueError(_("所属职业资格未能读取，子项不予载入。"))
        # An item stays unreadable, and its sub-items with it, until it is read.
        self.item_unreadable = self.item_unreadable if sub_row else True
        if not names and seq is not None and not sub_row:
            # A numbered row whose name no source gave (2021, 专业技术人员 30).
            raise ValueError(
                _("序号 %(n)s 没有名称：空名称是占位符，不能作为官方目录表的条目。") % {"n": seq}
            )
        if not names:
            raise ValueError(_("缺少职业资格名称。"))
        placeholder = next((n for n in names if is_placeholder_name(n)), None)
        if placeholder is not None:
            raise ValueError(
                _("名称“%(name)s”不完整或是占位符，不能作为官方目录表的条目。")
                % {"name": placeholder}
            )
        row = TableRow(
            line=line,
            name=names[0],
            seq=seq,
            category=self.category,
            kind=_kind(values.get("资格类别", "")) or self.section_kind,
            departments=[
                d.strip() for d in LIST_SEPARATORS.split(values.get("实施部门（单位）", ""))
            ],
            legal_basis="；".join(_lines(values.get("设定依据", ""))),
            remarks=values.get("备注", ""),
        )
        row.departments = [d for d in row.departments if d]
        if sub_row:
            self._sub_item(row)
        else:
            self._item(row, names[1:])
            self.item_unreadable = False

    def _item(self, row: TableRow, sub_names: list[str]) -> None:
        if row.seq is not None and (row.category, row.seq) in self.seqs:
            raise ValueError(_("序号 %(n)s 重复。") % {"n": row.seq})
        if (row.category, row.name) in self.names:
            raise ValueError(_("“%(name)s”重复出现。") % {"name": row.name})
        self.seqs.add((row.category, row.seq))
        self.names.add((row.category, row.name))
        row.sub_items = [
            TableRow(line=row.line, name=n, category=row.category, kind=row.kind, detailed=False)
            for n in sub_names
        ]
        self.table.items.append(row)

    def _sub_item(self, row: TableRow) -> None:
        if not self.table.items:
            raise ValueError(_("子项前没有所属的职业资格。"))
        parent = self.table.items[-1]
        if row.seq is not None:
            raise ValueError(_("子项不应有序号。"))
        if any(s.name == row.name for s in parent.sub_items):
            raise ValueError(_("子项“%(name)s”重复出现。") % {"name": row.name})
        row.category, row.kind = parent.category, parent.kind
        parent.sub_items.append(row)


def _lines(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\n；]+", text) if part.strip()]


def _seq(text: str) -> int | None:
    text = unicodedata.normalize("NFKC", text)
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(_("序号“%(text)s”不是数字。") % {"text": text})
    return int(text)


def _kind(text: str) -> str:
    compact = re.sub(r"\s+", "", text)
    if not compact:
        return ""
    for word, kind in KIND_WORDS.items():
        if compact.startswith(word):
            return kind
    raise ValueError(_("资格类别“%(text)s”无法识别（应为准入类或水平评价类）。") % {"text": text})


def table_read(data: bytes, filename: str) -> Table:
    """Parse an official table from CSV or XLSX bytes; raise TableError if it is not one."""
    reader = _Reader()
    try:
        lines = _xlsx_lines(data) if filename.lower().endswith(".xlsx") else _csv_lines(data)
        for line, cells, continued in lines:
            if reader.columns is None and is_portal_export(cells):
                reader.table.from_portal_export = True
            reader.feed(line, cells, continued)
    except spreadsheets.SpreadsheetError as error:
        raise TableError(str(error)) from None
    if reader.columns is None:
        raise TableError(_("没有找到表头（序号、职业资格名称、实施部门（单位）……）。"))
    return reader.table


# Writing ---------------------------------------------------------------------------------


def _out_rows(items: Iterable[TableRow]) -> Iterator[tuple[list, int]]:
    """Rows to write, each with the number of sub-item rows that follow it."""
    category = None
    for item in items:
        if item.category != category:
            category = item.category
            # Rows of unknown category come first, before any section row.
            if category in SECTIONS:
                yield [SECTIONS[category], "", "", "", "", ""], 0
        yield _cells(item, item.seq or "", KIND_NAMES.get(item.kind, "")), len(item.sub_items)
        for sub in item.sub_items:
            yield _cells(sub, "", ""), -1


def _cells(row: TableRow, seq, kind: str) -> list:
    departments = "；".join(row.departments)
    return [seq, row.name, departments, kind, row.legal_basis, row.remarks]


def table_write_csv(items: Iterable[TableRow]) -> bytes:
    """The table as CSV, after a first line with the export marker; cells neutralised."""
    marker = [EXPORT_MARKER, "", "", "", "", ""]
    rows = [marker, COLUMNS, *(cells for cells, _subs in _out_rows(items))]
    return spreadsheets.csv_write_rows(rows).encode("utf-8-sig")


def table_write_xlsx(items: Iterable[TableRow], title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "目录"
    book.properties.creator = book.properties.description = EXPORT_MARKER
    spreadsheets.xlsx_append_text_row(sheet, [f"{title}（{EXPORT_MARKER}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    spreadsheets.xlsx_append_text_row(sheet, COLUMNS)
    for cells, subs in _out_rows(items):
        spreadsheets.xlsx_append_text_row(sheet, cells)
        row = sheet.max_row
        if subs > 0:
            for column in (1, 4):
                sheet.merge_cells(
                    start_row=row, start_column=column, end_row=row + subs, end_column=column
                )
    _style(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _style(sheet) -> None:
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (6, 30, 24, 12, 48, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
