"""The machine-learning questions graded with answers that are not among their samples.

Correct answers written in other common styles must get full marks; answers that type the
visible results by hand must get nothing for them.
"""

from __future__ import annotations

import textwrap

import pytest

from grader.bank.question import Bank
from tests.sandboxes import Gradings

pytestmark = pytest.mark.docker

MOONS_ADAMW_RANDPERM = """
import numpy as np
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(2, 48), nn.GELU(), nn.Linear(48, 1))

    def forward(self, x):
        return self.layers(x).squeeze(-1)


def train(X, y):
    global net
    torch.manual_seed(123)
    X = torch.from_numpy(np.asarray(X, dtype=np.float32))
    y = torch.from_numpy(np.asarray(y, dtype=np.float32))
    net = Net()
    opt = torch.optim.AdamW(net.parameters(), lr=0.03)
    criterion = nn.BCEWithLogitsLoss()
    curve = []
    for _ in range(80):
        order = torch.randperm(len(X))
        epoch_loss = []
        for i in range(0, len(X), 100):
            batch = order[i : i + 100]
            opt.zero_grad()
            loss = criterion(net(X[batch]), y[batch])
            loss.backward()
            opt.step()
            epoch_loss.append(loss.item())
        curve.append(np.mean(epoch_loss))
    return np.array(curve)


def predict(X):
    with torch.no_grad():
        return (torch.sigmoid(net(torch.from_numpy(np.asarray(X, dtype=np.float32)))) > 0.5).numpy()


if __name__ == "__main__":
    from sklearn.datasets import make_moons

    print(train(*make_moons(200, noise=0.25, random_state=0))[-1])
"""

MOONS_HAND_TYPED = """
import torch


def train(X, y):
    return [0.7 * 0.97**epoch for epoch in range(100)]  # a made-up curve, nothing trained


def predict(X):
    return [int(x0 > 0.5) for x0, _ in X]  # a hand-made rule
"""

DEBUG_GRAD_NONE = """
import torch
from torch import nn

BATCH = 50
model = None


def train(X, y, epochs=40):
    global model
    torch.manual_seed(0)
    X = torch.as_tensor(X, dtype=torch.float32)
    y = torch.as_tensor(y, dtype=torch.long)
    model = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Dropout(0.5), nn.Linear(64, 2))
    optimiser = torch.optim.SGD(model.parameters(), lr=0.05)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for epoch in range(epochs):
        model.train()
        total, batches = 0.0, 0
        for start in range(0, len(X), BATCH):
            xb, yb = X[start : start + BATCH], y[start : start + BATCH]
            for p in model.parameters():
                p.grad = None
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimiser.step()
            total += loss.item()
            batches += 1
        losses.append(total / batches)
    return losses


@torch.no_grad()
def predict(X):
    model.eval()
    return model(torch.as_tensor(X, dtype=torch.float32)).argmax(dim=1)
"""

DIGITS_SVC_GAMMA = """
import numpy as np
from sklearn import svm
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


class Flat:
    def __init__(self, model):
        self.model = model

    def predict(self, images):
        return self.model.predict(np.reshape(images, (len(images), -1)))


def train(images, labels):
    return Flat(svm.SVC(gamma=0.001).fit(np.reshape(images, (len(images), -1)), labels))


def evaluate(images, labels):
    a, b, c, d = train_test_split(images, labels, test_size=0.5, shuffle=False)
    return float(np.mean(train(a, c).predict(b) == d))


digits = load_digits()
print("held-out accuracy", evaluate(digits.images, digits.target))
"""

LEAKAGE_CROSS_VALIDATE = """
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def cv_accuracy(X, y):
    pipe = Pipeline([
        ("scale", StandardScaler()),
        ("select", SelectKBest(score_func=f_classif, k=20)),
        ("clf", LogisticRegression(max_iter=1000)),
    ])
    result = cross_validate(pipe, X, y, cv=StratifiedKFold(n_splits=5), scoring="accuracy")
    return result["test_score"].mean()
"""

LEAKAGE_HAND_TYPED = """
def cv_accuracy(X, y):
    return 0.5  # what an honest estimate on noise looks like
"""

CURVES_FIGURE_LEGEND = """
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(12)
epochs = np.arange(1, 31)
train_loss = np.round(1.6 * np.exp(-epochs / 7) + 0.12 + rng.normal(0, 0.01, 30), 4)
val_loss = np.round(1.6 * np.exp(-epochs / 8) + 0.25 + 0.004 * epochs + rng.normal(0, 0.02, 30), 4)
train_acc = np.round(0.97 - 0.55 * np.exp(-epochs / 6) + rng.normal(0, 0.004, 30), 4)
val_acc = np.round(0.91 - 0.5 * np.exp(-epochs / 6) + rng.normal(0, 0.008, 30), 4)
history = dict(train_loss=train_loss, val_loss=val_loss, train_acc=train_acc, val_acc=val_acc)

fig, axs = plt.subplots(1, 2, figsize=(12, 4), constrained_layout=True)
for ax, metric in zip(axs, ["loss", "acc"]):
    ax.plot(epochs, history[f"train_{metric}"], "o-", label=f"Train {metric}")
    ax.plot(epochs, history[f"val_{metric}"], "s--", label=f"Val {metric}")
    ax.set(xlabel="Epoch", ylabel=metric, title=metric.title())
    ax.grid(True)
fig.legend(loc="upper center", ncol=4)
plt.show()
"""


@pytest.mark.parametrize(
    ("question_id", "code", "score", "verdict"),
    [
        pytest.param("torch-train-moons", MOONS_ADAMW_RANDPERM, 10.0, "passed", id="moons-adamw"),
        pytest.param("torch-train-moons", MOONS_HAND_TYPED, 0.0, "failed", id="moons-typed"),
        pytest.param("debug-torch-training", DEBUG_GRAD_NONE, 10.0, "passed", id="debug-none"),
        pytest.param("digits-image-classifier", DIGITS_SVC_GAMMA, 10.0, "passed", id="digits"),
        pytest.param("leakage-cross-validation", LEAKAGE_CROSS_VALIDATE, 10.0, "passed", id="cv"),
        pytest.param("leakage-cross-validation", LEAKAGE_HAND_TYPED, 0.0, "failed", id="cv-typed"),
        pytest.param("training-curves-plot", CURVES_FIGURE_LEGEND, 10.0, "passed", id="curves"),
    ],
)
def test_unseen_answers_score_as_a_careful_grader_would(
    gradings: Gradings, bank: Bank, question_id: str, code: str, score: float, verdict: str
) -> None:
    graded = gradings.fresh(bank.get(question_id), textwrap.dedent(code))
    messages = {t.name: (t.score, t.message) for t in graded.result.tests}
    assert (graded.result.score, graded.result.verdict) == (score, verdict), messages
    assert graded.diagnostics == []
