"""Every rule of the certificate-name matcher, with real certificate names (no database)."""

import pytest

from certificates.matching import IndexedName, NameIndex, Source, core, query_keys

LISTED = [
    "注册会计师",
    "建造师",
    "注册建筑师",
    "教师资格",
    "导游资格",
    "护士执业资格",
    "中国委托公证人资格（香港、澳门）",
    "船员资格（含船员、渔业船员）",
    "勘察设计注册工程师",
    "经济专业技术资格",
    "会计专业技术资格",
    "演出经纪人员资格",
    "新闻记者职业资格",
    "计算机技术与软件专业技术资格",
    "税务师",
    "专利代理师",
    "注册消防工程师",
    "医生资格",
]
SUB_ITEMS = {"注册结构工程师": "勘察设计注册工程师", "医师": "医生资格"}
RETIRED = ["咖啡师", "注册税务师", "出入境检疫处理人员资格"]


@pytest.fixture(scope="module")
def ids() -> dict[str, int]:
    names = LISTED + list(SUB_ITEMS) + RETIRED
    return {name: pk for pk, name in enumerate(names, start=1)}


@pytest.fixture(scope="module")
def index(ids) -> NameIndex:
    rows = [IndexedName(ids[n], n, Source.NAME) for n in LISTED]
    rows += [IndexedName(ids[n], n, Source.SUB_ITEM) for n in SUB_ITEMS]
    rows += [IndexedName(ids[n], n, Source.NAME, listed=False) for n in RETIRED]
    rows.append(IndexedName(ids["专利代理师"], "专利代理人", Source.ALIAS))
    return NameIndex(rows)


def matched(index: NameIndex, ids: dict[str, int], typed: str) -> str | None:
    found = index.match(typed)
    names = {pk: name for name, pk in ids.items()}
    return names.get(found.qualification_id)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("注册会计师", "注册会计师"),
        ("税务师", "税务师"),
        ("中国委托公证人资格（香港、澳门）", "中国委托公证人资格（香港、澳门）"),
    ],
)
def test_an_official_name_matches_itself(index, ids, typed, expected):
    assert matched(index, ids, typed) == expected
    assert index.match(typed).method == "name"


def test_traditional_characters_are_folded_to_simplified(index, ids):
    assert matched(index, ids, "註冊會計師") == "注册会计师"
    assert matched(index, ids, "導遊證") == "导游资格"


def test_full_width_letters_digits_and_spaces_are_folded(index, ids):
    assert matched(index, ids, "注 册 会 计 师") == "注册会计师"
    assert matched(index, ids, "１级建造师") == "建造师"


def test_punctuation_and_brackets_are_ignored(index, ids):
    assert matched(index, ids, "“注册会计师”") == "注册会计师"
    assert matched(index, ids, "船员资格") == "船员资格（含船员、渔业船员）"
    assert matched(index, ids, "注册消防工程师（一级）") == "注册消防工程师"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("注册会计师证书", "注册会计师"),
        ("教师资格证", "教师资格"),
        ("护士执业证书", "护士执业资格"),
        ("新闻记者证", "新闻记者职业资格"),
        ("计算机技术与软件专业技术资格证书", "计算机技术与软件专业技术资格"),
        ("经济专业技术资格合格证", "经济专业技术资格"),
    ],
)
def test_certificate_words_around_the_name_are_dropped(index, ids, typed, expected):
    assert matched(index, ids, typed) == expected
    assert index.match(typed).method == "extra_words"


@pytest.mark.parametrize(
    "typed",
    ["一级建造师", "二级建造师", "建造师（二级）", "二级建造师执业资格证书", "高级建造师"],
)
def test_levels_before_or_after_the_name_are_dropped(index, ids, typed):
    assert matched(index, ids, typed) == "建造师"


def test_a_sub_item_name_matches_the_sub_item(index, ids):
    assert matched(index, ids, "注册结构工程师") == "注册结构工程师"
    assert index.match("注册结构工程师").method == "sub_item"
    assert matched(index, ids, "一级注册结构工程师证书") == "注册结构工程师"
    assert matched(index, ids, "执业医师资格证") == "医师"


def test_an_alias_matches_its_qualification(index, ids):
    assert matched(index, ids, "专利代理人") == "专利代理师"
    assert index.match("专利代理人").method == "alias"


