"""Display helpers for the catalogue's data rows: their sources and verification level."""

import re

from django import template

from catalogue.models import Verification

register = template.Library()

_URL = re.compile(r"https?://\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)


@register.filter
def citations(source: str) -> list[dict[str, str]]:
    """A source cell ("url (what it is) ; owner/repo: path …") as short citations.

    Each has ``url`` (only for a web address) and ``label`` (what the source is, in the
    words of the data; the address itself when nothing else is said).
    """
    found = []
    for part in (p.strip() for p in (source or "").split(" ; ")):
        if not part:
            continue
        match = _URL.match(part)
        if match and match.group(0).startswith("http"):
            url = match.group(0)
            label = part[len(url) :].strip().strip("()") or url
            found.append({"url": url, "label": label})
        else:
            found.append({"url": "", "label": part})
    return found


@register.filter
def verification_label(level: str) -> str:
    return dict(Verification.choices).get(level, "")
