"""The plain words of a certificate check: reasons, warnings and next steps.

Shared by the check page, the API, the bulk check and catalogue search. The wordings follow
research/certificates.md §6; each warning names the rule it rests on.
"""

import re

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Qualification, Status
from catalogue.text import normalise

from .kinds import CertificateKind
from .matching import core
from .rules import RULE_6_DOCUMENT, SKILL_LEVEL_DOCUMENT
from .verdicts import Verdict

WHICH_ONE = gettext_lazy("证书上印的是哪一种？")
WHICH_NAME = gettext_lazy("名称无法确定匹配。证书上印的是下面哪一个名称？")
# The same question after a reason that has already said the name cannot be matched.
WHICH_NAME_AFTER_REASON = gettext_lazy("证书上印的是下面哪一个名称？")
WHICH_QUALIFICATION = gettext_lazy(
    "证书上印的是哪一项职业资格？请按证书上印的完整中文名称查验：本站数据只收录职业资格的中文名称，"
    "不能据英文缩写或笼统的名称作判断。"
)
VERIFY_NOTE = gettext_lazy(
    "查询免费，不受地域限制。仿冒的查询网站曾被关停：只在下列官方网址查询，"
    "不要使用证书上另印的网址。查不到不等于证书为假（新发证书可能尚未上传）。"
)
ONLY_ACCESS = gettext_lazy("只有准入类职业资格才必须持证上岗。")
SKILL_LEVEL_RULE = "人社部发〔2019〕90号；人社鉴发〔2021〕1号"


# Sentences joined without a space read well in Chinese only: "…certified.Our data".
_SENTENCE_GAP = re.compile(r"(?<=[.?!])(?=[A-Z(“])")


def explain(result, snap) -> None:
    """Set the reason and the one next step of a result."""
    result.reason = _SENTENCE_GAP.sub(" ", _reason(result, snap) + _rests_on_text(result))
    result.next_step = _next_step(result)


def _reason(result, snap) -> str:
    kind = result.certificate_kind
    if result.options:
        return _colloquial_reason(result)
    if kind == CertificateKind.SKILL_LEVEL:
        return _(
            "职业技能等级证书（社会化评价），不属于《国家职业资格目录》中的职业资格，不是上岗许可；"
            "由已备案评价机构在备案职业范围内颁发的，可在技能人才评价证书全国联网查询核验，"
            "并按规定享受与职业资格证书同等的政策待遇。"
        )
    if kind == CertificateKind.SPECIAL_ABILITY:
        return _(
            "专项职业能力证书证明单项技能，不分等级，不属于职业资格或职业技能等级；请向发证省份核验。"
        )
    if kind == CertificateKind.OCCUPATION:
        return _(
            "“%(n)s”对应的是%(y)s年公布的新职业“%(o)s”，是《职业分类大典》或新职业公告中的职业，"
            "不是国家职业资格；其职业技能等级证书仅在已备案机构的备案范围内有效。"
        ) % {"n": result.name, "o": result.occupation, "y": result.rests_on.get("announced", "")}
    if result.verdict == Verdict.RETIRED:
        return _retired_reason(result)
    if result.verdict == Verdict.UNCERTAIN and result.licence_scope_unknown:
        return _(
            "本站数据没有列出特种作业、特种设备作业和建筑施工特种作业的具体作业项目，"
            "不能排除“%(n)s”是其中一种准入类许可证书，也不能确认。"
        ) % {"n": result.name} + str(result.question)
    if result.verdict == Verdict.UNCERTAIN and result.retired_candidates:
        return _("名称无法确定匹配，本站不作判断。相近的已退出或取消的名称：%(list)s。") % {
            "list": "、".join(result.retired_candidates)
        } + _question(result)
    if result.verdict == Verdict.UNCERTAIN and any(c.law for c in result.candidates):
        return _profession_reason(result) + _question(result)
    if result.verdict == Verdict.UNCERTAIN:
        return _("名称无法确定匹配，本站不作判断。") + _question(result)
    if result.verdict == Verdict.NOT_NATIONAL:
        return _not_national_reason(result, snap)
    return _other_name(result) + _listed_reason(result)


def _question(result) -> str:
    """The question, without saying twice that the name cannot be matched."""
    if str(result.question) == str(WHICH_NAME):
        return str(WHICH_NAME_AFTER_REASON)
    return str(result.question)


