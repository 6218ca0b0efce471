"""Load the shipped catalogue data into the database, idempotently.

Qualifications (with their departments, aliases and search text), edition entries and the
adjustment log are written through the catalogue services (services.py), so the rules of the
notice (rules.py) run on the loader too: the loader only decides that the data gaps of the
shipped data (rules.SHIPPED_DATA_WARNINGS: a legal basis or an approving document the
sources did not give) are warnings, kept in the log entry; any other broken rule (a revival)
stops the load with the rule's message. The writer is the system (user None, SYSTEM).
"Same qualification?" is identity.py's answer.

Running the load twice changes nothing: every record is found by its natural key (or as the
same qualification) and only written where the data says something different, and a log
entry is appended only with the write it explains, or when it is not already there.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from notices.models import Notice

from .. import identity, rules, services
from ..models import (
    Action,
    Adjustment,
    AdvertPhrase,
    Cancellation,
    CancellationBatch,
    Category,
    ColloquialName,
    DataRelease,
    Edition,
    EditionEntry,
    Exit,
    ForbiddenWord,
    Kind,
    Qualification,
    Status,
    VerificationService,
)
from ..version import catalogue_changed
from . import sources
from .lineage import Lineage, build_lineages, close_names

DATA_DIR = Path(settings.BASE_DIR) / "data"
WARN = rules.SHIPPED_DATA_WARNINGS
# Who writes and what it accepts, on every service call of the loader: the system (no
# user), taking the shipped data's gaps as warnings.
SYSTEM = {"user": None, "warn": WARN}
ADDED_2017 = "列入国家职业资格目录"
CORRECTED = "随附数据（data/）更正"
# The 2020 exit of the level-evaluation skilled qualifications (exits.csv): two batches,
# planned before 2020-09-30 and before 2020-12-31. Which batch an item was in is known only
# where exits.csv names it; otherwise the later deadline is the date by which it had left.
SKILLED_EXIT_DEADLINE = date(2020, 12, 31)
SKILLED_EXIT_DOCUMENT = (
    "人力资源社会保障部《关于对水平评价类技能人员职业资格退出目录有关安排进行公示的公告》（2020）"
)
SKILLED_EXIT_REASON = (
    "水平评价类技能人员职业资格于2020年分两批退出国家职业资格目录（最迟2020年12月31日前），"
    "本项属于哪一批不详；退出目录前已发放的职业资格证书继续有效，可作为持证者职业能力水平的证明"
)


@dataclass
class LoadReport:
    notes: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0


def _upsert(report: LoadReport, model, lookup: dict, defaults: dict):
    """Find by ``lookup``; create, or save only the fields whose value differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        report.created += 1
        return model.objects.create(**lookup, **defaults)
    changed = [k for k, v in defaults.items() if getattr(obj, k) != v]
    if changed:
        report.updated += 1
        for key in changed:
            setattr(obj, key, defaults[key])
        obj.save(update_fields=changed)
    return obj


@dataclass
class _Context:
    editions: dict[int, Edition]
    changes: list[sources.ChangeRecord]
    progress: Callable[[str], None]
    report: LoadReport
    claimed: set[int] = field(default_factory=set)  # qualifications a lineage has taken
    # identity key -> pks, per parent (None: items); what identity.namesakes would answer,
    # built once per load instead of once per lineage.
    keys: dict[int | None, dict[str, set[int]]] = field(default_factory=dict)

    def index(self, qualification: Qualification, keys=None) -> None:
        scope = self.keys.setdefault(qualification.parent_id, {})
        for key in keys or {identity.identity_key(qualification.name)}:
            scope.setdefault(key, set()).add(qualification.pk)

    def namesakes(self, name: str, parent: Qualification | None) -> list[int]:
        found = self.keys.get(parent.pk if parent else None, {}).get(identity.identity_key(name))
        return sorted((found or set()) - self.claimed)


