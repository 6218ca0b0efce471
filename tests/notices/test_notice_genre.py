"""The reader on each feature of the genre (GB/T 9704 公文), one small text each."""

from datetime import date

import pytest

from notices import authoritynames
from notices.importer import chain_as_json, parse_document


def _one(text):
    report = parse_document(text)
    (notice,) = report.chain
    return notice


@pytest.mark.parametrize("zero", ["○", "〇", "O", "零"])
def test_dates_in_chinese_numerals_with_every_zero(zero):
    text = (
        "关于做好培训工作的通知\n各市人社局：\n正文。\n某省人力资源和社会保障厅\n"
        f"二{zero}一七年十一月十七日\n"
    )
    assert _one(text).issued_on == date(2017, 11, 17)


def test_dates_in_the_body_are_not_the_notices_date():
    text = (
        "关于2019年部分节假日安排的通知\n各省人民政府：\n"
        "一、元旦：2018年12月30日至2019年1月1日放假调休。\n二、春节：2月4日至10日放假。\n"
        "国务院办公厅\n2018年12月4日\n"
    )
    assert _one(text).issued_on == date(2018, 12, 4)


def test_a_text_with_no_whitespace_at_all():
    text = (
        "闽教办基[2014]9号各市、县(区)教育局:为贯彻落实《教育部办公厅关于开展活动的通知》"
        "(教基一厅函[2014]13号)要求,现就有关事项通知如下:一、推荐学校。"
    )
    notice = _one(text)
    assert notice.doc_number == "闽教办基〔2014〕9号"
    assert notice.recipients == "各市、县(区)教育局"
    assert notice.references == ["《教育部办公厅关于开展活动的通知》（教基一厅函〔2014〕13号）"]


@pytest.mark.parametrize(
    "number",
    ["苏人社(L)[2009]144号", "苏人社（L）〔2009〕144号", "苏人社(L)（2009）144号"],
)
def test_a_number_with_an_inner_tag_in_any_brackets(number):
    text = (
        f"{number}\n关于做好培训工作的通知\n各市人社局：\n正文。\n"
        "江苏省人力资源和社会保障厅\n2009年5月1日\n"
    )
    assert _one(text).doc_number == "苏人社(L)〔2009〕144号"


def test_a_number_printed_in_brackets_after_the_title():
    text = (
        "中共某市委办公室印发《实施意见》的通知(某办发〔2017〕2号)\n"
        "各县委：\n现印发给你们。\n2017年1月10日\n"
    )
    notice = _one(text)
    assert (notice.doc_number, notice.title) == (
        "某办发〔2017〕2号",
        "中共某市委办公室印发《实施意见》的通知",
    )


def test_a_title_over_several_lines_printed_twice_is_read_once():
    text = (
        "山东省人民政府办公厅\n转发省人力资源社会保障厅等部门\n关于做好就业工作的意见的通知\n"
        "转发省人力资源社会保障厅等部门\n关于做好就业工作的意见的通知\n鲁政办发〔2010〕21号\n"
        "各市人民政府：\n正文。\n"
    )
    notice = parse_document(text).chain[0]
    assert (
        notice.title
        == "山东省人民政府办公厅转发省人力资源社会保障厅等部门关于做好就业工作的意见的通知"
    )
    assert notice.issuer == "山东省人民政府办公厅"


def test_citations_are_references_not_links_of_the_chain():
    text = (
        "厦人社〔2017〕200号\n关于做好目录实施工作的通知\n各区人社局：\n"
        "为贯彻落实《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号），"
        "根据《国务院关于严格控制新设行政许可的通知》（国发〔2013〕39号），现通知如下。\n"
        "厦门市人力资源和社会保障局\n2017年12月1日\n"
    )
    report = parse_document(text)
    (notice,) = report.chain
    assert notice.forwards_number is None
    assert len(notice.references) == 2
    assert chain_as_json(report.chain)[0]["forwards"] is None


def test_a_notice_that_issues_with_yinfa_forwards_nothing():
    text = (
        "国发〔2019〕4号\n国务院关于印发国家职业教育改革实施方案的通知\n各省人民政府：\n"
        "现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n国务院\n2019年1月24日\n\n"
        "国家职业教育改革实施方案\n\n职业教育与普通教育是两种不同教育类型。\n"
    )
    notice = _one(text)
    assert notice.forwards_title is None and notice.title.startswith("国务院关于印发")


def test_an_attachment_line_repeating_the_forwarded_title_is_no_third_link():
    text = (
        "苏人社发〔2017〕400号\n江苏省人力资源和社会保障厅关于转发人力资源社会保障部关于公布国家职业资格目录的通知\n"
        "各设区市人社局：\n现将《人力资源社会保障部关于公布国家职业资格目录的通知》（人社部发〔2017〕68号）转发给你们。\n"
        "附件：人力资源社会保障部关于公布国家职业资格目录的通知\n江苏省人力资源和社会保障厅\n2017年10月10日\n\n"
        "附件\n\n人社部发〔2017〕68号\n人力资源社会保障部关于公布国家职业资格目录的通知\n各省人民政府：\n现予以公布。\n"
    )
    chain = parse_document(text).chain
    assert [n.doc_number for n in chain] == ["苏人社发〔2017〕400号", "人社部发〔2017〕68号"]


