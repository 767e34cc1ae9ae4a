"""Where documents come from: files, folders (recursive) and RSS/Atom feeds.

``iter_documents`` yields ``(doc_id, bytes | str)`` for documents and ``(doc_id, DocumentError)``
for what cannot be read, so one bad file never stops a batch. Nothing touches the network:
a feed is read from a local file, each entry becoming one document.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DOC_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".md"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
MAX_FILE_BYTES = 50 * 1024 * 1024  # a pasted 10 MB text is fine; a 1 GB dump is refused, not loaded

ERR_NOT_FOUND = "找不到文件或文件夹：{path}"
ERR_UNREADABLE = "无法读取文件：{path}（{reason}）"
ERR_TOO_LARGE = "文件过大（{size} MB），单个文件不能超过 {limit} MB。"
ERR_FEED = "RSS/Atom 订阅文件无法解析：{reason}"


@dataclass(frozen=True, slots=True)
class DocumentError:
    """A document that could not be read; ``message`` is shown to officers (Chinese)."""

    message: str


Item = tuple[str, "bytes | str | DocumentError"]


def iter_documents(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """Each document under ``paths``: files as bytes, feed entries as HTML/text strings."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOC_SUFFIXES
            ):
                yield from _from_file(child)
        elif path.is_file():
            yield from _from_file(path)
        else:
            yield str(path), DocumentError(ERR_NOT_FOUND.format(path=path))


def _from_file(path: Path) -> Iterator[Item]:
    doc_id = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield (
                doc_id,
                DocumentError(
                    ERR_TOO_LARGE.format(size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024))
                ),
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield (
            doc_id,
            DocumentError(ERR_UNREADABLE.format(path=path, reason=exc.strerror or exc.__class__.__name__)),
        )
        return
    if path.suffix.lower() in FEED_SUFFIXES or (
        path.suffix.lower() not in (".html", ".htm") and is_feed(data)
    ):
        entries = list(feed_entries(data, doc_id))
        if entries:
            yield from entries
            return
    yield doc_id, data


def is_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return (
        head.startswith(b"<?xml")
        and (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower())
        or head.startswith((b"<rss", b"<feed"))
    )


def feed_entries(data: bytes, doc_id: str) -> Iterator[Item]:
    """One document per RSS/Atom entry: title + content (or summary), id ``file#n``."""
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser can raise from its XML backends
        yield doc_id, DocumentError(ERR_FEED.format(reason=exc.__class__.__name__))
        return
    if not feed.entries:
        if feed.get("bozo") and (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower()):
            reason = str(feed.get("bozo_exception", "格式错误"))[:80]
            yield doc_id, DocumentError(ERR_FEED.format(reason=reason))
        return
    for n, entry in enumerate(feed.entries, start=1):
        title = entry.get("title", "")
        body = ""
        if entry.get("content"):
            body = "\n".join(c.get("value", "") for c in entry["content"])
        body = body or entry.get("summary", "") or entry.get("description", "")
        link = entry.get("link") or entry.get("id") or ""
        ident = f"{doc_id}#{n}" + (f" {link}" if link else "")
        # keep the title on its own line: it is where the stage and place of the news usually are
        yield ident, f"<html><body><h1>{_escape(title)}</h1><div>{body}</div></body></html>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
