"""The progress bar of the commands that work through many files or reports."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["progress"]


@contextlib.contextmanager
def progress(
    enabled: bool | None, *, total: int | None = None, unit: str = " files"
) -> Iterator[Any]:
    """Yield a tqdm bar on stderr (only on a terminal unless *enabled* says otherwise)."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    with tqdm(
        total=total,
        unit=unit,
        file=sys.stderr,
        disable=not show,
        dynamic_ncols=True,
        mininterval=0.2,
        smoothing=0.05,
    ) as bar:
        yield bar
