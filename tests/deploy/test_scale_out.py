"""The production topology on one machine (deploy/local/), checked from outside over HTTP.

Brings up nginx → two gunicorn app servers → PgBouncer → PostgreSQL primary + streaming
replica, with Redis, exactly as `make deploy-local` does (on ports of its own), and checks
what running on several machines must not break. Marked `deploy`: CI runs it; a developer
may skip it with `-m "not deploy"`.
"""

import http.client
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.deploy

ROOT = Path(__file__).resolve().parents[2]
# 9600–9699 unless DEPLOY_TEST_PORT_BASE says otherwise (parallel checkouts on one machine).
BASE = int(os.environ.get("DEPLOY_TEST_PORT_BASE", "9600"))
PORTS = {
    "PG_PRIMARY_PORT": str(BASE + 32),
    "PG_REPLICA_PORT": str(BASE + 33),
    "PGBOUNCER_PORT": str(BASE + 34),
    "REDIS_PORT": str(BASE + 79),
    "APP_PORTS": f"{BASE + 1} {BASE + 2}",
    "NGINX_PORT": str(BASE + 80),
}
EDGE_CACHE_SECONDS = 3
MAX_LAG = 5
VERIFY_RATE = 4
APP_A, APP_B = (f"http://127.0.0.1:{port}" for port in PORTS["APP_PORTS"].split())
PROXY = f"http://127.0.0.1:{PORTS['NGINX_PORT']}"
GULOU_FUZHOU = "350102"


@pytest.fixture(scope="module")
def topology():
    env = {
        **os.environ,
        **PORTS,
        # Outside pytest's private temporary folder: PostgreSQL runs as its own user.
        "DEPLOY_DIR": f"/tmp/portal-deploy-test-{os.getpid()}",
        "EDGE_CACHE_SECONDS": str(EDGE_CACHE_SECONDS),
        "CERTIFICATE_VERIFY_RATE": f"{VERIFY_RATE}/m",
    }
    env.pop("DATABASE_URL", None)
    try:
        subprocess.run(["bash", "deploy/local/up.sh"], cwd=ROOT, env=env, check=True, timeout=600)
        yield env
    finally:
        # The logs outlive the topology, for a failure to be read afterwards.
        logs = Path(env["DEPLOY_DIR"], "log")
        if logs.is_dir():
            subprocess.run(["cp", "-rT", str(logs), f"{env['DEPLOY_DIR']}-logs"])
        subprocess.run(["bash", "deploy/local/down.sh"], cwd=ROOT, env=env, timeout=120)


def call(url: str, body: dict | None = None, **headers: str) -> tuple[int, dict, str]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST" if body else "GET")
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def on_primary(topology, code: str) -> str:
    """Runs Python with Django set up against the primary directly, as an operator would."""
    env = {
        **topology,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PORTS['PG_PRIMARY_PORT']}/portal",
        "DATABASE_REPLICA_URLS": "",
        "REDIS_URL": f"redis://127.0.0.1:{PORTS['REDIS_PORT']}/0",
        "DEBUG": "0",
        "SECRET_KEY": "scale-out-test",
    }
    command = [".venv/bin/python", "manage.py", "shell", "--no-imports", "-c", code]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_a_report_made_through_one_app_server_is_tracked_through_the_other(topology):
    report = {
        "violation_type": "level_tied_to_employment",
        "organisation": "某某人力资源公司",
        "region_code": GULOU_FUZHOU,
        "description": "招聘要求持有水平评价类证书方可上岗。",
    }
    status, _, text = call(f"{APP_A}/api/v1/reports/", report)
    assert status == 201, text
    code = json.loads(text)["receipt_code"]
    status, _, text = call(f"{APP_B}/api/v1/reports/track/", {"receipt_code": code})
    assert status == 200 and json.loads(text)["status"] == "received"


