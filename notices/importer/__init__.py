"""Read the plain text of a forwarding document into the chain of notices it prints.

A forwarding document prints the outermost notice first (a city's), then the notice it
forwards (the province's), then that one's (the ministry's). Each notice is: an optional
document number line, a title (often broken over several lines), the recipients (主送,
a line ending in ：), the body, the issuer's name and the date, then trailers such as
（此件主动公开）. A document the text only cites — 根据…, 《…》（…号） in a sentence, an
attachment line — is not a link of the chain; a forwarded notice printed without a number
is. Framework-free: `parse_chain` returns plain records and raises `UnreadableText` naming
the line and what was expected.
"""

from .lines import (
    _METADATA,
    ParsedNotice,
    UnreadableText,
    _is_attachment_heading,
    _Reader,
    _squash,
)
from .linking import _fill_from_citation, _finish, _same_title
from .reading import _read_body, _read_head, _skip_trailers

__all__ = ["ParsedNotice", "UnreadableText", "parse_chain"]


def parse_chain(text: str) -> list[ParsedNotice]:
    """The notices a forwarding document prints, outermost first.

    Raises UnreadableText naming the line and what was expected there.
    """
    reader = _Reader(text)
    chain: list[ParsedNotice] = []
    i = reader.next_filled(0)
    while i < len(reader.lines):
        notice = ParsedNotice(line=i + 1)
        i, dated = _read_body(reader, _read_head(reader, i, notice), notice)
        if dated or _is_attachment_heading(reader.line(i)):
            i = _skip_trailers(reader, i, notice, dated)
        chain.append(notice)
    if not chain:
        raise reader.error(0, "a document number (e.g. 人社部发〔2017〕68号) or a notice title")
    chain = _without_page_titles(chain)
    for outer, inner in zip(chain, chain[1:], strict=False):
        _fill_from_citation(outer, inner)
    for n, notice in enumerate(chain):
        _finish(notice, forwards=n + 1 < len(chain))
        _check(reader, notice)
    _check_numbers(reader, chain)
    return chain


def _without_page_titles(chain: list[ParsedNotice]) -> list[ParsedNotice]:
    """Drop a web page's title printed above the document it titles.

    It reads as a notice with nothing but a title (and the page's table), followed by the
    notice of the same title; what the table said (文号, 成文日期, 公开方式) is kept.
    """
    kept: list[ParsedNotice] = []
    for notice, following in zip(chain, [*chain[1:], None], strict=True):
        bare = not (notice.recipients or notice.issuer or _real_body(notice.body))
        if following is not None and bare and _same_title(notice.title, following.title):
            following.doc_number = following.doc_number or notice.doc_number
            following.issued_on = following.issued_on or notice.issued_on
            following.disclosure = following.disclosure or notice.disclosure
            continue
        kept.append(notice)
    return kept


def _real_body(body: list[str]) -> list[str]:
    return [line for line in body if not _METADATA.match(_squash(line))]


def _check(reader: _Reader, notice: ParsedNotice) -> None:
    if notice.issuer is None:
        raise UnreadableText(
            notice.line,
            "the issuing authority's name: a signature above the date, or a title "
            "beginning with it (…关于…的通知)",
            notice.title,
        )


def _check_numbers(reader: _Reader, chain: list[ParsedNotice]) -> None:
    seen: set[str] = set()
    for notice in chain:
        if notice.doc_number and notice.doc_number in seen:
            raise UnreadableText(notice.line, "each notice of a chain once", notice.doc_number)
        seen.add(notice.doc_number or "")
