"""certificate_kind=occupation: a recognised occupation that is not a qualification, only on a
certain match with data/occupations.csv, with its source."""

import csv
from pathlib import Path

import pytest
from conftest import check

from certificates.occupations import OCCUPATIONS_CSV, occupation_index, read_occupations

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize(
    "name", ["碳排放管理师", "碳排放管理师证书", "碳排放管理员", "碳排放管理员证"]
)
def test_a_listed_occupation_is_not_national_with_its_source(client, name):
    body = check(client, name)
    assert (body["certificate_kind"], body["verdict"]) == ("occupation", "not_national")
    assert body["licenses_work"] is False and body["qualification"] is None
    assert "https://smile-w-hc.com/news/56115" in body["rests_on"]["document"]
    assert body["rests_on"]["verification"] == "secondary"
    assert "新职业“碳排放管理员”" in body["reason"] and "不是国家职业资格" in body["reason"]
    assert "二手资料" in body["reason"]


@pytest.mark.parametrize("name", ["碳排放", "碳排放管理", "碳排放核查员"])
def test_a_name_only_like_an_occupation_is_not_answered_as_one(client, name):
    assert check(client, name)["certificate_kind"] != "occupation"


def test_a_skill_level_certificate_of_the_occupation_stays_a_skill_level_certificate(client):
    body = check(client, "职业技能等级证书（碳排放管理员）")
    assert body["certificate_kind"] == "skill_level_certificate"


def test_the_page_shows_the_source_of_an_occupation(client):
    page = client.get("/check/", {"name": "碳排放管理师"}).content.decode()
    assert "来源" in page and "https://smile-w-hc.com/news/56115" in page


def test_every_listed_occupation_has_a_source_and_a_verification_level():
    with OCCUPATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["source"].startswith("http") and row["verification"] == "secondary"


def test_an_absent_file_lists_no_occupation(tmp_path: Path):
    assert occupation_index(read_occupations(tmp_path / "none.csv")) == {}
