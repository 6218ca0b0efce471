"""Reading one notice: its head (number, title, recipients), body, signature and trailers."""

import re

from .. import chinesedates, docnumbers
from .lines import (
    _TITLE_END,
    _TITLE_MAX_CHARS,
    _TITLE_MAX_LINES,
    ParsedNotice,
    _date_line,
    _is_attachment_heading,
    _is_header,
    _is_recipients,
    _may_be_title,
    _number_line,
    _org_name,
    _read_metadata,
    _Reader,
    _signers,
    _squash,
    _take_trailer,
)


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
        if _TITLE_END.search(title):
            return i
    return None


def _title_text(reader: _Reader, start: int, end: int) -> str:
    return "".join(_squash(line) for line in reader.lines[start:end])


def _starts_notice(reader: _Reader, i: int, loose: bool = False) -> bool:
    """Whether a notice begins at line i: a number and a title, or a title and recipients.

    `loose` (just after another notice's date) also takes a title of a notice (…关于…,
    …转发…) without recipients.
    """
    i = reader.next_filled(i)
    if _is_header(reader.line(i)):
        i = reader.next_filled(i + 1)
    if _number_line(reader.line(i)):
        return _title_end(reader, i + 1) is not None
    end = _title_end(reader, i)
    if end is None or not re.search(r"关于|转发", _title_text(reader, i, end)):
        return False
    after = reader.next_filled(end)
    if _number_line(reader.line(after)):
        after = reader.next_filled(after + 1)
    return loose or _is_recipients(reader.line(after))


def _skip_preamble(reader: _Reader, i: int, notice: ParsedNotice) -> int:
    """Red-head lines, the issuer's name and a web page's table above the number or title."""
    for _ in range(12):
        i = reader.next_filled(i)
        line = reader.line(i)
        if not (_is_header(line) or _org_name(line) or _read_metadata(line, notice)):
            break
        i += 1
    return i


def _read_head(reader: _Reader, i: int, notice: ParsedNotice) -> int:
    """Number, title and recipients; returns the index of the first body line."""
    i = _skip_preamble(reader, i, notice)
    number = _number_line(reader.line(i))
    if number:
        notice.doc_number = number
        i = _skip_preamble(reader, i + 1, notice)
    end = _title_end(reader, i)
    if end is None:
        raise reader.error(i, "a document number (e.g. 人社部发〔2017〕68号) or a notice title")
    notice.title = _title_text(reader, i, end)
    return _read_recipients(reader, end, notice)


def _read_recipients(reader: _Reader, i: int, notice: ParsedNotice) -> int:
    """The 主送 line ending in ：, with the lines of its list broken before it (…，/…、).

    A date in brackets under the title, （2017年12月19日）, is the notice's date.
    """
    candidates = reader.filled_after(i, 4)
    for n, index in enumerate(candidates):
        line = _squash(reader.line(index))
        if notice.doc_number is None and _number_line(line):
            notice.doc_number = _number_line(line)  # printed under the title
            continue
        if _is_recipients(line):
            before = [_squash(reader.line(k)) for k in candidates[:n]]
            parts = [part for part in before if part[-1] in "，、,"] + [line]
            notice.recipients = "".join(parts)[:-1].removeprefix("主送：")
            return index + 1
        inline = n == 0 and re.match(r"(各[^。：:]{1,150})[：:](?P<rest>.+)", line)
        if inline:  # 各…：经市政府同意，现将… — recipients and body on one line
            notice.recipients = inline[1]
            notice.body.append(inline["rest"])
            return index + 1
        if "。" in line:
            break
        if notice.issued_on is None and re.fullmatch(r"[（(].+日[）)]", line):
            notice.issued_on = chinesedates.parse(line[1:-1])
    return i


def _take_signature(notice: ParsedNotice, signer: str | None) -> None:
    """The name lines just above the date are the signature, not the body."""
    names = []
    while notice.body and _signers(notice.body[-1]) and len(names) < 3:
        names[:0] = _signers(notice.body.pop())
    if signer:
        names.append(signer)
    if names:
        notice.issuer = names[0]


def _read_body(reader: _Reader, i: int, notice: ParsedNotice) -> tuple[int, bool]:
    """Body lines up to the date (True) or to where the next notice starts (False)."""
    while i < len(reader.lines):
        line = reader.line(i)
        dated = _date_line(line) if line else None
        if dated:
            notice.issued_on = dated[0]
            _take_signature(notice, dated[1])
            _take_trailer(dated[2], notice)
            return i + 1, True
        starts = line and _starts_notice(reader, i, loose=not notice.body)
        if line and (_is_attachment_heading(line) or starts):
            return i, False
        if line and not (_take_trailer(line, notice) or _page_metadata(line, notice)):
            notice.body.append(line)
        i += 1
    return i, False


def _page_metadata(line: str, notice: ParsedNotice) -> bool:
    """A web page's table right under its title, before any body text."""
    return not notice.body and _read_metadata(line, notice)


def _skip_trailers(reader: _Reader, i: int, notice: ParsedNotice, dated: bool) -> int:
    """Trailers, attachments and their headings up to the next notice."""
    after_heading = False
    while (i := reader.next_filled(i)) < len(reader.lines):
        line = reader.line(i)
        if _starts_notice(reader, i, loose=dated and not after_heading):
            return i
        if docnumbers.is_number_line(line) and not after_heading:
            raise reader.error(reader.next_filled(i + 1), "a notice title after its number")
        if _is_attachment_heading(line):
            after_heading = True
        elif not _take_trailer(line, notice):
            dated = False
        i += 1
    return i
