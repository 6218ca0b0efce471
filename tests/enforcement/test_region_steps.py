"""The region choice without JavaScript: province first, then its cities and counties."""

import re

import pytest

from enforcement.forms import ReportForm
from enforcement.models import Case
from enforcement.region_steps import region_steps_apply

ANSWERS = {
    "violation_type": "illegal_exams_fees",
    "organisation": "某某考证培训学校",
    "description": "收费后承诺“包过”。",
    "contact": "李先生",
    "submission_key": "k" * 32,
}


def _codes(html: str) -> list[str]:
    select = re.search(r'<select name="region_code".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


def _stepped(data=None, initial=None) -> str:
    form = ReportForm(data, initial=initial)
    region_steps_apply(form, "region_code")
    return str(form["region_code"])


def test_without_a_region_the_select_lists_the_provinces_only():
    codes = _codes(_stepped())
    assert len(codes) == 31 and all(code.endswith("0000") for code in codes)
    assert "350000" in codes and "110000" in codes


def test_a_known_region_lists_its_province_only_and_stays_selected():
    html = _stepped({"region_code": "440106"})  # 广州市天河区
    codes = _codes(html)
    assert all(code.startswith("44") for code in codes) and len(codes) < 200
    assert {"440000", "440100", "440106"} <= set(codes)
    assert 'value="440106" selected' in html
    assert _codes(_stepped(initial={"region_code": "350000"}))[0] == "350000"  # 福建省（市县不详）


def test_the_full_list_waits_in_a_template_for_the_script():
    html = _stepped()
    template = re.search(r'<template id="id_region_code-all">(.*?)</template>', html, re.S)
    assert len(re.findall(r'<option value="\d+"', template.group(1))) > 3000


def test_an_unknown_region_starts_again_at_the_provinces():
    assert len(_codes(_stepped({"region_code": "990000"}))) == 31


def test_the_help_and_the_step_hint_are_announced():
    described = re.search(r'aria-describedby="([^"]+)"', _stepped()).group(1).split()
    assert described == ["id_region_code_helptext", "id_region_code_steps"]


def _post(client, **data):
    return client.post("/report/", ANSWERS | data)


@pytest.mark.django_db
def test_choose_city_keeps_every_answer_and_lists_the_province(client):
    page = _post(client, region_code="350000", step="region").content.decode()
    assert "错误：" not in page
    codes = _codes(page)
    assert all(code.startswith("35") for code in codes) and "350102" in codes
    assert "某某考证培训学校" in page and "收费后承诺“包过”。" in page and "李先生" in page
    assert 'value="' + "k" * 32 + '"' in page  # the same submission, not a new one
    assert re.search(r"<select[^>]*autofocus", page)


@pytest.mark.django_db
def test_next_with_a_province_from_the_first_step_asks_for_the_city_first(client):
    page = _post(client, region_code="350000", region_step="province").content.decode()
    assert "核对举报内容" not in page
    assert "350102" in _codes(page)
    # From the second step the province itself ("市县不详") is an answer that is checked.
    page = _post(client, region_code="350000", region_step="city").content.decode()
    assert "核对举报内容" in page and "福建省" in page
    page = _post(client, region_code="350102", region_step="city").content.decode()
    assert "核对举报内容" in page and "鼓楼区" in page
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_change_province_forgets_the_region_only(client):
    page = _post(client, region_code="350102", step="province").content.decode()
    assert len(_codes(page)) == 31 and "selected" not in page.split('name="region_code"')[1][:3000]
    assert "某某考证培训学校" in page


@pytest.mark.django_db
def test_no_region_is_an_error_on_the_province_select(client):
    page = _post(client, region_code="").content.decode()
    assert "<title>错误：" in page
    assert 'href="#id_region_code"' in page
    assert len(_codes(page)) == 31
