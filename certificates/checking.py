"""The certificate check: what a certificate is, the verdict, and what it rests on.

``certificate_check(name=…, issuer=…, issued_on=…, number=…)`` is the one answer the page,
the API, the bulk check, the advert check and catalogue search all use. It reads the title
words (certificates.kinds), colloquial names that mean several certificates, the catalogue
(certificates.matching over a snapshot, certificates.snapshot), and the exits and
cancellations the data knows, then applies the rules (certificates.rules). It says only what
the data establishes: a match that is not certain is ``uncertain`` with candidates and a
question, never ``not_national``.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import get_language

from catalogue.models import Edition, Kind, Qualification, Status
from catalogue.text import normalise

from . import explain
from .kinds import LICENCE_ITEMS, CertificateKind, read_title
from .matching import Candidate, Match, core, not_a_catalogue_name
from .occupations import Occupation, occupation_named
from .payload import moment
from .professions import items_for_profession
from .rules import (
    IssuerType,
    forbidden_wording_found,
    issuer_type,
    literal_forbidden_words,
    skill_level_number_problems,
    skill_level_title_is_exact,
    special_ability_title_names_an_occupation,
)
from .snapshot import ANSWER_MEMO, RetiredName, Snapshot, snapshot
from .verdicts import Verdict

MAX_NAME = 200
# A certificate issued as a 职业资格证书 after the 2020 exit began may be genuine only up to
# the batch's deadline; which batch an item was in is mostly unknown (exits.csv).
SKILLED_EXIT_START = date(2020, 9, 30)


@dataclass
class Warning:
    code: str
    message: str
    rule: str
    source: str
    words: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "rule": self.rule,
            "source": self.source,
        }


@dataclass(frozen=True)
class CandidateQualification:
    qualification: Qualification
    matched_name: str
    score: float
    law: str = ""  # the law naming the profession the name is of (certificates.professions)


@dataclass
class Option:
    """One certificate a colloquial name may mean."""

    certificate: str
    issued_by: str
    licenses_work: bool
    catalogue_item: Qualification | None
    verify_at: list[dict]
    verification: str


@dataclass
class CheckResult:
    name: str
    issuer: str
    issued_on: date | None
    number: str
    certificate_kind: CertificateKind = CertificateKind.UNKNOWN
    verdict: Verdict = Verdict.UNCERTAIN
    licenses_work: bool | None = None
    qualification: Qualification | None = None
    edition: Edition | None = None
    match_method: str = ""
    retired_name: RetiredName | None = None
    candidates: list[CandidateQualification] = field(default_factory=list)
    question: str = ""
    options: list[Option] = field(default_factory=list)
    verify_at: list[dict] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    validity: dict | None = None
    rests_on: dict = field(default_factory=dict)
    reason: str = ""
    next_step: str = ""
    occupation: str = ""
    licence_scope_unknown: bool = False
    retired_candidates: list[str] = field(default_factory=list)  # names of exits, cancellations
    checked_at: datetime = field(default_factory=timezone.now)
    data_version: str = ""

    @property
    def forbidden_wording(self) -> bool:
        return any(w.code == "forbidden_wording" for w in self.warnings)

    @property
    def certain(self) -> bool:
        return self.verdict != Verdict.UNCERTAIN

    @property
    def listed_in(self) -> list[int]:
        """The editions that list the matched qualification (or its item)."""
        q = self.qualification
        if q is None:
            return []
        entries = list(q.entries.all()) or list(q.parent.entries.all() if q.parent else [])
        return sorted({e.edition.year for e in entries})

    @property
    def item(self) -> Qualification | None:
        q = self.qualification
        return q.parent if q is not None and q.parent_id else q

    def as_dict(self) -> dict:
        """Exactly the API payload, as certificates.serializers.CertificateCheckSerializer
        documents it (built by hand: DRF serializers cost milliseconds per answer)."""
        from .payload import check_payload

        return check_payload(self)


def certificate_check(
    *, name: str, issuer: str = "", issued_on: date | None = None, number: str = ""
) -> CheckResult:
    """Answer what the certificate is, the verdict, where to verify it and the warnings."""
    snap = snapshot()
    result = CheckResult(name=name, issuer=issuer, issued_on=issued_on, number=number)
    result.data_version = _data_version(snap)
    title = read_title(name)
    if title.kind == CertificateKind.SKILL_LEVEL:
        _skill_level(result, snap, title.inner)
    elif title.kind == CertificateKind.SPECIAL_ABILITY:
        _special_ability(result, snap, title.inner)
    elif title.kind == CertificateKind.LICENCE:
        _qualification(result, snap, snap.item_named(title.licence_item), "licence_title")
    elif not _colloquial(result, snap, name):
        _catalogue(result, snap)
    _issuer_rules(result, snap)
    explain.explain(result, snap)
    return result


def certificate_check_answer(
    *, name: str, issuer: str = "", issued_on: date | None = None, number: str = ""
) -> dict:
    """The check API's answer: ``certificate_check(...).as_dict()`` with a fresh checked_at.

    Remembered per snapshot (so per catalogue version, like its name matches) and per
    language, for up to ANSWER_MEMO different queries: the same few names make most of the
    traffic, and building the answer again cost more than the rest of the request. What it
    rests on is the snapshot's, which a catalogue change replaces; the registry's "holds
    certificates of it" is the snapshot's too (Snapshot.in_registry), so nothing here is
    older than a fresh check would be.
    """
    snap = snapshot()
    key = (get_language(), name, issuer, issued_on, number)
    answer = snap.answers.get(key)
    if answer is None:
        result = certificate_check(name=name, issuer=issuer, issued_on=issued_on, number=number)
        answer = result.as_dict()
        if len(snap.answers) < ANSWER_MEMO:
            snap.answers[key] = answer
        return answer
    # Shared with other requests: a new outer dict, the rest only ever read.
    return {**answer, "checked_at": moment(timezone.now())}


def answer_qualification_ids(result: CheckResult) -> list[int]:
    """The catalogue items an answer names: the match, the options' items, the candidates.

    Catalogue search lists these, so a search finds what the check finds."""
    found = [result.qualification, *(o.catalogue_item for o in result.options)]
    found += [c.qualification for c in result.candidates]
    items = [(q.parent or q) for q in found if q is not None]
    return list(dict.fromkeys(q.pk for q in items))


def _data_version(snap: Snapshot) -> str:
    changed = (snap.version[0] or "").split("/", 1)[-1][:19]
    return f"{snap.data_version or '?'} ({changed})" if changed else snap.data_version


# ---- kinds --------------------------------------------------------------------------


def _skill_level(result: CheckResult, snap: Snapshot, occupation: str) -> None:
    """职业技能等级证书: "由经人力资源社会保障部门备案的用人单位和社会培训评价组织…颁发"; not a
    national qualification, never for access-type occupations."""
    result.certificate_kind = CertificateKind.SKILL_LEVEL
    result.verdict = Verdict.NOT_NATIONAL
    result.licenses_work = False
    result.occupation = occupation
    result.verify_at = services_for(snap, "职业技能等级证书")
    result.rests_on = {"document": "人社鉴发〔2021〕1号", "verification": "official"}
    if not skill_level_title_is_exact(result.name):
        result.warnings.append(explain.skill_level_title_warning(result))
    access = _access_occupation(snap, occupation)
    if access:
        result.warnings.append(explain.skill_level_access_warning(result, access))
    problems = skill_level_number_problems(
        result.number, result.issued_on.year if result.issued_on else None
    )
    if problems:
        result.warnings.append(explain.number_warning(result, problems))


def _access_occupation(snap: Snapshot, occupation: str) -> str:
    """The access-type licence an occupation needs, where the data names one."""
    if not occupation:
        return ""
    for row in _colloquial_rows(snap, occupation):
        if row.licenses_work:
            return row.certificate
    match = snap.match("catalogue", occupation)
    q = snap.qualifications.get(match.qualification_id) if match.certain else None
    if q is not None and not _retired(q) and _kind(q) == Kind.ACCESS:
        return str(q.parent or q)
    return ""


def _special_ability(result: CheckResult, snap: Snapshot, title: str) -> None:
    """专项职业能力证书: one skill unit, no levels; verified with the issuing province."""
    result.certificate_kind = CertificateKind.SPECIAL_ABILITY
    result.verdict = Verdict.NOT_NATIONAL
    result.licenses_work = False
    result.occupation = title
    result.rests_on = {"document": "人社部发〔2019〕90号", "verification": "secondary"}
    if special_ability_title_names_an_occupation(title):
        result.warnings.append(explain.special_ability_warning(result))


def _colloquial_rows(snap: Snapshot, name: str) -> list:
    """The colloquial names whose folded form or core is the name's, or its core, in the
    data's order."""
    folded = normalise(name)
    positions = set()
    for key in (folded, core(folded)):
        positions.update(snap.colloquial_keys.get(key, ()))
    return [snap.colloquial[position] for position in sorted(positions)]


