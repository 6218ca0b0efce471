"""Public reports of violations and the cases that handle them (发现一起、严肃查处一起).

A report becomes a case routed to the authority of its region. The case's status moves
only along `TRANSITIONS`, through `services.case_transition`; every move is written to
the append-only `Transition` log. Internal notes and public replies are separate
`Message` kinds, so the public timeline can never show an internal note.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority
from portal.append_only import AppendOnly, AppendOnlyQuerySet


class ViolationType(models.TextChoices):
    OUTSIDE_CATALOGUE = "outside_catalogue", _("在目录之外设置、许可或认定职业资格")
    REVIVED = "revived", _("已取消的职业资格“死灰复燃”")
    LEVEL_TIED_TO_EMPLOYMENT = "level_tied_to_employment", _("将水平评价类资格与就业创业挂钩")
    FORBIDDEN_WORDING = "forbidden_wording", _("证书使用“中国”“国家”“职业资格”等字样或国徽")
    DISGUISED_LICENSING = "disguised_licensing", _("以技能评价名义变相许可")
    ILLEGAL_EXAMS_FEES = "illegal_exams_fees", _("违规考试、培训或收费")
    OTHER = "other", _("其他")


class Status(models.TextChoices):
    RECEIVED = "received", _("已收到")
    ASSIGNED = "assigned", _("已受理")
    INVESTIGATING = "investigating", _("调查中")
    CONCLUDED = "concluded", _("已办结")
    CLOSED = "closed", _("已结案")
    REJECTED = "rejected", _("不予受理")


OPEN_STATUSES = [Status.RECEIVED, Status.ASSIGNED, Status.INVESTIGATING, Status.CONCLUDED]


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("查证属实")
    UNSUBSTANTIATED = "unsubstantiated", _("查无实据")


class RejectReason(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("不属于受理范围")
    DUPLICATE = "duplicate", _("重复举报")


class Action(models.TextChoices):
    ACCEPT = "accept", _("受理并承办")
    INVESTIGATE = "investigate", _("开始调查")
    CONCLUDE = "conclude", _("作出处理结论")
    CLOSE = "close", _("结案")
    REJECT = "reject", _("不予受理")
    REOPEN = "reopen", _("重新办理")
    REASSIGN = "reassign", _("转交其他机关")


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str
    # Fields the action cannot do without, by the form and service keyword that carries them.
    requires: tuple[str, ...] = ()


_OPEN_UNDECIDED = frozenset({Status.RECEIVED, Status.ASSIGNED, Status.INVESTIGATING})

# The one table of allowed moves. Nothing else changes a case's status.
TRANSITIONS: dict[str, Rule] = {
    Action.ACCEPT: Rule(frozenset({Status.RECEIVED}), Status.ASSIGNED),
    Action.INVESTIGATE: Rule(frozenset({Status.ASSIGNED}), Status.INVESTIGATING),
    Action.CONCLUDE: Rule(
        frozenset({Status.INVESTIGATING}), Status.CONCLUDED, ("outcome", "measures")
    ),
    Action.CLOSE: Rule(frozenset({Status.CONCLUDED}), Status.CLOSED),
    Action.REJECT: Rule(_OPEN_UNDECIDED, Status.REJECTED, ("reject_reason", "public_reply")),
    Action.REOPEN: Rule(frozenset({Status.CLOSED}), Status.INVESTIGATING, ("note",)),
    Action.REASSIGN: Rule(_OPEN_UNDECIDED, Status.RECEIVED, ("authority", "note")),
}


class TransitionNotAllowed(ValidationError):
    """The action cannot be taken from the case's current status."""


def actions_from(status: str) -> list[str]:
    return [action for action, rule in TRANSITIONS.items() if status in rule.sources]


def evidence_storage() -> FileSystemStorage:
    """Evidence lives under PRIVATE_MEDIA_ROOT, which no URL maps to.

    Files 0640 and folders 0750: readable by the app's user and group (a backup job),
    by no other account on the machine.
    """
    return FileSystemStorage(
        location=settings.PRIVATE_MEDIA_ROOT,
        base_url=None,
        file_permissions_mode=0o640,
        directory_permissions_mode=0o750,
    )


MATCH_WINDOW = timedelta(days=30)


