"""Publishing and forwarding notices in an authority's name."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.models import Authority, Level

from .. import docnumbers
from ..models import Disclosure, Notice, NoticeStatus

# Recipients (主送) each level usually addresses when it forwards a notice downwards.
USUAL_RECIPIENTS = {
    Level.NATIONAL: "各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局）",
    Level.PROVINCIAL: "各设区市人力资源和社会保障局，省直各部门、各直属机构",
    Level.MUNICIPAL: "各县（市、区）人力资源和社会保障局，市直各部门、各直属机构",
    Level.COUNTY: "各乡（镇）人民政府、街道办事处，县直各部门",
}


def may_publish_for(user, authority: Authority) -> bool:
    """Staff publish notices in their own authority's name only."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("notices.add_notice")
        and user.authority_id is not None
        and user.authority_id == authority.pk
    )


def check_publishes_in_own_name(*, user, issuer: Authority) -> None:
    """A notice is issued by one authority; its staff may not sign for another."""
    if not may_publish_for(user, issuer):
        raise PermissionDenied(_("只能以本机关名义发布通知。"))


def check_forwards_a_published_notice(*, forwards: Notice | None) -> None:
    """规则8：各级转发上级已发布的通知；草稿不可转发。"""
    if forwards is not None and forwards.status != NoticeStatus.PUBLISHED:
        raise ValidationError({"forwards": _("只能转发已发布的通知。")})


def check_forwarding_does_not_come_round(*, notice: Notice, forwards: Notice | None) -> None:
    """转发自上而下：一件通知不能直接或间接地转发它自己（转发链不成环）。"""
    if forwards is None or notice.pk is None:
        return
    from ..trace import ancestors

    if any(link.pk == notice.pk for link in ancestors(forwards)):
        raise ValidationError({"forwards": _("转发不能成环：所选通知已直接或间接转发本通知。")})


def check_notice_rules(*, user, notice: Notice, forwards: Notice | None) -> None:
    """The rules every write of a notice obeys, whichever path it comes by."""
    if not user.is_superuser:
        check_publishes_in_own_name(user=user, issuer=notice.issuer)
    check_forwards_a_published_notice(forwards=forwards)
    check_forwarding_does_not_come_round(notice=notice, forwards=forwards)


def doc_number_apply(notice: Notice, text: str) -> None:
    """Store a typed number in its canonical form with its parts; "" clears it."""
    if not text.strip():
        notice.doc_number, notice.prefix, notice.year, notice.serial = "", "", None, None
        return
    try:
        number = docnumbers.parse(text)
    except docnumbers.InvalidDocNumber:
        raise ValidationError({"doc_number": _("文号格式应如 人社部发〔2017〕68号。")}) from None
    notice.doc_number = number.canonical
    notice.prefix, notice.year, notice.serial = number.prefix, number.year, number.serial


def _check_unique_number(notice: Notice) -> None:
    clash = Notice.objects.filter(doc_number=notice.doc_number).exclude(pk=notice.pk)
    if notice.doc_number and clash.exists():
        raise ValidationError({"doc_number": _("文号 %(n)s 已存在。") % {"n": notice.doc_number}})


@transaction.atomic
def notice_create(
    *,
    user,
    issuer: Authority,
    title: str,
    doc_number: str = "",
    issued_on: date | None = None,
    forwards: Notice | None = None,
    publish: bool = False,
    **text_fields: str,
) -> Notice:
    """Create a notice in the user's authority's name, as a draft or published."""
    notice = Notice(issuer=issuer, title=title, issued_on=issued_on, forwards=forwards)
    check_publishes_in_own_name(user=user, issuer=issuer)
    check_notice_rules(user=user, notice=notice, forwards=forwards)
    for name, value in text_fields.items():
        setattr(notice, name, value)
    doc_number_apply(notice, doc_number)
    _check_unique_number(notice)
    notice.full_clean(exclude=["doc_number"])
    notice.save()
    return notice_publish(notice=notice, user=user) if publish else notice


@transaction.atomic
def notice_save(*, user, notice: Notice) -> Notice:
    """Save a notice edited field by field (the admin): the same rules as the pages."""
    check_notice_rules(user=user, notice=notice, forwards=notice.forwards)
    doc_number_apply(notice, notice.doc_number)
    _check_unique_number(notice)
    if notice.status == NoticeStatus.PUBLISHED and notice.published_at is None:
        notice.published_at = timezone.now()
    notice.full_clean(exclude=["doc_number"])
    notice.save()
    return notice


@transaction.atomic
def notice_publish(*, notice: Notice, user) -> Notice:
    """Make a draft public; from then on it is listed, fed and may be forwarded."""
    check_publishes_in_own_name(user=user, issuer=notice.issuer)
    if notice.status != NoticeStatus.PUBLISHED:
        notice.status = NoticeStatus.PUBLISHED
        notice.published_at = timezone.now()
        notice.save(update_fields=["status", "published_at"])
    return notice


def forward_prefill(*, parent: Notice, authority: Authority) -> dict:
    """What a forwarding of `parent` by `authority` usually says: title, recipients, link.

    A forwarding of a forwarding names the original notice, as the seed's city does:
    福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知.
    """
    return {
        "title": f"{authority.name}转发{_original_title(parent)}",
        "recipients": USUAL_RECIPIENTS[Level(authority.level)],
        "forwards": parent,
        "disclosure": Disclosure.PUBLIC,
    }


def _original_title(parent: Notice) -> str:
    title = parent.title
    if "转发" in title and not title.startswith("关于"):
        return title.rsplit("转发", 1)[1]
    if title.startswith(parent.issuer.name):
        return title
    return f"{parent.issuer.name}{title}"
