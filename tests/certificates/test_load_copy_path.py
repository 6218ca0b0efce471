"""The COPY path of a load (certificates/staging.py) gives the Python reader's answers.

Each file is loaded twice from the same state, once through COPY and the set-wise check and
once through loading.RowReader (CERTIFICATES_LOAD_COPY off), and the two must agree on the
whole report (counts, every line with its problem code and params) and on every stored row
and history row.
"""

import datetime
import io
import json

import pytest
from conftest import HEADER
from django.db import transaction

from catalogue.models import Qualification
from certificates import staging
from certificates.identity import identity_hmac
from certificates.models import CertificateRevision, IssuedCertificate, IssuingBody
from certificates.services import EVERY_ERROR, issued_certificates_load

pytestmark = pytest.mark.usefixtures("catalogue")

CICPA = "中国注册会计师协会"
OTHER = "某省注册会计师协会"
TODAY = datetime.date.today()


@pytest.fixture
def registrar(registrar):
    IssuingBody.objects.create(name=OTHER).registrars.add(registrar)
    return registrar


@pytest.fixture
def stored(make_certificate):
    """What the registry holds before each load: one to update, one revoked."""
    make_certificate(number="CPA-0001", holder_name="张三")
    make_certificate(number="CPA-9", status="revoked")


def _retired(equivalent: bool) -> Qualification:
    retired = Qualification.objects.retired().exclude(retired_on=None).order_by("pk")
    if not equivalent:
        return retired.first()
    chosen = retired.last()
    successor = Qualification.objects.listed().first()
    Qualification.objects.filter(pk=chosen.pk).update(
        successor=successor, successor_equivalent=True
    )
    return chosen


def _every_kind_of_row() -> str:
    gone, going_on = _retired(equivalent=False), _retired(equivalent=True)
    late = gone.retired_on + datetime.timedelta(days=400)
    early = gone.retired_on - datetime.timedelta(days=1)
    rows = [
        f"注册会计师,CPA-0001,张伟,11010519491231002X,{CICPA},2020-05-01,valid",  # update
        f"注册会计师,CPA-0002,李娜,,{CICPA},2021-06-30,已撤销",
        f"注册会计师,CPA（2020）7,王芳,１１０１０５１９４９１２３１００２ｘ,{CICPA},2020-01-01,有效",
        f" 注册会计师 ,\tCPA-0003 ,\u3000刘洋\u3000, 110105 1949\u30001231002x ,{CICPA} ,"
        "2020-01-02, Revoked ",
        f"注册会计师,CPA-0004,\u00a0陈静\u2003,ß1234567,{CICPA},2020-01-03,EXPIRED",
        f"注册会计师,CPA-0005,赵磊,ı1234567,{CICPA},2020-01-04,过期",
        f"注册会计师,CPA-0006,孙丽,\x1c123456\x1d,{CICPA},2020-02-29,",
        f"注册会计师,ＣＰＡ－０００７,周杰,,{CICPA},2020-01-01,valid",
        f"注册会计师,---,周杰,,{CICPA},2020-01-01,valid",
        f"注册会计师,,周杰,,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA 8,周杰,,{CICPA},2020-01-01,valid",
        f"注册会计师,{'C' * 65},周杰,,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA-0010,,,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA-0011,{'名' * 101},,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA-0012,吴敏,,{'机' * 201},2020-01-01,valid",
        f"注册会计师,CPA-0013,吴敏,12,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA-0014,吴敏,１２３４５６Ä,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA-0015,吴\x07敏,,{CICPA},2020-01-01,valid",
        f"注册会计师,CPA-0016,吴\ufffd敏,,{CICPA},2020-01-01,valid",
        *(
            f"注册会计师,CPA-01{i},郑强,,{CICPA},{day},valid"
            for i, day in enumerate(
                ["2020-02-30", "2019-02-29", "2020-2-3", "20200101", "0000-01-01", "2020-13-01"]
                + ["２０２０-01-01", "2020-01-01x", "", "2020-00-10", "9999-12-31"]
            )
        ),
        f"注册会计师,CPA-0200,郑强,,{CICPA},{TODAY + datetime.timedelta(days=1)},valid",
        f"注册会计师,CPA-0201,郑强,,{CICPA},{TODAY},valid",
        f"注册会计师,CPA-0202,郑强,,{CICPA},2020-01-01,lost",
        f"注册会计师,CPA-0203,郑强,,{CICPA},2020-01-01,ＶＡＬＩＤ",
        f"不存在的资格,CPA-0204,郑强,,{CICPA},2020-01-01,valid",
        f"{Qualification.objects.get(name='注册会计师').pk},CPA-0205,郑强,,{OTHER},2020-01-01,",
        "注册会计师,CPA-0206,郑强,,广东省人力资源和社会保障厅,2020-01-01,valid",
        f"{gone.pk},CPA-0207,郑强,,{CICPA},{late},valid",
        f"{gone.pk},CPA-0208,郑强,,{CICPA},{early},valid",
        f"{going_on.pk},CPA-0209,郑强,,{CICPA},{going_on.retired_on + datetime.timedelta(400)},",
        f"注册会计师,CPA-0300,钱多,,{CICPA},2020-01-01,valid",
        f"注册会计师,cpa0300,钱多,,{CICPA},2020-01-01,valid",  # the same number, spelled anew
        f"注册会计师,CPA-0300,钱多,,{OTHER},2020-01-01,valid",  # another issuer's
        f"注册会计师,cpa-9,张伟,,{CICPA},2020-05-01,valid",  # revoked → valid: refused
        "注册会计师,CPA-0400,钱多",
        f"注册会计师,CPA-0401,钱多,,{CICPA},2020-01-01,valid,extra",
        "",
        "   ",
        f"注册会计师,CPA-0402,钱多,,{CICPA},2020-01-01,valid",
        "",
    ]
    return HEADER + "\n".join(rows) + "\n"