def _colloquial(result: CheckResult, snap: Snapshot, name: str) -> bool:
    """电工证, 焊工证: one name, several certificates; uncertain until one is picked."""
    rows = _colloquial_rows(snap, name)
    if not rows:
        return False
    result.options = [_option(snap, row) for row in rows]
    result.verdict = Verdict.UNCERTAIN
    result.question = explain.WHICH_ONE
    match = snap.match("catalogue", name)
    if match.certain:
        q = snap.qualifications[match.qualification_id]
        result.candidates = [CandidateQualification(q, match.matched_name, 100.0)]
    result.rests_on = {"document": "data/colloquial_names.csv", "verification": "secondary"}
    return True


def _option(snap: Snapshot, row) -> Option:
    item_name = row.catalogue_item.split(":", 1)[-1].strip() if row.catalogue_item else ""
    item = snap.item_named(item_name) if item_name else None
    verify = services_for_item(snap, item) if item else services_for(snap, "职业技能等级证书")
    return Option(row.certificate, row.issued_by, row.licenses_work, item, verify, row.verification)


# ---- the catalogue -------------------------------------------------------------------

# Job names people put before 证 for the ministry licences (叉车证, 登高证): the data does not
# list the operations of 特种作业人员, 特种设备安全管理和作业人员 or 建筑施工特种作业人员, so such
# a name cannot be ruled out as one of them.
_OPERATOR_ENDINGS = ("司机", "操作工", "驾驶员", "操作员", "电工", "焊工", "司索工", "信号工")


