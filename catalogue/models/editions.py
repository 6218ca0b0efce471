"""Editions of the catalogue as officially published, and their numbered entries."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Category, Kind
from .qualifications import Qualification


class Edition(models.Model):
    """An edition of the catalogue as officially published, e.g. 2017 (140 items)."""

    year = models.PositiveSmallIntegerField(_("版本年份"), unique=True)
    title = models.CharField(_("标题"), max_length=120)
    announced_on = models.DateField(_("公布日期"), null=True, blank=True)
    announcing_document = models.CharField(_("公布文号"), max_length=60, blank=True)
    announcing_notice = models.ForeignKey(
        "notices.Notice",
        verbose_name=_("公布通知"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions",
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
    source = models.TextField(_("来源"), blank=True)
    note = models.TextField(_("研究说明"), blank=True)

    class Meta:
        verbose_name = _("目录版本")
        verbose_name_plural = _("目录版本")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class EditionEntryQuerySet(models.QuerySet):
    def items(self) -> "EditionEntryQuerySet":
        return self.filter(qualification__parent__isnull=True)

    def in_order(self) -> "EditionEntryQuerySet":
        """As the edition lists them: by number, then as loaded (2017 has no numbers)."""
        return self.select_related("qualification", "qualification__parent").order_by(
            "category", models.F("seq").asc(nulls_last=True), "id"
        )

    def tally(self) -> dict[tuple[str, str], int]:
        """How many entries of each (category, kind) these are."""
        rows = self.order_by().values_list("category", "kind").annotate(n=models.Count("id"))
        return {(category, kind): n for category, kind, n in rows}


class EditionEntry(models.Model):
    """A qualification as one edition lists it (its number, name, category and kind)."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="entries")
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="entries"
    )
    seq = models.PositiveSmallIntegerField(_("序号"), null=True, blank=True)
    name = models.CharField(_("本版名称"), max_length=120)
    category = models.CharField(_("类别"), max_length=24, choices=Category.choices, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, blank=True)
    departments = models.TextField(_("实施部门（原文）"), blank=True)
    legal_basis = models.TextField(_("设定依据（原文）"), blank=True)
    remarks = models.TextField(_("备注"), blank=True)
    verified = models.BooleanField(_("已核对官方目录"), default=False)
    source = models.TextField(_("来源"), blank=True)
    verification = models.CharField(_("核实程度"), max_length=24, blank=True)
    note = models.TextField(_("研究说明"), blank=True)

    objects = EditionEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录条目")
        verbose_name_plural = _("目录条目")
        ordering = ["edition", "category", "seq", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "qualification"], name="edition_entry_unique_qualification"
            ),
            models.UniqueConstraint(
                # 2021 numbers each category from 1 (data/SOURCES.md).
                fields=["edition", "category", "seq"],
                condition=Q(seq__isnull=False),
                name="edition_entry_unique_category_seq",
            ),
            models.CheckConstraint(
                condition=Q(category="") | Q(category__in=Category.values),
                name="edition_entry_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=Kind.values), name="edition_entry_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition.year} {self.seq or '—'} {self.name}"

    @property
    def reconstructed(self) -> bool:
        return self.verification == "reconstructed"
