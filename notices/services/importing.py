"""Import the chain of notices a forwarding document prints, idempotently.

Notices are matched by document number, or by issuer and title when the text prints none;
a notice already on record is only completed (blank fields filled, its missing link to the
notice it forwards set), never overwritten, so running an import twice changes nothing.
Authorities the text names and the registry lacks are created at the level their name
tells, under the authority whose notice they forward when that is one level up; their
division code is filled only for a provincial-level name, else left empty (unknown).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from authorities.models import Authority, Level

from .. import authoritynames
from ..importer import ParsedNotice, UnreadableText, parse_chain
from ..models import Disclosure, Notice, NoticeStatus
from ..trace import ancestors
from .publishing import doc_number_apply

_RANK = {Level.NATIONAL: 0, Level.PROVINCIAL: 1, Level.MUNICIPAL: 2, Level.COUNTY: 3}
_FILLABLE = ["title", "recipients", "body", "opinions", "contacts", "disclosure", "attachments"]


@dataclass
class ImportResult:
    """The chain outermost first, each notice beside what the text said of it."""

    chain: list[tuple[ParsedNotice, Notice]] = field(default_factory=list)
    created_notices: list[Notice] = field(default_factory=list)
    created_authorities: list[Authority] = field(default_factory=list)

    def as_json(self) -> list[dict]:
        numbers = [parsed.doc_number for parsed, _notice in self.chain] + [None]
        return [
            {
                "doc_number": parsed.doc_number,
                "issuer": parsed.issuer,
                "title": parsed.title or None,
                "recipients": parsed.recipients,
                "date": parsed.issued_on.isoformat() if parsed.issued_on else None,
                "forwards": numbers[n + 1],
            }
            for n, (parsed, _notice) in enumerate(self.chain)
        ]


@transaction.atomic
def notice_chain_import(*, text: str) -> ImportResult:
    """Create the notices of a forwarding document's text, innermost first.

    Raises UnreadableText (line and what was expected) before anything is written, or
    while writing inside the transaction, so a failed import leaves nothing behind.
    """
    result = ImportResult()
    inner: Notice | None = None
    for parsed in reversed(parse_chain(text)):
        superior = inner.issuer if inner else None
        issuer = _authority_resolve(parsed, superior=superior, result=result)
        inner = _notice_upsert(parsed, issuer=issuer, forwards=inner, result=result)
        result.chain.insert(0, (parsed, inner))
    return result


def _authority_find(name: str) -> Authority | None:
    key = authoritynames.name_key(name)
    variants = {name, key, key.replace("人力资源社会保障", "人力资源和社会保障")}
    found = Authority.objects.filter(name__in=variants).first()
    code = authoritynames.province_code(name)
    if found is None and code:
        found = Authority.objects.filter(level=Level.PROVINCIAL, division_code=code).first()
    return found


def _authority_resolve(
    parsed: ParsedNotice, *, superior: Authority | None, result: ImportResult
) -> Authority:
    name = parsed.issuer or ""
    found = _authority_find(name)
    if found is not None:
        return found
    level = authoritynames.level_of(name)
    if level is None:
        raise UnreadableText(
            parsed.line, "an issuer whose name tells its level (…部, …省…厅, …市…局, …县…局)", name
        )
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
    if level == Level.PROVINCIAL:
        return Authority.objects.filter(level=Level.NATIONAL, name="人力资源社会保障部").first()
    return None


def _notice_find(parsed: ParsedNotice, issuer: Authority) -> Notice | None:
    if parsed.doc_number:
        return Notice.objects.filter(doc_number=parsed.doc_number).first()
    return Notice.objects.filter(issuer=issuer, title=parsed.title).first()


def _notice_upsert(
    parsed: ParsedNotice, *, issuer: Authority, forwards: Notice | None, result: ImportResult
) -> Notice:
    values = _values(parsed)
    notice = _notice_find(parsed, issuer)
    if notice is None:
        notice = Notice(issuer=issuer, forwards=forwards, **values)
        doc_number_apply(notice, parsed.doc_number or "")
        notice.published_at = timezone.now() if notice.status == NoticeStatus.PUBLISHED else None
        notice.save()
        result.created_notices.append(notice)
        return notice
    return _notice_complete(notice, values, forwards)


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
        # A notice its issuer withholds from disclosure is not made public by an import.
        "status": NoticeStatus.DRAFT if withheld else NoticeStatus.PUBLISHED,
    }
