"""The environment the supervisor builds for its children: thread pools follow the CPU share."""

from __future__ import annotations

from grader.runner import protocol
from grader.runner.environment import base_env, thread_count


def _limits(cpus: float) -> protocol.Limits:
    return {
        "wall_seconds": 1.0,
        "cpu_seconds": 1.0,
        "processes": 8,
        "output_bytes": 1024,
        "file_bytes": 1024,
        "truncate_output": False,
        "cpus": cpus,
    }


def test_numeric_thread_pools_get_the_sandbox_whole_cpus_and_at_least_one() -> None:
    counts = [thread_count(_limits(cpus)) for cpus in (0.5, 1.0, 1.5, 2.0, 4.0)]
    assert counts == [1, 1, 1, 2, 4]


def test_every_thread_pool_variable_follows_the_thread_count() -> None:
    env = base_env("/work", 3)
    pools = {k: v for k, v in env.items() if k.endswith("_NUM_THREADS")}
    assert pools == {"OPENBLAS_NUM_THREADS": "3", "OMP_NUM_THREADS": "3", "MKL_NUM_THREADS": "3"}
