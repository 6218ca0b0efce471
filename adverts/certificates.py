"""The one door from the advert check to the certificate check.

``check_certificate(name, issuer)`` answers the dict that ``GET /api/v1/certificate-check/``
will answer once the certificate check is rewritten (``certificates.checking.certificate_check
(...).as_dict()``): ``verdict`` (access, level_evaluation, retired, not_national, uncertain),
``certificate_kind``, ``licenses_work``, ``qualification``, ``candidates``, ``forbidden_wording``,
``warnings``, ``options``. Until then it is computed here from today's check
(:func:`certificates.verdicts.certificate_check`); a name that matches nothing certainly but
has close catalogue names is ``uncertain``, and a colloquial name (电工证) is ``uncertain``
with its meanings from ``colloquial_names.csv`` as the options.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.urls import reverse
from django.utils.translation import get_language

from catalogue.text import normalise
from certificates.explain import check_reason
from certificates.matching import index_keys
from certificates.rules import RULE_6_DOCUMENT, RULE_6_TEXT
from certificates.verdicts import CertificateCheck, Verdict, certificate_check, name_index

from .lexicon import colloquial_names

UNCERTAIN = "uncertain"
# Rule 6 as the certificate check quotes it, for the advert check's forbidden-wording finding.
__all__ = ["RULE_6_DOCUMENT", "RULE_6_TEXT", "UNCERTAIN", "check_certificate"]

_snapshot: ContextVar[object | None] = ContextVar("catalogue_snapshot", default=None)


@contextmanager
def one_catalogue() -> Iterator[None]:
    """Within it, every answer rests on the catalogue as it was when it began.

    The certificate check looks up the catalogue's version on every call; an advert naming
    forty certificates needs it once.
    """
    token = _snapshot.set(name_index())
    try:
        yield
    finally:
        _snapshot.reset(token)


def catalogue_version() -> object:
    """The catalogue's version (its name index), for caches that depend on its names."""
    return _snapshot.get() or name_index()


def name_forms(name: str) -> set[str]:
    """Every form under which the certificate check finds a catalogue name."""
    return index_keys(name)


def check_certificate(name: str, issuer: str = "") -> dict:
    """The certificate check's answer for one name (and issuer), as a JSON-ready dict.

    A fresh dict each time; its nested lists and dicts are shared with the cache, so a caller
    must not change them.
    """
    index = catalogue_version()
    if _answered_for.get("index") is not index:
        _cached.cache_clear()  # answers for an older catalogue are never needed again
        _answered_for["index"] = index
    return dict(_cached(index, get_language(), name, issuer))


_answered_for: dict[str, object] = {}


@lru_cache(maxsize=2048)
def _cached(_index: object, _language: str, name: str, issuer: str) -> dict:
    """Answers per catalogue version and language.

    ``name_index()`` returns a new index when the catalogue changes; the cache holds the index
    it was keyed on, so an old answer is never served for a new catalogue.
    """
    colloquial = _colloquial(name)
    if colloquial:
        return _colloquial_answer(name, issuer, colloquial)
    return _answer(certificate_check(name=name, issuer=issuer))


def _answer(check: CertificateCheck) -> dict:
    verdict = check.verdict.value
    if verdict == Verdict.NOT_NATIONAL and check.candidates:
        verdict = UNCERTAIN
    return {
        "name": check.name,
        "issuer": check.issuer,
        "verdict": verdict,
        "certificate_kind": _kind(check),
        "licenses_work": _licenses_work(verdict),
        "qualification": _reference(check.qualification),
        "candidates": [
            {**_reference(c.qualification), "matched_name": c.matched_name, "score": c.score}
            for c in check.candidates
        ],
        "forbidden_wording": check.forbidden_wording,
        "forbidden_words_in_name": check.wording.in_name,
        "forbidden_words_in_issuer": check.wording.in_issuer,
        "reason": check_reason(check),
        "warnings": [],
        "options": [],
    }


def _reference(qualification) -> dict | None:
    if qualification is None:
        return None
    url = reverse("catalogue:qualification-detail", args=[qualification.pk])
    return {"id": qualification.pk, "name": qualification.name, "url": url}


def _kind(check: CertificateCheck) -> str:
    if check.qualification is not None:
        return "national_qualification"
    folded = normalise(check.name)
    if "职业技能等级" in folded:
        return "skill_level_certificate"
    if "专项职业能力" in folded:
        return "special_ability_certificate"
    return "unknown"


def _licenses_work(verdict: str) -> bool | None:
    return {UNCERTAIN: None, Verdict.ACCESS.value: True}.get(verdict, False)


def _colloquial(name: str) -> list:
    folded = normalise(name)
    return next((m for key, m in colloquial_names().items() if normalise(key) == folded), [])


def _colloquial_answer(name: str, issuer: str, meanings: list) -> dict:
    options = [
        {
            "certificate": m.certificate,
            "issued_by": m.issued_by,
            "licenses_work": m.licenses_work,
            "catalogue_item": m.catalogue_item,
            "verification": m.verification,
        }
        for m in meanings
    ]
    return {
        "name": name,
        "issuer": issuer,
        "verdict": UNCERTAIN,
        "certificate_kind": "colloquial",
        "licenses_work": None,
        "qualification": None,
        "candidates": [],
        "forbidden_wording": False,
        "forbidden_words_in_name": [],
        "forbidden_words_in_issuer": [],
        "reason": "",
        "warnings": ["colloquial_name"],
        "options": options,
    }
