"""/notices/import/: paste or upload, preview field by field, correct, save (Django client)."""

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notices.models import Notice

DOC = (
    "陕政办发〔1997〕41号\n各市、县(区)人民政府,省人民政府各工作部门、各直属机构:\n"
    "现将《国务院办公厅关于禁止非法买卖人民币的通知》(国办发明电〔1997〕28号)转发给你们,"
    "请认真遵照执行。\n"
)


def _preview(client, **data):
    return client.post("/notices/import/", {"preview": "1", **data})


def _chain_post(response, **changes) -> dict:
    """The preview's form as the browser would post it back, with `changes` typed in."""
    formset = response.context["formset"]
    data = {"source": response.context["source"], "save": "1"}
    data |= {f"chain-{k}": v for k, v in formset.management_form.initial.items()}
    for n, form in enumerate(formset.forms):
        for name in form.fields:
            value = form.initial.get(name)
            data[f"chain-{n}-{name}"] = "" if value is None else str(value)
    return data | changes


def test_only_holders_of_the_import_permission_open_the_page(client, fujian_officer):
    assert client.get("/notices/import/").status_code == 302  # to the login
    client.force_login(fujian_officer)
    assert client.get("/notices/import/").status_code == 403


def test_a_pasted_text_is_previewed_with_what_is_unknown_marked(client, fujian_publisher):
    client.force_login(fujian_publisher)
    response = _preview(client, text=DOC)
    assert response.status_code == 200
    (row,) = response.context["rows"]
    marked = {field.name for field, uncertain in row["fields"] if uncertain}
    assert marked == {"issuer", "title", "issued_on"}
    assert "待核对" in response.content.decode()
    assert not Notice.objects.exists()  # a preview writes nothing


def test_corrections_made_in_the_preview_are_what_is_saved(client, fujian_publisher):
    client.force_login(fujian_publisher)
    preview = _preview(client, text=DOC)
    data = _chain_post(
        preview,
        **{"chain-0-issuer": "陕西省人民政府办公厅", "chain-0-issued_on": "1997-07-04"},
    )
    response = client.post("/notices/import/", data)
    assert response.status_code == 302
    notice = Notice.objects.get(doc_number="陕政办发〔1997〕41号")
    assert notice.issuer.name == "陕西省人民政府办公厅"
    assert notice.issued_on.isoformat() == "1997-07-04"
    assert notice.forwards_doc_number == "国办发明电〔1997〕28号"


def test_a_corrected_number_that_does_not_parse_is_a_form_error(client, fujian_publisher):
    client.force_login(fujian_publisher)
    data = _chain_post(_preview(client, text=DOC), **{"chain-0-doc_number": "陕政办发1997-41"})
    response = client.post("/notices/import/", data)
    assert response.status_code == 400
    assert "文号格式应如" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_docx_upload_is_read(client, fujian_publisher):
    document = docx.Document()
    for line in DOC.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("doc.docx", buffer.getvalue())
    client.force_login(fujian_publisher)
    response = _preview(client, file=upload)
    assert response.status_code == 200
    assert response.context["rows"][0]["form"].initial["doc_number"] == "陕政办发〔1997〕41号"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", b"%PDF-1.4\n%broken", "不是有效的 PDF"),
        ("bomb.docx", b"PK\x03\x04not really a zip", "不是有效的 .docx"),
        ("image.png", b"\x89PNG\r\n", "只接受 .txt、.docx"),
        ("big.txt", b"a" * (5 * 1024 * 1024 + 1), "超过 5 MB"),
    ],
)
def test_an_unusable_upload_is_a_form_error_not_a_500(
    client, fujian_publisher, name, content, message
):
    client.force_login(fujian_publisher)
    response = _preview(client, file=SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_docx_that_unpacks_to_too_much_is_refused_unread(client, fujian_publisher):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (31 * 1024 * 1024))
    client.force_login(fujian_publisher)
    response = _preview(client, file=SimpleUploadedFile("bomb.docx", buffer.getvalue()))
    assert response.status_code == 400
    assert "解压后过大" in response.content.decode()


def test_a_text_with_nothing_usable_says_which_line(client, fujian_publisher):
    client.force_login(fujian_publisher)
    response = _preview(client, text="随便写的。\n")
    assert response.status_code == 400
    assert "line 1: expected" in response.content.decode()
