"""One version for everything derived from the catalogue (catalogue.version): moved once
when a change through the services commits, never when it rolls back, and read by both the
cached pages and the certificate check."""

import time
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction

from catalogue import services
from catalogue.caching import HIT_HEADER, catalogue_cache_clear
from catalogue.models import Department, Qualification
from catalogue.version import VERSION_CHECK_SECONDS, VERSION_KEY, catalogue_version

pytestmark = pytest.mark.usefixtures("catalogue")

RETIREMENT = {"retired_on": date(2030, 1, 1), "document": "国发〔2030〕1号", "reason": "试验"}


@pytest.fixture
def warm(client, settings):
    """Production's caching: pages cached for ten minutes, the check's snapshot trusted for a
    minute; both warmed on 税务师 (level-evaluation) as the catalogue stands."""
    settings.CATALOGUE_CACHE_SECONDS = 600
    catalogue_cache_clear()
    settings.CERTIFICATE_CHECK_STALE_SECONDS = 0
    tax = Qualification.objects.get(name="税务师")
    assert _verdict(client) == "level_evaluation"  # builds the snapshot of this catalogue
    settings.CERTIFICATE_CHECK_STALE_SECONDS = 60
    client.get(_page(tax))
    assert client.get(_page(tax))[HIT_HEADER] == "hit"
    yield tax
    catalogue_cache_clear()


def _page(qualification: Qualification) -> str:
    return f"/catalogue/{qualification.pk}/"


def _verdict(client) -> str:
    return client.get("/api/v1/certificate-check/", {"name": "税务师"}).json()["verdict"]


def _fresh_page(client, qualification: Qualification) -> bool:
    response = client.get(_page(qualification))
    return HIT_HEADER not in response and "国发〔2030〕1号" in response.content.decode()


def test_a_committed_change_moves_the_version_once(maintainer, django_capture_on_commit_callbacks):
    catalogue_cache_clear()
    before = catalogue_version()
    tax = Qualification.objects.get(name="税务师")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        tax.remarks = "试验备注"
        services.qualification_amend(
            qualification=tax,
            user=maintainer,
            document="国函〔2030〕1号",
            effective_on=date(2030, 1, 1),
        )
        services.qualification_retire(qualification=tax, user=maintainer, **RETIREMENT)
    assert len({id(callback) for callback in callbacks}) == 1  # one bump, asked for twice
    assert catalogue_version() == before + 1


def test_a_rolled_back_change_moves_nothing(
    client, warm, maintainer, django_capture_on_commit_callbacks
):
    before = cache.get(VERSION_KEY)
    committing = django_capture_on_commit_callbacks(execute=True)
    with committing as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        services.qualification_retire(qualification=warm, user=maintainer, **RETIREMENT)
        raise RuntimeError("the request failed after the write")
    assert callbacks == [] and cache.get(VERSION_KEY) == before
    assert client.get(_page(warm))[HIT_HEADER] == "hit"
    assert _verdict(client) == "level_evaluation"


def test_a_change_published_through_the_service_is_seen_by_the_check_and_the_pages(
    client, warm, maintainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.qualification_retire(qualification=warm, user=maintainer, **RETIREMENT)
    assert _verdict(client) == "retired"
    assert _fresh_page(client, warm)


def test_a_change_committed_by_another_process_is_seen_within_a_second(client, warm, maintainer):
    # The change as another app server makes it: the rows (here in the test's transaction,
    # which this process reads) and the shared version moved behind this process's back.
    services.qualification_retire(qualification=warm, user=maintainer, **RETIREMENT)
    cache.incr(VERSION_KEY)
    assert _verdict(client) == "level_evaluation"  # this process trusts what it read
    assert client.get(_page(warm))[HIT_HEADER] == "hit"
    time.sleep(VERSION_CHECK_SECONDS)
    assert _verdict(client) == "retired"
    assert _fresh_page(client, warm)


def test_an_edit_of_a_department_in_the_admin_moves_the_version(
    admin_client, django_capture_on_commit_callbacks
):
    department = Department.objects.order_by("pk").first()
    catalogue_cache_clear()
    before = catalogue_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/catalogue/department/{department.pk}/change/", {"name": "试验部门"}
        )
    assert response.status_code == 302
    assert catalogue_version() == before + 1
    assert Department.objects.get(pk=department.pk).name == "试验部门"
