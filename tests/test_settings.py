"""Settings come from the environment, fail loudly, and are safe in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
    "SECRET_KEY": "a-production-grade-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "catalogue.example.gov.cn",
    "DEBUG": "0",
    "REDIS_URL": "redis://127.0.0.1:6379/5",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Drop what the test settings and fixtures put into this process's environment.
    leaked = {*PRODUCTION, "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", "SINGLE_PROCESS"}
    clean = {k: v for k, v in os.environ.items() if k not in leaked}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_refuses_to_start():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("name,value", [("DEBUG", "maybe"), ("SECURE_HSTS_SECONDS", "a year")])
def test_a_malformed_setting_is_named_in_the_error(name, value):
    result = _manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert f"{name}={value!r}" in result.stderr


def test_production_with_a_per_process_cache_refuses_to_start():
    result = _manage("check", **{**PRODUCTION, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_a_single_process_install_may_say_so_and_keep_the_memory_cache():
    result = _manage("check", **{**PRODUCTION, "REDIS_URL": "", "SINGLE_PROCESS": "1"})
    assert result.returncode == 0, result.stderr


def _setting(name: str, **env: str) -> str:
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    return _manage("shell", "-c", code, **{**PRODUCTION, **env}).stdout.strip().splitlines()[-1]


def test_the_forwarded_protocol_is_believed_only_with_a_trusted_proxy_configured():
    assert _setting("SECURE_PROXY_SSL_HEADER") == "None"
    with_proxy = _setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXIES="127.0.0.1")
    assert with_proxy == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_malformed_contact_encryption_key_is_refused_at_start():
    result = _manage("check", **{**PRODUCTION, "CONTACT_ENCRYPTION_KEYS": "not-a-fernet-key"})
    assert result.returncode != 0
    assert "CONTACT_ENCRYPTION_KEYS" in result.stderr
