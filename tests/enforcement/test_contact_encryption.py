"""Reporter contacts are encrypted at rest, under rotatable keys from the settings."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from enforcement.access import contact_for_user
from enforcement.models import Action
from enforcement.services import case_transition

from .conftest import submit

CONTACT = "王女士 13800000000"


def _stored(case) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM enforcement_case WHERE id = %s", [case.pk])
        return repr(cursor.fetchone())


def test_the_contact_is_not_in_the_database_in_clear(fuzhou):
    case, _code = submit(contact=CONTACT)
    row = _stored(case)
    assert "13800000000" not in row and "王女士" not in row
    assert case.has_contact


def test_the_assigned_officer_reads_the_contact_and_no_one_else(
    fuzhou, fuzhou_officer, fujian_officer
):
    case, _code = submit(contact=CONTACT)
    assert contact_for_user(fuzhou_officer, case) is None
    case = case_transition(case=case, actor=fuzhou_officer, action=Action.ACCEPT)
    assert contact_for_user(fuzhou_officer, case) == CONTACT
    assert contact_for_user(fujian_officer, case) is None


def test_a_report_without_contact_stores_nothing(fuzhou):
    case, _code = submit(contact="  ")
    assert case.contact_encrypted == "" and not case.has_contact


def test_rotating_moves_every_contact_to_the_new_key(fuzhou, fuzhou_officer, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.CONTACT_ENCRYPTION_KEYS = [old]
    case, _code = submit(contact=CONTACT)
    case = case_transition(case=case, actor=fuzhou_officer, action=Action.ACCEPT)
    settings.CONTACT_ENCRYPTION_KEYS = [new, old]
    out = StringIO()
    call_command("contact_keys_rotate", stdout=out)
    assert "1 cases" in out.getvalue()
    case.refresh_from_db()
    with override_settings(CONTACT_ENCRYPTION_KEYS=[new]):
        assert contact_for_user(fuzhou_officer, case) == CONTACT
    with override_settings(CONTACT_ENCRYPTION_KEYS=[old]):
        assert "无法解密" in contact_for_user(fuzhou_officer, case)


def test_rotating_without_the_old_key_is_a_clear_error(fuzhou, settings):
    settings.CONTACT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    case, _code = submit(contact=CONTACT)
    settings.CONTACT_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match=f"case {case.pk}"):
        call_command("contact_keys_rotate", stdout=StringIO())
