"""gunicorn's sync worker, which answers the requests already waiting for it before it goes.

A connection nginx opened to a gunicorn waits in the port's queue until a worker takes it. When
the gunicorn stops (its master killed, or stopped by systemd), its workers finish the request in
hand and leave; once the last of them has closed its end of the port, the connections still
queued are reset. nginx sends a GET that was reset on to the other gunicorn, but not a POST,
which may have been acted on: the member's form answers 502 ("Bad gateway").

This worker, told to stop (SIGTERM: from its master, or from the kernel when the master died,
see `post_fork` in gunicorn.conf.py), first takes every connection already queued, then closes
its end of the port (so that, once its fellow workers have done the same, nginx is refused and
goes to the other gunicorn at once), then answers the connections it took, and only then goes.
A worker leaving because it served its `max_requests` does not: its master and fellow workers
keep the port open and take what is queued.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from gunicorn import util
from gunicorn.workers import sync


class SyncWorker(sync.SyncWorker):
    told_to_stop = False

    def handle_exit(self, sig: int, frame: Any) -> None:
        self.told_to_stop = True
        super().handle_exit(sig, frame)

    def run(self) -> None:
        super().run()
        if self.told_to_stop or os.getppid() != self.ppid:
            self.answer_the_waiting()

    def answer_the_waiting(self) -> None:
        waiting = []
        for listener in self.sockets:
            with contextlib.suppress(OSError):
                name = listener.getsockname()
                listener.setblocking(False)
                while True:
                    try:
                        client, address = listener.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    waiting.append((_Closed(name), client, address))
            with contextlib.suppress(OSError):
                listener.close()
        if waiting:
            self.log.info("Answering %d waiting connection(s) before leaving", len(waiting))
        for closed, client, address in waiting:
            client.setblocking(True)
            util.close_on_exec(client)
            self.handle(closed, client, address)


class _Closed:
    """A port this worker has closed its end of, as `handle` asks it: for its address only."""

    def __init__(self, name: Any) -> None:
        self.name = name

    def getsockname(self) -> Any:
        return self.name
