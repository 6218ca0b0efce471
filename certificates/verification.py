"""Verifying one issued certificate: by number and holder, or by a signed link.

The answer reveals nothing the asker did not give beyond the qualification, the issuer, the
date of issue and the status; a wrong name and an unknown number give the same answer.
"""

import functools
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.core import signing
from django.core.cache import cache
from django.db import connections, router

from .identity import identity_hmac, same_holder_name
from .models import CertificateStatus, IssuedCertificate
from .numbers import certificate_number_normalise
from .payload import qualification_ref

LINK_SALT = "certificates.verification-link"


class Outcome(StrEnum):
    VALID = CertificateStatus.VALID.value
    REVOKED = CertificateStatus.REVOKED.value
    EXPIRED = CertificateStatus.EXPIRED.value
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class VerifiedQualification:
    pk: int
    name: str

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class VerifiedCertificate:
    """What a verification may show of a certificate (no holder), read without the ORM."""

    status: str
    issuer: str
    issued_on: date
    qualification: VerifiedQualification

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    certificate: IssuedCertificate | VerifiedCertificate | None = None


NOT_FOUND = Verification(Outcome.NOT_FOUND)


def certificate_verify(
    *, number: str, holder_name: str = "", identity_number: str = ""
) -> Verification:
    """The certificate with this number whose holder has this name or identity number."""
    digest = identity_hmac(identity_number) if identity_number else ""
    for status, name, hmac, issuer, issued_on, qualification_id, qualification_name in _rows(
        number
    ):
        if _same_holder(name, hmac, holder_name, digest):
            qualification = VerifiedQualification(qualification_id, qualification_name)
            certificate = VerifiedCertificate(status, issuer, issued_on, qualification)
            return Verification(Outcome(status), certificate)
    return NOT_FOUND


def verification_answer(result: Verification) -> dict:
    """The API's answer (CertificateVerificationSerializer's fields), built without DRF."""
    certificate = result.certificate
    if certificate is None:
        return {
            "outcome": result.outcome.value,
            "qualification": None,
            "issuer": None,
            "issued_on": None,
        }
    return {
        "outcome": result.outcome.value,
        "qualification": qualification_ref(certificate.qualification),
        "issuer": certificate.issuer,
        "issued_on": certificate.issued_on.isoformat(),
    }


def _numbered(number: str):
    """Certificates with this number however typed: the ONE lookup of verification, one
    exact match on the stored key (IssuedCertificate.objects.numbered)."""
    return IssuedCertificate.objects.numbered(number)


_COLUMNS = (
    *("status", "holder_name", "holder_identity_hmac", "issuer", "issued_on"),
    *("qualification_id", "qualification__name"),
)
# A stand-in for the number while the query is compiled: already a key, so `numbered()`
# leaves it as it is and it is found again among the params.
_STAND_IN = "QZ0VERIFYSTANDIN0"


@functools.cache
def _compiled(alias: str) -> tuple[str, tuple, int] | None:
    """The SQL of `_numbered(...).values_list(*_COLUMNS)`, compiled once per process.

    The ORM compiling the same query on every verification cost more than the database
    answering it. None when the number does not reach the query as a plain parameter (then
    the ORM is asked each time, as before).
    """
    query = _numbered(_STAND_IN).values_list(*_COLUMNS).query
    sql, params = query.get_compiler(alias).as_sql()
    if list(params).count(_STAND_IN) != 1:
        return None
    return sql, tuple(params), list(params).index(_STAND_IN)


def _rows(number: str):
    """(status, holder name, identity HMAC, issuer, issued on, qualification id and name)."""
    alias = router.db_for_read(IssuedCertificate)
    compiled = _compiled(alias)
    if compiled is None:
        return list(_numbered(number).using(alias).values_list(*_COLUMNS))
    sql, params, position = compiled
    params = list(params)
    params[position] = certificate_number_normalise(number)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def loaded_issuers() -> list[str]:
    """The issuing bodies whose certificates are loaded, for "not found" to name them.

    A distinct over millions of rows is slow, so the list is cached for a few minutes.
    """
    return cache.get_or_set(
        "certificates:loaded-issuers",
        lambda: list(
            IssuedCertificate.objects.order_by("issuer").values_list("issuer", flat=True).distinct()
        ),
        ISSUERS_CACHE_SECONDS,
    )


ISSUERS_CACHE_SECONDS = 300


def _same_holder(name: str, hmac: str, holder_name: str, digest: str) -> bool:
    if digest:
        return bool(hmac) and signing.constant_time_compare(digest, hmac)
    return bool(holder_name) and same_holder_name(holder_name, name)


def verification_token(certificate: IssuedCertificate) -> str:
    """A signed, unguessable token naming the certificate, for the QR code printed on it.

    Not timestamped: a certificate lasts years; a revoked one answers "revoked".
    """
    return signing.dumps(certificate.pk, salt=LINK_SALT)


def certificate_verify_token(token: str) -> Verification | None:
    """The same answer as certificate_verify for a signed link; None when forged."""
    try:
        pk = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    certificate = IssuedCertificate.objects.select_related("qualification")
    certificate = certificate.filter(pk=pk).first() if isinstance(pk, int) else None
    return Verification(Outcome(certificate.status), certificate) if certificate else NOT_FOUND
