"""Writes to the catalogue. Each one checks the rules of the notice (rules.py), changes
state and appends to the adjustment log in a single transaction, so the log never disagrees
with the catalogue. Callers say which rule problems they accept as warnings (``warn``);
every other problem refuses the write with the rule's message."""

from dataclasses import replace
from datetime import date

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.models import Level
from notices.models import Notice, NoticeStatus

from . import rules
from .models import (
    Action,
    Adjustment,
    Alias,
    CancellationBatch,
    Category,
    Department,
    Edition,
    EditionEntry,
    EditionProposal,
    Kind,
    Qualification,
    ReviewStatus,
    Status,
)
from .version import catalogue_changed

NO_WARNINGS: frozenset[str] = frozenset()

# Fields whose change is worth a line in the adjustment log, with the action it counts as.
TRACKED_FIELDS = {
    "name": Action.RENAMED,
    "category": Action.RECLASSIFIED,
    "kind": Action.RECLASSIFIED,
    "legal_basis": Action.AMENDED,
    "remarks": Action.AMENDED,
    "name_en": Action.AMENDED,
    "parent": Action.AMENDED,
}


def _snapshot(qualification: Qualification) -> dict[str, str]:
    return {
        field: str(getattr(qualification, f"{field}_id" if field == "parent" else field) or "")
        for field in TRACKED_FIELDS
    }


def admin_history_record(*, obj, user, message: str, added: bool = False) -> None:
    """The admin's 历史 of ``obj``: who changed it, when and how (needs a user)."""
    if user is None or obj.pk is None:
        return
    LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=ADDITION if added else CHANGE,
        change_message=message[:2000],
    )


def adjustment_record(
    *,
    qualification: Qualification | None,
    action: str,
    effective_on: date | None,
    document: str = "",
    reason: str = "",
    changes: dict | None = None,
    user=None,
    drafted_by=None,
    edition: Edition | None = None,
    batch=None,
    source: str = "",
    warnings: list[rules.Problem] = (),
) -> Adjustment:
    """The one writer of the adjustment log; it also leaves the entry in the admin's 历史."""
    catalogue_changed()  # the log is public (/catalogue/<id>/, the editions' changes)
    changes = dict(changes or {})
    if warnings:
        changes["warnings"] = [p.message for p in warnings]
    adjustment = Adjustment.objects.create(
        qualification=qualification,
        action=action,
        effective_on=effective_on,
        document=document,
        reason=reason,
        changes=changes,
        edition=edition,
        batch=batch,
        source=source,
        recorded_by=user,
        drafted_by=drafted_by,
        published_by=user,
    )
    if qualification is not None:
        label = Action(action).label
        message = " ".join(str(part) for part in (label, document, reason) if part)
        admin_history_record(
            obj=qualification, user=user, message=message, added=action in rules.ADDING
        )
    return adjustment


def _change(qualification: Qualification, action: str, document: str, on, **extra):
    # A sub-item rests on its item's legal basis unless it states its own.
    parent = qualification.parent if qualification.parent_id else None
    legal_basis = qualification.legal_basis.strip() or (parent.legal_basis if parent else "")
    return rules.Change(
        action=action,
        name=qualification.name,
        kind=qualification.kind,
        legal_basis=legal_basis,
        qualification=qualification,
        document=document,
        effective_on=on,
        **extra,
    )


def _name_free(qualification: Qualification) -> None:
    """A clear message where the database would refuse a name already in the catalogue."""
    taken = Qualification.objects.filter(name=qualification.name, parent=qualification.parent)
    holder = taken.exclude(pk=qualification.pk).first()
    if holder is not None:
        state = _("已退出或取消") if holder.is_retired else _("在目录中")
        raise ValidationError(
            {
                "name": _("“%(name)s”已是目录中另一项职业资格的名称（%(state)s）。")
                % {"name": holder.name, "state": state}
            }
        )


def _clean(qualification: Qualification, warn: frozenset[str]) -> None:
    """Validate the fields; a nameless qualification only where the caller accepts an
    untitled row of the data (rules.UNTITLED_ROW).

    The table's constraints are not re-queried one by one (a query each, the loader's main
    cost): the services guard what they say with a clear message — a free name
    (_name_free), choices (the fields' own validation), a retirement with its date and
    reason and a successor only when retired (qualification_retire)."""
    if not qualification.name.strip() and rules.UNTITLED_ROW not in warn:
        raise ValidationError({"name": _("职业资格须有名称。")})
    exclude = [] if qualification.name.strip() else ["name"]
    qualification.full_clean(exclude=exclude, validate_constraints=False)


