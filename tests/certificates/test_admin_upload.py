"""The admin upload of issued certificates and the registrar role."""

import pytest
from conftest import HEADER
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from authorities import roles
from certificates.models import IssuedCertificate

pytestmark = pytest.mark.usefixtures("catalogue")
URL = "/admin/certificates/issuedcertificate/upload/"
ROWS = (
    "注册会计师,CPA-0001,张伟,11010519491231002X,中国注册会计师协会,2020-05-01,valid\n"
    "注册会计师,CPA-0002,李娜,,中国注册会计师协会,2020-13-01,valid\n"
)


@pytest.fixture
def registrar(django_user_model, ministry):
    user = django_user_model.objects.create_user(
        username="registrar", password="pw-for-tests-only", is_staff=True, authority=ministry
    )
    user.groups.add(Group.objects.get(name=roles.CERTIFICATE_REGISTRAR))
    return user


def upload(client, content: bytes, name: str = "certificates.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, "text/csv")})


def test_a_registrar_uploads_a_file_and_sees_bad_rows_by_line(client, registrar):
    client.force_login(registrar)
    response = upload(client, (HEADER + ROWS).encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert list(IssuedCertificate.objects.values_list("number", flat=True)) == ["CPA-0001"]
    assert "<td>3</td><td>issued_on &#x27;2020-13-01&#x27; is not a date" in page


def test_the_change_list_links_the_upload(client, registrar):
    client.force_login(registrar)
    page = client.get("/admin/certificates/issuedcertificate/").content.decode()
    assert f'href="{URL}"' in page


def test_a_file_that_is_not_csv_is_refused(client, registrar):
    client.force_login(registrar)
    response = upload(client, b"%PDF-1.4\x00\x01", name="certificates.pdf")
    assert "只接受 .csv 文件" in response.content.decode()
    assert not IssuedCertificate.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, registrar, settings):
    settings.CERTIFICATE_UPLOAD_MAX_BYTES = 100
    client.force_login(registrar)
    response = upload(client, (HEADER + ROWS).encode())
    assert "文件过大" in response.content.decode()
    assert not IssuedCertificate.objects.exists()


def test_a_header_without_required_columns_is_a_form_error(client, registrar):
    client.force_login(registrar)
    response = upload(client, b"number,holder_name\nX,Y\n")
    assert "lacks column(s)" in response.content.decode()


def test_staff_without_the_registrar_role_cannot_upload(client, fujian_officer):
    client.force_login(fujian_officer)
    assert upload(client, (HEADER + ROWS).encode()).status_code == 403
    assert not IssuedCertificate.objects.exists()


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
