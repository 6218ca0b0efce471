"""Reading one notice: its head (版头 and 标题, in whatever order), body, signature, trailers.

The head is every line before the recipients (主送, a line ending in ：) or, for a
forwarded 意见/报告 printed without recipients, before the first sentence: numbers,
title lines, the issuer's name, a page's table and navigation, a dated line in brackets.
"""

import re
from dataclasses import dataclass, field

from .. import chinesedates, docnumbers
from .lines import (
    _METADATA,
    _TITLE_MAX_CHARS,
    _TITLE_MAX_LINES,
    ParsedNotice,
    ReadWarning,
    _date_line,
    _ends_title,
    _is_attachment_heading,
    _is_chrome,
    _is_header,
    _is_recipients,
    _may_be_title,
    _number_line,
    _numberish,
    _org_names,
    _paren_issuer_date,
    _read_metadata,
    _Reader,
    _signers,
    _squash,
    _take_trailer,
)

_HEAD_MAX_LINES = 40
_TITLE_VERBS = re.compile(r"关于|转发|印发|批转")
_INLINE_RECIPIENTS = re.compile(
    r"(?P<to>各[^。：:；]{1,200}|[^。：:；，,]{2,40}(?:人民政府|政府|厅|局|委|部|办|院|校|单位|机构|室))"
    r"[：:]\s*(?P<rest>\S.*)"
)
_NUMBER_IN_TITLE = re.compile(r"[（(](?P<number>[^（）()]{4,30}号)[）)]$")


@dataclass
class _Head:
    """What the head's lines said, before the title is chosen among them."""

    units: list[tuple[str, str | None]] = field(default_factory=list)  # (title, org before it)
    open_lines: list[str] = field(default_factory=list)
    orgs_before: str | None = None
    orgs_after: list[str] = field(default_factory=list)
    header: str | None = None


def read_head(reader: _Reader, i: int, notice: ParsedNotice, warnings: list) -> int:
    """Number, title, issuer lines and recipients; returns the index of the first body line."""
    head = _Head()
    seen = 0
    while i < len(reader.lines) and seen < _HEAD_MAX_LINES:
        line = reader.line(i)
        if not line:
            i += 1
            continue
        seen += 1
        step = _head_line(reader, i, line, head, notice, warnings)
        if step is None:
            break
        i = step
        if notice.recipients is not None:
            break
    _choose_title(head, notice)
    return i


_ATTACHED = re.compile(r"^附(?:件\d*)?[:：]\s*(?=\S)")


def _head_line(reader, i, line, head: _Head, notice: ParsedNotice, warnings) -> int | None:
    """Take one head line; the next index, or None where the body begins."""
    line = _ATTACHED.sub("", line.strip())  # 附：《the forwarded document》, printed below
    text = _squash(line)
    number = _number_line(line)
    if number:
        notice.doc_number = notice.doc_number or number
        head.open_lines = []
        return i + 1
    if _numberish(line):
        warnings.append(
            ReadWarning(
                i + 1,
                "文号无法识别，未采用",
                "a document number that does not parse, not used",
                text,
            )
        )
        return i + 1
    if _is_chrome(line) or _METADATA.match(text):
        _read_metadata(line, notice)
        head.open_lines = []
        return i + 1
    if _is_header(line):
        head.header = text.removesuffix("文件")
        head.open_lines = []
        return i + 1
    if _is_recipients(line):
        lists = [part for part in head.open_lines if re.search(r"[，,、]", part)]
        notice.recipients = "".join([*lists, text])[:-1].removeprefix("主送：")
        head.open_lines = []
        return i + 1
    dated = _paren_issuer_date(line)
    if dated:
        names, when = dated
        notice.issued_on = notice.issued_on or when
        head.orgs_after = head.orgs_after or names
        return i + 1
    names = _signers(line) if not _ends_title(text) else []
    if names and not head.open_lines:
        head.orgs_before = text
        if head.units:
            head.orgs_after = list(dict.fromkeys([*head.orgs_after, *names]))
        return i + 1
    inline = notice.recipients is None and _INLINE_RECIPIENTS.match(text)
    if inline and not _ends_title(inline["to"]):
        notice.recipients = inline["to"]
        notice.body.append(inline["rest"])
        return i + 1
    if _may_be_title(line):
        head.open_lines.append(text)
        title = "".join(head.open_lines)
        if len(head.open_lines) > _TITLE_MAX_LINES or len(title) > _TITLE_MAX_CHARS:
            head.open_lines = [text]
        elif _ends_title(title):
            _add_unit(head, title)
        return i + 1
    if _date_line(line) or _take_trailer(line, notice):
        return i + 1
    return None


