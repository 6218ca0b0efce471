"""What kind of certificate a name says it is, from the words of its title.

Framework-free. The kinds (research/certificates.md §1): a catalogue qualification's
职业资格证书; a 职业技能等级证书 of a registered evaluation organisation; a 专项职业能力证书;
a ministry licence that is itself an access-type skilled item of the 2021 edition
(特种作业操作证, 特种设备安全管理和作业人员证, 建筑施工特种作业操作资格证).
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from catalogue.text import normalise


class CertificateKind(StrEnum):
    QUALIFICATION = "qualification"
    SKILL_LEVEL = "skill_level_certificate"
    SPECIAL_ABILITY = "special_ability_certificate"
    LICENCE = "licence"
    OCCUPATION = "occupation"
    UNKNOWN = "unknown"


# The 2021 items the ministry licences are (catalogue_2021.csv, skilled 10–12).
SPECIAL_OPERATIONS = "特种作业人员"
CONSTRUCTION_OPERATIONS = "建筑施工特种作业人员"
SPECIAL_EQUIPMENT = "特种设备安全管理和作业人员"
LICENCE_ITEMS = (SPECIAL_OPERATIONS, CONSTRUCTION_OPERATIONS, SPECIAL_EQUIPMENT)

_SKILL_LEVEL = ("职业技能等级", "技能等级证")
_SPECIAL_ABILITY = "专项职业能力"
_BRACKETS = re.compile(r"[（(【\[〔［]([^）)】\]〕］]*)[）)】\]〕］]")
_LEVEL_WORDS = re.compile(
    r"(?:[一二三四五]级|[1-5]级|初级工?|中级工?|高级工?|高级技师|技师|学徒工|特级技师|首席技师|/)"
)
# An operation of the 特种作业目录 is named "…作业" (低压电工作业, 熔化焊接与热切割作业).
_OPERATION = re.compile(r"作业$")
_TITLE_WORDS = ("证书", "操作证", "资格证", "合格证", "证")
# The words that set the 住建 licence apart, however its title goes on (建筑施工特种作业操作资格证,
# 建筑施工特种操作资格证): no other item of any edition begins so.
_CONSTRUCTION_STEM = CONSTRUCTION_OPERATIONS.removesuffix("作业人员")


@dataclass(frozen=True)
class TitleReading:
    kind: CertificateKind
    licence_item: str = ""  # the 2021 item a licence is
    inner: str = ""  # the occupation or skill the title names (电工, 拉面制作)


def _inner(name: str, words: tuple[str, ...]) -> str:
    """The occupation or skill named beside the title words: in brackets, or around them."""
    bracketed = _BRACKETS.findall(name)
    text = " ".join(bracketed) if bracketed else _BRACKETS.sub("", name)
    for word in words:
        text = text.replace(word, " ")
    text = _LEVEL_WORDS.sub(" ", text)
    parts = [p for p in re.split(r"[\s·、，,：:]+", text) if p]
    return normalise(parts[0]) if parts else ""


def read_title(name: str) -> TitleReading:
    """The kind of certificate the title words say, or UNKNOWN if they say nothing."""
    folded = normalise(name)
    if any(word in folded for word in _SKILL_LEVEL):
        words = ("职业技能等级证书", "职业技能等级", "技能等级证书", "技能等级证", *_TITLE_WORDS)
        return TitleReading(CertificateKind.SKILL_LEVEL, inner=_inner(name, words))
    if _SPECIAL_ABILITY in folded:
        words = ("专项职业能力证书", "专项职业能力考核证书", "专项职业能力", *_TITLE_WORDS)
        return TitleReading(CertificateKind.SPECIAL_ABILITY, inner=_inner(name, words))
    licence = _licence_item(folded)
    if licence:
        return TitleReading(CertificateKind.LICENCE, licence_item=licence)
    return TitleReading(CertificateKind.UNKNOWN)


def _licence_item(folded: str) -> str:
    if "特种设备" in folded and not ("检验" in folded or "检测" in folded):
        return SPECIAL_EQUIPMENT
    if _CONSTRUCTION_STEM in folded:
        return CONSTRUCTION_OPERATIONS
    if "特种作业" in folded:
        return SPECIAL_OPERATIONS
    bare = folded
    for word in _TITLE_WORDS:
        bare = bare.removesuffix(word)
    if _OPERATION.search(bare) and len(bare) > 3:
        return SPECIAL_OPERATIONS
    return ""