def load_catalogue(
    *, data_dir: Path = DATA_DIR, progress: Callable[[str], None] = lambda _: None
) -> LoadReport:
    """Load editions, entries, 2021 changes and cancellations from ``data_dir``."""
    report = LoadReport()
    with transaction.atomic():
        # One move of the version for the whole load, the rule data (exits, wording …) too.
        catalogue_changed()
        editions = {
            rec.year: _upsert_edition(rec, report)
            for rec in sources.read_editions(data_dir / "editions.csv")
        }
        progress(f"editions: {', '.join(str(y) for y in sorted(editions))}")
        entries = [
            sources.read_entries(data_dir / f"catalogue_{year}.csv") for year in sorted(editions)
        ]
        changes = sources.read_changes(data_dir / "changes_2021.csv")
        lineages, notes = build_lineages(entries, changes)
        report.notes.extend(notes)
        context = _Context(editions, changes, progress, report)
        stored = Qualification.objects.prefetch_related("aliases", "entries")
        for qualification in stored:
            context.index(qualification, identity.qualification_keys(qualification))
        for index, lineage in enumerate(lineages, start=1):
            _load_lineage(lineage, context)
            if index % 10 == 0 or index == len(lineages):
                progress(f"qualifications: {index}/{len(lineages)}")
        _apply_changes(context)
        _retire_skilled_exits(lineages, data_dir, context)
        _load_cancellations(data_dir, context)
        _load_rule_data(data_dir, report)
        progress(f"data version: {_load_release(data_dir, report).version}")
    return report


def _load_release(data_dir: Path, report: LoadReport) -> DataRelease:
    version_file = data_dir / "VERSION"
    version = version_file.read_text(encoding="utf-8").strip() if version_file.is_file() else "1"
    release = _upsert(report, DataRelease, {"version": version}, {"source": "data/SOURCES.md"})
    return release


def _upsert_edition(rec: sources.EditionRecord, report: LoadReport) -> Edition:
    return _upsert(
        report,
        Edition,
        {"year": rec.year},
        {
            "title": rec.title,
            "announcing_document": rec.announcing_document,
            "announced_on": date.fromisoformat(rec.announced_on) if rec.announced_on else None,
            "official_total": rec.official["official_total"],
            "official_pt_access": rec.official["professional_technical_access"],
            "official_pt_level": rec.official["professional_technical_level_evaluation"],
            "official_skilled_access": rec.official["skilled_access"],
            "official_skilled_level": rec.official["skilled_level_evaluation"],
            "official_skilled_total": rec.official["skilled_total"],
            "source": rec.source,
            "note": rec.note,
            "announcing_notice": Notice.objects.filter(doc_number=rec.announcing_document)
            .exclude(doc_number="")
            .first(),
        },
    )


def _approval(edition: Edition) -> dict:
    return {"effective_on": edition.announced_on, "document": edition.announcing_document}


def _added_reason(edition: Edition, first: int) -> str:
    return ADDED_2017 if edition.year == first else f"{edition.year}年版国家职业资格目录新增"


def _existing(name: str, parent: Qualification | None, context: _Context) -> Qualification | None:
    """The stored qualification a lineage (or sub-item) is: by its name, else the one record
    of the same scope that is the same qualification (identity.py) and no other lineage took."""
    found = Qualification.objects.filter(name=name, parent=parent).first()
    if found is None and name.strip():
        same = context.namesakes(name, parent)
        found = Qualification.objects.get(pk=same[0]) if len(same) == 1 else None
    if found is not None:
        context.claimed.add(found.pk)
    return found


def _write_qualification(
    context: _Context,
    existing: Qualification | None,
    *,
    lookup: dict,
    fields: dict,
    first: Edition,
    latest: Edition,
) -> Qualification:
    """Add the qualification as of its first edition's approval, or amend what differs."""
    if existing is None:
        qualification = Qualification(**lookup, **fields)
        services.qualification_add(
            qualification=qualification,
            reason=_added_reason(first, min(context.editions)),
            edition=first,
            source=fields["source"],
            **_approval(first),
            **SYSTEM,
        )
        context.report.created += 1
        context.claimed.add(qualification.pk)
        context.index(qualification)
        return qualification
    _correct(
        existing,
        {**lookup, **fields},
        context,
        edition=latest,
        source=fields["source"],
        **_approval(latest),
    )
    return existing


