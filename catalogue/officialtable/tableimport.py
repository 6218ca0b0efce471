"""Loading an edition's official table: a preview row by row, a change set submitted for
review, and its publication by a second maintainer.

Each row of the table is matched to the edition's entry and the qualification it lists
(identity.py), and gets a verdict: add, change (with each difference), confirm, or blocked
(with why: a clash, or a rule of the notice it would break). A submitted change set changes
nothing public. Publishing applies exactly what the preview (recomputed then) shows, through
the catalogue services, each row's change its own log entry carrying the edition; rows
become verified only when the reviewer attests that the document is the official table, and
never from a table the portal exported itself. Unreadable rows are listed and change nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules, services
from ..identity import identity_key, qualification_keys, same_qualification_name
from ..models import (
    Action,
    Category,
    Edition,
    EditionEntry,
    Qualification,
    ReviewStatus,
    TableChangeSet,
)
from ..version import catalogue_changed
from .table import Table, TableRow, Unreadable, table_read

ADD, CHANGE, CONFIRM, BLOCKED = "add", "change", "confirm", "blocked"
ENTRY_FIELDS = ["seq", "name", "category", "kind", "departments", "legal_basis", "remarks"]
QUALIFICATION_FIELDS = ["name", "category", "kind", "legal_basis", "remarks"]


@dataclass
class PreviewRow:
    row: TableRow
    verdict: str
    qualification: Qualification | None = None
    entry: EditionEntry | None = None
    parent: "PreviewRow | None" = None
    differences: list[tuple[str, object, object]] = field(default_factory=list)
    note: str = ""

    @property
    def is_sub_item(self) -> bool:
        return self.parent is not None

    @property
    def labelled_differences(self) -> list[tuple[str, object, object]]:
        """The differences with each field's name as the table calls it."""
        return [
            (EditionEntry._meta.get_field(key).verbose_name, old, new)
            for key, old, new in self.differences
        ]


@dataclass
class Preview:
    edition: Edition
    document: str
    rows: list[PreviewRow] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    not_in_table: list[EditionEntry] = field(default_factory=list)
    from_portal_export: bool = False

    def count(self, verdict: str) -> int:
        return sum(1 for r in self.rows if r.verdict == verdict)

    @property
    def counts(self) -> dict[str, int]:
        return {v: self.count(v) for v in (ADD, CHANGE, CONFIRM, BLOCKED)}


def _entry_values(row: TableRow) -> dict[str, object]:
    values = {"seq": row.seq, "name": row.name}
    if row.detailed:
        values |= {
            "departments": "；".join(row.departments),
            "legal_basis": row.legal_basis,
            "remarks": row.remarks,
        }
    # The category and kind come from section rows and the 资格类别 column; unstated, kept.
    values |= {k: getattr(row, k) for k in ("category", "kind") if getattr(row, k)}
    return values


class _Matcher:
    def __init__(self, edition: Edition):
        self.edition = edition
        entries = EditionEntry.objects.filter(edition=edition).select_related("qualification")
        self.entries = {e.qualification_id: e for e in entries}
        items = Qualification.objects.items().prefetch_related("aliases", "entries", "sub_items")
        self.items = list(items)

    def item(self, name: str) -> Qualification | None:
        for entry in self.entries.values():
            if entry.name == name and entry.qualification.parent_id is None:
                return entry.qualification
        exact = [q for q in self.items if q.name == name]
        same = [q for q in self.items if identity_key(name) in qualification_keys(q)]
        return next((found[0] for found in (exact, same) if len(found) == 1), None)

    def sub_item(self, parent: Qualification | None, name: str) -> Qualification | None:
        if parent is None:
            return None
        subs = [s for s in parent.sub_items.all() if same_qualification_name(s.name, name)]
        return subs[0] if len(subs) == 1 else None


def _latest_edition() -> Edition:
    return Edition.objects.order_by("-year").first()


def _verdict(prow: PreviewRow, matcher: _Matcher) -> PreviewRow:
    if prow.qualification is None:
        return _new_qualification_verdict(prow, matcher.edition)
    prow.entry = matcher.entries.get(prow.qualification.pk)
    if prow.entry is None:
        prow.verdict, prow.note = ADD, _("已在目录中，本版本新增条目。")
        return prow
    wanted = _entry_values(prow.row)
    prow.differences = [
        (key, getattr(prow.entry, key), value)
        for key, value in wanted.items()
        if getattr(prow.entry, key) != value
    ]
    prow.verdict = CHANGE if prow.differences else CONFIRM
    return prow


