"""Lead mining: news and announcements → projects, investors, amounts, stages, places, with evidence.

The public API is imported lazily so that loading the Django app costs nothing:
``extract_document``, ``ExtractionResult``, ``iter_documents``, ``normalize``, ``decode_bytes``.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "extract_document": "zhaoshang.textmining.extract",
    "ExtractionResult": "zhaoshang.textmining.extract",
    "Project": "zhaoshang.textmining.extract",
    "Aggregate": "zhaoshang.textmining.extract",
    "iter_documents": "zhaoshang.textmining.sources",
    "DocumentError": "zhaoshang.textmining.sources",
    "normalize": "zhaoshang.textmining.normalize",
    "decode_bytes": "zhaoshang.textmining.normalize",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
