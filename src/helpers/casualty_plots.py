"""Figures of notebook 04 (casualty claims over time, Bakhmut's population), laid out so that nothing overlaps.

- ``trend_figure(short, totals, lo, hi, ...)``: claimed figures by date in up to two panels (figures for a stated
  window as a daily rate; totals), dotted lines for the dated events of ``helpers.dates.timeline()`` numbered above
  the top panel, and a key under the plots: one legend per encoding, each with a heading ("who suffered it",
  "category", "hedged", and optionally an emphasis such as "headline names Bakhmut"), then the numbered events as a
  measured table (number, date, short label) in as many columns as fit.
- ``population_figure(population, lo, hi, ...)``: Bakhmut's reported population by date, with the same event key.

Encodings, one meaning each: colour = who suffered the figure; marker shape = category; hollow marker = the text
says the figure could not be verified; a black ring around a marker = flagged as implausible by
``helpers.plausibility`` (the reason is in the claims table's ``flag``); full opacity (and a larger marker) = the emphasised rows (for the CNN
headlines: the headline names Bakhmut), faded = the others. Short event labels come from
the ``short_label`` column of the conflict profile's ``timeline.csv`` (an event without one is shown in full, wrapped, never cut).
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D

from helpers.dates import timeline
from helpers.figures import PALETTE, party_colours, party_labels
from helpers import conflicts

__all__ = ["CATEGORY_MARKER", "short_label", "numbered_events", "event_clusters",
           "draw_claims", "mark_events", "trend_figure", "population_figure", "text_overlaps"]

CATEGORY_MARKER = {"killed": "o", "wounded": "s", "casualties": "D", "captured": "^", "missing": "v",
                   "population": "P", "displaced": "X"}
KEY_FONTSIZE = 7.5
NUMBER_FONTSIZE = 7
FLAG_COLOUR = "#000000"
EVENT_LINE = {"color": "#9a9a9a", "linewidth": 0.8, "linestyle": ":", "zorder": 1}
_POINTS = 72.0


# --- events ------------------------------------------------------------------------------------------------------


def short_label(event: str) -> str:
    """The short label of a timeline event (the ``short_label`` column of the profile's timeline; the event
    itself when it has none)."""
    table = timeline()
    labels = dict(zip(table["event"], table["short_label"]))
    return labels.get(event) or event


def numbered_events(start, end, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Timeline events between ``start`` and ``end``, numbered 1… in date order: ``number, date, event, label``."""
    events = timeline() if events is None else events
    events = events.drop_duplicates("event").sort_values(["date", "event"], kind="stable")
    shown = events[(events["date"] >= pd.Timestamp(start)) & (events["date"] <= pd.Timestamp(end))]
    shown = shown[["date", "event"]].reset_index(drop=True)
    shown.insert(0, "number", np.arange(1, len(shown) + 1))
    shown["label"] = [short_label(e) for e in shown["event"]]
    return shown


def _text_width(fig, text: str, fontsize: float, bold: bool = False) -> float:
    """Width of ``text`` in display pixels at the figure's current dpi."""
    renderer = fig.canvas.get_renderer()
    font = FontProperties(size=fontsize, weight="bold" if bold else "normal")
    width, _, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
    return width


