"""Everything the certificate check reads, held in memory once per catalogue version.

The check answers from a snapshot of the catalogue (qualifications with their entries,
departments and retirement records, the name index) and of the rules' data (exits,
cancellations, verification services, forbidden wording, colloquial names). It is rebuilt
only when the catalogue or the data changes.

A warm check asks the database and the cache nothing. The snapshot is keyed by the catalogue's
version (catalogue.version), which the catalogue services move once a change commits; a
process reads that version at most once a second and, when it moved, asks the database for
the catalogue version (one query: counts and latest changes of every table the check reads)
and rebuilds if that changed. So a change through the catalogue services is seen by the next
check in the process that made it and within a second in every other process. Writes that
move nothing (bulk updates, SQL by hand, certificates loaded into the registry) are seen
within ``settings.CERTIFICATE_CHECK_STALE_SECONDS`` (30 s by default), after which the
version query runs again in any case.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from threading import Lock, local

from django.conf import settings
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
from catalogue.text import normalise
from catalogue.version import catalogue_version as shared_catalogue_version

from .matching import IndexedName, NameIndex, Source, core
from .occupations import Occupation, occupation_index, read_occupations
from .verdicts import catalogue_names

_COUNTED = (
    "catalogue_alias",
    "catalogue_department",
    "catalogue_qualification_departments",
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
    occupations: dict[str, Occupation] = field(default_factory=dict)
    registry: dict[frozenset, bool] = field(default_factory=dict)
    matches: dict[tuple[str, str], object] = field(default_factory=dict)
    answers: dict[tuple, dict] = field(default_factory=dict)  # checking.certificate_check_answer

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
    def professions(self) -> dict[str, dict[int, str]]:
        """The professions the items' laws name (certificates.professions)."""
        from .professions import professions_by_law

        items = self.qualifications.values()
        return professions_by_law((q.pk, q.legal_basis) for q in items if q.parent_id is None)

    @cached_property
    def holdings(self) -> dict[int, tuple[int, int]]:
        """Per edition (pk): how many item entries the data holds and how many of them are
        reconstructed (retired items included: they were in it). Counted once per snapshot:
        every "not national" answer names them, and walking every item's entries on each
        such answer cost ~2 ms."""
        counts: dict[int, list[int]] = {edition.pk: [0, 0] for edition in self.editions}
        for q in self.qualifications.values():
            if q.parent_id is None:
                for e in q.entries.all():
                    if e.edition_id in counts:
                        counts[e.edition_id][0] += 1
                        counts[e.edition_id][1] += e.verification == "reconstructed"
        return {pk: (held, reconstructed) for pk, (held, reconstructed) in counts.items()}

    @cached_property
    def colloquial_keys(self) -> dict[str, tuple[int, ...]]:
        """Each colloquial name's folded form and its core (certificate words, levels and
        资格 stripped) → the positions in ``colloquial`` of the rows that have it. Folded once
        per snapshot: doing it for every row on every check cost more than the check."""
        keys: dict[str, list[int]] = {}
        for position, row in enumerate(self.colloquial):
            own = normalise(row.colloquial_name)
            for key in dict.fromkeys((own, core(own))):
                keys.setdefault(key, []).append(position)
        return {key: tuple(positions) for key, positions in keys.items()}

    @property
    def current_edition(self) -> Edition | None:
        return self.editions[0] if self.editions else None

    def item_named(self, name: str) -> Qualification | None:
        """The catalogue item of exactly this name (特种作业人员)."""
        return self.by_name.get(name)


MATCH_MEMO = 20_000
# The check API's answers remembered per snapshot: a few KB each, so a few MB per process.
ANSWER_MEMO = 2_000
_lock = Lock()
_cached: dict[str, tuple] = {}
_pinned = local()
_NO_CACHE = object()  # the cache could not be read: the version never matches


def _shared_version() -> object:
    try:
        return shared_catalogue_version()
    except Exception:  # noqa: BLE001 - without the cache every check asks the database
        return _NO_CACHE


@contextmanager
def pinned_snapshot(snap: "Snapshot | None" = None):
    """Within the block, every check of this thread uses one snapshot (``snap`` or the current
    one) without asking for the version again."""
    _pinned.snapshot = snap or snapshot()
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
    now = time.monotonic()
    current, seen, version_at = _cached.get("state", (None, None, -1e9))
    trusted = now - version_at < settings.CERTIFICATE_CHECK_STALE_SECONDS
    shared = _shared_version()
    if current is not None and trusted and shared is not _NO_CACHE and shared == seen:
        return current
    version = catalogue_version()
    if current is None or current.version != version:
        with _lock:
            current = _build(version)
    # One tuple, swapped whole: a thread never sees one snapshot with another's version.
    _cached["state"] = (current, shared, now)
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
        occupations=occupation_index(read_occupations()),
    )
