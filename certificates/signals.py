"""Cache invalidation only: a saved or deleted row the certificate check reads changes the
check's data token (certificates.snapshot), so every process rebuilds its snapshot."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from catalogue import models as catalogue

from .models import IssuedCertificate
from .snapshot import data_changed

READ_BY_THE_CHECK = (
    catalogue.Qualification,
    catalogue.Alias,
    catalogue.Department,
    catalogue.Edition,
    catalogue.EditionEntry,
    catalogue.CancellationBatch,
    catalogue.Cancellation,
    catalogue.Exit,
    catalogue.ColloquialName,
    catalogue.ForbiddenWord,
    catalogue.VerificationService,
    catalogue.DataRelease,
    IssuedCertificate,  # whether the registry holds certificates of a qualification
)


def _changed(**_kwargs) -> None:
    data_changed()


def connect() -> None:
    for model in READ_BY_THE_CHECK:
        post_save.connect(_changed, sender=model, dispatch_uid=f"check-data-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"check-gone-{model.__name__}")
    m2m_changed.connect(
        _changed,
        sender=catalogue.Qualification.departments.through,
        dispatch_uid="check-data-departments",
    )