def _profession_reason(result) -> str:
    """A profession whose law an item rests on (律师执业证书 and 法律职业资格)."""
    c = next(c for c in result.candidates if c.law)
    values = {"n": result.name, "q": display_name(c.qualification), "law": c.law}
    return (
        _(
            "“%(q)s”的设定依据包括%(law)s：“%(n)s”可能以该职业资格为前提，"
            "但不是目录中的名称，本站不作判断。"
        )
        % values
    )


def _colloquial_reason(result) -> str:
    values = {"n": result.name, "list": "；".join(o.certificate for o in result.options)}
    if not any(o.licenses_work for o in result.options):
        return _("“%(n)s”可能指几种不同证书：%(list)s。这些证书都不是上岗许可。") % values
    return _("“%(n)s”可能指几种不同证书：%(list)s。能否上岗取决于该作业所需的许可证书。") % values


def _other_name(result) -> str:
    if result.match_method not in ("alias", "edition_name"):
        return ""
    return _("“%(old)s”是目录中“%(q)s”的别名或旧称。") % {
        "old": result.name,
        "q": display_name(result.qualification),
    }


def _edition_title(result, snap=None) -> str:
    year = result.rests_on.get("edition")
    return _("《国家职业资格目录（%(y)s年版）》") % {"y": year} if year else _("国家职业资格目录")


def _listed_reason(result) -> str:
    values = {"q": display_name(result.qualification), "e": _edition_title(result)}
    if result.certificate_kind == CertificateKind.LICENCE:
        return (
            _(
                "“%(q)s”属于%(e)s中的准入类技能人员职业资格（行政许可），从事该作业依法须持证。"
                "请在官方平台核验，并注意复审或有效日期。"
            )
            % values
        )
    if result.verdict == Verdict.ACCESS:
        return (
            _(
                "“%(q)s”属于%(e)s准入类职业资格，从事该职业依法须取得此证书。请到实施部门官方网站核验证书。"
            )
            % values
        )
    return _("“%(q)s”属于%(e)s中的水平评价类职业资格，证明能力水平，不是上岗许可。") % values + str(
        ONLY_ACCESS
    )


def _retired_reason(result) -> str:
    validity = result.validity or {}
    left_on = validity.get("left_on")
    date_text = left_on.isoformat() if left_on else _("日期不详")
    if result.retired_name is not None:
        return _retired_name_reason(result, date_text)
    q = result.qualification
    values = {"q": display_name(q), "d": date_text}
    if validity.get("issued_while_listed") is False:
        return (
            _(
                "“%(q)s”已于%(d)s退出目录，此后政府不再颁发该职业资格证书；发证日期晚于退出时间的证书存疑。"
            )
            % values
        )
    if validity.get("certificates_issued_before"):
        text = (
            _(
                "“%(q)s”已于%(d)s退出目录（最迟日期）。退出前已发放的证书继续有效，"
                "可作为持证人职业能力水平的证明；现行评价为职业技能等级认定。"
            )
            % values
        )
        if result.issued_on is None:
            text += _("请核对证书的发证日期：晚于退出时间的职业资格证书存疑。")
        elif validity.get("issued_while_listed") is None:
            text += _("该发证日期在2020年分批退出期间，本站数据不能确定它是否早于退出时间。")
        return text + str(ONLY_ACCESS)
    item = q.parent if q.parent_id and not q.is_retired else q
    if item.retirement_batch_id:
        return retirement_text(q)
    return _("“%(q)s”自%(d)s起不再是国家职业资格；已发证书的效力请向原发证部门核实。") % values


def _retired_name_reason(result, date_text: str) -> str:
    row = result.retired_name
    values = {"q": result.name, "d": date_text, "doc": row.document or _("文件不详")}
    if row.batch:
        text = _(
            "“%(q)s”已被国务院第%(b)s批取消职业资格许可和认定事项（%(d)s，%(doc)s），不再是国家职业资格。"
        ) % {
            **values,
            "b": row.batch,
        }
    else:
        text = (
            _("“%(q)s”不在国家职业资格目录中或已退出（%(d)s，依据：%(doc)s），不再是国家职业资格。")
            % values
        )
    issued = _chinese_part(row.certificates_issued_before)
    if issued:
        text += _("资料称此前已发放的证书：%(s)s。") % {"s": issued}
    else:
        text += _("资料未说明此前已发证书的效力，请向原发证机构核实。")
    return text + _("目录之外一律不得许可和认定职业资格。")


