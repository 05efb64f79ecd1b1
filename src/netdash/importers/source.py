"""One way to read an export, whether the user hands over a zip, a tar.gz, a folder or one file.

Importers ask for members by their path inside the export (``data/manifest.js``); the source
finds them whatever folder the user unpacked into, so ``~/Downloads/twitter-2026-11-01/`` and
``~/Downloads/twitter-2026-11-01/data/`` both work.
"""

from __future__ import annotations

import hashlib
import tarfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from netdash.store.errors import InvalidInput


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
        if not path.exists():
            raise BadExport(str(path), "no such file or folder")
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_file():
                    self._members[item.relative_to(path).as_posix()] = str(item)
        elif zipfile.is_zipfile(path):
            try:
                self._zip = zipfile.ZipFile(path)
                names = [info.filename for info in self._zip.infolist() if not info.is_dir()]
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise BadExport(str(path), f"not a readable zip ({error})") from None
            self._members = {name: name for name in names}
        elif _is_tar(path):
            try:
                self._tar = tarfile.open(path)  # noqa: SIM115 - closed by close()
                names = [member.name for member in self._tar.getmembers() if member.isfile()]
            except (tarfile.TarError, OSError, EOFError) as error:
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
            stamp = datetime.fromtimestamp(Path(target).stat().st_mtime, UTC)
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def where(self, member: str) -> str:
        """How to name a member in an error message."""
        if self.path.is_dir() or self._zip is not None or self._tar is not None:
            return f"{self.label}:{member}"
        return self.label

    @contextmanager
    def open(self, member: str) -> Iterator[IO[bytes]]:
        target = self._members[member]
        try:
            if self._zip is not None:
                with self._zip.open(target) as handle:
                    yield handle
            elif self._tar is not None:
                extracted = self._tar.extractfile(target)
                if extracted is None:
                    raise BadExport(self.where(member), "cannot be read")
                with extracted:
                    yield extracted
            else:
                with open(target, "rb") as handle:
                    yield handle
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            raise BadExport(self.where(member), f"cannot be read ({error})") from None

    def read_text(self, member: str) -> str:
        """A member's text, UTF-8 (a BOM is dropped); refuses bytes that are not UTF-8."""
        with self.open(member) as handle:
            try:
                data = handle.read()
            except (zipfile.BadZipFile, EOFError, OSError) as error:
                raise BadExport(self.where(member), f"cannot be read ({error})") from None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BadExport(self.where(member), f"is not UTF-8 text (byte {error.start})") from None


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def _natural(name: str) -> tuple[object, ...]:
    """followers_2.json before followers_10.json."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def sha256_of(path: Path) -> str:
    """The identity of an export: a file's bytes, or a folder's member names and bytes."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()
