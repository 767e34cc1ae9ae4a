"""What an attachment may be: an office document or a picture, checked by name AND by content.

The extension says what the user claims; the first bytes (magic numbers) say what the file is.
Both must agree, so a renamed executable or script is refused before anything is stored.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import PurePath
from typing import IO

from zhaoshang.core.errors import BusinessError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # 20 MB: a scanned approval document, not a video
MAX_ATTACHMENTS_PER_STEP = 10

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls
ZIP = b"PK\x03\x04"  # .docx / .xlsx are zip packages


def _zip_with(prefix: str) -> Callable[[IO[bytes], bytes], bool]:
    def check(stream: IO[bytes], head: bytes) -> bool:
        if not head.startswith(ZIP):
            return False
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as package:
                names = package.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            stream.seek(0)
        return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
    return check


def _starts_with(*magics: bytes) -> Callable[[IO[bytes], bytes], bool]:
    return lambda stream, head: any(head.startswith(m) for m in magics)


# extension → (content type served, check of the content)
ALLOWED: dict[str, tuple[str, Callable[[IO[bytes], bytes], bool]]] = {
    ".pdf": ("application/pdf", _starts_with(b"%PDF-")),
    ".doc": ("application/msword", _starts_with(OLE2)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _zip_with("word/")),
    ".xls": ("application/vnd.ms-excel", _starts_with(OLE2)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _zip_with("xl/")),
    ".jpg": ("image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".png": ("image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
}
ALLOWED_TEXT = "PDF、Word（doc/docx）、Excel（xls/xlsx）、JPG、PNG"


def content_type_for(extension: str) -> str:
    return ALLOWED.get(extension, ("application/octet-stream", None))[0]


def attachment_check(*, name: str, size: int, stream: IO[bytes]) -> str:
    """Validate one upload; return its lower-case extension or raise BusinessError saying why not."""
    shown = PurePath(name).name or "（未命名）"
    extension = PurePath(shown).suffix.lower()
    if extension not in ALLOWED:
        raise BusinessError(f"附件“{shown}”的类型不允许，只能上传 {ALLOWED_TEXT} 文件", field="files")
    if size <= 0:
        raise BusinessError(f"附件“{shown}”是空文件", field="files")
    if size > MAX_ATTACHMENT_BYTES:
        raise BusinessError(f"附件“{shown}”大小为 {size / 1024 / 1024:.1f} MB，超过 "
                            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB 的上限", field="files")
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if not ALLOWED[extension][1](stream, head):
        raise BusinessError(f"附件“{shown}”的内容与扩展名{extension}不符，可能已损坏或被改名，未上传",
                            field="files")
    return extension
