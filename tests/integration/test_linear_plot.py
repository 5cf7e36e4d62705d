"""The linear-plot question graded end to end in real Docker sandboxes."""

from __future__ import annotations

import textwrap
import time
import tomllib

import pytest

from grader.bank.question import Question
from grader.config import Settings
from grader.grading import grade
from grader.results import Graded
from grader.runtime import Runtime
from tests.sandboxes import Gradings, own_containers

pytestmark = pytest.mark.docker


def run(runtime: Runtime, question: Question, code: str) -> Graded:
    return grade(
        question, textwrap.dedent(code), backend=runtime.backend_for(question), settings=Settings()
    )


def scores(graded: Graded) -> dict[str, float]:
    return {t.name: t.score for t in graded.result.tests}


def leftover_containers() -> int:
    return len(own_containers())


def test_reference_solution_scores_full_marks(gradings: Gradings, linear: Question) -> None:
    graded = gradings.shared(linear, linear.solution)
    assert (graded.result.score, graded.result.verdict) == (10.0, "passed")
    assert graded.diagnostics == []
    assert leftover_containers() == 0


def samples(question_dir: str = "questions/matplotlib-linear-plot") -> list[tuple[str, float, str]]:
    from grader.config import PROJECT_ROOT

    raw = tomllib.loads((PROJECT_ROOT / question_dir / "samples.toml").read_text())
    return [(s["file"], float(s["score"]), s["verdict"]) for s in raw["sample"]]


@pytest.mark.parametrize(("path", "score", "verdict"), samples(), ids=[s[0] for s in samples()])
def test_sample_answers_score_exactly(
    gradings: Gradings, linear: Question, path: str, score: float, verdict: str
) -> None:
    graded = gradings.shared(linear, (linear.directory / path).read_text())
    assert (graded.result.score, graded.result.verdict) == (score, verdict)


FULL = {
    "runs": 1.0,
    "line": 2.0,
    "data": 3.0,
    "visible": 1.0,
    "xlabel": 1.0,
    "ylabel": 1.0,
    "title": 1.0,
}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param(
            """
            import matplotlib.pyplot as plt
            import numpy as np
            x = np.linspace(0, 10, 100)
            plt.plot(x, 2 * x + 1)
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            plt.close()
            """,
            FULL,
            id="closed-with-plt-close",
        ),
        pytest.param(
            """
            from matplotlib.figure import Figure
            fig = Figure()
            ax = fig.add_subplot()
            ax.plot([0, 5, 10], [1, 11, 21])
            ax.set_xlabel("x"); ax.set_ylabel("y"); ax.set_title("t")
            fig.savefig("plot.png")
            """,
            FULL,
            id="figure-only-saved-to-file",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            def main():
                xs = range(11)
                plt.plot(list(xs), [2 * x + 1 for x in xs])
                plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
                plt.show()
            if __name__ == "__main__":
                main()
            """,
            FULL,
            id="inside-main-guard-with-show",
        ),
        pytest.param(
            """
            import matplotlib
            matplotlib.use("TkAgg")
            import matplotlib.pyplot as plt
            plt.ion()
            plt.plot([0, 10], [1, 21])
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            plt.pause(30)
            plt.show(block=True)
            """,
            FULL,
            id="tkagg-ion-pause-show-block",
        ),
        pytest.param(
            """
            import pandas as pd
            import numpy as np
            df = pd.DataFrame({"x": np.arange(0, 11)})
            df["y"] = 2 * df["x"] + 1
            df.plot(x="x", y="y", xlabel="x", ylabel="y", title="t")
            """,
            FULL,
            id="pandas-plot",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            fig, ax = plt.subplots()
            ax.axline((0, 1), slope=2)
            ax.set_xlim(0, 10)
            ax.set(xlabel="x", ylabel="y", title="t")
            """,
            FULL,
            id="axline-covering-range",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            plt.plot([2 * x + 1 for x in range(11)])
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            """,
            FULL,
            id="y-values-only-use-indices",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            fig, (a, b) = plt.subplots(1, 2)
            a.bar([1, 2], [3, 4]); a.set_title("bars")
            b.plot([0, 10], [1, 21]); b.set_xlabel("x"); b.set_ylabel("y")
            fig.suptitle("Two panels")
            """,
            FULL,
            id="subplots-data-on-second-axes-suptitle",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            fig, (a, b) = plt.subplots(1, 2)
            a.set_title("other"); a.set_xlabel("x"); a.set_ylabel("y")
            b.plot([0, 10], [1, 21])
            """,
            {**FULL, "xlabel": 0.0, "ylabel": 0.0, "title": 0.0},
            id="labels-on-the-wrong-axes",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            x = list(range(11))
            plt.plot(x, [2 * v + 1 for v in x], "o")
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            """,
            {**FULL, "line": 0.0},
            id="markers-only",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            x = list(range(11))
            plt.step(x, [2 * v + 1 for v in x])
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            """,
            {**FULL, "line": 0.0, "data": 0.0, "visible": 0.0},
            id="step-plot-is-not-a-line",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            import numpy as np
            x = np.linspace(0, 10)
            plt.plot(x, 2 * x + 1, color="white")
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            """,
            {**FULL, "visible": 0.0},
            id="white-line-on-white",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            import numpy as np
            x = np.linspace(0, 10)
            plt.plot(x, 2 * x + 1)
            plt.xlim(20, 30)
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            """,
            {**FULL, "visible": 0.0},
            id="line-outside-view-limits",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            plt.plot([0, 10], [1, 21], "b")
            plt.plot([0, 10], [1, 21], "b")
            plt.xlabel("  "); plt.ylabel("y"); plt.title("t")
            """,
            {**FULL, "xlabel": 0.0},
            id="duplicate-lines-and-blank-xlabel",
        ),
        pytest.param(
            """
            import sys
            import matplotlib.pyplot as plt
            plt.plot([0, 10], [1, 21])
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            sys.exit(0)
            """,
            FULL,
            id="sys-exit-zero",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            import numpy as np
            x = np.linspace(0, 10, 3_000_001)
            plt.plot(x, 2 * x + 1, "k-")
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            """,
            FULL,
            id="three-million-points",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            import numpy as np
            x = np.arange(0, 10.1, 0.1)
            fig = plt.figure()
            ax = fig.add_axes([0.1, 0.1, 0.8, 0.8])
            ax.plot(x, 2.0 * x + 1.0, marker="o", markersize=2)
            ax.axhline(0, color="gray")
            ax.set_title("Linear", loc="left")
            ax.set_xlabel("$x$"); ax.set_ylabel("$y$")
            """,
            FULL,
            id="add-axes-markers-axhline-left-title",
        ),
        pytest.param(
            """
            import matplotlib.pyplot as plt
            plt.xlabel("x"); plt.ylabel("y"); plt.title("t")
            plt.figure()
            plt.plot(range(11), [2 * v + 1 for v in range(11)])
            """,
            {**FULL, "xlabel": 0.0, "ylabel": 0.0, "title": 0.0},
            id="labels-on-an-earlier-figure",
        ),
    ],
)
def test_candidate_styles_score_as_the_rubric_says(
    runtime: Runtime, linear: Question, code: str, expected: dict[str, float]
) -> None:
    started = time.monotonic()
    graded = run(runtime, linear, code)
    assert scores(graded) == expected
    assert graded.diagnostics == []
    assert time.monotonic() - started < 8
    assert graded.result.figures and graded.result.figures[0].artifact is not None


