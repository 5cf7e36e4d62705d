"""Uids for sandboxes: a host-wide pool, so that no two live sandboxes share a candidate uid.

Without a user namespace a container's uid is the host's, and the kernel keys per-user state
by it: `RLIMIT_NPROC` counts every process of the uid on the host, so one candidate's fork bomb
would make another sandbox's candidate fail to fork if both ran as one uid. Each sandbox leases
a slot here: a pair of uids (candidate, harness) from `protocol.FIRST_POOL_UID` up.

A slot is held by an exclusive `flock` on its own lock file in a directory that every grader
process on the host shares (`GRADER_SANDBOX_UID_DIR`). `flock` rather than POSIX record locks:
it belongs to the open file, so two threads of one process conflict too, and the kernel drops
it when the process dies, so a crashed service frees its slots without any clean-up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SandboxFailed
from grader.runner import protocol

DEFAULT_SLOTS = 4096


@dataclass
class UidLease:
    """One slot of the pool, held until `release`: the candidate's and the harness's uid."""

    candidate: int
    harness: int
    _fd: int

    def release(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            os.close(fd)  # closing the only descriptor of the open file drops the lock


class UidPool:
    """Slots 0 .. slots-1; slot n is uids FIRST_POOL_UID + 2n (candidate) and + 2n + 1."""

    def __init__(self, directory: Path, slots: int = DEFAULT_SLOTS) -> None:
        self.directory = directory
        self.slots = slots

    def lease(self) -> UidLease:
        """A free slot, locked for this caller; SandboxFailed when none is free or usable."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            message = f"cannot use the sandbox uid directory {self.directory}: {exc}"
            raise SandboxFailed(message) from None
        start = random.randrange(self.slots)  # noqa: S311  (spreads contention, not a secret)
        for step in range(self.slots):
            slot = (start + step) % self.slots
            fd = self._try(slot)
            if fd is not None:
                first = protocol.FIRST_POOL_UID + 2 * slot
                return UidLease(candidate=first, harness=first + 1, _fd=fd)
        raise SandboxFailed(f"all {self.slots} sandbox uid slots in {self.directory} are in use")

    def _try(self, slot: int) -> int | None:
        path = self.directory / f"slot-{slot}.lock"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise SandboxFailed(f"cannot open the sandbox uid lock {path}: {exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        return fd
