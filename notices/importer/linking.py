"""What a notice forwards, what it only cites, and the parts of its body.

The chain is built only from forwarding verbs (转发, 批转) and their objects: the 《》
named right before 转发给你们, or what the title names after 转发. 印发 (现将…印发给你们)
issues a document, it forwards nothing. Every other 《…》（…号） of the body — 根据《…》,
为贯彻落实《…》 — is a reference of the notice, never a link.
"""

import re
from difflib import SequenceMatcher

from .. import chinesedates, docnumbers
from .lines import _ATTACHMENT_LINE, _CONTACTS, ParsedNotice, _org_name, _org_names, _squash

_CITATION = re.compile(r"《(?P<title>[^》]{2,160})》\s*(?:[（(](?P<number>[^）)]{4,40})[）)])?")
_ISSUED_BEFORE = re.compile(
    r"(?P<issuer>[^，。；、：（）《》]*)于(?P<date>[^于]{6,16}日)(?:印发|发布|下发|公布|制定)(?:了|的)?$"
)
# Between the object and its verb: nothing, or 已经国务院同意，现…
_OBJECT_THEN_VERB = re.compile(
    r"^[，,]?\s*(?:已?经[^，。；《》]{1,24}(?:同意|批准)[，,]?)?\s*(?:现|特|现予|予以)?\s*"
    r"(?:转发|批转)(?:给)?(?:你们|各地|如下)?"
)
_FORWARDING = re.compile(r"转发|批转|现将|转给你们")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
_FOLD_TITLE = re.compile(r"[《》〈〉<>\s的]")


def similar_titles(a: str | None, b: str | None) -> bool:
    """Whether two printings name one document (的, brackets and spacing aside)."""
    if not a or not b:
        return False
    a, b = _FOLD_TITLE.sub("", a), _FOLD_TITLE.sub("", b)
    if len(a) < len(b):
        a, b = b, a
    if a.endswith(b):  # the longer one may only add its issuer's name in front
        return a == b or bool(_org_names(a[: -len(b)]))
    return SequenceMatcher(None, a, b).ratio() >= 0.9


def _same_title(cited: str, title: str, issuer: str | None = None) -> bool:
    """Whether a title cited in 《》 is this notice's, with or without its issuer's name."""
    cited, title = _squash(cited), _squash(title)
    if not cited or not title:
        return False
    if cited == title or (issuer and _squash(issuer) + cited == title):
        return True
    return title.startswith("关于") and cited.endswith(title)


def find_forwarded(notice: ParsedNotice) -> None:
    """Set what the notice forwards from its body's forwarding sentence or its title."""
    in_title = _object_in_title(notice.title)
    text = "".join(_squash(line) for line in notice.body[:6])
    in_body = _object_in_body(text)
    if in_body is None and in_title is None:
        return
    title, number, issuer = in_body or (None, None, None)
    if in_title and (title is None or similar_titles(in_title[0], title)):
        title = in_title[0] if in_title[2] or title is None else title
        issuer = issuer or in_title[1]
    if number is None and title:
        number = _number_cited_for(text, title, issuer)
    notice.forwards_title, notice.forwards_number, notice.forwards_issuer = title, number, issuer


def _object_in_body(text: str) -> tuple[str, str | None, str | None] | None:
    for match in _CITATION.finditer(text):
        if not _OBJECT_THEN_VERB.match(text[match.end() :]):
            continue
        number = docnumbers.find_all(match["number"] or "")
        before = re.split(r"[，。；：:,;]", text[: match.start()])[-1]
        before = re.sub(r"^(?:经[^，]*同意)?(?:现将|现把|将|把|特将)", "", before)
        names = _org_names(before.removesuffix("制订的").removesuffix("制定的"))
        issuer = "、".join(names) or None
        return match["title"], number[0].canonical if number else None, issuer
    return None


