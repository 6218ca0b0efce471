"""Atom feeds of newly published notices: all, and one authority's."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from authorities.models import Authority

from .models import Notice, Reminder

FEED_SIZE = 30


class LatestNoticesFeed(Feed):
    feed_type = Atom1Feed

    def title(self, obj=None) -> str:
        return _("最新发布的通知")

    def link(self, obj=None) -> str:
        return reverse("notices:notice-list")

    def subtitle(self, obj=None) -> str:
        return _("国家职业资格目录公共服务平台：各级人力资源社会保障部门发布和转发的通知")

    def items(self, obj=None):
        notices = Notice.objects.published().select_related("issuer")
        return notices.order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item: Notice) -> str:
        return str(item)

    def item_description(self, item: Notice) -> str:
        return item.body[:500]

    def item_pubdate(self, item: Notice):
        return item.published_at

    def item_author_name(self, item: Notice) -> str:
        return item.issuer.name


class AuthorityNoticesFeed(LatestNoticesFeed):
    def get_object(self, request, pk: int) -> Authority:
        return get_object_or_404(Authority, pk=pk)

    def title(self, obj: Authority) -> str:
        return _("%(name)s发布的通知") % {"name": obj.name}

    def link(self, obj: Authority) -> str:
        return reverse("notices:notice-list") + f"?issuer={obj.pk}"

    def items(self, obj: Authority):
        notices = Notice.objects.published().filter(issuer=obj).select_related("issuer")
        return notices.order_by("-published_at", "-id")[:FEED_SIZE]


class AuthorityRemindersFeed(Feed):
    """The reminders an authority has received to forward a public notice."""

    feed_type = Atom1Feed

    def get_object(self, request, pk: int) -> Authority:
        return get_object_or_404(Authority, pk=pk)

    def title(self, obj: Authority) -> str:
        return _("%(a)s 收到的转发提醒") % {"a": obj.name}

    def link(self, obj: Authority) -> str:
        return reverse("notices:authority-reminders-feed", args=[obj.pk])

    def items(self, obj: Authority):
        public = Notice.objects.published()
        reminders = Reminder.objects.filter(authority=obj, notice__in=public)
        return reminders.select_related("notice", "notice__issuer").order_by("-sent_at")[:FEED_SIZE]

    def item_title(self, item: Reminder) -> str:
        return _("提醒转发：%(t)s") % {"t": item.notice.title or item.notice.doc_number}

    def item_description(self, item: Reminder) -> str:
        return item.text

    def item_link(self, item: Reminder) -> str:
        return reverse("notices:notice-coverage", args=[item.notice_id])

    def item_guid(self, item: Reminder) -> str:
        return f"reminder-{item.pk}"

    def item_pubdate(self, item: Reminder):
        return item.sent_at

    def item_author_name(self, item: Reminder) -> str:
        return item.notice.issuer.name