def _may_be_a_licence(name: str) -> bool:
    folded = normalise(name)
    bare = core(folded)
    # 认证 is an organisation's certification (皮肤管理师认证), not a licence card.
    if bare.endswith("师") or folded.endswith("认证"):
        return False
    return (folded.endswith("证") and not folded.endswith("证书")) or bare.endswith(
        _OPERATOR_ENDINGS
    )


def _catalogue(result: CheckResult, snap: Snapshot) -> None:
    match = _unless_typo(snap.match("catalogue", result.name))
    if match.certain:
        q = snap.qualifications[match.qualification_id]
        _qualification(result, snap, q, match.method)
        return
    if not_a_catalogue_name(result.name):
        _unnamed(result, snap)
        return
    retired = _unless_typo(snap.match("retired", result.name))
    if retired.certain and _retired_is_certain(snap, result.name, retired, match):
        _retired_name(result, snap, snap.retired_names[retired.qualification_id])
        return
    result.retired_candidates = _retired_candidates(snap, retired)
    occupation = occupation_named(snap.occupations, result.name)
    if occupation is not None:
        _occupation(result, snap, occupation)
        return
    _unmatched(result, snap, match)


def _unless_typo(match: Match) -> Match:
    """A name one or two characters off a catalogue name (中式烹饪师 and 中式烹调师, 注册会记师)
    is not that name in the data: a candidate to confirm, never a verdict on its own."""
    if match.method != "typo":
        return match
    return Match(None, candidates=[Candidate(match.qualification_id, match.matched_name, 90.0)])


