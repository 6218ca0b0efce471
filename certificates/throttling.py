"""Rates for the public check and verification, read from the settings at request time."""

from django.conf import settings


def check_rate(group: str, request) -> str:
    return settings.CERTIFICATE_CHECK_RATE


def verify_rate(group: str, request) -> str:
    return settings.CERTIFICATE_VERIFY_RATE
