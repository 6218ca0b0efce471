"""Cache invalidation, and nothing else: once a change to the catalogue commits, every
cached public page and API response of the catalogue becomes stale."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .caching import catalogue_cache_bump
from .models import (
    Adjustment,
    Alias,
    Department,
    Edition,
    EditionEntry,
    Qualification,
)

PUBLIC_MODELS = [Adjustment, Alias, Department, Edition, EditionEntry, Qualification]


def _bump_on_commit(**kwargs) -> None:
    transaction.on_commit(catalogue_cache_bump)


def connect() -> None:
    for model in PUBLIC_MODELS:
        post_save.connect(_bump_on_commit, sender=model, dispatch_uid=f"bump-{model.__name__}")
        post_delete.connect(_bump_on_commit, sender=model, dispatch_uid=f"drop-{model.__name__}")
    m2m_changed.connect(
        _bump_on_commit, sender=Qualification.departments.through, dispatch_uid="bump-departments"
    )
