"""The check's answer as plain data: the API payload and the bulk check's rows.

Documented by ``certificates.serializers.CertificateCheckSerializer`` (the OpenAPI schema);
a test keeps the two identical field by field.
"""

import functools
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from catalogue.models import Qualification

from .explain import VERIFY_NOTE
from .rules import RULE_6_TEXT, rule_6_report_url


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def moment(value: datetime) -> str:
    """As DRF writes it: in the current time zone, Z for UTC."""
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def qualification_ref(q: Qualification | None) -> dict | None:
    if q is None:
        return None
    return {"id": q.pk, "name": q.name, "url": qualification_url(q.pk)}


@functools.lru_cache(maxsize=4096)  # a few hundred qualifications in all
def qualification_url(pk: int) -> str:
    """The qualification's page: reversed once per process (the URLconf does not change while
    it runs; its paths carry no language)."""
    return reverse("catalogue:qualification-detail", args=[pk])


def _batch(batch) -> dict | None:
    if batch is None:
        return None
    return {
        "number": batch.number,
        "decided_on": _day(batch.decided_on),
        "published_on": _day(batch.published_on),
        "document": batch.document,
    }


def _qualification(q: Qualification | None) -> dict | None:
    if q is None:
        return None
    return {
        **qualification_ref(q),
        "parent": qualification_ref(q.parent),
        "category": q.category,
        "kind": q.kind,
        "status": q.status,
        "retired_on": _day(q.retired_on),
        "retirement_document": q.retirement_document,
        "retirement_batch": _batch(q.retirement_batch),
        "retirement_reason": q.retirement_reason,
        "successor": qualification_ref(q.successor),
        "verification": q.verification,
        "note": q.note,
    }


def _edition(edition) -> dict | None:
    if edition is None:
        return None
    return {
        "year": edition.year,
        "title": edition.title,
        "announced_on": _day(edition.announced_on),
        "announcing_document": edition.announcing_document,
    }


def _validity(validity: dict | None) -> dict | None:
    if validity is None:
        return None
    return {**validity, "left_on": _day(validity["left_on"])}


def _words(result, text: str) -> list[str]:
    from catalogue.text import normalise

    folded = normalise(text)
    words = [
        w
        for warning in result.warnings
        if warning.code == "forbidden_wording"
        for w in warning.words
        if normalise(w) in folded
    ]
    return list(dict.fromkeys(words))


def _rule(result) -> dict | None:
    warning = next((w for w in result.warnings if w.code == "forbidden_wording"), None)
    if warning is None:
        return None
    return {"document": warning.rule, "provision": RULE_6_TEXT, "explanation": warning.message}


def check_payload(result) -> dict:
    rests_on = result.rests_on
    return {
        "name": result.name,
        "issuer": result.issuer,
        "issued_on": _day(result.issued_on),
        "number": result.number,
        "certificate_kind": str(result.certificate_kind),
        "verdict": str(result.verdict),
        "licenses_work": result.licenses_work,
        "reason": result.reason,
        "next_step": result.next_step,
        "question": str(result.question),
        "certain": result.certain,
        "match_method": result.match_method,
        "qualification": _qualification(result.qualification),
        "edition": _edition(result.edition),
        "listed_in": result.listed_in,
        "rests_on": {
            "edition": rests_on.get("edition"),
            "document": rests_on.get("document") or "",
            "verification": rests_on.get("verification") or "",
            "reconstructed": bool(rests_on.get("reconstructed")),
        },
        "validity": _validity(result.validity),
        "forbidden_wording": result.forbidden_wording,
        "forbidden_words_in_name": _words(result, result.name),
        "forbidden_words_in_issuer": _words(result, result.issuer),
        "rule": _rule(result),
        "report_url": (
            rule_6_report_url(name=result.name, issuer=result.issuer)
            if result.forbidden_wording
            else None
        ),
        "warnings": [w.as_dict() for w in result.warnings],
        "verify_at": [dict(s) for s in result.verify_at],
        "verify_note": str(VERIFY_NOTE) if result.verify_at else "",
        "verification": "；".join(f"{s['name']} {s['url']}" for s in result.verify_at),
        "options": [
            {
                "certificate": o.certificate,
                "issued_by": o.issued_by,
                "licenses_work": o.licenses_work,
                "catalogue_item": qualification_ref(o.catalogue_item),
                "verify_at": [dict(s) for s in o.verify_at],
                "verification": o.verification,
            }
            for o in result.options
        ],
        "candidates": [
            {
                "qualification": qualification_ref(c.qualification),
                "matched_name": c.matched_name,
                "score": float(c.score),
            }
            for c in result.candidates
        ],
        "checked_at": moment(result.checked_at),
        "data_version": result.data_version,
    }
