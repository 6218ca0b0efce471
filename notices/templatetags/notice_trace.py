"""The forwarding tree and the coverage tables, rendered in Python.

A national notice's tree has thousands of rows; a template loop over them costs several
hundred milliseconds, escaping each value here costs a few. Every value is escaped.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ..coverage import FORWARDED, REMINDED, DivisionGroup, DivisionRow
from ..trace import TreeRow

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


def _division_status(row: DivisionRow, *, link: bool = True) -> str:
    """The status words; `link=False` inside a <summary>, which must hold nothing interactive."""
    if row.status == FORWARDED:
        when = row.forwarded_on.isoformat() if row.forwarded_on else "—"
        if row.days is None:
            text = _("%(d)s 转发") % {"d": when}
        else:
            text = _("%(d)s 转发（%(n)s 天）") % {"d": when, "n": row.days}
        if not link:
            return escape(text)
        return (
            f'<a href="{reverse("notices:notice-detail", args=[row.notice_id])}">{escape(text)}</a>'
        )
    if row.status == REMINDED:
        return escape(_("%(d)s 已提醒") % {"d": f"{localtime(row.reminded_on):%Y-%m-%d}"})
    return escape(_("无记录"))


@register.simple_tag
def division_status(row: DivisionRow) -> SafeString:
    """forwarded on … (n days), reminded on …, or no record (never "not forwarded")."""
    return mark_safe(
        f'<span data-code="{row.code}" data-status="{row.status}">{escape(row.name)}：</span>'
        + _division_status(row, link=False)
    )


@register.simple_tag
def division_rows(group: DivisionGroup, may_remind: bool) -> SafeString:
    """The rows of one province's (or prefecture's) table, with a reminder box if allowed."""
    none_here = escape(_("登记中无该地区机关"))
    cells = []
    for row in group.rows:
        remind = ""
        if may_remind and row.status != FORWARDED:
            remind = (
                f'<label><input type="checkbox" name="authority" value="{row.authority_id}"> '
                f"{escape(row.authority_name)}</label>"
                if row.authority_id
                else none_here
            )
        remind = f"<td>{remind}</td>" if may_remind else ""
        cells.append(
            f'<tr data-code="{row.code}" data-status="{row.status}"><td>{escape(row.name)}</td>'
            f"<td>{_division_status(row)}</td>{remind}</tr>"
        )
    return mark_safe("".join(cells))
