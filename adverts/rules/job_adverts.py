"""Online job adverts: 人社厅发〔2025〕60号 and 《人力资源市场暂行条例》第二十四条."""

import re
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enforcement.regions import all_regions

from ..findings import AdvertType, Category, Confidence, Finding, Reading
from . import documents as doc
from .lexicon_rules import PhraseRule, apply
from .patterns import first

_HIRING = (AdvertType.JOB, AdvertType.PUBLIC_RECRUITMENT)
_CONTENT = Category.JOB_ADVERT_CONTENT


@cache
def _place_names() -> frozenset[str]:
    """Provinces and cities as people write them (河南, 新疆, 温州), for 河南人勿扰."""
    names = set()
    for region in all_regions().values():
        if region.level == "county" or region.name in ("市辖区", "县"):
            continue
        name = re.sub(
            r"(?:维吾尔|壮族|回族)?(?:自治区|特别行政区|省|市|地区|自治州|盟)$", "", region.name
        )
        if len(name) >= 2:
            names.add(name)
    return frozenset(names | {"东北", "西北", "西南", "南方", "北方", "外地", "外省", "农村"})


def _a_place(match: re.Match) -> bool:
    """The words before 人勿扰 (or after 不招) end with a province or city name."""
    place = match.group("place") or match.group("place2")
    if place is None:
        return True
    place = place.rstrip("人籍")
    return any(place[i:] in _place_names() for i in range(len(place) - 1))


@cache
def _content_rules() -> tuple[PhraseRule, ...]:
    return (
        PhraseRule(
            "sex_discrimination",
            ("性别",),
            re.compile(
                r"(?:限|仅限|只招|只限|只要|要求)[:：]?\s*(?:男|女)(?:性|士|生)?(?![女男]|不限)"
                r"|(?:男|女)(?:性|士|生)?优先|性别[:：]?\s*(?:男|女)(?![女男/、]|不限)|已婚已育|未婚未育"
            ),
            _CONTENT,
            gettext_lazy("按性别限制或优先录用：招聘信息不得含有性别歧视内容。"),
            "other",
            _HIRING,
        ),
        PhraseRule(
            "ethnic_discrimination",
            ("民族",),
            re.compile(
                r"(?:限|仅限|只招)汉族|汉族优先|民族[:：]\s*汉族?(?!不限)"
                r"|(?:不招|不要|不收|谢绝)[^，,。；;]{0,4}(?:少数民族|[\u4e00-\u9fff]{1,2}族)"
                r"|少数民族(?:勿扰|免谈|除外)"
            ),
            _CONTENT,
            gettext_lazy("按民族限制录用：招聘信息不得含有民族歧视内容。"),
            "other",
            _HIRING,
        ),
        PhraseRule(
            "race_discrimination",
            ("种族",),
            re.compile(r"(?:限|仅限|只招)(?:白人|黑人|黄种人)|(?:白人|黑人)(?:优先|勿扰|免谈)"),
            _CONTENT,
            gettext_lazy("按种族限制录用：招聘信息不得含有种族歧视内容。"),
            "other",
            _HIRING,
        ),
        PhraseRule(
            "religious_discrimination",
            ("宗教信仰",),
            re.compile(
                r"无宗教信仰|不信仰宗教|不得信仰|(?:信教|宗教信仰)者?(?:勿扰|免谈|不要|谢绝)"
                r"|(?:限|仅限)[\u4e00-\u9fff]{1,3}教(?:徒|信徒)"
                r"|(?:基督|伊斯兰|天主|佛)教(?:徒)?(?:优先|勿扰|免谈)"
            ),
            _CONTENT,
            gettext_lazy("按宗教信仰限制录用：招聘信息不得含有宗教信仰歧视内容。"),
            "other",
            _HIRING,
        ),
        PhraseRule(
            "residence_limit",
            ("户籍", "地域"),
            re.compile(
                r"(?:限|仅限|只招|只限|要求|须为|需为|必须为?)(?:本地|本市|本省|本县|本区)?(?:户籍|户口)"
                r"|(?:限|仅限|只招|只限)[\u4e00-\u9fff]{2,4}?籍"
                r"|(?:本地|本市|本省)(?:户籍|户口)(?:优先)?"
                r"|(?:户籍|户口)[:：]?\s*(?:限|须为|要求|必须)"
                r"|(?P<place>[\u4e00-\u9fff]{2,4})(?:籍|人)?(?:勿扰|免谈|不要|谢绝|除外)"
                r"|不招(?P<place2>[\u4e00-\u9fff]{2,4}?)(?:籍|人)"
            ),
            _CONTENT,
            gettext_lazy(
                "按户籍或地域限制录用：招聘信息不得设置限制人力资源流动的户籍、地域条件。"
            ),
            "other",
            _HIRING,
            accept=_a_place,
        ),
        PhraseRule(
            "status_limit",
            ("身份",),
            re.compile(
                r"(?:限|仅限|只招)(?:城镇|农村|非农业?)(?:户口|户籍|身份)|非农(?:业)?户口"
                r"|(?:农村|农业)户口(?:勿扰|不要|免谈)"
            ),
            _CONTENT,
            gettext_lazy(
                "按身份（城乡户口等）限制录用：招聘信息不得设置限制人力资源流动的身份条件。"
            ),
            "other",
            _HIRING,
        ),
        PhraseRule(
            "guaranteed_hiring_hype",
            ("保录",),
            re.compile(
                r"保录|包录取|包录用|保证录用|百分百录用|100%录用|直签保录|包入编|保入编"
                r"|(?:报名|面试)(?:就|即)(?:能|可)(?:进|入职|录用|上岗)|稳进|必进|零淘汰"
                # Guaranteed employment in a job advert: the 招转培 promise (培训之后包就业).
                r"|包就业|保就业|保证就业|包分配"
            ),
            _CONTENT,
            gettext_lazy("“保录”等噱头：招聘信息不得以保录进行虚假宣传。"),
            "other",
            _HIRING,
        ),
        PhraseRule(
            "high_pay_hype",
            ("高薪",),
            re.compile(r"高薪(?!入职)|轻松月入过万|月入过万|月入上万|日结过千"),
            _CONTENT,
            gettext_lazy("“高薪”“月入过万”等噱头：招聘信息不得以高薪进行虚假宣传。"),
            "other",
            _HIRING,
        ),
    )


