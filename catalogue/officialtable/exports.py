"""CSV and JSON exports of a filtered list of qualifications.

Both carry the same columns; in CSV, lists (departments, aliases, sub-items, editions)
are joined with "；". The CSV starts with a byte-order mark so that spreadsheet programs
read it as UTF-8; its cells are neutralised against formula injection
(portal/spreadsheets.py).
"""

import io
import json

from django.http import HttpResponse

from portal import spreadsheets

from ..models import Qualification

COLUMNS = (
    "id",
    "name",
    "name_en",
    "category",
    "kind",
    "status",
    "departments",
    "aliases",
    "sub_items",
    "editions",
    "legal_basis",
    "remarks",
    "retired_on",
    "verified",
    "source",
)
_LIST_SEPARATOR = "；"


def export_record(qualification: Qualification) -> dict:
    """The exported fields of one qualification (its queryset must be ``for_listing``)."""
    q = qualification
    return {
        "id": q.pk,
        "name": q.name,
        "name_en": q.name_en,
        "category": q.category,
        "kind": q.kind,
        "status": q.status,
        "departments": [d.name for d in q.departments.all()],
        "aliases": [a.name for a in q.aliases.all()],
        "sub_items": [s.name for s in q.sub_items.all()],
        "editions": sorted(e.edition.year for e in q.entries.all()),
        "legal_basis": q.legal_basis,
        "remarks": q.remarks,
        "retired_on": q.retired_on.isoformat() if q.retired_on else None,
        "verified": q.verified,
        "source": q.source,
    }


def _flat(value) -> str:
    if isinstance(value, list):
        return _LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else str(value)


def export_csv(qualifications) -> HttpResponse:
    """The list as CSV; cells that a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    out.write("\ufeff")
    records = (export_record(q) for q in qualifications)
    rows = [COLUMNS, *([_flat(r[column]) for column in COLUMNS] for r in records)]
    spreadsheets.csv_write_rows(rows, out=out)
    return _attachment(out.getvalue(), "text/csv; charset=utf-8", "qualifications.csv")


def export_json(qualifications) -> HttpResponse:
    records = [export_record(q) for q in qualifications]
    body = json.dumps({"count": len(records), "results": records}, ensure_ascii=False, indent=1)
    return _attachment(body, "application/json; charset=utf-8", "qualifications.json")


def _attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