def _new_qualification_verdict(prow: PreviewRow, edition: Edition) -> PreviewRow:
    latest = _latest_edition()
    if edition.pk == latest.pk or latest.entries.items().count() >= latest.official_total:
        prow.verdict, prow.note = ADD, _("目录中尚无此项，将新增。")
    else:
        prow.verdict = BLOCKED
        prow.note = _(
            "目录中尚无此项，而最新的%(title)s尚不完整，无法确定它现在是否仍在目录中："
            "请先载入最新版本的官方目录表。"
        ) % {"title": latest.title}
    return prow


def _seq_clashes(preview: Preview, matcher: _Matcher) -> None:
    matched = {r.qualification.pk for r in preview.rows if r.qualification}
    # Numbers are per category (the 2021 table numbers each from 1); a row whose category
    # the table does not say clashes with the number in any category.
    holders = [e for e in matcher.entries.values() if e.seq and e.qualification_id not in matched]
    for prow in preview.rows:
        category = prow.row.category or (prow.entry.category if prow.entry else "")
        holder = next(
            (
                e
                for e in holders
                if prow.row.seq and e.seq == prow.row.seq and category in ("", e.category)
            ),
            None,
        )
        if holder is not None and prow.verdict != BLOCKED:
            prow.verdict = BLOCKED
            prow.note = _("序号 %(n)s 已由本版本中不在此表的“%(name)s”占用。") % {
                "n": holder.seq,
                "name": holder.name,
            }
    preview.not_in_table = [
        e for e in matcher.entries.values() if e.qualification_id not in matched
    ]


def official_table_preview(
    *, edition: Edition, data: bytes, filename: str, document: str
) -> Preview:
    """What loading this table into ``edition`` would add, change and confirm, row by row.

    Raises officialtable.TableError when the file is not an official table at all.
    """
    table: Table = table_read(data, filename)
    matcher = _Matcher(edition)
    preview = Preview(
        edition=edition,
        document=document,
        unreadable=table.unreadable,
        from_portal_export=table.from_portal_export,
    )
    for row in table.items:
        item = _verdict(PreviewRow(row, "", matcher.item(row.name)), matcher)
        preview.rows.append(item)
        for sub in row.sub_items:
            found = matcher.sub_item(item.qualification, sub.name)
            preview.rows.append(_verdict(PreviewRow(sub, "", found, parent=item), matcher))
    _seq_clashes(preview, matcher)
    for prow in preview.rows:
        _rule_blocks(prow, edition, document)
    for prow in preview.rows:
        if prow.parent is not None and prow.parent.verdict == BLOCKED:
            prow.verdict, prow.note = BLOCKED, _("所属职业资格未能载入。")
    return preview


# Change sets -----------------------------------------------------------------------------


def _rule_blocks(prow: PreviewRow, edition: Edition, document: str) -> None:
    """Block a row whose result would break a rule of the notice, with the rule's message."""
    if prow.verdict == BLOCKED:
        return
    values = _entry_values(prow.row)
    qualification = prow.qualification
    kind = values.get("kind") or (prow.entry.kind if prow.entry else "")
    if not kind and qualification is not None:
        kind = qualification.kind
    legal_basis = values.get("legal_basis", prow.entry.legal_basis if prow.entry else "")
    parent = prow.parent.qualification if prow.parent else None
    if not legal_basis and parent is not None:
        legal_basis = parent.legal_basis
    change = rules.Change(
        action=rules.INCLUDED if qualification else Action.ADDED,
        name=prow.row.name,
        kind=kind,
        legal_basis=legal_basis,
        qualification=qualification,
        document=document,
        effective_on=edition.announced_on,
        edition=edition,
    )
    found = rules.problems(change)
    if found:
        prow.verdict, prow.note = BLOCKED, " ".join(p.message for p in found)


