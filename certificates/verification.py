"""Verifying one issued certificate: by number and holder, or by a signed link.

The answer reveals nothing the asker did not give beyond the qualification, the issuer, the
date of issue and the status; a wrong name and an unknown number give the same answer.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.core.cache import cache

from .identity import identity_hmac, same_holder_name
from .models import CertificateStatus, IssuedCertificate

LINK_SALT = "certificates.verification-link"


class Outcome(StrEnum):
    VALID = CertificateStatus.VALID.value
    REVOKED = CertificateStatus.REVOKED.value
    EXPIRED = CertificateStatus.EXPIRED.value
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    certificate: IssuedCertificate | None = None


NOT_FOUND = Verification(Outcome.NOT_FOUND)


def certificate_verify(
    *, number: str, holder_name: str = "", identity_number: str = ""
) -> Verification:
    """The certificate with this number whose holder has this name or identity number."""
    digest = identity_hmac(identity_number) if identity_number else ""
    for certificate in _numbered(number):
        if _same_holder(certificate, holder_name, digest):
            return Verification(Outcome(certificate.status), certificate)
    return NOT_FOUND


def _numbered(number: str):
    """Certificates with this number however typed: one exact match on the stored key."""
    return IssuedCertificate.objects.numbered(number)


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


def _same_holder(certificate: IssuedCertificate, holder_name: str, digest: str) -> bool:
    if digest:
        return bool(certificate.holder_identity_hmac) and signing.constant_time_compare(
            digest, certificate.holder_identity_hmac
        )
    return bool(holder_name) and same_holder_name(holder_name, certificate.holder_name)


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
