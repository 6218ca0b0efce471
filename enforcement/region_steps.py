"""The region choice without JavaScript, in two steps: province first, then city or county.

Without JavaScript the report form's region select lists all 3,348 divisions. The province
step is a small GET form shown in <noscript> before the report form; once a province is
chosen the region select lists only that province, its cities and their counties.

Use in a view and template (the report form, or any form with a RegionSelect):

    province = ProvinceStepForm(request.GET).province_code()
    region_select_narrow(form, "region_code", province)
    ... {% include "enforcement/_region_province_step.html" %}   (context: province_form)
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import RegionSelect
from .regions import Region, all_regions, region_of


def _province_choices() -> list[tuple[str, str]]:
    provinces = [(r.code, r.name) for r in all_regions().values() if r.level == "province"]
    return [("", _("请选择省份")), *provinces]


class ProvinceStepForm(forms.Form):
    province = forms.ChoiceField(
        label=gettext_lazy("所在省（自治区、直辖市）"), choices=_province_choices, required=False
    )

    def province_code(self) -> str:
        """The province chosen (six digits), or "" when none or an unknown code was given."""
        return self.cleaned_data.get("province", "") if self.is_valid() else ""


class ProvinceRegionSelect(RegionSelect):
    """RegionSelect narrowed to one province: its cities and counties only."""

    def __init__(self, province: str, attrs=None):
        super().__init__(attrs)
        self.province = province

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        start, end = html.index("<optgroup"), html.rindex("</select>")
        return SafeString(html[:start] + province_options_html(self.province, value) + html[end:])


def region_select_narrow(form: forms.Form, field: str, province: str) -> None:
    """Show only `province` in `form`'s region select (the bound value's province wins)."""
    value = form[field].value() or ""
    province = value[:2] + "0000" if region_of(value) else province
    if region_of(province):
        form.fields[field].widget = ProvinceRegionSelect(province, form.fields[field].widget.attrs)


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
