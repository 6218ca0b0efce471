"""The rules' data of version 2 (data/*.csv): exits, cancellations, verification services,
forbidden wording, colloquial names, advert phrases, and each row's verification level.

Every row keeps its English research ``note`` and its ``source``; pages show the source as a
short 来源 line and the note only inside a details element, never as 备注.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .qualifications import CancellationBatch


class Verification(models.TextChoices):
    """How far a data row can be trusted (data/SOURCES.md), strongest first."""

    OFFICIAL = "official", _("官方")
    OFFICIAL_PARTIAL = "official-partial", _("部分官方")
    SECONDARY_CORROBORATED = "secondary-corroborated", _("二手资料互证")
    SECONDARY = "secondary", _("二手资料")
    RECONSTRUCTED = "reconstructed", _("重建")


VERIFICATION_ORDER = [v.value for v in Verification]
RECONSTRUCTED_TEXT = _("据公开资料重建，分组与名称为推断")


def _verification_field():
    return models.CharField(_("核实程度"), max_length=24, choices=Verification.choices, blank=True)


class _SourcedRow(models.Model):
    verification = _verification_field()
    source = models.TextField(_("来源"), blank=True)
    note = models.TextField(_("研究说明"), blank=True)

    class Meta:
        abstract = True


class DataRelease(_SourcedRow):
    """One load of data/: its version (data/VERSION) and when it was loaded."""

    version = models.CharField(_("数据版本"), max_length=20, unique=True)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now=True)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return self.version


class Cancellation(_SourcedRow):
    """An item a State Council cancellation batch (2014–2016) names."""

    batch = models.ForeignKey(
        CancellationBatch, on_delete=models.PROTECT, related_name="cancellations"
    )
    name = models.CharField(_("名称"), max_length=120)
    category = models.CharField(_("类别"), max_length=24, blank=True)
    kind = models.CharField(_("类型"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("取消事项")
        verbose_name_plural = _("取消事项")
        constraints = [
            models.UniqueConstraint(fields=["batch", "name"], name="cancellation_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Exit(_SourcedRow):
    """An exit from the catalogue with its rule and what happens to issued certificates."""

    name = models.CharField(_("名称"), max_length=200)
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    rule = models.TextField(_("规则"), blank=True)
    document = models.CharField(_("文件"), max_length=200, blank=True)
    certificates_issued_before = models.TextField(_("已发证书"), blank=True)

    class Meta:
        verbose_name = _("退出记录")
        verbose_name_plural = _("退出记录")
        constraints = [models.UniqueConstraint(fields=["name", "document"], name="exit_unique")]

    def __str__(self) -> str:
        return self.name


class VerificationService(_SourcedRow):
    """Where a kind of certificate is verified, and what to enter."""

    certificate_kind = models.CharField(_("证书种类"), max_length=120)
    service_name = models.CharField(_("服务名称"), max_length=120, blank=True)
    url = models.CharField(_("网址"), max_length=200)
    what_to_enter = models.CharField(_("需填写"), max_length=200, blank=True)
    run_by = models.CharField(_("主办"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("证书查验服务")
        verbose_name_plural = _("证书查验服务")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_kind", "url"], name="verification_service_unique"
            )
        ]

    def __str__(self) -> str:
        return self.service_name or self.url


class ForbiddenWord(_SourcedRow):
    """A word or mark that certificates (or adverts) of issuers not entitled to it may not use."""

    text = models.CharField(_("字样"), max_length=60)
    applies_to = models.CharField(_("适用于"), max_length=12)
    document = models.CharField(_("文件"), max_length=120)
    since = models.CharField(_("起始"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("禁用字样")
        verbose_name_plural = _("禁用字样")
        constraints = [
            models.UniqueConstraint(
                fields=["text", "applies_to", "document"], name="forbidden_word_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class ColloquialName(_SourcedRow):
    """An everyday certificate name (电工证) and one of the certificates it may mean."""

    colloquial_name = models.CharField(_("俗称"), max_length=40)
    certificate = models.CharField(_("证书"), max_length=120)
    issued_by = models.CharField(_("发证部门"), max_length=120, blank=True)
    licenses_work = models.BooleanField(_("可作为上岗许可"))
    catalogue_item = models.CharField(_("目录项目"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("证书俗称")
        verbose_name_plural = _("证书俗称")
        ordering = ["colloquial_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["colloquial_name", "certificate"], name="colloquial_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.colloquial_name} → {self.certificate}"


class AdvertPhrase(_SourcedRow):
    """A phrase that signals illegal certificate selling or unlawful job-advert content."""

    phrase = models.CharField(_("用语"), max_length=60)
    signals = models.TextField(_("含义"), blank=True)
    document = models.CharField(_("文件"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("广告用语")
        verbose_name_plural = _("广告用语")
        constraints = [
            models.UniqueConstraint(fields=["phrase", "document"], name="advert_phrase_unique")
        ]

    def __str__(self) -> str:
        return self.phrase
