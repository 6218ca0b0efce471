"""manage.py load_certificates: validation row by row, all or nothing, idempotent upsert."""

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
BAD = (
    "不存在的资格,X-1,王芳,,中国注册会计师协会,2020-01-01,valid\n"
    "注册会计师,X-2,王芳,,中国注册会计师协会,2020-02-30,valid\n"
    "注册会计师,X-3,,,中国注册会计师协会,2020-01-01,valid\n"
    "注册会计师,X-4,王芳,,中国注册会计师协会,2020-01-01,lost\n"
    "注册会计师,X-5,王芳\n"
    "注册会计师,X-6,王芳,12,中国注册会计师协会,2020-01-01,valid\n"
    "注册会计师,X-7,王芳,,中国注册会计师协会,2999-01-01,valid\n"
)


def load(tmp_path, text: str, *options: str, user: str = "cicpa-registrar") -> tuple[str, str]:
    path = tmp_path / "certificates.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "load_certificates", str(path), "--user", user, *options, stdout=out, stderr=err
        )
    except CommandError as error:
        err.write(f"CommandError: {error}")
    return out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _registrar(registrar):
    """Every load here runs as the registrar of the 中国注册会计师协会."""


def test_good_rows_load_with_their_fields(tmp_path):
    out, err = load(tmp_path, HEADER + GOOD)
    certificate = IssuedCertificate.objects.get(number="CPA-0001")
    assert certificate.qualification.name == "注册会计师"
    assert certificate.holder_name == "张伟"
    assert certificate.issued_on.isoformat() == "2020-05-01"
    assert IssuedCertificate.objects.get(number="CPA-0002").status == "revoked"
    assert "2 new" in out
    assert err == ""


def test_every_bad_row_is_reported_in_chinese_by_line_and_nothing_loads(tmp_path):
    out, err = load(tmp_path, HEADER + GOOD + BAD)
    assert not IssuedCertificate.objects.exists()
    assert "certificates.csv:4: 未知的职业资格“不存在的资格”" in err
    assert "certificates.csv:5: 发证日期“2020-02-30”不是 YYYY-MM-DD 格式的日期" in err
    assert "certificates.csv:6: 持证人姓名为空" in err
    assert "certificates.csv:7: 状态“lost”无效" in err
    assert "certificates.csv:8: 应为 7 列，实有 3 列" in err
    assert "certificates.csv:9: 身份证件号码应为" in err
    assert "certificates.csv:10: 发证日期 2999-01-01 晚于今天" in err
    assert "7 rows rejected" in err and "nothing was loaded" in err


def test_accepting_the_errors_loads_the_good_rows(tmp_path):
    out, err = load(tmp_path, HEADER + GOOD + BAD, "--accept-errors")
    assert set(IssuedCertificate.objects.values_list("number", flat=True)) == {
        "CPA-0001",
        "CPA-0002",
    }
    assert "CommandError" not in err
    assert "2 new" in out and "7 rejected" in out


def test_more_than_a_thousand_errors_are_all_listed_and_written_to_csv(tmp_path):
    rows = "".join(
        f"注册会计师,Y-{i},王芳,,中国注册会计师协会,2020-13-01,valid\n" for i in range(1500)
    )
    errors = tmp_path / "errors.csv"
    _, err = load(tmp_path, HEADER + rows, "--errors-csv", str(errors))
    assert err.count("不是 YYYY-MM-DD 格式的日期") == 1500
    assert "certificates.csv:1501: " in err
    assert len(errors.read_text(encoding="utf-8-sig").splitlines()) == 1501


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


def test_the_same_number_from_another_issuer_is_another_certificate(tmp_path, registrar):
    from certificates.models import IssuingBody

    IssuingBody.objects.create(name="某省注册会计师协会").registrars.add(registrar)
    other = GOOD.splitlines()[0].replace("中国注册会计师协会", "某省注册会计师协会")
    load(tmp_path, HEADER + GOOD + other + "\n")
    assert IssuedCertificate.objects.filter(number="CPA-0001").count() == 2


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
    assert "缺少：qualification, identity_number, issuer, issued_on" in err
    assert not IssuedCertificate.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_certificates", str(tmp_path / "absent.csv"), "--user", "cicpa-registrar")


def test_an_unknown_user_is_a_clear_error(tmp_path):
    _, err = load(tmp_path, HEADER + GOOD, user="nobody")
    assert "--user nobody: no such active user" in err
    assert not IssuedCertificate.objects.exists()


def test_progress_is_written_while_loading(tmp_path):
    out, _ = load(tmp_path, HEADER + GOOD)
    assert "storing: 2 rows read, 0 rejected, 2 new, 0 updated" in out


def test_the_portable_batched_path_merges_like_the_copy_path(cpa, registrar, make_certificate):
    """The merge SQLite (the quick start) runs, run here through the ORM on PostgreSQL."""
    from certificates import bulk
    from certificates.loading import LoadReport, Row
    from certificates.models import CertificateRevision

    make_certificate(number="CPA-9", issuer="某协会", status="revoked")

    def load_with(status: str) -> LoadReport:
        report = LoadReport()
        rows = [
            Row(2, cpa.pk, "CPA-7", "CPA7", "王芳", "", "某协会", "2020-01-01", "valid"),
            Row(3, cpa.pk, "CPA-8", "CPA8", "刘洋", "", "某协会", "2020-01-02", status),
            Row(4, cpa.pk, "cpa9", "CPA9", "张伟", "", "某协会", "2020-05-01", "valid"),
        ]
        bulk.stage(rows, report, lambda report: None)
        writer = bulk.Writer(by_id=registrar.pk, load_id=None)
        with connection.cursor() as cursor:
            bulk._merge_batched(cursor, 0, 10, report, writer)
        return report

    first, second = load_with("valid"), load_with("revoked")
    assert (first.inserted, first.updated, second.inserted, second.updated) == (2, 0, 0, 1)
    assert [line for line, _ in second.errors] == [4]  # revoked CPA-9 (as cpa9) stays revoked
    assert IssuedCertificate.objects.get(number="CPA-8").status == "revoked"
    assert CertificateRevision.objects.get(number="CPA-8", action="changed").previous_status == (
        "valid"
    )


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("qualification,number\n".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04" + b"\x00" * 60, "Excel"),
    ],
)
def test_a_file_that_is_not_csv_text_is_refused_for_what_it_is(content, says, tmp_path):
    path = tmp_path / "certificates.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=says):
        call_command("load_certificates", str(path), "--user", "cicpa-registrar")
    assert not IssuedCertificate.objects.exists()
