"""Fixtures for the certificate check and the issued-certificate registry."""

import datetime

import pytest
from django.contrib.auth.models import Group

from authorities import roles
from catalogue.models import Qualification
from certificates.identity import identity_hmac
from certificates.models import IssuedCertificate, IssuingBody

HEADER = "qualification,number,holder_name,identity_number,issuer,issued_on,status\n"


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


CICPA = "中国注册会计师协会"
GUANGDONG = "广东省人力资源和社会保障厅"


def _registrar(django_user_model, username: str, authority, *issuers: str):
    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=True, authority=authority
    )
    user.groups.add(Group.objects.get(name=roles.CERTIFICATE_REGISTRAR))
    for name in issuers:
        IssuingBody.objects.get_or_create(name=name)[0].registrars.add(user)
    return user


@pytest.fixture
def registrar(django_user_model, ministry):
    """A registrar of the 中国注册会计师协会 only."""
    return _registrar(django_user_model, "cicpa-registrar", ministry, CICPA)


@pytest.fixture
def guangdong_registrar(django_user_model, guangzhou):
    """A registrar of the Guangdong department only."""
    return _registrar(django_user_model, "guangdong-registrar", guangzhou.parent, GUANGDONG)
