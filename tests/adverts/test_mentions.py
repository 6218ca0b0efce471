"""Where an advert names a certificate (adverts.spans.find_mentions)."""

import pytest

from adverts.spans import find_mentions
from catalogue.text import fold_keeping_offsets as fold

pytestmark = pytest.mark.usefixtures("catalogue")


def _names(text: str) -> list[str]:
    return [m.name for m in find_mentions(text, fold(text))]


@pytest.mark.parametrize(
    "text, names",
    [
        ("要求持有电工证、焊工证。", ["电工证", "焊工证"]),
        ("须持有二级建造师证书", ["二级建造师证书"]),
        ("具有注册会计师资格，熟悉税务", ["注册会计师资格"]),
        ("持有高级育婴师证书者优先", ["高级育婴师证书"]),
        ("颁发全国高级茶艺师职业资格证书", ["全国高级茶艺师职业资格证书"]),
        ("取得教師資格證", ["教師資格證"]),
        ("取得特种作业操作证（低压电工作业）", ["特种作业操作证（低压电工作业）"]),
        ("人力资源管理师二级", ["人力资源管理师二级"]),
    ],
)
def test_certificates_are_found_with_the_words_the_advert_uses(text, names):
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "请携带身份证、毕业证和学位证原件。",
        "持C1驾驶证，有健康证。",
        "提供营业执照复印件和相关证明。",
        "具有相应资格，报名资格审查在5月。",
        "考证培训，拿证快。",
    ],
)
def test_documents_that_are_not_qualifications_are_not_mentions(text):
    assert _names(text) == []


def test_spans_are_those_of_the_text_as_pasted_even_in_full_width_and_traditional():
    text = "ＡＢ公司：須持有會計專業技術資格（中級）。"
    (mention,) = find_mentions(text, fold(text))
    assert text[mention.start : mention.end] == mention.name == "會計專業技術資格（中級）"


def test_names_that_left_the_catalogue_are_mentions_as_written():
    # 心理咨询师 and 公共营养师 left the catalogue (exits.csv): the certificate check knows
    # them, so the advert check lists them even without a certificate word.
    assert _names("开设课程：心理咨询师、公共营养师，名额有限。") == ["心理咨询师", "公共营养师"]


def test_a_cancelled_name_alone_teaches_its_certificate_sells():
    from adverts.checking import advert_check

    def codes(text: str) -> list[str]:
        return [f.code for f in advert_check(text=text, advert_type="training").findings]

    assert "cancelled_qualification_offered" not in codes("心理咨询师培训招生，周末上课。")
    assert "cancelled_qualification_offered" in codes("心理咨询师证书培训招生，周末上课。")
