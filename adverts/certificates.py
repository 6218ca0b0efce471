"""The one door from the advert check to the certificate check.

``check_certificate(name, issuer)`` is ``certificates.checking.certificate_check(...)``'s
answer as ``GET /api/v1/certificate-check/`` gives it (``verdict``, ``certificate_kind``,
``licenses_work``, ``qualification``, ``candidates``, ``forbidden_wording``, ``warnings``,
``options`` …), plus what the advert check reads besides: the ``name`` and ``issuer`` asked,
the check's ``reason``, the forbidden words found in the certificate's own name
(``forbidden_words_in_name``) and, for a colloquial name with several meanings,
``certificate_kind`` ``"colloquial"``; and for an uncertain answer, which of its candidates
are current national qualifications (``national_candidates``) and which have left the
catalogue (``retired_candidates``).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.utils.translation import get_language

from catalogue.models import Status
from certificates.checking import certificate_check
from certificates.matching import index_keys
from certificates.rules import (
    RULE_6_DOCUMENT,
    RULE_6_TEXT,
    IssuerType,
    forbidden_wording_found,
    issuer_type,
    literal_forbidden_words,
)
from certificates.snapshot import snapshot

UNCERTAIN = "uncertain"
__all__ = [
    "RULE_6_DOCUMENT",
    "RULE_6_TEXT",
    "UNCERTAIN",
    "body_is_government",
    "check_certificate",
    "forbidden_marks",
    "forbidden_words_in",
]

_snapshot: ContextVar[object | None] = ContextVar("catalogue_snapshot", default=None)


@contextmanager
def one_catalogue() -> Iterator[None]:
    """Within it, every answer rests on the catalogue as it was when it began (the
    certificate check asks for the catalogue's version on every call; an advert naming forty
    certificates needs it once)."""
    token = _snapshot.set(snapshot())
    try:
        yield
    finally:
        _snapshot.reset(token)


def _current():
    return _snapshot.get() or snapshot()


def catalogue_version() -> tuple:
    """The version of the certificate check's snapshot, for caches that depend on its names."""
    return _current().version


def name_forms(name: str) -> set[str]:
    """Every form under which the certificate check finds a catalogue name."""
    return index_keys(name)


def check_certificate(name: str, issuer: str = "") -> dict:
    """The certificate check's answer for one name (and issuer), as a JSON-ready dict.

    A fresh dict each time; its nested lists and dicts are shared with the cache, so a caller
    must not change them.
    """
    return dict(_cached(catalogue_version(), get_language(), name, issuer))


@lru_cache(maxsize=2048)
def _cached(_version: tuple, _language: str, name: str, issuer: str) -> dict:
    """Answers per catalogue version and language: a new version is a new key, so an old
    answer is never served for a new catalogue."""
    snap = _current()
    result = certificate_check(name=name, issuer=issuer)
    answer = {**result.as_dict(), "name": name, "issuer": issuer, "reason": result.reason}
    if result.options:
        answer["certificate_kind"] = "colloquial"
    # What an uncertain answer's candidates are: current national qualifications, or names
    # that have left the catalogue (exits, cancellations) — the check computes both.
    current = [c for c in result.candidates if not _left_catalogue(c.qualification)]
    answer["national_candidates"] = [c.matched_name or c.qualification.name for c in current]
    retired = [c.matched_name for c in result.candidates if _left_catalogue(c.qualification)]
    answer["retired_candidates"] = list(dict.fromkeys([*result.retired_candidates, *retired]))
    rows = forbidden_wording_found(name, literal_forbidden_words(snap.forbidden))
    words = [row.text.split("（")[0] for row in rows] if result.forbidden_wording else []
    answer["forbidden_words_in_name"] = words
    return answer


def _left_catalogue(q) -> bool:
    item = q.parent or q
    return Status.RETIRED in (q.status, item.status)


def forbidden_words_in(text: str) -> list[str]:
    """The words a non-government certificate may not carry (forbidden_wording.csv: the 2017
    list and its 2022 widening) found in ``text``, as the certificate check reads them."""
    rows = forbidden_wording_found(text, literal_forbidden_words(_current().forbidden))
    return [row.text.split("（")[0] for row in rows]


def forbidden_marks() -> tuple[str, ...]:
    """The marks (not words) forbidden_wording.csv lists for certificates: 国徽, 政府部门徽标 …"""
    rows = _current().forbidden
    marks = [r.text for r in rows if r.applies_to != "advert" and r.note.startswith("A mark")]
    return tuple(dict.fromkeys(marks))


def body_is_government(name: str) -> bool:
    """Whether a body's name says it is a government department or its 鉴定中心 / exam centre
    (the certificate check's reading of an issuer, research §4.3)."""
    return issuer_type(name) == IssuerType.GOVERNMENT
