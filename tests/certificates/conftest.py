"""Fixtures for the certificate check and the issued-certificate registry."""

import datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from catalogue.models import Qualification
from certificates.identity import identity_hmac
from certificates.models import IssuedCertificate

HEADER = "qualification,number,holder_name,identity_number,issuer,issued_on,status\n"


@pytest.fixture(scope="module")
def catalogue_once(django_db_setup, django_db_blocker):
    """The real catalogue, loaded once per test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def catalogue(catalogue_once, db):
    """The real shipped catalogue, loaded as `make run` loads it (each test rolls back)."""


@pytest.fixture
def live_catalogue(transactional_db):
    """The catalogue for tests with a live server, which cannot share a transaction."""
    call_command("load_catalogue", stdout=StringIO())


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with untouched rate-limit counters."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cpa(catalogue) -> Qualification:
    return Qualification.objects.get(name="注册会计师")


@pytest.fixture
def make_certificate(cpa):
    def make(number="CPA-2020-0001", status="valid", **fields) -> IssuedCertificate:
        values = {
            "qualification": cpa,
            "holder_name": "张伟",
            "holder_identity_hmac": identity_hmac("11010519491231002X"),
            "issuer": "中国注册会计师协会",
            "issued_on": datetime.date(2020, 5, 1),
        }
        return IssuedCertificate.objects.create(number=number, status=status, **values | fields)

    return make


def check(client, name: str, issuer: str = "") -> dict:
    """The API's answer for a certificate name."""
    response = client.get("/api/v1/certificate-check/", {"name": name, "issuer": issuer})
    assert response.status_code == 200, response.content
    return response.json()
