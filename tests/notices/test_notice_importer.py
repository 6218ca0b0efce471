"""The text reader alone (no database): segmentation, fields, citations, errors."""

from datetime import date

import pytest
from notice_variants import (
    BROKEN_LINES,
    CITING,
    COUNTY,
    PAGE_WITH_TITLE,
    PROVINCE,
    WEB_PAGE,
    ZHEJIANG_TITLE,
)

from notices.importer import UnreadableText, parse_chain, parse_document


def test_the_seed_reads_as_three_notices_outermost_first(seed_text):
    chain = parse_chain(seed_text)
    assert [n.doc_number for n in chain] == [
        "榕人社培〔2017〕139号",
        "闽人社文〔2017〕320号",
        "人社部发〔2017〕68号",
    ]


def test_a_title_broken_across_lines_is_joined(seed_text):
    city, province, _origin = parse_chain(seed_text)
    assert (
        city.title
        == "福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )
    assert province.title.endswith("转发人力资源社会保障部关于公布国家职业资格目录的通知")


def test_an_unsigned_forwarded_notice_takes_its_issuer_from_its_title_and_date_from_the_citation(
    seed_text,
):
    origin = parse_chain(seed_text)[-1]
    assert origin.issuer == "人力资源社会保障部"
    assert origin.issued_on == date(2017, 9, 12)


def test_a_province_forwarding_with_red_head_chinese_date_and_attachments():
    province, origin = parse_chain(PROVINCE)
    assert province.doc_number == "苏人社发〔2017〕400号"
    assert province.title == (
        "江苏省人力资源和社会保障厅关于转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )
    assert province.recipients == "各设区市人力资源和社会保障局，省各有关部门、单位"
    assert province.issuer == "江苏省人力资源和社会保障厅"
    assert province.issued_on == date(2017, 10, 10)
    assert province.disclosure == "on-request"
    assert province.attachments == ["人力资源社会保障部关于公布国家职业资格目录的通知"]
    assert province.contacts.startswith("联系人：省厅职业能力建设处")
    assert province.opinions.splitlines()[0].startswith("一、严格执行")
    assert origin.doc_number == "人社部发〔2017〕68号"
    assert origin.issued_on == date(2017, 9, 12)
    assert origin.attachments == ["国家职业资格目录"]


def test_a_forwarded_notice_printed_without_a_number_is_still_a_link():
    county, city = parse_chain(COUNTY)
    assert county.doc_number == "侯人社〔2018〕5号"
    assert county.issuer == "闽侯县人力资源和社会保障局"
    assert county.issued_on == date(2018, 1, 8)
    assert county.disclosure == "public"
    assert county.recipients == "各乡（镇）人民政府、街道办事处，县直各部门"
    assert city.issuer == "福州市人力资源和社会保障局"
    assert city.issued_on == date(2017, 12, 19)
    # The county's text cites it by number, so the number is known.
    assert city.doc_number == "榕人社培〔2017〕139号"


def test_documents_only_cited_are_not_links_of_the_chain():
    (notice,) = parse_chain(CITING)
    assert notice.doc_number == "厦人社〔2017〕200号"
    assert notice.issuer == "厦门市人力资源和社会保障局"
    assert notice.attachments == [
        "人力资源社会保障部关于公布国家职业资格目录的通知（人社部发〔2017〕68号）",
        "国家职业资格目录",
    ]


def test_windows_line_ends_and_a_byte_order_mark_read_the_same(seed_text):
    crlf = "\ufeff" + seed_text.replace("\n", "\r\n")
    assert [n.title for n in parse_chain(crlf)] == [n.title for n in parse_chain(seed_text)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("这不是一份通知。\n随便写的。\n", 1),
        ("\n\n第一行\n第二行\n第三行\n第四行\n第五行\n第六行\n", 3),
    ],
)
def test_a_text_with_nothing_usable_names_the_line_and_what_was_expected(text, line):
    with pytest.raises(UnreadableText) as raised:
        parse_chain(text)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"第{line}行：未读出文号或通知标题")
    assert f"line {line}: expected a document number" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "field", "zh"),
    [
        ("人社部发〔2017〕68号\n\n这是正文，不是标题。\n", "title", "未能读出标题"),
        ("关于公布国家职业资格目录的通知\n各单位：\n正文。\n", "issuer", "未能读出发文机关"),
    ],
)
def test_a_field_that_cannot_be_read_stays_empty_with_a_warning_in_chinese_and_english(
    text, field, zh
):
    report = parse_document(text)
    (notice,) = report.chain
    assert not getattr(notice, field)
    (warning,) = [w for w in report.warnings if w.zh == zh]
    assert str(warning).startswith(f"第1行：{zh}")
    assert "(line 1:" in str(warning).replace("（", "(")


def test_a_web_page_copy_with_metadata_joint_issuers_and_a_seal_note():
    province, origin = parse_chain(WEB_PAGE)
    assert province.doc_number == "粤人社函〔2017〕1000号"
    # Joint issuers (联合行文), the lead one first.
    assert province.issuer == "广东省人力资源和社会保障厅、广东省财政厅"
    assert province.recipients == "各地级以上市人力资源社会保障局、财政局"
    assert province.issued_on == date(2017, 10, 20)
    assert province.disclosure == "public"
    assert origin.doc_number == "人社部发〔2017〕68号"
    assert origin.issuer == "人力资源社会保障部"


