"""One house style and one way to save a figure.

``save_figure(fig, name, caption=…, data=…)`` writes, into the figures folder:

- ``name.png`` (200 dpi), ``name.svg`` and ``name.pdf`` — byte-identical on every rerun (no dates in metadata,
  a fixed ``svg.hashsalt``);
- ``name.csv`` — the data behind the figure, when given;
- a row in ``manifest.csv`` (name, caption, source, notebook, files), replacing any earlier row of that name.

The caption is stored in the manifest (the report gallery shows it); the source line is drawn on the figure
itself so that it travels with a PNG pasted into a report.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from helpers import paths

__all__ = ["PALETTE", "SEQUENTIAL", "DIVERGING", "party_colours", "party_labels", "use_house_style", "save_figure", "read_manifest", "DEFAULT_SOURCE"]

#: Okabe & Ito (2008) colour-blind-safe palette, black last
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def party_colours(conflict=None) -> dict[str, str]:
    """One colour per party for every figure of the suite: the conflict profile's first side vermilion, its
    second blue (Russia–Ukraine: Russian, Ukrainian), third parties orange then purple, civilians green,
    independent sources sky blue, the rest grey."""
    from helpers import conflicts

    conflict = conflict or conflicts.active()
    first, second = conflict.sides
    colours = {first: PALETTE[3], second: PALETTE[0]}
    colours.update(zip(conflict.third_parties, [PALETTE[1], PALETTE[4]]))
    colours.update({"civilian": PALETTE[2], "independent": PALETTE[5], "other": "#999999", "unknown": "#7a7a7a"})
    return colours


def party_labels(conflict=None) -> dict[str, str]:
    """How a figure's legend names each party: "Russian side", "civilians", "not stated" (unknown)."""
    from helpers import conflicts

    conflict = conflict or conflicts.active()
    labels = {s: conflicts.side_label(s, conflict) for s in conflict.all_sides if s != "opposite"}
    labels = {s: label[:1].upper() + label[1:] if s in conflict.sides else label for s, label in labels.items()}
    labels["unknown"] = "not stated"
    return labels
SEQUENTIAL = "cividis"
DIVERGING = "RdBu_r"
DEFAULT_SOURCE = "Bakhmut coverage notebooks; corpus as loaded"
DPI = 200
MANIFEST_COLUMNS = ["name", "caption", "source", "notebook", "files"]

_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.15,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "image.cmap": SEQUENTIAL,
    # reproducible vector output
    "svg.hashsalt": "bakhmut-coverage",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": True,
}


def use_house_style() -> None:
    """Apply the house style to matplotlib (and seaborn, which inherits it)."""
    matplotlib.rcParams.update(_STYLE)


def _notebook_for(name: str) -> str:
    """``04-claimed-daily-deaths`` -> ``04-casualty-trends`` (the notebook whose number prefixes the name)."""
    prefix = name.split("-", 1)[0]
    if prefix.isdigit():
        matches = sorted(paths.NOTEBOOKS.glob(f"{prefix}-*.ipynb"))
        if matches:
            return matches[0].stem
    return ""


def save_figure(
    fig: plt.Figure,
    name: str,
    caption: str,
    data: pd.DataFrame | None = None,
    source: str = DEFAULT_SOURCE,
    out_dir: str | os.PathLike | None = None,
    notebook: str | None = None,
) -> dict[str, str]:
    """Write PNG, SVG, PDF (and CSV of ``data``) for ``fig`` and record it in the manifest.

    Returns the written files as ``{"png": …, "svg": …, "pdf": …, "csv": …}`` relative to the project root.
    """
    if not caption or not caption.strip():
        raise ValueError(f"save_figure({name!r}): every figure needs a caption saying what it shows")
    if not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"save_figure: name {name!r} must be letters, digits, '-' or '_' (it becomes a file name)")
    folder = Path(out_dir) if out_dir is not None else paths.FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    if source:
        _add_source_line(fig, source)
    matplotlib.rcParams["svg.hashsalt"] = _STYLE["svg.hashsalt"]
    files: dict[str, str] = {}
    for ext, metadata in (
        ("png", {"Software": None}),
        ("svg", {"Date": None, "Creator": None}),
        ("pdf", {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}),
    ):
        target = folder / f"{name}.{ext}"
        fig.savefig(target, format=ext, metadata=metadata, dpi=DPI)
        files[ext] = target
    if data is not None:
        target = folder / f"{name}.csv"
        frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
        frame.to_csv(target, index=not isinstance(frame.index, pd.RangeIndex), lineterminator="\n")
        files["csv"] = target
    _update_manifest(folder, {
        "name": name,
        "caption": " ".join(caption.split()),
        "source": source or "",
        "notebook": notebook if notebook is not None else _notebook_for(name),
        "files": ";".join(p.name for p in files.values()),
    })
    return {ext: paths.display_path(p) for ext, p in files.items()}


def _add_source_line(fig: plt.Figure, source: str) -> None:
    """Draw ``Source: …`` below everything else on the figure (tick labels, axis labels, legends)."""
    renderer = fig.canvas.get_renderer()
    bbox = fig.get_tightbbox(renderer)  # inches
    height = fig.get_figheight()
    left = bbox.x0 / fig.get_figwidth()
    fig.text(max(left, 0.0), bbox.y0 / height - 0.02, f"Source: {source}", ha="left", va="top", fontsize=7.5,
             color="#555555", transform=fig.transFigure)


def _update_manifest(folder: Path, row: dict[str, str]) -> None:
    manifest = folder / "manifest.csv"
    rows = read_manifest(folder).to_dict("records") if manifest.exists() else []
    rows = [r for r in rows if r["name"] != row["name"]] + [row]
    rows.sort(key=lambda r: r["name"])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    manifest.write_text(buffer.getvalue(), encoding="utf-8")


def read_manifest(folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """The figures manifest as a DataFrame (empty with the right columns when there is none)."""
    manifest = Path(folder if folder is not None else paths.FIGURES) / "manifest.csv"
    if not manifest.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    return pd.read_csv(manifest, dtype=str, keep_default_na=False)
