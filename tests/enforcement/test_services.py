import pytest
from django.core.exceptions import ValidationError

from catalogue.models import Qualification
from enforcement.models import Case, Evidence
from enforcement.services import report_submit

from .conftest import submit
from .files import PDF, upload


def test_a_named_catalogue_qualification_is_linked(fuzhou):
    listed = Qualification.objects.create(name="教师资格")
    case, _code = submit(qualification_name="教师资格")
    assert case.qualification == listed and case.qualification_name == "教师资格"


def test_a_report_names_a_qualification_as_the_catalogue_does(fuzhou):
    """乡村兽医资格证 is the cancelled 乡村兽医, as for the rules and the check
    (catalogue/identity.py); a former name (an alias) finds its qualification too."""
    cancelled = Qualification.objects.create(
        name="乡村兽医", status="retired", retired_on="2016-01-13", retirement_reason="取消"
    )
    renamed = Qualification.objects.create(name="专利代理师")
    renamed.aliases.create(name="专利代理人")
    case, _code = submit(qualification_name="乡村兽医资格证")
    assert case.qualification == cancelled and case.qualification_name == "乡村兽医资格证"
    case, _code = submit(qualification_name="专利代理人资格")
    assert case.qualification == renamed


def test_a_name_outside_the_catalogue_is_kept_as_typed(fuzhou):
    case, _code = submit(qualification_name="国家高级整理收纳师")
    assert case.qualification is None and case.qualification_name == "国家高级整理收纳师"


def test_the_service_refuses_what_the_form_would(fuzhou):
    with pytest.raises(ValidationError) as raised:
        report_submit(violation_type="x", organisation=" ", region_code="1", description="")
    assert set(raised.value.message_dict) == {
        "violation_type",
        "organisation",
        "region_code",
        "description",
    }
    assert not Case.objects.exists()


def test_a_refused_report_writes_no_file(fuzhou, settings):
    with pytest.raises(ValidationError):
        submit(region_code="000000", files=[upload("a.pdf", PDF)])
    assert not Evidence.objects.exists()
    root = settings.PRIVATE_MEDIA_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_evidence_is_not_reachable_by_any_public_url(client, fuzhou):
    case, _code = submit(files=[upload("a.pdf", PDF)])
    name = case.evidence.get().file.name
    for prefix in ("/media/", "/static/", "/", "/private-media/"):
        assert client.get(prefix + name).status_code == 404
