"""The watermark cell: versions of Python and the key packages, printed at the end of every notebook.

The pinned versions come from ``requirements.lock`` (the single source of pins); this prints what is installed.
"""

from __future__ import annotations

import platform
from importlib import metadata

KEY_PACKAGES = (
    "helpers", "pandas", "numpy", "scipy", "matplotlib", "seaborn", "scikit-learn", "vaderSentiment",
    "jupyterlab", "papermill", "nbval",
)

__all__ = ["versions", "show_versions", "KEY_PACKAGES"]


def versions(packages=KEY_PACKAGES) -> dict[str, str]:
    """``{"python": "3.11.x", package: version, …}``; ``"not installed"`` for missing packages."""
    out = {"python": platform.python_version()}
    for name in packages:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def show_versions(packages=KEY_PACKAGES) -> None:
    """Print one ``name version`` line per package, Python first."""
    for name, version in versions(packages).items():
        print(f"{name:<16} {version}")
