"""Reading the supervisor's report from an attached container's multiplexed stream."""

from __future__ import annotations

import socket
import struct
import threading
import time

from grader.sandbox.docker import read_stdout


def frame(stream: int, data: bytes) -> bytes:
    return struct.pack(">BxxxI", stream, len(data)) + data


def test_stdout_frames_are_joined_and_stderr_frames_skipped() -> None:
    ours, theirs = socket.socketpair()
    payload = frame(1, b"hel") + frame(2, b"supervisor noise\n") + frame(1, b'lo\n{"a": 1}\n')

    def send() -> None:
        for i in range(0, len(payload), 5):  # headers and bodies split across reads
            theirs.sendall(payload[i : i + 5])
            time.sleep(0.001)
        theirs.close()

    sender = threading.Thread(target=send)
    sender.start()
    assert read_stdout(ours, time.monotonic() + 10, 1024) == b'hello\n{"a": 1}\n'
    sender.join()
    ours.close()


def test_only_the_last_bytes_are_kept() -> None:
    ours, theirs = socket.socketpair()
    theirs.sendall(frame(1, b"x" * 100) + frame(1, b"\nlast line\n"))
    theirs.close()
    assert read_stdout(ours, time.monotonic() + 10, 11) == b"\nlast line\n"
    ours.close()


def test_a_stream_that_does_not_end_in_time_is_none() -> None:
    ours, theirs = socket.socketpair()
    theirs.sendall(frame(1, b"partial"))
    started = time.monotonic()
    assert read_stdout(ours, started + 0.3, 1024) is None
    assert time.monotonic() - started < 2.0
    ours.close()
    theirs.close()
