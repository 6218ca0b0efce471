"""QR codes of the signed verification links, for certificates to print (SVG and PNG).

The link is absolute, built on the SITE_URL setting, because a QR code is scanned far
from the site. The admin shows and offers the code (admin_qr.py); the
export_verification_qrcodes command writes the codes of many certificates to a ZIP file.
"""

import io

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from .models import IssuedCertificate
from .verification import verification_token

# Medium error correction survives a worn or slightly stained print.
ERROR_LEVEL = "m"


def verification_url(certificate: IssuedCertificate) -> str:
    """The absolute signed link that verifies `certificate`, e.g. for its QR code."""
    if not settings.SITE_URL:
        raise ImproperlyConfigured("SITE_URL must be set to make absolute verification links")
    relative = reverse("certificates:verify-link", args=[verification_token(certificate)])
    return settings.SITE_URL + relative


def verification_qr(certificate: IssuedCertificate) -> segno.QRCode:
    return segno.make(verification_url(certificate), error=ERROR_LEVEL)


def verification_qr_svg(certificate: IssuedCertificate, *, scale: int = 4) -> str:
    """The QR code as an inline <svg> element (no script, no style attribute)."""
    return verification_qr(certificate).svg_inline(scale=scale, title=certificate.number)


def verification_qr_file(certificate: IssuedCertificate, *, kind: str, scale: int = 8) -> bytes:
    """The QR code as a standalone file: kind "svg" or "png"."""
    out = io.BytesIO()
    verification_qr(certificate).save(out, kind=kind, scale=scale, border=4)
    return out.getvalue()
