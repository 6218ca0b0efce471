"""Atom feeds of the published adjustments: all of them, and one qualification's.

Only the log is fed: drafts are not adjustments until a second maintainer publishes them.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Adjustment, Qualification

FEED_SIZE = 50


class AdjustmentFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("国家职业资格目录调整记录")
    subtitle = gettext_lazy("国家职业资格目录的新增、修改、更名、调整类型和退出，均有批准文件。")

    def link(self) -> str:
        return reverse("catalogue:qualification-list")

    def items(self):
        log = Adjustment.objects.select_related("qualification", "edition", "batch")
        return log.order_by("-recorded_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Adjustment) -> str:
        subject = item.qualification or item.changes.get("group", "")
        return f"{item.get_action_display()}：{subject}"

    def item_description(self, item: Adjustment) -> str:
        parts = [
            _("生效日期：%(d)s") % {"d": item.effective_on or _("未知")},
            _("批准文件：%(doc)s") % {"doc": item.document or item.batch or item.edition or "—"},
            item.reason,
        ]
        return format_html_join("", "<p>{}</p>", ((p,) for p in map(str, parts) if p))

    def item_link(self, item: Adjustment) -> str:
        if item.qualification_id is None:
            return f"{reverse('catalogue:edition-list')}#adjustment-{item.pk}"
        detail = reverse("catalogue:qualification-detail", args=[item.qualification_id])
        return f"{detail}#adjustment-{item.pk}"

    def item_pubdate(self, item: Adjustment):
        return item.recorded_at

    def item_updateddate(self, item: Adjustment):
        return item.recorded_at


class QualificationAdjustmentFeed(AdjustmentFeed):
    def get_object(self, request, pk: int) -> Qualification:
        return get_object_or_404(Qualification, pk=pk)

    def title(self, obj: Qualification) -> str:
        return _("%(name)s 的调整记录") % {"name": obj.name}

    def link(self, obj: Qualification) -> str:
        return reverse("catalogue:qualification-detail", args=[obj.pk])

    def items(self, obj: Qualification):
        log = obj.adjustments.select_related("qualification", "edition", "batch")
        return log.order_by("-recorded_at", "-id")[:FEED_SIZE]