def test_public_reads_come_from_the_replica_and_the_edge_cache(topology):
    url = f"{PROXY}/api/v1/qualifications/?page=2"
    first, second = call(url)[1], call(url)[1]
    assert first["Cache-Control"] == f"public, max-age={EDGE_CACHE_SECONDS}"
    assert (first["X-Edge-Cache"], second["X-Edge-Cache"]) == ("MISS", "HIT")
    status, _, text = call(f"{PROXY}/readyz")
    replica = json.loads(text)["replicas"][0]
    assert status == 200 and replica["reachable"] and replica["in_read_pool"]


def test_anonymous_catalogue_pages_come_from_the_edge_cache_without_a_cookie(topology):
    for path in ["/catalogue/", "/editions/", "/"]:
        first, second = call(f"{PROXY}{path}"), call(f"{PROXY}{path}")
        assert first[0] == second[0] == 200
        assert "Set-Cookie" not in first[1] and "csrfmiddlewaretoken" not in first[2]
        assert first[1]["Cache-Control"] == f"public, max-age={EDGE_CACHE_SECONDS}"
        assert second[1]["X-Edge-Cache"] == "HIT", (path, second[1])


def test_the_edge_cache_keeps_languages_apart(topology):
    url = f"{PROXY}/editions/"
    chinese = call(url)
    assert chinese[1]["Content-Language"] == "zh-hans" and call(url)[1]["X-Edge-Cache"] == "HIT"
    by_cookie = call(url, Cookie="django_language=en")
    by_header = call(url, Accept_Language="en")
    for english in (by_cookie, by_header):
        assert english[0] == 200 and english[1]["Content-Language"] == "en", english[1]
    assert call(url, Cookie="django_language=en")[1]["X-Edge-Cache"] == "HIT"
    assert call(url)[1]["Content-Language"] == "zh-hans"


def test_forms_with_a_token_staff_pages_and_sessions_are_never_cached(topology):
    for path in ["/verify/", "/report/", "/track/", "/admin/login/"]:
        answers = [call(f"{PROXY}{path}") for _ in range(3)]
        assert all(status == 200 for status, _, _ in answers), path
        assert all(headers["X-Edge-Cache"] != "HIT" for _, headers, _ in answers), path
        assert "public" not in answers[0][1].get("Cache-Control", ""), path
    url = f"{PROXY}/catalogue/"
    call(url)
    assert call(url, Cookie="sessionid=someone")[1]["X-Edge-Cache"] == "BYPASS"


def test_the_language_switch_needs_no_token_and_never_leaves_the_site(topology):
    for _ in range(2):  # never answered from the cache: it sets the visitor's cookie
        connection = http.client.HTTPConnection("127.0.0.1", int(PORTS["NGINX_PORT"]), timeout=20)
        connection.request("GET", "/language/?language=en&next=https://evil.example/")
        response = connection.getresponse()
        assert response.status == 302 and response.getheader("Location") == "/"
        assert "django_language=en" in response.getheader("Set-Cookie")
        assert response.getheader("X-Edge-Cache") != "HIT"
        connection.close()


def test_metrics_are_scraped_from_the_app_servers_never_through_the_proxy(topology):
    status, _, text = call(f"{APP_B}/metrics")
    assert status == 200 and "django_http_requests_total_by_method_total" in text
    assert call(f"{PROXY}/metrics")[0] == 404


def test_a_catalogue_change_on_the_primary_shows_everywhere_within_the_documented_time(topology):
    pk = on_primary(
        topology,
        "from catalogue.models import Qualification as Q; "
        "print(Q.objects.order_by('pk').first().pk)",
    )
    url = f"{PROXY}/api/v1/qualifications/{pk}/"
    assert call(url)[0] == 200 and call(url)[1]["X-Edge-Cache"] == "HIT"
    marker = f"scale-out {time.time_ns()}"
    on_primary(  # through the catalogue service, which moves the catalogue's version
        topology,
        "from catalogue.models import Qualification as Q; from catalogue import services; "
        f"services.qualification_aliases_add(qualification=Q.objects.get(pk={pk}), "
        f"names=[{marker!r}])",
    )
    changed, deadline = time.monotonic(), EDGE_CACHE_SECONDS + MAX_LAG + 2
    while marker not in call(url)[2]:
        assert time.monotonic() - changed < deadline, "the change did not reach the proxy"
        time.sleep(0.25)


