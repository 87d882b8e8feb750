"""Issue 15: the desk under a real server: parallel uploads, a request cut off, a server killed mid-draft."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from conftest import copy_short_sample
from pipeline.config import load_config
from pipeline.web.access import EDITOR, OPD
from pipeline.workflow.intake import read_log
from webdesk import CHAPTER, SECTION, LiveDesk, fixed_md, free_port, token

DISHUB = Path("chapters/bab-04/smart-living.dishub.md")


def dishub_md(extra: str) -> bytes:
    return f"# Elemen Mobilitas\n\nAngkutan nagori dilayani 120 armada.{extra}\n".encode()


def body_of(path: Path) -> str:
    """A chapter's text after its front matter (the intake writes the metadata it filled in)."""
    return path.read_text(encoding="utf-8").split("---\n", 2)[-1]


def test_parallel_uploads_store_every_version_and_log_every_line(project, tmp_path):
    with LiveDesk(project, pdf=False, warm=False) as live:
        dinkes, dishub = token(project, OPD, "dinkes"), token(project, OPD, "dishub")
        jobs = [("web", dinkes, fixed_md(" Revisi A."), "a.md"), ("web", dinkes, fixed_md(" Revisi B."), "b.md"),
                ("web", dishub, dishub_md(" Revisi C."), "c.md"), ("cli", None, dishub_md(" Revisi D."), "d.md")]
        start = threading.Barrier(len(jobs))

        def go(job):
            how, tok, data, name = job
            start.wait()
            if how == "cli":  # the editor submits from the command line meanwhile: the store's lock holds
                sent = tmp_path / name
                sent.write_bytes(data)
                exe = Path(sys.executable).with_name("masterplan")
                proc = subprocess.run([str(exe), "submit", "--project", str(project), str(sent), "--opd", "dishub",
                                       "--section", SECTION], capture_output=True, text=True, timeout=300)
                return {"status": "diterima" if proc.returncode == 0 else proc.stderr}
            r = httpx.post(f"{live.url}/api/submit", data={"section": SECTION}, files={"file": (name, data)},
                           headers={"Authorization": f"Bearer {tok}"}, timeout=300)
            return r.json()

        with ThreadPoolExecutor(len(jobs)) as pool:
            answers = list(pool.map(go, jobs))
    assert [a["status"] for a in answers] == ["diterima"] * 4, answers
    log = [e for e in read_log(load_config(project)) if e["status"] == "diterima"]
    assert len(log) == 4
    digests = {hashlib.sha256(data).hexdigest() for _, _, data, _ in jobs}
    assert {e["sha256"] for e in log} == digests  # every upload has its line ...
    for e in log:  # ... and its stored version, byte for byte
        assert hashlib.sha256((project / e["disimpan"]).read_bytes()).hexdigest() == e["sha256"]
    for opd, chapter in (("dinkes", CHAPTER), ("dishub", DISHUB)):
        mine = [e for e in log if e["opd"] == opd]
        assert sorted(int(e["versi"]) for e in mine) == [int(mine[0]["versi"]), int(mine[0]["versi"]) + 1]
        last = next(data for _, _, data, _ in jobs if hashlib.sha256(data).hexdigest() == mine[-1]["sha256"])
        assert body_of(project / chapter) == last.decode()  # the current file is the last one accepted
    assert not list((project / "build" / "tmp").glob("mp-web-*"))


