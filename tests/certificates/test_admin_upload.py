"""The admin upload: validate first, show the report, load only what the user accepts."""

import pytest
from conftest import HEADER
from django.core.files.uploadedfile import SimpleUploadedFile

from authorities import roles
from certificates.models import CertificateLoad, IssuedCertificate, LoadStatus
from certificates.services import certificate_load_run, certificate_load_validate

pytestmark = pytest.mark.usefixtures("catalogue")
URL = "/admin/certificates/issuedcertificate/upload/"
ROWS = (
    "注册会计师,CPA-0001,张伟,11010519491231002X,中国注册会计师协会,2020-05-01,valid\n"
    "注册会计师,CPA-0002,李娜,,中国注册会计师协会,2020-13-01,valid\n"
)


# The history inline is read-only, but the form carries its (empty) management form.
NO_REVISIONS = {"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}


def upload(client, content: bytes, name: str = "certificates.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, "text/csv")})


def upload_and_validate(client, django_capture_on_commit_callbacks, content: bytes):
    """Upload; run the validation the app server starts after the commit; open the report."""
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client, content)
    assert response.status_code == 302, response.content.decode()
    assert len(callbacks) == 1  # the background validation was scheduled
    load = CertificateLoad.objects.latest("pk")
    assert not IssuedCertificate.objects.exists()  # nothing is written by the upload itself
    certificate_load_validate(load_id=load.pk)
    return load, client.get(response["Location"])


def decide(client, django_capture_on_commit_callbacks, load, decision: str):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/admin/certificates/issuedcertificate/loads/{load.pk}/", {"decision": decision}
        )
    assert response.status_code == 302
    if decision == "accept":
        assert len(callbacks) == 1
        certificate_load_run(load_id=load.pk)
    load.refresh_from_db()
    return load


def test_an_upload_shows_every_bad_row_by_line_before_anything_loads(
    client, registrar, django_capture_on_commit_callbacks
):
    client.force_login(registrar)
    load, report = upload_and_validate(
        client, django_capture_on_commit_callbacks, (HEADER + ROWS).encode()
    )
    page = report.content.decode()
    assert "<td>3</td><td>发证日期“2020-13-01”不是 YYYY-MM-DD 格式的日期</td>" in page
    assert "接受报告，只导入正确的行" in page
    assert load.status == LoadStatus.VALIDATING
    load.refresh_from_db()
    assert (load.status, load.rows_read, load.rejected, load.inserted) == ("validated", 2, 1, 1)
    assert not IssuedCertificate.objects.exists()


def test_a_file_with_errors_loads_only_when_the_report_is_accepted(
    client, registrar, django_capture_on_commit_callbacks
):
    client.force_login(registrar)
    load, _ = upload_and_validate(
        client, django_capture_on_commit_callbacks, (HEADER + ROWS).encode()
    )
    load = decide(client, django_capture_on_commit_callbacks, load, "accept")
    assert load.status == LoadStatus.LOADED and load.accepted_errors
    assert list(IssuedCertificate.objects.values_list("number", flat=True)) == ["CPA-0001"]


def test_a_discarded_report_loads_nothing(client, registrar, django_capture_on_commit_callbacks):
    client.force_login(registrar)
    load, _ = upload_and_validate(
        client, django_capture_on_commit_callbacks, (HEADER + ROWS).encode()
    )
    load = decide(client, django_capture_on_commit_callbacks, load, "discard")
    assert load.status == LoadStatus.DISCARDED
    assert not IssuedCertificate.objects.exists()


def test_a_file_whose_errors_grew_since_the_report_loads_nothing(
    client, registrar, django_capture_on_commit_callbacks, make_certificate
):
    client.force_login(registrar)
    good = HEADER + ROWS.splitlines()[0] + "\n"
    load, _ = upload_and_validate(client, django_capture_on_commit_callbacks, good.encode())
    # Meanwhile the certificate is revoked: the accepted report (no errors) no longer holds.
    make_certificate(number="CPA-0001", status="revoked")
    load = decide(client, django_capture_on_commit_callbacks, load, "accept")
    assert load.status == LoadStatus.REFUSED and "请重新上传" in load.failure
    assert IssuedCertificate.objects.get(number="CPA-0001").status == "revoked"


