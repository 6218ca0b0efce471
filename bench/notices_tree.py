"""Benchmark: the tree and coverage pages of a notice forwarded all the way down, and the
import of a long document.

Builds, in a throwaway database, one national notice forwarded by 31 provinces, 341
cities and 2,728 counties (synthetic authorities under the real provincial codes), then
requests its tree and coverage pages and the API's tree and coverage through the test
client, printing side by side the SQL queries, the server time of each (median and p95
of 21 runs), the median CPU time of the app's own process, the goal, the median's share
of it and the load average (the machine is shared: read the times against it). The
coverage is computed over the 31 provinces and the 300-odd prefecture-level divisions
of GB/T 2260 (data/regions). Last, a 20-page forwarding document (the seed's chain, its
covering text grown with the body paragraphs of the corpus's real documents) is read —
it must read to the seed's chain — and imported, twice.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/notices_tree.py
"""

import os
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

CITIES_PER_PROVINCE = 11
COUNTIES_PER_CITY = 8
RUNS = 21


def build():
    from authorities.models import Authority, Level
    from notices import authoritynames
    from notices.models import Notice, NoticeStatus

    day = date(2017, 9, 12)

    def notices_for(authorities, parents, offset):
        return Notice.objects.bulk_create(
            Notice(
                issuer=a,
                title=f"{a.name}转发人力资源社会保障部关于公布国家职业资格目录的通知",
                doc_number=f"合成{a.division_code}〔2017〕{n + 1}号",
                issued_on=day + timedelta(days=offset + n % 20),
                forwards=parents[a.parent_id],
                status=NoticeStatus.PUBLISHED,
            )
            for n, a in enumerate(authorities)
        )

    ministry = Authority.objects.create(name="人力资源社会保障部", level=Level.NATIONAL)
    root = Notice.objects.create(
        issuer=ministry,
        title="人力资源社会保障部关于公布国家职业资格目录的通知",
        doc_number="人社部发〔2017〕68号",
        issued_on=day,
        status=NoticeStatus.PUBLISHED,
    )
    provinces = Authority.objects.bulk_create(
        Authority(name=f"{p}人社", level=Level.PROVINCIAL, division_code=c, parent=ministry)
        for p, c in authoritynames.PROVINCES.items()
    )
    cities = Authority.objects.bulk_create(
        Authority(
            name=f"{p.name}第{i}市",
            level=Level.MUNICIPAL,
            division_code=f"{p.division_code[:2]}{i:02d}00",
            parent=p,
        )
        for p in provinces
        for i in range(1, CITIES_PER_PROVINCE + 1)
    )
    counties = Authority.objects.bulk_create(
        Authority(
            name=f"{c.name}第{i}县",
            level=Level.COUNTY,
            division_code=f"{c.division_code[:4]}{i:02d}",
            parent=c,
        )
        for c in cities
        for i in range(1, COUNTIES_PER_CITY + 1)
    )
    by_issuer = {ministry.pk: root}
    for level, offset in ((provinces, 10), (cities, 30), (counties, 50)):
        by_issuer |= {n.issuer_id: n for n in notices_for(level, by_issuer, offset)}
    return root, len(by_issuer)


def measure(client, url):
    """Queries, then wall-clock median and p95, and the median CPU time of this (the app
    server's) process, which a busy machine stretches far less than the wall clock."""
    times, cpu, queries = [], [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times), _p95(times), statistics.median(cpu)


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def _load() -> str:
    return "/".join(f"{n:.1f}" for n in os.getloadavg())


GOALS = {"coverage page": (5, 150), "API coverage": (5, 150)}
PAGE_CHARS = 22 * 28  # a GB/T 9704 page: 22 lines of 28 characters
IMPORT_GOAL_MS = 1000
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "notices" / "corpus"
SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "000_fc6201608e7ab29d.txt"
_PROSE = re.compile(r"^[\s　]*[^\s《》〔〕]{60,}[。；]\s*$")


def long_document(pages: int = 20) -> str:
    """The seed's chain with the city's covering text grown to `pages` pages by the body
    paragraphs of the corpus's real documents (their own prose, not random characters),
    as an 实施意见 appended to a forwarding notice would make it."""
    text = SEED.read_text(encoding="utf-8")
    head, marker, tail = text.partition("各县（市）区人民政府、市直各部门、各直属机构：")
    paragraphs = [
        line.strip()
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if _PROSE.match(line) and "转发" not in line and "印发" not in line
    ]
    body, n = [], 0
    while sum(map(len, body)) < pages * PAGE_CHARS - len(text):
        body.append(f"　　{paragraphs[n % len(paragraphs)]}")
        n += 1
    return f"{head}{marker}\n" + "\n".join(body) + f"\n{tail}"


def measure_import():
    from notices.importer import chain_as_json, parse_document
    from notices.services import notice_chain_import

    text = long_document()
    pages = len(text) / PAGE_CHARS
    wanted = [n["doc_number"] for n in chain_as_json(parse_document(SEED.read_text()).chain)]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        report = parse_document(text)
        times.append((time.perf_counter() - start) * 1000)
    read = [n["doc_number"] for n in chain_as_json(report.chain)]
    assert read == wanted, (read, wanted)  # the long text reads to the seed's chain
    print(
        f"read a {pages:.0f}-page document ({len(text)} characters, {len(read)} notices): "
        f"{statistics.median(times):6.1f} ms median, {_p95(times):6.1f} ms p95 "
        f"(goal ≤ {IMPORT_GOAL_MS} ms; load {_load()})"
    )
    for layout, squash in (("on one line", r"\s*\n\s*"), ("without whitespace", r"\s+")):
        squashed = re.sub(squash, " " if layout == "on one line" else "", text)
        start = time.perf_counter()
        found = len(parse_document(squashed).chain)
        elapsed = (time.perf_counter() - start) * 1000
        print(f"  the same {layout}: {elapsed:6.1f} ms, {found} notices read")
    for attempt in ("first", "second"):
        start = time.perf_counter()
        result = notice_chain_import(text=text)
        elapsed = (time.perf_counter() - start) * 1000
        made = len(result.created_notices)
        print(
            f"import, {attempt} run: {elapsed:6.1f} ms, {made} notices created "
            f"(goal ≤ {IMPORT_GOAL_MS} ms, {elapsed / IMPORT_GOAL_MS:.2f} of it)"
        )


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        root, total = build()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics, as autovacuum keeps them on a live database
        client = Client()
        print(f"tree: 1 national notice, {total - 1} forwardings; {RUNS} runs each")
        print(
            f"{'':14} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7} "
            f"{'goal':>14} {'median/goal':>11}  load (1/5/15 min)"
        )
        for label, url in [
            ("tree page", f"/notices/{root.pk}/tree/"),
            ("coverage page", f"/notices/{root.pk}/coverage/"),
            ("notice page", f"/notices/{root.pk}/"),
            ("API tree", f"/api/v1/notices/{root.pk}/tree/"),
            ("API coverage", f"/api/v1/notices/{root.pk}/coverage/"),
        ]:
            queries, median, p95, cpu = measure(client, url)
            goal = GOALS.get(label)
            wanted = f"≤{goal[0]} q, ≤{goal[1]} ms" if goal else "—"
            ratio = f"{median / goal[1]:.2f}" if goal else "—"
            print(
                f"{label:14} {queries:>7} {median:>10.1f} {p95:>8.1f} {cpu:>7.1f} {wanted:>14} "
                f"{ratio:>11}  {_load()}"
            )
        measure_import()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
