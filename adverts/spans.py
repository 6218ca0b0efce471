"""Where an advert names a certificate or qualification.

Three kinds of mention, found in the folded text (:func:`adverts.text.fold`) so that the
spans are the advert's own:

- a catalogue name (its official name, a sub-item, an old name in an edition, an alias) of
  four characters or more, as written: 注册会计师, 会计专业技术资格;
- a name followed by a certificate word (…证, …证书, …资格, …资格证, …执业证书, …操作证, …上岗证),
  and an optional bracketed level: 电工证, 教师资格证, 全国高级茶艺师职业资格证书,
  职业技能等级证书（四级）;
- a level and a name in …师/…员/…工: 一级建造师, 高级育婴师, 人力资源管理师二级, 育婴员（四级）.

The name before a certificate word is the longest catalogue name that ends there; failing
that, the words back to the nearest verb or list mark (持有, 需, 、, 和 …). Documents that are
not occupational qualifications (身份证, 驾驶证, 健康证, 营业执照, 毕业证 …) are not mentions.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from catalogue.models import Alias, Cancellation, EditionEntry, Exit, Qualification
from catalogue.text import normalise, strip_suffix

from .certificates import catalogue_version, name_forms
from .lexicon import colloquial_names

_CERTIFICATE_WORD = re.compile(
    # 岗位合格证书 whole: a title word the 2022 campaign names (岗位 alone ends no name).
    r"(?:(?:国家|全国)?职业资格证书|(?:国家|全国)?职业资格证|执业资格证书|资格证书|执业证书|等级证书"
    r"|岗位合格证书|岗位合格证|合格证书|操作资格证"
    r"|资格证|执业证|操作证|上岗证|合格证|证书|(?:国家|全国)?职业资格|执业资格|资格|证)"
)
_LEVEL = r"(?:初级|中级|高级|[一二三四五]级|[1-5]级)"
_LEVEL_BEFORE = re.compile(_LEVEL + r"([\u4e00-\u9fff]{1,8}?(?:师|员|工))(?!程|序|作|资|证)")
_LEVEL_AFTER = re.compile(
    r"([\u4e00-\u9fff]{2,10}?(?:师|员|工))[(（]?(?:" + _LEVEL[3:-1] + r"|高级技师|技师)[)）]?"
)
_LEVEL_ENDING = re.compile(_LEVEL + "$")
_BRACKET_AFTER = re.compile(r"[(（][^()（）]{1,12}[)）]")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffa-z0-9()（）·]")


# Where the name before a certificate word begins: after the last of these.
def _words(text: str) -> list[str]:
    return text.split()


_CUT_WORDS = sorted(
    _words(
        "必须持有 必须具备 必须取得 须持有 需持有 应持有 要求持有 持有 具有 具备 取得 考取 "
        "获得 拥有 获取 颁发 发放 核发 报考 办理 拿到 领取 考过 考 报名 参加 提供 "
        "需要 需 须 要求 持 "
        "并 或 和 及 与 以及 的 者 为 是 有 即可 可 本 该 此 要 均 等 优先 同时 相关 对应 "
        "有效 合格 学员 毕业 可获 即颁 颁 发 获 送 包 拿 通过 想 一个 一张 两张 几张 张 "
        "本人 人员 员工 "
        "登录 登陆 查询 包括 例如 比如 如 取消 撤销 退出 自 即"
    ),
    key=len,
    reverse=True,
)
_CUT = re.compile("|".join(map(re.escape, _CUT_WORDS)) + r"|[^\u4e00-\u9fffa-z0-9()（）·]")
# A name that is a verb, a generic word or a document outside the qualification system.
_NOT_A_NAME_END = _words(
    "身份 居住 驾驶 驾照 健康 营业 毕业 学位 学历 结婚 准考 工作 学生 退伍 残疾 暂住 通行 护照 "
    "相关 相应 对应 有关 上述 以上 任职 报名 应聘 报考 考试 参赛 资质 入场 出入 会员 听课 "
    "结业 培训 学习 荣誉 获奖 专业 职业 执业 从业 岗位 证明 认 验 保 考 拿 办 发 领 持 取 "
    "无 有 带 出 下 颁 查 论 凭 签 公 见 实 例 辩 引 印 求 作 佐 考证 拿证 办证 发证 领证 取证 "
    "国家 国际 全国 行业 权威 官方 正规 该 此 本 双 多 各类 证 相 一 两 二 三 各 个 张 非 "
    # A class of certificates (准入类, 水平评价类, 技能类), not one; a number of them
    # (取消多项职业资格).
    "类 多项 各项 若干 部分 一批 多种 各种 这些 此类"
)
_NOT_A_NAME_SET = frozenset(_NOT_A_NAME_END)
_LONGEST_NOT_A_NAME = max(map(len, _NOT_A_NAME_END))
_NOT_AFTER_WORD = re.compile(
    # …职业资格目录, …资格制度: the system itself, not a certificate.
    r"(?:明|件|券|据|实|人|言|词|照|审查|条件|要求|复审|审核|考试|评审|评价|认定|查询|目录|制度|体系"
    r"|清单|(?:全国)?统一考试|统考)"
)
_MIN_VERBATIM = 4
_MAX_NAME = 16


@dataclass(frozen=True)
class Mention:
    """A certificate named in the advert: its span and its name as written there."""

    start: int
    end: int
    name: str


def find_mentions(text: str, folded: str) -> list[Mention]:
    """Every certificate mention, longest first where they overlap, in order of position."""
    names = _catalogue_names()
    found = [*_verbatim(folded, names), *_with_certificate_word(folded, names)]
    found += [*_with_level(folded, names)]
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(start < e and s < end for s, e in chosen):
            chosen.append((start, end))
    return [Mention(s, e, text[s:e]) for s, e in sorted(chosen)]


def _verbatim(folded: str, names: "_Names") -> list[tuple[int, int]]:
    spans = []
    for i in range(len(folded) - 1):
        for key in names.by_prefix.get(folded[i : i + 2], ()):
            if folded.startswith(key, i):
                spans.append((i, i + len(key)))
                break
    return spans


def _with_certificate_word(folded: str, names: "_Names") -> list[tuple[int, int]]:
    spans = []
    for word in _CERTIFICATE_WORD.finditer(folded):
        if _NOT_AFTER_WORD.match(folded, word.end()):
            continue
        start = _name_start(folded, word.start(), names)
        # 颁发全国职业资格证书: the words themselves are the certificate named (the
        # certificate check cannot tell which, and rule 6 judges the words).
        if start is None and _bare_national_word(folded, word):
            start = word.start()
        if start is None:
            continue
        end = word.end()
        bracket = _BRACKET_AFTER.match(folded, end)
        spans.append((start, bracket.end() if bracket else end))
    return spans


def _with_level(folded: str, names: "_Names") -> list[tuple[int, int]]:
    spans = []
    for match in _LEVEL_BEFORE.finditer(folded):
        name = match.group(1)
        if _is_name(name) and name not in _TITLES and not _CUT.search(name):
            spans.append((match.start(), match.end()))
    for match in _LEVEL_AFTER.finditer(folded):
        start = _name_start(folded, match.end(1), names, minimum=2)
        name = folded[start : match.end(1)] if start is not None else ""
        if name and name not in _TITLES:
            spans.append((start, match.end()))
    return spans


# Titles (职称) and levels that are not occupational qualifications.
_TITLES = {
    "工程师",
    "讲师",
    "教师",
    "技师",
    "工",
    "员",
    "师",
    "会员",
    "职员",
    "技工",
    "普工",
    "员工",
}


_NATIONAL_ENDING = re.compile(r"(?:中华人民共和国|全国|国家|中国|中华)$")
_NATIONAL_WORD = re.compile(r"(?:国家|全国)职业资格")
_ISSUER_BEFORE = re.compile(
    r"[\u4e00-\u9fffa-z0-9]{2,}(?:协会|学会|研究会|促进会|联合会|研究院|有限公司|公司|集团)"
    r"|[\u4e00-\u9fffa-z0-9]{4,}中心"
)


def _bare_national_word(folded: str, word: re.Match) -> bool:
    """国家/全国职业资格… right after a verb or list mark, with no name of its own."""
    if not _NATIONAL_WORD.match(word.group(0)) or word.start() == 0:
        return False
    return bool(_CUT.match(folded[word.start() - 1])) or _ends_with_cut(folded, word.start())


def _ends_with_cut(folded: str, end: int) -> bool:
    """Whether the text just before ``end`` is a verb or list word (颁发, 获得, 和 …)."""
    window = folded[max(0, end - 4) : end]
    return any(window.endswith(word) for word in _CUT_WORDS)


# Levels in a bracket between the name and the certificate word: 心理咨询师(中级/高级)职业资格证书.
_LEVELS_BRACKET_BEFORE = re.compile(
    r"[(（](?:初级|中级|高级|[一二三四五1-5]级|高级技师|技师)(?:[/、,，]?(?:初级|中级|高级"
    r"|[一二三四五1-5]级|高级技师|技师))*[)）]$"
)


def _name_start(folded: str, end: int, names: "_Names", minimum: int = 2) -> int | None:
    """Where the name ending at ``end`` begins: a catalogue name, else the words back to a cut."""
    levels = _LEVELS_BRACKET_BEFORE.search(folded, max(0, end - 20), end)
    if levels and levels.start() > 0:
        start = _name_start(folded, levels.start(), names, minimum)
        if start is not None:
            return start
    for length in range(min(names.longest, end), minimum - 1, -1):
        if folded[end - length : end] in names.keys:
            level = _LEVEL_ENDING.search(folded, 0, end - length)
            start = level.start() if level else end - length
            # 全国高级茶艺师职业资格证书: the words claiming a national certificate belong to its
            # name (the forbidden-wording rule judges them).
            national = _NATIONAL_ENDING.search(folded, 0, start)
            return national.start() if national else start
    start = end
    while start > 0 and end - start < _MAX_NAME and _NAME_CHAR.match(folded, start - 1):
        start -= 1
    window = folded[start:end]
    cuts = list(_CUT.finditer(window))
    if cuts:
        start += cuts[-1].end()
    # An issuer's name before the certificate's (中国营养学会注册营养师证书): the name begins
    # after it; rule 6 judges a certificate's words, not its issuer's (data/SOURCES.md).
    issuer = _ISSUER_BEFORE.search(folded, start, end)
    if issuer and end - issuer.end() >= 3:
        start = issuer.end()
    # Inside a bracket (…证书（技能等级证书）): the name begins after the bracket opens.
    opening = max(folded.rfind("（", start, end), folded.rfind("(", start, end))
    if opening != -1 and not any(c in folded[opening:end] for c in "）)"):
        start = opening + 1
    while start < end and folded[start] in "(（)）·":
        start += 1
    name = folded[start:end]
    return start if len(name) >= minimum and _is_name(name) else None


# A level alone (初级工, 五级/初级工, 高级技师) names no occupation: 初级工职业资格证书 is a grade.
_ONLY_LEVEL = re.compile(r"(?:[一二三四五1-5]级/?)?(?:初级|中级|高级)?(?:工|技师)?")


def _is_name(name: str) -> bool:
    bare = re.sub(r"[(（][^()（）]*[)）]", "", name)
    ends = (bare[-k:] for k in range(1, _LONGEST_NOT_A_NAME + 1))
    if _ONLY_LEVEL.fullmatch(bare):
        return False
    return bool(bare) and not any(end in _NOT_A_NAME_SET for end in ends) and not bare.isdigit()


@dataclass(frozen=True)
class _Names:
    keys: frozenset[str]
    by_prefix: dict[str, tuple[str, ...]]
    longest: int


def _catalogue_names() -> _Names:
    return _names_for(catalogue_version())


@lru_cache(maxsize=4)
def _names_for(_index: object) -> _Names:
    """Every folded catalogue name, rebuilt with the certificate check's index."""
    rows = [
        *Qualification.objects.values_list("name", flat=True),
        *Alias.objects.values_list("name", flat=True),
        *EditionEntry.objects.values_list("name", flat=True),
        # Names that left the catalogue, as the check's index of them reads them: a
        # certificate of 心理咨询师 is named as often as one of a current qualification.
        *_single_items(Exit.objects.values_list("name", flat=True)),
        *_single_items(Cancellation.objects.values_list("name", flat=True)),
    ]
    rows += [strip_suffix(normalise(n), ("证",)) for n in colloquial_names()]
    keys = {k for row in rows if not row.startswith("[") for k in name_forms(row) if len(k) >= 2}
    verbatim: dict[str, list[str]] = {}
    for key in sorted((k for k in keys if len(k) >= _MIN_VERBATIM), key=len, reverse=True):
        verbatim.setdefault(key[:2], []).append(key)
    by_prefix = {prefix: tuple(found) for prefix, found in verbatim.items()}
    return _Names(frozenset(keys), by_prefix, max(map(len, keys), default=0))


def _single_items(names) -> list[str]:
    """Exit rows also name groups (水平评价类技能人员职业资格（73项）): only single items,
    each by its title before a bracket (as certificates/snapshot.py indexes them)."""
    return [name.split("（")[0] for name in names if "水平评价类" not in name]
