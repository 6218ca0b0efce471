import pytest

from notices import docnumbers
from notices.docnumbers import DocNumber, InvalidDocNumber

MINISTRY = DocNumber("人社部发", 2017, 68)


@pytest.mark.parametrize(
    "typed",
    [
        "人社部发〔2017〕68号",
        "人社部发[2017]68号",
        "人社部发［2017］68号",
        "人社部发（2017）68号",
        "人社部发(2017)68号",
        "人社部发【2017】68号",
        "人社部发〔２０１７〕６８号",
        "人社部发 〔2017〕 68 号",
        "人社部发〔2017〕第68号",
        "人社部发〔2017〕068号",
        "  人社部发[2017]68  ",
    ],
)
def test_every_bracket_form_parses_to_the_same_number(typed):
    assert docnumbers.parse(typed) == MINISTRY


def test_the_canonical_form_uses_tortoise_shell_brackets():
    assert docnumbers.canonical("闽人社文[2017]320号") == "闽人社文〔2017〕320号"


@pytest.mark.parametrize(
    ("typed", "prefix", "year", "serial"),
    [
        ("闽人社文〔2017〕320号", "闽人社文", 2017, 320),
        ("榕人社培〔2017〕139号", "榕人社培", 2017, 139),
        ("苏人社发〔2017〕400号", "苏人社发", 2017, 400),
        ("国发〔2013〕39号", "国发", 2013, 39),
        ("人社厅发[2021]7号", "人社厅发", 2021, 7),
    ],
)
def test_a_number_splits_into_prefix_year_and_serial(typed, prefix, year, serial):
    assert docnumbers.parse(typed) == DocNumber(prefix, year, serial)


@pytest.mark.parametrize(
    "typed", ["", "68号", "人社部发2017年68号", "人社部发〔17〕68号", "人社部发〔2017〕号", "通知"]
)
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(InvalidDocNumber):
        docnumbers.parse(typed)


def test_numbers_cited_in_a_sentence_are_found_in_order():
    text = "印发《关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）和（国发［2013］39号）"
    found = [n.canonical for n in docnumbers.find_all(text)]
    assert found[-1] == "国发〔2013〕39号"
    assert found[0].endswith("人社部发〔2017〕68号")


def test_a_number_line_holds_nothing_but_the_number():
    assert docnumbers.is_number_line("　　闽人社文〔2017〕320号 ")
    assert not docnumbers.is_number_line("（人社部发〔2017〕68号）")
    assert not docnumbers.is_number_line("现将人社部发〔2017〕68号转发给你们")


def test_a_fragment_is_folded_for_searching():
    assert docnumbers.search_form("[2017]６８") == "〔2017〕68"
