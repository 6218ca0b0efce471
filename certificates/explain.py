"""The plain-words reason for a verdict, shared by the check page and the API."""

from django.utils.translation import gettext as _

from catalogue.models import Qualification

from .verdicts import CertificateCheck, Verdict, VerifyAt


def check_reason(check: CertificateCheck) -> str:
    if check.verdict == Verdict.NOT_NATIONAL:
        return _not_national_reason(check)
    return _other_name(check) + _listed_or_retired_reason(check)


def _other_name(check: CertificateCheck) -> str:
    """Say so when the name matched is an old name or an alias, not the current name."""
    if check.match.method not in ("alias", "edition_name"):
        return ""
    text = _("“%(old)s”是目录中“%(q)s”的别名或旧称。")
    return text % {"old": check.match.matched_name, "q": check.qualification}


def _listed_or_retired_reason(check: CertificateCheck) -> str:
    if check.verdict == Verdict.RETIRED:
        return retirement_text(check.qualification)
    edition = check.edition.title if check.edition else _("国家职业资格目录")
    text = {
        Verdict.ACCESS: _(
            "“%(q)s”列于%(e)s，属准入类职业资格：依法从事该职业必须取得，可以作为就业创业的条件。"
        ),
        Verdict.LEVEL_EVALUATION: _(
            "“%(q)s”列于%(e)s，属水平评价类职业资格：证明具有相应专业水平或技能等级，"
            "不得作为就业创业的前置条件。"
        ),
    }[check.verdict]
    return text % {"q": check.qualification, "e": edition}


def _not_national_reason(check: CertificateCheck) -> str:
    text = _(
        "国家职业资格目录中没有“%(name)s”，它不是国家职业资格。目录之外一律不得许可和认定"
        "职业资格；行业协会、企业等可以自行开展能力水平评价并发证，但不得作为资格资质许可"
        "或认定。"
    ) % {"name": check.name}
    if check.candidates:
        text += _("名称无法确定匹配，请看下面最接近的目录名称。")
    if check.current_edition_incomplete:
        text += _("注意：本站现行目录数据尚不完整，未列出的个别项目以官方公布的目录为准。")
    return text


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
        "d": batch.decided_on.isoformat(),
    }
    return f"{text} {batch.document}".strip()


def verification_text(check: CertificateCheck) -> str:
    if check.qualification is None:
        return _("不是国家职业资格，没有官方的证书查验服务。")
    if check.verify_at == VerifyAt.REGISTRY:
        return _("此类证书已载入本平台证书查验库，可凭证书编号和持证人姓名查验。")
    if check.verify_at == VerifyAt.DEPARTMENT:
        return _("个人证书请向实施部门（单位）查验：%(d)s。") % {"d": "、".join(check.departments)}
    return _("个人证书请向该职业资格的实施部门（单位）或其官方查询服务查验。")


def forbidden_wording_text(check: CertificateCheck) -> str:
    words = [*check.wording.in_name, *check.wording.in_issuer]
    return _(
        "该证书不是国家职业资格，却在证书名称或发证机构名称中使用了“%(w)s”字样。"
        "人社部发〔2017〕68号规定（规则六）：社会组织和企事业单位自行开展的能力水平评价"
        "不得变相开展资格资质许可和认定，证书不得使用这些字样和国徽标志。"
    ) % {"w": "”“".join(dict.fromkeys(words))}
