"""The same CPU-bound answer graded alone and beside busy sandboxes: what the wall clock charges.

Run: .venv/bin/python benchmarks/busy_host.py [ROUNDS] [HOGS]
Grades one answer (about 2 s of CPU, then the expected line) ROUNDS times alone, then ROUNDS
times beside HOGS containers that each spin one process (default: twice the host's CPUs).
Prints medians of the wall time, the wait forgiven as waiting for a CPU, the charged time (wall
less the wait) and the CPU time, each busy figure as a ratio to the idle one of the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import textwrap

from grader.bank.question import Bank
from grader.config import Settings
from grader.grading import grade
from grader.results import Resources
from grader.runtime import Runtime

ANSWER = textwrap.dedent(
    """
    import time
    while time.process_time() < 1.5:
        pass
    import matplotlib.pyplot as plt
    plt.plot([0, 10], [1, 21]); plt.xlabel("x"); plt.ylabel("y"); plt.title("y = 2x + 1")
    """
)


def _rounds(runtime: Runtime, settings: Settings, rounds: int) -> list[Resources]:
    question = Bank(settings.bank_dir).get("matplotlib-linear-plot")
    used = []
    for _ in range(rounds):
        graded = grade(question, ANSWER, backend=runtime.backend_for(question), settings=settings)
        assert graded.result.verdict == "passed", (graded.result.verdict, graded.diagnostics)
        used.append(graded.result.resources)
    return used


def _medians(used: list[Resources]) -> dict[str, float]:
    return {
        "wall": statistics.median(r.wall_ms for r in used),
        "cpu_wait": statistics.median(r.cpu_wait_ms for r in used),
        "charged": statistics.median(r.wall_ms - r.cpu_wait_ms for r in used),
        "cpu": statistics.median(r.cpu_ms for r in used),
    }


def main(rounds: int, hogs: int) -> None:
    settings = Settings()
    runtime = Runtime(settings)
    image = runtime.backend("python").image
    idle = _medians(_rounds(runtime, settings, rounds))
    containers = [
        runtime.client.containers.run(
            image,
            entrypoint=["/opt/venv/bin/python", "-c", "while True: pass"],
            detach=True,
            network_mode="none",
            user="65534",
        )
        for _ in range(hogs)
    ]
    try:
        busy = _medians(_rounds(runtime, settings, rounds))
    finally:
        for container in containers:
            container.remove(force=True)
    print(f"{rounds} rounds each, {hogs} busy sandboxes on {os.cpu_count()} CPUs; medians in ms")
    print(f"{'':10} {'idle':>8} {'busy':>8} {'busy/idle':>10}")
    for name in ("wall", "cpu_wait", "charged", "cpu"):
        ratio = f"{busy[name] / idle[name]:.2f}x" if idle[name] else "-"
        print(f"{name:10} {idle[name]:8.0f} {busy[name]:8.0f} {ratio:>10}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 5,
        int(sys.argv[2]) if len(sys.argv) > 2 else 2 * (os.cpu_count() or 1),
    )
