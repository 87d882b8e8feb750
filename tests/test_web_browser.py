"""Issue 15 in a real browser: Debian's chromium driven by Playwright (never `playwright install`).

The scenario: an OPD opens its link, uploads a file with an error, reads the
Indonesian diagnostic with its place, fixes the file, uploads it again and sees
"Diterima"; another OPD can neither see nor upload to that section; the
editor's board shows the change, and a draft is built from the editor's page.
Screenshots of every page go to the test's folder and to build/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.web.access import EDITOR, OPD, REVIEWER
from webdesk import CHAPTER, LiveDesk, broken_md, fixed_md, token

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run tools/setup-system.sh (make setup does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium,
                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def shoot(page, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(folder / f"{name}.png", SHOTS / f"{name}.png")


def row_of(page, section: str, opd: str):
    return page.locator(f'tr[data-section="{section}"][data-opd="{opd}"]')


def test_an_opd_fixes_its_file_in_the_browser_and_the_editor_sees_it(project, tmp_path, browser):
    (project / CHAPTER).unlink()  # Dinas Kesehatan's part has not come in; its deadline has passed
    broken, fixed = tmp_path / "bab4-kesehatan.md", tmp_path / "bab4-kesehatan-perbaikan.md"
    broken.write_bytes(broken_md())
    fixed.write_bytes(fixed_md())
    shots = tmp_path / "layar"
    links = {"dinkes": token(project, OPD, "dinkes"), "kominfo": token(project, OPD, "kominfo"),
             "editor": token(project, EDITOR), "reviewer": token(project, REVIEWER)}
    with LiveDesk(project, pdf=False) as live:
        def open_as(who: str, viewport=None):
            context = browser.new_context(viewport=viewport or {"width": 1100, "height": 900})
            page = context.new_page()
            page.goto(f"{live.url}/masuk/{links[who]}")
            page.wait_for_url(re.compile(r"/(editor|opd|reviewer)$"))  # the link's page moves on to the role's
            return page

        editor = open_as("editor")
        assert editor.url.endswith("/editor")
        assert row_of(editor, "smart-living", "dinkes").locator(".tag").inner_text() == "terlambat"
        shoot(editor, shots, "1-editor-sebelum")

        opd = open_as("dinkes")
        assert opd.url.endswith("/opd")
        card = opd.locator('section[data-section="smart-living"]')
        assert "terlambat" in card.inner_text() and "Belum ada berkas" in card.inner_text()
        assert "15 Oktober 2026" in card.inner_text() and "BAB IV" in card.inner_text()
        shoot(opd, shots, "2-opd-halaman")

        card.locator('input[type="file"]').set_input_files(str(broken))
        with opd.expect_navigation():  # the verdict is a page of its own
            card.locator('button[type="submit"]').click()
        text = opd.locator("main").inner_text()
        assert "Ditolak: 1 kesalahan" in text and "MP-E701" in text
        assert "Rujukan '@tbl:program-kesehatan-lama' tidak menunjuk ke tabel, gambar atau bagian mana pun." in text
        assert "baris 3" in text and "bab4-kesehatan.md" in text and "Saran:" in text
        refused_url = opd.url
        shoot(opd, shots, "3-hasil-ditolak")

        opd.get_by_role("link", name="Kembali").click()
        card = opd.locator('section[data-section="smart-living"]')
        assert "ditolak" in card.inner_text()  # the last upload, as the log has it
        card.locator('input[type="file"]').set_input_files(str(fixed))
        with opd.expect_navigation():  # the verdict is a page of its own
            card.locator('button[type="submit"]').click()
        assert opd.locator("#verdict").inner_text() == "Diterima, versi 1"
        shoot(opd, shots, "4-hasil-diterima")
        assert "8 rumah sakit umum daerah" in (project / CHAPTER).read_text(encoding="utf-8")

        # Another OPD: the section is not on its page, its form cannot be bent to it, the result is not its own.
        other = open_as("kominfo")
        assert other.locator('section[data-section="smart-living"]').count() == 0
        first = other.locator("form.upload").first
        first.locator('input[name="section"]').evaluate("e => e.value = 'smart-living'")
        first.locator('input[type="file"]').set_input_files(str(fixed))
        with other.expect_navigation():  # the verdict is a page of its own
            first.locator('button[type="submit"]').click()
        assert other.locator("h1").inner_text() == "Akses ditolak"
        shoot(other, shots, "5-opd-lain-ditolak")
        assert other.goto(refused_url).status == 403
        log = (project / "submissions" / "log.jsonl").read_text(encoding="utf-8")
        assert '"opd": "kominfo"' not in log

        editor.reload()
        row = row_of(editor, "smart-living", "dinkes")
        assert row.locator(".tag").inner_text() == "diterima"
        assert row.locator("td").nth(4).inner_text() == "1"
        log_rows = editor.locator("table.log tbody tr")
        assert log_rows.count() == 2 and "diterima" in log_rows.nth(0).inner_text()
        assert "bab4-kesehatan-perbaikan.md" in log_rows.nth(0).inner_text()
        shoot(editor, shots, "6-editor-sesudah")

        editor.get_by_role("button", name="Buat draf").click()
        assert "Sedang membuat draf" in editor.locator("#build").inner_text()
        shoot(editor, shots, "7-editor-membuat-draf")
        editor.wait_for_selector("text=Draf terbaru: DRAF 01", timeout=240_000)  # the page follows the build
        assert "selesai" in editor.locator("#build").get_attribute("class")
        shoot(editor, shots, "8-editor-draf-selesai")

        reviewer = open_as("reviewer")
        assert reviewer.url.endswith("/reviewer")
        assert reviewer.locator("#draf-1 a", has_text="Word (.docx)").count() == 1
        with reviewer.expect_download() as got:
            reviewer.locator("#draf-1 a", has_text="Word (.docx)").click()
        assert re.search(r"-draf-01-\d{8}\.docx$", got.value.suggested_filename)
        shoot(reviewer, shots, "9-peninjau")

        phone = open_as("dinkes", viewport=PHONE)
        shoot(phone, shots, "10-opd-ponsel")
        phone.goto(refused_url)
        shoot(phone, shots, "11-hasil-ponsel")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing runs off
