"""Who may see which notice: one place for the check, 404 for what a user may not see."""

from django.http import Http404

from . import trace
from .models import Notice


def get_notice_for_user(user, pk: int) -> Notice:
    """A published notice, or a draft of the user's own authority; else 404."""
    notice = Notice.objects.visible_to(user).with_issuer().filter(pk=pk).first()
    if notice is None:
        raise Http404("no such notice")
    return notice


def visible_chain(user, notice: Notice) -> list[Notice]:
    """The notice's chain up to its origin, without the links the user may not see."""
    return trace.ancestors(notice, Notice.objects.visible_to(user))
