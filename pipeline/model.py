"""Typed data shared by the stages: fragments, diagnostics, build results."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Severity(str, enum.Enum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where a problem is. Markdown uses ``line``; .docx uses paragraph and table fields."""

    line: int | None = None
    paragraph: int | None = None
    heading: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    part: str | None = None

    def describe(self, lang: str = "id") -> str:
        """Human text such as ``baris 12`` or ``paragraf 4 (Latar Belakang), tabel 2 baris 3 kolom 5``."""
        from pipeline.messages import ui  # the catalogue imports this module

        words = {k: ui(f"loc.{k}", lang) for k in ("line", "paragraph", "table", "row", "column")}
        bits: list[str] = []
        if self.line is not None:
            bits.append(f"{words['line']} {self.line}")
        if self.paragraph is not None:
            bits.append(f"{words['paragraph']} {self.paragraph}")
        if self.heading:
            bits.append(f"({self.heading})")
        if self.table is not None:
            cell = f"{words['table']} {self.table}"
            if self.row is not None:
                cell += f" {words['row']} {self.row}"
            if self.column is not None:
                cell += f" {words['column']} {self.column}"
            bits.append(cell)
        if self.part:
            bits.append(self.part)
        return ", ".join(bits) if bits else "-"

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}




@dataclass(frozen=True)
class Diagnostic:
    """One content problem: a stable code, its severity, where it is, and what to do."""

    code: str
    severity: Severity
    file: str
    location: Location
    args: dict = field(default_factory=dict, compare=False, hash=False)
    opd: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class FragmentMeta:
    """Metadata a fragment declares about itself (front matter, properties or sidecar)."""

    opd: str | None = None
    section: str | None = None
    title: str | None = None
    version: str | None = None
    date: str | None = None
    contact: str | None = None
    source: str = ""  # where the metadata came from: front-matter, properties, sidecar


@dataclass
class Fragment:
    """One OPD's file for one section of the outline."""

    path: Path
    rel: str  # path relative to the project, for messages
    kind: str  # "md" or "docx"
    meta: FragmentMeta
    digest: str  # sha256 of the file bytes
    body_line: int = 1  # first line of the Markdown body (after front matter)

    @property
    def opd(self) -> str | None:
        return self.meta.opd

    @property
    def section(self) -> str | None:
        return self.meta.section
