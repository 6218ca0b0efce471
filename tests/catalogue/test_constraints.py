"""The database itself keeps the catalogue consistent, whatever code writes to it."""

from datetime import date

import pytest
from django.db import IntegrityError, InternalError, connection, transaction

from catalogue.models import Action, Adjustment, Edition, EditionEntry, Qualification, Status


@pytest.fixture
def qualification(db) -> Qualification:
    return Qualification.objects.create(name="注册会计师", category="professional-technical")


@pytest.fixture
def edition(db) -> Edition:
    return Edition.objects.create(
        year=2021, title="国家职业资格目录（2021年版）", official_total=72
    )


def _violates(**fields) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Qualification.objects.create(**fields)


def test_unknown_category_or_kind_is_refused(db):
    _violates(name="甲", category="artisan")
    _violates(name="乙", kind="licence")


def test_retired_without_a_retirement_record_is_refused(db):
    _violates(name="甲", status=Status.RETIRED)
    _violates(name="乙", status=Status.RETIRED, retired_on=date(2016, 1, 13))  # no reason


def test_listed_qualification_cannot_carry_a_retirement_date(db):
    _violates(name="甲", status=Status.LISTED, retired_on=date(2016, 1, 13))


def test_only_a_retired_qualification_has_a_successor(qualification):
    _violates(name="甲", successor=qualification)


def test_two_items_cannot_share_a_name(qualification):
    _violates(name="注册会计师")


def test_an_edition_lists_a_qualification_once(qualification, edition):
    EditionEntry.objects.create(edition=edition, qualification=qualification, name="注册会计师")
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionEntry.objects.create(edition=edition, qualification=qualification, name="x")


def test_an_edition_numbers_each_entry_once(qualification, edition):
    other = Qualification.objects.create(name="教师资格")
    EditionEntry.objects.create(edition=edition, qualification=qualification, seq=4, name="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionEntry.objects.create(edition=edition, qualification=other, seq=4, name="b")


def test_adjustment_log_refuses_updates_and_deletes_in_the_database(qualification):
    entry = Adjustment.objects.create(qualification=qualification, action=Action.ADDED)
    refused = (InternalError, IntegrityError)
    with pytest.raises(refused), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE catalogue_adjustment SET reason = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(refused), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalogue_adjustment WHERE id = %s", [entry.pk])
    assert Adjustment.objects.filter(pk=entry.pk, reason="").exists()


def test_adjustment_log_refuses_updates_through_the_orm(qualification):
    entry = Adjustment.objects.create(qualification=qualification, action=Action.ADDED)
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        Adjustment.objects.all().delete()