def _cluster_label(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return str(numbers[0])
    if len(numbers) == 2:
        return f"{numbers[0]},{numbers[1]}"
    return f"{numbers[0]}–{numbers[-1]}"


def event_clusters(x: list[float], numbers: list[int], width_of, pad: float) -> list[tuple[float, str]]:
    """Merge event numbers whose labels would touch: ``[(x of the first event, "13–16"), …]``.

    ``x`` are the events' positions (display units, ascending), ``width_of(label)`` a label's width in the same
    units. An event joins the current group when it lies within the group label's width (plus ``pad``) of the
    group's first event; the returned labels therefore never overlap when drawn left-aligned at their ``x``.
    """
    clusters: list[tuple[float, list[int]]] = []
    for xi, number in zip(x, numbers):
        if clusters:
            x0, members = clusters[-1]
            if xi < x0 + width_of(_cluster_label(members)) + pad:
                members.append(number)
                continue
        clusters.append((xi, [number]))
    return [(x0, _cluster_label(members)) for x0, members in clusters]


def mark_events(ax, events: pd.DataFrame, numbers: bool = True) -> None:
    """Dotted vertical lines at the events; with ``numbers``, their numbers just above the axes (merged when close)."""
    for date in events["date"]:
        ax.axvline(date, **EVENT_LINE)
    if not numbers or events.empty:
        return
    fig = ax.figure
    lo, hi = ax.get_xlim()
    box = ax.get_window_extent()
    x = [box.x0 + (mdates.date2num(d) - lo) / (hi - lo) * box.width for d in events["date"]]
    offset = 1.5 * fig.dpi / _POINTS  # the labels sit 1.5 pt right of their line
    pad = 3 * fig.dpi / _POINTS
    for xi, label in event_clusters(x, list(events["number"]), lambda s: _text_width(fig, s, NUMBER_FONTSIZE) + offset,
                                    pad):
        date = mdates.num2date(lo + (xi - box.x0) / box.width * (hi - lo))
        ax.annotate(label, xy=(date, 1.0), xycoords=("data", "axes fraction"), xytext=(1.5, 2),
                    textcoords="offset points", ha="left", va="bottom", fontsize=NUMBER_FONTSIZE, color="#444444",
                    annotation_clip=False)


# --- claims --------------------------------------------------------------------------------------------------------


def _log_limits(values: pd.Series) -> tuple[float, float]:
    positive = values[values > 0]
    low = 10 ** np.floor(np.log10(positive.min()))
    high = 10 ** np.ceil(np.log10(positive.max()))
    high = high * 10 if high <= low else high
    return low / 1.6, high * 1.6  # a margin so that markers on a decade are not cut


def _number(v: float, _=None) -> str:
    return f"{v:,.0f}" if v >= 1 else f"{v:g}"


def format_date_axis(ax) -> None:
    """Month ticks (every 1, 2, 3 or 6 months by span) labelled ``Apr``; the first tick and Januaries add the year."""
    lo, hi = ax.get_xlim()
    months = (hi - lo) / 30.4
    interval = next((i for limit, i in [(9, 1), (18, 2), (36, 3)] if months <= limit), 6)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, interval), bymonthday=1))

    margin = 0.03 * (hi - lo)  # a tick this close to the left edge would collide with the lowest y label

    def label(x, pos):
        if x < lo + margin:
            return ""
        day = mdates.num2date(x)
        first = mdates.date2num(day - pd.DateOffset(months=interval)) < lo + margin
        return f"{day:%b}\n{day:%Y}" if first or day.month == 1 else f"{day:%b}"

    ax.xaxis.set_major_formatter(plt.FuncFormatter(label))


def draw_claims(ax, frame: pd.DataFrame, per_day: bool = False, emphasis: str | None = None) -> None:
    """Scatter of claimed figures over time on a log axis (colour = party, marker = category, hollow = hedged).

    With ``emphasis`` (a boolean column), its True rows are drawn opaque and larger, the others faded.
    Figures of zero are left out (a log axis cannot show them).
    """
    y_all = frame["value"] / frame["period_days"] if per_day else frame["value"].astype(float)
    frame = frame.assign(_y=y_all)[y_all > 0]
    dense = len(frame) > 300
    base_size, base_alpha = (16, 0.55) if dense else (34, 0.9)
    keys = ["party", "category", "hedged"] + ([emphasis] if emphasis else [])
    for key, group in frame.groupby(keys, sort=True):
        party, category, hedged = key[:3]
        strong = bool(key[3]) if emphasis else None
        colour = party_colours().get(party, party_colours()["unknown"])
        size, alpha, z = base_size, base_alpha, 3
        if emphasis:
            size, alpha, z = (52, 1.0, 5) if strong else (base_size, 0.3, 3)
        ax.scatter(group["date"], group["_y"], marker=CATEGORY_MARKER.get(category, "o"), s=size, alpha=alpha,
                   linewidths=1.2, facecolors="none" if hedged else colour, edgecolors=colour, zorder=z)
    flagged = _flagged(frame)
    if flagged.any():  # implausible claims stay in the figure, ringed so a reader looks them up
        ax.scatter(frame.loc[flagged, "date"], frame.loc[flagged, "_y"], marker="o", s=base_size * 5,
                   facecolors="none", edgecolors=FLAG_COLOUR, linewidths=1.3, zorder=7)
    ax.set_yscale("log")
    ax.set_ylim(*_log_limits(frame["_y"]))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(_number))
    ax.yaxis.set_minor_formatter(plt.NullFormatter())
    ax.set_ylabel("people per day (log scale)" if per_day else "people (log scale)")


