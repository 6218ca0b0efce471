"""The rules every write to the certificate registry obeys, on every path.

Each rule returns a :class:`Problem` (a code and the values of its message) or None. The
loader turns a problem into a rejected row with its line; the single-certificate services
turn it into a ValidationError. Messages are Chinese, translated at display time.
"""

import datetime
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from .models import CertificateStatus

MESSAGES = {
    "columns": _("应为 %(expected)s 列，实有 %(given)s 列"),
    "unreadable": _("无法读取此行：%(detail)s"),
    "field_too_long": _("此行有字段超过 %(limit)s 个字符，无法读取"),
    "control_character": _("含有控制字符（如 NUL 字节），不是文本"),
    "encoding": _("不是有效的 UTF-8 文本（文件可能是 GBK 等其他编码）"),
    "number": _("证书编号“%(number)s”为空、过长或含有不允许的字符"),
    "holder_name": _("持证人姓名为空或超过 100 个字符"),
    "issuer": _("发证机构为空或超过 200 个字符"),
    "identity_number": _("身份证件号码应为 6 至 40 位字母或数字"),
    "issued_on": _("发证日期“%(value)s”不是 YYYY-MM-DD 格式的日期"),
    "future": _("发证日期 %(value)s 晚于今天"),
    "status": _("状态“%(value)s”无效，应为 valid、revoked 或 expired"),
    "qualification": _("未知的职业资格“%(value)s”（请用目录编号或准确名称）"),
    "not_registrar": _("您不是“%(issuer)s”的登记员，不能导入、修改或撤销其证书"),
    "issued_after_retirement": _(
        "发证日期 %(issued_on)s 晚于该职业资格退出国家职业资格目录的日期 %(retired_on)s"
        "%(document)s：目录之外不得认定职业资格"
    ),
    "revoked_is_final": _("证书 %(number)s 已撤销，不能改为“%(status)s”"),
    "duplicate": _("证书编号 %(number)s 在本文件第 %(other)s 行也出现（同一文件中编号重复）"),
    "number_key": _("证书编号“%(number)s”去掉空格和连字符后为空或超过 64 个字符"),
    "number_clash": _(
        "证书编号“%(number)s”与本机构已有的证书“%(other)s”只差大小写、全半角或连字符，"
        "按同一编号处理：请修改已有证书，不要新增"
    ),
}


class Problem(NamedTuple):
    code: str
    params: dict

    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params


def registrar_acts_for_issuer(issuer: str, issuers: set[str] | None) -> Problem | None:
    """A registrar loads, changes or revokes only the certificates of their issuing bodies.

    Least privilege: a certificate speaks for its issuer, so only that issuer's registrars
    may write it (``issuers`` None: a superuser, who may write any).
    """
    if issuers is None or issuer in issuers:
        return None
    return Problem("not_registrar", {"issuer": issuer})


def issued_within_the_catalogue(
    issued_on: datetime.date, retired_on: datetime.date | None, document: str, still_issued: bool
) -> Problem | None:
    """目录之外一律不得许可和认定职业资格 (人社部发〔2017〕68号).

    A certificate dated after its qualification left the catalogue was certified outside
    it, unless the catalogue says the qualification continues under an equivalent
    successor (``still_issued``).
    """
    if retired_on is None or still_issued or issued_on <= retired_on:
        return None
    params = {"issued_on": issued_on.isoformat(), "retired_on": retired_on.isoformat()}
    return Problem(
        "issued_after_retirement", params | {"document": f"（{document}）" if document else ""}
    )


def number_has_a_key(number: str, key: str) -> Problem | None:
    """A number must keep something once case, width, spaces and hyphens are folded away."""
    if key and len(key) <= 64:
        return None
    return Problem("number_key", {"number": number[:64]})


def number_unique_per_issuer(number: str, clashing: str | None) -> Problem | None:
    """One issuer never gives the same number twice, however the number is spelled.

    ``clashing`` is the stored number of another certificate of the issuer with the same
    key ("CPA-2020-1" for "cpa20201"), or None.
    """
    if clashing is None:
        return None
    return Problem("number_clash", {"number": number, "other": clashing})


def revocation_is_final(number: str, before: str, after: str) -> Problem | None:
    """A revoked certificate stays revoked: it is never set back to valid or expired.

    A certificate revoked in error is replaced by a newly issued one with a new number.
    """
    if before != CertificateStatus.REVOKED or after == CertificateStatus.REVOKED:
        return None
    return Problem("revoked_is_final", {"number": number, "status": after})
