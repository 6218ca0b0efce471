"""The catalogue list reads like the official table: by category, kind and item number."""

import re

from catalogue.models import Category, Kind

from .factories import make_edition, make_entry, make_qualification

LEVEL, SKILLED = Kind.LEVEL_EVALUATION, Category.SKILLED


def _names(client, **params) -> list[str]:
    html = client.get("/catalogue/", params).content.decode()
    return re.findall(r'<a href="/catalogue/\d+/">([^<]+)</a>', html)


def _api_names(client, **params) -> list[str]:
    return [row["name"] for row in client.get("/api/v1/qualifications/", params).json()["results"]]


def _catalogue(db):
    e2021 = make_edition(2021, official_total=72, official_skilled_total=13)
    rows = [
        # name, category, kind, seq, department
        ("注册会计师", Category.PROFESSIONAL_TECHNICAL, Kind.ACCESS, 3, "财政部"),
        ("法律职业资格", Category.PROFESSIONAL_TECHNICAL, Kind.ACCESS, 1, "司法部"),
        ("精算师", Category.PROFESSIONAL_TECHNICAL, LEVEL, 30, "中国精算师协会"),
        ("焊工", SKILLED, Kind.ACCESS, 62, "应急管理部"),
        ("安全评价师", Category.PROFESSIONAL_TECHNICAL, LEVEL, 25, "应急管理部"),
    ]
    for name, category, kind, seq, department in rows:
        q = make_qualification(name, category=category, kind=kind, departments=(department,))
        make_entry(e2021, q, seq=seq)


def test_the_list_is_by_category_kind_and_item_number_by_default(client, db):
    _catalogue(db)
    expected = ["法律职业资格", "注册会计师", "安全评价师", "精算师", "焊工"]
    assert _names(client) == expected
    assert _api_names(client) == expected


def test_readers_may_sort_by_name_in_pinyin_order(client, db):
    _catalogue(db)
    # ān, fǎ, hàn, jīng, zhù
    assert _names(client, sort="name") == [
        "安全评价师",
        "法律职业资格",
        "焊工",
        "精算师",
        "注册会计师",
    ]


def test_readers_may_sort_by_department(client, db):
    _catalogue(db)
    names = _names(client, sort="department")
    # 财政部 (cái), 司法部 (sī), 应急管理部 (yīng), 中国精算师协会 (zhōng)
    assert names == ["注册会计师", "法律职业资格", "安全评价师", "焊工", "精算师"]


def test_an_unknown_sort_is_a_filter_error_not_a_500(client, db):
    _catalogue(db)
    response = client.get("/catalogue/", {"sort": "evil"})
    assert response.status_code == 200
    assert _names(client, sort="evil") == []
    assert client.get("/api/v1/qualifications/", {"sort": "evil"}).status_code == 400