def _occupation(result: CheckResult, snap: Snapshot, occupation: Occupation) -> None:
    """A recognised occupation, not a qualification (certificates.occupations)."""
    result.certificate_kind = CertificateKind.OCCUPATION
    result.verdict = Verdict.NOT_NATIONAL
    result.licenses_work = False
    result.occupation = occupation.name
    result.edition = snap.current_edition
    result.verify_at = services_for(snap, "职业技能等级证书")
    result.rests_on = {
        "edition": result.edition.year if result.edition else None,
        "document": occupation.source,
        "verification": occupation.verification,
        "announced": occupation.announced,
    }


def _retired_is_certain(snap: Snapshot, name: str, retired: Match, match: Match) -> bool:
    """A retired name found only through the bare core of what was typed is not certain when
    a listed name holds that core too: 中级会计 is a grade of 会计专业技术资格 as much as it
    is like the old 会计从业资格; 会计从业资格证 names the old one in full."""
    row = snap.retired_names[retired.qualification_id]
    if normalise(row.name.split("（")[0]) in normalise(name):
        return True
    bare = core(normalise(name))
    return not any(bare in normalise(c.name) for c in match.candidates)


def _retired_candidates(snap: Snapshot, retired: Match) -> list[str]:
    """Names of exits and cancellations close to the name: never not_national beside them."""
    if retired.certain:
        return [snap.retired_names[retired.qualification_id].name]
    return [snap.retired_names[c.qualification_id].name for c in retired.candidates]


def _unnamed(result: CheckResult, snap: Snapshot) -> None:
    """A name the catalogue's Chinese names cannot rule out: Latin letters (CATTI, SHRM-CP)
    or only generic words (国家职业资格证书). Never not_national on such a name."""
    result.verdict = Verdict.UNCERTAIN
    result.question = explain.WHICH_QUALIFICATION
    result.edition = snap.current_edition
    result.rests_on = {
        "edition": result.edition.year if result.edition else None,
        "document": result.edition.announcing_document if result.edition else "",
        "verification": "",
    }


def _unmatched(result: CheckResult, snap: Snapshot, match: Match) -> None:
    result.candidates = _candidates(snap, match.candidates)
    named = {c.qualification.pk for c in result.candidates}
    result.candidates += [
        c for c in _profession_candidates(snap, result) if c.qualification.pk not in named
    ]
    operator = core(normalise(result.name)).endswith(_OPERATOR_ENDINGS)
    if _may_be_a_licence(result.name) and (operator or not result.candidates):
        # An operator's job may be a ministry licence whatever else it is like (建筑电工).
        named = {c.qualification.pk for c in result.candidates}
        result.candidates += [
            CandidateQualification(q, q.name, 0.0)
            for q in map(snap.item_named, LICENCE_ITEMS)
            if q is not None and q.pk not in named
        ]
        result.licence_scope_unknown = True
    if result.candidates or result.retired_candidates:
        result.verdict = Verdict.UNCERTAIN
        result.question = explain.WHICH_ONE if result.licence_scope_unknown else explain.WHICH_NAME
    else:
        result.verdict = Verdict.NOT_NATIONAL
        result.licenses_work = False
    edition = result.edition = snap.current_edition
    result.rests_on = {
        "edition": edition.year if edition else None,
        "document": edition.announcing_document if edition else "",
        "verification": "",
    }


def _profession_candidates(snap: Snapshot, result: CheckResult) -> list:
    """Items whose law names the profession the name is of (律师执业证书 → 法律职业资格)."""
    found = items_for_profession(snap.professions, core(normalise(result.name)))
    return [
        CandidateQualification(snap.qualifications[pk], snap.qualifications[pk].name, 0.0, law)
        for pk, law in found.items()
        if pk in snap.qualifications
    ]


