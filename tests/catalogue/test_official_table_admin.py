"""The admin upload of an official table: preview first, commit on confirmation."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import Edition, EditionEntry, Qualification, TableChangeSet

URL = "/admin/catalogue/edition/official-table/"
TABLE = "序号,职业资格名称,实施部门（单位）,资格类别,设定依据,备注\n一、专业技术人员职业资格\n"


def _upload(client, content: bytes, name: str = "table.csv"):
    edition = Edition.objects.get(year=2021)
    return client.post(
        URL,
        {"edition": edition.pk, "document": "附件", "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def signed_in(client, catalogue, maintainer):
    client.force_login(maintainer)
    return client


def test_the_upload_shows_a_preview_and_changes_nothing(signed_in):
    data = (TABLE + "73,测试新增资格,人力资源社会保障部,水平评价类,,\n七十四,坏行,,,,\n").encode()
    page = _upload(signed_in, data).content.decode()
    assert "新增 1" in page and "测试新增资格" in page
    assert "序号“七十四”不是数字" in page
    assert not Qualification.objects.filter(name="测试新增资格").exists()


def test_a_submitted_table_changes_nothing_until_a_second_maintainer_publishes_it(
    signed_in, second_maintainer
):
    data = (TABLE + "73,测试新增资格,人力资源社会保障部,水平评价类,,\n").encode()
    page = _upload(signed_in, data).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page)[1]
    response = signed_in.post(URL, {"payload": payload, "commit": "1"})
    assert response.status_code == 302
    assert not EditionEntry.objects.filter(name="测试新增资格").exists()
    change_set = TableChangeSet.objects.get()
    review = f"/admin/catalogue/tablechangeset/{change_set.pk}/review/"
    own = signed_in.post(review, {"publish": "1", "attested": "on"}).content.decode()
    assert "须由提交人以外" in own and not EditionEntry.objects.filter(name="测试新增资格").exists()
    signed_in.force_login(second_maintainer)
    page = signed_in.get(review).content.decode()
    assert "测试新增资格" in page and "新增 1" in page
    assert signed_in.post(review, {"publish": "1", "attested": "on"}).status_code == 302
    entry = EditionEntry.objects.get(name="测试新增资格")
    assert entry.seq == 73 and entry.verified


def test_a_reviewer_sends_a_change_set_back_with_a_reason(signed_in, second_maintainer):
    data = (TABLE + "73,测试新增资格,人力资源社会保障部,水平评价类,,\n").encode()
    page = _upload(signed_in, data).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page)[1]
    signed_in.post(URL, {"payload": payload, "commit": "1"})
    change_set = TableChangeSet.objects.get()
    signed_in.force_login(second_maintainer)
    review = f"/admin/catalogue/tablechangeset/{change_set.pk}/review/"
    assert signed_in.post(review, {"return": "1", "return_reason": "文号不对"}).status_code == 302
    change_set.refresh_from_db()
    assert (change_set.status, change_set.return_reason) == ("returned", "文号不对")
    assert not Qualification.objects.filter(name="测试新增资格").exists()


def test_a_tampered_preview_is_refused(signed_in):
    response = signed_in.post(URL, {"payload": "forged:payload", "commit": "1"}, follow=True)
    assert "未能提交" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("table.txt", b"x", "只接受 .csv 或 .xlsx"),
        ("table.xlsx", b"not a zip", "不是有效的 XLSX"),
        ("table.csv", "名称\n注册会计师\n".encode(), "没有找到表头"),
        ("table.csv", b"x" * (2 * 1024 * 1024 + 1), "不得超过 2 MB"),
    ],
)
def test_bad_files_are_refused_with_a_clear_error(signed_in, name, content, error):
    response = _upload(signed_in, content, name)
    assert response.status_code == 200 and error in response.content.decode()


def test_an_enforcement_officer_cannot_upload(client, catalogue, fujian_officer):
    client.force_login(fujian_officer)
    assert client.get(URL).status_code == 403