def _chinese_part(text: str) -> str:
    """'remain valid (已发放…继续有效)' → the Chinese words the source quotes."""
    if "（" in text or "(" in text:
        inner = text.replace("（", "(").split("(", 1)[1].rstrip(")）")
        return inner
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else ""


def _not_national_reason(result, snap) -> str:
    text = _(
        "不属于国家职业资格（未列入2017年或2021年版目录）。目录之外一律不得许可和认定职业资格。"
    )
    return text + coverage_text(snap) + _grades_gap_text(result, snap)


# The titles of professional-technical grades end so (主管护师, 经济师, 助理会计师, 护士).
_TITLE_ENDINGS = ("师", "士")
_GRADED_ITEM = "专业技术资格"


def _grades_gap_text(result, snap) -> str:
    """What the data does not list: the grades and specialities of the catalogue's graded
    professional-technical items, whose titles a name ending 师/士 may be."""
    if not core(normalise(result.name)).endswith(_TITLE_ENDINGS):
        return ""
    graded = [
        q.name
        for q in snap.qualifications.values()
        if q.parent_id is None and q.status != Status.RETIRED and q.name.endswith(_GRADED_ITEM)
    ]
    if not graded:
        return ""
    return _(
        "如果这是%(list)s中某一级别或专业的名称（这类名称常以“师”或“士”结尾），"
        "请按该项资格查验：本站数据没有列出这些级别和专业的名称。"
    ) % {"list": "、".join(graded)}


def coverage_text(snap) -> str:
    """What the data covers, edition by edition, so that a 'not national' is read as far
    as it goes: every edition the verdict rests on ("未列入2017年或2021年版目录") is named with
    its official total, the rows held and how many of them are reconstructed."""
    if snap.current_edition is None:
        return ""
    held = []
    for edition in snap.editions:
        rows, reconstructed = snap.holdings[edition.pk]
        held.append(
            _("%(y)s年版目录官方共%(t)s项，本站收录%(n)s行（其中%(r)s行据公开资料重建）")
            % {"y": edition.year, "t": edition.official_total, "n": rows, "r": reconstructed}
        )
    return (
        _("本站数据：")
        + _("；").join(held)
        + _("；")
        + _(
            "2014—2016年国务院分七批取消的职业资格只有部分有名称，"
            "因此不能排除它曾是已取消的职业资格。"
        )
    )


def _rests_on_text(result) -> str:
    level = result.rests_on.get("verification", "")
    if result.rests_on.get("reconstructed"):
        return _("（该结论依据的目录条目据公开资料重建，分组与名称为推断。）")
    if level in ("secondary", "secondary-corroborated"):
        return _("（该结论依据的数据来自二手资料，尚未与官方目录表核对。）")
    return ""


def _next_step(result) -> str:
    if result.options:
        return _("请选择证书上印的那一种，查看它是否可以上岗以及在哪里核验。")
    if result.forbidden_wording:
        return _("该证书涉嫌违规使用禁用字样，可以举报。")
    if result.verdict == Verdict.UNCERTAIN:
        return _("请按证书上印的完整名称重新查验，或从下面的候选名称中选择。")
    if result.verify_at:
        first = result.verify_at[0]
        return _("请到“%(s)s”（%(u)s）核验这张证书。") % {"s": first["name"], "u": first["url"]}
    if result.certificate_kind == CertificateKind.SPECIAL_ABILITY:
        return _("请向发证省份的职业技能鉴定中心核验。")
    return _("如有人以此证书作为职业资格发证或要求持证上岗，可以举报。")


# ---- warnings ------------------------------------------------------------------------


def _warning(code: str, message: str, rule: str, source: str = "", words=()):
    from .checking import Warning

    return Warning(code, message, rule, source, list(words))


def forbidden_wording_warning(result, in_name, in_issuer):
    rows = [*in_name, *in_issuer]
    found = list(dict.fromkeys(r.text.split("（")[0] for r in rows))
    words = "”“".join(found)
    documents = "；".join(dict.fromkeys(r.document for r in rows))
    message = _("该证书使用了“%(w)s”字样，非政府机构颁发的证书不得使用，涉嫌违规，可以举报。") % {
        "w": words
    }
    rule = documents or RULE_6_DOCUMENT
    return _warning("forbidden_wording", message, rule, rows[0].source, found)


