"""Checks on images and colour maps: imshow, matshow and pcolormesh of an expected matrix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from grader.authoring.checks.locate import Where, axes_of
from grader.authoring.checks.locate import close as _close
from grader.authoring.figures.model import Axes, Image
from grader.authoring.kit import Fail, Score
from grader.runner import protocol


def find_image(
    where: Where, array: Any, *, rtol: float = 1e-6, atol: float = 1e-9
) -> tuple[Axes, Image] | None:
    """An imshow/matshow image or pcolormesh whose values are `array`."""
    expected = np.asarray(array, dtype=np.float64)
    if expected.ndim != 2:
        raise ValueError("find_image compares 2-D arrays")
    for ax in axes_of(where):
        for image in ax.image_items:
            if image.values is None or image.shape != expected.shape:
                continue
            # Sampled as capture.py samples: every step-th row and column.
            rows = max(1, -(-expected.shape[0] // protocol.MAX_IMAGE_SIDE))
            cols = max(1, -(-expected.shape[1] // protocol.MAX_IMAGE_SIDE))
            sampled = expected[::rows, ::cols]
            if sampled.shape == image.values.shape and _close(
                image.values.ravel(), sampled.ravel(), rtol, atol
            ):
                return ax, image
    return None


def image(
    where: Where,
    array: Any,
    *,
    cmap: str | Sequence[str] | None = None,
    what: str = "the matrix",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """An image (imshow, matshow, pcolormesh) of `array`; with `cmap`, in one of those maps."""
    found = find_image(where, array, rtol=rtol, atol=atol)
    if found is None:
        images = [i for ax in axes_of(where) for i in ax.image_items]
        if not images:
            raise Fail(f"No image was found; draw {what} with imshow or matshow.")
        raise Fail(f"An image was found but its values are not {what}.")
    _, shown = found
    if cmap is not None:
        names = [cmap] if isinstance(cmap, str) else list(cmap)
        if (shown.cmap or "").lower() not in [n.lower() for n in names]:
            return Score(
                0.5, f"The image shows {what} but with the colormap '{shown.cmap}', not {names[0]}."
            )
    return Score(1.0, f"The image shows {what}.")
