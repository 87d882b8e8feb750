"""Access by secret link: who may use the desk, without accounts.

An editor issues a link per OPD, per editor and per reviewer with ``masterplan
access``. The link carries a random token (``secrets.token_urlsafe``); the
project keeps only its SHA-256 (``submissions/access.json``), so a copy of the
project folder opens nothing. The token is a 256-bit secret, which is why one
unsalted hash is enough: there is nothing to guess from it.

A token works in three places: the link ``/masuk/<token>`` (it sets the session
cookie), the cookie itself, and ``Authorization: Bearer <token>`` on the API.
Every request looks the token up again, so a revoked link stops working at once,
also after a restart.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.publish import write_json
from pipeline.workflow.intake import locked

OPD, EDITOR, REVIEWER = "opd", "editor", "reviewer"
ROLES = (OPD, EDITOR, REVIEWER)
STORE = "access.json"  # in submissions/, beside the log: the project's state, never only in memory


@dataclass(frozen=True)
class Grant:
    """One issued link: its id (to list and revoke it), its role and, for an OPD, which one."""

    id: str
    role: str
    opd: str | None
    hash: str
    created: str
    revoked: str | None = None
    label: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None

    def public(self) -> dict:
        """What ``--list`` shows: everything but the hash."""
        return {k: v for k, v in asdict(self).items() if k != "hash"}


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def csrf_for(token: str) -> str:
    """The form token of a session: derived from its secret, so a page of another site cannot know it."""
    return hmac.new(token.encode("utf-8", "replace"), b"masterplan-csrf", hashlib.sha256).hexdigest()[:32]


class AccessStore:
    """The grants of one project, read from ``submissions/access.json`` whenever it changed."""

    def __init__(self, root: Path):
        self.folder = root / "submissions"
        self.path = self.folder / STORE
        self._seen: tuple[int, int] | None = None
        self._grants: list[Grant] = []

    def grants(self) -> list[Grant]:
        """Every grant ever issued (revoked ones included), oldest first."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._seen, self._grants = None, []
            return []
        if (st.st_mtime_ns, st.st_size) != self._seen:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._grants = [Grant(**g) for g in data.get("grants", [])]
            self._seen = (st.st_mtime_ns, st.st_size)
        return list(self._grants)

    def issue(self, role: str, opd: str | None = None, label: str | None = None,
              now: dt.datetime | None = None) -> tuple[Grant, str]:
        """A new grant and its token (the only time the token exists in clear)."""
        if role not in ROLES or (role == OPD) != bool(opd):
            raise ValueError(f"role {role!r} with opd {opd!r}")
        token = secrets.token_urlsafe(32)
        now = now or dt.datetime.now().astimezone()
        with locked(self.folder):
            grants = self.grants()
            taken = {g.id for g in grants}
            gid = secrets.token_hex(4)
            while gid in taken:
                gid = secrets.token_hex(4)
            grant = Grant(id=gid, role=role, opd=opd, hash=digest(token), label=label,
                          created=now.isoformat(timespec="seconds"))
            self._save(grants + [grant])
        return grant, token

    def revoke(self, gid: str, now: dt.datetime | None = None) -> Grant | None:
        """Revoke grant ``gid``; None when there is no such active grant."""
        now = now or dt.datetime.now().astimezone()
        with locked(self.folder):
            grants = self.grants()
            found = next((g for g in grants if g.id == gid and g.active), None)
            if found is None:
                return None
            done = Grant(**{**asdict(found), "revoked": now.isoformat(timespec="seconds")})
            self._save([done if g.id == gid else g for g in grants])
        return done

    def verify(self, token: str | None) -> Grant | None:
        """The active grant this token opens, or None."""
        if not token or len(token) > 200:
            return None
        wanted = digest(token)
        for g in self.grants():
            if g.active and hmac.compare_digest(g.hash, wanted):
                return g
        return None

    def _save(self, grants: list[Grant]) -> None:
        write_json(self.path, {"grants": [asdict(g) for g in grants]})
        self.path.chmod(0o600)
        self._seen = None


class Throttle:
    """Failed attempts per address: after ``free`` failures within ``window`` seconds, every request
    from that address waits, twice as long per further failure, up to ``longest`` seconds."""

    def __init__(self, free: int = 5, window: float = 600.0, longest: float = 8.0, clock=time.monotonic):
        self.free, self.window, self.longest, self.clock = free, window, longest, clock
        self._failures: dict[str, collections.deque] = {}

    def delay(self, address: str) -> float:
        """Seconds a request from ``address`` waits before its token is even looked at."""
        times = self._recent(address)
        over = len(times) - self.free
        return 0.0 if over < 0 else min(self.longest, 0.25 * 2 ** over)

    def failed(self, address: str) -> None:
        self._recent(address).append(self.clock())
        if len(self._failures) > 10_000:  # forget the oldest addresses rather than grow without end
            for key in list(self._failures)[:1000]:
                del self._failures[key]

    def _recent(self, address: str) -> collections.deque:
        times = self._failures.setdefault(address, collections.deque(maxlen=64))
        while times and self.clock() - times[0] > self.window:
            times.popleft()
        return times


def link(base: str, token: str) -> str:
    """The secret link a user opens: ``<desk address>/masuk/<token>``."""
    return f"{base.rstrip('/')}/masuk/{token}"