def _correct(qualification: Qualification, wanted: dict, context: _Context, **approval) -> None:
    """Amend, through the service, the fields of ``wanted`` that the stored qualification has
    otherwise (a correction by the shipped data). ``approval``: the amendment's effective_on,
    document, edition and source."""
    changed = [k for k, v in wanted.items() if getattr(qualification, k) != v]
    if not changed:
        return
    for key in changed:
        setattr(qualification, key, wanted[key])
    services.qualification_amend(
        qualification=qualification, reason=CORRECTED, **approval, **SYSTEM
    )
    context.report.updated += 1


def _load_lineage(lineage: Lineage, context: _Context) -> None:
    latest = lineage.latest
    qualification = _write_qualification(
        context,
        _existing(latest.name, None, context),
        lookup={"name": latest.name, "parent": None},
        fields={
            "category": latest.category,
            "kind": latest.kind,
            "legal_basis": latest.legal_basis,
            "remarks": latest.remarks,
            "source": latest.source,
            "verified": latest.verified,
            "verification": latest.verification,
            "note": latest.note,
        },
        first=context.editions[lineage.entries[0].edition],
        latest=context.editions[latest.edition],
    )
    services.qualification_departments_set(qualification=qualification, names=latest.departments)
    services.qualification_aliases_add(qualification=qualification, names=lineage.former_names)
    for entry in lineage.entries:
        _upsert_entry(qualification, entry, context, entry.name)
    for name in lineage.sub_item_names():
        listing = [(e, s) for e in lineage.entries for s in e.sub_items if s.name == name]
        _load_sub_item(qualification, listing, context)
    services.qualification_search_refresh(qualification=qualification)


def _load_sub_item(
    parent: Qualification,
    listing: list[tuple[sources.EntryRecord, sources.SubItemRecord]],
    context: _Context,
) -> None:
    """A sub-item takes its fields from the latest edition that lists it."""
    entry, sub = listing[-1]
    item = _write_qualification(
        context,
        _existing(sub.name, parent, context),
        lookup={"parent": parent, "name": sub.name},
        fields={
            "category": entry.category,
            "kind": entry.kind,
            "legal_basis": sub.legal_basis,
            "source": entry.source,
            "verified": entry.verified,
            "verification": entry.verification,
        },
        first=context.editions[listing[0][0].edition],
        latest=context.editions[entry.edition],
    )
    services.qualification_departments_set(qualification=item, names=sub.departments)
    for entry, sub in listing:
        _upsert_entry(item, entry, context, sub.name)
    services.qualification_search_refresh(qualification=item)


def _upsert_entry(
    qualification: Qualification, entry: sources.EntryRecord, context: _Context, name: str
) -> None:
    """List the qualification in the edition (edition_include, rules running). A new entry
    is explained by the qualification's addition or by the change records; a corrected one
    is logged with what changed."""
    edition = context.editions[entry.edition]
    item = qualification.parent_id is None
    values = {
        "seq": entry.seq if item else None,
        "name": name,
        "category": entry.category,
        "kind": entry.kind,
        "departments": "；".join(entry.departments),
        "legal_basis": entry.legal_basis,
        "remarks": entry.remarks if item else "",
        "verified": entry.verified,
        "source": entry.source,
        "verification": entry.verification,
        "note": entry.note if item else "",
    }
    stored = EditionEntry.objects.filter(edition=edition, qualification=qualification).first()
    if stored is None:
        stored = EditionEntry(edition=edition, qualification=qualification)
        context.report.created += 1
    else:
        values = {k: v for k, v in values.items() if getattr(stored, k) != v}
        if not values:
            return
        context.report.updated += 1
    for key, value in values.items():
        setattr(stored, key, value)
    services.edition_include(
        entry=stored,
        document=edition.announcing_document,
        reason=CORRECTED if stored.pk else _added_reason(edition, min(context.editions)),
        log_listing=False,
        **SYSTEM,
    )


