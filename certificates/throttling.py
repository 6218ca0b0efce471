"""Keys for the rate limits of the public check and verification.

Verification is limited per client IP (CERTIFICATE_VERIFY_RATE) and also per certificate
number asked about (CERTIFICATE_VERIFY_NUMBER_RATE), so that neither numbers from one
address nor holders' names for one number can be tried at length.
"""

from .numbers import certificate_number_normalise


def number_asked(group: str, request) -> str:
    """The certificate number in a verification request (form or JSON body)."""
    data = request.data if hasattr(request, "data") else request.POST
    number = data.get("number", "") if hasattr(data, "get") else ""
    # Normalised: "cpa-2020-1" and "CPA20201" name one certificate and share one limit.
    return certificate_number_normalise(str(number))[:64]
