"""How the advert asks for a certificate, who issues it, and who placed the advert."""

import re

from .findings import Reading, Requirement
from .rules.patterns import clause_bounds, first
from .spans import Mention
from .text import Sentence

_PRECONDITION = re.compile(
    r"持证上岗|上岗必须|必须持|必须具备|必须具有|必须取得|必须考取|必须要有|必须获得|必须拥有"
    r"|[须需]持[^，,。；;]{0,20}方可|方可(?:上岗|入职|录用|从业|工作|任职|执业|应聘)"
    r"|才能(?:上岗|入职|从业|工作|任职)|才可以?(?:上岗|入职|从业|工作)|无证不得|不得无证"
    r"|无证(?:上岗|作业|从业)|未取得[^，,。；;]{0,16}不得(?:上岗|从业|从事)"
    r"|上岗(?:前)?(?:必须|须|需)(?:持|取得|考取)|(?:国家|法律)规定[^，,。；;]{0,12}(?:必须|须|需要?)"
    r"|强制(?:持证|要求)|持[^，,。；;]{0,15}?证[^，,。；;]{0,3}上岗"
)
_PREFERENCE = re.compile(r"优先|加分|更佳|为佳|择优|者佳|尤佳|更好|可放宽")
_REQUIREMENT = re.compile(
    r"持有|具有|具备|取得|[须需]|要求|应具|提供|资格条件|任职资格|报名条件|资格要求|持|条件"
)
_ISSUER = re.compile(
    r"([\u4e00-\u9fffa-z0-9()（）]{2,30}?(?:协会|学会|研究会|促进会|联合会|委员会|中心|研究院|研究所"
    r"|有限公司|公司|集团|基金会|商会|联盟))[^，,。；;]{0,4}?(?:统一)?"
    r"(?:颁发|颁证|发证|核发|认证|签发|监制|出具)"
    r"|发证(?:单位|机构|部门)[:：为是]?\s*([\u4e00-\u9fffa-z0-9()（）]{4,30})"
    # The body whose seal the certificate bears (证书上加盖“…中心”印章) is who issues it.
    r"|(?:加盖|盖有|盖着|盖)了?\s*[“\"'「]?([\u4e00-\u9fffa-z0-9()（）]{2,30}?(?:协会|学会|研究会"
    r"|促进会|联合会|委员会|中心|研究院|研究所|有限公司|公司|集团|基金会|商会|联盟))[”\"'」]?的?"
    r"(?:专用章|公章|印章|钢印)"
)
_ORGANISATION = re.compile(
    r"[\u4e00-\u9fffa-z0-9()（）]{2,30}?(?:有限责任公司|股份有限公司|有限公司|集团|公司"
    r"|职业技能培训学校|培训学校|培训中心|学校|学院|医院|协会|学会|研究院|事务所|酒店|工作室"
    r"|人民政府|局|委员会|中心)"
)
# Where an organisation's name begins: after the last of these words.
_ORGANISATION_CUT = re.compile(
    r".*(?:招聘|诚聘|急招|聘请|招募|招生|欢迎|加入|我们|我司|本公司|本单位|本校|由|在|是|为|的|位于"
    r"|关于|、|获得|颁发|报名|年度|[^\u4e00-\u9fffa-z0-9()（）])"
)
_ASSOCIATION = ("协会", "学会", "研究会", "促进会", "联合会", "商会", "联盟", "基金会")
_COMPANY = ("公司", "集团")


def requirement_of(reading: Reading, mention: Mention, mentions: list[Mention]) -> Requirement:
    """Preferred (its clause says 优先), a stated precondition, a requirement, or a mention."""
    folded = reading.folded
    left, right = clause_bounds(folded, mention.start, mention.end)
    if _PREFERENCE.search(folded, left, right):
        return Requirement.PREFERRED
    sentence = reading.sentence_of(mention.start)
    if _precondition(folded, sentence) or _precondition_follows(reading, sentence, mentions):
        return Requirement.PRECONDITION
    if _REQUIREMENT.search(folded, sentence.start, sentence.end):
        return Requirement.REQUIRED
    return Requirement.MENTIONED


# 根据《保安服务管理条例》相关规定，保安必须持证上岗: the precondition is a named law's, and a
# law may require a licence the catalogue does not list (保安员证 is issued by the police).
# The portal cannot read the law, so such a sentence is not taken for the advert's own claim.
_NAMED_LAW = re.compile(
    r"(?:根据|依据|依照|按照|按)《[^》]{2,30}(?:法|条例|规定|办法|细则)》"
    r"|《[^》]{2,30}(?:法|条例)》[^，,。；;]{0,6}(?:规定|要求)"
)


def _precondition(folded: str, sentence: Sentence) -> bool:
    found = first(_PRECONDITION, folded, sentence.start, sentence.end)
    return found is not None and not _NAMED_LAW.search(folded, sentence.start, found.start())


def _precondition_follows(reading: Reading, sentence: Sentence, mentions: list[Mention]) -> bool:
    """持证上岗 said in the next sentence, which names no certificate of its own."""
    following = reading.sentence_of(sentence.end)
    if following.start < sentence.end:
        return False
    if not _precondition(reading.folded, following):
        return False
    return not any(following.start <= m.start < following.end for m in mentions)


def issuer_in(folded: str, text: str, sentence: Sentence) -> tuple[str, str]:
    """The issuer the sentence names (由…协会颁发, 发证单位：…) and its type."""
    match = _ISSUER.search(folded, sentence.start, sentence.end)
    if match is None:
        return "", ""
    group = next(g for g in (1, 2, 3) if match.group(g))
    start, end = match.start(group), match.end(group)
    start += _cut(folded[start:end])
    name = text[start:end]
    if name.endswith(_ASSOCIATION):
        return name, "association"
    if name.endswith(_COMPANY):
        return name, "company"
    return name, "other"


def organisation_in(folded: str, text: str) -> str:
    """The first organisation the advert names: the employer, school or issuer."""
    for match in _ORGANISATION.finditer(folded):
        start = match.start() + _cut(match.group(0))
        if match.end() - start >= 4:
            return text[start : match.end()]
    return ""


def _cut(name: str) -> int:
    """How many leading characters of a matched name are not part of it (招聘, 我们 …)."""
    cut = _ORGANISATION_CUT.match(name[:-2])
    return cut.end() if cut else 0
