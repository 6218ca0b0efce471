"""Running a long service call after the request that asked for it has answered.

The call runs in a thread of the app server once the transaction that scheduled it has
committed; its progress goes to the shared cache, which the polling page reads. Without a
task queue in the stack this is the smallest thing that works: a restart during a load
rolls that load back (it is one transaction), and the file can be uploaded again.
"""

import threading
from collections.abc import Callable

from django.db import close_old_connections, connection, transaction


def run_after_commit(function: Callable[..., object], load_id: int) -> None:
    def start() -> None:
        threading.Thread(target=_run, args=(function, load_id), daemon=True).start()

    transaction.on_commit(start)


def _run(function: Callable[..., object], load_id: int) -> None:
    close_old_connections()
    try:
        function(load_id=load_id)
    finally:
        connection.close()


def run_soon(function: Callable[..., object], **kwargs) -> None:
    """Run ``function(**kwargs)`` in a thread once the current transaction (if any) commits;
    for work that keeps its state in the shared cache, not in the database."""

    def start() -> None:
        threading.Thread(target=_run_plain, args=(function, kwargs), daemon=True).start()

    transaction.on_commit(start)


def _run_plain(function: Callable[..., object], kwargs: dict) -> None:
    close_old_connections()
    try:
        function(**kwargs)
    finally:
        connection.close()
