"""Read and write reports: one entry point, a registry of formats.

Codecs parse and render; they never judge (that is :mod:`govinfo_report.rules`).
Every codec module exports ``loads(text, *, lenient=False, source=None)``
and, where it can write, ``dumps(report)``; the binary formats (PDF, Word)
read and write bytes instead of text.  :data:`FORMATS` lists them;
``load``/``loads`` detect the format from the content (a binary file by its
bytes: ``%PDF-``, a zip archive holding ``word/document.xml``) unless
``format=`` is given.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from govinfo_report.codecs._decode import decode
from govinfo_report.codecs._detect import detect_format
from govinfo_report.codecs._entry_points import (
    dump,
    dumps,
    iter_load,
    iter_loads,
    load,
    loads,
)
from govinfo_report.codecs._registry import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    MAX_FILE_BYTES,
    Codec,
    format_of_name,
    reader_formats,
    writer_formats,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "MAX_FILE_BYTES",
    "Codec",
    "decode",
    "detect_format",
    "dump",
    "dumps",
    "format_of_name",
    "iter_load",
    "iter_loads",
    "load",
    "loads",
    "reader_formats",
    "writer_formats",
]
