"""A small factory for notices (tests/notices only)."""

from django.utils import timezone

from notices.models import Notice, NoticeStatus
from notices.services import doc_number_apply


def make_notice(issuer, *, published: bool = True, **fields) -> Notice:
    fields.setdefault("title", f"{issuer.name}关于公布国家职业资格目录的通知")
    status = NoticeStatus.PUBLISHED if published else NoticeStatus.DRAFT
    notice = Notice(issuer=issuer, status=status, **fields)
    doc_number_apply(notice, notice.doc_number)
    notice.published_at = timezone.now() if published else None
    notice.save()
    return notice
