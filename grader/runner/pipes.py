"""The pipes the supervisor owns: bounded reads of a child's output, and the call pipes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Stream:
    """Bytes read from one child's pipe, keeping a bounded prefix and counting the rest."""

    keep: int
    data: bytearray = field(default_factory=bytearray)
    total: int = 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = self.keep - len(self.data)
        if room > 0:
            self.data += chunk[:room]

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass
class CallPipes:
    """The two pipes between the harness and a candidate that serves calls."""

    request_r: int
    request_w: int
    response_r: int
    response_w: int

    @classmethod
    def open(cls) -> CallPipes:
        request_r, request_w = os.pipe()
        response_r, response_w = os.pipe()
        return cls(request_r, request_w, response_r, response_w)