def test_a_national_prefix_printed_on_official_certificates_is_dropped(index, ids):
    assert matched(index, ids, "中国注册会计师") == "注册会计师"
    assert matched(index, ids, "中华人民共和国注册建筑师") == "注册建筑师"
    assert index.match("中国注册会计师").method == "national_prefix"


def test_a_leading_zhuce_people_add_is_dropped(index, ids):
    assert matched(index, ids, "注册建造师") == "建造师"


def test_the_official_name_wins_over_an_alias_or_a_stripped_form(index, ids):
    # 注册税务师 was cancelled in 2014; it is not the listed 税务师.
    assert matched(index, ids, "注册税务师") == "注册税务师"


def test_a_retired_qualification_is_still_found(index, ids):
    assert matched(index, ids, "咖啡师") == "咖啡师"
    assert matched(index, ids, "高级咖啡师证书") == "咖啡师"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("注册会记师", "注册会计师"),
        ("演出经纪人证", "演出经纪人员资格"),
        ("计算机技术与软件专业技木资格", "计算机技术与软件专业技术资格"),
    ],
)
def test_a_small_typo_is_forgiven(index, ids, typed, expected):
    assert matched(index, ids, typed) == expected
    assert index.match(typed).method in ("typo", "extra_words")


@pytest.mark.parametrize(
    "typed",
    ["国际注册心理咨询师", "茶艺师", "心理咨询师", "国家二级心理咨询师", "营养师", "ACCA"],
)
def test_names_outside_the_catalogue_are_not_matched(index, typed):
    assert not index.match(typed).certain


def test_a_short_name_one_character_off_is_not_guessed(index, ids):
    # 茶艺师 and 拍卖师-like names differ by one character in three: too close to call.
    assert index.match("税物师").qualification_id is None


def test_a_longer_name_containing_a_catalogue_name_is_not_matched(index):
    assert not index.match("国际注册会计师").certain


def test_zhongji_jingjishi_is_not_guessed_without_an_alias(index, ids):
    found = index.match("中级经济师")
    assert not found.certain
    assert ids["经济专业技术资格"] in [c.qualification_id for c in found.candidates]


def test_zhongji_jingjishi_matches_when_the_data_has_the_alias(ids):
    pk = ids["经济专业技术资格"]
    index = NameIndex(
        [IndexedName(pk, "经济专业技术资格", Source.NAME), IndexedName(pk, "经济师", Source.ALIAS)]
    )
    assert index.match("中级经济师").qualification_id == pk


def test_an_uncertain_name_offers_the_closest_candidates(index, ids):
    found = index.match("会计从业资格证")
    candidates = [c.qualification_id for c in found.candidates]
    assert found.qualification_id is None
    assert ids["会计专业技术资格"] in candidates


def test_a_name_shared_by_two_listed_qualifications_is_not_guessed():
    index = NameIndex(
        [IndexedName(1, "甲证书", Source.ALIAS), IndexedName(2, "甲证书", Source.ALIAS)]
    )
    found = index.match("甲证书")
    assert found.qualification_id is None
    assert {c.qualification_id for c in found.candidates} == {1, 2}


def test_a_listed_qualification_wins_over_a_retired_one_of_the_same_name():
    index = NameIndex(
        [
            IndexedName(1, "执业兽医", Source.SUB_ITEM, listed=False),
            IndexedName(2, "执业兽医", Source.NAME),
        ]
    )
    assert index.match("执业兽医").qualification_id == 2


def test_the_core_keeps_at_least_two_characters():
    assert core("资格证") == "资格"
    assert core("导游资格") == "导游"
    assert core("一级建造师执业资格证书") == "建造师"


def test_query_keys_go_from_most_to_least_certain():
    stages = [label for _, label in query_keys("中国注册会计师证书")]
    assert stages[0] == "name"
    assert stages.index("extra_words") < stages.index("national_prefix")


def test_operating_and_practice_certificate_words_are_dropped():
    index = NameIndex(
        [
            IndexedName(1, "特种作业人员", Source.NAME),
            IndexedName(2, "道路运输从业人员", Source.NAME),
            IndexedName(3, "认证人员职业资格", Source.NAME),
        ]
    )
    assert index.match("特种作业操作证").qualification_id == 1
    assert index.match("道路运输从业资格证").qualification_id == 2
    # Stripping never leaves a single character: 认证证书 is not 认.
    assert core("认证证书") == "认证"
    assert not index.match("认证证书").certain
