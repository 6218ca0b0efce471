"""`manage.py import_notice FILE [--json]`: the seed field by field, idempotence, errors."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from notice_variants import BROKEN_LINES, COUNTY, PROVINCE

from authorities.models import Authority, Level
from notices.models import Notice, NoticeStatus

SEED_CITY = "榕人社培〔2017〕139号"
SEED_PROVINCE = "闽人社文〔2017〕320号"
SEED_ORIGIN = "人社部发〔2017〕68号"
ORIGIN_TITLE = "人力资源社会保障部关于公布国家职业资格目录的通知"
CITY_TITLE = "福州市人力资源和社会保障局转发" + ORIGIN_TITLE
PROVINCE_TITLE = "福建省人力资源和社会保障厅转发" + ORIGIN_TITLE


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def _import(path, *args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_notice", str(path), *args, stdout=out)
    return out.getvalue()


def _snapshot() -> list[tuple]:
    return list(Notice.objects.order_by("pk").values_list()) + list(
        Authority.objects.order_by("pk").values_list()
    )


def test_importing_the_seed_creates_exactly_the_three_notices_of_the_chain(db, seed_file):
    _import(seed_file)
    assert set(Notice.objects.values_list("doc_number", flat=True)) == {
        SEED_CITY,
        SEED_PROVINCE,
        SEED_ORIGIN,
    }


def test_the_seed_city_notice_has_every_field_right(db, seed_file):
    _import(seed_file)
    city = Notice.objects.get(doc_number=SEED_CITY)
    assert (city.prefix, city.year, city.serial) == ("榕人社培", 2017, 139)
    assert (
        city.title
        == "福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )
    assert city.issuer.name == "福州市人力资源和社会保障局"
    assert city.issuer.level == Level.MUNICIPAL
    assert city.recipients == "各县（市）区人民政府、市直各部门、各直属机构"
    assert city.issued_on == date(2017, 12, 19)
    assert city.body.startswith("经市政府同意，现将《福建省人力资源和社会保障厅转发")
    assert city.body.endswith("请严格按通知要求组织实施。")
    assert city.opinions == ""
    assert city.contacts == ""
    assert city.disclosure == "public"
    assert city.attachments == ""
    assert city.forwards.doc_number == SEED_PROVINCE
    assert city.status == NoticeStatus.PUBLISHED


def test_the_seed_province_notice_has_every_field_right(db, seed_file):
    _import(seed_file)
    province = Notice.objects.get(doc_number=SEED_PROVINCE)
    assert (province.prefix, province.year, province.serial) == ("闽人社文", 2017, 320)
    assert province.title == (
        "福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知"
    )
    assert province.issuer.name == "福建省人力资源和社会保障厅"
    assert province.issuer.level == Level.PROVINCIAL
    assert province.issuer.division_code == "350000"
    assert province.recipients == "各设区市人民政府、平潭综合实验区管委会，省直各部门、各直属机构"
    assert province.issued_on == date(2017, 11, 17)
    assert province.body.startswith("经国务院同意，人力资源社会保障部于2017年9月12日印发")
    assert [p[:2] for p in province.opinions.splitlines()] == ["一、", "二、", "三、"]
    assert province.contacts == (
        "各地区、各部门在工作中遇到的有关问题，请及时与省人力资源和社会保障厅职业能力建设处、"
        "事业单位人事管理处和省职业技能鉴定中心联系。联系电话：0591-87522301、87857057、87515514。"
    )
    assert province.disclosure == ""
    assert province.forwards.doc_number == SEED_ORIGIN
    assert "福建省人力资源和社会保障厅" not in province.body.splitlines()[-1]


def test_the_seed_ministry_notice_has_every_field_right(db, seed_file):
    _import(seed_file)
    origin = Notice.objects.get(doc_number=SEED_ORIGIN)
    assert (origin.prefix, origin.year, origin.serial) == ("人社部发", 2017, 68)
    assert origin.title == "人力资源社会保障部关于公布国家职业资格目录的通知"
    assert origin.issuer.name == "人力资源社会保障部"
    assert origin.issuer.level == Level.NATIONAL
    assert origin.recipients == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构"
    # Printed unsigned and undated; the province's notice says when it was issued.
    assert origin.issued_on == date(2017, 9, 12)
    assert origin.body.startswith("根据国务院推进简政放权")
    assert origin.body.endswith("提供优质服务，为促进经济社会持续健康发展作出更大贡献。")
    assert origin.opinions == ""
    assert origin.disclosure == ""
    assert origin.forwards is None


def test_json_prints_the_chain_outermost_first(db, seed_file):
    printed = json.loads(_import(seed_file, "--json"))
    assert printed == [
        {
            "doc_number": SEED_CITY,
            "issuer": "福州市人力资源和社会保障局",
            "title": CITY_TITLE,
            "recipients": "各县（市）区人民政府、市直各部门、各直属机构",
            "date": "2017-12-19",
            "forwards": SEED_PROVINCE,
        },
        {
            "doc_number": SEED_PROVINCE,
            "issuer": "福建省人力资源和社会保障厅",
            "title": PROVINCE_TITLE,
            "recipients": "各设区市人民政府、平潭综合实验区管委会，省直各部门、各直属机构",
            "date": "2017-11-17",
            "forwards": SEED_ORIGIN,
        },
        {
            "doc_number": SEED_ORIGIN,
            "issuer": "人力资源社会保障部",
            "title": "人力资源社会保障部关于公布国家职业资格目录的通知",
            "recipients": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构",
            "date": "2017-09-12",
            "forwards": None,
        },
    ]


def test_importing_twice_changes_nothing(db, seed_file):
    first = _import(seed_file, "--json")
    before = _snapshot()
    assert _import(seed_file, "--json") == first
    assert _snapshot() == before


def test_missing_authorities_are_created_at_the_level_their_name_tells(db, seed_file):
    _import(seed_file)
    fuzhou = Authority.objects.get(name="福州市人力资源和社会保障局")
    fujian = Authority.objects.get(name="福建省人力资源和社会保障厅")
    assert (fuzhou.level, fuzhou.division_code, fuzhou.parent) == (Level.MUNICIPAL, "", fujian)
    assert (fujian.level, fujian.division_code) == (Level.PROVINCIAL, "350000")
    assert fujian.parent.name == "人力资源社会保障部"


def test_authorities_already_registered_are_reused(fuzhou, seed_file):
    _import(seed_file)
    assert Authority.objects.count() == 3
    assert Notice.objects.get(doc_number=SEED_CITY).issuer == fuzhou


def test_a_notice_already_on_record_is_completed_not_duplicated(ministry, seed_file):
    origin = Notice.objects.create(issuer=ministry, doc_number=SEED_ORIGIN, title="手工录入的标题")
    _import(seed_file)
    origin.refresh_from_db()
    assert Notice.objects.count() == 3
    assert origin.title == "手工录入的标题"
    assert origin.issued_on == date(2017, 9, 12)
    assert Notice.objects.get(doc_number=SEED_PROVINCE).forwards == origin


def test_a_county_chain_links_a_forwarded_notice_printed_without_a_number(fuzhou, tmp_path):
    path = tmp_path / "county.txt"
    path.write_text(COUNTY, encoding="utf-8")
    printed = json.loads(_import(path, "--json"))
    # The city's notice is not printed further, but its text names what it forwards.
    assert [n["forwards"] for n in printed] == ["榕人社培〔2017〕139号", "闽人社文〔2017〕320号"]
    county = Authority.objects.get(name="闽侯县人力资源和社会保障局")
    assert (county.level, county.parent) == (Level.COUNTY, fuzhou)


def test_a_gb18030_file_is_read(db, tmp_path):
    path = tmp_path / "province.txt"
    path.write_bytes(PROVINCE.encode("gb18030"))
    printed = json.loads(_import(path, "--json"))
    assert [n["doc_number"] for n in printed] == ["苏人社发〔2017〕400号", SEED_ORIGIN]
    assert printed[0]["date"] == "2017-10-10"


def test_an_unreadable_text_fails_naming_the_line_and_writes_nothing(db, tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text("\n\n这不是一份通知。\n随便写的。\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 3: expected a document number"):
        _import(path)
    assert not Notice.objects.exists()
    assert not Authority.objects.exists()


def test_a_notice_whose_title_cannot_be_read_is_imported_with_a_warning(db, tmp_path, seed_text):
    broken = seed_text.replace("\n人力资源社会保障部关于公布国家职业资格目录的通知", "\n正文。", 1)
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    err = StringIO()
    call_command("import_notice", str(path), stdout=StringIO(), stderr=err)
    assert "未能读出标题" in err.getvalue() and "no title could be read" in err.getvalue()
    origin = Notice.objects.get(doc_number=SEED_ORIGIN)
    assert origin.title == ""
    assert Notice.objects.get(doc_number=SEED_PROVINCE).forwards == origin


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        _import(tmp_path / "nowhere.txt")


def test_a_binary_file_is_refused(db, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\x00\x00\x01")
    with pytest.raises(CommandError, match="not a text file"):
        _import(path)


NO_LEVEL = """鉴字〔2017〕9号

