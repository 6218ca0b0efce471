"""Proposed changes that a second maintainer reviews before anything public changes: an
official table's row-by-row change set, and a new edition's publication."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .editions import Edition


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("已退回")


class Reviewed(models.Model):
    """Who proposed, who reviewed, and why it was sent back."""

    status = models.CharField(
        _("状态"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回原因"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED

    @classmethod
    def review_constraints(cls, prefix: str) -> list[models.CheckConstraint]:
        reviewed = Q(reviewed_by__isnull=False) & ~Q(reviewed_by=models.F("submitted_by"))
        return [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name=f"{prefix}_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.SUBMITTED) | reviewed,
                name=f"{prefix}_reviewed_by_a_second_maintainer",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.RETURNED) | ~Q(return_reason=""),
                name=f"{prefix}_returned_with_a_reason",
            ),
        ]


class TableChangeSet(Reviewed):
    """An uploaded official table, as a proposed change set of the edition it belongs to."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("目录版本"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.CharField(_("官方目录表的文件"), max_length=120)
    filename = models.CharField(_("文件名"), max_length=200)
    data = models.BinaryField(_("文件内容"))
    from_portal_export = models.BooleanField(_("本平台导出的表"), default=False)
    counts = models.JSONField(_("提交时的预览"), default=dict, blank=True)
    attested = models.BooleanField(_("审核人确认为官方目录表"), default=False)

    class Meta:
        verbose_name = _("官方目录表变更")
        verbose_name_plural = _("官方目录表变更")
        ordering = ["-submitted_at", "-id"]
        constraints = Reviewed.review_constraints("table_change_set")

    def __str__(self) -> str:
        return f"{self.edition} · {self.document}"


class EditionProposal(Reviewed):
    """A new edition, proposed from the catalogue as it stands, with the official totals the
    maintainer read in the announcing notice."""

    year = models.PositiveSmallIntegerField(_("版本年份"))
    title = models.CharField(_("标题"), max_length=120)
    notice = models.ForeignKey(
        "notices.Notice", verbose_name=_("公布通知"), on_delete=models.PROTECT, related_name="+"
    )
    official_total = models.PositiveSmallIntegerField(_("官方总数"))
    official_pt_access = models.PositiveSmallIntegerField(
        _("官方：专业技术准入类"), null=True, blank=True
    )
    official_pt_level = models.PositiveSmallIntegerField(
        _("官方：专业技术水平评价类"), null=True, blank=True
    )
    official_skilled_access = models.PositiveSmallIntegerField(
        _("官方：技能准入类"), null=True, blank=True
    )
    official_skilled_level = models.PositiveSmallIntegerField(
        _("官方：技能水平评价类"), null=True, blank=True
    )
    official_skilled_total = models.PositiveSmallIntegerField(
        _("官方：技能人员合计"), null=True, blank=True
    )
    edition = models.OneToOneField(
        Edition,
        verbose_name=_("发布的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("新版本目录提议")
        verbose_name_plural = _("新版本目录提议")
        ordering = ["-submitted_at", "-id"]
        constraints = Reviewed.review_constraints("edition_proposal")

    def __str__(self) -> str:
        return self.title
