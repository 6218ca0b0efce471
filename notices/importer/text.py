"""The text as pasted, made into lines a reader can take one by one.

Web copies strip a document's layout in every way: HTML left in, the number glued to
the title (…的通知国办发[1999]79号各省…), a number broken over two lines (…79\\n号), the
recipients, the body and the date on one line. Each repair only moves line breaks;
no character of the text is dropped. Characters change in one way only, one for one
(`fold_forms`): a copy in traditional characters (a Hong Kong or Taiwan repost, a
converted file) reads as the simplified original, and full-width digits and Latin letters
as ASCII ones, so the chain is the same whichever form the copy took. Framework-free.
"""

import html
import re
import unicodedata

# The catalogue's converter (OpenCC t2s) is the one answer to "which simplified character
# is this?": reused run by run, not a second converter.
from catalogue.text import simplified

from .. import docnumbers

_BLOCK_TAG = re.compile(r"(?i)<\s*/?\s*(?:p|br|div|tr|li|h[1-6]|table|section)\b[^>]*>")
_TAG = re.compile(r"<[^<>]{1,400}>")
_GENRE = (
    r"(?:通知|意见|办法|决定|通告|公告|复函|函|规定|方案|批复|细则|规则|纪要|报告|请示|计划|通报|"
    r"答复|条例|规划|要点)"
)
# A number right after a title's last word: …的通知国办发[1999]79号
_OPEN = re.escape(docnumbers.OPEN_BRACKETS)
_TITLE_THEN_NUMBER = re.compile(
    rf"{_GENRE}[》〉]?(?=[\u3400-\u9fff]{{1,12}}[{_OPEN}]\s*(?:19|20)\d\d)"
)
# A number that begins a line and is followed by more text: 闽教办基[2014]9号各市…
_NUMBER_FIRST = re.compile(docnumbers.NUMBER_PATTERN)
# What follows a number that begins a line when the line is the head: 各市…：, or a title.
_RECIPIENTS_NEXT = re.compile(
    r"各|[^。；]{2,150}[：:]|[^。；：:，,]{0,40}(?:关于|转发|印发|批转)[^。；]{2,150}?(?:通知|意见|办法|决定|函|通报|报告|请示|批复|方案|规定)"
)
_DATE_TOKEN = re.compile(
    r"(?<=[。；;！!])\s*((?:\d{4}|[〇○◯OoＯ0零一二三四五六七八九]{4})\s*年\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)"
    r"(?=\s|$)"
)


def fold_forms(text: str) -> str:
    """Traditional characters made simplified (by runs of ideographs, so that 答覆 and
    批覆 read 答复 and 批复), full-width digits and letters ASCII, one character for one;
    punctuation (（）〔〕：) is kept as printed. The pinyin some mirrors print after a
    character (發(fā)展) is no part of the document and goes."""
    text = _PINYIN.sub("", text)
    return _IDEOGRAPHS.sub(_simplified, _WIDE_ALNUM.sub(_narrow, text))


# (fā), (qū), (guān): lower-case Latin with at least one tone mark, right after a character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(
    rf"(?<=[\u3400-\u9fff])[（(][a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}[）)]"
)


_IDEOGRAPHS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WIDE_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")


def _narrow(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match[0])


def _simplified(match: re.Match) -> str:
    run = match[0]
    folded = simplified(run)
    if len(folded) == len(run):
        return folded
    return "".join(c if len(f := simplified(c)) != 1 else f for c in run)


def lines_of(text: str) -> list[str]:
    """The text's lines, with HTML removed and the line breaks web copies lost put back."""
    text = fold_forms(text).replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    if _BLOCK_TAG.search(text):
        text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", text)))
    lines = _rejoin_broken_numbers([line.strip() for line in text.split("\n")])
    filled = [line for line in lines if line]
    run_on = len(filled) <= 3 or sum(map(len, filled)) / max(len(filled), 1) > _RUN_ON_AVERAGE
    out: list[str] = []
    for line in lines:
        for part in _segment(line) if run_on and len(line) > _RUN_ON else [line]:
            for piece in _unspaced(part) if run_on else [part]:
                out.extend(_split_run_on(piece))
    return out


def _unspaced(part: str) -> list[str]:
    """A run-on text's head or signature (no sentence in it) cut where it has spaces:
    Chinese puts none between words, so there its line breaks were; and, spaces or not,
    around a page's own fields (作者：… 浏览：…) and after a title's last word."""
    if not part.strip() or re.search(r"[。；;！？!?]", part):
        return [part]
    part = _PAGE_FIELD.sub(lambda m: f" {m[0]} ", part)
    part = _TITLE_WORD_END.sub(lambda m: f"{m[0]} ", part)
    part = _NUMBER_AFTER_BRACKET.sub(" ", part)
    part = _LABEL_THEN_TITLE.sub(_label_apart, part)
    return [piece for piece in re.split(r"[ \t\u3000]+", part) if piece]


# （此件主动公开）闽人社文〔2017〕320号…: the next notice's number after a closing bracket.
_NUMBER_AFTER_BRACKET = re.compile(
    rf"(?<=[）)】])(?=[\u4e00-\u9fff]{{1,12}}[{_OPEN}]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*\d{{1,5}}\s*号)"
)
_ORG_END = r"(?:人民政府|政府|办公室|办公厅|厅|局|委员会|委|部)"
# 江苏省宿迁市人民政府宿迁市人民政府关于…: a page's label, then the title with its issuer.
_LABEL_THEN_TITLE = re.compile(
    rf"(?P<label>[\u4e00-\u9fff]{{2,30}}?{_ORG_END})(?P<name>[\u4e00-\u9fff]{{2,30}}?{_ORG_END})"
    r"(?=关于|转发|印发|批转)"
)


