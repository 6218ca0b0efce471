"""Match what people type as a certificate's name against the catalogue's names.

Framework-free: a :class:`NameIndex` is built from (qualification id, name, source) rows
and answers :meth:`NameIndex.match`. Matching runs in stages, most certain first:

1. the name as given, folded (width, traditional characters, case, spaces, punctuation);
2. the same without bracketed remarks (船员资格（含船员、渔业船员） → 船员资格);
3. its core: the words printed around a qualification's name (证书, 资格证, 执业证,
   操作证 …), levels before or after it (一级建造师, 建造师（二级）) and a trailing
   资格/执业 (or 人员, leaving four characters: 特种作业人员 → 特种作业) removed, and a
   trailing 认证 (育婴员职业资格认证); also without a class printed in Latin letters after
   the title (法律职业资格证书A证);
4. the core without a national prefix that official certificates print
   (中华人民共和国/中国/全国/国家), or a leading 注册/执业 that people add;
5. a small typo (one edit in four characters or more, two in eight or more) when exactly
   one qualification is that close, and the name neither contains a catalogue name with
   words added nor lacks its leading words (the certificate check takes such a match as
   a candidate to confirm, not as a verdict).

A name that maps to several qualifications prefers the official name over an old name in an
edition over an alias, then a listed qualification over a retired one; if that still
leaves several, or nothing is certain, the closest names are returned as candidates.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from catalogue.text import MIN_CORE, normalise, strip_certificate_words, strip_suffix


class Source(IntEnum):
    """Where an indexed name comes from; lower is more authoritative."""

    NAME = 0
    SUB_ITEM = 1
    EDITION = 2
    ALIAS = 3


@dataclass(frozen=True)
class IndexedName:
    qualification_id: int
    name: str
    source: Source
    listed: bool = True


@dataclass(frozen=True)
class Candidate:
    qualification_id: int
    name: str
    score: float


@dataclass(frozen=True)
class Match:
    """The outcome: a qualification when certain, else the closest candidates."""

    qualification_id: int | None
    method: str = ""
    matched_name: str = ""
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def certain(self) -> bool:
        return self.qualification_id is not None


# Bracketed remarks: （香港、澳门）, (二级), 【建筑工程】.
_BRACKETS = re.compile(r"[（(【\[〔［][^）)】\]〕］]*[）)】\]〕］]")
_QUALIFICATION_SUFFIX = ("资格认定", "职业资格", "执业资格", "资格", "执业", "职业", "从业")
# An organisation's (or a qualification's) certification: 育婴员职业资格认证, 皮肤管理师认证.
_CERTIFICATION = ("认证",)
# A class printed after the title in Latin letters (法律职业资格证书A证, 特种设备作业人员证N1).
_CLASS_MARK = re.compile(r"(?<=[\u4e00-\u9fff])[a-z]{1,2}\d{0,2}(?:类|证|级)?$")
_NATIONAL_PREFIXES = tuple(normalise(p) for p in ("中华人民共和国", "中国", "全国", "国家"))
_ADDED_PREFIXES = ("注册", "执业")
# Words too common in catalogue names to say that two names are about the same thing.
_GENERIC_WORDS = ("专业技术人员", "专业技术", "职业资格", "注册", "资格", "人员", "工程师", "从业")
_GENERIC_WORDS += ("管理", "师", "员")
_MIN_CANDIDATE_SCORE = 40.0
# What is left of a title that names no occupation (国家职业资格证书, 职业技能证书, 上岗证).
_NAMES_NOTHING = ("职业", "技能", "职业技能", "上岗", "岗位", "执业")


def fold(text: str) -> str:
    """The name folded for comparison: width, script, case, spaces and punctuation."""
    return normalise(text)


def fold_without_brackets(text: str) -> str:
    return normalise(_BRACKETS.sub("", text or ""))


def core(folded: str, people: bool = True) -> str:
    """Strip certificate words, levels and a trailing 资格 until nothing more comes off.

    With ``people``, a trailing 人员 goes too when four characters remain.
    """
    previous = None
    text = folded
    while text != previous:
        previous = text
        text = strip_certificate_words(strip_suffix(text, _CERTIFICATION))
        text = strip_suffix(text, _QUALIFICATION_SUFFIX)
        text = strip_suffix(text, ("人员",), keep=4) if people else text
    return text


def _strip_prefix(text: str, words: Iterable[str]) -> str:
    for word in words:
        if text.startswith(word) and len(text) - len(word) >= MIN_CORE:
            return text[len(word) :]
    return text


def index_keys(name: str) -> set[str]:
    """Every form under which a catalogue name is found."""
    forms = {fold(name), fold_without_brackets(name)}
    return {key for form in forms for key in (form, core(form, people=False), core(form)) if key}


def query_keys(name: str) -> list[tuple[str, str]]:
    """The forms of a typed name to look up, most certain first, with the stage's label."""
    full, bare = fold(name), fold_without_brackets(name)
    cores = [core(full), core(bare)]
    cores += [core(_CLASS_MARK.sub("", c)) for c in (full, bare) if _CLASS_MARK.search(c)]
    national = [core(_strip_prefix(c, _NATIONAL_PREFIXES)) for c in cores]
    added = [core(_strip_prefix(c, _ADDED_PREFIXES)) for c in cores + national]
    staged = [(full, "name"), (bare, "name"), *((c, "extra_words") for c in cores)]
    staged += [(c, "national_prefix") for c in national]
    staged += [(c, "extra_words") for c in added]
    seen: set[str] = set()
    return [(k, label) for k, label in staged if k and not (k in seen or seen.add(k))]


