"""The files the program wrote in its work directory, read after its run as the candidate's uid.

Read by a child that has become the candidate's uid, so nothing hidden is readable to it; it
follows no symlink, opens no FIFO, reads only regular files and at most a capped number of
bytes of each.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import os
import select
import signal
import stat
import time
from typing import Any, cast

from grader.runner import protocol
from grader.runner.processes import drop_to, place_fds, wait_for

MAX_FILES = 16
READ_SECONDS = 10.0


def _read_one_file(directory: int, name: str, cap: int) -> protocol.FileReport:
    # O_NOFOLLOW: a symlink the program planted (to a hidden path, say) is not followed;
    # O_NONBLOCK: a FIFO does not hang the reader; only regular files are read.
    try:
        fd = os.open(
            name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY, dir_fd=directory
        )
    except FileNotFoundError:
        return {"error": "missing"}
    except OSError as exc:
        return {"error": "symlink" if exc.errno == errno.ELOOP else "unreadable"}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {"error": "not a regular file"}
        data = bytearray()
        while len(data) <= cap:
            chunk = os.read(fd, min(65536, cap + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    return {
        "data": base64.b64encode(bytes(data[:cap])).decode("ascii"),
        "truncated": len(data) > cap,
    }


def _report_files(names: list[str], cap: int, out_w: int, uid: int) -> None:
    """In the child: read every file and write the report, as JSON, to `out_w`."""
    # As the candidate's uid, nothing hidden is readable; setuid also makes this
    # process non-dumpable, so the candidate's processes cannot trace it.
    drop_to(uid, "/")
    place_fds({3: out_w})
    directory = os.open(protocol.CANDIDATE_DIR, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    found = {name: _read_one_file(directory, name, cap) for name in names}
    data = json.dumps(found).encode()
    view = memoryview(data)
    while view:
        view = view[os.write(3, view) :]


def _collect(out_r: int, limit: int) -> bytearray:
    """What the reader wrote, up to just past `limit` bytes or until its time is up."""
    output = bytearray()
    deadline = time.monotonic() + READ_SECONDS
    os.set_blocking(out_r, False)
    while time.monotonic() < deadline and len(output) <= limit:
        ready, _, _ = select.select([out_r], [], [], 0.1)
        if not ready:
            continue
        chunk = os.read(out_r, 65536)
        if not chunk:
            break
        output += chunk
    return output


def read_files(names: list[str], cap: int, uid: int) -> dict[str, protocol.FileReport]:
    """Read files the program wrote in its work directory, as the candidate's uid, with caps."""
    names = [n for n in names if n and "/" not in n and n not in (".", "..")][:MAX_FILES]
    cap = max(0, min(cap, protocol.MAX_FILE_BYTES))
    if not names:
        return {}
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            _report_files(names, cap, out_w, uid)
        except BaseException:  # noqa: BLE001  (never return into PID 1)
            os._exit(1)
        finally:
            os._exit(0)
    os.close(out_w)
    output = _collect(out_r, len(names) * (cap * 4 // 3 + 1024) + 1024)
    os.close(out_r)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    wait_for(pid, block=True)
    try:
        parsed: Any = json.loads(output)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        return {name: {"error": "unreadable"} for name in names}
    return cast(dict[str, protocol.FileReport], parsed)