@dataclass
class _Commit:
    change_set: TableChangeSet
    user: object

    @property
    def edition(self) -> Edition:
        return self.change_set.edition

    @property
    def verifies(self) -> bool:
        """Rows become verified only from an official table that the reviewer attests."""
        return self.change_set.attested and not self.change_set.from_portal_export

    @property
    def source(self) -> str:
        return f"verified: official table {self.change_set.document}"

    @property
    def record(self) -> dict:
        reason = _("依据官方目录表（%(doc)s）核对，变更 #%(n)s") % {
            "doc": self.change_set.document,
            "n": self.change_set.pk,
        }
        return {
            "effective_on": self.edition.announced_on,
            "document": self.change_set.document,
            "reason": reason,
            "drafted_by": self.change_set.submitted_by,
        }


def change_set_preview(*, change_set: TableChangeSet) -> Preview:
    """The change set's rows as they would apply to the catalogue now."""
    return official_table_preview(
        edition=change_set.edition,
        data=bytes(change_set.data),
        filename=change_set.filename,
        document=change_set.document,
    )


@transaction.atomic
def change_set_submit(
    *, edition: Edition, data: bytes, filename: str, document: str, user
) -> TableChangeSet:
    """Propose an uploaded table for review; nothing public changes.

    Raises officialtable.TableError when the file is not an official table at all.
    """
    if not document.strip():
        raise ValidationError({"document": _("请填写官方目录表的文件。")})
    preview = official_table_preview(
        edition=edition, data=data, filename=filename, document=document
    )
    change_set = TableChangeSet.objects.create(
        edition=edition,
        document=document.strip(),
        filename=filename,
        data=data,
        from_portal_export=preview.from_portal_export,
        counts=preview.counts,
        submitted_by=user,
    )
    services.admin_history_record(obj=change_set, user=user, message=_("提交审核"), added=True)
    return change_set


def _locked_pending(change_set: TableChangeSet, user) -> TableChangeSet:
    change_set = TableChangeSet.objects.select_for_update().get(pk=change_set.pk)
    if not change_set.is_pending:
        raise ValidationError(_("该变更已发布或已退回。"))
    rules.reviewed_by_another_maintainer(submitted_by_id=change_set.submitted_by_id, reviewer=user)
    return change_set


@transaction.atomic
def change_set_publish(*, change_set: TableChangeSet, user, attested: bool) -> Preview:
    """Apply a reviewed change set exactly as its preview (recomputed now) shows.

    ``attested``: the reviewer confirms that the document is the official table; only then do
    its rows become verified. A table the portal exported verifies nothing.
    """
    change_set = _locked_pending(change_set, user)
    change_set.attested = bool(attested) and not change_set.from_portal_export
    change_set.status, change_set.reviewed_by = ReviewStatus.PUBLISHED, user
    change_set.reviewed_at = timezone.now()
    change_set.save()
    preview = change_set_preview(change_set=change_set)
    commit = _Commit(change_set, user)
    rows = [r for r in preview.rows if r.verdict != BLOCKED]
    # Free the numbers that move first, so that swapping two numbers never clashes.
    EditionEntry.objects.filter(pk__in=[r.entry.pk for r in rows if r.entry]).update(seq=None)
    for prow in rows:
        _APPLY[prow.verdict](prow, commit)
    services.admin_history_record(obj=change_set, user=user, message=_("审核发布"))
    catalogue_changed()
    return preview


@transaction.atomic
def change_set_return(*, change_set: TableChangeSet, user, reason: str) -> TableChangeSet:
    """Send a change set back to its submitter with the reason; nothing public changes."""
    change_set = _locked_pending(change_set, user)
    if not reason.strip():
        raise ValidationError({"return_reason": _("请说明退回的原因。")})
    change_set.status, change_set.reviewed_by = ReviewStatus.RETURNED, user
    change_set.reviewed_at, change_set.return_reason = timezone.now(), reason.strip()
    change_set.save()
    services.admin_history_record(obj=change_set, user=user, message=_("退回：") + reason)
    return change_set


def _is_current(qualification: Qualification, edition: Edition) -> bool:
    """The edition is the latest that lists the qualification: its values are current."""
    return not qualification.entries.filter(edition__year__gt=edition.year).exists()


def _set_departments(qualification: Qualification, row: TableRow) -> None:
    if row.detailed:
        names = row.departments
        services.qualification_departments_set(qualification=qualification, names=names)


