"""Load generators for the bench scripts: wrk when installed, else Python threads."""

import http.client
import os
import re
import subprocess
import tempfile
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
    return _parsed(out)


def _parsed(out: str) -> LoadResult:
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


# Appended to a request script (e.g. one that varies the POST body): wrk asks `delay()` before
# every request of every connection, including the first; request k of a wrk thread is due at
# start + k / rate, and the connection that asks waits until then. A connection that asks
# after its request's due time (every connection was busy: the server fell behind) sends at
# once and is counted late, with the worst lateness: with no late request every request left
# on schedule, so wrk's latencies (from sending) are latencies from the due time, the open
# loop held and nothing was hidden by a client waiting for the server.
PACED = """
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } paced_ts;
           int clock_gettime(int, paced_ts *); ]]
local ts = ffi.new("paced_ts")
local function now_ms()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
interval, start, sent, late, worst = 0, nil, 0, 0, 0
function init(args) interval = 1000 / tonumber(args[1]) end
function delay()
  local t = now_ms()
  if start == nil then start = t + 100 end
  local due = start + sent * interval
  sent = sent + 1
  if t > due + 1 then late = late + 1; worst = math.max(worst, t - due) end
  return math.max(0, math.floor(due - t + 0.5))
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local s, l, w = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent"); l = l + t:get("late"); w = math.max(w, t:get("worst"))
  end
  io.write(string.format("PACED sent=%d late=%d worst_late_ms=%.1f\\n", s, l, w))
end
"""


@dataclass
class PacedResult(LoadResult):
    late: int = 0  # requests sent after their due time (all connections were busy)
    worst_late_ms: float = 0.0


def wrk_paced(
    url: str,
    *,
    rate: float,
    seconds: int,
    connections: int = 64,
    threads: int = 2,
    script_text: str = "",
    timeout: int = 10,
) -> PacedResult:
    """An open-loop load at a fixed `rate` (requests/s in all) with wrk, C and LuaJIT: the
    client keeps the rate on two busy cores where a Python client would fall behind.
    `script_text` is a wrk request script (without setup/delay/done) to pace."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text + PACED)
    try:
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
        command += [f"--timeout={timeout}s", "-s", script.name, url, "--", str(rate / threads)]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    result = _parsed(out)
    paced = re.search(r"PACED sent=(\d+) late=(\d+) worst_late_ms=([\d.]+)", out)
    return PacedResult(**vars(result), late=int(paced[2]), worst_late_ms=float(paced[3]))


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
