"""Issue 15: the web desk, in process (FastAPI's TestClient): links, roles, uploads, verdicts, downloads."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from fastapi.testclient import TestClient

from pipeline import cli
from pipeline.config import load_config
from pipeline.web.access import EDITOR, OPD, REVIEWER, AccessStore
from pipeline.web.app import create_app
from pipeline.web.desk import Desk
from pipeline.workflow.intake import read_log
from webdesk import CHAPTER, SECTION, broken_md, csrf_of, fixed_md, login, token

async def no_wait(seconds: float) -> None:
    """Throttled requests answer at once in tests (the throttle's own test records the waits)."""


@pytest.fixture
def desk(project) -> Desk:
    d = Desk(project, pdf=False, warm=False)
    d.sleep = no_wait
    return d


@pytest.fixture
def client(desk):
    with TestClient(create_app(desk)) as c:
        yield c


def other(client) -> TestClient:
    """A second browser on the same running desk (its own cookies)."""
    return TestClient(client.app)


def send(client, csrf: str, data: bytes, name: str = "smart-living.dinkes.md", section: str = SECTION, **fields):
    return client.post("/opd/kirim", data={"csrf": csrf, "section": section, **fields},
                       files={"file": (name, data)}, follow_redirects=True)


def verdict_of(html: str) -> str:
    return re.search(r'<h1 id="verdict">([^<]+)</h1>', html).group(1)


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


# -- access by secret link ----------------------------------------------------------------------------------
def test_links_are_issued_listed_and_revoked_and_only_their_hashes_are_kept(project, client):
    made = invoke("access", "--project", str(project), "--opd", "Dinas Kesehatan", "--format", "json",
                  "--url", "https://meja.example")
    assert made.exit_code == 0, made.output
    link = json.loads(made.stdout)
    assert set(link) == {"id", "role", "opd", "token", "url"}
    assert link["role"] == "opd" and link["opd"] == "dinkes"  # a registered name is read as the OPD's code
    assert link["url"] == f"https://meja.example/masuk/{link['token']}" and len(link["token"]) >= 40
    every = json.loads(invoke("access", "--project", str(project), "--every-opd", "--format", "json").stdout)
    owners = {p.owner for p in load_config(project).config.expected_parts()}
    assert {e["opd"] for e in every} == owners and len(every) == len(owners)

    stored = (project / "submissions" / "access.json").read_text(encoding="utf-8")
    assert link["token"] not in stored and all(e["token"] not in stored for e in every)
    assert hashlib.sha256(link["token"].encode()).hexdigest() in stored
    listed = json.loads(invoke("access", "--project", str(project), "--list", "--format", "json").stdout)
    assert link["id"] in {g["id"] for g in listed} and all("token" not in g and "hash" not in g for g in listed)

    assert login(client, link["token"])  # the link works ...
    assert client.get("/opd").status_code == 200
    revoked = invoke("access", "--project", str(project), "--revoke", link["id"])
    assert revoked.exit_code == 0
    assert client.get("/opd").status_code == 403  # ... and stops working at once, cookie or not
    assert other(client).get(f"/masuk/{link['token']}").status_code == 403
    assert invoke("access", "--project", str(project), "--revoke", link["id"]).exit_code == 2
    assert invoke("access", "--project", str(project), "--opd", "dinas-tidak-ada").exit_code == 2


def test_the_link_sets_a_strict_httponly_cookie_and_every_answer_has_a_policy(project, client):
    enter = client.get(f"/masuk/{token(project, OPD, 'dinkes')}")
    cookie = enter.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/" in cookie
    assert 'http-equiv="refresh" content="0; url=/opd"' in enter.text
    for response in (enter, client.get("/opd"), client.get("/api/status"), client.get("/static/desk.css")):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/opd").headers["cache-control"] == "no-store"


def test_a_missing_or_wrong_token_gets_the_same_bare_403_everywhere(project, client):
    token(project, OPD, "dinkes")
    stranger = other(client)
    paths = ["/", "/opd", "/editor", "/reviewer", "/opd/hasil/0123456789abcdef", "/unduh/formulir/smart-living",
             "/unduh/draf/1/docx", "/tidak-ada", "/masuk/salah", "/api/status", "/api/drafts", "/api/openapi.json",
             "/api/tidak-ada"]
    bodies = set()
    for path in paths:
        for headers in ({}, {"Authorization": "Bearer salah"}, {"Cookie": "mp_sesi=salah"}):
            r = stranger.get(path, headers=headers)
            assert r.status_code == 403, (path, headers)
            bodies.add((path.startswith("/api/"), r.text))
        assert stranger.post(path).status_code == 403
    assert len(bodies) == 2  # one page, one JSON body: nothing differs by what exists
    for _, body in bodies:
        assert "Simalungun" not in body and "dinkes" not in body and "Kesehatan" not in body


def test_repeated_failures_from_one_address_are_slowed_down(project, desk, client):
    waits: list[float] = []

    async def record(seconds):
        waits.append(seconds)

    desk.sleep = record
    for _ in range(8):
        assert client.get("/opd", headers={"Authorization": "Bearer salah"}).status_code == 403
    assert waits == [0.25, 0.5, 1.0]  # five free failures, then each one doubles the wait
    good = token(project, EDITOR)
    assert client.get("/editor", headers={"Authorization": f"Bearer {good}"}).status_code == 200
    assert waits[-1] == 2.0  # a valid token from that address waits too: guessing stays slow
    assert client.get("/api/status").status_code == 403 and waits[-1] == 2.0  # no token at all: not counted


# -- the OPD's page ---------------------------------------------------------------------------------------------
def test_an_opd_sees_its_own_sections_with_chapter_deadline_version_and_verdict(project, client):
    (project / CHAPTER).unlink()  # not received yet, and past its deadline (15 Oktober 2026)
    login(client, token(project, OPD, "dinkes"))
    page = client.get("/opd").text
    assert re.findall(r'data-section="([^"]+)"', page) == ["smart-living"]
    assert "BAB IV STRATEGI PEMBANGUNAN SMART CITY" in page.upper()
    assert "15 Oktober 2026" in page and ">terlambat<" in page and "Belum ada berkas" in page
    assert "/unduh/formulir/smart-living" in page
    form = client.get("/unduh/formulir/smart-living")
    assert form.headers["content-disposition"] == 'attachment; filename="smart-living.dinkes.docx"'
    blank = docx.Document(io.BytesIO(form.content))
    assert "Dinas Kesehatan" in "\n".join(p.text for p in blank.paragraphs)
    kominfo = other(client)
    login(kominfo, token(project, OPD, "kominfo"))
    page = kominfo.get("/opd").text
    assert "smart-living" not in re.findall(r'data-section="([^"]+)"', page)
    assert "versi 3" in page  # smart-governance.kominfo.docx is version 3 in the sample
    assert kominfo.get("/unduh/formulir/smart-living").status_code == 403


def test_an_upload_with_an_error_is_refused_with_its_place_then_the_fixed_file_is_accepted(project, client):
    before = (project / CHAPTER).read_bytes()
    csrf = login(client, token(project, OPD, "dinkes"))
    refused = send(client, csrf, broken_md(), name="bab4 kesehatan (revisi).md")
    assert refused.status_code == 200 and "/opd/hasil/" in str(refused.url)
    page = refused.text
    assert verdict_of(page).startswith("Ditolak: 1 kesalahan")
    assert "MP-E701" in page and "baris 3" in page and "bab4 kesehatan (revisi).md" in page
    assert "Rujukan &#39;@tbl:program-kesehatan-lama&#39; tidak menunjuk" in page
    assert "Periksa ejaan id" in page  # the hint
    assert "build/tmp" not in page  # the file is named as the OPD named it, not where the desk kept it
    assert (project / CHAPTER).read_bytes() == before
    report = client.get(re.search(r'href="(/unduh/laporan/[0-9a-f]+)"', page).group(1))
    assert report.status_code == 200 and "MP-E701" in report.text and "Dinas Kesehatan" in report.text
    assert report.headers["content-type"].startswith("text/html") and "attachment" in report.headers[
        "content-disposition"]
    assert "<table>" in report.text and "{#tbl:program-kesehatan-lama}" in report.text  # a page, no Markdown escapes

    accepted = send(client, csrf, fixed_md(), name="bab4 kesehatan (revisi 2).md")
    assert verdict_of(accepted.text) == "Diterima, versi 3"  # the sample's chapter is version 2
    assert "MP-E" not in accepted.text
    current = (project / CHAPTER).read_text(encoding="utf-8")
    assert "8 rumah sakit umum daerah" in current and "version: '3'" in current
    log = read_log(load_config(project))
    assert [(e["status"], e["berkas"]) for e in log if e["status"] != "arsip"] == [
        ("ditolak", "bab4 kesehatan (revisi).md"), ("diterima", "bab4 kesehatan (revisi 2).md")]
    assert all(e["oleh"].startswith("tautan ") for e in log if e["status"] != "arsip")  # the link, not the server's user
    stored = project / log[-1]["disimpan"]
    assert stored.read_bytes() == fixed_md()
    assert yaml.safe_load(stored.with_suffix(".yml").read_text())["berkas_asli"] == "bab4 kesehatan (revisi 2).md"
    page = client.get("/opd").text
    assert "versi 3" in page and "diterima" in page
    same = send(client, csrf, fixed_md())
    assert verdict_of(same.text).startswith("Tidak ada perubahan")
    assert not list((project / "build" / "tmp").glob("mp-web-*"))  # every upload's folder is gone


def test_another_opd_can_neither_see_nor_upload_to_that_section(project, client):
    csrf = login(client, token(project, OPD, "dinkes"))
    mine = send(client, csrf, broken_md())
    result = str(mine.url).split("testserver")[1]
    intruder = other(client)
    their_csrf = login(intruder, token(project, OPD, "kominfo"))
    log_before = read_log(load_config(project))
    chapter = (project / CHAPTER).read_bytes()
    assert send(intruder, their_csrf, fixed_md()).status_code == 403
    assert intruder.get(result).status_code == 403
    assert intruder.get(result.replace("/opd/hasil/", "/unduh/laporan/")).status_code == 403
    r = intruder.post("/api/submit", data={"section": SECTION}, files={"file": ("x.md", fixed_md())},
                      headers={"Authorization": "Bearer " + token(project, OPD, "kominfo")})
    assert r.status_code == 403
    assert read_log(load_config(project)) == log_before and (project / CHAPTER).read_bytes() == chapter
    assert not (project / "submissions" / "kominfo").exists()


def test_form_posts_need_the_session_form_token(project, client):
    login(client, token(project, OPD, "dinkes"))
    stranger = other(client)
    stranger_csrf = login(stranger, token(project, OPD, "dinkes"))
    for csrf in ("", "0" * 32, stranger_csrf):  # another session's token is no good either
        assert send(client, csrf, fixed_md()).status_code == 403
    assert not read_log(load_config(project))
    editor = other(client)
    login(editor, token(project, EDITOR))
    assert editor.post("/editor/draf", data={"csrf": "x"}).status_code == 403
    assert editor.post("/api/drafts").status_code == 403  # the page's cookie without the header


def test_an_upload_over_the_cap_is_refused_while_it_streams_in(project, client):
    cfg = yaml.safe_load((project / "masterplan.yml").read_text(encoding="utf-8"))
    cfg["limits"] = {"file_mb": 1}
    (project / "masterplan.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    csrf = login(client, token(project, OPD, "dinkes"))
    big = fixed_md() + b"Kalimat panjang. " * 100_000  # 1.7 MB
    r = send(client, csrf, big, name="besar.md")
    assert r.status_code == 413
    assert verdict_of(r.text).startswith("Ditolak") and "MP-E616" in r.text
    assert "Berkas melebihi batas ukuran berkas (MB): 1.6, batasnya 1." in r.text
    assert not read_log(load_config(project)) and not list((project / "build" / "tmp").glob("mp-web-*"))
    api = client.post("/api/submit", data={"section": SECTION}, files={"file": ("besar.md", big)},
                      headers={"Authorization": "Bearer " + token(project, OPD, "dinkes")})
    assert api.status_code == 413 and api.json()["diagnostics"][0]["code"] == "MP-E616"


def test_file_names_and_contents_are_escaped(project, client):
    csrf = login(client, token(project, OPD, "dinkes"))
    name = '<img src=x onerror=alert(1)>.md'
    body = "# <script>alert('judul')</script>\n\nLihat @tbl:tidak-ada.\n".encode()
    page = send(client, csrf, body, name=name).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.md" in page
    assert "<script>alert" not in page
    editor = other(client)
    login(editor, token(project, EDITOR))
    board = editor.get("/editor").text
    assert "<img src=x" not in board and "&lt;img src=x onerror=alert(1)&gt;.md" in board


# -- the API --------------------------------------------------------------------------------------------------
def test_api_submit_gives_the_verdict_in_the_schema_of_validate_json(project, client, tmp_path):
    sent = tmp_path / "kiriman.md"
    sent.write_bytes(broken_md())
    checked = invoke("validate", "--project", str(project), str(sent), "--opd", "dinkes", "--section", SECTION,
                     "--format", "json")
    expected = json.loads(checked.stdout)
    r = client.post("/api/submit", data={"section": SECTION}, files={"file": ("kiriman.md", broken_md())},
                    headers={"Authorization": "Bearer " + token(project, OPD, "dinkes")})
    assert r.status_code == 200
    got = r.json()
    assert {"files", "filled", "diagnostics"} <= set(got) and got["files"] == ["kiriman.md"]
    assert got["status"] == "ditolak" and got["accepted"] is False
    assert got["filled"] == expected["filled"]
    for d in expected["diagnostics"]:
        d["file"] = "kiriman.md"
    assert got["diagnostics"] == expected["diagnostics"]
    ok = client.post("/api/submit?lang=en", data={"section": SECTION}, files={"file": ("kiriman.md", fixed_md())},
                     headers={"Authorization": "Bearer " + token(project, OPD, "dinkes")}).json()
    assert ok["status"] == "diterima" and ok["message"] == "Accepted, version 3" and ok["version"] == "3"
    # An editor submits for any OPD, naming it.
    editor = token(project, EDITOR)
    again = client.post("/api/submit", data={"section": SECTION, "opd": "dinkes"},
                        files={"file": ("kiriman.md", fixed_md(" Revisi editor."))},
                        headers={"Authorization": f"Bearer {editor}"}).json()
    assert again["message"] == "Diterima, versi 4"


def test_api_roles_see_what_they_may(project, desk, client):
    opd, editor, reviewer = (token(project, OPD, "dinkes"), token(project, EDITOR), token(project, REVIEWER))

    def get(path, tok):
        return client.get(path, headers={"Authorization": f"Bearer {tok}"})

    from pipeline.workflow import status as S

    cfg = load_config(project)
    everything = S.to_json(S.collect(cfg, dt.date.today()), dt.date.today(), S.editor_comments(cfg))
    assert get("/api/status", editor).json() == json.loads(json.dumps(everything))
    mine = get("/api/status", opd).json()
    assert {r["opd"] for r in mine["bagian"]} == {"dinkes"} and list(mine["per_opd"]) == ["dinkes"]
    assert get("/api/status", reviewer).status_code == 403
    assert get("/api/drafts", opd).status_code == 403
    assert get("/api/drafts", reviewer).json() == {"build": desk.builder.state(), "drafts": []}
    assert get("/api/log", opd).status_code == 403 and get("/api/log", editor).json() == []
    assert client.post("/api/submit", headers={"Authorization": f"Bearer {reviewer}"}).status_code == 403
    assert get("/editor", opd).status_code == 403 and get("/reviewer", opd).status_code == 403
    assert get("/opd", reviewer).status_code == 403
    schema = get("/api/openapi.json", reviewer).json()
    assert {"/api/submit", "/api/status", "/api/drafts"} <= set(schema["paths"])


def test_downloads_are_found_by_id_never_by_a_path(project, client):
    editor = token(project, EDITOR)
    auth = {"Authorization": f"Bearer {editor}"}
    drafts = project / "build" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "masterplan-smart-city-simalungun-draf-01-20261201.docx").write_bytes(b"PK draf")
    (drafts / "masterplan-smart-city-simalungun-draf-01-changes.html").write_text("<h1>Perubahan</h1>")
    assert client.get("/unduh/draf/1/docx", headers=auth).content == b"PK draf"
    changes = client.get("/unduh/draf/1/changes.html", headers=auth)
    assert changes.headers["content-security-policy"].endswith("sandbox")  # opened in the browser, inert
    for path in ("/unduh/draf/1/..%2F..%2F..%2Fmasterplan.yml", "/unduh/draf/1/../../masterplan.yml",
                 "/unduh/draf/..%2Fmasterplan.yml/docx", "/unduh/formulir/..%2F..%2Fmasterplan.yml?kode=dinkes",
                 "/unduh/laporan/..%2F..%2Fmasterplan.yml", "/opd/hasil/..%2F..%2Fsubmissions%2Faccess",
                 "/unduh/draf/2/docx", "/static/..%2F..%2Fdesk.py", "/static/../desk.py"):
        r = client.get(path, headers=auth)
        assert r.status_code in (403, 404), path
        assert "region:" not in r.text and "grants" not in r.text and "import" not in r.text


def test_the_editor_builds_drafts_one_at_a_time_and_reviewers_download_them(project):
    desk = Desk(project, pdf=False)
    with TestClient(create_app(desk)) as client:
        csrf = login(client, token(project, EDITOR))
        first = client.post("/editor/draf", data={"csrf": csrf})
        assert first.status_code == 200 and str(first.url).endswith("/editor?draf=mulai#draf")
        assert "Sedang membuat draf" in first.text
        second = client.post("/editor/draf", data={"csrf": csrf})
        assert 'id="busy"' in second.text and "Draf lain sedang dibuat" in second.text
        assert client.post("/api/drafts", headers={"X-CSRF-Token": csrf}).status_code == 409
        state = wait_for_draft(client)
        assert state["state"] == "selesai" and state["number"] == 1, state
        page = client.get("/editor").text
        assert "Draf terbaru: DRAF 01" in page and "/unduh/draf/1/docx" in page
        reviewer = other(client)
        login(reviewer, token(project, REVIEWER))
        listed = reviewer.get("/reviewer").text
        assert 'id="draf-1"' in listed and "Laporan perubahan" in listed
        book = reviewer.get("/unduh/draf/1/docx")
        on_disk = next((project / "build" / "drafts").glob("*-draf-01-*.docx"))
        assert book.content == on_disk.read_bytes()
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(book.content)).paragraphs)
        assert "Kabupaten Simalungun memiliki 45 puskesmas" in text
        assert reviewer.get("/unduh/draf/1/changes.html").status_code == 200
        assert reviewer.post("/editor/draf", data={"csrf": ""}).status_code == 403


