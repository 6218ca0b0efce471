"""Official notices (通知) and the chain of forwardings that carries them down."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class NoticeQuerySet(models.QuerySet):
    def published(self) -> "NoticeQuerySet":
        return self.filter(status=NoticeStatus.PUBLISHED)


class Notice(models.Model):
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    issuer = models.ForeignKey(
        "authorities.Authority",
        verbose_name=_("发文机关"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
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
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}".strip()
