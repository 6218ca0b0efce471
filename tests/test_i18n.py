"""English as the second language: the switch, the public pages in English, the catalogue file.

The data (qualification names, departments, legal basis, notices) stays Chinese in both
languages; only the interface is translated.
"""

import gettext
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from catalogue.models import Qualification
from notices.models import Notice

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
SEED = Path(settings.BASE_DIR) / "data" / "seeds" / "000_fc6201608e7ab29d.txt"
SITE_NAME_EN = "National Occupational Qualification Catalogue Public Service Portal"
SITE_NAME_ZH = "国家职业资格目录公共服务平台"
HAN = re.compile(r"[\u3400-\u9fff]")
REPORT = {
    "violation_type": "forbidden_wording",
    "organisation": "某某职业技能评价协会",
    "region_code": "350102",  # 福州市鼓楼区
    "description": "证书上印有国家字样。",
}


@pytest.fixture
def portal(db):
    """The portal as `make run` fills it: authorities, the seed notice chain, the catalogue."""
    call_command("load_authorities", stdout=StringIO())
    call_command("import_notice", str(SEED), stdout=StringIO())
    call_command("load_catalogue", stdout=StringIO())


def _cpa_page() -> str:
    return f"/catalogue/{Qualification.objects.get(name='注册会计师').pk}/"


def _seed_notice_page() -> str:
    return Notice.objects.get(doc_number="人社部发〔2017〕68号").get_absolute_url()


def _header_and_nav(html: str) -> str:
    """The site header and main navigation, minus the language names in the switch."""
    header = re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)
    return re.sub(r'<button[^>]* lang="zh-Hans">.*?</button>', "", header, flags=re.S)


# Per page: English text that must show, Chinese interface text that must not.
ENGLISH_PAGES = {
    "/": (
        ["Two kinds of qualification", "Access-type", "Level-evaluation", "Compare two editions"],
        ["两类职业资格", "比较两个版本"],
    ),
    "/catalogue/": (
        ["Occupational Qualification Catalogue", "qualifications found", "Export CSV"],
        ["职业资格目录</h1>", "导出 CSV", "全部类别"],
    ),
    "/editions/": (
        ["Catalogue editions", "Date published", "Against the official totals"],
        ["公布日期", "与官方总数相比"],
    ),
    "qualification": (
        [
            "Legal basis",
            "Implementing department",
            "Catalogue editions listing this qualification",
            "Subscribe to adjustments of this qualification (Atom)",
        ],
        ["设定依据", "实施部门", "收录该职业资格的目录版本", "订阅该职业资格的调整"],
    ),
    "/notices/": (
        ["Document number", "Issuing authority", "Subscribe to the latest notices (Atom)"],
        ["发文机关</label>", "订阅最新通知"],
    ),
    "notice": (["Document details", "Date of issue", "Forwarding chain"], ["文件信息", "成文日期"]),
    "/check/?name=注册会计师证书": (
        [
            "Certificate name check",
            "Access-type national qualification: practising legally requires it",
            "is an access-type qualification of",
            "Checked at",
        ],
        ["证书名称查验", "准入类职业资格，从事该职业", "依据的目录版本", "查验时间"],
    ),
    "/verify/": (["Certificate authenticity check", "Certificate number"], ["证书编号"]),
    "/report/": (
        ["Report a qualification violation", "Next: check your answers", "attach evidence"],
        ["被举报单位", "下一步：核对内容", "核对内容并附上证据材料"],
    ),
    "/statistics/": (["Report statistics", "Reports received: 0."], ["举报统计"]),
}


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_public_pages_are_in_english_when_english_is_chosen(client, portal, page):
    path = {"qualification": _cpa_page, "notice": _seed_notice_page}.get(page, lambda: page)()
    client.cookies["django_language"] = "en"
    html = client.get(path).content.decode()
    shown, hidden = ENGLISH_PAGES[page]
    assert '<html lang="en">' in html and SITE_NAME_EN in html
    assert [text for text in shown if text not in html] == []
    assert [text for text in hidden if text in html] == []
    assert HAN.findall(_header_and_nav(html)) == []


def test_the_data_stays_chinese_on_an_english_page(client, portal):
    client.cookies["django_language"] = "en"
    html = client.get(_cpa_page()).content.decode()
    assert "<h1>注册会计师</h1>" in html and "财政部" in html and "Legal basis" in html


