"""Lines of an official document (公文, GB/T 9704): what each one is.

Title, recipients (主送), signature and date, trailers (附注, 版记), a web page's table and
its navigation ("chrome"). Framework-free, like the rest of the importer.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .. import chinesedates, docnumbers
from .text import lines_of

GENRE_WORDS = (
    "通知|意见|办法|决定|通告|公告|复函|函|规定|方案|批复|细则|规则|目录|纪要|报告|请示|要点|"
    "计划|通报|答复|条例|规划"
)
_TITLE_END = re.compile(rf"(?:{GENRE_WORDS})(?:[（(][^（）()]{{1,16}}[）)])?$")
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
_ATTACHMENT_HEADING = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：]?|附[:：]?")
_ATTACHMENT_LINE = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：]\s*(?P<name>.+)")
_TRAILER = re.compile(
    r"^[（(【\[]?(?:此件|本件|公开方式|信息公开|公开属性|联系人|主送|抄送|主题词|盖章|印章|本文有删减)"
)
# 版记: …办公室　2017年10月12日印发, 共印10份
_PRINTED = re.compile(r"日印发[）)]?$|^(?!.*关于)\S{2,30}(?:办公室|办公厅|秘书处)印发$|共印\d+份")
# The table a government web page prints above a notice: 索引号：… 文号：… 成文日期：…
_METADATA = re.compile(
    r"^(?P<key>索引号|发布机构|发文机关|发文单位|发文机构|发布日期|发布时间|成文日期|印发日期|"
    r"发文日期|生效日期|执行日期|废止时间|生效时间|文号|发文字号|来源|信息来源|主题分类|组配分类|"
    r"信息分类|公开方式|公开范围|生成日期|浏览次数|时效性|有效性|标题|名称|分类|签发人|密级|"
    r"紧急程度|缓急|份号|关键词|内容概述|主题词|文件标题|文件名称|文件编号)"
    r"\s*[:：]\s*(?P<value>.*)$"
)
# A web page's own lines: navigation, view counts, upload times, reading aids.
_CHROME = re.compile(
    r"»|>|首页|您的位置|当前位置|下载|浏览|阅读[:：]|作者[:：]|时间[:：]|日期[:：]|来源[:：]|"
    r"简介[:：]|^第[一二三四五六七八九十\d]+篇[:：]|字号|视力保护色|打印|关闭|收藏|^朗读$|"
    r"部分内容阅读|返回顶部|分享到"
)
_PAGE_INTRO = re.compile(r"^(?:简介|摘要|导语|编者按|内容提要)[:：]")
# Attachment lines and numbered points of a body never begin a title.
_NOT_A_TITLE = re.compile(
    r"附件|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+[章条]"
)
_SIGNER_NOTE = re.compile(r"\s*签发人[:：].*$")
_ORG_ENDING = re.compile(
    r"(?:部|厅|局|委|委员会|政府|办公室|办公厅|中心|院|会|处|办|管委会|党组|组|署|行|大学|学院|"
    r"学校|分行|总局|联合会|协会|军区|集团|公司|工会)$"
)
_RELATIVE_NAME = re.compile(
    r"^(?:部|厅|局|委|本|我|该|贵|省|市|县|区|州)(?:人民政府|政府)?(?:办公厅|办公室|机关)?$|^[部厅局委]办"
)
_PUNCTUATION = re.compile(r"[，。；！？,;:：、]")
_NUMBERISH = re.compile(
    r"^[\u3400-\u9fffA-Za-z]{1,20}\s*[〔\[［（(【〖﹝]\s*[\d〇○◯零一二三四五六七八九OoＯ]{2,4}\s*"
    r"[〕\]］）)】〗﹞]\s*第?\s*[\d一二三四五六七八九十百〇○零]{0,6}\s*号?$"
)
_PAREN_DATE = re.compile(r"^[（(](?P<inside>.+)[）)]$")


# A message quotes at most this much of the text it could not read: a one-line message,
# not the megabyte line of a file that is not a notice.
_QUOTED = 80


def _quoted(found: str) -> str:
    return found if len(found) <= _QUOTED else found[:_QUOTED] + "…"


class UnreadableText(ValueError):
    """Nothing usable in the text: the line, and what was expected there (中文, English)."""

    def __init__(self, line: int, expected: str, found: str):
        self.line, self.expected, self.found = line, expected, found
        super().__init__(
            f"第{line}行：未读出文号或通知标题，无可导入的内容"
            f"（line {line}: expected {expected}, found {_quoted(found)!r}）"
        )


@dataclass
class ReadWarning:
    """A field the reader could not read: 中文 first, English second, with the line."""

    line: int
    zh: str
    en: str
    found: str = ""

    def __str__(self) -> str:
        found = f"：{_quoted(self.found)}" if self.found else ""
        return f"第{self.line}行：{self.zh}{found}（line {self.line}: {self.en}）"


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
    references: list[str] = field(default_factory=list)
    # What the text says this notice forwards (转发/批转 and its 《》 object).
    forwards_title: str | None = None
    forwards_number: str | None = None
    forwards_issuer: str | None = None
    uncertain: set[str] = field(default_factory=set)
    # What a web page's table says, used only when the document itself does not.
    meta_issuer: str | None = None
    meta_title: str | None = None
    # Names the head prints apart from the signature: the red head (…文件), the issuers
    # under a forwarded 意见's title.
    header_issuer: str | None = None
    head_issuers: list[str] = field(default_factory=list)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Reader:
    def __init__(self, text: str):
        self.lines = lines_of(text)

    def line(self, i: int) -> str:
        return self.lines[i] if 0 <= i < len(self.lines) else ""

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
    return (
        len(text) > 1
        and text[-1] in "：:"
        and "。" not in text
        and len(text) <= 300
        and not _METADATA.match(text)
        and not _CHROME.search(text)
        and not re.search(r"如下|以下|下列|通知[:：]$|附件|附[:：]$", text)
    )


def _is_header(line: str) -> bool:
    """The red-head line such as 福建省人力资源和社会保障厅文件."""
    text = _squash(line)
    return text.endswith("文件") and not _PUNCTUATION.search(text) and 4 < len(text) <= 40


def _is_chrome(line: str) -> bool:
    text = _squash(line)
    if _PAGE_INTRO.match(text):
        return True
    return bool(text) and len(text) <= 120 and "。" not in text and bool(_CHROME.search(text))


def _is_attachment_heading(line: str) -> bool:
    return bool(_ATTACHMENT_HEADING.fullmatch(_squash(line)))


def _org_name(text: str) -> str | None:
    """The text as an authority's name if it reads like one, else None."""
    text = re.sub(r"[（(](?:盖章|印章|章)[）)]", "", _squash(text))
    if not text or len(text) > 40 or _PUNCTUATION.search(text) or _RELATIVE_NAME.search(text):
        return None
    if re.search(r"关于|转发|印发|通知|批转|^各", text) or len(text) < 2:
        return None
    return text if _ORG_ENDING.search(text) else None