def _label_apart(match: re.Match) -> str:
    label, name = match["label"], match["name"]
    return f"{label} {name}" if label.endswith(name) else match[0]


_PAGE_FIELD = re.compile(
    r"(?:作者|时间|浏览|来源|阅读|发布时间|发布日期|更新时间|点击数|浏览次数)[:：][^:：]*?"
    r"(?=作者|时间|浏览|来源|阅读|下载|点击|发布|更新|$|[\u4e00-\u9fff]{2,}(?:关于|转发|印发|批转))"
    r"|下载地址[:：]?|点击此处下载"
)
# …的通知 followed by what is not its continuation (的通知, 》, （试行）).
_TITLE_WORD_END = re.compile(rf"的{_GENRE}(?![的》〉）)（(]|$)")


# A text whose line breaks were lost: few lines, or lines far longer than paragraphs.
_RUN_ON = 160
_RUN_ON_AVERAGE = 400
_ORG = r"[\u4e00-\u9fff]{2,40}?(?:厅|局|部|委|政府|办公室|办公厅|院|会|中心|大学|学院)"
_FULL_DATE = (
    r"(?:\d{4}|[〇○◯OoＯ0零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
# Where a document pasted as one line had its line breaks: after a sentence, around the
# signature (…。福州市人力资源和社会保障局2017年12月19日), after the recipients (各…：),
# between a title's last word and what follows it.
_SIGNATURE_DATE = re.compile(rf"(?:{_ORG})?\s*{_FULL_DATE}")
# What may follow a signature date: a break, 附注, the next notice's title or number.
_AFTER_DATE = re.compile(
    rf"\s|[（(【]|[\u4e00-\u9fff]{{0,40}}?(?:关于|转发|印发|批转)|[\u4e00-\u9fff]{{1,12}}[{_OPEN}]\d{{4}}"
    # or the title of what the notice issues, printed below it: …规定（试行）第一条
    rf"|[\u4e00-\u9fff、]{{2,60}}?{_GENRE}(?:[（(][\u4e00-\u9fff]{{1,6}}[）)])?(?![\u4e00-\u9fff]{{0,2}}[，。；])"
)
_TITLE_THEN_HEAD = re.compile(
    r"(?:通知|意见|办法|决定|通告|公告|函|规定|方案|批复|报告|请示|通报|答复)\s*(?=各[^。；]{1,150}[：:])"
)


_HEAD_END = re.compile(rf"(?:号|{_GENRE}[》）)]?|[。；])\s*")
_RECIPIENT_WORDS = re.compile(r"^各|人民政府|政府|局|厅|委|部|单位|机构|部门|学校|院")


def _recipients_start(line: str, colon: int) -> int | None:
    """Where the recipients ending at `colon` begin: after a number, a title or a sentence."""
    window = line[max(0, colon - 200) : colon]
    ends = [m.end() for m in _HEAD_END.finditer(window)]
    start = (colon - len(window) + ends[-1]) if ends else (0 if colon <= 200 else None)
    if start is None:
        return None
    segment = line[start:colon]
    if not segment or re.search(r"[。；《》]|如下|以下|下列", segment) or len(segment) > 150:
        return None
    return start if _RECIPIENT_WORDS.search(segment) else None


def _segment(line: str) -> list[str]:
    """A long line cut where its sentences, signature, recipients and title end."""
    cuts = {0, len(line)}
    for match in _TITLE_THEN_HEAD.finditer(line):
        cuts.add(match.end())
    for colon in re.finditer(r"[：:]", line):
        start = _recipients_start(line, colon.start())
        if start is not None:
            cuts.update({start, colon.end()})
    for match in re.finditer(r"(?<=[。；！？])\s*", line):
        cuts.add(match.end())
    for match in _SIGNATURE_DATE.finditer(line):
        before = line[: match.start()]
        after = line[match.end() :]
        if re.search(r"[。；！？]\s*$", before) and (not after.strip() or _AFTER_DATE.match(after)):
            cuts.update({match.start(), match.end()})
    cuts = sorted(cuts)
    return [line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if line[a:b].strip()]


def _rejoin_broken_numbers(lines: list[str]) -> list[str]:
    """国办发[1999]79 / 号各省… : the number's end moved up to the line it starts on."""
    for n in range(len(lines) - 1):
        head, tail = lines[n], lines[n + 1]
        if not head or not tail or len(tail) > 2000:
            continue
        joined = head + tail
        for match in _NUMBER_FIRST.finditer(joined):
            bracket = match.start() + len(match["prefix"])
            if bracket < len(head) < match.end():
                lines[n], lines[n + 1] = joined[: match.end()], joined[match.end() :].strip()
                break
    return lines


def _split_run_on(line: str) -> list[str]:
    if not line:
        return [line]
    ends = [m.end() for m in _TITLE_THEN_NUMBER.finditer(line)]
    cuts = [0, *ends[-1:], len(line)]
    parts = [line[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if line[a:b]]
    out: list[str] = []
    for part in parts:
        match = _NUMBER_FIRST.match(part)
        rest = part[match.end() :].strip() if match else ""
        if match and rest and _RECIPIENTS_NEXT.match(rest):
            out += [part[: match.end()], *_split_dates(rest)]
        else:
            out += _split_dates(part)
    return out


def _split_dates(line: str) -> list[str]:
    """…予以通报。 二〇一二年七月二十七日 附件下载… : a date standing alone, on its own line."""
    if len(line) < 40:
        return [line]
    pieces, last = [], 0
    for match in _DATE_TOKEN.finditer(line):
        pieces += [line[last : match.start(1)].strip(), match.group(1)]
        last = match.end(1)
    pieces.append(line[last:].strip())
    return [piece for piece in pieces if piece] or [line]