def _flagged(frame: pd.DataFrame) -> pd.Series:
    """Rows flagged by ``helpers.plausibility`` (none when the frame has no ``flag`` column)."""
    if "flag" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["flag"].fillna("").astype(str).ne("")


# --- the key under the plots ------------------------------------------------------------------------------------


def _legend(fig, handles, title, x_in, top_in, ncol=1):
    legend = Legend(fig, handles, [h.get_label() for h in handles], title=title, loc="upper left",
                    bbox_to_anchor=(x_in / fig.get_figwidth(), top_in / fig.get_figheight()),
                    bbox_transform=fig.transFigure, ncol=ncol,
                    fontsize=KEY_FONTSIZE, title_fontproperties={"weight": "bold", "size": KEY_FONTSIZE + 0.5},
                    alignment="left", frameon=False, borderaxespad=0, borderpad=0, handletextpad=0.4,
                    columnspacing=1.0, labelspacing=0.45)
    fig.add_artist(legend)
    return legend


def legend_groups(frame: pd.DataFrame, emphasis_labels: tuple[str, str, str] | None = None):
    """``[(heading, handles, ncol)]`` for what the figure shows: parties, categories, hedged, and the emphasis."""
    colours, labels = party_colours(), party_labels()
    parties = [p for p in (*conflicts.active().sides, "civilian", "unknown") if p in set(frame["party"])]
    categories = [c for c in CATEGORY_MARKER if c in set(frame["category"])]
    grey = "#444444"
    groups = [
        ("who suffered it", [Line2D([], [], ls="", marker="o", ms=6, color=colours[p], label=labels[p])
                             for p in parties], 1),
        ("category", [Line2D([], [], ls="", marker=CATEGORY_MARKER[c], ms=6, color=grey, label=c)
                      for c in categories], 2 if len(categories) > 4 else 1),
    ]
    if frame["hedged"].any():
        groups.append(("hedged", [
            Line2D([], [], ls="", marker="o", ms=6, color=grey, label="filled: stated as fact"),
            Line2D([], [], ls="", marker="o", ms=6, markerfacecolor="none", markeredgewidth=1.2, color=grey,
                   label="hollow: said to be unverifiable")], 1))
    if _flagged(frame).any():
        groups.append(("plausibility", [
            Line2D([], [], ls="", marker="o", ms=11, markerfacecolor="none", markeredgewidth=1.3, color=FLAG_COLOUR,
                   label="ringed: flagged as implausible\n(reason in the claims table)")], 1))
    if emphasis_labels:
        heading, yes, no = emphasis_labels
        groups.append((heading, [Line2D([], [], ls="", marker="o", ms=7.5, color=grey, label=yes),
                                 Line2D([], [], ls="", marker="o", ms=4.5, color=grey, alpha=0.3, label=no)], 1))
    return groups


def _event_lines(events: pd.DataFrame, wrap: int = 48) -> list[tuple[str, str, str]]:
    return [(str(r.number), f"{r.date:%d %b %Y}", textwrap.fill(r.label, wrap)) for r in events.itertuples()]


