"""Certificates issued to individual holders, loaded in bulk by the issuing bodies.

A certificate is identified by its issuing body and its number: the number is assigned by
the issuer, so one issuer never gives the same number twice, and reloading a corrected file
updates the row (even its qualification) instead of adding a second one. The holder's
identity number is kept only as a keyed hash (HMAC), never in clear.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from catalogue.models import Qualification


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("已撤销")
    EXPIRED = "expired", _("已过期")


class IssuedCertificateQuerySet(models.QuerySet):
    def numbered(self, number: str) -> "IssuedCertificateQuerySet":
        """Certificates carrying this number (several issuers may use the same one)."""
        # No ordering and one join: this is the hot path of verification.
        return self.filter(number=number.strip()).order_by().select_related("qualification")

    def of_qualification(self, qualification: Qualification) -> "IssuedCertificateQuerySet":
        return self.filter(qualification=qualification)


class IssuedCertificate(models.Model):
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("职业资格"),
        on_delete=models.PROTECT,
        related_name="issued_certificates",
    )
    number = models.CharField(_("证书编号"), max_length=64)
    holder_name = models.CharField(_("持证人姓名"), max_length=100)
    holder_identity_hmac = models.CharField(
        _("身份证件号码（密钥散列）"),
        max_length=64,
        blank=True,
        help_text=_("只保存 HMAC-SHA256 散列值，不保存证件号码本身。"),
    )
    issuer = models.CharField(_("发证机构"), max_length=200)
    issued_on = models.DateField(_("发证日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = IssuedCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("已发证书")
        verbose_name_plural = _("已发证书")
        ordering = ["issuer", "number"]
        constraints = [
            # number first: the same index serves verification, which looks up by number.
            models.UniqueConstraint(
                fields=["number", "issuer"], name="issued_certificate_number_per_issuer"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CertificateStatus.values),
                name="issued_certificate_status_valid",
            ),
            # A length test, not a regex: it is checked on every row of a bulk load.
            models.CheckConstraint(
                condition=Q(holder_identity_hmac="") | Q(Exact(Length("holder_identity_hmac"), 64)),
                name="issued_certificate_identity_is_a_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.number}"
