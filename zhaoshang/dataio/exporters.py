"""Registry of export kinds for background export jobs.

An app that offers a large export subclasses ``Exporter`` in ``<app>/exports.py`` and registers
it; the export job runs it later for the user who asked, with the filters they used — the
app's selector scopes the rows again at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, ClassVar

from zhaoshang.core.errors import BusinessError

from .importers import discover_kind

# Above this many rows an export runs as a job with a progress page instead of in the request.
SYNC_EXPORT_LIMIT = 5000


class Exporter:
    kind: ClassVar[str]
    label: ClassVar[str]

    def __init__(self, *, user, params: dict) -> None:
        self.user = user
        self.params = params

    def check_permission(self) -> None:
        if not self.user.sees_business_data:
            raise BusinessError("您的角色不能导出业务数据", status=403)

    def count(self) -> int:
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def filename(self) -> str:
        raise NotImplementedError

    def write(self, target: IO[bytes], *, progress: Callable[[int], None] | None = None) -> int:
        """Write the .xlsx to ``target``; returns the number of rows written."""
        raise NotImplementedError


_REGISTRY: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    _REGISTRY[cls.kind] = cls
    return cls


def exporter_for(kind: str, *, user, params: dict) -> Exporter:
    if kind not in _REGISTRY:
        discover_kind(kind, "exports")
    try:
        return _REGISTRY[kind](user=user, params=params)
    except KeyError:
        raise BusinessError(f"不支持的导出类型：{kind}", status=404) from None