def _candidates(snap: Snapshot, found: list[Candidate]) -> list:
    return [
        CandidateQualification(snap.qualifications[c.qualification_id], c.name, c.score)
        for c in found
        if c.qualification_id in snap.qualifications
    ]


def _retired(q: Qualification) -> bool:
    item = q.parent or q
    return Status.RETIRED in (q.status, item.status)


def _kind(q: Qualification) -> str:
    entries = list(q.entries.all()) or list(q.parent.entries.all() if q.parent else [])
    kind = entries[0].kind if entries else ""
    return kind or q.kind or (q.parent.kind if q.parent else "")


def _entry(q: Qualification):
    entries = list(q.entries.all()) or list(q.parent.entries.all() if q.parent else [])
    return entries[0] if entries else None


def _qualification(result: CheckResult, snap: Snapshot, q: Qualification | None, method: str):
    if q is None:  # a licence item the loaded catalogue lacks
        result.verdict = Verdict.UNCERTAIN
        return
    result.qualification = q
    result.match_method = method
    item = q.parent or q
    result.certificate_kind = (
        CertificateKind.LICENCE if item.name in LICENCE_ITEMS else CertificateKind.QUALIFICATION
    )
    entry = _entry(q)
    result.edition = snap.current_edition
    if _retired(q):
        result.verdict = Verdict.RETIRED
        result.licenses_work = False
        result.validity = _validity(result, q if q.is_retired else item)
    else:
        kind = _kind(q)
        result.verdict = Verdict.ACCESS if kind == Kind.ACCESS else Verdict.LEVEL_EVALUATION
        result.licenses_work = kind == Kind.ACCESS
        result.edition = entry.edition if entry else snap.current_edition
    result.rests_on = {
        "edition": entry.edition.year if entry else None,
        "document": entry.edition.announcing_document if entry else (q.retirement_document),
        "verification": (entry.verification if entry else "") or q.verification,
        "reconstructed": bool(entry and entry.verification == "reconstructed"),
        "seq": entry.seq if entry else None,
    }
    result.verify_at = services_for_item(snap, q)


def _validity(result: CheckResult, retired: Qualification) -> dict:
    """Retired is not invalid: the issue date decides (research §3.1)."""
    left_on = retired.retired_on
    issued = result.issued_on
    skilled_exit = "2020年分两批" in retired.retirement_reason
    before = "继续有效" in retired.retirement_reason
    status = None
    if issued and left_on:
        if skilled_exit and SKILLED_EXIT_START < issued <= left_on:
            status = "unknown"
        else:
            status = "before_exit" if issued <= left_on else "after_exit"
    if status == "after_exit":
        result.warnings.append(explain.issued_after_exit_warning(result, retired))
    return {
        "left_on": left_on,
        "document": retired.retirement_document,
        "reason": retired.retirement_reason,
        "certificates_issued_before": (
            "继续有效，可作为持证者职业能力水平的证明" if before else ""
        ),
        "issued_while_listed": {"before_exit": True, "after_exit": False}.get(status),
    }


def _retired_name(result: CheckResult, snap: Snapshot, row: RetiredName) -> None:
    result.retired_name = row
    result.certificate_kind = CertificateKind.QUALIFICATION
    result.verdict = Verdict.RETIRED
    result.licenses_work = False
    result.rests_on = {"document": row.document, "verification": row.verification}
    issued, left_on = result.issued_on, row.left_on
    status = None
    if issued and left_on:
        status = issued <= left_on
        if not status:
            result.warnings.append(explain.issued_after_exit_warning(result, None))
    result.validity = {
        "left_on": left_on,
        "document": row.document,
        "reason": row.rule,
        "certificates_issued_before": row.certificates_issued_before,
        "issued_while_listed": status,
    }


# ---- where to verify -----------------------------------------------------------------

_SERVICE_KIND = {
    "特种作业人员": "特种作业操作证",
    "特种设备安全管理和作业人员": "特种设备安全管理和作业人员证",
    "建筑施工特种作业人员": "建筑施工特种作业证（住建）",
}