def test_the_progress_page_refreshes_itself_while_the_file_is_read(
    client, registrar, django_capture_on_commit_callbacks
):
    client.force_login(registrar)
    with django_capture_on_commit_callbacks():
        response = upload(client, (HEADER + ROWS).encode())
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "已读取 0 行" in page


def test_the_error_report_downloads_as_csv_in_chinese_and_english(
    client, registrar, django_capture_on_commit_callbacks
):
    client.force_login(registrar)
    load, _ = upload_and_validate(
        client, django_capture_on_commit_callbacks, (HEADER + ROWS).encode()
    )
    response = client.get(f"/admin/certificates/issuedcertificate/loads/{load.pk}/errors.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "3,issued_on,发证日期“2020-13-01”不是 YYYY-MM-DD 格式的日期," in text
    assert "is not a date (YYYY-MM-DD)" in text


def test_another_users_load_report_is_not_found(
    client, registrar, guangdong_registrar, django_capture_on_commit_callbacks
):
    client.force_login(registrar)
    load, _ = upload_and_validate(
        client, django_capture_on_commit_callbacks, (HEADER + ROWS).encode()
    )
    client.force_login(guangdong_registrar)
    base = f"/admin/certificates/issuedcertificate/loads/{load.pk}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "errors.csv").status_code == 404
    assert client.post(base, {"decision": "accept"}).status_code == 404


def test_the_change_list_links_the_upload(client, registrar):
    client.force_login(registrar)
    page = client.get("/admin/certificates/issuedcertificate/").content.decode()
    assert f'href="{URL}"' in page


def test_a_file_that_is_not_csv_is_refused(client, registrar):
    client.force_login(registrar)
    response = upload(client, b"%PDF-1.4\x00\x01", name="certificates.pdf")
    assert "只接受 .csv 文件" in response.content.decode()
    assert not CertificateLoad.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, registrar, settings):
    settings.CERTIFICATE_UPLOAD_MAX_BYTES = 100
    client.force_login(registrar)
    response = upload(client, (HEADER + ROWS).encode())
    assert "文件过大" in response.content.decode()
    assert not CertificateLoad.objects.exists()


def test_a_header_without_required_columns_is_a_form_error(client, registrar):
    client.force_login(registrar)
    response = upload(client, b"number,holder_name\nX,Y\n")
    assert "第一行（列名）缺少：qualification" in response.content.decode()
    assert not CertificateLoad.objects.exists()


def test_staff_without_the_registrar_role_cannot_upload(client, fujian_officer):
    client.force_login(fujian_officer)
    assert upload(client, (HEADER + ROWS).encode()).status_code == 403
    assert not CertificateLoad.objects.exists()


def test_no_role_may_delete_an_issued_certificate(db):
    for perms in roles.ROLES.values():
        assert "certificates.delete_issuedcertificate" not in perms


def test_the_admin_form_stores_only_the_hmac_of_an_identity_number(client, registrar, cpa):
    client.force_login(registrar)
    response = client.post(
        "/admin/certificates/issuedcertificate/add/",
        {
            "qualification": cpa.pk,
            "number": "CPA-0100",
            "holder_name": "王芳",
            "identity_number": "110105194912310021",
            "issuer": "中国注册会计师协会",
            "issued_on": "2020-01-01",
            "status": "valid",
            **NO_REVISIONS,
        },
    )
    assert response.status_code == 302
    certificate = IssuedCertificate.objects.get(number="CPA-0100")
    assert len(certificate.holder_identity_hmac) == 64
    assert "110105194912310021" not in str(
        IssuedCertificate.objects.filter(pk=certificate.pk).values().get()
    )


def test_the_change_list_and_a_certificates_page_open(client, registrar, make_certificate):
    certificate = make_certificate()
    client.force_login(registrar)
    listing = client.get("/admin/certificates/issuedcertificate/?q=CPA-2020-0001")
    assert "CPA-2020-0001" in listing.content.decode()
    page = client.get(f"/admin/certificates/issuedcertificate/{certificate.pk}/change/")
    assert "/verify/" in page.content.decode()