def qualification_search_refresh(*, qualification: Qualification) -> None:
    """Recompute the search text of a qualification and of the item it belongs to (its
    names, aliases and sub-items' names); saved only where it changed."""
    before = qualification.search_text
    qualification.refresh_search_text()
    if qualification.search_text != before:
        catalogue_changed()
        qualification.save(update_fields=["search_text"])
    if qualification.parent_id:
        qualification_search_refresh(qualification=qualification.parent)


@transaction.atomic
def qualification_departments_set(*, qualification: Qualification, names: list[str]) -> None:
    """The departments that implement the qualification, by name (a new name is a new
    department); nothing is written where they are already these."""
    wanted = [Department.objects.get_or_create(name=name)[0] for name in names]
    if {d.pk for d in wanted} != set(qualification.departments.values_list("pk", flat=True)):
        qualification.departments.set(wanted)
        catalogue_changed()


@transaction.atomic
def qualification_aliases_add(*, qualification: Qualification, names: list[str]) -> None:
    """Names the public uses for the qualification (old names, abbreviations); the search
    text follows."""
    for name in names:
        Alias.objects.get_or_create(qualification=qualification, name=name)
    qualification_search_refresh(qualification=qualification)


@transaction.atomic
def department_save(*, department: Department) -> Department:
    """Save a department (the admin's form); its name shows on the catalogue's pages."""
    department.save()
    catalogue_changed()
    return department


@transaction.atomic
def edition_save(*, edition: Edition) -> Edition:
    """Save what the admin may edit of a published edition (its research note)."""
    edition.save()
    catalogue_changed()
    return edition


@transaction.atomic
def cancellation_batch_save(*, batch: CancellationBatch) -> CancellationBatch:
    """Save a State Council cancellation batch (the admin's form); the check cites it."""
    batch.save()
    catalogue_changed()
    return batch


@transaction.atomic
def qualification_add(
    *,
    qualification: Qualification,
    effective_on: date | None,
    document: str,
    reason: str,
    user,
    drafted_by=None,
    edition: Edition | None = None,
    source: str = "",
    warn: frozenset[str] = NO_WARNINGS,
) -> Qualification:
    """Save a new qualification and log its addition."""
    action = Action.SUB_ITEM_ADDED if qualification.parent_id else Action.ADDED
    warnings = rules.enforce(_change(qualification, action, document, effective_on), warn=warn)
    _name_free(qualification)
    _clean(qualification, warn)
    qualification.save()
    qualification_search_refresh(qualification=qualification)
    adjustment_record(
        qualification=qualification,
        action=action,
        effective_on=effective_on,
        document=document,
        reason=reason,
        changes={"after": _snapshot(qualification)},
        user=user,
        drafted_by=drafted_by,
        edition=edition,
        source=source,
        warnings=warnings,
    )
    return qualification


@transaction.atomic
def qualification_amend(
    *,
    qualification: Qualification,
    effective_on: date | None = None,
    document: str = "",
    reason: str = "",
    user,
    drafted_by=None,
    edition: Edition | None = None,
    source: str = "",
    warn: frozenset[str] = NO_WARNINGS,
) -> list[Adjustment]:
    """Save edits to a qualification and log what changed (rename, reclassify, amend)."""
    before = _snapshot(Qualification.objects.select_for_update().get(pk=qualification.pk))
    after = _snapshot(qualification)
    changed = {f: [before[f], after[f]] for f in TRACKED_FIELDS if before[f] != after[f]}
    actions = dict.fromkeys(TRACKED_FIELDS[f] for f in changed) or {Action.AMENDED: None}
    change = _change(qualification, next(iter(actions)), document, effective_on)
    warnings = rules.enforce(change, warn=warn)
    _name_free(qualification)
    _clean(qualification, warn)
    qualification.save()
    qualification_search_refresh(qualification=qualification)
    return [
        adjustment_record(
            qualification=qualification,
            action=action,
            effective_on=effective_on,
            document=document,
            reason=reason,
            changes={f: v for f, v in changed.items() if TRACKED_FIELDS[f] == action},
            user=user,
            drafted_by=drafted_by,
            edition=edition,
            source=source,
            warnings=warnings,
        )
        for action in actions
    ]


