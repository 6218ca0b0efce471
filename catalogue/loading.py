"""Load the shipped catalogue data into the database, idempotently.

Running the load twice changes nothing: every record is found by its natural key and only
updated where the data says something different, and a log entry is appended only when
the same entry is not already there.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from notices.models import Notice

from . import sources
from .lineage import Lineage, build_lineages, close_names
from .models import (
    Action,
    Adjustment,
    AdvertPhrase,
    Alias,
    Cancellation,
    CancellationBatch,
    Category,
    ColloquialName,
    DataRelease,
    Department,
    Edition,
    EditionEntry,
    Exit,
    ForbiddenWord,
    Kind,
    Qualification,
    Status,
    VerificationService,
)

DATA_DIR = Path(settings.BASE_DIR) / "data"
ADDED_2017 = "列入国家职业资格目录"
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


def load_catalogue(
    *, data_dir: Path = DATA_DIR, progress: Callable[[str], None] = lambda _: None
) -> LoadReport:
    """Load editions, entries, 2021 changes and cancellations from ``data_dir``."""
    report = LoadReport()
    with transaction.atomic():
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


def _set_departments(qualification: Qualification, names: list[str]) -> None:
    qualification.departments.set(
        [Department.objects.get_or_create(name=name)[0] for name in names]
    )


def _load_lineage(lineage: Lineage, context: _Context) -> None:
    latest = lineage.latest
    qualification = _upsert(
        context.report,
        Qualification,
        {"name": latest.name, "parent": None},
        {
            "category": latest.category,
            "kind": latest.kind,
            "legal_basis": latest.legal_basis,
            "remarks": latest.remarks,
            "source": latest.source,
            "verified": latest.verified,
            "verification": latest.verification,
            "note": latest.note,
        },
    )
    _set_departments(qualification, latest.departments)
    for name in lineage.former_names:
        Alias.objects.get_or_create(qualification=qualification, name=name)
    for entry in lineage.entries:
        _upsert_entry(qualification, entry, context, entry.name)
        if entry.edition == min(context.editions):
            _log_once(
                qualification,
                Action.ADDED,
                context.editions[entry.edition],
                reason=ADDED_2017,
                source=entry.source,
            )
    for name in lineage.sub_item_names():
        listing = [(e, s) for e in lineage.entries for s in e.sub_items if s.name == name]
        _load_sub_item(qualification, listing, context)
    _refresh_search_text(qualification)


def _load_sub_item(
    parent: Qualification,
    listing: list[tuple[sources.EntryRecord, sources.SubItemRecord]],
    context: _Context,
) -> None:
    """A sub-item takes its fields from the latest edition that lists it."""
    entry, sub = listing[-1]
    item = _upsert(
        context.report,
        Qualification,
        {"parent": parent, "name": sub.name},
        {
            "category": entry.category,
            "kind": entry.kind,
            "legal_basis": sub.legal_basis,
            "source": entry.source,
            "verified": entry.verified,
            "verification": entry.verification,
        },
    )
    _set_departments(item, sub.departments)
    for entry, sub in listing:
        _upsert_entry(item, entry, context, sub.name)
    _refresh_search_text(item)


def _upsert_entry(
    qualification: Qualification, entry: sources.EntryRecord, context: _Context, name: str
) -> None:
    _upsert(
        context.report,
        EditionEntry,
        {"edition": context.editions[entry.edition], "qualification": qualification},
        {
            "seq": entry.seq if qualification.parent_id is None else None,
            "name": name,
            "category": entry.category,
            "kind": entry.kind,
            "departments": "；".join(entry.departments),
            "legal_basis": entry.legal_basis,
            "remarks": entry.remarks if qualification.parent_id is None else "",
            "verified": entry.verified,
            "source": entry.source,
            "verification": entry.verification,
            "note": entry.note if qualification.parent_id is None else "",
        },
    )


def _refresh_search_text(qualification: Qualification) -> None:
    before = qualification.search_text
    qualification.refresh_search_text()
    if qualification.search_text != before:
        qualification.save(update_fields=["search_text"])


def _log_once(qualification: Qualification | None, action: str, edition=None, **fields) -> None:
    """Append a log entry unless the same one is already there."""
    fields.setdefault("effective_on", edition.announced_on if edition else None)
    fields.setdefault("document", edition.announcing_document if edition else "")
    key = {
        "qualification": qualification,
        "action": action,
        "edition": edition,
        "effective_on": fields["effective_on"],
        "batch": fields.get("batch"),
        "changes": fields.get("changes", {}),
    }
    if not Adjustment.objects.filter(**key).exists():
        Adjustment.objects.create(**{**fields, **key})


def _find(name: str, parent: Qualification | None = None) -> Qualification | None:
    """The qualification (or sub-item of ``parent``) a change record names."""
    candidates = Qualification.objects.filter(parent=parent).prefetch_related("aliases")
    for candidate in candidates:
        names = [candidate.name, *(a.name for a in candidate.aliases.all())]
        if any(sources.same_name(name, n) for n in names):
            return candidate
    matches = [c for c in candidates if close_names(name, c.name)]
    return matches[0] if len(matches) == 1 else None


def _find_sub_item(name: str) -> Qualification | None:
    subs = Qualification.objects.filter(parent__isnull=False)
    matches = [s for s in subs if sources.same_name(name, s.name)]
    return matches[0] if len(matches) == 1 else None


def _retire(
    qualification: Qualification, edition: Edition, reason: str, report: LoadReport
) -> None:
    _upsert(
        report,
        Qualification,
        {"pk": qualification.pk},
        {
            "status": Status.RETIRED,
            "retired_on": edition.announced_on,
            "retirement_document": edition.announcing_document,
            "retirement_reason": reason,
        },
    )


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
    _retire(target, edition, reason, context.report)
    if target.parent_id:
        _log_once(
            target.parent,
            Action.SUB_ITEM_REMOVED,
            edition,
            reason=reason,
            changes={"sub_item": target.name},
            source=change.source,
        )
    else:
        _log_once(target, Action.RETIRED, edition, reason=reason, source=change.source)


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
    _upsert(
        context.report,
        Qualification,
        {"pk": qualification.pk},
        {
            "status": Status.RETIRED,
            "retired_on": retired_on,
            "retirement_document": document,
            "retirement_reason": reason,
        },
    )
    target, action = qualification, Action.RETIRED
    changes = {}
    if qualification.parent_id:
        target, action = qualification.parent, Action.SUB_ITEM_REMOVED
        changes = {"sub_item": qualification.name}
    _log_once(
        target,
        action,
        effective_on=retired_on,
        document=document,
        reason=reason,
        changes=changes,
        source=row["source"] if row else "data/exits.csv",
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
    existing = Qualification.objects.filter(name=rec.name, parent=None).first()
    if existing is not None and existing.entries.exists():
        context.report.notes.append(f"cancelled in batch {batch.number}, listed later: {rec.name}")
        return
    if batch.date is None:
        return  # kept as a cancellation record only: no date to retire it on
    reason = f"国务院第{batch.number}批取消职业资格许可和认定事项"
    qualification = _upsert(
        context.report,
        Qualification,
        {"name": rec.name, "parent": None},
        {
            "status": Status.RETIRED,
            "retired_on": batch.date,
            "retirement_document": batch.document,
            "retirement_reason": reason,
            "retirement_batch": batch,
            "source": rec.source,
            "verification": rec.verification,
            "note": rec.note,
        },
    )
    _refresh_search_text(qualification)
    _log_once(
        qualification,
        Action.RETIRED,
        effective_on=batch.date,
        document=batch.document,
        batch=batch,
        reason=reason,
        source=rec.source,
    )


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