def wait_for_draft(client, timeout: float = 240) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get("/api/drafts").json()["build"]
        if state["state"] != "berjalan":
            return state
        time.sleep(0.3)
    raise AssertionError("the draft did not finish")


def test_an_opd_reads_the_reviewers_comments_on_its_own_text_only(project, client):
    folder = project / "build" / "comments"
    folder.mkdir(parents=True)
    (folder / "dinkes.html").write_text("<h1>Komentar untuk Dinas Kesehatan</h1>", encoding="utf-8")
    login(client, token(project, OPD, "dinkes"))
    assert "/unduh/komentar" in client.get("/opd").text
    got = client.get("/unduh/komentar")
    assert got.status_code == 200 and "Komentar untuk Dinas Kesehatan" in got.text
    assert got.headers["content-security-policy"].endswith("sandbox")
    kominfo = other(client)
    login(kominfo, token(project, OPD, "kominfo"))
    assert "/unduh/komentar" not in kominfo.get("/opd").text
    assert kominfo.get("/unduh/komentar").status_code == 403
    assert kominfo.get("/unduh/komentar?kode=dinkes").status_code == 403  # an OPD cannot name another


def test_a_bug_of_ours_is_saved_and_never_blamed_on_the_file(project, desk, client, monkeypatch):
    csrf = login(client, token(project, OPD, "dinkes"))

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the desk")

    monkeypatch.setattr(desk, "submit", broken)
    same = TestClient(client.app, raise_server_exceptions=False)  # the same running desk, not started twice
    same.cookies = client.cookies
    r = same.post("/opd/kirim", data={"csrf": csrf, "section": SECTION}, files={"file": ("x.md", fixed_md())})
    assert r.status_code == 500 and "bukan kesalahan berkas Anda" in r.text
    saved = list((project / "build").glob("masterplan-crash-*.txt"))
    assert len(saved) == 1 and "a bug in the desk" in saved[0].read_text(encoding="utf-8")
    assert str(saved[0]) in r.text
    assert not list((project / "build" / "tmp").glob("mp-web-*"))


