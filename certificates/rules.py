"""Rules of 人社部发〔2017〕68号 that a certificate's name and issuer can break."""

from dataclasses import dataclass
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
