"""Personas shared by every app's tests, the real catalogue, and the real browser for
end-to-end tests."""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation

from authorities import roles
from authorities.models import Authority, Level

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database runs as the README asks of production, plus the flush switch.

    `log_min_error_statement = panic`: a failed statement is not copied into the server
    log with the personal data in it. The one append-only switch off
    (portal/append_only.py): transactional and live-server tests end with Django's flush,
    a TRUNCATE the append-only tables refuse otherwise. Both apply to sessions opened
    after this.
    """
    from portal.append_only import switch_off_sql

    with django_db_blocker.unblock():
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER DATABASE {name} SET log_min_error_statement = 'panic'")
            cursor.execute(switch_off_sql(name))
        connection.close()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in English must not leak."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with untouched rate-limit and throttle counters (they live in the
    cache, which one test must not leave to the next)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def catalogue_once(django_db_setup, django_db_blocker):
    """The real catalogue, loaded once per test module and rolled back after it (a load
    writes over a thousand rows; once per test made the suite slow)."""
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


@pytest.fixture
def ministry(db) -> Authority:
    return Authority.objects.create(name="人力资源社会保障部", level=Level.NATIONAL)


@pytest.fixture
def fujian(ministry) -> Authority:
    return Authority.objects.create(
        name="福建省人力资源和社会保障厅",
        level=Level.PROVINCIAL,
        division_code="350000",
        parent=ministry,
    )


@pytest.fixture
def fuzhou(fujian) -> Authority:
    return Authority.objects.create(
        name="福州市人力资源和社会保障局",
        level=Level.MUNICIPAL,
        division_code="350100",
        parent=fujian,
    )


@pytest.fixture
def guangzhou(ministry) -> Authority:
    guangdong = Authority.objects.create(
        name="广东省人力资源和社会保障厅",
        level=Level.PROVINCIAL,
        division_code="440000",
        parent=ministry,
    )
    return Authority.objects.create(
        name="广州市人力资源和社会保障局",
        level=Level.MUNICIPAL,
        division_code="440100",
        parent=guangdong,
    )


def _staff(django_user_model, username: str, authority: Authority, role: str):
    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=True, authority=authority
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def maintainer(django_user_model, ministry):
    return _staff(django_user_model, "maintainer", ministry, roles.CATALOGUE_MAINTAINER)


@pytest.fixture
def second_maintainer(django_user_model, ministry):
    return _staff(django_user_model, "reviewer", ministry, roles.CATALOGUE_MAINTAINER)


@pytest.fixture
def fujian_publisher(django_user_model, fujian):
    return _staff(django_user_model, "fujian-publisher", fujian, roles.NOTICE_PUBLISHER)


@pytest.fixture
def fujian_officer(django_user_model, fujian):
    return _staff(django_user_model, "fujian-officer", fujian, roles.ENFORCEMENT_OFFICER)


@pytest.fixture
def guangzhou_officer(django_user_model, guangzhou):
    return _staff(django_user_model, "guangzhou-officer", guangzhou, roles.ENFORCEMENT_OFFICER)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