# -- a start of the desk -----------------------------------------------------------------------------------
def test_each_start_repairs_what_an_interrupted_submit_left(project):
    folder = project / "submissions" / "dinkes" / SECTION
    folder.mkdir(parents=True)
    (folder / "20261201T101010-abcdef123456.md").write_bytes(fixed_md())  # stored, never logged
    stale = project / "build" / "tmp" / "mp-web-999999-abc"  # an upload folder of a server that is gone
    stale.mkdir(parents=True)
    (stale / "setengah.docx").write_bytes(b"PK")
    desk = Desk(project, pdf=False, warm=False)
    with TestClient(create_app(desk)):
        log = read_log(load_config(project))
        assert [e["status"] for e in log] == ["tidak-selesai"]
        assert not stale.exists()


def test_pages_speak_english_with_the_switch(project):
    desk = Desk(project, lang="en", pdf=False, warm=False)
    with TestClient(create_app(desk)) as client:
        csrf = login(client, token(project, OPD, "dinkes"))
        assert "Sections written by Dinas Kesehatan" in client.get("/opd").text
        page = send(client, csrf, broken_md()).text
        assert verdict_of(page).startswith("Refused: 1 errors") and "points to no table, figure or section" in page
        assert "line 3" in page


def test_the_board_counts_a_comment_taken_in_after_it_was_shown(project, desk):
    """The board is kept between requests; a reviewer's comment logged since (by `masterplan comments`)
    shows in its open comments column at once."""
    from pipeline.comments.log import append

    today = dt.date(2026, 10, 20)
    row = next(r for r in desk.board(today) if r.section == SECTION and r.opd == "dinkes")
    assert row.comments == 0
    append(project, [{"kunci": "k1", "tujuan": [{"section": SECTION, "opd": "dinkes"}]}])
    row = next(r for r in desk.board(today) if r.section == SECTION and r.opd == "dinkes")
    assert row.comments == 1
