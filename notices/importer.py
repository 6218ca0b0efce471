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

import re
from dataclasses import dataclass, field
from datetime import date

from . import chinesedates, docnumbers

_TITLE_END = re.compile(
    r"(?:通知|意见|办法|决定|通告|公告|复函|函|规定|方案|批复|细则|规则|目录|纪要|报告|要点|计划|通报)"
    r"(?:[（(][^（）()]{1,8}[）)])?$"
)
_TITLE_MAX_LINES = 6
_TITLE_MAX_CHARS = 200
_DISCLOSURE = {
    "public": re.compile(r"主动公开|公开发布"),
    "on-request": re.compile(r"依申请公开"),
    "withheld": re.compile(r"不予公开|不公开"),
}
_CONTACTS = re.compile(
    r"联系人|联系电话|联系方式|咨询电话|电话[:：]|传真[:：]|邮箱[:：]|与.{2,80}联系"
)
_ATTACHMENT_HEADING = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：]?")
_ATTACHMENT_LINE = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：]\s*(?P<name>.+)")
_TRAILER = re.compile(
    r"^[（(【\[]?(?:此件|公开方式|信息公开|公开属性|联系人|主送|抄送|主题词|盖章|印章)"
)
_PRINTED = re.compile(r"印发$|印发[）)]?$|共印\d+份")
# The table a government web page prints above a notice: 索引号：… 文号：… 成文日期：…
_METADATA = re.compile(
    r"^(?P<key>索引号|发布机构|发文机关|发文单位|发布日期|发布时间|成文日期|印发日期|文号|发文字号|"
    r"来源|信息来源|主题分类|公开方式|公开范围|生成日期|浏览次数|时效性|有效性|标题|名称|分类|"
    r"签发人|密级|紧急程度|缓急|份号)"
    r"\s*[:：]\s*(?P<value>.*)$"
)
# Attachment lines and numbered points of a body never begin a title.
_NOT_A_TITLE = re.compile(
    r"附件|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]"
)
_SIGNER_NOTE = re.compile(r"\s*签发人[:：].*$")
_ORG_ENDING = re.compile(r"(?:部|厅|局|委|委员会|政府|办公室|办公厅|中心|院|会|处|办|管委会)$")
_PUNCTUATION = re.compile(r"[，。；！？,;]")


class UnreadableText(ValueError):
    def __init__(self, line: int, expected: str, found: str):
        self.line, self.expected, self.found = line, expected, found
        super().__init__(f"line {line}: expected {expected}, found {found!r}")


@dataclass
class ParsedNotice:
    line: int
    doc_number: str | None = None
    title: str = ""
    issuer: str | None = None
    recipients: str | None = None
    issued_on: date | None = None
    body: list[str] = field(default_factory=list)
    opinions: str = ""
    contacts: str = ""
    disclosure: str | None = None
    attachments: list[str] = field(default_factory=list)


def _clean(line: str) -> str:
    return line.replace("\ufeff", "").strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Reader:
    def __init__(self, text: str):
        self.lines = [_clean(line) for line in text.splitlines()]

    def line(self, i: int) -> str:
        return self.lines[i] if i < len(self.lines) else ""

    def next_filled(self, i: int) -> int:
        """The index of the first non-blank line at or after i (len(lines) at the end)."""
        while i < len(self.lines) and not self.lines[i]:
            i += 1
        return i

    def filled_after(self, i: int, count: int) -> list[int]:
        found, i = [], self.next_filled(i)
        while i < len(self.lines) and len(found) < count:
            found.append(i)
            i = self.next_filled(i + 1)
        return found

    def error(self, i: int, expected: str) -> UnreadableText:
        found = self.line(i) if i < len(self.lines) else "end of text"
        return UnreadableText(min(i, len(self.lines)) + 1, expected, found)


def _is_recipients(line: str) -> bool:
    text = _squash(line)
    return bool(text) and text[-1] in "：:" and "。" not in text and len(text) <= 200


def _is_header(line: str) -> bool:
    """The red-head line such as 福建省人力资源和社会保障厅文件."""
    text = _squash(line)
    return text.endswith("文件") and not _PUNCTUATION.search(text) and len(text) <= 40


def _is_attachment_heading(line: str) -> bool:
    return bool(_ATTACHMENT_HEADING.fullmatch(_squash(line)))


def _org_name(text: str) -> str | None:
    """The text as an authority's name if it reads like one, else None."""
    text = re.sub(r"[（(](?:盖章|印章|章)[）)]", "", _squash(text))
    if not text or len(text) > 40 or _PUNCTUATION.search(text) or "：" in text:
        return None
    if re.search(r"关于|转发|印发|通知", text):
        return None
    return text if _ORG_ENDING.search(text) else None


def _may_be_title(line: str) -> bool:
    text = _squash(line)
    return not (
        not text
        or "。" in text
        or _NOT_A_TITLE.match(text)
        or _METADATA.match(text)
        or _is_recipients(text)
        or docnumbers.is_number_line(text)
        or _TRAILER.search(text)
        or _PRINTED.search(text)
        or _is_attachment_heading(text)
        or _date_line(text)
    )


def _signers(line: str) -> list[str]:
    """The names on a signature line; joint issuers are set apart by wide spaces."""
    parts = [part for part in re.split(r"\s{2,}|\u3000", line.strip()) if part]
    names = [_org_name(part) for part in parts]
    if all(names):
        return names
    whole = _org_name(line)
    return [whole] if whole else []


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


def _number_line(line: str) -> str | None:
    """The number on a line of its own, maybe followed by 签发人：…"""
    line = _SIGNER_NOTE.sub("", line)
    return docnumbers.canonical(_squash(line)) if docnumbers.is_number_line(line) else None


def _read_metadata(line: str, notice: ParsedNotice) -> bool:
    """Take 文号, 成文日期 and 公开方式 from a web page's table; whether the line was one."""
    match = _METADATA.match(_squash(line))
    if match is None:
        return False
    key, value = match["key"], match["value"]
    if key in ("文号", "发文字号") and docnumbers.is_number_line(value):
        notice.doc_number = docnumbers.canonical(value)
    elif key in ("成文日期", "印发日期") and notice.issued_on is None:
        notice.issued_on = chinesedates.parse(value) or _iso_date(value)
    elif key in ("公开方式", "公开范围"):
        _take_trailer(f"此件{value}", notice)
    return True


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


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


def _date_line(line: str) -> tuple[date, str | None, str] | None:
    """The signing date on a line of its own, maybe after the issuer's name.

    Returns the date, the name before it and a trailer such as （此件主动公开） after it.
    """
    found = chinesedates.find_with_rest(line)
    if found is None:
        return None
    when, before, after = found
    if (before and _org_name(before) is None) or (after and not _TRAILER.search(after)):
        return None
    return when, before or None, after


def _take_trailer(line: str, notice: ParsedNotice) -> bool:
    """Record a disclosure or contacts trailer; whether the line was one."""
    text = _squash(line)
    if not _TRAILER.search(text) and not _PRINTED.search(text):
        return False
    for value, pattern in _DISCLOSURE.items():
        if pattern.search(text) and "公开" in text and notice.disclosure is None:
            notice.disclosure = value
    if _CONTACTS.search(text):
        notice.contacts = "\n".join(filter(None, [notice.contacts, text.strip("（）()")]))
    if text.startswith("主送") and notice.recipients is None:
        notice.recipients = re.sub(r"^主送[:：]", "", text).rstrip("。.")
    return True


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
