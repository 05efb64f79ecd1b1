"""One way to read an export, whether the user hands over a zip, a tar.gz, a folder or one file.

Importers ask for members by their path inside the export (``data/manifest.js``); the source
finds them whatever folder the user unpacked into, so ``~/Downloads/twitter-2026-11-01/`` and
``~/Downloads/twitter-2026-11-01/data/`` both work.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, cast

from netdash.domain.errors import InvalidInput
from netdash.importers import limits


class BadExport(InvalidInput):
    """An export that is not what its importer expects; the message names file and place."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        super().__init__(f"{where}: {problem}")


class ExportSource:
    """The members of an export, by their path relative to the export's root."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)
        self._zip: zipfile.ZipFile | None = None
        self._tar: tarfile.TarFile | None = None
        self._members: dict[str, str] = {}
        self._folder = check_readable(path)
        if self._folder:
            names = sorted(folder_files(path), key=_path_order)
            self._members = {name: name for name in names}
        elif zipfile.is_zipfile(path):
            try:
                self._zip = zipfile.ZipFile(path)
                infos = self._zip.infolist()
                _check_members(path, len(infos))
                names = [info.filename for info in infos if not info.is_dir()]
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
                self.close()
                raise BadExport(str(path), f"not a readable zip ({error})") from None
            self._members = {name: name for name in names}
        elif (mode := _tar_mode(path)) is not None:
            try:
                self._tar = tarfile.open(path, mode)  # type: ignore[call-overload]  # noqa: SIM115
                names = []
                for number, member in enumerate(self._tar, 1):
                    _check_members(path, number)
                    if member.isfile():
                        names.append(member.name)
            except (tarfile.TarError, OSError, EOFError, ValueError) as error:
                self.close()
                raise BadExport(str(path), f"not a readable archive ({error})") from None
            self._members = {name.removeprefix("./"): name for name in names}
        else:
            self._members = {path.name: str(path)}

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._tar is not None:
            self._tar.close()

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def names(self) -> list[str]:
        return list(self._members)

    def find(self, relative: str) -> str | None:
        """The member whose path ends with ``relative`` (shortest such path), if any."""
        wanted = PurePosixPath(relative).parts
        best: str | None = None
        for name in self._members:
            parts = PurePosixPath(name).parts
            if parts[-len(wanted) :] == wanted and (best is None or len(name) < len(best)):
                best = name
        return best

    def glob(self, folder_suffix: str, pattern: str) -> list[str]:
        """Members in a folder ending with ``folder_suffix`` whose name matches ``pattern``."""
        folder = PurePosixPath(folder_suffix).parts
        found = []
        for name in self._members:
            path = PurePosixPath(name)
            parent = path.parent.parts
            if parent[-len(folder) :] == folder and path.match(pattern):
                found.append(name)
        return sorted(found, key=_natural)

    def member_time(self, member: str) -> str | None:
        """When a member was written (the export's own clock), as an ISO UTC timestamp."""
        from datetime import UTC, datetime

        target = self._members[member]
        if self._zip is not None:
            stamp = datetime(*self._zip.getinfo(target).date_time, tzinfo=UTC)
        elif self._tar is not None:
            stamp = datetime.fromtimestamp(self._tar.getmember(target).mtime, UTC)
        else:
            stamp = datetime.fromtimestamp(Path(self._file(target)).stat().st_mtime, UTC)
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def where(self, member: str) -> str:
        """How to name a member in an error message."""
        if self.path.is_dir() or self._zip is not None or self._tar is not None:
            return f"{self.label}:{member}"
        return self.label

    def _file(self, target: str) -> str:
        """The path of a member of a folder (kept relative, to hold less), or of the file."""
        return os.path.join(self.path, target) if self._folder else target

    @contextmanager
    def open(self, member: str) -> Iterator[IO[bytes]]:
        """A member's bytes; an archive member that grows more than limits.MAX_RATIO times its
        compressed size as it is read is refused (a zip bomb), counted on what is really read."""
        target = self._members[member]
        where = self.where(member)
        try:
            if self._zip is not None:
                with self._zip.open(target) as handle:
                    yield _inflation_checked(handle, where, _zip_read(self._zip, target, handle))
            elif self._tar is not None:
                extracted = self._tar.extractfile(target)
                if extracted is None:
                    raise BadExport(where, "cannot be read")
                archive_size = self.path.stat().st_size
                with extracted:
                    yield _inflation_checked(extracted, where, lambda: archive_size)
            else:
                with open(self._file(target), "rb") as handle:
                    yield handle
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            raise BadExport(self.where(member), f"cannot be read ({error})") from None

    def read_text(self, member: str, cap: int | None = None) -> str:
        """A member's text, UTF-8 (a BOM is dropped); refuses bytes that are not UTF-8, and a
        member larger than ``cap`` (limits.MAX_DOCUMENT_BYTES unless said)."""
        where = self.where(member)
        with self.open(member) as handle:
            data = read_capped(handle, where, limits.MAX_DOCUMENT_BYTES if cap is None else cap)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BadExport(where, f"is not UTF-8 text (byte {error.start})") from None

    @contextmanager
    def lines(self, member: str, cap: int) -> Iterator[Iterator[tuple[int, str]]]:
        """A member's lines, one at a time (see :func:`netdash.importers.lines.text_lines`)."""
        from netdash.importers.lines import text_lines  # it reads through this module's caps

        with self.open(member) as handle:
            yield text_lines(handle, self.where(member), cap)


def check_readable(path: Path) -> bool:
    """Whether ``path`` is a folder (True) or a regular file (False) netdash may read; anything
    else (missing, unreadable, a FIFO, a device, a socket) is refused before a byte is read."""
    where = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise BadExport(where, "no such file or folder") from None
    except OSError as error:
        raise BadExport(where, _os_problem(error)) from None
    if stat.S_ISDIR(mode):
        try:
            os.scandir(path).close()
        except OSError as error:
            raise BadExport(where, _os_problem(error)) from None
        return True
    if not stat.S_ISREG(mode):
        raise BadExport(where, "is not a regular file (a FIFO, a device or a socket)")
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise BadExport(where, _os_problem(error)) from None
    return False


def _os_problem(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot be read ({error.strerror or error})"


def folder_files(root: Path) -> Iterator[str]:
    """The files in a folder and its subfolders, as paths relative to it (``data/follower.js``),
    walked lazily: going past limits.MAX_ARCHIVE_MEMBERS files and folders stops the walk.
    Links to folders are not followed; a subfolder that cannot be read is passed over."""
    pending = [""]
    count = 0
    while pending:
        prefix = pending.pop()
        try:
            entries = os.scandir(os.path.join(root, prefix) if prefix else root)
        except OSError as error:
            if prefix and isinstance(error, PermissionError):
                continue
            raise BadExport(str(root), _os_problem(error)) from None
        with entries:
            for entry in entries:
                count += 1
                _check_members(root, count)
                name = prefix + entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(name + "/")
                    elif entry.is_file():
                        yield name
                except OSError:
                    continue  # gone, or a link that cannot be followed: not a file to read


def _path_order(name: str) -> list[str]:
    """Folder by folder, as pathlib sorts paths (``a/b`` before ``a-c``)."""
    return name.split("/")


def _zip_read(archive: zipfile.ZipFile, target: str, handle: IO[bytes]) -> Callable[[], int]:
    """How many compressed bytes of a zip member have really been read so far."""
    declared = archive.getinfo(target).compress_size
    try:
        most = os.fstat(archive.fp.fileno()).st_size if archive.fp is not None else declared
    except (OSError, AttributeError, ValueError):
        most = declared

    def read() -> int:
        # CPython's ZipExtFile counts down what it has yet to read of the file, and holds what
        # it has read but not yet inflated; without them, count the whole member as read
        left = getattr(handle, "_compress_left", None)
        tail = getattr(getattr(handle, "_decompressor", None), "unconsumed_tail", b"")
        if not isinstance(left, int) or not isinstance(tail, bytes):
            return min(declared, most)
        return max(0, min(declared - left - len(tail), most))

    return read


def _inflation_checked(handle: IO[bytes], where: str, compressed: Callable[[], int]) -> IO[bytes]:
    return cast(IO[bytes], _InflationCheck(handle, where, compressed))


class _InflationCheck(io.RawIOBase):
    """An archive member's bytes, refused (BadExport) once more than limits.RATIO_FREE_BYTES
    have been read and they are more than limits.MAX_RATIO times the compressed bytes read."""

    def __init__(self, handle: IO[bytes], where: str, compressed: Callable[[], int]) -> None:
        super().__init__()
        self.handle = handle
        self.where = where
        self.compressed = compressed
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` (short only at the end), checking every 64 KB inflated: a zip reads
        as much compressed data as is asked for, and a bomb inflates it a thousand times."""
        filled = 0
        while filled < len(buffer):
            data = self.handle.read(min(len(buffer) - filled, 1 << 16))
            if not data:
                break
            self.count += len(data)
            if self.count > limits.RATIO_FREE_BYTES:
                self._check()
            buffer[filled : filled + len(data)] = data
            filled += len(data)
        return filled

    def _check(self) -> None:
        packed = self.compressed()
        if self.count > limits.MAX_RATIO * packed:
            raise BadExport(
                self.where,
                f"grows to more than {limits.MAX_RATIO} times its compressed size"
                f" ({self.count:,} bytes from {packed:,}); no real export compresses"
                " that well: a zip bomb?",
            )


def _check_members(path: Path, count: int) -> None:
    if count > limits.MAX_ARCHIVE_MEMBERS:
        most = limits.MAX_ARCHIVE_MEMBERS
        raise BadExport(str(path), f"holds more than {most:,} files; no real export has as many")


def read_capped(handle: IO[bytes], where: str, cap: int) -> bytes:
    """All of ``handle``, or BadExport if it holds more than ``cap`` bytes (counted as read)."""
    try:
        data = handle.read(cap + 1)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
        raise BadExport(where, f"cannot be read ({error})") from None
    if len(data) > cap:
        raise BadExport(where, f"is larger than {limits.size(cap)}; no real export is")
    return data


class CappedReader(io.RawIOBase):
    """A file handle that refuses to give more than ``cap`` bytes in all (BadExport instead),
    and turns the archive's read errors into BadExport."""

    def __init__(self, handle: IO[bytes], where: str, cap: int) -> None:
        super().__init__()
        self.handle = handle
        self.where = where
        self.cap = cap
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self.handle.read(min(len(buffer), self.cap + 1 - self.count))
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            raise BadExport(self.where, f"cannot be read ({error})") from None
        self.count += len(data)
        if self.count > self.cap:
            raise BadExport(self.where, f"is larger than {limits.size(self.cap)}; no real one is")
        buffer[: len(data)] = data
        return len(data)


_TAR_MAGIC = ((b"\x1f\x8b", "r:gz"), (b"BZh", "r:bz2"), (b"\xfd7zXZ\x00", "r:xz"))


def _tar_mode(path: Path) -> str | None:
    """How to open ``path`` as a tar archive, judged by its first bytes, or None if it is not
    one. (tarfile's own guess reads a file of NUL bytes to its end, taking them for xz padding.)"""
    try:
        with open(path, "rb") as handle:
            start = handle.read(512)
    except OSError:
        return None
    for magic, mode in _TAR_MAGIC:
        if start.startswith(magic):
            return mode
    return "r:" if start[257:262] == b"ustar" else None


def _natural(name: str) -> tuple[object, ...]:
    """followers_2.json before followers_10.json."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def sha256_of(path: Path) -> str:
    """The identity of an export: a file's bytes, or a folder's member names and bytes."""
    digest = hashlib.sha256()
    folder = path.is_dir()
    names = sorted(folder_files(path), key=_path_order) if folder else [""]
    for name in names:
        if folder:
            digest.update(name.encode() + b"\0")
        with open(path / name if folder else path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()
