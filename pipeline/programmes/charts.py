"""Charts of the programme dataset, drawn with Pillow at print resolution, with Indonesian labels.

Okabe–Ito colours (safe for colour-blind readers). Amounts are shown in
miliar rupiah with Indonesian decimal commas. The Gantt roadmap draws one bar
per programme when they fit on one page (``GANTT_ROWS``); a larger roadmap is
drawn as an overview, one row per dimension and element with the number of
programmes running each year, because the per-programme detail is already in
the roadmap table and ten pages of bars repeat it.

The charts are bars, lines and text on axes that never rotate, so they are laid
out here in pixels (:class:`Chart`) and painted by Pillow. matplotlib drew them
before; loading it cost about 0.8 s of CPU and drawing the three charts 0.45 s,
on the helper process that a first build waits for (Pillow: under 0.1 s).
"""

from __future__ import annotations

import hashlib
import io
import math
import pickle
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

from babel.numbers import format_decimal
from PIL import Image, ImageDraw, ImageFont

from pipeline.programmes.summary import Rekap

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# 200 dpi: about 210 dpi at the 15 cm print width, where bars and 7-8 pt labels print sharply.
DPI = 200
GANTT_ROWS = 40
WIDTH_IN = 6.2
INK, GRID = (38, 38, 38, 255), (176, 176, 176, 255)
FONT_FILES = ("LiberationSans-Regular.ttf", "DejaVuSans.ttf", "Carlito-Regular.ttf")  # Debian's fonts
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/crosextra")


def _px(value_in: float) -> int:
    return round(value_in * DPI)


def _pt(size: float) -> int:
    return round(size * DPI / 72)


