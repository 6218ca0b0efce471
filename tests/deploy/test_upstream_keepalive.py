"""nginx closes an idle connection to an app server before gunicorn does.

Else a request sent on a connection gunicorn is just closing fails; nginx does not retry a
POST (the client gets 502), and with `max_fails=1` the app server leaves the pool for
`fail_timeout` (a bench round through deploy/local/ failed that way).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _gunicorn_keepalive() -> float:
    text = (ROOT / "gunicorn.conf.py").read_text()
    return float(re.search(r"^keepalive = (\d+)", text, re.MULTILINE)[1])


def _upstream_keepalive_timeout(config: str) -> float:
    upstream = re.search(r"upstream portal_app \{(.*?)\n    ?\}", config, re.DOTALL)[1]
    found = re.search(r"keepalive_timeout (\d+)s;", upstream)
    return float(found[1]) if found else 60.0  # nginx's default


@pytest.mark.parametrize("config", ["deploy/local/nginx.conf", "deploy/nginx/portal.conf"])
def test_nginx_gives_up_an_idle_app_connection_before_gunicorn(config):
    timeout = _upstream_keepalive_timeout((ROOT / config).read_text())
    assert timeout < _gunicorn_keepalive()