def _same_changes(logged: dict, changes: dict) -> bool:
    return {k: v for k, v in logged.items() if k != "warnings"} == changes


def _log_once(qualification: Qualification | None, action: str, edition=None, **fields) -> None:
    """Log an adjustment the loaded catalogue already shows (services.history_record, rules
    running) unless the same entry is already there."""
    fields.setdefault("document", edition.announcing_document if edition else "")
    changes = fields.pop("changes", {})
    key = {
        "qualification": qualification,
        "action": action,
        "edition": edition,
        "effective_on": fields.pop("effective_on", edition.announced_on if edition else None),
        "batch": fields.pop("batch", None),
    }
    logged = Adjustment.objects.filter(**key).values_list("changes", flat=True)
    if not any(_same_changes(c, changes) for c in logged):
        services.history_record(**fields, **key, changes=changes, **SYSTEM)


def _find(name: str, parent: Qualification | None = None) -> Qualification | None:
    """The qualification (or sub-item of ``parent``) a change record names: the same
    qualification (identity.py), else the one whose name contains or is contained in it."""
    candidates = Qualification.objects.filter(parent=parent)
    same = identity.namesakes(name, among=candidates)
    if len(same) != 1:
        same = [q for q in same if q.name == name]
    if len(same) == 1:
        return same[0]
    matches = [c for c in candidates if close_names(name, c.name)]
    return matches[0] if len(matches) == 1 else None


def _find_sub_item(name: str) -> Qualification | None:
    matches = identity.namesakes(name, among=Qualification.objects.filter(parent__isnull=False))
    return matches[0] if len(matches) == 1 else None


def _retire(
    qualification: Qualification,
    context: _Context,
    *,
    retired_on: date,
    document: str,
    reason: str,
    source: str,
    edition: Edition | None = None,
    batch: CancellationBatch | None = None,
) -> bool:
    """Retire through the service; correct a stored retirement that differs. True if the
    qualification left now (the caller logs it on the item, for a sub-item)."""
    approval = {"document": document, "edition": edition, "source": source}
    if not qualification.is_retired:
        services.qualification_retire(
            qualification=qualification,
            retired_on=retired_on,
            reason=reason,
            batch=batch,
            **approval,
            **SYSTEM,
        )
        context.report.updated += 1
        return True
    wanted = {
        "retired_on": retired_on,
        "retirement_document": document,
        "retirement_reason": reason,
        "retirement_batch": batch,
    }
    _correct(qualification, wanted, context, effective_on=retired_on, **approval)
    return False


def _apply_changes(context: _Context) -> None:
    edition = context.editions[max(context.editions)]
    for change in context.changes:
        handler = _CHANGE_HANDLERS[change.action]
        handler(change, edition, context)
    context.progress(f"changes {edition.year}: {len(context.changes)} records")


def _removed(change, edition, context) -> None:
    parent = _find(change.parent) if change.parent else None
    target = _find(change.name, parent) if parent else _find(change.name)
    if target is None:
        target = _find_sub_item(change.name)
    if target is None:
        context.report.notes.append(f"change not matched: removed {change.name}")
        return
    reason = f"{edition.year}年版国家职业资格目录不再列入"
    _retire(
        target,
        context,
        retired_on=edition.announced_on,
        document=edition.announcing_document,
        reason=reason,
        source=change.source,
        edition=edition,
    )
    if target.parent_id:
        _log_once(
            target.parent,
            Action.SUB_ITEM_REMOVED,
            edition,
            reason=reason,
            changes={"sub_item": target.name},
            source=change.source,
        )


def _removed_group(change, edition, context) -> None:
    _log_once(
        None,
        Action.GROUP_REMOVED,
        edition,
        reason=change.note,
        changes={"group": change.name, "kind_before": change.kind_before},
        source=change.source,
    )