def _draw_key(fig, left: float, top: float, width: float, groups, events: pd.DataFrame, heading: str,
              note: str | None = None) -> float:
    """Draw the key with its top-left corner at (``left``, ``top``) inches from the figure's bottom-left:
    the legends side by side, an optional note, then the numbered events (number | date | label) in as many
    columns as fit ``width``. Returns the bottom of what was drawn, in inches. Positions are measured, not guessed.
    """
    renderer = fig.canvas.get_renderer()
    inch = fig.dpi  # pixels per inch
    line = KEY_FONTSIZE * 1.45 / _POINTS  # baseline to baseline in the table, inches
    # inches from the bottom-left corner as figure fractions (transFigure follows bbox_inches="tight"; the
    # dpi_scale_trans would not)
    inches = mtransforms.Affine2D().scale(1 / fig.get_figwidth(), 1 / fig.get_figheight()) + fig.transFigure
    x, bottom = left, top
    for title, handles, ncol in groups:
        if handles:
            extent = _legend(fig, handles, title, x, top, ncol).get_window_extent(renderer)
            x = extent.x1 / inch + 0.3
            bottom = min(bottom, extent.y0 / inch)
    y = bottom - (0.22 if groups else 0)
    if note:
        fig.text(left, y, note, transform=inches, ha="left", va="top", fontsize=KEY_FONTSIZE, color="#555555",
                 style="italic")
        y -= 0.28
    if events.empty:
        return y
    fig.text(left, y, heading, transform=inches, ha="left", va="top", fontsize=KEY_FONTSIZE + 0.5, fontweight="bold")
    y -= (KEY_FONTSIZE + 0.5) * 1.7 / _POINTS
    rows = _event_lines(events)
    widths = [max(_text_width(fig, part, KEY_FONTSIZE, bold=i == 0) for row in rows for part in row[i].split("\n"))
              / inch for i in range(3)]
    gap, column_gap = 8 / _POINTS, 0.35
    column_width = sum(widths) + 2 * gap
    ncol = max(1, min(3, int((width + column_gap) // (column_width + column_gap))))
    per_column = -(-len(rows) // ncol)
    lowest = y
    for c in range(ncol):
        x0, yc = left + c * (column_width + column_gap), y - KEY_FONTSIZE / _POINTS  # first baseline
        for number, date, label in rows[c * per_column:(c + 1) * per_column]:
            common = dict(transform=inches, va="baseline", fontsize=KEY_FONTSIZE)
            fig.text(x0 + widths[0], yc, number, ha="right", fontweight="bold", **common)
            fig.text(x0 + widths[0] + gap, yc, date, ha="left", color="#555555", **common)
            for part in label.split("\n"):  # one text per line: every baseline on the grid
                fig.text(x0 + widths[0] + widths[1] + 2 * gap, yc, part, ha="left", color="#222222", **common)
                yc -= line
        lowest = min(lowest, yc + line - 0.3 * KEY_FONTSIZE / _POINTS)  # the last line's descent
    return lowest


def _key_height(width: float, *args, **kwargs) -> float:
    """Inches the key needs: drawn once on a scratch figure of the same width and measured."""
    scratch = plt.figure(figsize=(width + 0.5, 30))
    try:
        return 30 - _draw_key(scratch, 0.0, 30.0, width, *args, **kwargs) + 0.05
    finally:
        plt.close(scratch)


# --- figures -------------------------------------------------------------------------------------------------------


class _Stack:
    """Axes stacked top-down at fixed heights in inches (margins in inches too), so spacing never depends on
    how many panels there are."""

    def __init__(self, width: float, blocks: list[tuple[str, float]], left: float = 0.95, right: float = 0.2):
        self.width, self.blocks, self.left, self.right = width, blocks, left, right
        self.height = sum(h for _, h in blocks)
        self.inner = width - left - right
        self.fig = plt.figure(figsize=(width, self.height))

    def top_of(self, name: str) -> float:
        """Inches from the figure's bottom to the top of block ``name``."""
        i = [n for n, _ in self.blocks].index(name)
        return self.height - sum(h for _, h in self.blocks[:i])

    def add(self, name: str, **kwargs):
        h = dict(self.blocks)[name]
        rect = [self.left / self.width, (self.top_of(name) - h) / self.height, self.inner / self.width,
                h / self.height]
        return self.fig.add_axes(rect, **kwargs)


def _suptitle(stack: _Stack, title: str) -> None:
    stack.fig.text(stack.left / stack.width, 1 - 0.06 / stack.height, title, ha="left", va="top", fontsize=12,
                   fontweight="bold")


def trend_figure(short: pd.DataFrame, totals: pd.DataFrame, lo, hi, *, title: str, panel_titles: tuple[str, str],
                 xlabel: str, emphasis: str | None = None, emphasis_labels: tuple[str, str, str] | None = None,
                 width: float = 10.0, panel_height: float = 2.8):
    """Claimed figures over time: one panel per non-empty frame (daily rates; totals), never both on one axis.

    Returns ``(fig, axes)`` with ``axes`` a dict ``{"per day": ax, "total": ax}`` of the panels drawn.
    """
    candidates = [("per day", short, panel_titles[0]), ("total", totals, panel_titles[1])]
    panels = [(name, frame, t) for name, frame, t in candidates if len(frame)]
    empty = [t for _, frame, t in candidates if not len(frame)]
    columns = ["party", "category", "hedged"] + ([emphasis] if emphasis else [])
    columns += ["flag"] if all("flag" in f for _, f, _ in panels) and panels else []
    shown = pd.concat([f[columns] for _, f, _ in panels]) if panels else short[columns].iloc[:0]
    events = numbered_events(lo, hi)
    groups = legend_groups(shown, emphasis_labels if emphasis else None) if len(shown) else []
    note = None
    if empty:
        note = "Not drawn (none in this corpus): " + "; ".join(t[0].lower() + t[1:] for t in empty) + "."
    heading = "Events (dotted lines; numbers above the top panel)"
    blocks = [("title", 0.3)]
    for i, (name, _, _) in enumerate(panels or [("none", None, "")]):
        blocks += [(f"head {i}", 0.5 if i == 0 else 0.35), (name, panel_height), (f"ticks {i}", 0.45)]
    blocks[-1] = (blocks[-1][0], 0.75)  # the last panel also carries the x label
    blocks.append(("key", _key_height(width - 1.15, groups, events, heading, note)))
    stack = _Stack(width, blocks)
    fig = stack.fig
    _suptitle(stack, title)
    axes = {}
    for i, (name, frame, panel_title) in enumerate(panels):
        ax = stack.add(name, sharex=axes.get("per day"))
        draw_claims(ax, frame, per_day=name == "per day", emphasis=emphasis)
        ax.set_title(panel_title, loc="left", fontsize=10, pad=14 if i == 0 else 6)
        axes[name] = ax
    if not panels:
        ax = stack.add("none")
        ax.text(0.5, 0.5, "no dated figures in this corpus", transform=ax.transAxes, ha="center", va="center",
                color="#777777")
        ax.set_yticks([])
        axes["none"] = ax
    for i, ax in enumerate(axes.values()):
        ax.set_xlim(pd.Timestamp(lo), pd.Timestamp(hi))
        format_date_axis(ax)
        ax.tick_params(axis="x", labelbottom=True)
        mark_events(ax, events, numbers=i == 0)
    list(axes.values())[-1].set_xlabel(xlabel)
    _draw_key(fig, stack.left, stack.top_of("key"), stack.inner, groups, events, heading, note)
    return fig, axes


def population_figure(population: pd.DataFrame, lo, hi, *, title: str, xlabel: str,
                      events: pd.DataFrame | None = None,
                      colour: str = PALETTE[2], width: float = 8.0):
    """Reported population by date: filled dots = people still in the city, open diamonds = pre-war figures (as
    reported), vertical bars = ranges; dotted numbered lines = ``events`` (default: timeline events naming Bakhmut).
    ``population`` needs ``date, value, value_high, pre_war``.
    """
    if events is None:
        events = numbered_events(lo, hi)
        events = events[events["event"].str.contains("Bakhmut")]
        events = events.assign(number=np.arange(1, len(events) + 1))
    has_range = bool((population["value_high"] != population["value"]).any())
    groups = [("reported figure", [
        Line2D([], [], ls="", marker="o", ms=6, color=colour, label="people still in the city"),
        Line2D([], [], ls="", marker="D", ms=5.5, markerfacecolor="none", markeredgewidth=1.2, color=colour,
               label="pre-war population (as reported)")]
        + ([Line2D([], [], color=colour, lw=2, label="range (low to high)")] if has_range else []), 1)]
    heading = "Events about Bakhmut (dotted lines, numbered above the plot)"
    stack = _Stack(width, [("title", 0.3), ("head", 0.3), ("plot", 3.2), ("ticks", 0.75),
                           ("key", _key_height(width - 1.15, groups, events, heading))])
    fig = stack.fig
    _suptitle(stack, title)
    ax = stack.add("plot")
    for pre_war, group in population.groupby("pre_war"):
        ax.vlines(group["date"], group["value"], group["value_high"], color=colour, linewidth=2, zorder=2)
        ax.scatter(group["date"], group["value"], marker="D" if pre_war else "o", s=36 if pre_war else 40,
                   linewidths=1.2, facecolors="none" if pre_war else colour, edgecolors=colour, zorder=3)
    ax.set_xlim(pd.Timestamp(lo), pd.Timestamp(hi))
    ax.set_ylim(0, population["value_high"].max() * 1.12)
    ax.set_ylabel("people")
    ax.set_xlabel(xlabel)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(_number))
    format_date_axis(ax)
    mark_events(ax, events)
    _draw_key(fig, stack.left, stack.top_of("key"), stack.inner, groups, events, heading)
    return fig, ax


# --- checking ------------------------------------------------------------------------------------------------------


def text_overlaps(fig, tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of visible, non-empty texts (including legend entries and tick labels) whose boxes overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = list({id(t): t for t in fig.findobj(plt.Text)
                  if t.get_visible() and t.get_text().strip() and t.figure is not None}.values())
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if (min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > tolerance
                    and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > tolerance):
                found.append((a, b))
    return found