@lru_cache(maxsize=16)
def font(size_pt: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The chart font at ``size_pt`` points: Liberation Sans (metric twin of Arial, the book's font),
    else DejaVu Sans, else Pillow's own."""
    for name in FONT_FILES:
        for folder in ("", *FONT_DIRS):
            try:
                return ImageFont.truetype(f"{folder}/{name}" if folder else name, _pt(size_pt))
            except OSError:
                continue
    return ImageFont.load_default(_pt(size_pt))


def _miliar(value) -> str:
    return format_decimal(value / 1e9, format="#,##0.#", locale="id_ID")


def _rgba(colour: str, alpha: float = 1.0) -> tuple[int, int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), round(255 * alpha)


@dataclass
class Text:
    """A text placed by its anchor point (Pillow's anchors: 'lm' left-middle, 'rm', 'mm', 'mt', 'mb')."""

    x: float
    y: float
    text: str
    size: float  # pt
    anchor: str = "lm"
    rotate: bool = False  # read bottom to top (an axis label)

    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in pixels."""
        if self.rotate:  # drawn from its left edge at x, centred on y (see Chart.png)
            left, top, right, bottom = font(self.size).getbbox(self.text)
            length, height = right + 4, bottom + 4
            return self.x, self.y - length / 2, self.x + height, self.y + length / 2
        left, top, right, bottom = font(self.size).getbbox(self.text, anchor=self.anchor)
        return self.x + left, self.y + top, self.x + right, self.y + bottom


@dataclass
class Chart:
    """A chart laid out in pixels at :data:`DPI`: what it draws, in drawing order.

    ``labels`` are the category labels of its vertical axis, top to bottom, and
    ``cells`` the texts written inside its bars (kept apart for the tests).
    """

    width: int
    height: int
    rects: list[tuple[float, float, float, float, tuple]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float, tuple, int]] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    labels: list[Text] = field(default_factory=list)
    cells: list[Text] = field(default_factory=list)

    def png(self) -> bytes:
        """The chart as a PNG, cropped to what it draws with a small margin (like a tight bounding box)."""
        image = Image.new("RGB", (self.width, self.height), (255, 255, 255))
        draw = ImageDraw.Draw(image, "RGBA")  # on an RGB image, translucent fills blend
        for x0, y0, x1, y1, colour in self.rects:
            box = (round(x0), round(y0), round(x1) - 1, round(y1) - 1)
            if box[2] >= box[0] and box[3] >= box[1]:  # a bar of nothing (a dimension without budget yet) is not drawn
                draw.rectangle(box, fill=colour)
        for x0, y0, x1, y1, colour, width in self.lines:
            draw.line((round(x0), round(y0), round(x1), round(y1)), fill=colour, width=width)
        for t in [*self.texts, *self.labels, *self.cells]:
            if t.rotate:
                left, top, right, bottom = font(t.size).getbbox(t.text)
                patch = Image.new("RGBA", (right + 4, bottom + 4), (255, 255, 255, 0))
                ImageDraw.Draw(patch).text((2, 2), t.text, font=font(t.size), fill=INK)
                patch = patch.rotate(90, expand=True)
                image.paste(patch, (round(t.x), round(t.y - patch.height / 2)), patch)
            else:
                draw.text((t.x, t.y), t.text, font=font(t.size), fill=INK, anchor=t.anchor)
        image = image.crop(self._bounds())
        buf = io.BytesIO()
        image.save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def _bounds(self) -> tuple[int, int, int, int]:
        pad = _px(0.08)
        xs, ys = [], []
        for x0, y0, x1, y1, _ in self.rects:
            xs += [x0, x1]
            ys += [y0, y1]
        for x0, y0, x1, y1, _, _ in self.lines:
            xs += [x0, x1]
            ys += [y0, y1]
        for t in [*self.texts, *self.labels, *self.cells]:
            left, top, right, bottom = t.box()
            xs += [left, right]
            ys += [top, bottom]
        return (max(0, math.floor(min(xs)) - pad), max(0, math.floor(min(ys)) - pad),
                min(self.width, math.ceil(max(xs)) + pad), min(self.height, math.ceil(max(ys)) + pad))


def nice_ticks(top: float, most: int = 6) -> list[float]:
    """Tick values from 0 to at most ``top`` at a round step (1, 2, 2.5 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _text_width(text: str, size: float) -> float:
    return font(size).getlength(text)


# -- the charts ---------------------------------------------------------------------------------------
def budget_per_dimension(r: Rekap, colours: dict[str, str]) -> bytes:
    """Horizontal bars: the indicative budget of each dimension, its value at the bar's end."""
    dims = list(r.by_dimension)
    values = [r.by_dimension[d] for d in dims]
    top = max(values or [1]) or 1
    chart = Chart(_px(WIDTH_IN), _px(0.45 * len(dims) + 0.9))
    left = max((_text_width(d, 8) for d in dims), default=0) + _pt(8)
    right, plot_top = chart.width - _px(0.15), _px(0.1)
    bottom = chart.height - _px(0.55)
    xmax = top * 1.15
    x = lambda v: left + (right - left) * v / xmax  # noqa: E731
    row = (bottom - plot_top) / max(len(dims), 1)
    for i, (d, v) in enumerate(zip(dims, values)):
        mid = plot_top + row * (i + 0.5)
        chart.rects.append((left, mid - row * 0.4, x(v), mid + row * 0.4, _rgba(colours.get(d, OKABE_ITO[0]))))
        chart.texts.append(Text(x(v) + (right - left) * 0.01, mid, _miliar(v), 8, "lm"))
        chart.labels.append(Text(left - _pt(6), mid, d, 8, "rm"))
    _axes(chart, left, plot_top, right, bottom)
    for tick in nice_ticks(xmax / 1e9, most=9):
        at = x(tick * 1e9)
        chart.lines.append((at, bottom, at, bottom + _pt(3.5), INK, 2))
        chart.texts.append(Text(at, bottom + _pt(5), _miliar(tick * 1e9), 8, "mt"))
    chart.texts.append(Text((left + right) / 2, bottom + _pt(19), "Indikasi anggaran (miliar rupiah)", 9, "mt"))
    return chart.png()


def budget_per_year(r: Rekap) -> bytes:
    """Stacked columns: the indicative budget of each year by source of funds, the total on top."""
    years = list(r.years)
    sources = list(r.by_funding_year.items())
    totals = [sum(per_year.get(y, 0) for _, per_year in sources) for y in years]
    ymax = (max(totals or [1]) or 1) * 1.12
    chart = Chart(_px(WIDTH_IN), _px(3.2))
    legend_w = max([_text_width(s, 7.5) for s, _ in sources] + [_text_width("Sumber dana", 8)]) + _pt(22)
    ticks = nice_ticks(ymax / 1e9, most=8)
    left = _pt(16) + max(_text_width(_miliar(t * 1e9), 8) for t in ticks) + _pt(6)
    right, plot_top, bottom = chart.width - legend_w - _pt(10), _px(0.1), chart.height - _px(0.35)
    y = lambda v: bottom - (bottom - plot_top) * v / ymax  # noqa: E731
    slot = (right - left) / max(len(years), 1)
    base = [0] * len(years)
    for i, (_, per_year) in enumerate(sources):
        colour = _rgba(OKABE_ITO[i % len(OKABE_ITO)])
        for j, year in enumerate(years):
            v = per_year.get(year, 0)
            if v:
                mid = left + slot * (j + 0.5)
                chart.rects.append((mid - slot * 0.3, y(base[j] + v), mid + slot * 0.3, y(base[j]), colour))
            base[j] += v
    for j, (year, total) in enumerate(zip(years, totals)):
        mid = left + slot * (j + 0.5)
        chart.texts.append(Text(mid, y(total * 1.01) - 2, _miliar(total), 8, "mb"))
        chart.lines.append((mid, bottom, mid, bottom + _pt(3.5), INK, 2))
        chart.texts.append(Text(mid, bottom + _pt(5), str(year), 8, "mt"))
    _axes(chart, left, plot_top, right, bottom)
    for tick in ticks:
        at = y(tick * 1e9)
        chart.lines.append((left - _pt(3.5), at, left, at, INK, 2))
        chart.texts.append(Text(left - _pt(5), at, _miliar(tick * 1e9), 8, "rm"))
    chart.texts.append(Text(_pt(2), (plot_top + bottom) / 2, "Miliar rupiah", 9, rotate=True))
    lx, ly = right + _pt(10), plot_top + _pt(4)
    chart.texts.append(Text(lx + (legend_w - _pt(10)) / 2, ly, "Sumber dana", 8, "mt"))
    for i, (source, _) in enumerate(sources):
        row = ly + _pt(14) + i * _pt(11)
        chart.rects.append((lx, row, lx + _pt(12), row + _pt(6), _rgba(OKABE_ITO[i % len(OKABE_ITO)])))
        chart.texts.append(Text(lx + _pt(16), row + _pt(3), source, 7.5, "lm"))
    return chart.png()


def _axes(chart: Chart, left: float, top: float, right: float, bottom: float) -> None:
    """The left and bottom axis lines (no box: the top and right sides stay open)."""
    chart.lines.append((left, top, left, bottom, INK, 2))
    chart.lines.append((left, bottom, right, bottom, INK, 2))


_GANTTS: dict[str, bytes] = {}  # the book's roadmap and the summary's are one chart: drawn once per process


def gantt(groups, years: list[int], colours: dict[str, str]) -> bytes:
    """The roadmap as one PNG: a bar per programme, or the element overview for a large roadmap."""
    key = hashlib.sha256(pickle.dumps((groups, years, sorted(colours.items())))).hexdigest()
    if key not in _GANTTS:
        figure = gantt_figure if not is_overview(groups) else gantt_overview_figure
        _GANTTS.clear()  # one roadmap is ever wanted again: keep no more than that
        _GANTTS[key] = figure(groups, years, colours).png()
    return _GANTTS[key]


def is_overview(groups) -> bool:
    """True when :func:`gantt` draws the per-element overview instead of one bar per programme."""
    return sum(len(progs) for _, progs in groups) > GANTT_ROWS


def gantt_overview_figure(groups, years: list[int], colours: dict[str, str]) -> Chart:
    """One row per (dimension, element); each year's cell shows how many programmes run then."""
    rows: list[tuple[str, str, list[int]]] = []
    for dim, progs in groups:
        by_element: dict[str, list[int]] = {}
        for p in progs:
            counts = by_element.setdefault(p.element or "(tanpa elemen)", [0] * len(years))
            for j, y in enumerate(years):
                counts[j] += y in p.years
        rows += [(dim, element, counts) for element, counts in sorted(by_element.items())]
    top = max((c for *_, counts in rows for c in counts), default=1) or 1
    chart, place = _timeline(rows=[textwrap.shorten(e, width=36, placeholder="…") for _, e, _ in rows],
                             row_in=0.24, extra_in=1.1, years=years,
                             legend=[d for d in dict.fromkeys(dim for dim, *_ in rows)], colours=colours,
                             note="Angka di dalam sel: jumlah program yang berjalan pada tahun itu")
    for i, (dim, _, counts) in enumerate(rows):
        for j, n in enumerate(counts):
            if n:
                x0, y0, x1, y1 = place(i, years[j] - 0.45, years[j] + 0.45, 0.7)
                chart.rects.append((x0, y0, x1, y1, _rgba(colours.get(dim, OKABE_ITO[0]), 0.3 + 0.7 * n / top)))
                chart.cells.append(Text((x0 + x1) / 2, (y0 + y1) / 2, str(n), 7, "mm"))
    return chart


def gantt_figure(groups, years: list[int], colours: dict[str, str]) -> Chart:
    """One bar per programme, coloured by dimension (for at most GANTT_ROWS programmes)."""
    part = [(dim, p) for dim, progs in groups for p in progs]
    chart, place = _timeline(rows=[textwrap.shorten(p.name, width=42, placeholder="…") for _, p in part],
                             row_in=0.19, extra_in=0.9, years=years,
                             legend=list(dict.fromkeys(dim for dim, _ in part)), colours=colours, grid=True)
    for i, (dim, p) in enumerate(part):
        for y in sorted(set(p.years)):
            if y in years:
                chart.rects.append((*place(i, y - 0.5, y + 0.5, 0.6), _rgba(colours.get(dim, OKABE_ITO[0]))))
    return chart


def _timeline(rows: list[str], row_in: float, extra_in: float, years: list[int], legend: list[str],
              colours: dict[str, str], note: str = "", grid: bool = False):
    """The frame of both roadmaps: row labels down the left, years along the bottom, the dimensions'
    legend under it. Returns the chart and ``place(row, from_year, to_year, height)``, a bar's box."""
    chart = Chart(_px(WIDTH_IN), _px(row_in * max(len(rows), 4) + extra_in))
    left = max((_text_width(t, 7) for t in rows), default=0) + _pt(10)
    right, plot_top = chart.width - _px(0.1), _px(0.05)
    legend_rows = math.ceil(len(legend) / 3)
    bottom = chart.height - _pt(20) - (_pt(12) if note else 0) - legend_rows * _pt(11) - _pt(6)
    first, last = (years[0] - 0.5, years[-1] + 0.5) if years else (0, 1)
    x = lambda v: left + (right - left) * (v - first) / (last - first)  # noqa: E731
    row = (bottom - plot_top) / max(len(rows), 1)

    def place(i: int, start: float, end: float, height: float) -> tuple[float, float, float, float]:
        mid = plot_top + row * (i + 0.5)
        return x(start), mid - row * height / 2, x(end), mid + row * height / 2

    for year in years:
        if grid:
            chart.lines.append((x(year), plot_top, x(year), bottom, GRID, 1))
        chart.lines.append((x(year), bottom, x(year), bottom + _pt(3.5), INK, 2))
        chart.texts.append(Text(x(year), bottom + _pt(5), str(year), 8, "mt"))
    for i, label in enumerate(rows):
        chart.labels.append(Text(left - _pt(5), plot_top + row * (i + 0.5), label, 7, "rm"))
    _axes(chart, left, plot_top, right, bottom)
    below = bottom + _pt(18)
    if note:
        chart.texts.append(Text((left + right) / 2, below, note, 7.5, "mt"))
        below += _pt(12)
    width = max((_text_width(d, 7) for d in legend), default=0) + _pt(20)
    start = (left + right) / 2 - width * min(len(legend), 3) / 2
    for k, dim in enumerate(legend):
        lx, ly = start + width * (k % 3), below + _pt(11) * (k // 3)
        chart.rects.append((lx, ly + _pt(1), lx + _pt(12), ly + _pt(7), _rgba(colours.get(dim, OKABE_ITO[0]))))
        chart.texts.append(Text(lx + _pt(16), ly + _pt(4), dim, 7, "lm"))
    return chart, place


def dimension_colours(names: list[str]) -> dict[str, str]:
    return {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(names)}
