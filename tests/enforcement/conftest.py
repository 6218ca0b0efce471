"""Enforcement personas and a small report factory. Region codes are real GB/T 2260 ones."""

import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from authorities import roles
from authorities.models import Authority, Level
from enforcement import services
from tests.conftest import _staff

GULOU_FUZHOU = "350102"  # 福州市鼓楼区
TIANHE_GUANGZHOU = "440106"  # 广州市天河区
XIAMEN = "350200"  # 厦门市 (no bureau among the fixtures: goes to the province)
BEIJING_DONGCHENG = "110101"  # 东城区 (no Beijing bureau among the fixtures: the ministry)


@pytest.fixture(autouse=True)
def _fresh_limits_and_files():
    """Rate-limit counters live in the cache; evidence in the test private-media folder."""
    cache.clear()
    yield
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def gulou(fuzhou) -> Authority:
    return Authority.objects.create(
        name="福州市鼓楼区人力资源和社会保障局",
        level=Level.COUNTY,
        division_code=GULOU_FUZHOU,
        parent=fuzhou,
    )


@pytest.fixture
def fuzhou_officer(django_user_model, fuzhou):
    return _staff(django_user_model, "fuzhou-officer", fuzhou, roles.ENFORCEMENT_OFFICER)


@pytest.fixture
def gulou_officer(django_user_model, gulou):
    return _staff(django_user_model, "gulou-officer", gulou, roles.ENFORCEMENT_OFFICER)


@pytest.fixture
def ministry_officer(django_user_model, ministry):
    return _staff(django_user_model, "ministry-officer", ministry, roles.ENFORCEMENT_OFFICER)


def submit(**overrides):
    """A report as a citizen sends it; returns (case, receipt code)."""
    fields = {
        "violation_type": "forbidden_wording",
        "organisation": "某某职业技能评价协会",
        "region_code": GULOU_FUZHOU,
        "description": "证书上印有“国家职业资格”字样。",
        "contact": "王女士 13800000000",
    }
    return services.report_submit(**{**fields, **overrides})


@pytest.fixture
def fuzhou_case(fuzhou):
    """A report from 鼓楼区 routed to the Fuzhou bureau (no 鼓楼 bureau in this fixture)."""
    case, _code = submit()
    return case