def test_figures_come_back_as_pngs_with_a_summary(runtime: Runtime, linear: Question) -> None:
    graded = run(runtime, linear, linear.solution)
    (figure,) = graded.result.figures
    assert figure.artifact == "figure-1.png"
    png = graded.artifacts["figure-1.png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and figure.bytes == len(png)
    assert (figure.summary.width, figure.summary.height) == (640, 480)
    (axes,) = figure.summary.axes
    assert (axes.xlabel, axes.ylabel, axes.title["center"]) == (
        "x",
        "y",
        "Linear function y = 2x + 1",
    )
    (line,) = axes.artists
    assert (line.kind, line.points, line.x[:3], line.y[:3]) == (
        "line",
        101,
        [0.0, 0.1, 0.2],
        [1.0, 1.2, 1.4],
    )
    assert line.pixels is not None and line.pixels > 100


def test_every_figure_is_captured_including_closed_ones(runtime: Runtime, linear: Question) -> None:
    graded = run(
        runtime,
        linear,
        """
        import matplotlib.pyplot as plt
        for i in range(3):
            fig = plt.figure()
            plt.plot([0, 1], [i, i])
            plt.close(fig)
        plt.figure()
        plt.plot([0, 10], [1, 21])
        """,
    )
    assert len(graded.result.figures) == 4
    assert [f.artifact for f in graded.result.figures] == [f"figure-{i}.png" for i in range(1, 5)]


def test_the_answer_sees_a_plain_python_program(runtime: Runtime, linear: Question) -> None:
    graded = run(
        runtime,
        linear,
        """
        import os, sys
        print(__name__, sys.argv[0], os.getuid() != 0, os.getcwd())
        print(sorted(k for k in os.environ if k.startswith("GRADER")))
        """,
    )
    assert graded.result.stdout.text == "__main__ /work/answer.py True /work\n[]\n"
