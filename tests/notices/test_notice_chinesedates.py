from datetime import date

import pytest

from notices import chinesedates


@pytest.mark.parametrize(
    "written",
    [
        "2017年12月19日",
        "２０１７年１２月１９日",
        "2017 年 12 月 19 日",
        "二〇一七年十二月十九日",
        "二○一七年十二月十九日",
        "二零一七年十二月十九日",
    ],
)
def test_every_way_of_writing_the_date_reads_the_same(written):
    assert chinesedates.parse(written) == date(2017, 12, 19)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("二〇一七年九月十二日", date(2017, 9, 12)),
        ("二〇一七年十月十日", date(2017, 10, 10)),
        ("二〇二一年十一月三十日", date(2021, 11, 30)),
        ("2017年9月2日", date(2017, 9, 2)),
    ],
)
def test_chinese_numerals_for_month_and_day(written, expected):
    assert chinesedates.parse(written) == expected


@pytest.mark.parametrize(
    "written", ["2017年13月1日", "2017年2月30日", "十二月十九日", "2017-12-19x"]
)
def test_an_impossible_or_partial_date_is_none(written):
    assert chinesedates.parse(written) is None


def test_a_date_in_running_text_is_found():
    assert chinesedates.find("人力资源社会保障部于2017年9月12日印发") == date(2017, 9, 12)