def test_a_rate_limit_counts_across_both_app_servers(topology):
    answers = [
        call(
            f"{server}/api/v1/certificate-verifications/",
            {"number": f"N{i}", "holder_name": "张三"},
        )
        for i, server in enumerate([APP_A, APP_B] * VERIFY_RATE)
    ]
    statuses = [status for status, _, _ in answers]
    assert statuses.count(429) == VERIFY_RATE, statuses
    assert 429 not in statuses[:VERIFY_RATE]
    # A verification writes nothing: it reads from the replica and pins no one to the primary.
    assert not any("primary_pin" in headers.get("Set-Cookie", "") for _, headers, _ in answers)


def test_a_staff_session_signed_in_on_one_app_server_is_read_on_the_other_from_redis(topology):
    on_primary(
        topology,
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_superuser('scale-out', password='Scale-out-2026!')",
    )
    with urllib.request.urlopen(f"{APP_A}/admin/login/", timeout=20) as page:
        csrf = page.headers["Set-Cookie"].split("csrftoken=")[1].split(";")[0]
        form = page.read().decode()
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    body = f"csrfmiddlewaretoken={token}&username=scale-out&password=Scale-out-2026%21"
    signed_in = http.client.HTTPConnection("127.0.0.1", int(APP_A.rsplit(":", 1)[1]), timeout=20)
    signed_in.request(
        "POST",
        "/admin/login/?next=/admin/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
    )
    answer = signed_in.getresponse()
    assert answer.status == 302, answer.read()[:500]
    cookies = [c for c in answer.headers.get_all("Set-Cookie") if c.startswith("sessionid=")]
    session = cookies[0].split("sessionid=")[1].split(";")[0]
    status, _, text = call(f"{APP_B}/admin/", Cookie=f"sessionid={session}")
    assert status == 200 and "scale-out" in text
    # Read from the shared cache (SESSION_ENGINE cached_db), kept in the database as well.
    keys = subprocess.run(
        ["redis-cli", "-p", PORTS["REDIS_PORT"], "--scan", "--pattern", f"*{session}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert session in keys
    stored = on_primary(
        topology,
        "from django.contrib.sessions.models import Session; "
        f"print(Session.objects.filter(session_key={session!r}).count())",
    )
    assert stored == "1"


# The two tests that stop a part of the topology come last: the tests above use all of it.
def test_a_stopped_app_server_loses_no_request_once_the_proxy_notices(topology):
    pid = Path(topology["DEPLOY_DIR"], "run", "app1.pid").read_text().strip()
    subprocess.run(["kill", pid], check=True)
    time.sleep(1)
    statuses = [call(f"{PROXY}/api/v1/qualifications/?page={n}&n={n}")[0] for n in range(1, 30)]
    assert set(statuses) <= {200, 404} and statuses.count(200) >= 1, statuses


def test_a_stopped_replica_sends_reads_to_the_primary_without_errors(topology):
    pgbin = subprocess.run(
        "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1",
        shell=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    replica = Path(topology["DEPLOY_DIR"], "pg", "replica")
    stop = [f"{pgbin}/pg_ctl", "-D", str(replica), "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:
        stop = ["runuser", "-u", "postgres", "--", *stop]
    subprocess.run(stop, check=True, capture_output=True)
    statuses = [call(f"{PROXY}/api/v1/editions/?n={n}")[0] for n in range(20)]
    assert statuses == [200] * 20
    status, _, text = call(f"{PROXY}/readyz")
    replica_health = json.loads(text)["replicas"][0]
    assert status == 200 and not replica_health["reachable"] and not replica_health["in_read_pool"]
