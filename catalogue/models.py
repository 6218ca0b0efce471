"""The National Occupational Qualification Catalogue (国家职业资格目录).

Qualifications are never deleted: a qualification leaves the catalogue by being retired,
which records when, by which document and why, and its successor where there is one.
Each edition lists its entries as published, so the kind or category of an item may
differ between editions. Every change is written to the append-only adjustment log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.append_only import AppendOnly, AppendOnlyQuerySet

from .listing import with_related_names
from .text import normalise, search_key


class Category(models.TextChoices):
    PROFESSIONAL_TECHNICAL = "professional-technical", _("专业技术人员职业资格")
    SKILLED = "skilled", _("技能人员职业资格")


class Kind(models.TextChoices):
    ACCESS = "access", _("准入类")
    LEVEL_EVALUATION = "level-evaluation", _("水平评价类")


KIND_EXPLAINED = {
    Kind.ACCESS: _(
        "准入类：法律、行政法规或国务院决定规定从事该职业必须取得的资格，可以与就业创业挂钩。"
    ),
    Kind.LEVEL_EVALUATION: _(
        "水平评价类：证明具有相应专业水平或技能等级，不得作为就业创业的前置条件。"
    ),
}


class Status(models.TextChoices):
    LISTED = "listed", _("在目录中")
    RETIRED = "retired", _("已退出或取消")


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
    decided_on = models.DateField(_("决定日期"))
    document = models.CharField(_("文件"), max_length=60, blank=True)
    items_cancelled = models.PositiveIntegerField(_("取消事项数"), null=True, blank=True)
    source = models.TextField(_("来源"), blank=True)

    class Meta:
        verbose_name = _("国务院取消批次")
        verbose_name_plural = _("国务院取消批次")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("第%(n)s批（%(d)s）") % {"n": self.number, "d": self.decided_on}


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

    def classified(self, *, edition: "Edition | None" = None, **fields) -> "QualificationQuerySet":
        """Filter on kind or category; as the given edition listed it, if one is given.

        The kind or category of an item may differ between editions (注册设备监理师 was
        access-type in 2017, level-evaluation in 2021 as 设备监理师).
        """
        if edition is None:
            return self.filter(**fields)
        as_listed = {f"entries__{name}": value for name, value in fields.items()}
        return self.filter(entries__edition=edition, **as_listed)

    def in_catalogue_order(self) -> "QualificationQuerySet":
        """Listed before retired; then by category and kind as the catalogue groups them."""
        return self.order_by("status", "category", "kind", "name", "id")

    def for_listing(self) -> "QualificationQuerySet":
        """Everything a list row shows, in a fixed number of queries (listing.py)."""
        return (
            with_related_names(self)
            .prefetch_related(
                models.Prefetch(
                    "entries",
                    queryset=EditionEntry.objects.select_related("edition").order_by(
                        "edition__year"
                    ),
                ),
            )
            .select_related("retirement_batch")
        )

    def for_detail(self) -> "QualificationQuerySet":
        """Everything the qualification page shows, history included."""
        adjustments = Adjustment.objects.select_related("edition", "batch")
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
            models.F("seq").asc(nulls_last=True), "id"
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

    objects = EditionEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录条目")
        verbose_name_plural = _("目录条目")
        ordering = ["edition", "seq", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "qualification"], name="edition_entry_unique_qualification"
            ),
            models.UniqueConstraint(
                fields=["edition", "seq"],
                condition=Q(seq__isnull=False),
                name="edition_entry_unique_seq",
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


class Action(models.TextChoices):
    ADDED = "added", _("新增")
    AMENDED = "amended", _("修改")
    RETIRED = "retired", _("退出或取消")
    RECLASSIFIED = "reclassified", _("调整类型或类别")
    RENAMED = "renamed", _("更名")
    SUB_ITEM_ADDED = "sub_item_added", _("增加子项")
    SUB_ITEM_REMOVED = "sub_item_removed", _("删除子项")
    GROUP_REMOVED = "group_removed", _("成组退出")


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
