"""Lines of a forwarding document: what each one is (title, recipients, date, trailer…).

Framework-free, like the rest of the importer.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .. import chinesedates, docnumbers

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
