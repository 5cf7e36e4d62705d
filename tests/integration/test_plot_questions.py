"""The plot questions of the bank graded end to end: every sample scores exactly as declared."""

from __future__ import annotations

import tomllib

import pytest

from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.grading import grade
from grader.runtime import Runtime
from tests.sandboxes import Gradings

pytestmark = pytest.mark.docker

PLOT_QUESTIONS = (
    "scatter-regression-line",
    "class-balance-bar",
    "hist-box-subplots",
    "confusion-matrix-heatmap",
    "training-curves-plot",
)


def samples() -> list[tuple[str, str, float, str]]:
    from grader.config import PROJECT_ROOT

    found = []
    for question in PLOT_QUESTIONS:
        path = PROJECT_ROOT / "questions" / question / "samples.toml"
        if not path.is_file():
            continue
        for sample in tomllib.loads(path.read_text())["sample"]:
            found.append((question, sample["file"], float(sample["score"]), sample["verdict"]))
    return found


def test_every_plot_question_has_samples_in_every_category() -> None:
    by_question: dict[str, set[str]] = {}
    for question, _, _, verdict in samples():
        by_question.setdefault(question, set()).add(verdict)
    for question in PLOT_QUESTIONS:
        verdicts = by_question.get(question, set())
        assert {"passed", "partial", "runtime_error"} <= verdicts, question


@pytest.mark.parametrize("question_id", PLOT_QUESTIONS)
def test_reference_solution_scores_full_marks(
    gradings: Gradings, bank: Bank, question_id: str
) -> None:
    question = bank.get(question_id)
    graded = gradings.shared(question, question.solution)
    assert (graded.result.score, graded.result.verdict) == (question.manifest.points, "passed")
    assert graded.diagnostics == []


@pytest.mark.parametrize(
    ("question_id", "path", "score", "verdict"),
    samples(),
    ids=[f"{s[0]}:{s[1].removeprefix('samples/')}" for s in samples()],
)
def test_sample_answers_score_exactly(
    gradings: Gradings, bank: Bank, question_id: str, path: str, score: float, verdict: str
) -> None:
    question: Question = bank.get(question_id)
    graded = gradings.shared(question, (question.directory / path).read_text())
    messages = {t.name: (t.score, t.message) for t in graded.result.tests}
    assert (graded.result.score, graded.result.verdict) == (score, verdict), messages
    assert graded.diagnostics == []


SCATTER_DATA = """
import numpy as np
rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)
"""
LABELS_DATA = """
import random
random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
"""
LATENCY_DATA = """
import numpy as np
rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)
"""
CONFUSION_DATA = """
import numpy as np
classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)
"""


