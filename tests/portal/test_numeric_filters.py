"""Every numeric filter is bounded: out of range is a 400, never a 500."""

from datetime import date

import pytest

from notices.models import Notice, NoticeStatus
from notices.services import doc_number_apply
from portal.filters import YEAR_MAX, YEAR_MIN

OUT_OF_RANGE = ["0", "-1", str(YEAR_MIN - 1), str(YEAR_MAX + 1), "10000", "9" * 20, "2017.5"]


@pytest.fixture
def notice(ministry):
    notice = Notice(
        issuer=ministry,
        status=NoticeStatus.PUBLISHED,
        title="人力资源社会保障部关于公布国家职业资格目录的通知",
        issued_on=date(2017, 9, 12),
    )
    doc_number_apply(notice, "人社部发〔2017〕68号")
    notice.save()
    return notice


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize(
    "url", ["/api/v1/notices/", "/notices/", "/statistics/", "/api/v1/reports/statistics/"]
)
def test_an_out_of_range_year_is_refused(client, db, url, value):
    assert client.get(url, {"year": value}).status_code == 400


@pytest.mark.parametrize("action", ["chain", "tree", "coverage"])
def test_the_year_of_a_notice_action_is_bounded(client, notice, action):
    url = f"/api/v1/notices/{notice.pk}/{action}/"
    assert client.get(url, {"year": "9" * 20}).status_code == 400
    assert client.get(url, {"year": "2017"}).status_code == 200


def test_a_huge_forwarded_notice_number_is_refused(client, db):
    assert client.get("/api/v1/notices/", {"forwards_of": "9" * 20}).status_code == 400


def test_a_year_in_range_still_filters(client, notice):
    assert client.get("/api/v1/notices/", {"year": "2017"}).json()["count"] == 1
    assert client.get("/api/v1/notices/", {"year": "2018"}).json()["count"] == 0
    assert client.get("/statistics/", {"year": "2017"}).status_code == 200
