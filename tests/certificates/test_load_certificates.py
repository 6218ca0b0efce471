"""manage.py load_certificates: validation row by row, idempotent upsert, HMAC storage."""

from io import StringIO

import pytest
from conftest import HEADER
from django.core.management import CommandError, call_command
from django.db import connection

from certificates.identity import identity_hmac
from certificates.models import IssuedCertificate

pytestmark = pytest.mark.usefixtures("catalogue")

GOOD = (
    "注册会计师,CPA-0001,张伟,11010519491231002X,中国注册会计师协会,2020-05-01,valid\n"
    "注册会计师,CPA-0002,李娜,,中国注册会计师协会,2021-06-30,revoked\n"
)


def load(tmp_path, text: str) -> tuple[str, str]:
    path = tmp_path / "certificates.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("load_certificates", str(path), stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}")
    return out.getvalue(), err.getvalue()


def test_good_rows_load_with_their_fields(tmp_path):
    out, err = load(tmp_path, HEADER + GOOD)
    certificate = IssuedCertificate.objects.get(number="CPA-0001")
    assert certificate.qualification.name == "注册会计师"
    assert certificate.holder_name == "张伟"
    assert certificate.issued_on.isoformat() == "2020-05-01"
    assert IssuedCertificate.objects.get(number="CPA-0002").status == "revoked"
    assert "2 new" in out
    assert err == ""


def test_bad_rows_are_reported_by_line_and_good_rows_still_load(tmp_path):
    rows = (
        GOOD
        + "不存在的资格,X-1,王芳,,某机构,2020-01-01,valid\n"
        + "注册会计师,X-2,王芳,,某机构,2020-02-30,valid\n"
        + "注册会计师,X-3,,,某机构,2020-01-01,valid\n"
        + "注册会计师,X-4,王芳,,某机构,2020-01-01,lost\n"
        + "注册会计师,X-5,王芳\n"
        + "注册会计师,X-6,王芳,12,某机构,2020-01-01,valid\n"
        + "注册会计师,X-7,王芳,,某机构,2999-01-01,valid\n"
    )
    out, err = load(tmp_path, HEADER + rows)
    assert set(IssuedCertificate.objects.values_list("number", flat=True)) == {
        "CPA-0001",
        "CPA-0002",
    }
    assert "certificates.csv:4: unknown qualification '不存在的资格'" in err
    assert "certificates.csv:5: issued_on '2020-02-30' is not a date" in err
    assert "certificates.csv:6: holder_name is empty" in err
    assert "certificates.csv:7: status 'lost'" in err
    assert "certificates.csv:8: expected 7 columns, got 3" in err
    assert "certificates.csv:9: identity_number must be" in err
    assert "certificates.csv:10: issued_on 2999-01-01 is in the future" in err
    assert "CommandError: " in err and "7 rows rejected" in err


def test_loading_the_same_file_twice_changes_nothing(tmp_path):
    load(tmp_path, HEADER + GOOD)
    before = list(IssuedCertificate.objects.order_by("pk").values())
    out, _ = load(tmp_path, HEADER + GOOD)
    assert "0 new, 0 updated, 2 unchanged" in out
    assert list(IssuedCertificate.objects.order_by("pk").values()) == before


def test_a_corrected_row_updates_the_certificate_of_the_same_issuer_and_number(tmp_path):
    load(tmp_path, HEADER + GOOD)
    pk = IssuedCertificate.objects.get(number="CPA-0001").pk
    out, _ = load(tmp_path, HEADER + GOOD.replace("2020-05-01,valid", "2020-05-01,revoked"))
    certificate = IssuedCertificate.objects.get(number="CPA-0001")
    assert (certificate.pk, certificate.status) == (pk, "revoked")
    assert "0 new, 1 updated, 1 unchanged" in out


def test_the_same_number_from_another_issuer_is_another_certificate(tmp_path):
    other = GOOD.splitlines()[0].replace("中国注册会计师协会", "某省注册会计师协会")
    load(tmp_path, HEADER + GOOD + other + "\n")
    assert IssuedCertificate.objects.filter(number="CPA-0001").count() == 2


def test_within_one_file_the_last_line_for_a_certificate_wins(tmp_path):
    again = GOOD.splitlines()[0].replace("张伟", "张薇")
    load(tmp_path, HEADER + GOOD + again + "\n")
    assert IssuedCertificate.objects.get(number="CPA-0001").holder_name == "张薇"


def test_the_identity_number_is_stored_only_as_its_hmac(tmp_path):
    load(tmp_path, HEADER + GOOD)
    certificate = IssuedCertificate.objects.get(number="CPA-0001")
    assert certificate.holder_identity_hmac == identity_hmac("11010519491231002X")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t::text FROM certificates_issuedcertificate t WHERE number = %s",
            ["CPA-0001"],
        )
        (row_text,) = cursor.fetchone()
    assert "11010519491231002" not in row_text.upper()
    assert certificate.holder_identity_hmac in row_text


def test_the_hmac_depends_on_the_secret_key(settings):
    before = identity_hmac("11010519491231002X")
    settings.IDENTITY_HMAC_KEY = "another-key"
    assert identity_hmac("11010519491231002X") != before
    assert identity_hmac(" 110105 19491231002x ") == identity_hmac("11010519491231002X")


def test_a_qualification_may_be_named_by_its_catalogue_id(tmp_path, cpa):
    load(tmp_path, HEADER + GOOD.replace("注册会计师,", f"{cpa.pk},"))
    assert IssuedCertificate.objects.filter(qualification=cpa).count() == 2


def test_a_file_without_the_required_columns_fails_naming_them(tmp_path):
    _, err = load(tmp_path, "number,holder_name\nX,Y\n")
    assert "lacks column(s): qualification, identity_number, issuer, issued_on" in err
    assert not IssuedCertificate.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_certificates", str(tmp_path / "absent.csv"))


def test_bytes_that_are_not_utf8_fail_only_their_row(tmp_path):
    path = tmp_path / "certificates.csv"
    bad = "注册会计师,X-9,王芳,,某机构,2020-01-01,valid\n".encode("gbk")
    path.write_bytes((HEADER + GOOD).encode() + bad)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_certificates", str(path), stdout=StringIO(), stderr=err)
    assert "certificates.csv:4: " in err.getvalue()
    assert IssuedCertificate.objects.count() == 2


def test_progress_is_written_while_loading(tmp_path):
    out, _ = load(tmp_path, HEADER + GOOD)
    assert "2 rows read" in out


def test_the_portable_batched_path_upserts_like_the_copy_path(cpa):
    """The path SQLite (the quick start) takes, run here through the ORM on PostgreSQL."""
    from certificates import bulk
    from certificates.loading import LoadReport, Row

    def rows(status):
        yield Row(2, cpa.pk, "CPA-7", "王芳", "", "某协会", "2020-01-01", "valid")
        yield Row(3, cpa.pk, "CPA-8", "刘洋", "", "某协会", "2020-01-02", status)

    first, second = LoadReport(), LoadReport()
    bulk._store_batched(rows("valid"), first, lambda report: None)
    bulk._store_batched(rows("revoked"), second, lambda report: None)
    assert (first.inserted, first.updated) == (2, 0)
    assert (second.inserted, second.updated) == (0, 1)
    assert IssuedCertificate.objects.get(number="CPA-8").status == "revoked"
