"""Everything the certificate check reads, held in memory once per catalogue version.

The check answers from a snapshot of the catalogue (qualifications with their entries,
departments and retirement records, the name index) and of the rules' data (exits,
cancellations, verification services, forbidden wording, colloquial names). One query tells
whether the snapshot is still current; it is rebuilt only when the catalogue or the data
changes, so a check costs a fixed, small number of queries.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from threading import Lock, local

from django.db import connection
from django.db.models import Prefetch

from catalogue.models import (
    Cancellation,
    ColloquialName,
    DataRelease,
    Edition,
    EditionEntry,
    Exit,
    ForbiddenWord,
    Qualification,
    VerificationService,
)

from .matching import IndexedName, NameIndex, Source
from .verdicts import catalogue_names

_COUNTED = (
    "catalogue_alias",
    "catalogue_editionentry",
    "catalogue_edition",
    "catalogue_exit",
    "catalogue_cancellation",
    "catalogue_colloquialname",
    "catalogue_forbiddenword",
    "catalogue_verificationservice",
    "certificates_issuedcertificate",  # max(id) only matters: new loads may add qualifications
)
_PART = (
    "(SELECT CAST(count(*) AS TEXT) || '/' || CAST(coalesce(max({col}), {empty}) AS TEXT) FROM {t})"
)
_VERSION_SQL = "SELECT " + ", ".join(
    [
        _PART.format(col="updated_at", empty="NULL", t="catalogue_qualification"),
        _PART.format(col="loaded_at", empty="NULL", t="catalogue_datarelease"),
        *(_PART.format(col="id", empty="0", t=table) for table in _COUNTED),
    ]
)


@dataclass(frozen=True)
class RetiredName:
    """A name that left or never entered the catalogue, known from exits or cancellations."""

    name: str
    left_on: object
    document: str
    rule: str
    certificates_issued_before: str
    verification: str
    source: str
    note: str
    batch: int | None = None


@dataclass
class Snapshot:
    version: tuple
    data_version: str
    index: NameIndex
    qualifications: dict[int, Qualification]
    editions: list[Edition]
    retired_index: NameIndex
    retired_names: list[RetiredName]
    colloquial: list[ColloquialName]
    forbidden: list[ForbiddenWord]
    services: list[VerificationService]
    by_name: dict[str, Qualification] = field(default_factory=dict)
    registry: dict[frozenset, bool] = field(default_factory=dict)
    matches: dict[tuple[str, str], object] = field(default_factory=dict)

    def match(self, which: str, name: str):
        """A name index's match, remembered for this catalogue version (bounded)."""
        key = (which, name)
        found = self.matches.get(key)
        if found is None:
            index = self.index if which == "catalogue" else self.retired_index
            found = index.match(name)
            if len(self.matches) < MATCH_MEMO:
                self.matches[key] = found
        return found

    def in_registry(self, qualification_ids: set[int]) -> bool:
        """Whether this portal's registry holds certificates of these qualifications."""
        from .models import IssuedCertificate

        key = frozenset(qualification_ids)
        if key not in self.registry:
            rows = IssuedCertificate.objects.filter(qualification_id__in=qualification_ids)
            self.registry[key] = rows.exists()
        return self.registry[key]

    @cached_property
    def current_rows(self) -> list:
        """The current edition's item entries (for what the data covers)."""
        edition = self.current_edition
        if edition is None:
            return []
        return [
            e
            for q in self.qualifications.values()
            if q.parent_id is None
            for e in q.entries.all()
            if e.edition_id == edition.pk
        ]

    @property
    def current_edition(self) -> Edition | None:
        return self.editions[0] if self.editions else None

    def item_named(self, name: str) -> Qualification | None:
        """The catalogue item of exactly this name (特种作业人员)."""
        return self.by_name.get(name)


MATCH_MEMO = 20_000
_lock = Lock()
_cached: dict[str, Snapshot] = {}
_pinned = local()


@contextmanager
def pinned_snapshot():
    """Within the block, every check uses one snapshot without asking for the version again
    (a bulk check of 1,000 rows costs one version query, not 1,000)."""
    _pinned.snapshot = snapshot()
    try:
        yield _pinned.snapshot
    finally:
        _pinned.snapshot = None


def catalogue_version() -> tuple:
    """One query: counts and latest changes of every table the check reads."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        return tuple(cursor.fetchone())


def snapshot() -> Snapshot:
    """The current snapshot, rebuilt when the catalogue or its data changed."""
    pinned = getattr(_pinned, "snapshot", None)
    if pinned is not None:
        return pinned
    version = catalogue_version()
    current = _cached.get("snapshot")
    if current is not None and current.version == version:
        return current
    with _lock:
        current = _build(version)
        _cached["snapshot"] = current
    return current


def _qualifications() -> dict[int, Qualification]:
    entries = EditionEntry.objects.select_related("edition").order_by("-edition__year")
    rows = Qualification.objects.select_related(
        "parent", "retirement_batch", "successor", "parent__retirement_batch"
    ).prefetch_related("departments", "parent__departments", Prefetch("entries", queryset=entries))
    return {q.pk: q for q in rows}


def _retired_names() -> list[RetiredName]:
    names = [
        RetiredName(
            e.name,
            e.left_on,
            e.document,
            e.rule,
            e.certificates_issued_before,
            e.verification,
            e.source,
            e.note,
        )
        for e in Exit.objects.order_by("id")
    ]
    for c in Cancellation.objects.select_related("batch").order_by("id"):
        batch = c.batch
        names.append(
            RetiredName(
                c.name,
                batch.date,
                batch.document,
                "",
                "",
                c.verification,
                c.source,
                c.note,
                batch=batch.number,
            )
        )
    return names


def _retired_index(names: list[RetiredName]) -> NameIndex:
    # Exit rows name groups ("水平评价类技能人员职业资格（73项）"); only single items are
    # looked up by name: a title before its bracket that is a plain occupation name.
    indexed = [
        IndexedName(i, n.name.split("（")[0], Source.NAME)
        for i, n in enumerate(names)
        if "水平评价类" not in n.name
    ]
    return NameIndex(indexed)


def _build(version: tuple) -> Snapshot:
    qualifications = _qualifications()
    retired = _retired_names()
    release = DataRelease.objects.order_by("-loaded_at").first()
    return Snapshot(
        version=version,
        data_version=release.version if release else "",
        index=NameIndex(catalogue_names()),
        qualifications=qualifications,
        editions=list(Edition.objects.order_by("-year")),
        retired_index=_retired_index(retired),
        retired_names=retired,
        colloquial=list(ColloquialName.objects.order_by("id")),
        forbidden=list(ForbiddenWord.objects.order_by("id")),
        services=list(VerificationService.objects.order_by("id")),
        by_name={q.name: q for q in qualifications.values() if q.parent_id is None},
    )
