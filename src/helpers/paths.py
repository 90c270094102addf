"""The one module that knows the project layout.

Notebooks and helpers never build ``'../data/…'`` strings: they ask this module. Relative paths given by a user
(``make report CORPUS=…``, papermill parameters) are taken from the project root, so a notebook runs the same
from ``notebooks/``, from the root, or under nbval.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ROOT", "DATA", "DATA_RAW", "DATA_INTERIM", "DATA_PROCESSED", "DATA_EXTERNAL", "DATA_LABELLED",
    "REPORTS", "FIGURES", "NOTEBOOKS", "SHARED", "PACKAGE_DATA", "Outputs", "outputs", "resolve", "display_path",
]

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(os.path.normpath(os.environ.get("HELPERS_PROJECT_ROOT", Path(__file__).resolve().parents[2])))
DATA = ROOT / "data"
DATA_RAW = DATA / "raw"
DATA_INTERIM = DATA / "interim"
DATA_PROCESSED = DATA / "processed"
DATA_EXTERNAL = DATA / "external"
DATA_LABELLED = DATA / "labelled"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
NOTEBOOKS = ROOT / "notebooks"
#: development data that may be read by path but never committed (absent on a user's fresh clone)
SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class Outputs:
    """Where one run writes: the defaults, or everything under one folder (``make report OUT=…``)."""

    root: Path
    figures: Path
    processed: Path
    interim: Path
    tables: Path

    def __str__(self) -> str:  # printed in notebooks: keep it relative
        return display_path(self.root)


def outputs(output_dir: str | os.PathLike | None = None) -> Outputs:
    """Output folders for a run, created if missing.

    With no ``output_dir``: figures in ``reports/figures``, tables in ``reports/tables``, data in
    ``data/processed`` and ``data/interim``. With ``output_dir``: the same four folders under it.
    """
    if output_dir in (None, ""):
        out = Outputs(REPORTS, FIGURES, DATA_PROCESSED, DATA_INTERIM, REPORTS / "tables")
    else:
        root = resolve(output_dir)
        out = Outputs(root, root / "figures", root / "processed", root / "interim", root / "tables")
    for folder in (out.figures, out.processed, out.interim, out.tables):
        folder.mkdir(parents=True, exist_ok=True)
    return out


def resolve(path: str | os.PathLike) -> Path:
    """An absolute path for ``path``; relative paths are taken from the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (ROOT / p).resolve()


def display_path(path: str | os.PathLike, outside: str = "name") -> str:
    """``path`` relative to the project root when it lies inside it (or in its parent folder, as ``../…``).

    A path elsewhere is shown by its name (``outside="name"``, the default: notebook outputs, figures and tables
    must never carry a machine's absolute path) or in full (``outside="full"``: console and error messages, which
    must name the file the user gave).
    """
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    # normalise ".." without resolving symbolic links: ../shared may be a link to a folder elsewhere
    p = Path(os.path.normpath(p))
    for base, prefix in ((ROOT, ""), (ROOT.parent, "../")):
        try:
            return prefix + p.relative_to(base).as_posix()
        except ValueError:
            continue
    return p.as_posix() if outside == "full" else p.name
