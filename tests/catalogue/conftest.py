"""Catalogue test fixtures: a small catalogue of real names (the real one: tests/conftest.py)."""

from types import SimpleNamespace

import pytest

from catalogue.models import Category, Kind

from .factories import make_edition, make_entry, make_qualification, make_retired, make_sub_item

LEVEL, SKILLED = Kind.LEVEL_EVALUATION, Category.SKILLED


@pytest.fixture
def small_catalogue(db) -> SimpleNamespace:
    """Two editions and a few items whose changes between them are known (2021 notice)."""
    e2017 = make_edition(2017, official_pt_access=36, official_skilled_total=81)
    e2021 = make_edition(2021, official_total=72, official_skilled_total=13)
    cpa = make_qualification("注册会计师", departments=("财政部",), aliases=("CPA",), verified=True)
    survey = make_qualification(
        "勘察设计注册工程师", departments=("住房城乡建设部",), sub_items=("注册结构工程师",)
    )
    mechanical = make_sub_item(survey, "注册机械工程师")
    supervisor = make_qualification("设备监理师", kind=LEVEL)
    quarantine = make_qualification("出入境检疫处理人员资格")
    actuary = make_qualification("精算师", kind=LEVEL)
    transport = make_qualification("道路运输从业人员", category=SKILLED)
    barista = make_retired("咖啡师")
    for year, edition in ((2017, e2017), (2021, e2021)):
        make_entry(edition, cpa, seq=4 if year == 2021 else None)
        make_entry(edition, survey)
        make_entry(edition, survey.sub_items.get(name="注册结构工程师"))
    make_entry(e2017, mechanical)
    make_entry(e2017, supervisor, name="注册设备监理师", kind=Kind.ACCESS)
    make_entry(e2021, supervisor)
    make_entry(e2017, quarantine)
    make_entry(e2021, actuary)
    make_entry(e2021, transport)
    return SimpleNamespace(**locals())
