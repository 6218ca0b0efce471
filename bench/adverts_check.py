"""How long the advert check takes on a 5,000-character advert (target ≤ 100 ms).

In a throwaway PostgreSQL database loaded with the catalogue: POST /api/v1/advert-check/
through Django's test client (view, validation, the check and the JSON answer), on an
advert made of the corpus' adverts (tests/adverts/corpus) up to 5,000 and 20,000
characters. The first request (cold: catalogue names and certificate answers not yet
cached) is shown apart from the next ones (median, p95, max wall-clock time, and the median
CPU time of this process, which a busy machine inflates less). Settings: BENCH_ROUNDS (50),
DATABASE_URL.
"""

import json
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import throwaway_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
TARGET_MS = 100


def _advert(length: int) -> str:
    texts = [
        json.loads(p.read_text())["text"]
        for p in sorted((ROOT / "tests/adverts/corpus").glob("*.json"))
    ]
    text = ""
    while len(text) < length:
        text += "\n".join(texts)
    return text[:length]


def _post(client, text: str) -> tuple[float, float]:
    """Wall-clock and this process's CPU milliseconds for one request."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.post(
        "/api/v1/advert-check/",
        {"text": text, "advert_type": "job"},
        content_type="application/json",
    )
    elapsed = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200, response.content[:200]
    return elapsed


def main() -> None:
    with throwaway_database(os.environ.get("DATABASE_URL", ""), "adverts_bench") as url:
        os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="portal.settings.test")
        os.environ["RATELIMIT_ENABLE"] = "0"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = []
        call_command("migrate", verbosity=0)
        call_command("load_catalogue", stdout=StringIO())
        client = Client()
        header = ("advert", "cold ms", "median ms", "p95 ms", "max ms", "CPU ms", "target")
        print("{:>14} {:>8} {:>10} {:>7} {:>7} {:>7} {:>7}".format(*header))
        for length in (5_000, 20_000):
            text = _advert(length)
            cold = _post(client, text)[0]
            runs = [_post(client, text) for _ in range(ROUNDS)]
            warm = sorted(wall for wall, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            p95 = warm[int(len(warm) * 0.95) - 1]
            target = f"≤{TARGET_MS}" if length == 5_000 else "-"
            print(
                f"{length:>8} chars {cold:8.1f} {statistics.median(warm):10.1f} {p95:7.1f} "
                f"{warm[-1]:7.1f} {cpu:7.1f} {target:>7}"
            )
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
