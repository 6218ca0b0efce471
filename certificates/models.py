"""Certificates issued to individual holders, loaded in bulk by the issuing bodies.

A certificate is identified by its issuing body and its number: the number is assigned by
the issuer, so one issuer never gives the same number twice, and reloading a corrected file
updates the row (even its qualification) instead of adding a second one. The number is kept
as the issuer printed it (``number``, shown and exported) and as its normalised key
(``number_key``, numbers.certificate_number_normalise): uniqueness, the loader's upsert and
verification all go by the key, so "cpa-2020-000123" finds "CPA-2020-000123". The holder's
identity number is kept only as a keyed hash (HMAC), never in clear.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from catalogue.models import Qualification
from portal.append_only import AppendOnly, AppendOnlyQuerySet

from .numbers import certificate_number_normalise


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("已撤销")
    EXPIRED = "expired", _("已过期")


class RevisionAction(models.TextChoices):
    CREATED = "created", _("新增")
    CHANGED = "changed", _("修改")


def private_storage() -> FileSystemStorage:
    """Uploaded files hold holders' names: kept outside any served directory."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class IssuedCertificateQuerySet(models.QuerySet):
    def numbered(self, number: str) -> "IssuedCertificateQuerySet":
        """Certificates carrying this number however it is typed (several issuers may use it).

        The one lookup by number: one exact match on the normalised key, which on
        PostgreSQL is also the partition key, so it reads one partition's index.
        """
        # No ordering and one join: this is the hot path of verification.
        key = certificate_number_normalise(number)
        return self.filter(number_key=key).order_by().select_related("qualification")

    def of_issuers(self, issuers: set[str] | None) -> "IssuedCertificateQuerySet":
        """Certificates of these issuers; None means every issuer (a superuser)."""
        return self if issuers is None else self.filter(issuer__in=issuers)

    def of_qualification(self, qualification: Qualification) -> "IssuedCertificateQuerySet":
        return self.filter(qualification=qualification)


class NumberKeyField(models.CharField):
    """The normalised number, derived from ``number`` on every ORM write (as auto_now is).

    save(), objects.create() and bulk_create() all call pre_save, so no path that writes
    through the ORM can store a key that disagrees with its number; the bulk loader's SQL
    computes the same function in Python (bulk.py).
    """

    def pre_save(self, model_instance, add):
        key = certificate_number_normalise(model_instance.number)
        setattr(model_instance, self.attname, key)
        return key


class IssuedCertificate(models.Model):
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("职业资格"),
        on_delete=models.PROTECT,
        related_name="issued_certificates",
    )
    number = models.CharField(_("证书编号"), max_length=64)
    number_key = NumberKeyField(_("证书编号（规范化）"), max_length=64, editable=False)
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
            # The key first: the same index serves verification, which looks up by key. Two
            # spellings of one number ("CPA-1", "cpa1") are one certificate of an issuer.
            models.UniqueConstraint(
                fields=["number_key", "issuer"], name="issued_certificate_number_key_per_issuer"
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


class IssuingBody(models.Model):
    """A body that issues certificates, and the registrars who load them for it.

    The name is the text of IssuedCertificate.issuer exactly: a registrar may load, change
    or revoke only certificates whose issuer is one of their bodies.
    """

    name = models.CharField(_("名称"), max_length=200, unique=True)
    registrars = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记员"),
        blank=True,
        related_name="issuing_bodies",
    )

    class Meta:
        verbose_name = _("发证机构")
        verbose_name_plural = _("发证机构")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LoadStatus(models.TextChoices):
    VALIDATING = "validating", _("校验中")
    VALIDATED = "validated", _("待确认")
    LOADING = "loading", _("导入中")
    LOADED = "loaded", _("已导入")
    REFUSED = "refused", _("未导入")
    DISCARDED = "discarded", _("已放弃")


class CertificateLoad(models.Model):
    """One file of certificates: who sent it, when, its report and whether it was loaded."""

    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件 SHA-256"), max_length=64, blank=True)
    file = models.FileField(
        _("文件"), storage=private_storage, upload_to="certificate-loads/", blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="certificate_loads",
    )
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=LoadStatus.choices, default=LoadStatus.VALIDATING
    )
    accepted_errors = models.BooleanField(_("接受错误报告，只导入正确的行"), default=False)
    rows_read = models.PositiveIntegerField(_("读取行数"), default=0)
    rejected = models.PositiveIntegerField(_("拒绝行数"), default=0)
    inserted = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    failure = models.TextField(_("无法读取的原因"), blank=True)

    class Meta:
        verbose_name = _("证书导入")
        verbose_name_plural = _("证书导入")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LoadStatus.values), name="certificate_load_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class LoadProblem(models.Model):
    """A row the load rejected: its line, the rule's code and the values of its message."""

    load = models.ForeignKey(
        CertificateLoad, on_delete=models.CASCADE, db_index=False, related_name="problems"
    )  # indexed by (load, line) below
    line = models.PositiveIntegerField(_("行号"))
    code = models.CharField(_("错误类型"), max_length=40)
    params = models.JSONField(_("参数"), default=dict)

    class Meta:
        verbose_name = _("导入错误")
        verbose_name_plural = _("导入错误")
        ordering = ["load", "line"]
        indexes = [models.Index(fields=["load", "line"])]

    def __str__(self) -> str:
        return f"{self.load_id}:{self.line}"

    def message(self) -> str:
        from .registry_rules import Problem

        return Problem(self.code, self.params).message()


class CertificateRevision(AppendOnly):
    """The values a certificate had before a load or a change wrote it (append-only).

    ``previous_*`` are empty for the revision that created the certificate. The certificate
    is referenced without a database foreign key (the registry is hash-partitioned and its
    primary key is (id, number_key)); number and issuer name it as well. Integrity: the
    revisions are written from the RETURNING of the write itself, the ORM refuses to delete
    a certificate with history (PROTECT), and so does the database (trigger of migration
    0005).
    """

    # Its own index would repeat the (certificate, changed_at) index's first column: one
    # index entry less per revision a load writes (3.9 µs per row instead of 4.5, measured).
    certificate = models.ForeignKey(
        IssuedCertificate,
        verbose_name=_("证书"),
        on_delete=models.PROTECT,
        db_constraint=False,
        db_index=False,
        related_name="revisions",
    )
    number = models.CharField(_("证书编号"), max_length=64)
    issuer = models.CharField(_("发证机构"), max_length=200)
    action = models.CharField(_("操作"), max_length=10, choices=RevisionAction.choices)
    changed_at = models.DateTimeField(_("时间"))
    # No database constraint or index on these three: a load writes one revision per row
    # and each would cost a check at commit; the ORM still protects them (PROTECT).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    load = models.ForeignKey(
        CertificateLoad,
        verbose_name=_("导入文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="revisions",
    )
    previous_qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("原职业资格"),
        null=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    previous_holder_name = models.CharField(_("原持证人姓名"), max_length=100, blank=True)
    previous_holder_identity_hmac = models.CharField(
        _("原身份证件号码散列"), max_length=64, blank=True
    )
    previous_issued_on = models.DateField(_("原发证日期"), null=True)
    previous_status = models.CharField(
        _("原状态"), max_length=10, choices=CertificateStatus.choices, blank=True
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("证书修改记录")
        verbose_name_plural = _("证书修改记录")
        ordering = ["certificate", "changed_at", "id"]
        indexes = [models.Index(fields=["certificate", "changed_at"])]