def _outcome(data: bytes, registrar, **options) -> tuple:
    """Load from the current state, note what the load says and leaves, roll it back."""
    with transaction.atomic():
        report = issued_certificates_load(file=io.BytesIO(data), by=registrar, **options)
        rows = list(
            IssuedCertificate.objects.order_by("issuer", "number_key").values_list(
                "qualification_id", "number", "number_key", "holder_name",
                "holder_identity_hmac", "issuer", "issued_on", "status",
            )
        )  # fmt: skip
        history = list(
            CertificateRevision.objects.order_by("issuer", "number", "action").values_list(
                "number", "issuer", "action", "previous_holder_name", "previous_status",
                "previous_issued_on", "previous_holder_identity_hmac",
            )
        )  # fmt: skip
        transaction.set_rollback(True)
    errors = sorted(
        (line, p.code, json.dumps(p.params, sort_keys=True)) for line, p in report.errors
    )
    counts = (report.rows_read, report.inserted, report.updated, report.loaded)
    return counts, errors, rows, history


def _both_paths(data: bytes, registrar, settings, **options) -> tuple:
    settings.CERTIFICATES_LOAD_COPY = True
    copied = _outcome(data, registrar, **options)
    settings.CERTIFICATES_LOAD_COPY = False
    read = _outcome(data, registrar, **options)
    assert copied[0] == read[0]
    assert copied[1] == read[1]
    assert copied[2:] == read[2:]
    return copied


@pytest.mark.parametrize("accept", [0, EVERY_ERROR])
def test_every_kind_of_row_gets_the_same_answer_through_copy(registrar, stored, settings, accept):
    data = _every_kind_of_row().encode()
    assert staging.scan(io.BytesIO(data)).copyable
    counts, errors, rows, history = _both_paths(data, registrar, settings, accept_at_most=accept)
    codes = {code for _, code, _ in errors}
    assert codes == {
        "number", "number_key", "holder_name", "issuer", "identity_number", "control_character",
        "encoding", "issued_on", "future", "status", "qualification", "not_registrar",
        "issued_after_retirement", "duplicate", "revoked_is_final", "columns",
    }  # fmt: skip
    if accept:
        assert counts[1:] == (12, 1, True)
        hmacs = {number: value for _, number, _, _, value, *_ in rows}
        assert hmacs["CPA-0004"] == identity_hmac("SS1234567")
        assert hmacs["CPA-0005"] == identity_hmac("I1234567")
        assert hmacs["CPA（2020）7"] == identity_hmac("11010519491231002X")
        assert any(action == "changed" for _, _, action, *_ in history)
    else:
        assert counts[3] is False and len(rows) == 2  # refused: nothing written


def test_windows_line_ends_and_a_byte_order_mark_go_through_copy(registrar, stored, settings):
    data = b"\xef\xbb\xbf" + _every_kind_of_row().replace("\n", "\r\n").encode()
    assert staging.scan(io.BytesIO(data)).copyable
    _both_paths(data, registrar, settings, accept_at_most=EVERY_ERROR)