@transaction.atomic
def qualification_retire(
    *,
    qualification: Qualification,
    retired_on: date,
    document: str,
    reason: str,
    successor: Qualification | None = None,
    successor_equivalent: bool | None = None,
    batch=None,
    user,
    drafted_by=None,
    edition: Edition | None = None,
    source: str = "",
    warn: frozenset[str] = NO_WARNINGS,
) -> Qualification:
    """Retire a qualification: it stays in the catalogue's history, never deleted.

    坚决防止已取消的职业资格"死灰复燃": a retired qualification keeps its retirement record
    so that it stays findable and cannot quietly come back.
    """
    qualification = Qualification.objects.select_for_update().get(pk=qualification.pk)
    if qualification.is_retired:
        raise ValidationError(
            _("该职业资格已于 %(d)s 退出或取消。") % {"d": qualification.retired_on}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("请说明退出或取消的原因。")})
    if successor is not None and (successor.pk == qualification.pk or successor.is_retired):
        raise ValidationError({"successor": _("承接资格必须是目录中另一项在列的职业资格。")})
    change = _change(qualification, Action.RETIRED, document, retired_on)
    warnings = rules.enforce(change, warn=warn)
    qualification.status = Status.RETIRED
    qualification.retired_on = retired_on
    qualification.retirement_document = document
    qualification.retirement_reason = reason
    qualification.successor = successor
    qualification.successor_equivalent = successor_equivalent if successor else None
    qualification.retirement_batch = batch
    qualification.save()
    catalogue_changed()
    adjustment_record(
        qualification=qualification,
        action=Action.RETIRED,
        effective_on=retired_on,
        document=document,
        reason=reason,
        changes={
            "successor": successor.name if successor else None,
            "successor_equivalent": qualification.successor_equivalent,
        },
        user=user,
        drafted_by=drafted_by,
        edition=edition,
        batch=batch,
        source=source,
        warnings=warnings,
    )
    return qualification


@transaction.atomic
def qualification_add_retired(
    *,
    qualification: Qualification,
    retired_on: date,
    document: str,
    reason: str,
    batch=None,
    user,
    source: str = "",
    warn: frozenset[str] = NO_WARNINGS,
) -> Qualification:
    """Record a qualification known only by its retirement (cancelled by the State Council
    before any edition here listed it): saved retired, with one log entry, its retirement."""
    change = _change(qualification, Action.RETIRED, document, retired_on)
    warnings = rules.enforce(change, warn=warn)
    qualification.status, qualification.retired_on = Status.RETIRED, retired_on
    qualification.retirement_document, qualification.retirement_reason = document, reason
    qualification.retirement_batch = batch
    _name_free(qualification)
    _clean(qualification, warn)
    qualification.save()
    qualification_search_refresh(qualification=qualification)
    adjustment_record(
        qualification=qualification,
        action=Action.RETIRED,
        effective_on=retired_on,
        document=document,
        reason=reason,
        user=user,
        batch=batch,
        source=source,
        warnings=warnings,
    )
    return qualification


@transaction.atomic
def history_record(
    *,
    qualification: Qualification | None,
    action: str,
    effective_on: date | None,
    document: str = "",
    reason: str = "",
    changes: dict | None = None,
    user,
    edition: Edition | None = None,
    batch=None,
    source: str = "",
    warn: frozenset[str] = NO_WARNINGS,
) -> Adjustment:
    """Log an adjustment the catalogue already shows (a rename or a group's removal that the
    shipped editions record), after the rules have looked at it as a change."""
    if qualification is None:
        change = rules.Change(action=action, name="", document=document, effective_on=effective_on)
    else:
        change = _change(qualification, action, document, effective_on)
    warnings = rules.enforce(change, warn=warn)
    return adjustment_record(
        qualification=qualification,
        action=action,
        effective_on=effective_on,
        document=document,
        reason=reason,
        changes=changes,
        user=user,
        edition=edition,
        batch=batch,
        source=source,
        warnings=warnings,
    )


@transaction.atomic
def qualification_reinstate(
    *,
    qualification: Qualification,
    effective_on: date | None,
    document: str,
    reason: str,
    user,
    drafted_by=None,
    warn: frozenset[str] = NO_WARNINGS,
) -> Qualification:
    """Re-list a retired qualification on a new approval; the log keeps its retirement.

    ``qualification`` carries the values it is re-listed with (unsaved).
    """
    stored = Qualification.objects.select_for_update().get(pk=qualification.pk)
    if not stored.is_retired:
        raise ValidationError(_("该职业资格在目录中，无需恢复。"))
    change = replace(_change(qualification, "reinstated", document, effective_on), name=stored.name)
    warnings = rules.enforce(change, warn=warn)
    qualification.status, qualification.retired_on = Status.LISTED, None
    qualification.retirement_document = qualification.retirement_reason = ""
    qualification.retirement_batch = qualification.successor = None
    qualification.successor_equivalent = None
    _clean(qualification, warn)
    qualification.save()
    qualification_search_refresh(qualification=qualification)
    adjustment_record(
        qualification=qualification,
        action=Action.SUB_ITEM_ADDED if qualification.parent_id else Action.ADDED,
        effective_on=effective_on,
        document=document,
        reason=reason,
        changes={"reinstated": True},
        user=user,
        drafted_by=drafted_by,
        warnings=warnings,
    )
    return qualification


