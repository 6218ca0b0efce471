"""The region choice without JavaScript: province first, then a short list."""

import re

from enforcement.forms import ReportForm
from enforcement.region_steps import ProvinceStepForm, region_select_narrow


def _options(form) -> list[str]:
    return re.findall(r'<option value="(\d+)"', str(form["region_code"]))


def test_without_a_province_the_select_lists_every_division():
    assert len(_options(ReportForm())) > 3000


def test_a_chosen_province_narrows_the_select_to_its_cities_and_counties():
    form = ReportForm()
    region_select_narrow(
        form, "region_code", ProvinceStepForm({"province": "350000"}).province_code()
    )
    codes = _options(form)
    assert "350000" in codes and "350100" in codes and "350102" in codes  # 福建, 福州, 鼓楼区
    assert all(code.startswith("35") for code in codes)
    assert len(codes) < 150


def test_the_submitted_value_keeps_its_province_and_stays_selected():
    form = ReportForm({"region_code": "440106"})  # 广州市天河区
    region_select_narrow(form, "region_code", "350000")
    assert all(code.startswith("44") for code in _options(form))
    assert 'value="440106" selected' in str(form["region_code"])


def test_an_unknown_province_is_ignored():
    assert ProvinceStepForm({"province": "990000"}).province_code() == ""
    form = ReportForm()
    region_select_narrow(form, "region_code", "")
    assert len(_options(form)) > 3000
