import re

import pytest
from django.test import override_settings

from enforcement.models import Case, Evidence

from .conftest import GULOU_FUZHOU
from .files import EXE, JPEG, PDF, PNG, oversize_pdf, upload

FORM = {
    "violation_type": "forbidden_wording",
    "organisation": "某某职业技能评价协会",
    "region_code": GULOU_FUZHOU,
    "qualification_name": "",
    "description": "证书上印有国家字样。",
    "contact": "",
    "website": "",
}


def _post(client, files=(), **overrides):
    """The last step: the checked answers sent with the evidence."""
    return client.post("/report/submit/", {**FORM, **overrides, "evidence": list(files)})


def test_the_form_needs_no_account_and_lists_every_county(client, fuzhou):
    response = client.get("/report/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="350102">鼓楼区</option>' in html
    assert 'optgroup label="福建省 · 福州市"' in html


def test_the_certificate_check_can_prefill_the_form(client, fuzhou):
    response = client.get(
        "/report/",
        {
            "type": "forbidden_wording",
            "organisation": "中华技能认证中心",
            "qualification_name": "国家高级整理收纳师",
            "region": "350102",
        },
    )
    html = response.content.decode()
    assert '<option value="forbidden_wording" selected>' in html
    assert 'value="中华技能认证中心"' in html and 'value="国家高级整理收纳师"' in html
    assert 'value="350102" selected' in html


def test_bad_prefill_values_are_ignored_not_an_error(client, fuzhou):
    response = client.get("/report/", {"type": "nonsense", "region": "999999"})
    assert response.status_code == 200
    assert " selected" not in response.content.decode().split('name="region_code"')[1][:200]


def test_a_report_shows_its_receipt_code_and_survives_a_reload(client, fuzhou):
    response = _post(client)
    assert response.status_code == 302 and response["Location"] == "/report/receipt/"
    page = client.get("/report/receipt/").content.decode()
    code = re.search(r'id="receipt-code">([^<]+)<', page).group(1)
    assert "唯一凭证" in page and "看不到：您的网络地址" in page
    assert Case.objects.by_receipt(code).organisation == FORM["organisation"]
    assert code in client.get("/report/receipt/").content.decode()  # a reload keeps it


def test_a_missing_field_is_a_form_error(client, fuzhou):
    response = _post(client, description="", region_code="")
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"description", "region_code"}
    assert not Case.objects.exists()


def test_a_region_outside_the_list_is_refused(client, fuzhou):
    response = _post(client, region_code="350199")
    assert "region_code" in response.context["form"].errors


def test_the_honeypot_catches_bots(client, fuzhou):
    response = _post(client, website="http://spam.example")
    assert response.status_code == 200 and "website" in response.context["form"].errors
    assert not Case.objects.exists()


def test_pdf_jpeg_and_png_evidence_is_stored_privately(client, fuzhou, settings):
    files = [
        upload("a.pdf", PDF),
        upload("b.jpg", JPEG, "image/jpeg"),
        upload("c.png", PNG, "image/png"),
    ]
    _post(client, files)
    stored = list(Evidence.objects.order_by("id"))
    assert [e.content_type for e in stored] == ["application/pdf", "image/jpeg", "image/png"]
    for evidence in stored:
        assert str(settings.PRIVATE_MEDIA_ROOT) in evidence.file.path
        # Stored under a random name; the reporter's file name stays in the database only.
        assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|jpg|png)", evidence.file.name)


def test_an_oversize_file_is_refused(client, fuzhou):
    response = _post(client, [oversize_pdf()])
    assert "超过 10 MB" in str(response.context["form"].errors["evidence"])
    assert not Case.objects.exists()


def test_a_program_renamed_to_pdf_is_refused(client, fuzhou):
    response = _post(client, [upload("evidence.pdf", EXE)])
    assert "不是 PDF、JPEG 或 PNG" in str(response.context["form"].errors["evidence"])
    assert not Case.objects.exists()


def test_more_than_five_files_are_refused(client, fuzhou):
    response = _post(client, [upload(f"{n}.pdf", PDF) for n in range(6)])
    assert "最多上传 5 个文件" in str(response.context["form"].errors["evidence"])
    assert not Evidence.objects.exists()


@override_settings(ENFORCEMENT_REPORT_RATE="2/h")
def test_submissions_are_rate_limited_per_client(client, fuzhou):
    assert [_post(client).status_code for _ in range(2)] == [302, 302]
    assert _post(client).status_code == 429
    other = client.post("/report/submit/", FORM, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


@pytest.mark.parametrize("field", ["organisation", "description"])
def test_blank_text_is_not_a_report(client, fuzhou, field):
    response = _post(client, **{field: "   "})
    assert field in response.context["form"].errors


@pytest.mark.parametrize("path", ["/report/", "/track/", "/statistics/"])
def test_public_pages_render_in_english(client, fuzhou, path):
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()