def _object_in_title(title: str) -> tuple[str, str | None, bool] | None:
    """(title, issuer, bracketed) of what a …转发…的通知 title names after its first 转发."""
    match = re.search(r"转发|批转", title or "")
    if match is None:
        return None
    rest = title[match.end() :]
    rest = re.sub(r"的通知$", "", rest) if re.search(r"的通知.*的通知$|》的通知$", rest) else rest
    if not re.search(r"(通知|意见|报告|请示|办法|函|通报|决定|规定|方案)$", rest):
        rest = re.sub(r"的通知$", "", rest)
    bracket = re.search(r"《(?P<inner>[^》]+)》", rest)
    if bracket:
        issuer = rest[: bracket.start()]
        return bracket["inner"], None if "等" in issuer else _org_name(issuer), True
    verb = re.search(r"关于", rest)
    issuer = _org_name(rest[: verb.start()]) if verb and verb.start() else None
    return rest, issuer, False


def _number_cited_for(text: str, title: str, issuer: str | None) -> str | None:
    for match in _CITATION.finditer(text):
        numbers = docnumbers.find_all(match["number"] or "")
        if numbers and (
            similar_titles(match["title"], title) or _same_title(match["title"], title, issuer)
        ):
            return numbers[0].canonical
    return None


def matches_forwarded(outer: ParsedNotice, inner: ParsedNotice) -> bool:
    if outer.forwards_number and inner.doc_number:
        return outer.forwards_number == inner.doc_number
    return similar_titles(outer.forwards_title, inner.title)


def fill_from_forwarder(outer: ParsedNotice, inner: ParsedNotice) -> None:
    """What the forwarding notice says of the one it forwards: number, issuer, date."""
    if outer.forwards_title is None or not matches_forwarded(outer, inner):
        return
    if inner.doc_number is None and outer.forwards_number:
        inner.doc_number = outer.forwards_number
        inner.uncertain.add("doc_number")
    if inner.issuer is None and outer.forwards_issuer:
        inner.issuer = outer.forwards_issuer
        inner.uncertain.add("issuer")
    text = "".join(_squash(line) for line in outer.body)
    for match in _CITATION.finditer(text):
        if not (
            similar_titles(match["title"], inner.title)
            or _same_title(match["title"], inner.title, inner.issuer)
        ):
            continue
        issued = _ISSUED_BEFORE.search(text[max(0, match.start() - 60) : match.start()])
        if inner.issued_on is None and issued:
            inner.issued_on = chinesedates.parse(issued["date"])
            inner.uncertain.add("date")
        if inner.issuer is None and issued:
            inner.issuer = _org_name(issued["issuer"])


def _issuer_from_title(title: str) -> str | None:
    match = re.search(r"关于|转发|印发|批转", title or "")
    if not match or not match.start():
        return None
    return "、".join(_org_names(title[: match.start()])) or None


def references_of(notice: ParsedNotice) -> list[str]:
    """Documents the body only cites: 《title》（number）, as printed; the forwarded one aside."""
    text = "".join(_squash(line) for line in notice.body)
    found = []
    for match in _CITATION.finditer(text):
        numbers = docnumbers.find_all(match["number"] or "")
        number = numbers[0].canonical if numbers else None
        if number and number == notice.forwards_number:
            continue
        if number is None and similar_titles(match["title"], notice.forwards_title):
            continue
        found.append(f"《{match['title']}》" + (f"（{number}）" if number else ""))
    return list(dict.fromkeys(found))


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


def finish(notice: ParsedNotice) -> None:
    """Issuer when unsigned; paragraphs, contacts, attachments, own opinions, references."""
    notice.body = _paragraphs(notice.body)
    if notice.issuer is None:
        for source, uncertain in (
            ("、".join(notice.head_issuers), False),
            (_issuer_from_title(notice.title), False),
            (notice.meta_issuer, True),
            (notice.header_issuer, True),
        ):
            if source:
                notice.issuer = source
                if uncertain:
                    notice.uncertain.add("issuer")
                break
    contacts = [p for p in notice.body if _CONTACTS.search(p)]
    notice.contacts = "\n".join(dict.fromkeys(filter(None, [*contacts, notice.contacts])))
    notice.attachments = _attachments(notice.body)
    if notice.forwards_title:
        notice.opinions = "\n".join(_opinions(notice.body, contacts))
    notice.references = references_of(notice)


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
    """The forwarding authority's own paragraphs after the forwarding sentence."""
    start = next((n for n, p in enumerate(body) if _FORWARDING.search(p)), 0)
    own = []
    for paragraph in body[start + 1 :]:
        if _ATTACHMENT_LINE.match(_squash(paragraph)):
            break
        if paragraph not in contacts:
            own.append(paragraph)
    return own