def test_a_title_may_end_with_a_parenthetical():
    text = (
        "鲁人社规〔2018〕1号\n山东省人力资源和社会保障厅职业资格管理办法（试行）\n"
        "各市人力资源社会保障局：\n正文。\n山东省人力资源和社会保障厅\n2018年1月2日\n"
    )
    (notice,) = parse_chain(text)
    assert notice.title == "山东省人力资源和社会保障厅职业资格管理办法（试行）"
    assert notice.issuer == "山东省人力资源和社会保障厅"


def test_sentences_broken_across_lines_are_joined_into_paragraphs():
    city, origin = parse_chain(BROKEN_LINES)
    assert city.doc_number is None
    assert city.issuer == "三明市人力资源和社会保障局"
    assert city.title == "关于转发人力资源社会保障部关于公布国家职业资格目录的通知"
    assert city.issued_on == date(2017, 11, 30)
    assert city.body[0].endswith("（人社部发〔2017〕68号）转发给你们，请结合实际，认真贯彻执行。")
    assert city.opinions == "1.提高认识，做好目录实施的衔接工作。\n2.加强监管。"
    # The ministry's notice is printed without its number; the city's citation gives it.
    assert origin.doc_number == "人社部发〔2017〕68号"
    assert origin.attachments == ["国家职业资格目录"]


def test_a_page_title_above_the_document_is_not_a_notice_of_the_chain():
    province, origin = parse_chain(PAGE_WITH_TITLE)
    assert province.doc_number == "浙人社发〔2017〕123号"  # from the page's table
    assert province.title == ZHEJIANG_TITLE
    assert province.issuer == "浙江省人力资源和社会保障厅"
    assert province.issued_on == date(2017, 10, 27)
    assert province.recipients == "各市、县（市、区）人力资源和社会保障局，省级有关单位"
    assert origin.doc_number == "人社部发〔2017〕68号"


def test_a_cited_short_title_is_not_mistaken_for_a_forwarding_of_it():
    text = """榕人社〔2018〕3号

福州市人力资源和社会保障局转发福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知

各县（市）区人力资源和社会保障局：
　　人力资源社会保障部于2017年9月12日印发《关于公布国家职业资格目录的通知》（人社部发〔2017〕68号），现将省厅转发文件转发给你们。

福州市人力资源和社会保障局
2018年1月3日

福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知

各设区市人民政府：
　　现将该文件转发给你们。

福建省人力资源和社会保障厅
2017年11月17日
"""
    city, province = parse_chain(text)
    assert province.doc_number is None
    assert province.issued_on.isoformat() == "2017-11-17"
    assert city.doc_number == "榕人社〔2018〕3号"


def test_a_signer_line_under_the_number_is_not_part_of_the_title():
    text = (
        "闽人社文〔2017〕320号\n签发人：某某\n\n"
        "福建省人力资源和社会保障厅关于转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "各设区市人民政府：\n正文。\n福建省人力资源和社会保障厅\n2017年11月17日\n"
    )
    (notice,) = parse_chain(text)
    assert notice.title.startswith("福建省人力资源和社会保障厅关于转发")
    assert notice.recipients == "各设区市人民政府"


def test_a_number_printed_under_the_title_and_square_bracketed_disclosure():
    text = (
        "福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "榕人社培〔2017〕139号\n各县（市）区人民政府：\n正文。\n"
        "福州市人力资源和社会保障局\n2017年12月19日\n【此件主动公开】\n\n"
        "福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "闽人社文﹝2017﹞320号\n各设区市人民政府：\n正文。\n"
    )
    city, province = parse_chain(text)
    assert (city.doc_number, city.disclosure) == ("榕人社培〔2017〕139号", "public")
    assert province.doc_number == "闽人社文〔2017〕320号"
    assert province.recipients == "各设区市人民政府"


def test_an_unsigned_forwarded_notice_titled_without_its_issuer_gets_it_from_the_forwarder():
    text = (
        "闽人社文〔2017〕320号\n"
        "福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "各设区市人民政府：\n"
        "　　经国务院同意，人力资源社会保障部于2017年9月12日印发《关于公布国家职业资格目录的通知》"
        "（人社部发〔2017〕68号），现转发给你们。\n"
        "福建省人力资源和社会保障厅\n2017年11月17日\n\n"
        "人社部发〔2017〕68号\n关于公布国家职业资格目录的通知\n"
        "各省、自治区、直辖市人民政府：\n　　现予以公布。\n"
    )
    _province, origin = parse_chain(text)
    assert origin.issuer == "人力资源社会保障部"
    assert origin.issued_on == date(2017, 9, 12)


def test_the_forwarders_title_names_the_issuer_when_the_body_does_not():
    text = (
        "福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "各县（市）区人民政府：\n　　现转发给你们。\n福州市人力资源和社会保障局\n2017年12月19日\n\n"
        "人社部发〔2017〕68号\n关于公布国家职业资格目录的通知\n各省人民政府：\n　　现予以公布。\n"
    )
    _city, origin = parse_chain(text)
    assert origin.issuer == "人力资源社会保障部"
    assert origin.issued_on is None


def test_recipients_and_the_first_sentence_on_one_line_are_told_apart():
    text = (
        "榕人社培〔2017〕139号\n"
        "福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "各县（市）区人民政府、市直各部门、各直属机构：经市政府同意，现将文件转发给你们。\n"
        "福州市人力资源和社会保障局\n2017年12月19日\n"
    )
    (city,) = parse_chain(text)
    assert city.recipients == "各县（市）区人民政府、市直各部门、各直属机构"
    assert city.body == ["经市政府同意，现将文件转发给你们。"]
