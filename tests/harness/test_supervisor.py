"""Pieces of the supervisor that run without a container: fds, the done line, thread pools."""

from __future__ import annotations

import ast
import os

from grader.harness.supervisor import CallPipes, _done_status, _place_fds, base_env, thread_count


def test_placed_fds_survive_and_every_other_fd_is_closed() -> None:
    pipes = CallPipes.open()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports which fds it still has, then leaves
        try:
            _place_fds({1: out_w, 4: pipes.request_w, 5: pipes.response_r})
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


def test_only_a_well_formed_done_line_counts() -> None:
    assert _done_status(b'{"done": 0}') == 0
    assert _done_status(b'{"done": 1}') == 1
    for forged in (b'{"done": 256}', b'{"done": true}', b'{"done": "0"}', b"[0]", b"{"):
        assert _done_status(forged) is None


def test_numeric_thread_pools_get_the_sandbox_whole_cpus_and_at_least_one() -> None:
    assert [thread_count({"cpus": cpus}) for cpus in (0.5, 1.0, 1.5, 2.0, 4.0)] == [1, 1, 1, 2, 4]


def test_every_thread_pool_variable_follows_the_thread_count() -> None:
    env = base_env("/work", 3)
    pools = {k: v for k, v in env.items() if k.endswith("_NUM_THREADS")}
    assert pools == {"OPENBLAS_NUM_THREADS": "3", "OMP_NUM_THREADS": "3", "MKL_NUM_THREADS": "3"}
