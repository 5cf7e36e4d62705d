"""The torch runner image grades like the python one: training, figures, limits, thread pools.

The trust model's basics (network, uid, read-only root, seccomp, environment) are checked in
every image by the tests that take the `linear_each_image` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.bank.question import Question, load_question
from grader.runner.protocol import PNG_MAGIC
from grader.runtime import Runtime
from tests.sandboxes import own_containers, run

pytestmark = pytest.mark.docker

TINY_TRAIN = Path(__file__).parent / "questions" / "torch-tiny-train"

THREADS_PROBE = """
import os
import torch
names = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
print(torch.get_num_threads(), *(os.environ[name] for name in names))
"""


@pytest.fixture(scope="module")
def tiny_train() -> Question:
    return load_question(TINY_TRAIN)


@pytest.fixture(autouse=True)
def no_leftovers() -> object:
    yield
    assert own_containers() == []


def test_a_training_loop_and_its_loss_curve_are_graded_end_to_end(
    runtime: Runtime, tiny_train: Question
) -> None:
    graded = run(runtime, tiny_train, tiny_train.solution)
    result = graded.result
    assert (result.verdict, result.score, result.max_score) == ("passed", 5.0, 5.0)
    assert [(t.name, t.score, t.message) for t in result.tests] == [
        ("loss_curve", 2.0, "The loss curve falls over the epochs."),
        ("accuracy", 3.0, "predict() is right on 99% of the hidden points."),
    ]
    assert graded.diagnostics == []
    assert result.provenance.runner_image.startswith("grader-runner-torch:")
    (figure,) = result.figures
    (axes,) = figure.summary.axes
    assert [(a.kind, a.points) for a in axes.artists] == [("line", 60)]
    assert (axes.xlabel, axes.ylabel) == ("epoch", "training loss")
    assert figure.artifact is not None
    assert graded.artifacts[figure.artifact].startswith(PNG_MAGIC)


def test_a_loop_that_never_steps_the_optimiser_earns_nothing(
    runtime: Runtime, tiny_train: Question
) -> None:
    code = tiny_train.solution.replace("    optimiser.step()\n", "")
    assert code != tiny_train.solution
    graded = run(runtime, tiny_train, code)
    assert (graded.result.verdict, graded.result.score) == ("failed", 0.0)
    assert [(t.name, t.message) for t in graded.result.tests] == [
        ("loss_curve", "The plotted training loss does not fall to half its first value."),
        ("accuracy", "predict() is right on 62% of the hidden points; 90% is needed."),
    ]


@pytest.mark.parametrize("cpus", [1.0, 2.0])
def test_thread_pools_follow_the_sandbox_cpus(
    runtime: Runtime, tiny_train: Question, cpus: float
) -> None:
    graded = run(runtime, tiny_train, THREADS_PROBE, cpus_per_sandbox=cpus)
    threads = int(cpus)
    assert graded.result.stdout.text == f"{threads} {threads} {threads} {threads}\n"


def test_a_tensor_memory_bomb_is_memory_limit_exceeded(
    runtime: Runtime, tiny_train: Question
) -> None:
    graded = run(
        runtime,
        tiny_train,
        """
        import torch
        keep = []
        while True:
            keep.append(torch.ones(25_000_000))
        """,
    )
    assert (graded.result.verdict, graded.result.score) == ("memory_limit_exceeded", 0.0)
    assert graded.diagnostics == []


def test_endless_training_is_time_limit_exceeded_on_cpu_time(
    runtime: Runtime, tiny_train: Question
) -> None:
    graded = run(
        runtime,
        tiny_train,
        """
        import torch
        a = torch.randn(256, 256)
        while True:
            a = torch.tanh(a @ a)
        """,
        max_cpu_seconds=3.0,
    )
    assert (graded.result.verdict, graded.result.score) == ("time_limit_exceeded", 0.0)
    assert graded.result.feedback == (
        "The program used more than its CPU-time limit of 3 s and was stopped."
    )
    # RLIMIT_CPU counts the process's own ticks and the reading comes from the cgroup; on a busy
    # machine the two differ by a few hundred milliseconds, so the bound is on the order, not
    # the tick.
    assert 2400 <= graded.result.resources.cpu_ms <= 5000
