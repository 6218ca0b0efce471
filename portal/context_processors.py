"""The operator details every page's footer shows (settings SITE_*)."""

import re
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"site": site_details()}


def site_details() -> SimpleNamespace:
    """Who runs this install and how to reach them; empty where the operator has not said."""
    return SimpleNamespace(
        operator=settings.SITE_OPERATOR_NAME,
        email=settings.SITE_CONTACT_EMAIL,
        phone=settings.SITE_CONTACT_PHONE,
        address=settings.SITE_CONTACT_ADDRESS,
        hotline=settings.SITE_HOTLINE,
        icp=settings.SITE_ICP_RECORD,
        psb=settings.SITE_PSB_RECORD,
        # The public-security record's link names the record by its digits.
        psb_code="".join(re.findall(r"\d", settings.SITE_PSB_RECORD)),
        identifier=settings.SITE_IDENTIFIER_CODE,
    )
