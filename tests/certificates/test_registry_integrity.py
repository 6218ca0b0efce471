"""Finding 5 of issue 14: each way the registry could be written around its rules."""

import datetime
from io import StringIO

import pytest
from conftest import CICPA, GUANGDONG, HEADER
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import InternalError

from catalogue.models import Qualification
from certificates.models import CertificateRevision, IssuedCertificate

pytestmark = pytest.mark.usefixtures("catalogue")
CHANGE = "/admin/certificates/issuedcertificate/{}/change/"
NO_REVISIONS = {"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}


def run(tmp_path, content: bytes | str, user: str, *options: str) -> str:
    path = tmp_path / "certificates.csv"
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    err = StringIO()
    try:
        call_command(
            "load_certificates", str(path), "--user", user, *options, stdout=StringIO(), stderr=err
        )
    except CommandError as error:
        err.write(f"CommandError: {error}")
    return err.getvalue()


def change_form(certificate: IssuedCertificate, **changes) -> dict:
    values = {
        "qualification": certificate.qualification_id,
        "holder_name": certificate.holder_name,
        "issued_on": certificate.issued_on.isoformat(),
        "status": certificate.status,
    }
    return values | changes | NO_REVISIONS


def test_a_registrar_cannot_overwrite_or_revoke_another_issuers_certificate_by_command(
    tmp_path, make_certificate, registrar, guangdong_registrar
):
    make_certificate(number="CPA-0001")
    row = f"注册会计师,CPA-0001,李四,,{CICPA},2020-05-01,revoked\n"
    err = run(tmp_path, HEADER + row, "guangdong-registrar", "--accept-errors")
    assert f"certificates.csv:2: 您不是“{CICPA}”的登记员" in err
    certificate = IssuedCertificate.objects.get(number="CPA-0001")
    assert (certificate.holder_name, certificate.status) == ("张伟", "valid")


def test_an_upload_cannot_replace_a_guangdong_holders_name(
    tmp_path, make_certificate, registrar, guangdong_registrar
):
    make_certificate(number="GD-0001", issuer=GUANGDONG, holder_name="陈静")
    row = f"注册会计师,GD-0001,冒名者,,{GUANGDONG},2020-05-01,valid\n"
    err = run(tmp_path, HEADER + row, "cicpa-registrar", "--accept-errors")
    assert "您不是“广东省人力资源和社会保障厅”的登记员" in err
    assert IssuedCertificate.objects.get(number="GD-0001").holder_name == "陈静"


def test_the_change_form_cannot_set_a_revoked_certificate_back_to_valid(
    client, registrar, make_certificate
):
    certificate = make_certificate(status="revoked")
    client.force_login(registrar)
    response = client.post(CHANGE.format(certificate.pk), change_form(certificate, status="valid"))
    assert response.status_code == 200
    assert f"证书 {certificate.number} 已撤销，不能改为“valid”" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_a_load_cannot_set_a_revoked_certificate_back_to_valid(
    tmp_path, registrar, make_certificate
):
    make_certificate(number="CPA-0001", status="revoked")
    row = f"注册会计师,CPA-0001,张伟,,{CICPA},2020-05-01,valid\n"
    err = run(tmp_path, HEADER + row, "cicpa-registrar", "--accept-errors")
    assert "certificates.csv:2: 证书 CPA-0001 已撤销，不能改为“valid”" in err
    assert IssuedCertificate.objects.get(number="CPA-0001").status == "revoked"


def test_a_load_keeps_the_previous_values_who_when_and_which_file(
    tmp_path, registrar, make_certificate
):
    certificate = make_certificate(number="CPA-0001")
    row = f"注册会计师,CPA-0001,张薇,,{CICPA},2020-05-01,revoked\n"
    assert run(tmp_path, HEADER + row, "cicpa-registrar") == ""
    revision = CertificateRevision.objects.get(certificate=certificate)
    assert (revision.previous_holder_name, revision.previous_status) == ("张伟", "valid")
    assert revision.previous_issued_on == datetime.date(2020, 5, 1)
    assert revision.changed_by == registrar and revision.load.file_name == "certificates.csv"
    assert revision.load.uploaded_by == registrar and revision.action == "changed"


def test_a_new_certificate_records_who_loaded_it_from_which_file(tmp_path, registrar):
    row = f"注册会计师,CPA-0009,张伟,,{CICPA},2020-05-01,valid\n"
    run(tmp_path, HEADER + row, "cicpa-registrar")
    revision = CertificateRevision.objects.get(number="CPA-0009")
    assert (revision.action, revision.changed_by, revision.previous_status) == (
        "created",
        registrar,
        "",
    )
    assert revision.load.file_sha256 and revision.certificate.holder_name == "张伟"


def test_the_change_form_keeps_the_previous_values(client, registrar, make_certificate):
    certificate = make_certificate()
    client.force_login(registrar)
    response = client.post(
        CHANGE.format(certificate.pk), change_form(certificate, holder_name="张薇")
    )
    assert response.status_code == 302
    revision = CertificateRevision.objects.get(certificate=certificate)
    assert (revision.previous_holder_name, revision.changed_by) == ("张伟", registrar)
    page = client.get(CHANGE.format(certificate.pk)).content.decode()
    assert "张伟" in page  # the history is shown on the certificate's page


def test_the_history_refuses_update_delete_and_truncate(tmp_path, registrar):
    run(
        tmp_path,
        HEADER + f"注册会计师,CPA-0009,张伟,,{CICPA},2020-05-01,valid\n",
        "cicpa-registrar",
    )
    table = CertificateRevision._meta.db_table
    for statement in (f"UPDATE {table} SET previous_holder_name = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            connection.cursor().execute(statement)
    with pytest.raises(InternalError, match="append-only"), transaction.atomic():
        # Deferred foreign-key checks of this test's inserts would block TRUNCATE first.
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
        connection.cursor().execute("SET LOCAL portal.append_only = 'on'")  # as in production
        connection.cursor().execute(f"TRUNCATE {table}")
    assert CertificateRevision.objects.count() == 1


def test_duplicate_numbers_in_one_file_are_errors_with_both_line_numbers(tmp_path, registrar):
    rows = (
        f"注册会计师,CPA-0001,张伟,,{CICPA},2020-05-01,valid\n"
        f"注册会计师,CPA-0002,李娜,,{CICPA},2020-05-01,valid\n"
        f"注册会计师,CPA-0001,王芳,,{CICPA},2020-05-01,valid\n"
    )
    err = run(tmp_path, HEADER + rows, "cicpa-registrar", "--accept-errors")
    assert "certificates.csv:2: 证书编号 CPA-0001 在本文件第 4 行也出现" in err
    assert "certificates.csv:4: 证书编号 CPA-0001 在本文件第 2 行也出现" in err
    assert list(IssuedCertificate.objects.values_list("number", flat=True)) == ["CPA-0002"]


@pytest.mark.parametrize("accept", [False, True])
def test_a_number_repeated_in_a_later_chunk_is_caught_with_both_lines(
    tmp_path, registrar, monkeypatch, accept
):
    """Chunks of two rows: the repeat of line 2 comes in the third chunk."""
    from certificates import bulk

    monkeypatch.setattr(bulk, "CHUNK", 2)
    rows = "".join(f"注册会计师,CPA-{i:04d},张伟,,{CICPA},2020-05-01,valid\n" for i in range(5))
    rows += f"注册会计师,CPA-0000,王芳,,{CICPA},2020-05-01,valid\n"
    err = run(tmp_path, HEADER + rows, "cicpa-registrar", *(["--accept-errors"] if accept else []))
    assert "certificates.csv:2: 证书编号 CPA-0000 在本文件第 7 行也出现" in err
    assert "certificates.csv:7: 证书编号 CPA-0000 在本文件第 2 行也出现" in err
    loaded = set(IssuedCertificate.objects.values_list("number", flat=True))
    assert loaded == ({f"CPA-{i:04d}" for i in range(1, 5)} if accept else set())
    assert not CertificateRevision.objects.filter(number="CPA-0000").exists()


def _retired() -> Qualification:
    return Qualification.objects.retired().exclude(retired_on=None).order_by("retired_on").first()


def test_a_certificate_issued_after_its_qualification_left_the_catalogue_is_rejected(
    tmp_path, django_user_model
):
    retired = _retired()
    after = retired.retired_on + datetime.timedelta(days=400)
    before = retired.retired_on - datetime.timedelta(days=1)
    django_user_model.objects.create_superuser("root", password="pw-for-tests-only")
    rows = f"{retired.pk},R-1,张伟,,某机构,{after},valid\n"
    rows += f"{retired.pk},R-2,李娜,,某机构,{before},valid\n"
    err = run(tmp_path, HEADER + rows, "root", "--accept-errors")
    assert f"certificates.csv:2: 发证日期 {after} 晚于该职业资格退出国家职业资格目录的日期" in err
    assert "目录之外不得认定职业资格" in err
    assert list(IssuedCertificate.objects.values_list("number", flat=True)) == ["R-2"]


def test_a_retired_qualification_with_an_equivalent_successor_still_issues(
    tmp_path, django_user_model
):
    retired = _retired()
    successor = Qualification.objects.listed().exclude(pk=retired.pk).first()
    Qualification.objects.filter(pk=retired.pk).update(
        successor=successor, successor_equivalent=True
    )
    after = retired.retired_on + datetime.timedelta(days=400)
    django_user_model.objects.create_superuser("root", password="pw-for-tests-only")
    assert run(tmp_path, HEADER + f"{retired.pk},R-1,张伟,,某机构,{after},valid\n", "root") == ""
    assert IssuedCertificate.objects.filter(number="R-1").exists()


def test_the_change_form_rejects_a_date_after_the_qualification_left(
    client, registrar, make_certificate
):
    certificate = make_certificate()
    retired = _retired()
    client.force_login(registrar)
    late = (retired.retired_on + datetime.timedelta(days=30)).isoformat()
    data = change_form(certificate, qualification=retired.pk, issued_on=late)
    response = client.post(CHANGE.format(certificate.pk), data)
    assert "目录之外不得认定职业资格" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.qualification_id != retired.pk


def test_progress_is_reported_every_ten_thousand_rows(tmp_path, registrar):
    rows = "".join(f"注册会计师,P-{i},张伟,,{CICPA},2020-05-01,valid\n" for i in range(10_001))
    path = tmp_path / "certificates.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    out = StringIO()
    call_command("load_certificates", str(path), "--user", "cicpa-registrar", stdout=out)
    assert "reading: 10,000 rows read" in out.getvalue()
    assert IssuedCertificate.objects.count() == 10_001


GOOD_ROW = f"注册会计师,CPA-0001,张伟,,{CICPA},2020-05-01,valid\n"


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        (f"注册会计师,CPA-9,张\x00伟,,{CICPA},2020-05-01,valid\n".encode(), "含有控制字符"),
        (
            f"注册会计师,CPA-9,{'长' * 140_000},,{CICPA},2020-05-01,valid\n".encode(),
            "此行有字段超过 131072",
        ),
        (f"注册会计师,CPA-9,王芳,,{CICPA},2020-05-01,valid\n".encode("gbk"), "不是有效的 UTF-8"),
        (bytes(range(256)) * 4 + b"\n", ""),
    ],
    ids=["nul-after-4kb", "field-over-131072", "gbk", "binary"],
)
def test_a_malformed_line_after_the_first_4kb_is_a_row_error_not_a_crash(
    tmp_path, registrar, bad_line: bytes, reason: str
):
    padding = "".join(
        f"注册会计师,PAD-{i},张伟,,{CICPA},2020-05-01,valid\n" for i in range(80)
    ).encode()
    assert len(padding) > 4096
    content = HEADER.encode() + padding + bad_line + GOOD_ROW.encode()
    err = run(tmp_path, content, "cicpa-registrar")
    assert f"certificates.csv:82: {reason}" in err
    assert "nothing was loaded" in err and not IssuedCertificate.objects.exists()
    err = run(tmp_path, content, "cicpa-registrar", "--accept-errors")
    assert IssuedCertificate.objects.count() == 81
