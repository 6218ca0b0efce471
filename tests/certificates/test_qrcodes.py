"""QR codes of the signed verification links: admin page, downloads, the ZIP export."""

import csv
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from certificates.verification import certificate_verify_token

# `registrar` (tests/certificates/conftest.py) is the 中国注册会计师协会's, whose
# certificates `make_certificate` makes: a registrar sees the QR codes of their issuers only.


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_the_admin_page_shows_the_qr_code_of_the_absolute_link(client, registrar, make_certificate):
    certificate = make_certificate()
    client.force_login(registrar)
    page = client.get(f"/admin/certificates/issuedcertificate/{certificate.pk}/change/")
    html = page.content.decode()
    assert '<svg width="' in html and 'class="segno"' in html
    link = html.split('<div class="verification-qr">')[1].split('<a href="')[1].split('"')[0]
    assert link.startswith("https://portal.example.org/verify/")
    assert certificate_verify_token(_token(link)).certificate == certificate


@pytest.mark.parametrize(("kind", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_the_qr_code_downloads_as_png_and_svg(client, registrar, make_certificate, kind, magic):
    certificate = make_certificate()
    client.force_login(registrar)
    response = client.get(f"/admin/certificates/issuedcertificate/{certificate.pk}/qr.{kind}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert (
        client.get(f"/admin/certificates/issuedcertificate/{certificate.pk}/qr.gif").status_code
        == 404
    )


def test_the_export_writes_one_code_per_certificate_with_its_link(tmp_path, make_certificate):
    first, second = make_certificate(), make_certificate(number="CPA-2020-0002")
    out = tmp_path / "qr.zip"
    call_command("export_verification_qrcodes", str(out), "--format", "png", stdout=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        index = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode())))
        assert [row["number"] for row in index] == [first.number, second.number]
        for row, certificate in zip(index, (first, second), strict=True):
            assert archive.read(row["file"]).startswith(b"\x89PNG")
            assert (
                certificate_verify_token(_token(row["verification_url"])).certificate == certificate
            )


def test_the_export_refuses_without_site_url(tmp_path, make_certificate, settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="SITE_URL"):
        call_command("export_verification_qrcodes", str(tmp_path / "qr.zip"))
