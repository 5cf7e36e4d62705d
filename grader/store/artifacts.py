"""Artifact storage: figure PNGs and other files a grading produced, by submission and name."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import Engine

from grader.errors import ArtifactNotFound
from grader.store.db import Sessions, utcnow
from grader.store.tables import ArtifactRow

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class ArtifactStore(Protocol):
    """Where artifacts live."""

    def put(self, owner: str, name: str, data: bytes) -> None:
        """Store `data` under `owner`/`name`, replacing any earlier copy atomically."""

    def get(self, owner: str, name: str) -> bytes:
        """The artifact's bytes, or ArtifactNotFound."""


def _check(owner: str, name: str) -> None:
    if not NAME_PATTERN.match(owner) or not NAME_PATTERN.match(name) or ".." in name:
        raise ArtifactNotFound(f"there is no artifact {name!r}")


class DirectoryArtifactStore:
    """Artifacts as files under one directory: ROOT/OWNER/NAME."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, owner: str, name: str, data: bytes) -> None:
        _check(owner, name)
        directory = self.root / owner
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, directory / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def get(self, owner: str, name: str) -> bytes:
        _check(owner, name)
        try:
            return (self.root / owner / name).read_bytes()
        except FileNotFoundError:
            raise ArtifactNotFound(f"there is no artifact {name!r} for this submission") from None


class MemoryArtifactStore:
    """Artifacts in a dict, for unit tests."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], bytes] = {}

    def put(self, owner: str, name: str, data: bytes) -> None:
        _check(owner, name)
        self.items[(owner, name)] = data

    def get(self, owner: str, name: str) -> bytes:
        _check(owner, name)
        try:
            return self.items[(owner, name)]
        except KeyError:
            raise ArtifactNotFound(f"there is no artifact {name!r} for this submission") from None


class DatabaseArtifactStore:
    """Artifacts as rows of the `artifacts` table, so any process on any host serves them."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = Sessions(engine)

    def put(self, owner: str, name: str, data: bytes) -> None:
        _check(owner, name)
        with self._sessions.begin() as session:
            row = session.get(ArtifactRow, (owner, name))
            if row is None:
                session.add(ArtifactRow(owner=owner, name=name, data=data, created_at=utcnow()))
            else:
                row.data = data
                row.created_at = utcnow()

    def get(self, owner: str, name: str) -> bytes:
        _check(owner, name)
        with self._sessions.read() as session:
            row = session.get(ArtifactRow, (owner, name))
            if row is None:
                raise ArtifactNotFound(f"there is no artifact {name!r} for this submission")
            return bytes(row.data)
