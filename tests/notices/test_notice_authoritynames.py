import pytest

from notices import authoritynames


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("人力资源社会保障部", "national"),
        ("中华人民共和国人力资源和社会保障部", "national"),
        ("福建省人力资源和社会保障厅", "provincial"),
        ("广西壮族自治区人力资源和社会保障厅", "provincial"),
        ("北京市人力资源和社会保障局", "provincial"),
        ("福州市人力资源和社会保障局", "municipal"),
        ("江苏省苏州市人力资源和社会保障局", "municipal"),
        ("湘西土家族苗族自治州人力资源和社会保障局", "municipal"),
        ("闽侯县人力资源和社会保障局", "county"),
        ("福州市鼓楼区人力资源和社会保障局", "county"),
        ("北京市海淀区人力资源和社会保障局", "county"),
    ],
)
def test_the_level_is_read_from_the_name(name, level):
    assert authoritynames.level_of(name) == level


def test_only_a_provincial_name_gives_its_division_code():
    assert authoritynames.province_code("江苏省人力资源和社会保障厅") == "320000"
    assert authoritynames.province_code("重庆市人力资源和社会保障局") == "500000"
    assert authoritynames.province_code("江苏省苏州市人力资源和社会保障局") == ""


def test_names_with_and_without_he_compare_equal():
    assert authoritynames.name_key("人力资源和社会保障部") == authoritynames.name_key(
        "人力资源社会保障部"
    )


def test_all_thirty_one_provincial_divisions_are_known():
    assert len(authoritynames.PROVINCES) == 31
    assert len(set(authoritynames.PROVINCES.values())) == 31