def _added(change, edition, context) -> None:
    if change.parent:
        parent = _find(change.parent)
        if parent is not None:
            _log_once(
                parent,
                Action.SUB_ITEM_ADDED,
                edition,
                reason=f"{edition.year}年版国家职业资格目录增加子项",
                changes={"sub_item": change.name},
                source=change.source,
            )
            return
    target = _find(change.name)
    if target is None:
        context.report.notes.append(f"change not matched: added {change.name}")
        return
    if target.adjustments.filter(action=Action.ADDED, edition=edition).exists():
        return  # logged when the loader added it (services.qualification_add)
    _log_once(
        target,
        Action.ADDED,
        edition,
        reason=f"{edition.year}年版国家职业资格目录新增",
        changes={"kind": change.kind_after},
        source=change.source,
    )


def _renamed(change, edition, context) -> None:
    target = _find(change.new_name)
    if target is None:
        context.report.notes.append(f"change not matched: renamed {change.name}")
        return
    _log_once(
        target,
        Action.RENAMED,
        edition,
        reason=f"{edition.year}年版国家职业资格目录更名",
        changes={"name": [change.name, change.new_name]},
        source=change.source,
    )
    if change.action == "reclassified_renamed":
        _log_once(
            target,
            Action.RECLASSIFIED,
            edition,
            reason=f"{edition.year}年版国家职业资格目录调整类型",
            changes={"kind": [change.kind_before, change.kind_after]},
            source=change.source,
        )


_CHANGE_HANDLERS = {
    "removed": _removed,
    "removed_group": _removed_group,
    "added": _added,
    "renamed": _renamed,
    "reclassified_renamed": _renamed,
}


def _skilled_exit(name: str, exits: list[dict[str, str]]) -> dict[str, str] | None:
    """The exits.csv row that names this item (人力资源服务人员（企业人力资源管理师…）)."""
    for row in exits:
        title = row["name"].split("（")[0]
        if row["left_on"] and sources.same_name(title, name):
            return row
    return None


def _retire_skilled_exits(lineages: list[Lineage], data_dir: Path, context: _Context) -> None:
    """Skilled level-evaluation items (and sub-items) of an edition that the next lacks left
    in the 2020 exit:
    "用一年时间分步有序将其他水平评价类技能人员职业资格全部退出国家职业资格目录"."""
    exits = sources.read_rows(data_dir / "exits.csv")
    latest = max(context.editions)
    for lineage in lineages:
        entry = lineage.latest
        if entry.category != Category.SKILLED:
            continue
        item = Qualification.objects.get(name=entry.name, parent=None)
        if entry.edition != latest and entry.kind == Kind.LEVEL_EVALUATION:
            _retire_in_skilled_exit(item, _skilled_exit(entry.name, exits), context)
        elif entry.edition == latest:
            current = {s.name for s in entry.sub_items}
            for sub in item.sub_items.exclude(name__in=current).filter(status=Status.LISTED):
                _retire_in_skilled_exit(sub, None, context)


def _retire_in_skilled_exit(qualification: Qualification, row, context: _Context) -> None:
    retired_on = date.fromisoformat(row["left_on"]) if row else SKILLED_EXIT_DEADLINE
    document = row["document"] if row else SKILLED_EXIT_DOCUMENT
    reason = SKILLED_EXIT_REASON
    if row:
        reason = (
            f"{row['name']}：水平评价类技能人员职业资格第一批退出目录；" + reason.split("；")[1]
        )
    source = row["source"] if row else "data/exits.csv"
    _retire(
        qualification,
        context,
        retired_on=retired_on,
        document=document,
        reason=reason,
        source=source,
    )
    if qualification.parent_id:
        _log_once(
            qualification.parent,
            Action.SUB_ITEM_REMOVED,
            effective_on=retired_on,
            document=document,
            reason=reason,
            changes={"sub_item": qualification.name},
            source=source,
        )