ENTRY_FIELDS = ["seq", "name", "category", "kind", "departments", "legal_basis", "remarks"]


@transaction.atomic
def edition_include(
    *,
    entry: EditionEntry,
    document: str,
    reason: str,
    user,
    drafted_by=None,
    before: dict | None = None,
    log_listing: bool = True,
    warn: frozenset[str] = NO_WARNINGS,
) -> EditionEntry:
    """Save how an edition lists a qualification (new or changed entry), and log it.

    The entry must obey the rules as the qualification would: an access-type entry keeps its
    legal basis; a retired qualification is not listed in an edition after its retirement.
    ``before``: the entry's values before this change, when the caller has already moved them
    (the official-table import frees numbers first). ``log_listing=False``: a new entry is
    not logged, where the log already says why the edition lists it (the loader's additions).
    """
    qualification = entry.qualification
    change = rules.Change(
        action=rules.INCLUDED,
        name=entry.name,
        kind=entry.kind,
        legal_basis=entry.legal_basis,
        qualification=qualification,
        document=document,
        effective_on=entry.edition.announced_on,
        edition=entry.edition,
    )
    warnings = rules.enforce(change, warn=warn)
    if before is None:
        before = EditionEntry.objects.filter(pk=entry.pk).values(*ENTRY_FIELDS, "verified").first()
    if entry.name.strip() or rules.UNTITLED_ROW in warn:
        entry.full_clean(validate_constraints=False, exclude=[] if entry.name.strip() else ["name"])
    else:
        raise ValidationError({"name": _("职业资格须有名称。")})
    entry.save()
    catalogue_changed()
    after = {f: getattr(entry, f) for f in [*ENTRY_FIELDS, "verified"]}
    changed = {
        f: [(before or {}).get(f), v] for f, v in after.items() if (before or {}).get(f) != v
    }
    if changed and (before is not None or log_listing):
        adjustment_record(
            qualification=qualification,
            action=Action.AMENDED,
            effective_on=entry.edition.announced_on,
            document=document,
            reason=reason,
            changes={
                "edition_entry": {k: [str(a or ""), str(b or "")] for k, (a, b) in changed.items()}
            },
            user=user,
            drafted_by=drafted_by,
            edition=entry.edition,
            source=entry.source,
            warnings=warnings,
        )
    return entry


CATEGORY_ORDER = [Category.PROFESSIONAL_TECHNICAL, Category.SKILLED, ""]
KIND_ORDER = [Kind.ACCESS, Kind.LEVEL_EVALUATION, ""]


def _numbering_key(previous: dict[int, int]):
    """The official order: category, then kind (access first), then the previous number."""

    def key(qualification: Qualification) -> tuple:
        seq = previous.get(qualification.pk)
        return (
            CATEGORY_ORDER.index(qualification.category),
            KIND_ORDER.index(qualification.kind),
            seq is None,
            seq or 0,
            qualification.pk,
        )

    return key


def _entry(edition: Edition, qualification: Qualification, seq: int | None) -> EditionEntry:
    return EditionEntry(
        edition=edition,
        qualification=qualification,
        seq=seq,
        name=qualification.name,
        category=qualification.category,
        kind=qualification.kind,
        departments="；".join(d.name for d in qualification.departments.all()),
        legal_basis=qualification.legal_basis,
        remarks=qualification.remarks if seq else "",
        verified=qualification.verified,
        source=qualification.source,
    )


OFFICIAL_COUNTS = [
    "official_total",
    "official_pt_access",
    "official_pt_level",
    "official_skilled_access",
    "official_skilled_level",
    "official_skilled_total",
]