@pytest.mark.parametrize(
    ("question_id", "code"),
    [
        pytest.param(
            "scatter-regression-line",
            SCATTER_DATA
            + """
import matplotlib.pyplot as plt
p = np.poly1d(np.polyfit(x, y, 1))
xs = np.sort(x)
plt.plot(x, y, ".")
plt.plot(xs, p(xs))
plt.legend(["data", "fit"])
plt.xlabel("x"); plt.ylabel("y"); plt.title("fit")
""",
            id="scatter-poly1d-legend-list",
        ),
        pytest.param(
            "scatter-regression-line",
            SCATTER_DATA
            + """
import matplotlib.pyplot as plt
A = np.vstack([x, np.ones_like(x)]).T
(m, c), *_ = np.linalg.lstsq(A, y, rcond=None)
fig = plt.figure()
ax = fig.add_subplot(111)
ax.scatter(x.tolist(), y.tolist(), c="k", marker="x", label="samples")
ax.plot([0, 10], [c, 10 * m + c], "--", label="OLS")
ax.set_xlabel("x"); ax.set_ylabel("y"); fig.suptitle("OLS fit"); ax.legend()
""",
            id="scatter-lstsq-line-beyond-the-data",
        ),
        pytest.param(
            "class-balance-bar",
            LABELS_DATA
            + """
import pandas as pd
import matplotlib.pyplot as plt
df = pd.DataFrame({"label": labels})
df["label"].value_counts().sort_index().plot(
    kind="bar", xlabel="class", ylabel="count", title="balance", rot=0
)
plt.show()
""",
            id="class-pandas-kind-bar-sorted-index",
        ),
        pytest.param(
            "class-balance-bar",
            LABELS_DATA
            + """
from collections import Counter
import matplotlib.pyplot as plt
names, counts = zip(*Counter(labels).most_common())
fig, ax = plt.subplots()
ax.bar(range(len(names)), counts, tick_label=names, color=["C0", "C1", "C2", "C3"])
ax.set(xlabel="class", ylabel="images", title="Most common first")
""",
            id="class-tick-label-argument-most-common",
        ),
        pytest.param(
            "class-balance-bar",
            LABELS_DATA
            + """
import numpy as np
import matplotlib.pyplot as plt
names, counts = np.unique(np.array(labels), return_counts=True)
plt.barh(names, counts)
plt.xlabel("count"); plt.ylabel("class"); plt.title("Class counts")
""",
            id="class-barh-numpy-strings",
        ),
        pytest.param(
            "hist-box-subplots",
            LATENCY_DATA
            + """
import matplotlib.pyplot as plt
fig, axes = plt.subplots(1, 2, figsize=(9, 4))
axes[0].boxplot(latency_ms, vert=False)
axes[0].set_title("box")
axes[1].hist(latency_ms, 30, edgecolor="k")
axes[1].set_title("hist"); axes[1].set_xlabel("ms")
""",
            id="hist-box-on-the-left-positional-bins",
        ),
        pytest.param(
            "hist-box-subplots",
            LATENCY_DATA
            + """
import pandas as pd
import matplotlib.pyplot as plt
df = pd.DataFrame({"latency": latency_ms})
fig, (a, b) = plt.subplots(ncols=2)
df.plot(kind="hist", bins=30, ax=a, legend=False, title="Histogram")
a.set_xlabel("latency (ms)")
df.plot(kind="box", ax=b, title="Box plot")
""",
            id="hist-pandas-kind-hist-and-box",
        ),
        pytest.param(
            "confusion-matrix-heatmap",
            CONFUSION_DATA
            + """
import matplotlib.pyplot as plt
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix
cm = confusion_matrix(y_true, y_pred)
disp = ConfusionMatrixDisplay(cm, display_labels=classes)
disp.plot(cmap=plt.cm.Blues, colorbar=True)
plt.title("Confusion matrix")
plt.show()
""",
            id="confusion-sklearn-matrix-then-display",
        ),
        pytest.param(
            "confusion-matrix-heatmap",
            CONFUSION_DATA
            + """
import pandas as pd
import matplotlib.pyplot as plt
ct = pd.crosstab(y_true, y_pred)
plt.imshow(ct.values, cmap=plt.cm.Oranges, interpolation="nearest")
plt.colorbar(label="count")
ticks = np.arange(len(classes))
plt.xticks(ticks, classes, rotation=45)
plt.yticks(ticks, classes)
plt.xlabel("Predicted label"); plt.ylabel("Actual label"); plt.title("CM")
for i in range(3):
    for j in range(3):
        plt.text(j, i, ct.values[i, j], ha="center")
plt.tight_layout()
""",
            id="confusion-crosstab-imshow-annotated",
        ),
    ],
)
def test_more_correct_styles_get_full_marks(
    runtime: Runtime, bank: Bank, question_id: str, code: str
) -> None:
    question = bank.get(question_id)
    graded = grade(question, code, backend=runtime.backend_for(question), settings=Settings())
    messages = {t.name: t.message for t in graded.result.tests if t.score < t.max_score}
    assert (graded.result.score, graded.result.verdict) == (10.0, "passed"), messages