def _load_cancellations(data_dir: Path, context: _Context) -> None:
    batches = {}
    for rec in sources.read_batches(data_dir / "cancellation_batches.csv"):
        batches[rec.batch] = _upsert(
            context.report,
            CancellationBatch,
            {"number": rec.batch},
            {
                "decided_on": _date_or_none(rec.decided_on),
                "published_on": _date_or_none(rec.published_on),
                "document": rec.document,
                "items_cancelled": rec.items_cancelled,
                "verification": rec.verification,
                "source": rec.source,
                "note": rec.note,
            },
        )
    records = sources.read_cancellations(data_dir / "cancellations.csv")
    for rec in records:
        batch = batches[rec.batch]
        fields = ("category", "kind", "verification", "source", "note")
        _upsert(
            context.report,
            Cancellation,
            {"batch": batch, "name": rec.name},
            {f: getattr(rec, f) for f in fields},
        )
        _cancel(rec, batch, context)
    context.progress(f"cancellations: {len(batches)} batches, {len(records)} named items")


def _date_or_none(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _cancel(rec: sources.CancellationRecord, batch: CancellationBatch, context: _Context) -> None:
    """A cancelled item becomes a retired record, where the batch's date is known and the
    name is not a catalogue item of a later edition (矿业权评估师 came back in 2021)."""
    existing = _existing(rec.name, None, context)  # the same qualification, identity.py
    if existing is not None and existing.entries.exists():
        context.report.notes.append(f"cancelled in batch {batch.number}, listed later: {rec.name}")
        return
    if batch.date is None:
        return  # kept as a cancellation record only: no date to retire it on
    reason = f"国务院第{batch.number}批取消职业资格许可和认定事项"
    fields = {"source": rec.source, "verification": rec.verification, "note": rec.note}
    if existing is None:
        services.qualification_add_retired(
            qualification=Qualification(name=rec.name, parent=None, **fields),
            retired_on=batch.date,
            document=batch.document,
            reason=reason,
            batch=batch,
            source=rec.source,
            **SYSTEM,
        )
        context.report.created += 1
        return
    if existing.is_retired:
        approval = {"effective_on": batch.date, "document": batch.document}
        _correct(existing, fields, context, source=rec.source, **approval)
    _retire(
        existing,
        context,
        retired_on=batch.date,
        document=batch.document,
        reason=reason,
        source=rec.source,
        batch=batch,
    )
    services.qualification_search_refresh(qualification=existing)


def _row_fields(row: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    return {name: row[name] for name in names}


_SOURCED = ("verification", "source", "note")


def _load_rule_data(data_dir: Path, report: LoadReport) -> None:
    """Exits, verification services, forbidden wording, colloquial names, advert phrases."""
    for row in sources.read_rows(data_dir / "exits.csv"):
        _upsert(
            report,
            Exit,
            {"name": row["name"], "document": row["document"]},
            {
                "left_on": _date_or_none(row["left_on"]),
                **_row_fields(row, ("rule", "certificates_issued_before", *_SOURCED)),
            },
        )
    for row in sources.read_rows(data_dir / "verification_services.csv"):
        _upsert(
            report,
            VerificationService,
            {"certificate_kind": row["certificate_kind"], "url": row["url"]},
            _row_fields(row, ("service_name", "what_to_enter", "run_by", *_SOURCED)),
        )
    for row in sources.read_rows(data_dir / "forbidden_wording.csv"):
        key = _row_fields(row, ("text", "applies_to", "document"))
        _upsert(report, ForbiddenWord, key, _row_fields(row, ("since", *_SOURCED)))
    for row in sources.read_rows(data_dir / "colloquial_names.csv"):
        _upsert(
            report,
            ColloquialName,
            _row_fields(row, ("colloquial_name", "certificate")),
            {
                "licenses_work": row["licenses_work"] == "yes",
                **_row_fields(row, ("issued_by", "catalogue_item", *_SOURCED)),
            },
        )
    advert_file = data_dir / "advert_phrases.csv"
    for row in sources.read_rows(advert_file) if advert_file.is_file() else []:
        key = _row_fields(row, ("phrase", "document"))
        _upsert(report, AdvertPhrase, key, _row_fields(row, ("signals", *_SOURCED)))
