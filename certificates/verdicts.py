"""The verdict on a certificate's name (and issuer): is it a national qualification?

``certificate_check(name=…, issuer=…)`` matches the name against the catalogue
(:mod:`certificates.matching`) and answers one verdict — access-type, level-evaluation,
retired, or not a national qualification — with what it rests on, and flags the forbidden
wording of rule 6 on a certificate that is not a national qualification.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Max

from catalogue.models import Alias, Edition, EditionEntry, Kind, Qualification, Status

from .matching import Candidate, IndexedName, Match, NameIndex, Source
from .models import IssuedCertificate
from .rules import ForbiddenWording, rule_6_forbidden_wording, rule_6_report_url


class Verdict(StrEnum):
    ACCESS = "access"
    LEVEL_EVALUATION = "level_evaluation"
    RETIRED = "retired"
    NOT_NATIONAL = "not_national"


class VerifyAt(StrEnum):
    REGISTRY = "registry"  # certificates of this kind are loaded in this portal
    DEPARTMENT = "department"  # the implementing departments our data names
    UNKNOWN = "unknown"  # the implementing department, which our data does not name


@dataclass
class CandidateQualification:
    qualification: Qualification
    matched_name: str
    score: float


@dataclass
class CertificateCheck:
    name: str
    issuer: str
    verdict: Verdict
    match: Match
    qualification: Qualification | None = None
    edition: Edition | None = None
    entry: EditionEntry | None = None
    current_edition: Edition | None = None
    listed_in: list[int] = field(default_factory=list)
    wording: ForbiddenWording = ForbiddenWording([], [])
    verify_at: VerifyAt = VerifyAt.UNKNOWN
    departments: list[str] = field(default_factory=list)
    candidates: list[CandidateQualification] = field(default_factory=list)

    @property
    def item(self) -> Qualification | None:
        """The catalogue item: the qualification itself, or the item of a sub-item."""
        q = self.qualification
        return q.parent if q is not None and q.parent_id else q

    @property
    def forbidden_wording(self) -> bool:
        """Rule 6 applies to certificates that are not national qualifications."""
        return self.verdict == Verdict.NOT_NATIONAL and self.wording.found

    @property
    def report_url(self) -> str:
        return rule_6_report_url(name=self.name, issuer=self.issuer)

    @property
    def current_edition_incomplete(self) -> bool:
        """Whether our record of the current edition lacks items the official one has."""
        edition = self.current_edition
        return edition is not None and _item_count(edition) < edition.official_total


def certificate_check(*, name: str, issuer: str = "") -> CertificateCheck:
    """Match the name and give the verdict, its grounds and the rule 6 wording check."""
    match = name_index().match(name)
    check = CertificateCheck(name=name, issuer=issuer, verdict=Verdict.NOT_NATIONAL, match=match)
    check.current_edition = Edition.objects.order_by("-year").first()
    check.edition = check.current_edition
    check.wording = rule_6_forbidden_wording(name=name, issuer=issuer)
    check.candidates = _candidates(match.candidates)
    if match.certain:
        _rest_on_qualification(check, _qualification(match.qualification_id))
    return check


def _rest_on_qualification(check: CertificateCheck, qualification: Qualification) -> None:
    check.qualification = qualification
    entries = _entries(qualification)
    check.listed_in = sorted({e.edition.year for e in entries})
    check.entry = entries[0] if entries else None
    check.verdict = _verdict(qualification, check.entry)
    if check.verdict != Verdict.RETIRED and check.entry:
        check.edition = check.entry.edition
    check.departments = [d.name for d in _departments(qualification)]
    check.verify_at = _verify_at(qualification, check.departments)


def _verdict(qualification: Qualification, entry: EditionEntry | None) -> Verdict:
    item = qualification.parent or qualification
    if Status.RETIRED in (qualification.status, item.status):
        return Verdict.RETIRED
    kind = (entry.kind if entry else "") or qualification.kind or item.kind
    return Verdict.ACCESS if kind == Kind.ACCESS else Verdict.LEVEL_EVALUATION


def _entries(qualification: Qualification) -> list[EditionEntry]:
    """Its entries (or its item's), latest edition first."""
    ids = [qualification.pk, qualification.parent_id]
    entries = EditionEntry.objects.filter(qualification_id__in=[i for i in ids if i])
    entries = entries.select_related("edition").order_by("-edition__year")
    own = [e for e in entries if e.qualification_id == qualification.pk]
    return own or list(entries)


def _departments(qualification: Qualification):
    own = list(qualification.departments.all())
    return own or (list(qualification.parent.departments.all()) if qualification.parent else [])


def _verify_at(qualification: Qualification, departments: list[str]) -> VerifyAt:
    if IssuedCertificate.objects.filter(qualification_id=qualification.pk).exists():
        return VerifyAt.REGISTRY
    return VerifyAt.DEPARTMENT if departments else VerifyAt.UNKNOWN


def _qualification(pk: int) -> Qualification:
    related = ("parent", "retirement_batch", "successor", "parent__retirement_batch")
    return Qualification.objects.select_related(*related).get(pk=pk)


def _candidates(found: list[Candidate]) -> list[CandidateQualification]:
    by_pk = Qualification.objects.select_related("parent").in_bulk(
        [c.qualification_id for c in found]
    )
    return [
        CandidateQualification(by_pk[c.qualification_id], c.name, c.score)
        for c in found
        if c.qualification_id in by_pk
    ]


def _item_count(edition: Edition) -> int:
    return edition.entries.items().count()


_cache: dict[str, tuple[tuple, NameIndex]] = {}


def name_index() -> NameIndex:
    """The index of every catalogue name, rebuilt when the catalogue changes."""
    version = _catalogue_version()
    cached = _cache.get("index")
    if cached is None or cached[0] != version:
        cached = (version, NameIndex(_catalogue_names()))
        _cache["index"] = cached
    return cached[1]


def _catalogue_version() -> tuple:
    parts = (
        Qualification.objects.aggregate(n=Count("id"), at=Max("updated_at")),
        Alias.objects.aggregate(n=Count("id"), last=Max("id")),
        EditionEntry.objects.aggregate(n=Count("id"), last=Max("id")),
    )
    return tuple(tuple(sorted(p.items())) for p in parts)


def _catalogue_names():
    rows = Qualification.objects.values_list("id", "name", "status", "parent_id", "parent__status")
    listed = {}
    for pk, name, status, parent_id, parent_status in rows:
        listed[pk] = Status.RETIRED not in (status, parent_status)
        yield IndexedName(pk, name, Source.SUB_ITEM if parent_id else Source.NAME, listed[pk])
    for pk, name in Alias.objects.values_list("qualification_id", "name"):
        yield IndexedName(pk, name, Source.ALIAS, listed.get(pk, True))
    for pk, name in EditionEntry.objects.values_list("qualification_id", "name"):
        yield IndexedName(pk, name, Source.EDITION, listed.get(pk, True))
