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
