"""Load generators for the bench scripts: wrk when installed, else Python threads."""

import http.client
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class LoadResult:
    rps: float
    p50: float  # milliseconds
    p99: float
    errors: int = 0


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS_MS[unit]


def wrk_load(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    script: str | None = None,
    timeout: int = 2,
) -> LoadResult:
    """Run wrk with its latency distribution; non-2xx answers count as errors.

    `script` is a wrk Lua script (a file path), e.g. one that varies each request; a request
    unanswered after `timeout` seconds (wrk's default: 2) counts as a socket error."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += [f"--timeout={timeout}s", url]
    if script:
        command[1:1] = ["-s", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = int(non_2xx[1]) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors[1]))
    return LoadResult(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        p50=_ms(percentiles["50"]),
        p99=_ms(percentiles["99"]),
        errors=errors,
    )


def python_load(url: str, *, seconds: int, connections: int) -> LoadResult:
    """Keep-alive connections in threads: slower than wrk, but needs nothing installed."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < deadline:
            started = time.monotonic()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            latencies.append((time.monotonic() - started) * 1000)
            errors[0] += response.status >= 400

    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies.sort()
    return LoadResult(
        rps=len(latencies) / seconds,
        p50=latencies[len(latencies) // 2],
        p99=latencies[int(len(latencies) * 0.99)],
        errors=errors[0],
    )
