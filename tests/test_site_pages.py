"""Who runs the site, privacy and accessibility; the language switch; /api/docs/ without JS."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from portal.templatetags.language import zh


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def _footer(html: str) -> str:
    return html.split('<footer class="site-footer">')[1]


def test_a_self_hosted_install_claims_no_operator_and_says_it_is_not_official(client, db):
    footer = _footer(client.get("/").content.decode())
    assert "不是人力资源社会保障部的官方网站" in footer
    assert "ICP" not in footer and "公网安备" not in footer
    assert "12333" in footer  # the ministry's hotline, true for any install
    for url in ("/about/", "/privacy/", "/accessibility/"):
        assert f'href="{url}' in footer


@override_settings(
    SITE_OPERATOR_NAME="福建省人力资源和社会保障厅",
    SITE_CONTACT_EMAIL="portal@example.gov.cn",
    SITE_ICP_RECORD="闽ICP备00000000号",
    SITE_PSB_RECORD="闽公网安备35010202000001号",
    SITE_IDENTIFIER_CODE="3500000001",
)
def test_the_operators_settings_appear_in_the_footer_and_about_page(client, db):
    footer = _footer(client.get("/").content.decode())
    assert "主办单位：福建省人力资源和社会保障厅" in footer
    assert "官方网站" not in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">闽ICP备00000000号</a>' in footer
    assert "code=35010202000001" in footer and "网站标识码：3500000001" in footer
    about = client.get("/about/").content.decode()
    assert 'href="mailto:portal@example.gov.cn"' in about


def test_site_url_must_be_an_absolute_http_url(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import portal.settings.base as base

    monkeypatch.setenv("SITE_URL", "portal.example.org")
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        importlib.reload(base)
    monkeypatch.setenv("SITE_URL", "https://portal.example.org/")
    assert importlib.reload(base).SITE_URL == "https://portal.example.org"


@pytest.mark.parametrize("url", ["/about/", "/privacy/", "/accessibility/"])
def test_the_site_pages_exist_in_both_languages(client, db, url):
    assert client.get(url).status_code == 200
    _english(client)
    html = client.get(url).content.decode()
    assert re.search(r"<h1>[A-Za-z ]+</h1>", html), html


def test_the_language_switch_names_each_language_in_itself(client, db):
    switch = client.get("/").content.decode().split('class="lang-switch"')[1].split("</form>")[0]
    assert 'lang="en">English</button>' in switch and "英语" not in switch
    _english(client)
    switch = client.get("/").content.decode().split('class="lang-switch"')[1].split("</form>")[0]
    assert 'lang="zh-Hans">简体中文</button>' in switch


def test_chinese_data_in_english_pages_is_marked_as_chinese():
    with translation.override("en"):
        assert zh("注册会计师") == '<span lang="zh-Hans">注册会计师</span>'
        assert zh("<b>中</b>") == '<span lang="zh-Hans">&lt;b&gt;中&lt;/b&gt;</span>'
        assert zh("CPA") == "CPA"
    with translation.override("zh-hans"):
        assert zh("注册会计师") == "注册会计师"


def test_api_docs_list_every_operation_of_the_schema_without_javascript(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    html = client.get("/api/docs/").content.decode()
    assert "<script" not in html and "https://" not in html.split("<footer")[0]
    for path, item in schema["paths"].items():
        for method in item:
            assert f'<span class="api-method">{method.upper()}</span> {path}</code>' in html
    assert "<code>sort</code>" in html  # a parameter, with its values
    assert '<p class="api-description" lang="en">' in html  # docstrings are English
    assert client.get("/api/redoc/").status_code == 404


def test_chinese_names_in_the_english_catalogue_carry_their_language(client, db):
    from tests.catalogue.factories import make_qualification

    make_qualification("注册会计师", departments=("财政部",))
    _english(client)
    html = client.get("/catalogue/").content.decode()
    assert '<span lang="zh-Hans">注册会计师</span></a>' in html
    assert '<span lang="zh-Hans">财政部</span>' in html
