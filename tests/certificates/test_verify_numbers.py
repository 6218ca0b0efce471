"""A genuine number is found however it is typed; "not found" says what to do next."""

import pytest
from django.test import override_settings

from certificates.numbers import certificate_number_normalise


@pytest.mark.parametrize(
    "typed",
    ["CPA-2020-000123", "cpa-2020-000123", "cpa2020000123", " ＣＰＡ－２０２０－０００１２３ "],
)
def test_every_spelling_of_a_number_normalises_alike(typed):
    assert certificate_number_normalise(typed) == "CPA2020000123"


@pytest.mark.parametrize("typed", ["cpa-2020-000123", "CPA 2020 000123", "cpa2020000123"])
def test_a_number_in_lower_case_or_without_hyphens_is_found(client, make_certificate, typed):
    make_certificate(number="CPA-2020-000123")  # stored as printed, found by its key
    page = client.post("/verify/", {"number": typed, "holder_name": "张伟"}).content.decode()
    assert 'data-outcome="valid"' in page
    api = client.post(
        "/api/v1/certificate-verifications/",
        {"number": typed, "holder_name": "张伟"},
        content_type="application/json",
    )
    assert api.json()["outcome"] == "valid"


def test_a_number_stored_as_typed_is_still_found_exactly(client, make_certificate):
    make_certificate(number="CPA-2020-0001")
    page = client.post("/verify/", {"number": "CPA-2020-0001", "holder_name": "张伟"})
    assert 'data-outcome="valid"' in page.content.decode()


def test_not_found_gives_next_steps_and_names_the_loaded_issuers(client, make_certificate):
    make_certificate()
    make_certificate(number="X-1", issuer="中国建设工程造价管理协会")
    page = client.post("/verify/", {"number": "NOPE-1", "holder_name": "张伟"}).content.decode()
    assert 'data-outcome="not_found"' in page
    issuers = page.split('class="issuers"')[1].split("</ul>")[0]
    assert "中国注册会计师协会" in issuers and "中国建设工程造价管理协会" in issuers
    assert 'href="/check/"' in page and 'href="/report/"' in page


def test_not_found_with_nothing_loaded_says_so(client, db):
    page = client.post("/verify/", {"number": "NOPE-1", "holder_name": "张伟"}).content.decode()
    assert "目前还没有任何发证机构的证书载入本平台" in page


@override_settings(CERTIFICATE_VERIFY_NUMBER_RATE="2/h", CERTIFICATE_VERIFY_RATE="100/m")
def test_spellings_of_one_number_share_its_rate_limit(client, make_certificate):
    make_certificate(number="CPA20200001")
    for typed in ("CPA-2020-0001", "cpa20200001"):
        assert client.post("/verify/", {"number": typed, "holder_name": "李娜"}).status_code == 200
    third = client.post("/verify/", {"number": "cpa-2020-0001", "holder_name": "王芳"})
    assert third.status_code == 429


def test_the_verify_page_is_in_the_navigation_under_its_one_name(client, db):
    home = client.get("/").content.decode()
    nav = home.split('<nav class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/verify/">证书真伪查验</a>' in nav
    page = client.get("/verify/").content.decode()
    assert "<h1>证书真伪查验</h1>" in page and "<title>证书真伪查验 ·" in page
    before_the_form = page.split("<main")[1].split('<form method="post"')[0]
    assert 'href="/privacy/"' in before_the_form


def test_the_answer_comes_first_and_names_itself_in_the_title(client, make_certificate):
    make_certificate()
    page = client.post("/verify/", {"number": "CPA-2020-0001", "holder_name": "张伟"})
    html = page.content.decode()
    assert "<title>证书真实有效 · 证书真伪查验" in html
    assert html.index('id="result"') < html.index('<form method="post" action="/verify/#result"')
    missing = client.post("/verify/", {"number": "X", "holder_name": "张伟"}).content.decode()
    assert "<title>查无此证书 · 证书真伪查验" in missing