def _add_unit(head: _Head, title: str) -> None:
    """A complete title; names printed before it that are not its issuer are dropped."""
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]  # a page's heading quoting the title
    repeated = any(e != title and e.endswith(title) for e, _org in head.units)
    head.units.append((title, head.orgs_before))
    head.open_lines, head.orgs_before = [], None
    if not repeated:
        head.orgs_after = []


def _choose_title(head: _Head, notice: ParsedNotice) -> None:
    """The notice's title among the head's title lines: a page prints it twice or more.

    A title beginning with 关于/转发/印发 takes the issuer's name printed just above it;
    a title repeated without its issuer's name, or a page's title, gives way to the full one.
    """
    units = []
    for title, org in head.units:
        if org and re.match(r"关于|转发|印发|批转", title):
            title = org + title
        units.append(title)
    full = [t for t in units if not any(t != o and o.endswith(t) for o in units)]
    verbed = [t for t in full if _TITLE_VERBS.search(t)]
    chosen = (verbed or full or [None])[-1] or notice.meta_title
    if chosen is None:
        notice.header_issuer = head.header
        notice.head_issuers = head.orgs_after
        return
    number = _NUMBER_IN_TITLE.search(chosen)
    if number and docnumbers.is_number_line(number["number"]):
        notice.doc_number = notice.doc_number or docnumbers.canonical(number["number"])
        chosen = chosen[: number.start()]
    notice.title = chosen
    notice.header_issuer = head.header
    notice.head_issuers = head.orgs_after


def starts_notice(reader: _Reader, i: int) -> bool:
    """Whether a notice's head begins at line i: a number and a title, or a title and then
    recipients, a number or a dated line in brackets."""
    i = reader.next_filled(i)
    if _is_header(reader.line(i)):
        i = reader.next_filled(i + 1)
    if _number_line(reader.line(i)):
        after = reader.filled_after(i + 1, 2)
        return any(_title_end(reader, k) or _is_recipients(reader.line(k)) for k in after)
    end = _title_end(reader, i)
    if end is None:
        return False
    for k in reader.filled_after(end, 4):
        line = reader.line(k)
        if _is_recipients(line) or _number_line(line) or _paren_issuer_date(line):
            return True
        if not _signers(line):
            return False
    return False


def _title_end(reader: _Reader, start: int) -> int | None:
    """The index after the last title line when the lines from `start` form a title."""
    title, i = "", start
    for _ in range(_TITLE_MAX_LINES):
        i = reader.next_filled(i)
        line = reader.line(i)
        if not _may_be_title(line):
            return None
        title += _squash(line)
        i += 1
        if len(title) > _TITLE_MAX_CHARS:
            return None
        if _ends_title(title):
            return i
    return None


def read_body(reader: _Reader, i: int, notice: ParsedNotice) -> tuple[int, bool]:
    """Body lines up to the date (True) or to where the next notice starts (False)."""
    while i < len(reader.lines):
        line = reader.line(i)
        dated = _date_line(line) if line else None
        if dated:
            notice.issued_on = dated[0]
            _take_signature(notice, dated[1])
            _take_trailer(dated[2], notice)
            return i + 1, True
        if line and (_is_attachment_heading(line) or starts_notice(reader, i)):
            return i, False
        if line and not (_take_trailer(line, notice) or _page_metadata(line, notice)):
            notice.body.append(line)
        i += 1
    return i, False


def _take_signature(notice: ParsedNotice, signers: list[str]) -> None:
    """The name lines just above the date are the signature, not the body."""
    names: list[str] = []
    while notice.body and _signers(notice.body[-1]) and len(names) < 4:
        names[:0] = _signers(notice.body.pop())
    names += signers
    if names:
        notice.issuer = "、".join(dict.fromkeys(names))


def skip_trailers(reader: _Reader, i: int, notice: ParsedNotice) -> int:
    """附注, 版记 and attachment headings after the date, up to what follows."""
    while (i := reader.next_filled(i)) < len(reader.lines):
        line = reader.line(i)
        if starts_notice(reader, i):
            return i
        if not (
            _take_trailer(line, notice) or _is_attachment_heading(line) or _repeated(line, notice)
        ):
            return i
        i += 1
    return i


def _page_metadata(line: str, notice: ParsedNotice) -> bool:
    """A web page's table right under its title, before any body text."""
    return not notice.body and _read_metadata(line, notice)


def _repeated(line: str, notice: ParsedNotice) -> bool:
    """The date printed a second time, as some pages do."""
    return bool(_date_line(line)) and notice.issued_on == chinesedates.find(line)


def next_head(reader: _Reader, i: int, window: int = 8) -> int | None:
    """Where the next notice of the chain begins, within a few lines, or None."""
    for k in reader.filled_after(i, window):
        if starts_notice(reader, k):
            return k
    return None


def _org_prefix(title: str) -> list[str]:
    match = _TITLE_VERBS.search(title)
    return _org_names(title[: match.start()]) if match and match.start() else []
