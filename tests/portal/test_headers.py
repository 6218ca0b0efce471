"""Response headers: CSP without inline script, Permissions-Policy, no-store on reports."""

import re

import pytest

PUBLIC_PAGES = ["/", "/notices/", "/report/", "/track/", "/statistics/", "/admin/login/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_send_a_content_security_policy_of_their_own_site(client, db, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_carry_no_inline_script_or_style(client, db, url):
    html = client.get(url).content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)


def test_the_api_docs_keep_their_scripts_to_this_site(client, db):
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    assert "script-src" not in policy  # so default-src 'self' governs scripts
    assert "default-src 'self'" in policy
    assert not INLINE_SCRIPT.search(client.get("/api/docs/").content.decode())


def test_every_answer_sends_a_permissions_policy(client, db):
    assert "camera=()" in client.get("/healthz")["Permissions-Policy"]


@pytest.mark.parametrize(
    "url", ["/report/receipt/", "/track/", "/cases/", "/api/v1/cases/", "/api/v1/reports/track/"]
)
def test_report_pages_are_never_stored(client, fujian_officer, url):
    client.force_login(fujian_officer)
    assert "no-store" in client.get(url)["Cache-Control"]


def test_a_catalogue_page_may_still_be_cached(client, db):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_the_site_policy_is_django_csps_own_and_follows_a_changed_setting(client, db, settings):
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'self'"


def test_a_view_with_a_policy_of_its_own_keeps_it(client, db):
    # Swagger UI's page widens style-src with csp_update (portal/urls.py); the others do not.
    widened = client.get("/api/docs/try/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in widened
    assert "style-src" not in client.get("/")["Content-Security-Policy"]


def test_a_report_only_policy_is_sent_beside_the_policy(client, db, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"script-src": ["'none'"]}}
    answer = client.get("/")
    assert "script-src 'none'" in answer["Content-Security-Policy-Report-Only"]
    assert "default-src 'self'" in answer["Content-Security-Policy"]
