"""The National Occupational Qualification Catalogue (国家职业资格目录).

Qualifications are never deleted: a qualification leaves the catalogue by being retired,
which records when, by which document and why, and its successor where there is one.
Each edition lists its entries as published, so the kind or category of an item may
differ between editions. Every change is written to the append-only adjustment log.
"""

from .adjustments import (
    DRAFT_ACTIONS,
    Adjustment,
    AdjustmentQuerySet,
    DraftAdjustment,
    DraftAdjustmentQuerySet,
    DraftStatus,
)
from .changesets import EditionProposal, ReviewStatus, TableChangeSet
from .choices import KIND_EXPLAINED, Action, Category, Kind, Status
from .editions import Edition, EditionEntry, EditionEntryQuerySet
from .qualifications import (
    Alias,
    CancellationBatch,
    Department,
    Qualification,
    QualificationQuerySet,
)
from .ruledata import (
    RECONSTRUCTED_TEXT,
    VERIFICATION_ORDER,
    AdvertPhrase,
    Cancellation,
    ColloquialName,
    DataRelease,
    Exit,
    ForbiddenWord,
    Verification,
    VerificationService,
)

__all__ = [
    "RECONSTRUCTED_TEXT",
    "VERIFICATION_ORDER",
    "AdvertPhrase",
    "Cancellation",
    "ColloquialName",
    "DataRelease",
    "Exit",
    "ForbiddenWord",
    "Verification",
    "VerificationService",
    "DRAFT_ACTIONS",
    "KIND_EXPLAINED",
    "Action",
    "Adjustment",
    "AdjustmentQuerySet",
    "Alias",
    "CancellationBatch",
    "Category",
    "Department",
    "DraftAdjustment",
    "DraftAdjustmentQuerySet",
    "DraftStatus",
    "Edition",
    "EditionEntry",
    "EditionEntryQuerySet",
    "EditionProposal",
    "Kind",
    "Qualification",
    "QualificationQuerySet",
    "ReviewStatus",
    "Status",
    "TableChangeSet",
]
