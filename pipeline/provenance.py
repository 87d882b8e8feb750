"""Provenance bookmarks: each fragment in the book sits inside ``mp_src_<opd>_<section>_<hash>``.

The bookmark is how a reviewer's comment finds its way back to the OPD that
wrote the text (:mod:`pipeline.comments`). Word accepts bookmark names of at
most 40 characters, letters, digits and underscores. A name that would be
longer keeps its first 32 characters, so an editor still reads OPD and section
in it, and ends in a hash of OPD, section and the file's content: two
fragments never share a name, however long their OPD codes and section ids
are, and however alike their openings (the draft's manifest records each name).
"""

from __future__ import annotations

import hashlib
import re

PREFIX = "mp_src_"
MAX_NAME = 40  # Word's limit
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(opd: str, section: str, digest: str) -> str:
    """The provenance bookmark of the fragment of ``opd`` for ``section`` whose file hashes to ``digest``."""
    head = _NOT_NAME.sub("_", f"{PREFIX}{opd}_{section}")
    tag = hashlib.sha256(f"{opd}\0{section}\0{digest}".encode()).hexdigest()
    if len(head) + 1 + 8 <= MAX_NAME:
        return f"{head}_{tag[:8]}"
    return f"{head[:32]}_{tag[:MAX_NAME - 33]}"


def is_provenance(name: str) -> bool:
    """Whether a bookmark name is a fragment's provenance bookmark."""
    return name.startswith(PREFIX)
