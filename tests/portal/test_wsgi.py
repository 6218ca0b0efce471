"""portal.wsgi, which gunicorn preloads in its master, loads the whole URLconf: forked workers
inherit every view and the reverse map instead of importing them on their first request."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import portal.wsgi
from django.urls import get_resolver
print(json.dumps({
    "populated": get_resolver()._populated,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in
                      ("catalogue", "certificates", "checker", "enforcement", "notices")),
}))
"""


def test_importing_the_wsgi_module_loads_the_urlconf_and_every_view():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": "wsgi-preload-test",
        "SINGLE_PROCESS": "1",
        "DEBUG": "",
    }
    probe = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = json.loads(probe.stdout.strip().splitlines()[-1])
    assert loaded["populated"]
    assert {"catalogue.views", "catalogue.api", "certificates.views", "certificates.api"} <= set(
        loaded["modules"]
    )