def issuer_warning(result, departments: list[str]):
    message = _(
        "发证机构“%(i)s”不是“%(q)s”的实施部门（%(d)s）。该职业资格证书应由实施部门颁发，请向实施部门核实。"
    ) % {"i": result.issuer, "q": display_name(result.item), "d": "、".join(departments)}
    entry = _entry_source(result)
    return _warning(
        "issuer_not_department", message, _("国家职业资格目录（2021年版）实施部门（单位）"), entry
    )


def issuer_not_government_warning(result):
    message = _(
        "发证机构“%(i)s”看来不是政府部门。“%(q)s”是国家职业资格，应由政府实施部门颁发；"
        "行业协会、企业等自行开展的评价不得作为职业资格许可或认定。"
    ) % {"i": result.issuer, "q": display_name(result.item)}
    return _warning("issuer_not_department", message, RULE_6_DOCUMENT, _entry_source(result))


def skill_level_access_warning(result, licence: str):
    message = _("职业技能等级证书不能代替准入类职业资格（%(l)s），从事该作业须另行取得。") % {
        "l": licence
    }
    return _warning("skill_level_for_access_occupation", message, SKILL_LEVEL_RULE)


def skill_level_title_warning(result):
    message = _(
        "职业技能等级证书的名称应统一使用“职业技能等级证书”；名称是“%(n)s”的证书存疑，请核对证书原件。"
    ) % {"n": result.name}
    return _warning("skill_level_title", message, SKILL_LEVEL_DOCUMENT)


def special_ability_warning(result):
    message = _(
        "专项职业能力的名称不能与工种或职业名称雷同，名称后不能有“工”“员”或“师”；"
        "“%(t)s”这样的专项职业能力证书存疑。"
    ) % {"t": result.occupation}
    return _warning("special_ability_title", message, _("专项职业能力考核规范命名要求"))


def number_warning(result, problems: list[str]):
    message = _(
        "证书编号“%(n)s”不符合职业技能等级证书编码规则（一个大写字母Y或S加21位数字，"
        "含省份代码、发证年份和等级）；该规则只见于转载，仅作提示，不能据此认定真伪。"
    ) % {"n": result.number}
    return _warning("number_structure", message, "人社鉴发〔2019〕2号")


def issued_after_exit_warning(result, retired: Qualification | None):
    left_on = (result.validity or {}).get("left_on") or (
        retired.retired_on
        if retired
        else (result.retired_name.left_on if result.retired_name else None)
    )
    message = _(
        "发证日期%(i)s晚于该职业资格退出目录的日期%(d)s；此后政府不再颁发该职业资格证书，这张证书存疑。"
    ) % {"i": result.issued_on.isoformat(), "d": left_on.isoformat() if left_on else "?"}
    document = retired.retirement_document if retired else result.retired_name.document
    return _warning("issued_after_exit", message, document)


def _entry_source(result) -> str:
    q = result.item
    return q.source if q is not None else ""


def departments_of(q: Qualification) -> list[str]:
    own = [d.name for d in q.departments.all()]
    if own or q.parent is None:
        return own
    return [d.name for d in q.parent.departments.all()]


def registry_service() -> dict:
    return {
        "name": _("本平台证书查验"),
        "url": reverse("certificates:verify"),
        "what_to_enter": _("证书编号、持证人姓名"),
    }


def display_name(q: Qualification | None) -> str:
    if q is None:
        return ""
    return str(q) if q.name else _("（名称不详的目录项目）")


def retirement_text(qualification: Qualification) -> str:
    """When and by what a qualification (or the item it belongs to) left the catalogue."""
    q = qualification if qualification.is_retired else qualification.parent
    parts = [_("“%(q)s”已退出目录或被取消，不再是国家职业资格。") % {"q": qualification}]
    if q.retired_on:
        parts.append(_("日期：%(d)s。") % {"d": q.retired_on.isoformat()})
    basis = q.retirement_document or _batch_text(q)
    if basis:
        parts.append(_("依据：%(doc)s。") % {"doc": basis})
    if q.retirement_reason and q.retirement_reason not in basis:
        parts.append(_("说明：%(r)s。") % {"r": q.retirement_reason.rstrip("。")})
    if q.successor_id:
        parts.append(_("由“%(s)s”承接。") % {"s": q.successor})
    return "".join(parts)


def _batch_text(q: Qualification) -> str:
    batch = q.retirement_batch
    if batch is None:
        return ""
    text = _("国务院第%(n)s批取消职业资格许可和认定事项（%(d)s）") % {
        "n": batch.number,
        "d": batch.date.isoformat() if batch.date else _("日期不详"),
    }
    return f"{text} {batch.document}".strip()
