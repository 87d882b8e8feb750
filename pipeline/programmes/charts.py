"""Charts of the programme dataset (matplotlib), at print resolution, with Indonesian labels.

Okabe–Ito colours (safe for colour-blind readers). Amounts are shown in
miliar rupiah with Indonesian decimal commas. The Gantt roadmap draws one bar
per programme when they fit on one page (``GANTT_ROWS``); a larger roadmap is
drawn as an overview, one row per dimension and element with the number of
programmes running each year, because the per-programme detail is already in
the roadmap table and ten pages of bars repeat it (and cost seconds to draw).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import textwrap

from babel.numbers import format_decimal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from pipeline.programmes.summary import Rekap

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# 200 dpi: about 210 dpi at the 15 cm print width, where bars and 7-8 pt labels print sharply;
# 300 dpi cost a third more time to draw (measured: three charts 0.37 s at 300 dpi, 0.29 s at 200).
DPI = 200
GANTT_ROWS = 40
WIDTH_IN = 6.2


def _miliar(value, _pos=None) -> str:
    return format_decimal(value / 1e9, format="#,##0.#", locale="id_ID")


def _png(fig, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    # Fast zlib level: the files are a little larger, encoding is several times quicker.
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _axes(width_in: float, height_in: float):
    """A figure on the Agg canvas and its one axes. Without pyplot, whose import costs more than
    drawing all the charts (about 0.4 s of CPU), and which keeps figures alive until closed."""
    fig = Figure(figsize=(width_in, height_in))
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def _legend_below(fig, ax, handles, labels, below_in: float) -> None:
    """The legend ``below_in`` inches under the axes, whatever the figure's height.

    An offset in axes units grows and shrinks with the number of rows; on a
    short chart the legend ran into the tick labels.
    """
    axes_height_in = fig.get_size_inches()[1] * ax.get_position().height
    ax.legend(handles, labels, fontsize=7, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -below_in / axes_height_in), ncol=3)


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)


def budget_per_dimension(r: Rekap, colours: dict[str, str]) -> bytes:
    dims = [d for d in r.by_dimension if r.by_dimension[d] or True]
    values = [r.by_dimension[d] for d in dims]
    fig, ax = _axes(WIDTH_IN, 0.45 * len(dims) + 0.9)
    bars = ax.barh(dims[::-1], values[::-1], color=[colours.get(d, OKABE_ITO[0]) for d in dims[::-1]])
    ax.xaxis.set_major_formatter(FuncFormatter(_miliar))
    ax.set_xlabel("Indikasi anggaran (miliar rupiah)", fontsize=9)
    top = max(values or [1])
    for bar, v in zip(bars, values[::-1]):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, _miliar(v), va="center", fontsize=8)
    ax.set_xlim(0, top * 1.15)
    _style(ax)
    return _png(fig)


def budget_per_year(r: Rekap) -> bytes:
    years = [y for y in r.years]
    fig, ax = _axes(WIDTH_IN, 3.2)
    bottom = [0] * len(years)
    for i, (source, per_year) in enumerate(r.by_funding_year.items()):
        vals = [per_year.get(y, 0) for y in years]
        ax.bar([str(y) for y in years], vals, bottom=bottom, label=source, color=OKABE_ITO[i % len(OKABE_ITO)],
               width=0.6)
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax.yaxis.set_major_formatter(FuncFormatter(_miliar))
    ax.set_ylabel("Miliar rupiah", fontsize=9)
    for x, total in enumerate(bottom):
        ax.text(x, total * 1.01, _miliar(total), ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max(bottom or [1]) * 1.12)
    ax.legend(fontsize=7.5, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Sumber dana",
              title_fontsize=8)
    _style(ax)
    return _png(fig)


_GANTTS: dict[str, bytes] = {}  # the book's roadmap and the summary's are one chart: drawn once per process


def gantt(groups, years: list[int], colours: dict[str, str]) -> bytes:
    """The roadmap as one PNG: a bar per programme, or the element overview for a large roadmap."""
    key = hashlib.sha256(pickle.dumps((groups, years, sorted(colours.items())))).hexdigest()
    if key not in _GANTTS:
        figure = gantt_figure if not is_overview(groups) else gantt_overview_figure
        _GANTTS.clear()  # one roadmap is ever wanted again: keep no more than that
        _GANTTS[key] = _png(figure(groups, years, colours))
    return _GANTTS[key]


def is_overview(groups) -> bool:
    """True when :func:`gantt` draws the per-element overview instead of one bar per programme."""
    return sum(len(progs) for _, progs in groups) > GANTT_ROWS


def gantt_overview_figure(groups, years: list[int], colours: dict[str, str]):
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
    fig, ax = _axes(WIDTH_IN, 0.3 * max(len(rows), 4) + 1.1)
    ys, lefts, cols = [], [], []
    for i, (dim, _, counts) in enumerate(rows):
        for j, n in enumerate(counts):
            if n:
                ys.append(i)
                lefts.append(years[j] - 0.45)
                cols.append(to_rgba(colours.get(dim, OKABE_ITO[0]), 0.3 + 0.7 * n / top))
                ax.text(years[j], i, str(n), ha="center", va="center", fontsize=7)
    if ys:
        ax.barh(ys, [0.9] * len(ys), left=lefts, height=0.7, color=cols)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([textwrap.shorten(element, width=36, placeholder="…") for _, element, _ in rows], fontsize=7)
    ax.invert_yaxis()
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], fontsize=8)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_xlabel("Angka di dalam sel: jumlah program yang berjalan pada tahun itu", fontsize=7.5)
    seen = list(dict.fromkeys(dim for dim, *_ in rows))
    handles = [Rectangle((0, 0), 1, 1, color=colours.get(d, OKABE_ITO[0])) for d in seen]
    _legend_below(fig, ax, handles, seen, below_in=0.5)
    _style(ax)
    return fig


def gantt_figure(groups, years: list[int], colours: dict[str, str]):
    """One bar per programme, coloured by dimension (for at most GANTT_ROWS programmes)."""
    part = [(dim, p) for dim, progs in groups for p in progs]
    fig, ax = _axes(WIDTH_IN, 0.24 * max(len(part), 4) + 1.0)
    labels, ys, lefts, cols = [], [], [], []
    for i, (dim, p) in enumerate(part):
        labels.append(textwrap.shorten(p.name, width=42, placeholder="…"))
        for y in p.years:
            if y in years:
                ys.append(i)
                lefts.append(y - 0.5)
                cols.append(colours.get(dim, OKABE_ITO[0]))
    if ys:  # one call for all bars: a call per bar made 400 programmes take seconds
        ax.barh(ys, [1] * len(ys), left=lefts, height=0.6, color=cols)
    ax.set_yticks(range(len(part)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], fontsize=8)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.grid(axis="x", alpha=0.3)
    seen = list(dict.fromkeys(dim for dim, _ in part))
    handles = [Rectangle((0, 0), 1, 1, color=colours.get(d, OKABE_ITO[0])) for d in seen]
    _legend_below(fig, ax, handles, seen, below_in=0.3)
    _style(ax)
    return fig


def dimension_colours(names: list[str]) -> dict[str, str]:
    return {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(names)}
