"""How fast the certificate check is, served the way production serves it.

In one run: a throwaway PostgreSQL database loaded with the catalogue, then gunicorn with
DEBUG=0 and the production settings (as bench/catalogue_speed.py). For the check API and
the check page on a few real names, each beside the hello-world view /bench/hello on the
same server: requests per second, p50/p99 and the ratio to hello-world. Then, in-process on
the same database: SQL queries per check, and a 1,000-row bulk check (CSV in, CSV and XLSX
out) timed end to end.

Targets (issue 11): ≥ 0.5× the hello-world throughput; ≤ 5 queries per check; a 1,000-row
bulk check in ≤ 5 s. Settings: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16),
BENCH_WORKERS (2), DATABASE_URL.
"""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import throwaway_database  # noqa: E402
from catalogue_speed import (  # noqa: E402
    CONNECTIONS,
    ROUNDS,
    SECONDS,
    WORKERS,
    _load,
    _load_briefly,
    _median,
    _redis_url,
    _say,
    gunicorn,
    manage,
    production_env,
)

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO, TARGET_QUERIES, TARGET_BULK_SECONDS = 0.5, 5, 5.0
NAMES = ["一级建造师", "电工证", "茶艺师", "职业技能等级证书（电工）", "国际注册茶艺大师"]
BULK_NAMES = NAMES + ["注册会计师证书", "心理咨询师", "低压电工作业", "教師資格證", "碳排放管理师"]


def _targets() -> list[tuple[str, str]]:
    targets = [(f"API {n}", f"/api/v1/certificate-check/?name={quote(n)}") for n in NAMES]
    return targets + [("page 电工证", f"/check/?name={quote('电工证')}")]


def measure(base: str) -> list:
    results = []
    for label, path in _targets():
        _load_briefly(base + path)
        pages, hellos = [], []
        for _round in range(ROUNDS):
            hellos.append(_load(f"{base}/bench/hello"))
            pages.append(_load(base + path))
        ratios = sorted(p.rps / h.rps for p, h in zip(pages, hellos, strict=True))
        results.append((label, _median(pages), _median(hellos), statistics.median(ratios)))
    return results


def in_process(env: dict) -> dict:
    child = subprocess.run(
        [sys.executable, __file__, "--in-process"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if child.returncode:
        sys.exit(f"in-process pass failed:\n{child.stderr[-2000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _in_process_here() -> None:
    import time

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates.checkbulk import as_csv, as_xlsx, bulk_check
    from certificates.checking import certificate_check

    # The snapshot (once per catalogue version) and the URL resolver (once per process).
    certificate_check(name="一级建造师").as_dict()
    queries = []
    for name in NAMES:
        with CaptureQueriesContext(connection) as captured:
            certificate_check(name=name)
        queries.append([name, len(captured)])
    # Mostly distinct rows, as an employer's list would be: every catalogue name, then with
    # a certificate word, then the sample names; 1,000 rows in all.
    from catalogue.models import Qualification

    names = [n for n in Qualification.objects.values_list("name", flat=True) if n]
    names += [f"{n}证书" for n in names] + BULK_NAMES
    rows = "\n".join(f'"{names[i % len(names)]}",,2019-06-30,' for i in range(1000))
    raw = ("name,issuer,issued_on,number\n" + rows + "\n").encode()
    started = time.perf_counter()
    result = bulk_check(raw=raw)
    checked = time.perf_counter()
    as_csv(result), as_xlsx(result)
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "queries": queries,
                "bulk_rows": len(result.rows),
                "bulk_distinct": len({r.values["name"] for r in result.rows}),
                "bulk_check_s": checked - started,
                "bulk_total_s": done - started,
            }
        )
    )


def report(results, inproc: dict) -> None:
    _say("")
    _say(f"certificate check · gunicorn gthread {WORKERS} workers · DEBUG=0")
    _say(
        f"load: {CONNECTIONS} connections; hello and check alternately,"
        f" {SECONDS} s, {ROUNDS} rounds"
    )
    _say(f"{'target':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'hello/s':>10}{'ratio':>8}  ok")
    for label, page, hello, ratio in results:
        ok = ratio >= TARGET_RATIO and not page.errors
        _say(
            f"{label:<34}{page.rps:>9.0f}{page.p50:>9.1f}{page.p99:>9.1f}{hello.rps:>10.0f}"
            f"{ratio:>8.2f}  {'yes' if ok else 'NO'}"
            + (f"  ({page.errors} errors)" if page.errors else "")
        )
    _say("")
    _say(f"SQL queries per check (target ≤ {TARGET_QUERIES})")
    for name, n in inproc["queries"]:
        _say(f"  {name:<30}{n:>3}  {'yes' if n <= TARGET_QUERIES else 'NO'}")
    total = inproc["bulk_total_s"]
    _say("")
    _say(
        f"bulk check of {inproc['bulk_rows']} rows ({inproc['bulk_distinct']} distinct): "
        f"checks {inproc['bulk_check_s']:.2f} s, "
        f"with CSV and XLSX {total:.2f} s (target ≤ {TARGET_BULK_SECONDS:.0f} s)  "
        f"{'yes' if total <= TARGET_BULK_SECONDS else 'NO'}"
    )


def main() -> int:
    if "--in-process" in sys.argv:
        _in_process_here()
        return 0
    base_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/portal"
    with throwaway_database(base_url, "bench_check") as database_url:
        env = production_env(database_url, _redis_url()) | {"RATELIMIT_ENABLE": "0"}
        _say("preparing: migrate, load_catalogue, collectstatic (DEBUG=0)")
        manage(env, "migrate", "--noinput")
        manage(env, "load_catalogue")
        manage(env, "collectstatic", "--noinput")
        inproc = in_process(env)
        with gunicorn(env) as base:
            results = measure(base)
    report(results, inproc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
