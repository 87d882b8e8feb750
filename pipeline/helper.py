"""The build's helper process, forked as early as the command line knows that a build will run.

The main process spends its first few tenths of a second loading the pipeline,
on one core. A helper forked then loads what it will need meanwhile, on the
other: our generating code, docxtpl and Pillow. :class:`pipeline.build.Background`
takes it over, or forks one itself (the desk's builder, a library call).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor

from pipeline import orphans
from pipeline.sandbox import stop

_EARLY: ProcessPoolExecutor | None = None
NICENESS = 5


@contextlib.contextmanager
def started_early():
    """Fork the helper now and let it load ahead; stop it at the end unless a build took it over."""
    global _EARLY
    _EARLY = _pool()
    _EARLY.submit(warm_up)
    try:
        yield
    finally:
        pool, _EARLY = _EARLY, None
        if pool is not None:
            stop(pool, kill=True)


@contextlib.contextmanager
def helper_process():
    """The helper forked early, or a new one (forked now: it starts with our modules loaded); yields its
    executor. When the build fails, the helper is stopped instead of waited for."""
    global _EARLY
    pool, _EARLY = _EARLY or _pool(), None
    try:
        yield pool
    except BaseException:
        stop(pool, kill=True)
        raise
    stop(pool, kill=False)


def warm_up() -> None:
    """Load what the helper's work needs (the generated sections, the dataset files, the documents)."""
    import pipeline.documents  # noqa: F401
    import pipeline.generate  # noqa: F401 - docxtpl
    import pipeline.programmes.charts  # noqa: F401 - Pillow


def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"), initializer=_init)


def _init() -> None:
    """The helper yields to pandoc and the main process, whose work the build waits for first."""
    orphans.die_with_parent()
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
