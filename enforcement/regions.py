"""China's administrative divisions (GB/T 2260) for the report form's region picker.

The codes come from data/regions/pca-code.json (see data/regions/SOURCE.md); nothing here
is written by hand. Provinces and cities are padded to six digits (35 → 350000).
"""

import json
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

DATA_FILE = settings.BASE_DIR / "data" / "regions" / "pca-code.json"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # "province", "city" or "county"
    province: str = ""
    city: str = ""

    @property
    def full_name(self) -> str:
        return "".join(part for part in (self.province, self.city, self.name) if part)


def _six(code: str) -> str:
    return code.ljust(6, "0")


def _regions_of(province: dict) -> list[Region]:
    pname = province["name"]
    found = [Region(_six(province["code"]), pname, "province")]
    for city in province.get("children", []):
        cname = city["name"]
        found.append(Region(_six(city["code"]), cname, "city", province=pname))
        found += [
            Region(county["code"], county["name"], "county", province=pname, city=cname)
            for county in city.get("children", [])
            # Cities without counties list towns with 9-digit statistical codes: not GB/T 2260.
            if len(county["code"]) == 6
        ]
    return found


@lru_cache(maxsize=1)
def all_regions() -> dict[str, Region]:
    """Every province, city and county by its six-digit code, in the dataset's order."""
    with DATA_FILE.open(encoding="utf-8") as data:
        provinces = json.load(data)
    return {r.code: r for p in provinces for r in _regions_of(p)}


def region_of(code: str) -> Region | None:
    return all_regions().get(code)


def province_name(code: str) -> str:
    region = region_of(code[:2] + "0000") if code else None
    return region.name if region else ""


def _groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Option groups: one per province (the province itself), one per city."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for region in all_regions().values():
        if region.level == "province":
            groups.append((region.name, [(region.code, _("%s（市县不详）") % region.name)]))
        elif region.level == "city":
            label = f"{region.province} · {region.name}"
            groups.append((label, [(region.code, _("%s（区县不详）") % region.name)]))
        else:
            groups[-1][1].append((region.code, region.name))
    return groups


@lru_cache(maxsize=4)
def _options_html(language: str) -> str:
    # ~3,700 options: rendered once per language, not through the widget templates.
    return "".join(
        format_html(
            '<optgroup label="{}">{}</optgroup>',
            label,
            format_html_join("", '<option value="{}">{}</option>', options),
        )
        for label, options in _groups()
    )


def region_options_html(selected: str, language: str) -> SafeString:
    html = _options_html(language)
    if selected and selected in all_regions():
        html = html.replace(f'value="{selected}"', f'value="{selected}" selected', 1)
    return mark_safe(html)