def _org_names(text: str) -> list[str]:
    """One or several names (joint issuers set apart by 、，or spaces), or []."""
    if re.search(r"[、，,]$", text.strip()):
        return []
    parts = [part for part in re.split(r"[、，,\s\u3000]+", text.strip()) if part]
    names = [_org_name(part) for part in parts]
    return names if parts and all(names) else []


def _may_be_title(line: str) -> bool:
    text = _squash(line)
    return not (
        not text
        or len(text) > 120
        or re.search(r"[。；;]", text)
        or _NOT_A_TITLE.match(text)
        or _METADATA.match(text)
        or _is_recipients(text)
        or docnumbers.is_number_line(text)
        or _numberish(text)
        or _TRAILER.search(text)
        or _PRINTED.search(text)
        or _is_attachment_heading(text)
        or _date_line(text)
        or _PAREN_DATE.match(text)
        or _is_chrome(text)
        or _is_header(text)
    )


def _ends_title(text: str) -> bool:
    text = _squash(text)
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]  # a page's heading quoting the title: 教高函〔2017〕5号《…的通知》
    return bool(_TITLE_END.search(text))


def _signers(line: str) -> list[str]:
    """The names on a signature line; joint issuers are set apart by wide spaces."""
    parts = [part for part in re.split(r"\s{2,}|\u3000", line.strip()) if part]
    names = [_org_name(part) for part in parts]
    if parts and all(names):
        return names
    return _org_names(line)


def _number_line(line: str) -> str | None:
    """The number on a line of its own, maybe followed by 签发人：…"""
    line = _SIGNER_NOTE.sub("", line)
    return docnumbers.canonical(_squash(line)) if docnumbers.is_number_line(line) else None


def _numberish(line: str) -> bool:
    """A line shaped like a number (人社部发〔2017〕68) that does not parse as one."""
    text = _SIGNER_NOTE.sub("", _squash(line))
    return bool(_NUMBERISH.match(text)) and not docnumbers.is_number_line(text)


def _paren_issuer_date(line: str) -> tuple[list[str], date] | None:
    """（民政部　一九九七年一月二十八日） or （二○一○年四月二十六日） under a title."""
    match = _PAREN_DATE.match(line.strip())
    year = match and re.search(r"[\d〇○◯OoＯ零一二三四五六七八九]{4}\s*年", match["inside"])
    when = year and chinesedates.parse(match["inside"][year.start() :])
    if not when:
        return None
    before = match["inside"][: year.start()].strip()
    names = _org_names(before) if before else []
    return (names, when) if names or not before else None


def _read_metadata(line: str, notice: ParsedNotice) -> bool:
    """Take 文号, 成文日期, 发文机关 and 公开方式 from a page's table; whether it was one."""
    match = _METADATA.match(_squash(line))
    if match is None:
        return False
    key, value = match["key"], match["value"]
    if key in ("文号", "发文字号") and docnumbers.is_number_line(value):
        notice.doc_number = notice.doc_number or docnumbers.canonical(value)
    elif key in ("成文日期", "印发日期") and notice.issued_on is None:
        notice.issued_on = chinesedates.parse(value) or _iso_date(value)
    elif key in ("发文机关", "发文单位", "发文机构") and value:
        names = _org_names(line.split(":", 1)[-1].split("：", 1)[-1])
        notice.meta_issuer = "、".join(names) or None
    elif key in ("标题", "名称", "文件标题", "文件名称") and _ends_title(value):
        notice.meta_title = value
    elif key in ("公开方式", "公开范围"):
        _take_trailer(f"此件{value}", notice)
    return True


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _date_line(line: str) -> tuple[date, list[str], str] | None:
    """The signing date on a line of its own, maybe after the issuer's name.

    Returns the date, the names before it and a trailer such as （此件主动公开） after it.
    """
    found = chinesedates.find_with_rest(line)
    if found is None:
        return None
    when, before, after = found
    names = _org_names(before) if before else []
    if (before and not names) or (after and not _TRAILER.search(after)):
        return None
    return when, names, after


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
