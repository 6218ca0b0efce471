"""Which body handles a finding, and the report form prefilled for it.

The bodies follow the routing table of the fact sheet (research/adverts-and-anchors.md, A7):
unlawful job adverts and 招转培 go to 人社 labour inspection (12333 or 12345); fake certificates
and forbidden wording to the local 人社 channels; tender conditions to the procurement
supervisor (财政); a government body still requiring a cancelled qualification also to the
State Council's 互联网+督查; online accounts to 网信 and the platform.
"""

import re
from functools import cache, lru_cache

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .findings import AdvertType, Category, Finding

# Characters of the quoted sentence passed to the report form (which takes up to 500).
DESCRIPTION_MAX = 300


def handled_by(finding: Finding, advert_type: AdvertType) -> str:
    """The body that handles the finding, named in every case (never just "not ours")."""
    return _handled_by(finding.category, finding.report_type, advert_type, get_language())


@lru_cache(maxsize=256)
def _handled_by(category: Category, report_type: str, advert_type: AdvertType, _language) -> str:
    # One answer per kind of finding and language: a long advert has dozens of findings.
    if advert_type == AdvertType.PROCUREMENT and category == Category.CERTIFICATE_DEMAND:
        return _("政府采购监督管理部门（同级财政部门）")
    if category in (Category.CERTIFICATE_SELLING, Category.FORBIDDEN_WORDING):
        return _(
            "当地人力资源社会保障部门（投诉举报电话、电子邮箱或举报信箱）；"
            "虚假培训广告也可向市场监督管理部门反映"
        )
    if category == Category.JOB_ADVERT_CONTENT:
        return _(
            "当地人力资源社会保障部门劳动保障监察机构（12333 或 12345）；"
            "网上发布的，也可向网信部门和招聘平台举报"
        )
    if advert_type == AdvertType.PUBLIC_RECRUITMENT and report_type == "revived":
        return _("招聘单位的上级主管部门和人力资源社会保障部门；也可向国务院“互联网+督查”反映")
    return _("当地人力资源社会保障部门劳动保障监察机构（12333 或 12345）")


def report_url(finding: Finding, *, organisation: str, region: str) -> str:
    """The public report form, prefilled with the finding's type, organisation, certificate,
    region and the quoted sentence as the description (bounded: a long sentence is cut around
    the quoted words, so the link stays within the proxy's 8 kB request line)."""
    certificate = finding.certificate or {}
    query = {
        "type": finding.report_type,
        "organisation": organisation[:200],
        "qualification_name": (certificate.get("name") or "")[:200],
        "region": region,
        "description": _description(finding),
    }
    query = "&".join(f"{key}={_quoted(value)}" for key, value in query.items() if value)
    return f"{_report_form()}?{query}"


_UNSAFE = re.compile(r"[^A-Za-z0-9_.~-]+")


def _quoted(value: str) -> str:
    """``urllib.parse.quote(value, safe="")``, a run of bytes at a time in C (``bytes.hex``):
    quote works byte by byte in Python, a tenth of a long advert's check with its links."""
    return _UNSAFE.sub(lambda run: "%" + run.group().encode().hex("%").upper(), value)


def _description(finding: Finding) -> str:
    """The finding's sentence, or ≤ DESCRIPTION_MAX characters of it around the quote; for
    a finding without a span (a missing element) what it says is missing."""
    quoted = finding.sentence if finding.end > finding.start else finding.message
    sentence = " ".join(quoted.split())
    if len(sentence) <= DESCRIPTION_MAX:
        return sentence
    at = max(sentence.find(finding.quote[:DESCRIPTION_MAX]), 0)
    start = max(0, min(at - DESCRIPTION_MAX // 3, len(sentence) - DESCRIPTION_MAX + 2))
    cut = sentence[start : start + DESCRIPTION_MAX - 2]
    return ("…" if start else "") + cut + ("…" if start + len(cut) < len(sentence) else "")


@cache
def _report_form() -> str:
    return reverse("enforcement:report-create")