中国职业技能鉴定中心关于转发人力资源社会保障部关于公布国家职业资格目录的通知

各有关单位：
　　现将《人力资源社会保障部关于公布国家职业资格目录的通知》转发给你们。

中国职业技能鉴定中心
2017年10月1日

人社部发〔2017〕68号

人力资源社会保障部关于公布国家职业资格目录的通知

各省、自治区、直辖市人民政府：
　　现予以公布。
"""


def test_an_issuer_whose_level_cannot_be_told_is_not_guessed(db, tmp_path):
    path = tmp_path / "no-level.txt"
    path.write_text(NO_LEVEL, encoding="utf-8")
    err = StringIO()
    call_command("import_notice", str(path), stdout=StringIO(), stderr=err)
    assert "中国职业技能鉴定中心" in err.getvalue() and "not stored" in err.getvalue()
    assert list(Notice.objects.values_list("doc_number", flat=True)) == [SEED_ORIGIN]
    assert not Authority.objects.filter(name="中国职业技能鉴定中心").exists()


def test_a_notice_without_a_number_is_matched_by_issuer_and_title_on_reimport(db, tmp_path):
    path = tmp_path / "sanming.txt"
    path.write_text(BROKEN_LINES, encoding="utf-8")
    first = json.loads(_import(path, "--json"))
    before = _snapshot()
    assert json.loads(_import(path, "--json")) == first
    assert _snapshot() == before
    assert first[0]["doc_number"] is None
    assert first[0]["forwards"] == SEED_ORIGIN


def test_a_first_line_shaped_like_a_number_that_does_not_parse_makes_no_second_notice(
    db, tmp_path, seed_file
):
    """Issue 15, L8: 人社部发〔2017〕68 (no 号) is not a number; the notice is matched as before."""
    _import(seed_file)
    before = _snapshot()
    text = (
        "人社部发〔2017〕68\n\n人力资源社会保障部关于公布国家职业资格目录的通知\n\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n　　现予以公布。\n\n"
        "人力资源社会保障部\n2017年9月12日\n"
    )
    path = tmp_path / "numberish.txt"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    call_command("import_notice", str(path), "--json", stdout=StringIO(), stderr=err)
    assert "第1行：文号无法识别" in err.getvalue()
    assert _snapshot() == before
    assert Notice.objects.filter(title=ORIGIN_TITLE).count() == 1


CHILD_ONLY = """榕人社培〔2017〕139号
福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知
各县（市）区人民政府：
　　现将《福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知》（闽人社文〔2017〕320号）转发给你们。
福州市人力资源和社会保障局
2017年12月19日
"""

PARENT_ONLY = """闽人社文〔2017〕320号
福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知
各设区市人民政府：
　　现转发给你们。
福建省人力资源和社会保障厅
2017年11月17日
"""


def test_a_later_import_of_the_forwarded_notice_fills_in_the_link(db, tmp_path):
    child_file, parent_file = tmp_path / "child.txt", tmp_path / "parent.txt"
    child_file.write_text(CHILD_ONLY, encoding="utf-8")
    parent_file.write_text(PARENT_ONLY, encoding="utf-8")
    _import(child_file)
    child = Notice.objects.get(doc_number=SEED_CITY)
    assert (child.forwards, child.forwards_doc_number) == (None, SEED_PROVINCE)
    _import(parent_file)
    child.refresh_from_db()
    assert child.forwards == Notice.objects.get(doc_number=SEED_PROVINCE)
    before = _snapshot()
    _import(child_file)
    _import(parent_file)
    assert _snapshot() == before  # running either import again changes nothing


def test_a_forwarded_notice_already_on_record_is_linked_at_once(db, tmp_path):
    parent_file, child_file = tmp_path / "parent.txt", tmp_path / "child.txt"
    parent_file.write_text(PARENT_ONLY, encoding="utf-8")
    child_file.write_text(CHILD_ONLY, encoding="utf-8")
    _import(parent_file)
    _import(child_file)
    child = Notice.objects.get(doc_number=SEED_CITY)
    assert child.forwards.doc_number == SEED_PROVINCE
