"""Benchmark: the tree and coverage pages of a notice forwarded all the way down.

Builds, in a throwaway database, one national notice forwarded by 31 provinces, 341
cities and 2,728 counties (synthetic authorities under the real provincial codes), then
requests its tree and coverage pages and the API's tree through the test client,
printing the SQL queries and the server time of each (median of several runs).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python bench/notices_tree.py
"""

import os
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
RUNS = 7


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
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times), min(times)


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        root, total = build()
        client = Client()
        print(f"tree: 1 national notice, {total - 1} forwardings")
        for label, url in [
            ("tree page", f"/notices/{root.pk}/tree/"),
            ("coverage page", f"/notices/{root.pk}/coverage/"),
            ("notice page", f"/notices/{root.pk}/"),
            ("API tree", f"/api/v1/notices/{root.pk}/tree/"),
            ("API coverage", f"/api/v1/notices/{root.pk}/coverage/"),
        ]:
            queries, median, best = measure(client, url)
            print(f"{label:14} {queries} SQL queries, {median:6.1f} ms median, {best:6.1f} ms best")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
