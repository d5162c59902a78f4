"""The pre-rendered files nginx serves to anonymous readers, and their purge.

Layout under ``settings.PRERENDER_DIR`` (one tree per display variant, see `VARIANTS`)::

    <variant>/<hostname><url path>index.html        a page (a column's first page)
    <variant>/<hostname><url path>index-p<N>.html   page N of a column list (?page=N)
    <variant>/<hostname><url path>index.xml         an RSS feed (<column>/rss/)

Writes and purges are serialised by an ``flock`` on ``.lock`` and a generation number in
``.generation``: a purge bumps the generation before it deletes, and a render that began
before a purge (so may show the old state) is not written. Works across processes on one
machine and on a shared volume.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

VARIANTS = ("std", "elder", "hant", "elder-hant")
_PAGE_FILE = re.compile(r"^index-p([1-9][0-9]{0,4})\.html$")
_SAFE_HOST = re.compile(r"^[a-z0-9.-]{1,253}$")


@dataclass(frozen=True)
class Entry:
    """One thing to refresh: a file of a URL (``name``), every page of a list (``"index*"``),
    or a whole subtree (``"*"``, minus ``exclude`` sub-paths, e.g. the sub-sites of a site)."""

    host: str
    path: str  # URL path, starts and ends with "/"
    name: str = "index.html"
    exclude: tuple[str, ...] = field(default=())

    def url(self) -> str | None:
        """The URL to render again for this entry (host + path + query), or None."""
        match = _PAGE_FILE.match(self.name)
        if match and match.group(1) != "1":
            return f"{self.path}?page={match.group(1)}"
        if self.name == "index.xml" or self.name in ("index.html", "index*", "*"):
            return self.path
        return None


def enabled() -> bool:
    return bool(getattr(settings, "PRERENDER_DIR", None))


def root() -> Path:
    return Path(settings.PRERENDER_DIR)


def variant_of(*, elder: bool, traditional: bool) -> str:
    return VARIANTS[int(elder) + 2 * int(traditional)]


def _safe_parts(host: str, path: str) -> list[str] | None:
    host = host.lower()
    if not _SAFE_HOST.match(host) or ".." in host or not path.startswith("/") or not path.endswith("/"):
        return None
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or "\x00" in p or p.startswith(".") for p in parts):
        return None
    return [host, *parts]


def file_path(variant: str, host: str, path: str, name: str) -> Path | None:
    parts = _safe_parts(host, path)
    if parts is None or variant not in VARIANTS:
        return None
    return root().joinpath(variant, *parts, name)


@contextlib.contextmanager
def _locked():
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    with open(base / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield base
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def generation() -> int:
    try:
        return int((root() / ".generation").read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def write(variant: str, host: str, path: str, name: str, content: bytes, *, since_generation: int) -> bool:
    """Store a rendering, unless a purge happened since it began (it may be stale)."""
    target = file_path(variant, host, path, name)
    if target is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.chmod(tmp, 0o644)
        with _locked():
            if generation() != since_generation:
                return False
            os.replace(tmp, target)
            tmp = None
        return True
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _remove_tree(directory: Path, exclude: list[Path]) -> list[Path]:
    removed = []
    if not directory.is_dir():
        return removed
    if not exclude:
        removed = [p for p in directory.rglob("*") if p.is_file()]
        shutil.rmtree(directory, ignore_errors=True)
        return removed
    for current, dirs, files in os.walk(directory):
        here = Path(current)
        dirs[:] = [d for d in dirs if here / d not in exclude]
        for name in files:
            (here / name).unlink(missing_ok=True)
            removed.append(here / name)
    return removed


def purge(entries) -> list[Path]:
    """Delete the files of these entries in every variant; return what was deleted."""
    removed: list[Path] = []
    entries = list(entries)
    if not entries:
        return removed
    with _locked() as base:
        gen_file = base / ".generation"
        gen_file.write_text(str(generation() + 1))
        for entry in entries:
            parts = _safe_parts(entry.host, entry.path)
            if parts is None:
                continue
            for variant in VARIANTS:
                directory = base.joinpath(variant, *parts)
                if entry.name == "*":
                    excluded = [directory / p.strip("/") for p in entry.exclude if p.strip("/")]
                    removed += _remove_tree(directory, excluded)
                elif entry.name == "index*":
                    if directory.is_dir():
                        for f in directory.iterdir():
                            if f.is_file() and (f.name == "index.html" or _PAGE_FILE.match(f.name)):
                                f.unlink(missing_ok=True)
                                removed.append(f)
                else:
                    names = [entry.name]
                    if entry.name == "index.html":
                        names.append("index-p1.html")  # ?page=1 is the same list page
                    for name in names:
                        f = directory / name
                        if f.is_file():
                            f.unlink(missing_ok=True)
                            removed.append(f)
    return removed


def purge_all() -> None:
    with _locked() as base:
        (base / ".generation").write_text(str(generation() + 1))
        for variant in VARIANTS:
            shutil.rmtree(base / variant, ignore_errors=True)


def stored_files() -> set[str]:
    """Every stored file, relative to the root (for tests, `prerender_status`)."""
    base = root()
    if not base.is_dir():
        return set()
    return {str(p.relative_to(base)) for v in VARIANTS for p in (base / v).rglob("*") if p.is_file()}
