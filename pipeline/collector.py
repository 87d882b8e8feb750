"""How often Python's cycle collector runs while a book is built.

A build makes a few hundred thousand container objects (python-docx proxies,
analyses, fragment records, memo entries) and nearly all of them live until the
build ends, so the collector finds almost nothing to free while walking them
again and again. With Python's default thresholds that walking cost a cold
build's main process about 0.1 s, and the desk's resident builder a full
collection every other draft (0.17 s on the 40-fragment bench). The garbage in
cycles a build leaves is small (7 MiB on that bench). So a build runs with a
young-generation threshold above what a build allocates: the collector still
runs for a book far larger than usual, and the desk's builder collects once a
draft is done, when nobody is waiting for it. The thresholds stay so until the
process ends: put back at once, they would set off a collection of everything
the build made on the next allocation.
"""

from __future__ import annotations

import gc

RARELY = (200_000, 100, 100)  # gen0 above the ~110,000 objects tracked at the end of the bench's cold build


def collect_rarely() -> None:
    """From now on, collect at :data:`RARELY` (a process that builds: the command line, the desk's builder,
    which collects after each draft itself)."""
    gc.set_threshold(*RARELY)
