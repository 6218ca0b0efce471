"""Fixtures for the advert check: the real catalogue, loaded once per module."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def catalogue_once(django_db_setup, django_db_blocker):
    """The real catalogue, loaded once per test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def catalogue(catalogue_once, db):
    """The real shipped catalogue (each test rolls back its own changes)."""


@pytest.fixture
def live_catalogue(transactional_db):
    """The catalogue for tests with a live server, which cannot share a transaction."""
    call_command("load_catalogue", stdout=StringIO())


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def check(client, text: str, advert_type: str | None = None):
    body = {"text": text} | ({"advert_type": advert_type} if advert_type else {})
    return client.post("/api/v1/advert-check/", body, content_type="application/json")
