"""Numbers are stored as printed and as their key, on every write path; lookups use the key."""

import contextlib
import datetime
from io import StringIO

import pytest
from conftest import CICPA, HEADER
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from certificates.models import IssuedCertificate
from certificates.services import (
    certificate_load_run,
    certificate_load_validate,
    issued_certificate_save,
)

pytestmark = pytest.mark.usefixtures("catalogue")
ADMIN = "/admin/certificates/issuedcertificate/"
NO_REVISIONS = {"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}


def _csv(*numbers: str) -> str:
    rows = [f"注册会计师,{n},张伟,,{CICPA},2020-05-01,valid\n" for n in numbers]
    return HEADER + "".join(rows)


def _command(tmp_path, registrar, text: str, *options: str) -> str:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with contextlib.suppress(CommandError):  # a refused file: the message is in err
        call_command(
            "load_certificates", str(path), "--user", registrar.username, *options,
            stdout=StringIO(), stderr=err,
        )  # fmt: skip
    return err.getvalue()


def _stored() -> list[tuple[str, str]]:
    return list(IssuedCertificate.objects.order_by("id").values_list("number", "number_key"))


def test_the_command_stores_the_number_as_printed_and_its_key(tmp_path, registrar):
    _command(tmp_path, registrar, _csv("cpa-2020-000123"))
    assert _stored() == [("cpa-2020-000123", "CPA2020000123")]


def test_reloading_another_spelling_updates_the_same_certificate(tmp_path, registrar):
    _command(tmp_path, registrar, _csv("cpa-2020-000123"))
    _command(tmp_path, registrar, _csv("CPA-2020-000123"))
    assert _stored() == [("CPA-2020-000123", "CPA2020000123")]  # one row, the new spelling


def test_two_spellings_of_one_number_in_a_file_are_a_clash_on_both_lines(tmp_path, registrar):
    err = _command(tmp_path, registrar, _csv("CPA-1", "OTHER-2", "cpa1"))
    assert "第 2 行" in err and "第 4 行" in err and "编号重复" in err
    assert _stored() == []  # all or nothing


def test_a_number_that_folds_to_nothing_is_refused(tmp_path, registrar):
    err = _command(tmp_path, registrar, _csv("--"))
    assert "去掉空格和连字符后为空" in err
    assert _stored() == []


def test_the_admin_form_stores_the_key_and_refuses_a_clash(client, registrar, cpa):
    client.force_login(registrar)
    data = {"qualification": cpa.pk, "holder_name": "王芳", "issuer": CICPA}
    data |= {"issued_on": "2020-01-01", "status": "valid"} | NO_REVISIONS
    assert client.post(f"{ADMIN}add/", data | {"number": "cpa-9"}).status_code == 302
    response = client.post(f"{ADMIN}add/", data | {"number": "CPA-9"})
    assert response.status_code == 200
    assert "只差大小写" in " ".join(response.context["adminform"].form.non_field_errors())
    assert _stored() == [("cpa-9", "CPA9")]


def test_the_service_refuses_a_clash_with_another_spelling(registrar, make_certificate, cpa):
    make_certificate(number="CPA-2020-0001", issuer=CICPA)
    clash = IssuedCertificate(
        qualification=cpa, number="cpa20200001", holder_name="王芳", issuer=CICPA,
        issued_on=datetime.date(2020, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="CPA-2020-0001"):
        issued_certificate_save(certificate=clash, by=registrar)
    assert IssuedCertificate.objects.count() == 1


def test_the_same_key_at_another_issuer_is_another_certificate(make_certificate):
    make_certificate(number="CPA-1", issuer=CICPA)
    make_certificate(number="cpa1", issuer="中国建设工程造价管理协会")
    assert IssuedCertificate.objects.numbered("CPA 1").count() == 2


def test_the_admin_upload_stores_the_key(client, registrar, django_capture_on_commit_callbacks):
    client.force_login(registrar)
    upload = SimpleUploadedFile("c.csv", _csv("ｃｐａ－７").encode(), "text/csv")
    with django_capture_on_commit_callbacks():
        response = client.post(f"{ADMIN}upload/", {"file": upload})
    load = certificate_load_validate(load_id=int(response["Location"].rstrip("/").split("/")[-1]))
    assert load.rejected == 1  # full-width letters are not a number an issuer prints
    upload = SimpleUploadedFile("d.csv", _csv("cpa-7").encode(), "text/csv")
    with django_capture_on_commit_callbacks():
        response = client.post(f"{ADMIN}upload/", {"file": upload})
    load_id = int(response["Location"].rstrip("/").split("/")[-1])
    certificate_load_validate(load_id=load_id)
    with django_capture_on_commit_callbacks():
        client.post(response["Location"], {"decision": "accept"})
    certificate_load_run(load_id=load_id)
    assert _stored() == [("cpa-7", "CPA7")]


def test_the_orm_derives_the_key_on_create_and_bulk_create(make_certificate, cpa):
    make_certificate(number="ab-12")
    IssuedCertificate.objects.bulk_create(
        [IssuedCertificate(
            qualification=cpa, number="cd 34", holder_name="李娜", issuer=CICPA,
            issued_on=datetime.date(2020, 1, 1),
        )]
    )  # fmt: skip
    assert _stored() == [("ab-12", "AB12"), ("cd 34", "CD34")]


def test_the_admin_search_finds_a_number_however_typed(client, registrar, make_certificate):
    make_certificate(number="CPA-2020-000123", issuer=CICPA)
    make_certificate(number="CPA-2020-000124", issuer=CICPA)
    client.force_login(registrar)
    page = client.get(ADMIN, {"q": "cpa2020000123"}).content.decode()
    assert "CPA-2020-000123" in page and "CPA-2020-000124" not in page


def test_the_lookup_is_one_exact_match_on_the_key(make_certificate, django_assert_num_queries):
    make_certificate(number="CPA-2020-000123")
    query = str(IssuedCertificate.objects.numbered("cpa 2020 000123").query)
    assert '"number_key" = CPA2020000123' in query and " OR " not in query
    with django_assert_num_queries(1):
        assert [c.number for c in IssuedCertificate.objects.numbered("cpa2020000123")] == [
            "CPA-2020-000123"
        ]
