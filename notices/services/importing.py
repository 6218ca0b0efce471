"""Import the chain of notices a document prints, idempotently.

Notices are matched by document number, or by issuer, title and date when the text prints
none; a notice already on record is only completed (blank fields filled, its missing link
set), never overwritten, so running an import twice changes nothing. A notice that
names what it forwards keeps that name, and the link is made as soon as the forwarded
notice is on record — now or by a later import.

Authorities the text names and the registry lacks are created at the level their name or
their number's prefix tells; a notice whose issuer's level cannot be told is not stored
(a warning says so), since a level is never guessed. Joint issuers (联合行文): the notice
is held by the lead authority, named first.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from authorities.models import Authority, Level

from .. import authoritynames
from ..importer import ParsedNotice, ReadWarning, chain_as_json, parse_document, unusable
from ..models import Disclosure, Notice, NoticeStatus
from ..trace import ancestors
from .publishing import doc_number_apply

_RANK = {Level.NATIONAL: 0, Level.PROVINCIAL: 1, Level.MUNICIPAL: 2, Level.COUNTY: 3}
_FILLABLE = [
    "title",
    "recipients",
    "body",
    "opinions",
    "contacts",
    "disclosure",
    "attachments",
    "references",
    "forwards_doc_number",
    "forwards_title",
]


@dataclass
class ImportResult:
    """The chain outermost first, each parsed notice beside the notice stored (or None)."""

    chain: list[tuple[ParsedNotice, Notice | None]] = field(default_factory=list)
    created_notices: list[Notice] = field(default_factory=list)
    created_authorities: list[Authority] = field(default_factory=list)
    linked_notices: list[Notice] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)

    def as_json(self) -> list[dict]:
        return chain_as_json([parsed for parsed, _notice in self.chain])


@transaction.atomic
def notice_chain_import(*, text: str, chain: list[ParsedNotice] | None = None) -> ImportResult:
    """Store the notices of a document's text (or of a chain read and corrected before).

    Raises UnreadableText when nothing usable remains; writes nothing then.
    """
    result = ImportResult()
    if chain is None:
        report = parse_document(text)
        if not report.usable:
            raise unusable(text)
        chain, result.warnings = report.chain, list(report.warnings)
    inner: Notice | None = None
    for parsed in reversed(chain):
        superior = inner.issuer if inner else None
        issuer = _authority_resolve(parsed, superior=superior, result=result)
        stored = None
        if issuer is not None and (parsed.doc_number or parsed.title):
            stored = _notice_upsert(parsed, issuer=issuer, forwards=inner, result=result)
            _link_waiting_forwardings(stored, result)
        result.chain.insert(0, (parsed, stored))
        inner = stored
    return result


def _lead_issuer(parsed: ParsedNotice) -> str:
    return (parsed.issuer or "").split("、")[0]


def _authority_find(name: str) -> Authority | None:
    key = authoritynames.name_key(name)
    variants = {name, key, key.replace("人力资源社会保障", "人力资源和社会保障")}
    found = Authority.objects.filter(name__in=variants).first()
    code = authoritynames.province_code(name)
    if found is None and code:
        found = Authority.objects.filter(
            level=Level.PROVINCIAL, division_code=code, name__in=variants
        ).first()
    return found


def _authority_resolve(
    parsed: ParsedNotice, *, superior: Authority | None, result: ImportResult
) -> Authority | None:
    name = _lead_issuer(parsed)
    if not name:
        return None
    found = _authority_find(name)
    if found is not None:
        return found
    level = authoritynames.level_of(name) or authoritynames.level_of_number(parsed.doc_number)
    if level is None:
        result.warnings.append(
            ReadWarning(
                parsed.line,
                "发文机关的层级无法从名称或文号看出，此通知未保存",
                "the issuer's level shows neither in its name nor in the number; not stored",
                name,
            )
        )
        return None
    authority = Authority.objects.create(
        name=name,
        level=level,
        division_code=authoritynames.province_code(name),
        parent=_parent_for(level, name, superior),
    )
    result.created_authorities.append(authority)
    return authority


def _parent_for(level: str, name: str, superior: Authority | None) -> Authority | None:
    """The authority one level up: the one whose notice is forwarded, or the province named."""
    if superior is not None and _RANK[Level(superior.level)] == _RANK[Level(level)] - 1:
        return superior
    province = authoritynames.PROVINCES.get(authoritynames.province_of(name) or "")
    if level == Level.MUNICIPAL and province:
        return Authority.objects.filter(level=Level.PROVINCIAL, division_code=province).first()
    return None


def _notice_find(parsed: ParsedNotice, issuer: Authority) -> Notice | None:
    """By number; without one, by issuer, title and (when the text gives it) date."""
    if parsed.doc_number:
        return Notice.objects.filter(doc_number=parsed.doc_number).first()
    found = Notice.objects.filter(issuer=issuer, title=parsed.title)
    if parsed.issued_on:
        found = found.filter(Q(issued_on=parsed.issued_on) | Q(issued_on__isnull=True))
    return found.first()


def _notice_upsert(
    parsed: ParsedNotice, *, issuer: Authority, forwards: Notice | None, result: ImportResult
) -> Notice:
    values = _values(parsed)
    if forwards is None:
        forwards = _forwarded_on_record(parsed)
    notice = _notice_find(parsed, issuer)
    if notice is None:
        notice = Notice(issuer=issuer, forwards=forwards, **values)
        doc_number_apply(notice, parsed.doc_number or "")
        notice.published_at = timezone.now() if notice.status == NoticeStatus.PUBLISHED else None
        notice.save()
        result.created_notices.append(notice)
        return notice
    return _notice_complete(notice, values, forwards)


def _forwarded_on_record(parsed: ParsedNotice) -> Notice | None:
    """The notice the text names as forwarded, when it is on record already."""
    if parsed.forwards_number:
        return Notice.objects.filter(doc_number=parsed.forwards_number).first()
    if parsed.forwards_title:
        return Notice.objects.filter(doc_number="", title=parsed.forwards_title).first()
    return None


def _link_waiting_forwardings(parent: Notice, result: ImportResult) -> None:
    """Notices on record that name `parent` as what they forward now link to it."""
    by_number = Q(forwards_doc_number=parent.doc_number) if parent.doc_number else Q(pk=None)
    by_title = (
        Q(forwards_doc_number="", forwards_title=parent.title) if parent.title else Q(pk=None)
    )
    waiting = Notice.objects.filter(forwards__isnull=True).filter(by_number | by_title)
    for child in waiting.exclude(pk=parent.pk):
        if child not in ancestors(parent):
            child.forwards = parent
            child.save(update_fields=["forwards"])
            result.linked_notices.append(child)


def _notice_complete(notice: Notice, values: dict, forwards: Notice | None) -> Notice:
    """Fill what a notice on record lacks; never overwrite what it has."""
    changed = [name for name in [*_FILLABLE, "issued_on"] if not getattr(notice, name)]
    changed = [name for name in changed if values.get(name)]
    for name in changed:
        setattr(notice, name, values[name])
    if notice.forwards_id is None and forwards and notice not in ancestors(forwards):
        notice.forwards = forwards
        changed.append("forwards")
    if changed:
        notice.save(update_fields=changed)
    return notice


def _values(parsed: ParsedNotice) -> dict:
    withheld = parsed.disclosure == Disclosure.WITHHELD
    return {
        "title": parsed.title,
        "issued_on": parsed.issued_on,
        "recipients": parsed.recipients or "",
        "body": "\n".join(parsed.body),
        "opinions": parsed.opinions,
        "contacts": parsed.contacts,
        "disclosure": parsed.disclosure or "",
        "attachments": "\n".join(parsed.attachments),
        "references": "\n".join(parsed.references),
        "forwards_doc_number": parsed.forwards_number or "",
        "forwards_title": (parsed.forwards_title or "")[:300],
        # A notice its issuer withholds from disclosure is not made public by an import.
        "status": NoticeStatus.DRAFT if withheld else NoticeStatus.PUBLISHED,
    }
