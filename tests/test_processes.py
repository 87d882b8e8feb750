"""The pools of processes a build runs beside it (:mod:`pipeline.sandbox`, :mod:`pipeline.helper`)."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import struct
import threading
from concurrent.futures import ProcessPoolExecutor

from pipeline.sandbox import stop

POOL: ProcessPoolExecutor | None = None  # the forked worker finds its results pipe here


def _die_halfway_through_a_result() -> None:
    """As a worker killed while it sends a large result: a message's length, part of it, then death."""
    writer = POOL._result_queue._writer
    os.write(writer.fileno(), struct.pack("!i", 1_000_000) + b"x" * 1000)
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_while_it_sends_a_result_does_not_hang_the_stop():
    global POOL
    POOL = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
    try:
        job = POOL.submit(_die_halfway_through_a_result)
        threading.Event().wait(0.5)  # the manager thread now waits for the rest of the message
        stopping = threading.Thread(target=stop, args=(POOL, True), daemon=True)
        stopping.start()
        stopping.join(timeout=30)
        assert not stopping.is_alive(), "stop() waits for a message that will never end"
        assert job.done() and job.exception() is not None
    finally:
        POOL = None