def _save_entry(prow: PreviewRow, commit: _Commit) -> None:
    entry = prow.entry or EditionEntry(edition=commit.edition, qualification=prow.qualification)
    fields = [*services.ENTRY_FIELDS, "verified"]
    before = {f: getattr(entry, f) for f in fields} if prow.entry else None
    for key, value in _entry_values(prow.row).items():
        setattr(entry, key, value)
    if commit.verifies:
        entry.verified, entry.source = True, commit.source
    record = commit.record
    services.edition_include(
        entry=entry,
        document=record["document"],
        reason=record["reason"],
        user=commit.user,
        drafted_by=record["drafted_by"],
        before=before,
    )


def _verify(qualification: Qualification, commit: _Commit) -> None:
    if not commit.verifies or not _is_current(qualification, commit.edition):
        return
    if (qualification.verified, qualification.source) == (True, commit.source):
        return
    before = qualification.verified
    qualification.verified, qualification.source = True, commit.source
    qualification.save(update_fields=["verified", "source"])
    services.adjustment_record(
        qualification=qualification,
        action=Action.AMENDED,
        changes={"verified": [before, True]},
        edition=commit.edition,
        source=commit.source,
        user=commit.user,
        **commit.record,
    )


def _confirm(prow: PreviewRow, commit: _Commit) -> None:
    _save_entry(prow, commit)
    _verify(prow.qualification, commit)


def _change(prow: PreviewRow, commit: _Commit) -> None:
    _save_entry(prow, commit)
    qualification = prow.qualification
    if not _is_current(qualification, commit.edition):
        return
    values = {k: v for k, v in _entry_values(prow.row).items() if k in QUALIFICATION_FIELDS}
    if any(getattr(qualification, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(qualification, key, value)
        services.qualification_amend(
            qualification=qualification, user=commit.user, edition=commit.edition, **commit.record
        )
    _set_departments(qualification, prow.row)
    _verify(qualification, commit)


def _add(prow: PreviewRow, commit: _Commit) -> None:
    if prow.qualification is None:
        prow.qualification = _create(prow, commit)
    _save_entry(prow, commit)


def _create(prow: PreviewRow, commit: _Commit) -> Qualification:
    row = prow.row
    parent = prow.parent.qualification if prow.parent else None
    new = Qualification(
        name=row.name,
        parent=parent,
        category=row.category or (parent.category if parent else ""),
        kind=row.kind or (parent.kind if parent else ""),
        legal_basis=row.legal_basis,
        remarks=row.remarks if row.detailed else "",
        source=commit.source if commit.verifies else commit.record["reason"],
        verified=commit.verifies,
    )
    services.qualification_add(
        qualification=new, user=commit.user, edition=commit.edition, **commit.record
    )
    _set_departments(new, row)
    latest = _latest_edition()
    if latest.pk != commit.edition.pk:
        services.qualification_retire(
            qualification=new,
            retired_on=latest.announced_on or commit.edition.announced_on,
            document=latest.announcing_document,
            reason=_("%(title)s未列入") % {"title": latest.title},
            user=commit.user,
            drafted_by=commit.change_set.submitted_by,
            edition=latest,
        )
    return new


_APPLY = {ADD: _add, CHANGE: _change, CONFIRM: _confirm}


# Export ----------------------------------------------------------------------------------

CATEGORY_ORDER = {"": 0, Category.PROFESSIONAL_TECHNICAL: 1, Category.SKILLED: 2}


def _table_row(entry: EditionEntry) -> TableRow:
    return TableRow(
        line=0,
        name=entry.name,
        seq=entry.seq,
        category=entry.category,
        kind=entry.kind,
        departments=[d for d in entry.departments.split("；") if d],
        legal_basis=entry.legal_basis,
        remarks=entry.remarks,
    )


def edition_table(*, edition: Edition) -> list[TableRow]:
    """The edition as its official table lays it out: by category, numbered, sub-items below."""
    entries = list(edition.entries.select_related("qualification").order_by("seq", "id"))
    items = [e for e in entries if e.qualification.parent_id is None]
    items.sort(key=lambda e: (CATEGORY_ORDER.get(e.category, 3), e.seq is None, e.seq or 0, e.id))
    rows = {e.qualification_id: _table_row(e) for e in items}
    for entry in entries:
        parent = rows.get(entry.qualification.parent_id)
        if parent is not None:
            parent.sub_items.append(_table_row(entry))
    return list(rows.values())
