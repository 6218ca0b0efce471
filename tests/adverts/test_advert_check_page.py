"""The /advert-check/ page: works without JavaScript, in Chinese and English, with files."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

pytestmark = pytest.mark.usefixtures("catalogue")

TRAINING = "茶艺师培训，包过！学完颁发《中国茶艺师职业资格证书》，由中华茶文化促进会颁发。"


def _post(client, **data):
    return client.post("/advert-check/", {"advert_type": "", **data})


def test_the_page_offers_the_form_and_is_linked_from_home_and_the_certificate_check(client):
    page = client.get("/advert-check/").content.decode()
    assert 'name="text"' in page and 'name="advert_type"' in page and 'type="file"' in page
    assert 'href="/advert-check/"' in client.get("/").content.decode()
    assert 'href="/advert-check/"' in client.get("/check/").content.decode()


def test_findings_are_marked_in_the_text_and_listed_with_their_sentence(client):
    page = _post(client, text=TRAINING).content.decode()
    assert '<a href="#finding-1">包过</a>' in page
    assert re.search(
        r'id="finding-\d" class="finding" data-code="forbidden_words_on_certificate"', page
    )
    # 茶艺师 left the catalogue in 2020: no 职业资格证书 has been issued for it since.
    assert 'data-code="exited_qualification_certificate_offered"' in page
    assert "<blockquote><p>学完颁发《中国茶艺师职业资格证书》" in page
    assert "人社部发〔2017〕68号" in page
    assert "/report/?type=forbidden_wording&amp;organisation=" in page


def test_an_advert_with_nothing_wrong_says_so_without_vouching_for_it(client):
    text = "会计专业技术资格考前辅导班，讲解教材和历年真题。"
    page = _post(client, text=text).content.decode()
    assert 'data-findings="0"' in page
    assert "这不等于广告真实可信" in page


def test_the_page_is_in_english_when_english_is_chosen(client):
    client.cookies["django_language"] = "en"
    page = _post(client, text=TRAINING).content.decode()
    assert "Is this advert lawful?" in page
    assert "Certificate selling" in page
    assert "“Pass guaranteed”" in page
    assert "这则广告合规吗" not in page


@pytest.mark.parametrize(
    "text, message",
    [("", "请粘贴广告的文字。"), ("x" * 20_001, "广告太长"), ("a\x00b", "空字符")],
)
def test_bad_text_is_a_form_error(client, text, message):
    response = _post(client, text=text)
    assert response.status_code == 400
    assert message in response.content.decode()


def _docx(text: str) -> bytes:
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content",
    [
        ("advert.txt", "零基础包拿证，报名从速。".encode()),
        ("advert-gbk.txt", "零基础包拿证，报名从速。".encode("gb18030")),
        ("advert.docx", _docx("零基础包拿证，报名从速。")),
    ],
)
def test_an_uploaded_file_is_read(client, name, content):
    page = _post(client, file=SimpleUploadedFile(name, content)).content.decode()
    assert 'data-code="no_background_certificate"' in page


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("advert.exe", b"MZ\x90\x00", "只能上传"),
        ("advert.docx", b"not a zip", "无法读取这个 Word 文件"),
        ("advert.pdf", b"%PDF-1.4 broken", "PDF"),
    ],
)
def test_an_unreadable_file_is_a_form_error(client, name, content, message):
    response = _post(client, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()


@override_settings(CERTIFICATE_CHECK_RATE="1/h")
def test_the_page_is_rate_limited_per_client(client):
    assert _post(client, text="包过").status_code == 200
    assert _post(client, text="包过").status_code == 429