def online_job_adverts_no_discrimination_or_hype(reading: Reading) -> list[Finding]:
    """不得含有民族、种族、性别、宗教信仰等方面的歧视性内容…不得以高薪、保录等噱头进行虚假宣传.

    人社厅发〔2025〕60号, with 《人力资源市场暂行条例》第二十四条 (discrimination) and
    《网络招聘服务管理规定》第十五条 (户籍, 地域, 身份 limits). Some of these rows are categories in
    the data; the patterns are the ways adverts say them (限男性, 汉族优先, 河南人勿扰).
    """
    found = apply(_content_rules(), reading)
    for finding in found:
        if finding.code.endswith("discrimination"):
            finding.document, finding.rule = doc.MARKET_REGULATION_DOCUMENT, doc.DISCRIMINATION_TEXT
        elif finding.code.endswith("limit"):
            finding.document = doc.MOBILITY_DOCUMENT
    return found


_ELEMENTS = (
    (
        gettext_lazy("用人单位基本情况"),
        r"公司|集团|有限|医院|学校|学院|幼儿园|中心|工厂|厂|店|酒店|银行|事务所|研究院|协会|餐厅|超市"
        r"|工作室|单位|机构|企业",
    ),
    (
        gettext_lazy("招聘人数"),
        r"\d+\s*(?:名|人|位)|[一二三四五六七八九十两]+\s*(?:名|人|位)|若干|人数|名额",
    ),
    (
        gettext_lazy("招聘条件"),
        r"要求|条件|学历|经验|年龄|任职|具备|具有|熟悉|熟练|能够|吃苦|持有|资格|优先",
    ),
    (gettext_lazy("工作内容"), r"职责|工作内容|岗位描述|负责|从事|工作任务|主要做|日常|协助|承担"),
    (
        gettext_lazy("工作地点"),
        r"地点|地址|工作地|位于|上班地|办公地|[\u4e00-\u9fff](?:省|市|区|县|镇|路|街|号|园区)",
    ),
    (gettext_lazy("基本劳动报酬"), r"薪|工资|底薪|待遇|报酬|\d+\s*(?:元|k|千|万)|面议"),
    (
        gettext_lazy("有效期限"),
        r"有效期|截止|截至|报名时间|长期有效|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
        r"|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
    ),
)
_ELEMENT_PATTERNS = tuple((label, re.compile(p)) for label, p in _ELEMENTS)
# A text that says nothing of hiring is not taken for a job advert unless the user says so.
# When the type was guessed, a text that only names a post (离开特种岗位) is not an advert:
# it must say it hires.
_HIRING_VERBS = re.compile(r"招聘|诚聘|急招|聘请|招工|招人|招募|应聘|求职|入职|兼职")
_REPOST = re.compile(r"转发|转载|转自|代发")
_SOURCE = re.compile(r"来源|来自|出处|原文|原发布")


def online_job_adverts_required_elements(reading: Reading) -> list[Finding]:
    """用人单位基本情况、招聘人数、招聘条件、工作内容、工作地点、基本劳动报酬等要素，应标注有效期限.

    人社厅发〔2025〕60号 for job adverts on line; and 转发招聘信息的，需严格标注信息来源.
    """
    if reading.advert_type != AdvertType.JOB:
        return []
    if not reading.type_given and not _HIRING_VERBS.search(reading.folded):
        return []
    found = []
    missing = [str(label) for label, p in _ELEMENT_PATTERNS if not p.search(reading.folded)]
    if missing:
        found.append(
            Finding(
                code="missing_required_elements",
                category=_CONTENT,
                start=0,
                end=0,
                quote="",
                sentence="",
                message=_("招聘信息缺少必备要素：%(m)s。") % {"m": _("、").join(missing)},
                rule=doc.ONLINE_ADVERTS_ELEMENTS_TEXT,
                document=doc.ONLINE_ADVERTS_DOCUMENT,
                confidence=Confidence.MEDIUM,
                report_type="other",
            )
        )
    repost = first(_REPOST, reading.folded)
    if repost is not None and not _SOURCE.search(reading.folded):
        found.append(
            reading.finding(
                repost.start(),
                repost.end(),
                code="repost_without_source",
                category=_CONTENT,
                message=_("转发的招聘信息没有标注信息来源。"),
                rule=doc.ONLINE_ADVERTS_REPOST_TEXT,
                document=doc.ONLINE_ADVERTS_DOCUMENT,
                confidence=Confidence.MEDIUM,
                report_type="other",
            )
        )
    return found