def test_columns_in_another_order_without_status_go_through_copy(registrar, settings):
    data = (
        "Issuer,number,identity_number,holder_name,issued_on,qualification,note\n"
        f"{CICPA},CPA-1,,张伟,2020-01-01,注册会计师,x\n"
        f"{CICPA},CPA-2,110105194912310021,李娜,2020-01-02,注册会计师,\n"
        f"{CICPA},CPA-3,,李娜,2020-01-02,注册会计师\n"
    ).encode()
    counts, errors, rows, _ = _both_paths(data, registrar, settings, accept_at_most=EVERY_ERROR)
    assert counts == (3, 2, 0, True) and [e[:2] for e in errors] == [(4, "columns")]


@pytest.mark.parametrize(
    "spoiler",
    [
        '"注册会计师",CPA-0500,"钱,多",,{issuer},2020-01-01,valid',  # quoted fields
        "注册会计师,CPA-0500,钱\x00多,,{issuer},2020-01-01,valid",  # NUL
        "注册会计师,CPA-0500,钱\r多,,{issuer},2020-01-01,valid",  # a lone carriage return
        "\\.",  # COPY's end-of-data marker
    ],
)
def test_a_file_copy_cannot_read_alike_takes_the_python_reader(
    registrar, stored, settings, spoiler
):
    data = (_every_kind_of_row() + spoiler.format(issuer=CICPA) + "\n").encode()
    assert not staging.scan(io.BytesIO(data)).copyable
    _both_paths(data, registrar, settings, accept_at_most=EVERY_ERROR)


def test_bytes_that_are_not_utf8_take_the_python_reader(registrar, settings):
    data = (HEADER + f"注册会计师,CPA-1,张伟,,{CICPA},2020-01-01,valid\n").encode("gbk")
    assert not staging.scan(io.BytesIO(data)).copyable
    counts, errors, *_ = _both_paths(data, registrar, settings)
    assert [code for _, code, _ in errors] == ["encoding"]


def test_a_field_over_the_csv_limit_takes_the_python_reader(registrar, settings):
    data = (
        HEADER
        + f"注册会计师,CPA-1,{'长' * 140_000},,{CICPA},2020-01-01,valid\n"
        + f"注册会计师,CPA-2,张伟,,{CICPA},2020-01-01,valid\n"
    ).encode()
    assert staging.scan(io.BytesIO(data)).copyable  # found by COPY, then read by Python
    counts, errors, *_ = _both_paths(data, registrar, settings, accept_at_most=EVERY_ERROR)
    assert [code for _, code, _ in errors] == ["field_too_long"] and counts[1] == 1


def test_the_sql_hmac_is_the_python_hmac_under_a_long_key(registrar, settings):
    settings.IDENTITY_HMAC_KEY = "k" * 100  # longer than SHA-256's block: hashed first
    data = (HEADER + f"注册会计师,CPA-1,张伟,11010519491231002x,{CICPA},2020-01-01,\n").encode()
    _, _, rows, _ = _both_paths(data, registrar, settings)
    assert rows[0][4] == identity_hmac("11010519491231002X")


def test_a_plain_file_is_checked_without_the_full_reading_and_alike(registrar, stored, settings):
    """No line has whitespace beyond space and tab, a control character or U+FFFD."""
    rare = set("\u3000\u00a0\u2003\x1c\x1d\x07\ufffd")
    lines = _every_kind_of_row().splitlines(keepends=True)
    data = "".join(line for line in lines if not rare & set(line)).encode()
    scanned = staging.scan(io.BytesIO(data))
    assert scanned.copyable and scanned.plain
    assert not staging.scan(io.BytesIO(_every_kind_of_row().encode())).plain
    counts, errors, *_ = _both_paths(data, registrar, settings, accept_at_most=EVERY_ERROR)
    assert counts[1] > 5 and len(errors) > 20


def test_staged_keys_can_use_the_registry_index(registrar, make_certificate):
    """A key staged in another collation than the stored one makes every probe of the merge
    match on the issuer alone (quadratic in the size of the load)."""
    from django.db import connection

    from certificates.loading import LoadReport

    make_certificate(number="CPA-2")
    data = (HEADER + f"注册会计师,cpa-1,张伟,,{CICPA},2020-01-01,valid\n").encode()
    with transaction.atomic():
        scanned = staging.scan(io.BytesIO(data))
        staging.stage(io.BytesIO(data), scanned, LoadReport(), None, lambda report: None)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.number_key, pg_collation_for(s.number_key), "
                "pg_collation_for(c.number_key) "
                "FROM certificates_staging s, certificates_issuedcertificate c"
            )
            key, staged, stored = cursor.fetchone()
        transaction.set_rollback(True)
    assert key == "CPA1" and staged == stored