def test_a_request_cut_off_mid_upload_leaves_no_partial_file(project):
    with LiveDesk(project, pdf=False, warm=False) as live:
        tok = token(project, OPD, "dinkes")
        boundary = "batas-kiriman-7"
        data = fixed_md(" " + "Kalimat panjang. " * 120_000)  # about 2 MB
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"section\"\r\n\r\n{SECTION}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"putus.md\"\r\n"
                "Content-Type: text/markdown\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        head = (f"POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {tok}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n")
        before = (project / CHAPTER).read_bytes()
        with socket.create_connection(("127.0.0.1", live.port)) as sock:
            sock.sendall(head.encode() + body[: len(body) // 2])
            time.sleep(0.5)  # the server is reading the body now
        # The desk goes on serving, and the next upload is judged as usual.
        ok = httpx.post(f"{live.url}/api/submit", data={"section": SECTION}, files={"file": ("utuh.md", fixed_md())},
                        headers={"Authorization": f"Bearer {tok}"}, timeout=300).json()
    assert ok["status"] == "diterima"
    log = read_log(load_config(project))
    assert [e["berkas"] for e in log if e["status"] != "arsip"] == ["utuh.md"]  # the cut-off one never arrived
    stored = [p for p in (project / "submissions" / "dinkes" / SECTION).iterdir() if p.suffix == ".md"]
    assert sorted(p.read_bytes() for p in stored) == sorted([before, fixed_md()])  # the archived one and utuh.md
    assert not list((project / "build" / "tmp").glob("mp-web-*"))
    leftovers = [p for p in project.rglob("*putus*")] + [p for p in (project / "chapters").rglob(".*")]
    assert leftovers == []


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until(check, timeout: float = 300, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("timed out waiting")


class Served:
    """``masterplan serve`` as a separate process."""

    def __init__(self, project: Path, pdf: bool = True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        exe = Path(sys.executable).with_name("masterplan")
        self.proc = subprocess.Popen([str(exe), "serve", "--project", str(project), "--port", str(self.port)]
                                     + ([] if pdf else ["--no-pdf"]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until(self._up, timeout=120)

    def _up(self) -> bool:
        assert self.proc.poll() is None, self.proc.stderr.read().decode()
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def drafts(self, tok: str) -> dict:
        return httpx.get(f"{self.url}/api/drafts", headers={"Authorization": f"Bearer {tok}"}, timeout=60).json()

    def new_draft(self, tok: str) -> int:
        return httpx.post(f"{self.url}/api/drafts", headers={"Authorization": f"Bearer {tok}"}, timeout=60).status_code

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(timeout=60)


def test_a_server_killed_during_a_draft_leaves_the_previous_draft_intact(tmp_path):
    project = copy_short_sample(tmp_path / "proyek")  # the drafts' size is not the point: a shorter book
    editor = token(project, EDITOR)
    served = Served(project)
    try:
        assert served.new_draft(editor) == 202
        first = wait_until(lambda: (s := served.drafts(editor))["build"]["state"] != "berjalan" and s, every=0.3)
        assert first["build"]["state"] == "selesai", first
        drafts = project / "build" / "drafts"
        kept = {p.name: p.read_bytes() for p in drafts.iterdir()}
        assert any(n.endswith(".pdf") for n in kept) and any(n.endswith(".docx") for n in kept)
        assert served.new_draft(editor) == 202
        # Kill it while LibreOffice makes the PDF: after the book was composed, before anything is published.
        wait_until(lambda: served.drafts(editor)["build"]["step"] == "finish", every=0.05)
        helpers = children(served.proc.pid)
        assert helpers  # the builder process
        os.kill(served.proc.pid, signal.SIGKILL)
        served.proc.wait(timeout=30)
        wait_until(lambda: not any(alive(p) for p in helpers), timeout=30)
    finally:
        served.stop()
    assert {p.name: p.read_bytes() for p in drafts.iterdir() if not p.name.startswith(".")} == kept
    assert not list(drafts.glob("*-draf-02-*"))
    again = Served(project, pdf=False)  # the PDF was the step it was killed in; the restart is the point here
    try:
        assert again.drafts(editor)["build"]["state"] == "terputus"
        assert again.new_draft(editor) == 202
        done = wait_until(lambda: (s := again.drafts(editor))["build"]["state"] != "berjalan" and s, every=0.3)
        assert done["build"]["state"] == "selesai" and done["build"]["number"] == 2, done
        assert [d["number"] for d in done["drafts"]] == [2, 1]
        # Draft 2 has a predecessor: its redline is made after the draft is published, as a step of its own.
        assert "redline" in done["build"]["steps"], done
        assert 0 < done["build"]["published"] < done["build"]["seconds"], done
        assert {"redline.docx", "docx"} <= set(done["drafts"][0]["files"]), done
    finally:
        again.stop()
    for name, data in kept.items():
        assert (drafts / name).read_bytes() == data
