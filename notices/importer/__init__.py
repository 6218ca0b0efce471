"""Read the plain text of an official document into the chain of notices it prints.

A forwarding document prints the outermost notice first (a city's), then the notice it
forwards (the province's), then that one's (the ministry's); a document that issues
(印发) or only informs is a chain of one. Each notice is read after the GB/T 9704 layout
in whatever order a web copy has left it: 版头 (red head, number, signer), title,
recipients, body, signature and date, 附注 and 版记.

Partial reads are fine, wrong reads are not: a field the text does not say stays None and
gives a warning (Chinese, then English, with the line). `parse_document` never fails;
`parse_chain` raises UnreadableText only when nothing usable remains. Framework-free.
"""

from dataclasses import dataclass, field

from .lines import ParsedNotice, ReadWarning, UnreadableText, _is_chrome, _Reader
from .linking import fill_from_forwarder, find_forwarded, finish
from .reading import next_head, read_body, read_head, skip_trailers

__all__ = [
    "ParsedNotice",
    "ReadReport",
    "ReadWarning",
    "UnreadableText",
    "chain_as_json",
    "parse_chain",
    "parse_document",
    "unusable",
]

_MAX_LINKS = 8


@dataclass
class ReadReport:
    chain: list[ParsedNotice] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return any(n.doc_number or n.title for n in self.chain)


def parse_document(text: str) -> ReadReport:
    """The notices a document prints, outermost first, and what could not be read."""
    report = ReadReport()
    reader = _Reader(text)
    i = _first_head(reader)
    while i is not None and len(report.chain) < _MAX_LINKS:
        notice = ParsedNotice(line=i + 1)
        i = read_head(reader, i, notice, report.warnings)
        i, dated = read_body(reader, i, notice)
        if dated:
            i = skip_trailers(reader, i, notice)
        if report.chain:
            fill_from_forwarder(report.chain[-1], notice)
        find_forwarded(notice)
        report.chain.append(notice)
        if notice.forwards_title is None:
            break
        i = next_head(reader, i)
    report.chain = [n for n in report.chain if n.doc_number or n.title or n.recipients]
    for notice in report.chain:
        finish(notice)
        report.warnings += _missing(notice)
    return report


def parse_chain(text: str) -> list[ParsedNotice]:
    """The notices a document prints, outermost first; UnreadableText if none is usable."""
    report = parse_document(text)
    if not report.usable:
        raise unusable(text)
    return report.chain


def unusable(text: str) -> UnreadableText:
    """The error for a text of which nothing usable remains, naming its first line."""
    line, found = _first_line(text)
    return UnreadableText(
        line, "a document number (e.g. 人社部发〔2017〕68号) or a notice title", found
    )


def chain_as_json(chain: list[ParsedNotice]) -> list[dict]:
    """The README's contract: outermost first, `forwards` the number of the one forwarded
    (the next one printed, or the one the text names without printing it)."""
    numbers = [notice.doc_number for notice in chain[1:]] + [
        chain[-1].forwards_number if chain else None
    ]
    return [
        {
            "doc_number": notice.doc_number,
            "issuer": notice.issuer,
            "title": notice.title or None,
            "recipients": notice.recipients,
            "date": notice.issued_on.isoformat() if notice.issued_on else None,
            "forwards": numbers[n],
        }
        for n, notice in enumerate(chain)
    ]


def _first_head(reader: _Reader) -> int | None:
    i = reader.next_filled(0)
    while i < len(reader.lines) and _is_chrome(reader.line(i)):
        i = reader.next_filled(i + 1)
    return i if i < len(reader.lines) else None


def _first_line(text: str) -> tuple[int, str]:
    lines = text.splitlines()
    found = next((n for n, line in enumerate(lines) if line.strip()), None)
    return (1, "end of text") if found is None else (found + 1, lines[found].strip())


_FIELDS = (
    ("title", "未能读出标题", "no title could be read"),
    ("issuer", "未能读出发文机关", "the issuing authority could not be read"),
    ("issued_on", "未能读出成文日期", "the date of the notice could not be read"),
    ("recipients", "未见主送机关", "no recipients (主送) found"),
    ("doc_number", "未见发文字号", "no document number found"),
)


def _missing(notice: ParsedNotice) -> list[ReadWarning]:
    return [
        ReadWarning(notice.line, zh, en) for name, zh, en in _FIELDS if not getattr(notice, name)
    ]
