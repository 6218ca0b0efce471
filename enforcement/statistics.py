"""Public figures: reports by type, region (province), status and month.

Only counts leave this module; nothing about a single case.
"""

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr, TruncMonth

from .models import Status, ViolationType
from .regions import province_name


def _rows(pairs: list[tuple[str, str, int]]) -> list[dict]:
    """Rows with their share of the largest count (0–100), for the bar charts."""
    top = max((count for _, _, count in pairs), default=0) or 1
    return [
        {"key": key, "label": label, "count": count, "share": round(count * 100 / top, 1)}
        for key, label, count in pairs
    ]


def _by_type(cases: QuerySet) -> list[dict]:
    counts = dict(cases.values_list("violation_type").annotate(n=Count("id")).order_by())
    return _rows([(t.value, str(t.label), counts.get(t.value, 0)) for t in ViolationType])


def _by_status(cases: QuerySet) -> list[dict]:
    counts = dict(cases.values_list("status").annotate(n=Count("id")).order_by())
    return _rows([(s.value, str(s.label), counts.get(s.value, 0)) for s in Status])


def _by_region(cases: QuerySet) -> list[dict]:
    counts = (
        cases.annotate(province=Substr("region_code", 1, 2))
        .values_list("province")
        .annotate(n=Count("id"))
        .order_by("-n", "province")
    )
    return _rows([(p + "0000", province_name(p + "0000"), n) for p, n in counts])


def _by_month(cases: QuerySet) -> list[dict]:
    counts = (
        cases.annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return _rows([(m.strftime("%Y-%m"), m.strftime("%Y-%m"), n) for m, n in counts])


def report_statistics(cases: QuerySet) -> dict:
    return {
        "total": cases.count(),
        "by_type": _by_type(cases),
        "by_region": _by_region(cases),
        "by_status": _by_status(cases),
        "by_month": _by_month(cases),
    }
