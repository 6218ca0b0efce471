"""Qualifications, their sub-items, aliases and implementing departments."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..listing import with_related_names
from ..text import normalise, search_key
from .choices import KIND_EXPLAINED, Category, Kind, Status

if TYPE_CHECKING:
    pass


class Department(models.Model):
    """An implementing department or unit (实施部门（单位）)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("实施部门")
        verbose_name_plural = _("实施部门")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CancellationBatch(models.Model):
    """One of the State Council decisions (2014–2016) that cancelled qualifications."""

    number = models.PositiveSmallIntegerField(_("批次"), unique=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    document = models.CharField(_("文件"), max_length=60, blank=True)
    items_cancelled = models.PositiveIntegerField(_("取消事项数"), null=True, blank=True)
    source = models.TextField(_("来源"), blank=True)
    verification = models.CharField(_("核实程度"), max_length=24, blank=True)
    note = models.TextField(_("研究说明"), blank=True)

    class Meta:
        verbose_name = _("国务院取消批次")
        verbose_name_plural = _("国务院取消批次")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("第%(n)s批（%(d)s）") % {"n": self.number, "d": self.date or _("日期不详")}

    @property
    def date(self):
        """The decision's date, else its publication date; None where neither is known."""
        return self.decided_on or self.published_on


class QualificationQuerySet(models.QuerySet):
    def items(self) -> "QualificationQuerySet":
        """Catalogue items, not their sub-items."""
        return self.filter(parent__isnull=True)

    def listed(self) -> "QualificationQuerySet":
        return self.filter(status=Status.LISTED)

    def retired(self) -> "QualificationQuerySet":
        return self.filter(status=Status.RETIRED)

    def search(self, query: str) -> "QualificationQuerySet":
        """Match names, aliases and sub-items as people type them (繁体, 证书 …)."""
        key = search_key(query)
        return self.filter(search_text__contains=key) if key else self.none()

    def classified(self, *, edition_year: int | None = None, **fields) -> "QualificationQuerySet":
        """Filter on kind or category; as the edition of that year listed it, if one is given.

        The kind or category of an item may differ between editions (注册设备监理师 was
        access-type in 2017, level-evaluation in 2021 as 设备监理师).
        """
        if edition_year is None:
            return self.filter(**fields)
        as_listed = {f"entries__{name}": value for name, value in fields.items()}
        return self.filter(entries__edition__year=edition_year, **as_listed)

    def in_catalogue_order(self, edition_year: int | None = None) -> "QualificationQuerySet":
        """As the official table: by category and kind, then by item number (ordering.py)."""
        from ..ordering import qualifications_ordered

        return qualifications_ordered(self, edition_year=edition_year)

    def _related(self, name: str) -> type[models.Model]:
        # Entries and adjustments are defined in modules that import this one.
        return self.model._meta.get_field(name).related_model

    def for_listing(self) -> "QualificationQuerySet":
        """Everything a list row shows, in a fixed number of queries (listing.py)."""
        entries = self._related("entries").objects.select_related("edition")
        return (
            with_related_names(self)
            .prefetch_related(
                models.Prefetch("entries", queryset=entries.order_by("edition__year")),
            )
            .select_related("retirement_batch")
        )

    def for_detail(self) -> "QualificationQuerySet":
        """Everything the qualification page shows, history included."""
        adjustments = self._related("adjustments").objects.select_related("edition", "batch")
        return (
            self.for_listing()
            .select_related("parent", "successor")
            .prefetch_related(models.Prefetch("adjustments", queryset=adjustments), "predecessors")
        )


class Qualification(models.Model):
    """A qualification, or a sub-item of one when ``parent`` is set."""

    name = models.CharField(_("名称"), max_length=120)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("所属职业资格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_items",
    )
    category = models.CharField(_("类别"), max_length=24, choices=Category.choices, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("实施部门"), blank=True, related_name="qualifications"
    )
    legal_basis = models.TextField(_("设定依据"), blank=True)
    remarks = models.TextField(_("备注"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.LISTED
    )
    source = models.TextField(_("来源"), blank=True)
    verified = models.BooleanField(
        _("已核对官方目录"),
        default=False,
        help_text=_("仅当与官方公布的目录表逐项核对一致时勾选。"),
    )
    verification = models.CharField(_("核实程度"), max_length=24, blank=True)
    note = models.TextField(_("研究说明"), blank=True)
    # The retirement record: set together with status=retired, never without it.
    retired_on = models.DateField(_("退出或取消日期"), null=True, blank=True)
    retirement_document = models.CharField(_("批准文件"), max_length=120, blank=True)
    retirement_reason = models.TextField(_("退出或取消原因"), blank=True)
    retirement_batch = models.ForeignKey(
        CancellationBatch,
        verbose_name=_("国务院取消批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="qualifications",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("承接的职业资格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    successor_equivalent = models.BooleanField(_("与承接资格等效"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("职业资格")
        verbose_name_plural = _("职业资格")
        ordering = ["name"]
        permissions = [("retire_qualification", _("Can retire a qualification"))]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="qualification_name_unique"
            ),
            models.UniqueConstraint(
                fields=["parent", "name"], name="qualification_sub_item_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(category="") | Q(category__in=Category.values),
                name="qualification_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=Kind.values), name="qualification_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="qualification_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=Status.LISTED, retired_on__isnull=True)
                    | (
                        Q(status=Status.RETIRED, retired_on__isnull=False)
                        & ~Q(retirement_reason="")
                    )
                ),
                name="qualification_retired_has_retirement_record",
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(status=Status.RETIRED),
                name="qualification_only_retired_has_successor",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")), name="qualification_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.parent.name} · {self.name}"
        return self.name

    @property
    def reconstructed(self) -> bool:
        """Its grouping or title is inferred from the occupations sources attest."""
        return self.verification == "reconstructed"

    @property
    def is_retired(self) -> bool:
        return self.status == Status.RETIRED

    @property
    def kind_explained(self) -> str:
        return KIND_EXPLAINED.get(self.kind, "")

    def refresh_search_text(self) -> None:
        """Recompute the normalised text that catalogue search matches against."""
        names = [self.name, *self.aliases.values_list("name", flat=True)]
        names += self.sub_items.values_list("name", flat=True) if self.pk else []
        self.search_text = " ".join(normalise(n) for n in names)


class Alias(models.Model):
    """A name the public uses for a qualification: an old name, an abbreviation."""

    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("别名"), max_length=120)

    class Meta:
        verbose_name = _("别名")
        verbose_name_plural = _("别名")
        constraints = [
            models.UniqueConstraint(fields=["qualification", "name"], name="alias_unique")
        ]

    def __str__(self) -> str:
        return self.name
