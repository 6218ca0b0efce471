"""Is this the same qualification? One answer for every catalogue path.

Two names are the same qualification when they agree once folded (width, script, case,
spaces and punctuation: text.normalise) and stripped of the words reports and certificates
add around a catalogue name (乡村兽医资格, 乡村兽医资格证 → 乡村兽医). Levels are kept:
sub-items and grades that differ only in a level or a bracket are different qualifications.
A qualification answers to its name, its aliases and the names editions listed it under.
Drafts, the official-table import, the rules and the loader's matching (sources.same_name)
all ask here; the module imports no model at import time, so sources.py may use it.
"""

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .text import CERTIFICATE_WORDS, MIN_CORE, normalise, strip_suffix

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import Qualification

QUALIFICATION_WORDS = ("职业资格", "执业资格", "资格")
# What stands in for a name nobody has read: an ellipsis, question marks, a bracketed note
# ([not captured]), "to be filled in", "xxx". Such a name is no qualification's name.
_PLACEHOLDER = re.compile(r"…|\.\.\.|^[?？\s]+$|^\[.*\]$|待定|待补充|待填|未知|不详|xxx|某某", re.I)


def identity_key(name: str) -> str:
    """The form under which two names count as one qualification."""
    previous, key = None, normalise(name)
    while key != previous:
        previous = key
        key = strip_suffix(strip_suffix(key, CERTIFICATE_WORDS), QUALIFICATION_WORDS)
    return key if len(key) >= MIN_CORE else normalise(name)


def is_placeholder_name(name: str) -> bool:
    return not name.strip() or bool(_PLACEHOLDER.search(name.strip()))


def same_qualification_name(a: str, b: str) -> bool:
    return bool(a.strip() and b.strip()) and identity_key(a) == identity_key(b)


def qualification_keys(qualification: "Qualification") -> set[str]:
    """Every key the qualification answers to (prefetch aliases and entries to save queries)."""
    names = [qualification.name, *(a.name for a in qualification.aliases.all())]
    names += [e.name for e in qualification.entries.all()] if qualification.pk else []
    return {identity_key(n) for n in names if n.strip()}


def namesakes(
    name: str, *, among: "QuerySet | None" = None, exclude: Iterable[int] = ()
) -> list["Qualification"]:
    """The qualifications of ``among`` (all by default) that ``name`` is the same as."""
    from .models import Qualification  # this module stays importable without Django's apps

    if not name.strip():
        return []
    wanted = identity_key(name)
    candidates = (among if among is not None else Qualification.objects.all()).exclude(
        pk__in=list(exclude)
    )
    return [
        q
        for q in candidates.prefetch_related("aliases", "entries")
        if wanted in qualification_keys(q)
    ]


def qualification_named(name: str, *, among: "QuerySet | None" = None) -> "Qualification | None":
    """The one qualification ``name`` is: its exact name, else its only namesake (an item
    before a sub-item of the same name), or None when the name is no one's or ambiguous."""
    from .models import Qualification

    if not name.strip():
        return None
    scope = among if among is not None else Qualification.objects.all()
    exact = list(scope.filter(name=name.strip())[:2])
    if len(exact) == 1:
        return exact[0]
    found = namesakes(name, among=scope)
    items = [q for q in found if q.parent_id is None] or found
    return items[0] if len(items) == 1 else None