class NameIndex:
    """Every catalogue name under every key, with the fuzzy fallback."""

    def __init__(self, names: Iterable[IndexedName]):
        self._by_key: dict[str, dict[int, Source]] = {}
        self._listed: dict[int, bool] = {}
        self._display: dict[str, str] = {}
        for entry in names:
            self._add(entry)

    def _add(self, entry: IndexedName) -> None:
        self._listed[entry.qualification_id] = entry.listed
        for key in index_keys(entry.name):
            sources = self._by_key.setdefault(key, {})
            best = sources.get(entry.qualification_id, entry.source)
            sources[entry.qualification_id] = min(best, entry.source)
            self._display.setdefault(key, entry.name)

    def match(self, name: str) -> Match:
        keys = query_keys(name)
        for key, stage in keys:
            found = self._lookup(key, stage)
            if found is not None:
                return found
        typed = [key for key, _ in keys]
        for key in typed:
            found = self._typo(key)
            if found is not None:
                return found
        return Match(None, candidates=self.candidates(typed))

    def _lookup(self, key: str, stage: str) -> Match | None:
        sources = self._by_key.get(key)
        if not sources:
            return None
        chosen = self._preferred(sources)
        if len(chosen) > 1:
            scored = [Candidate(q, self._display[key], 100.0) for q in sorted(chosen)]
            return Match(None, candidates=scored)
        qualification_id = chosen[0]
        method = _method(stage, sources[qualification_id])
        return Match(qualification_id, method, self._display[key])

    def _preferred(self, sources: dict[int, Source]) -> list[int]:
        best = min(sources.values())
        ids = [q for q, source in sources.items() if source == best]
        listed = [q for q in ids if self._listed.get(q)]
        return listed or ids

    def _typo(self, typed: str) -> Match | None:
        """One qualification within a small edit distance of what was typed."""
        hits = [(Levenshtein.distance(typed, key), key) for key in self._by_key]
        close = [(d, key) for d, key in hits if 0 < d <= _allowed_edits(key) and _typo(typed, key)]
        if not close:
            return None
        best = min(d for d, _ in close)
        ids = {q for d, key in close if d == best for q in self._preferred(self._by_key[key])}
        if len(ids) != 1:
            return None
        key = next(key for d, key in close if d == best)
        return Match(ids.pop(), "typo", self._display[key])

    def candidates(self, keys: list[str], limit: int = 5) -> list[Candidate]:
        """The closest names: sharing at least half of the distinctive pairs of characters."""
        best: dict[int, Candidate] = {}
        for key, sources in self._by_key.items():
            score = max((_closeness(typed, key) for typed in keys), default=0.0)
            if score <= 0:
                continue
            for q in self._preferred(sources):
                if q not in best or best[q].score < score:
                    best[q] = Candidate(q, self._display[key], round(score, 1))
        return sorted(best.values(), key=lambda c: (-c.score, c.name))[:limit]


def _typo(typed: str, key: str) -> bool:
    """Not a typo: a longer name around ours (国际注册会计师), or ours without its leading
    words (人力资源管理师 is not 注册人力资源管理师)."""
    return key not in typed and not key.endswith(typed)


def _allowed_edits(key: str) -> int:
    if len(key) >= 8:
        return 2
    return 1 if len(key) >= 4 else 0


def _head_noun(typed: str, key: str) -> bool:
    """One name is the other with words before it: a Chinese name ends in its head noun, so
    整形美容医师 is a kind of 医师 and 药师 may be short for 执业药师."""
    short, long = sorted((typed, key), key=len)
    return (
        len(short) >= 2 and short != long and long.endswith(short) and short not in _GENERIC_WORDS
    )


def _closeness(typed: str, key: str) -> float:
    if _head_noun(typed, key):
        return max(float(fuzz.ratio(typed, key)), _MIN_CANDIDATE_SCORE)
    shared = _bigrams(typed)
    if not shared:
        return 0.0
    overlap = len(shared & _bigrams(key)) / len(shared)
    near = Levenshtein.distance(typed, key) <= max(1, _allowed_edits(key))
    if overlap < 0.5 and not near:
        return 0.0
    score = fuzz.ratio(typed, key)
    # Below this, the names only share generic pairs of letters (catti / qualifications).
    return score if score >= _MIN_CANDIDATE_SCORE else 0.0


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    for word in _GENERIC_WORDS:
        text = text.replace(word, " ")
    return frozenset(text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2])


def _method(stage: str, source: Source) -> str:
    if source == Source.ALIAS:
        return "alias"
    if source == Source.EDITION:
        return "edition_name"
    if source == Source.SUB_ITEM and stage == "name":
        return "sub_item"
    return stage


def not_a_catalogue_name(name: str) -> bool:
    """A name that the catalogue's names can neither match nor rule out: mostly Latin letters
    (the catalogue is in Chinese; CATTI, SHRM-CP may abbreviate anything), or nothing but
    certificate and generic words (国家职业资格证书 names no qualification)."""
    folded = fold(name)
    latin = sum(1 for ch in folded if ch.isascii() and ch.isalpha())
    han = sum(1 for ch in folded if "\u4e00" <= ch <= "\u9fff")
    if latin >= 2 and latin >= han:
        return True
    for prefix in _NATIONAL_PREFIXES:
        folded = folded.removeprefix(prefix)
    bare = core(folded)
    return not bare or bare in _GENERIC_WORDS or bare in _NAMES_NOTHING