class CaseQuerySet(models.QuerySet):
    def open(self) -> "CaseQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def by_receipt(self, code: str) -> "Case | None":
        """The case a receipt code belongs to, or None (also for a malformed code)."""
        from .receipts import receipt_hash

        digest = receipt_hash(code)
        return self.filter(receipt_hash=digest).first() if digest else None

    def visible_to(self, user) -> "CaseQuerySet":
        """Cases of the user's authority and of every authority in its region."""
        if not user.is_authenticated or not user.has_perm("enforcement.view_case"):
            return self.none()
        if user.is_superuser and user.authority_id is None:
            return self
        if user.authority_id is None:
            return self.none()
        return self.filter(authority__in=Authority.objects.within(user.authority))

    def overdue(self) -> "CaseQuerySet":
        return self.open().filter(due_at__lt=timezone.now())

    def with_queue_flags(self) -> "CaseQuerySet":
        """Annotate `is_overdue` and `has_match` (a similar open case within 30 days)."""
        similar = Case.objects.open().filter(
            organisation_key=OuterRef("organisation_key"),
            violation_type=OuterRef("violation_type"),
            created_at__gte=OuterRef("created_at") - MATCH_WINDOW,
            created_at__lte=OuterRef("created_at") + MATCH_WINDOW,
        )
        overdue = Q(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
        return self.annotate(
            is_overdue=models.ExpressionWrapper(overdue, output_field=models.BooleanField()),
            has_match=Exists(similar.exclude(pk=OuterRef("pk"))),
        )

    def queue_order(self) -> "CaseQuerySet":
        return self.order_by(F("is_overdue").desc(), F("due_at").asc(nulls_last=True), "-id")

    def matching(self, case: "Case") -> "CaseQuerySet":
        """Open cases that may report the same thing: same organisation and type, ±30 days."""
        return (
            self.open()
            .filter(organisation_key=case.organisation_key, violation_type=case.violation_type)
            .filter(
                created_at__range=(case.created_at - MATCH_WINDOW, case.created_at + MATCH_WINDOW)
            )
            .exclude(pk=case.pk)
        )


class Case(models.Model):
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    violation_type = models.CharField(_("违规类型"), max_length=32, choices=ViolationType.choices)
    organisation = models.CharField(_("被举报单位"), max_length=200)
    organisation_key = models.CharField(max_length=200, editable=False, db_index=True)
    region_code = models.CharField(_("所在地区代码"), max_length=6)
    qualification = models.ForeignKey(
        "catalogue.Qualification",
        verbose_name=_("涉及的职业资格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    qualification_name = models.CharField(_("涉及的证书或资格名称"), max_length=200, blank=True)
    description = models.TextField(_("情况描述"))
    # A Fernet token (contact.py), never the contact in clear; "" when none was given.
    contact_encrypted = models.TextField(_("举报人联系方式（密文）"), blank=True, editable=False)
    authority = models.ForeignKey(
        Authority, verbose_name=_("承办机关"), on_delete=models.PROTECT, related_name="cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("处理结论"), max_length=16, choices=Outcome.choices, blank=True)
    measures = models.TextField(_("处理措施"), blank=True)
    reject_reason = models.CharField(
        _("不予受理理由"), max_length=16, choices=RejectReason.choices, blank=True
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)
    due_at = models.DateTimeField(_("办理期限"), null=True, blank=True)
    created_at = models.DateTimeField(_("举报时间"), default=timezone.now, db_index=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("举报案件")
        verbose_name_plural = _("举报案件")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["authority", "status"]),
            models.Index(fields=["organisation_key", "violation_type"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="case_status_valid"),
            models.CheckConstraint(
                condition=Q(violation_type__in=ViolationType.values), name="case_type_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CONCLUDED) | ~Q(outcome=""),
                name="case_concluded_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REJECTED) | ~Q(reject_reason=""),
                name="case_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return _("案件 %(id)s：%(org)s") % {"id": self.pk, "org": self.organisation}

    def rule_for(self, action: str) -> Rule:
        """The rule of `action` from this case's status: the one check of allowed moves."""
        rule = TRANSITIONS.get(action)
        if rule is None or self.status not in rule.sources:
            raise TransitionNotAllowed(
                _("案件当前状态为“%(status)s”，不能执行“%(action)s”。")
                % {"status": self.get_status_display(), "action": action}
            )
        return rule

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_encrypted)

    @property
    def region_name(self) -> str:
        from .regions import region_of

        region = region_of(self.region_code)
        return region.full_name if region else self.region_code


class Transition(AppendOnly):
    """One move of a case: who, when, from which status to which, and why."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transitions")
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices, blank=True)
    from_status = models.CharField(_("原状态"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Status.choices)
    from_authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("内部说明"), blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status or '—'} → {self.to_status}"


class MessageKind(models.TextChoices):
    PUBLIC_REPLY = "public_reply", _("公开答复")
    INTERNAL_NOTE = "internal_note", _("内部记录")
    REPORTER_ADDITION = "reporter_addition", _("举报人补充")


class MessageQuerySet(AppendOnlyQuerySet):
    def public(self) -> "MessageQuerySet":
        return self.exclude(kind=MessageKind.INTERNAL_NOTE)


class Message(AppendOnly):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="messages")
    kind = models.CharField(_("类别"), max_length=20, choices=MessageKind.choices)
    body = models.TextField(_("内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("答复与记录")
        verbose_name_plural = _("答复与记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_kind_display()}"


class Evidence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Submission(models.Model):
    """A report sent with an Idempotency-Key: sending it again returns the first receipt.

    Kept for `IDEMPOTENCY_WINDOW`; the receipt code is sealed with the contact keys
    (contact.py), never stored in clear, and the key only as a keyed hash.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    receipt_sealed = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("举报提交记录")
        verbose_name_plural = _("举报提交记录")

    def __str__(self) -> str:
        return f"{self.case_id}"


IDEMPOTENCY_WINDOW = timedelta(hours=24)