def _edition_problems(*, year: int, notice: Notice, official_total: int | None) -> dict:
    """Why an edition may not be announced by ``notice``: the ministry announces editions, in
    order, and the official totals are the notice's, never counted from the portal's rows."""
    errors = {}
    latest = Edition.objects.order_by("-year").first()
    if latest is not None and year <= latest.year:
        errors["year"] = _("新版本的年份须晚于%(y)s。") % {"y": latest.year}
    if notice.status != NoticeStatus.PUBLISHED:
        errors["notice"] = _("公布通知须已发布。")
    elif notice.issuer.level != Level.NATIONAL:
        errors["notice"] = _(
            "目录版本须由国家级主管部门（人力资源社会保障部）的通知公布，转发通知不能作为公布通知。"
        )
    elif notice.issued_on is None:
        errors["notice"] = _("公布通知须有成文日期。")
    elif latest is not None and latest.announced_on and notice.issued_on < latest.announced_on:
        errors["notice"] = _("公布日期 %(d)s 早于上一版本的公布日期 %(p)s。") % {
            "d": notice.issued_on,
            "p": latest.announced_on,
        }
    if not official_total:
        errors["official_total"] = _("请按公布通知填写官方总数。")
    return errors


@transaction.atomic
def edition_propose(*, year: int, title: str, notice: Notice, user, **official) -> EditionProposal:
    """Propose a new edition for a second maintainer's review; nothing public changes.

    ``official`` holds the totals as the announcing notice states them (official_total …).
    """
    errors = _edition_problems(
        year=year, notice=notice, official_total=official.get("official_total")
    )
    if errors:
        raise ValidationError(errors)
    counts = {k: official.get(k) for k in OFFICIAL_COUNTS}
    proposal = EditionProposal.objects.create(
        year=year, title=title, notice=notice, submitted_by=user, **counts
    )
    admin_history_record(obj=proposal, user=user, message=_("提交审核"), added=True)
    return proposal


@transaction.atomic
def edition_return(*, proposal: EditionProposal, user, reason: str) -> EditionProposal:
    proposal = _pending_proposal(proposal, user)
    if not reason.strip():
        raise ValidationError({"return_reason": _("请说明退回的原因。")})
    proposal.status, proposal.reviewed_by = ReviewStatus.RETURNED, user
    proposal.reviewed_at, proposal.return_reason = timezone.now(), reason.strip()
    proposal.save()
    admin_history_record(obj=proposal, user=user, message=_("退回：") + reason)
    return proposal


def _pending_proposal(proposal: EditionProposal, user) -> EditionProposal:
    proposal = EditionProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_pending:
        raise ValidationError(_("该提议已发布或已退回。"))
    rules.reviewed_by_another_maintainer(submitted_by_id=proposal.submitted_by_id, reviewer=user)
    return proposal


@transaction.atomic
def edition_publish(*, proposal: EditionProposal, user) -> Edition:
    """Publish a reviewed edition from the catalogue as it stands.

    Items are numbered as the official table numbers them: professional-technical before
    skilled, access-type before level-evaluation, keeping the previous edition's order;
    sub-items are listed under their item without a number of their own. The official
    totals are the proposal's, as the announcing notice states them.
    """
    proposal = _pending_proposal(proposal, user)
    latest = Edition.objects.select_for_update().order_by("-year").first()
    notice = proposal.notice
    errors = _edition_problems(
        year=proposal.year, notice=notice, official_total=proposal.official_total
    )
    if errors:
        raise ValidationError(errors)
    items = list(
        Qualification.objects.items()
        .listed()
        .prefetch_related("departments", "sub_items__departments")
    )
    if not items:
        raise ValidationError(_("目录中没有在列的职业资格。"))
    previous = dict(latest.entries.values_list("qualification_id", "seq")) if latest else {}
    items.sort(key=_numbering_key(previous))
    edition = Edition.objects.create(
        year=proposal.year,
        title=proposal.title,
        announced_on=notice.issued_on,
        announcing_document=notice.doc_number,
        announcing_notice=notice,
        source=_("由 %(by)s 提议、%(user)s 审核，依据%(doc)s从当前目录发布")
        % {"by": proposal.submitted_by, "user": user, "doc": notice},
        **{k: getattr(proposal, k) for k in OFFICIAL_COUNTS},
    )
    entries = []
    for seq, item in enumerate(items, start=1):
        entries.append(_entry(edition, item, seq))
        subs = [s for s in item.sub_items.all() if not s.is_retired]
        entries += [_entry(edition, sub, None) for sub in subs]
    EditionEntry.objects.bulk_create(entries)
    proposal.status, proposal.reviewed_by = ReviewStatus.PUBLISHED, user
    proposal.reviewed_at, proposal.edition = timezone.now(), edition
    proposal.save()
    admin_history_record(obj=edition, user=user, message=_("审核发布"), added=True)
    catalogue_changed()
    return edition
