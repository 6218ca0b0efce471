"""The forwarding tree and coverage tables, rendered in Python.

A national notice's tree has thousands of rows; a template loop over them costs several
hundred milliseconds, escaping each value here costs a few. Every value is escaped.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..trace import Region, TreeRow

register = template.Library()


def _date(row: TreeRow | None) -> str:
    return row.issued_on.isoformat() if row and row.issued_on else ""


@register.simple_tag
def notice_tree(rows: list[TreeRow]) -> SafeString:
    """A flat ARIA tree (aria-level per item), depth first, each hop with its days."""
    base = reverse("notices:notice-list")
    after = _("%(d)s 天后转发")
    label = escape(_("转发树"))
    items = [
        f'<li role="treeitem" aria-level="{row.depth + 1}"><a href="{base}{row.id}/">'
        f"{escape(row.issuer_name)}</a> {escape(row.doc_number)} "
        f'<span class="days">{_date(row)}'
        f"{' · ' + escape(after % {'d': row.days}) if row.days is not None else ''}</span></li>"
        for row in rows
    ]
    return mark_safe(f'<ul class="tree" role="tree" aria-label="{label}">{"".join(items)}</ul>')


@register.simple_tag
def coverage_rows(region: Region) -> SafeString:
    """The rows of one region's table: authority, its forwarding or 尚未转发, days taken."""
    base = reverse("notices:notice-list")
    not_yet = escape(_("尚未转发"))
    cells = []
    for row in region.rows:
        notice = row.notice
        if notice is None:
            done = f'<span class="not-yet">{not_yet}</span>'
        else:
            name = escape(notice.doc_number or notice.title)
            done = f'<a href="{base}{notice.id}/">{name}</a> {_date(notice)}'
        days = "—" if row.days is None else row.days
        cells.append(
            f"<tr><td>{escape(row.authority.name)}</td><td>{done}</td><td>{days}</td></tr>"
        )
    return mark_safe("".join(cells))
