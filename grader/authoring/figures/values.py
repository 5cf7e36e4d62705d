"""Values from the candidate made safe to compare and to serialise: text, numbers, tolerances.

Shared by the capture parser, the figure model, the checks and the result's size budget, so
that "blank", "finite" and "close" mean one thing everywhere a candidate's value is judged.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from typing import Any

import numpy as np

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]

# Categories that draw nothing a reader can see: format characters (zero-width spaces and
# joiners, bidi marks), separators, controls, surrogates, private use and unassigned code
# points, and combining marks, which have no base character to sit on in a label of only them.
BLANK_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that render as empty space although their category says otherwise.
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Controls kept in text: a title or label may run over lines.
KEPT_CONTROLS = frozenset("\n\t")

# The largest magnitude a float64 holds; an int beyond it is clamped with a diagnostic.
FLOAT_MAX = sys.float_info.max


def is_blank(value: str) -> bool:
    """No character of `value` is one a reader can see."""
    return all(
        ch.isspace() or ch in BLANK_CHARACTERS or unicodedata.category(ch) in BLANK_CATEGORIES
        for ch in value
    )


def clean_text(value: str) -> str:
    """`value` as text every encoder accepts: lone surrogates become U+FFFD, and control
    characters other than newline and tab are dropped."""
    if value.isprintable() and value.isascii():
        return value  # the common case, without a pass over each character
    out = []
    for ch in value:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        elif (code < 0x20 or 0x7F <= code < 0xA0) and ch not in KEPT_CONTROLS:
            continue
        else:
            out.append(ch)
    return "".join(out)


def finite_number(value: Any) -> float | None:
    """`value` as a finite float: bools, non-numbers, NaN, infinities and ints too large for
    a float read as None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and abs(value) > FLOAT_MAX:
        return None
    result = float(value)
    return result if math.isfinite(result) else None


def within(actual: FloatArray, expected: FloatArray, rtol: float, atol: float) -> BoolArray:
    """Per element: both values finite and |actual - expected| <= atol + rtol * |expected|.

    A non-finite expected value would make the tolerance infinite and accept any value, and a
    non-finite actual value is no point on a plot; neither ever matches.
    """
    with np.errstate(all="ignore"):
        finite = np.isfinite(actual) & np.isfinite(expected)
        tolerance = atol + rtol * np.abs(expected)
        ok = finite & np.isfinite(tolerance) & (np.abs(actual - expected) <= tolerance)
    return np.asarray(ok, dtype=bool)


def all_within(actual: FloatArray, expected: FloatArray, rtol: float, atol: float) -> bool:
    """Same shape, and every element `within` tolerance (see `within`)."""
    if np.shape(actual) != np.shape(expected):
        return False
    return bool(np.all(within(actual, expected, rtol, atol)))
