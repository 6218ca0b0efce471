"""How long the advert check takes on a 5,000-character advert (target ≤ 100 ms server time).

In a throwaway PostgreSQL database loaded with the catalogue: POST /api/v1/advert-check/
through Django's test client, on an advert made of the corpus' adverts (tests/adverts/corpus)
up to 5,000 and 20,000 characters. Server time is the time Django's handler takes for the
request (middleware, view, validation, the check, the JSON answer), measured around
``BaseHandler.get_response``, so the test client's own work is left out; the CPU time of the
same span is shown beside it, and the machine's load average (1 min) while measuring, since
other processes on a busy machine lengthen the wall-clock time but not the CPU time. The first
request (cold: catalogue names and certificate answers not yet cached) is shown apart.
Settings: BENCH_ROUNDS (50), DATABASE_URL; BENCH_PROFILE=1 prints cProfile's top functions
of the 5,000-character check instead.
"""

import cProfile
import json
import os
import pstats
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
_server: list[tuple[float, float]] = []  # (wall ms, CPU ms) of each request in the handler


def _advert(length: int) -> str:
    texts = [
        json.loads(p.read_text())["text"]
        for p in sorted((ROOT / "tests/adverts/corpus").glob("*.json"))
    ]
    text = ""
    while len(text) < length:
        text += "\n".join(texts)
    return text[:length]


def _time_the_handler() -> None:
    from django.core.handlers.base import BaseHandler

    get_response = BaseHandler.get_response

    def timed(self, request):
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return get_response(self, request)
        finally:
            wall = (time.perf_counter() - started) * 1000
            _server.append((wall, (time.thread_time() - cpu) * 1000))

    BaseHandler.get_response = timed


def _post(client, text: str) -> tuple[float, float]:
    """Server wall-clock and CPU milliseconds of one request."""
    response = client.post(
        "/api/v1/advert-check/",
        {"text": text, "advert_type": "job"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content[:200]
    return _server[-1]


def _p95(values: list[float]) -> float:
    return sorted(values)[max(int(len(values) * 0.95) - 1, 0)]


def _measure(client) -> None:
    header = ("advert", "cold ms", "median ms", "p95 ms", "max ms", "CPU ms", "wall÷CPU", "load")
    print("{:>14} {:>8} {:>10} {:>7} {:>7} {:>7} {:>8} {:>6}  target".format(*header))
    for length in (5_000, 20_000):
        text = _advert(length)
        cold = _post(client, text)[0]
        loads = []
        runs = []
        for _ in range(ROUNDS):
            runs.append(_post(client, text))
            loads.append(os.getloadavg()[0])
        wall = [w for w, _ in runs]
        cpu = statistics.median(c for _, c in runs)
        median = statistics.median(wall)
        target = (
            f"≤{TARGET_MS} ms: median {median / TARGET_MS:.2f}× of it" if length == 5_000 else "-"
        )
        print(
            f"{length:>8} chars {cold:8.1f} {median:10.1f} {_p95(wall):7.1f} {max(wall):7.1f} "
            f"{cpu:7.1f} {median / cpu:7.1f}× {statistics.median(loads):6.1f}  {target}"
        )
    print(f"(server time per request; load = 1-min load average on {os.cpu_count()} CPUs)")


def _profile(client) -> None:
    text = _advert(5_000)
    _post(client, text)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(ROUNDS):
        _post(client, text)
    profile.disable()
    stats = pstats.Stats(profile).strip_dirs().sort_stats("cumulative")
    stats.print_stats(40)
    stats.sort_stats("tottime").print_stats(30)


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
        _time_the_handler()
        client = Client()
        (_profile if os.environ.get("BENCH_PROFILE") else _measure)(client)


if __name__ == "__main__":
    main()
