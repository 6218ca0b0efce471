"""Keys and limits for the rate limits of the public check and verification, and the
light reading of a verification request.

The check API counts DRF's API rates in one cache round trip, in counters of its own
(CheckRateThrottle, portal.throttling.OneTripRateThrottle's).
Verification is limited per client IP (CERTIFICATE_VERIFY_RATE) and also per certificate
number asked about (CERTIFICATE_VERIFY_NUMBER_RATE), so that neither numbers from one
address nor holders' names for one number can be tried at length. Both are counted in one
Redis round trip (portal/ratelimits.py), the address first.
"""

import json
import re

from django.http import HttpRequest

from portal.ratelimits import Limit
from portal.throttling import OneTripRateThrottle

from .numbers import certificate_number_normalise

# A verification request is three short strings: anything bigger goes to the full parser.
LIGHT_BODY_MAX_BYTES = 2048
_NOT_PLAIN = re.compile("[\x00\ud800-\udfff]")  # what DRF's CharField refuses
_FIELDS = {"number": 64, "holder_name": 100, "identity_number": 40}  # and their max_length


def json_body(request: HttpRequest) -> dict | None:
    """The JSON object a small verification POST carries, read once; None for anything else."""
    if hasattr(request, "verification_body"):
        return request.verification_body
    body = None
    if request.content_type == "application/json":
        try:
            if int(request.META.get("CONTENT_LENGTH") or 0) <= LIGHT_BODY_MAX_BYTES:
                body = json.loads(request.body)
        except (ValueError, RecursionError):
            body = None
    request.verification_body = body if isinstance(body, dict) else None
    return request.verification_body


def light_verification_request(body: dict) -> dict | None:
    """The fields of a plainly valid request, as CertificateVerificationRequestSerializer
    would give them; None when the serializer has to say what is wrong (or coerce a value).
    """
    given = {}
    for field, max_length in _FIELDS.items():
        value = body.get(field, "" if field != "number" else None)
        if not isinstance(value, str):
            return None
        if field in body:
            value = value.strip()
            if not value or len(value) > max_length or _NOT_PLAIN.search(value):
                return None
        given[field] = value
    if not (given["holder_name"] or given["identity_number"]):
        return None
    return given


def number_asked(group: str, request) -> str:
    """The certificate number in a verification request (form or JSON body)."""
    if hasattr(request, "data"):
        data = request.data
    else:
        data = json_body(request) if request.content_type == "application/json" else None
        data = request.POST if data is None else data
    number = data.get("number", "") if hasattr(data, "get") else ""
    # Normalised: "cpa-2020-1" and "CPA20201" name one certificate and share one limit.
    return certificate_number_normalise(str(number))[:64]


VERIFY_LIMITS = (
    Limit("certificates-verify", "CERTIFICATE_VERIFY_RATE"),
    Limit("certificates-verify-number", "CERTIFICATE_VERIFY_NUMBER_RATE", key=number_asked),
)


class CheckRateThrottle(OneTripRateThrottle):
    """The check API's own counters, apart from the rest of the API's."""

    bucket = "check"
