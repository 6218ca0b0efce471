"""What one notice of a chain says of the next, and the parts of a body.

The forwarding notice cites the one it forwards — 《title》（number）, …于2017年9月12日印发… —
which gives a forwarded notice printed without its number or date what it lacks; the
body is split into paragraphs, the issuer's own opinions, contacts and attachments.
"""

import re

from .. import chinesedates, docnumbers
from .lines import _ATTACHMENT_LINE, _CONTACTS, ParsedNotice, _org_name, _squash

_CITATION = re.compile(r"《(?P<title>[^》]{2,120})》\s*[（(](?P<number>[^）)]{4,40})[）)]")
_ISSUED_BEFORE = re.compile(
    r"(?P<issuer>[^，。；、：（）《》]*)于(?P<date>[^于]{6,16}日)(?:印发|发布|下发|公布|制定)(?:了|的)?$"
)
_FORWARDING = re.compile(r"转发|现将|印发给你们|转给你们")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")


def _same_title(cited: str, title: str, issuer: str | None = None) -> bool:
    """Whether a title cited in 《》 is this notice's, with or without its issuer's name.

    《关于公布国家职业资格目录的通知》 is the ministry's 人力资源社会保障部关于公布…的通知 only
    when the ministry issued it, not a province's …转发…关于公布…的通知.
    """
    cited, title = _squash(cited), _squash(title)
    if not cited or not title:
        return False
    if cited == title or (issuer and _squash(issuer) + cited == title):
        return True
    return title.startswith("关于") and cited.endswith(title)


def _fill_from_citation(outer: ParsedNotice, inner: ParsedNotice) -> None:
    """What the forwarding notice says of the one it forwards: its number, its date."""
    text = "".join(_squash(line) for line in outer.body)
    for match in _CITATION.finditer(text):
        number = docnumbers.find_all(match["number"])
        by_number = bool(number) and number[0].canonical == inner.doc_number
        issuer = inner.issuer or _issuer_from_title(inner.title)
        if not (by_number or _same_title(match["title"], inner.title, issuer)):
            continue
        if inner.doc_number is None and number:
            inner.doc_number = number[0].canonical
        issued = _ISSUED_BEFORE.search(text[max(0, match.start() - 60) : match.start()])
        if inner.issued_on is None and issued:
            inner.issued_on = chinesedates.parse(issued["date"])
        if inner.issuer is None and issued:
            inner.issuer = _org_name(issued["issuer"])
    if inner.issuer is None:
        inner.issuer = _issuer_named_by_forwarder(outer.title, inner.title)


def _issuer_named_by_forwarder(outer_title: str, inner_title: str) -> str | None:
    """…转发人力资源社会保障部关于公布…的通知 names the issuer of 关于公布…的通知."""
    if "转发" not in outer_title:
        return None
    rest = outer_title.rsplit("转发", 1)[1]
    for forwarded in (rest, rest.removesuffix("的通知").strip("《》")):
        if forwarded.endswith(inner_title) and forwarded != inner_title:
            return _org_name(forwarded.removesuffix(inner_title))
    return None


def _issuer_from_title(title: str) -> str | None:
    match = re.search(r"关于|转发|印发", title)
    return _org_name(title[: match.start()]) if match else None


_PARAGRAPH_END = "。：:；;！？!?”」』）)"
_PARAGRAPH_START = re.compile(
    r"附件|联系|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
)


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines broken inside a sentence joined back into their paragraph."""
    paragraphs: list[str] = []
    for line in lines:
        joined = paragraphs and paragraphs[-1][-1] not in _PARAGRAPH_END
        if joined and not _PARAGRAPH_START.match(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return paragraphs


def _finish(notice: ParsedNotice, forwards: bool) -> None:
    """Issuer from the title when unsigned; contacts, attachments and own opinions."""
    notice.body = _paragraphs(notice.body)
    if notice.issuer is None or notice.issuer == _issuer_from_title(notice.title):
        notice.issuer = _issuer_from_title(notice.title) or notice.issuer
    contacts = [p for p in notice.body if _CONTACTS.search(p)]
    notice.contacts = "\n".join(filter(None, [*contacts, notice.contacts]))
    notice.attachments = _attachments(notice.body)
    if forwards:
        notice.opinions = "\n".join(_opinions(notice.body, contacts))


def _attachments(body: list[str]) -> list[str]:
    names, listing = [], False
    for line in body:
        match = _ATTACHMENT_LINE.match(_squash(line))
        if match:
            names.append(re.sub(r"^\d{1,2}[.．、]", "", match["name"]))
        elif listing and _LIST_ITEM.match(line):
            names.append(re.sub(r"^\d{1,2}\s*[.．、]\s*", "", line))
        listing = bool(match) or (listing and bool(_LIST_ITEM.match(line)))
    return names


def _opinions(body: list[str], contacts: list[str]) -> list[str]:
    """The forwarding authority's own paragraphs after the forwarding sentence.

    They end where the attachment lines begin; contacts are not opinions.
    """
    start = next((n for n, p in enumerate(body) if _FORWARDING.search(p)), 0)
    own = []
    for paragraph in body[start + 1 :]:
        if _ATTACHMENT_LINE.match(_squash(paragraph)):
            break
        if paragraph not in contacts:
            own.append(paragraph)
    return own
