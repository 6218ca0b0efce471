"""Small plain functions that make catalogue objects for tests."""

import datetime

from catalogue.models import (
    Adjustment,
    Alias,
    CancellationBatch,
    Category,
    Department,
    Edition,
    EditionEntry,
    Kind,
    Qualification,
    Status,
)


def make_edition(year: int, **fields) -> Edition:
    fields.setdefault("title", f"国家职业资格目录（{year}年版）")
    fields.setdefault("official_total", 140)
    return Edition.objects.create(year=year, **fields)


def make_department(name: str) -> Department:
    return Department.objects.get_or_create(name=name)[0]


def make_qualification(
    name: str,
    *,
    kind: str = Kind.ACCESS,
    category: str = Category.PROFESSIONAL_TECHNICAL,
    departments: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
    sub_items: tuple[str, ...] = (),
    **fields,
) -> Qualification:
    """A qualification with its departments, aliases and sub-items, searchable."""
    qualification = Qualification.objects.create(name=name, kind=kind, category=category, **fields)
    qualification.departments.set([make_department(d) for d in departments])
    for alias in aliases:
        Alias.objects.create(qualification=qualification, name=alias)
    for sub_item in sub_items:
        make_sub_item(qualification, sub_item)
    qualification.refresh_search_text()
    qualification.save()
    return qualification


def make_sub_item(parent: Qualification, name: str) -> Qualification:
    sub_item = Qualification.objects.create(
        name=name, parent=parent, kind=parent.kind, category=parent.category
    )
    sub_item.refresh_search_text()
    sub_item.save()
    return sub_item


def make_entry(edition: Edition, qualification: Qualification, **fields) -> EditionEntry:
    """The qualification as ``edition`` lists it; by default as it is now."""
    fields.setdefault("name", qualification.name)
    fields.setdefault("kind", qualification.kind)
    fields.setdefault("category", qualification.category)
    fields.setdefault("verification", "official" if qualification.verified else "secondary")
    return EditionEntry.objects.create(edition=edition, qualification=qualification, **fields)


def make_batch(number: int = 5, decided_on=datetime.date(2016, 1, 13)) -> CancellationBatch:
    return CancellationBatch.objects.get_or_create(
        number=number, defaults={"decided_on": decided_on}
    )[0]


def make_retired(name: str, *, batch: CancellationBatch | None = None, **fields) -> Qualification:
    """A qualification cancelled by the State Council, with its adjustment record."""
    batch = batch or make_batch()
    fields.setdefault("kind", Kind.LEVEL_EVALUATION)
    fields.setdefault("category", Category.SKILLED)
    qualification = make_qualification(
        name,
        status=Status.RETIRED,
        retired_on=batch.decided_on,
        retirement_batch=batch,
        retirement_reason="国务院取消",
        **fields,
    )
    Adjustment.objects.create(
        qualification=qualification,
        action="retired",
        effective_on=batch.decided_on,
        batch=batch,
        reason="国务院取消",
    )
    return qualification
