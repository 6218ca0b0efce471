"""Verifying an issued certificate: page, API, signed links and the rate limit."""

import pytest
from django.core import signing
from django.test import override_settings

from certificates.verification import verification_token

URL = "/api/v1/certificate-verifications/"


def verify(client, **given) -> dict:
    response = client.post(URL, given, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("status", ["valid", "revoked", "expired"])
def test_number_and_holder_name_give_the_certificates_status(client, make_certificate, status):
    make_certificate(status=status)
    body = verify(client, number="CPA-2020-0001", holder_name="张伟")
    assert body["outcome"] == status
    assert body["qualification"]["name"] == "注册会计师"
    assert body["issuer"] == "中国注册会计师协会"
    assert body["issued_on"] == "2020-05-01"


def test_the_answer_reveals_nothing_beyond_qualification_issuer_date_and_status(
    client, make_certificate
):
    make_certificate()
    body = verify(client, number="CPA-2020-0001", holder_name="张伟")
    assert set(body) == {"outcome", "qualification", "issuer", "issued_on"}
    assert "holder" not in str(body) and "张伟" not in str(body)


def test_the_identity_number_verifies_instead_of_the_name(client, make_certificate):
    make_certificate()
    assert verify(client, number="CPA-2020-0001", identity_number="11010519491231002x")[
        "outcome"
    ] == ("valid")
    assert (
        verify(client, number="CPA-2020-0001", identity_number="110105194912310000")["outcome"]
        == "not_found"
    )


def test_a_wrong_name_answers_exactly_like_an_unknown_number(client, make_certificate):
    make_certificate()
    wrong_name = verify(client, number="CPA-2020-0001", holder_name="李娜")
    unknown = verify(client, number="CPA-9999-9999", holder_name="张伟")
    assert (
        wrong_name
        == unknown
        == {
            "outcome": "not_found",
            "qualification": None,
            "issuer": None,
            "issued_on": None,
        }
    )


def test_names_compare_without_spaces_or_width(client, make_certificate):
    make_certificate()
    assert verify(client, number=" CPA-2020-0001 ", holder_name="张 伟")["outcome"] == "valid"


def test_neither_name_nor_identity_number_is_a_400(client, db):
    response = client.post(URL, {"number": "X"}, content_type="application/json")
    assert response.status_code == 400
    assert "holder_name" in response.content.decode()


def test_the_page_shows_the_status_after_a_post(client, make_certificate):
    make_certificate(status="revoked")
    response = client.post("/verify/", {"number": "CPA-2020-0001", "holder_name": "张伟"})
    page = response.content.decode()
    assert 'data-outcome="revoked"' in page
    assert "中国注册会计师协会" in page


def test_the_page_says_no_such_certificate_for_a_wrong_name(client, make_certificate):
    make_certificate()

    def result(number: str, name: str) -> str:
        page = client.post("/verify/", {"number": number, "holder_name": name}).content.decode()
        return page.split('<section class="verify-result"')[1].split("</section>")[0]

    wrong_name = result("CPA-2020-0001", "李娜")
    assert 'data-outcome="not_found"' in wrong_name
    # The loaded issuers are listed whatever was asked: nothing tells this number exists.
    assert wrong_name == result("CPA-9999-9999", "张伟")
    assert "2020-05-01" not in wrong_name


def test_the_page_asks_for_a_name_or_identity_number(client, db):
    response = client.post("/verify/", {"number": "CPA-2020-0001"})
    assert response.status_code == 200
    assert "请填写持证人姓名或身份证件号码" in response.content.decode()


@override_settings(CERTIFICATE_VERIFY_RATE="5/h")
def test_verification_is_rate_limited_so_numbers_cannot_be_enumerated(client, make_certificate):
    make_certificate()
    codes = [
        client.post(
            URL, {"number": f"CPA-2020-{i:04d}", "holder_name": "张伟"}, "application/json"
        ).status_code
        for i in range(7)
    ]
    assert codes == [200] * 5 + [429, 429]
    page = client.post("/verify/", {"number": "CPA-2020-0001", "holder_name": "张伟"})
    assert page.status_code == 429


@override_settings(CERTIFICATE_VERIFY_RATE="5/h")
def test_the_limit_is_per_client_address(client, make_certificate):
    make_certificate()
    for _ in range(5):
        client.post(URL, {"number": "X", "holder_name": "Y"}, "application/json")
    other = client.post(
        URL, {"number": "X", "holder_name": "Y"}, "application/json", REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 200


def test_a_signed_link_opens_the_same_answer_without_typing(client, make_certificate):
    certificate = make_certificate(status="expired")
    token = verification_token(certificate)
    page = client.get(f"/verify/{token}/").content.decode()
    assert 'data-outcome="expired"' in page
    assert "中国注册会计师协会" in page
    api = client.get(f"{URL}{token}/").json()
    assert api == verify(client, number="CPA-2020-0001", holder_name="张伟")


def test_a_signed_link_follows_the_current_status(client, make_certificate):
    certificate = make_certificate()
    token = verification_token(certificate)
    certificate.status = "revoked"
    certificate.save()
    assert client.get(f"{URL}{token}/").json()["outcome"] == "revoked"


def test_a_forged_or_altered_link_is_a_404(client, make_certificate):
    certificate = make_certificate()
    forged = signing.dumps(certificate.pk, salt="another-salt")
    assert client.get(f"/verify/{forged}/").status_code == 404
    assert client.get(f"{URL}{forged}/").status_code == 404
    altered = verification_token(certificate)[:-2] + "xx"
    assert client.get(f"/verify/{altered}/").status_code == 404


def test_a_link_is_not_the_bare_certificate_id(make_certificate):
    token = verification_token(make_certificate())
    assert ":" in token and len(token) > 20


def test_a_verification_takes_one_query(client, make_certificate, django_assert_num_queries):
    make_certificate()
    with django_assert_num_queries(1):
        verify(client, number="CPA-2020-0001", holder_name="张伟")


@override_settings(CERTIFICATE_VERIFY_NUMBER_RATE="3/h")
def test_names_for_one_number_cannot_be_guessed_from_many_addresses(client, make_certificate):
    make_certificate()
    codes = [
        client.post(
            URL,
            {"number": "CPA-2020-0001", "holder_name": name},
            "application/json",
            REMOTE_ADDR=f"10.0.0.{i}",
        ).status_code
        for i, name in enumerate(["李娜", "王芳", "刘洋", "张伟"])
    ]
    assert codes == [200, 200, 200, 429]
    page = client.post(
        "/verify/", {"number": "CPA-2020-0001", "holder_name": "张伟"}, REMOTE_ADDR="10.0.1.1"
    )
    assert page.status_code == 429
    other = verify(client, number="CPA-2020-0002", holder_name="张伟")
    assert other["outcome"] == "not_found"
