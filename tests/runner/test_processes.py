"""Child-process plumbing that runs without a container: fd placement."""

from __future__ import annotations

import ast
import os

from grader.runner.pipes import CallPipes
from grader.runner.processes import place_fds


def test_placed_fds_survive_and_every_other_fd_is_closed() -> None:
    pipes = CallPipes.open()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports which fds it still has, then leaves
        try:
            place_fds({1: out_w, 4: pipes.request_w, 5: pipes.response_r})
            open_fds = sorted(int(n) for n in os.listdir("/proc/self/fd"))
            os.write(1, repr(open_fds).encode())
        finally:
            os._exit(0)
    os.close(out_w)
    report = b""
    while chunk := os.read(out_r, 4096):
        report += chunk
    os.waitpid(pid, 0)
    for fd in (out_r, pipes.request_r, pipes.request_w, pipes.response_r, pipes.response_w):
        os.close(fd)
    # 0 and 2 are inherited; 3 is the descriptor listdir opened on /proc/self/fd.
    assert ast.literal_eval(report.decode()) == [0, 1, 2, 3, 4, 5]
