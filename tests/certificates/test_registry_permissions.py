"""Registrars of two issuers × every path that reads or writes the registry: zero leaks.

Paths: the admin change list, change form and upload, the API, load_certificates.
"""

from io import StringIO

import pytest
from conftest import CICPA, GUANGDONG, HEADER
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from certificates.models import IssuedCertificate
from certificates.services import certificate_load_run, certificate_load_validate

pytestmark = pytest.mark.usefixtures("catalogue")
ADMIN = "/admin/certificates/issuedcertificate/"
NO_REVISIONS = {"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}


@pytest.fixture
def certificates(make_certificate) -> dict[str, IssuedCertificate]:
    return {
        CICPA: make_certificate(number="CPA-0001", issuer=CICPA, holder_name="张伟"),
        GUANGDONG: make_certificate(number="GD-0001", issuer=GUANGDONG, holder_name="陈静"),
    }


@pytest.fixture
def registrars(registrar, guangdong_registrar) -> dict[str, object]:
    return {CICPA: registrar, GUANGDONG: guangdong_registrar}


PAIRS = [(CICPA, GUANGDONG), (GUANGDONG, CICPA)]


def _unchanged(certificates) -> None:
    for certificate in certificates.values():
        stored = IssuedCertificate.objects.get(pk=certificate.pk)
        assert (stored.holder_name, stored.status) == (certificate.holder_name, "valid")


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_the_change_list_shows_only_the_registrars_own_certificates(
    client, registrars, certificates, own, other
):
    client.force_login(registrars[own])
    page = client.get(ADMIN).content.decode()
    assert certificates[own].number in page and certificates[other].number not in page
    search = client.get(ADMIN, {"q": certificates[other].number})
    assert list(search.context["cl"].result_list) == []


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_another_issuers_change_form_cannot_be_opened_or_posted(
    client, registrars, certificates, own, other
):
    client.force_login(registrars[own])
    theirs = certificates[other]
    url = f"{ADMIN}{theirs.pk}/change/"
    assert client.get(url).status_code == 302  # the admin's "does not exist" redirect
    data = {
        "qualification": theirs.qualification_id,
        "holder_name": "冒名者",
        "issued_on": "2020-05-01",
        "status": "revoked",
    }
    client.post(url, data | NO_REVISIONS)
    mine = client.get(f"{ADMIN}{certificates[own].pk}/change/")
    assert mine.status_code == 200
    _unchanged(certificates)


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_a_registrar_cannot_add_a_certificate_for_another_issuer(
    client, registrars, certificates, cpa, own, other
):
    client.force_login(registrars[own])
    data = {
        "qualification": cpa.pk,
        "number": "NEW-1",
        "holder_name": "王芳",
        "issuer": other,
        "issued_on": "2020-01-01",
        "status": "valid",
    }
    response = client.post(f"{ADMIN}add/", data | NO_REVISIONS)
    assert response.status_code == 200  # the form again: the issuer is not one of theirs
    assert "issuer" in response.context["adminform"].form.errors
    assert not IssuedCertificate.objects.filter(number="NEW-1").exists()


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_the_single_certificate_service_refuses_another_issuer(registrars, cpa, own, other):
    import datetime

    from django.core.exceptions import ValidationError

    from certificates.services import issued_certificate_save

    certificate = IssuedCertificate(
        qualification=cpa,
        number="NEW-2",
        holder_name="王芳",
        issuer=other,
        issued_on=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError, match="登记员"):
        issued_certificate_save(certificate=certificate, by=registrars[own])
    assert not IssuedCertificate.objects.filter(number="NEW-2").exists()


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_an_upload_cannot_write_another_issuers_certificates(
    client, registrars, certificates, own, other, django_capture_on_commit_callbacks
):
    client.force_login(registrars[own])
    theirs = certificates[other]
    rows = f"注册会计师,{theirs.number},冒名者,,{other},2020-05-01,revoked\n"
    with django_capture_on_commit_callbacks():
        response = client.post(
            f"{ADMIN}upload/",
            {"file": SimpleUploadedFile("c.csv", (HEADER + rows).encode(), "text/csv")},
        )
    load_id = int(response["Location"].rstrip("/").split("/")[-1])
    load = certificate_load_validate(load_id=load_id)
    assert load.rejected == 1 and load.problems.get().code == "not_registrar"
    with django_capture_on_commit_callbacks():
        client.post(response["Location"], {"decision": "accept"})
    certificate_load_run(load_id=load_id)
    _unchanged(certificates)


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_the_command_refuses_another_issuers_certificates(
    tmp_path, registrars, certificates, own, other
):
    theirs = certificates[other]
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"注册会计师,{theirs.number},冒名者,,{other},2020-05-01,revoked\n")
    for options in ([], ["--accept-errors"]):
        err = StringIO()
        try:
            call_command(
                "load_certificates",
                str(path),
                "--user",
                registrars[own].username,
                *options,
                stdout=StringIO(),
                stderr=err,
            )
        except CommandError:
            assert not options  # all or nothing: the refused row stops the file
        assert f"您不是“{other}”的登记员" in err.getvalue()
    _unchanged(certificates)


def test_the_command_needs_to_know_who_runs_it(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER)
    with pytest.raises(CommandError, match="--user"):
        call_command("load_certificates", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_the_api_offers_no_write_to_the_registry_and_reveals_only_what_was_asked(
    client, registrars, certificates, own, other
):
    client.force_login(registrars[own])
    theirs = certificates[other]
    base = "/api/v1/certificate-verifications/"
    for method in (client.put, client.patch, client.delete):
        assert method(base, {"number": theirs.number}).status_code in (401, 403, 405)
    wrong = client.post(base, {"number": theirs.number, "holder_name": "冒名者"}).json()
    assert wrong["outcome"] == "not_found" and "陈静" not in str(wrong) and "张伟" not in str(wrong)
    _unchanged(certificates)


def test_staff_of_no_issuing_body_see_no_certificate(client, certificates, django_user_model):
    from django.contrib.auth.models import Group

    from authorities import roles

    user = django_user_model.objects.create_user("loose", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.CERTIFICATE_REGISTRAR))
    client.force_login(user)
    page = client.get(ADMIN).content.decode()
    assert "CPA-0001" not in page and "GD-0001" not in page


@pytest.mark.parametrize(("own", "other"), PAIRS)
def test_the_list_of_loads_shows_only_the_registrars_own_files(
    client, registrars, own, other, tmp_path
):
    for issuer, user in registrars.items():
        path = tmp_path / f"{user.username}.csv"
        path.write_text(HEADER + f"注册会计师,N-{len(issuer)},王芳,,{issuer},2020-05-01,valid\n")
        call_command("load_certificates", str(path), "--user", user.username, stdout=StringIO())
    client.force_login(registrars[own])
    page = client.get("/admin/certificates/certificateload/").content.decode()
    assert f"{registrars[own].username}.csv" in page
    assert f"{registrars[other].username}.csv" not in page
