"""Pixel comparison of a candidate's figure with the reference solution's, with a diff image.

Both figures are rendered by the same capture code in the same runner image (same
matplotlib, fonts, DPI and Agg backend), so differences are the answer's. The comparison
looks at ink, not colour: each render is reduced to where it differs from its background,
pooled into small blocks so a pixel or two of offset does not matter, and the score is the
share of ink of each render that lies near ink of the other.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.figures.model import Figure
from grader.authoring.kit import Artifacts, Fail, Score

Pixels = np.ndarray[Any, np.dtype[np.uint8]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]

INK_THRESHOLD = 40  # a channel this far from the background colour is ink
BLOCK = 4  # pixels per side pooled into one block
REACH = 1  # blocks within which ink of the other render counts as matching
MAX_PANEL_WIDTH = 640


@dataclass(frozen=True)
class Comparison:
    """How alike two renders are, and an image showing where they differ."""

    similarity: float
    diff_png: bytes


def _decode(png: bytes) -> Pixels:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def _resized(pixels: Pixels, width: int, height: int) -> Pixels:
    from PIL import Image

    if pixels.shape[1] == width and pixels.shape[0] == height:
        return pixels
    image = Image.fromarray(pixels).resize((width, height), Image.Resampling.BILINEAR)
    return np.asarray(image, dtype=np.uint8)


def _ink(pixels: Pixels) -> Mask:
    corners = np.stack([pixels[0, 0], pixels[0, -1], pixels[-1, 0], pixels[-1, -1]])
    background = np.median(corners, axis=0)
    distance = np.abs(pixels.astype(np.int16) - background.astype(np.int16)).max(axis=-1)
    return np.asarray(distance > INK_THRESHOLD)


def _pool(mask: Mask) -> Mask:
    rows, cols = -(-mask.shape[0] // BLOCK), -(-mask.shape[1] // BLOCK)
    padded = np.zeros((rows * BLOCK, cols * BLOCK), dtype=bool)
    padded[: mask.shape[0], : mask.shape[1]] = mask
    return np.asarray(padded.reshape(rows, BLOCK, cols, BLOCK).any(axis=(1, 3)))


def _grow(mask: Mask) -> Mask:
    grown = mask.copy()
    padded = np.pad(mask, REACH)
    for dr in range(2 * REACH + 1):
        for dc in range(2 * REACH + 1):
            grown |= padded[dr : dr + mask.shape[0], dc : dc + mask.shape[1]]
    return grown


def _diff_image(reference: Pixels, candidate: Pixels, ref_ink: Mask, cand_ink: Mask) -> bytes:
    """Reference, candidate and an overlay side by side: ink in both is black, only in the
    reference red, only in the candidate blue."""
    from PIL import Image

    overlay = np.full(reference.shape, 255, dtype=np.uint8)
    overlay[ref_ink & cand_ink] = (0, 0, 0)
    overlay[ref_ink & ~cand_ink] = (220, 30, 30)
    overlay[cand_ink & ~ref_ink] = (30, 60, 220)
    gap = np.full((reference.shape[0], 8, 3), 128, dtype=np.uint8)
    joined = np.concatenate([reference, gap, candidate, gap, overlay], axis=1)
    image = Image.fromarray(joined)
    if reference.shape[1] > MAX_PANEL_WIDTH:
        scale = MAX_PANEL_WIDTH / reference.shape[1]
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def compare(reference_png: bytes, candidate_png: bytes) -> Comparison:
    """Compare two renders; the candidate's is scaled to the reference's size first."""
    reference = _decode(reference_png)
    candidate = _resized(_decode(candidate_png), reference.shape[1], reference.shape[0])
    ref_ink, cand_ink = _ink(reference), _ink(candidate)
    ref_blocks, cand_blocks = _pool(ref_ink), _pool(cand_ink)
    total = int(ref_blocks.sum() + cand_blocks.sum())
    if total == 0:
        similarity = 1.0
    else:
        matched = int(
            (ref_blocks & _grow(cand_blocks)).sum() + (cand_blocks & _grow(ref_blocks)).sum()
        )
        similarity = matched / total
    return Comparison(similarity, _diff_image(reference, candidate, ref_ink, cand_ink))


def _rendered(figures: FigureSet, index: int | None) -> Figure | None:
    drawn = [f for f in figures if f.png is not None and f.axes]
    if index is not None:
        return next((f for f in drawn if f.index == index), None)
    return drawn[-1] if drawn else None


def looks_like_reference(
    figures: FigureSet,
    reference: FigureSet,
    artifacts: Artifacts,
    *,
    min_similarity: float = 0.8,
    name: str = "pixels.png",
    figure: int | None = None,
) -> Score:
    """The candidate's figure looks like the reference's render (ink within a block or two).

    Compares the last rendered figure with axes of each (or figure number `figure`), attaches
    the diff image as artifact `name`, and passes at `min_similarity` (0 to 1).
    """
    expected = _rendered(reference, figure)
    if expected is None or expected.png is None:
        raise RuntimeError("the reference solution rendered no figure to compare with")
    shown = _rendered(figures, figure)
    if shown is None or shown.png is None:
        raise Fail("No rendered figure was found to compare with the expected one.")
    result = compare(expected.png, shown.png)
    stored = artifacts.add(name, result.diff_png)
    if result.similarity >= min_similarity:
        return Score(
            1.0, f"The figure looks like the expected one (similarity {result.similarity:.2f})."
        )
    raise Fail(
        f"The figure looks different from the expected one (similarity {result.similarity:.2f}, "
        f"at least {min_similarity:.2f} needed); the image check-{stored} shows both and "
        "where they differ."
    )
