"""Bulk check of a large file on the page: a background job with progress, the same answers
as the synchronous check, downloads, and nothing kept once the job is deleted or expired."""

import csv
import io
import time

import pytest

from certificates import checkjobs
from certificates.checkjobs import BulkJob, bulk_check_job

pytestmark = pytest.mark.usefixtures("catalogue")

NAMES = [
    "一级建造师",
    "电工证",
    "茶艺师",
    "心理咨询师",
    "职业技能等级证书（电工）",
    "注册会计师证书",
]
LARGE = "证书名称,发证机构,发证日期\n" + "".join(
    f"{NAMES[i % len(NAMES)]},,{'2019-06-30' if i % 2 else ''}\n" for i in range(300)
)


def _upload(client, text: str, output="html"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("list.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post("/check/bulk/", {"file": upload, "output": output})


def _finished(client, url: str):
    for _ in range(200):
        page = client.get(url)
        if b'http-equiv="refresh"' not in page.content:
            return page
        time.sleep(0.05)
    raise AssertionError("the bulk check did not finish")


@pytest.fixture
def started(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # starts the job's thread
        response = _upload(client, LARGE)
    assert response.status_code == 302
    return response["Location"]


def test_a_large_file_is_checked_in_the_background_with_the_same_answers(client, started):
    assert started.startswith("/check/bulk/")
    page = _finished(client, started)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert page.content.decode().count("<tr data-line=") == 300
    download = client.get(started + "?output=csv").content.decode("utf-8-sig")
    answers = list(csv.reader(io.StringIO(download)))
    api = client.post("/api/v1/certificate-check/bulk/", {"file": _file(LARGE), "output": "csv"})
    expected = list(csv.reader(io.StringIO(api.content.decode("utf-8-sig"))))
    verdict = expected[0].index("结论 verdict")
    assert [r[verdict] for r in answers[1:301]] == [r[verdict] for r in expected[1:301]]
    assert {r[verdict] for r in answers[1:301]} >= {"access", "uncertain", "retired"}


def _file(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("list.csv", text.encode("utf-8"), content_type="text/csv")


def test_the_answers_download_as_xlsx_and_are_gone_once_deleted(client, started):
    _finished(client, started)
    xlsx = client.get(started + "?output=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.post(started).status_code == 302
    gone = client.get(started)
    assert gone.status_code == 404
    assert "已过期、已删除" in gone.content.decode()


def test_the_answers_expire(client, started):
    job_id = started.rstrip("/").rsplit("/", 1)[-1]
    _finished(client, started)
    from django.core.cache import cache

    cache.touch(checkjobs._key(job_id), 1)
    time.sleep(1.2)
    assert bulk_check_job(job_id) is None
    assert client.get(started).status_code == 404


def test_a_running_job_shows_its_progress_and_refreshes_itself(client):
    from django.core.cache import cache

    cache.set(checkjobs._key("job-in-progress"), BulkJob(id="job-in-progress", total=300, done=150))
    page = client.get("/check/bulk/job-in-progress/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "已完成 150 / 300 行" in page and '<progress max="300" value="150"' in page


def test_an_unknown_job_is_a_404_that_asks_for_the_file_again(client):
    page = client.get("/check/bulk/" + "x" * 200 + "/")
    assert page.status_code == 404 and 'type="file"' in page.content.decode()


def test_a_small_file_is_still_answered_at_once(client):
    page = _upload(client, "证书名称\n一级建造师\n电工证\n")
    assert page.status_code == 200 and page.content.decode().count("<tr data-line=") == 2


def test_a_bad_large_file_is_a_form_error_not_a_job(client):
    page = _upload(client, "发证机构\n" + "某协会\n" * 300)
    assert page.status_code == 400 and "缺少“证书名称”" in page.content.decode()
