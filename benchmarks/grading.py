"""Where the time of one grading goes, with a bare container start as the in-process baseline.

Run: .venv/bin/python benchmarks/grading.py [ROUNDS]
Prints medians in milliseconds and ratios to `docker run --rm IMAGE true`, measured in the same
process, so the numbers compare on a shared machine.
"""

from __future__ import annotations

import statistics
import sys
import time

import docker

from grader.bank.question import Bank
from grader.config import Settings
from grader.grading import build_job, effective_limits, interpret
from grader.runtime import Runtime


def main(rounds: int) -> None:
    settings = Settings()
    question = Bank(settings.bank_dir).get("matplotlib-linear-plot")
    runtime = Runtime(settings)
    backend = runtime.backend_for(question)
    client = docker.from_env()
    limits = effective_limits(question.manifest.limits, settings)
    job = build_job(question, question.solution, limits)
    image = runtime.backend("python").image

    baseline, prepare, execute, close, total, candidate, harness, supervisor = (
        [] for _ in range(8)
    )
    for _ in range(rounds):
        t0 = time.perf_counter()
        client.containers.run(image, entrypoint=["true"], remove=True, network_mode="none")
        baseline.append((time.perf_counter() - t0) * 1000)

        t0 = time.perf_counter()
        sandbox = backend.prepare(limits)
        t1 = time.perf_counter()
        run = sandbox.execute(job)
        t2 = time.perf_counter()
        sandbox.close()
        t3 = time.perf_counter()
        graded = interpret(question, limits, run)
        assert graded.result.score == 10.0, graded.diagnostics
        envelope = run.envelope
        assert envelope is not None and "candidate" in envelope
        prepare.append((t1 - t0) * 1000)
        execute.append((t2 - t1) * 1000)
        close.append((t3 - t2) * 1000)
        total.append((t3 - t0) * 1000)
        candidate.append(float(envelope["candidate"]["wall_ms"]))
        harness.append(float(envelope.get("harness_ms", 0)))
        supervisor.append(float(envelope.get("supervisor_ms", 0)))

    base = statistics.median(baseline)
    print(f"rounds: {rounds}, question: {question.id}, answer: reference solution")
    rows = [
        ("baseline: docker run --rm IMAGE true", baseline),
        ("grading, end to end", total),
        ("  prepare (create + start container)", prepare),
        ("  execute (job in, report out)", execute),
        ("    supervisor inside the container", supervisor),
        ("      candidate program (incl. figure capture)", candidate),
        ("      hidden tests (harness process)", harness),
        ("  close (remove container)", close),
    ]
    for name, values in rows:
        median = statistics.median(values)
        print(f"{name:<50} median {median:7.0f} ms   {median / base:5.2f}x baseline")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