def services_for(snap: Snapshot, kind: str) -> list[dict]:
    """The official services for a kind of certificate (verification_services.csv)."""
    found = []
    for row in snap.services:
        kinds = [k.strip() for k in row.certificate_kind.split("|")]
        if not any(k == kind or k.startswith(kind + "（") for k in kinds):
            continue
        for url in (u.strip() for u in row.url.split("|")):
            found.append(
                {
                    "name": row.service_name or row.run_by or url,
                    "url": url if url.startswith("http") else f"http://{url}",
                    "what_to_enter": row.what_to_enter,
                }
            )
    return found


def services_for_item(snap: Snapshot, q: Qualification) -> list[dict]:
    item = q.parent or q
    registry = [explain.registry_service()] if snap.in_registry({q.pk, item.pk}) else []
    if item.name in _SERVICE_KIND:
        return registry + services_for(snap, _SERVICE_KIND[item.name])
    if item.category == "professional-technical":
        return registry + services_for(snap, "专业技术人员职业资格证书")
    return registry + services_for(snap, "技能人员职业资格证书")


# ---- issuer rules --------------------------------------------------------------------


def _issuer_rules(result: CheckResult, snap: Snapshot) -> None:
    kind = issuer_type(result.issuer)
    if result.qualification is not None and result.issuer:
        departments = explain.departments_of(result.qualification)
        own_name = core(normalise(result.item.name)) if result.item.name else ""
        if len(own_name) >= 3 and own_name in normalise(result.issuer):
            pass  # a body named after the qualification (注册会计师协会), as its law may provide
        elif departments and not _issuer_is_department(result.issuer, departments):
            result.warnings.append(explain.issuer_warning(result, departments))
        elif not departments and kind == IssuerType.OTHER:
            result.warnings.append(explain.issuer_not_government_warning(result))
    in_name, in_issuer = _forbidden_wording(result, kind, literal_forbidden_words(snap.forbidden))
    if in_name or in_issuer:
        result.warnings.append(explain.forbidden_wording_warning(result, in_name, in_issuer))


def _forbidden_wording(result: CheckResult, kind: IssuerType, rows) -> tuple[list, list]:
    """The wording flag depends on the issuer (research §4.3): none for government bodies,
    whose certificates legitimately carry 中华人民共和国; a registered evaluation organisation
    is entitled to 职业技能等级 and its own (registered) name; anyone else to none of them."""
    certificate = result.certificate_kind
    if kind == IssuerType.GOVERNMENT:
        return [], []
    if kind == IssuerType.UNKNOWN and (
        certificate in (CertificateKind.QUALIFICATION, CertificateKind.LICENCE)
        or result.verdict == Verdict.UNCERTAIN
        or certificate == CertificateKind.SPECIAL_ABILITY
    ):
        return [], []
    if certificate == CertificateKind.SKILL_LEVEL:
        return forbidden_wording_found(result.name, rows, entitled=("职业技能等级",)), []
    in_name = forbidden_wording_found(result.name, rows)
    in_issuer = forbidden_wording_found(result.issuer, rows) if kind == IssuerType.OTHER else []
    return in_name, in_issuer


def _issuer_is_department(issuer: str, departments: list[str]) -> bool:
    """Whether the issuer's name is (a local office of) an implementing department. An
    association or company is one only where the catalogue names 行业协会 among them."""
    associations = any("协会" in d or "学会" in d for d in departments)
    if issuer_type(issuer) == IssuerType.OTHER:
        return associations
    folded = normalise(issuer).replace("人力资源和社会保障", "人力资源社会保障")
    folded = folded.replace("人社", "人力资源社会保障")
    for department in departments:
        key = normalise(department)
        for suffix in ("总局", "委员会", "部", "局", "厅", "署", "办公室"):
            key = key.removesuffix(suffix)
        if key and key in folded:
            return True
    return False
