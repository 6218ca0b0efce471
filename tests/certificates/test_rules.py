"""Rule 6 of 人社部发〔2017〕68号: the words a non-national certificate must not carry."""

from urllib.parse import parse_qs, urlsplit

import pytest

from certificates.rules import (
    RULE_6_DOCUMENT,
    RULE_6_TEXT,
    rule_6_forbidden_wording,
    rule_6_report_url,
    rule_6_words_found,
)


@pytest.mark.parametrize(
    "text, words",
    [
        ("中华人民共和国茶艺师证书", ["中华人民共和国"]),
        ("中华茶艺协会", ["中华"]),
        ("中国心理卫生协会", ["中国"]),
        ("国家二级心理咨询师", ["国家"]),
        ("全国计算机等级证书", ["全国"]),
        ("茶艺师职业资格证书", ["职业资格"]),
        ("检测人员资格证", ["人员资格"]),
        ("茶艺师", []),
    ],
)
def test_each_forbidden_word_is_found(text, words):
    assert rule_6_words_found(text) == words


def test_traditional_and_spaced_forms_are_found():
    assert rule_6_words_found("中華人民共和國") == ["中华人民共和国"]
    assert rule_6_words_found("國 家") == ["国家"]


def test_name_and_issuer_are_checked_separately():
    wording = rule_6_forbidden_wording(name="高级茶艺师", issuer="全国茶业协会")
    assert wording.in_name == []
    assert wording.in_issuer == ["全国"]
    assert wording.found


def test_the_report_link_is_prefilled_for_the_enforcement_form():
    url = rule_6_report_url(name="全国茶艺师证书", issuer="某协会")
    parts = urlsplit(url)
    assert parts.path == "/report/"
    assert parse_qs(parts.query) == {
        "type": ["forbidden_wording"],
        "organisation": ["某协会"],
        "qualification_name": ["全国茶艺师证书"],
    }


def test_the_rule_quotes_the_notice():
    assert RULE_6_DOCUMENT == "人社部发〔2017〕68号"
    assert "证书不得使用“中华人民共和国”" in RULE_6_TEXT
