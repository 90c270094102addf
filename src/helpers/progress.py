"""Progress bars for corpus-scale loops: shown in JupyterLab and in a terminal, silent under tests.

Set ``HELPERS_PROGRESS=0`` to silence them (``make test``, ``make report`` and ``make notebooks`` do, so that
stored notebook outputs stay byte-identical); ``HELPERS_PROGRESS=1`` forces them on.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, TypeVar

T = TypeVar("T")

__all__ = ["progress", "enabled"]


def enabled() -> bool:
    """Whether progress bars are drawn in this process."""
    flag = os.environ.get("HELPERS_PROGRESS", "").strip().lower()
    if flag in {"0", "false", "no", "off"}:
        return False
    if flag in {"1", "true", "yes", "on"}:
        return True
    return "pytest" not in sys.modules and not os.environ.get("PYTEST_CURRENT_TEST")


def progress(iterable: Iterable[T], desc: str | None = None, total: int | None = None, **kwargs) -> Iterable[T]:
    """Wrap ``iterable`` in a tqdm bar (notebook widget in JupyterLab, text in a terminal) when enabled."""
    if not enabled():
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, total=total, mininterval=0.5, **kwargs)
