"""Run per-fragment work in worker processes, under a time and a memory limit.

Each worker limits its own address space (RLIMIT_AS) and arms an alarm for
every item, so a fragment that is too slow or too large gets an
:class:`Exceeded` result instead of hanging or killing the tool. A worker that
dies anyway (a crash in C code) is replaced, and the items it held are retried
one at a time so that only the guilty one is blamed.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from pipeline.orphans import die_with_parent

TIME_LIMIT = int(os.environ.get("MP_TIME_LIMIT", "20"))  # seconds per fragment
MEMORY_LIMIT = int(os.environ.get("MP_MEMORY_LIMIT", str(2 * 1024**3)))  # bytes of address space per worker


@dataclass(frozen=True)
class Exceeded:
    """The item ran past a limit: ``what`` is 'time' or 'memory' (or 'crash')."""

    what: str


class _Alarm(BaseException):
    """Raised by the per-item alarm; a BaseException so that no checker's catch-all swallows it."""


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Alarm()


def _init(memory: int, niceness: int = 0) -> None:
    die_with_parent()
    if niceness:
        os.nice(niceness)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    signal.signal(signal.SIGALRM, _on_alarm)


def _call(fn, item, seconds: int):
    signal.alarm(seconds)
    try:
        return fn(item)
    except _Alarm:
        return Exceeded("time")
    except MemoryError:
        return Exceeded("memory")
    finally:
        signal.alarm(0)


def _context():
    # fork, not forkserver: a forked worker starts with everything already imported (measured: the
    # forkserver pool cost 0.41 s for 40 fragments whose analysis takes 0.22 s). Workers only analyse
    # and return results; they never print, so the terminal's spinner thread cannot hold a lock they need.
    return mp.get_context("fork")


def map_limited(fn, items: list, *, workers: int | None = None, seconds: int = TIME_LIMIT,
                memory: int = MEMORY_LIMIT, niceness: int = 0) -> list:
    """``[fn(item) ...]`` in order, each an item's result or an :class:`Exceeded`.

    ``fn`` must be a module-level function (it is pickled to the workers), which
    run ``niceness`` steps below the caller's priority.
    """
    if not items:
        return []
    workers = workers or min(len(items), os.cpu_count() or 2, 4)
    results: list = [None] * len(items)
    pending = list(range(len(items)))
    retry_alone = False
    while pending:
        batch = pending if not retry_alone else pending[:1]
        pool = ProcessPoolExecutor(max_workers=1 if retry_alone else workers, mp_context=_context(),
                                   initializer=_init, initargs=(memory, niceness))
        futures = {i: pool.submit(_call, fn, items[i], seconds) for i in batch}
        broken = False
        for i, fut in futures.items():
            try:
                # The worker's own alarm fires first; this only catches a wedged worker.
                results[i] = fut.result(timeout=seconds * (len(batch) + 1) + 30)
            except FutureTimeout:
                results[i] = Exceeded("time")
                broken = True
            except BrokenProcessPool:
                if retry_alone:
                    results[i] = Exceeded("memory")
                broken = True
                break
        stop(pool, kill=broken)
        done = [i for i in batch if results[i] is not None]
        pending = [i for i in pending if i not in done]
        retry_alone = broken and bool(pending)
    return results


def stop(pool: ProcessPoolExecutor, kill: bool) -> None:
    """Shut a pool down; with ``kill``, end its processes first instead of waiting for their work."""
    if kill:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.kill()
        # A worker killed while it sends a result leaves half a message in the results pipe, and the pool's
        # manager thread waits for the rest of it: shutdown() would then never return. The parent's own copy
        # of the pipe's writing end is all that keeps it open once the workers are gone (the parent never
        # writes to it); closed, the thread reads the end of the pipe and gives the pool up as broken.
        results = getattr(pool, "_result_queue", None)
        if results is not None:
            results._writer.close()
    pool.shutdown(wait=True, cancel_futures=True)
