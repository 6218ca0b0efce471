"""A verification writes nothing: it reads from a replica (portal/dbrouting.py).

Transactional: inside a test's transaction every read goes to the primary, as it must.
The real streaming replica is in tests/deploy/test_scale_out.py.
"""

import pytest
from django.conf import settings as django_settings
from django.db import connections

from catalogue.models import Qualification
from certificates.models import IssuedCertificate
from portal import dbrouting

URL = "/api/v1/certificate-verifications/"
GIVEN = {"number": "CPA-2020-0001", "holder_name": "张伟"}


def _json(client, data, **extra):
    return client.post(URL, data, content_type="application/json", **extra)


@pytest.fixture
def make_certificate(live_catalogue):
    def make():
        return IssuedCertificate.objects.create(
            qualification=Qualification.objects.get(name="注册会计师"),
            number=GIVEN["number"],
            holder_name=GIVEN["holder_name"],
            issuer="中国注册会计师协会",
            issued_on="2020-05-01",
        )

    return make


@pytest.fixture
def routed(monkeypatch):
    """A second alias on the test database as a stand-in replica (lag 0: it is a primary),
    sharing the test's connection, and the aliases the router chose for reads."""
    django_settings.DATABASES["replica1"] = {**connections["default"].settings_dict}
    connections["replica1"] = connections["default"]
    dbrouting._lag.clear()
    chosen = []
    db_for_read = dbrouting.ReplicaRouter.db_for_read

    def spied(self, model, **hints):
        chosen.append(db_for_read(self, model, **hints))
        return chosen[-1]

    monkeypatch.setattr(dbrouting.ReplicaRouter, "db_for_read", spied)
    yield chosen
    del connections["replica1"]
    del django_settings.DATABASES["replica1"]
    dbrouting._lag.clear()


def test_a_verification_post_reads_from_a_replica_and_pins_nothing(
    client, make_certificate, routed
):
    make_certificate()
    routed.clear()  # only what the request reads
    response = _json(client, GIVEN)
    assert response.json()["outcome"] == "valid"
    assert routed == ["replica1"]
    assert dbrouting.PIN_COOKIE not in response.cookies


def test_the_verification_page_reads_from_a_replica_too(client, make_certificate, routed):
    make_certificate()
    routed.clear()  # only what the request reads
    page = client.post("/verify/", GIVEN)
    assert page.status_code == 200 and "replica1" in routed
    assert "default" not in routed


def test_a_pin_after_the_browsers_own_write_still_wins(client, make_certificate, routed):
    make_certificate()
    routed.clear()  # only what the request reads
    client.cookies[dbrouting.PIN_COOKIE] = "1"
    assert _json(client, GIVEN).json()["outcome"] == "valid"
    assert routed == ["default"]


def test_a_writing_post_still_reads_from_the_primary_and_pins(client, db, routed):
    response = client.post("/api/v1/reports/track/", {"receipt_code": "x"}, "application/json")
    assert "replica1" not in routed
    assert dbrouting.PIN_COOKIE in response.cookies