@pytest.mark.parametrize("genre", ["办法", "意见", "函", "通报", "报告"])
def test_what_is_forwarded_need_not_be_a_notice(genre):
    text = (
        f"关于转发某某部关于加强管理的{genre}的通知\n各市人社局：\n"
        f"现将《某某部关于加强管理的{genre}》（某部发〔2018〕3号）转发给你们，请遵照执行。\n"
        "某省人力资源和社会保障厅\n2018年3月1日\n"
    )
    notice = _one(text)
    assert notice.forwards_number == "某部发〔2018〕3号"
    assert notice.forwards_title == f"某某部关于加强管理的{genre}"


@pytest.mark.parametrize(
    ("signature", "issuer"),
    [
        ("国务院办公厅", "国务院办公厅"),
        ("中共福州市委组织部", "中共福州市委组织部"),
        ("福州大学", "福州大学"),
        ("人力资源社会保障部　　财政部", "人力资源社会保障部、财政部"),
        ("全国职业资格工作联席会议办公室", "全国职业资格工作联席会议办公室"),
    ],
)
def test_any_issuer_signs_alone_or_jointly(signature, issuer):
    text = f"关于做好培训工作的通知\n各有关单位：\n正文。\n{signature}\n2018年3月1日\n"
    assert _one(text).issuer == issuer


@pytest.mark.parametrize(
    ("name", "number", "level"),
    [
        ("国务院办公厅", None, "national"),
        ("福州大学", None, None),
        ("全国职业资格工作联席会议办公室", None, "national"),
        ("陕西省人民政府办公厅", None, "provincial"),
        ("某办公室", "陕政办发〔1997〕41号", "provincial"),
        ("某办公室", "黑市政办字〔2008〕34号", None),
    ],
)
def test_the_level_is_recorded_only_where_the_name_or_the_number_shows_it(name, number, level):
    assert (authoritynames.level_of(name) or authoritynames.level_of_number(number)) == level


def test_a_field_the_text_does_not_say_stays_empty_with_a_warning_on_its_line():
    report = parse_document("\n\n陕政办发〔1997〕41号\n各市人民政府:\n现将文件转发给你们。\n")
    (notice,) = report.chain
    assert (notice.title, notice.issuer, notice.issued_on) == ("", None, None)
    assert {w.zh for w in report.warnings} >= {
        "未能读出标题",
        "未能读出发文机关",
        "未能读出成文日期",
    }
    assert all(w.line == 3 for w in report.warnings)


def test_a_copy_in_traditional_characters_reads_as_the_simplified_original():
    simplified = (
        "闽人社文〔2017〕320号\n福建省人力资源和社会保障厅转发人力资源社会保障部关于公布"
        "国家职业资格目录的通知\n各设区市人民政府：\n现将《人力资源社会保障部关于公布国家职业"
        "资格目录的通知》（人社部发〔2017〕68号）转发给你们，请遵照执行。\n"
        "福建省人力资源和社会保障厅\n2017年11月17日\n"
    )
    traditional = (
        "閩人社文〔2017〕320號\n福建省人力資源和社會保障廳轉發人力資源社會保障部關於公佈"
        "國家職業資格目錄的通知\n各設區市人民政府：\n現將《人力資源社會保障部關於公佈國家職業"
        "資格目錄的通知》（人社部發〔2017〕68號）轉發給你們，請遵照執行。\n"
        "福建省人力資源和社會保障廳\n2017年11月17日\n"
    )
    expected = chain_as_json(parse_document(simplified).chain)
    assert expected[0]["doc_number"] == "闽人社文〔2017〕320号"
    assert expected[0]["forwards"] == "人社部发〔2017〕68号"
    assert chain_as_json(parse_document(traditional).chain) == expected


def test_full_width_digits_and_letters_read_as_ascii_but_punctuation_stays():
    from notices.importer.text import fold_forms

    assert fold_forms("苏人社（Ｌ）〔２００９〕１４４号") == "苏人社（L）〔2009〕144号"
    assert fold_forms("國務院關於批覆的答覆") == "国务院关于批复的答复"
    text = "关于做好培训工作的通知\n各市人社局：\n正文。\n某省人社厅\n２０１７年１１月１７日\n"
    assert _one(text).issued_on == date(2017, 11, 17)


def test_pinyin_a_mirror_prints_after_characters_is_no_part_of_the_text():
    text = (
        "滬府發(fā)〔2017〕92號\n上海市人民政府印發(fā)《關(guān)于本市加強(qiáng)政務(wù)誠信建設(shè)的實(shí)施意見》的通知\n"
        "各區(qū)人民政府,市政府各委、辦、局:\n現(xiàn)將《關(guān)于本市加強(qiáng)政務(wù)誠信建設(shè)的實(shí)施意見》"
        "印發(fā)給你們,請認(rèn)真按照執(zhí)行。\n上海市人民政府\n2017年12月20日\n"
    )
    notice = _one(text)
    assert notice.doc_number == "沪府发〔2017〕92号"
    assert notice.title == "上海市人民政府印发《关于本市加强政务诚信建设的实施意见》的通知"
    assert notice.recipients == "各区人民政府,市政府各委、办、局"