def test_a_report_made_in_english_is_acknowledged_and_counted_in_english(client, portal):
    cache.clear()  # the report form is rate-limited per address
    client.cookies["django_language"] = "en"
    response = client.post("/report/submit/", REPORT, follow=True)
    assert "Report submitted" in response.content.decode()
    html = client.get("/statistics/").content.decode()
    assert "Reports received: 1." in html
    assert "By type of violation" in html and "Certificate bearing words such as" in html


def test_choosing_english_in_the_language_switch_keeps_the_portal_in_english(client, portal):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/editions/"})
    assert response.status_code == 302 and response["Location"] == "/editions/"
    for path in ("/editions/", "/notices/", "/report/"):
        html = client.get(path).content.decode()
        assert '<html lang="en">' in html and SITE_NAME_EN in html


def test_a_browser_asking_for_english_gets_english(client, portal):
    html = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()
    assert '<html lang="en">' in html and SITE_NAME_EN in html


def test_without_a_language_chosen_the_portal_is_in_simplified_chinese(client, portal):
    html = client.get("/catalogue/").content.decode()
    assert '<html lang="zh-Hans">' in html and SITE_NAME_ZH in html
    assert SITE_NAME_EN not in html and "Two kinds" not in html


def test_a_language_we_do_not_offer_falls_back_to_simplified_chinese(client, portal):
    html = client.get("/", headers={"accept-language": "fr-FR,fr"}).content.decode()
    assert '<html lang="zh-Hans">' in html and SITE_NAME_ZH in html


def test_choosing_chinese_again_overrides_an_english_browser(client, portal):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="zh-Hans">' in html and SITE_NAME_ZH in html


# The catalogue file itself: complete, not fuzzy, placeholders kept, compiled.

ENTRY = re.compile(r"(?:^#.*\n)*(?:^(?:msg|\").*\n?)+", re.M)
FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "', re.M)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sdi]|\{\w*\}")


def _po_entries() -> list[dict]:
    """Each entry of django.po as {"flags": str, field name: text}; the header is skipped."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return [e for e in map(_po_entry, ENTRY.findall(text)) if e.get("msgid")]


def _po_entry(block: str) -> dict:
    flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
    entry, name = {"flags": flags}, None
    for line in block.splitlines():
        if match := FIELD.match(line):
            name, line = match.group(1), line[match.end() - 1 :]
        if name and line.startswith('"'):
            entry[name] = entry.get(name, "") + _unquote(line)
    return entry


def _unquote(quoted: str) -> str:
    return json.loads(quoted)  # PO strings use the C escapes JSON shares: \" \\ \n \t


def _translations(entry: dict) -> list[str]:
    return [value for name, value in entry.items() if name.startswith("msgstr")]


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = _po_entries()
    assert len(entries) > 400
    assert [e["msgid"] for e in entries if not all(_translations(e))] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in entries if "msgid_plural" in e and len(_translations(e)) != 2] == []


def test_every_translation_keeps_the_placeholders_of_its_message():
    def broken(entry: dict) -> bool:
        wanted = sorted(PLACEHOLDER.findall(entry["msgid"]))
        return any(sorted(PLACEHOLDER.findall(t)) != wanted for t in _translations(entry))

    assert [e["msgid"] for e in _po_entries() if broken(e)] == []


def test_the_committed_mo_file_matches_the_po_file():
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        e["msgid"]
        for e in _po_entries()
        if "msgid_plural" not in e and compiled.gettext(e["msgid"]) != e["msgstr"]
    ]
    assert stale == []


SOURCES = re.compile(
    r"""\{%\s*translate\s+(?:"([^"]+)"|'([^']+)')"""  # {% translate "…" %}
    r"""|\b(?:_|gettext|gettext_lazy)\(\s*"([^"\n]+)"\s*[,)]"""  # _("…") in Python
)


def _marked_strings() -> set[str]:
    """Messages marked in our templates and Python code (simple literals; not blocktranslate)."""
    base = Path(settings.BASE_DIR)
    files = [p for p in base.glob("**/*.html") if _ours(p.relative_to(base))]
    files += [p for p in base.glob("*/**/*.py") if _ours(p.relative_to(base))]
    found = (m.groups() for p in files for m in SOURCES.finditer(p.read_text(encoding="utf-8")))
    return {next(g for g in groups if g) for groups in found}


def _ours(relative: Path) -> bool:
    skipped = {".venv", "node_modules", "staticfiles", "tests", "migrations", "bench"}
    return not skipped.intersection(relative.parts)


def test_every_string_marked_in_the_code_is_in_the_catalogue_file():
    """Fails when new strings were added without re-running makemessages and translating."""
    known = {e["msgid"] for e in _po_entries()}
    assert sorted(_marked_strings() - known) == []
