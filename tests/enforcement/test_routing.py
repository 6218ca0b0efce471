from authorities.models import Authority
from enforcement.routing import NoAuthorityError, authority_for_region

from .conftest import BEIJING_DONGCHENG, GULOU_FUZHOU, TIANHE_GUANGZHOU, XIAMEN, submit


def test_a_report_goes_to_the_county_bureau_where_one_exists(gulou):
    assert authority_for_region(GULOU_FUZHOU) == gulou


def test_a_report_goes_to_the_city_bureau_when_the_county_has_none(fuzhou):
    assert authority_for_region(GULOU_FUZHOU) == fuzhou


def test_a_report_goes_to_the_province_when_the_city_has_no_bureau(fujian, fuzhou):
    assert authority_for_region(XIAMEN) == fujian


def test_a_report_goes_to_the_ministry_when_the_province_has_no_bureau(fujian, guangzhou, ministry):
    assert authority_for_region(BEIJING_DONGCHENG) == ministry


def test_a_city_wide_report_goes_to_the_city_bureau(guangzhou):
    assert authority_for_region("440100") == guangzhou
    assert authority_for_region(TIANHE_GUANGZHOU) == guangzhou


def test_without_any_authority_routing_says_so(db):
    assert not Authority.objects.exists()
    try:
        authority_for_region(GULOU_FUZHOU)
    except NoAuthorityError as error:
        assert "national" in str(error)
    else:
        raise AssertionError("expected NoAuthorityError")


def test_a_submitted_report_is_routed_and_logged(gulou):
    case, _code = submit()
    assert case.authority == gulou
    assert list(case.transitions.values_list("from_status", "to_status")) == [("", "received")]