@pytest.mark.parametrize("year", ["二00五", "二OO五", "二〇〇五"])
def test_a_year_in_chinese_numerals_may_have_latin_or_ascii_zeros(year):
    text = f"关于做好招生工作的通知\n各区人民政府：\n正文。\n武汉市人民政府\n{year}年六月十七日\n"
    assert _one(text).issued_on == date(2005, 6, 17)


def test_a_pages_heading_quoting_the_title_is_the_same_title():
    text = (
        "教高函〔2017〕5号《教育部关于对口支援兰州城市学院等高校工作的通知》\n"
        "教育部关于对口支援兰州城市学院等高校工作的通知\n教高函〔2017〕5号\n"
        "有关省、自治区教育厅，有关高等学校：\n正文。\n教育部\n2017年4月10日\n"
    )
    assert _one(text).title == "教育部关于对口支援兰州城市学院等高校工作的通知"


def test_a_pages_title_field_is_not_part_of_the_title():
    text = (
        "文件标题: 县人民政府关于印发《浠水县人民政府工作规则》的通知\n浠水县人民政府\n"
        "县人民政府关于印发《浠水县人民政府工作规则》的通知\n浠政发〔2017〕1号\n"
        "各乡镇人民政府，县政府各部门：\n现予印发。\n浠水县人民政府\n2017年1月24日\n"
    )
    notice = _one(text)
    assert notice.title == "县人民政府关于印发《浠水县人民政府工作规则》的通知"
    assert notice.issuer == "浠水县人民政府"


def test_a_bare_level_word_is_not_an_issuer():
    text = (
        "省人民政府关于进一步优化营商环境的若干意见\n鄂政发〔2018〕26号\n各市人民政府：\n正文。\n"
    )
    notice = _one(text)
    assert notice.doc_number == "鄂政发〔2018〕26号"
    assert notice.issuer is None


def test_a_forwarded_document_printed_after_fu_is_read_with_its_issuer():
    text = (
        "兰州市人民政府办公厅转发省环保专项行动联席会议办公室关于督查情况的通报的通知\n"
        "各县、区人民政府,市政府各有关部门:\n现将省环保专项行动联席会议办公室《关于督查情况的通报》"
        "转发给你们,请切实整改。\n二○○五年十一月二十一日\n附: 关于督查情况的通报\n各市州人民政府:\n"
        "根据要求,督查组对我省进行了督查。\n"
    )
    outer, inner = parse_document(text).chain
    assert outer.issued_on == date(2005, 11, 21)
    assert (inner.title, inner.issuer) == ("关于督查情况的通报", "省环保专项行动联席会议办公室")
    assert inner.recipients == "各市州人民政府"


def test_a_text_on_one_line_is_cut_where_its_head_had_line_breaks():
    text = (
        "国务院办公厅、中央军委办公厅 关于加强对侵华日军遗弃化学武器 调查和管理工作的通知 "
        "国办发〔1996〕25号 北京市、天津市人民政府，沈阳、北京军区： 为彻底消除这一隐患，"
        "必须进一步加强调查取证和有关管理工作，现通知如下：一、日军遗弃化学武器是历史遗留问题，"
        "敏感性、专业性较强，情况复杂。二、要加强调查取证工作。 国务院办公厅 中央军委办公厅 "
        "一九九六年六月二十九日"
    )
    notice = _one(text)
    assert notice.doc_number == "国办发〔1996〕25号"
    assert notice.title == (
        "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知"
    )
    assert notice.recipients == "北京市、天津市人民政府，沈阳、北京军区"


def test_a_text_without_whitespace_has_its_page_fields_and_label_cut_off():
    text = (
        "您的位置:首页»法律资料网»法律法规»宿迁市人民政府关于印发宿迁市城乡医疗救助暂行办法的通知"
        "时间:2024-07-1923:36:30来源:法律资料网作者:法律资料网阅读:8489下载地址:点击此处下载"
        "宿迁市人民政府关于印发宿迁市城乡医疗救助暂行办法的通知江苏省宿迁市人民政府"
        "宿迁市人民政府关于印发宿迁市城乡医疗救助暂行办法的通知宿政发〔2008〕65号"
        "各县、区人民政府,市各委、办、局,市各直属单位:《宿迁市城乡医疗救助暂行办法》已经市政府"
        "三届三次常务会议审议通过,现印发给你们,请认真贯彻执行。二OO八年六月四日宿迁市城乡医疗救助"
        "暂行办法第一章总则第一条为加快新型社会救助体系建设,制定本办法。"
    )
    notice = _one(text)
    assert notice.doc_number == "宿政发〔2008〕65号"
    assert notice.title == "宿迁市人民政府关于印发宿迁市城乡医疗救助暂行办法的通知"
    assert notice.issuer == "宿迁市人民政府"
    assert notice.issued_on == date(2008, 6, 4)
