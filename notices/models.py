"""Official notices (通知) and the chain of forwardings that carries them down."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Disclosure(models.TextChoices):
    PUBLIC = "public", _("主动公开")
    ON_REQUEST = "on-request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class NoticeQuerySet(models.QuerySet):
    def published(self) -> "NoticeQuerySet":
        """What the public sees: published, and not marked 不予公开 by its issuer."""
        return self.filter(status=NoticeStatus.PUBLISHED).exclude(disclosure=Disclosure.WITHHELD)

    def visible_to(self, user) -> "NoticeQuerySet":
        """Public notices; for staff also their own authority's drafts (with the right to
        publish), and the notices marked 不予公开 of their authority and those below it."""
        authority_id = getattr(user, "authority_id", None)
        if not (user.is_authenticated and authority_id):
            return self.published()
        public = Q(status=NoticeStatus.PUBLISHED) & ~Q(disclosure=Disclosure.WITHHELD)
        withheld = Q(status=NoticeStatus.PUBLISHED, disclosure=Disclosure.WITHHELD)
        below = Q(issuer__in=_governed(user.authority))
        for depth in range(1, 4):
            below |= Q(**{"issuer" + "__parent" * depth: authority_id})
        visible = public | (withheld & below)
        if user.has_perm("notices.add_notice"):
            visible |= Q(issuer=authority_id)
        return self.filter(visible)

    def with_issuer(self) -> "NoticeQuerySet":
        return self.select_related("issuer", "forwards")


def _governed(authority):
    from authorities.models import Authority

    return Authority.objects.within(authority).values("pk")


class Notice(models.Model):
    doc_number = models.CharField(
        _("文号"), max_length=60, blank=True, help_text=_("如 人社部发〔2017〕68号")
    )
    prefix = models.CharField(_("发文机关代字"), max_length=40, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, editable=False)
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True, editable=False)
    title = models.CharField(_("标题"), max_length=300)
    issuer = models.ForeignKey(
        "authorities.Authority",
        verbose_name=_("发文机关"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    recipients = models.TextField(_("主送"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    opinions = models.TextField(_("转发意见"), blank=True, help_text=_("转发时本机关提出的意见"))
    contacts = models.TextField(_("联系方式"), blank=True)
    disclosure = models.CharField(
        _("公开属性"), max_length=12, choices=Disclosure.choices, blank=True
    )
    attachments = models.TextField(_("附件"), blank=True, help_text=_("每行一个附件名称"))
    references = models.TextField(
        _("引用文件"), blank=True, help_text=_("正文引用（而非转发）的文件，每行一个")
    )
    # What the text says the notice forwards, kept so that a later import of that notice
    # fills in the link.
    forwards_doc_number = models.CharField(_("所转发文件的文号"), max_length=60, blank=True)
    forwards_title = models.CharField(_("所转发文件的标题"), max_length=300, blank=True)
    forwards = models.ForeignKey(
        "self",
        verbose_name=_("转发的通知"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwardings",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT
    )

    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_number"], condition=~Q(doc_number=""), name="notice_doc_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=NoticeStatus.values), name="notice_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(disclosure="") | Q(disclosure__in=Disclosure.values),
                name="notice_disclosure_valid",
            ),
            models.CheckConstraint(
                condition=~Q(forwards=models.F("pk")), name="notice_does_not_forward_itself"
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]
        permissions = [("import_notice", _("可导入转发文件（创建各级机关的通知）"))]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("notices:notice-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == NoticeStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Published and not marked 不予公开: listed, fed and served by the API."""
        return self.is_published and self.disclosure != Disclosure.WITHHELD

    @property
    def attachment_list(self) -> list[str]:
        return [line for line in self.attachments.splitlines() if line.strip()]

    @property
    def days_after_forwarded(self) -> int | None:
        """Days between the forwarded notice's date and this one's: one hop of the chain."""
        parent = self.forwards
        if parent is None or parent.issued_on is None or self.issued_on is None:
            return None
        return (self.issued_on - parent.issued_on).days


class Reminder(models.Model):
    """A reminder from the issuing authority to one below that has no forwarding on record."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="reminders"
    )
    authority = models.ForeignKey(
        "authorities.Authority",
        verbose_name=_("被提醒机关"),
        on_delete=models.PROTECT,
        related_name="reminders_received",
    )
    division_code = models.CharField(_("行政区划代码"), max_length=6)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提醒人"),
        on_delete=models.PROTECT,
        related_name="reminders_sent",
    )
    sent_at = models.DateTimeField(_("提醒时间"), default=timezone.now, db_index=True)
    text = models.TextField(_("提醒内容"), max_length=2000)

    class Meta:
        verbose_name = _("转发提醒")
        verbose_name_plural = _("转发提醒")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["notice", "authority", "-sent_at"])]

    def __str__(self) -> str:
        return f"{self.authority} · {self.notice}"
