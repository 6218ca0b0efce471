"""Rules of 人社部发〔2017〕68号 that a certificate's name and issuer can break."""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode

from django.urls import reverse

from catalogue.text import normalise

RULE_6_DOCUMENT = "人社部发〔2017〕68号"
RULE_6_TEXT = (
    "行业协会、学会等社会组织和企事业单位依据市场需要自行开展能力水平评价活动，"
    "不得变相开展资格资质许可和认定，证书不得使用“中华人民共和国”、“中国”、“中华”、"
    "“国家”、“全国”、“职业资格”或“人员资格”等字样和国徽标志。"
)
FORBIDDEN_WORDS = ("中华人民共和国", "中国", "中华", "国家", "全国", "职业资格", "人员资格")


@dataclass(frozen=True)
class ForbiddenWording:
    in_name: list[str]
    in_issuer: list[str]

    @property
    def found(self) -> bool:
        return bool(self.in_name or self.in_issuer)


def rule_6_words_found(text: str) -> list[str]:
    """证书不得使用“中华人民共和国”…“人员资格”等字样: the forbidden words in a text.

    The text is folded first, so 中華人民共和國 or 国 家 are found too. A word found only
    inside a longer one (中华 inside 中华人民共和国) is not listed again.
    """
    folded = normalise(text)
    found = [word for word in FORBIDDEN_WORDS if word in folded]
    return [w for w in found if not any(w != o and w in o for o in found)]


def rule_6_forbidden_wording(*, name: str, issuer: str) -> ForbiddenWording:
    """The forbidden words on a certificate: in its own name and in its issuer's name."""
    return ForbiddenWording(rule_6_words_found(name), rule_6_words_found(issuer))


def rule_6_report_url(*, name: str, issuer: str) -> str:
    """The public report form, prefilled for a forbidden-wording report."""
    query = {"type": "forbidden_wording", "organisation": issuer, "qualification_name": name}
    return f"{reverse('enforcement:report-create')}?{urlencode(query)}"


# ---- Version 2: rules driven by data/forbidden_wording.csv and the fact sheet ----------

SKILL_LEVEL_TITLE = "职业技能等级证书"
SKILL_LEVEL_DOCUMENT = "人社鉴发〔2021〕1号"
SKILL_LEVEL_SCOPE_DOCUMENT = "人社部发〔2019〕90号；2020年社会培训评价组织遴选公告"
SPECIAL_ABILITY_WORDS = ("工", "员", "师")

# Bodies whose names say they are government or part of it (departments, bureaux,
# the 鉴定中心 and exam centres of 人社), and bodies that are not.
_GOVERNMENT = ("人民政府", "部", "厅", "局", "委员会", "鉴定中心", "考试中心", "人事考试", "考试院")
_NOT_GOVERNMENT = ("协会", "学会", "研究会", "联合会", "商会", "公司", "集团", "学校", "学院")
_NOT_GOVERNMENT += ("大学", "培训", "研究院", "研究所", "工作室", "俱乐部", "有限", "店")


class IssuerType(StrEnum):
    GOVERNMENT = "government"
    OTHER = "other"  # association, company, school …
    UNKNOWN = "unknown"  # no issuer given, or a name that says neither


def issuer_type(issuer: str) -> IssuerType:
    """What kind of body an issuer's name says it is (the table of research §4.3)."""
    folded = normalise(issuer)
    if not folded:
        return IssuerType.UNKNOWN
    if any(word in folded for word in _NOT_GOVERNMENT):
        return IssuerType.OTHER
    if folded.endswith("会") and not folded.endswith("委员会"):
        return IssuerType.OTHER  # 联谊会, 促进会 …: societies, not the 委员会 of government
    if "中心" in folded and not any(w in folded for w in ("鉴定中心", "考试中心", "政务服务")):
        return IssuerType.OTHER  # 某茶文化发展中心; the 鉴定中心 and exam centres are 人社's
    if any(word in folded for word in _GOVERNMENT):
        return IssuerType.GOVERNMENT
    return IssuerType.UNKNOWN


def literal_forbidden_words(rows, *, applies_to=("certificate", "both")) -> list:
    """The rows of forbidden_wording.csv that are literal words (not marks or patterns)."""
    literal = []
    for row in rows:
        if row.applies_to not in applies_to or "×" in row.text:
            continue
        if row.note.startswith(("A mark", "A pattern")):
            continue
        literal.append(row)
    return literal


def _word(row) -> str:
    # 岗位合格（凭证）: the bracket gives the longer form; the word itself is before it.
    return normalise(row.text.split("（")[0])


def forbidden_wording_found(text: str, rows, *, entitled: tuple[str, ...] = ()) -> list:
    """证书不得使用“中华人民共和国”“中国”“中华”“国家”“全国”“职业资格”或“人员资格”等字样
    (人社部发〔2017〕68号), widened by 人社部函〔2022〕25号 (岗位合格, 专业技术职务) and Guangdong
    (职业技能等级, 专项职业能力): the rows whose word is in ``text``, one row per word, minus
    the words the issuer is ``entitled`` to, and minus words inside a longer one found."""
    folded = normalise(text)
    for word in entitled:
        folded = folded.replace(normalise(word), " ")
    by_word = {}
    for row in rows:
        word = _word(row)
        if word and word in folded:
            by_word.setdefault(word, row)
    words = list(by_word)
    return [by_word[w] for w in words if not any(w != o and w in o for o in words)]


def skill_level_title_is_exact(name: str) -> bool:
    """ "证书名称应统一使用‘职业技能等级证书’" (人社鉴发〔2021〕1号)."""
    return SKILL_LEVEL_TITLE in normalise(name)


def special_ability_title_names_an_occupation(title: str) -> bool:
    """ "专项职业能力名称后不能有‘工’‘员’或‘师’等表示工种或职业名称的词"."""
    folded = normalise(title)
    return bool(folded) and folded.endswith(SPECIAL_ABILITY_WORDS)


# GB/T 2260 province-level codes (first two digits), as data/regions holds them.
PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}  # fmt: skip
_SKILL_NUMBER = re.compile(r"^([YS])(\d{4})(\d{2})(\d{6})(\d{2})(\d)(\d{6})$")
_SKILL_NUMBER_SPECIAL = re.compile(r"^[A-Z]{2}\d{20}$")


def skill_level_number_problems(number: str, issued_year: int | None = None) -> list[str]:
    """What in a 职业技能等级证书 number cannot fit 人社鉴发〔2019〕2号 (Y/S, organisation
    code, province, site, year, level 1–5, serial: 22 characters). A hint, never proof: the
    rule is known only from a garbled repost."""
    text = unicodedata.normalize("NFKC", number or "").strip().upper()
    if not text:
        return []
    if _SKILL_NUMBER_SPECIAL.match(text):
        return []  # 特级技师: two letters and 20 digits
    match = _SKILL_NUMBER.match(text)
    if match is None:
        return ["structure"]
    _, _, province, _, year, level, _ = match.groups()
    problems = []
    if province not in PROVINCE_CODES:
        problems.append("province")
    if not 1 <= int(level) <= 5:
        problems.append("level")
    if issued_year is not None and 2000 + int(year) > issued_year:
        problems.append("year")
    return problems
