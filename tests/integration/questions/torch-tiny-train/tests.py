"""Hidden tests for torch-tiny-train: the loss curve (2 points) and hidden accuracy (3)."""

import numpy as np
import torch

from grader.authoring import Candidate, Fail, Score, test
from grader.authoring.figures import FigureSet


@test(points=2, name="loss_curve")
def loss_curve(figures: FigureSet):
    lines = [a for a in figures.line_plots() if a.x.size >= 10]
    if not lines:
        raise Fail("No line of at least 10 epochs was found; plot losses against the epoch.")
    x, y = lines[0].finite_points()
    if not np.array_equal(x, np.arange(1, x.size + 1)):
        raise Fail("The loss curve's x values are not the epochs 1, 2, ...")
    if not y[-1] < 0.5 * y[0]:
        raise Fail("The plotted training loss does not fall to half its first value.")
    return Score(1.0, "The loss curve falls over the epochs.")


@test(points=3, name="accuracy")
def accuracy(candidate: Candidate, seed: int):
    # Hidden points, made here with torch: the harness process has the framework too.
    generator = torch.Generator().manual_seed(seed)
    points = torch.randn(500, 2, generator=generator)
    truth = (points[:, 0] + points[:, 1] > 0).long().numpy()
    got = np.asarray(candidate.predict(points.numpy()))
    if got.shape != truth.shape:
        raise Fail(f"predict() returned shape {got.shape}, expected {truth.shape}.")
    share = float(np.mean(got == truth))
    if share < 0.9:
        raise Fail(f"predict() is right on {share:.0%} of the hidden points; 90% is needed.")
    return Score(1.0, f"predict() is right on {share:.0%} of the hidden points.")
