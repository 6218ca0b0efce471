"""The region choice without JavaScript, in two steps: province first, then city or county.

One select of all 3,348 divisions is unusable without JavaScript, above all on a phone.
So the report form's region select lists what the step needs:

1. no region known yet: the 31 provinces, and a "选择城市" button (in <noscript>);
2. a province known (chosen in step 1, prefilled, or an answer sent back for editing):
   that province, its cities and their counties, and a "更换省份" button.

Both buttons post the whole form back to the report form, which keeps every answer.
Choosing a province in step 1 and pressing "下一步" goes to step 2 as well: the user is
asked for the city before the answers are checked. Where JavaScript runs,
static/enforcement/region-picker.js fills the select from the full list kept in a
<template> next to it and shows three linked selects instead; the buttons never appear.
"""

from django import forms
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .forms import RegionSelect
from .regions import Region, all_regions, region_of, region_options_html

# Posted by the step buttons (name="step"); the no-JS step marker (name="region_step").
STEP_CITY = "region"
STEP_PROVINCE = "province"
STEP_FIELD = "region_step"


def region_province(code: str) -> str:
    """The province of a known region code (six digits), or ""."""
    return code[:2] + "0000" if region_of(code or "") else ""


class SteppedRegionSelect(RegionSelect):
    """RegionSelect that lists the provinces only, or one province's cities and counties."""

    def __init__(self, province: str = "", attrs=None, autofocus: bool = False):
        super().__init__(attrs)
        self.province = province
        self.autofocus = autofocus

    def render(self, name, value, attrs=None, renderer=None):
        value = value or ""
        attrs = self.build_attrs(self.attrs, attrs)
        attrs["data-region-step"] = "city" if self.province else "province"
        hint = f"{attrs.get('id', name)}_steps"
        attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), hint]))
        if self.autofocus:
            attrs["autofocus"] = True
        html = super().render(name, value, attrs, renderer)
        start, end = html.index("<option"), html.rindex("</select>")
        if self.province:
            options = format_html('<option value="">{}</option>', _("请选择市、区县"))
            options += province_options_html(self.province, value)
        else:
            options = format_html('<option value="">{}</option>', _("请选择省份"))
            options += _options([(r.code, r.name) for r in _provinces()], value)
        steps = render_to_string(
            "enforcement/_region_steps.html",
            {
                "hint_id": hint,
                "province": region_of(self.province),
                "step": STEP_FIELD,
                "value": attrs["data-region-step"],
                "all_id": f"{attrs.get('id', name)}-all",
                "all_options": region_options_html(value, get_language()),
            },
        )
        return SafeString(html[:start] + options + html[end:] + steps)


def region_steps_apply(form: forms.Form, field: str, autofocus: bool = False) -> None:
    """Give `form`'s region select the step its value is at (see the module docstring)."""
    bound = form[field]
    province = region_province(bound.value() or "")
    widget = SteppedRegionSelect(province, form.fields[field].widget.attrs, autofocus=autofocus)
    form.fields[field].widget = widget


def region_step_pending(data) -> bool:
    """True when a no-JS user chose a province in step 1 and pressed "下一步": they are
    shown that province's cities and counties before their answers are checked."""
    code = data.get("region_code", "")
    return data.get(STEP_FIELD) == "province" and bool(region_of(code)) and code[2:] == "0000"


def province_options_html(province: str, selected: str) -> SafeString:
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for region in _in_province(province):
        if region.level == "county":
            groups[-1][1].append((region.code, region.name))
        else:
            unknown = _("%s（区县不详）") if region.level == "city" else _("%s（市县不详）")
            groups.append((_group_label(region), [(region.code, unknown % region.name)]))
    return format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        ((label, _options(options, selected)) for label, options in groups),
    )


def _provinces() -> list[Region]:
    return [r for r in all_regions().values() if r.level == "province"]


def _in_province(province: str) -> list[Region]:
    return [r for r in all_regions().values() if r.code[:2] == province[:2]]


def _group_label(region: Region) -> str:
    return f"{region.province} · {region.name}" if region.level == "city" else region.name


def _options(options: list[tuple[str, str]], selected: str) -> SafeString:
    return format_html_join(
        "",
        "<option{}>{}</option>",
        (
            (format_html(' value="{}"{}', code, " selected" if code == selected else ""), text)
            for code, text in options
        ),
    )
