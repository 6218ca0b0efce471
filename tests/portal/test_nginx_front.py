"""The nginx front of deploy/nginx: slow clients, body sizes, no Server header.

Behind it, 25 clients trickling request bodies no longer starve the site.

Against gunicorn alone each slow body holds a thread until it is complete; nginx reads bodies
in full before it passes a request on, so gunicorn's threads stay free for everyone else.
"""

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from .servers import gunicorn, nginx

SLOW_CLIENTS = 25
BODY_BYTES = 100_000
PROBES = 4


def _start_slow_clients(port: int, stop: threading.Event) -> list[socket.socket]:
    """Each sends its headers and then one byte of the body every second."""
    clients = []
    for _ in range(SLOW_CLIENTS):
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(
            b"POST /api/v1/reports/track/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\n"
            + f"Content-Length: {BODY_BYTES}\r\n\r\n".encode()
            + b"{"
        )
        clients.append(client)

    def trickle():
        while not stop.wait(1):
            for client in clients:
                with contextlib.suppress(OSError):
                    client.send(b" ")

    threading.Thread(target=trickle, daemon=True).start()
    return clients


def _healthy(port: int) -> int:
    """How many of PROBES health checks answer within 3 seconds."""
    answered = 0
    for _ in range(PROBES):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=3)
            answered += 1
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            pass
    return answered


def _under_attack(port: int) -> int:
    stop = threading.Event()
    clients = _start_slow_clients(port, stop)
    try:
        time.sleep(1)  # let every slow client reach the server before probing
        return _healthy(port)
    finally:
        stop.set()
        for client in clients:
            client.close()


@pytest.fixture(scope="module")
def small_gunicorn(django_db_setup):
    # Few threads make the effect plain; production has more, and more slow clients do it too.
    with gunicorn(workers=1, threads=4) as port:
        yield port


def test_slow_bodies_straight_to_gunicorn_starve_the_site(small_gunicorn):
    """The attack as the audit ran it: shows that the test can tell."""
    assert _under_attack(small_gunicorn) < PROBES


@pytest.fixture(scope="module")
def front(small_gunicorn):
    with nginx(small_gunicorn) as port:
        yield port


def test_behind_nginx_the_site_stays_healthy_under_slow_bodies(front):
    assert _under_attack(front) == PROBES


def test_neither_nginx_nor_gunicorn_names_itself(front, small_gunicorn):
    for port in (front, small_gunicorn):
        response = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10)
        assert response.headers.get("Server") is None


def test_nginx_refuses_a_json_body_over_a_megabyte(front):
    body = json.dumps({"receipt_code": "x" * 1_100_000}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{front}/api/v1/reports/track/",
        body,
        {"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413
