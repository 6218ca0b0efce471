"""The append-only adjustment log and the drafts that maintainers review before it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.append_only import AppendOnly, AppendOnlyQuerySet

from .choices import Action, Category, Kind
from .editions import Edition
from .qualifications import CancellationBatch, Department, Qualification


class AdjustmentQuerySet(AppendOnlyQuerySet):
    def groups(self) -> "AdjustmentQuerySet":
        """Changes to a whole group of items (e.g. 73 skilled items leaving in 2021)."""
        return self.filter(qualification__isnull=True)

    def between(self, older: "Edition", newer: "Edition") -> "AdjustmentQuerySet":
        """Recorded with an edition after ``older``, up to and including ``newer``."""
        return self.filter(edition__year__gt=older.year, edition__year__lte=newer.year)


class Adjustment(AppendOnly):
    """One entry of the append-only adjustment log (目录动态调整记录)."""

    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("职业资格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
        help_text=_("为空表示成组调整（如 73 项技能人员水平评价类资格退出目录）。"),
    )
    action = models.CharField(_("调整类型"), max_length=20, choices=Action.choices)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    document = models.CharField(_("批准文件"), max_length=120, blank=True)
    reason = models.TextField(_("原因或说明"), blank=True)
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("所涉版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    batch = models.ForeignKey(
        CancellationBatch,
        verbose_name=_("国务院取消批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    source = models.TextField(_("来源"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    # Written when the entry is inserted; the log is never updated afterwards.
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("调整记录")
        verbose_name_plural = _("调整记录")
        ordering = ["effective_on", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=Action.values), name="adjustment_action_valid"
            ),
            models.CheckConstraint(
                condition=Q(qualification__isnull=False) | Q(action=Action.GROUP_REMOVED),
                name="adjustment_names_its_qualification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effective_on or '—'} {self.get_action_display()}"


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


DRAFT_ACTIONS = [(a.value, a.label) for a in Action if a != Action.GROUP_REMOVED]


class DraftAdjustmentQuerySet(models.QuerySet):
    def pending(self) -> "DraftAdjustmentQuerySet":
        return self.filter(status=DraftStatus.DRAFT)


class DraftAdjustment(models.Model):
    """A proposed adjustment, waiting for a second maintainer to review and publish it.

    Drafts change nothing in the catalogue: the proposed values live here until
    publication applies them through the catalogue services, which write the log.
    """

    action = models.CharField(_("调整类型"), max_length=20, choices=DRAFT_ACTIONS)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("调整的职业资格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafts",
        help_text=_("新增时留空。"),
    )
    parent = models.ForeignKey(
        Qualification,
        verbose_name=_("所属职业资格（新增子项时）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("名称"), max_length=120, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    category = models.CharField(_("类别"), max_length=24, choices=Category.choices, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("实施部门"), blank=True, related_name="+"
    )
    legal_basis = models.TextField(_("设定依据"), blank=True)
    remarks = models.TextField(_("备注"), blank=True)
    successor = models.ForeignKey(
        Qualification,
        verbose_name=_("承接的职业资格（退出时，可选）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    successor_equivalent = models.BooleanField(_("与承接资格等效"), null=True, blank=True)
    reason = models.TextField(_("调整原因或说明"))
    status = models.CharField(
        _("状态"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    document = models.CharField(_("批准文件"), max_length=120, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = DraftAdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("调整草稿")
        verbose_name_plural = _("调整草稿")
        ordering = ["-drafted_at", "-id"]
        permissions = [("publish_draftadjustment", _("Can review and publish an adjustment"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=[value for value, _label in DRAFT_ACTIONS]),
                name="draft_action_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DraftStatus.values), name="draft_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=DraftStatus.PUBLISHED)
                | (
                    Q(published_by__isnull=False, approved_on__isnull=False)
                    & ~Q(document="")
                    & ~Q(published_by=models.F("drafted_by"))
                ),
                name="draft_published_by_a_second_maintainer_with_approval",
            ),
        ]

    def __str__(self) -> str:
        target = self.qualification or self.name
        return f"{self.get_action_display()} {target}"

    @property
    def is_pending(self) -> bool:
        return self.status == DraftStatus.DRAFT
