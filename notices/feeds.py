"""Atom feeds of newly published notices: all, and one authority's."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from authorities.models import Authority

from .models import Notice

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
